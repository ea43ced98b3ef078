#!/usr/bin/env node
// The package as another repository gets it: packs jeajit, then for each engine runs
// `jeajit init`, installs the tarball with only that engine's packages, type-checks, synthesizes,
// lints and reviews the result against itself. Usage:
//   node scripts/smoke/pack-install.js [--node DIR_OF_NODE_BINARY] [--engines cdktf,pulumi] [--keep]
// With --node, every step runs on that Node (its folder first on PATH). Prints one line a step
// with its time, and exits non-zero on the first failure (with the step's output).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repo = path.resolve(__dirname, '..', '..');
const nodeDir = opt('--node');
const engines = (opt('--engines') ?? 'cdktf,pulumi').split(',');
const env = {
  ...process.env,
  PATH: nodeDir ? `${nodeDir}${path.delimiter}${process.env.PATH}` : process.env.PATH,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-smoke-'));

/** Runs one step, timed; on failure prints its output and exits. */
function step(label, cmd, argv, cwd) {
  const start = Date.now();
  try {
    const result = require('child_process').spawnSync(cmd, argv, {
      cwd,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw Object.assign(new Error(label), result);
    const out = result.stdout;
    // an install that warns about the engines is a failure: the supported range must be true
    if (/EBADENGINE/.test(result.stderr)) {
      process.stdout.write(`smoke: FAILED ${label}: engine warnings\n${result.stderr}\n`);
      process.exit(1);
    }
    process.stdout.write(`smoke: ${label} (${((Date.now() - start) / 1000).toFixed(1)} s)\n`);
    return out;
  } catch (e) {
    process.stdout.write(`smoke: FAILED ${label} (exit ${e.status})\n${e.stdout ?? ''}${e.stderr ?? ''}\n`);
    process.exit(1);
  }
}

const version = step('node version', 'node', ['--version'], repo).trim();
process.stdout.write(`smoke: on Node ${version}, in ${work}\n`);
const packed = JSON.parse(step('npm pack', 'npm', ['pack', '--json', '--pack-destination', work], repo));
const tarball = path.join(work, packed[0].filename);
const outDir = { cdktf: 'cdktf.out', pulumi: 'jea-out' };
const engineNeeds = {
  cdktf: ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-azuread'],
  pulumi: ['@pulumi/pulumi', '@pulumi/azure-native', '@pulumi/azuread'],
};
for (const engine of engines) {
  const dir = path.join(work, engine);
  step(
    `${engine}: jeajit init`,
    'node',
    [path.join(repo, 'bin', 'jeajit.js'), 'init', '--engine', engine, '--jeajit', `file:${tarball}`, dir],
    repo,
  );
  step(
    `${engine}: npm install (the tarball and the ${engine} packages only)`,
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund'],
    dir,
  );
  // the engine's packages, the provider SDKs included (Pulumi finds its plugins through them)
  for (const needed of engineNeeds[engine]) {
    if (!fs.existsSync(path.join(dir, 'node_modules', ...needed.split('/')))) {
      process.stdout.write(`smoke: FAILED ${engine}: the project did not get ${needed}\n`);
      process.exit(1);
    }
  }
  // the engines are optional peers: a project gets only the one it uses
  const other = engine === 'cdktf' ? '@pulumi/pulumi' : 'cdktf';
  if (fs.existsSync(path.join(dir, 'node_modules', ...other.split('/')))) {
    process.stdout.write(`smoke: FAILED ${engine}: the project got ${other}, which it does not use\n`);
    process.exit(1);
  }
  step(`${engine}: tsc --noEmit`, 'npx', ['--no-install', 'tsc', '--noEmit', '-p', '.'], dir);
  step(`${engine}: npm run synth`, 'npm', ['run', 'synth'], dir);
  step(`${engine}: jeajit lint`, 'npx', ['--no-install', 'jeajit', 'lint', outDir[engine]], dir);
  step(
    `${engine}: jeajit diff against itself, gated`,
    'npx',
    ['--no-install', 'jeajit', 'diff', outDir[engine], outDir[engine], '--fail-on', 'new-access,dangerous,error'],
    dir,
  );
}
if (!args.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
process.stdout.write('smoke: all green\n');
