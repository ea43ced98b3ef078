import { ArmClient } from './arm-client';
import { FleetTarget } from './fleet-scope';

/** API versions of the machine lists. */
export const MACHINE_API_VERSIONS = { compute: '2024-07-01', hybridCompute: '2024-07-10' } as const;

/** A machine in scope, as much of it as a fleet check needs. */
export interface FleetMachine {
  /** The resource ID. */
  readonly id: string;
  readonly name: string;
  /** An Azure VM (`Microsoft.Compute/virtualMachines`) or an Arc-enabled server (`Microsoft.HybridCompute/machines`). */
  readonly kind: 'vm' | 'arc';
  /** The OS type in lower case (`windows`, `linux`), null when ARM does not say. */
  readonly os: string | null;
}

interface ArmVm {
  readonly id: string;
  readonly name: string;
  readonly properties?: { readonly storageProfile?: { readonly osDisk?: { readonly osType?: string | null } } };
}

interface ArmArcMachine {
  readonly id: string;
  readonly name: string;
  readonly properties?: { readonly osType?: string | null };
}

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : null);

/** Whether a machine runs Windows (VM `properties.storageProfile.osDisk.osType`, Arc `properties.osType`). */
export function isWindows(machine: FleetMachine): boolean {
  return machine.os === 'windows';
}

/**
 * The Azure VMs and Arc servers of a subscription or resource group, read page by page (only
 * ID, name, kind and OS type are kept of each); `seen` hears of each machine as its page arrives.
 */
export async function readMachines(
  client: ArmClient,
  target: FleetTarget,
  seen: (m: FleetMachine) => void = () => undefined,
): Promise<FleetMachine[]> {
  const out: FleetMachine[] = [];
  const add = (m: FleetMachine) => {
    out.push(m);
    seen(m);
  };
  const vms = async () => {
    for await (const page of client.pages<ArmVm>(
      `${target.path}/providers/Microsoft.Compute/virtualMachines`,
      MACHINE_API_VERSIONS.compute,
    )) {
      for (const vm of page)
        add({ id: vm.id, name: vm.name, kind: 'vm', os: lower(vm.properties?.storageProfile?.osDisk?.osType) });
    }
  };
  const arc = async () => {
    for await (const page of client.pages<ArmArcMachine>(
      `${target.path}/providers/Microsoft.HybridCompute/machines`,
      MACHINE_API_VERSIONS.hybridCompute,
    )) {
      for (const m of page) add({ id: m.id, name: m.name, kind: 'arc', os: lower(m.properties?.osType) });
    }
  };
  await Promise.all([vms(), arc()]);
  return out;
}
