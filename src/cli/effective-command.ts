import { Command } from 'commander';
import * as path from 'path';
import { effectiveRights, EffectiveResult } from '../effective/effective';
import { loadPolicyFiles } from '../policy/load-files';
import { effectiveText } from '../report/effective-text';
import { parseDataFile } from '../psd1/binary';
import { CliError, readInput, requirePath } from './io';
import { choice, collect } from './options';

/**
 * Exit codes of `jeajit effective`: 0 the user has access, 4 no access (no RoleDefinitions entry
 * matches the user or their groups, or RequiredGroups are not met), 5 cannot connect (PowerShell
 * would refuse to start the session), 1 an error (a file missing or not valid, a bad option).
 */
export const EFFECTIVE_EXIT = { access: 0, noAccess: 4, cannotConnect: 5 } as const;

/** The exit code of a result, and the line the text output ends with when it is not 0. */
export function effectiveVerdict(result: EffectiveResult): { code: number; line?: string } {
  if (result.deniedBy || result.matchedPrincipals.length === 0)
    return { code: EFFECTIVE_EXIT.noAccess, line: `no access (exit ${EFFECTIVE_EXIT.noAccess})` };
  if (result.sessionFails)
    return {
      code: EFFECTIVE_EXIT.cannotConnect,
      line: `cannot connect: the session would fail to start (exit ${EFFECTIVE_EXIT.cannotConnect})`,
    };
  return { code: EFFECTIVE_EXIT.access };
}

/** Adds `jeajit effective PSSC --user NAME`. */
export function addEffectiveCommand(program: Command): void {
  program
    .command('effective')
    .description(
      'what one user can run on one endpoint: an offline Get-PSSessionCapability; exit 0 access, 4 no access, 5 cannot connect, 1 error',
    )
    .argument('<pssc>', 'the session configuration file')
    .requiredOption('--user <name>', 'the user, as DOMAIN\\name')
    .option('--groups <list>', 'the groups the user is in, comma-separated', '')
    .option('--role-path <dir>', 'a folder to search for RoleCapabilities (repeatable, like PSModulePath)', collect, [])
    .option('--format <format>', 'text or json', 'text')
    .action((pssc: string, opts: { user: string; groups: string; rolePath: string[]; format: string }) => {
      const fmt = choice('--format', opts.format, ['text', 'json'] as const);
      requirePath(pssc, 'file');
      if (!/\.pssc$/i.test(pssc)) throw new CliError(`${pssc}: not a session configuration file (.pssc)`);
      for (const dir of opts.rolePath) requirePath(dir, 'file or folder');
      parseDataFile(readInput(pssc), pssc); // not text, or not a data file: said as such, at its line and column
      const loaded = loadPolicyFiles([pssc, ...opts.rolePath]);
      const problem = loaded.problems.find((p) => path.resolve(p.file) === path.resolve(pssc));
      if (problem) throw new CliError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
      const endpoint = loaded.set.endpoints.find((e) => path.resolve(e.source.file) === path.resolve(pssc));
      if (!endpoint) throw new CliError(`${pssc}: not a session configuration file (.pssc)`);
      for (const p of loaded.problems) process.stderr.write(`warning: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      const groups = opts.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      const result = effectiveRights(endpoint, opts.user, groups);
      const verdict = effectiveVerdict(result);
      if (fmt === 'json')
        process.stdout.write(
          JSON.stringify(
            result.sessionFails ? { ...result.rights, sessionFails: result.sessionFails } : result.rights,
            null,
            2,
          ) + '\n',
        );
      else
        process.stdout.write(
          effectiveText(endpoint.name, opts.user, result) + (verdict.line ? `${verdict.line}\n` : ''),
        );
      process.exitCode = verdict.code;
    });
}
