import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jeajit } from '../helpers/cli';

/** Every file under a folder, relative, sorted. */
function files(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)]))
    .sort();
}

describe('jeajit init', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-init-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a cdktf repository: package.json with jeajit and the cdktf packages, a main program, the workflow', () => {
    const dir = path.join(root, 'My JEA');
    const r = jeajit(['init', dir]);
    expect(r.status).toBe(0);
    const written = files(dir);
    expect(written).toEqual(
      expect.arrayContaining(['.gitignore', 'README.md', 'cdktf.json', 'main.ts', 'package.json', 'tsconfig.json']),
    );
    expect(written.some((f) => f.startsWith('.github/workflows/') && f.endsWith('.yml'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-jea');
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@cdktf/provider-azuread',
      '@cdktf/provider-azurerm',
      'cdktf',
      'constructs',
      'jeajit',
    ]);
    expect(pkg.scripts.synth).toBe('ts-node --transpile-only main.ts');
    const main = fs.readFileSync(path.join(dir, 'main.ts'), 'utf8');
    expect(main).toContain("from 'jeajit/cdktf'");
    for (const construct of [
      'RoleCapability',
      'JeaModule',
      'SessionConfiguration',
      'VmJitAccessPolicy',
      'JeaChecks',
      'AzurermProvider',
      'AzureadProvider',
    ])
      expect(main).toContain(`new ${construct}(`);
  });

  it('writes a Pulumi repository with an offline synth under mocks, and no cdktf', () => {
    const dir = path.join(root, 'pulumi');
    expect(jeajit(['init', '--engine', 'pulumi', dir]).status).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@pulumi/azure-native',
      '@pulumi/azuread',
      '@pulumi/pulumi',
      'jeajit',
    ]);
    // exactly the versions this package is tested with
    const own = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.dependencies['@pulumi/azure-native']).toBe(own.devDependencies['@pulumi/azure-native']);
    expect(pkg.dependencies['@pulumi/azure-native']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.readFileSync(path.join(dir, 'synth.ts'), 'utf8')).toContain('pulumi.runtime.setMocks');
    expect(fs.readFileSync(path.join(dir, 'Pulumi.yaml'), 'utf8')).toContain('main: index.ts');
  });

  it('refuses a folder that is not empty, and an unknown engine', () => {
    const dir = path.join(root, 'busy');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.ts'), '// mine');
    const busy = jeajit(['init', dir]);
    expect([busy.status, busy.stderr.toString()]).toEqual([
      1,
      `${dir}: not empty (main.ts); jeajit init writes only into an empty folder\n`,
    ]);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe('// mine');
    const bad = jeajit(['init', '--engine', 'terraform', path.join(root, 'x')]);
    expect([bad.status, bad.stderr.toString()]).toEqual([2, "--engine must be cdktf or pulumi (got 'terraform')\n"]);
  });
});
