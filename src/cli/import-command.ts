import { Command } from 'commander';
import { generateImport, ImportError } from '../import/generate';
import { parseDataFile } from '../psd1/binary';
import { CliError, readInput, requirePath, writeOutput } from './io';

/** Adds `jeajit import FILE.psrc|FILE.pssc... [--out FILE.ts]`. */
export function addImportCommand(program: Command): void {
  program
    .command('import')
    .description('turn existing .psrc/.pssc files into TypeScript that declares them with jeajit constructs')
    .argument('<files...>', '.psrc and .pssc files (UTF-16 or UTF-8)')
    .option('--out <file>', 'write the TypeScript here instead of standard output')
    .option('--class-name <name>', 'the generated stack class', 'ImportedJea')
    .option('--from <module>', 'the module the generated code imports the constructs from', 'jeajit/cdktf')
    .action((files: string[], opts: { out?: string; className: string; from: string }) => {
      if (!/^[A-Z][A-Za-z0-9_]*$/.test(opts.className))
        throw new CliError(`--class-name must be a TypeScript class name (got '${opts.className}')`);
      // what cannot be read or parsed is said here, as every command says it (FILE:LINE:COL: ...)
      for (const file of files) {
        requirePath(file, 'file');
        parseDataFile(readInput(file), file);
      }
      let code: string;
      try {
        code = generateImport(files, { className: opts.className, from: opts.from });
      } catch (e) {
        if (e instanceof ImportError) throw new CliError(e.message);
        throw e;
      }
      if (opts.out) writeOutput(opts.out, code);
      else process.stdout.write(code);
    });
}
