/** One benchmark's figures, as written to bench/results.json. */
export interface BenchResult {
  readonly name: string;
  /** Median milliseconds of our operation. */
  readonly ours: number;
  readonly baseline: string;
  /** Median milliseconds of the baseline on the same data, measured in the same run. */
  readonly baselineMs: number;
  /** ours / baseline. */
  readonly ratio: number;
  /** The goal for the ratio, when there is one. */
  readonly goal?: number;
  /** Peak resident memory of the benchmark's process, in MiB. */
  readonly peakMemoryMiB: number;
  /** Free-form facts (sizes, counts). */
  readonly notes?: string;
}

/** Median wall time of `fn` in ms over `runs` runs after `warmup` runs. */
export function median(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Times ours against a baseline, interleaved so that machine noise hits both alike, and
 * returns the result with the process's peak memory so far.
 */
export function compare(
  name: string,
  ours: () => unknown,
  baseline: string,
  base: () => unknown,
  options: { goal?: number; notes?: string; runs?: number } = {},
): BenchResult {
  const runs = options.runs ?? 7;
  const oursTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours();
    base();
  }
  for (let i = 0; i < runs; i++) {
    oursTimes.push(median(ours, 1, 0));
    baseTimes.push(median(base, 1, 0));
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const o = mid(oursTimes);
  const b = mid(baseTimes);
  return {
    name,
    ours: round(o),
    baseline,
    baselineMs: round(b),
    ratio: round(o / b),
    ...(options.goal === undefined ? {} : { goal: options.goal }),
    peakMemoryMiB: round(process.resourceUsage().maxRSS / 1024),
    ...(options.notes === undefined ? {} : { notes: options.notes }),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
