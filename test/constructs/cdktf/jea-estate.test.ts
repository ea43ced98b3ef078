import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { VirtualMachineRunCommand } from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { App, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaModule, JeaVmDeployment, RoleCapability, SessionConfiguration } from '../../../constructs/cdktf';
import { JeaEstate, VMS } from '../../../examples/estate';
import { Issues } from '../../../src/jea/issues';
import { decodeRoleCapability } from '../../../src/jea/role-capability';
import { decodeSessionConfiguration } from '../../../src/jea/session-configuration';
import { parse } from '../../../src/psd1';
import { filesUnder } from '../../helpers/files';
import { oracleError } from '../../helpers/oracle';

function synthEstate(): { outdir: string; stack: JeaEstate } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-estate-'));
  const app = new App({ outdir });
  const stack = new JeaEstate(app, 'contoso');
  app.synth();
  return { outdir, stack };
}

const endpoint = (stack: Construct, id: string) => stack.node.findChild(id) as SessionConfiguration;

describe('the example estate', () => {
  const first = synthEstate();
  const jea = filesUnder(path.join(first.outdir, 'stacks', 'contoso', 'jea'));

  it('writes every endpoint: modules, .pssc, register/unregister/install scripts and endpoint.json', () => {
    for (const name of ['JEA-DNS', 'JEA-Helpdesk', 'JEA-Maintenance', 'JEA-FileServer']) {
      for (const file of [
        `${name}.pssc`,
        `Register-${name}.ps1`,
        `Unregister-${name}.ps1`,
        `Install-${name}.ps1`,
        'endpoint.json',
      ]) {
        expect(jea.has(`${name}/${file}`)).toBe(true);
      }
    }
    expect(jea.has('JEA-Maintenance/ContosoJeaMaintenance/RoleCapabilities/MaintenanceLev2.psrc')).toBe(true);
    expect(jea.has('JEA-Helpdesk/ContosoJeaHelpdesk/ContosoJeaHelpdesk.psd1')).toBe(true);
  });

  it('writes PowerShell files as UTF-8 with BOM and CRLF only', () => {
    for (const [name, bytes] of jea) {
      if (name.endsWith('.json')) continue;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('re-parses every .psrc and .pssc to the model it came from', () => {
    for (const id of ['JEA-DNS', 'JEA-Helpdesk', 'JEA-Maintenance', 'JEA-FileServer']) {
      const ep = endpoint(first.stack, id);
      const issues = new Issues(id);
      expect(decodeSessionConfiguration(parse(jea.get(`${id}/${id}.pssc`)!).value, issues)).toEqual(ep.model);
      expect(issues.all).toEqual([]);
    }
    const lev2 = first.stack.node.findChild('MaintenanceLev2') as RoleCapability;
    const issues = new Issues('lev2');
    expect(
      decodeRoleCapability(
        parse(jea.get('JEA-Maintenance/ContosoJeaMaintenance/RoleCapabilities/MaintenanceLev2.psrc')!).value,
        issues,
      ),
    ).toEqual(lev2.model);
  });

  it('is byte-identical between two synths', () => {
    const again = synthEstate();
    const second = filesUnder(path.join(again.outdir, 'stacks', 'contoso', 'jea'));
    expect([...second.keys()]).toEqual([...jea.keys()]);
    for (const [name, bytes] of jea) expect(second.get(name)!.equals(bytes)).toBe(true);
    expect(fs.readFileSync(path.join(again.outdir, 'stacks', 'contoso', 'cdk.tf.json'))).toEqual(
      fs.readFileSync(path.join(first.outdir, 'stacks', 'contoso', 'cdk.tf.json')),
    );
  });

  it('records where each endpoint, role and JIT declaration was declared, outside every file a host gets', () => {
    const manifest = JSON.parse(jea.get('JEA-Maintenance/endpoint.json')!.toString('utf8'));
    expect(manifest.declared.endpoint).toEqual({
      construct: 'contoso/JEA-Maintenance',
      at: expect.stringMatching(/^examples\/estate\.ts:\d+$/),
      via: expect.arrayContaining([expect.stringMatching(/^examples\/contoso\.ts:\d+$/)]),
    });
    expect(Object.keys(manifest.declared.roles)).toEqual(['MaintenanceLev1', 'MaintenanceLev2']);
    expect(manifest.files.map((f: { path: string }) => f.path)).not.toContain('endpoint.json');
    const tf = JSON.parse(fs.readFileSync(path.join(first.outdir, 'stacks', 'contoso', 'cdk.tf.json'), 'utf8'));
    // the JIT policy's deployment (the estate's other one is a Machine Configuration assignment)
    const policy = Object.values(
      tf.resource.azurerm_resource_group_template_deployment as Record<
        string,
        { name: string; '//': { jeajit?: { declared: { construct: string } } } }
      >,
    ).find((d) => d.name.startsWith('jeajit-jit-'))!;
    expect(policy['//'].jeajit?.declared.construct).toBe('contoso/ManagementPortsJit');
  });

  it('writes an endpoint.json whose hashes are those of the files', () => {
    const manifest = JSON.parse(jea.get('JEA-Maintenance/endpoint.json')!.toString('utf8'));
    expect(manifest.roles).toEqual(['MaintenanceLev1', 'MaintenanceLev2']);
    expect(manifest.principals).toEqual(['CONTOSO\\JEA-Maintenance-L1', 'CONTOSO\\JEA-Maintenance-L2']);
    for (const f of manifest.files) {
      const bytes = jea.get(`JEA-Maintenance/${f.path}`)!;
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
  });

  it('carries every file in the install script, intact (ASCII script, base64 payload, SHA-256)', () => {
    const script = jea.get('JEA-DNS/Install-JEA-DNS.ps1')!.subarray(3).toString('utf8');
    expect(script).toMatch(/^[\x00-\x7f]*$/);
    const blocks = [
      ...script.matchAll(/Path = '([^']+)'\r\n\s+Sha256 = '([0-9a-f]{64})'\r\n\s+Base64 = '([A-Za-z0-9+/=]*)'/g),
    ];
    expect(blocks.length).toBe(6);
    for (const [, file, sha, b64] of blocks) {
      const bytes = Buffer.from(b64, 'base64');
      expect(bytes.equals(jea.get(`JEA-DNS/${file}`)!)).toBe(true);
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    }
  });

  it('writes scripts that tree-sitter-powershell parses without error', async () => {
    for (const [name, bytes] of jea) {
      if (name.endsWith('.ps1'))
        expect([name, await oracleError(bytes.subarray(3).toString('utf8'))]).toEqual([name, undefined]);
    }
  });

  it('derives the SDDL template from RoleDefinitions and RequiredGroups', () => {
    const manifest = JSON.parse(jea.get('JEA-Maintenance/endpoint.json')!.toString('utf8'));
    expect(manifest.acl.sddlTemplate).toBe(
      'O:NSG:BAD:P(XA;;GA;;;<<P2>>;(Member_of {SID(<<P0>>)} || Member_of {SID(<<P1>>)}))(XA;;GA;;;<<P3>>;(Member_of {SID(<<P0>>)} || Member_of {SID(<<P1>>)}))S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
    const fileServer = JSON.parse(jea.get('JEA-FileServer/endpoint.json')!.toString('utf8'));
    expect(fileServer.acl.sddlTemplate).toBe(
      'O:NSG:BAD:P(D;;GA;;;<<P1>>)(A;;GA;;;<<P0>>)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
  });
});

describe('JeaVmDeployment', () => {
  it('runs each endpoint install script on its VMs with the bundle hash', () => {
    const app = Testing.app();
    const stack = new JeaEstate(app, 'contoso');
    const synth = Testing.synth(stack);
    const dns = endpoint(stack, 'JEA-DNS').artifacts();
    expect(synth).toHaveResourceWithProperties(VirtualMachineRunCommand, {
      name: 'jeajit-JEA-DNS',
      location: 'westeurope',
      virtual_machine_id: VMS[0],
      parameter: [{ name: 'BundleSha256', value: dns.bundleSha256 }],
      source: { script: Buffer.from(dns.installScript.content.subarray(3)).toString('utf8') },
    });
    const commands = Object.values<{ name: string; virtual_machine_id: string }>(
      JSON.parse(synth).resource.azurerm_virtual_machine_run_command,
    );
    expect(commands.filter((c) => c.name === 'jeajit-JEA-Maintenance').map((c) => c.virtual_machine_id)).toEqual(VMS);
    expect(commands).toHaveLength(5);
  });

  function smallEstate(options: { blob?: boolean; limit?: number } = {}): TerraformStack {
    const stack = new TerraformStack(Testing.app(), 'small');
    const role = new RoleCapability(stack, 'Reader', { visibleCmdlets: ['Get-Service'] });
    new JeaModule(stack, 'Module', { name: 'ReaderModule', version: '1.0', roleCapabilities: [role] });
    const ep = new SessionConfiguration(stack, 'JEA-Read', {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: 'CONTOSO\\Readers', roleCapabilities: [role] }],
    });
    new JeaVmDeployment(stack, 'Deploy', {
      endpoint: ep,
      virtualMachineIds: [VMS[0]],
      location: 'westeurope',
      ...(options.blob
        ? {
            blob: {
              storageAccountName: 'stcontosojea',
              storageContainerName: 'jeajit',
              managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
            },
          }
        : {}),
      ...(options.limit ? { inlineScriptLimit: options.limit } : {}),
    });
    return stack;
  }

  it('uploads the install script to a blob and runs it by URI with the managed identity', () => {
    const stack = smallEstate({ blob: true });
    const synth = Testing.synth(stack);
    const hash = endpoint(stack, 'JEA-Read').artifacts().bundleSha256;
    expect(synth).toHaveResourceWithProperties(StorageBlob, {
      name: `jeajit/JEA-Read/${hash}/Install-JEA-Read.ps1`,
      storage_account_name: 'stcontosojea',
      storage_container_name: 'jeajit',
      type: 'Block',
      source: 'jea/JEA-Read/Install-JEA-Read.ps1',
    });
    expect(synth).toHaveResourceWithProperties(VirtualMachineRunCommand, {
      source: {
        script_uri: expect.stringMatching(/^\$\{azurerm_storage_blob\.[A-Za-z0-9_]+\.url\}$/),
        script_uri_managed_identity: { client_id: '11111111-2222-3333-4444-555555555555' },
      },
    });
  });

  it('refuses an install script over the inline limit without blob delivery', () => {
    expect(() => smallEstate({ limit: 1000 })).toThrow(
      /small\/Deploy: blob = undefined: the install script is \d+ bytes, more than inlineScriptLimit \(1000\); give blob delivery/,
    );
  });

  it('refuses VM IDs that are not VM resource IDs', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const role = new RoleCapability(stack, 'R', { visibleCmdlets: ['Get-Service'] });
    new JeaModule(stack, 'M', { name: 'M', version: '1.0', roleCapabilities: [role] });
    const ep = new SessionConfiguration(stack, 'E', {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: 'CONTOSO\\R', roleCapabilities: [role] }],
    });
    expect(
      () => new JeaVmDeployment(stack, 'D', { endpoint: ep, virtualMachineIds: ['vm01'], location: 'westeurope' }),
    ).toThrow("s/D: virtualMachineIds[0] = 'vm01': not a VM resource ID");
  });
});

describe('SessionConfiguration', () => {
  it('refuses a virtual account together with a gMSA', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(
      () =>
        new SessionConfiguration(stack, 'E', {
          runAs: { virtualAccount: true, groupManagedServiceAccount: 'CONTOSO\\gmsa' } as never,
          roleDefinitions: [{ principal: 'CONTOSO\\R', capabilities: { visibleCmdlets: ['Get-Service'] } }],
        }),
    ).toThrow(
      's/E: runAs = {"virtualAccount":true,"groupManagedServiceAccount":"CONTOSO\\\\gmsa"}: choose exactly one',
    );
  });

  it('fails synth, writing nothing, when a role is not carried by a module', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-bad-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 's');
    const role = new RoleCapability(stack, 'Orphan', { visibleCmdlets: ['Get-Service'] });
    new SessionConfiguration(stack, 'E', {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: 'CONTOSO\\R', roleCapabilities: [role] }],
    });
    expect(() => app.synth()).toThrow(/role capability s\/Orphan is not carried by any JeaModule/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 's', 'jea'))).toBe(false);
  });

  it('refuses a role carried by two modules of one endpoint', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const a = new RoleCapability(stack, 'A', { roleName: 'Ops', visibleCmdlets: ['Get-Service'] });
    const b = new RoleCapability(stack, 'B', { roleName: 'Ops', visibleCmdlets: ['Get-Process'] });
    new JeaModule(stack, 'M1', { name: 'M1', version: '1.0', roleCapabilities: [a] });
    new JeaModule(stack, 'M2', { name: 'M2', version: '1.0', roleCapabilities: [b] });
    const ep = new SessionConfiguration(stack, 'E', {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: 'CONTOSO\\R', roleCapabilities: [a, b] }],
    });
    expect(() => ep.artifacts()).toThrow("s/E: modules = 'Ops': role 'Ops' is carried by modules 'M1' and 'M2'");
  });

  it('refuses a built-in endpoint name', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(
      () =>
        new SessionConfiguration(stack, 'microsoft.powershell', {
          runAs: { virtualAccount: true },
          roleDefinitions: [],
        }),
    ).toThrow(
      "s/microsoft.powershell: name = 'microsoft.powershell': names starting with 'Microsoft.' or 'PowerShell.' belong to built-in endpoints",
    );
  });
});
