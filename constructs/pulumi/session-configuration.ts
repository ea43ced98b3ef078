import * as pulumi from '@pulumi/pulumi';
import { aclFromRoleDefinitions, EndpointAclModel } from '../../src/acl/endpoint-acl';
import { EndpointArtifacts, endpointArtifacts, endpointNameProblem } from '../../src/jea/endpoint';
import { ValidationError } from '../../src/jea/issues';
import { JeaModuleModel } from '../../src/jea/jea-module';
import { CapabilityModel, ExecutionPolicy, LanguageMode, RequiredGroups, SessionConfigurationModel, SessionType } from '../../src/jea/model';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import type { IJeaPrincipal, RunAs } from '../cdktf/session-configuration';
import { afterDeclarations, JeaComponent, JeaComponentOptions } from './component';
import { roleGrants, runAsFields } from './endpoint-declaration';
import { EndpointAcl } from './endpoint-acl';
import { endpointFiles, OutputFile } from './endpoint-files';
import { JeaModule } from './jea-module';
import { RoleCapability } from './role-capability';

export type { IJeaPrincipal, RunAs };

/** One RoleDefinitions entry: a principal and what it is granted. */
export interface RoleDefinition {
  /** DOMAIN\name, a SID, an SDDL alias, or a principal component (a {@link JitGroupEligibility} with principalName). */
  readonly principal: string | IJeaPrincipal;
  /** Role capabilities, each carried by a {@link JeaModule}. @default none */
  readonly roleCapabilities?: readonly RoleCapability[];
  /** Absolute paths of .psrc files already on the host. @default none */
  readonly roleCapabilityFiles?: readonly string[];
  /** Capabilities granted inline, without a role capability file. @default none */
  readonly capabilities?: CapabilityModel;
}

/** Props of {@link SessionConfiguration}: every .pssc key, typed, as the cdktf SessionConfiguration takes them. */
export interface SessionConfigurationProps extends CapabilityModel {
  /** The endpoint name clients connect to (`Enter-PSSession -ConfigurationName`). @default the component name */
  readonly name?: string;
  /** @default 'RestrictedRemoteServer' */
  readonly sessionType?: SessionType;
  /** The identity commands run as; required so that pass-through never happens by accident. */
  readonly runAs: RunAs;
  /** Who gets which roles. At least one. */
  readonly roleDefinitions: readonly RoleDefinition[];
  /** Groups a user must be in (and/or) to connect at all. @default none */
  readonly requiredGroups?: RequiredGroups;
  /** Where session transcripts go (absolute path). @default no transcripts */
  readonly transcriptDirectory?: string;
  /** @default false */
  readonly mountUserDrive?: boolean;
  /** Bytes, with mountUserDrive. @default PowerShell's 50000000 */
  readonly userDriveMaximumSize?: number;
  /** @default PowerShell's choice for the session type (NoLanguage for RestrictedRemoteServer) */
  readonly languageMode?: LanguageMode;
  /** @default PowerShell's default */
  readonly executionPolicy?: ExecutionPolicy;
  /** @default none */
  readonly description?: string;
  /** @default none */
  readonly author?: string;
  /** @default none */
  readonly companyName?: string;
  /** @default none */
  readonly copyright?: string;
  /** Who may connect. @default derived from roleDefinitions, as Register-PSSessionConfiguration does */
  readonly acl?: EndpointAcl;
}

/**
 * A JEA endpoint: its session configuration (.pssc), the modules that carry its roles, its ACL,
 * and the scripts that install and register it. Its `files` are byte for byte what the cdktf
 * SessionConfiguration writes under `cdktf.out/stacks/<stack>/jea/<endpoint>/` when the paths
 * match; write them with {@link writeEndpointFiles}. Modules may be declared after the endpoint
 * (before the program's next `await`): the files are computed when first needed.
 */
export class SessionConfiguration extends JeaComponent {
  /** The endpoint name. */
  readonly name: string;
  /** The validated .pssc model. */
  readonly model: SessionConfigurationModel;
  /** The effective ACL (explicit entries or derived from RoleDefinitions; RequiredGroups applied). */
  readonly acl: EndpointAclModel;
  /**
   * The identity of the files the install script carries. An invalid endpoint fails the program
   * when this resolves (unless artifacts() or files already threw its error).
   */
  declare readonly bundleSha256: pulumi.Output<string | undefined>;
  private readonly roles: readonly RoleCapability[];
  private built?: EndpointArtifacts;
  /** Whether a caller of artifacts() or files already got the endpoint's error (it is reported once). */
  private reported = false;

  constructor(name: string, props: SessionConfigurationProps, opts?: JeaComponentOptions) {
    super('jeajit:jea:SessionConfiguration', name, opts);
    this.name = props.name ?? name;
    const nameProblem = endpointNameProblem(this.name);
    if (nameProblem) throw new ValidationError([{ path: this.path, field: 'name', value: this.name, reason: nameProblem }]);
    const { name: _name, runAs, roleDefinitions, acl, sessionType, ...rest } = props;
    void _name;
    this.roles = roleDefinitions.flatMap((d) => d.roleCapabilities ?? []);
    const roles = roleGrants(
      roleDefinitions.map((d) => ({
        principal: typeof d.principal === 'string' ? d.principal : d.principal.principalName,
        roleNames: (d.roleCapabilities ?? []).map((r) => r.roleName),
        ...(d.roleCapabilityFiles ? { roleCapabilityFiles: d.roleCapabilityFiles } : {}),
        ...(d.capabilities ? { capabilities: d.capabilities } : {}),
      })),
    );
    this.model = defineSessionConfiguration(this.path, {
      sessionType: sessionType ?? 'RestrictedRemoteServer',
      ...runAsFields(this.path, runAs),
      roleDefinitions: roles,
      ...rest,
    });
    this.acl = acl
      ? { entries: acl.entries, ...(props.requiredGroups ? { requiredGroups: props.requiredGroups } : {}) }
      : aclFromRoleDefinitions(roles.map(([p]) => p), props.requiredGroups);
    // An endpoint nobody asked files of still fails the program, as its cdktf synth fails.
    const unlessReported = <T>(compute: () => T) => () => {
      try {
        return compute();
      } catch (e) {
        if (this.reported) return undefined;
        throw e;
      }
    };
    this.bundleSha256 = afterDeclarations(unlessReported(() => this.build().bundleSha256));
    this.registerOutputs({
      name: this.name,
      guid: this.model.guid,
      bundleSha256: this.bundleSha256,
      files: afterDeclarations(unlessReported(() => endpointFiles(this.name, this.build()).map((f) => f.path))),
    });
  }

  /** The modules that carry this endpoint's role capabilities. */
  get modules(): JeaModuleModel[] {
    const out: JeaModuleModel[] = [];
    for (const role of this.roles) {
      const module = JeaModule.of(role);
      if (!module) throw new ValidationError([{ path: this.path, field: 'roleDefinitions', value: role.roleName, reason: `role capability ${role.path} is not carried by any JeaModule` }]);
      if (!out.includes(module.model)) out.push(module.model);
    }
    return out;
  }

  /**
   * The endpoint's files and install script (computed once, when first asked for). Throws a
   * ValidationError when a role is carried by no module (or by two).
   */
  artifacts(): EndpointArtifacts {
    try {
      return this.build();
    } catch (e) {
      this.reported = true;
      throw e;
    }
  }

  private build(): EndpointArtifacts {
    this.built ??= endpointArtifacts(this.path, { name: this.name, configuration: this.model, modules: this.modules, acl: this.acl });
    return this.built;
  }

  /** Every file of the endpoint, at `jea/<endpoint>/<file>`, the install script included. */
  get files(): OutputFile[] {
    return endpointFiles(this.name, this.artifacts());
  }
}
