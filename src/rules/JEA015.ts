import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** Whether a principal is an administrators group (local, domain or enterprise), by SID, alias or name. */
export function isAdministratorsGroup(principal: string): boolean {
  const p = principal.trim().toLowerCase();
  if (['ba', 'da', 'ea', 's-1-5-32-544', 'builtin\\administrators', 'administrators'].includes(p)) return true;
  if (/^s-1-5-21-\d+-\d+-\d+-(512|519)$/.test(p)) return true;
  const slash = p.lastIndexOf('\\');
  const name = slash < 0 ? p : p.slice(slash + 1);
  return slash >= 0 && ['administrators', 'domain admins', 'enterprise admins'].includes(name);
}

/**
 * JEA015: an administrators group as a RoleDefinitions principal (BA, S-1-5-32-544,
 * BUILTIN\Administrators, DOMAIN\Domain Admins, DOMAIN\Enterprise Admins, DOMAIN\Administrators,
 * the domain RID 512 and 519 SIDs, the DA and EA aliases): its members can do everything outside
 * JEA anyway, so JEA restrains nothing and the role hides who really needs access.
 */
export const JEA015: Rule = {
  id: 'JEA015',
  severity: 'warning',
  title: 'An administrators group as a RoleDefinitions principal',
  help:
    'Administrators can connect to the default, unrestricted endpoint, so a JEA role for them adds no control. Give roles to ' +
    'dedicated groups of the people who need the task, and take those people out of the administrators groups.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      for (const [principal] of e.model?.roleDefinitions ?? []) {
        if (!isAdministratorsGroup(principal)) continue;
        out.push(
          finding(
            e.source,
            ['RoleDefinitions', principal],
            `RoleDefinitions principal '${principal}' is an administrators group, which JEA does not restrain; grant the role to a dedicated group of the people who need it`,
          ),
        );
      }
    }
    return out;
  },
};
