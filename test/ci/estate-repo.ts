/**
 * A user's IaC repository, as git commits, for the workflow tests: the workflows of examples/ci in
 * .github/workflows/, its scripts in .github/jeajit/scripts/, and an estate that `npm ci` and
 * `npm run synth` install and synthesize offline in well under a second: package.json depends on
 * `jeajit` and `cdktf` as `file:vendor/...` stand-in packages, whose `jeajit` bin and exports
 * (`jeajit`, `jeajit/cdktf`) are this repository's built CLI and constructs (dist/) and whose
 * `cdktf` is the one this repository installed; synth.js declares JEA endpoints with the real
 * constructs from estate.json (a pull request edits estate.json as it would edit TypeScript).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MAIN = path.resolve(__dirname, '../..');
const CI = path.join(MAIN, 'examples', 'ci');

/** One endpoint of the test estate: who may connect and which cmdlets their role shows. */
export interface EndpointSpec {
  readonly name: string;
  readonly principal: string;
  readonly cmdlets: readonly (string | { name: string; parameters: { name: string; validateSet?: string[] }[] })[];
}

/** The files of a commit: path → content, or null to delete it. */
export type Files = Record<string, string | null>;

export function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const SYNTH_JS = `// Synthesizes estate.json with the jeajit constructs (what a user's main.ts does).
const fs = require('fs');
const { App, TerraformStack, Aspects } = require('cdktf');
const { RoleCapability, JeaModule, SessionConfiguration, JeaChecks } = require('jeajit/cdktf');

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'estate');
for (const ep of JSON.parse(fs.readFileSync('estate.json', 'utf8')).endpoints) {
  const role = new RoleCapability(stack, ep.name + 'Role', { visibleCmdlets: ep.cmdlets });
  new JeaModule(stack, ep.name + 'Module', { name: ep.name.replace(/[^A-Za-z0-9]/g, '') + 'Jea', version: '1.0.0', roleCapabilities: [role] });
  new SessionConfiguration(stack, ep.name, {
    runAs: { virtualAccount: true, groups: ['CONTOSO\\\\JEA-VA'] },
    transcriptDirectory: 'C:\\\\ProgramData\\\\JEAConfiguration\\\\Transcripts',
    roleDefinitions: [{ principal: ep.principal, roleCapabilities: [role] }],
  });
}
Aspects.of(stack).add(new JeaChecks({}));
app.synth();
console.log('synthesized into cdktf.out/');
`;

/** The files of a repository that declares its estate with jeajit. */
export function jeajitFiles(endpoints: readonly EndpointSpec[]): Files {
  const dependencies = { cdktf: 'file:vendor/cdktf', jeajit: 'file:vendor/jeajit' };
  const dist = (file: string) => JSON.stringify(path.join(MAIN, 'dist', file));
  return {
    '.gitignore': 'node_modules/\ncdktf.out/\n',
    'package.json':
      JSON.stringify(
        { name: 'contoso-estate', private: true, scripts: { synth: 'node synth.js' }, dependencies },
        null,
        2,
      ) + '\n',
    'package-lock.json':
      JSON.stringify(
        {
          name: 'contoso-estate',
          lockfileVersion: 3,
          requires: true,
          packages: {
            '': { name: 'contoso-estate', dependencies },
            'node_modules/cdktf': { resolved: 'vendor/cdktf', link: true },
            'node_modules/jeajit': { resolved: 'vendor/jeajit', link: true },
            'vendor/cdktf': { version: '0.0.0-test' },
            'vendor/jeajit': { version: '0.0.0-test', bin: { jeajit: 'cli.js' } },
          },
        },
        null,
        2,
      ) + '\n',
    'vendor/cdktf/package.json':
      JSON.stringify({ name: 'cdktf', version: '0.0.0-test', main: 'index.js' }, null, 2) + '\n',
    'vendor/cdktf/index.js': `module.exports = require(require.resolve('cdktf', { paths: [${JSON.stringify(MAIN)}] }));\n`,
    'vendor/jeajit/package.json':
      JSON.stringify(
        {
          name: 'jeajit',
          version: '0.0.0-test',
          exports: { '.': './index.js', './cdktf': './cdktf.js' },
          bin: { jeajit: 'cli.js' },
        },
        null,
        2,
      ) + '\n',
    'vendor/jeajit/cli.js': `#!/usr/bin/env node\nrequire(${JSON.stringify(path.join(MAIN, 'bin', 'jeajit.js'))});\n`,
    'vendor/jeajit/index.js': `module.exports = require(${dist('index.js')});\n`,
    'vendor/jeajit/cdktf.js': `module.exports = require(${dist('constructs/cdktf/index.js')});\n`,
    'synth.js': SYNTH_JS,
    'estate.json': JSON.stringify({ endpoints }, null, 2) + '\n',
  };
}

/** The workflows and their scripts, where a user (or `jeajit init`) puts them. */
export function workflowFiles(): Files {
  const files: Files = {
    '.github/workflows/jeajit-review.yml': fs.readFileSync(path.join(CI, 'jeajit-review.yml'), 'utf8'),
    '.github/workflows/jeajit-review-comment.yml': fs.readFileSync(path.join(CI, 'jeajit-review-comment.yml'), 'utf8'),
  };
  // as `jeajit init` writes them: examples/ci/<x>.yml to .github/workflows/, the rest to .github/jeajit/
  for (const f of fs.readdirSync(path.join(CI, 'scripts')))
    files[`.github/jeajit/scripts/${f}`] = fs.readFileSync(path.join(CI, 'scripts', f), 'utf8');
  return files;
}

/** A git repository standing in for the repository on GitHub. */
export class EstateRepo {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(root, 'origin');
    fs.mkdirSync(this.dir, { recursive: true });
    git(this.dir, ['init', '-q', '-b', 'main']);
    // as GitHub: a commit can be fetched by its SHA
    git(this.dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  }

  /** Commits files on a branch (created from `from` when new) and returns the commit. */
  commit(branch: string, files: Files, message: string, from?: string): string {
    const branches = git(this.dir, ['branch', '--list', '--format=%(refname:short)']).split('\n').filter(Boolean);
    if (branches.length === 0) git(this.dir, ['checkout', '-q', '--orphan', branch]);
    else if (branches.includes(branch)) git(this.dir, ['checkout', '-q', branch]);
    else git(this.dir, ['checkout', '-q', '-b', branch, from ?? 'main']);
    for (const [file, content] of Object.entries(files)) {
      const p = path.join(this.dir, file);
      if (content === null) fs.rmSync(p, { force: true });
      else {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, content);
        if (file.endsWith('.sh') || file.endsWith('cli.js')) fs.chmodSync(p, 0o755);
      }
    }
    git(this.dir, ['add', '-A']);
    git(this.dir, ['commit', '-q', '--allow-empty', '-m', message]);
    return git(this.dir, ['rev-parse', 'HEAD']);
  }

  /** GitHub's refs/pull/N/head, for a pull request (from a fork the branch is not in this repository). */
  setPullRef(number: number, sha: string): void {
    git(this.dir, ['update-ref', `refs/pull/${number}/head`, sha]);
  }

  /** The commit a branch points at. */
  tip(branch: string): string {
    return git(this.dir, ['rev-parse', `refs/heads/${branch}`]);
  }

  /** A file as it is in a commit, written to `to` (GitHub reads a run's workflow file from its commit). */
  show(commit: string, file: string, to: string): string {
    fs.writeFileSync(to, git(this.dir, ['show', `${commit}:${file}`]) + '\n');
    return to;
  }

  deleteBranch(branch: string): void {
    git(this.dir, ['checkout', '-q', 'main']);
    git(this.dir, ['branch', '-q', '-D', branch]);
  }
}
