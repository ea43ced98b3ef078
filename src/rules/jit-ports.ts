import { VmJitPolicyModel, JitPortRule } from '../jit/model';
import { JitEntry } from '../policy/policy-set';
import { Psd1PathStep } from '../psd1';

/** The ports of one VM JIT policy that share one offending value, for one finding. */
export interface PortGroup {
  /** The offending value (`*`, `PT8H`). */
  readonly value: string;
  /** Where the first of them is, for the finding's position. */
  readonly path: readonly Psd1PathStep[];
  /** `vm1 (3389/TCP, 22/TCP), vm2 (3389/TCP)`: every VM and port that has it. */
  readonly places: string;
  readonly count: number;
}

/**
 * Groups the ports of a VM JIT policy by the offending value `pick` finds on each (undefined: the
 * port is fine), so that a policy of forty VMs yields one finding per value, naming its VMs and
 * ports, and not forty. `pick` returns the value and the path under the port where it is.
 */
export function groupPorts(
  entry: JitEntry<VmJitPolicyModel>,
  pick: (port: JitPortRule) => { value: string; at: Psd1PathStep[] } | undefined,
): PortGroup[] {
  const groups = new Map<string, { path: Psd1PathStep[]; vms: Map<string, string[]>; count: number }>();
  (entry.model?.virtualMachines ?? []).forEach((vm, i) => {
    const vmName = (vm.id ?? '').split('/').pop() || vm.id;
    (vm.ports ?? []).forEach((port, j) => {
      const hit = pick(port);
      if (!hit) return;
      let g = groups.get(hit.value);
      if (!g)
        groups.set(hit.value, (g = { path: ['virtualMachines', i, 'ports', j, ...hit.at], vms: new Map(), count: 0 }));
      const ports = g.vms.get(vmName) ?? [];
      const name = `${port.number}/${port.protocol}`;
      if (!ports.includes(name)) ports.push(name);
      g.vms.set(vmName, ports);
      g.count++;
    });
  });
  return [...groups].map(([value, g]) => ({
    value,
    path: g.path,
    places: [...g.vms].map(([vm, ports]) => `${vm} (${ports.join(', ')})`).join(', '),
    count: g.count,
  }));
}
