import { effectiveRights } from '../../src/effective/effective';
import { mergeCapabilities } from '../../src/effective/merge';
import { CapabilityModel, SessionConfigurationModel } from '../../src/jea/model';
import { EndpointEntry, RoleEntry } from '../../src/policy/policy-set';

const role = (name: string, model: CapabilityModel, module?: string): RoleEntry => ({
  name,
  ...(module ? { module } : {}),
  source: { file: `${name}.psrc` },
  model,
});
const endpoint = (model: SessionConfigurationModel, roles: RoleEntry[]): EndpointEntry => ({
  name: 'E',
  source: { file: 'E.pssc' },
  model,
  roles,
});

// The merge follows the engine, not the documentation's merge rules: each case here is one that
// test/engine/merge-readings.test.ts settles against pwsh (see the README, "Where PowerShell and
// its documentation differ").
describe('merging role capabilities (as the engine does)', () => {
  const merge = (...blocks: CapabilityModel[]) => mergeCapabilities(blocks).visibleCmdlets;

  it("gives the documentation's example what the engine gives it: Get-Service stays public, and constrained too", () => {
    // https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities, "How role capabilities are merged"
    const roleA: CapabilityModel = {
      visibleCmdlets: [
        'Get-Service',
        { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Client'] }] },
      ],
    };
    const roleB: CapabilityModel = {
      visibleCmdlets: [
        { name: 'Get-Service', parameters: [{ name: 'DisplayName', validatePattern: 'DNS.*' }] },
        { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Server'] }] },
      ],
    };
    expect(mergeCapabilities([roleA, roleB]).visibleCmdlets).toEqual([
      {
        name: 'Get-Service',
        parameters: [{ name: 'DisplayName', validatePattern: ['DNS.*'] }],
        alsoUnconstrained: true,
      },
      { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Client', 'DNS Server'] }] },
    ]);
  });

  it('keeps a command visible in one role with its constraints', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Stop-Process', parameters: [{ name: 'Name', validateSet: ['notepad'] }] }] },
        { visibleCmdlets: ['Get-Process'] },
      ),
    ).toEqual([
      { name: 'Get-Process' },
      { name: 'Stop-Process', parameters: [{ name: 'Name', validateSet: ['notepad'] }] },
    ]);
  });

  it('keeps the same constraints in two roles as those constraints', () => {
    const c: CapabilityModel = {
      visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }],
    };
    expect(merge(c, c)).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }]);
  });

  it('combines the parameters of every role (names compared case-insensitively)', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] },
        { visibleCmdlets: [{ name: 'get-service', parameters: [{ name: 'DisplayName' }] }] },
      ),
    ).toEqual([{ name: 'Get-Service', parameters: [{ name: 'DisplayName' }, { name: 'Name' }] }]);
  });

  it('does not let a bare listing win: the command stays constrained, and is also public unconstrained', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] },
        { visibleCmdlets: ['Get-Service'] },
      ),
    ).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name' }], alsoUnconstrained: true }]);
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] },
        { visibleCmdlets: ['Get-S*'] },
      ),
    ).toContainEqual({ name: 'Get-Service', parameters: [{ name: 'Name' }], alsoUnconstrained: true });
    // a module-qualified wildcard reaches only commands qualified with that module
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] },
        { visibleCmdlets: ['BitsTransfer\\*'] },
      ),
    ).toContainEqual({ name: 'Get-Service', parameters: [{ name: 'Name' }] });
  });

  it('keeps a set when another role lists the parameter bare', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] },
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] },
      ),
    ).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }]);
  });

  it('unites ValidateSets (case-insensitively)', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns', 'W32Time'] }] }] },
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['dns', 'BITS'] }] }] },
      ),
    ).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['BITS', 'Dns', 'W32Time'] }] }]);
  });

  it('joins ValidatePatterns as alternatives of one anchored pattern', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: 'A.*' }] }] },
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: 'B.*' }] }] },
      ),
    ).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: ['A.*', 'B.*'] }] }]);
  });

  it('applies a ValidateSet and a ValidatePattern together (a value must pass both)', () => {
    expect(
      merge(
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] },
        { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: 'W.*' }] }] },
      ),
    ).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'], validatePattern: ['W.*'] }] },
    ]);
  });

  it('drops a hashtable entry whose name has a wildcard (it matches nothing)', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-*', parameters: [{ name: 'Name' }] }] })).toEqual([]);
  });

  it('refuses the session when one name is constrained in both VisibleCmdlets and VisibleFunctions', () => {
    const r = mergeCapabilities([
      {
        visibleCmdlets: [{ name: 'Get-Date', parameters: [{ name: 'Format' }] }],
        visibleFunctions: [{ name: 'Get-Date', parameters: [{ name: 'UFormat' }] }],
      },
    ]);
    expect(r.sessionFails).toMatch(/'Get-Date' has parameter constraints in both VisibleCmdlets and VisibleFunctions/);
  });

  it('makes defined functions and aliases public unless some role lists VisibleFunctions / VisibleAliases', () => {
    const defined: CapabilityModel = {
      functionDefinitions: [{ name: 'Get-Foo', scriptBlock: '1' }],
      aliasDefinitions: [{ name: 'gf', value: 'Get-Foo' }],
    };
    expect(mergeCapabilities([defined])).toMatchObject({
      visibleFunctions: [{ name: 'Get-Foo' }],
      visibleAliases: ['gf'],
    });
    expect(mergeCapabilities([defined, { visibleFunctions: ['Get-Bar'], visibleAliases: ['gb'] }])).toMatchObject({
      visibleFunctions: [{ name: 'Get-Bar' }],
      visibleAliases: ['gb'],
    });
  });

  it('adds up external commands, aliases, providers and scripts', () => {
    const merged = mergeCapabilities([
      {
        visibleExternalCommands: ['C:\\Windows\\System32\\whoami.exe'],
        visibleProviders: ['FileSystem'],
        visibleAliases: ['gsv'],
        scriptsToProcess: ['C:\\a.ps1'],
      },
      {
        visibleExternalCommands: ['C:\\Windows\\System32\\ipconfig.exe', 'c:\\windows\\system32\\WHOAMI.exe'],
        visibleProviders: ['Registry'],
        visibleAliases: ['svc'],
      },
    ]);
    expect(merged.visibleExternalCommands).toEqual([
      'C:\\Windows\\System32\\ipconfig.exe',
      'C:\\Windows\\System32\\whoami.exe',
    ]);
    expect(merged.visibleProviders).toEqual(['FileSystem', 'Registry']);
    expect(merged.visibleAliases).toEqual(['gsv', 'svc']);
    expect(merged.scriptsToProcess).toEqual(['C:\\a.ps1']);
  });
});

describe('effective rights of a user', () => {
  const lev1 = role('Lev1', { visibleCmdlets: ['Get-Service'] }, 'Maint');
  const lev2 = role('Lev2', { visibleCmdlets: ['Restart-Computer'] }, 'Maint');
  const ep = endpoint(
    {
      sessionType: 'RestrictedRemoteServer',
      roleDefinitions: [
        ['CONTOSO\\L1', { roleCapabilities: ['Lev1'] }],
        ['CONTOSO\\L2', { roleCapabilities: ['Maint\\Lev2'] }],
        ['CONTOSO\\carol', { roleCapabilities: ['Ghost'] }],
        ['CONTOSO\\alice', { visibleCmdlets: ['Get-Process'] }],
      ],
      requiredGroups: { or: ['CONTOSO\\MFA', 'CONTOSO\\SmartCard'] },
      visibleProviders: ['Variable'],
    },
    [lev1, lev2],
  );

  it('combines every matching entry (user or group, any case), the session level and the session type defaults', () => {
    const r = effectiveRights(ep, 'contoso\\ALICE', ['CONTOSO\\l2', 'CONTOSO\\MFA']);
    expect(r.matchedPrincipals).toEqual(['CONTOSO\\L2', 'CONTOSO\\alice']);
    expect(r.sessionFails).toBeUndefined();
    expect(r.rights.roles).toEqual(['Lev2']);
    expect(r.rights.languageMode).toBe('NoLanguage');
    expect(r.rights.visibleCmdlets.map((c) => c.name)).toEqual([
      'Exit-PSSession',
      'Get-Command',
      'Get-FormatData',
      'Get-Help',
      'Get-Process',
      'Measure-Object',
      'Out-Default',
      'Restart-Computer',
      'Select-Object',
    ]);
    expect(r.rights.visibleCmdlets.find((c) => c.name === 'Select-Object')?.parameters?.map((p) => p.name)).toEqual([
      'InputObject',
      'Property',
    ]);
    expect(r.rights.visibleFunctions).toEqual([{ name: 'Clear-Host' }]);
    expect(r.rights.visibleProviders).toEqual(['Variable']);
  });

  it('says the session fails when a role no module provides is named (PowerShell refuses it)', () => {
    const r = effectiveRights(ep, 'CONTOSO\\carol', ['CONTOSO\\L2', 'CONTOSO\\MFA']);
    expect(r.missingRoles).toEqual(['Ghost']);
    expect(r.sessionFails).toMatch(/'Ghost': PowerShell refuses the session/);
    expect(r.rights.visibleCmdlets).toEqual([]);
    expect(
      effectiveRights({ ...ep, externalRoles: ['ghost'] }, 'CONTOSO\\carol', ['CONTOSO\\L2', 'CONTOSO\\MFA'])
        .sessionFails,
    ).toBeUndefined();
  });

  it('says plainly when RequiredGroups keep the user out', () => {
    const r = effectiveRights(ep, 'CONTOSO\\bob', ['CONTOSO\\L1']);
    expect(r.deniedBy).toBe('CONTOSO\\MFA or CONTOSO\\SmartCard');
    expect(r.rights.visibleCmdlets).toEqual([]);
  });

  it('gives nothing to a user no entry matches', () => {
    const r = effectiveRights(ep, 'CONTOSO\\mallory', ['CONTOSO\\MFA']);
    expect(r.matchedPrincipals).toEqual([]);
    expect(r.rights.visibleCmdlets).toEqual([]);
  });
});
