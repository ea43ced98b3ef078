/**
 * What the azure-native resources of MachineConfiguration ask ARM for. The native provider
 * builds each request from the resource's REST operation (its `Uses Azure REST API version` in
 * node_modules/@pulumi/azure-native/<module>/<resource>.d.ts): path parameters from the inputs
 * of the same name, the rest as the body, where the inputs of a `properties` object flattened
 * by the specification (x-ms-client-flatten) go back under `properties`. The SDK adds the
 * specification's defaults to the inputs (`enforcementMode` 'Default' of PolicyAssignment), so
 * they are in what the mocked engine registered.
 */
import { inProviderGroup, PROVIDER_SUBSCRIPTION } from './ask';
import type { NativeAsks } from './pulumi';
import { guestAssignmentAsk, roleAssignmentAsk } from './requests';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The inputs but `keys` (the path parameters). */
const except = (inputs: Json, keys: readonly string[]): Json =>
  Object.fromEntries(Object.entries(inputs).filter(([k, v]) => !keys.includes(k) && v !== undefined));

/** A body whose properties the specification flattens: `top` stay at the top, the rest but the path parameters go under `properties`. */
function flattened(inputs: Json, path: readonly string[], top: readonly string[] = []): Json {
  const body: Json = {};
  for (const k of top) if (inputs[k] !== undefined) body[k] = inputs[k];
  return { ...body, properties: except(inputs, [...path, ...top]) };
}

const POLICY_DEFINITIONS = 'providers/Microsoft.Authorization/policyDefinitions';
const REMEDIATIONS = 'providers/Microsoft.PolicyInsights/remediations';

/** The azure-native resources MachineConfiguration declares, but the blob (./pulumi.ts). */
export const NATIVE_MACHINE_CONFIGURATION: Readonly<Record<string, NativeAsks>> = {
  // guestconfiguration 2024-04-05: `properties` is not flattened
  'azure-native:guestconfiguration:GuestConfigurationAssignment': (i) =>
    guestAssignmentAsk(
      `${inProviderGroup(i.resourceGroupName)}/providers/Microsoft.Compute/virtualMachines/${i.vmName}`,
      i.guestConfigurationAssignmentName,
      except(i, ['resourceGroupName', 'vmName', 'guestConfigurationAssignmentName']),
    ),
  'azure-native:guestconfiguration:GuestConfigurationHCRPAssignment': (i) =>
    guestAssignmentAsk(
      `${inProviderGroup(i.resourceGroupName)}/providers/Microsoft.HybridCompute/machines/${i.machineName}`,
      i.guestConfigurationAssignmentName,
      except(i, ['resourceGroupName', 'machineName', 'guestConfigurationAssignmentName']),
    ),
  // authorization 2025-01-01: in the provider's subscription, or at a management group
  'azure-native:authorization:PolicyDefinition': (i) => ({
    request: `PUT /subscriptions/${PROVIDER_SUBSCRIPTION}/${POLICY_DEFINITIONS}/${i.policyDefinitionName}`,
    body: flattened(i, ['policyDefinitionName']),
  }),
  'azure-native:authorization:PolicyDefinitionAtManagementGroup': (i) => ({
    request: `PUT /providers/Microsoft.Management/managementGroups/${i.managementGroupId}/${POLICY_DEFINITIONS}/${i.policyDefinitionName}`,
    body: flattened(i, ['policyDefinitionName', 'managementGroupId']),
  }),
  'azure-native:authorization:PolicyAssignment': (i) => ({
    request: `PUT ${i.scope}/providers/Microsoft.Authorization/policyAssignments/${i.policyAssignmentName}`,
    body: flattened(i, ['scope', 'policyAssignmentName'], ['location', 'identity']),
  }),
  // authorization 2022-04-01
  'azure-native:authorization:RoleAssignment': (i) =>
    roleAssignmentAsk(i.scope, i.roleAssignmentName, except(i, ['scope', 'roleAssignmentName'])),
  // policyinsights 2024-10-01
  'azure-native:policyinsights:RemediationAtManagementGroup': (i) => ({
    request: `PUT /providers/${i.managementGroupsNamespace}/managementGroups/${i.managementGroupId}/${REMEDIATIONS}/${i.remediationName}`,
    body: flattened(i, ['managementGroupsNamespace', 'managementGroupId', 'remediationName']),
  }),
  'azure-native:policyinsights:RemediationAtResource': (i) => ({
    request: `PUT ${i.resourceId}/${REMEDIATIONS}/${i.remediationName}`,
    body: flattened(i, ['resourceId', 'remediationName']),
  }),
};
