import { fold } from '../semantic';
import { FleetAssignment } from './guestconfig-assignments';
import { assignmentName, DeclaredHashes, declaredHashOf, isClean } from './guestconfig-compare';

/** What a machine has: which endpoints it has an assignment of, and its assignments that may give a finding. */
interface MachineEntry {
  readonly present: Uint8Array;
  kept?: FleetAssignment[];
}

/**
 * The `jeajit-<endpoint>` assignments of a fleet by machine, kept small: of a clean assignment
 * (compliant, declared hash) only that the machine has one; the others whole, once each (an
 * assignment listed twice, by its subscription and by its machine, counts once).
 */
export class AssignmentIndex {
  /** Folded machine ID -> its entry. */
  private readonly machines = new Map<string, MachineEntry>();
  /** Folded configuration name -> endpoint position. */
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly endpoints: readonly string[],
    private readonly hashes?: DeclaredHashes,
  ) {
    endpoints.forEach((e, i) => this.positions.set(fold(assignmentName(e)), i));
  }

  /** Whether an assignment is one of a declared endpoint's. */
  wants(a: FleetAssignment): boolean {
    return this.positions.has(fold(a.configuration));
  }

  /** Records an assignment of a declared endpoint (others are ignored). */
  add(a: FleetAssignment): void {
    const position = this.positions.get(fold(a.configuration));
    if (position === undefined) return;
    const key = fold(a.machineId);
    let entry = this.machines.get(key);
    if (!entry) this.machines.set(key, (entry = { present: new Uint8Array(this.endpoints.length) }));
    entry.present[position] = 1;
    if (isClean(a, declaredHashOf(this.hashes, this.endpoints[position]))) return;
    if (entry.kept?.some((k) => fold(k.id) === fold(a.id))) return;
    (entry.kept ??= []).push(a);
  }

  /** A machine's assignments for {@link judgeMachine}: folded `jeajit-<endpoint>` name -> its assignments that may give a finding. */
  of(machineId: string): ReadonlyMap<string, readonly FleetAssignment[]> {
    const entry = this.machines.get(fold(machineId));
    const out = new Map<string, FleetAssignment[]>();
    if (!entry) return out;
    this.endpoints.forEach((e, i) => {
      if (entry.present[i]) out.set(fold(assignmentName(e)), []);
    });
    for (const a of entry.kept ?? []) out.get(fold(a.configuration))!.push(a);
    return out;
  }
}
