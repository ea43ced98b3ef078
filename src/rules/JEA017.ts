import { reaches } from '../effective/merge';
import { pathText } from '../psd1/writer';
import { Rule, RuleFinding } from './rule';
import { findingIn, forEachCommand, holderScopes, quote } from './helpers';

/**
 * JEA017: a command constrained in one place and listed without constraints (by name or by a
 * wildcard) in another for the same principal. PowerShell keeps the constrained proxy under the
 * command's name but also makes the command itself public, so its module-qualified name (a
 * cmdlet) or its renamed original (a function, `Name_<guid>`, which Get-Command lists) runs it
 * with any parameter and value (test/engine/merge-readings.test.ts).
 */
export const JEA017: Rule = {
  id: 'JEA017',
  severity: 'error',
  title: 'A constrained command that the same user also gets unconstrained',
  help:
    'When one role constrains a command and another (or a wildcard) lists it bare for the same user, PowerShell keeps the constraints on the plain name ' +
    'and also makes the command itself public: Module\\Verb-Noun runs it with any parameters. Remove the bare listing, or the wildcard that matches it.',
  check(policy) {
    const out = new Map<string, RuleFinding>();
    for (const { who, blocks } of holderScopes(policy)) {
      const bare: { name: string; where: string }[] = [];
      for (const block of blocks)
        forEachCommand(
          block.model,
          (entry) => typeof entry === 'string' && bare.push({ name: entry, where: block.label }),
        );
      for (const block of blocks) {
        forEachCommand(block.model, (entry, list, i) => {
          if (typeof entry === 'string') return;
          const open = bare.find((b) => reaches(b.name, entry.name));
          if (!open) return;
          const f = findingIn(
            block,
            [list, i, 'Name'],
            `${entry.name} is constrained in ${block.label}, and ${open.name === entry.name ? 'listed without constraints' : `matched by ${quote(open.name)}`} in ${open.where} for ${who}: ` +
              `PowerShell then also makes the command itself public, so its module-qualified name runs it with any parameters; remove the bare listing`,
          );
          const key = `${f.source.file}|${pathText(f.path)}`;
          if (!out.has(key)) out.set(key, f);
        });
      }
    }
    return [...out.values()];
  },
};
