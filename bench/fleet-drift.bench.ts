import { ChildProcess, fork } from 'child_process';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { DeclaredEstate } from '../src/drift/declared';
import { fleetDrift } from '../src/drift/azure/fleet-drift';
import { limiter } from '../src/drift/azure/limiter';
import type { BenchResult } from './measure';

/** Machines in the generated fleet (two subscriptions under a management group, one in five an Arc server). */
export const FLEET_MACHINES = 10_000;
/** The example estate's endpoints (fleet drift reads nothing else of the declaration). */
const ENDPOINTS = ['JEA-DNS', 'JEA-FileServer', 'JEA-Helpdesk', 'JEA-Maintenance'];
const TOKEN = 'bench-token';
const CONCURRENCY = 8;
const RUNS = 3;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly hashes: Record<string, string>;
  readonly expected: { machines: number; kinds: Record<string, number> };
}

/** Starts the fake ARM (test/drift/fake-fleet-arm.ts) in its own process. */
function startServer(): Promise<Server> {
  const child = fork(path.join(__dirname, 'fleet-server.js'), [String(FLEET_MACHINES), TOKEN, ENDPOINTS.join(',')], {
    execArgv: [],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ...(m as Omit<Server, 'child'>) }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake ARM exited with ${code}`)));
  });
}

/** A garbage collection on demand, without --expose-gc on the command line. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Runs `fn` and returns its wall time and the most heap it used above the heap at its start (sampled every 2 ms and at every response). */
async function measured(
  gc: () => void,
  fn: (sample: () => void) => Promise<unknown>,
): Promise<{ ms: number; peakHeap: number }> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 2);
  const t0 = process.hrtime.bigint();
  try {
    await fn(sample);
  } finally {
    clearInterval(timer);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  sample();
  return { ms, peakHeap: peak - start };
}

/** The most live heap `fn` holds above its start: a full collection every 100 ms, then heapUsed (an untimed run). */
async function liveHeap(gc: () => void, fn: (sample: () => void) => Promise<unknown>): Promise<number> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 100);
  try {
    await fn(() => undefined);
  } finally {
    clearInterval(timer);
  }
  return peak - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round = (x: number) => Math.round(x * 100) / 100;
const mib = (n: number) => n / 1024 / 1024;

/**
 * Fleet drift through Machine Configuration over 10,000 machines served by the fake ARM, against
 * fetching every ARM page that run reads (8 in flight, as ours) and JSON.parse-ing it with no
 * comparison, interleaved in the same process: time and peak heap, each as a ratio.
 */
export async function run(): Promise<BenchResult[]> {
  const server = await startServer();
  const gc = collector();
  try {
    const declared = { endpoints: ENDPOINTS.map((name) => ({ name })) } as unknown as DeclaredEstate;
    const urls = new Set<string>();
    let bytes = 0;
    let findings = 0;
    const ours = (sample: () => void) => {
      const recording = (async (url: string, init?: RequestInit) => {
        const response = await fetch(url, init);
        urls.add(url);
        sample();
        return response;
      }) as unknown as typeof fetch;
      return fleetDrift(declared, {
        scope: '/providers/Microsoft.Management/managementGroups/mg-contoso-servers',
        endpoint: server.url,
        token: () => Promise.resolve(TOKEN),
        fetch: recording,
        concurrency: CONCURRENCY,
        contentHashes: server.hashes,
      }).then((r) => {
        findings = r.findings.length;
        if (r.machines !== server.expected.machines)
          throw new Error(`fleet drift checked ${r.machines} machines, not ${server.expected.machines}`);
      });
    };
    const baseline = async (sample: () => void) => {
      const limit = limiter(CONCURRENCY);
      let total = 0;
      await Promise.all(
        [...urls].map((url) =>
          limit(async () => {
            const text = await (
              await fetch(url, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } })
            ).text();
            total += text.length;
            JSON.parse(text);
            sample();
          }),
        ),
      );
      bytes = total;
    };
    await measured(gc, ours); // warm-up, and the URLs the baseline reads
    await measured(gc, baseline);
    const o: Array<{ ms: number; peakHeap: number }> = [];
    const b: Array<{ ms: number; peakHeap: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      o.push(await measured(gc, ours));
      b.push(await measured(gc, baseline));
    }
    const oursMs = median(o.map((x) => x.ms));
    const baseMs = median(b.map((x) => x.ms));
    const oursHeap = Math.max(...o.map((x) => x.peakHeap));
    const baseHeap = Math.max(...b.map((x) => x.peakHeap));
    const oursLive = await liveHeap(gc, ours);
    const baseLive = await liveHeap(gc, baseline);
    return [
      {
        name: `fleet drift over ${FLEET_MACHINES.toLocaleString('en')} machines (Machine Configuration via ARM)`,
        ours: round(oursMs),
        baseline: `fetch + JSON.parse of the same ${urls.size} ARM pages, ${CONCURRENCY} in flight`,
        baselineMs: round(baseMs),
        ratio: round(oursMs / baseMs),
        peakMemoryMiB: round(process.resourceUsage().maxRSS / 1024),
        notes:
          `${urls.size} requests, ${mib(bytes).toFixed(1)} MiB of JSON, ${findings} findings; ` +
          `peak heap used above the start (sampled every 2 ms and per response, garbage included): ours ${mib(oursHeap).toFixed(1)} MiB, baseline ${mib(baseHeap).toFixed(1)} MiB (ratio ${round(oursHeap / baseHeap)}); ` +
          `peak live heap (collected every 100 ms, untimed run): ours ${mib(oursLive).toFixed(1)} MiB, baseline ${mib(baseLive).toFixed(1)} MiB (ratio ${round(oursLive / baseLive)}); ` +
          `the fake ARM runs in its own process`,
      },
    ];
  } finally {
    server.child.disconnect();
  }
}
