import { Construct } from 'constructs';
import { aclFromRoleDefinitions, EndpointAclModel } from '../../src/acl/endpoint-acl';
import { EndpointArtifacts, endpointArtifacts, endpointNameProblem } from '../../src/jea/endpoint';
import { ValidationError } from '../../src/jea/issues';
import { JeaModuleModel } from '../../src/jea/jea-module';
import { PolicyException } from '../../src/jea/capability-policy';
import { CapabilityModel, ExecutionPolicy, LanguageMode, RequiredGroups, RoleGrant, SessionConfigurationModel, SessionType } from '../../src/jea/model';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import { EndpointAcl } from './endpoint-acl';
import { JeaModule } from './jea-module';
import { RoleCapability } from './role-capability';
import { writeAtSynth } from './stack-files';

/** Something that names a principal, such as a group whose membership JIT grants. */
export interface IJeaPrincipal {
  /** The principal as the host resolves it: DOMAIN\name, a SID or an SDDL alias. */
  readonly principalName: string;
}

/** One RoleDefinitions entry: a principal and what it is granted. */
export interface RoleDefinition {
  /** DOMAIN\name, a SID, an SDDL alias, or a principal construct. */
  readonly principal: string | IJeaPrincipal;
  /** Role capabilities, each carried by a {@link JeaModule}. @default none */
  readonly roleCapabilities?: readonly RoleCapability[];
  /** Absolute paths of .psrc files already on the host. @default none */
  readonly roleCapabilityFiles?: readonly string[];
  /** Capabilities granted inline, without a role capability file. @default none */
  readonly capabilities?: CapabilityModel;
  /** Names of role capabilities that modules outside this app provide on the host. @default none */
  readonly externalRoleCapabilities?: readonly string[];
}

/**
 * Whom the session runs as: a virtual account (optionally in groups instead of local
 * Administrators), a group managed service account, or, only when asked for explicitly, the
 * connecting user's own identity.
 */
export type RunAs =
  | { readonly virtualAccount: true; readonly groups?: readonly string[] }
  | { readonly groupManagedServiceAccount: string }
  | { readonly connectingUser: true };

/** Props of {@link SessionConfiguration}: every .pssc key, typed. */
export interface SessionConfigurationProps extends CapabilityModel {
  /** The endpoint name clients connect to (`Enter-PSSession -ConfigurationName`). @default the construct id */
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
  /** The PowerShell version the session needs (`5.1`). @default any */
  readonly powerShellVersion?: string;
  /** Validate the parameters of visible commands even without constraints. @default false (on with mountUserDrive) */
  readonly enforceInputParameterValidation?: boolean;
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
  /** The file's GUID. @default derived from the construct path (keep the GUID of an imported file) */
  readonly guid?: string;
  /** Checks deferred to their rules (JEA003, JEA006, JEA008), each with a reason, as for imported files. @default none */
  readonly policyExceptions?: readonly PolicyException[];
}

/**
 * A JEA endpoint: its session configuration (.pssc), the modules that carry its roles, its ACL,
 * and the scripts that install and register it. Synthesizes into
 * `cdktf.out/stacks/<stack>/jea/<endpoint>/`.
 */
export class SessionConfiguration extends Construct {
  /** The endpoint name. */
  readonly name: string;
  /** The validated .pssc model. */
  readonly model: SessionConfigurationModel;
  /** The effective ACL (explicit entries or derived from RoleDefinitions; RequiredGroups applied). */
  readonly acl: EndpointAclModel;
  private readonly roles: readonly RoleCapability[];
  private readonly externalRoles: readonly string[];
  private built?: EndpointArtifacts;

  constructor(scope: Construct, id: string, props: SessionConfigurationProps) {
    super(scope, id);
    this.name = props.name ?? id;
    const nameProblem = endpointNameProblem(this.name);
    if (nameProblem) throw new ValidationError([{ path: this.node.path, field: 'name', value: this.name, reason: nameProblem }]);
    const { name: _name, runAs, roleDefinitions, acl, sessionType, ...rest } = props;
    void _name;
    this.roles = roleDefinitions.flatMap((d) => d.roleCapabilities ?? []);
    this.externalRoles = roleDefinitions.flatMap((d) => d.externalRoleCapabilities ?? []);
    const roles: (readonly [string, RoleGrant])[] = roleDefinitions.map((d) => [
      typeof d.principal === 'string' ? d.principal : d.principal.principalName,
      {
        ...(d.roleCapabilities?.length || d.externalRoleCapabilities?.length
          ? { roleCapabilities: [...(d.roleCapabilities ?? []).map((r) => r.roleName), ...(d.externalRoleCapabilities ?? [])] }
          : {}),
        ...(d.roleCapabilityFiles?.length ? { roleCapabilityFiles: d.roleCapabilityFiles } : {}),
        ...d.capabilities,
      },
    ]);
    this.model = defineSessionConfiguration(this.node.path, {
      sessionType: sessionType ?? 'RestrictedRemoteServer',
      ...runAsFields(this.node.path, runAs),
      roleDefinitions: roles,
      ...rest,
    });
    this.acl = acl
      ? { entries: acl.entries, ...(props.requiredGroups ? { requiredGroups: props.requiredGroups } : {}) }
      : aclFromRoleDefinitions(roles.map(([p]) => p), props.requiredGroups);
    this.node.addValidation({ validate: () => this.problems() });
    writeAtSynth(this, () => {
      const a = this.artifacts();
      return [...a.files, a.installScript].map((f) => ({ path: `jea/${this.name}/${f.path}`, content: f.content }));
    });
  }

  /** The modules that carry this endpoint's role capabilities. */
  get modules(): JeaModuleModel[] {
    const out: JeaModuleModel[] = [];
    for (const role of this.roles) {
      const module = JeaModule.of(role);
      if (!module) throw new ValidationError([{ path: this.node.path, field: 'roleDefinitions', value: role.roleName, reason: `role capability ${role.node.path} is not carried by any JeaModule` }]);
      if (!out.includes(module.model)) out.push(module.model);
    }
    return out;
  }

  /** The endpoint's files and install script (computed once). */
  artifacts(): EndpointArtifacts {
    this.built ??= endpointArtifacts(this.node.path, { name: this.name, configuration: this.model, modules: this.modules, acl: this.acl, externalRoles: this.externalRoles });
    return this.built;
  }

  private problems(): string[] {
    try {
      this.artifacts();
      return [];
    } catch (e) {
      if (e instanceof ValidationError) return e.issues.map((i) => new ValidationError([i]).message);
      throw e;
    }
  }
}

/** The .pssc fields of a run-as choice; exactly one kind must be chosen. */
function runAsFields(path: string, runAs: RunAs): Partial<SessionConfigurationModel> {
  const raw = (runAs ?? {}) as Partial<{ virtualAccount: boolean; groups: readonly string[]; groupManagedServiceAccount: string; connectingUser: boolean }>;
  const kinds = [raw.virtualAccount === true, raw.groupManagedServiceAccount !== undefined, raw.connectingUser === true].filter(Boolean).length;
  if (kinds !== 1) {
    throw new ValidationError([
      {
        path,
        field: 'runAs',
        value: runAs,
        reason: 'choose exactly one: { virtualAccount: true, groups? }, { groupManagedServiceAccount: \'DOMAIN\\name\' } or, explicitly, { connectingUser: true }',
      },
    ]);
  }
  return {
    ...(raw.virtualAccount ? { runAsVirtualAccount: true } : {}),
    ...(raw.groups ? { runAsVirtualAccountGroups: raw.groups } : {}),
    ...(raw.groupManagedServiceAccount !== undefined ? { groupManagedServiceAccount: raw.groupManagedServiceAccount } : {}),
  };
}
