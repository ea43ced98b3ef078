import { Issues } from '../jea/issues';
import { RequiredGroups } from '../jea/model';
import { parsePrincipal, Principal } from './principal';
import { Ace, formatSddl, SecurityDescriptor } from './sddl';

/** WinRM plugin permissions, as Set-PSSessionConfiguration -ShowSecurityDescriptorUI names them. */
export const ACL_RIGHTS = {
  FullControl: 0x10000000,
  Execute: 0x20000000,
  Write: 0x40000000,
  Read: 0x80000000,
} as const;
/** A right on an endpoint. */
export type AclRight = keyof typeof ACL_RIGHTS;

/** One entry of an endpoint ACL. */
export interface AclEntry {
  /** A SID, an SDDL alias (BA) or DOMAIN\name, resolved on the host. */
  readonly principal: string;
  /** Whether the entry allows or denies the rights. */
  readonly access: 'Allow' | 'Deny';
  /** The rights allowed or denied; FullControl (GA) is what Register-PSSessionConfiguration grants. */
  readonly rights: readonly AclRight[];
}

/** Who may connect to an endpoint. RequiredGroups makes every entry conditional. */
export interface EndpointAclModel {
  readonly entries: readonly AclEntry[];
  readonly requiredGroups?: RequiredGroups;
}

/**
 * The ACL Register-PSSessionConfiguration computes for a configuration file with RoleDefinitions
 * and no -SecurityDescriptorSddl (PSSessionConfigurationCommandUtilities.ComputeSDDLFromConfiguration
 * in PowerShell's CustomShellCommands.cs): the default ACEs are removed and every RoleDefinitions
 * principal gets GENERIC_ALL; RequiredGroups turns each ACE into a conditional one.
 */
export function aclFromRoleDefinitions(
  principals: readonly string[],
  requiredGroups?: RequiredGroups,
): EndpointAclModel {
  return {
    entries: principals.map((principal) => ({ principal, access: 'Allow' as const, rights: ['FullControl' as const] })),
    ...(requiredGroups === undefined ? {} : { requiredGroups }),
  };
}

/** Checks entries: principals well-formed, at least one right, no allow and deny of one principal. */
export function checkAcl(acl: EndpointAclModel, issues: Issues): void {
  if (acl.entries.length === 0)
    issues.at('entries').add([], 'an endpoint ACL needs at least one Allow entry, or no one can connect');
  acl.entries.forEach((entry, i) => {
    const at = issues.at('entries').at(i);
    const p = parsePrincipal(entry.principal);
    if ('problem' in p) at.at('principal').add(entry.principal, p.problem);
    if (entry.rights.length === 0)
      at.at('rights').add(entry.rights, `at least one right (allowed: ${Object.keys(ACL_RIGHTS).join(', ')})`);
    for (const r of entry.rights)
      if (!(r in ACL_RIGHTS)) at.at('rights').add(r, `unknown right (allowed: ${Object.keys(ACL_RIGHTS).join(', ')})`);
    if (entry.access !== 'Allow' && entry.access !== 'Deny') at.at('access').add(entry.access, 'allowed: Allow, Deny');
  });
  if (!acl.entries.some((e) => e.access === 'Allow') && acl.entries.length)
    issues.at('entries').add(acl.entries, 'only Deny entries: no one can connect');
  forEachGroup(acl.requiredGroups, (group, path) => {
    const p = parsePrincipal(group);
    if ('problem' in p) issues.at('requiredGroups').at(path).add(group, p.problem);
  });
}

/** Calls `fn` for every group named in a RequiredGroups tree, with a path for messages. */
export function forEachGroup(
  groups: RequiredGroups | undefined,
  fn: (group: string, path: string) => void,
  path = '',
): void {
  if (groups === undefined) return;
  if (typeof groups === 'string') return fn(groups, path || 'group');
  const [key, list] = 'and' in groups ? ['And', groups.and] : ['Or', groups.or];
  list.forEach((g, i) => forEachGroup(g, fn, `${path}${path ? '.' : ''}${key}[${i}]`));
}

/** Resolves a principal's text to the SID (or placeholder) the SDDL is written with. */
export type SidResolver = (principal: string, parsed: Principal) => string;

/**
 * The conditional expression of RequiredGroups, as PowerShell writes it
 * (CreateConditionalACEFromConfig): `(Member_of {SID(S-1-..)} && (Member_of {SID(..)} || ...))`.
 */
export function requiredGroupsCondition(groups: RequiredGroups, resolve: SidResolver): string {
  if (typeof groups === 'string') return `Member_of {SID(${resolveOrThrow(groups, resolve)})}`;
  const [op, list] = 'and' in groups ? [' && ', groups.and] : [' || ', groups.or];
  return `(${list.map((g) => (typeof g === 'string' ? requiredGroupsCondition(g, resolve) : requiredGroupsCondition(g, resolve))).join(op)})`;
}

function resolveOrThrow(principal: string, resolve: SidResolver): string {
  const parsed = parsePrincipal(principal);
  if ('problem' in parsed) throw new Error(`principal '${principal}': ${parsed.problem}`);
  return resolve(principal, parsed);
}

/** Owner NETWORK SERVICE, group Administrators, and the audit ACEs of WinRM's default SDDL. */
const OWNER = 'S-1-5-20';
const GROUP = 'S-1-5-32-544';
const SACL = {
  flags: 'P',
  aces: [
    { type: 'AU', flags: 'FA', mask: 0x10000000, objectGuid: '', inheritObjectGuid: '', sid: 'S-1-1-0' },
    { type: 'AU', flags: 'SA', mask: 0x60000000, objectGuid: '', inheritObjectGuid: '', sid: 'S-1-1-0' },
  ],
};

/** The security descriptor of an endpoint, with principals resolved by `resolve`. */
export function endpointSecurityDescriptor(acl: EndpointAclModel, resolve: SidResolver): SecurityDescriptor {
  const condition =
    acl.requiredGroups === undefined ? undefined : stripOuter(requiredGroupsCondition(acl.requiredGroups, resolve));
  const aces: Ace[] = acl.entries.map((e) => ({
    type: (condition === undefined ? '' : 'X') + (e.access === 'Allow' ? 'A' : 'D'),
    flags: '',
    mask: e.rights.reduce((m, r) => (m | ACL_RIGHTS[r]) >>> 0, 0),
    objectGuid: '',
    inheritObjectGuid: '',
    sid: resolveOrThrow(e.principal, resolve),
    ...(condition === undefined ? {} : { condition }),
  }));
  // Deny entries first, as Windows orders a canonical DACL.
  const ordered = [...aces.filter((a) => a.type.endsWith('D')), ...aces.filter((a) => a.type.endsWith('A'))];
  return { owner: OWNER, group: GROUP, dacl: { flags: 'P', aces: ordered }, sacl: SACL };
}

/** The endpoint's SDDL, with principals resolved by `resolve`. */
export function endpointSddl(acl: EndpointAclModel, resolve: SidResolver): string {
  return formatSddl(endpointSecurityDescriptor(acl, resolve));
}

/**
 * The SDDL with a placeholder `<<Pn>>` for each name the host must resolve, and those names in
 * order. SIDs and well-known names are written directly.
 */
export function endpointSddlTemplate(acl: EndpointAclModel): { template: string; names: string[] } {
  const names: string[] = [];
  const template = endpointSddl(acl, (text, parsed) => {
    if (parsed.kind === 'sid') return parsed.sid;
    if (parsed.wellKnownSid) return parsed.wellKnownSid;
    let index = names.findIndex((n) => n.toLowerCase() === text.toLowerCase());
    if (index < 0) index = names.push(text) - 1;
    return `<<P${index}>>`;
  });
  return { template, names };
}

function stripOuter(expression: string): string {
  return expression.startsWith('(') && expression.endsWith(')') ? expression.slice(1, -1) : expression;
}

/**
 * A resolver from a table of names to SIDs (such as a host snapshot's principals): SIDs and
 * well-known names resolve by themselves; other names are looked up case-insensitively.
 */
export function tableResolver(table: Readonly<Record<string, string>>): SidResolver {
  const folded = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
  return (text, parsed) => {
    if (parsed.kind === 'sid') return parsed.sid;
    if (parsed.wellKnownSid) return parsed.wellKnownSid;
    const sid = folded.get(text.toLowerCase());
    if (!sid) throw new Error(`principal '${text}' has no SID in the table`);
    return sid;
  };
}
