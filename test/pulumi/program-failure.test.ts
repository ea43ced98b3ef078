import { spawnSync } from 'child_process';
import * as path from 'path';

/** Runs fixtures/endpoint-program.ts in its own Node process (Pulumi fails a program through an unhandled rejection). */
function run(mode: 'late-module' | 'no-module') {
  const root = path.join(__dirname, '..', '..');
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fixtures', 'endpoint-program.ts'), mode],
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
