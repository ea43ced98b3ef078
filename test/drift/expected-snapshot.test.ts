import * as fs from 'fs';
import * as path from 'path';
import { isSid } from '../../src/acl/sid';
import { HostComparer } from '../../src/drift/compare-host';
import { endpointsFor, loadDeclared, roleInstallPath } from '../../src/drift/declared';
import {
  DEFAULT_ENDPOINT_SDDL,
  expectedRolePath,
  expectedSnapshot,
  madeUpSid,
  validatePrincipals,
} from '../../src/drift/expected-snapshot';
import { readPlacements } from '../../src/drift/placement';
import { decode } from '../../src/psd1';
import { estate, synthEstate, tempDir } from './estate';

describe('the expected snapshot', () => {
  const declared = estate();
  const snapshot = expectedSnapshot(declared, { collectedAt: '2025-06-01T08:00:00.000Z' });
  const jea = path.join(synthEstate(), 'stacks', 'contoso', 'jea');

  it('registers every endpoint with its synthesized file, copied where Register-PSSessionConfiguration keeps it', () => {
    const dns = snapshot.endpoints.find((e) => e.name === 'JEA-DNS')!;
    const model = declared.endpoints.find((e) => e.name === 'JEA-DNS')!.model;
    expect(dns.configFilePath).toBe(
      `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\SessionConfig\\JEA-DNS_${model.guid}.pssc`,
    );
    expect(dns.configFile).toBe(decode(fs.readFileSync(path.join(jea, 'JEA-DNS', 'JEA-DNS.pssc'))).text);
    expect(dns.runAsVirtualAccount).toBe(true);
    expect(snapshot.endpoints.find((e) => e.name === 'JEA-Helpdesk')!.runAsVirtualAccount).toBe(false);
  });

  it('installs roles under Program Files\\WindowsPowerShell\\Modules\\<Module>\\RoleCapabilities (the layout JEA searches)', () => {
    expect(snapshot.roleCapabilities.map((r) => r.path)).toEqual([
      'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoJeaDns\\RoleCapabilities\\DnsOperator.psrc',
      'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoJeaFileServer\\RoleCapabilities\\FileShareOperator.psrc',
      'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoJeaHelpdesk\\RoleCapabilities\\Helpdesk.psrc',
      'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoJeaMaintenance\\RoleCapabilities\\MaintenanceLev1.psrc',
      'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoJeaMaintenance\\RoleCapabilities\\MaintenanceLev2.psrc',
    ]);
    expect(snapshot.roleCapabilities[0].content).toBe(
      decode(fs.readFileSync(path.join(jea, 'JEA-DNS', 'ContosoJeaDns', 'RoleCapabilities', 'DnsOperator.psrc'))).text,
    );
    expect(roleInstallPath('M', 'R')).toBe(
      'C:\\Program Files\\WindowsPowerShell\\Modules\\M\\RoleCapabilities\\R.psrc',
    );
  });

  it('gives every declared principal a well-formed SID, stable and one domain part per domain', () => {
    const sids = Object.values(snapshot.principals) as string[];
    expect(Object.keys(snapshot.principals)).toHaveLength(8);
    expect(sids.every(isSid)).toBe(true);
    expect(new Set(sids).size).toBe(sids.length);
    expect(new Set(sids.map((s) => s.split('-').slice(0, 7).join('-'))).size).toBe(1);
    expect(madeUpSid('contoso\\jea-helpdesk')).toBe(snapshot.principals['CONTOSO\\JEA-Helpdesk']);
    expect(madeUpSid('FABRIKAM\\JEA-Helpdesk').split('-').slice(0, 7)).not.toEqual(sids[0].split('-').slice(0, 7));
  });

  it('builds each SDDL from the declared ACL with the principals’ SIDs', () => {
    const sid = (n: string) => snapshot.principals[n];
    const file = snapshot.endpoints.find((e) => e.name === 'JEA-FileServer')!;
    expect(file.securityDescriptorSddl).toBe(
      `O:NSG:BAD:P(D;;GA;;;${sid('CONTOSO\\Contractors')})(A;;GA;;;${sid('CONTOSO\\JEA-FileShare-Operators')})S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)`,
    );
    expect(file.permission).toBe('CONTOSO\\JEA-FileShare-Operators AccessAllowed, CONTOSO\\Contractors AccessDenied');
  });

  it('takes known SIDs from a principals file, names case-insensitive', () => {
    const known = 'S-1-5-21-1004336348-1177238915-682003330-1104';
    const s = expectedSnapshot(declared, {
      principals: validatePrincipals({ 'contoso\\jea-dns-operators': known }, 'p.json'),
    });
    expect(s.principals['CONTOSO\\JEA-DNS-Operators']).toBe(known);
    expect(s.endpoints.find((e) => e.name === 'JEA-DNS')!.securityDescriptorSddl).toContain(`(A;;GA;;;${known})`);
    expect(() => validatePrincipals({ 'CONTOSO\\X': 'nope' }, 'p.json')).toThrow(
      "p.json: 'CONTOSO\\X': expected a SID",
    );
    expect(() => validatePrincipals(['x'], 'p.json')).toThrow(/p\.json: expected an object/);
  });

  it('lists the endpoints the synth deploys to a host, by VM name or its 15-character computer name', () => {
    expect(readPlacements(synthEstate()).get('VM-FILE01')).toEqual(new Set(['JEA-FILESERVER', 'JEA-MAINTENANCE']));
    expect(endpointsFor(declared, 'VM-DC-DNS01.contoso.com').map((e) => e.name)).toEqual([
      'JEA-DNS',
      'JEA-Helpdesk',
      'JEA-Maintenance',
    ]);
    expect(endpointsFor(declared, 'unknown-host')).toHaveLength(4);
    const placements = new Map([['VERYLONGVMNAME0', new Set(['JEA-DNS'])]]);
    expect(endpointsFor({ ...declared, placements }, 'verylongvmname0').map((e) => e.name)).toEqual(['JEA-DNS']);
  });

  it('gives a bare .pssc without RoleDefinitions the default WinRM SDDL, and does not compare it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Plain.pssc'), "@{ SessionType = 'RestrictedRemoteServer' }");
    const plain = loadDeclared(dir);
    const s = expectedSnapshot(plain, { collectedAt: '2025-06-01T08:00:00.000Z' });
    expect(s.endpoints[0].securityDescriptorSddl).toBe(DEFAULT_ENDPOINT_SDDL);
    expect(s.roleCapabilities).toEqual([]);
    expect(
      new HostComparer(plain).compare({
        ...s,
        endpoints: [{ ...s.endpoints[0], securityDescriptorSddl: 'O:NSG:BAD:P(A;;GA;;;WD)' }],
      }),
    ).toEqual([]);
  });

  it('places a role file outside a module folder where a module of its own name has it, once, and a host that has it there is no drift', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'Ops.pssc'),
      "@{ SessionType = 'RestrictedRemoteServer'; RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = 'Reader' } } }",
    );
    fs.writeFileSync(path.join(dir, 'Reader.psrc'), "@{ VisibleCmdlets = 'Get-Service' }");
    const plain = loadDeclared(dir);
    expect(plain.endpoints[0].roles.map((r) => [r.name, r.installPath])).toEqual([['Reader', undefined]]);
    const s = expectedSnapshot(plain, { collectedAt: '2025-06-01T08:00:00.000Z' });
    expect(s.roleCapabilities.map((r) => r.path)).toEqual([
      'C:\\Program Files\\WindowsPowerShell\\Modules\\Reader\\RoleCapabilities\\Reader.psrc',
    ]);
    expect(new HostComparer(plain).compare(s)).toEqual([]);
    expect(expectedRolePath({ name: 'R', installPath: 'C:\\X\\R.psrc' })).toBe('C:\\X\\R.psrc');
  });

  it('derives the ACL of a bare .pssc with RoleDefinitions as Register-PSSessionConfiguration does', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'Roles.pssc'),
      "@{ SessionType = 'RestrictedRemoteServer'; RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ VisibleCmdlets = 'Get-Service' } } }",
    );
    const s = expectedSnapshot(loadDeclared(dir));
    expect(s.endpoints[0].securityDescriptorSddl).toBe(
      `O:NSG:BAD:P(A;;GA;;;${madeUpSid('CONTOSO\\Ops')})S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)`,
    );
  });
});
