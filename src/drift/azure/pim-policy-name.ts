import { fold } from '../semantic';
import { ArmClient } from './arm-client';

/** The API version of role management policy assignments read here. */
const API_VERSION = '2020-10-01';

interface PolicyAssignment {
  readonly properties: { readonly scope: string; readonly roleDefinitionId: string; readonly policyId: string };
}

const guidOf = (id: string) => fold(id.split('/').pop() ?? '');

/**
 * The name (a GUID) of the role management policy that governs a role at a scope. Azure creates
 * one policy per scope and role, names it itself, and records which one in the role's
 * `roleManagementPolicyAssignments` entry at the scope (its `policyId`): read with
 * `$filter=roleDefinitionId eq '<id>'`, matched again here by scope and role GUID. Throws when
 * ARM lists none.
 */
export async function findRoleManagementPolicyName(
  client: ArmClient,
  scope: string,
  roleDefinitionId: string,
): Promise<string> {
  const assignments = await client.list<PolicyAssignment>(
    `${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments`,
    API_VERSION,
    { $filter: `roleDefinitionId eq '${roleDefinitionId}'` },
  );
  const found = assignments.find(
    (a) =>
      fold(a.properties.scope) === fold(scope) && guidOf(a.properties.roleDefinitionId) === guidOf(roleDefinitionId),
  );
  if (!found)
    throw new Error(`ARM lists no role management policy assignment for role ${roleDefinitionId} at ${scope}`);
  return found.properties.policyId.split('/').pop()!;
}
