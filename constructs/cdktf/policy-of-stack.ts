import { IConstruct } from 'constructs';
import { declaredPolicy, modulesOrNone } from '../../src/policy/declared-policy';
import { PolicySet } from '../../src/policy/policy-set';
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
  const of = <T>(type: abstract new (...args: never[]) => T): T[] =>
    all.filter((c): c is T & IConstruct => c instanceof type);
  const jit = <M>(items: readonly { model: M; node: { path: string } }[]) =>
    items.map((c) => ({ path: c.node.path, model: c.model }));
  return declaredPolicy({
    roles: of(RoleCapability).map((r) => ({
      path: r.node.path,
      roleName: r.roleName,
      module: JeaModule.of(r)?.model.name,
      model: r.model,
    })),
    endpoints: of(SessionConfiguration).map((s) => ({
      path: s.node.path,
      name: s.name,
      model: s.model,
      acl: s.acl,
      modules: modulesOrNone(() => s.modules),
      externalRoles: s.externalRoles,
    })),
    vmJit: jit(of(VmJitAccessPolicy)),
    pim: jit(of(PimRoleEligibility)),
    groups: jit(of(JitGroupEligibility)),
  });
}
