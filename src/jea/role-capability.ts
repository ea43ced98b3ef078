import { Psd1Value, PsHashtable } from '../psd1';
import { decodeTable, encodeTable, normalizeModel } from './codec';
import { CAPABILITY_FIELDS, DOCUMENT_FIELDS } from './capability-fields';
import { checkCapability, PolicyException, policyExceptions } from './capability-policy';
import { derivedGuid } from './guid';
import { Issues } from './issues';
import { RoleCapabilityModel } from './model';

/** The keys of a .psrc file, in the order New-PSRoleCapabilityFile writes them. */
export const ROLE_CAPABILITY_FIELDS = [...DOCUMENT_FIELDS, ...CAPABILITY_FIELDS];

/** The data-file value of a role capability (canonical keys and order; unset fields omitted). */
export function encodeRoleCapability(model: RoleCapabilityModel): PsHashtable {
  return encodeTable(model, ROLE_CAPABILITY_FIELDS);
}

/**
 * Reads a parsed .psrc into the model. Keys match case-insensitively; an unknown key or a value
 * of the wrong shape is an issue (PowerShell refuses such files when the role is loaded).
 */
export function decodeRoleCapability(value: Psd1Value, issues: Issues): RoleCapabilityModel | undefined {
  return decodeTable(value, issues, ROLE_CAPABILITY_FIELDS, 'a role capability file');
}

/** A role capability as declared: its role name (the .psrc file name) and its content. */
export interface RoleCapabilityDeclaration extends RoleCapabilityModel {
  /** The role name, which RoleDefinitions use: the file is `RoleCapabilities/<roleName>.psrc`. */
  readonly roleName: string;
  /** Checks deferred to their rules, each with a reason (imported files). @default none */
  readonly policyExceptions?: readonly PolicyException[];
}

/** Role names become file names on Windows: letters, digits, `.`, `_` and `-`, not a reserved device name. */
export function roleNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/.test(name) || name.endsWith('.')) {
    return 'not a role name (allowed: 1-100 letters, digits, _ . -, starting with a letter, digit or _)';
  }
  if (/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/i.test(name)) return 'a reserved Windows device name';
  return undefined;
}

/**
 * Validates and normalizes a declared role capability: policy checks on every field, empty lists
 * dropped, and a GUID derived from `path` (the construct path, unless one is given, as for an
 * imported file) so output never churns. Throws a
 * {@link ValidationError} naming `path`, each bad field, its value and what is allowed.
 */
export function defineRoleCapability(
  path: string,
  declaration: RoleCapabilityDeclaration,
): { roleName: string; model: RoleCapabilityModel } {
  const issues = new Issues(path);
  const { roleName, policyExceptions: exceptions, ...content } = declaration;
  const nameProblem = roleNameProblem(roleName);
  if (nameProblem) issues.at('roleName').add(roleName, nameProblem);
  const deferred = policyExceptions(exceptions, issues);
  const model = normalizeModel({ ...content, guid: content.guid ?? derivedGuid(path) }, ROLE_CAPABILITY_FIELDS, issues);
  if (model) checkCapability(model, issues, deferred);
  issues.throwIfAny();
  return { roleName, model: model! };
}
