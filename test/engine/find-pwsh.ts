/**
 * Finds a `pwsh` (7.4 or later) for the engine suites: `$JEAJIT_PWSH`, the local dotnet tool in
 * `.tools/pwsh`, or PATH. Used by the jest global setup, so it touches no jest globals.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/** Where `npm run pwsh:install` (and CI) puts PowerShell: a local dotnet tool in an ignored folder. */
export const LOCAL_PWSH = path.join(ROOT, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

/** The oldest PowerShell the engine suites accept. */
export const MINIMUM_VERSION = [7, 4] as const;

/** How to get PowerShell, for messages. */
export const HOW_TO_GET_PWSH =
  'install PowerShell 7.4+ on PATH, or run `npm run pwsh:install` (dotnet tool install PowerShell --version 7.6.9 --tool-path .tools/pwsh; needs the .NET 10 SDK)';

/** A PowerShell that answered, with its version. */
export interface Pwsh {
  readonly path: string;
  readonly version: string;
}

/**
 * Looks for pwsh: `$JEAJIT_PWSH`, then the local tool, then PATH. Returns the first that runs and
 * is new enough, or a reason why none is usable.
 */
export function findPwsh(): Pwsh | { readonly missing: string } {
  const candidates = [process.env.JEAJIT_PWSH, LOCAL_PWSH, 'pwsh'].filter((c): c is string => !!c);
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const r = spawnSync(
      candidate,
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'],
      { encoding: 'utf8', timeout: 60000 },
    );
    if (r.error || r.status !== 0) {
      const absent = r.error !== undefined && 'code' in r.error && r.error.code === 'ENOENT';
      if (!absent || candidate === process.env.JEAJIT_PWSH)
        reasons.push(`${candidate}: ${r.error?.message ?? r.stderr.trim()}`);
      continue;
    }
    const version = r.stdout.trim();
    const [major, minor] = version.split('.').map(Number);
    if (major < MINIMUM_VERSION[0] || (major === MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1])) {
      reasons.push(`${candidate} is PowerShell ${version}, older than ${MINIMUM_VERSION.join('.')}`);
      continue;
    }
    return { path: candidate, version };
  }
  return { missing: reasons.length ? reasons.join('; ') : 'no pwsh found' };
}
