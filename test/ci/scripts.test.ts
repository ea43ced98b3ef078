/**
 * The scripts' edges that the end-to-end runs do not reach: what synth-side.sh makes of a checkout
 * it cannot synthesize, where it looks for the synth output, and lint.sh with a jeajit that has no
 * --omit-suppressed (an older version a user's lock file may pin).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCommandFile } from './runner';

const SCRIPTS = path.resolve(__dirname, '../../examples/ci/scripts');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): { root: string; review: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-scripts-'));
  dirs.push(root);
  for (const [f, c] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), c, { mode: 0o755 });
  }
  return { root, review: path.join(root, 'review') };
}

function run(script: string, args: string[], cwd: string, review: string) {
  const output = path.join(review, '..', 'output');
  fs.writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REVIEW_DIR: review,
    GITHUB_OUTPUT: output,
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('bash', [path.join(SCRIPTS, script), ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr, outputs: parseCommandFile(fs.readFileSync(output, 'utf8')) };
}

const read = (review: string, file: string) => fs.readFileSync(path.join(review, file), 'utf8').trim();

describe('synth-side.sh', () => {
  it('counts a base without package.json, jeajit or a synth script as empty, and a head like that as failed', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'README.md': '' }, 'no package.json'],
      [{ 'package.json': '{ "scripts": { "synth": "x" } }' }, 'package.json has no jeajit dependency'],
      [{ 'package.json': '{ "devDependencies": { "jeajit": "^1" } }' }, 'package.json has no "synth" script'],
      [{ 'package.json': '{ not json' }, 'package.json is not readable: '],
    ];
    for (const [files, reason] of cases) {
      const { root, review } = workspace(files);
      expect(run('synth-side.sh', ['base', '.'], root, review).status).toBe(0);
      expect([read(review, 'base/status'), read(review, 'base/reason')]).toEqual([
        'empty',
        expect.stringContaining(reason),
      ]);
      expect(run('synth-side.sh', ['head', '.'], root, review).status).toBe(0);
      expect([read(review, 'head/status'), read(review, 'head/reason')]).toEqual([
        'failed',
        expect.stringContaining(reason),
      ]);
    }
  });

  it('takes the synth output folder from cdktf.json, and refuses one outside the repository', () => {
    const dependencies = { jeajit: 'file:vendor/jeajit' };
    const pkg = (synth: string) => JSON.stringify({ name: 'x', dependencies, scripts: { synth } });
    const lock = JSON.stringify({
      name: 'x',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'x', dependencies },
        'node_modules/jeajit': { resolved: 'vendor/jeajit', link: true },
        'vendor/jeajit': { version: '0.0.0' },
      },
    });
    const project = (synth: string) => ({
      'package.json': pkg(synth),
      'package-lock.json': lock,
      'vendor/jeajit/package.json': '{ "name": "jeajit", "version": "0.0.0" }',
    });
    const ok = workspace({
      ...project('mkdir -p out/stacks && echo synthesized'),
      'cdktf.json': '{ "output": "out" }',
      'out/stale.txt': 'from an earlier synth',
    });
    expect(run('synth-side.sh', ['head', '.'], ok.root, ok.review).status).toBe(0);
    expect(read(ok.review, 'head/status')).toBe('ok');
    expect(read(ok.review, 'head/out')).toBe(path.join(ok.root, 'out'));
    expect(fs.existsSync(path.join(ok.root, 'out', 'stale.txt'))).toBe(false);
    expect(read(ok.review, 'head/synth.log')).toContain('synthesized');

    const outside = workspace({ ...project('true'), 'cdktf.json': '{ "output": "../elsewhere" }' });
    run('synth-side.sh', ['head', '.'], outside.root, outside.review);
    expect(read(outside.review, 'head/reason')).toBe(
      "the synth output folder '../elsewhere' is not a folder inside the repository",
    );

    const noOutput = workspace(project('true'));
    run('synth-side.sh', ['base', '.'], noOutput.root, noOutput.review);
    expect([read(noOutput.review, 'base/status'), read(noOutput.review, 'base/reason')]).toEqual([
      'empty',
      'npm run synth wrote no cdktf.out folder',
    ]);
  });
});

describe('lint.sh', () => {
  /** A `jeajit` that knows no --omit-suppressed, and exits 1 (an unsuppressed error) after writing its SARIF. */
  const OLD_JEAJIT = `#!/usr/bin/env bash
for a in "$@"; do [ "$a" = --omit-suppressed ] && { echo "error: unknown option '--omit-suppressed'" >&2; exit 1; }; done
echo "$*" > args.txt
echo '{ "version": "2.1.0", "runs": [ { "results": [ {}, {} ] } ] }'
exit 1
`;

  it('falls back to a jeajit without --omit-suppressed, and keeps the SARIF of a lint that found errors', () => {
    const { root, review } = workspace({
      'package.json': '{}',
      'node_modules/.bin/jeajit': OLD_JEAJIT,
      'cdktf.out/manifest.json': '{}',
    });
    fs.mkdirSync(path.join(review, 'head'), { recursive: true });
    fs.writeFileSync(path.join(review, 'head', 'status'), 'ok\n');
    fs.writeFileSync(path.join(review, 'head', 'out'), path.join(root, 'cdktf.out') + '\n');
    const r = run('lint.sh', [root], root, review);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'args.txt'), 'utf8').trim()).toBe('lint cdktf.out --format sarif');
    expect(r.outputs).toEqual({ sarif: path.join(review, 'jeajit.sarif') });
    expect(r.out).toContain('(2 results)');
  });

  it('fails, with the reason and no SARIF, when the head did not synthesize', () => {
    const { root, review } = workspace({ 'package.json': '{}' });
    fs.mkdirSync(path.join(review, 'head'), { recursive: true });
    fs.writeFileSync(path.join(review, 'head', 'status'), 'failed\n');
    fs.writeFileSync(path.join(review, 'head', 'reason'), 'npm run synth failed (exit 1)\n');
    const r = run('lint.sh', [root], root, review);
    expect(r.status).toBe(1);
    expect(r.out).toContain('::error::no SARIF: the head did not synthesize (npm run synth failed (exit 1))');
    expect(r.outputs).toEqual({});
    expect(fs.existsSync(path.join(review, 'jeajit.sarif'))).toBe(false);
  });
});
