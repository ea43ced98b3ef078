import { Review } from './review';

/** What a pull request may not do under `jeajit diff --fail-on`. */
export type GateCondition = 'new-access' | 'dangerous' | 'error';

/** The conditions `--fail-on` accepts. */
export const GATE_CONDITIONS: readonly GateCondition[] = ['new-access', 'dangerous', 'error'];

/**
 * Why a review fails the gate, one line per reason (empty: it passes). `new-access` is any right
 * gained, any Allow entry added to an endpoint ACL, any new endpoint, and any JIT change other
 * than a removal (a new eligibility, port, source range or longer duration all widen access; the
 * gate does not judge which JIT changes narrow it). `dangerous` is a gained right in a danger
 * class; `error` is an unsuppressed error finding new in HEAD. The anchor is IAM Access Analyzer's
 * check-no-new-access.
 */
export function gateFailures(review: Review, conditions: readonly GateCondition[]): string[] {
  const out: string[] = [];
  if (conditions.includes('new-access')) {
    for (const d of review.rights)
      for (const c of d.gained) out.push(`new access: ${d.principal} on ${d.endpoint}: ${c.text}`);
    for (const e of review.endpoints.added) out.push(`new access: a new endpoint ${e}`);
    for (const a of review.acl)
      if (a.change === 'added' && !a.entry.startsWith('Deny '))
        out.push(`new access: ${a.endpoint} lets in ${a.entry}`);
    for (const j of review.jit)
      if (j.after !== undefined)
        out.push(
          `new access: ${j.name}${j.place ? ` ${j.place}` : ''} ${j.field}: ${j.before ?? '(none)'} -> ${j.after}`,
        );
  }
  if (conditions.includes('dangerous')) {
    for (const d of review.rights)
      for (const c of d.gained)
        for (const x of c.dangers ?? [])
          out.push(`dangerous: ${d.principal} on ${d.endpoint}: ${c.text}: ${x.class}: ${x.why}`);
  }
  if (conditions.includes('error')) {
    for (const f of review.newFindings)
      if (f.severity === 'error' && !f.suppressed) out.push(`new error: ${f.ruleId} ${f.message}`);
  }
  return out;
}
