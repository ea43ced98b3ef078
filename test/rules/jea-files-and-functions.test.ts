import { JEA004 } from '../../src/rules/JEA004';
import { JEA007 } from '../../src/rules/JEA007';
import { JEA019 } from '../../src/rules/JEA019';
import { JEA020 } from '../../src/rules/JEA020';
import { dangerousInputUses, functionParameters } from '../../src/rules/function-input';
import { check, endpoint, goodEndpointModel, messages, policy, role, withRole } from './helpers';

const FILES = { allowsScript: true, providers: ['FileSystem'] };

describe('JEA020 code loaded from a folder non-administrators can write', () => {
  it('flags scripts, modules, programs, type files, module paths and role files there', () => {
    const found = check(
      JEA020,
      withRole({
        scriptsToProcess: ['C:\\Users\\Public\\init.ps1'],
        modulesToImport: ['C:\\ProgramData\\Jea\\Tools.psm1', 'DnsServer'],
        visibleExternalCommands: ['D:\\Tools\\x.exe', 'C:\\Windows\\System32\\whoami.exe'],
        typesToProcess: ['\\\\fs01\\share\\t.ps1xml'],
        environmentVariables: { PSModulePath: 'C:\\Program Files\\WindowsPowerShell\\Modules;C:\\Temp\\Modules' },
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['ScriptsToProcess', 0],
      ['VisibleExternalCommands', 0],
      ['TypesToProcess', 0],
      ['ModulesToImport', 0],
      ['EnvironmentVariables', 'PSModulePath'],
    ]);
    expect(found[0].message).toMatch(
      /'C:\\Users\\Public\\init\.ps1' is in a user profile or Public folder: whoever replaces it runs code as the run-as account/,
    );
  });

  it('flags a RoleCapabilityFiles path in a writable folder', () => {
    const set = policy({
      endpoints: [
        endpoint(
          'Ops',
          goodEndpointModel({
            roleDefinitions: [['CONTOSO\\Ops', { roleCapabilityFiles: ['C:\\Users\\Public\\Ops.psrc'] }]],
          }),
        ),
      ],
    });
    expect(check(JEA020, set).map((f) => f.path)).toEqual([
      ['RoleDefinitions', 'CONTOSO\\Ops', 'RoleCapabilityFiles', 0],
    ]);
  });

  it('accepts Program Files and System32 (near miss)', () => {
    expect(
      check(
        JEA020,
        withRole({
          scriptsToProcess: ['C:\\Program Files\\Jea\\init.ps1'],
          visibleExternalCommands: ['C:\\Windows\\System32\\ipconfig.exe'],
        }),
      ),
    ).toEqual([]);
  });
});

describe('JEA004 providers over the host stores', () => {
  it('is an error for FileSystem and Registry, a warning for the others', () => {
    const found = check(
      JEA004,
      withRole({
        visibleProviders: ['FileSystem', 'Registry', 'Variable'],
        visibleCmdlets: ['Get-Content', 'Set-Item'],
      }),
    );
    expect(found.map((f) => f.severity)).toEqual(['error', 'error', undefined]);
  });
});

describe('JEA019 commands that act on other hosts', () => {
  it('warns about an open -ComputerName on a command that changes something, not on one that reads', () => {
    expect(messages(JEA019, withRole({ visibleCmdlets: ['Restart-Computer', 'Get-DnsServerZone'] }))).toEqual([
      expect.stringMatching(/^VisibleCmdlets 'Restart-Computer': lateral movement: Restart-Computer -ComputerName/),
    ]);
    expect(
      check(
        JEA019,
        withRole({
          visibleCmdlets: [
            { name: 'Restart-Computer', parameters: [{ name: 'ComputerName', validateSet: ['web01'] }] },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('JEA007 functions that hand their caller input to a dangerous command', () => {
  it('reads the param block with its validation', () => {
    const p = functionParameters(
      "param([Parameter(Mandatory)] [ValidateSet('Spooler', 'W3SVC')] [string] $Name, [ValidatePattern('^[a-z]+$')] $Tag, $Free)",
    );
    expect([...p.values()]).toEqual([
      { name: 'Name', validateSet: ['Spooler', 'W3SVC'] },
      { name: 'Tag', validatePattern: ['^[a-z]+$'] },
      { name: 'Free' },
    ]);
  });

  it.each([
    ['param([string] $Path) Start-Process -FilePath $Path -Wait', /Start-Process -FilePath \$…: code execution/],
    [
      'param($Target) cmd.exe /c "ping $Target"',
      /cmd\.exe \.\.\. \$Target: code execution: cmd\.exe \(cmd\.exe\) is a shell/,
    ],
    ['param($Name) Stop-Service $Name', /Stop-Service -Name \$…: defense evasion/],
  ])('flags %s', (script, message) => {
    const uses = dangerousInputUses(script, FILES);
    expect(uses.length).toBeGreaterThan(0);
    expect(
      `${uses[0].call}: ${uses[0].dangers.map((d) => `${d.class.replace('-', ' ')}: ${d.command} ${d.why}`).join(' ')}`,
    ).toMatch(message);
  });

  it.each([
    "param([ValidateSet('Spooler', 'W3SVC')] [string] $Name) Restart-Service -Name $Name",
    "param($Name) Restart-Service -Name 'Spooler'; Write-Output $Name",
    'param([string] $ZoneName) Get-DnsServerZone -Name $ZoneName',
  ])('accepts %s (validated, fixed or harmless)', (script) => {
    expect(dangerousInputUses(script, FILES)).toEqual([]);
  });

  it('reports it at the function, through the rule', () => {
    const set = withRole({
      visibleFunctions: ['Install-Patch'],
      functionDefinitions: [{ name: 'Install-Patch', scriptBlock: 'param($Path) Start-Process -FilePath $Path' }],
      visibleProviders: ['FileSystem'],
    });
    const found = check(JEA007, set);
    expect(found.map((f) => [f.path, f.severity])).toEqual([[['FunctionDefinitions', 0, 'ScriptBlock'], undefined]]);
    expect(found[0].message).toMatch(/^function 'Install-Patch' passes its caller's input to Start-Process -FilePath/);
    // without FileSystem the engine refuses Start-Process: latent, a warning
    const latent = check(
      JEA007,
      withRole({
        visibleFunctions: ['Install-Patch'],
        functionDefinitions: [{ name: 'Install-Patch', scriptBlock: 'param($Path) Start-Process -FilePath $Path' }],
      }),
    );
    expect(latent.map((f) => f.severity)).toEqual(['warning']);
  });
});

void role;
