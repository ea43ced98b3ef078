import * as fs from 'fs';
import { parse, render } from '../../src/psd1';
import { Issues } from '../../src/jea/issues';
import { decodeRoleCapability, encodeRoleCapability } from '../../src/jea/role-capability';
import { decodeSessionConfiguration, encodeSessionConfiguration } from '../../src/jea/session-configuration';
import { corpusFiles } from '../helpers/corpus';

/** Files PowerShell itself refuses or misreads, with the issue each must report. */
const INVALID: Record<string, string> = {
  'cnorling__Lessons__jea__botchedsessionconfiguration.pssc':
    'RoleDefinitions: expected a hashtable of principals and their role grants, found a script block',
  'cnorling__Lessons__jea__syntax.psrc':
    'VisibleCmdlets[0].Parameters[0]: expected a hashtable (a parameter constraint), found a string',
  'cnorling__Lessons__jea__jeamodule__rolecapabilities__jea_basic.psrc':
    "VisibleCmdlets[0].Parameters.validateset: PowerShell only applies this constraint when the key is spelled exactly 'ValidateSet'",
};

function importFile(kind: 'psrc' | 'pssc', bytes: Uint8Array, name: string): { model: unknown; issues: Issues } {
  const issues = new Issues(name);
  const value = parse(bytes, { file: name }).value;
  const model = kind === 'psrc' ? decodeRoleCapability(value, issues) : decodeSessionConfiguration(value, issues);
  return { model, issues };
}

describe('importing the corpus into the model', () => {
  it.each(
    corpusFiles()
      .filter((f) => !INVALID[f.name])
      .map((f) => [f.name, f.kind, f.file] as const),
  )('%s: model -> file -> model is the same model', (name, kind, file) => {
    const first = importFile(kind, fs.readFileSync(file), name);
    expect(first.issues.all).toEqual([]);
    const rendered = render(
      kind === 'psrc' ? encodeRoleCapability(first.model as never) : encodeSessionConfiguration(first.model as never),
    );
    const second = importFile(kind, rendered, `${name} (rendered)`);
    expect(second.issues.all).toEqual([]);
    expect(second.model).toEqual(first.model);
  });

  it.each(Object.entries(INVALID))('%s is invalid JEA, with a clear error', (name, message) => {
    const file = corpusFiles().find((f) => f.name === name)!;
    const { issues } = importFile(file.kind, fs.readFileSync(file.file), name);
    const lines = issues.all.map((i) => `${i.field}: ${i.reason}`);
    expect(lines.some((l) => l.startsWith(message))).toBe(true);
    expect(issues.all.every((i) => i.path === name)).toBe(true);
  });

  it('reads keys in any case into the canonical model', () => {
    const { model, issues } = importFile(
      'psrc',
      Buffer.from("@{ visiblecmdlets = 'Get-Service'; MODULESTOIMPORT = 'DnsServer' }"),
      'case.psrc',
    );
    expect(issues.any).toBe(false);
    expect(model).toEqual({ visibleCmdlets: ['Get-Service'], modulesToImport: ['DnsServer'] });
  });

  it('refuses a hashtable entry without Parameters, as PowerShell does', () => {
    const { issues } = importFile(
      'psrc',
      Buffer.from("@{ VisibleCmdlets = @{ Name = 'Get-Service' } }"),
      'noparams.psrc',
    );
    expect(issues.all.map((i) => `${i.field}: ${i.reason}`)).toContain(
      'VisibleCmdlets: a command rule needs Parameters',
    );
  });

  it('refuses unknown keys', () => {
    const { issues } = importFile(
      'pssc',
      Buffer.from("@{ SchemaVersion = '2.0.0.0'; SessionTyp = 'Empty' }"),
      'typo.pssc',
    );
    expect(issues.all[0].field).toBe('SessionTyp');
    expect(issues.all[0].reason).toMatch(
      /^unknown key in a session configuration file\. Did you mean 'SessionType'\? Allowed: SchemaVersion, GUID/,
    );
  });
});
