/**
 * What the azurerm resources of MachineConfiguration ask ARM for, as the provider's code builds
 * the request for the fields jeajit sets (terraform-provider-azurerm v4.55.0, the version
 * @cdktf/provider-azurerm 14.23 was generated from; paths below are in its
 * internal/services/). A field the mapping does not know throws, so a new one is mapped before it
 * is compared.
 */
import { PROVIDER_SUBSCRIPTION } from './ask';
import { guestAssignmentAsk, roleAssignmentAsk } from './requests';
import type { AzurermAsks, TerraformResource } from './terraform';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Terraform's meta-arguments: not sent to ARM. */
const META = ['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each'];

/** Throws when the resource sets a field the mapping does not know. */
function expectOnly({ path, body }: TerraformResource, known: readonly string[]): Json {
  const unknown = Object.keys(body).filter((k) => !META.includes(k) && !known.includes(k));
  if (unknown.length) throw new Error(`${path}: the asks do not map ${unknown.join(', ')}`);
  return body;
}

/** azurerm's region as sent (go-azure-helpers location.Normalize: lower case, no spaces). */
const region = (location: string) => location.replace(/ /g, '').toLowerCase();

/** The segment after `key` in a resource ID (`resourceGroups` -> the group). */
const segment = (id: string, key: string) => {
  const parts = id.split('/');
  return parts[parts.findIndex((p) => p.toLowerCase() === key.toLowerCase()) + 1];
};

/**
 * Built-in roles by name, as azurerm_role_assignment's role_definition_name lookup finds them
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  'Guest Configuration Resource Contributor': '088ab73d-1256-47ae-bea9-9de8e7131f31',
};

/** A JSON-string field, parsed (azurerm expands it with pluginsdk.ExpandJsonFromString), when set. */
const parsed = (key: string, value: string | undefined): Json => (value ? { [key]: JSON.parse(value) } : {});

/**
 * A policy assignment at a management group, subscription or resource group
 * (policy/assignment_resource_base.go, createFunc). azurerm also sends `properties.scope`
 * (read-only in the API, policyAssignments.json 2022-06-01: ARM sets it from the URL) and, with
 * a system-assigned identity, `identity.userAssignedIdentities: null`; both are left out.
 */
const policyAssignment =
  (scopeField: string) =>
  (r: TerraformResource): ReturnType<AzurermAsks> => {
    const b = expectOnly(r, [
      scopeField,
      'name',
      'policy_definition_id',
      'display_name',
      'description',
      'enforce',
      'location',
      'identity',
      'parameters',
      'metadata',
      'non_compliance_message',
    ]);
    const ids: string[] = b.identity?.identity_ids ?? [];
    return [
      {
        request: `PUT ${b[scopeField]}/providers/Microsoft.Authorization/policyAssignments/${b.name}`,
        body: {
          ...(b.location ? { location: region(b.location) } : {}),
          ...(b.identity
            ? {
                identity: {
                  type: b.identity.type,
                  ...(ids.length ? { userAssignedIdentities: Object.fromEntries(ids.map((id) => [id, {}])) } : {}),
                },
              }
            : {}),
          properties: {
            policyDefinitionId: b.policy_definition_id,
            displayName: b.display_name ?? '',
            enforcementMode: b.enforce === false ? 'DoNotEnforce' : 'Default',
            ...(b.description ? { description: b.description } : {}),
            ...parsed('parameters', b.parameters),
            ...parsed('metadata', b.metadata),
            ...(b.non_compliance_message?.length
              ? {
                  nonComplianceMessages: (b.non_compliance_message as Json[]).map((m) => ({
                    message: m.content,
                    ...(m.policy_definition_reference_id
                      ? { policyDefinitionReferenceId: m.policy_definition_reference_id }
                      : {}),
                  })),
                }
              : {}),
          },
        },
      },
    ];
  };

/**
 * A remediation task (policy/*_policy_remediation_resource.go, readRemediationProperties in
 * resource_policy_remediation_resource.go). azurerm also sends `filters.locations: []` and
 * `policyDefinitionReferenceId: ''` when they are not set (no filter, not a policy set), and at a
 * subscription or resource group `resourceDiscoveryMode` 'ExistingNonCompliant', the API's
 * default (policyinsights remediations 2021-10-01); they are sent here only when they say more.
 */
const remediation =
  (scopeField: string, at: (scopeId: string) => string) =>
  (r: TerraformResource): ReturnType<AzurermAsks> => {
    const b = expectOnly(r, [
      scopeField,
      'name',
      'policy_assignment_id',
      'policy_definition_reference_id',
      'location_filters',
      'resource_discovery_mode',
    ]);
    return [
      {
        request: `PUT ${at(b[scopeField])}/providers/Microsoft.PolicyInsights/remediations/${b.name}`,
        body: {
          properties: {
            policyAssignmentId: b.policy_assignment_id,
            ...(b.location_filters?.length ? { filters: { locations: b.location_filters } } : {}),
            ...(b.policy_definition_reference_id
              ? { policyDefinitionReferenceId: b.policy_definition_reference_id }
              : {}),
            ...((b.resource_discovery_mode ?? 'ExistingNonCompliant') !== 'ExistingNonCompliant'
              ? { resourceDiscoveryMode: b.resource_discovery_mode }
              : {}),
          },
        },
      },
    ];
  };

/** The azurerm resources MachineConfiguration declares, but the blob and the template deployment (./terraform.ts). */
export const AZURERM_MACHINE_CONFIGURATION: Readonly<Record<string, AzurermAsks>> = {
  // policy/policy_virtual_machine_configuration_assignment_resource.go: the VM's resource group and
  // name in the provider's subscription (the VM ID's own subscription is not used); azurerm also
  // sends `configurationParameter: []` without parameter blocks (none), left out
  azurerm_policy_virtual_machine_configuration_assignment: (r) => {
    const b = expectOnly(r, ['name', 'location', 'virtual_machine_id', 'configuration']);
    const c = expectOnly({ path: `${r.path}.configuration`, body: b.configuration }, [
      'assignment_type',
      'content_hash',
      'content_uri',
      'version',
    ]);
    const vm = `/subscriptions/${PROVIDER_SUBSCRIPTION}/resourceGroups/${segment(b.virtual_machine_id, 'resourceGroups')}/providers/Microsoft.Compute/virtualMachines/${segment(b.virtual_machine_id, 'virtualMachines')}`;
    // built-in content (on Microsoft's oaasguestconfig accounts) is sent without URI and hash
    const builtIn = String(c.content_uri ?? '')
      .toLowerCase()
      .includes('oaasguestconfig');
    return [
      guestAssignmentAsk(vm, b.name, {
        name: b.name,
        location: region(b.location),
        properties: {
          guestConfiguration: {
            name: b.name,
            version: c.version ?? '',
            assignmentType: c.assignment_type ?? '',
            ...(builtIn ? {} : { contentHash: c.content_hash ?? '', contentUri: c.content_uri ?? '' }),
          },
        },
      }),
    ];
  },
  // policy/policy_definition_resource.go: at the management group, else in the provider's subscription
  azurerm_policy_definition: (r) => {
    const b = expectOnly(r, [
      'name',
      'policy_type',
      'mode',
      'display_name',
      'description',
      'metadata',
      'parameters',
      'policy_rule',
      'management_group_id',
    ]);
    const at = b.management_group_id
      ? `/providers/Microsoft.Management/managementGroups/${segment(b.management_group_id, 'managementGroups')}`
      : `/subscriptions/${PROVIDER_SUBSCRIPTION}`;
    return [
      {
        request: `PUT ${at}/providers/Microsoft.Authorization/policyDefinitions/${b.name}`,
        body: {
          properties: {
            policyType: b.policy_type,
            mode: b.mode,
            displayName: b.display_name,
            description: b.description ?? '',
            ...parsed('policyRule', b.policy_rule),
            ...parsed('metadata', b.metadata),
            ...parsed('parameters', b.parameters),
          },
        },
      },
    ];
  },
  azurerm_management_group_policy_assignment: policyAssignment('management_group_id'),
  azurerm_subscription_policy_assignment: policyAssignment('subscription_id'),
  azurerm_resource_group_policy_assignment: policyAssignment('resource_group_id'),
  // authorization/role_assignment_resource.go: role_definition_name is looked up at the scope, a
  // missing name is a new random GUID; azurerm also sends `description: ''`, left out
  azurerm_role_assignment: (r) => {
    const b = expectOnly(r, [
      'scope',
      'name',
      'role_definition_id',
      'role_definition_name',
      'principal_id',
      'principal_type',
    ]);
    const guid = b.role_definition_name !== undefined ? BUILT_IN_ROLES[b.role_definition_name] : undefined;
    if (b.role_definition_name !== undefined && !guid)
      throw new Error(`${r.path}: no ID for role ${b.role_definition_name}`);
    return [
      roleAssignmentAsk(b.scope, b.name ?? '<GUID>', {
        roleDefinitionId: b.role_definition_id ?? `/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
        principalId: b.principal_id,
        ...(b.principal_type !== undefined ? { principalType: b.principal_type } : {}),
      }),
    ];
  },
  azurerm_management_group_policy_remediation: remediation(
    'management_group_id',
    (id) => `/providers/Microsoft.Management/managementGroups/${segment(id, 'managementGroups')}`,
  ),
  azurerm_subscription_policy_remediation: remediation(
    'subscription_id',
    (id) => `/subscriptions/${segment(id, 'subscriptions')}`,
  ),
  azurerm_resource_group_policy_remediation: remediation(
    'resource_group_id',
    (id) => `/subscriptions/${segment(id, 'subscriptions')}/resourceGroups/${segment(id, 'resourceGroups')}`,
  ),
};
