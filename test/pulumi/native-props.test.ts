import * as P from '../../constructs/pulumi';
import { PimEligibilityModel } from '../../src/jit/model';
import { deployedState, startFakeArm } from '../drift/fake-arm';
import { settle, useMocks } from './helpers';

const SUB = '00000000-0000-0000-0000-000000000000';
const SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-contoso-servers`;
const VM = `${SCOPE}/providers/Microsoft.Compute/virtualMachines/vm1`;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const ROLE_ID = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`;
const TOKEN = 'fake-token-for-tests';

const registered = useMocks();

describe('what the Pulumi engine needs beyond the shared props', () => {
  const scope = new P.JeaScope('native');
  const role = new P.RoleCapability('Ops', { visibleCmdlets: ['Get-Service'] }, { parent: scope });
  new P.JeaModule('OpsModule', { name: 'Ops', version: '1.0.0', roleCapabilities: [role] }, { parent: scope });
  const endpoint = new P.SessionConfiguration(
    'Ops',
    { runAs: { virtualAccount: true }, roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [role] }] },
    { parent: scope },
  );
  const lookups: string[] = [];
  const previous = P.setPolicyNameResolver((s, r) => {
    lookups.push(`${s} ${r}`);
    return Promise.resolve('looked-up');
  });
  new P.PimRoleEligibility(
    'Given',
    {
      scope: SCOPE,
      role: 'Reader',
      principalId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
      expiry: 'P30D',
      activation: { maximumDuration: 'PT1H' },
      roleManagementPolicyName: '5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d',
    },
    { parent: scope },
  );
  P.setPolicyNameResolver(previous);
  beforeAll(() => settle(registered));

  it('refuses blob delivery without the storage account resource group', () => {
    expect(
      () =>
        new P.JeaVmDeployment(
          'Deploy',
          {
            endpoint,
            virtualMachineIds: [VM],
            location: 'westeurope',
            blob: { storageAccountName: 'st', storageContainerName: 'jeajit' },
          },
          { parent: scope },
        ),
    ).toThrow(
      "native/Deploy: blob.resourceGroupName = undefined: the storage account's resource group is required with Pulumi (azure-native addresses a blob by resource group, account and container)",
    );
  });

  it('takes the role management policy name when given, without a lookup', () => {
    const policy = registered.find((r) => r.name === 'native/Given/ActivationPolicy')!;
    expect(policy.inputs.roleManagementPolicyName).toBe('5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d');
    expect(lookups).toEqual([]);
  });
});

describe('the policy name lookup in ARM', () => {
  const model: PimEligibilityModel = {
    scope: SCOPE,
    roleDefinitionGuid: READER,
    principalId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
    expiry: 'P90D',
    activation: { maximumDuration: 'PT4H' },
  };

  it("reads the policyId of the role's policy assignment at the scope", async () => {
    const arm = await startFakeArm(deployedState(SUB, [], [model]), SUB, TOKEN);
    try {
      const resolve = P.armPolicyNameResolver({ endpoint: arm.url, env: { JEAJIT_ARM_TOKEN: TOKEN } });
      expect(await resolve(SCOPE, ROLE_ID)).toBe('5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d');
      expect(arm.requests).toEqual([
        `GET ${SCOPE}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01&%24filter=roleDefinitionId+eq+%27${encodeURIComponent(ROLE_ID)}%27`,
      ]);
      await expect(resolve(SCOPE, ROLE_ID.replace(READER, 'b24988ac-6180-42a0-ab88-20f7382dd24c'))).rejects.toThrow(
        `ARM lists no role management policy assignment for role /subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c at ${SCOPE}`,
      );
    } finally {
      await arm.close();
    }
  });
});
