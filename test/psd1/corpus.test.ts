import { parse, PsHashtable, render, renderText, valuesEqual } from '../../src/psd1';
import { corpusFile, corpusFiles } from '../helpers/corpus';
import * as fs from 'fs';

const files = corpusFiles();

describe('the real JEA files in ../shared/corpus', () => {
  it('holds the 57 files NOTES.md describes', () => {
    expect(files.filter((f) => f.kind === 'psrc')).toHaveLength(33);
    expect(files.filter((f) => f.kind === 'pssc')).toHaveLength(24);
  });

  it.each(files.map((f) => [f.name, f.file]))('%s parses and survives render then parse', (name, file) => {
    const doc = parse(fs.readFileSync(file), { file: name });
    expect(doc.value).toBeInstanceOf(PsHashtable);
    const again = parse(render(doc.value), { file: `${name} (rendered)` });
    expect(valuesEqual(again.value, doc.value)).toBe(true);
    // rendering is canonical: a second round gives the same bytes
    expect(renderText(again.value)).toBe(renderText(doc.value));
  });

  it('reads UTF-16LE files with BOM and plain ASCII files', () => {
    const encodings = files.map((f) => parse(fs.readFileSync(f.file)).encoding);
    expect(encodings.filter((e) => e === 'utf-16le')).toHaveLength(52);
    expect(encodings.filter((e) => e === 'utf-8')).toHaveLength(5);
  });

  it('reads the values PowerShell reads from the DnsAdmin sample', () => {
    const doc = parse(
      corpusFile('psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc'),
    );
    const table = doc.value as PsHashtable;
    expect(table.get('guid')).toBe('a5fe0fd8-6e21-4bf3-aee2-5bae2194d244');
    const cmdlets = table.get('VisibleCmdlets') as unknown[];
    expect(cmdlets[0]).toBe('DnsServer\\*');
    const restart = cmdlets[1] as PsHashtable;
    expect(restart.get('Name')).toBe('Restart-Service');
    expect((restart.get('Parameters') as PsHashtable).get('ValidateSet')).toBe('Dns');
    expect(doc.locate(['VisibleCmdlets', 1, 'Name'])).toEqual({
      value: { line: expect.any(Number), column: expect.any(Number) },
      key: expect.any(Object),
    });
  });

  it('reads the one-line FlawlessFaction RoleDefinitions with ; separators', () => {
    const doc = parse(corpusFile('pssc', 'FlawlessFaction__2019-Main-Challenge__JEAConfig.pssc'));
    const roles = (doc.value as PsHashtable).get('RoleDefinitions') as PsHashtable;
    expect(roles.keys()).toEqual(['Flawless\\IISAdmin', 'CONTOSO\\SqlManaged', 'CONTOSO\\ServerMonitors']);
    expect((roles.get('contoso\\servermonitors') as PsHashtable).get('VisibleCmdlets')).toEqual([
      'Stop-FfIis',
      'Start-FfIis',
    ]);
  });

  it('keeps the botched RoleDefinitions script block as exact text', () => {
    const doc = parse(corpusFile('pssc', 'cnorling__Lessons__jea__botchedsessionconfiguration.pssc'));
    const roles = (doc.value as PsHashtable).get('RoleDefinitions');
    expect(roles).toHaveProperty('text');
    expect(doc.text).toContain(`{${(roles as { text: string }).text}}`);
  });

  it('continues an array on the next line after a trailing comma (tmartillo)', () => {
    const name = 'tmartillo__PS__EricPowerShell__PSSessionConfigurationFiles__FindNewServerName.pssc';
    const doc = parse(corpusFile('pssc', name));
    const arrays = [...(doc.value as PsHashtable).entries()].filter(([, v]) => Array.isArray(v));
    expect(arrays.length).toBeGreaterThan(0);
  });
});
