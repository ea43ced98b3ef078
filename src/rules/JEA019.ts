import { dangerText } from '../danger/classes';
import { Rule } from './rule';
import { findingIn } from './helpers';
import { entryDangers } from './danger-entries';

/**
 * JEA019: a visible command that acts on other hosts (-ComputerName, -CimSession, -Session, ...)
 * with a parameter the grant leaves open. The session's run-as account goes along (a virtual
 * account as the computer account, a gMSA as itself), so the role reaches further than the host.
 */
export const JEA019: Rule = {
  id: 'JEA019',
  severity: 'warning',
  title: 'A visible command acts on other hosts',
  help:
    'Commands with -ComputerName, -CimSession or -Session run against other machines with the network identity of the run-as account. ' +
    'Constrain the parameter with a ValidateSet of the hosts the task needs, or leave it out of the role.',
  check(policy) {
    return entryDangers(policy, true).map((e) =>
      findingIn(e.block, e.path, `${e.what}: ${e.dangers.map(dangerText).join(' · ')}`),
    );
  },
};
