/**
 * Runs scripts/catalog/pwsh-commands.ps1 in a pwsh and reads its dump into raw commands: the
 * catalog's engine source, and what the engine test compares the committed catalog with.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { RawCommand, RawParameter, RawSetUse } from './model';

/** The dump of one pwsh. */
export interface PwshReading {
  /** `$PSVersionTable.PSVersion`. */
  readonly version: string;
  /** The modules read, with their versions, sorted by name. */
  readonly modules: readonly { readonly name: string; readonly version: string }[];
  readonly commands: readonly RawCommand[];
}

/** The dump script, next to this file. */
export const PWSH_SCRIPT = path.join(__dirname, 'pwsh-commands.ps1');

interface DumpSetUse {
  mandatory: boolean;
  position: number | null;
  byValue: boolean;
  byPropertyName: boolean;
}

interface DumpCommand {
  module: string;
  name: string;
  kind: string;
  defaultSet: string | null;
  sets: string[];
  parameters: { name: string; type: string; aliases: string[]; sets: Record<string, DumpSetUse> }[];
}

/** Runs the dump script in `pwsh` (a path or a name on PATH) and reads its answer. */
export function readPwsh(pwsh: string): PwshReading {
  const out = execFileSync(
    pwsh,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', PWSH_SCRIPT],
    {
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300000,
    },
  );
  const dump = JSON.parse(out.toString('utf8').replace(/^\uFEFF/, '')) as {
    version: string;
    modules: PwshReading['modules'];
    commands: DumpCommand[];
  };
  return { version: dump.version, modules: dump.modules, commands: dump.commands.map(command) };
}

function command(c: DumpCommand): RawCommand {
  const kind = c.kind === 'Cmdlet' || c.kind === 'Function' ? c.kind : undefined;
  return {
    module: c.module,
    name: c.name,
    ...(kind && { kind }),
    sets: c.sets,
    ...(c.defaultSet && { defaultSet: c.defaultSet }),
    parameters: c.parameters.map(parameter),
  };
}

function parameter(p: DumpCommand['parameters'][number]): RawParameter {
  const sets: Record<string, RawSetUse> = {};
  for (const [set, u] of Object.entries(p.sets)) {
    sets[set] = {
      mandatory: u.mandatory,
      ...(u.position !== null && { position: u.position }),
      byValue: u.byValue,
      byPropertyName: u.byPropertyName,
    };
  }
  return { name: p.name, type: p.type, aliases: p.aliases, sets };
}
