import { parse, PsHashtable } from '../../src/psd1';
import { defineJeaModule, moduleFiles } from '../../src/jea/jea-module';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { decodeRoleCapability } from '../../src/jea/role-capability';
import { Issues } from '../../src/jea/issues';

const role = (name: string) => defineRoleCapability(`m/${name}`, { roleName: name, visibleCmdlets: ['Get-Service'] });

describe('JEA modules', () => {
  it('lays out manifest, psm1 and one .psrc per role, each re-parsing to its model', () => {
    const module = defineJeaModule('estate/Mod', {
      name: 'ContosoJea',
      version: '1.2.0',
      roles: [role('A'), role('B')],
    });
    const files = moduleFiles(module);
    expect(files.map((f) => f.path)).toEqual([
      'ContosoJea/ContosoJea.psd1',
      'ContosoJea/ContosoJea.psm1',
      'ContosoJea/RoleCapabilities/A.psrc',
      'ContosoJea/RoleCapabilities/B.psrc',
    ]);
    const manifest = parse(files[0].content).value as PsHashtable;
    expect(manifest.get('RootModule')).toBe('ContosoJea.psm1');
    expect(manifest.get('ModuleVersion')).toBe('1.2.0');
    expect(manifest.get('GUID')).toBe(module.guid);
    expect(manifest.get('FunctionsToExport')).toEqual([]);
    const issues = new Issues('A.psrc');
    expect(decodeRoleCapability(parse(files[2].content).value, issues)).toEqual(role('A').model);
    expect(issues.any).toBe(false);
  });

  it.each<[string, Parameters<typeof defineJeaModule>[1], string]>([
    [
      'a role name used twice',
      { name: 'M', version: '1.0', roles: [role('A'), role('a')] },
      "estate/Mod: roleCapabilities[1] = 'a': role name used twice in module 'M' (also roleCapabilities[0])",
    ],
    [
      'a bad module name',
      { name: '1Mod', version: '1.0', roles: [role('A')] },
      "estate/Mod: name = '1Mod': not a module name",
    ],
    [
      'a bad version',
      { name: 'M', version: 'v1', roles: [role('A')] },
      "estate/Mod: version = 'v1': not a module version (allowed: 1.0 to 1.0.0.0)",
    ],
    [
      'no roles',
      { name: 'M', version: '1.0', roles: [] },
      'estate/Mod: roleCapabilities = []: a JEA module needs at least one role capability',
    ],
  ])('refuses %s', (_, declaration, message) => {
    expect(() => defineJeaModule('estate/Mod', declaration)).toThrow(message);
  });
});
