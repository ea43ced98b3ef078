import { hasWildcard, wildcardMatch } from '../jea/wildcard';
import { Rule, RuleFinding } from './rule';
import {
  baseName,
  capabilityBlocks,
  commandName,
  findingIn,
  forEachCommand,
  listSome,
  quote,
  splitCommand,
} from './helpers';
import { matchCommands } from '../catalog/catalog';
import { DANGER_CLASSES, dangerSeverity } from '../danger/classes';
import { commandDangers, DangerContext } from '../danger/classify';
import { BUILTIN_ALIASES, COMMAND_FACTS, EXTERNAL_FACTS } from '../danger/facts';
import { dangerContexts } from './danger-entries';

const LIST_BY_NAME = 'list the commands the role needs by name';

/**
 * JEA002: a wildcard in a visible cmdlet, function, alias or external command. A warning; an
 * error when the pattern takes in a command that carries an error class of src/danger, looked up
 * in the command catalog (`*-Process` takes in Start-Process and Stop-Process; a `Module\*`
 * pattern only takes in commands of that module, so `DnsServer\Get-*` takes in none).
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
    const contexts = dangerContexts(policy);
    for (const block of capabilityBlocks(policy)) {
      const m = block.model;
      const ctx = contexts(m);
      forEachCommand(m, (entry, list, i) => {
        const name = commandName(entry);
        if (!name || !hasWildcard(name)) return;
        const hits = dangerousMatches(name, ctx);
        const path = typeof entry === 'string' ? [list, i] : [list, i, 'Name'];
        out.push(
          hits.length
            ? findingIn(
                block,
                path,
                `${list} ${quote(name)} takes in ${listSome(hits)}, which hand out code execution, identities, defense evasion or writing anywhere; ${LIST_BY_NAME}`,
                'error',
              )
            : findingIn(
                block,
                path,
                `${list} ${quote(name)} is a wildcard: it makes visible every matching command, including ones a module update adds; ${LIST_BY_NAME}`,
              ),
        );
      });
      (m.visibleAliases ?? []).forEach((alias, i) => {
        if (!hasWildcard(alias)) return;
        const hits = Object.keys(BUILTIN_ALIASES).filter(
          (a) => wildcardMatch(alias, a) && dangerousMatches(BUILTIN_ALIASES[a], ctx).length,
        );
        out.push(
          hits.length
            ? findingIn(
                block,
                ['VisibleAliases', i],
                `VisibleAliases ${quote(alias)} takes in ${listSome(hits.map((a) => `${a} (${BUILTIN_ALIASES[a]})`))}; list the aliases the role needs by name`,
                'error',
              )
            : findingIn(
                block,
                ['VisibleAliases', i],
                `VisibleAliases ${quote(alias)} is a wildcard; list the aliases the role needs by name`,
              ),
        );
      });
      (m.visibleExternalCommands ?? []).forEach((path, i) => {
        if (!hasWildcard(path)) return;
        const file = baseName(path);
        const hits = Object.keys(EXTERNAL_FACTS).filter(
          (exe) => wildcardMatch(file, exe) || wildcardMatch(file, exe.replace(/\.exe$/, '')),
        );
        out.push(
          hits.length
            ? findingIn(
                block,
                ['VisibleExternalCommands', i],
                `VisibleExternalCommands ${quote(path)} takes in ${listSome(hits)}, which hand out code execution, identities or defense evasion; list each program by its full path`,
                'error',
              )
            : findingIn(
                block,
                ['VisibleExternalCommands', i],
                `VisibleExternalCommands ${quote(path)} is a wildcard; list each program by its full path`,
              ),
        );
      });
    }
    return out;
  },
};

/**
 * The commands a wildcard takes in that carry an error class: the curated facts first (the names
 * reviewers know), then the rest of the catalog, sorted.
 */
function dangerousMatches(pattern: string, ctx: DangerContext): string[] {
  const { module, command } = splitCommand(pattern);
  const known = COMMAND_FACTS.filter(
    (f) =>
      wildcardMatch(command, f.name) &&
      DANGER_CLASSES[f.class].severity === 'error' &&
      (!f.needsScript || ctx.allowsScript),
  ).map((f) => f.name);
  const found = matchCommands(pattern)
    .filter((c) => commandDangers({ name: `${c.module}\\${c.name}` }, ctx).some((d) => dangerSeverity(d) === 'error'))
    .map((c) => c.name);
  const first = [...new Set(known.filter((n) => module === undefined || found.includes(n)))];
  return [...first, ...[...new Set(found)].filter((n) => !first.includes(n)).sort()];
}
