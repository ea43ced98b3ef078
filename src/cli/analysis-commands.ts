import { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { effectiveRights } from '../effective/effective';
import { loadPolicyFiles } from '../policy/load-files';
import { EndpointEntry } from '../policy/policy-set';
import { loadSynthOutput } from '../policy/load-synth';
import { effectiveText } from '../report/effective-text';
import { reviewMarkdown } from '../report/review-markdown';
import { GATE_CONDITIONS, GateCondition, gateFailures } from '../review/gate';
import { review } from '../review/review';
import { findingsJson, findingsSarif, findingsText } from '../report/findings';
import { Finding, Suppression } from '../rules/finding';
import { RULES } from '../rules/registry';
import { hasErrors, runRules } from '../rules/run';
import { CliError, packageVersion } from './io';

function format<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--format must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds `jeajit effective` and `jeajit lint`. */
export function addAnalysisCommands(program: Command): void {
  program
    .command('effective')
    .description('what one user can run on one endpoint: an offline Get-PSSessionCapability')
    .argument('<pssc>', 'the session configuration file')
    .requiredOption('--user <name>', 'the user, as DOMAIN\\name')
    .option('--groups <list>', 'the groups the user is in, comma-separated', '')
    .option('--role-path <dir>', 'a folder to search for RoleCapabilities (repeatable, like PSModulePath)', collect, [])
    .option('--format <format>', 'text or json', 'text')
    .action((pssc: string, opts: { user: string; groups: string; rolePath: string[]; format: string }) => {
      const fmt = format(opts.format, ['text', 'json'] as const);
      const loaded = loadPolicyFiles([pssc, ...opts.rolePath]);
      const problem = loaded.problems.find((p) => path.resolve(p.file) === path.resolve(pssc));
      if (problem) throw new CliError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
      const endpoint = loaded.set.endpoints.find((e) => path.resolve(e.source.file) === path.resolve(pssc)) as EndpointEntry | undefined;
      if (!endpoint) throw new CliError(`${pssc}: not a session configuration file (.pssc)`);
      for (const p of loaded.problems) process.stderr.write(`warning: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      const groups = opts.groups.split(',').map((g) => g.trim()).filter(Boolean);
      const result = effectiveRights(endpoint, opts.user, groups);
      process.stdout.write(fmt === 'json' ? JSON.stringify(result.sessionFails ? { ...result.rights, sessionFails: result.sessionFails } : result.rights, null, 2) + '\n' : effectiveText(endpoint.name, opts.user, result));
    });

  program
    .command('lint')
    .description('check .psrc/.pssc files (or a synth output) against the security rules')
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--suppressions <file>', 'JSON array of { ruleId, reason, file?, path? }')
    .action((paths: string[], opts: { format: string; suppressions?: string }) => {
      const fmt = format(opts.format, ['text', 'json', 'sarif'] as const);
      const suppressions: Suppression[] = opts.suppressions ? JSON.parse(fs.readFileSync(opts.suppressions, 'utf8')) : [];
      const findings: Finding[] = [];
      for (const p of paths) {
        const loaded = fs.statSync(p).isDirectory() ? loadSynthOutput(p) : loadPolicyFiles([p]);
        for (const problem of loaded.problems) {
          findings.push({ ruleId: 'JEA000', severity: 'error', file: problem.file, line: problem.line, column: problem.column, path: '', message: `not valid JEA: ${problem.message}` });
        }
        findings.push(...runRules(loaded.set, { suppressions }));
      }
      const out = fmt === 'json' ? findingsJson(findings) : fmt === 'sarif' ? JSON.stringify(findingsSarif(findings, RULES, packageVersion()), null, 2) + '\n' : findingsText(findings);
      process.stdout.write(out);
      if (hasErrors(findings)) process.exitCode = 1;
    });
}

/** Adds `jeajit diff BASE HEAD`. */
export function addDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('review a pull request: who gains or loses which rights between two synth outputs (or folders of .psrc/.pssc)')
    .argument('<base>', 'the synth output (cdktf.out) or folder of the base branch')
    .argument('<head>', 'the synth output or folder of the pull request')
    .option('--format <format>', 'markdown or json', 'markdown')
    .option('--fail-on <conditions>', `exit 3 when the pull request adds any of: ${GATE_CONDITIONS.join(', ')} (comma-separated)`)
    .action((base: string, head: string, opts: { format: string; failOn?: string }) => {
      const fmt = format(opts.format, ['markdown', 'json'] as const);
      const gate = opts.failOn === undefined ? [] : opts.failOn.split(',').map((c) => c.trim());
      for (const c of gate) if (!(GATE_CONDITIONS as readonly string[]).includes(c)) throw new CliError(`--fail-on must be a comma-separated list of ${GATE_CONDITIONS.join(', ')} (got '${c}')`, 2);
      const sides = [base, head].map((dir) => {
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`${dir}: not a folder`);
        const loaded = loadSynthOutput(dir);
        for (const p of loaded.problems) process.stderr.write(`warning: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
        return loaded.set;
      });
      const result = review(sides[0], sides[1]);
      process.stdout.write(fmt === 'json' ? JSON.stringify(result, null, 2) + '\n' : reviewMarkdown(result));
      const failures = gateFailures(result, gate as GateCondition[]);
      if (failures.length) {
        for (const f of failures) process.stderr.write(`fail-on: ${f}\n`);
        process.exitCode = 3;
      }
    });
}
