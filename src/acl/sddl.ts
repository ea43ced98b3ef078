import { aliasOfSid, isSid, sidOfAlias } from './sid';

/**
 * Security descriptors in SDDL (https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format
 * and [MS-DTYP] 2.5.1): owner, group, DACL and SACL, each ACL a list of ACEs
 * `(type;flags;rights;object_guid;inherit_object_guid;sid[;(condition)])`.
 */

/** One access control entry. */
export interface Ace {
  /** A (allow), D (deny), XA/XD (conditional allow/deny), AU (audit), ... */
  readonly type: string;
  /** Inheritance and audit flags, as written (e.g. `FA`, `SA`, `CI`). */
  readonly flags: string;
  /** Access mask as a number (GA = 0x10000000, GX = 0x20000000, GW = 0x40000000, GR = 0x80000000). */
  readonly mask: number;
  readonly objectGuid: string;
  readonly inheritObjectGuid: string;
  /** The trustee SID (S-1-...), resolved from an alias such as BA. */
  readonly sid: string;
  /** A conditional expression without its outer parentheses, for XA/XD. */
  readonly condition?: string;
}

/** An ACL: its flags (P = protected, AI = auto-inherited) and entries in order. */
export interface Acl {
  readonly flags: string;
  readonly aces: readonly Ace[];
}

/** A security descriptor. */
export interface SecurityDescriptor {
  readonly owner?: string;
  readonly group?: string;
  readonly dacl?: Acl;
  readonly sacl?: Acl;
}

const RIGHTS: Readonly<Record<string, number>> = {
  GA: 0x10000000,
  GX: 0x20000000,
  GW: 0x40000000,
  GR: 0x80000000,
  RC: 0x00020000,
  SD: 0x00010000,
  WD: 0x00040000,
  WO: 0x00080000,
  RP: 0x10,
  WP: 0x20,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  LO: 0x80,
  DT: 0x40,
  CR: 0x100,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  KA: 0xf003f,
  KR: 0x20019,
  KW: 0x20006,
  KX: 0x20019,
};

// GX before GW, as WinRM's default SDDL writes (AU;SA;GXGW;;;WD)
const RIGHT_ORDER = ['GA', 'GR', 'GX', 'GW'];

/** An SDDL syntax error with the offset where it was found. */
export class SddlError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`SDDL offset ${offset}: ${reason}`);
    this.name = 'SddlError';
  }
}

/** Parses an SDDL string; throws {@link SddlError} on malformed input. */
export function parseSddl(text: string): SecurityDescriptor {
  let i = 0;
  const out: { owner?: string; group?: string; dacl?: Acl; sacl?: Acl } = {};
  while (i < text.length) {
    const tag = text.slice(i, i + 2);
    if (!/^[OGDS]:$/.test(tag)) throw new SddlError(i, `expected O:, G:, D: or S:, found '${text.slice(i, i + 2)}'`);
    i += 2;
    if (tag === 'O:' || tag === 'G:') {
      const end = nextSection(text, i);
      const sid = resolveSid(text.slice(i, end), i);
      if (tag === 'O:') out.owner = sid;
      else out.group = sid;
      i = end;
    } else {
      const flagsEnd =
        text.indexOf('(', i) < 0 ? nextSection(text, i) : Math.min(text.indexOf('(', i), nextSection(text, i));
      const flags = text.slice(i, flagsEnd);
      if (!/^(P|AI|AR|NO_ACCESS_CONTROL)*$/.test(flags)) throw new SddlError(i, `unknown ACL flags '${flags}'`);
      i = flagsEnd;
      const aces: Ace[] = [];
      while (text[i] === '(') {
        const end = aceEnd(text, i);
        aces.push(parseAce(text.slice(i + 1, end), i + 1));
        i = end + 1;
      }
      const acl = { flags, aces };
      if (tag === 'D:') out.dacl = acl;
      else out.sacl = acl;
    }
  }
  return out;
}

function nextSection(text: string, from: number): number {
  const m = /[OGDS]:/.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

/** The index of the `)` closing the ACE that opens at `start` (conditions nest parentheses). */
function aceEnd(text: string, start: number): number {
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')' && --depth === 0) return j;
  }
  throw new SddlError(start, 'ACE is missing its closing )');
}

function parseAce(body: string, at: number): Ace {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < body.length; j++) {
    if (body[j] === '(') depth++;
    else if (body[j] === ')') depth--;
    else if (body[j] === ';' && depth === 0 && parts.length < 6) {
      parts.push(body.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(body.slice(start));
  if (parts.length < 6)
    throw new SddlError(at, `an ACE has 6 fields (type;flags;rights;guid;guid;sid), found ${parts.length}`);
  const [type, flags, rights, objectGuid, inheritObjectGuid, sid, condition] = parts;
  if (!/^(A|D|OA|OD|AU|AL|OU|OL|ML|XA|XD|XU|ZA|RA|SP|SA)$/.test(type))
    throw new SddlError(at, `unknown ACE type '${type}'`);
  const ace: Ace = {
    type,
    flags,
    mask: parseRights(rights, at),
    objectGuid,
    inheritObjectGuid,
    sid: resolveSid(sid, at),
  };
  if (condition !== undefined) {
    if (!/^\(.*\)$/s.test(condition)) throw new SddlError(at, 'a conditional expression must be in parentheses');
    return { ...ace, condition: condition.slice(1, -1) };
  }
  return ace;
}

function parseRights(rights: string, at: number): number {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number(rights) >>> 0;
  let mask = 0;
  for (let j = 0; j < rights.length; j += 2) {
    const r = RIGHTS[rights.slice(j, j + 2).toUpperCase()];
    if (r === undefined) throw new SddlError(at, `unknown access right '${rights.slice(j, j + 2)}'`);
    mask = (mask | r) >>> 0;
  }
  return mask;
}

function resolveSid(text: string, at: number): string {
  const alias = text.length === 2 ? sidOfAlias(text) : undefined;
  if (alias) return alias;
  if (isSid(text)) return text.toUpperCase();
  throw new SddlError(at, `'${text}' is neither a SID nor a known SID alias`);
}

/** Writes rights as SDDL: generic rights by name (GA, GRGX, ...), anything else as hex. */
export function formatRights(mask: number): string {
  let rest = mask >>> 0;
  let out = '';
  for (const name of RIGHT_ORDER) {
    const bit = RIGHTS[name];
    if ((rest & bit) >>> 0 === bit) {
      out += name;
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest === 0 && out) return out;
  return `0x${(mask >>> 0).toString(16)}`;
}

/** Writes one ACE; the SID as its alias where one exists, as Windows does. */
export function formatAce(ace: Ace): string {
  const sid = aliasOfSid(ace.sid) ?? ace.sid;
  const condition = ace.condition === undefined ? '' : `;(${ace.condition})`;
  return `(${ace.type};${ace.flags};${formatRights(ace.mask)};${ace.objectGuid};${ace.inheritObjectGuid};${sid}${condition})`;
}

/** Writes a security descriptor as SDDL. */
export function formatSddl(sd: SecurityDescriptor): string {
  let out = '';
  if (sd.owner) out += `O:${aliasOfSid(sd.owner) ?? sd.owner}`;
  if (sd.group) out += `G:${aliasOfSid(sd.group) ?? sd.group}`;
  if (sd.dacl) out += `D:${sd.dacl.flags}${sd.dacl.aces.map(formatAce).join('')}`;
  if (sd.sacl) out += `S:${sd.sacl.flags}${sd.sacl.aces.map(formatAce).join('')}`;
  return out;
}

/** A canonical key for comparing ACEs as set members (alias and right spellings do not count). */
export function aceKey(ace: Ace): string {
  return formatAce({
    ...ace,
    flags: ace.flags.toUpperCase(),
    condition: ace.condition?.replace(/\s+/g, ' ').trim(),
  }).toUpperCase();
}
