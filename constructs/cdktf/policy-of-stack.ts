import { IConstruct } from 'constructs';
import { EndpointEntry, JitEntry, PolicySet, RoleEntry } from '../../src/policy/policy-set';
import { GroupEligibilityModel, PimEligibilityModel, VmJitPolicyModel } from '../../src/jit/model';
import { JeaModule } from './jea-module';
import { JitGroupEligibility } from './jit-group-eligibility';
import { PimRoleEligibility } from './pim-role-eligibility';
import { RoleCapability } from './role-capability';
import { SessionConfiguration } from './session-configuration';
import { VmJitAccessPolicy } from './vm-jit-access-policy';

/**
 * The policy a construct tree declares, as the rules, the effective-rights engine and the review
 * see it: sources are construct paths. An endpoint's roles are those of its modules.
 */
export function policyOf(scope: IConstruct): PolicySet {
  const all = scope.node.findAll();
  const roleEntry = (r: RoleCapability): RoleEntry => {
    const module = JeaModule.of(r)?.model.name;
    return { name: r.roleName, ...(module ? { module } : {}), source: { file: r.node.path }, model: r.model };
  };
  const roles = all.filter((c): c is RoleCapability => c instanceof RoleCapability).map(roleEntry);
  const endpoints: EndpointEntry[] = all
    .filter((c): c is SessionConfiguration => c instanceof SessionConfiguration)
    .map((s) => {
      const modules = new Set(safeModules(s));
      return { name: s.name, source: { file: s.node.path }, model: s.model, acl: s.acl, roles: roles.filter((r) => r.module !== undefined && modules.has(r.module)) };
    });
  const jit = <T>(type: abstract new (...args: never[]) => { model: T; node: { path: string } }): JitEntry<T>[] =>
    all.filter((c) => c instanceof type).map((c) => ({ name: c.node.path, source: { file: c.node.path }, model: (c as unknown as { model: T }).model }));
  return {
    roles,
    endpoints,
    vmJit: jit<VmJitPolicyModel>(VmJitAccessPolicy),
    pim: jit<PimEligibilityModel>(PimRoleEligibility),
    groups: jit<GroupEligibilityModel>(JitGroupEligibility),
  };
}

/** The module names of an endpoint, or none when its roles are not all in modules (reported by its own validation). */
function safeModules(s: SessionConfiguration): string[] {
  try {
    return s.modules.map((m) => m.name);
  } catch {
    return [];
  }
}
