/**
 * `jeajit drift --azure --scope <scope>`: drift of a whole fleet from Azure, through Machine
 * Configuration (guest configuration). Each declared endpoint is a package and assignment named
 * `jeajit-<endpoint>`; a policy assignment at the scope gives every Windows machine in it every
 * endpoint's assignment, so every Windows machine in scope is expected to carry all of them
 * (the synth's per-VM placements are not used here).
 */
import { DeclaredEstate } from '../declared';
import { DriftFinding, sortFindings } from '../finding';
import { fold } from '../semantic';
import { ArmClient, ARM_ENDPOINT, TokenProvider } from './arm-client';
import { AssignmentIndex } from './assignment-index';
import { armTokenProvider } from './credentials';
import { later, readTarget, tolerated } from './fleet-read';
import { FleetMachine, isWindows } from './fleet-machines';
import { parseScope, targetsOf } from './fleet-scope';
import { FleetAssignment } from './guestconfig-assignments';
import { assignmentName, DeclaredHashes, judgeMachine, NonCompliant, nonCompliantFinding } from './guestconfig-compare';
import { ExpectedPlacements } from './expected-placements';
import { ComplianceReason, readReportReasons } from './guestconfig-report';
import { RetryPolicy } from './retry';
import { sharedToken } from './token-cache';

/** Where and how to read the fleet. */
export interface FleetDriftOptions {
  /** `/providers/Microsoft.Management/managementGroups/<group>`, `/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<group>`. */
  readonly scope: string;
  /** The ARM endpoint. @default https://management.azure.com */
  readonly endpoint?: string;
  /** @default armTokenProvider(endpoint, env), asked once per 5 minutes */
  readonly token?: TokenProvider;
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  /** ARM requests in flight at once. @default 8 */
  readonly concurrency?: number;
  /** Endpoint name -> SHA-256 (hex) of its declared package (or of each); an assignment with another contentHash is `guestconfig-unexpected-content`. Endpoints not named are not checked for it. @default the package records of the synth output (`guestconfig/**\/package.json`) */
  readonly contentHashes?: DeclaredHashes;
  /** Retries of 429/5xx answers. @default DEFAULT_RETRY (4 attempts, Retry-After honoured, waits capped at 30 s) */
  readonly retry?: Partial<RetryPolicy>;
}

/** What a fleet check found. */
export interface FleetDriftResult {
  /** Sorted by host, endpoint, kind and path. */
  readonly findings: DriftFinding[];
  /** Windows machines checked. */
  readonly machines: number;
  /** Machines in scope not checked: another OS, or none reported. */
  readonly skipped: number;
  /** Subscriptions in scope (those that could not be read are named in the warnings). */
  readonly subscriptions: readonly string[];
  /** Things not checked, for stderr. */
  readonly warnings: readonly string[];
}

/** Host names: a machine's name, or its resource ID when another machine in scope has the same name. */
function hostNames(machines: readonly FleetMachine[]): (m: FleetMachine) => string {
  const count = new Map<string, number>();
  for (const m of machines) count.set(fold(m.name), (count.get(fold(m.name)) ?? 0) + 1);
  return (m) => ((count.get(fold(m.name)) ?? 0) > 1 ? m.id : m.name);
}

/** The reasons of a non-compliant assignment: from the list item when it carries them, else its latest report (none without one). */
function reasonsFor(client: ArmClient, a: FleetAssignment): Promise<readonly ComplianceReason[]> {
  if (a.inlineReasons) return Promise.resolve(a.inlineReasons);
  if (!a.latestReportId) return Promise.resolve([]);
  return readReportReasons(client, a.latestReportId);
}

/**
 * What a fleet check does with each listed assignment: keeps those of declared endpoints in an
 * {@link AssignmentIndex}, and starts reading each non-compliant one's report at once, so that
 * reports are read while other lists still page.
 */
function assignmentCollector(client: ArmClient, index: AssignmentIndex) {
  const reasons = new Map<string, Promise<readonly ComplianceReason[]>>();
  const visit = (a: FleetAssignment): void => {
    if (!index.wants(a)) return;
    index.add(a);
    if (fold(a.complianceStatus ?? '') === fold('NonCompliant') && !reasons.has(fold(a.id))) {
      reasons.set(fold(a.id), later(reasonsFor(client, a)));
    }
  };
  const reasonsOf = (n: NonCompliant) => reasons.get(fold(n.assignment.id)) ?? reasonsFor(client, n.assignment);
  return { visit, reasonsOf };
}

/**
 * Compares the declared endpoints with every Windows machine of a scope through Machine
 * Configuration. Reads, through ARM with at most `concurrency` requests in flight and 429/5xx
 * retried: the scope's subscriptions (a management group's descendants), each subscription's (or
 * the resource group's) Azure VMs and Arc servers (Windows by `storageProfile.osDisk.osType` /
 * `osType`), the guest configuration assignments listed at it (VMs) and at each Windows Arc
 * server (HCRP), and the latest report of each non-compliant `jeajit-<endpoint>` assignment.
 * An assignment counts for an endpoint when its configuration name (or its name, less a policy's
 * `$pid...` suffix) is `jeajit-<endpoint>`, in any case.
 *
 * A machine owes an endpoint's assignment where the package records place it (see
 * {@link ExpectedPlacements}); an endpoint without records, everywhere in scope.
 *
 * Findings, per machine and endpoint: `guestconfig-missing`, `guestconfig-noncompliant` (the
 * report's reasons as actual), `guestconfig-pending`, `guestconfig-unexpected-content` (when
 * `contentHashes` names the endpoint). A management group's subscription that answers 403 or
 * 404 is a warning; any other ARM error ends the check.
 */
export async function fleetDrift(estate: DeclaredEstate, options: FleetDriftOptions): Promise<FleetDriftResult> {
  const scope = parseScope(options.scope);
  const endpoint = options.endpoint ?? ARM_ENDPOINT;
  const token = sharedToken(options.token ?? armTokenProvider(endpoint, options.env));
  const client = new ArmClient(endpoint, token, options.fetch, {
    concurrency: options.concurrency,
    retry: options.retry,
    maxPages: 100_000,
  });
  const endpoints = estate.endpoints.map((e) => e.name);
  const warnings: string[] = [];
  if (!endpoints.length)
    warnings.push('the declaration has no endpoints: no Machine Configuration assignment to check');
  const hashes = options.contentHashes ?? estate.contentHashes;
  const index = new AssignmentIndex(endpoints, hashes);
  const { visit, reasonsOf } = assignmentCollector(client, index);

  const targets = await targetsOf(client, scope);
  if (!targets.length) warnings.push(`${options.scope} has no subscriptions`);
  const readings = await Promise.all(
    targets.map((t) => readTarget(client, t, visit, warnings).catch(tolerated(scope, t, warnings))),
  );
  const machines = readings.flat();
  const windows = machines.filter(isWindows);
  const expected = await ExpectedPlacements.resolve(
    client,
    estate.packages,
    scope,
    targets.map((t) => t.subscription),
    warnings,
  );
  const hostOf = hostNames(windows);
  const findings: DriftFinding[] = [];
  const nonCompliant: NonCompliant[] = [];
  for (const m of windows) {
    const found = index.of(m.id);
    const owed = endpoints.filter((e) => expected.expects(e, m) || found.has(fold(assignmentName(e))));
    const verdict = judgeMachine(hostOf(m), m.id, owed, found, hashes);
    findings.push(...verdict.findings);
    nonCompliant.push(...verdict.nonCompliant);
  }
  const reasons = await Promise.all(nonCompliant.map(reasonsOf));
  nonCompliant.forEach((n, i) => findings.push(nonCompliantFinding(n, reasons[i])));
  return {
    findings: sortFindings(findings),
    machines: windows.length,
    skipped: machines.length - windows.length,
    subscriptions: [...new Set(targets.map((t) => t.subscription))],
    warnings: warnings.sort(),
  };
}
