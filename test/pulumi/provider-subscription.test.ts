import { spawnSync } from 'child_process';
import * as path from 'path';

const PROVIDER = '22222222-2222-2222-2222-222222222222';
const OTHER = '33333333-3333-3333-3333-333333333333';

/** Runs fixtures/other-subscription-program.ts in its own Node process (Pulumi fails a program through an unhandled rejection). */
function run(mode: 'vm' | 'arc' | 'policy', subscription: string) {
  return spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, 'fixtures', 'other-subscription-program.ts'),
      mode,
      subscription,
    ],
    { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', timeout: 60000 },
  );
}

// azure-native addresses a VM by resource group and name in its provider's subscription: a VM of
// another subscription would be looked for in the wrong one, and a namesake there changed.
describe('native resources outside the provider subscription', () => {
  it.each<['vm' | 'arc' | 'policy', string]>([
    ['vm', `contoso/Deploy: virtualMachineIds[0] = '/subscriptions/${OTHER}/resourceGroups/`],
    ['arc', `contoso/OpsArc: arcMachineIds[0] = '/subscriptions/${OTHER}/resourceGroups/`],
    ['policy', `contoso/OpsEverywhere: policy.scope = '/subscriptions/${OTHER}'`],
  ])('fail the deployment (%s), naming the component, field and both subscriptions', (mode, where) => {
    const result = run(mode, OTHER);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(where);
    expect(result.stderr).toContain(
      `: in subscription ${OTHER}, but the azure-native provider of this component works in ${PROVIDER}: give it a provider for ${OTHER}`,
    );
  });

  it('deploy when the subscriptions agree', () => {
    for (const mode of ['vm', 'arc', 'policy'] as const) {
      const result = run(mode, PROVIDER);
      expect([mode, result.stderr, result.status]).toEqual([mode, '', 0]);
    }
  });
});
