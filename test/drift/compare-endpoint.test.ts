import { CAPABILITY_FIELDS } from '../../src/jea/capability-fields';
import { SessionConfigurationModel } from '../../src/jea/model';
import { ROLE_CAPABILITY_FIELDS } from '../../src/jea/role-capability';
import { SESSION_CONFIGURATION_FIELDS } from '../../src/jea/session-configuration';
import {
  canonicalGroups,
  compareRoleCapability,
  compareSessionConfiguration,
  EVERY_PARAMETER,
  IGNORED_FIELDS,
} from '../../src/drift/compare-endpoint';
import { ScriptBlock } from '../../src/psd1';

/** Two different values of every field, to prove each field is compared. */
const SAMPLES: Record<string, [unknown, unknown]> = {
  schemaVersion: ['2.0.0.0', '1.0.0.0'],
  author: ['A', 'B'],
  description: ['one', 'two'],
  companyName: ['Contoso', 'Fabrikam'],
  copyright: ['(c) A', '(c) B'],
  sessionType: ['RestrictedRemoteServer', 'Empty'],
  transcriptDirectory: ['C:\\T', 'C:\\U'],
  runAsVirtualAccount: [true, false],
  runAsVirtualAccountGroups: [['CONTOSO\\A'], ['CONTOSO\\B']],
  mountUserDrive: [true, false],
  userDriveMaximumSize: [1048576, 2097152],
  groupManagedServiceAccount: ['CONTOSO\\gmsa1', 'CONTOSO\\gmsa2'],
  roleDefinitions: [[['CONTOSO\\A', { roleCapabilities: ['R'] }]], [['CONTOSO\\A', { roleCapabilities: ['S'] }]]],
  requiredGroups: [{ or: ['CONTOSO\\A', 'CONTOSO\\B'] }, { and: ['CONTOSO\\A', 'CONTOSO\\B'] }],
  languageMode: ['NoLanguage', 'FullLanguage'],
  executionPolicy: ['Restricted', 'Bypass'],
  powerShellVersion: ['5.1', '7.2'],
  enforceInputParameterValidation: [true, false],
  modulesToImport: [['DnsServer'], ['ActiveDirectory']],
  visibleAliases: [['gsv'], ['gps']],
  visibleCmdlets: [['Get-Service'], ['Get-Process']],
  visibleFunctions: [['Get-Thing'], ['Set-Thing']],
  visibleExternalCommands: [['C:\\Windows\\System32\\whoami.exe'], ['C:\\Windows\\System32\\ipconfig.exe']],
  visibleProviders: [['FileSystem'], ['Registry']],
  scriptsToProcess: [['C:\\a.ps1'], ['C:\\b.ps1']],
  aliasDefinitions: [[{ name: 'x', value: 'Get-Service' }], [{ name: 'x', value: 'Stop-Service' }]],
  functionDefinitions: [[{ name: 'f', scriptBlock: 'Get-Date' }], [{ name: 'f', scriptBlock: 'Remove-Item C:\\' }]],
  variableDefinitions: [[{ name: 'v', value: 1 }], [{ name: 'v', value: new ScriptBlock('Get-Date') }]],
  environmentVariables: [{ PATH: 'C:\\a' }, { PATH: 'C:\\b' }],
  typesToProcess: [['a.ps1xml'], ['b.ps1xml']],
  formatsToProcess: [['a.format.ps1xml'], ['b.format.ps1xml']],
  assembliesToLoad: [['System.Web'], ['System.Xml']],
  guid: ['0d3f7ec8-2a54-4c0e-9d0b-000000000001', '0d3f7ec8-2a54-4c0e-9d0b-000000000002'],
};

const session = (m: object) => m as SessionConfigurationModel;

describe('semantic comparison of session configurations', () => {
  it.each(
    SESSION_CONFIGURATION_FIELDS.filter((f) => !IGNORED_FIELDS.includes(f.prop)).map((f) => [f.key, f.prop] as const),
  )('compares %s', (key, prop) => {
    const [a, b] = SAMPLES[prop];
    const found = compareSessionConfiguration(session({ [prop]: a }), session({ [prop]: b }));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.path.startsWith(key))).toBe(true);
    expect(compareSessionConfiguration(session({ [prop]: a }), session({ [prop]: a }))).toEqual([]);
  });

  it.each(ROLE_CAPABILITY_FIELDS.filter((f) => !IGNORED_FIELDS.includes(f.prop)).map((f) => [f.key, f.prop] as const))(
    'compares %s of a role capability',
    (key, prop) => {
      const [a, b] = SAMPLES[prop];
      const found = compareRoleCapability({ [prop]: a }, { [prop]: b }, "Roles['R']");
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((c) => c.path.startsWith(`Roles['R'].${key}`))).toBe(true);
    },
  );

  it('compares the capabilities of a RoleDefinitions entry', () => {
    for (const f of CAPABILITY_FIELDS) {
      const [a, b] = SAMPLES[f.prop];
      const found = compareSessionConfiguration(
        session({ roleDefinitions: [['CONTOSO\\A', { [f.prop]: a }]] }),
        session({ roleDefinitions: [['CONTOSO\\A', { [f.prop]: b }]] }),
      );
      expect(found.map((c) => c.path.startsWith(`RoleDefinitions['CONTOSO\\A'].${f.key}`))).toEqual(
        found.map(() => true),
      );
      expect(found.length).toBeGreaterThan(0);
    }
  });

  it('does not compare the GUID: it identifies the file and grants nothing', () => {
    const [a, b] = SAMPLES.guid;
    expect(compareSessionConfiguration(session({ guid: a }), session({ guid: b }))).toEqual([]);
  });

  it('reports an added cmdlet by its name, with both values', () => {
    expect(
      compareRoleCapability({ visibleCmdlets: ['Get-Service'] }, { visibleCmdlets: ['Get-Service', 'Stop-Computer'] }),
    ).toEqual([{ path: "VisibleCmdlets['Stop-Computer']", declared: null, actual: 'Stop-Computer' }]);
    expect(
      compareRoleCapability({ visibleCmdlets: ['Get-Service', 'Stop-Computer'] }, { visibleCmdlets: ['Get-Service'] }),
    ).toEqual([{ path: "VisibleCmdlets['Stop-Computer']", declared: 'Stop-Computer', actual: null }]);
  });

  it('compares command lists as sets keyed by name, case-insensitive, in any order', () => {
    const declared = {
      visibleCmdlets: [
        'Get-Service',
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns', 'W32Time'] }] },
      ],
    };
    const actual = {
      visibleCmdlets: [
        { name: 'restart-SERVICE', parameters: [{ name: 'name', validateSet: ['w32time', 'DNS'] }] },
        'GET-SERVICE',
      ],
    };
    expect(compareRoleCapability(declared, actual)).toEqual([]);
  });

  it('reports a changed ValidateSet value at its full path, with both sets', () => {
    const declared = {
      visibleCmdlets: [
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }, { name: 'Force' }] },
      ],
    };
    const actual = {
      visibleCmdlets: [
        { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler'] }, { name: 'Force' }] },
      ],
    };
    expect(compareRoleCapability(declared, actual)).toEqual([
      {
        path: "VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet",
        declared: ['Dns'],
        actual: ['Spooler'],
      },
    ]);
  });

  it('reports an added parameter and a changed ValidatePattern', () => {
    const declared = {
      visibleCmdlets: [{ name: 'Stop-Process', parameters: [{ name: 'Name', validatePattern: '^notepad$' }] }],
    };
    const actual = {
      visibleCmdlets: [
        { name: 'Stop-Process', parameters: [{ name: 'Name', validatePattern: '^.*$' }, { name: 'Id' }] },
      ],
    };
    expect(compareRoleCapability(declared, actual)).toEqual([
      {
        path: "VisibleCmdlets['Stop-Process'].Parameters['Name'].ValidatePattern",
        declared: '^notepad$',
        actual: '^.*$',
      },
      { path: "VisibleCmdlets['Stop-Process'].Parameters['Id']", declared: null, actual: { name: 'Id' } },
    ]);
  });

  it('reports a constrained command that became unconstrained', () => {
    const declared = {
      visibleCmdlets: [{ name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }],
    };
    expect(compareRoleCapability(declared, { visibleCmdlets: ['Restart-Service'] })).toEqual([
      {
        path: "VisibleCmdlets['Restart-Service'].Parameters",
        declared: [{ name: 'Name', validateSet: ['Dns'] }],
        actual: EVERY_PARAMETER,
      },
    ]);
  });

  it('merges entries of one command as PowerShell does: a bare entry opens every parameter', () => {
    const split = {
      visibleCmdlets: [
        { name: 'Restart-Service', parameters: [{ name: 'Name' }] },
        { name: 'Restart-Service', parameters: [{ name: 'Force' }] },
      ],
    };
    const joined = { visibleCmdlets: [{ name: 'Restart-Service', parameters: [{ name: 'Force' }, { name: 'Name' }] }] };
    expect(compareRoleCapability(split, joined)).toEqual([]);
    expect(
      compareRoleCapability(joined, { visibleCmdlets: [...joined.visibleCmdlets, 'Restart-Service'] }),
    ).toHaveLength(1);
  });

  it('keys RoleDefinitions by principal, case-insensitive, and reports added and removed principals', () => {
    const declared = session({ roleDefinitions: [['CONTOSO\\Ops', { roleCapabilities: ['Maintenance'] }]] });
    expect(
      compareSessionConfiguration(
        declared,
        session({ roleDefinitions: [['contoso\\OPS', { roleCapabilities: ['maintenance'] }]] }),
      ),
    ).toEqual([]);
    expect(
      compareSessionConfiguration(
        declared,
        session({
          roleDefinitions: [
            ['CONTOSO\\Ops', { roleCapabilities: ['Maintenance'] }],
            ['CONTOSO\\Eve', { roleCapabilities: ['Maintenance'] }],
          ],
        }),
      ),
    ).toEqual([
      { path: "RoleDefinitions['CONTOSO\\Eve']", declared: null, actual: { roleCapabilities: ['Maintenance'] } },
    ]);
    expect(
      compareSessionConfiguration(
        declared,
        session({ roleDefinitions: [['CONTOSO\\Ops', { roleCapabilities: ['Maintenance', 'Admin'] }]] }),
      ),
    ).toEqual([
      {
        path: "RoleDefinitions['CONTOSO\\Ops'].RoleCapabilities",
        declared: ['Maintenance'],
        actual: ['Maintenance', 'Admin'],
      },
    ]);
  });

  it('quotes keys in paths as PowerShell strings', () => {
    const found = compareSessionConfiguration(
      session({}),
      session({ roleDefinitions: [["CONTOSO\\O'Brien", { roleCapabilities: ['R'] }]] }),
    );
    expect(found[0].path).toBe("RoleDefinitions['CONTOSO\\O''Brien']");
  });

  it('takes PowerShell defaults as declared: $false and a missing switch are the same', () => {
    expect(
      compareSessionConfiguration(
        session({}),
        session({ runAsVirtualAccount: false, mountUserDrive: false, sessionType: 'Default' }),
      ),
    ).toEqual([]);
    expect(compareSessionConfiguration(session({}), session({ runAsVirtualAccount: true }))).toEqual([
      { path: 'RunAsVirtualAccount', declared: false, actual: true },
    ]);
  });

  it('takes an empty list as a missing one', () => {
    expect(compareRoleCapability({}, { visibleCmdlets: [], visibleProviders: [] })).toEqual([]);
  });

  it('ignores line breaks and trailing spaces in text and script blocks, not their content', () => {
    const d = {
      description: 'line one\r\nline two',
      functionDefinitions: [{ name: 'f', scriptBlock: '\r\n  Get-Date  \r\n' }],
    };
    expect(
      compareRoleCapability(d, {
        description: 'line one\nline two',
        functionDefinitions: [{ name: 'F', scriptBlock: '\n  Get-Date\n' }],
      }),
    ).toEqual([]);
    expect(
      compareRoleCapability(d, {
        description: 'line one\nline 2',
        functionDefinitions: [{ name: 'f', scriptBlock: 'Get-Date; Remove-Item x' }],
      }).map((c) => c.path),
    ).toEqual(['Description', "FunctionDefinitions['f'].ScriptBlock"]);
  });

  it('keeps order where PowerShell runs things in order', () => {
    expect(
      compareRoleCapability(
        { scriptsToProcess: ['C:\\a.ps1', 'C:\\b.ps1'] },
        { scriptsToProcess: ['C:\\b.ps1', 'C:\\a.ps1'] },
      ),
    ).toHaveLength(1);
    expect(
      compareRoleCapability(
        { visibleProviders: ['FileSystem', 'Registry'] },
        { visibleProviders: ['registry', 'filesystem'] },
      ),
    ).toEqual([]);
  });

  it('compares RequiredGroups as a tree of sets', () => {
    expect(canonicalGroups({ or: ['CONTOSO\\A', { and: ['CONTOSO\\B', 'CONTOSO\\C'] }] })).toBe(
      canonicalGroups({ or: [{ and: ['contoso\\c', 'contoso\\b'] }, 'contoso\\a'] }),
    );
    expect(canonicalGroups({ or: ['CONTOSO\\A', 'CONTOSO\\B'] })).not.toBe(
      canonicalGroups({ and: ['CONTOSO\\A', 'CONTOSO\\B'] }),
    );
  });

  it('shows script blocks in variable values as JSON', () => {
    const found = compareRoleCapability(
      { variableDefinitions: [{ name: 'v', value: 'x' }] },
      { variableDefinitions: [{ name: 'v', value: new ScriptBlock('Get-Date') }] },
    );
    expect(found).toEqual([
      { path: "VariableDefinitions['v'].Value", declared: 'x', actual: { $scriptblock: 'Get-Date' } },
    ]);
  });
});
