import { createHash } from 'crypto';
import { aclFromRoleDefinitions } from '../../src/acl/endpoint-acl';
import { machineConfigurationPackage, RESOURCE_MODULE_GUID, endpointResourceProperties } from '../../src/guestconfig';
import { resourceModuleScript } from '../../src/guestconfig/resource-script';
import { endpointArtifacts } from '../../src/jea/endpoint';
import { derivedGuid } from '../../src/jea/guid';
import { defineJeaModule } from '../../src/jea/jea-module';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import { parse, PsHashtable } from '../../src/psd1';
import { exampleEndpoint, exampleEndpoints } from './example-estate';
import { readMof } from './mof-reader';
import { readZip, ZipEntry } from './zip-reader';

const OPTIONS = { mode: 'AuditAndSet', version: '1.0.0' } as const;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The single resource instance and the document of a package's MOF. */
function mofOf(entries: ZipEntry[], name: string) {
  const mof = entries.find((e) => e.path === `${name}.mof`)!;
  return readMof(mof.content.toString('utf8'));
}

describe('machineConfigurationPackage (the example estate)', () => {
  const dns = exampleEndpoint('JEA-DNS');
  const pkg = machineConfigurationPackage(dns, OPTIONS);
  const entries = readZip(pkg.bytes);
  const entry = (path: string) => entries.find((e) => e.path === path)!;

  it('is byte-identical across builds, with a stable upper-case SHA-256 of its bytes', () => {
    const again = machineConfigurationPackage(exampleEndpoint('JEA-DNS'), { ...OPTIONS });
    expect(Buffer.from(again.bytes).equals(Buffer.from(pkg.bytes))).toBe(true);
    expect(again.sha256).toBe(pkg.sha256);
    expect(pkg.sha256).toMatch(/^[0-9A-F]{64}$/);
    expect(pkg.sha256).toBe(sha256(pkg.bytes).toUpperCase());
  });

  it('names package, zip and configuration jeajit-<endpoint>', () => {
    expect(pkg.name).toBe('jeajit-JEA-DNS');
    expect(pkg.fileName).toBe('jeajit-JEA-DNS.zip');
    const [resource, document] = mofOf(entries, pkg.name);
    expect(resource.properties.get('ConfigurationName')).toBe('jeajit-JEA-DNS');
    expect(document.properties.get('Name')).toBe('jeajit-JEA-DNS');
  });

  it('holds, in this order, the modules folder and then the MOF and metaconfig at the root', () => {
    expect(entries.map((e) => e.path)).toEqual([
      'Modules/JeajitDsc/Bundles/JEA-DNS/ContosoJeaDns/ContosoJeaDns.psd1',
      'Modules/JeajitDsc/Bundles/JEA-DNS/ContosoJeaDns/ContosoJeaDns.psm1',
      'Modules/JeajitDsc/Bundles/JEA-DNS/ContosoJeaDns/RoleCapabilities/DnsOperator.psrc',
      'Modules/JeajitDsc/Bundles/JEA-DNS/Install-JEA-DNS.ps1',
      'Modules/JeajitDsc/Bundles/JEA-DNS/JEA-DNS.pssc',
      'Modules/JeajitDsc/Bundles/JEA-DNS/Register-JEA-DNS.ps1',
      'Modules/JeajitDsc/Bundles/JEA-DNS/Unregister-JEA-DNS.ps1',
      'Modules/JeajitDsc/Get-JeajitEndpointState.ps1',
      'Modules/JeajitDsc/JeajitDsc.psd1',
      'Modules/JeajitDsc/JeajitDsc.psm1',
      'jeajit-JEA-DNS.metaconfig.json',
      'jeajit-JEA-DNS.mof',
    ]);
    expect(entries.filter((e) => e.path.endsWith('.mof'))).toHaveLength(1);
  });

  it('writes the metaconfig as the GuestConfiguration module does', () => {
    expect(entry('jeajit-JEA-DNS.metaconfig.json').content.toString('utf8')).toBe(
      '{"Type":"AuditAndSet","Version":"1.0.0"}',
    );
    const audit = readZip(machineConfigurationPackage(dns, { mode: 'Audit', version: '2.1.0' }).bytes);
    expect(audit.find((e) => e.path === 'jeajit-JEA-DNS.metaconfig.json')!.content.toString('utf8')).toBe(
      '{"Type":"Audit","Version":"2.1.0"}',
    );
  });

  it('differs between Audit and AuditAndSet only in the metaconfig', () => {
    const audit = readZip(machineConfigurationPackage(dns, { mode: 'Audit', version: '1.0.0' }).bytes);
    const differing = audit.filter((e, i) => !e.content.equals(entries[i].content)).map((e) => e.path);
    expect(differing).toEqual(['jeajit-JEA-DNS.metaconfig.json']);
  });

  it('declares one JeajitEndpoint of module JeajitDsc at the package version, whose properties are the expected bundle', () => {
    const instances = mofOf(entries, pkg.name);
    expect(instances.map((i) => i.className)).toEqual(['JeajitEndpoint', 'OMI_ConfigurationDocument']);
    const p = instances[0].properties;
    expect(instances[0].alias).toBe('$JeajitEndpoint1ref');
    expect(p.get('ResourceID')).toBe('[JeajitEndpoint]JEA-DNS');
    expect(p.get('ModuleName')).toBe('JeajitDsc');
    expect(p.get('ModuleVersion')).toBe('1.0.0');
    const expected = endpointResourceProperties(dns);
    for (const [name, value] of Object.entries(expected)) expect([name, p.get(name)]).toEqual([name, value]);
    expect(p.get('Files')).toEqual(dns.manifest.files.map((f) => `${f.sha256} ${f.path}`));
    expect(p.get('SddlTemplate')).toBe(dns.manifest.acl.sddlTemplate);
    expect(p.get('Principals')).toEqual(['CONTOSO\\JEA-DNS-Operators']);
    expect(p.get('BundleSha256')).toBe(dns.bundleSha256);
    expect(instances[1].properties.get('CompatibleVersionAdditionalProperties')).toEqual([
      'Omi_BaseResource:ConfigurationName',
    ]);
  });

  it('carries exactly the bundle: the files endpoint.json lists, with its hashes, and Install-<endpoint>.ps1', () => {
    const prefix = 'Modules/JeajitDsc/Bundles/JEA-DNS/';
    const carried = new Map(
      entries.filter((e) => e.path.startsWith(prefix)).map((e) => [e.path.slice(prefix.length), sha256(e.content)]),
    );
    const manifest = JSON.parse(
      Buffer.from(dns.files.find((f) => f.path === 'endpoint.json')!.content).toString('utf8'),
    );
    const listed = new Map<string, string>(
      manifest.files.map((f: { path: string; sha256: string }) => [f.path, f.sha256]),
    );
    listed.set('Install-JEA-DNS.ps1', sha256(dns.installScript.content));
    expect(new Map([...carried].sort())).toEqual(new Map([...listed].sort()));
    expect(mofOf(entries, pkg.name)[0].properties.get('InstallScriptSha256')).toBe(sha256(dns.installScript.content));
  });

  it('has a module manifest with the derived GUID, the package version and DscResourcesToExport', () => {
    const bytes = entry('Modules/JeajitDsc/JeajitDsc.psd1').content;
    const manifest = parse(bytes.subarray(3).toString('utf8')).value as PsHashtable;
    expect(manifest.get('GUID')).toBe(derivedGuid('jeajit/guestconfig/JeajitDsc'));
    expect(RESOURCE_MODULE_GUID).toBe(manifest.get('GUID'));
    expect(manifest.get('ModuleVersion')).toBe('1.0.0');
    expect(manifest.get('RootModule')).toBe('JeajitDsc.psm1');
    expect(manifest.get('DscResourcesToExport')).toEqual(['JeajitEndpoint']);
    expect(manifest.get('FunctionsToExport')).toEqual([]);
  });

  it('writes its PowerShell files as UTF-8 with BOM and CRLF', () => {
    for (const e of entries.filter(
      (x) =>
        /\.(ps1|psm1|psd1)$/.test(x.path) && x.path.startsWith('Modules/JeajitDsc/') && !x.path.includes('/Bundles/'),
    )) {
      expect([e.path, e.content.subarray(0, 3).equals(BOM)]).toEqual([e.path, true]);
      expect([e.path, /(^|[^\r])\n/.test(e.content.toString('utf8'))]).toEqual([e.path, false]);
    }
  });

  it('declares in the resource class exactly the properties the MOF sets, Name as its Key, and Reasons not configurable', () => {
    const text = Buffer.from(resourceModuleScript()).toString('utf8');
    const declared = [...text.matchAll(/\[DscProperty\(([^)]*)\)\] \[(\w+(?:\[\])?)\] \$(\w+)/g)].map((m) => ({
      qualifier: m[1],
      type: m[2],
      name: m[3],
    }));
    const resource = declared.filter((d) => !['Code', 'Phrase'].includes(d.name));
    const configurable = resource.filter((d) => d.qualifier !== 'NotConfigurable').map((d) => d.name);
    const set = [...mofOf(entries, pkg.name)[0].properties.keys()].filter(
      (k) => !['ResourceID', 'ModuleName', 'ModuleVersion', 'ConfigurationName', 'SourceInfo'].includes(k),
    );
    expect(configurable).toEqual(set);
    expect(resource.find((d) => d.name === 'Name')!.qualifier).toBe('Key');
    expect(resource.find((d) => d.name === 'Reasons')).toEqual({
      qualifier: 'NotConfigurable',
      type: 'Reason[]',
      name: 'Reasons',
    });
    expect(declared.filter((d) => ['Code', 'Phrase'].includes(d.name)).map((d) => d.type)).toEqual([
      'string',
      'string',
    ]);
  });

  it('builds a package for every endpoint of the estate, each its own', () => {
    const hashes = [...exampleEndpoints()].map(([name, a]) => {
      const p = machineConfigurationPackage(a, OPTIONS);
      expect(readZip(p.bytes).some((e) => e.path === `Modules/JeajitDsc/Bundles/${name}/Install-${name}.ps1`)).toBe(
        true,
      );
      return p.sha256;
    });
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('refuses a mode or version Machine Configuration does not take', () => {
    expect(() => machineConfigurationPackage(dns, { mode: 'ApplyAndAutoCorrect' as never, version: '1.0.0' })).toThrow(
      "mode 'ApplyAndAutoCorrect' is not Audit or AuditAndSet",
    );
    expect(() => machineConfigurationPackage(dns, { mode: 'Audit', version: '1.0' })).toThrow(
      "version '1.0' is not x.y.z",
    );
    expect(() => machineConfigurationPackage(dns, { mode: 'Audit', version: '1.0.0-beta' })).toThrow('is not x.y.z');
  });
});

describe('machineConfigurationPackage (hostile principals)', () => {
  // Account names Windows allows that close PowerShell strings; the model already refuses " and
  // a second \ in a name (mof.test.ts shows those escaped), the domain's \ is escaped here.
  const TRICKY = [
    "CONTOSO\\O'Brien-Admins",
    'CONTOSO\\Ops\u2019 $(Remove-Item -Recurse) \u2018x',
    'CONTOSO\\$(whoami)`n',
    'CONTOSO\\Zo\u00eb',
  ];
  const role = defineRoleCapability('t/R', { roleName: 'Reader', visibleCmdlets: ['Get-Service'] });
  const module = defineJeaModule('t/M', { name: 'ReaderModule', version: '1.0', roles: [role] });
  const configuration = defineSessionConfiguration('t/E', {
    sessionType: 'RestrictedRemoteServer',
    runAsVirtualAccount: true,
    roleDefinitions: TRICKY.map((p) => [p, { roleCapabilities: ['Reader'] }] as const),
  });
  const artifacts = endpointArtifacts('t/E', {
    name: 'JEA-Read',
    configuration,
    modules: [module],
    acl: aclFromRoleDefinitions(TRICKY),
  });

  it('keeps every principal inside its MOF string', () => {
    const entries = readZip(machineConfigurationPackage(artifacts, OPTIONS).bytes);
    const text = entries.find((e) => e.path === 'jeajit-JEA-Read.mof')!.content.toString('utf8');
    expect(text).toContain('"CONTOSO\\\\O\'Brien-Admins"');
    const [resource] = mofOf(entries, 'jeajit-JEA-Read');
    expect(resource.properties.get('Principals')).toEqual(TRICKY);
    expect([...resource.properties.keys()]).toEqual([
      'ResourceID',
      'ModuleName',
      'ModuleVersion',
      'ConfigurationName',
      'SourceInfo',
      'Name',
      'BundleSha256',
      'InstallScriptSha256',
      'ConfigFile',
      'Modules',
      'Files',
      'SddlTemplate',
      'Principals',
    ]);
  });
});
