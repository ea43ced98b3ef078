import { Construct } from 'constructs';
import { EndpointAclModel } from '../../src/acl/endpoint-acl';
import { EndpointArtifacts, endpointArtifacts, endpointNameProblem } from '../../src/jea/endpoint';
import { Declared, declared as declaredWhere } from '../../src/jea/declared-at';
import { ValidationError } from '../../src/jea/issues';
import { JeaModuleModel } from '../../src/jea/jea-module';
import { SessionConfigurationModel } from '../../src/jea/model';
import {
  effectiveAcl,
  IJeaPrincipal,
  modulesOfRoles,
  RoleDefinitionOf,
  RunAs,
  SessionConfigurationPropsOf,
  sessionDeclaration,
} from '../../src/jea/props';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import { EndpointAcl } from './endpoint-acl';
import { JeaModule } from './jea-module';
import { RoleCapability } from './role-capability';
import { writeAtSynth } from './stack-files';

/** A principal construct, one RoleDefinitions entry, and the run-as choice (shared with the Pulumi engine). */
export type { IJeaPrincipal, RunAs };
/** One RoleDefinitions entry: a principal and what it is granted. */
export type RoleDefinition = RoleDefinitionOf<RoleCapability>;
/** Props of {@link SessionConfiguration}: every .pssc key, typed. */
export type SessionConfigurationProps = SessionConfigurationPropsOf<RoleCapability, EndpointAcl>;

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
  /** Roles the endpoint names that modules outside this estate provide on the host. */
  readonly externalRoles: readonly string[];
  /** Where the endpoint was declared (construct path, and file:line of the code that made it). */
  readonly declared: Declared;
  private built?: EndpointArtifacts;

  constructor(scope: Construct, id: string, props: SessionConfigurationProps) {
    super(scope, id);
    this.declared = declaredWhere(this.node.path);
    this.name = props.name ?? id;
    const nameProblem = endpointNameProblem(this.name);
    if (nameProblem)
      throw new ValidationError([{ path: this.node.path, field: 'name', value: this.name, reason: nameProblem }]);
    const declared = sessionDeclaration(this.node.path, props, (r: RoleCapability) => r.roleName);
    this.roles = declared.roles;
    this.externalRoles = declared.externalRoles;
    this.model = defineSessionConfiguration(this.node.path, declared.declaration);
    this.acl = effectiveAcl(props.acl?.entries, declared.principals, props.requiredGroups);
    this.node.addValidation({ validate: () => this.problems() });
    writeAtSynth(this, () => {
      const a = this.artifacts();
      return [...a.files, a.installScript].map((f) => ({ path: `jea/${this.name}/${f.path}`, content: f.content }));
    });
  }

  /** The modules that carry this endpoint's role capabilities. */
  get modules(): JeaModuleModel[] {
    return modulesOfRoles(
      this.node.path,
      this.roles,
      (r) => JeaModule.of(r)?.model,
      (r) => ({ roleName: r.roleName, rolePath: r.node.path }),
    );
  }

  /** The endpoint's files and install script (computed once). */
  artifacts(): EndpointArtifacts {
    this.built ??= endpointArtifacts(this.node.path, {
      name: this.name,
      configuration: this.model,
      modules: this.modules,
      acl: this.acl,
      externalRoles: this.externalRoles,
      declared: this.declared,
    });
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
