import { Command } from 'commander';
import { fromJson, render, toJson } from '../psd1';
import { parseDataFile } from '../psd1/binary';
import { extractComments, SourceComment } from '../psd1/comments';
import { RenderError } from '../psd1/writer';
import { CliError, readInput, readJsonInput, writeOutput } from './io';

/** The comments of `text` that the rendered bytes no longer have (as many as are missing, in order). */
function lostComments(text: string, rendered: Uint8Array): SourceComment[] {
  const kept = extractComments(Buffer.from(rendered).toString('utf8'), { all: true }).map((c) => c.text);
  return extractComments(text, { all: true }).filter((c) => {
    const i = kept.indexOf(c.text);
    if (i < 0) return true;
    kept.splice(i, 1);
    return false;
  });
}

/** Adds `jeajit psd1 parse|render|fmt` to the program. */
export function addPsd1Commands(program: Command): void {
  const psd1 = program.command('psd1').description('read and write PowerShell data files (.psd1, .psrc, .pssc)');

  psd1
    .command('parse')
    .description(
      'print a data file as JSON (hashtables as objects in source order; script blocks as {"$scriptblock": text})',
    )
    .argument('<file>', 'the data file (UTF-16 with BOM, or UTF-8 with or without BOM)')
    .option('--compact', 'print JSON on one line')
    .action((file: string, opts: { compact?: boolean }) => {
      const doc = parseDataFile(readInput(file), file);
      process.stdout.write(toJson(doc.value, opts.compact ? 0 : 2) + '\n');
    });

  psd1
    .command('render')
    .description('render JSON (as printed by `psd1 parse`) as a data file: UTF-8 with BOM, CRLF')
    .argument('[file]', 'the JSON file, or - for standard input', '-')
    .action((file: string) => {
      const source = file === '-' ? '<stdin>' : file;
      const json = readJsonInput(file);
      let value;
      try {
        value = fromJson(json);
      } catch (e) {
        throw new CliError(`${source}: ${(e as Error).message}`);
      }
      let bytes: Uint8Array;
      try {
        bytes = render(value);
      } catch (e) {
        if (e instanceof RenderError) throw new CliError(`${source}: ${e.message}`);
        throw e;
      }
      process.stdout.write(bytes);
    });

  psd1
    .command('fmt')
    .description('re-render a data file canonically (prints it, or rewrites it with --write)')
    .argument('<file>', 'the data file')
    .option('-w, --write', 'rewrite the file in place')
    .option('--check', 'print nothing; exit 3 when the file is not canonical')
    .action((file: string, opts: { write?: boolean; check?: boolean }) => {
      const original = readInput(file);
      const doc = parseDataFile(original, file);
      const canonical = render(doc.value);
      // The writer keeps values (and script blocks as they are), not the comments between them:
      // a rewrite that would lose one is refused, never done silently.
      const lost = lostComments(doc.text, canonical);
      if (opts.check) {
        if (!Buffer.from(canonical).equals(original))
          throw new CliError(
            `${file}: not canonical (${lost.length ? `and ${lost.length} comment line(s) keep fmt from rewriting it` : 'run jeajit psd1 fmt --write'})`,
            3,
          );
        return;
      }
      if (opts.write) {
        if (lost.length) {
          throw new CliError(
            `${file}: not rewritten: fmt would drop ${lost.length} comment line(s), the first at line ${lost[0].line} ('${lost[0].text}'); move them into a description, or format by hand`,
          );
        }
        writeOutput(file, canonical);
      } else {
        if (lost.length)
          process.stderr.write(`warning: ${file}: the output leaves out ${lost.length} comment line(s) of the file\n`);
        process.stdout.write(canonical);
      }
    });
}
