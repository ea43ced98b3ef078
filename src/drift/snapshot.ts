import * as fs from 'fs';
import { isSid } from '../acl/sid';

/** The schema identifier every snapshot carries. */
export const SNAPSHOT_SCHEMA = 'jeajit.snapshot/v1';

/** A registered session configuration, as Get-PSSessionConfiguration shows it. */
export interface SnapshotEndpoint {
  readonly name: string;
  /** The registered copy of the .pssc (`...\SessionConfig\<name>_<guid>.pssc`); null when the endpoint has none. */
  readonly configFilePath: string | null;
  /** The text of that file; null when it could not be read. */
  readonly configFile: string | null;
  readonly securityDescriptorSddl: string | null;
  readonly runAsVirtualAccount: boolean;
  /** Get-PSSessionConfiguration's Permission text (informational: the SDDL is what is compared). */
  readonly permission: string | null;
}

/** A role capability file found in a RoleCapabilities folder of a module on PSModulePath. */
export interface SnapshotRoleCapability {
  /** The role name (the file name without `.psrc`). */
  readonly name: string;
  readonly path: string;
  /** The file's text; null when it could not be read. */
  readonly content: string | null;
}

/** What the collector script prints for one host (docs/snapshot.schema.json). */
export interface Snapshot {
  readonly schema: typeof SNAPSHOT_SCHEMA;
  readonly host: string;
  /** ISO 8601 time of collection. */
  readonly collectedAt: string;
  readonly endpoints: readonly SnapshotEndpoint[];
  readonly roleCapabilities: readonly SnapshotRoleCapability[];
  /** DOMAIN\name -> SID, or null when the name did not resolve on the host. */
  readonly principals: Readonly<Record<string, string | null>>;
}

type Check = (value: unknown, at: string) => void;

/** The keys of each object of a snapshot; the validator and the JSON Schema file must agree on them. */
export const SNAPSHOT_KEYS = {
  snapshot: ['schema', 'host', 'collectedAt', 'endpoints', 'roleCapabilities', 'principals'],
  endpoint: ['name', 'configFilePath', 'configFile', 'securityDescriptorSddl', 'runAsVirtualAccount', 'permission'],
  roleCapability: ['name', 'path', 'content'],
} as const;

/** A snapshot that does not match the schema: the message names the file and the JSON path. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    /** JSON path of the bad value (`$.endpoints[2].name`). */
    readonly at: string,
    readonly reason: string,
  ) {
    super(`${file}: ${at}: ${reason}`);
    this.name = 'SnapshotError';
  }
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

const fail = (at: string, reason: string): never => {
  throw new SnapshotError('', at, reason);
};
const str: Check = (v, at) => void (typeof v !== 'string' && fail(at, `expected a string, found ${kindOf(v)}`));
const nonEmpty: Check = (v, at) => void (str(v, at), v === '' && fail(at, 'must not be empty'));
const strOrNull: Check = (v, at) => void (v !== null && str(v, at));
const bool: Check = (v, at) => void (typeof v !== 'boolean' && fail(at, `expected true or false, found ${kindOf(v)}`));

function object(keys: readonly string[], checks: Record<string, Check>): Check {
  return (v, at) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return fail(at, `expected an object, found ${kindOf(v)}`);
    const o = v as Record<string, unknown>;
    for (const key of keys) {
      if (!(key in o)) fail(at, `missing key '${key}'`);
      checks[key](o[key], `${at}.${key}`);
    }
    for (const key in o) if (!keys.includes(key)) fail(`${at}.${key}`, `unknown key (allowed: ${keys.join(', ')})`);
  };
}

function arrayOf(item: Check): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return fail(at, `expected an array, found ${kindOf(v)}`);
    for (let i = 0; i < v.length; i++) item(v[i], `${at}[${i}]`);
  };
}

/** SIDs already checked (hosts of a fleet share them); bounded. */
const knownSids = new Set<string>();

function validSid(sid: unknown): boolean {
  if (typeof sid !== 'string') return false;
  if (knownSids.has(sid)) return true;
  if (!isSid(sid)) return false;
  if (knownSids.size >= 4096) knownSids.clear();
  knownSids.add(sid);
  return true;
}

const principals: Check = (v, at) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return fail(at, `expected an object of DOMAIN\\name -> SID, found ${kindOf(v)}`);
  for (const [name, sid] of Object.entries(v)) {
    if (sid !== null && !validSid(sid))
      fail(`${at}['${name}']`, `expected a SID (S-1-...) or null, found ${JSON.stringify(sid)}`);
  }
};

const endpoint = object(SNAPSHOT_KEYS.endpoint, {
  name: nonEmpty,
  configFilePath: strOrNull,
  configFile: strOrNull,
  securityDescriptorSddl: strOrNull,
  runAsVirtualAccount: bool,
  permission: strOrNull,
});

const roleCapability = object(SNAPSHOT_KEYS.roleCapability, { name: nonEmpty, path: nonEmpty, content: strOrNull });

/** RFC 3339 date-time, as [DateTime]::UtcNow.ToString('o') writes it. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

const snapshot = object(SNAPSHOT_KEYS.snapshot, {
  schema: (v, at) =>
    void (v !== SNAPSHOT_SCHEMA && fail(at, `expected '${SNAPSHOT_SCHEMA}', found ${JSON.stringify(v)}`)),
  host: nonEmpty,
  collectedAt: (v, at) =>
    void (
      str(v, at),
      !DATE_TIME.test(v as string) && fail(at, `not an ISO 8601 date-time (2025-06-01T08:00:00Z): ${JSON.stringify(v)}`)
    ),
  endpoints: arrayOf(endpoint),
  roleCapabilities: arrayOf(roleCapability),
  principals,
});

/**
 * Checks that a parsed JSON value is a snapshot (docs/snapshot.schema.json) and returns it typed.
 * Throws a {@link SnapshotError} naming `file` and the JSON path of the first bad value.
 */
export function validateSnapshot(value: unknown, file = '<snapshot>'): Snapshot {
  try {
    snapshot(value, '$');
  } catch (e) {
    if (e instanceof SnapshotError) throw new SnapshotError(file, e.at, e.reason);
    throw e;
  }
  return value as Snapshot;
}

/**
 * The text of a snapshot file: UTF-8 (with or without BOM), or UTF-16 with BOM, which is what
 * Windows PowerShell 5.1's `>` redirection writes.
 */
export function snapshotText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  return bytes.toString('utf8');
}

/**
 * Reads a snapshot file's text: the fast UTF-8 path, falling back to {@link snapshotText} when the
 * file starts with bytes that are not UTF-8 (a UTF-16 byte order mark).
 */
export function readSnapshotFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
  return text.charCodeAt(0) === 0xfffd ? snapshotText(fs.readFileSync(file)) : text;
}

/** Parses and validates a snapshot (bytes, or text); throws {@link SnapshotError} for bad JSON too. */
export function readSnapshot(content: Buffer | string, file: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(typeof content === 'string' ? content : snapshotText(content));
  } catch (e) {
    throw new SnapshotError(file, '$', `not valid JSON: ${(e as Error).message}`);
  }
  return validateSnapshot(value, file);
}
