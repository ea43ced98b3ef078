import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jeajit } from '../helpers/cli';
import { CORPUS_DIR } from '../helpers/corpus';

// A host layout: an endpoint file, and a module with RoleCapabilities on the role path.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-effective-'));
const modules = path.join(root, 'Modules');
const roles = path.join(modules, 'DnsJea', 'RoleCapabilities');
fs.mkdirSync(roles, { recursive: true });
fs.copyFileSync(
  path.join(CORPUS_DIR, 'psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc'),
  path.join(roles, 'DnsAdmin.psrc'),
);
fs.copyFileSync(
  path.join(CORPUS_DIR, 'psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsViewer.psrc'),
  path.join(roles, 'DnsViewer.psrc'),
);
const pssc = path.join(root, 'Dns.pssc');
fs.writeFileSync(
  pssc,
  [
    "@{ SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true",
    "   RoleDefinitions = @{ 'CONTOSO\\DnsAdmins' = @{ RoleCapabilities = 'DnsAdmin' }; 'CONTOSO\\DnsViewers' = @{ RoleCapabilities = 'DnsJea\\DnsViewer' } }",
    "   RequiredGroups = @{ And = 'CONTOSO\\MFA' } }",
  ].join('\r\n'),
);

/** A .pssc that holds binary content (NUL at byte 4), not text. */
function binaryFile(): string {
  const file = path.join(root, 'Binary.pssc');
  fs.writeFileSync(file, Buffer.from([0x4d, 0x5a, 0x90, 0x01, 0x00, 0x03, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]));
  return file;
}

// Exit codes: 0 access, 4 no access, 5 cannot connect (the session would fail), 1 error.
describe('jeajit effective', () => {
  it('prints the merged rights as JSON, finding roles in RoleCapabilities folders on the role path', () => {
    const r = jeajit([
      'effective',
      pssc,
      '--user',
      'CONTOSO\\ann',
      '--groups',
      'CONTOSO\\DnsAdmins,contoso\\dnsviewers,CONTOSO\\MFA',
      '--role-path',
      modules,
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rights = JSON.parse(r.stdout.toString());
    expect(rights.roles).toEqual(['DnsAdmin', 'DnsViewer']);
    expect(rights.visibleCmdlets).toContainEqual({
      name: 'Restart-Service',
      parameters: [{ name: 'Name', validateSet: ['Dns'] }],
    });
    expect(rights.visibleCmdlets).toContainEqual({ name: 'DnsServer\\*' });
    expect(Object.keys(rights)).toEqual([
      'roles',
      'languageMode',
      'visibleCmdlets',
      'visibleFunctions',
      'visibleExternalCommands',
      'visibleAliases',
      'visibleProviders',
      'scriptsToProcess',
    ]);
  });

  it('says the session fails when the roles sit in a module version folder, which JEA never searches', () => {
    const versioned = path.join(root, 'Versioned');
    fs.mkdirSync(path.join(versioned, 'DnsJea', '1.0.0', 'RoleCapabilities'), { recursive: true });
    fs.copyFileSync(
      path.join(roles, 'DnsAdmin.psrc'),
      path.join(versioned, 'DnsJea', '1.0.0', 'RoleCapabilities', 'DnsAdmin.psrc'),
    );
    const r = jeajit([
      'effective',
      pssc,
      '--user',
      'CONTOSO\\ann',
      '--groups',
      'CONTOSO\\DnsAdmins,CONTOSO\\MFA',
      '--role-path',
      versioned,
    ]);
    expect(r.stdout.toString()).toBe(
      "CONTOSO\\ann cannot use Dns: no module on the role path provides the role capability 'DnsAdmin': PowerShell refuses the session (CouldNotFindRoleCapability).\n" +
        'cannot connect: the session would fail to start (exit 5)\n',
    );
    expect(r.status).toBe(5);
    const json = jeajit([
      'effective',
      pssc,
      '--user',
      'CONTOSO\\ann',
      '--groups',
      'CONTOSO\\DnsAdmins,CONTOSO\\MFA',
      '--role-path',
      versioned,
      '--format',
      'json',
    ]);
    expect(json.status).toBe(5);
    expect(JSON.parse(json.stdout.toString()).sessionFails).toMatch(/CouldNotFindRoleCapability/);
  });

  it('says plainly when RequiredGroups keep the user out', () => {
    const r = jeajit([
      'effective',
      pssc,
      '--user',
      'CONTOSO\\ann',
      '--groups',
      'CONTOSO\\DnsAdmins',
      '--role-path',
      modules,
    ]);
    expect(r.stdout.toString()).toBe(
      'CONTOSO\\ann has no access to Dns: RequiredGroups need CONTOSO\\MFA.\nno access (exit 4)\n',
    );
    expect(r.status).toBe(4);
    expect(
      jeajit([
        'effective',
        pssc,
        '--user',
        'CONTOSO\\ann',
        '--groups',
        'CONTOSO\\DnsAdmins',
        '--role-path',
        modules,
        '--format',
        'json',
      ]).status,
    ).toBe(4);
  });

  it('exits 4 (no access) when no RoleDefinitions entry names the user or their groups', () => {
    const r = jeajit(['effective', pssc, '--user', 'CONTOSO\\bob', '--groups', 'CONTOSO\\MFA', '--role-path', modules]);
    expect(r.stdout.toString()).toBe(
      'CONTOSO\\bob has no role on Dns: no RoleDefinitions entry names the user or their groups.\nno access (exit 4)\n',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(4);
  });

  it('exits 0 when the user has access', () => {
    const r = jeajit([
      'effective',
      pssc,
      '--user',
      'CONTOSO\\ann',
      '--groups',
      'CONTOSO\\DnsViewers,CONTOSO\\MFA',
      '--role-path',
      modules,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/^CONTOSO\\ann on Dns\n/);
    expect(r.stdout.toString()).not.toMatch(/exit \d/);
  });

  it.each([
    ['a missing file', () => path.join(root, 'Nope.pssc'), (f: string) => `${f}: no such file or folder\n`],
    ['a folder', () => modules, (f: string) => `${f}: a folder, not a file\n`],
    ['a binary file', () => binaryFile(), (f: string) => `${f}: not a text file (binary content at byte 4)\n`],
    [
      'a role capability file',
      () => path.join(roles, 'DnsAdmin.psrc'),
      (f: string) => `${f}: not a session configuration file (.pssc)\n`,
    ],
  ])('exits 1 naming the file for %s', (_what, file, message) => {
    const f = file();
    const r = jeajit(['effective', f, '--user', 'CONTOSO\\ann']);
    expect(r.stderr).toBe(message(f));
    expect(r.status).toBe(1);
  });

  it('exits 1 for a role path that is not there, and for a bad option', () => {
    const nowhere = path.join(root, 'Nowhere');
    const r = jeajit(['effective', pssc, '--user', 'CONTOSO\\ann', '--role-path', nowhere]);
    expect([r.status, r.stderr]).toEqual([1, `${nowhere}: no such file or folder\n`]);
    const f = jeajit(['effective', pssc, '--user', 'CONTOSO\\ann', '--format', 'xml']);
    expect([f.status, f.stderr]).toEqual([1, "--format must be one of text, json (got 'xml')\n"]);
    expect(jeajit(['effective', pssc]).status).toBe(1); // --user missing: commander's usage error
  });

  it('exits 1 with the position when the file is not valid', () => {
    const bad = path.join(root, 'Bad.pssc');
    fs.writeFileSync(bad, "@{ SchemaVersion = '2.0.0.0'\n  SessionType = Restricted }");
    const r = jeajit(['effective', bad, '--user', 'CONTOSO\\ann']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${bad}:2:17: 'Restricted' is a command, not a value: data files hold constants only (quote it to make it a string)\n`,
    );
  });
});
