import * as path from 'path';
import { packageRoot } from '../package-info';

/** Where a construct was declared: its construct path and, when the stack showed it, the source file and line. */
export interface Declared {
  /** The construct path (`contoso/DnsOperator`). */
  readonly construct: string;
  /** `examples/contoso.ts:120`: the file (relative to the working directory, `/` separated) and line. */
  readonly at?: string;
  /** The user frames that called `at`, innermost first (at most 3): where a factory was called from. */
  readonly via?: readonly string[];
}

/** This package's own folders: frames in them are jeajit's, not the user's. */
const OWN = ['src', 'constructs', 'dist'].map((d) => path.join(packageRoot(), d) + path.sep);

/**
 * The files and lines of the user's code on the stack (frames outside jeajit and node_modules),
 * innermost first, relative to the working directory: the first is the code that is
 * constructing. Empty when none is (a construct made from inside a library). With ts-node the
 * lines are TypeScript lines.
 */
export function userFrames(cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):\d+\)?\s*$/.exec(line.trim());
    // Node's own frames (node:internal/..., internal/modules/...) and eval code are not the user's
    if (!m || m[1].startsWith('node:') || !path.isAbsolute(m[1])) continue;
    const file = path.resolve(m[1]);
    if (file.includes(`${path.sep}node_modules${path.sep}`) || OWN.some((d) => file.startsWith(d))) continue;
    out.push(`${path.relative(cwd, file).split(path.sep).join('/')}:${m[2]}`);
  }
  return out;
}

/** A construct's declaration record: its path, and where the user's code made it (and from where, at most 3 callers). */
export function declared(constructPath: string): Declared {
  const [at, ...callers] = userFrames();
  const via = callers.slice(0, 3);
  return { construct: constructPath, ...(at ? { at } : {}), ...(via.length ? { via } : {}) };
}
