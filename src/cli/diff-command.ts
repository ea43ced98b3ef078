import { Command } from 'commander';
import { loadSynthOutput } from '../policy/load-synth';
import { reviewMarkdown } from '../report/review-markdown';
import { GATE_CONDITIONS, GateCondition, gateFailures } from '../review/gate';
import { review } from '../review/review';
import { CliError, requirePath } from './io';
import { readSuppressionsFile } from './lint-command';
import { choice } from './options';

/** Exit code of `jeajit diff --fail-on` when the pull request does what the gate forbids. */
export const GATE_EXIT_CODE = 3;

/** Adds `jeajit diff BASE HEAD`: exit 0, 3 when `--fail-on` fails, 2 for a bad `--fail-on`, 1 for other errors. */
export function addDiffCommand(program: Command): void {
  program
    .command('diff')
    .description(
      'review a pull request: who gains or loses which rights between two synth outputs (or folders of .psrc/.pssc)',
    )
    .argument('<base>', 'the synth output (cdktf.out) or folder of the base branch')
    .argument('<head>', 'the synth output or folder of the pull request')
    .option('--format <format>', 'markdown or json', 'markdown')
    .option(
      '--fail-on <conditions>',
      `exit ${GATE_EXIT_CODE} when the pull request adds any of: ${GATE_CONDITIONS.join(', ')} (comma-separated)`,
    )
    .option(
      '--suppressions <file>',
      "JSON array of { ruleId, reason, file?, path? }, added to the findings HEAD's synth output accepted",
    )
    .action((base: string, head: string, opts: { format: string; failOn?: string; suppressions?: string }) => {
      const fmt = choice('--format', opts.format, ['markdown', 'json'] as const);
      const gate = opts.failOn === undefined ? [] : opts.failOn.split(',').map((c) => c.trim());
      for (const c of gate)
        if (!(GATE_CONDITIONS as readonly string[]).includes(c))
          throw new CliError(
            `--fail-on must be a comma-separated list of ${GATE_CONDITIONS.join(', ')} (got '${c}')`,
            2,
          );
      const given = opts.suppressions ? readSuppressionsFile(opts.suppressions) : [];
      const [before, after] = [base, head].map((dir) => {
        requirePath(dir, 'folder', 'give a synth output, e.g. cdktf.out, or a folder of .psrc/.pssc files');
        const loaded = loadSynthOutput(dir);
        for (const p of loaded.problems)
          process.stderr.write(`warning: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
        return loaded;
      });
      const result = review(before.set, after.set, { suppressions: [...after.suppressions, ...given] });
      process.stdout.write(fmt === 'json' ? JSON.stringify(result, null, 2) + '\n' : reviewMarkdown(result));
      const failures = gateFailures(result, gate as GateCondition[]);
      if (failures.length) {
        for (const f of failures) process.stderr.write(`fail-on: ${f}\n`);
        process.exitCode = GATE_EXIT_CODE;
      }
    });
}
