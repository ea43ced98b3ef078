import { ValidationError } from '../../src/jea/issues';
import { RoleGrant, SessionConfigurationModel } from '../../src/jea/model';
import type { RunAs } from '../cdktf/session-configuration';

/**
 * The .pssc fields of a run-as choice; exactly one kind must be chosen. The same rule and
 * message as the cdktf SessionConfiguration (engine-agnostic: a candidate for src/jea).
 */
export function runAsFields(path: string, runAs: RunAs): Partial<SessionConfigurationModel> {
  const raw = (runAs ?? {}) as Partial<{ virtualAccount: boolean; groups: readonly string[]; groupManagedServiceAccount: string; connectingUser: boolean }>;
  const kinds = [raw.virtualAccount === true, raw.groupManagedServiceAccount !== undefined, raw.connectingUser === true].filter(Boolean).length;
  if (kinds !== 1) {
    throw new ValidationError([
      {
        path,
        field: 'runAs',
        value: runAs,
        reason: 'choose exactly one: { virtualAccount: true, groups? }, { groupManagedServiceAccount: \'DOMAIN\\name\' } or, explicitly, { connectingUser: true }',
      },
    ]);
  }
  return {
    ...(raw.virtualAccount ? { runAsVirtualAccount: true } : {}),
    ...(raw.groups ? { runAsVirtualAccountGroups: raw.groups } : {}),
    ...(raw.groupManagedServiceAccount !== undefined ? { groupManagedServiceAccount: raw.groupManagedServiceAccount } : {}),
  };
}

/** A RoleDefinitions entry with its principal resolved and its role capabilities named. */
export interface NamedRoleDefinition {
  readonly principal: string;
  readonly roleNames: readonly string[];
  readonly roleCapabilityFiles?: readonly string[];
  readonly capabilities?: RoleGrant;
}

/** The RoleDefinitions of the .pssc model, in declaration order, as the cdktf SessionConfiguration builds them. */
export function roleGrants(definitions: readonly NamedRoleDefinition[]): (readonly [string, RoleGrant])[] {
  return definitions.map((d) => [
    d.principal,
    {
      ...(d.roleNames.length ? { roleCapabilities: d.roleNames } : {}),
      ...(d.roleCapabilityFiles?.length ? { roleCapabilityFiles: d.roleCapabilityFiles } : {}),
      ...d.capabilities,
    },
  ]);
}
