import { pathText } from '../psd1/writer';
import { PolicySet, positionOf } from '../policy/policy-set';
import { Finding, Suppression } from './finding';
import { RULES } from './registry';
import { Rule } from './rule';

/** Options of {@link runRules}. */
export interface RunOptions {
  /** @default every rule in the registry */
  readonly rules?: readonly Rule[];
  readonly suppressions?: readonly Suppression[];
}

/**
 * Runs the rules over a policy set and locates each finding. A rule that throws becomes a
 * finding of its own (RULE-CRASH) instead of stopping the pack, as in cdk-nag.
 */
export function runRules(policy: PolicySet, options: RunOptions = {}): Finding[] {
  for (const s of options.suppressions ?? []) {
    if (!s.reason?.trim()) throw new Error(`suppression of ${s.ruleId} needs a reason`);
  }
  const out: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    let found;
    try {
      found = rule.check(policy);
    } catch (e) {
      out.push({
        ruleId: 'RULE-CRASH',
        severity: 'error',
        file: '',
        line: 1,
        column: 1,
        path: '',
        message: `rule ${rule.id} failed: ${(e as Error).message}`,
      });
      continue;
    }
    for (const f of found) {
      const at = positionOf(f.source, f.path);
      const finding: Finding = {
        ruleId: rule.id,
        severity: f.severity ?? rule.severity,
        file: f.source.file,
        line: at.line,
        column: at.column,
        message: f.message,
        path: pathText(f.path),
        ...(f.source.declared ? { declared: f.source.declared } : {}),
      };
      const suppression = (options.suppressions ?? []).find(
        (s) =>
          s.ruleId === rule.id &&
          (s.file === undefined || finding.file.includes(s.file)) &&
          (s.path === undefined || finding.path.startsWith(s.path)),
      );
      out.push(suppression ? { ...finding, suppressed: { reason: suppression.reason } } : finding);
    }
  }
  return out.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/** Whether unsuppressed errors remain (lint exits 1, synth fails). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && !f.suppressed);
}

/** How an engine reports a finding at synth: `error` fails it, `warning` and `info` annotate. */
export interface FindingNote {
  readonly level: 'error' | 'warning' | 'info';
  /** The construct path the finding concerns (its file). */
  readonly path: string;
  /** `[RULE] path field: message`, with the suppression's reason for suppressed ones. */
  readonly text: string;
}

/** Findings as synth-time notes: unsuppressed errors fail, warnings warn, suppressed ones inform. */
export function findingNotes(findings: readonly Finding[]): FindingNote[] {
  return findings.map((f) => {
    const text = `[${f.ruleId}] ${f.file}${f.path ? ` ${f.path}` : ''}: ${f.message}`;
    if (f.suppressed)
      return { level: 'info' as const, path: f.file, text: `${text} (suppressed: ${f.suppressed.reason})` };
    return { level: f.severity, path: f.file, text };
  });
}
