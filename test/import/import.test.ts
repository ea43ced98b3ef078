import { spawnSync } from 'child_process';
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { generateImport, ImportError } from '../../src/import/generate';
import { extractComments } from '../../src/psd1/comments';
import { Issues } from '../../src/jea/issues';
import { decodeRoleCapability } from '../../src/jea/role-capability';
import { decodeSessionConfiguration } from '../../src/jea/session-configuration';
import { parse } from '../../src/psd1';
import { corpusFiles } from '../helpers/corpus';

const REPO = path.resolve(__dirname, '../..');
const OUT = path.join(REPO, 'test', '.generated', 'import');

/** Files PowerShell refuses or misreads, and .pssc files that are not JEA endpoints: each refused clearly. */
const REFUSED: Record<string, RegExp> = {
  // refusals name the file, line and column of the field
  botchedsessionconfiguration: /not valid JEA:\n.*\.pssc:\d+:\d+: RoleDefinitions/,
  '__syntax.psrc': /not valid JEA:\n.*\.psrc:\d+:\d+: .*Parameters\[0\]/,
  jea_basic: /not valid JEA:\n.*\.psrc:\d+:\d+: .*spelled exactly 'ValidateSet'/,
  JEA_SessionConfigurationFile: /no RoleDefinitions: not a JEA endpoint/,
  FindNewServerName: /no RoleDefinitions: not a JEA endpoint/,
  fullsessionconfiguration: /no RoleDefinitions: not a JEA endpoint/,
  cnorling__Lessons__jea__sessionconfiguration: /no RoleDefinitions: not a JEA endpoint/,
  DbAdmin: /jeajit cannot declare it as it is:\n.*\.psrc:\d+:\d+: .*'\/' does not separate a module from a command/,
  // a template placeholder, '%JEAIdentity%', stands where a principal goes
  'JEA_DMJEAModule__1.0.0__sessionconfiguration':
    /jeajit cannot declare it as it is:\n.*RoleDefinitions\['%JEAIdentity%'\].*an account name must be qualified/,
};

/** A short file name for the role or endpoint (the corpus names flatten whole repository paths). */
function shortName(saved: string): string {
  return saved
    .replace(/\.(psrc|pssc)$/, '')
    .split('__')
    .pop()!
    .replace(/[^A-Za-z0-9_.-]/g, '')
    .replace(/^[^A-Za-z]+/, '');
}

interface Case {
  readonly saved: string;
  readonly kind: 'psrc' | 'pssc';
  readonly dir: string;
  readonly name: string;
  readonly error?: string;
}

fs.rmSync(OUT, { recursive: true, force: true });
const cases: Case[] = corpusFiles().map((f, i) => {
  const dir = path.join(OUT, `c${i}`);
  const name = shortName(f.name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.${f.kind}`);
  fs.copyFileSync(f.file, file);
  try {
    fs.writeFileSync(
      path.join(dir, 'stack.ts'),
      generateImport([file], { from: path.join(REPO, 'constructs', 'cdktf') }),
    );
    return { saved: f.name, kind: f.kind, dir, name };
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { saved: f.name, kind: f.kind, dir, name, error: e.message };
  }
});
const imported = cases.filter((c) => !c.error);

function model(kind: 'psrc' | 'pssc', bytes: Uint8Array): unknown {
  const issues = new Issues('x');
  const value = parse(bytes).value;
  const m = kind === 'psrc' ? decodeRoleCapability(value, issues) : decodeSessionConfiguration(value, issues);
  expect(issues.all).toEqual([]);
  return m;
}

/** Session configurations compare with PowerShell's defaults filled in, and without SchemaVersion. */
function semantic(kind: 'psrc' | 'pssc', m: unknown): unknown {
  if (kind === 'psrc') return m;
  const { schemaVersion: _s, runAsVirtualAccount, sessionType, ...rest } = m as Record<string, unknown>;
  void _s;
  return { ...rest, sessionType: sessionType ?? 'Default', ...(runAsVirtualAccount ? { runAsVirtualAccount } : {}) };
}

describe('jeajit import over the corpus', () => {
  it('imports every valid file and refuses the others clearly', () => {
    const refused = cases.filter((c) => c.error);
    for (const c of refused) {
      const key = Object.keys(REFUSED).find((k) => c.saved.includes(k));
      expect([c.saved, key && REFUSED[key].test(c.error!)]).toEqual([c.saved, true]);
    }
    for (const key of Object.keys(REFUSED))
      expect([key, refused.some((c) => c.saved.includes(key))]).toEqual([key, true]);
    expect(imported.length).toBe(57 - refused.length);
  });

  it('generates code that compiles', () => {
    const tsconfig = path.join(OUT, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(REPO, 'tsconfig.json'),
        compilerOptions: { noEmit: true, rootDir: REPO, types: ['node'] },
        include: [],
        files: imported.map((c) => path.join(c.dir, 'stack.ts')),
      }),
    );
    const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(imported.map((c) => [c.saved, c] as const))(
    '%s: synthesizing the generated code gives a semantically equal file',
    (_, c) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ImportedJea } = require(path.join(c.dir, 'stack.ts'));
      const outdir = path.join(c.dir, 'out');
      const app = new App({ outdir });
      new ImportedJea(app, 'imported');
      app.synth();
      const original = semantic(c.kind, model(c.kind, fs.readFileSync(path.join(c.dir, `${c.name}.${c.kind}`))));
      const stackDir = path.join(outdir, 'stacks', 'imported');
      const synthesized =
        c.kind === 'psrc'
          ? path.join(
              stackDir,
              'modules',
              fs
                .readdirSync(path.join(stackDir, 'modules'), { recursive: true, encoding: 'utf8' })
                .find((f) => f.endsWith(`${c.name}.psrc`))!,
            )
          : path.join(stackDir, 'jea', c.name, `${c.name}.pssc`);
      const bytes = fs.readFileSync(synthesized);
      expect(semantic(c.kind, model(c.kind, bytes))).toEqual(original);
    },
  );
});

describe('import details', () => {
  it('keeps the GUID and turns deferrable problems into policy exceptions with a reason', () => {
    const cljea = cases.find((c) => c.saved.endsWith('CLJEA.psrc'))!;
    const code = fs.readFileSync(path.join(cljea.dir, 'stack.ts'), 'utf8');
    expect(code).toContain('guid: "');
    const hyperv = imported.find((c) =>
      fs.readFileSync(path.join(c.dir, 'stack.ts'), 'utf8').includes('policyExceptions'),
    );
    expect(fs.readFileSync(path.join(hyperv!.dir, 'stack.ts'), 'utf8')).toMatch(
      /ruleId: "JEA00[368]",\n\s+reason: "imported as it is from /,
    );
  });

  it('lists the comments it cannot keep', () => {
    const text =
      "@{\r\n# the DNS role\r\nVisibleCmdlets = 'Get-Service' # trailing\r\n<# block\r\n comment #>\r\nDescription = 'not # a comment'\r\n}";
    expect(extractComments(text)).toEqual([
      { line: 2, text: 'the DNS role' },
      { line: 3, text: 'trailing' },
      { line: 4, text: 'block' },
      { line: 5, text: 'comment' },
    ]);
  });
});
