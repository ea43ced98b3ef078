import { Command, Option } from 'commander';
import * as fs from 'fs';
import { ArmError } from '../drift/azure/arm-client';
import { TokenError } from '../drift/azure/credentials';
import { ScopeError } from '../drift/azure/fleet-scope';
import { collectorScript } from '../drift/collector-script';
import { DeclaredError, declaredPrincipals, DeclaredEstate, loadDeclared } from '../drift/declared';
import { expectedSnapshot, validatePrincipals } from '../drift/expected-snapshot';
import { NO_PROGRESS, progressBar, wantsProgress } from '../drift/progress';
import { REPORT_FORMATS, renderReport, ReportFormat } from '../drift/report';
import { driftCheck } from '../drift/run';
import { fold } from '../drift/semantic';
import { CliError, readJsonInput, requirePath, writeOutput } from './io';

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
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    setExitCode: (code) => void (process.exitCode = code),
  };
}

/** Exit code of a drift check that found drift. */
export const DRIFT_EXIT_CODE = 2;

const SYNTH_HINT = 'give the synth output, e.g. cdktf.out';

/** The declaration in a folder: an error naming the folder when it is missing, a file, empty or does not load. */
function declared(dir: string): DeclaredEstate {
  if (!fs.existsSync(dir))
    throw new CliError(`${dir}: no such file or folder, so not a folder with a declaration (${SYNTH_HINT})`);
  requirePath(dir, 'folder', SYNTH_HINT);
  let estate: DeclaredEstate;
  try {
    estate = loadDeclared(dir);
  } catch (e) {
    if (e instanceof DeclaredError) throw new CliError(`${dir}: ${e.message}`);
    throw e;
  }
  if (!estate.endpoints.length && !estate.vmJit.length && !estate.pim.length && !estate.groups.length) {
    throw new CliError(`${dir}: nothing declared: no .psrc or .pssc files and no synth output in this folder`);
  }
  return estate;
}

/**
 * The host names the declaration's VM deployments name (lower case; Windows compares them
 * without case), without the 15-character computer names derived from longer VM names.
 */
function knownHosts(estate: DeclaredEstate): string[] {
  const keys = [...estate.placements.keys()];
  return keys
    .filter((k) => !keys.some((other) => other !== k && other.startsWith(k) && k.length === 15))
    .map((k) => k.toLowerCase())
    .sort();
}

/**
 * `--host NAME` must be a host the declaration deploys to, when it deploys to any: an unknown
 * name is an error (exit 1) naming it and the known hosts. (Without VM deployments every host
 * runs every endpoint, and any name is one.)
 */
function checkHost(estate: DeclaredEstate, dir: string, host: string): void {
  if (estate.placements.size === 0 || estate.placements.has(fold(host.split('.')[0]))) return;
  throw new CliError(
    `--host ${host}: no VM deployment in ${dir} names this host; the declaration deploys to ${knownHosts(estate).join(', ')}`,
  );
}

/** Writes to a file, or to standard output without one. */
function emit(io: DriftIo, out: string | undefined, content: string | Uint8Array): void {
  if (out) writeOutput(out, content);
  else io.stdout.write(content);
}

/**
 * `--actual` must exist (`x.json: no such snapshot file or folder`), and a single snapshot file
 * must be JSON (`x.json:3:7: not valid JSON: ...`, `x.json: not a text file ...`): an input that
 * cannot be read is an error (exit 1). In a folder, a snapshot that does not read is drift of its
 * host (an `unparsable-file` finding), and so is a snapshot that does not match the schema.
 */
function checkActual(actual: string): void {
  if (!fs.existsSync(actual)) throw new CliError(`${actual}: no such snapshot file or folder`);
  if (!fs.statSync(actual).isDirectory()) readJsonInput(actual);
}

/**
 * Adds `collect-script`, `snapshot` and `drift` to the program:
 *
 * - `collect-script [--declared DIR] [--out FILE]`: the Windows PowerShell 5.1 collector.
 * - `snapshot --expected DIR [--principals FILE] [--host NAME] [--out FILE]`: what a perfectly
 *   deployed host would report; a host no VM deployment names is an error (exit 1) listing those that are.
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
    .option(
      '--host <name>',
      'the host name: the endpoints deployed to that VM (default: every endpoint); exit 1 for a host the declaration does not deploy to',
    )
    .option('--out <file>', 'write the snapshot here (default: standard output)')
    .action((opts: { expected: string; principals?: string; host?: string; out?: string }) => {
      let principals: Record<string, string> | undefined;
      if (opts.principals) {
        try {
          principals = validatePrincipals(readJsonInput(opts.principals), opts.principals);
        } catch (e) {
          throw e instanceof CliError ? e : new CliError((e as Error).message);
        }
      }
      const estate = declared(opts.expected);
      if (opts.host) checkHost(estate, opts.expected, opts.host);
      emit(
        io,
        opts.out,
        JSON.stringify(
          expectedSnapshot(estate, {
            ...(opts.host ? { host: opts.host } : {}),
            ...(principals ? { principals } : {}),
          }),
          null,
          2,
        ) + '\n',
      );
    });

  program
    .command('drift')
    .description('compare hosts (snapshots) and Azure with the declaration; exit 0 no drift, 2 drift, 1 error')
    .requiredOption('--declared <dir>', 'the synth output (cdktf.out) or a folder of .pssc/.psrc files')
    .option('--actual <path>', 'a snapshot file, or a folder of them (one per host)')
    .option('--azure', 'also compare JIT policies and PIM with a subscription through ARM')
    .option('--subscription <id>', 'the subscription whose JIT policies and PIM to compare (with --azure)')
    .option(
      '--scope <scope>',
      "a management group, subscription or resource group whose every Windows VM and Arc server must carry each endpoint's Machine Configuration assignment (with --azure)",
    )
    .option('--endpoint <url>', 'the ARM endpoint (with --azure)', 'https://management.azure.com')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .action(
      async (opts: {
        declared: string;
        actual?: string;
        azure?: boolean;
        subscription?: string;
        scope?: string;
        endpoint: string;
        format: ReportFormat;
      }) => {
        if (!opts.actual && !opts.azure) throw new CliError('give --actual SNAPSHOT_OR_DIR, --azure, or both');
        if (opts.azure && !opts.subscription && !opts.scope)
          throw new CliError('--azure needs --subscription ID, --scope SCOPE, or both');
        if (!opts.azure && (opts.subscription || opts.scope))
          throw new CliError(`${opts.subscription ? '--subscription' : '--scope'} needs --azure`);
        const estate = declared(opts.declared);
        if (opts.actual !== undefined) checkActual(opts.actual);
        const progress = wantsProgress({ isTTY: !!io.stderr.isTTY, format: opts.format, env: io.env })
          ? progressBar(io.stderr)
          : NO_PROGRESS;
        let result;
        try {
          result = await driftCheck({
            declared: estate,
            ...(opts.actual ? { actual: opts.actual } : {}),
            ...(opts.azure && opts.scope
              ? {
                  fleet: {
                    scope: opts.scope,
                    endpoint: opts.endpoint,
                    env: io.env,
                    ...(io.fetch ? { fetch: io.fetch } : {}),
                  },
                }
              : {}),
            ...(opts.azure && opts.subscription
              ? {
                  azure: {
                    subscription: opts.subscription,
                    endpoint: opts.endpoint,
                    env: io.env,
                    ...(io.fetch ? { fetch: io.fetch } : {}),
                  },
                }
              : {}),
            progress,
          });
        } catch (e) {
          if (
            e instanceof ArmError ||
            e instanceof TokenError ||
            e instanceof ScopeError ||
            (e as NodeJS.ErrnoException).code === 'ENOENT'
          )
            throw new CliError((e as Error).message);
          throw e;
        }
        for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
        const color = opts.format === 'text' && !!io.stdout.isTTY && !('NO_COLOR' in io.env);
        io.stdout.write(renderReport(opts.format, { findings: result.findings, checked: result.checked, color }));
        io.setExitCode(result.findings.length ? DRIFT_EXIT_CODE : 0);
      },
    );
}
