import { fold } from '../semantic';
import { ArmClient, ArmError } from './arm-client';
import { FleetMachine, isWindows, readMachines } from './fleet-machines';
import { FleetScope, FleetTarget } from './fleet-scope';
import { FleetAssignment, readAssignments } from './guestconfig-assignments';

/** Marks a promise as handled now (it is awaited, and its error thrown, later) so that Node does not end the process on it meanwhile. */
export function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * Reads one subscription or resource group: its machines (returned), and the VM assignments
 * listed at it and each Windows Arc server's own list (handed to `visit`), each Arc list read as
 * soon as the server's page arrives. An Arc server gone between the two reads is a warning and
 * not returned.
 */
export async function readTarget(
  client: ArmClient,
  target: FleetTarget,
  visit: (a: FleetAssignment) => void,
  warnings: string[],
): Promise<FleetMachine[]> {
  const gone = new Set<string>();
  const reads: Promise<void>[] = [later(readAssignments(client, target.path, visit))];
  const readArc = (m: FleetMachine) =>
    readAssignments(client, m.id, visit).catch((e: unknown) => {
      if (!(e instanceof ArmError) || e.status !== 404) throw e;
      warnings.push(`${m.id}: gone while read (${e.code}); not checked`);
      gone.add(fold(m.id));
    });
  const machines = await readMachines(client, target, (m) => {
    if (m.kind === 'arc' && isWindows(m)) reads.push(later(readArc(m)));
  });
  await Promise.all(reads);
  return gone.size ? machines.filter((m) => !gone.has(fold(m.id))) : machines;
}

/** A subscription of a management group that cannot be read (no access, gone) is a warning, not the end of the check. */
export function tolerated(scope: FleetScope, target: FleetTarget, warnings: string[]): (e: unknown) => FleetMachine[] {
  return (e) => {
    if (scope.kind !== 'managementGroup' || !(e instanceof ArmError) || (e.status !== 403 && e.status !== 404)) throw e;
    warnings.push(`subscription ${target.subscription}: ARM ${e.status} ${e.code}; not checked`);
    return [];
  };
}
