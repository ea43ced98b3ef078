import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import * as cdktf from '../../constructs/cdktf';
import * as P from '../../constructs/pulumi';
import { expectSameAsks } from './equivalence';
import { settle, synthCdktf, useMocks } from './helpers';

const VM =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const SCOPE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg';
const ALICE = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41';
const OWNERS = '9e3f4a5b-6c7d-4e8f-a091-b2c3d4e5f643';

const role = { visibleCmdlets: ['Get-Service'] };
const jeaModule = { name: 'OpsJea', version: '1.0.0' };
const endpoint = { name: 'Ops', runAs: { virtualAccount: true as const }, transcriptDirectory: 'C:\\Transcripts' };
const blob = {
  storageAccountName: 'stcontosojea',
  storageContainerName: 'jeajit',
  // cdktf does not use it; Pulumi needs it
  resourceGroupName: 'rg-storage',
  managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
};
const localAdmin: cdktf.JitLocalAdminProps = {
  groupName: 'JIT-LocalAdmins',
  principalIds: [ALICE],
  expiry: 'none',
  justification: 'break glass',
  ticket: { number: 'INC-1', system: 'ServiceNow' },
  activation: { maximumDuration: 'PT2H', conditionalAccessContext: 'c1', requireJustification: false },
};
const pim = (principalId: string): cdktf.PimRoleEligibilityProps => ({
  scope: SCOPE,
  role: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  principalId,
  expiry: 'P90D',
  activation: { maximumDuration: 'P1D', approval: { approvers: [{ type: 'User', objectId: OWNERS }] } },
});
/** A permanent eligibility whose activation needs an authentication context and a ticket, not a justification. */
const permanent: cdktf.PimRoleEligibilityProps = {
  scope: SCOPE,
  role: 'Reader',
  principalId: ALICE,
  expiry: 'none',
  activation: {
    maximumDuration: 'PT2H',
    conditionalAccessContext: 'c2',
    requireJustification: false,
    requireTicketInfo: true,
  },
};
const jit: cdktf.VmJitAccessPolicyProps = {
  resourceGroupName: 'rg',
  location: 'northeurope',
  name: 'ops',
  virtualMachines: [
    {
      id: VM,
      ports: [
        { number: 53, protocol: '*', allowedSourceAddressPrefixes: ['10.0.0.0/8'] },
        {
          number: 161,
          protocol: 'UDP',
          allowedSourceAddressPrefixes: ['VirtualNetwork'],
          maxRequestAccessDuration: 'PT1H',
        },
      ],
    },
  ],
  baselineDeny: { networkSecurityGroupName: 'nsg', resourceGroupName: 'rg-network', priority: 200 },
};

/** The same small estate with cdktf: blob delivery, local admin, PIM by GUID twice and a permanent one, JIT with any/UDP. */
function declareCdktf(stack: TerraformStack): void {
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new AzureadProvider(stack, 'azuread', {});
  const r = new cdktf.RoleCapability(stack, 'OpsRole', role);
  new cdktf.JeaModule(stack, 'OpsModule', { ...jeaModule, roleCapabilities: [r] });
  const e = new cdktf.SessionConfiguration(stack, 'OpsEndpoint', {
    ...endpoint,
    roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [r] }],
  });
  new cdktf.JeaVmDeployment(stack, 'Deploy', { endpoint: e, virtualMachineIds: [VM], location: 'northeurope', blob });
  new cdktf.JitLocalAdmin(stack, 'LocalAdmin', localAdmin);
  new cdktf.PimRoleEligibility(stack, 'ContributorA', pim(ALICE));
  new cdktf.PimRoleEligibility(stack, 'ContributorB', pim(OWNERS));
  new cdktf.PimRoleEligibility(stack, 'ReaderForever', permanent);
  new cdktf.VmJitAccessPolicy(stack, 'Jit', jit);
}

/** The same small estate with Pulumi. */
function declarePulumi(scope: P.JeaScope): P.SessionConfiguration {
  const opts = { parent: scope };
  const r = new P.RoleCapability('OpsRole', role, opts);
  new P.JeaModule('OpsModule', { ...jeaModule, roleCapabilities: [r] }, opts);
  const e = new P.SessionConfiguration(
    'OpsEndpoint',
    { ...endpoint, roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [r] }] },
    opts,
  );
  new P.JeaVmDeployment('Deploy', { endpoint: e, virtualMachineIds: [VM], location: 'northeurope', blob }, opts);
  new P.JitLocalAdmin('LocalAdmin', localAdmin, opts);
  new P.PimRoleEligibility('ContributorA', pim(ALICE), opts);
  new P.PimRoleEligibility('ContributorB', pim(OWNERS), opts);
  new P.PimRoleEligibility('ReaderForever', permanent, opts);
  new P.VmJitAccessPolicy('Jit', jit, opts);
  return e;
}

describe('the constructs the example does not use, against cdktf', () => {
  const registered = useMocks();
  const stackDir = synthCdktf((app) => {
    const stack = new TerraformStack(app, 'small');
    declareCdktf(stack);
    return stack;
  }, 'small');
  const endpointP = declarePulumi(new P.JeaScope('small'));
  beforeAll(() => settle(registered));
  const byName = (name: string) => registered.find((r) => r.name === name)!;

  it('registers, for every cdktf resource, one that asks Azure for the same thing, and no other', () =>
    expectSameAsks(registered, stackDir));

  it('points the run command at the uploaded blob and the group eligibility at the new group', () => {
    const blobInputs = byName('small/Deploy/InstallScript').inputs;
    expect(blobInputs.blobName).toBe(`jeajit/Ops/${endpointP.artifacts().bundleSha256}/Install-Ops.ps1`);
    expect(blobInputs.resourceGroupName).toBe('rg-storage');
    expect(byName('small/Deploy/RunCommand0').inputs.source).toEqual({
      scriptUri: `https://stcontosojea.blob.core.windows.net/jeajit/${String(blobInputs.blobName)}`,
      scriptUriManagedIdentity: { clientId: blob.managedIdentityClientId },
    });
    const objectId = 'small/LocalAdmin/Group-object-id';
    expect(byName('small/LocalAdmin/DeviceLocalAdministrator').inputs.principalObjectId).toBe(objectId);
    expect(byName('small/LocalAdmin/Eligibility/Eligibility0').inputs.groupId).toBe(objectId);
    expect(byName('small/LocalAdmin/Eligibility/ActivationPolicy').inputs.groupId).toBe(objectId);
  });

  it('creates one activation policy for one role at one scope', () => {
    expect(
      registered
        .filter((r) => r.type === 'azure-native:authorization:RoleManagementPolicy')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['small/ContributorA/ActivationPolicy', 'small/ReaderForever/ActivationPolicy']);
  });
});
