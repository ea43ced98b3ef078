import * as pulumi from '@pulumi/pulumi';
import { EndpointAclModel } from '../../src/acl/endpoint-acl';
import { EndpointArtifacts, endpointArtifacts, endpointNameProblem } from '../../src/jea/endpoint';
import { Declared, declared as declaredWhere } from '../../src/jea/declared-at';
import { ValidationError } from '../../src/jea/issues';
import { JeaModuleModel } from '../../src/jea/jea-module';
import { SessionConfigurationModel } from '../../src/jea/model';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import {
  effectiveAcl,
  IJeaPrincipal,
  modulesOfRoles,
  RoleDefinitionOf,
  RunAs,
  SessionConfigurationPropsOf,
  sessionDeclaration,
} from '../../src/jea/props';
import { afterDeclarations, JeaComponent, JeaComponentOptions } from './component';
import { EndpointAcl } from './endpoint-acl';
import { endpointFiles, OutputFile } from './endpoint-files';
import { JeaModule } from './jea-module';
import { RoleCapability } from './role-capability';

/** A principal construct and the run-as choice, as the cdktf SessionConfiguration takes them. */
export type { IJeaPrincipal, RunAs };

/** One RoleDefinitions entry: a principal and what it is granted. */
export type RoleDefinition = RoleDefinitionOf<RoleCapability>;
/** Props of {@link SessionConfiguration}: every .pssc key, typed, as the cdktf SessionConfiguration takes them. */
export type SessionConfigurationProps = SessionConfigurationPropsOf<RoleCapability, EndpointAcl>;

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
  /** Roles the endpoint names that modules outside this estate provide on the host. */
  readonly externalRoles: readonly string[];
  /** Where the endpoint was declared (component path, and file:line of the code that made it). */
  readonly declared: Declared;
  private built?: EndpointArtifacts;
  /** Whether a caller of artifacts() or files already got the endpoint's error (it is reported once). */
  private reported = false;

  constructor(name: string, props: SessionConfigurationProps, opts?: JeaComponentOptions) {
    super('jeajit:jea:SessionConfiguration', name, opts);
    this.declared = declaredWhere(this.path);
    this.name = props.name ?? name;
    const nameProblem = endpointNameProblem(this.name);
    if (nameProblem)
      throw new ValidationError([{ path: this.path, field: 'name', value: this.name, reason: nameProblem }]);
    const declared = sessionDeclaration(this.path, props, (r: RoleCapability) => r.roleName);
    this.roles = declared.roles;
    this.externalRoles = declared.externalRoles;
    this.model = defineSessionConfiguration(this.path, declared.declaration);
    this.acl = effectiveAcl(props.acl?.entries, declared.principals, props.requiredGroups);
    // An endpoint nobody asked files of still fails the program, as its cdktf synth fails.
    const unlessReported =
      <T>(compute: () => T) =>
      () => {
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
    return modulesOfRoles(
      this.path,
      this.roles,
      (r) => JeaModule.of(r)?.model,
      (r) => ({ roleName: r.roleName, rolePath: r.path }),
    );
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
    this.built ??= endpointArtifacts(this.path, {
      name: this.name,
      configuration: this.model,
      modules: this.modules,
      acl: this.acl,
      externalRoles: this.externalRoles,
      declared: this.declared,
    });
    return this.built;
  }

  /** Every file of the endpoint, at `jea/<endpoint>/<file>`, the install script included. */
  get files(): OutputFile[] {
    return endpointFiles(this.name, this.artifacts());
  }
}
