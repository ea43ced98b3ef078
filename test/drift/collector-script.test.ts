import { collectorScript } from '../../src/drift/collector-script';
import { declaredPrincipals } from '../../src/drift/declared';
import { SNAPSHOT_KEYS } from '../../src/drift/snapshot';
import { parse } from '../../src/psd1';
import { oracleError } from '../helpers/oracle';
import { estate } from './estate';

// Apostrophes are legal in account names, and typographic quotes close PowerShell strings too.
const TRICKY = [
  "CONTOSO\\O'Brien-Admins",
  'CONTOSO\\Ops\u2019 $(Remove-Item -Recurse C:\\) \u2018x',
  'CONTOSO\\$(whoami)`n',
  'CONTOSO\\Zo\u00eb',
];

const textOf = (bytes: Uint8Array) => Buffer.from(bytes).subarray(3).toString('utf8');

/** The `$Principals = @(...)` data of the script, read back as data. */
function principalsData(script: string): unknown {
  const start = script.indexOf('$Principals = ') + '$Principals = '.length;
  const end = script.indexOf('\r\n\r\n', start);
  return parse(script.slice(start, end)).value;
}

describe('the collector script', () => {
  const script = collectorScript(TRICKY);
  const text = textOf(script);

  it('is UTF-8 with BOM and CRLF line breaks only (what Windows PowerShell 5.1 reads correctly)', () => {
    expect([...script.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('embeds principal names as data: quotes of every kind stay inside their strings', () => {
    expect(principalsData(text)).toEqual(TRICKY);
    expect(text).not.toContain("$(Remove-Item -Recurse C:\\) \u2018x'");
  });

  it('embeds the principals of the declared endpoints', () => {
    const names = declaredPrincipals(estate().endpoints);
    expect(names).toEqual(
      expect.arrayContaining([
        'CONTOSO\\JEA-DNS-Operators',
        'CONTOSO\\Contractors',
        'CONTOSO\\SmartCard-Users',
        'CONTOSO\\MFA-Authenticated',
      ]),
    );
    expect(names).not.toContain('BUILTIN\\Users');
    expect(principalsData(textOf(collectorScript(names)))).toEqual(names);
    expect(principalsData(textOf(collectorScript([])))).toEqual([]);
  });

  it('parses without error in tree-sitter-powershell', async () => {
    expect(await oracleError(text)).toBeUndefined();
  });

  it('writes every key of the snapshot schema', () => {
    for (const key of [...SNAPSHOT_KEYS.snapshot, ...SNAPSHOT_KEYS.endpoint, ...SNAPSHOT_KEYS.roleCapability])
      expect(text).toMatch(new RegExp(`^\\s+${key} = `, 'm'));
    expect(text).toContain("schema = 'jeajit.snapshot/v1'");
  });

  it('reads what the snapshot needs the way the design says', () => {
    expect(text).toContain('Get-PSSessionConfiguration');
    expect(text).toContain('[System.IO.File]::ReadAllText($Path)');
    expect(text).toContain("Join-Path $moduleDir.FullName 'RoleCapabilities'");
    expect(text).toContain('$env:PSModulePath -split');
    expect(text).toContain(
      '([System.Security.Principal.NTAccount] $Principal).Translate([System.Security.Principal.SecurityIdentifier]).Value',
    );
    expect(text).toMatch(/catch \{ \$sids\[\$name\] = \$null \}/);
    expect(text).toContain('ConvertTo-Json -InputObject $snapshot -Depth 6 -Compress');
    expect(text).toContain('Remove-TypeData -TypeName System.Array');
    expect(text).toContain('#Requires -Version 5.1');
  });

  it('only reads: it changes nothing on the host', () => {
    const text = textOf(collectorScript(['CONTOSO\\Ops']));
    for (const verb of [
      'Set-Item',
      'Set-Content',
      'Set-PSSessionConfiguration',
      'Remove-Item',
      'Register-',
      'Unregister-',
      'New-Item',
      'Invoke-Expression',
      'Start-Process',
    ])
      expect(text).not.toContain(verb);
  });
});
