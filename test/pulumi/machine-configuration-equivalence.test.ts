/**
 * MachineConfiguration, cdktf (azurerm) against Pulumi (azure-native): for each declaration, every
 * resource of the cdktf stack has exactly one Pulumi resource of the same name asking ARM for the
 * same thing (test/pulumi/asks/), and no other; both engines write the same package bytes.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdktf from '../../constructs/cdktf';
import * as P from '../../constructs/pulumi';
import { ASSIGNMENT_TEMPLATE, assignmentTemplateParameters } from '../../src/guestconfig/assignment';
import { MachineConfigurationPropsOf } from '../../src/guestconfig/props';
import { evaluateTemplateValue } from './asks/arm-expression';
import { templateResources } from './asks/arm-template';
import { PROVIDER_SUBSCRIPTION } from './asks/ask';
import { terraformAsks } from './asks/terraform';
import { expectSameAsks } from './equivalence';
import { filesUnder, settle, synthCdktf, useMocks } from './helpers';

const SUB = `/subscriptions/${PROVIDER_SUBSCRIPTION}`;
const VM = (name: string) => `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Compute/virtualMachines/${name}`;
const ARC = (name: string) => `${SUB}/resourceGroups/rg-branches/providers/Microsoft.HybridCompute/machines/${name}`;
const IDENTITY = `${SUB}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gc-reader`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso-servers';
// resourceGroupName: unused by cdktf, needed by the native blob
const STORAGE = { storageAccountName: 'contosogc', storageContainerName: 'packages', resourceGroupName: 'rg-gc' };

/** What a case declares: a MachineConfiguration of the DNS endpoint, but the endpoint and storage. */
type Case = Omit<MachineConfigurationPropsOf<unknown, string>, 'endpoint' | 'storage'>;

/** The declarations compared, each as a stack (cdktf) and a root scope (Pulumi) of its name. */
const CASES: Readonly<Record<string, Case>> = {
  'per-vm': {
    assignmentType: 'ApplyAndAutoCorrect',
    contentAccess: 'anonymous',
    virtualMachineIds: [VM('dns01'), VM('dns02')],
    location: 'westeurope',
  },
  'per-vm-identity': {
    assignmentType: 'ApplyAndMonitor',
    contentAccess: { managedIdentityId: IDENTITY },
    virtualMachineIds: [VM('dns01'), VM('dns02')],
    location: 'westeurope',
  },
  arc: {
    assignmentType: 'ApplyAndAutoCorrect',
    contentAccess: 'anonymous',
    arcMachineIds: [ARC('branch01'), ARC('branch02')],
    location: 'westeurope',
  },
  'management-group': {
    assignmentType: 'ApplyAndAutoCorrect',
    contentAccess: 'anonymous',
    policy: { scope: MG, location: 'westeurope', includeArcMachines: true },
  },
  subscription: {
    assignmentType: 'ApplyAndMonitor',
    contentAccess: { managedIdentityId: IDENTITY },
    policy: { scope: SUB, location: 'westeurope' },
  },
  'resource-group': {
    assignmentType: 'Audit',
    contentAccess: 'anonymous',
    policy: { scope: `${SUB}/resourceGroups/rg-dns`, effect: 'AuditIfNotExists' },
  },
};

const ROLE = { visibleCmdlets: ['DnsServer\\Get-DnsServerZone'] };
const MODULE = { name: 'ContosoJeaDns', version: '1.0.0' };
const ENDPOINT = { runAs: { virtualAccount: true as const } };
const PRINCIPAL = 'CONTOSO\\JEA-DNS-Operators';

/** A case with cdktf: the endpoint, its module and the MachineConfiguration `Dns`. */
function declareCdktf(stack: TerraformStack, props: Case): void {
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const role = new cdktf.RoleCapability(stack, 'DnsOperator', ROLE);
  new cdktf.JeaModule(stack, 'DnsModule', { ...MODULE, roleCapabilities: [role] });
  const endpoint = new cdktf.SessionConfiguration(stack, 'JEA-DNS', {
    ...ENDPOINT,
    roleDefinitions: [{ principal: PRINCIPAL, roleCapabilities: [role] }],
  });
  new cdktf.MachineConfiguration(stack, 'Dns', { ...props, endpoint, storage: STORAGE });
}

/** The same with Pulumi, the package written under `outDir`. */
function declarePulumi(scope: P.JeaScope, props: Case, outDir: string): void {
  const opts = { parent: scope };
  const role = new P.RoleCapability('DnsOperator', ROLE, opts);
  new P.JeaModule('DnsModule', { ...MODULE, roleCapabilities: [role] }, opts);
  const endpoint = new P.SessionConfiguration(
    'JEA-DNS',
    { ...ENDPOINT, roleDefinitions: [{ principal: PRINCIPAL, roleCapabilities: [role] }] },
    opts,
  );
  new P.MachineConfiguration('Dns', { ...props, endpoint, storage: STORAGE, outDir }, opts);
}

describe('MachineConfiguration, cdktf against Pulumi', () => {
  const registered = useMocks();
  const declared = Object.entries(CASES).map(([name, props]) => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-pulumi-mc-'));
    declarePulumi(new P.JeaScope(name), props, outDir);
    const stackDir = synthCdktf((app) => {
      const stack = new TerraformStack(app, name);
      declareCdktf(stack, props);
      return stack;
    }, name);
    return { name, outDir, stackDir };
  });
  beforeAll(() => settle(registered));

  it.each(declared)('$name: every cdktf resource has one Pulumi resource asking for the same, and no other', (c) =>
    expectSameAsks(
      registered.filter((r) => r.name.startsWith(`${c.name}/`)),
      c.stackDir,
    ),
  );

  it.each(declared)('$name: writes the same package and record, byte for byte', (c) => {
    const expected = filesUnder(path.join(c.stackDir, 'guestconfig'));
    const actual = filesUnder(path.join(c.outDir, 'guestconfig'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected.keys()].filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    for (const [name, bytes] of expected) expect([name, actual.get(name)!.equals(bytes)]).toEqual([name, true]);
  });

  it('asks ARM for what each declaration implies', () => {
    const requests = (name: string) => {
      const { stackDir } = declared.find((c) => c.name === name)!;
      const asks = terraformAsks(JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')), stackDir);
      return asks.map((a) => `${a.name.split('/').pop()} ${a.request.replace(/[0-9A-F]{64}/, '<SHA-256>')}`);
    };
    const blob =
      'PackageBlob PUT https://contosogc.blob.core.windows.net/packages/jeajit-JEA-DNS/<SHA-256>/jeajit-JEA-DNS.zip';
    const assignment = (machine: string) =>
      `${machine}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/jeajit-JEA-DNS`;
    // the template deployment asks for the VM's assignment only: the Arc resource's condition is false
    expect(requests('per-vm-identity')).toEqual([
      `Assignment0 PUT ${assignment(VM('dns01'))}`,
      `Assignment1 PUT ${assignment(VM('dns02'))}`,
      blob,
    ]);
    expect(requests('arc')).toEqual([
      `ArcAssignment0 PUT ${assignment(ARC('branch01'))}`,
      `ArcAssignment1 PUT ${assignment(ARC('branch02'))}`,
      blob,
    ]);
    expect(requests('management-group')).toEqual([
      blob,
      `PolicyAssignment PUT ${MG}/providers/Microsoft.Authorization/policyAssignments/jeajit-JEA-DNS`,
      `PolicyDefinition PUT ${MG}/providers/Microsoft.Authorization/policyDefinitions/jeajit-JEA-DNS-deploy`,
      `PolicyIdentityRole PUT ${MG}/providers/Microsoft.Authorization/roleAssignments/<GUID>`,
      expect.stringMatching(
        /^Remediation PUT \/providers\/Microsoft\.Management\/managementGroups\/contoso-servers\/providers\/Microsoft\.PolicyInsights\/remediations\/jeajit-JEA-DNS-[0-9a-f]{12}$/,
      ),
    ]);
    expect(requests('resource-group')).toEqual([
      blob,
      `PolicyAssignment PUT ${SUB}/resourceGroups/rg-dns/providers/Microsoft.Authorization/policyAssignments/jeajit-JEA-DNS`,
      `PolicyDefinition PUT ${SUB}/providers/Microsoft.Authorization/policyDefinitions/jeajit-JEA-DNS-audit`,
    ]);
  });
});

describe('the assignment template, evaluated as ARM does', () => {
  const parameters = (machineId: string) =>
    assignmentTemplateParameters({
      machineId,
      location: 'westeurope',
      assignmentName: 'jeajit-JEA-DNS',
      guestConfiguration: { name: 'jeajit-JEA-DNS' },
    });

  it('deploys the assignment of the machine type the ID names, and nothing for the other type', () => {
    expect(templateResources(ASSIGNMENT_TEMPLATE, parameters(VM('dns01').toUpperCase()))).toEqual([
      {
        path: 'providers/Microsoft.Compute/virtualMachines/DNS01/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/jeajit-JEA-DNS',
        body: { location: 'westeurope', properties: { guestConfiguration: { name: 'jeajit-JEA-DNS' } } },
      },
    ]);
    expect(templateResources(ASSIGNMENT_TEMPLATE, parameters(ARC('branch01'))).map((r) => r.path)).toEqual([
      'providers/Microsoft.HybridCompute/machines/branch01/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/jeajit-JEA-DNS',
    ]);
  });

  it('evaluates the functions it knows as ARM does, and refuses any other', () => {
    const p = { id: '/a/B/c', list: ['x', 'y'] };
    expect(evaluateTemplateValue("[last(split(parameters('id'), '/'))]", p)).toBe('c');
    expect(evaluateTemplateValue("[concat(toLower(parameters('id')), '-', 'd')]", p)).toBe('/a/b/c-d');
    expect(evaluateTemplateValue("[contains(parameters('id'), '/b/')]", p)).toBe(false);
    expect(evaluateTemplateValue("[contains(parameters('list'), 'y')]", p)).toBe(true);
    expect(evaluateTemplateValue("[format('{1}:{0}', 'a', last(parameters('list')))]", p)).toBe('y:a');
    expect(evaluateTemplateValue('[[literal]', p)).toBe('[literal]');
    expect(() => evaluateTemplateValue("[uniqueString(parameters('id'))]", p)).toThrow(
      'template function not supported here: uniqueString',
    );
  });
});
