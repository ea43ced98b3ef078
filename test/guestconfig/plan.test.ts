import { machineConfigurationPackage } from '../../src/guestconfig/package';
import { fleetPlan } from '../../src/guestconfig/plan';
import { checkMachineConfiguration, MachineConfigurationPropsOf } from '../../src/guestconfig/props';
import { exampleEndpoint } from './example-estate';

const SUB = '11111111-2222-3333-4444-555555555555';
const pkg = machineConfigurationPackage(exampleEndpoint('JEA-DNS'), { mode: 'AuditAndSet', version: '1.0.0' });
const plan = (scope: string) => {
  const props: MachineConfigurationPropsOf<unknown, string> = {
    endpoint: undefined,
    assignmentType: 'ApplyAndMonitor',
    storage: { storageAccountName: 'contosogc', storageContainerName: 'packages' },
    contentAccess: 'anonymous',
    policy: { scope, location: 'westeurope' },
  };
  const checked = checkMachineConfiguration(
    'p',
    props,
    (v) => v,
    () => false,
  );
  return fleetPlan('JEA-DNS', pkg, props, checked, () => false).policy!('https://x/');
};

describe('the fleet plan', () => {
  it('names the role as ARM returns it on an assignment at the scope, so a refresh shows no change', () => {
    const role = '088ab73d-1256-47ae-bea9-9de8e7131f31';
    expect(plan('/providers/Microsoft.Management/managementGroups/servers').roleDefinitionId).toBe(
      `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    );
    expect(plan(`/subscriptions/${SUB}`).roleDefinitionId).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    );
    expect(plan(`/subscriptions/${SUB}/resourceGroups/rg`).roleDefinitionId).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    );
  });

  it('names a remediation task by the content, so a new package is rolled out to existing machines', () => {
    expect(plan(`/subscriptions/${SUB}`).remediationName).toBe(
      `jeajit-JEA-DNS-${pkg.sha256.slice(0, 12).toLowerCase()}`,
    );
  });
});
