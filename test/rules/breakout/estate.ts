/**
 * The estate the breakout catalog is linted in: one technique or safe role at a time, written as
 * a user would write it (a module folder with the role capability, and a session configuration
 * beside it), then read and checked the way `jeajit lint <folder>` does: every file through
 * loadPolicyFiles, load problems as JEA000 errors, then every rule of the registry.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPolicyFiles } from '../../../src/policy/load-files';
import { Finding } from '../../../src/rules/finding';
import { runRules } from '../../../src/rules/run';
import { corpusFile } from '../../helpers/corpus';

/** The role name every declaration uses unless it comes from the corpus. */
export const ROLE = 'BreakoutRole';
/** The module folder the role capability lives in (`<estate>/JeaBreakout/RoleCapabilities/<Role>.psrc`). */
export const MODULE = 'JeaBreakout';
/** The principal the standard session configuration maps to the role. */
export const PRINCIPAL = 'CONTOSO\\Ops';

/** One declaration of the catalog: a technique or a safe role, as file text, with where it comes from. */
export interface Declaration {
  /** Kebab-case, unique within its list. */
  readonly id: string;
  /** One line: what the declaration lets a user do (or why it is safe). */
  readonly title: string;
  /** The public page or repository the declaration is drawn from (https). */
  readonly source: string;
  /** The role capability's text; a benign role ({@link BENIGN_ROLE}) when absent. */
  readonly psrc?: string;
  /** The session configuration's text; {@link standardPssc} of the role when absent. */
  readonly pssc?: string;
  /**
   * A role capability of ../shared/corpus/psrc, by its saved name, written byte for byte in place
   * of `psrc` (the role is named after the file's last part, as JEA names it after the file).
   */
  readonly corpusFile?: string;
  /**
   * A provider the technique needs its holder to see. The engine refuses path-based acts (writing,
   * Start-Process, Start-Job -FilePath, loading types) while FileSystem is hidden
   * (test/engine/danger-enforcement.test.ts), so the standard endpoint shows it at the session
   * level, as endpoints that hand out file tasks do. Without it the danger is latent: a warning.
   */
  readonly provider?: 'FileSystem';
}

/**
 * A template tag for PowerShell data file text: backslashes stay as written (String.raw), the
 * common indentation and the first and last empty lines go, and lines end with CRLF, as
 * New-PSRoleCapabilityFile writes them.
 */
export function psd1(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings.raw }, ...values);
  const lines = raw.replace(/\r\n/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\r\n') + '\r\n';
}

/** A role that can do nothing harmful, for techniques that are about the session configuration alone. */
export const BENIGN_ROLE = psd1`
  @{
      VisibleCmdlets = 'Get-Service'
  }
`;

/**
 * The session configuration every role is linted under unless a declaration brings its own:
 * RestrictedRemoteServer (NoLanguage), a virtual account left in the local Administrators group
 * (the JEA default: the run-as is an administrator), transcripts, and one group mapped to the role.
 */
export function standardPssc(role: string = ROLE, provider?: string): string {
  const providers = provider ? `\r\n    VisibleProviders = '${provider}'` : '';
  return psd1`
    @{
        SchemaVersion = '2.0.0.0'
        Description = 'jeajit breakout catalog: the standard endpoint'${providers}
        SessionType = 'RestrictedRemoteServer'
        TranscriptDirectory = 'C:\ProgramData\JeaTranscripts'
        RunAsVirtualAccount = $true
        RoleDefinitions = @{ '${PRINCIPAL}' = @{ RoleCapabilities = '${role}' } }
    }
  `;
}

/** What linting one declaration gave. */
export interface EstateResult {
  /** Everything lint reports: JEA000 for load problems, then the findings of every rule. */
  readonly findings: readonly Finding[];
  /** Only the errors (unsuppressed), which fail `jeajit lint`. */
  readonly errors: readonly Finding[];
  /** Files written that did not parse or decode as JEA (they never reach the rules). */
  readonly unread: readonly string[];
}

const dirs: string[] = [];

/** The role name of a declaration: the corpus file's last part, or {@link ROLE}. */
export function roleNameOf(d: Declaration): string {
  if (!d.corpusFile) return ROLE;
  const last = d.corpusFile.split('__').pop()!;
  return last.replace(/\.psrc$/i, '');
}

/**
 * Writes one declaration to a fresh temporary folder (`JeaBreakout/RoleCapabilities/<Role>.psrc`
 * and `Ops.pssc`) and lints it as `jeajit lint <folder>` does. The folder is removed by
 * {@link cleanEstates}.
 */
export function lintDeclaration(d: Declaration, options: { readonly withoutProvider?: boolean } = {}): EstateResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-breakout-'));
  dirs.push(dir);
  const role = roleNameOf(d);
  const roleFile = path.join(dir, MODULE, 'RoleCapabilities', `${role}.psrc`);
  const endpointFile = path.join(dir, 'Ops.pssc');
  fs.mkdirSync(path.dirname(roleFile), { recursive: true });
  fs.writeFileSync(roleFile, d.corpusFile ? corpusFile('psrc', d.corpusFile) : (d.psrc ?? BENIGN_ROLE));
  fs.writeFileSync(endpointFile, d.pssc ?? standardPssc(role, options.withoutProvider ? undefined : d.provider));

  const loaded = loadPolicyFiles([dir]);
  const read = new Set([...loaded.set.roles, ...loaded.set.endpoints].map((e) => path.resolve(e.source.file)));
  const unread = [roleFile, endpointFile].filter((f) => !read.has(path.resolve(f)));
  const findings: Finding[] = loaded.problems.map((p) => ({
    ruleId: 'JEA000',
    severity: 'error' as const,
    file: p.file,
    line: p.line,
    column: p.column,
    path: '',
    message: `not valid JEA: ${p.message}`,
  }));
  findings.push(...runRules(loaded.set));
  return { findings, errors: findings.filter((f) => f.severity === 'error' && !f.suppressed), unread };
}

/** Removes every folder {@link lintDeclaration} wrote (call it in afterAll). */
export function cleanEstates(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Findings as short lines for a failure message: `[RULE] file-name path: message`. */
export function findingLines(findings: readonly Finding[]): string {
  return findings
    .map((f) => `[${f.ruleId}] ${path.basename(f.file)}${f.path ? ` ${f.path}` : ''}: ${f.message}`)
    .join('\n');
}
