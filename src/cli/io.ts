import * as fs from 'fs';
import { binaryContentAt, NotTextError } from '../psd1/binary';
import { LineMap } from '../psd1/errors';
import { jsonProblem } from './json-input';

// Every command reads and writes files through these: a path that is not there, a folder where a
// file belongs, binary content and JSON that does not parse are one line naming the file (and the
// line and column), never a raw ENOENT or a stack trace. Data files are parsed by parseDataFile
// (src/psd1/binary.ts), which calls binary content binary the same way.

/** What a failed file system call means, in words: `no such file or folder`, `permission denied`, ... */
export function fsProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'no such file or folder (a part of the path is a file)';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return (e as Error).message;
  }
}

/** What a path given on the command line must be. */
export type PathKind = 'file' | 'folder' | 'file or folder';

/**
 * Checks a path given on the command line: `nope.psrc: no such file or folder`,
 * `dir: a folder, not a file`, `x.psrc: not a folder` (then `hint`, when given).
 */
export function requirePath(p: string, kind: PathKind, hint?: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new CliError(`${p}: ${fsProblem(e)}`);
  }
  if (kind === 'file' && stat.isDirectory()) throw new CliError(`${p}: a folder, not a file`);
  if (kind === 'folder' && !stat.isDirectory()) throw new CliError(`${p}: not a folder${hint ? ` (${hint})` : ''}`);
}

/** Reads a file, or standard input for `-` or no name; a CliError naming the file when it cannot. */
export function readInput(file: string | undefined): Buffer {
  const stdin = file === undefined || file === '-';
  try {
    return stdin ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`${stdin ? '<stdin>' : file}: ${fsProblem(e)}`);
  }
}

/** The text of JSON bytes: UTF-8 with or without BOM, or UTF-16 with BOM. */
function jsonText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, bytes.length & ~1))
      .swap16()
      .toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Reads and parses a JSON file (or standard input for `-`): `FILE:LINE:COL: not valid JSON: ...`
 * when it does not parse, `FILE: not a text file (binary content at byte N)` for binary content.
 */
export function readJsonInput(file: string | undefined): unknown {
  const name = file === undefined || file === '-' ? '<stdin>' : file;
  const bytes = readInput(file);
  const text = jsonText(bytes);
  try {
    return JSON.parse(text);
  } catch (e) {
    const binary = binaryContentAt(bytes);
    if (binary !== undefined) throw new CliError(new NotTextError(name, binary).message);
    const problem = jsonProblem(text);
    const at = new LineMap(text).positionAt(problem?.offset ?? text.length);
    throw new CliError(`${name}:${at.line}:${at.column}: not valid JSON: ${problem?.reason ?? (e as Error).message}`);
  }
}

/** Writes a file; a CliError naming it when it cannot (`out/x.ts: cannot write: no such file or folder`). */
export function writeOutput(file: string, content: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, content);
  } catch (e) {
    throw new CliError(`${file}: cannot write: ${fsProblem(e)}`);
  }
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

/** The package root and version (src/package-info.ts), for the commands that need them. */
export { packageRoot, packageVersion } from '../package-info';
