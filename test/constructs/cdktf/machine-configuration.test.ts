import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaModule, MachineConfiguration, RoleCapability, SessionConfiguration } from '../../../constructs/cdktf';
import { MachineConfigurationProps } from '../../../constructs/cdktf/machine-configuration';
import { ASSIGNMENT_TEMPLATE } from '../../../src/guestconfig/assignment';
import { loadDeclared } from '../../../src/drift/declared';
import { declaredPackages } from '../../../src/guestconfig/manifest';
import { readZip } from '../../guestconfig/zip-reader';

const SUB = '11111111-2222-3333-4444-555555555555';
const VM = (n: string, rg = 'rg-dns') =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${n}`;
const ARC = (n: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg-arc/providers/Microsoft.HybridCompute/machines/${n}`;
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gc-reader`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso-servers';
const STORAGE = { storageAccountName: 'contosogc', storageContainerName: 'packages' };

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A stack with one endpoint and a MachineConfiguration of it; returns the stack. */
function declare(
  app: App,
  props: Partial<MachineConfigurationProps> | ((stack: TerraformStack) => Partial<MachineConfigurationProps>),
): TerraformStack {
  const stack = new TerraformStack(app, 'fleet');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const role = new RoleCapability(stack, 'DnsOperator', { visibleCmdlets: ['DnsServer\\Get-DnsServerZone'] });
  new JeaModule(stack, 'DnsModule', { name: 'ContosoJeaDns', version: '1.0.0', roleCapabilities: [role] });
  const endpoint = new SessionConfiguration(stack, 'JEA-DNS', {
    runAs: { virtualAccount: true },
    roleDefinitions: [{ principal: 'CONTOSO\\JEA-DNS-Operators', roleCapabilities: [role] }],
  });
  new MachineConfiguration(stack, 'DnsEverywhere', {
    endpoint,
    assignmentType: 'ApplyAndAutoCorrect',
    storage: STORAGE,
    contentAccess: 'anonymous',
    ...(typeof props === 'function' ? props(stack) : props),
  });
  return stack;
}

function synth(props: Parameters<typeof declare>[1]): { resources: Resources; dir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-mc-'));
  const app = new App({ outdir });
  declare(app, props);
  app.synth();
  const dir = path.join(outdir, 'stacks', 'fleet');
  return { resources: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')).resource as Resources, dir };
}

const only = (r: Resources, type: string) => Object.values(r[type] ?? {});

describe('MachineConfiguration (cdktf)', () => {
  const perVm = synth({ virtualMachineIds: [VM('dns01'), VM('dns02')], location: 'westeurope' });

  it('writes the package and its record under guestconfig/<package>/<SHA-256>/, and uploads it under that name', () => {
    const [blob] = only(perVm.resources, 'azurerm_storage_blob') as Array<Record<string, string>>;
    expect(blob.name).toMatch(/^jeajit-JEA-DNS\/[0-9A-F]{64}\/jeajit-JEA-DNS\.zip$/);
    expect(blob.source).toBe(`guestconfig/${blob.name}`);
    expect(blob.content_type).toBe('application/zip');
    const zip = fs.readFileSync(path.join(perVm.dir, blob.source));
    const sha = blob.name.split('/')[1];
    expect(createHash('sha256').update(zip).digest('hex').toUpperCase()).toBe(sha);
    expect(blob.content_md5).toBe(createHash('md5').update(zip).digest('hex'));
    // an Apply assignment type needs an AuditAndSet package
    const meta = readZip(zip).find((e) => e.path === 'jeajit-JEA-DNS.metaconfig.json')!;
    expect(JSON.parse(Buffer.from(meta.content).toString('utf8'))).toEqual({ Type: 'AuditAndSet', Version: '1.0.0' });
    expect(declaredPackages(perVm.dir)).toEqual({
      'JEA-DNS': { hashes: [sha], machines: [VM('dns01'), VM('dns02')], machinesKnownAtDeploy: 0, policies: [] },
    });
    // what jeajit drift --azure --scope checks the assignments' content against
    expect(loadDeclared(perVm.dir).contentHashes).toEqual({ 'JEA-DNS': [sha] });
  });

  it('assigns each Azure VM with azurerm_policy_virtual_machine_configuration_assignment, content hash and type', () => {
    const [blob] = only(perVm.resources, 'azurerm_storage_blob') as Array<Record<string, string>>;
    const assignments = only(perVm.resources, 'azurerm_policy_virtual_machine_configuration_assignment');
    expect(assignments).toHaveLength(2);
    expect(assignments[0]).toMatchObject({
      name: 'jeajit-JEA-DNS',
      location: 'westeurope',
      virtual_machine_id: VM('dns01'),
      configuration: {
        assignment_type: 'ApplyAndAutoCorrect',
        content_hash: blob.name.split('/')[1],
        // written as is: the account, container and blob name are known at synth
        content_uri: `https://contosogc.blob.core.windows.net/packages/${blob.name}`,
        version: '1.0.0',
      },
    });
    expect(only(perVm.resources, 'azurerm_resource_group_template_deployment')).toEqual([]);
    expect(only(perVm.resources, 'azurerm_policy_definition')).toEqual([]);
  });

  it('is byte-deterministic: the same declaration gives the same package and the same Terraform', () => {
    // declared from one line: the Terraform records the declaring file:line
    const [a, b] = [0, 1].map(() => synth({ virtualMachineIds: [VM('dns01')], location: 'westeurope' }));
    expect(fs.readFileSync(path.join(a.dir, 'cdk.tf.json'))).toEqual(fs.readFileSync(path.join(b.dir, 'cdk.tf.json')));
    const [blob] = only(a.resources, 'azurerm_storage_blob') as Array<Record<string, string>>;
    expect(fs.readFileSync(path.join(a.dir, blob.source))).toEqual(fs.readFileSync(path.join(b.dir, blob.source)));
    expect(blob.name).toBe((only(perVm.resources, 'azurerm_storage_blob')[0] as Record<string, string>).name);
  });

  it('deploys an ARM template where azurerm cannot: a managed identity (#29638) or an Arc server (#31795)', () => {
    const withIdentity = synth({
      contentAccess: { managedIdentityId: IDENTITY },
      virtualMachineIds: [VM('dns01')],
      location: 'westeurope',
    });
    expect(only(withIdentity.resources, 'azurerm_policy_virtual_machine_configuration_assignment')).toEqual([]);
    const [deployment] = only(withIdentity.resources, 'azurerm_resource_group_template_deployment') as Array<
      Record<string, string>
    >;
    expect(deployment.name).toBe('jeajit-JEA-DNS-dns01');
    expect(deployment.resource_group_name).toBe('rg-dns');
    expect(JSON.parse(deployment.template_content)).toEqual(ASSIGNMENT_TEMPLATE);
    expect(JSON.parse(deployment.parameters_content).guestConfiguration.value).toMatchObject({
      contentManagedIdentity: IDENTITY,
      contentUri: expect.stringMatching(/^https:\/\/contosogc\.blob\.core\.windows\.net\/packages\/jeajit-JEA-DNS\//),
    });
    // a storage account known only at deploy time: the blob's URL, and Terraform encodes the JSON
    const later = synth((stack) => ({
      storage: {
        storageAccountName: new TerraformVariable(stack, 'account', { type: 'string' }).stringValue,
        storageContainerName: 'packages',
      },
      contentAccess: { managedIdentityId: IDENTITY },
      virtualMachineIds: [VM('dns01')],
      location: 'westeurope',
    }));
    const [laterDeployment] = only(later.resources, 'azurerm_resource_group_template_deployment') as Array<
      Record<string, string>
    >;
    expect(laterDeployment.parameters_content).toMatch(/^\$\{jsonencode\(/);
    expect(laterDeployment.parameters_content).toMatch(/"contentUri" = azurerm_storage_blob\.[\w-]+\.url/);

    const arc = synth({ arcMachineIds: [ARC('branch01')], location: 'westeurope' });
    const [arcDeployment] = only(arc.resources, 'azurerm_resource_group_template_deployment') as Array<
      Record<string, string>
    >;
    expect(arcDeployment).toMatchObject({ name: 'jeajit-JEA-DNS-branch01', resource_group_name: 'rg-arc' });
  });

  it('takes VM IDs known only at deploy time: the resource group comes from the ID in Terraform', () => {
    const tokens = synth((stack) => ({
      contentAccess: { managedIdentityId: IDENTITY },
      virtualMachineIds: [new TerraformVariable(stack, 'vm', { type: 'string' }).stringValue],
      location: 'westeurope',
    }));
    const [deployment] = only(tokens.resources, 'azurerm_resource_group_template_deployment') as Array<
      Record<string, string>
    >;
    expect(deployment.name).toBe('jeajit-JEA-DNS-vm0');
    expect(deployment.resource_group_name).toBe('${element(split("/", var.vm), 4)}');
  });

  it('assigns a whole management group through a DeployIfNotExists policy, its role and a remediation task', () => {
    const fleet = synth({ policy: { scope: MG, location: 'westeurope', includeArcMachines: true } });
    const [definition] = only(fleet.resources, 'azurerm_policy_definition') as Array<Record<string, string>>;
    expect(definition).toMatchObject({
      name: 'jeajit-JEA-DNS-deploy',
      policy_type: 'Custom',
      mode: 'Indexed',
      management_group_id: MG,
    });
    expect(JSON.parse(definition.metadata).guestConfiguration).toMatchObject({
      name: 'jeajit-JEA-DNS',
      contentType: 'Custom',
      contentUri: expect.stringMatching(/^https:\/\/contosogc\.blob\.core\.windows\.net\/packages\//),
      assignmentType: 'ApplyAndAutoCorrect',
    });
    expect(JSON.parse(definition.policy_rule).then.effect).toBe('deployIfNotExists');
    const [assignment] = only(fleet.resources, 'azurerm_management_group_policy_assignment');
    expect(assignment).toMatchObject({
      name: 'jeajit-JEA-DNS',
      management_group_id: MG,
      location: 'westeurope',
      identity: { type: 'SystemAssigned' },
      parameters: JSON.stringify({ IncludeArcMachines: { value: 'true' } }),
    });
    const [role] = only(fleet.resources, 'azurerm_role_assignment') as Array<Record<string, string>>;
    expect(role).toMatchObject({
      scope: MG,
      role_definition_name: 'Guest Configuration Resource Contributor',
      principal_type: 'ServicePrincipal',
    });
    expect(role.principal_id).toMatch(/identity\[0\]\.principal_id\}$/);
    const [remediation] = only(fleet.resources, 'azurerm_management_group_policy_remediation') as Array<
      Record<string, string>
    >;
    expect(remediation.name).toMatch(/^jeajit-JEA-DNS-[0-9a-f]{12}$/);
  });

  it('picks the assignment resource by the kind of scope; AuditIfNotExists needs no identity, role or remediation', () => {
    const sub = synth({ policy: { scope: `/subscriptions/${SUB}`, location: 'westeurope' } });
    expect(only(sub.resources, 'azurerm_subscription_policy_assignment')).toHaveLength(1);
    expect(only(sub.resources, 'azurerm_subscription_policy_remediation')).toHaveLength(1);
    const audit = synth({
      assignmentType: 'Audit',
      policy: { scope: `/subscriptions/${SUB}/resourceGroups/rg-dns`, effect: 'AuditIfNotExists' },
    });
    const [assignment] = only(audit.resources, 'azurerm_resource_group_policy_assignment');
    expect(assignment.identity).toBeUndefined();
    expect(only(audit.resources, 'azurerm_role_assignment')).toEqual([]);
    expect(only(audit.resources, 'azurerm_resource_group_policy_remediation')).toEqual([]);
    const [definition] = only(audit.resources, 'azurerm_policy_definition') as Array<Record<string, string>>;
    expect(definition.name).toBe('jeajit-JEA-DNS-audit');
    expect(definition.management_group_id).toBeUndefined();
  });

  it('refuses at synth a machine or scope outside the subscription of the stack’s azurerm provider', () => {
    const other = '99999999-9999-9999-9999-999999999999';
    const app = Testing.app();
    const stack = declare(app, {
      virtualMachineIds: [VM('dns01').replace(SUB, other)],
      location: 'westeurope',
      policy: { scope: `/subscriptions/${other}`, location: 'westeurope' },
    });
    (stack.node.findChild('azurerm') as AzurermProvider).subscriptionId = SUB;
    const problems = stack.node.findChild('DnsEverywhere').node.validate();
    expect(problems).toEqual([
      `fleet/DnsEverywhere: virtualMachineIds[0] = '${VM('dns01').replace(SUB, other).slice(0, 116)}...: in subscription ${other}, but the azurerm provider of this stack works in ${SUB}: give it a provider for ${other}`,
      `fleet/DnsEverywhere: policy.scope = '/subscriptions/${other}': in subscription ${other}, but the azurerm provider of this stack works in ${SUB}: give it a provider for ${other}`,
    ]);
    // the same machines under a provider of their subscription, or of none named, pass
    (stack.node.findChild('azurerm') as AzurermProvider).subscriptionId = other;
    expect(stack.node.findChild('DnsEverywhere').node.validate()).toEqual([]);
  });

  it.each<[string, Partial<MachineConfigurationProps>, RegExp]>([
    ['nothing to assign', {}, /\(root\) = undefined: assigns nothing/],
    [
      'a SAS-free access',
      { contentAccess: 'public' as never, virtualMachineIds: [VM('a')], location: 'westeurope' },
      /contentAccess = 'public': neither/,
    ],
    [
      'a bad assignment type',
      { assignmentType: 'Apply' as never, virtualMachineIds: [VM('a')], location: 'westeurope' },
      /assignmentType = 'Apply': not one of Audit, ApplyAndMonitor, ApplyAndAutoCorrect/,
    ],
    [
      'a machine without its region',
      { virtualMachineIds: [VM('a')] },
      /location = undefined: the machines’ Azure region is required/,
    ],
    [
      'a VM given twice',
      { virtualMachineIds: [VM('a'), VM('A')], location: 'westeurope' },
      /virtualMachineIds\[1\] = .*also at virtualMachineIds\[0\]/,
    ],
    [
      'an Arc ID among VMs',
      { virtualMachineIds: [ARC('a')], location: 'westeurope' },
      /virtualMachineIds\[0\] = .*not a VM resource ID/,
    ],
    [
      'Arc with a managed identity',
      { contentAccess: { managedIdentityId: IDENTITY }, arcMachineIds: [ARC('a')], location: 'westeurope' },
      /arcMachineIds = .*Azure VMs only/,
    ],
    [
      'an audit-only policy that should apply',
      { policy: { scope: MG, effect: 'AuditIfNotExists' } },
      /policy\.effect = 'AuditIfNotExists': only reports/,
    ],
    [
      'DeployIfNotExists without a region',
      { policy: { scope: MG } },
      /policy\.location = undefined: DeployIfNotExists needs/,
    ],
    [
      'a scope that is none of the three',
      { policy: { scope: '/tenants/x', location: 'westeurope' } },
      /policy\.scope = '\/tenants\/x': is not/,
    ],
    [
      'a bad storage account',
      {
        storage: { storageAccountName: 'Contoso_GC', storageContainerName: 'packages' },
        virtualMachineIds: [VM('a')],
        location: 'westeurope',
      },
      /storage\.storageAccountName = 'Contoso_GC'/,
    ],
  ])('refuses %s, naming the construct path, field and value', (_name, props, message) => {
    expect(() => declare(Testing.app(), props)).toThrow(message);
    expect(() => declare(Testing.app(), props)).toThrow(/^fleet\/DnsEverywhere: /);
  });
});
