import { packageName } from '../../guestconfig/package';
import { DriftFinding } from '../finding';
import { fold } from '../semantic';
import { FleetAssignment } from './guestconfig-assignments';
import { ComplianceReason } from './guestconfig-report';

/** The name of an endpoint's Machine Configuration package and assignment: `jeajit-<endpoint>`. */
export const assignmentName = packageName;

/** Endpoint name -> the SHA-256 (hex, any case) of its declared package, or of each of its packages. */
export type DeclaredHashes = Readonly<Record<string, string | readonly string[]>>;

/** An assignment whose report must be read before its finding can be made. */
export interface NonCompliant {
  readonly host: string;
  readonly endpoint: string;
  readonly assignment: FleetAssignment;
}

/** What judging one machine gives: findings, and the non-compliant assignments whose reasons are still to be read. */
export interface MachineVerdict {
  readonly findings: DriftFinding[];
  readonly nonCompliant: NonCompliant[];
}

const sameHash = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const declares = (declared: readonly string[], actual: string | null) =>
  declared.some((d) => sameHash(d, actual ?? ''));
const COMPLIANT = fold('Compliant');

/** Whether an assignment gives no finding: compliant, and with the declared content hash when one is declared. */
export function isClean(a: FleetAssignment, declared: readonly string[] | undefined): boolean {
  return fold(a.complianceStatus ?? '') === COMPLIANT && (declared === undefined || declares(declared, a.contentHash));
}

/** The declared hashes of an endpoint, if `hashes` names it. */
export function declaredHashOf(hashes: DeclaredHashes | undefined, endpoint: string): readonly string[] | undefined {
  if (!hashes || !Object.prototype.hasOwnProperty.call(hashes, endpoint)) return undefined;
  const h = hashes[endpoint];
  return typeof h === 'string' ? [h] : h;
}

/**
 * Judges one Windows machine against every declared endpoint. `found` maps the folded
 * `jeajit-<endpoint>` names the machine has an assignment of to those of its assignments that
 * may give a finding (clean ones may be left out: see {@link isClean}). No assignment is
 * `guestconfig-missing` (at the ID the assignment would have); of those there, a content hash
 * other than `hashes[endpoint]` (when given; hex compared in any case) is
 * `guestconfig-unexpected-content`, `Pending` or no status `guestconfig-pending`, and
 * `NonCompliant` is left for {@link nonCompliantFinding} once the report is read.
 */
export function judgeMachine(
  host: string,
  machineId: string,
  endpoints: readonly string[],
  found: ReadonlyMap<string, readonly FleetAssignment[]>,
  hashes?: DeclaredHashes,
): MachineVerdict {
  const findings: DriftFinding[] = [];
  const nonCompliant: NonCompliant[] = [];
  for (const endpoint of endpoints) {
    const name = assignmentName(endpoint);
    const assignments = found.get(fold(name));
    if (!assignments) {
      const path = `${machineId}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/${name}`;
      findings.push({ host, endpoint, kind: 'guestconfig-missing', path, declared: name, actual: null });
      continue;
    }
    const declared = declaredHashOf(hashes, endpoint);
    for (const a of assignments) {
      if (declared !== undefined && !declares(declared, a.contentHash)) {
        findings.push({
          host,
          endpoint,
          kind: 'guestconfig-unexpected-content',
          path: a.id,
          declared: declared.length === 1 ? declared[0] : declared,
          actual: a.contentHash,
        });
      }
      const status = fold(a.complianceStatus ?? '');
      if (status === COMPLIANT) continue;
      if (status === fold('NonCompliant')) nonCompliant.push({ host, endpoint, assignment: a });
      else
        findings.push({
          host,
          endpoint,
          kind: 'guestconfig-pending',
          path: a.id,
          declared: 'Compliant',
          actual: { complianceStatus: a.complianceStatus, lastComplianceStatusChecked: a.lastComplianceStatusChecked },
        });
    }
  }
  return { findings, nonCompliant };
}

/** The `guestconfig-noncompliant` finding of an assignment, with its report's reasons as actual. */
export function nonCompliantFinding(n: NonCompliant, reasons: readonly ComplianceReason[]): DriftFinding {
  return {
    host: n.host,
    endpoint: n.endpoint,
    kind: 'guestconfig-noncompliant',
    path: n.assignment.id,
    declared: 'Compliant',
    actual: reasons,
  };
}
