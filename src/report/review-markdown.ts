import { Review, synthRelative } from '../review/review';
import { groupJitChanges } from '../review/jit-changes';
import { RightsDelta } from '../review/rights-delta';

/** Text inside a Markdown table cell or inline code: pipes escaped, backticks kept out of code spans. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

/**
 * The review as a pull-request comment: new findings first (errors before warnings), then the
 * rights gained (the endpoints with new errors first), rights lost, ACL changes and JIT changes.
 */
export function reviewMarkdown(review: Review): string {
  const gainers = review.rights.filter((d) => d.gained.length);
  const losers = review.rights.filter((d) => d.lost.length);
  const errors = review.newFindings.filter((f) => f.severity === 'error' && !f.suppressed);
  const lines: string[] = ['## jeajit review', ''];
  const summary = [
    `${gainers.length} principal(s) gain rights`,
    `${losers.length} lose rights`,
    `${errors.length} new error(s)`,
    `${review.newFindings.length - errors.length} new warning(s) or suppressed`,
    `${review.acl.length} ACL change(s)`,
    `${review.jit.length} JIT change(s)`,
  ];
  lines.push(`**${summary.join(' · ')}**`, '');
  if (review.endpoints.added.length) lines.push(`New endpoints: ${review.endpoints.added.map(code).join(', ')}`, '');
  if (review.endpoints.removed.length) lines.push(`Removed endpoints: ${review.endpoints.removed.map(code).join(', ')}`, '');
  if (review.newFindings.length) {
    lines.push('### New findings', '', '| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    const ordered = [...review.newFindings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    for (const f of ordered) {
      const where = f.file ? `${synthRelative(f.file)}:${f.line}:${f.column}` : '';
      const suppressed = f.suppressed ? ` (suppressed: ${f.suppressed.reason})` : '';
      lines.push(`| ${f.severity} | ${f.ruleId} | ${where ? code(where) : ''} | ${cell(f.message + suppressed)} |`);
    }
    lines.push('');
  }
  const risky = new Set(errors.map((f) => f.file.replace(/\\/g, '/').match(/\/jea\/([^/]+)\//)?.[1]).filter(Boolean));
  const byRisk = (a: RightsDelta, b: RightsDelta) => Number(risky.has(b.endpoint)) - Number(risky.has(a.endpoint)) || b.gained.length - a.gained.length;
  section(lines, 'Rights gained', [...gainers].sort(byRisk), (d) => d.gained.map((c) => c.text));
  section(lines, 'Rights lost', losers, (d) => d.lost.map((c) => c.text));
  if (review.acl.length) {
    lines.push('### Who may connect', '', '| Endpoint | Change | Entry |', '|---|---|---|');
    for (const a of review.acl) lines.push(`| ${cell(a.endpoint)} | ${a.change} | ${code(a.entry)} |`);
    lines.push('');
  }
  if (review.jit.length) {
    lines.push('### Just-in-time access', '', '| Declaration | Setting | Where | Before | After |', '|---|---|---|---|---|');
    for (const j of groupJitChanges(review.jit)) lines.push(`| ${code(j.name)} | ${cell(j.field)} | ${cell(j.places)} | ${cell(j.before ?? '(none)')} | ${cell(j.after ?? '(none)')} |`);
    lines.push('');
  }
  if (lines.length === 4) lines.push('No change in anyone\'s rights.', '');
  return lines.join('\n');
}

function section(lines: string[], title: string, deltas: readonly RightsDelta[], items: (d: RightsDelta) => string[]): void {
  if (deltas.length === 0) return;
  lines.push(`### ${title}`, '');
  for (const d of deltas) {
    lines.push(`**${cell(d.endpoint)}** · ${code(d.principal)}`, '');
    for (const item of items(d)) lines.push(`- ${code(item)}`);
    lines.push('');
  }
}
