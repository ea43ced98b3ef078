/**
 * PowerShell as the judge: finds a `pwsh` (7.4 or later) and runs batch scripts in it. One pwsh
 * process per batch (process start costs about a second): the input goes in as a JSON file, the
 * script writes its answer as a JSON file, and anything else (a crash, a missing answer, a
 * non-zero exit) is an error that names what happened, so that no test passes because the
 * engine could not be asked.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HOW_TO_GET_PWSH } from './find-pwsh';

/** The pwsh the global setup found (`JEAJIT_PWSH_FOUND`), or undefined when the suites are skipped. */
export function enginePwsh(): string | undefined {
  return process.env.JEAJIT_PWSH_FOUND || undefined;
}

/** `describe` when a pwsh is available, otherwise `describe.skip` (the global setup said why, once). */
export const describeEngine: jest.Describe = enginePwsh() ? describe : describe.skip;

/** Options of {@link runPwsh}. */
export interface RunOptions {
  /** Extra environment variables for the pwsh process. */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds before the process is killed (default 10 minutes). */
  readonly timeout?: number;
}

/** The command line of one batch run: pwsh and its arguments. */
function commandLine(script: string, inputPath: string, outputPath: string): [string, string[]] {
  const pwsh = enginePwsh();
  if (!pwsh) throw new Error(`PowerShell is not available: ${HOW_TO_GET_PWSH}`);
  const file = path.join(__dirname, 'ps', script);
  return [
    pwsh,
    [
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      file,
      '-InputPath',
      inputPath,
      '-OutputPath',
      outputPath,
    ],
  ];
}

/** A temporary folder with the input written, and how to read the answer and clean up. */
function batch<T>(
  script: string,
  input: unknown,
): { inputPath: string; outputPath: string; answer(): T; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-pwsh-'));
  const inputPath = path.join(dir, 'input.json');
  const outputPath = path.join(dir, 'output.json');
  fs.writeFileSync(inputPath, JSON.stringify(input));
  return {
    inputPath,
    outputPath,
    answer: () => {
      if (!fs.existsSync(outputPath)) throw new Error(`pwsh ${script} exited without writing its answer`);
      return JSON.parse(fs.readFileSync(outputPath, 'utf8').replace(/^\uFEFF/, '')) as T;
    },
    done: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `test/engine/ps/<script>` in pwsh with `-InputPath` (the JSON of `input`) and `-OutputPath`,
 * and returns the JSON the script wrote. Throws with pwsh's own words when it fails.
 */
export function runPwsh<T = unknown>(script: string, input: unknown, options: RunOptions = {}): T {
  const b = batch<T>(script, input);
  try {
    const [pwsh, args] = commandLine(script, b.inputPath, b.outputPath);
    try {
      execFileSync(pwsh, args, {
        env: { ...process.env, ...options.env },
        timeout: options.timeout ?? 600000,
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { status?: number; signal?: string; stderr?: Buffer; stdout?: Buffer };
      const said = `${err.stderr?.toString('utf8') ?? ''}${err.stdout?.toString('utf8') ?? ''}`.trim();
      throw new Error(`pwsh ${script} failed (exit ${err.status ?? err.signal}): ${said || 'no output'}`);
    }
    return b.answer();
  } finally {
    b.done();
  }
}

/** {@link runPwsh} without blocking: several batches can run at once, one pwsh process each. */
export async function runPwshAsync<T = unknown>(script: string, input: unknown, options: RunOptions = {}): Promise<T> {
  const b = batch<T>(script, input);
  try {
    const [pwsh, args] = commandLine(script, b.inputPath, b.outputPath);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(pwsh, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let said = '';
      child.stdout.on('data', (d: Buffer) => (said += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (said += d.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGTERM'), options.timeout ?? 600000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`pwsh ${script} failed (exit ${code ?? signal}): ${said.trim() || 'no output'}`));
      });
    });
    return b.answer();
  } finally {
    b.done();
  }
}
