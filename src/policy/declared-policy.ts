import { EndpointAclModel } from '../acl/endpoint-acl';
import { RoleCapabilityModel, SessionConfigurationModel } from '../jea/model';
import { GroupEligibilityModel, PimEligibilityModel, VmJitPolicyModel } from '../jit/model';
import { PolicySet, RoleEntry } from './policy-set';

/** A declared construct of an engine, reduced to what the policy set needs. */
export interface DeclaredRole {
  readonly path: string;
  readonly roleName: string;
  /** The name of the module carrying it, when one does. */
  readonly module?: string;
  readonly model: RoleCapabilityModel;
}

/** A declared endpoint: its model, ACL and the names of the modules its roles come from. */
export interface DeclaredEndpoint {
  readonly path: string;
  readonly name: string;
  readonly model: SessionConfigurationModel;
  readonly acl: EndpointAclModel;
  readonly modules: readonly string[];
  /** Roles it names that modules outside the estate provide. */
  readonly externalRoles?: readonly string[];
}

/** A declared JIT construct: its path and model. */
export interface DeclaredJit<T> {
  readonly path: string;
  readonly model: T;
}

/** What an engine declares (cdktf constructs or Pulumi components), engine-neutral. */
export interface Declarations {
  readonly roles: readonly DeclaredRole[];
  readonly endpoints: readonly DeclaredEndpoint[];
  readonly vmJit: readonly DeclaredJit<VmJitPolicyModel>[];
  readonly pim: readonly DeclaredJit<PimEligibilityModel>[];
  readonly groups: readonly DeclaredJit<GroupEligibilityModel>[];
}

/**
 * The policy set of declarations, as the rules, the effective-rights engine and the review see it:
 * sources are construct paths, and an endpoint's roles are those of its modules.
 */
export function declaredPolicy(d: Declarations): PolicySet {
  const roles: RoleEntry[] = d.roles.map((r) => ({
    name: r.roleName,
    ...(r.module ? { module: r.module } : {}),
    source: { file: r.path },
    model: r.model,
  }));
  const jit = <T>(items: readonly DeclaredJit<T>[]) =>
    items.map((j) => ({ name: j.path, source: { file: j.path }, model: j.model }));
  return {
    roles,
    endpoints: d.endpoints.map((e) => ({
      name: e.name,
      source: { file: e.path },
      model: e.model,
      acl: e.acl,
      roles: roles.filter((r) => r.module !== undefined && e.modules.includes(r.module)),
      ...(e.externalRoles?.length ? { externalRoles: e.externalRoles } : {}),
    })),
    vmJit: jit(d.vmJit),
    pim: jit(d.pim),
    groups: jit(d.groups),
  };
}

/**
 * The module names of an endpoint, or none when its roles are not all carried by modules (the
 * endpoint's own validation reports that; the rules still look at the rest).
 */
export function modulesOrNone(modules: () => readonly { readonly name: string }[]): string[] {
  try {
    return modules().map((m) => m.name);
  } catch {
    return [];
  }
}
