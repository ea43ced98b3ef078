/**
 * How a Terraform resource of cdk.tf.json corresponds to a Pulumi resource: the provider's type
 * token, and the renames Pulumi's bridged schemas make (list blocks get plural names).
 */
export const TERRAFORM_TO_PULUMI: Readonly<
  Record<string, { token: string; renames?: Readonly<Record<string, string>> }>
> = {
  azurerm_virtual_machine_run_command: {
    token: 'azure:compute/runCommand:RunCommand',
    renames: { parameter: 'parameters' },
  },
  azurerm_resource_group_template_deployment: {
    token: 'azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment',
  },
  azurerm_network_security_rule: { token: 'azure:network/networkSecurityRule:NetworkSecurityRule' },
  azurerm_storage_blob: { token: 'azure:storage/blob:Blob' },
  azurerm_pim_eligible_role_assignment: { token: 'azure:pim/eligibleRoleAssignment:EligibleRoleAssignment' },
  azurerm_role_management_policy: {
    token: 'azure:pim/roleManagementPolicy:RoleManagementPolicy',
    renames: { primaryApprover: 'primaryApprovers' },
  },
  azuread_privileged_access_group_eligibility_schedule: {
    token: 'azuread:index/privilegedAccessGroupEligibilitySchedule:PrivilegedAccessGroupEligibilitySchedule',
  },
  azuread_group_role_management_policy: {
    token: 'azuread:index/groupRoleManagementPolicy:GroupRoleManagementPolicy',
    renames: { primaryApprover: 'primaryApprovers' },
  },
  azuread_group: { token: 'azuread:index/group:Group' },
  azuread_directory_role_assignment: { token: 'azuread:index/directoryRoleAssignment:DirectoryRoleAssignment' },
};

/** A resource of cdk.tf.json as Pulumi would take it: its construct path, token and camelCase inputs. */
export interface ExpectedResource {
  readonly path: string;
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function convert(value: unknown, renames: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, renames));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => {
        const c = camel(k);
        return [renames[c] ?? c, convert(v, renames)];
      }),
  );
}

/** The resources of a cdk.tf.json, converted to Pulumi's names; unknown resource types throw. */
export function expectedResources(cdkTfJson: {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}): ExpectedResource[] {
  const out: ExpectedResource[] = [];
  for (const [type, resources] of Object.entries(cdkTfJson.resource ?? {})) {
    const mapping = TERRAFORM_TO_PULUMI[type];
    if (!mapping) throw new Error(`no Pulumi mapping for ${type}`);
    for (const body of Object.values(resources)) {
      const meta = body['//'] as { metadata: { path: string } };
      out.push({
        path: meta.metadata.path,
        token: mapping.token,
        inputs: convert(body, mapping.renames ?? {}) as Record<string, unknown>,
      });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
