import { isOpenToInternet } from '../jit/address';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** JIT001: a just-in-time VM port that requests may open to any source (`*`, Internet, Any, 0.0.0.0/0). */
export const JIT001: Rule = {
  id: 'JIT001',
  severity: 'error',
  title: 'A JIT port open to the internet',
  help:
    'A request on this port opens it to every address on the internet for its duration, so RDP or SSH is exposed to scanning and ' +
    'password spraying. Allow only your administrators\' network ranges or the address of a jump host or Azure Bastion.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const entry of policy.vmJit ?? []) {
      (entry.model?.virtualMachines ?? []).forEach((vm, i) => {
        (vm.ports ?? []).forEach((port, j) => {
          (port.allowedSourceAddressPrefixes ?? []).forEach((prefix, k) => {
            if (typeof prefix !== 'string' || !isOpenToInternet(prefix.trim())) return;
            const vmName = (vm.id ?? '').split('/').pop() || vm.id;
            out.push(
              finding(
                entry.source,
                ['virtualMachines', i, 'ports', j, 'allowedSourceAddressPrefixes', k],
                `port ${port.number} of VM '${vmName}' (JIT policy '${entry.name}') may be opened to '${prefix}', the whole internet; allow only your administrators' address ranges (a CIDR) or a jump host's address`,
              ),
            );
          });
        });
      });
    }
    return out;
  },
};
