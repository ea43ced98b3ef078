import { defineRoleCapability, RoleCapabilityDeclaration } from '../../src/jea/role-capability';
import { issueLines } from '../helpers/issues';

const PATH = 'estate/DnsOperator';

function issuesOf(declaration: Partial<RoleCapabilityDeclaration>): string[] {
  return issueLines(() => defineRoleCapability(PATH, { roleName: 'DnsOperator', ...declaration }));
}

describe('defineRoleCapability', () => {
  it('accepts a well-formed role and derives a stable GUID from the construct path', () => {
    const a = defineRoleCapability(PATH, {
      roleName: 'DnsOperator',
      visibleCmdlets: [
        'DnsServer\\*',
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] },
      ],
    });
    const b = defineRoleCapability(PATH, { roleName: 'DnsOperator', visibleCmdlets: ['Get-Service'] });
    const c = defineRoleCapability('estate/Other', { roleName: 'DnsOperator', visibleCmdlets: ['Get-Service'] });
    expect(a.model.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.model.guid).toBe(a.model.guid);
    expect(c.model.guid).not.toBe(a.model.guid);
  });

  it('drops empty lists so that a declaration equals its parsed file', () => {
    const { model } = defineRoleCapability(PATH, {
      roleName: 'R',
      visibleCmdlets: ['Get-Service'],
      visibleAliases: [],
      environmentVariables: {},
    });
    expect(model).toEqual({ guid: model.guid, visibleCmdlets: ['Get-Service'] });
  });

  // Each message names the construct path, the field, the value and what is allowed.
  it.each<[string, Partial<RoleCapabilityDeclaration>, string]>([
    [
      'a cmdlet that is not Verb-Noun',
      { visibleCmdlets: ['Restart'] },
      "estate/DnsOperator: VisibleCmdlets[0] = 'Restart': not a cmdlet name (allowed: Verb-Noun, optionally prefixed Module\\; wildcards * ? allowed)",
    ],
    [
      'a module prefix with /',
      { visibleCmdlets: ['dbatools/Backup-DbaDatabase'] },
      "VisibleCmdlets[0] = 'dbatools/Backup-DbaDatabase': '/' does not separate a module from a command",
    ],
    [
      'a bad function name',
      { visibleFunctions: ['Get Thing'] },
      "VisibleFunctions[0] = 'Get Thing': not a function name (allowed: Verb-Noun or a single word",
    ],
    [
      'a wildcard in the Name of an entry with Parameters (PowerShell skips it silently)',
      { visibleCmdlets: [{ name: 'Get-Serv*', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] },
      "VisibleCmdlets[0].Name = 'Get-Serv*': a wildcard in the Name of an entry with Parameters matches no command",
    ],
    [
      'an entry without Parameters (PowerShell refuses the session)',
      { visibleCmdlets: [{ name: 'Get-Service' }] },
      'VisibleCmdlets[0] = {"Name":"Get-Service"}: a command rule needs Parameters',
    ],
    [
      'a constraint key spelled other than ValidateSet (PowerShell drops it: the parameter would be open)',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateset: ['Dns'] } as never] }] },
      'VisibleCmdlets[0].Parameters[0].validateset = ["Dns"]: PowerShell only applies this constraint when the key is spelled exactly \'ValidateSet\'',
    ],
    [
      'a constraint outside Parameters (PowerShell ignores it)',
      { visibleCmdlets: [{ name: 'Get-Service', validateSet: ['Dns'], parameters: [{ name: 'Name' }] } as never] },
      'VisibleCmdlets[0].validateSet = ["Dns"]: unknown key in a command rule. Allowed: Name, Parameters',
    ],
    [
      'a regex .NET rejects',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: '^(Dns' }] }] },
      "VisibleCmdlets[0].Parameters[0].ValidatePattern = '^(Dns': .NET would reject this regular expression",
    ],
    [
      'an empty ValidateSet',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: [] }] }] },
      'VisibleCmdlets[0].Parameters[0].ValidateSet = []: an empty ValidateSet allows no value',
    ],
    [
      'a parameter with a dash',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: '-Name' }] }] },
      "VisibleCmdlets[0].Parameters[0].Name = '-Name': not a parameter name",
    ],
    [
      'a parameter constrained twice',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }, { name: 'name' }] }] },
      "VisibleCmdlets[0].Parameters[1].Name = 'name': the parameter is constrained twice",
    ],
    [
      'a cmdlet listed twice',
      { visibleCmdlets: ['Get-Service', 'get-service'] },
      "VisibleCmdlets[1] = 'get-service': listed twice (also at [0])",
    ],
    [
      'a relative external command',
      { visibleExternalCommands: ['whoami.exe'] },
      "VisibleExternalCommands[0] = 'whoami.exe': an external command must be an absolute path",
    ],
    [
      'a function defined but not visible',
      { functionDefinitions: [{ name: 'Get-Secret', scriptBlock: ' 1 ' }] },
      "FunctionDefinitions[0].Name = 'Get-Secret': the function is defined but not listed in VisibleFunctions",
    ],
    [
      'a function body that could close early',
      {
        visibleFunctions: ['Get-X'],
        functionDefinitions: [{ name: 'Get-X', scriptBlock: '}; Remove-Item C:\\ -Recurse; {' }],
      },
      "FunctionDefinitions[0].ScriptBlock = '}; Remove-Item C:\\ -Recurse; {': the script block is not self-contained: unexpected '}'",
    ],
    [
      'unknown ScopedItemOptions',
      { visibleFunctions: ['Get-X'], functionDefinitions: [{ name: 'Get-X', scriptBlock: '1', options: 'Global' }] },
      "FunctionDefinitions[0].Options = 'Global': not ScopedItemOptions",
    ],
    [
      'a bad provider',
      { visibleProviders: ['File System'] },
      "VisibleProviders[0] = 'File System': not a provider name",
    ],
    [
      'a bad module version',
      { modulesToImport: [{ moduleName: 'DnsServer', moduleVersion: 'latest' }] },
      "ModulesToImport[0].ModuleVersion = 'latest': not a version",
    ],
    ['a bad role name', { roleName: 'Dns Operator' }, "roleName = 'Dns Operator': not a role name"],
    ['a reserved role name', { roleName: 'CON' }, "roleName = 'CON': a reserved Windows device name"],
    [
      'a wrong type from JavaScript',
      { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: [42] }] }] } as never,
      'VisibleCmdlets[0].Parameters[0].ValidateSet[0] = 42: expected a string, found a number',
    ],
    [
      'an unknown property',
      { visibleCmdlet: ['Get-Service'] } as never,
      'visibleCmdlet = ["Get-Service"]: unknown property',
    ],
  ])('refuses %s', (_, declaration, message) => {
    const issues = issuesOf(declaration);
    expect(issues.some((line) => line.includes(message))).toBe(true);
    expect(issues.every((line) => line.startsWith('estate/DnsOperator: '))).toBe(true);
  });

  it('accepts wildcards, module-qualified names and functions that are one word', () => {
    expect(
      issuesOf({
        visibleCmdlets: ['DnsServer\\*', '*-EventLog', 'NetSecurity\\Get-*'],
        visibleFunctions: ['TabExpansion2', 'Get-*'],
      }),
    ).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(issuesOf({ visibleCmdlets: ['Restart'], visibleExternalCommands: ['ping'] })).toHaveLength(2);
  });
});
