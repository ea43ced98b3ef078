import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/**
 * JEA012: an endpoint with neither RunAsVirtualAccount nor a GroupManagedServiceAccount: commands
 * run with the connecting user's own credentials, so the user needs the rights directly.
 */
export const JEA012: Rule = {
  id: 'JEA012',
  severity: 'error',
  title: 'Neither a virtual account nor a gMSA',
  help:
    'Without a run-as identity, commands run as the connecting user, who then needs the administrator rights JEA was meant to ' +
    'hold back, and can use them outside JEA. Set RunAsVirtualAccount = $true, or GroupManagedServiceAccount for network access.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const e of policy.endpoints ?? []) {
      const m = e.model ?? {};
      if (m.runAsVirtualAccount === true || (m.groupManagedServiceAccount ?? '').trim() !== '') continue;
      out.push(
        finding(
          e.source,
          ['RunAsVirtualAccount'],
          `endpoint '${e.name}' has neither RunAsVirtualAccount = $true nor a GroupManagedServiceAccount: commands run with the connecting user's own rights; set RunAsVirtualAccount = $true (or a gMSA)`,
        ),
      );
    }
    return out;
  },
};
