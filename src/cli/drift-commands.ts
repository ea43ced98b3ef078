import { Command, Option } from 'commander';
import * as fs from 'fs';
import { ArmError } from '../drift/azure/arm-client';
import { TokenError } from '../drift/azure/credentials';
import { collectorScript } from '../drift/collector-script';
import { DeclaredError, declaredPrincipals, DeclaredEstate, loadDeclared } from '../drift/declared';
import { expectedSnapshot, validatePrincipals } from '../drift/expected-snapshot';
import { NO_PROGRESS, progressBar, wantsProgress } from '../drift/progress';
import { REPORT_FORMATS, renderReport, ReportFormat } from '../drift/report';
import { driftCheck } from '../drift/run';
import { CliError } from './io';

/** Where the drift commands write, and how they end; injected so tests can capture it. */
export interface DriftIo {
  /** Standard output. */
  readonly stdout: { write(chunk: string | Uint8Array): unknown; readonly isTTY?: boolean };
  /** Standard error: messages, and the progress bar when it is a terminal. */
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Sets the exit code: 0 no drift, 2 drift (errors throw CliError: 1). */
  setExitCode(code: number): void;
  /** fetch for the ARM client. @default global fetch */
  readonly fetch?: typeof fetch;
}

/** The process's streams, environment and exit code. */
export function processIo(): DriftIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, setExitCode: (code) => void (process.exitCode = code) };
}

/** Exit code of a drift check that found drift. */
export const DRIFT_EXIT_CODE = 2;

function declared(dir: string): DeclaredEstate {
  try {
    return loadDeclared(dir);
  } catch (e) {
    if (e instanceof DeclaredError) throw new CliError(`${dir}: ${e.message}`);
    throw e;
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

/** Writes to a file, or to standard output without one. */
function emit(io: DriftIo, out: string | undefined, content: string | Uint8Array): void {
  if (out) fs.writeFileSync(out, content);
  else io.stdout.write(content);
}

/**
 * Adds `collect-script`, `snapshot` and `drift` to the program:
 *
 * - `collect-script [--declared DIR] [--out FILE]`: the Windows PowerShell 5.1 collector.
 * - `snapshot --expected DIR [--principals FILE] [--host NAME] [--out FILE]`: what a perfectly
 *   deployed host would report.
 * - `drift --declared DIR [--actual SNAPSHOT_OR_DIR] [--azure --subscription ID [--endpoint URL]]
 *   [--format text|json|markdown]`: exit 0 without drift, 2 with drift, 1 on error.
 */
export function addDriftCommands(program: Command, io: DriftIo = processIo()): void {
  program
    .command('collect-script')
    .description('write the Windows PowerShell 5.1 script that prints a drift snapshot of a host (run it elevated)')
    .option('--declared <dir>', 'the synth output whose principals the script resolves', 'cdktf.out')
    .option('--out <file>', 'write the script here (default: standard output)')
    .action((opts: { declared: string; out?: string }) => {
      emit(io, opts.out, collectorScript(declaredPrincipals(declared(opts.declared).endpoints)));
    });

  program
    .command('snapshot')
    .description('print the snapshot a perfectly deployed host would give (schema jeajit.snapshot/v1)')
    .requiredOption('--expected <dir>', 'the synth output (cdktf.out) or a folder of .pssc/.psrc files')
    .option('--principals <file>', 'JSON object of known SIDs: { "DOMAIN\\\\name": "S-1-..." } (others are made up)')
    .option('--host <name>', 'the host name: the endpoints deployed to that VM (default: every endpoint)')
    .option('--out <file>', 'write the snapshot here (default: standard output)')
    .action((opts: { expected: string; principals?: string; host?: string; out?: string }) => {
      let principals: Record<string, string> | undefined;
      if (opts.principals) {
        try {
          principals = validatePrincipals(readJson(opts.principals), opts.principals);
        } catch (e) {
          throw e instanceof CliError ? e : new CliError((e as Error).message);
        }
      }
      const estate = declared(opts.expected);
      emit(io, opts.out, JSON.stringify(expectedSnapshot(estate, { ...(opts.host ? { host: opts.host } : {}), ...(principals ? { principals } : {}) }), null, 2) + '\n');
    });

  program
    .command('drift')
    .description('compare hosts (snapshots) and Azure with the declaration; exit 0 no drift, 2 drift, 1 error')
    .requiredOption('--declared <dir>', 'the synth output (cdktf.out) or a folder of .pssc/.psrc files')
    .option('--actual <path>', 'a snapshot file, or a folder of them (one per host)')
    .option('--azure', 'also compare JIT policies and PIM with a subscription through ARM')
    .option('--subscription <id>', 'the subscription (with --azure)')
    .option('--endpoint <url>', 'the ARM endpoint (with --azure)', 'https://management.azure.com')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .action(async (opts: { declared: string; actual?: string; azure?: boolean; subscription?: string; endpoint: string; format: ReportFormat }) => {
      if (!opts.actual && !opts.azure) throw new CliError('give --actual SNAPSHOT_OR_DIR, --azure, or both');
      if (opts.azure && !opts.subscription) throw new CliError('--azure needs --subscription ID');
      if (!opts.azure && opts.subscription) throw new CliError('--subscription needs --azure');
      const estate = declared(opts.declared);
      const progress = wantsProgress({ isTTY: !!io.stderr.isTTY, format: opts.format, env: io.env }) ? progressBar(io.stderr) : NO_PROGRESS;
      let result;
      try {
        result = await driftCheck({
          declared: estate,
          ...(opts.actual ? { actual: opts.actual } : {}),
          ...(opts.azure ? { azure: { subscription: opts.subscription!, endpoint: opts.endpoint, env: io.env, ...(io.fetch ? { fetch: io.fetch } : {}) } } : {}),
          progress,
        });
      } catch (e) {
        if (e instanceof ArmError || e instanceof TokenError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError((e as Error).message);
        throw e;
      }
      for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
      const color = opts.format === 'text' && !!io.stdout.isTTY && !('NO_COLOR' in io.env);
      io.stdout.write(renderReport(opts.format, { findings: result.findings, checked: result.checked, color }));
      io.setExitCode(result.findings.length ? DRIFT_EXIT_CODE : 0);
    });
}
