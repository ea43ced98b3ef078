/**
 * Security identifiers (SIDs) and the SDDL aliases of well-known ones, as in
 * https://learn.microsoft.com/windows/win32/secauthz/sid-strings and [MS-DTYP] 2.4.2.
 */

/** `S-1-<authority>-<sub>...`: revision 1, an authority (decimal, or 0x + 12 hex digits), 1 to 15 sub-authorities of 32 bits. */
export function isSid(text: string): boolean {
  const m = /^S-1-(\d{1,13}|0x[0-9A-Fa-f]{12})((?:-\d{1,10}){1,15})$/i.exec(text);
  if (!m) return false;
  if (!m[1].startsWith('0') && Number(m[1]) >= 2 ** 48) return false;
  return m[2]
    .slice(1)
    .split('-')
    .every((part) => Number(part) <= 0xffffffff);
}

/** SDDL SID aliases and the SIDs they stand for (the ones an endpoint ACL may name). */
export const SID_ALIASES: Readonly<Record<string, string>> = {
  WD: 'S-1-1-0', // Everyone
  CO: 'S-1-3-0', // Creator Owner
  NU: 'S-1-5-2', // Network logon
  IU: 'S-1-5-4', // Interactive
  SU: 'S-1-5-6', // Service logon
  AN: 'S-1-5-7', // Anonymous
  ED: 'S-1-5-9', // Enterprise domain controllers
  PS: 'S-1-5-10', // Principal self
  AU: 'S-1-5-11', // Authenticated users
  RC: 'S-1-5-12', // Restricted code
  SY: 'S-1-5-18', // Local System
  LS: 'S-1-5-19', // Local Service
  NS: 'S-1-5-20', // Network Service
  BA: 'S-1-5-32-544', // BUILTIN\Administrators
  BU: 'S-1-5-32-545', // BUILTIN\Users
  BG: 'S-1-5-32-546', // BUILTIN\Guests
  PU: 'S-1-5-32-547', // BUILTIN\Power Users
  AO: 'S-1-5-32-548', // Account operators
  SO: 'S-1-5-32-549', // Server operators
  PO: 'S-1-5-32-550', // Print operators
  BO: 'S-1-5-32-551', // Backup operators
  RE: 'S-1-5-32-552', // Replicator
  RD: 'S-1-5-32-555', // Remote Desktop Users
  NO: 'S-1-5-32-556', // Network configuration operators
  MU: 'S-1-5-32-558', // Performance monitor users
  LU: 'S-1-5-32-559', // Performance log users
  IS: 'S-1-5-32-568', // IIS_IUSRS
  ER: 'S-1-5-32-573', // Event log readers
  RM: 'S-1-5-32-580', // Remote Management Users
};

/** Names Windows resolves on every host (built-in and NT AUTHORITY accounts), with their SIDs. */
export const WELL_KNOWN_NAMES: Readonly<Record<string, string>> = {
  EVERYONE: 'S-1-1-0',
  'NT AUTHORITY\\NETWORK': 'S-1-5-2',
  'NT AUTHORITY\\INTERACTIVE': 'S-1-5-4',
  'NT AUTHORITY\\AUTHENTICATED USERS': 'S-1-5-11',
  'NT AUTHORITY\\SYSTEM': 'S-1-5-18',
  'NT AUTHORITY\\LOCAL SERVICE': 'S-1-5-19',
  'NT AUTHORITY\\NETWORK SERVICE': 'S-1-5-20',
  'BUILTIN\\ADMINISTRATORS': 'S-1-5-32-544',
  'BUILTIN\\USERS': 'S-1-5-32-545',
  'BUILTIN\\GUESTS': 'S-1-5-32-546',
  'BUILTIN\\REMOTE DESKTOP USERS': 'S-1-5-32-555',
  'BUILTIN\\REMOTE MANAGEMENT USERS': 'S-1-5-32-580',
};

/** The SID of an SDDL alias (case-insensitive), or undefined. */
export function sidOfAlias(alias: string): string | undefined {
  return SID_ALIASES[alias.toUpperCase()];
}

/** The SDDL alias of a SID, or undefined (SDDL writers use the alias where one exists). */
export function aliasOfSid(sid: string): string | undefined {
  const upper = sid.toUpperCase();
  for (const [alias, value] of Object.entries(SID_ALIASES)) if (value === upper) return alias;
  return undefined;
}
