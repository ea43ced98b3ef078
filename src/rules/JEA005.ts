import { enginePattern, patternBreadth } from './engine-pattern';
import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, forEachParameter, quote } from './helpers';

/**
 * JEA005: a ValidatePattern that constrains nothing. PowerShell anchors every pattern (it applies
 * `^(pattern)$`, case-insensitively; test/engine/merge-readings.test.ts), so a missing `^` or `$`
 * is harmless; what is dangerous is a pattern that, anchored, still accepts any value (`.*`,
 * `.+|x`) or any path (`[A-Z]:\\.*`, `.*\.txt` with `..` allowed), which reads as a constraint
 * and is none.
 */
export const JEA005: Rule = {
  id: 'JEA005',
  severity: 'warning',
  title: 'A ValidatePattern that accepts any value or any path',
  help:
    'PowerShell matches ValidatePattern as ^(pattern)$, ignoring case. A pattern such as .* or [A-Z]:\\\\.* still accepts any value or any path, ' +
    'including other drives, .. traversal and UNC shares. List the values (ValidateSet), or write a pattern that names the allowed folder and refuses .. and \\\\.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      forEachParameter(block.model, (param, command, path) => {
        if (typeof param.validatePattern !== 'string') return;
        const re = enginePattern([param.validatePattern]);
        const breadth = re && patternBreadth(re);
        if (!breadth) return;
        const set = param.validateSet?.length ? ` (the ValidateSet beside it still limits the values)` : '';
        out.push(
          findingIn(
            block,
            [...path, 'ValidatePattern'],
            `ValidatePattern ${quote(param.validatePattern)} of ${command.name} -${param.name} accepts ${breadth}, even as PowerShell anchors it (^(...)$)${set}: list the values in a ValidateSet, or narrow the pattern`,
          ),
        );
      });
    }
    return out;
  },
};
