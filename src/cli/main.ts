import { Command, CommanderError } from 'commander';
import { Psd1Error } from '../psd1';
import { RenderError } from '../psd1/writer';
import { CliError, packageVersion } from './io';
import { addAnalysisCommands, addDiffCommand } from './analysis-commands';
import { addDriftCommands } from './drift-commands';
import { addImportCommand } from './import-command';
import { addInitCommand } from './init-command';
import { addPsd1Commands } from './psd1-commands';

/** Builds the `jeajit` command line program. */
export function buildProgram(): Command {
  const program = new Command('jeajit')
    .description('typed policy-as-code for Windows privileged access (JEA + JIT)')
    .version(packageVersion())
    .exitOverride();
  addPsd1Commands(program);
  addAnalysisCommands(program);
  addDiffCommand(program);
  addDriftCommands(program);
  addImportCommand(program);
  addInitCommand(program);
  return program;
}

/** Runs the CLI: known errors become one line on stderr and an exit code, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof CliError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof Psd1Error || e instanceof RenderError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}
