import { hasWildcard, wildcardMatch } from '../jea/wildcard';
import { Rule, RuleFinding } from './rule';
import { baseName, capabilityBlocks, commandName, commandPatternMatches, findingIn, forEachCommand, listSome, quote } from './helpers';
import { DANGEROUS_ALIASES, DANGEROUS_COMMANDS, DANGEROUS_EXTERNAL_COMMANDS } from './JEA001';

const LIST_BY_NAME = 'list the commands the role needs by name';

/**
 * JEA002: a wildcard in a visible cmdlet, function, alias or external command. A warning; an
 * error when the pattern takes in a JEA001 command (`*-Process` takes in Start-Process; a
 * `Module\*` pattern only takes in commands of that module, so `DnsServer\*` takes in none).
 */
export const JEA002: Rule = {
  id: 'JEA002',
  severity: 'warning',
  title: 'A wildcard in a visible command name',
  help:
    'A wildcard makes visible every command that matches, today and after the next module update, so reviewers cannot see ' +
    'what the role grants; when it matches a command such as Start-Process it hands out arbitrary code. List the commands by name.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      const m = block.model;
      forEachCommand(m, (entry, list, i) => {
        const name = commandName(entry);
        if (!name || !hasWildcard(name)) return;
        const hits = DANGEROUS_COMMANDS.filter((d) => commandPatternMatches(name, d)).map((d) => d.name);
        const path = typeof entry === 'string' ? [list, i] : [list, i, 'Name'];
        out.push(
          hits.length
            ? findingIn(block, path, `${list} ${quote(name)} takes in ${listSome(hits)}, which hand out administrator rights or arbitrary code; ${LIST_BY_NAME}`, 'error')
            : findingIn(block, path, `${list} ${quote(name)} is a wildcard: it makes visible every matching command, including ones a module update adds; ${LIST_BY_NAME}`),
        );
      });
      (m.visibleAliases ?? []).forEach((alias, i) => {
        if (!hasWildcard(alias)) return;
        const hits = Object.keys(DANGEROUS_ALIASES).filter((a) => wildcardMatch(alias, a));
        out.push(
          hits.length
            ? findingIn(block, ['VisibleAliases', i], `VisibleAliases ${quote(alias)} takes in ${listSome(hits.map((a) => `${a} (${DANGEROUS_ALIASES[a]})`))}; list the aliases the role needs by name`, 'error')
            : findingIn(block, ['VisibleAliases', i], `VisibleAliases ${quote(alias)} is a wildcard; list the aliases the role needs by name`),
        );
      });
      (m.visibleExternalCommands ?? []).forEach((path, i) => {
        if (!hasWildcard(path)) return;
        const file = baseName(path);
        const hits = Object.keys(DANGEROUS_EXTERNAL_COMMANDS).filter((exe) => wildcardMatch(file, exe) || wildcardMatch(file, exe.replace(/\.exe$/, '')));
        out.push(
          hits.length
            ? findingIn(block, ['VisibleExternalCommands', i], `VisibleExternalCommands ${quote(path)} takes in ${listSome(hits)}, which hand out administrator rights or arbitrary code; list each program by its full path`, 'error')
            : findingIn(block, ['VisibleExternalCommands', i], `VisibleExternalCommands ${quote(path)} is a wildcard; list each program by its full path`),
        );
      });
    }
    return out;
  },
};
