import { spawnSync } from 'child_process';
import * as path from 'path';

/** The result of one run of the built `jeajit` binary. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const BIN = path.resolve(__dirname, '../../bin/jeajit.js');

/** Runs `bin/jeajit.js` (the built CLI, as `npx jeajit` would) with arguments and optional stdin. */
export function jeajit(args: string[], input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}
