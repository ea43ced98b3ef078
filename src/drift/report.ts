import { createColors } from 'picocolors';
import { DriftFinding, DriftReport, FindingKind } from './finding';

/** The report formats of `jeajit drift`. */
export const REPORT_FORMATS = ['text', 'json', 'markdown'] as const;
/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report shows. */
export interface ReportInput {
  /** Every finding, sorted (see sortFindings). */
  readonly findings: readonly DriftFinding[];
  /** How many hosts (snapshots) and Azure subscriptions were checked. */
  readonly checked: number;
  /** Colour text output. @default false */
  readonly color?: boolean;
}

/** The report as JSON: `{ "drift": bool, "findings": [{ host, endpoint, kind, path, declared, actual }] }`. */
export function jsonReport(findings: readonly DriftFinding[]): DriftReport {
  return { drift: findings.length > 0, findings };
}

/** Renders a report in a format. */
export function renderReport(format: ReportFormat, input: ReportInput): string {
  if (format === 'json') return JSON.stringify(jsonReport(input.findings), null, 2) + '\n';
  return format === 'markdown' ? markdown(input) : text(input);
}

/** A one-line summary: how many findings on how many of the checked hosts, by kind. */
export function summary(input: ReportInput): string {
  const { findings, checked } = input;
  if (findings.length === 0) return `no drift: ${checked} checked, all match the declaration`;
  const hosts = new Set(findings.map((f) => f.host)).size;
  const kinds = new Map<FindingKind, number>();
  for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const byKind = [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`);
  return `drift: ${findings.length} finding${findings.length === 1 ? '' : 's'} on ${hosts} of ${checked} checked (${byKind.join(', ')})`;
}

const LIMIT = 300;

/** A value for a human: strings as they are, other values as JSON, nothing as `(none)`, long ones cut. */
export function showValue(v: unknown): string {
  const s = v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > LIMIT ? `${s.slice(0, LIMIT - 1)}\u2026` : s;
}

function text(input: ReportInput): string {
  const c = createColors(input.color ?? false);
  const lines: string[] = [];
  let host: string | undefined;
  for (const f of input.findings) {
    if (f.host !== host) {
      host = f.host;
      lines.push(c.bold(host));
    }
    lines.push(`  ${f.endpoint ?? '-'}  ${c.yellow(f.kind)}${f.path ? `  ${f.path}` : ''}`);
    if (f.declared !== null) lines.push(`    declared: ${c.green(showValue(f.declared))}`);
    if (f.actual !== null) lines.push(`    actual:   ${c.red(showValue(f.actual))}`);
  }
  lines.push((input.findings.length ? c.red : c.green)(summary(input)));
  return lines.join('\n') + '\n';
}

function markdown(input: ReportInput): string {
  const lines = [`## jeajit drift`, '', summary(input)];
  if (input.findings.length) {
    lines.push('', '| Host | Endpoint | Kind | Path | Declared | Actual |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of input.findings) {
      const cells = [
        cell(f.host),
        cell(f.endpoint ?? ''),
        code(f.kind),
        f.path ? code(f.path) : '',
        f.declared === null ? '' : code(showValue(f.declared)),
        f.actual === null ? '' : code(showValue(f.actual)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Table cell text: pipes escaped, line breaks as <br>. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A code span that survives backticks, pipes and line breaks in its content. */
function code(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const ticks = '`'.repeat((flat.match(/`+/g) ?? ['']).reduce((m, t) => Math.max(m, t.length), 0) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}
