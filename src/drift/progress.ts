import { SingleBar } from 'cli-progress';

/** Progress of a long check: started with a total, ticked once per item, stopped at the end. */
export interface Progress {
  start(total: number): void;
  tick(): void;
  stop(): void;
}

/** A progress that shows nothing. */
export const NO_PROGRESS: Progress = { start() {}, tick() {}, stop() {} };

/** Where and how a command runs, as far as showing progress is concerned. */
export interface ProgressContext {
  /** Whether stderr is a terminal. */
  readonly isTTY: boolean;
  readonly format: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A progress bar only on a terminal, never in CI (the CI variable set) or for JSON output. */
export function wantsProgress(c: ProgressContext): boolean {
  return c.isTTY && c.format !== 'json' && !c.env.CI;
}

/** A cli-progress bar on `stream` (stderr), redrawn at most 10 times a second. */
export function progressBar(stream: NodeJS.WritableStream): Progress {
  const bar = new SingleBar({
    stream,
    format: 'drift {bar} {value}/{total} snapshots | {eta_formatted} left',
    fps: 10,
    hideCursor: true,
    clearOnComplete: true,
  });
  return {
    start: (total) => bar.start(total, 0),
    tick: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
