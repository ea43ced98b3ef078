import { CapabilityModel } from '../jea/model';
import { wildcardMatch } from '../jea/wildcard';
import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, commandName, findingIn, principalScopes, quote, splitCommand } from './helpers';

/**
 * JEA008: a function defined in FunctionDefinitions but not made visible by any VisibleFunctions
 * entry (wildcards included) of its own block or of a block it is combined with for some
 * principal (JEA merges a principal's roles, so another role may make it visible).
 */
export const JEA008: Rule = {
  id: 'JEA008',
  severity: 'warning',
  title: 'A function defined but not listed in VisibleFunctions',
  help:
    'PowerShell makes a defined function public when no role of the session lists VisibleFunctions, and private otherwise ' +
    '(test/engine/merge-readings.test.ts): unlisted, it is dead code or exposed by accident, depending on the other roles. List it, or remove the definition.',
  check(policy) {
    const out: RuleFinding[] = [];
    const together = new Map<CapabilityModel, string[]>();
    for (const scope of principalScopes(policy)) {
      const names = scope.blocks.flatMap((b) => (b.model.visibleFunctions ?? []).map(commandName));
      for (const b of scope.blocks) together.set(b.model, [...(together.get(b.model) ?? []), ...names]);
    }
    for (const block of capabilityBlocks(policy)) {
      const patterns = [
        ...(block.model.visibleFunctions ?? []).map(commandName),
        ...(together.get(block.model) ?? []),
      ].map((p) => splitCommand(p).command);
      (block.model.functionDefinitions ?? []).forEach((fn, i) => {
        if (!fn?.name || patterns.some((p) => p && wildcardMatch(p, fn.name))) return;
        out.push(
          findingIn(
            block,
            ['FunctionDefinitions', i, 'Name'],
            `function ${quote(fn.name)} is defined but not listed in VisibleFunctions: it is private when some role of the session lists VisibleFunctions, and public otherwise, so who can run it depends on the other roles; add ${quote(fn.name)} to VisibleFunctions or remove the definition`,
          ),
        );
      });
    }
    return out;
  },
};
