import { JEA010 } from '../../src/rules/JEA010';
import { JEA011 } from '../../src/rules/JEA011';
import { JEA012 } from '../../src/rules/JEA012';
import { JEA013 } from '../../src/rules/JEA013';
import { JEA014 } from '../../src/rules/JEA014';
import { JEA015, isAdministratorsGroup } from '../../src/rules/JEA015';
import { JEA016 } from '../../src/rules/JEA016';
import { check, goodEndpointModel, lines, lint, textAt, where, withEndpoint } from './helpers';

/** A .pssc text with the given extra lines inside the table. */
function pssc(...body: string[]): string {
  return lines('@{', "SchemaVersion = '2.0.0.0'", ...body, '}');
}

const ROLES = "RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = 'Ops' } }";

describe('every endpoint rule passes a hardened endpoint', () => {
  it.each([JEA010, JEA011, JEA012, JEA013, JEA014, JEA015, JEA016])('%p', (rule) => {
    const acl = {
      entries: [{ principal: 'CONTOSO\\DnsOps', access: 'Allow' as const, rights: ['FullControl' as const] }],
    };
    expect(check(rule, withEndpoint(goodEndpointModel(), [], acl))).toEqual([]);
  });
});

describe('JEA010 session type', () => {
  it.each([
    [{ sessionType: 'Default' as const }, /SessionType 'Default'/],
    [{ sessionType: undefined }, /no SessionType \(so Default\)/],
    [{ sessionType: 'Empty' as const, roleDefinitions: undefined }, /grants nothing/],
  ])('fires for %j', (over, message) => {
    const found = check(JEA010, withEndpoint(goodEndpointModel(over)));
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['SessionType']);
    expect(found[0].message).toMatch(message);
    expect(found[0].message).toMatch(/RestrictedRemoteServer/);
  });

  it('accepts Empty with RoleDefinitions or visible commands (near miss)', () => {
    expect(check(JEA010, withEndpoint(goodEndpointModel({ sessionType: 'Empty' })))).toEqual([]);
    expect(
      check(
        JEA010,
        withEndpoint(
          goodEndpointModel({ sessionType: 'Empty', roleDefinitions: undefined, visibleCmdlets: ['Get-Service'] }),
        ),
      ),
    ).toEqual([]);
  });

  it('locates SessionType in a parsed .pssc, and the table when it is missing', () => {
    const text = pssc("SessionType = 'Default'", ROLES);
    const found = lint(JEA010, { 'A.pssc': text });
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, "'Default'")]);
    const missing = lint(JEA010, { 'B.pssc': pssc(ROLES) });
    expect(missing.map((f) => [f.line, f.column, f.path])).toEqual([[1, 1, 'SessionType']]);
  });
});

describe('JEA011 language mode', () => {
  it.each([
    [{ languageMode: 'FullLanguage' as const }, ['LanguageMode']],
    [{ languageMode: 'ConstrainedLanguage' as const }, ['LanguageMode']],
    [{ sessionType: 'Default' as const }, ['SessionType']],
    [{ sessionType: 'Empty' as const }, ['SessionType']],
    [{ sessionType: undefined }, ['SessionType']],
  ])('fires for %j', (over, path) => {
    const found = check(JEA011, withEndpoint(goodEndpointModel(over)));
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0].message).toMatch(/NoLanguage/);
  });

  it('accepts NoLanguage, set or implied by RestrictedRemoteServer (near miss)', () => {
    expect(check(JEA011, withEndpoint(goodEndpointModel({ languageMode: 'NoLanguage' })))).toEqual([]);
    expect(
      check(JEA011, withEndpoint(goodEndpointModel({ sessionType: 'Empty', languageMode: 'NoLanguage' }))),
    ).toEqual([]);
    expect(check(JEA011, withEndpoint(goodEndpointModel({ languageMode: undefined })))).toEqual([]);
  });

  it('locates LanguageMode in a parsed .pssc', () => {
    const text = pssc("SessionType = 'RestrictedRemoteServer'", "LanguageMode = 'ConstrainedLanguage'", ROLES);
    const found = lint(JEA011, { 'A.pssc': text });
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, "'ConstrainedLanguage'")]);
  });
});

describe('JEA012 run-as identity', () => {
  it('fires without a virtual account or a gMSA', () => {
    expect(
      check(
        JEA012,
        withEndpoint(goodEndpointModel({ runAsVirtualAccount: undefined, runAsVirtualAccountGroups: undefined })),
      ).map((f) => f.path),
    ).toEqual([['RunAsVirtualAccount']]);
    expect(
      check(
        JEA012,
        withEndpoint(goodEndpointModel({ runAsVirtualAccount: false, runAsVirtualAccountGroups: undefined })),
      ),
    ).toHaveLength(1);
  });

  it('accepts a gMSA (near miss)', () => {
    expect(
      check(
        JEA012,
        withEndpoint(
          goodEndpointModel({
            runAsVirtualAccount: false,
            runAsVirtualAccountGroups: undefined,
            groupManagedServiceAccount: 'CONTOSO\\JeaGmsa',
          }),
        ),
      ),
    ).toEqual([]);
  });

  it('locates RunAsVirtualAccount = $false in a parsed .pssc', () => {
    const text = pssc("SessionType = 'RestrictedRemoteServer'", 'RunAsVirtualAccount = $false', ROLES);
    const found = lint(JEA012, { 'A.pssc': text });
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, '$false')]);
  });
});

describe('JEA013 transcripts', () => {
  it('fires without TranscriptDirectory', () => {
    expect(
      check(JEA013, withEndpoint(goodEndpointModel({ transcriptDirectory: undefined }))).map((f) => f.path),
    ).toEqual([['TranscriptDirectory']]);
    expect(check(JEA013, withEndpoint(goodEndpointModel({ transcriptDirectory: '  ' })))).toHaveLength(1);
  });

  it('accepts a directory (near miss)', () => {
    expect(check(JEA013, withEndpoint(goodEndpointModel({ transcriptDirectory: 'D:\\Transcripts' })))).toEqual([]);
  });

  it('locates an empty TranscriptDirectory in a parsed .pssc (which lint also refuses, as the constructs do)', () => {
    const text = pssc("SessionType = 'RestrictedRemoteServer'", "TranscriptDirectory = ''", ROLES);
    const found = lint(JEA013, { 'A.pssc': text }, ['TranscriptDirectory: must be an absolute path']);
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, "''")]);
  });
});

describe('JEA014 virtual account groups', () => {
  it('fires for a virtual account without groups', () => {
    expect(
      check(JEA014, withEndpoint(goodEndpointModel({ runAsVirtualAccountGroups: undefined }))).map((f) => f.path),
    ).toEqual([['RunAsVirtualAccount']]);
    expect(check(JEA014, withEndpoint(goodEndpointModel({ runAsVirtualAccountGroups: [] })))).toHaveLength(1);
  });

  it('accepts groups, or a gMSA (near miss)', () => {
    expect(check(JEA014, withEndpoint(goodEndpointModel()))).toEqual([]);
    expect(
      check(
        JEA014,
        withEndpoint(
          goodEndpointModel({
            runAsVirtualAccount: undefined,
            runAsVirtualAccountGroups: undefined,
            groupManagedServiceAccount: 'CONTOSO\\g',
          }),
        ),
      ),
    ).toEqual([]);
  });

  it('locates RunAsVirtualAccount in a parsed .pssc', () => {
    const text = pssc("SessionType = 'RestrictedRemoteServer'", 'RunAsVirtualAccount = $true', ROLES);
    const found = lint(JEA014, { 'A.pssc': text });
    expect(found.map((f) => ({ line: f.line, column: f.column }))).toEqual([where(text, '$true')]);
  });
});

describe('JEA015 administrators as principals', () => {
  it.each([
    'BA',
    'S-1-5-32-544',
    'BUILTIN\\Administrators',
    'builtin\\administrators',
    'CONTOSO\\Domain Admins',
    'CONTOSO\\Enterprise Admins',
    'SRV01\\Administrators',
    'S-1-5-21-1004336348-1177238915-682003330-512',
    'S-1-5-21-1004336348-1177238915-682003330-519',
  ])('fires for %s', (principal) => {
    const found = check(
      JEA015,
      withEndpoint(
        goodEndpointModel({
          roleDefinitions: [
            ['CONTOSO\\DnsOps', { roleCapabilities: ['DnsOps'] }],
            [principal, { roleCapabilities: ['DnsOps'] }],
          ],
        }),
      ),
    );
    expect(found.map((f) => f.path)).toEqual([['RoleDefinitions', principal]]);
    expect(found[0].message).toContain(`'${principal}'`);
  });

  it.each([
    'CONTOSO\\DnsAdmins',
    'CONTOSO\\Domain Users',
    'S-1-5-21-1004336348-1177238915-682003330-1512',
    'CONTOSO\\Administrators-Readonly',
    'BU',
  ])('does not fire for %s (near miss)', (principal) => {
    expect(isAdministratorsGroup(principal)).toBe(false);
  });

  it('locates the principal in a parsed .pssc', () => {
    const text = pssc(
      "SessionType = 'RestrictedRemoteServer'",
      'RoleDefinitions = @{',
      "  'BUILTIN\\Administrators' = @{ RoleCapabilities = 'Ops' }",
      '}',
    );
    const found = lint(JEA015, { 'A.pssc': text });
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [where(text, '@{ RoleCap').line, where(text, '@{ RoleCap').column],
    ]);
    expect(textAt(text, found[0].line, 1)).toContain('BUILTIN\\Administrators');
  });
});

describe('JEA016 endpoint ACL', () => {
  const allow = (principal: string) => ({
    principal,
    access: 'Allow' as const,
    rights: ['Execute' as const, 'Read' as const],
  });

  it('fires for an Allow entry without a role', () => {
    const found = check(
      JEA016,
      withEndpoint(goodEndpointModel(), [], { entries: [allow('CONTOSO\\DnsOps'), allow('CONTOSO\\Helpdesk')] }),
    );
    expect(found.map((f) => f.path)).toEqual([['acl', 'entries', 1, 'principal']]);
    expect(found[0].message).toMatch(/'CONTOSO\\Helpdesk'.*no RoleDefinitions entry/);
  });

  it.each(['WD', 'AU', 'S-1-1-0', 'S-1-5-11', 'Everyone', 'NT AUTHORITY\\Authenticated Users'])(
    'fires for %s even with a role',
    (principal) => {
      const model = goodEndpointModel({ roleDefinitions: [[principal, { roleCapabilities: ['DnsOps'] }]] });
      const found = check(JEA016, withEndpoint(model, [], { entries: [allow(principal)] }));
      expect(found).toHaveLength(1);
      expect(found[0].message).toMatch(/every account/);
    },
  );

  it('ignores Deny entries, principals with a role in any case, and endpoints without an ACL (near miss)', () => {
    const acl = {
      entries: [
        allow('contoso\\dnsops'),
        { principal: 'Everyone', access: 'Deny' as const, rights: ['FullControl' as const] },
        { principal: 'CONTOSO\\X', access: 'Deny' as const, rights: ['FullControl' as const] },
      ],
    };
    expect(check(JEA016, withEndpoint(goodEndpointModel(), [], acl))).toEqual([]);
    expect(check(JEA016, withEndpoint(goodEndpointModel()))).toEqual([]);
  });
});
