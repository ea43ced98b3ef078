import { isOpenToInternet } from '../jit/address';
import { Rule } from './rule';
import { groupPorts } from './jit-ports';
import { finding } from './helpers';

/** JIT001: a just-in-time VM port that requests may open to any source (`*`, Internet, Any, 0.0.0.0/0). */
export const JIT001: Rule = {
  id: 'JIT001',
  severity: 'error',
  title: 'A JIT port open to the internet',
  help:
    'A request on this port opens it to every address on the internet for its duration, so RDP or SSH is exposed to scanning and ' +
    "password spraying. Allow only your administrators' network ranges or the address of a jump host or Azure Bastion.",
  check(policy) {
    return (policy.vmJit ?? []).flatMap((entry) =>
      groupPorts(entry, (port) => {
        const k = (port.allowedSourceAddressPrefixes ?? []).findIndex(
          (p) => typeof p === 'string' && isOpenToInternet(p.trim()),
        );
        return k < 0
          ? undefined
          : { value: port.allowedSourceAddressPrefixes[k], at: ['allowedSourceAddressPrefixes', k] };
      }).map((g) =>
        finding(
          entry.source,
          g.path,
          `JIT policy '${entry.name}' lets requests open ${g.count === 1 ? 'a port' : `${g.count} ports`} to '${g.value}', the whole internet: ${g.places}; allow only your administrators' address ranges (a CIDR) or a jump host's address`,
        ),
      ),
    );
  },
};
