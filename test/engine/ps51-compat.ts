/**
 * What Windows PowerShell 5.1 lacks (test/engine/ps51-compat.json, each entry with its source) and
 * the one-process batch that checks scripts against it (test/engine/ps/parse-scripts.ps1):
 * PowerShell's own parser reads every file, then the AST, the tokens and every command are
 * compared with the lists. The lists were derived from MicrosoftDocs/PowerShell-Docs (the 5.1
 * and 7.x reference pages side by side) and PowerShell/PowerShell (the commits that added each
 * construct); the JSON's `$comment` says how.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPwsh } from './pwsh';

/** A syntax construct 5.1 lacks, as parse-scripts.ps1 detects it by `id`. */
export interface SyntaxEntry {
  readonly id: string;
  readonly construct: string;
  /** The PowerShell version that brought it. */
  readonly since: string;
  readonly source: readonly string[];
}

/** A cmdlet 5.1 has, with what 7.x added to it. */
export interface CmdletEntry {
  readonly name: string;
  /** The 5.1 reference page compared. */
  readonly source51: string;
  /** Every 5.1 parameter as `Name|alias|alias`. */
  readonly known51: readonly string[];
  readonly added?: readonly { readonly name: string; readonly source: string }[];
  readonly addedAliases?: readonly { readonly alias: string; readonly parameter: string; readonly source: string }[];
  readonly addedValues?: readonly {
    readonly parameter: string;
    readonly values: readonly string[];
    readonly source: string;
  }[];
  /** The only -Encoding values 5.1 takes. */
  readonly encodings51?: readonly string[];
}

/** The shape of test/engine/ps51-compat.json. */
export interface Ps51Compat {
  readonly docs: { readonly repository: string; readonly commit: string };
  readonly powershell: { readonly repository: string; readonly commit: string };
  readonly syntax: readonly SyntaxEntry[];
  readonly cmdletsNotIn51: readonly { readonly name: string; readonly module: string; readonly source: string }[];
  readonly commonParameters51: { readonly names: readonly string[]; readonly source: string };
  readonly commonParametersAdded: readonly {
    readonly name: string;
    readonly aliases: readonly string[];
    readonly source: string;
  }[];
  readonly cmdlets: readonly CmdletEntry[];
  readonly variables: readonly { readonly name: string; readonly source: string }[];
  readonly typeAccelerators: readonly { readonly name: string; readonly type: string; readonly source: string }[];
  readonly dotnet: {
    readonly types: readonly (
      { readonly name: string; readonly source: string } | { readonly namespace: string; readonly source: string }
    )[];
    readonly staticMembers: readonly { readonly type: string; readonly member: string; readonly source: string }[];
    readonly splitString: { readonly construct: string; readonly source: string };
  };
}

/** The data, read once. */
export const PS51_COMPAT: Ps51Compat = JSON.parse(fs.readFileSync(path.join(__dirname, 'ps51-compat.json'), 'utf8'));

/** Something 5.1 lacks, where a file uses it. `rule` is a syntax id, or cmdlet, parameter, parameter-value, variable, type or dotnet. */
export interface Finding {
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly construct: string;
  /** The source text of the construct (cut at 120 characters). */
  readonly text: string;
  readonly source: string;
}

/** What the engine said of one file: PowerShell's parse errors and the 5.1 findings. */
export interface FileReport {
  readonly errors: readonly { readonly line: number; readonly column: number; readonly message: string }[];
  readonly findings: readonly Finding[];
}

/** The answer of parse-scripts.ps1 for a batch. */
export interface BatchReport {
  /** The pwsh that parsed. */
  readonly version: string;
  /** The syntax ids the script detects (the test holds them equal to the data's). */
  readonly detectors: readonly string[];
  /** Milliseconds inside pwsh: reading the request and building the tables, then checking the files. */
  readonly timing: { readonly setupMs: number; readonly checkMs: number };
  readonly results: Readonly<Record<string, FileReport>>;
}

/** One file to check: a name for messages and its bytes (or text, written as UTF-8 with BOM). */
export interface ScriptCase {
  readonly id: string;
  readonly content: Uint8Array | string;
  /** The file name extension PowerShell sees (default .ps1). */
  readonly extension?: string;
}

/**
 * Checks every case in one pwsh process: each is written to a temporary file (PowerShell parses
 * files, as a host would run them) and the report of each is returned under its id.
 */
export function checkScripts(cases: readonly ScriptCase[]): BatchReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-scripts-'));
  try {
    const files = cases.map((c, i) => {
      const file = path.join(dir, `${i}${c.extension ?? '.ps1'}`);
      fs.writeFileSync(
        file,
        typeof c.content === 'string'
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(c.content, 'utf8')])
          : c.content,
      );
      return { id: c.id, path: file };
    });
    const report = runPwsh<BatchReport>('parse-scripts.ps1', { files, compat: PS51_COMPAT });
    for (const c of cases) if (!report.results[c.id]) throw new Error(`parse-scripts.ps1 gave no answer for ${c.id}`);
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A report's problems as `id:line:col: what (source)` lines, parse errors first. */
export function problems(id: string, report: FileReport): string[] {
  return [
    ...report.errors.map((e) => `${id}:${e.line}:${e.column}: parse error: ${e.message}`),
    ...report.findings.map(
      (f) => `${id}:${f.line}:${f.column}: ${f.rule}: ${f.construct}: ${f.text} (source: ${f.source})`,
    ),
  ];
}
