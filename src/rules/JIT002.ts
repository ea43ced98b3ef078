import { durationSeconds } from '../jit/duration';
import { Rule, RuleFinding } from './rule';
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
    const out: RuleFinding[] = [];
    for (const entry of policy.vmJit ?? []) {
      (entry.model?.virtualMachines ?? []).forEach((vm, i) => {
        (vm.ports ?? []).forEach((port, j) => {
          const s = typeof port.maxRequestAccessDuration === 'string' ? durationSeconds(port.maxRequestAccessDuration) : undefined;
          if (s === undefined || s <= MAX_VM_JIT_SECONDS) return;
          const vmName = (vm.id ?? '').split('/').pop() || vm.id;
          out.push(
            finding(
              entry.source,
              ['virtualMachines', i, 'ports', j, 'maxRequestAccessDuration'],
              `port ${port.number} of VM '${vmName}' (JIT policy '${entry.name}') may stay open for ${port.maxRequestAccessDuration}, more than 3 hours; set maxRequestAccessDuration to PT3H or less`,
            ),
          );
        });
      });
    }
    return out;
  },
};
