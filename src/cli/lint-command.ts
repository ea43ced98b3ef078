import { Command } from 'commander';
import * as fs from 'fs';
import { loadPolicyFiles } from '../policy/load-files';
import { loadSynthOutput, suppressionsProblem } from '../policy/load-synth';
import { PolicySet } from '../policy/policy-set';
import { findingsJson, findingsSarif, findingsText } from '../report/findings';
import { Finding, Suppression } from '../rules/finding';
import { RULES } from '../rules/registry';
import { hasErrors, runRules } from '../rules/run';
import { CliError, packageVersion, readJsonInput, requirePath } from './io';
import { choice } from './options';

/** Reads a `--suppressions` file: a JSON array of `{ ruleId, reason, file?, path? }`, each with a reason. */
export function readSuppressionsFile(file: string): Suppression[] {
  const list = readJsonInput(file);
  const problem = suppressionsProblem(list);
  if (problem) throw new CliError(`${file}: not a list of suppressions: ${problem}`);
  return list as Suppression[];
}

const isEmpty = (set: PolicySet) =>
  !set.roles.length && !set.endpoints.length && !set.vmJit.length && !set.pim.length && !set.groups.length;

/** What one lint path gives: the policy, its problems, and the findings its synth output accepted. */
function loadLintPath(p: string): {
  set: PolicySet;
  problems: readonly { file: string; line: number; column: number; message: string }[];
  suppressions: readonly Suppression[];
} {
  requirePath(p, 'file or folder');
  if (fs.statSync(p).isDirectory()) {
    const loaded = loadSynthOutput(p);
    if (isEmpty(loaded.set) && !loaded.problems.length)
      throw new CliError(`${p}: nothing to check: no .psrc or .pssc files and no synth output in this folder`);
    return loaded;
  }
  if (!/\.(psrc|pssc)$/i.test(p))
    throw new CliError(`${p}: not a .psrc or .pssc file (give .psrc/.pssc files, folders of them, or a synth output)`);
  return { ...loadPolicyFiles([p]), suppressions: [] };
}

/** Adds `jeajit lint PATH...`: exit 1 when an unsuppressed error remains (or on an error), 0 otherwise. */
export function addLintCommand(program: Command): void {
  program
    .command('lint')
    .description(
      'check .psrc/.pssc files (or a synth output) against the security rules; exit 1 on an unsuppressed error',
    )
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option(
      '--suppressions <file>',
      'JSON array of { ruleId, reason, file?, path? }, added to the findings a synth output accepted',
    )
    .option('--omit-suppressed', 'leave accepted (suppressed) findings out of the report, in every format')
    .action((paths: string[], opts: { format: string; suppressions?: string; omitSuppressed?: boolean }) => {
      const fmt = choice('--format', opts.format, ['text', 'json', 'sarif'] as const);
      const given = opts.suppressions ? readSuppressionsFile(opts.suppressions) : [];
      const findings: Finding[] = [];
      for (const loaded of paths.map(loadLintPath)) {
        for (const problem of loaded.problems) {
          findings.push({
            ruleId: 'JEA000',
            severity: 'error',
            file: problem.file,
            line: problem.line,
            column: problem.column,
            path: '',
            message: `not valid JEA: ${problem.message}`,
          });
        }
        findings.push(...runRules(loaded.set, { suppressions: [...loaded.suppressions, ...given] }));
      }
      const shown = opts.omitSuppressed ? findings.filter((f) => !f.suppressed) : findings;
      const out =
        fmt === 'json'
          ? findingsJson(shown)
          : fmt === 'sarif'
            ? JSON.stringify(findingsSarif(shown, RULES, packageVersion()), null, 2) + '\n'
            : findingsText(shown);
      process.stdout.write(out);
      if (hasErrors(findings)) process.exitCode = 1;
    });
}
