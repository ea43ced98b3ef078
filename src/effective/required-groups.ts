import { RequiredGroups } from '../jea/model';
import { principalMatches } from './role-lookup';

/**
 * Whether a user with these groups satisfies RequiredGroups; when not, the condition that failed,
 * in words (`CONTOSO\SmartCard-Users or CONTOSO\MFA`).
 */
export function evaluateRequiredGroups(
  rg: RequiredGroups | undefined,
  user: string,
  groups: readonly string[],
): { ok: true } | { ok: false; unmet: string } {
  if (rg === undefined) return { ok: true };
  return holds(rg, user, groups) ? { ok: true } : { ok: false, unmet: describe(rg) };
}

function holds(rg: RequiredGroups, user: string, groups: readonly string[]): boolean {
  if (typeof rg === 'string') return principalMatches(rg, user, groups);
  return 'and' in rg ? rg.and.every((c) => holds(c, user, groups)) : rg.or.some((c) => holds(c, user, groups));
}

/** A RequiredGroups condition in words. */
export function describe(rg: RequiredGroups): string {
  if (typeof rg === 'string') return rg;
  const [op, list] = 'and' in rg ? [' and ', rg.and] : [' or ', rg.or];
  return list.map((c) => (typeof c === 'string' ? c : `(${describe(c)})`)).join(op);
}
