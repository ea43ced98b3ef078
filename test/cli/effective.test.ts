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
fs.copyFileSync(path.join(CORPUS_DIR, 'psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc'), path.join(roles, 'DnsAdmin.psrc'));
fs.copyFileSync(path.join(CORPUS_DIR, 'psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsViewer.psrc'), path.join(roles, 'DnsViewer.psrc'));
const pssc = path.join(root, 'Dns.pssc');
fs.writeFileSync(
  pssc,
  [
    "@{ SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true",
    "   RoleDefinitions = @{ 'CONTOSO\\DnsAdmins' = @{ RoleCapabilities = 'DnsAdmin' }; 'CONTOSO\\DnsViewers' = @{ RoleCapabilities = 'DnsJea\\DnsViewer' } }",
    "   RequiredGroups = @{ And = 'CONTOSO\\MFA' } }",
  ].join('\r\n'),
);

describe('jeajit effective', () => {
  it('prints the merged rights as JSON, finding roles in RoleCapabilities folders on the role path', () => {
    const r = jeajit(['effective', pssc, '--user', 'CONTOSO\\ann', '--groups', 'CONTOSO\\DnsAdmins,contoso\\dnsviewers,CONTOSO\\MFA', '--role-path', modules, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rights = JSON.parse(r.stdout.toString());
    expect(rights.roles).toEqual(['DnsAdmin', 'DnsViewer']);
    expect(rights.visibleCmdlets).toContainEqual({ name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] });
    expect(rights.visibleCmdlets).toContainEqual({ name: 'DnsServer\\*' });
    expect(Object.keys(rights)).toEqual(['roles', 'languageMode', 'visibleCmdlets', 'visibleFunctions', 'visibleExternalCommands', 'visibleAliases', 'visibleProviders', 'scriptsToProcess']);
  });

  it('says the session fails when the roles sit in a module version folder, which JEA never searches', () => {
    const versioned = path.join(root, 'Versioned');
    fs.mkdirSync(path.join(versioned, 'DnsJea', '1.0.0', 'RoleCapabilities'), { recursive: true });
    fs.copyFileSync(path.join(roles, 'DnsAdmin.psrc'), path.join(versioned, 'DnsJea', '1.0.0', 'RoleCapabilities', 'DnsAdmin.psrc'));
    const r = jeajit(['effective', pssc, '--user', 'CONTOSO\\ann', '--groups', 'CONTOSO\\DnsAdmins,CONTOSO\\MFA', '--role-path', versioned]);
    expect(r.stdout.toString()).toBe("CONTOSO\\ann cannot use Dns: no module on the role path provides the role capability 'DnsAdmin': PowerShell refuses the session (CouldNotFindRoleCapability).\n");
  });

  it('says plainly when RequiredGroups keep the user out', () => {
    const r = jeajit(['effective', pssc, '--user', 'CONTOSO\\ann', '--groups', 'CONTOSO\\DnsAdmins', '--role-path', modules]);
    expect(r.stdout.toString()).toBe('CONTOSO\\ann cannot connect to Dns: RequiredGroups need CONTOSO\\MFA.\n');
  });

  it('exits 1 with the position when the file is not valid', () => {
    const bad = path.join(root, 'Bad.pssc');
    fs.writeFileSync(bad, "@{ SchemaVersion = '2.0.0.0'\n  SessionType = Restricted }");
    const r = jeajit(['effective', bad, '--user', 'CONTOSO\\ann']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${bad}:2:17: 'Restricted' is a command, not a value: data files hold constants only (quote it to make it a string)\n`);
  });
});
