import { Command } from 'commander';
import * as fs from 'fs';
import { generateImport, ImportError } from '../import/generate';
import { CliError } from './io';

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
      if (!/^[A-Z][A-Za-z0-9_]*$/.test(opts.className)) throw new CliError(`--class-name must be a TypeScript class name (got '${opts.className}')`);
      let code: string;
      try {
        code = generateImport(files, { className: opts.className, from: opts.from });
      } catch (e) {
        if (e instanceof ImportError) throw new CliError(e.message);
        throw e;
      }
      if (opts.out) fs.writeFileSync(opts.out, code);
      else process.stdout.write(code);
    });
}
