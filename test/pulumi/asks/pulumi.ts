import * as pulumi from '@pulumi/pulumi';
import * as fs from 'fs';
import { Registered } from '../helpers';
import { Ask, blobUrl, inProviderGroup, sha256 } from './ask';
import { nativePolicyRules } from './policy-rules';
import { NATIVE_MACHINE_CONFIGURATION } from './pulumi-machine-configuration';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What one azure-native resource type asks for, from its inputs. */
export type NativeAsks = (inputs: Json) => Omit<Ask, 'name'> | Promise<Omit<Ask, 'name'>>;

/** The resource group of the provider's subscription that an azure-native resource is in. */
const inGroup = (i: Json) => inProviderGroup(i.resourceGroupName);

/** The bytes of an asset as the mocked engine holds it: a file asset's file, or a string asset's text. */
async function assetBytes(asset: pulumi.asset.FileAsset | pulumi.asset.StringAsset): Promise<Buffer> {
  if ('path' in asset) return fs.readFileSync(await asset.path);
  return Buffer.from(await asset.text, 'utf8');
}

/** What the azure-native resources ask of ARM (the REST API behind each resource, with its inputs). */
const NATIVE: Readonly<Record<string, NativeAsks>> = {
  ...NATIVE_MACHINE_CONFIGURATION,
  'azure-native:compute:VirtualMachineRunCommandByVirtualMachine': (i) => ({
    request: `PUT ${inGroup(i)}/providers/Microsoft.Compute/virtualMachines/${i.vmName}/runCommands/${i.runCommandName}`,
    body: { location: i.location, properties: { source: i.source, parameters: i.parameters ?? [] } },
  }),
  'azure-native:storage:Blob': async (i) => ({
    request: `PUT ${blobUrl(i.accountName, i.containerName, i.blobName)}`,
    body: {
      type: i.type,
      contentType: i.contentType,
      sha256: sha256(await assetBytes(i.source)),
      // base64, as the Content-MD5 header takes it
      ...(i.contentMd5 !== undefined ? { contentMd5: i.contentMd5 } : {}),
    },
  }),
  'azure-native:security:JitNetworkAccessPolicy': (i) => ({
    request: `PUT ${inGroup(i)}/providers/Microsoft.Security/locations/${i.ascLocation}/jitNetworkAccessPolicies/${i.jitNetworkAccessPolicyName}`,
    body: { kind: i.kind, properties: { virtualMachines: i.virtualMachines } },
  }),
  'azure-native:network:SecurityRule': (i) => {
    const { resourceGroupName: _g, networkSecurityGroupName, securityRuleName, ...properties } = i;
    void _g;
    return {
      request: `PUT ${inGroup(i)}/providers/Microsoft.Network/networkSecurityGroups/${networkSecurityGroupName}/securityRules/${securityRuleName}`,
      body: { properties },
    };
  },
  // the provider sends an AdminAssign request under a new GUID (customresources/custom_pim_eligibility.go)
  'azure-native:authorization:PimRoleEligibilitySchedule': (i) => ({
    request: `PUT ${i.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/<new GUID>`,
    body: {
      properties: {
        principalId: i.principalId,
        roleDefinitionId: i.roleDefinitionId,
        requestType: 'AdminAssign',
        scope: i.scope,
        ...(i.justification !== undefined ? { justification: i.justification } : {}),
        scheduleInfo: i.scheduleInfo,
        ...(i.ticketInfo !== undefined ? { ticketInfo: i.ticketInfo } : {}),
      },
    },
  }),
  // the provider PATCHes the existing policy (customresources/custom_pim.go)
  'azure-native:authorization:RoleManagementPolicy': (i) => ({
    request: `PATCH ${i.scope}/providers/Microsoft.Authorization/roleManagementPolicies/${i.roleManagementPolicyName}`,
    body: { properties: { rules: nativePolicyRules(i.rules as Json[]) } },
  }),
};

/** What every custom resource the mocked engine registered asks of Azure, by name; unknown types throw. */
export async function pulumiAsks(registered: readonly Registered[]): Promise<Ask[]> {
  const out: Ask[] = [];
  for (const r of registered.filter((x) => x.custom)) {
    if (r.type.startsWith('azuread:')) out.push({ name: r.name, request: r.type, body: r.inputs });
    else if (NATIVE[r.type]) out.push({ name: r.name, ...(await NATIVE[r.type](r.inputs)) });
    else throw new Error(`no mapping for ${r.type}`);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
