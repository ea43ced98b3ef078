import { JEA001 } from '../../src/rules/JEA001';
import { JEA002 } from '../../src/rules/JEA002';
import { JEA003 } from '../../src/rules/JEA003';
import { JEA004 } from '../../src/rules/JEA004';
import { JEA005 } from '../../src/rules/JEA005';
import { JEA006 } from '../../src/rules/JEA006';
import { JEA007, codeOnly, dynamicCode } from '../../src/rules/JEA007';
import { JEA008 } from '../../src/rules/JEA008';
import {
  check,
  endpoint,
  goodEndpointModel,
  lines,
  lint,
  messages,
  policy,
  role,
  textAt,
  where,
  withEndpoint,
  withRole,
} from './helpers';

describe('JEA001 commands that carry code execution, identities, defense evasion or writing anywhere', () => {
  it.each([
    ['VisibleCmdlets', 'Start-Process'],
    ['VisibleCmdlets', 'Microsoft.PowerShell.Management\\Start-Process'],
    ['VisibleCmdlets', 'invoke-expression'],
    ['VisibleCmdlets', 'Add-LocalGroupMember'],
    ['VisibleCmdlets', 'Add-ADGroupMember'],
    ['VisibleCmdlets', 'Invoke-CimMethod'],
    ['VisibleCmdlets', 'Enter-PSSession'],
    ['VisibleCmdlets', 'Set-ExecutionPolicy'],
    ['VisibleFunctions', 'Register-ScheduledTask'],
  ])('flags %s %s', (list, name) => {
    const found = check(
      JEA001,
      withRole(list === 'VisibleCmdlets' ? { visibleCmdlets: [name] } : { visibleFunctions: [name] }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual([list, 0]);
    expect(found[0].message).toContain(`'${name}'`);
    expect(found[0].message).toMatch(/remove it|constrain -/i);
  });

  it('judges a constrained entry by the values it allows', () => {
    const start = (programs: string[]) =>
      withRole({
        visibleCmdlets: [{ name: 'Start-Process', parameters: [{ name: 'FilePath', validateSet: programs }] }],
      });
    expect(check(JEA001, start(['C:\\Windows\\System32\\notepad.exe']))).toEqual([]);
    const found = check(JEA001, start(['notepad.exe', 'C:\\Windows\\System32\\cmd.exe']));
    expect(found.map((f) => f.path)).toEqual([['VisibleCmdlets', 0, 'Name']]);
    expect(found[0].message).toMatch(
      /code execution: Start-Process -FilePath C:\\Windows\\System32\\cmd\.exe names the program/,
    );
  });

  it.each([
    [
      'Stop-Process',
      /defense evasion: Stop-Process -Name kills any process, security agents too; constrain -Name and -Id and -InputObject with a ValidateSet that holds no security agent/,
    ],
    ['Restart-Service', /defense evasion: Restart-Service -Name restarts any service/],
    ['Set-ADAccountPassword', /identity takeover: Set-ADAccountPassword -Identity resets any account's password/],
    ['Set-Acl', /identity takeover: Set-Acl rewrites the ACL of any file/],
    ['Set-MpPreference', /defense evasion: Set-MpPreference reconfigures Microsoft Defender/],
    ['Set-NetFirewallProfile', /defense evasion: Set-NetFirewallProfile reconfigures the Windows firewall/],
    ['Install-Module', /code execution: Install-Module installs code from any repository/],
    ['Out-File', /write anywhere: Out-File -FilePath writes wherever it is pointed/],
    ['Copy-Item', /write anywhere: Copy-Item -Destination writes wherever/],
    ['Invoke-WebRequest', /write anywhere: Invoke-WebRequest -OutFile/],
    ['Start-Job', /code execution: Start-Job -FilePath names the program or script it runs/],
  ])('reasons %s unconstrained into its class, parameter and a safer declaration', (name, message) => {
    const found = check(JEA001, withRole({ visibleCmdlets: [name] }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });

  it.each([
    ['Restart-Service', 'Name', ['Spooler', 'WinDefend'], /Restart-Service -Name WinDefend allows a security service/],
    ['Stop-Process', 'Name', ['notepad', 'MsMpEng'], /Stop-Process -Name MsMpEng allows a security agent/],
    [
      'Add-LocalGroupMember',
      'Group',
      ['Remote Desktop Users', 'Administrators'],
      /Add-LocalGroupMember -Group Administrators allows a privileged group/,
    ],
    [
      'Set-Content',
      'Path',
      ['C:\\Reports\\today.txt', 'C:\\Windows\\System32\\drivers\\etc\\hosts'],
      /write anywhere: Set-Content -Path C:\\Windows\\System32/,
    ],
  ])('flags %s when -%s allows a dangerous value', (name, param, values, message) => {
    const found = check(
      JEA001,
      withRole({ visibleCmdlets: [{ name, parameters: [{ name: param, validateSet: values }] }] }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
    const safe = check(
      JEA001,
      withRole({ visibleCmdlets: [{ name, parameters: [{ name: param, validateSet: values.slice(0, 1) }] }] }),
    );
    expect(safe).toEqual([]);
  });

  it('tests a narrowing pattern with the values it must refuse', () => {
    const pattern = (p: string) =>
      withRole({ visibleCmdlets: [{ name: 'Restart-Service', parameters: [{ name: 'Name', validatePattern: p }] }] });
    expect(messages(JEA001, pattern('Win.*'))[0]).toMatch(/-Name WinDefend/);
    expect(check(JEA001, pattern('(Spooler|W3SVC)'))).toEqual([]);
  });

  it('needs a session that takes script for script-block parameters (the engine: a remote script block arrives as a string)', () => {
    const where = { visibleCmdlets: ['Where-Object'] };
    expect(check(JEA001, withRole(where))).toEqual([]);
    const constrained = withEndpoint(goodEndpointModel({ languageMode: 'ConstrainedLanguage' }), [
      role('DnsOps', where),
    ]);
    expect(messages(JEA001, constrained)[0]).toMatch(
      /code execution: Where-Object -FilterScript runs the script block/,
    );
  });

  it.each([
    'C:\\Windows\\System32\\net.exe',
    'net.exe',
    'net',
    'C:\\WINDOWS\\system32\\cmd.exe',
    'pwsh.exe',
    'powershell',
    'dsadd.exe',
  ])('flags the external command %s', (cmd) => {
    const found = check(JEA001, withRole({ visibleExternalCommands: ['C:\\Windows\\System32\\whoami.exe', cmd] }));
    expect(found.map((f) => f.path)).toEqual([['VisibleExternalCommands', 1]]);
  });

  it.each(['iex', 'saps', 'start', 'icm', 'etsn', 'nsn', 'ii', 'sajb', 'iwmi'])(
    'flags the built-in alias %s',
    (alias) => {
      const found = check(JEA001, withRole({ visibleAliases: ['gsv', alias] }));
      expect(found.map((f) => f.path)).toEqual([['VisibleAliases', 1]]);
    },
  );

  it('flags an alias defined to a dangerous command', () => {
    const found = check(
      JEA001,
      withRole({
        aliasDefinitions: [
          { name: 'Run', value: 'Invoke-Expression' },
          { name: 'sh', value: 'C:\\Windows\\System32\\cmd.exe' },
        ],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['AliasDefinitions', 0, 'Value'],
      ['AliasDefinitions', 1, 'Value'],
    ]);
  });

  it('flags commands at the session level and inline in RoleDefinitions, with the right paths', () => {
    const found = check(
      JEA001,
      withEndpoint(
        goodEndpointModel({
          visibleCmdlets: ['Get-Service', 'Invoke-Command'],
          roleDefinitions: [['CONTOSO\\Ops', { visibleCmdlets: ['Add-Type'] }]],
        }),
      ),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['VisibleCmdlets', 1],
      ['RoleDefinitions', 'CONTOSO\\Ops', 'VisibleCmdlets', 0],
    ]);
  });

  it('does not flag near misses: reading cmdlets, narrowed ones, other modules, own proxies, wildcards, look-alike names', () => {
    const set = withRole({
      visibleCmdlets: [
        'Get-Process',
        'Get-Service',
        'Unlock-ADAccount',
        'MyModule\\Start-Process',
        'Get-LocalGroupMember',
        '*-Process',
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler', 'Dns'] }] },
        { name: 'Stop-Process', parameters: [{ name: 'Name', validateSet: ['notepad'] }, { name: 'Force' }] },
      ],
      visibleFunctions: ['Invoke-Expression2', 'Start-Process'],
      functionDefinitions: [{ name: 'Start-Process', scriptBlock: "Start-Service -Name 'Spooler'" }],
      visibleExternalCommands: [
        'C:\\Windows\\System32\\whoami.exe',
        'C:\\Tools\\netstat.exe',
        'C:\\Windows\\System32\\ipconfig.exe',
      ],
      visibleAliases: ['gsv', 'gps', 'istart'],
      aliasDefinitions: [{ name: 'Restart', value: 'Restart-Service' }],
    });
    expect(check(JEA001, set).map((f) => f.message)).toEqual([
      expect.stringMatching(/^AliasDefinitions 'Restart' \(Restart-Service\): defense evasion/),
    ]);
  });

  it('suggests module qualification for an unqualified visible function of a dangerous name', () => {
    expect(messages(JEA001, withRole({ visibleFunctions: ['Start-Process'] }))[0]).toMatch(/MyModule\\Start-Process/);
  });

  it('knows modules and external names', () => {
    expect(
      messages(JEA001, withRole({ visibleCmdlets: ['Microsoft.PowerShell.Utility\\Invoke-Expression'] })),
    ).toHaveLength(1);
    expect(messages(JEA001, withRole({ visibleCmdlets: ['Contoso.Tools\\Start-Process'] }))).toEqual([]);
    expect(messages(JEA001, withRole({ visibleExternalCommands: ['\\\\server\\share\\PsExec.exe'] }))[0]).toMatch(
      /\(psexec\.exe\) runs any program/,
    );
  });

  it('locates findings in a parsed .psrc', () => {
    const text = lines(
      '@{',
      "    VisibleCmdlets = 'Get-Service',",
      "        'Start-Process'",
      "    VisibleExternalCommands = 'C:\\Windows\\System32\\net.exe'",
      '}',
    );
    const found = lint(JEA001, { 'Ops.psrc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([
      [3, 9, 'VisibleCmdlets[1]'],
      [4, 31, 'VisibleExternalCommands'],
    ]);
    expect(textAt(text, 3, 9)).toBe("'Start-Process'");
    expect(textAt(text, 4, 31)).toMatch(/^'C:\\Windows\\System32\\net\.exe'/);
    // the engine refuses Start-Process while no holder sees the FileSystem provider: latent, a warning
    expect(found.map((f) => f.severity)).toEqual(['warning', 'error']);
    expect(found[0].message).toMatch(/latent: the engine refuses it while the FileSystem provider is hidden/);
    const withFiles = lint(JEA001, { 'Ops.psrc': text.replace('@{', "@{ VisibleProviders = 'FileSystem'") });
    expect(withFiles.map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('locates an inline grant in a parsed .pssc', () => {
    const text = lines(
      '@{',
      "    SessionType = 'RestrictedRemoteServer'",
      '    RoleDefinitions = @{',
      "        'CONTOSO\\Ops' = @{ VisibleCmdlets = 'Get-Service', 'Invoke-Expression' }",
      '    }',
      '}',
    );
    const found = lint(JEA001, { 'Ops.pssc': text });
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('RoleDefinitions.CONTOSO\\Ops.VisibleCmdlets[1]');
    expect(textAt(text, found[0].line, found[0].column)).toMatch(/^'Invoke-Expression'/);
  });
});

describe('JEA002 wildcards in visible names', () => {
  it('warns about a wildcard that takes in nothing dangerous', () => {
    const found = check(JEA002, withRole({ visibleCmdlets: ['Get-Service', 'DnsServer\\*', 'Get-*'] }));
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [['VisibleCmdlets', 1], undefined],
      [['VisibleCmdlets', 2], undefined],
    ]);
    expect(found[0].message).toContain("'DnsServer\\*'");
  });

  it.each([
    ['*-Process', 'Start-Process'],
    ['Microsoft.PowerShell.Management\\*', 'New-Service'],
    ['Invoke-*', 'Invoke-Expression'],
    ['*', 'Add-LocalGroupMember'],
    ['Microsoft.PowerShell.*\\Invoke-Expression', 'Invoke-Expression'],
    ['Add-*GroupMember', 'Add-LocalGroupMember'],
  ])('is an error when %s takes in %s', (pattern, hit) => {
    const found = check(JEA002, withRole({ visibleCmdlets: [pattern] }));
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].message).toContain(hit);
  });

  it('treats Module\\* as only that module', () => {
    expect(
      check(JEA002, withRole({ visibleCmdlets: ['NetTCPIP\\*', 'Microsoft.PowerShell.LocalAccounts\\Get-*'] })).every(
        (f) => f.severity === undefined,
      ),
    ).toBe(true);
    expect(check(JEA002, withRole({ visibleCmdlets: ['Microsoft.PowerShell.LocalAccounts\\*'] }))[0].severity).toBe(
      'error',
    );
  });

  it('checks functions, aliases and external commands too', () => {
    const found = check(
      JEA002,
      withRole({
        visibleFunctions: ['*-ScheduledTask'],
        visibleAliases: ['g*', 'i*'],
        visibleExternalCommands: ['C:\\Tools\\*.exe', 'C:\\Tools\\get*.exe'],
      }),
    );
    expect(found.map((f) => [f.path, f.severity ?? 'warning'])).toEqual([
      [['VisibleFunctions', 0], 'error'],
      [['VisibleAliases', 0], 'warning'],
      [['VisibleAliases', 1], 'error'],
      [['VisibleExternalCommands', 0], 'error'],
      [['VisibleExternalCommands', 1], 'warning'],
    ]);
  });

  it('does not flag names without wildcards (near miss)', () => {
    expect(
      check(
        JEA002,
        withRole({ visibleCmdlets: ['Get-Service', 'DnsServer\\Get-DnsServerZone'], visibleAliases: ['gsv'] }),
      ),
    ).toEqual([]);
  });

  it('locates a wildcard in a parsed .psrc with its severity', () => {
    // (a wildcard in the Name of an entry with Parameters does not load at all: it matches nothing)
    const text = lines('@{', "VisibleCmdlets = @('Get-Service', '*-Process', 'Get-Dns*')", '}');
    const found = lint(JEA002, { 'Ops.psrc': text });
    expect(found.map((f) => [{ line: f.line, column: f.column }, f.severity, f.path])).toEqual([
      [where(text, "'*-Process'"), 'error', 'VisibleCmdlets[1]'],
      [where(text, "'Get-Dns*'"), 'warning', 'VisibleCmdlets[2]'],
    ]);
  });
});

describe('JEA003 external commands without an absolute path', () => {
  it('flags bare names and relative paths, with a suggestion', () => {
    const found = check(
      JEA003,
      withRole({
        visibleExternalCommands: ['whoami', 'tools\\x.exe', 'C:\\Windows\\System32\\ipconfig.exe', 'ping.exe'],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['VisibleExternalCommands', 0],
      ['VisibleExternalCommands', 1],
      ['VisibleExternalCommands', 3],
    ]);
    expect(found[0].message).toContain('C:\\Windows\\System32\\whoami.exe');
    expect(found[2].message).toContain('C:\\Windows\\System32\\ping.exe');
  });

  it('accepts drive and UNC paths (near miss)', () => {
    expect(
      check(
        JEA003,
        withRole({
          visibleExternalCommands: [
            'C:\\Windows\\System32\\whoami.exe',
            'c:\\tools\\x.exe',
            '\\\\srv\\share\\tool.exe',
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('locates the finding in a parsed .psrc', () => {
    const text = lines('@{', "    VisibleExternalCommands = 'C:\\Windows\\System32\\whoami.exe', 'ping.exe'", '}');
    const found = lint(JEA003, { 'Net.psrc': text });
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, "'ping.exe'")]);
    expect(textAt(text, found[0].line, found[0].column)).toBe("'ping.exe'");
  });
});

describe('JEA004 providers with item cmdlets', () => {
  it('fires for a provider and item cmdlets split across roles of one principal', () => {
    const files = role('Files', { visibleProviders: ['FileSystem'] });
    const edit = role('Edit', { visibleCmdlets: ['Set-Content'] });
    const set = policy({
      roles: [files, edit],
      endpoints: [
        endpoint(
          'Ops',
          goodEndpointModel({ roleDefinitions: [['CONTOSO\\Ops', { roleCapabilities: ['Files', 'Edit'] }]] }),
          [files, edit],
        ),
      ],
    });
    const found = check(JEA004, set);
    expect(found).toHaveLength(1);
    expect(found[0].source.file).toBe('roles/Files.psrc');
    expect(found[0].path).toEqual(['VisibleProviders', 0]);
    expect(found[0].message).toMatch(/'FileSystem'.*'CONTOSO\\Ops'.*Set-Content/);
  });

  it('counts the session level and wildcards, and reading too', () => {
    const set = withEndpoint(
      goodEndpointModel({
        visibleProviders: ['Registry'],
        roleDefinitions: [['CONTOSO\\Ops', { visibleCmdlets: ['*-ItemProperty'] }]],
      }),
    );
    expect(check(JEA004, set).map((f) => f.path)).toEqual([['VisibleProviders', 0]]);
    const read = withRole({ visibleProviders: ['FileSystem'], visibleCmdlets: ['Get-Content'] });
    expect(messages(JEA004, read)[0]).toMatch(/read/);
  });

  it('does not fire when the provider and the item cmdlets belong to different principals (near miss)', () => {
    const files = role('Files', { visibleProviders: ['FileSystem'] });
    const edit = role('Edit', { visibleCmdlets: ['Set-Content'] });
    const model = goodEndpointModel({
      roleDefinitions: [
        ['CONTOSO\\A', { roleCapabilities: ['Files'] }],
        ['CONTOSO\\B', { roleCapabilities: ['Edit'] }],
      ],
    });
    expect(check(JEA004, policy({ roles: [files, edit], endpoints: [endpoint('Ops', model, [files, edit])] }))).toEqual(
      [],
    );
    expect(
      check(
        JEA004,
        withRole({
          visibleProviders: ['FileSystem'],
          visibleCmdlets: ['Get-Service', 'Microsoft.PowerShell.Utility\\*-Item'],
        }),
      ),
    ).toEqual([]);
  });

  it('locates the provider in a parsed .pssc', () => {
    const text = lines(
      '@{',
      "SessionType = 'RestrictedRemoteServer'",
      "VisibleProviders = 'FileSystem'",
      "RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ VisibleCmdlets = 'Remove-Item' } }",
      '}',
    );
    const found = lint(JEA004, { 'Ops.pssc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([[3, 20, 'VisibleProviders']]);
    expect(textAt(text, 3, 20)).toBe("'FileSystem'");
  });
});

describe('JEA005 a ValidatePattern that accepts any value or any path', () => {
  const param = (pattern: string) =>
    withRole({
      visibleCmdlets: [{ name: 'Get-ADUser', parameters: [{ name: 'Identity', validatePattern: pattern }] }],
    });

  it.each([
    ['.*', 'any value'],
    ['^.*$', 'any value'],
    ['.+|', 'any value'],
    ['[\\s\\S]*', 'any value'],
    ['[A-Z]:\\\\.*|\\\\\\\\.*|\\.\\..*', 'any path'],
  ])('flags %s (%s, anchored as the engine anchors it)', (pattern, breadth) => {
    const found = check(JEA005, param(pattern));
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['VisibleCmdlets', 0, 'Parameters', 0, 'ValidatePattern']);
    expect(found[0].message).toContain(`'${pattern}'`);
    expect(found[0].message).toContain(`accepts ${breadth}`);
  });

  // Unanchored patterns are not findings: PowerShell applies ^(pattern)$ (merge-readings engine test).
  it.each(['HR_.*', 'HR_\\w+', '^a|b$', 'win.+|net.*on', 'D:\\\\Shares\\\\[A-Za-z]+', 'Spool.*'])(
    'does not flag %s (near miss)',
    (pattern) => {
      expect(check(JEA005, param(pattern))).toEqual([]);
    },
  );

  it('locates the pattern in a parsed .psrc', () => {
    const text = lines(
      '@{',
      "VisibleCmdlets = @{ Name = 'Get-ADUser'; Parameters = @{ Name = 'Identity'; ValidatePattern = '.*' } }",
      '}',
    );
    const found = lint(JEA005, { 'HR.psrc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([
      [2, where(text, "'.*'").column, 'VisibleCmdlets.Parameters.ValidatePattern'],
    ]);
    expect(textAt(text, found[0].line, found[0].column)).toBe("'.*' } }");
  });
});

describe('JEA006 ValidateSet values the ValidatePattern refuses', () => {
  it('fires on set values the pattern beside them refuses (both apply)', () => {
    const found = check(
      JEA006,
      withRole({
        visibleCmdlets: [
          {
            name: 'Restart-Service',
            parameters: [{ name: 'Force' }, { name: 'Name', validateSet: ['Dns', 'Spooler'], validatePattern: 'D.*' }],
          },
        ],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([['VisibleCmdlets', 0, 'Parameters', 1]]);
    expect(found[0].message).toMatch(/Restart-Service -Name: ValidatePattern 'D\.\*' refuses 'Spooler'/);
    expect(found[0].message).toMatch(/can never be used/);
  });

  it('says when no value passes both', () => {
    const found = check(
      JEA006,
      withRole({
        visibleCmdlets: [
          { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler'], validatePattern: 'D.*' }] },
        ],
      }),
    );
    expect(found[0].message).toMatch(/accepts no value at all/);
  });

  it('does not fire when every set value matches, or for one constraint per parameter (near misses)', () => {
    expect(
      check(
        JEA006,
        withRole({
          visibleCmdlets: [
            { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['dns'], validatePattern: 'D.*' }] },
          ],
        }),
      ),
    ).toEqual([]);
    const set = withRole({
      visibleCmdlets: [
        {
          name: 'Restart-Service',
          parameters: [
            { name: 'Name', validateSet: ['Dns'] },
            { name: 'DisplayName', validatePattern: '^D.*$' },
          ],
        },
      ],
    });
    expect(check(JEA006, set)).toEqual([]);
  });

  it('locates the parameter in a parsed .psrc', () => {
    const text = lines(
      '@{',
      'VisibleFunctions = @{',
      "  Name = 'Get-Thing'",
      '  Parameters = @{ Name = "A" },',
      "    @{ Name = 'B'; ValidateSet = 'x', 'y'; ValidatePattern = '^x$' }",
      '}',
      "FunctionDefinitions = @{ Name = 'Get-Thing'; ScriptBlock = { param($A, $B) $B } }",
      '}',
    );
    const found = lint(JEA006, { 'T.psrc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([[5, 5, 'VisibleFunctions.Parameters[1]']]);
  });
});

describe('JEA007 dynamic code in function definitions', () => {
  const fn = (scriptBlock: string) =>
    withRole({ visibleFunctions: ['Do-It'], functionDefinitions: [{ name: 'Do-It', scriptBlock }] });

  it.each([
    ['param($c) Invoke-Expression $c', 'Invoke-Expression'],
    ['param($c) iex $c', 'Invoke-Expression'],
    ['$c | Microsoft.PowerShell.Utility\\Invoke-Expression', 'Invoke-Expression'],
    ['[ScriptBlock]::Create($c).Invoke()', '[scriptblock]::Create'],
    ['[System.Management.Automation.ScriptBlock]::Create($c)', '[scriptblock]::Create'],
    ['Add-Type -TypeDefinition $src', 'Add-Type'],
    ['param($cmd) & $cmd', 'call operator'],
    ['&$cmd -Force', 'call operator'],
    ['& (Get-Command $n)', 'call operator'],
    ['param($p) . $p', 'dot-sourcing'],
    ['"$(iex $x)"', 'Invoke-Expression'],
    ['$ExecutionContext.InvokeCommand.InvokeScript($t)', 'InvokeCommand'],
    ['Write-Output a#b; iex $c', 'Invoke-Expression'],
  ])('flags %s', (script, what) => {
    const found = check(JEA007, fn(script));
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['FunctionDefinitions', 0, 'ScriptBlock']);
    expect(found[0].message).toContain(what);
    expect(found[0].message).toContain("'Do-It'");
  });

  it.each([
    '# Invoke-Expression $c\nGet-Service',
    '<# iex $c\n & $x #>Get-Service',
    "Write-Output 'use iex or & $x or [scriptblock]::Create'",
    "Write-Output @'\niex $x\n'@",
    'Get-Service -Name $iexName',
    '$a -and $b; $obj.$prop',
    'Get-Process | ForEach-Object { $_.Name }',
    '& { Get-Service }',
    "& 'C:\\Windows\\System32\\whoami.exe'",
    '1 .. $n',
    'Get-ChildItem -Filter *.ps1',
    '"Real user: $($PSSenderInfo.UserInfo.WindowsIdentity.Name)"',
  ])('accepts %j (near miss)', (script) => {
    expect(dynamicCode(script)).toEqual([]);
    expect(check(JEA007, fn(script))).toEqual([]);
  });

  it('blanks comments and single-quoted strings keeping offsets', () => {
    const script = "a # c\n'b''c' \"$d\" <# e #>f";
    const code = codeOnly(script);
    expect(code).toHaveLength(script.length);
    expect(code).toBe('a    \n       "$d"        f');
  });

  it('locates the script block in a parsed .psrc', () => {
    const text = lines(
      '@{',
      "VisibleFunctions = 'Run-It'",
      'FunctionDefinitions = @{',
      "    Name = 'Run-It'",
      '    ScriptBlock = { param($c) Invoke-Expression $c }',
      '}',
      '}',
    );
    const found = lint(JEA007, { 'R.psrc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([[5, 19, 'FunctionDefinitions.ScriptBlock']]);
    expect(textAt(text, 5, 19)).toMatch(/^\{ param/);
  });
});

describe('JEA008 functions defined but not visible', () => {
  it('fires for a function no VisibleFunctions lists', () => {
    const found = check(
      JEA008,
      withRole({
        visibleFunctions: ['Get-Other'],
        functionDefinitions: [{ name: 'Get-Thing', scriptBlock: 'Get-Service' }],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([['FunctionDefinitions', 0, 'Name']]);
    expect(found[0].message).toContain("'Get-Thing'");
  });

  it('accepts a wildcard, a module prefix, or another role of the same principal (near miss)', () => {
    expect(
      check(
        JEA008,
        withRole({ visibleFunctions: ['Get-*'], functionDefinitions: [{ name: 'Get-Thing', scriptBlock: '1' }] }),
      ),
    ).toEqual([]);
    expect(
      check(
        JEA008,
        withRole({
          visibleFunctions: ['Mod\\Get-Thing'],
          functionDefinitions: [{ name: 'Get-Thing', scriptBlock: '1' }],
        }),
      ),
    ).toEqual([]);
    const defines = role('Defines', { functionDefinitions: [{ name: 'Get-Thing', scriptBlock: '1' }] });
    const shows = role('Shows', { visibleFunctions: ['Get-Thing'] });
    const set = policy({
      roles: [defines, shows],
      endpoints: [
        endpoint(
          'Ops',
          goodEndpointModel({ roleDefinitions: [['CONTOSO\\Ops', { roleCapabilities: ['Defines', 'Shows'] }]] }),
          [defines, shows],
        ),
      ],
    });
    expect(check(JEA008, set)).toEqual([]);
  });

  it('checks inline grants against their principal', () => {
    const model = goodEndpointModel({
      roleDefinitions: [
        ['CONTOSO\\A', { functionDefinitions: [{ name: 'Get-A', scriptBlock: '1' }], visibleFunctions: ['Get-A'] }],
        ['CONTOSO\\B', { functionDefinitions: [{ name: 'Get-B', scriptBlock: '1' }] }],
      ],
    });
    expect(check(JEA008, withEndpoint(model)).map((f) => f.path)).toEqual([
      ['RoleDefinitions', 'CONTOSO\\B', 'FunctionDefinitions', 0, 'Name'],
    ]);
  });

  it('locates the name in a parsed .psrc', () => {
    const text = lines(
      '@{',
      "VisibleCmdlets = 'Get-Thing'",
      "FunctionDefinitions = @{ Name = 'Get-Thing'; ScriptBlock = { 1 } }",
      '}',
    );
    const found = lint(JEA008, { 'F.psrc': text });
    expect(found.map((f) => [f.line, f.column, f.path])).toEqual([[3, 33, 'FunctionDefinitions.Name']]);
    expect(textAt(text, 3, 33)).toMatch(/^'Get-Thing'/);
  });
});
