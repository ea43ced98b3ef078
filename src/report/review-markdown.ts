import { DANGER_CLASSES, DangerClass } from '../danger/classes';
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
 * The review as a pull-request comment: dangerous gains first (by class, with why and what would be
 * safe), then new findings (errors before warnings), then the rights gained (each tagged with its
 * danger classes) (the endpoints with new errors first), rights lost, ACL changes and JIT changes.
 */
export function reviewMarkdown(review: Review): string {
  const gainers = review.rights.filter((d) => d.gained.length);
  const losers = review.rights.filter((d) => d.lost.length);
  const errors = review.newFindings.filter((f) => f.severity === 'error' && !f.suppressed);
  const lines: string[] = ['## jeajit review', ''];
  const dangerous = review.rights.flatMap((d) =>
    d.gained.flatMap((c) => (c.dangers ?? []).map((x) => ({ delta: d, change: c, danger: x }))),
  );
  const summary = [
    `${dangerous.length} dangerous gain(s)`,
    `${gainers.length} principal(s) gain rights`,
    `${losers.length} lose rights`,
    `${errors.length} new error(s)`,
    `${review.newFindings.length - errors.length} new warning(s) or suppressed`,
    `${review.acl.length} ACL change(s)`,
    `${review.jit.length} JIT change(s)`,
  ];
  lines.push(`**${summary.join(' · ')}**`, '');
  if (review.endpoints.added.length) lines.push(`New endpoints: ${review.endpoints.added.map(code).join(', ')}`, '');
  if (review.endpoints.removed.length)
    lines.push(`Removed endpoints: ${review.endpoints.removed.map(code).join(', ')}`, '');
  if (dangerous.length) {
    lines.push('### Dangerous gains', '', '| Class | Endpoint · who | Right | Why | Safer |', '|---|---|---|---|---|');
    const order = (c: DangerClass) => Object.keys(DANGER_CLASSES).indexOf(c);
    for (const { delta, change, danger } of [...dangerous].sort(
      (a, b) => order(a.danger.class) - order(b.danger.class),
    )) {
      const at = `${danger.command}${danger.parameter ? ` -${danger.parameter}` : ''}${danger.value !== undefined ? ` ${danger.value}` : ''}`;
      lines.push(
        `| ${DANGER_CLASSES[danger.class].label} | ${cell(delta.endpoint)} · ${code(delta.principal)} | ${code(change.text)} | ${cell(`${at} ${danger.why}`)} | ${cell(danger.safer)} |`,
      );
    }
    lines.push('');
  }
  if (review.newFindings.length) {
    lines.push('### New findings', '', '| Severity | Rule | Where | Finding |', '|---|---|---|---|');
    const ordered = [...review.newFindings].sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
    );
    for (const f of ordered) {
      // a file of the synth output, unless the finding is about a resource (its "file" is the construct path)
      const file = f.file && f.file !== f.declared?.construct ? `${synthRelative(f.file)}:${f.line}:${f.column}` : '';
      const where = [f.declared ? `${f.declared.construct}${f.declared.at ? ` (${f.declared.at})` : ''}` : '', file]
        .filter(Boolean)
        .join(' · ');
      const suppressed = f.suppressed ? ` (suppressed: ${f.suppressed.reason})` : '';
      lines.push(`| ${f.severity} | ${f.ruleId} | ${where ? code(where) : ''} | ${cell(f.message + suppressed)} |`);
    }
    lines.push('');
  }
  const risky = new Set(errors.map((f) => f.file.replace(/\\/g, '/').match(/\/jea\/([^/]+)\//)?.[1]).filter(Boolean));
  const byRisk = (a: RightsDelta, b: RightsDelta) =>
    Number(risky.has(b.endpoint)) - Number(risky.has(a.endpoint)) || b.gained.length - a.gained.length;
  section(
    lines,
    'Rights gained',
    [...gainers].sort(byRisk),
    (d) => d.gained.map((c) => c.text),
    (d) => d.gained.map((c) => [...new Set((c.dangers ?? []).map((x) => DANGER_CLASSES[x.class].label))].join(', ')),
  );
  section(lines, 'Rights lost', losers, (d) => d.lost.map((c) => c.text));
  if (review.acl.length) {
    lines.push('### Who may connect', '', '| Endpoint | Change | Entry |', '|---|---|---|');
    for (const a of review.acl) lines.push(`| ${cell(a.endpoint)} | ${a.change} | ${code(a.entry)} |`);
    lines.push('');
  }
  if (review.jit.length) {
    lines.push(
      '### Just-in-time access',
      '',
      '| Declaration | Setting | Where | Before | After |',
      '|---|---|---|---|---|',
    );
    for (const j of groupJitChanges(review.jit))
      lines.push(
        `| ${code(j.name)} | ${cell(j.field)} | ${cell(j.places)} | ${cell(j.before ?? '(none)')} | ${cell(j.after ?? '(none)')} |`,
      );
    lines.push('');
  }
  if (lines.length === 4) lines.push("No change in anyone's rights.", '');
  return lines.join('\n');
}

function section(
  lines: string[],
  title: string,
  deltas: readonly RightsDelta[],
  items: (d: RightsDelta) => string[],
  tags?: (d: RightsDelta) => string[],
): void {
  if (deltas.length === 0) return;
  lines.push(`### ${title}`, '');
  for (const d of deltas) {
    lines.push(`**${cell(d.endpoint)}** · ${code(d.principal)}`, '');
    const t = tags?.(d) ?? [];
    items(d).forEach((item, i) => lines.push(`- ${code(item)}${t[i] ? ` **${t[i]}**` : ''}`));
    lines.push('');
  }
}
