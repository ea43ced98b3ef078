import { spawnSync } from 'child_process';
import * as path from 'path';

/** Runs a program of fixtures/ in its own Node process (Pulumi fails a program through an unhandled rejection). */
function run(mode: 'late-module' | 'no-module' | 'bad-vm-id' | 'lookup-fails') {
  const program = mode === 'late-module' || mode === 'no-module' ? 'endpoint-program.ts' : 'deploy-time-program.ts';
  const root = path.join(__dirname, '..', '..');
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fixtures', program), mode],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60000,
    },
  );
}

describe('an endpoint in a Pulumi program', () => {
  it('takes modules declared after it', () => {
    const result = run('late-module');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^bundle [0-9a-f]{64}$/m);
    expect(result.status).toBe(0);
  });

  it('fails the program with the cdktf message when no module carries its role', () => {
    const result = run('no-module');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "contoso/Ep: roleDefinitions = 'Ops': role capability contoso/Ops is not carried by any JeaModule",
    );
  });
});

describe('values known only at deploy time', () => {
  it('fail the deployment with the declaration-time message when a VM ID is not a VM', () => {
    const result = run('bad-vm-id');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "contoso/Deploy: virtualMachineIds[0] = 'vm1': not a VM resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>)",
    );
  });

  it('fail the deployment, naming the prop to give, when the role management policy cannot be looked up', () => {
    const result = run('lookup-fails');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'contoso/OnCall: roleManagementPolicyName = undefined: not given, and the lookup of the policy of role /subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7 at /subscriptions/0/resourceGroups/rg failed (no Azure token (sign in with az login)); give the policy',
    );
  });
});
