/**
 * Reads files straight out of a bare git directory (what the `fetch` tool leaves under
 * /work/.mirror): the HEAD commit, and the text of every file under a folder at that commit, read
 * in one `git cat-file --batch` call.
 */
import { execFileSync } from 'child_process';

/** The files of one folder at one commit. */
export interface GitTree {
  readonly commit: string;
  /** Repository path to file text (UTF-8), sorted by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Paths listed in the tree whose content the (partial) mirror does not hold. */
  readonly missing: readonly string[];
}

function git(gitDir: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    input,
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** The commit HEAD points at. */
export function headCommit(gitDir: string): string {
  return git(gitDir, ['rev-parse', 'HEAD']).toString('utf8').trim();
}

/** The names of the entries right under `folder` at `commit` (folders and files, sorted). */
export function listFolder(gitDir: string, commit: string, folder: string): string[] {
  const out = git(gitDir, ['ls-tree', '--name-only', commit, `${folder.replace(/\/$/, '')}/`]).toString('utf8');
  return out
    .split('\n')
    .filter(Boolean)
    .map((p) => p.slice(p.lastIndexOf('/') + 1))
    .sort();
}

/** Every file under `folder` at `commit` whose path passes `keep`, with its text. */
export function readFolder(gitDir: string, commit: string, folder: string, keep: (path: string) => boolean): GitTree {
  const listing = git(gitDir, ['ls-tree', '-r', '-z', commit, `${folder.replace(/\/$/, '')}/`]).toString('utf8');
  const entries: { path: string; id: string }[] = [];
  for (const line of listing.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
    if (m && keep(m[2])) entries.push({ id: m[1], path: m[2] });
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files = new Map<string, string>();
  const missing: string[] = [];
  if (!entries.length) return { commit, files, missing };
  const batch = git(gitDir, ['cat-file', '--batch'], entries.map((e) => e.id).join('\n') + '\n');
  let at = 0;
  for (const entry of entries) {
    const eol = batch.indexOf(0x0a, at);
    const header = batch.subarray(at, eol).toString('utf8');
    if (header === `${entry.id} missing`) {
      missing.push(entry.path);
      at = eol + 1;
      continue;
    }
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!m || m[1] !== entry.id) throw new Error(`git cat-file answered '${header}' for ${entry.path}`);
    const size = Number(m[2]);
    files.set(entry.path, batch.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return { commit, files, missing };
}
