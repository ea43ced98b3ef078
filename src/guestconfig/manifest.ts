/**
 * `guestconfig/<package>/<SHA-256>/package.json`: what a synth output records of each Machine
 * Configuration package beside its zip, so that `jeajit drift --azure --scope` knows which
 * content each endpoint's assignments must carry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssignmentType, packageBlobName } from './assignment';
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
): PackageManifest {
  return {
    endpoint,
    name: pkg.name,
    sha256: pkg.sha256,
    version,
    assignmentType,
    file: `guestconfig/${packageBlobName(pkg)}`,
  };
}

function* manifestFiles(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* manifestFiles(p);
    else if (e.name === PACKAGE_MANIFEST && p.split(path.sep).includes('guestconfig')) yield p;
  }
}

/**
 * Every package record under a synth output (any `guestconfig/**\/package.json`), as endpoint
 * name -> the SHA-256 of each of its packages; unreadable records are skipped.
 */
export function declaredContentHashes(dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of manifestFiles(dir)) {
    let m: Partial<PackageManifest>;
    try {
      m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PackageManifest>;
    } catch {
      continue;
    }
    if (typeof m.endpoint !== 'string' || typeof m.sha256 !== 'string') continue;
    const list = (out[m.endpoint] ??= []);
    if (!list.includes(m.sha256)) list.push(m.sha256);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}
