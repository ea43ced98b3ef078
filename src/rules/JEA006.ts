import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, findingIn, forEachParameter, quote } from './helpers';

/**
 * JEA006: ValidateSet and ValidatePattern on the same parameter. JEA applies only one of them,
 * so the parameter is not constrained the way the file reads.
 */
export const JEA006: Rule = {
  id: 'JEA006',
  severity: 'error',
  title: 'ValidateSet and ValidatePattern on the same parameter',
  help: 'JEA applies one constraint per parameter, so one of the two is silently dropped. Keep one: a ValidateSet of the allowed values, or one anchored ValidatePattern.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      forEachParameter(block.model, (param, command, path) => {
        if (param.validateSet === undefined || param.validatePattern === undefined) return;
        out.push(
          findingIn(
            block,
            path,
            `${command.name} -${param.name} has both ValidateSet (${(param.validateSet ?? []).map(quote).join(', ')}) and ValidatePattern ${quote(param.validatePattern)}: JEA applies only one; keep the ValidateSet or the pattern, not both`,
          ),
        );
      });
    }
    return out;
  },
};
