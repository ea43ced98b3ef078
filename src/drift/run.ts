import * as fs from 'fs';
import { azureDrift, AzureDriftOptions } from './azure/azure-drift';
import { fleetDrift, FleetDriftOptions } from './azure/fleet-drift';
import { HostComparer } from './compare-host';
import { DeclaredEstate, loadDeclared } from './declared';
import { DriftFinding, sortFindings } from './finding';
import { checkSnapshots } from './fleet';
import { NO_PROGRESS, Progress } from './progress';

/** What to compare. */
export interface DriftCheckOptions {
  /** The synth output folder, or an estate already loaded. */
  readonly declared: string | DeclaredEstate;
  /** A snapshot file or a folder of them. */
  readonly actual?: string;
  /** Also compare the JIT constructs with a subscription. */
  readonly azure?: AzureDriftOptions;
  /** Also compare every Windows machine of a scope with the endpoints, through their Machine Configuration assignments and reports. */
  readonly fleet?: FleetDriftOptions;
  readonly progress?: Progress;
}

/** What a drift check found. */
export interface DriftCheckResult {
  /** Sorted by host, endpoint, kind and path. */
  readonly findings: DriftFinding[];
  /** Hosts (snapshots) plus subscriptions checked. */
  readonly checked: number;
  /** Things not checked, for stderr. */
  readonly warnings: readonly string[];
}

/** Runs a drift check: hosts from snapshots, Azure through ARM, one sorted list of findings. */
export async function driftCheck(options: DriftCheckOptions): Promise<DriftCheckResult> {
  const estate = typeof options.declared === 'string' ? loadDeclared(options.declared) : options.declared;
  const warnings = [...estate.warnings];
  const findings: DriftFinding[] = [];
  let checked = 0;
  if (options.actual !== undefined) {
    if (!fs.existsSync(options.actual))
      throw Object.assign(new Error(`${options.actual}: no such snapshot file or folder`), { code: 'ENOENT' });
    const fleet = checkSnapshots(new HostComparer(estate), options.actual, options.progress ?? NO_PROGRESS);
    findings.push(...fleet.findings);
    checked += fleet.hosts;
  }
  if (options.azure) {
    findings.push(...(await azureDrift(estate, options.azure)));
    checked++;
    if (estate.groups.length)
      warnings.push(
        `${estate.groups.length} PIM for Groups eligibilit${estate.groups.length === 1 ? 'y is' : 'ies are'} in Microsoft Graph, not ARM: not checked`,
      );
  }
  if (options.fleet) {
    const fleet = await fleetDrift(estate, options.fleet);
    findings.push(...fleet.findings);
    checked += fleet.machines;
    warnings.push(...fleet.warnings);
  }
  return { findings: sortFindings(findings), checked, warnings };
}
