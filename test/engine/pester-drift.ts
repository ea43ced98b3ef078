/**
 * The snapshots the drift collector took on the simulated host (test/pester/Collector.Tests.ps1),
 * judged here: each validates against docs/snapshot.schema.json and the snapshot reader, and
 * `jeajit drift` (the built CLI) of each against the synth output finds exactly the drift that was
 * made on the host, and none on the host as the install scripts left it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DriftReport } from '../../src/drift/finding';
import { validateSnapshot } from '../../src/drift/snapshot';
import { jeajit } from '../helpers/cli';
import { schemaErrors, snapshotSchema } from '../helpers/snapshot-schema';
import { tempDir } from '../drift/estate';
import { PesterReport } from './pester-run';

/** A snapshot the collector suite takes, and the findings `jeajit drift` must give for it (kind, endpoint, path). */
export const SNAPSHOT_CASES: readonly { readonly name: string; readonly findings: readonly string[] }[] = [
  { name: 'installed', findings: [] },
  {
    name: 'tampered-role',
    findings: ["role-changed JEA-Maintenance Roles['MaintenanceLev1'].VisibleCmdlets['Stop-Computer']"],
  },
  {
    name: 'extra-ace',
    findings: ["ace-added JEA-DNS SecurityDescriptorSddl['S-1-5-21-3623811015-3361044348-30300820-1013']"],
  },
  { name: 'second-module', findings: ["role-shadowed JEA-Maintenance Roles['MaintenanceLev1']"] },
];

/** The drift CLI's findings of one snapshot, as `kind endpoint path`, and its exit code. */
function driftOf(
  declared: string,
  snapshot: string,
): { status: number | null; findings: string[]; report: DriftReport } {
  const dir = tempDir('jeajit-pester-drift-');
  try {
    const file = path.join(dir, 'snapshot.json');
    fs.writeFileSync(file, snapshot);
    const run = jeajit(['drift', '--declared', declared, '--actual', file, '--format', 'json']);
    if (run.status !== 0 && run.status !== 2) throw new Error(`jeajit drift failed (${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout.toString('utf8')) as DriftReport;
    return { status: run.status, findings: report.findings.map((f) => `${f.kind} ${f.endpoint} ${f.path}`), report };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Declares the jest tests of the collector's snapshots of a Pester run (none when Pester did not run). */
export function describeCollectorSnapshots(report: PesterReport): void {
  describe("the collector's snapshots of the simulated host, judged by the schema and `jeajit drift`", () => {
    const files = report.snapshots?.files ?? {};
    it('were all taken', () => {
      if (!report.loaded) throw new Error(report.error ?? 'Pester did not run');
      expect(Object.keys(files).sort()).toEqual(
        SNAPSHOT_CASES.flatMap((c) => [`${c.name}.collected.json`, `${c.name}.json`]).sort(),
      );
    });

    describe.each(SNAPSHOT_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
      const collected = files[`${name}.collected.json`];
      const windows = files[`${name}.json`];
      const skip = collected === undefined || windows === undefined;

      (skip ? it.skip : it)(
        'validates against docs/snapshot.schema.json and the snapshot reader, as the collector wrote it',
        () => {
          const value = JSON.parse(collected);
          expect(schemaErrors(snapshotSchema, value)).toEqual([]);
          expect(validateSnapshot(JSON.parse(collected))).toEqual(value);
          expect(/[^\x00-\x7f]/.test(collected)).toBe(false);
        },
      );

      (skip ? it.skip : it)(
        c.findings.length ? `is drift: ${c.findings.join('; ')}` : 'is no drift (exit code 0)',
        () => {
          expect(schemaErrors(snapshotSchema, JSON.parse(windows))).toEqual([]);
          const drift = driftOf(report.snapshots!.declared, windows);
          expect(drift.findings).toEqual(c.findings);
          expect(drift.status).toBe(c.findings.length ? 2 : 0);
          expect(drift.report.drift).toBe(c.findings.length > 0);
        },
      );
    });
  });
}
