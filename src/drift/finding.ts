/**
 * What a drift check reports: one finding per difference between what is declared and what a host
 * or Azure runs. The kinds are a fixed list (documented in {@link FINDING_KINDS}) so that reports
 * can be filtered and counted by machines.
 */

/** Every finding kind, with what it means. */
export const FINDING_KINDS = {
  'missing-endpoint': 'a declared endpoint is not registered on the host',
  'unexpected-endpoint':
    'a session configuration is registered on the host but not declared for it (built-in Microsoft.* and PowerShell.* endpoints are ignored)',
  'changed-field': "a field of the endpoint's session configuration (or its registration) differs from the declaration",
  'ace-added': 'the endpoint grants or denies access through an ACE the declaration does not have',
  'ace-removed': 'a declared ACE is not in the endpoint security descriptor',
  'role-changed': 'a field of a declared role capability file on the host differs from the declaration',
  'role-missing': 'a declared role capability file is not where the declaration installs it',
  'role-shadowed':
    'another role capability of the same name is on PSModulePath: JEA loads one of them in no guaranteed order',
  'unparsable-file': 'a file (or snapshot) could not be read into the model; the message names line and column',
  'principal-unresolved': 'a principal the endpoint names did not resolve to a SID on the host',
  'jit-policy-missing': 'a declared just-in-time VM access policy is not deployed',
  'jit-policy-changed': 'a deployed just-in-time VM access policy differs from the declaration',
  'jit-policy-foreign':
    "a declared VM is also in a just-in-time policy jeajit does not own (the portal's `default`, another tool's): its requests follow that policy too",
  'pim-policy-changed': 'the PIM role management policy of a declared eligibility differs from the declaration',
  'eligibility-missing': 'a declared PIM eligibility has no eligibility schedule',
  'eligibility-unexpected': 'an eligibility schedule at a declared scope is not declared',
  'guestconfig-missing':
    "a Windows machine in the --scope has no Machine Configuration assignment jeajit-<endpoint> (a fleet policy assignment at the scope gives every Windows machine every declared endpoint's)",
  'guestconfig-noncompliant':
    "Machine Configuration reports the machine NonCompliant with the endpoint's package; actual holds the latest report's reasons ({ code, phrase })",
  'guestconfig-pending':
    'the jeajit-<endpoint> assignment has no compliance result yet (Pending): the agent has not evaluated the package, or cannot',
  'guestconfig-unexpected-content':
    "the assignment's contentHash is not the SHA-256 of the declared package: the machine checks another build of it",
} as const;

/** A finding kind. */
export type FindingKind = keyof typeof FINDING_KINDS;

/** One difference between declared and actual state. */
export interface DriftFinding {
  /** The host name from the snapshot (or the snapshot file), `azure:<subscription>`, or a machine of a --scope (its name; its resource ID when two machines in scope share the name). */
  readonly host: string;
  /** The endpoint (or the declared JIT construct) the finding belongs to; null for host-level findings. */
  readonly endpoint: string | null;
  readonly kind: FindingKind;
  /** Where the difference is: `VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet`; a file path for unparsable files; '' for a whole endpoint. */
  readonly path: string;
  /** The declared value (JSON), null when nothing is declared there. */
  readonly declared: unknown;
  /** The actual value (JSON), null when there is nothing there. */
  readonly actual: unknown;
}

/** A drift report: whether anything drifted, and every finding. */
export interface DriftReport {
  readonly drift: boolean;
  readonly findings: readonly DriftFinding[];
}

/** A difference found by a comparison, before it is attributed to a host, endpoint and kind. */
export interface Change {
  readonly path: string;
  readonly declared: unknown;
  readonly actual: unknown;
}

/** A change with the kind of finding it is. */
export interface KindedChange {
  readonly kind: FindingKind;
  readonly change: Change;
}

/** An `unparsable-file` finding whose path {@link atFile} fills in (results cached by text do not know the file). */
export function unreadable(reason: string): KindedChange {
  return { kind: 'unparsable-file', change: { path: '', declared: null, actual: reason } };
}

/** Sets the file path of `unparsable-file` findings. */
export function atFile(changes: readonly KindedChange[], file: string): KindedChange[] {
  return changes.map((c) => (c.kind === 'unparsable-file' ? { kind: c.kind, change: { ...c.change, path: file } } : c));
}

/** Attributes changes to a host, endpoint and kind. */
export function findingsOf(
  host: string,
  endpoint: string | null,
  kind: FindingKind,
  changes: readonly Change[],
): DriftFinding[] {
  return changes.map((c) => ({ host, endpoint, kind, path: c.path, declared: c.declared, actual: c.actual }));
}

/** Orders findings by host, endpoint, kind and path (reports are stable whatever order files were read in). */
export function sortFindings(findings: DriftFinding[]): DriftFinding[] {
  const text = (s: string | null) => s ?? '';
  return findings.sort(
    (a, b) =>
      cmp(a.host, b.host) || cmp(text(a.endpoint), text(b.endpoint)) || cmp(a.kind, b.kind) || cmp(a.path, b.path),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
