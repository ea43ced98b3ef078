import { VmJitPolicyModel } from '../../src/jit/model';

/** A (port, protocol) pair of a JIT policy, and the names its baseline deny rule gets. */
export interface JitPort {
  readonly number: number;
  readonly protocol: 'TCP' | 'UDP' | '*';
  /** The child id, as the cdktf construct id: `Deny3389TCP`, `Deny53Any`. */
  readonly ruleId: string;
  /** The NSG rule name: `jeajit-jit-deny-3389-tcp`. */
  readonly ruleName: string;
  /** The NSG protocol: `Tcp`, `Udp` or `*`. */
  readonly nsgProtocol: 'Tcp' | 'Udp' | '*';
}

/**
 * The distinct (port, protocol) pairs of a policy, in first-seen order, with the names the
 * cdktf VmJitAccessPolicy gives their deny rules (engine-agnostic: a candidate for src/jit).
 */
export function uniquePorts(model: VmJitPolicyModel): JitPort[] {
  const out: JitPort[] = [];
  for (const vm of model.virtualMachines) {
    for (const p of vm.ports) {
      if (out.some((o) => o.number === p.number && o.protocol === p.protocol)) continue;
      out.push({
        number: p.number,
        protocol: p.protocol,
        ruleId: `Deny${p.number}${p.protocol === '*' ? 'Any' : p.protocol}`,
        ruleName: `jeajit-jit-deny-${p.number}-${p.protocol === '*' ? 'any' : p.protocol.toLowerCase()}`,
        nsgProtocol: p.protocol === 'TCP' ? 'Tcp' : p.protocol === 'UDP' ? 'Udp' : '*',
      });
    }
  }
  return out;
}
