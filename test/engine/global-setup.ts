/**
 * Jest global setup: finds PowerShell once for every suite. When none is usable, the engine suites
 * are skipped with one line that names them and says how to get PowerShell; when
 * `JEAJIT_REQUIRE_PWSH` is set (CI), that is an error instead.
 */
import * as fs from 'fs';
import { findPwsh, HOW_TO_GET_PWSH } from './find-pwsh';

export default function globalSetup(): void {
  const found = findPwsh();
  if ('path' in found) {
    process.env.JEAJIT_PWSH_FOUND = found.path;
    process.stdout.write(`\njeajit: engine suites run on PowerShell ${found.version} (${found.path})\n`);
    process.env.JEAJIT_PWSH_VERSION = found.version;
    return;
  }
  process.env.JEAJIT_PWSH_FOUND = '';
  if (process.env.JEAJIT_REQUIRE_PWSH)
    throw new Error(`PowerShell is required (JEAJIT_REQUIRE_PWSH) but ${found.missing}: ${HOW_TO_GET_PWSH}`);
  const suites = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `engine/${f}`);
  process.stdout.write(
    `\njeajit: PowerShell not found (${found.missing}); skipped the engine suites ${suites.join(', ')}; to run them, ${HOW_TO_GET_PWSH}\n`,
  );
}
