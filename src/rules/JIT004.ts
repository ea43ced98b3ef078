import { BUILTIN_ROLES, PRIVILEGED_ROLES } from '../jit/builtin-roles';
import { PimEligibilityModel } from '../jit/model';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** The privileged built-in role an eligibility is for (by roleName or by role definition GUID), if any. */
export function privilegedRole(model: PimEligibilityModel): string | undefined {
  const byName = PRIVILEGED_ROLES.find((r) => r.toLowerCase() === (model.roleName ?? '').trim().toLowerCase());
  if (byName) return byName;
  const guid = (model.roleDefinitionGuid ?? '').trim().toLowerCase();
  // a full role definition ID (/subscriptions/.../roleDefinitions/<guid>) ends with the GUID
  return PRIVILEGED_ROLES.find(
    (r) => BUILTIN_ROLES[r] !== undefined && (guid === BUILTIN_ROLES[r] || guid.endsWith(`/${BUILTIN_ROLES[r]}`)),
  );
}

/**
 * JIT004: a privileged Azure role (Owner, User Access Administrator, Contributor, Role Based
 * Access Control Administrator) eligible through PIM and activatable without approval.
 */
export const JIT004: Rule = {
  id: 'JIT004',
  severity: 'error',
  title: 'A privileged role activatable without approval',
  help:
    'These roles control everything in their scope (Owner, User Access Administrator and RBAC Administrator can also grant ' +
    'access), so self-activation makes the eligibility standing access with extra steps. Require approval by a second person.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.pim ?? []) {
      const model = e.model;
      if (!model) continue;
      const role = privilegedRole(model);
      if (!role || (model.activation?.approval?.approvers?.length ?? 0) > 0) continue;
      out.push(
        finding(
          e.source,
          ['activation', 'approval'],
          `the eligibility '${e.name}' for ${role} can be activated without approval; set activation.approval with at least one approver other than the eligible principal`,
        ),
      );
    }
    return out;
  },
};
