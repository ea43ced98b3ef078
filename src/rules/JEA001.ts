import { dangerSeverity, dangerText } from '../danger/classes';
import { Rule } from './rule';
import { findingIn } from './helpers';
import { entryDangers } from './danger-entries';

/**
 * JEA001: a visible command, external command or alias that carries code execution, identity
 * takeover, defense evasion or write-anywhere (src/danger: from the command catalog's parameter
 * types and names, the values the grant allows, and curated facts), by name, module-qualified
 * name, full path, or an alias to one. Each finding names the class, the command and parameter
 * that carry it, and the narrower declaration that would be safe. A danger the engine refuses
 * only because no holder sees the provider it needs is latent: a warning. Wildcards are JEA002's;
 * lateral movement is JEA019's.
 */
export const JEA001: Rule = {
  id: 'JEA001',
  severity: 'error',
  title: 'A visible command hands out code execution, identities, defense evasion or writing anywhere',
  help:
    'The run-as account of a JEA session is an administrator: a command that runs a program or script, changes group membership, ' +
    'passwords or ACLs, stops or reconfigures security tooling, or writes to any path lets the user leave the role behind. ' +
    'Narrow the parameter that carries it with a ValidateSet of the values the task needs, or expose the one task as a function with fixed arguments.',
  check(policy) {
    return entryDangers(policy, false).map((e) => {
      const hint = e.bareFunction
        ? ` (if it is your own proxy function, qualify it with its module: MyModule\\${e.bareFunction})`
        : '';
      // real dangers before latent ones
      const dangers = [...e.dangers].sort((a, b) => Number(!!a.latent) - Number(!!b.latent));
      const shown = dangers.slice(0, 3).map(dangerText).join(' · ');
      const more = dangers.length > 3 ? ` · and ${dangers.length - 3} more` : '';
      const severity = dangers.some((d) => dangerSeverity(d) === 'error') ? undefined : 'warning';
      return findingIn(e.block, e.path, `${e.what}: ${shown}${more}${hint}`, severity);
    });
  },
};
