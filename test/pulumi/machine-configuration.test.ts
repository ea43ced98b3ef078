import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as P from '../../constructs/pulumi';
import { declaredPackages } from '../../src/guestconfig/manifest';
import { settle, useMocks } from './helpers';

const SUB = '11111111-2222-3333-4444-555555555555';
const VM = `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Compute/virtualMachines/dns01`;
const ARC = `/subscriptions/${SUB}/resourceGroups/rg-arc/providers/Microsoft.HybridCompute/machines/branch01`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso-servers';
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gc-reader`;

describe('MachineConfiguration (Pulumi, azure-native)', () => {
  const registered = useMocks();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-pulumi-mc-'));
  const scope = new P.JeaScope('fleet');
  const role = new P.RoleCapability(
    'DnsOperator',
    { visibleCmdlets: ['DnsServer\\Get-DnsServerZone'] },
    { parent: scope },
  );
  new P.JeaModule(
    'DnsModule',
    { name: 'ContosoJeaDns', version: '1.0.0', roleCapabilities: [role] },
    { parent: scope },
  );
  const endpoint = new P.SessionConfiguration(
    'JEA-DNS',
    {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: 'CONTOSO\\JEA-DNS-Operators', roleCapabilities: [role] }],
    },
    { parent: scope },
  );
  const storage = { storageAccountName: 'contosogc', storageContainerName: 'packages', resourceGroupName: 'rg-gc' };
  const perMachine = new P.MachineConfiguration(
    'DnsOnMachines',
    {
      endpoint,
      assignmentType: 'ApplyAndAutoCorrect',
      storage,
      contentAccess: 'anonymous',
      virtualMachineIds: [VM],
      arcMachineIds: [ARC],
      location: 'westeurope',
      outDir,
    },
    { parent: scope },
  );
  new P.MachineConfiguration(
    'DnsEverywhere',
    {
      endpoint,
      assignmentType: 'ApplyAndMonitor',
      storage,
      contentAccess: { managedIdentityId: IDENTITY },
      policy: { scope: MG, location: 'westeurope' },
      outDir,
    },
    { parent: scope },
  );
  beforeAll(() => settle(registered));
  const byName = (name: string) => registered.find((r) => r.name === name)!;

  it('writes the package under outDir and uploads that file as a blob named by its hash', () => {
    const blob = byName('fleet/DnsOnMachines/PackageBlob');
    expect(blob.type).toBe('azure-native:storage:Blob');
    expect(blob.inputs).toMatchObject({
      blobName: `jeajit-JEA-DNS/${perMachine.package.sha256}/jeajit-JEA-DNS.zip`,
      accountName: 'contosogc',
      containerName: 'packages',
      resourceGroupName: 'rg-gc',
      type: 'Block',
      contentType: 'application/zip',
    });
    const file = path.join(outDir, 'guestconfig', `jeajit-JEA-DNS/${perMachine.package.sha256}/jeajit-JEA-DNS.zip`);
    expect(fs.readFileSync(file)).toEqual(Buffer.from(perMachine.package.bytes));
    expect(declaredPackages(outDir)['JEA-DNS'].hashes).toContain(perMachine.package.sha256);
  });

  it('assigns an Azure VM and an Arc server with the native guest configuration assignments', () => {
    const vm = byName('fleet/DnsOnMachines/Assignment0');
    expect(vm.type).toBe('azure-native:guestconfiguration:GuestConfigurationAssignment');
    expect(vm.inputs).toMatchObject({
      vmName: 'dns01',
      resourceGroupName: 'rg-dns',
      guestConfigurationAssignmentName: 'jeajit-JEA-DNS',
      location: 'westeurope',
      properties: {
        guestConfiguration: {
          name: 'jeajit-JEA-DNS',
          assignmentType: 'ApplyAndAutoCorrect',
          contentHash: perMachine.package.sha256,
          version: '1.0.0',
        },
      },
    });
    const arc = byName('fleet/DnsOnMachines/ArcAssignment0');
    expect(arc.type).toBe('azure-native:guestconfiguration:GuestConfigurationHCRPAssignment');
    expect(arc.inputs).toMatchObject({ machineName: 'branch01', resourceGroupName: 'rg-arc' });
  });

  it('assigns a management group through the policy definition, its assignment, role and remediation', () => {
    const definition = byName('fleet/DnsEverywhere/PolicyDefinition');
    expect(definition.type).toBe('azure-native:authorization:PolicyDefinitionAtManagementGroup');
    expect(definition.inputs).toMatchObject({
      managementGroupId: 'contoso-servers',
      policyDefinitionName: 'jeajit-JEA-DNS-deploy',
      mode: 'Indexed',
      metadata: { guestConfiguration: { contentManagedIdentity: IDENTITY, assignmentType: 'ApplyAndMonitor' } },
    });
    expect(byName('fleet/DnsEverywhere/PolicyAssignment').inputs).toMatchObject({
      scope: MG,
      policyAssignmentName: 'jeajit-JEA-DNS',
      identity: { type: 'SystemAssigned' },
      location: 'westeurope',
      parameters: { IncludeArcMachines: { value: 'false' } },
    });
    expect(byName('fleet/DnsEverywhere/PolicyIdentityRole').inputs).toMatchObject({
      scope: MG,
      roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/088ab73d-1256-47ae-bea9-9de8e7131f31',
      principalType: 'ServicePrincipal',
    });
    expect(byName('fleet/DnsEverywhere/Remediation').type).toBe(
      'azure-native:policyinsights:RemediationAtManagementGroup',
    );
  });

  it('refuses a blob without its resource group, naming the path and field', () => {
    expect(
      () =>
        new P.MachineConfiguration('NoGroup', {
          endpoint,
          assignmentType: 'Audit',
          storage: { storageAccountName: 'contosogc', storageContainerName: 'packages' },
          contentAccess: 'anonymous',
          virtualMachineIds: [VM],
          location: 'westeurope',
          outDir,
        }),
    ).toThrow(/^NoGroup: storage\.resourceGroupName = undefined: /);
  });
});
