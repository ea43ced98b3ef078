import { issueLines } from '../helpers/issues';
import { SessionConfigurationModel } from '../../src/jea/model';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';

const PATH = 'estate/JEA-DNS';
const BASE: Omit<SessionConfigurationModel, 'guid' | 'schemaVersion'> = {
  sessionType: 'RestrictedRemoteServer',
  runAsVirtualAccount: true,
  roleDefinitions: [['CONTOSO\\DnsOps', { roleCapabilities: ['DnsOperator'] }]],
};

function issuesOf(change: Partial<SessionConfigurationModel>): string[] {
  return issueLines(() => defineSessionConfiguration(PATH, { ...BASE, ...change }));
}

describe('defineSessionConfiguration', () => {
  it('writes SchemaVersion 2.0.0.0 and a GUID derived from the path', () => {
    const model = defineSessionConfiguration(PATH, BASE);
    expect(model.schemaVersion).toBe('2.0.0.0');
    expect(model.guid).toBe(defineSessionConfiguration(PATH, BASE).guid);
  });

  it.each<[string, Partial<SessionConfigurationModel>, string]>([
    [
      'a gMSA together with a virtual account',
      { groupManagedServiceAccount: 'CONTOSO\\gmsa-jea' },
      "GroupManagedServiceAccount = 'CONTOSO\\gmsa-jea': a gMSA together with RunAsVirtualAccount: choose one run-as identity",
    ],
    [
      'a gMSA with its trailing $',
      { runAsVirtualAccount: undefined, groupManagedServiceAccount: 'CONTOSO\\gmsa-jea$' },
      "write the gMSA without the trailing '$'",
    ],
    [
      'virtual account groups without a virtual account',
      { runAsVirtualAccount: undefined, runAsVirtualAccountGroups: ['BUILTIN\\Users'] },
      'RunAsVirtualAccountGroups = ["BUILTIN\\\\Users"]: needs RunAsVirtualAccount = $true',
    ],
    [
      'empty RoleDefinitions',
      { roleDefinitions: [] },
      'RoleDefinitions = {}: empty RoleDefinitions: no one would get a role',
    ],
    [
      'a malformed SID',
      { roleDefinitions: [['S-1-5-21-abc', { roleCapabilities: ['R'] }]] },
      "RoleDefinitions['S-1-5-21-abc'] = 'S-1-5-21-abc': malformed SID",
    ],
    [
      'an unqualified principal',
      { roleDefinitions: [['DnsOps', { roleCapabilities: ['R'] }]] },
      "RoleDefinitions['DnsOps'] = 'DnsOps': an account name must be qualified as DOMAIN\\name",
    ],
    [
      'a principal with characters Windows refuses',
      { roleDefinitions: [['CONTOSO\\Dns"Ops', { roleCapabilities: ['R'] }]] },
      "the name part 'Dns\"Ops' has characters Windows does not allow",
    ],
    [
      'an unknown SDDL alias',
      { roleDefinitions: [['ZZ', { roleCapabilities: ['R'] }]] },
      "'ZZ' is not an SDDL alias of a well-known SID",
    ],
    [
      'a grant of nothing',
      { roleDefinitions: [['CONTOSO\\DnsOps', {}]] },
      "RoleDefinitions['CONTOSO\\DnsOps'] = {}: grants nothing",
    ],
    [
      'a relative RoleCapabilityFiles path',
      { roleDefinitions: [['CONTOSO\\DnsOps', { roleCapabilityFiles: ['Dns.psrc'] }]] },
      'must be an absolute path to a .psrc file',
    ],
    [
      'a UserDriveMaximumSize out of range',
      { mountUserDrive: true, userDriveMaximumSize: 50 },
      'UserDriveMaximumSize = 50: out of range: whole bytes from 1048576 (1 MiB) to 1099511627776 (1 TiB)',
    ],
    [
      'a UserDriveMaximumSize without a user drive',
      { userDriveMaximumSize: 50000000 },
      'UserDriveMaximumSize = 50000000: needs MountUserDrive = $true',
    ],
    [
      'an unknown session type',
      { sessionType: 'Restricted' as never },
      "SessionType = 'Restricted': expected one of RestrictedRemoteServer, Empty, Default",
    ],
    [
      'an unknown language mode',
      { languageMode: 'Strict' as never },
      "LanguageMode = 'Strict': expected one of NoLanguage, RestrictedLanguage, ConstrainedLanguage, FullLanguage",
    ],
    [
      'an unknown execution policy',
      { executionPolicy: 'Signed' as never },
      "ExecutionPolicy = 'Signed': expected one of",
    ],
    [
      'a relative transcript directory',
      { transcriptDirectory: 'Transcripts' },
      "TranscriptDirectory = 'Transcripts': must be an absolute path",
    ],
    [
      'a malformed required group',
      { requiredGroups: { and: ['CONTOSO\\Ops', { or: ['Nobody'] }] } },
      "RequiredGroups.And[1].Or[0] = 'Nobody': an account name must be qualified",
    ],
    [
      'a bad cmdlet in an inline grant',
      { roleDefinitions: [['CONTOSO\\DnsOps', { visibleCmdlets: ['Restart'] }]] },
      "RoleDefinitions['CONTOSO\\DnsOps'].VisibleCmdlets[0] = 'Restart': not a cmdlet name",
    ],
  ])('refuses %s', (_, change, message) => {
    const issues = issuesOf(change);
    expect(issues.some((line) => line.startsWith(`${PATH}: `) && line.includes(message))).toBe(true);
  });

  it('accepts SIDs, well-known aliases and names', () => {
    expect(
      issuesOf({
        roleDefinitions: [
          ['S-1-5-21-1004336348-1177238915-682003330-512', { roleCapabilities: ['R'] }],
          ['BA', { roleCapabilities: ['R'] }],
          ['BUILTIN\\Remote Management Users', { roleCapabilities: ['R'] }],
        ],
      }),
    ).toEqual([]);
  });
});
