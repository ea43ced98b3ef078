import { createHash } from 'crypto';
import { EndpointAclModel, endpointSddl, tableResolver } from '../acl/endpoint-acl';
import { isSid } from '../acl/sid';
import { DeclaredEstate, declaredPrincipals, DeclaredRole, endpointsFor, roleInstallPath } from './declared';
import { fold } from './semantic';
import { Snapshot, SNAPSHOT_SCHEMA, SnapshotRoleCapability } from './snapshot';

/** Where Register-PSSessionConfiguration keeps its copy of a configuration file. */
export const SESSION_CONFIG_DIR = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\SessionConfig';

/** The SDDL WinRM gives an endpoint registered without one and without RoleDefinitions. */
export const DEFAULT_ENDPOINT_SDDL =
  'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';
const DEFAULT_PERMISSION =
  'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';

/** What the expected snapshot is built with. */
export interface ExpectedSnapshotOptions {
  /** The host name. @default 'EXPECTED' (no VM deployment names it, so it runs every endpoint) */
  readonly host?: string;
  /** Known SIDs of principals (names case-insensitive); others get made-up SIDs. */
  readonly principals?: Readonly<Record<string, string>>;
  /** @default now */
  readonly collectedAt?: string;
}

/**
 * The snapshot a perfectly deployed host would give: the endpoints deployed to it registered with
 * their declared files (copied to `SessionConfig\<name>_<GUID>.pssc`, as
 * Register-PSSessionConfiguration does), their SDDL, their roles where Register-<endpoint>.ps1
 * installs them, `C:\Program Files\WindowsPowerShell\Modules\<Module>\RoleCapabilities\<Role>.psrc`
 * (the layout JEA searches; see {@link expectedRolePath} for a role outside a module folder),
 * each file once, and a SID for every principal (given, or made up with {@link madeUpSid}).
 */
export function expectedSnapshot(estate: DeclaredEstate, options: ExpectedSnapshotOptions = {}): Snapshot {
  const host = options.host ?? 'EXPECTED';
  const endpoints = endpointsFor(estate, host);
  const given = new Map(Object.entries(options.principals ?? {}).map(([k, v]) => [fold(k), v]));
  const principals: Record<string, string> = {};
  for (const name of declaredPrincipals(endpoints)) principals[name] = given.get(fold(name)) ?? madeUpSid(name);
  const resolve = tableResolver(principals);
  const roles = new Map<string, SnapshotRoleCapability>();
  for (const e of endpoints) {
    for (const r of e.roles) {
      const path = expectedRolePath(r);
      if (!roles.has(fold(path))) roles.set(fold(path), { name: r.name, path, content: r.text });
    }
  }
  return {
    schema: SNAPSHOT_SCHEMA,
    host,
    collectedAt: options.collectedAt ?? new Date().toISOString(),
    endpoints: endpoints.map((e) => ({
      name: e.name,
      configFilePath: `${SESSION_CONFIG_DIR}\\${e.name}_${e.model.guid ?? '00000000-0000-0000-0000-000000000000'}.pssc`,
      configFile: e.text,
      securityDescriptorSddl: e.acl ? endpointSddl(e.acl, resolve) : DEFAULT_ENDPOINT_SDDL,
      runAsVirtualAccount: e.model.runAsVirtualAccount ?? false,
      permission: e.acl ? permissionText(e.acl) : DEFAULT_PERMISSION,
    })),
    roleCapabilities: [...roles.values()],
    principals,
  };
}

/**
 * Where a perfectly deployed host has a role: its install path; for a role file outside a module
 * folder (a folder of plain .psrc files, whose module the declaration does not say), the path of a
 * module of the role's own name. Drift compares such a role with the first file of its name
 * wherever it is, so any one path serves; this one is where JEA finds it.
 */
export function expectedRolePath(role: Pick<DeclaredRole, 'name' | 'installPath'>): string {
  return role.installPath ?? roleInstallPath(role.name, role.name);
}

/** Get-PSSessionConfiguration's Permission text: `NAME AccessAllowed, NAME AccessDenied`. */
function permissionText(acl: EndpointAclModel): string {
  return acl.entries.map((e) => `${e.principal} ${e.access === 'Allow' ? 'AccessAllowed' : 'AccessDenied'}`).join(', ');
}

/**
 * A well-formed, made-up domain SID for an account name: `S-1-5-21-<domain>-<rid>`, the same for
 * the same name (case-insensitive), one domain part per domain, a RID of 1000 or more.
 */
export function madeUpSid(name: string): string {
  const slash = name.indexOf('\\');
  const domain = createHash('sha256')
    .update(fold(slash < 0 ? '' : name.slice(0, slash)))
    .digest();
  const account = createHash('sha256').update(fold(name)).digest();
  return `S-1-5-21-${domain.readUInt32BE(0)}-${domain.readUInt32BE(4)}-${domain.readUInt32BE(8)}-${1000 + (account.readUInt32BE(0) % 1_000_000_000)}`;
}

/** Checks a principals file (`{ "DOMAIN\\name": "S-1-..." }`); throws naming the first bad entry. */
export function validatePrincipals(value: unknown, file: string): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${file}: expected an object of "DOMAIN\\\\name": "S-1-..."`);
  for (const [name, sid] of Object.entries(value)) {
    if (typeof sid !== 'string' || !isSid(sid))
      throw new Error(`${file}: '${name}': expected a SID (S-1-...), found ${JSON.stringify(sid)}`);
  }
  return value as Record<string, string>;
}
