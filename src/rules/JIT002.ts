import { durationSeconds } from '../jit/duration';
import { Rule } from './rule';
import { groupPorts } from './jit-ports';
import { finding } from './helpers';

/** The longest VM JIT request JIT002 accepts without a warning: 3 hours. */
export const MAX_VM_JIT_SECONDS = 3 * 3600;

/** JIT002: a just-in-time VM port whose requests may last more than 3 hours. */
export const JIT002: Rule = {
  id: 'JIT002',
  severity: 'warning',
  title: 'A VM JIT duration over 3 hours',
  help: 'Just-in-time access is meant to be short: a port left open for a working day is standing access. Keep maxRequestAccessDuration at PT3H or less and request again when needed.',
  check(policy) {
    return (policy.vmJit ?? []).flatMap((entry) =>
      groupPorts(entry, (port) => {
        const s =
          typeof port.maxRequestAccessDuration === 'string'
            ? durationSeconds(port.maxRequestAccessDuration)
            : undefined;
        return s === undefined || s <= MAX_VM_JIT_SECONDS
          ? undefined
          : { value: port.maxRequestAccessDuration, at: ['maxRequestAccessDuration'] };
      }).map((g) =>
        finding(
          entry.source,
          g.path,
          `JIT policy '${entry.name}' lets ${g.count === 1 ? 'a port' : `${g.count} ports`} stay open for ${g.value}, more than 3 hours: ${g.places}; set maxRequestAccessDuration to PT3H or less`,
        ),
      ),
    );
  },
};
