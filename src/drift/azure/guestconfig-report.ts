import { ArmClient } from './arm-client';

import { GUEST_CONFIGURATION_API_VERSION } from '../../guestconfig/assignment';

/** Why a resource of a Machine Configuration package is (not) compliant: a DSC resource's `Reasons` entry. */
export interface ComplianceReason {
  /** `<resource>:<resource>:<id>`, e.g. `JeajitEndpoint:JeajitEndpoint:NotRegistered`. */
  readonly code: string;
  readonly phrase: string;
}

interface ReportResource {
  readonly complianceStatus?: string | null;
  readonly reasons?: ReadonlyArray<{ readonly code?: string | null; readonly phrase?: string | null }> | null;
}

interface ArmReport {
  readonly properties?: { readonly details?: { readonly resources?: readonly ReportResource[] | null } | null };
}

/**
 * The reasons of a report's resources: those of the resources that are not compliant (of every
 * resource when none is marked so), `{ code, phrase }` each, duplicates dropped, in report order.
 */
export function reasonsOf(resources: readonly ReportResource[] | null | undefined): ComplianceReason[] {
  const all = resources ?? [];
  const failing = all.filter((r) => (r.complianceStatus ?? '').toLowerCase() !== 'compliant');
  const seen = new Set<string>();
  const out: ComplianceReason[] = [];
  for (const resource of failing.length ? failing : all) {
    for (const r of resource.reasons ?? []) {
      const reason = { code: r.code ?? '', phrase: r.phrase ?? '' };
      const key = `${reason.code}\u0000${reason.phrase}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(reason);
    }
  }
  return out;
}

/** GETs a report (`properties.latestReportId` of an assignment) and returns its reasons. */
export async function readReportReasons(client: ArmClient, reportId: string): Promise<ComplianceReason[]> {
  const report = await client.get<ArmReport>(reportId, GUEST_CONFIGURATION_API_VERSION);
  return reasonsOf(report.properties?.details?.resources);
}
