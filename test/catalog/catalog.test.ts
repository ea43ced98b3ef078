/**
 * The command catalog (src/catalog/commands.json): facts a broken regeneration would lose, the
 * lookup API, the platyPS reader on a page of our own, and (with a pwsh of the catalog's version)
 * that the pwsh-derived part still is what pwsh says.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  allCommands,
  catalogSources,
  CatalogCommand,
  findCommands,
  findParameter,
  matchCommands,
} from '../../src/catalog/catalog';
import { compareEntries } from '../../scripts/catalog/merge';
import { ALL_SETS } from '../../scripts/catalog/model';
import { parsePlatyPs, PlatyPsPage } from '../../scripts/catalog/platyps';
import { readPwsh } from '../../scripts/catalog/pwsh-source';
import { serializeCatalog } from '../../scripts/catalog/serialize';
import { normalizeTypeName } from '../../scripts/catalog/type-name';
import { describeEngine, enginePwsh } from '../engine/pwsh';

const FILE = path.resolve(__dirname, '../../src/catalog/commands.json');

/** The one command of that `Module\Name` (or name), failing when there is not exactly one. */
function one(name: string): CatalogCommand {
  const found = findCommands(name);
  expect(found.map((c) => `${c.module}\\${c.name}`)).toHaveLength(1);
  return found[0];
}

function parameter(command: string, name: string) {
  const p = one(command).parameters.find((x) => x.name === name);
  if (!p) throw new Error(`${command} has no -${name}`);
  return p;
}

describe('catalog facts', () => {
  it('Invoke-Command runs a ScriptBlock, remotely by -ComputerName or -Session', () => {
    expect(parameter('Microsoft.PowerShell.Core\\Invoke-Command', 'ScriptBlock').type).toBe('ScriptBlock');
    expect(parameter('Invoke-Command', 'ComputerName').type).toBe('String[]');
    expect(parameter('Invoke-Command', 'Session').type).toBe('PSSession[]');
    expect(one('Invoke-Command').sources).toEqual(['pwsh', 'PowerShell-Docs']);
  });

  it('Stop-Process has the sets Id, Name and InputObject, Id the default', () => {
    const c = one('Stop-Process');
    expect([...c.sets].sort()).toEqual(['Id', 'InputObject', 'Name']);
    expect(c.defaultSet).toBe('Id');
    expect(c).toMatchObject({
      module: 'Microsoft.PowerShell.Management',
      verb: 'Stop',
      noun: 'Process',
      kind: 'Cmdlet',
    });
    expect(parameter('Stop-Process', 'Id')).toMatchObject({
      type: 'Int32[]',
      sets: ['Id'],
      position: 0,
      mandatory: true,
    });
  });

  it('Start-Process -FilePath is a String', () => {
    expect(parameter('Start-Process', 'FilePath').type).toBe('String');
  });

  it('has the Windows Server modules: ActiveDirectory, Defender, ScheduledTasks, DnsServer', () => {
    expect(parameter('ActiveDirectory\\Add-ADGroupMember', 'Members').mandatory).toBe(true);
    expect(parameter('Set-MpPreference', 'DisableRealtimeMonitoring').type).toBe('Boolean');
    expect(parameter('ScheduledTasks\\New-ScheduledTaskAction', 'Execute').type).toBe('String');
    expect(parameter('DnsServer\\Get-DnsServerZone', 'CimSession').type).toBe('CimSession[]');
    expect(parameter('DnsServer\\Get-DnsServerZone', 'ComputerName').type).toBe('String');
    expect(one('Get-DnsServerZone').kind).toBe('Function');
  });

  it('marks what only one version has: Get-Service -ComputerName is 5.1 only', () => {
    expect(parameter('Get-Service', 'ComputerName').only).toBe('5.1');
    expect(parameter('Get-Service', 'Name').only).toBeUndefined();
    expect(parameter('Get-Content', 'AsByteStream').only).toBe('7');
    expect(parameter('Get-Content', 'Encoding')).toMatchObject({
      type: 'FileSystemCmdletProviderEncoding',
      type7: 'Encoding',
    });
    expect(one('Format-Hex')).toMatchObject({ kind: 'Function', kind7: 'Cmdlet' });
  });

  it('knows the Windows-only parameters of PowerShell 7 a pwsh on Linux lacks, from the 7.6 reference', () => {
    expect(parameter('Get-Content', 'Stream').only).toBeUndefined();
    expect(parameter('Restart-Computer', 'ComputerName').only).toBeUndefined();
    expect(one('Restart-Computer').sources).toEqual(['pwsh', 'PowerShell-Docs-7.6', 'PowerShell-Docs']);
  });

  it('keeps commands only 5.1 has, and Windows-only PowerShell 7 commands a Linux pwsh lacks', () => {
    expect(one('Invoke-WmiMethod').sources).toEqual(['PowerShell-Docs']);
    expect(one('Set-WmiInstance').parameters.some((p) => p.name === 'ComputerName')).toBe(true);
    expect(one('Get-CimInstance').sources).toEqual(['PowerShell-Docs-7.6', 'PowerShell-Docs']);
    expect(one('Start-ThreadJob').sources).toEqual(['pwsh']);
  });

  it('leaves out common parameters, WhatIf and Confirm', () => {
    const names = allCommands().flatMap((c) => c.parameters.map((p) => p.name.toLowerCase()));
    for (const common of ['verbose', 'erroraction', 'outvariable', 'progressaction', 'whatif', 'confirm'])
      expect(names).not.toContain(common);
  });
});

describe('lookups', () => {
  it('finds commands case-insensitively, with or without the module', () => {
    expect(findCommands('stop-process')).toEqual(findCommands('Stop-Process'));
    expect(findCommands('MICROSOFT.POWERSHELL.MANAGEMENT\\STOP-PROCESS')).toEqual(findCommands('Stop-Process'));
    expect(findCommands('DnsServer\\Stop-Process')).toEqual([]);
    expect(findCommands('No-SuchCommand')).toEqual([]);
  });

  it('gives every command of a name several modules share', () => {
    expect(
      findCommands('Get-WindowsFeature')
        .map((c) => c.module)
        .sort(),
    ).toEqual(['Microsoft.Windows.ServerManager.Migration', 'ServerManager']);
  });

  it('matches JEA wildcard names', () => {
    const dns = matchCommands('DnsServer\\Get-*');
    expect(dns.length).toBeGreaterThan(20);
    expect(dns.every((c) => c.module === 'DnsServer' && c.verb === 'Get')).toBe(true);
    expect(matchCommands('dnsserver\\*').length).toBeGreaterThan(dns.length);
    expect(matchCommands('Get-*').every((c) => /^get-/i.test(c.name))).toBe(true);
    expect(matchCommands('Dns*\\Get-DnsServerZone').map((c) => c.name)).toEqual(['Get-DnsServerZone']);
    expect(matchCommands('Stop-Process')).toEqual(findCommands('Stop-Process'));
  });

  it('binds a parameter as PowerShell does: name, alias, unambiguous prefix', () => {
    const invoke = one('Invoke-Command');
    expect(findParameter(invoke, '-ComputerName')?.name).toBe('ComputerName');
    expect(findParameter(invoke, 'computername')?.name).toBe('ComputerName');
    expect(findParameter(invoke, 'Cn')?.name).toBe('ComputerName');
    expect(findParameter(invoke, 'Comp')?.name).toBe('ComputerName');
    expect(findParameter(invoke, 'Command')?.name).toBe('ScriptBlock');
    expect(findParameter(invoke, 'Script')?.name).toBe('ScriptBlock');
    expect(findParameter(invoke, 'S')).toBeUndefined(); // Session, SessionName, ScriptBlock, ...
    expect(findParameter(invoke, 'Nope')).toBeUndefined();
    const verb = one('Microsoft.PowerShell.Utility\\Get-Verb');
    expect(findParameter(verb, 'Verb')?.name).toBe('Verb');
    expect(findParameter(verb, 'Ver')).toBeUndefined(); // -Verbose too
    expect(findParameter(verb, 'ErrorAction')).toBeUndefined();
  });
});

describe('the catalog file', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const doc = JSON.parse(text) as {
    version: number;
    sources: Parameters<typeof serializeCatalog>[0];
    commands: Parameters<typeof serializeCatalog>[1];
  };

  it('is in the generator format: one command a line, stable bytes', () => {
    expect(doc.version).toBe(1);
    expect(serializeCatalog(doc.sources, doc.commands)).toBe(text);
    expect(text.split('\n').length).toBe(doc.sources.length + doc.commands.length + 6);
  });

  it('is sorted by module, then name, without duplicates', () => {
    const unsorted = doc.commands
      .filter((c, i) => i > 0 && compareEntries(doc.commands[i - 1], c) >= 0)
      .map((c) => `${c.module}\\${c.name}`);
    expect(unsorted).toEqual([]);
  });

  it('names its sources, the docs with their commits', () => {
    const sources = catalogSources();
    expect(sources.map((s) => s.id)).toEqual([
      'pwsh',
      'PowerShell-Docs',
      'PowerShell-Docs-7.6',
      'windows-powershell-docs',
    ]);
    expect(sources[0].version).toMatch(/^7\.\d+\.\d+/);
    for (const s of sources.slice(1)) expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(sources[3].path).toMatch(/^docset\/winserver\d{4}-ps$/);
    const ids = new Set(sources.map((s) => s.id));
    expect(allCommands().filter((c) => !c.sources.every((s) => ids.has(s)))).toEqual([]);
    for (const s of sources) expect(allCommands().filter((c) => c.sources.includes(s.id)).length).toBe(s.commands);
  });

  it('is big enough to be whole', () => {
    expect(allCommands().length).toBeGreaterThan(4000);
    expect(new Set(allCommands().map((c) => c.module)).size).toBeGreaterThan(150);
  });
});

describe('platyPS reader', () => {
  const page = [
    '---',
    'external help file: Sample.cdxml-help.xml',
    'Module Name: Sample',
    'title: Set-Sample',
    '---',
    '# Set-Sample',
    '## SYNTAX',
    '### ByName (Default)',
    '```',
    'Set-Sample [-Name] <String[]> [[-Count] <Int32>] -Undocumented <CimInstance#MSFT_Thing[]> [-Force] [-WhatIf] [<CommonParameters>]',
    '```',
    '### InputObject (cdxml)',
    '```',
    'Set-Sample -InputObject <CimInstance[]> [-Force] [<CommonParameters>]',
    '```',
    '## PARAMETERS',
    '### -Name',
    'Made-up text.',
    '```yaml',
    'Type: System.String[]',
    'Parameter Sets: ByName',
    'Aliases: N, Id',
    '',
    'Required: True',
    'Position: 0',
    'Accept pipeline input: True (ByPropertyName, ByValue)',
    '```',
    '### -Count',
    '```yaml',
    'Type: System.Nullable`1[System.Int32]',
    'Parameter Sets: ByName',
    'Required: False',
    'Position: 1',
    'Accept pipeline input: False',
    '```',
    '### -Force',
    '```yaml',
    'Type: SwitchParameter',
    'Parameter Sets: (All)',
    '```',
    '### -InputObject',
    '```yaml',
    'Type: Microsoft.Management.Infrastructure.CimInstance[]',
    'Parameter Sets: InputObject (cdxml)',
    'Required: True',
    'Position: Named',
    'Accept pipeline input: True (ByValue)',
    '```',
    '### -WhatIf',
    '```yaml',
    'Type: SwitchParameter',
    '```',
    '### CommonParameters',
    '## INPUTS',
  ].join('\n');

  it('reads sets, yaml facts, syntax-only parameters and leaves WhatIf out', () => {
    const r = parsePlatyPs(page, 'Set-Sample') as PlatyPsPage;
    expect(r.moduleName).toBe('Sample');
    expect(r.command.sets).toEqual(['ByName', 'InputObject (cdxml)']);
    expect(r.command.defaultSet).toBe('ByName');
    expect(r.command.parameters.map((p) => p.name)).toEqual(['Name', 'Count', 'Undocumented', 'Force', 'InputObject']);
    const [name, count, undocumented, force, input] = r.command.parameters;
    expect(name).toEqual({
      name: 'Name',
      type: 'String[]',
      aliases: ['N', 'Id'],
      sets: { ByName: { mandatory: true, position: 0, byValue: true, byPropertyName: true } },
    });
    expect(count.type).toBe('Int32');
    expect(undocumented).toMatchObject({ type: 'CimInstance[]', sets: { ByName: { mandatory: true } } });
    expect(r.fromSyntaxOnly).toEqual(['Undocumented']);
    expect(Object.keys(force.sets)).toEqual([ALL_SETS]);
    expect(input.sets).toEqual({ 'InputObject (cdxml)': { mandatory: true, byValue: true, byPropertyName: false } });
  });

  it('skips pages that are not cmdlet pages', () => {
    expect(parsePlatyPs('---\nModule Name: Sample\n---\n# Sample Module\n## Description\n', 'Sample')).toEqual({
      skip: 'not-a-cmdlet-page',
    });
  });

  it('normalizes .NET type names to the short form', () => {
    expect(normalizeTypeName('System.Management.Automation.SwitchParameter')).toBe('SwitchParameter');
    expect(normalizeTypeName(' System.String[] ')).toBe('String[]');
    expect(normalizeTypeName('string')).toBe('String');
    expect(normalizeTypeName('System.Nullable`1[[System.DateTime]]')).toBe('DateTime');
    expect(normalizeTypeName('System.Collections.Generic.List`1[System.String]')).toBe('List[String]');
    expect(normalizeTypeName('System.Func`2[System.String,System.Object]')).toBe('Func[String,Object]');
    expect(normalizeTypeName('Microsoft.Management.Infrastructure.CimSession[]')).toBe('CimSession[]');
  });
});

const pwshSource = catalogSources()[0];
const samePwsh = enginePwsh() !== undefined && process.env.JEAJIT_PWSH_VERSION === pwshSource.version;

describeEngine('the pwsh part of the catalog', () => {
  (samePwsh ? it : it.skip)(`still matches pwsh ${pwshSource.version}`, () => {
    const reading = readPwsh(enginePwsh()!);
    expect(reading.modules.map((m) => m.name)).toEqual(pwshSource.modules);
    const fromPwsh = allCommands().filter((c) => c.sources.includes('pwsh'));
    expect(fromPwsh.length).toBe(reading.commands.length);
    const problems: string[] = [];
    for (const raw of reading.commands) {
      const entry = findCommands(`${raw.module}\\${raw.name}`).find((c) => c.sources.includes('pwsh'));
      if (!entry) {
        problems.push(`${raw.module}\\${raw.name} is not in the catalog`);
        continue;
      }
      const inPwsh = new Set(raw.parameters.map((p) => p.name));
      for (const p of raw.parameters) {
        const e = entry.parameters.find((x) => x.name === p.name);
        if (!e || e.only === '5.1') problems.push(`${raw.name} -${p.name} is not in the catalog`);
        else if ((e.type7 ?? e.type) !== p.type)
          problems.push(`${raw.name} -${p.name}: ${e.type7 ?? e.type} in the catalog, ${p.type} in pwsh`);
      }
      // what pwsh lacks may come from 5.1 or, for Windows-only parameters, from the 7.6 reference
      const windowsOnly = entry.sources.includes('PowerShell-Docs-7.6');
      for (const e of entry.parameters)
        if (e.only !== '5.1' && !inPwsh.has(e.name) && !windowsOnly)
          problems.push(`${raw.name} -${e.name} is no longer in pwsh`);
    }
    expect(problems).toEqual([]);
  });
});
