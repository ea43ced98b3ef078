import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/**
 * JEA014: RunAsVirtualAccount without RunAsVirtualAccountGroups: the virtual account is a member
 * of the local Administrators group (Domain Admins on a domain controller).
 */
export const JEA014: Rule = {
  id: 'JEA014',
  severity: 'warning',
  title: 'A virtual account left in the local Administrators group',
  help:
    'By default a JEA virtual account is a local administrator, so any escape from the role is full control of the host. ' +
    'Give RunAsVirtualAccountGroups the groups the commands need (for example Remote Management Users plus a service group).',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      const m = e.model ?? {};
      if (m.runAsVirtualAccount !== true || (m.runAsVirtualAccountGroups?.length ?? 0) > 0) continue;
      out.push(
        finding(
          e.source,
          ['RunAsVirtualAccount'],
          `endpoint '${e.name}' runs as a virtual account without RunAsVirtualAccountGroups, so the account is a local administrator; list the groups the role needs in RunAsVirtualAccountGroups`,
        ),
      );
    }
    return out;
  },
};
