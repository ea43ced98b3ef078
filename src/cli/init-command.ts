import { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { initFiles } from '../init/templates';
import { packageRoot, packageVersion } from '../package-info';
import { CliError } from './io';

/** The folder of the review workflow in this package, and where its files go in a new repository. */
const WORKFLOW_SOURCE = path.join('examples', 'ci');

/** The review workflow's files: the workflow into .github/workflows, its scripts beside it. */
function workflowFiles(): { path: string; content: string }[] {
  const root = path.join(packageRoot(), WORKFLOW_SOURCE);
  if (!fs.existsSync(root)) return [];
  const out: { path: string; content: string }[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const from = path.join(dir, e.name);
      if (e.isDirectory()) walk(from, path.posix.join(rel, e.name));
      else if (/\.ya?ml$/.test(e.name) && rel === '')
        out.push({ path: path.posix.join('.github', 'workflows', e.name), content: fs.readFileSync(from, 'utf8') });
      else if (e.name !== 'README.md')
        out.push({ path: path.posix.join('.github', 'jeajit', rel, e.name), content: fs.readFileSync(from, 'utf8') });
    }
  };
  walk(root, '');
  return out;
}

/**
 * The versions a new repository depends on: exactly those this package is built and tested with
 * (its devDependencies), so that a new repository installs what CI ran, on Node 20 as on 24
 * (newer @pulumi/pulumi needs Node 22: upgrade when you are on it).
 */
function versions(): Record<string, string> {
  const own = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  return { ...own.devDependencies };
}

/** Adds `jeajit init [--engine cdktf|pulumi] [DIR]`. */
export function addInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'write a new IaC repository: package.json, tsconfig, the engine config, a main program with one role, one endpoint and one JIT policy, the review workflow and a README',
    )
    .argument('[dir]', 'the folder to create or fill (must be empty)', '.')
    .option('--engine <engine>', 'cdktf or pulumi', 'cdktf')
    .option('--jeajit <spec>', 'the jeajit dependency to write (a version range, or a tarball path)')
    .action((dir: string, opts: { engine: string; jeajit?: string }) => {
      if (opts.engine !== 'cdktf' && opts.engine !== 'pulumi')
        throw new CliError(`--engine must be cdktf or pulumi (got '${opts.engine}')`, 2);
      const target = path.resolve(dir);
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new CliError(`${dir}: not a folder`);
      const present = fs.existsSync(target) ? fs.readdirSync(target).filter((f) => f !== '.git') : [];
      if (present.length)
        throw new CliError(
          `${dir}: not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}); jeajit init writes only into an empty folder`,
        );
      const name =
        path
          .basename(target)
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'jea-estate';
      const files = [
        ...initFiles({
          name,
          engine: opts.engine,
          jeajit: opts.jeajit ?? `^${packageVersion()}`,
          versions: versions(),
        }),
        ...workflowFiles(),
      ];
      for (const f of files) {
        const to = path.join(target, ...f.path.split('/'));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, f.content, f.path.endsWith('.sh') ? { mode: 0o755 } : {});
      }
      process.stdout.write(
        `jeajit: wrote a ${opts.engine} repository to ${dir} (${files.length} files). Next: cd ${dir} && npm install && npm run synth && npm run lint\n`,
      );
    });
}
