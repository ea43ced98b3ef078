import { SessionConfigurationModel } from '../jea/model';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** Whether a session configuration grants anything: RoleDefinitions or session-level visible commands. */
export function grantsSomething(m: SessionConfigurationModel): boolean {
  const lists = [m.visibleCmdlets, m.visibleFunctions, m.visibleExternalCommands, m.visibleAliases, m.visibleProviders];
  return (m.roleDefinitions?.length ?? 0) > 0 || lists.some((l) => (l?.length ?? 0) > 0);
}

/**
 * JEA010: a session type other than RestrictedRemoteServer. Empty is fine when the configuration
 * grants something (RoleDefinitions or visible commands); a .pssc without SessionType is Default,
 * a full PowerShell session.
 */
export const JEA010: Rule = {
  id: 'JEA010',
  severity: 'error',
  title: 'A session type other than RestrictedRemoteServer',
  help:
    'SessionType Default loads every command of a full PowerShell session, so role capabilities restrict nothing. Use ' +
    "SessionType = 'RestrictedRemoteServer' (Empty only together with explicit RoleDefinitions or visible commands).",
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      const m = e.model ?? {};
      const type = m.sessionType;
      if (type === 'RestrictedRemoteServer') continue;
      if (type === 'Empty') {
        if (!grantsSomething(m))
          out.push(
            finding(
              e.source,
              ['SessionType'],
              `SessionType 'Empty' of endpoint '${e.name}' grants nothing (no RoleDefinitions, no visible commands); use 'RestrictedRemoteServer' with RoleDefinitions`,
            ),
          );
        continue;
      }
      const what = type === undefined ? 'no SessionType (so Default)' : `SessionType ${`'${type}'`}`;
      out.push(
        finding(
          e.source,
          ['SessionType'],
          `endpoint '${e.name}' has ${what}: a full PowerShell session that role capabilities do not restrict; set SessionType = 'RestrictedRemoteServer'`,
        ),
      );
    }
    return out;
  },
};
