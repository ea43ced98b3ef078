import * as fs from 'fs';
import * as path from 'path';
import { DeclaredError, loadDeclared } from '../../src/drift/declared';
import { readPlacements } from '../../src/drift/placement';
import { tempDir } from './estate';

const VM = (name: string) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;

function stack(resources: object): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'stacks', 's'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'stacks', 's', 'cdk.tf.json'), JSON.stringify({ resource: resources }));
  return dir;
}

describe('reading the declaration', () => {
  it('places endpoints on the VMs their run commands target, skipping IDs known only at deploy time', () => {
    const dir = stack({
      azurerm_virtual_machine_run_command: {
        a: { name: 'jeajit-JEA-A', virtual_machine_id: VM('web-frontend-server-01') },
        b: { name: 'jeajit-JEA-B', virtual_machine_id: '${azurerm_windows_virtual_machine.x.id}' },
        c: { name: 'other-command', virtual_machine_id: VM('db01') },
      },
    });
    const placements = readPlacements(dir);
    expect([...placements.keys()].sort()).toEqual(['WEB-FRONTEND-SE', 'WEB-FRONTEND-SERVER-01']);
    expect(placements.get('WEB-FRONTEND-SE')).toEqual(new Set(['JEA-A']));
  });

  it('places endpoints on the VMs their Machine Configuration assignments target too', () => {
    const dir = stack({
      azurerm_virtual_machine_run_command: { a: { name: 'jeajit-JEA-A', virtual_machine_id: VM('dc01') } },
      azurerm_policy_virtual_machine_configuration_assignment: {
        b: { name: 'jeajit-JEA-B', virtual_machine_id: VM('dc01') },
        c: { name: 'jeajit-JEA-C', virtual_machine_id: VM('file01') },
      },
    });
    const placements = readPlacements(dir);
    expect(placements.get('DC01')).toEqual(new Set(['JEA-A', 'JEA-B']));
    expect(placements.get('FILE01')).toEqual(new Set(['JEA-C']));
  });

  it('keeps going with a warning when a JIT policy is known only at deploy time', () => {
    const dir = stack({
      azurerm_resource_group_template_deployment: {
        p: { name: 'jeajit-jit-default', parameters_content: '${jsonencode(local.x)}', resource_group_name: 'rg' },
      },
    });
    const declared = loadDeclared(dir);
    expect(declared.vmJit).toEqual([]);
    expect(declared.warnings).toEqual([expect.stringContaining("the JIT policy's VMs are known only at deploy time")]);
  });

  it('refuses a declaration whose files do not load, naming file, line and column', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'Broken.pssc'),
      "@{\n  SessionType = 'RestrictedRemoteServer'\n  RoleDefinitions = @{ 'CONTOSO\\Ops' = \n}",
    );
    expect(() => loadDeclared(dir)).toThrow(DeclaredError);
    expect(() => loadDeclared(dir)).toThrow(/Broken\.pssc:\d+:\d+: /);
    expect(() => loadDeclared(path.join(dir, 'nope'))).toThrow(/not a folder/);
  });
});
