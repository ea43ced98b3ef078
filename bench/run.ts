import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchResult } from './measure';

/**
 * `npm run bench`: runs each benchmark module in its own process (so peak memory is its own),
 * prints a table and writes bench/results.json. Figures are ratios against a baseline measured
 * in the same process on the same data; absolute times on shared machines are noise. It runs the
 * compiled JavaScript (`tsc -p tsconfig.bench.json`).
 */
const MODULES = ['psd1.bench', 'synth.bench', 'effective.bench', 'drift.bench', 'fleet-drift.bench'];

async function runModule(name: string): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    // compiled JavaScript under plain node: ts-node's source-map support would make every stack
    // trace cdktf captures (one per nested block of a resource) cost more than the synth itself
    const child = fork(path.join(__dirname, 'child.js'), [name], { execArgv: [] });
    child.on('message', (results) => resolve(results as BenchResult[]));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${name} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const name of MODULES) results.push(...(await runModule(name)));
  console.table(
    results.map((r) => ({
      benchmark: r.name,
      'ours ms': r.ours,
      baseline: r.baseline,
      'baseline ms': r.baselineMs,
      ratio: r.ratio,
      goal: r.goal === undefined ? '' : `<= ${r.goal}`,
      'peak MiB': r.peakMemoryMiB,
    })),
  );
  for (const r of results) if (r.notes) console.log(`${r.name}: ${r.notes}`);
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model };
  fs.writeFileSync(
    path.join(__dirname, '..', '..', 'bench', 'results.json'),
    JSON.stringify({ machine, results }, null, 2) + '\n',
  );
  const missed = results.filter((r) => r.goal !== undefined && r.ratio > r.goal);
  if (missed.length) console.log(`goal missed: ${missed.map((r) => r.name).join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
