/**
 * Runs the Pester suites under test/pester in one pwsh process (test/engine/ps/pester-run.ps1)
 * and returns every Pester test's result, for jest to report one by one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './find-pwsh';
import { PesterEstate, synthPesterEstate } from './pester-inputs';
import { runPwsh } from './pwsh';

/** The Pester scripts/install-engine.sh sets up (keep the version in step with it). */
export const PESTER_VERSION = '5.7.1';

/** Where scripts/install-engine.sh puts Pester; `$JEAJIT_PESTER` names another Pester.psd1. */
export const PESTER_MODULE =
  process.env.JEAJIT_PESTER || path.join(ROOT, '.tools', 'modules', 'Pester', PESTER_VERSION, 'tools', 'Pester.psd1');

/** The folder of the Pester suites. */
export const PESTER_SUITES = path.join(ROOT, 'test', 'pester');

/** One Pester test: its file, its name (blocks and test, data-driven names expanded), result and error. */
export interface PesterTest {
  readonly file: string;
  readonly name: string;
  readonly result: 'Passed' | 'Failed' | 'Skipped' | 'NotRun' | 'Inconclusive';
  readonly message: string;
  readonly ms: number;
}

/** What a run of the suites gave: the tests, and failures outside any test; or why Pester did not run. */
export interface PesterReport {
  readonly loaded: boolean;
  readonly error?: string;
  readonly version?: string;
  readonly durationMs?: number;
  readonly tests: readonly PesterTest[];
  readonly failures: readonly { readonly name: string; readonly message: string }[];
  /** The snapshots Collector.Tests.ps1 wrote, by file name, and the synth output they are compared with. */
  readonly snapshots?: { readonly declared: string; readonly files: Readonly<Record<string, string>> };
}

/** The input of pester-run.ps1: Pester, the suites, and the estate they install. */
export interface PesterInput extends PesterEstate {
  readonly pester: string;
  readonly version: string;
  readonly tests: string;
}

/**
 * Synthesizes the estate and runs every suite once, then reads the snapshots the collector suite
 * wrote. A pwsh that fails, or a Pester that does not load, is a report with `loaded: false` and
 * the reason, never an exception, so that the caller can turn it into a failing test.
 */
export function runPesterSuites(pester = PESTER_MODULE): PesterReport {
  let input: PesterInput;
  try {
    input = { pester, version: PESTER_VERSION, tests: PESTER_SUITES, ...synthPesterEstate() };
  } catch (e) {
    return {
      loaded: false,
      error: `the estate for the Pester suites did not synthesize: ${(e as Error).message}`,
      tests: [],
      failures: [],
    };
  }
  try {
    const report = runPwsh<PesterReport>('pester-run.ps1', input);
    const files = Object.fromEntries(
      fs
        .readdirSync(input.snapshots)
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(input.snapshots, f), 'utf8')]),
    );
    return {
      ...report,
      tests: report.tests ?? [],
      failures: report.failures ?? [],
      snapshots: { declared: input.exampleOut, files },
    };
  } catch (e) {
    return { loaded: false, error: (e as Error).message, tests: [], failures: [] };
  } finally {
    for (const folder of input.folders) fs.rmSync(folder, { recursive: true, force: true });
  }
}
