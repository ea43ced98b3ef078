// the version of the installed @pulumi/azure-native, which its resources ask the engine for
import { version as AZURE_NATIVE_VERSION } from '@pulumi/azure-native/package.json';
import * as pulumi from '@pulumi/pulumi';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as P from '../../constructs/pulumi';
import { declareEstate, VMS } from '../../examples/pulumi/estate';
import { settle, useMocks, valueOf } from './helpers';

type Recorded = { component: P.JeaComponent; outputs: pulumi.Inputs };

// One mock monitor for the file: setting mocks again would orphan the resources registered so far.
const registered = useMocks();

describe('component outputs', () => {
  const calls: Recorded[] = [];
  const proto = pulumi.ComponentResource.prototype as unknown as {
    registerOutputs: (this: pulumi.ComponentResource, o?: pulumi.Inputs) => void;
  };
  const original = proto.registerOutputs;
  const spy = jest.spyOn(proto, 'registerOutputs').mockImplementation(function (
    this: pulumi.ComponentResource,
    outputs?: pulumi.Inputs,
  ) {
    // Pulumi itself calls registerOutputs() without outputs after initialize(): a no-op once registered
    if (this instanceof P.JeaComponent && outputs !== undefined) calls.push({ component: this, outputs });
    return original.call(this, outputs);
  });
  const estate = declareEstate();
  const localAdmin = new P.JitLocalAdmin(
    'LocalAdmin',
    {
      groupName: 'JIT-LocalAdmins',
      principalIds: ['7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41'],
      expiry: 'P30D',
      activation: { maximumDuration: 'PT1H' },
    },
    { parent: estate.scope },
  );
  beforeAll(() => settle(registered));
  afterAll(() => spy.mockRestore());

  /** The resolved outputs a component registered. */
  async function outputsOf(componentPath: string): Promise<Record<string, unknown>> {
    const found = calls.filter((c) => c.component.path === componentPath);
    expect(found).toHaveLength(1);
    return valueOf(pulumi.output(found[0].outputs));
  }

  it('every component registers its outputs once', () => {
    const inEstate = (p: string) => p === 'contoso' || p.startsWith('contoso/');
    const components = registered.filter((r) => !r.custom && inEstate(r.name)).map((r) => r.name);
    // 22 JEA and JIT components, and the 2 MachineConfigurations
    expect(components).toHaveLength(26);
    expect(
      calls
        .map((c) => c.component.path)
        .filter(inEstate)
        .sort(),
    ).toEqual([...components].sort());
  });

  it('registers the role, module and ACL identities', async () => {
    expect(await outputsOf('contoso/DnsOperator')).toEqual({
      roleName: 'DnsOperator',
      guid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await outputsOf('contoso/MaintenanceModule')).toEqual({
      name: 'ContosoJeaMaintenance',
      version: '2.0.0',
      guid: expect.any(String),
      roles: ['MaintenanceLev1', 'MaintenanceLev2'],
    });
    expect((await outputsOf('contoso/FileServerAcl')).entries).toHaveLength(2);
  });

  it('registers the endpoint files and bundle hash', async () => {
    const dns = estate.endpoints[0];
    const outputs = await outputsOf('contoso/JEA-DNS');
    expect(outputs).toEqual({
      name: 'JEA-DNS',
      guid: dns.model.guid,
      bundleSha256: dns.artifacts().bundleSha256,
      files: dns.files.map((f) => f.path),
    });
    expect(outputs.files).toContain('jea/JEA-DNS/Install-JEA-DNS.ps1');
  });

  it('registers the IDs of the cloud resources', async () => {
    expect(await outputsOf('contoso/MaintenanceEverywhere')).toEqual({
      bundleSha256: estate.endpoints[2].artifacts().bundleSha256,
      runCommandIds: ['contoso/MaintenanceEverywhere/RunCommand0-id', 'contoso/MaintenanceEverywhere/RunCommand1-id'],
    });
    expect(await outputsOf('contoso/ManagementPortsJit')).toEqual({
      policyId: 'contoso/ManagementPortsJit/Policy-id',
      denyRuleIds: ['Deny3389TCP', 'Deny5985TCP', 'Deny5986TCP'].map((d) => `contoso/ManagementPortsJit/${d}-id`),
    });
    expect(await outputsOf('contoso/VmContributorOnCall')).toEqual({
      assignmentId: 'contoso/VmContributorOnCall/Eligibility-id',
      policyId: 'contoso/VmContributorOnCall/ActivationPolicy-id',
    });
    expect(await outputsOf('contoso/MaintenanceLev2Jit')).toEqual({
      scheduleIds: ['contoso/MaintenanceLev2Jit/Eligibility0-id', 'contoso/MaintenanceLev2Jit/Eligibility1-id'],
      policyId: 'contoso/MaintenanceLev2Jit/ActivationPolicy-id',
    });
    expect(await outputsOf('contoso/LocalAdmin')).toEqual({
      groupObjectId: 'contoso/LocalAdmin/Group-object-id',
      roleAssignmentId: 'contoso/LocalAdmin/DeviceLocalAdministrator-id',
    });
    expect(localAdmin.eligibility.path).toBe('contoso/LocalAdmin/Eligibility');
  });
});

describe('deploy-time inputs', () => {
  const vmId = pulumi.output(VMS[1]);
  const scope = new P.JeaScope('later');
  const jit = new P.VmJitAccessPolicy(
    'Jit',
    {
      resourceGroupName: pulumi.output('rg'),
      location: 'westeurope',
      virtualMachines: [{ id: vmId, ports: [{ number: 22, allowedSourceAddressPrefixes: ['10.0.0.0/8'] }] }],
    },
    { parent: scope },
  );
  const group = new P.JitGroupEligibility(
    'Group',
    {
      groupId: pulumi.output('not-known-yet'),
      principalIds: [pulumi.output('x')],
      expiry: 'P30D',
      activation: { maximumDuration: 'PT1H' },
    },
    { parent: scope },
  );
  const deploy = new P.JeaVmDeployment(
    'Deploy',
    {
      endpoint: declareEndpoint(scope),
      virtualMachineIds: [pulumi.output(VMS[0]), VMS[1]],
      location: pulumi.output('westeurope'),
    },
    { parent: scope },
  );
  beforeAll(() => settle(registered));

  it('skips the checks of values known only at deploy time, as cdktf skips tokens', () => {
    expect(jit.model.virtualMachines[0].id).toBe('${pulumi:later/Jit.virtualMachines[0].id}');
    expect(group.model.groupId).toBe('${pulumi:later/Group.groupId}');
  });

  it('writes the JIT policy once the VM IDs are known', () => {
    const virtualMachines = registered.find((r) => r.name === 'later/Jit/Policy')!.inputs.virtualMachines as {
      id: string;
      ports: unknown[];
    }[];
    expect(virtualMachines[0].id).toBe(VMS[1]);
    expect(virtualMachines[0].ports[0]).toEqual({
      number: 22,
      protocol: 'TCP',
      allowedSourceAddressPrefix: '10.0.0.0/8',
      maxRequestAccessDuration: 'PT3H',
    });
  });

  it('addresses each run command by the resource group and name of its VM once the IDs are known', () => {
    expect(deploy.runCommands).toHaveLength(2);
    expect(
      registered
        .filter((r) => r.name.startsWith('later/Deploy/RunCommand'))
        .map((r) => [r.name, r.inputs.resourceGroupName, r.inputs.vmName, r.inputs.location]),
    ).toEqual([
      ['later/Deploy/RunCommand0', 'rg-contoso-servers', 'vm-dc-dns01', 'westeurope'],
      ['later/Deploy/RunCommand1', 'rg-contoso-servers', 'vm-file01', 'westeurope'],
    ]);
  });

  it('gives the native resources the azure-native version, so that Pulumi loads that plugin', () => {
    const version = (r: pulumi.Resource) => (r as unknown as { __version?: string }).__version;
    expect([version(jit.policy), version(deploy.runCommands[0])]).toEqual([AZURE_NATIVE_VERSION, AZURE_NATIVE_VERSION]);
  });
});

/** An endpoint with one role, carried by a module, under a scope. */
function declareEndpoint(scope: P.JeaScope): P.SessionConfiguration {
  const role = new P.RoleCapability('Ops', { visibleCmdlets: ['Get-Service'] }, { parent: scope });
  new P.JeaModule('OpsModule', { name: 'Ops', version: '1.0.0', roleCapabilities: [role] }, { parent: scope });
  return new P.SessionConfiguration(
    'Ops',
    { runAs: { virtualAccount: true }, roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [role] }] },
    { parent: scope },
  );
}

describe('writeEndpointFiles', () => {
  it('refuses two endpoints that would write the same folder, before writing anything', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-dup-'));
    const file = (p: string) => ({ path: p, content: new Uint8Array([1]) });
    expect(() => writeTwo(out, file)).toThrow(
      "writeEndpointFiles: 'jea/OPS/a.ps1' is written twice (paths compare case-insensitively, as on Windows): two endpoints share a name",
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

function writeTwo(out: string, file: (p: string) => P.OutputFile): string[] {
  return P.writeEndpointFiles(out, [{ files: [file('jea/Ops/a.ps1')] }, { files: [file('jea/OPS/a.ps1')] }]);
}
