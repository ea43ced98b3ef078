import { Psd1Value, PsHashtable } from '../psd1';
import { forEachGroup } from '../acl/endpoint-acl';
import { parsePrincipal } from '../acl/principal';
import {
  bool,
  Codec,
  decodeTable,
  typeName,
  encodeTable,
  field,
  list,
  normalizeModel,
  number,
  oneOf,
  text,
  version,
} from './codec';
import { CAPABILITY_FIELDS, DOCUMENT_FIELDS } from './capability-fields';
import { checkCapability, PolicyException, PolicyExceptions, policyExceptions } from './capability-policy';
import { derivedGuid } from './guid';
import { Issues } from './issues';
import { isAbsoluteWindowsPath } from './names';
import { roleNameProblem } from './role-capability';
import {
  EXECUTION_POLICIES,
  LANGUAGE_MODES,
  RequiredGroups,
  RoleGrant,
  SESSION_TYPES,
  SessionConfigurationModel,
} from './model';

const ROLE_GRANT_FIELDS = [
  field('roleCapabilities', 'RoleCapabilities', list(text)),
  field('roleCapabilityFiles', 'RoleCapabilityFiles', list(text)),
  ...CAPABILITY_FIELDS,
];

const roleGrant: Codec<RoleGrant> = {
  decode: (v, issues) => decodeTable(v, issues, ROLE_GRANT_FIELDS, 'a RoleDefinitions entry'),
  encode: (v) => encodeTable(v, ROLE_GRANT_FIELDS),
};

/** `@{ 'CONTOSO\Ops' = @{ RoleCapabilities = 'Maintenance' } }`, kept in declaration order. */
const roleDefinitions: Codec<readonly (readonly [string, RoleGrant])[]> = {
  decode: (v, issues) => {
    if (!(v instanceof PsHashtable))
      return void issues.add(v, `expected a hashtable of principals and their role grants, found ${typeName(v)}`);
    const out: [string, RoleGrant][] = [];
    for (const [principal, grant] of v.entries()) {
      const decoded = roleGrant.decode(grant, issues.atKey(String(principal)));
      if (decoded) out.push([String(principal), decoded]);
    }
    return out;
  },
  encode: (v) => PsHashtable.from(v.map(([principal, grant]) => [principal, roleGrant.encode(grant)])),
};

/** `@{ And = 'A', @{ Or = 'B', 'C' } }`: a group name, or one key And/Or over conditions. */
const requiredGroups: Codec<RequiredGroups> = {
  decode: (v, issues) => decodeCondition(v, issues, true),
  encode: encodeCondition,
};

function decodeCondition(v: Psd1Value, issues: Issues, top: boolean): RequiredGroups | undefined {
  if (typeof v === 'string' && !top) return v;
  if (!(v instanceof PsHashtable) || v.size !== 1) {
    return void issues.add(
      v,
      "expected a hashtable with one key, And or Or (e.g. @{ And = 'CONTOSO\\Ops', @{ Or = 'CONTOSO\\SmartCard', 'CONTOSO\\MFA' } })",
    );
  }
  const key = String(v.keyAt(0)).toLowerCase();
  if (key !== 'and' && key !== 'or')
    return void issues.at(String(v.keyAt(0))).add(v.valueAt(0), 'RequiredGroups keys are And or Or');
  const raw = v.valueAt(0);
  const items = Array.isArray(raw) ? raw : [raw];
  const at = issues.at(key === 'and' ? 'And' : 'Or');
  const conditions: RequiredGroups[] = [];
  items.forEach((item, i) => {
    const decoded = decodeCondition(item, Array.isArray(raw) ? at.at(i) : at, false);
    if (decoded !== undefined) conditions.push(decoded);
  });
  if (conditions.length === 0) return void at.add(raw, 'needs at least one group');
  return key === 'and' ? { and: conditions } : { or: conditions };
}

function encodeCondition(c: RequiredGroups): Psd1Value {
  if (typeof c === 'string') return c;
  return 'and' in c
    ? PsHashtable.from([['And', c.and.map(encodeCondition)]])
    : PsHashtable.from([['Or', c.or.map(encodeCondition)]]);
}

/** The keys of a .pssc file, in the order New-PSSessionConfigurationFile writes them. */
export const SESSION_CONFIGURATION_FIELDS = [
  field('schemaVersion', 'SchemaVersion', version),
  ...DOCUMENT_FIELDS,
  field('sessionType', 'SessionType', oneOf(SESSION_TYPES)),
  field('transcriptDirectory', 'TranscriptDirectory', text),
  field('runAsVirtualAccount', 'RunAsVirtualAccount', bool),
  field('runAsVirtualAccountGroups', 'RunAsVirtualAccountGroups', list(text)),
  field('mountUserDrive', 'MountUserDrive', bool),
  field('userDriveMaximumSize', 'UserDriveMaximumSize', number),
  field('groupManagedServiceAccount', 'GroupManagedServiceAccount', text),
  field('roleDefinitions', 'RoleDefinitions', roleDefinitions),
  field('requiredGroups', 'RequiredGroups', requiredGroups),
  field('languageMode', 'LanguageMode', oneOf(LANGUAGE_MODES)),
  field('executionPolicy', 'ExecutionPolicy', oneOf(EXECUTION_POLICIES)),
  field('powerShellVersion', 'PowerShellVersion', version),
  field('enforceInputParameterValidation', 'EnforceInputParameterValidation', bool),
  ...CAPABILITY_FIELDS,
];

/** The data-file value of a session configuration (canonical keys and order; unset fields omitted). */
export function encodeSessionConfiguration(model: SessionConfigurationModel): PsHashtable {
  return encodeTable(model, SESSION_CONFIGURATION_FIELDS);
}

/** Reads a parsed .pssc into the model; unknown keys and wrongly shaped values are issues. */
export function decodeSessionConfiguration(value: Psd1Value, issues: Issues): SessionConfigurationModel | undefined {
  return decodeTable(value, issues, SESSION_CONFIGURATION_FIELDS, 'a session configuration file');
}

const EMPTY_ROLES = 'empty RoleDefinitions: no one would get a role; declare at least one principal';

/** Smallest UserDriveMaximumSize we accept: the value is in bytes, and less is a unit mistake. */
export const USER_DRIVE_MIN = 1024 * 1024;
/** Largest UserDriveMaximumSize we accept (1 TiB). */
export const USER_DRIVE_MAX = 1024 ** 4;

/**
 * Validates and normalizes a declared session configuration: SchemaVersion 2.0.0.0, a GUID
 * derived from `path`, and jeajit's policy (see {@link checkSessionConfiguration}). Throws a
 * {@link ValidationError} naming `path`, each bad field, its value and what is allowed.
 */
export function defineSessionConfiguration(
  path: string,
  declaration: Omit<SessionConfigurationModel, 'schemaVersion'> & {
    readonly policyExceptions?: readonly PolicyException[];
  },
): SessionConfigurationModel {
  const issues = new Issues(path);
  const { policyExceptions: exceptions, ...rest } = declaration;
  const deferred = policyExceptions(exceptions, issues);
  if (rest.roleDefinitions?.length === 0) issues.at('RoleDefinitions').add({}, EMPTY_ROLES);
  const model = normalizeModel(
    { schemaVersion: '2.0.0.0', ...rest, guid: rest.guid ?? derivedGuid(path) },
    SESSION_CONFIGURATION_FIELDS,
    issues,
  );
  if (model) checkSessionConfiguration(model, issues, deferred);
  issues.throwIfAny();
  return model!;
}

/**
 * jeajit's policy for a session configuration: a run-as identity that is one thing (a virtual
 * account or a gMSA, never both), RoleDefinitions that grant something to well-formed
 * principals, RequiredGroups of well-formed groups, an absolute transcript directory, and a user
 * drive size in range; plus the capability policy for the session-level and inline capabilities.
 */
export function checkSessionConfiguration(
  model: SessionConfigurationModel,
  issues: Issues,
  exceptions?: PolicyExceptions,
): void {
  if (model.runAsVirtualAccount && model.groupManagedServiceAccount !== undefined) {
    issues
      .at('GroupManagedServiceAccount')
      .add(model.groupManagedServiceAccount, 'a gMSA together with RunAsVirtualAccount: choose one run-as identity');
  }
  if (model.runAsVirtualAccountGroups?.length && !model.runAsVirtualAccount) {
    issues.at('RunAsVirtualAccountGroups').add(model.runAsVirtualAccountGroups, 'needs RunAsVirtualAccount = $true');
  }
  model.runAsVirtualAccountGroups?.forEach((g, i) => principalProblem(g, issues.at('RunAsVirtualAccountGroups').at(i)));
  if (model.groupManagedServiceAccount !== undefined) {
    const gmsa = model.groupManagedServiceAccount;
    const at = issues.at('GroupManagedServiceAccount');
    if (gmsa.endsWith('$')) at.add(gmsa, "write the gMSA without the trailing '$' (PowerShell appends it)");
    else if (!/^[^\\]+\\[^\\]+$/.test(gmsa)) at.add(gmsa, 'a gMSA is written DOMAIN\\name');
    else principalProblem(gmsa, at);
  }
  const roles = model.roleDefinitions;
  if (roles !== undefined && roles.length === 0) issues.at('RoleDefinitions').add({}, EMPTY_ROLES);
  const seen = new Set<string>();
  roles?.forEach(([principal, grant]) => {
    const at = issues.at('RoleDefinitions').atKey(principal);
    principalProblem(principal, at);
    if (seen.has(principal.toLowerCase())) at.add(principal, 'the principal appears twice');
    seen.add(principal.toLowerCase());
    const grantsSomething = Object.values(grant).some((v) => v !== undefined);
    if (!grantsSomething) at.add({}, 'grants nothing: give RoleCapabilities, RoleCapabilityFiles or capabilities');
    grant.roleCapabilities?.forEach((name, i) => {
      const problem = roleNameProblem(name.replace(/^[^\\]+\\/, ''));
      if (problem) at.at('RoleCapabilities').at(i).add(name, problem);
    });
    grant.roleCapabilityFiles?.forEach((file, i) => {
      if (!isAbsoluteWindowsPath(file) || !/\.psrc$/i.test(file))
        at.at('RoleCapabilityFiles').at(i).add(file, 'must be an absolute path to a .psrc file');
    });
    checkCapability(grant, at, exceptions);
  });
  forEachGroup(model.requiredGroups, (group, where) => principalProblem(group, issues.at('RequiredGroups').at(where)));
  if (model.transcriptDirectory !== undefined && !isAbsoluteWindowsPath(model.transcriptDirectory)) {
    issues
      .at('TranscriptDirectory')
      .add(model.transcriptDirectory, 'must be an absolute path (C:\\ProgramData\\JEAConfiguration\\Transcripts)');
  }
  const size = model.userDriveMaximumSize;
  if (size !== undefined) {
    const at = issues.at('UserDriveMaximumSize');
    if (!Number.isInteger(size) || size < USER_DRIVE_MIN || size > USER_DRIVE_MAX) {
      at.add(size, `out of range: whole bytes from ${USER_DRIVE_MIN} (1 MiB) to ${USER_DRIVE_MAX} (1 TiB)`);
    }
    if (!model.mountUserDrive) at.add(size, 'needs MountUserDrive = $true');
  }
  checkCapability(model, issues, exceptions);
}

function principalProblem(principal: string, issues: Issues): void {
  const parsed = parsePrincipal(principal);
  if ('problem' in parsed) issues.add(principal, parsed.problem);
}
