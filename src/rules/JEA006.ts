import { enginePattern } from './engine-pattern';
import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, forEachParameter, quote } from './helpers';

/**
 * JEA006: ValidateSet values the ValidatePattern beside them refuses. PowerShell applies both
 * attributes (a value must be in the set and match `^(pattern)$`; test/engine/merge-readings.test.ts),
 * so such values can never be used, and a set whose every value fails leaves the parameter unusable.
 */
export const JEA006: Rule = {
  id: 'JEA006',
  severity: 'warning',
  title: 'ValidateSet values that the ValidatePattern on the same parameter refuses',
  help: 'A parameter with a ValidateSet and a ValidatePattern accepts only values that pass both. Remove the values the pattern refuses, or drop one of the two.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      forEachParameter(block.model, (param, command, path) => {
        if (!param.validateSet?.length || param.validatePattern === undefined) return;
        const re = enginePattern([param.validatePattern]);
        const refused = re ? param.validateSet.filter((v) => !re.test(v)) : [];
        if (!refused.length) return;
        const none = refused.length === param.validateSet.length;
        out.push(
          findingIn(
            block,
            path,
            `${command.name} -${param.name}: ValidatePattern ${quote(param.validatePattern)} refuses ${refused.map(quote).join(', ')} of its ValidateSet; PowerShell applies both, so ${none ? 'the parameter accepts no value at all' : 'those values can never be used'}`,
          ),
        );
      });
    }
    return out;
  },
};
