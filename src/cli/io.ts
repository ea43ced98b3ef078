import * as fs from 'fs';
import * as path from 'path';

/** Reads a file, or standard input for `-` or no name. */
export function readInput(file: string | undefined): Buffer {
  return file === undefined || file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
}

/** An error the CLI reports as one line on stderr with an exit code, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** The process exit code. @default 1 */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The version in the package.json above this module (works from src/ and from dist/). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  }
  return '0.0.0';
}
