import * as pulumi from '@pulumi/pulumi';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import * as cdktf from '../../constructs/cdktf';
import * as fs from 'fs';
import * as path from 'path';
import * as P from '../../constructs/pulumi';
import { expectedResources } from './equivalence';
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

/** The same small estate with cdktf: blob delivery, local admin, PIM by GUID twice, JIT with any/UDP. */
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
  new P.VmJitAccessPolicy('Jit', jit, opts);
  return e;
}

const TOKEN = /^\$\{([a-z_]+)\.([A-Za-z0-9_]+)\.([a-z_]+)\}$/;

/** Replaces cdktf tokens (`${azuread_group.x.object_id}`) with a matcher; the test checks what they became. */
function tokensToAny(value: unknown): unknown {
  if (typeof value === 'string') return TOKEN.test(value) ? expect.any(String) : value;
  if (Array.isArray(value)) return value.map(tokensToAny);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tokensToAny(v)]));
  return value;
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

  it('registers the same resources with the same inputs (deploy-time references aside)', async () => {
    const expected = expectedResources(JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')));
    const custom = registered.filter((r) => r.custom).sort((a, b) => a.name.localeCompare(b.name));
    expect(custom.map((r) => [r.name, r.type])).toEqual(expected.map((e) => [e.path, e.token]));
    for (const e of expected) {
      const { source, ...rest } = e.inputs;
      const actual = byName(e.path).inputs;
      if (e.token === 'azure:storage/blob:Blob') {
        // cdktf uploads the file synth wrote; Pulumi uploads an asset with the same bytes
        const bytes = fs.readFileSync(path.join(stackDir, String(source)));
        expect(actual.source).toBeInstanceOf(pulumi.asset.StringAsset);
        const text = await (actual.source as pulumi.asset.StringAsset).text;
        expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
        const { source: _s, ...actualRest } = actual;
        void _s;
        expect([e.path, actualRest]).toEqual([e.path, tokensToAny(rest)]);
      } else {
        expect([e.path, actual]).toEqual([e.path, tokensToAny(e.inputs)]);
      }
    }
  });

  it('points the run command at the uploaded blob and the group eligibility at the new group', () => {
    const blobInputs = byName('small/Deploy/InstallScript').inputs;
    expect(blobInputs.name).toBe(`jeajit/Ops/${endpointP.artifacts().bundleSha256}/Install-Ops.ps1`);
    expect(byName('small/Deploy/RunCommand0').inputs.source).toEqual({
      scriptUri: `https://stcontosojea.blob.core.windows.net/jeajit/${String(blobInputs.name)}`,
      scriptUriManagedIdentity: { clientId: blob.managedIdentityClientId },
    });
    const objectId = 'small/LocalAdmin/Group-object-id';
    expect(byName('small/LocalAdmin/DeviceLocalAdministrator').inputs.principalObjectId).toBe(objectId);
    expect(byName('small/LocalAdmin/Eligibility/Eligibility0').inputs.groupId).toBe(objectId);
    expect(byName('small/LocalAdmin/Eligibility/ActivationPolicy').inputs.groupId).toBe(objectId);
  });

  it('creates one activation policy for one role at one scope', () => {
    expect(
      registered.filter((r) => r.type === 'azure:pim/roleManagementPolicy:RoleManagementPolicy').map((r) => r.name),
    ).toEqual(['small/ContributorA/ActivationPolicy']);
  });
});
