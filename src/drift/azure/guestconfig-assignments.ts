import { ArmClient } from './arm-client';
import { GUEST_CONFIGURATION_API_VERSION } from '../../guestconfig/assignment';
import { ComplianceReason, reasonsOf } from './guestconfig-report';

/** A guest configuration assignment, as much of it as a fleet check needs. */
export interface FleetAssignment {
  readonly id: string;
  readonly name: string;
  /** The resource ID of the machine it is assigned to (the ID before `/providers/Microsoft.GuestConfiguration/`). */
  readonly machineId: string;
  /** The configuration (package) name: `properties.guestConfiguration.name`, else the assignment name without a policy's `$pid...` suffix. */
  readonly configuration: string;
  /** `Compliant`, `NonCompliant`, `Pending` (or null before the first report). */
  readonly complianceStatus: string | null;
  readonly contentHash: string | null;
  readonly latestReportId: string | null;
  readonly lastComplianceStatusChecked: string | null;
  /** Reasons carried in the list item itself (`properties.latestAssignmentReport.resources`), when there. */
  readonly inlineReasons?: readonly ComplianceReason[];
}

interface ArmAssignment {
  readonly id?: string;
  readonly name?: string;
  readonly properties?: {
    readonly complianceStatus?: string | null;
    readonly latestReportId?: string | null;
    readonly lastComplianceStatusChecked?: string | null;
    readonly latestAssignmentReport?: { readonly resources?: Parameters<typeof reasonsOf>[0] } | null;
    readonly guestConfiguration?: { readonly name?: string | null; readonly contentHash?: string | null } | null;
  } | null;
}

const PROVIDER = /\/providers\/Microsoft\.GuestConfiguration\//i;

/** The few fields of an ARM assignment a fleet check uses; undefined for one whose ID names no machine. */
export function slimAssignment(raw: ArmAssignment): FleetAssignment | undefined {
  if (!raw.id || !PROVIDER.test(raw.id)) return undefined;
  const name = raw.name ?? raw.id.split('/').pop() ?? '';
  const p = raw.properties ?? {};
  const inline = p.latestAssignmentReport?.resources;
  return {
    id: raw.id,
    name,
    machineId: raw.id.split(PROVIDER)[0],
    configuration: p.guestConfiguration?.name || name.split('$pid')[0],
    complianceStatus: p.complianceStatus ?? null,
    contentHash: p.guestConfiguration?.contentHash ?? null,
    latestReportId: p.latestReportId ?? null,
    lastComplianceStatusChecked: p.lastComplianceStatusChecked ?? null,
    ...(inline?.length ? { inlineReasons: reasonsOf(inline) } : {}),
  };
}

/**
 * Reads a guest configuration assignment list (`<scope or machine>/providers/
 * Microsoft.GuestConfiguration/guestConfigurationAssignments`: a bare array as the examples
 * show, or `{ value, nextLink }` pages; 204 is an empty list) and hands each assignment,
 * slimmed, to `visit` as its page arrives (nothing of the list is kept here).
 */
export async function readAssignments(
  client: ArmClient,
  parent: string,
  visit: (a: FleetAssignment) => void,
): Promise<void> {
  for await (const page of client.pages<ArmAssignment>(
    `${parent}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments`,
    GUEST_CONFIGURATION_API_VERSION,
  )) {
    for (const raw of page) {
      const a = slimAssignment(raw);
      if (a) visit(a);
    }
  }
}
