/**
 * `guestconfig/<package>/<SHA-256>/package.json`: what a synth output records of each Machine
 * Configuration package beside its zip, so that `jeajit drift --azure --scope` knows which
 * content each endpoint's assignments must carry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssignmentType, packageBlobName } from './assignment';
import { findFiles } from '../policy/load-synth';
import { MachineConfigurationPackage } from './package';

/** The file name of a package's record. */
export const PACKAGE_MANIFEST = 'package.json';

/** A package's record. */
export interface PackageManifest {
  readonly endpoint: string;
  /** The package (configuration) name. */
  readonly name: string;
  /** SHA-256 of the zip, upper-case hex. */
  readonly sha256: string;
  readonly version: string;
  readonly assignmentType: AssignmentType;
  /** The zip, relative to the stack folder (the same path as its blob name, under `guestconfig/`). */
  readonly file: string;
  /** Where the package is assigned, as declared. */
  readonly targets: PackageTargets;
}

/** Where a package is assigned. */
export interface PackageTargets {
  /** Resource IDs of the VMs and Arc servers assigned one by one (those known at synth). */
  readonly machines: readonly string[];
  /** How many machines are known only at deploy time (not in `machines`). */
  readonly machinesKnownAtDeploy: number;
  /** The policy's scope, and whether it takes Arc servers too. */
  readonly policy?: { readonly scope: string; readonly includeArcMachines: boolean };
}

/** The folder of a package's zip and record, relative to the stack folder. */
export function packageFolder(pkg: MachineConfigurationPackage): string {
  return path.posix.dirname(`guestconfig/${packageBlobName(pkg)}`);
}

/** The record of a package, as written beside its zip. */
export function packageManifest(
  endpoint: string,
  pkg: MachineConfigurationPackage,
  version: string,
  assignmentType: AssignmentType,
  targets: PackageTargets,
): PackageManifest {
  return {
    endpoint,
    name: pkg.name,
    sha256: pkg.sha256,
    version,
    assignmentType,
    file: `guestconfig/${packageBlobName(pkg)}`,
    targets,
  };
}

/** What the package records of a synth output say of one endpoint. */
export interface DeclaredPackages {
  /** The SHA-256 of each of its packages, sorted. */
  readonly hashes: string[];
  /** The machines (resource IDs, as declared) its packages are assigned to one by one. */
  readonly machines: string[];
  /** How many more are known only at deploy time. */
  machinesKnownAtDeploy: number;
  /** The scopes its packages are assigned to by policy. */
  readonly policies: { readonly scope: string; readonly includeArcMachines: boolean }[];
}

/**
 * Every package record under a synth output (any `guestconfig/**\/package.json`), by endpoint
 * name; unreadable records are skipped, and a record without targets (an older synth) counts as
 * assigned nowhere known.
 */
export function declaredPackages(dir: string): Record<string, DeclaredPackages> {
  const out: Record<string, DeclaredPackages> = {};
  const files = findFiles(dir, PACKAGE_MANIFEST).filter((f) => f.split(path.sep).includes('guestconfig'));
  for (const file of files) {
    let m: Partial<PackageManifest>;
    try {
      m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PackageManifest>;
    } catch {
      continue;
    }
    if (typeof m.endpoint !== 'string' || typeof m.sha256 !== 'string') continue;
    const entry = (out[m.endpoint] ??= { hashes: [], machines: [], machinesKnownAtDeploy: 0, policies: [] });
    if (!entry.hashes.includes(m.sha256)) entry.hashes.push(m.sha256);
    entry.machines.push(...(m.targets?.machines ?? []));
    entry.machinesKnownAtDeploy += m.targets?.machinesKnownAtDeploy ?? 0;
    if (m.targets?.policy) entry.policies.push(m.targets.policy);
  }
  for (const entry of Object.values(out)) entry.hashes.sort();
  return out;
}
