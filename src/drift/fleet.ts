import * as fs from 'fs';
import * as path from 'path';
import { HostComparer } from './compare-host';
import { DriftFinding } from './finding';
import { NO_PROGRESS, Progress } from './progress';
import { readSnapshot, readSnapshotFile, SnapshotError } from './snapshot';

/** What checking snapshots gave: the findings and how many snapshots were read. */
export interface FleetResult {
  readonly findings: DriftFinding[];
  readonly hosts: number;
}

/**
 * Checks one snapshot file, or every `*.json` file of a folder (one per host), against the
 * comparer's estate. Streaming: the folder is listed with an iterator and one file at a time is
 * read, compared and dropped, so memory stays flat however many hosts there are (only findings
 * are kept). A snapshot that is not valid JSON or does not match the schema is an
 * `unparsable-file` finding for that file, never the end of the check.
 */
export function checkSnapshots(comparer: HostComparer, actual: string, progress: Progress = NO_PROGRESS): FleetResult {
  const findings: DriftFinding[] = [];
  let hosts = 0;
  const checkFile = (file: string) => {
    hosts++;
    try {
      const snapshot = readSnapshot(readSnapshotFile(file), file);
      for (const f of comparer.compare(snapshot)) findings.push(f);
    } catch (e) {
      const reason =
        e instanceof SnapshotError
          ? `${e.at}: ${e.reason}`
          : (e as NodeJS.ErrnoException).code
            ? `not readable: ${(e as Error).message}`
            : undefined;
      if (reason === undefined) throw e;
      findings.push({
        host: path.basename(file),
        endpoint: null,
        kind: 'unparsable-file',
        path: file,
        declared: null,
        actual: reason,
      });
    }
  };
  if (!fs.statSync(actual).isDirectory()) {
    checkFile(actual);
    return { findings, hosts };
  }
  progress.start(countSnapshots(actual));
  try {
    forEachSnapshot(actual, (file) => {
      checkFile(file);
      progress.tick();
    });
  } finally {
    progress.stop();
  }
  return { findings, hosts };
}

function isSnapshotFile(entry: fs.Dirent): boolean {
  return entry.isFile() && entry.name.toLowerCase().endsWith('.json');
}

/** Calls `fn` for every snapshot file of a folder, listing it lazily. */
function forEachSnapshot(dir: string, fn: (file: string) => void): void {
  const handle = fs.opendirSync(dir, { bufferSize: 256 });
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync())
      if (isSnapshotFile(entry)) fn(path.join(dir, entry.name));
  } finally {
    handle.closeSync();
  }
}

function countSnapshots(dir: string): number {
  let n = 0;
  forEachSnapshot(dir, () => n++);
  return n;
}
