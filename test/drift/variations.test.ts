import * as fs from 'fs';
import * as path from 'path';
import { HostComparer } from '../../src/drift/compare-host';
import { loadDeclared } from '../../src/drift/declared';
import { expectedSnapshot } from '../../src/drift/expected-snapshot';
import { Snapshot } from '../../src/drift/snapshot';
import { decode, parse, Psd1Value, PsHashtable, renderText } from '../../src/psd1';
import { corpusFile } from '../helpers/corpus';
import { clone, editable, estate, Mutable, tempDir } from './estate';

const AT = '2025-06-01T08:00:00.000Z';
const PSSC =
  'FriedrichWeinmann__P2023-PSConfEU-JustEnoughAdministration__JEA_ServiceAdmin__1.0.0__sessionconfiguration.pssc';
const PSRC =
  'FriedrichWeinmann__P2023-PSConfEU-JustEnoughAdministration__JEA_ServiceAdmin__1.0.0__RoleCapabilities__admins.psrc';

/** Keys in reverse order at every level; top-level keys upper-cased (parameter keys keep their case: PowerShell needs it). */
function reorder(v: Psd1Value, top = true): Psd1Value {
  if (Array.isArray(v)) return v.map((x) => reorder(x, false));
  if (!(v instanceof PsHashtable)) return v;
  return PsHashtable.from(
    [...v.entries()].reverse().map(([k, x]) => [top ? String(k).toUpperCase() : k, reorder(x, false)]),
  );
}

/** The same file without comments, keys reordered and re-cased, as UTF-16 (LE or BE) with BOM. */
function variant(bytes: Buffer, encoding: 'le' | 'be'): Buffer {
  const text = renderText(reorder(parse(bytes).value));
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return encoding === 'le' ? le : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.subarray(2)).swap16()]);
}

/** A declared folder laid out as the module installs: the .pssc and Module/Version/RoleCapabilities/<role>.psrc. */
function declaredFolder(pssc: Buffer, psrc: Buffer): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'JEA_ServiceAdmin.pssc'), pssc);
  fs.mkdirSync(path.join(dir, 'JEA_ServiceAdmin', '1.0.0', 'RoleCapabilities'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'JEA_ServiceAdmin', '1.0.0', 'RoleCapabilities', 'admins.psrc'), psrc);
  return dir;
}

describe('real variations of a corpus endpoint', () => {
  const original = { pssc: corpusFile('pssc', PSSC), psrc: corpusFile('psrc', PSRC) };
  const declared = loadDeclared(declaredFolder(original.pssc, original.psrc));
  const snapshot = expectedSnapshot(declared, { host: 'SRV01', collectedAt: AT });

  it('the corpus files are UTF-16LE with comments (what the variation changes)', () => {
    expect([...original.pssc.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(decode(original.pssc).text).toMatch(/^\s*#/m);
  });

  it('a host running the corpus files has no drift', () => {
    expect(new HostComparer(declared).compare(snapshot)).toEqual([]);
  });

  it('a host whose files were re-encoded to UTF-16, stripped of comments, and had keys reordered and re-cased has no drift', () => {
    const actual = clone(snapshot);
    (actual.endpoints[0] as { configFile: string }).configFile = decode(variant(original.pssc, 'le')).text;
    (actual.roleCapabilities[0] as { content: string }).content = decode(variant(original.psrc, 'be')).text;
    expect(actual.endpoints[0].configFile).not.toContain('#');
    expect(actual.endpoints[0].configFile).toContain('ROLEDEFINITIONS');
    expect(new HostComparer(declared).compare(actual)).toEqual([]);
  });

  it('declaring the variant files (UTF-16BE, no comments, keys reordered) against the original host has no drift', () => {
    const variantDeclared = loadDeclared(declaredFolder(variant(original.pssc, 'be'), variant(original.psrc, 'le')));
    expect(new HostComparer(variantDeclared).compare(snapshot)).toEqual([]);
  });

  it('reports one added cmdlet in the role with its path', () => {
    const actual = clone(snapshot);
    (actual.roleCapabilities[0] as { content: string }).content = decode(original.psrc).text.replace(
      "'Get-WinEvent', ",
      "'Get-WinEvent', 'Stop-Computer', ",
    );
    expect(new HostComparer(declared).compare(actual)).toEqual([
      {
        host: 'SRV01',
        endpoint: 'JEA_ServiceAdmin',
        kind: 'role-changed',
        path: "Roles['admins'].VisibleCmdlets['Stop-Computer']",
        declared: null,
        actual: 'Stop-Computer',
      },
    ]);
  });

  it('reports one changed ValidateSet value with its path and both sets', () => {
    const actual = clone(snapshot);
    (actual.roleCapabilities[0] as { content: string }).content = decode(original.psrc).text.replace(
      "'ValidateSet' = 'Spooler'",
      "'ValidateSet' = 'W32Time'",
    );
    expect(new HostComparer(declared).compare(actual)).toEqual([
      {
        host: 'SRV01',
        endpoint: 'JEA_ServiceAdmin',
        kind: 'role-changed',
        path: "Roles['admins'].VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet",
        declared: ['Spooler'],
        actual: ['W32Time'],
      },
    ]);
  });

  it('reports a real file that is not valid JEA as unparsable, with line and column', () => {
    const actual = clone(snapshot);
    (actual.endpoints[0] as { configFile: string }).configFile = decode(
      corpusFile('pssc', 'cnorling__Lessons__jea__botchedsessionconfiguration.pssc'),
    ).text;
    const found = new HostComparer(declared).compare(actual);
    expect(found).toEqual([
      {
        host: 'SRV01',
        endpoint: 'JEA_ServiceAdmin',
        kind: 'unparsable-file',
        path: snapshot.endpoints[0].configFilePath,
        declared: null,
        actual: expect.stringMatching(/^\d+:\d+: RoleDefinitions: expected a hashtable/),
      },
    ]);
  });
});

describe('variations of the example estate on one host', () => {
  const declared = estate();
  const base = expectedSnapshot(declared, { host: 'vm-dc-dns01', collectedAt: AT });
  const check = (edit: (s: Mutable<Snapshot>) => void) => {
    const s = editable(base);
    edit(s);
    return new HostComparer(declared).compare(s);
  };
  const role = (s: Mutable<Snapshot> | Snapshot, name: string) =>
    s.roleCapabilities.find((r) => r.name === name) as { content: string; path: string };
  const endpoint = (s: Mutable<Snapshot> | Snapshot, name: string) =>
    s.endpoints.find((e) => e.name === name) as {
      configFile: string;
      securityDescriptorSddl: string;
      runAsVirtualAccount: boolean;
      configFilePath: string;
    };

  it('the expected snapshot of the host has no drift', () => {
    expect(base.endpoints.map((e) => e.name)).toEqual(['JEA-DNS', 'JEA-Helpdesk', 'JEA-Maintenance']);
    expect(new HostComparer(declared).compare(base)).toEqual([]);
  });

  it('one added cmdlet', () => {
    const found = check(
      (s) =>
        (role(s, 'DnsOperator').content = role(s, 'DnsOperator').content.replace(
          'VisibleCmdlets = @(',
          "VisibleCmdlets = @(\r\n        'Stop-Computer',",
        )),
    );
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-DNS',
        kind: 'role-changed',
        path: "Roles['DnsOperator'].VisibleCmdlets['Stop-Computer']",
        declared: null,
        actual: 'Stop-Computer',
      },
    ]);
  });

  it('one added cmdlet in the session configuration itself', () => {
    const found = check(
      (s) =>
        (endpoint(s, 'JEA-DNS').configFile = endpoint(s, 'JEA-DNS').configFile.replace(
          /\r\n}\s*$/,
          "\r\n    VisibleCmdlets = 'Get-Process'\r\n}\r\n",
        )),
    );
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-DNS',
        kind: 'changed-field',
        path: "VisibleCmdlets['Get-Process']",
        declared: null,
        actual: 'Get-Process',
      },
    ]);
  });

  it('one changed ValidateSet value', () => {
    const found = check(
      (s) =>
        (role(s, 'DnsOperator').content = role(s, 'DnsOperator').content.replace(
          "ValidateSet = @('Dns')",
          "ValidateSet = @('Dns', 'Spooler')",
        )),
    );
    expect(found.map((f) => [f.kind, f.path, f.declared, f.actual])).toEqual([
      [
        'role-changed',
        "Roles['DnsOperator'].VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet",
        ['Dns'],
        ['Dns', 'Spooler'],
      ],
    ]);
  });

  it('one extra ACE', () => {
    const found = check(
      (s) =>
        (endpoint(s, 'JEA-Helpdesk').securityDescriptorSddl = endpoint(
          s,
          'JEA-Helpdesk',
        ).securityDescriptorSddl.replace('S:P', '(A;;GA;;;S-1-5-21-1-2-3-500)S:P')),
    );
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-Helpdesk',
        kind: 'ace-added',
        path: "SecurityDescriptorSddl['S-1-5-21-1-2-3-500']",
        declared: null,
        actual: '(A;;GA;;;S-1-5-21-1-2-3-500)',
      },
    ]);
  });

  it('one missing endpoint', () => {
    const found = check((s) => (s.endpoints = s.endpoints.filter((e) => e.name !== 'JEA-Helpdesk')));
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-Helpdesk',
        kind: 'missing-endpoint',
        path: '',
        declared: 'JEA-Helpdesk',
        actual: null,
      },
    ]);
  });

  it('one unexpected endpoint (built-in endpoints never are)', () => {
    const extra = { ...base.endpoints[0], name: 'Legacy-Admin' };
    const builtin = { ...base.endpoints[0], name: 'microsoft.powershell' };
    const found = check((s) => (s.endpoints = [...s.endpoints, extra, builtin]));
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'Legacy-Admin',
        kind: 'unexpected-endpoint',
        path: '',
        declared: null,
        actual: 'Legacy-Admin',
      },
    ]);
  });

  it('one shadowing role in another module', () => {
    const shadow =
      'C:\\Program Files\\WindowsPowerShell\\Modules\\OldTools\\1.0\\RoleCapabilities\\MaintenanceLev1.psrc';
    const found = check(
      (s) =>
        (s.roleCapabilities = [
          ...s.roleCapabilities,
          { name: 'MaintenanceLev1', path: shadow, content: "@{ VisibleCmdlets = '*' }" },
        ]),
    );
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-Maintenance',
        kind: 'role-shadowed',
        path: "Roles['MaintenanceLev1']",
        declared: role(base, 'MaintenanceLev1').path,
        actual: shadow,
      },
    ]);
  });

  it('a role that is missing, and one found only in another module', () => {
    const elsewhere =
      'C:\\Users\\admin\\Documents\\WindowsPowerShell\\Modules\\Copy\\RoleCapabilities\\MaintenanceLev2.psrc';
    const found = check((s) => {
      s.roleCapabilities = s.roleCapabilities.filter((r) => r.name !== 'Helpdesk' && r.name !== 'MaintenanceLev2');
      s.roleCapabilities.push({
        name: 'MaintenanceLev2',
        path: elsewhere,
        content: role(base, 'MaintenanceLev2').content,
      });
    });
    expect(found.map((f) => [f.endpoint, f.kind, f.path, f.actual])).toEqual([
      ['JEA-Helpdesk', 'role-missing', "Roles['Helpdesk']", null],
      ['JEA-Maintenance', 'role-missing', "Roles['MaintenanceLev2']", null],
      ['JEA-Maintenance', 'role-shadowed', "Roles['MaintenanceLev2']", elsewhere],
    ]);
  });

  it('one corrupt configuration file and one corrupt role file: findings, not a crash', () => {
    const found = check((s) => {
      const e = endpoint(s, 'JEA-Maintenance');
      e.configFile = e.configFile.slice(0, e.configFile.length / 2);
      role(s, 'DnsOperator').content = "@{ VisibleCmdlets = 'Get-Service' ";
    });
    expect(found.map((f) => [f.endpoint, f.kind, f.path])).toEqual([
      ['JEA-Maintenance', 'unparsable-file', endpoint(base, 'JEA-Maintenance').configFilePath],
      ['JEA-DNS', 'unparsable-file', role(base, 'DnsOperator').path],
    ]);
    expect(found.every((f) => /^\d+:\d+: /.test(String(f.actual)))).toBe(true);
  });

  it('an unreadable file (null content)', () => {
    const found = check((s) => (endpoint(s, 'JEA-DNS').configFile = null as never));
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-DNS',
        kind: 'unparsable-file',
        path: endpoint(base, 'JEA-DNS').configFilePath,
        declared: null,
        actual: 'the configuration file could not be read',
      },
    ]);
  });

  it('a registration that runs without the declared virtual account', () => {
    const found = check((s) => (endpoint(s, 'JEA-DNS').runAsVirtualAccount = false));
    expect(found).toEqual([
      {
        host: 'vm-dc-dns01',
        endpoint: 'JEA-DNS',
        kind: 'changed-field',
        path: 'Registration.RunAsVirtualAccount',
        declared: true,
        actual: false,
      },
    ]);
  });

  it('a principal that does not resolve on the host; the ACE registered for its old SID is no declared one', () => {
    const sid = base.principals['CONTOSO\\JEA-DNS-Operators'];
    const found = check((s) => (s.principals = { ...s.principals, 'CONTOSO\\JEA-DNS-Operators': null }));
    expect(found.map((f) => [f.endpoint, f.kind, f.path])).toEqual([
      ['JEA-DNS', 'principal-unresolved', "Principals['CONTOSO\\JEA-DNS-Operators']"],
      ['JEA-DNS', 'ace-added', `SecurityDescriptorSddl['${sid}']`],
    ]);
  });

  it('expects only the endpoints the synth deploys to the host', () => {
    const file01 = expectedSnapshot(declared, { host: 'VM-FILE01', collectedAt: AT });
    expect(file01.endpoints.map((e) => e.name)).toEqual(['JEA-FileServer', 'JEA-Maintenance']);
    const found = new HostComparer(declared).compare({ ...base, host: 'VM-FILE01' });
    expect(found.map((f) => [f.endpoint, f.kind]).sort()).toEqual([
      ['JEA-DNS', 'unexpected-endpoint'],
      ['JEA-FileServer', 'missing-endpoint'],
      ['JEA-FileServer', 'role-missing'],
      ['JEA-Helpdesk', 'unexpected-endpoint'],
    ]);
  });
});
