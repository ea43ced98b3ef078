import * as fs from 'fs';
import { findFiles } from '../policy/load-synth';
import { fold } from './semantic';

/** Windows computer names are NetBIOS names of at most 15 characters; Azure truncates the VM name to them. */
const NETBIOS_LENGTH = 15;

/**
 * The Terraform resources that put an endpoint on one VM, named `jeajit-<endpoint>`: the run
 * command of JeaVmDeployment and the guest configuration assignment of MachineConfiguration.
 */
const PLACING_TYPES = [
  'azurerm_virtual_machine_run_command',
  'azurerm_policy_virtual_machine_configuration_assignment',
];

/**
 * Which endpoints the synth deploys to which VMs: every resource of {@link PLACING_TYPES}
 * named `jeajit-<endpoint>` in a `cdk.tf.json` below `dir` (VM IDs that resolve only at deploy
 * time are skipped). Keys are host names, folded: the VM name and its first 15 characters (the
 * computer name Windows reports).
 */
export function readPlacements(dir: string): Map<string, Set<string>> {
  const placements = new Map<string, Set<string>>();
  for (const file of findFiles(dir, 'cdk.tf.json')) {
    let tf: { resource?: Record<string, Record<string, { name?: unknown; virtual_machine_id?: unknown }>> };
    try {
      tf = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof tf;
    } catch {
      continue; // loadSynthOutput reports unreadable stack files
    }
    for (const r of PLACING_TYPES.flatMap((type) => Object.values(tf.resource?.[type] ?? {}))) {
      const vm = r.virtual_machine_id;
      if (typeof r.name !== 'string' || !r.name.startsWith('jeajit-') || typeof vm !== 'string' || vm.includes('${'))
        continue;
      const host = vm.split('/').pop()!;
      for (const key of new Set([fold(host), fold(host.slice(0, NETBIOS_LENGTH))])) {
        const set = placements.get(key) ?? placements.set(key, new Set()).get(key)!;
        set.add(fold(r.name.slice('jeajit-'.length)));
      }
    }
  }
  return placements;
}
