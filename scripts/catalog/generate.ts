/**
 * Generates src/catalog/commands.json, the command metadata catalog, from pwsh itself and from
 * Microsoft's cmdlet reference in two bare git directories (see scripts/catalog/README.md):
 *
 *   npx ts-node --transpile-only scripts/catalog/generate.ts --pwsh .tools/pwsh/pwsh \
 *     --powershell-docs /work/.mirror/MicrosoftDocs+PowerShell-Docs/repo \
 *     --windows-docs /work/.mirror/MicrosoftDocs+windows-powershell-docs/repo
 *
 * Options: `--out <file>` (default src/catalog/commands.json), `--windows-folder <path>` (default
 * the newest docset/winserverNNNN-ps), `--report <file>` (writes the gaps as JSON).
 * Same inputs, same bytes: nothing in the output depends on time or on the order files are read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readDocs } from './docs-source';
import { headCommit, listFolder } from './git-tree';
import { fromSource, mergeSources } from './merge';
import { readPwsh } from './pwsh-source';
import { buildReport, SourceReading, summarize } from './report';
import { serializeCatalog, SourceRecord } from './serialize';

const PS_DOCS = { id: 'PowerShell-Docs', repository: 'MicrosoftDocs/PowerShell-Docs', path: 'reference/5.1' };
const PS7_DOCS = { id: 'PowerShell-Docs-7.6', repository: 'MicrosoftDocs/PowerShell-Docs', path: 'reference/7.6' };
const WIN_DOCS = { id: 'windows-powershell-docs', repository: 'MicrosoftDocs/windows-powershell-docs' };

/** `--name value` pairs of the command line. */
function options(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || i + 1 >= argv.length) throw new Error(`unexpected argument '${argv[i]}'`);
    out.set(m[1], argv[++i]);
  }
  return out;
}

function required(opts: Map<string, string>, name: string): string {
  const v = opts.get(name);
  if (!v) throw new Error(`--${name} is required (see scripts/catalog/README.md)`);
  return v;
}

/** The newest `docset/winserverNNNN-ps` folder. */
function newestWindowsFolder(gitDir: string, commit: string): string {
  const folders = listFolder(gitDir, commit, 'docset').filter((f) => /^winserver\d{4}-ps$/.test(f));
  if (!folders.length) throw new Error(`${gitDir} has no docset/winserverNNNN-ps folder`);
  return `docset/${folders.sort().at(-1)}`;
}

function main(): void {
  const opts = options(process.argv.slice(2));
  const root = path.resolve(__dirname, '../..');
  const out = path.resolve(opts.get('out') ?? path.join(root, 'src/catalog/commands.json'));
  const psDocsDir = required(opts, 'powershell-docs');
  const winDocsDir = required(opts, 'windows-docs');

  const pwsh = readPwsh(required(opts, 'pwsh'));
  const psCommit = headCommit(psDocsDir);
  const docs51 = readDocs(psDocsDir, psCommit, PS_DOCS.path);
  const docs76 = readDocs(psDocsDir, psCommit, PS7_DOCS.path);
  const winCommit = headCommit(winDocsDir);
  const winFolder = opts.get('windows-folder') ?? newestWindowsFolder(winDocsDir, winCommit);
  const docsWin = readDocs(winDocsDir, winCommit, winFolder);

  const merged = mergeSources(
    [fromSource('pwsh', pwsh.commands), fromSource(PS7_DOCS.id, docs76.commands)],
    [fromSource(PS_DOCS.id, docs51.commands), fromSource(WIN_DOCS.id, docsWin.commands)],
  );
  const count = (id: string) => merged.entries.filter((e) => e.sources.includes(id)).length;
  const modulesOf = (id: string) =>
    [...new Set(merged.entries.filter((e) => e.sources.includes(id)).map((e) => e.module))].sort();
  const sources: SourceRecord[] = [
    {
      id: 'pwsh',
      version: pwsh.version,
      modules: pwsh.modules.map((m) => m.name),
      moduleVersions: Object.fromEntries(pwsh.modules.map((m) => [m.name, m.version])),
      commands: count('pwsh'),
    },
    { ...PS_DOCS, commit: psCommit, modules: docs51.modules, commands: count(PS_DOCS.id) },
    {
      ...PS7_DOCS,
      commit: psCommit,
      use: 'what the pwsh above lacks: Windows-only commands and parameters of PowerShell 7',
      modules: modulesOf(PS7_DOCS.id),
      commands: count(PS7_DOCS.id),
    },
    { ...WIN_DOCS, commit: winCommit, path: winFolder, modules: docsWin.modules, commands: count(WIN_DOCS.id) },
  ];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, serializeCatalog(sources, merged.entries));

  const readings: SourceReading[] = [
    { id: 'pwsh', commands: pwsh.commands },
    { id: PS_DOCS.id, commands: docs51.commands, docs: docs51 },
    { id: PS7_DOCS.id, commands: docs76.commands, docs: docs76 },
    { id: WIN_DOCS.id, commands: docsWin.commands, docs: docsWin },
  ];
  const report = buildReport(path.relative(root, out), fs.statSync(out).size, readings, merged);
  const reportFile = opts.get('report');
  if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(summarize(report) + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write(`generate: ${(e as Error).message}\n`);
  process.exit(1);
}
