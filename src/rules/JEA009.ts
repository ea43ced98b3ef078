import { resolveGrant } from '../effective/role-lookup';
import { Rule, RuleFinding } from './rule';
import { finding, quote } from './helpers';

/**
 * JEA009: a RoleDefinitions entry names a role capability that no module on the role path
 * provides (or only a module version folder, which JEA never searches). PowerShell then refuses
 * the whole session for everyone the entry matches (CouldNotFindRoleCapability;
 * test/engine/merge-readings.test.ts). Roles an endpoint declares external are left out.
 */
export const JEA009: Rule = {
  id: 'JEA009',
  severity: 'error',
  title: 'A role capability no module on the role path provides',
  help:
    'JEA looks for <PSModulePath entry>\\<Module>\\RoleCapabilities\\<Role>.psrc (never in a version folder). When a named role is not found, ' +
    'PowerShell refuses the session for every user the entry matches. Ship the role in a module, fix the name, or declare it external.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const endpoint of policy.endpoints ?? []) {
      const external = new Set((endpoint.externalRoles ?? []).map((r) => r.toLowerCase()));
      for (const [principal, grant] of endpoint.model?.roleDefinitions ?? []) {
        const { missing } = resolveGrant(endpoint, grant);
        (grant.roleCapabilities ?? []).forEach((name, i) => {
          if (!missing.includes(name) || external.has(name.toLowerCase())) return;
          const versioned = endpoint.roles.find(
            (r) => r.unreachable && r.name.toLowerCase() === name.replace(/^[^\\]+\\/, '').toLowerCase(),
          );
          const why = versioned
            ? `only ${versioned.source.file} has it, ${versioned.unreachable}`
            : 'no module on the role path provides it';
          out.push(
            finding(
              endpoint.source,
              ['RoleDefinitions', principal, 'RoleCapabilities', i],
              `RoleDefinitions ${quote(principal)} names role ${quote(name)}, but ${why}: PowerShell refuses the session for everyone this entry matches`,
            ),
          );
        });
      }
    }
    return out;
  },
};
