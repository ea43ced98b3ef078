/**
 * The package as another repository gets it (scripts/smoke/pack-install.js): npm pack, then for
 * cdktf and for Pulumi, `jeajit init`, an install of the tarball with only that engine's packages
 * (no engine warnings), tsc, synth, lint and a gated review of the output against itself. CI runs
 * the same script on Node 22 and 24 as well (.ci/run).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'smoke', 'pack-install.js');

describe('the packed package in a new repository', () => {
  it('installs, type-checks, synthesizes, lints and reviews, for cdktf and for Pulumi', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const said = `${r.stdout}${r.stderr}`;
    expect({ status: r.status, said }).toEqual({ status: 0, said: expect.stringContaining('smoke: all green') });
    for (const engine of ['cdktf', 'pulumi']) {
      for (const step of [
        'jeajit init',
        'npm install',
        'tsc --noEmit',
        'npm run synth',
        'jeajit lint',
        'jeajit diff against itself, gated',
      ])
        expect(said).toContain(`smoke: ${engine}: ${step}`);
    }
  }, 600000);
});
