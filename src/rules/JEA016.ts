import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/**
 * Principals that take in (nearly) every account: Everyone, Authenticated Users, plus (a judgement
 * call) Network, BUILTIN\Users and Domain Users, which hold every domain account as well.
 */
export function isEveryone(principal: string): boolean {
  const p = principal.trim().toLowerCase();
  const names = [
    'wd',
    'au',
    'nu',
    'bu',
    'du',
    's-1-1-0',
    's-1-5-11',
    's-1-5-2',
    's-1-5-32-545',
    'everyone',
    'authenticated users',
    'nt authority\\authenticated users',
    'nt authority\\network',
    'builtin\\users',
    '\\everyone',
  ];
  if (names.includes(p)) return true;
  if (/^s-1-5-21-\d+-\d+-\d+-513$/.test(p)) return true;
  return /\\domain users$/.test(p);
}

/**
 * JEA016: an endpoint ACL (when known) that lets in principals without a role: an Allow entry
 * whose principal has no RoleDefinitions entry, or Everyone / Authenticated Users (and other
 * all-accounts groups) as Allow.
 */
export const JEA016: Rule = {
  id: 'JEA016',
  severity: 'warning',
  title: 'The endpoint ACL lets in principals without a role',
  help:
    'Register-PSSessionConfiguration derives the ACL from RoleDefinitions; extra Allow entries let accounts connect that have no ' +
    'role (they get the session-level capabilities only), and Everyone or Authenticated Users lets in every account. Allow only ' +
    'the RoleDefinitions principals.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      if (!e.acl) continue;
      const principals = new Set((e.model?.roleDefinitions ?? []).map(([p]) => p.trim().toLowerCase()));
      (e.acl.entries ?? []).forEach((entry, i) => {
        if (entry.access !== 'Allow') return;
        const path = ['acl', 'entries', i, 'principal'];
        if (isEveryone(entry.principal)) {
          out.push(
            finding(
              e.source,
              path,
              `the ACL of endpoint '${e.name}' allows '${entry.principal}', which is every account; allow only the RoleDefinitions principals`,
            ),
          );
        } else if (!principals.has(entry.principal.trim().toLowerCase())) {
          out.push(
            finding(
              e.source,
              path,
              `the ACL of endpoint '${e.name}' allows '${entry.principal}', which has no RoleDefinitions entry; remove the entry or give the principal a role`,
            ),
          );
        }
      });
    }
    return out;
  },
};
