import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HostComparer } from '../src/drift/compare-host';
import { loadDeclared } from '../src/drift/declared';
import { expectedSnapshot } from '../src/drift/expected-snapshot';
import { sortFindings } from '../src/drift/finding';
import { checkSnapshots } from '../src/drift/fleet';
import { Progress } from '../src/drift/progress';
import { renderReport } from '../src/drift/report';
import { BenchResult, compare } from './measure';

/** Hosts in the generated fleet. */
export const FLEET_SIZE = 10_000;
/** One host in this many has drifted (in one of the ways of {@link DRIFTS}). */
const DRIFT_EVERY = 20;

/** The parts of a snapshot (as JSON) that the drifts edit. */
interface SnapshotJson {
  host: string;
  endpoints: { securityDescriptorSddl: string; configFile: string }[];
  roleCapabilities: { name: string; path: string; content: string }[];
}

type Edit = (s: SnapshotJson) => void;

/** Kinds of drift the generated fleet has: an added cmdlet, a changed ACE, a missing endpoint, a shadowing role, a corrupt file. */
const DRIFTS: readonly Edit[] = [
  (s) =>
    (s.roleCapabilities[0].content = s.roleCapabilities[0].content.replace(
      'VisibleCmdlets = @(',
      "VisibleCmdlets = @(\r\n        'Stop-Computer',",
    )),
  (s) =>
    (s.endpoints[0].securityDescriptorSddl = s.endpoints[0].securityDescriptorSddl.replace(
      'S:P',
      '(A;;GA;;;S-1-5-21-1-2-3-500)S:P',
    )),
  (s) => s.endpoints.pop(),
  (s) =>
    s.roleCapabilities.push({ ...s.roleCapabilities[1], path: s.roleCapabilities[1].path.replace('Contoso', 'Old') }),
  (s) => (s.endpoints[1].configFile = s.endpoints[1].configFile.slice(0, 200)),
];

/** The repository root (this file runs from bench/ under ts-node, or from dist/bench/ compiled). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Synthesizes the example estate in a child process, so that cdktf's memory is not counted here. */
function synthEstate(root: string): string {
  const outdir = path.join(root, 'cdktf.out');
  const script = `const { App } = require('cdktf'); const { JeaEstate } = require('./examples/estate'); const app = new App({ outdir: ${JSON.stringify(outdir)} }); new JeaEstate(app, 'contoso'); app.synth();`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: repoRoot(),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
  return outdir;
}

/** Writes the fleet: the expected snapshot of the estate per host, every DRIFT_EVERY-th host drifted. */
export function generateFleet(declaredDir: string, dir: string, size = FLEET_SIZE): { bytes: number; drifted: number } {
  const base = expectedSnapshot(loadDeclared(declaredDir), { collectedAt: '2025-06-01T08:00:00.000Z' });
  const baseJson = JSON.stringify(base);
  let bytes = 0;
  let drifted = 0;
  for (let i = 0; i < size; i++) {
    const s = JSON.parse(baseJson) as SnapshotJson;
    s.host = `SRV${String(i).padStart(5, '0')}`;
    if (i % DRIFT_EVERY === DRIFT_EVERY - 1) {
      DRIFTS[drifted++ % DRIFTS.length](s);
    }
    const text = JSON.stringify(s);
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `${s.host}.json`), text);
  }
  return { bytes, drifted };
}

/** Heap used while a fleet is checked, sampled as it goes: after a tenth of it, and the most. */
function heapWhileChecking(declared: string, fleet: string): { atTenth: number; max: number } {
  global.gc?.();
  let n = 0;
  let atTenth = 0;
  let max = 0;
  const sample: Progress = {
    start() {},
    stop() {},
    tick() {
      if (++n % 100 !== 0) return;
      const used = process.memoryUsage().heapUsed;
      if (n === FLEET_SIZE / 10) atTenth = used;
      max = Math.max(max, used);
    },
  };
  checkSnapshots(new HostComparer(loadDeclared(declared)), fleet, sample);
  return { atTenth, max };
}

/** Drift over a generated fleet against only reading and JSON-parsing the same files, in the same run. */
export function run(): BenchResult[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-drift-bench-'));
  try {
    const declared = synthEstate(root);
    const fleet = path.join(root, 'fleet');
    fs.mkdirSync(fleet);
    const { bytes, drifted } = generateFleet(declared, fleet);
    let findings = 0;
    const drift = () => {
      const result = checkSnapshots(new HostComparer(loadDeclared(declared)), fleet);
      findings = result.findings.length;
      return renderReport('json', { findings: sortFindings(result.findings), checked: result.hosts });
    };
    const baseline = () => {
      let n = 0;
      for (const name of fs.readdirSync(fleet))
        n += (JSON.parse(fs.readFileSync(path.join(fleet, name), 'utf8')) as SnapshotJson).endpoints.length;
      return n;
    };
    const result = compare(
      `drift over ${FLEET_SIZE.toLocaleString('en')} snapshots`,
      drift,
      'read + JSON.parse',
      baseline,
      { goal: 2, runs: 5 },
    );
    const heap = heapWhileChecking(declared, fleet);
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return [
      {
        ...result,
        notes: `${FLEET_SIZE} snapshots, ${mib(bytes)} of JSON; ${drifted} drifted hosts, ${findings} findings; heap used while checking: ${mib(heap.atTenth)} after ${FLEET_SIZE / 10} snapshots, at most ${mib(heap.max)} over all ${FLEET_SIZE} (flat: one snapshot in memory at a time)`,
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
