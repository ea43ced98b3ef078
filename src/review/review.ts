import { EndpointAclModel } from '../acl/endpoint-acl';
import { describe as describeGroups } from '../effective/required-groups';
import { PolicySet } from '../policy/policy-set';
import { Finding, Suppression } from '../rules/finding';
import { runRules } from '../rules/run';
import { rightsDelta, RightsDelta } from './rights-delta';
import { jitChanges, JitChange } from './jit-changes';

/** A change of who may connect to an endpoint. */
export interface AclChange {
  readonly endpoint: string;
  readonly change: 'added' | 'removed';
  /** `Allow CONTOSO\Ops FullControl`, or `RequiredGroups: A or B`. */
  readonly entry: string;
}

/** Everything a pull request changes in people's rights. */
export interface Review {
  readonly endpoints: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly rights: readonly RightsDelta[];
  readonly acl: readonly AclChange[];
  readonly jit: readonly JitChange[];
  /** Rule findings in HEAD that BASE does not have. */
  readonly newFindings: readonly Finding[];
}

/** Options of {@link review}. */
export interface ReviewOptions {
  /**
   * The findings HEAD accepts (its synth output's `jeajit/suppressions.json`, and any given on
   * the command line): new findings they cover are listed with their reason and fail nothing. @default none
   */
  readonly suppressions?: readonly Suppression[];
}

/** Compares two policy sets (BASE and HEAD of a pull request). */
export function review(base: PolicySet, head: PolicySet, options: ReviewOptions = {}): Review {
  const names = [...new Set([...base.endpoints, ...head.endpoints].map((e) => e.name))].sort();
  const find = (set: PolicySet, name: string) => set.endpoints.find((e) => e.name === name);
  const rights = names.flatMap((n) => rightsDelta(n, find(base, n), find(head, n)));
  const acl = names.flatMap((n) => aclChanges(n, find(base, n)?.acl, find(head, n)?.acl));
  const baseKeys = new Set(runRules(base).map(findingKey));
  const newFindings = runRules(head, { suppressions: options.suppressions ?? [] }).filter(
    (f) => !baseKeys.has(findingKey(f)),
  );
  return {
    endpoints: { added: names.filter((n) => !find(base, n)), removed: names.filter((n) => !find(head, n)) },
    rights,
    acl,
    jit: jitChanges(base, head),
    newFindings,
  };
}

/** A synth output path from its `jea/` folder on (`jea/JEA-DNS/...`), the same in BASE and HEAD. */
export function synthRelative(file: string): string {
  return file.replace(/\\/g, '/').replace(/^.*?\/jea\//, 'jea/');
}

/** Findings are the same across versions when rule, file (from its endpoint folder on) and message are. */
function findingKey(f: Finding): string {
  const file = synthRelative(f.file);
  return `${f.ruleId}|${file}|${f.path}|${f.message}`;
}

function aclEntries(acl: EndpointAclModel | undefined): string[] {
  if (!acl) return [];
  const entries = acl.entries.map((e) => `${e.access} ${e.principal} ${e.rights.join(',')}`);
  return acl.requiredGroups === undefined
    ? entries
    : [...entries, `RequiredGroups: ${describeGroups(acl.requiredGroups)}`];
}

function aclChanges(
  endpoint: string,
  base: EndpointAclModel | undefined,
  head: EndpointAclModel | undefined,
): AclChange[] {
  const before = aclEntries(base);
  const after = aclEntries(head);
  const has = (list: string[], e: string) => list.some((x) => x.toLowerCase() === e.toLowerCase());
  return [
    ...after.filter((e) => !has(before, e)).map((entry) => ({ endpoint, change: 'added' as const, entry })),
    ...before.filter((e) => !has(after, e)).map((entry) => ({ endpoint, change: 'removed' as const, entry })),
  ];
}
