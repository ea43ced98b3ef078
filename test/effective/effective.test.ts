import { effectiveRights } from '../../src/effective/effective';
import { mergeCapabilities } from '../../src/effective/merge';
import { CapabilityModel, SessionConfigurationModel } from '../../src/jea/model';
import { EndpointEntry, RoleEntry } from '../../src/policy/policy-set';

const role = (name: string, model: CapabilityModel, module?: string): RoleEntry => ({ name, ...(module ? { module } : {}), source: { file: `${name}.psrc` }, model });
const endpoint = (model: SessionConfigurationModel, roles: RoleEntry[]): EndpointEntry => ({ name: 'E', source: { file: 'E.pssc' }, model, roles });

describe('merging role capabilities (the documented rules)', () => {
  it('gives exactly the documented result for roles A and B over Get-Service and Restart-Service', () => {
    // https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities, "How role capabilities are merged"
    const roleA: CapabilityModel = { visibleCmdlets: ['Get-Service', { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Client'] }] }] };
    const roleB: CapabilityModel = {
      visibleCmdlets: [
        { name: 'Get-Service', parameters: [{ name: 'DisplayName', validatePattern: 'DNS.*' }] },
        { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Server'] }] },
      ],
    };
    expect(mergeCapabilities([roleA, roleB]).visibleCmdlets).toEqual([
      { name: 'Get-Service' },
      { name: 'Restart-Service', parameters: [{ name: 'DisplayName', validateSet: ['DNS Client', 'DNS Server'] }] },
    ]);
  });

  const merge = (...blocks: CapabilityModel[]) => mergeCapabilities(blocks).visibleCmdlets;

  it('rule 1: a command visible in one role keeps its constraints', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Stop-Process', parameters: [{ name: 'Name', validateSet: ['notepad'] }] }] }, { visibleCmdlets: ['Get-Process'] })).toEqual([
      { name: 'Get-Process' },
      { name: 'Stop-Process', parameters: [{ name: 'Name', validateSet: ['notepad'] }] },
    ]);
  });

  it('rule 2: the same constraints in two roles stay those constraints', () => {
    const c: CapabilityModel = { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] };
    expect(merge(c, c)).toEqual([{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }]);
  });

  it('rule 3: different parameter sets combine; a role that leaves the command unconstrained wins', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] }, { visibleCmdlets: [{ name: 'get-service', parameters: [{ name: 'DisplayName' }] }] })).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'DisplayName' }, { name: 'Name' }] },
    ]);
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] }, { visibleCmdlets: ['Get-Service'] })).toEqual([{ name: 'Get-Service' }]);
  });

  it('rule 4: a parameter left unconstrained by one role drops the other role\'s set or pattern', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] }, { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name' }] }] })).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'Name' }] },
    ]);
  });

  it('rule 5: ValidateSets union (case-insensitively)', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns', 'W32Time'] }] }] }, { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['dns', 'BITS'] }] }] })).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['BITS', 'Dns', 'W32Time'] }] },
    ]);
  });

  it('rule 6: ValidatePatterns accumulate (any match allows)', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: '^A' }] }] }, { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: '^B' }] }] })).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: ['^A', '^B'] }] },
    ]);
  });

  it('rule 7: a ValidateSet meeting a ValidatePattern is dropped in favour of the patterns', () => {
    expect(merge({ visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] }] }, { visibleCmdlets: [{ name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: '^W' }] }] })).toEqual([
      { name: 'Get-Service', parameters: [{ name: 'Name', validatePattern: ['^W'] }] },
    ]);
  });

  it('adds up external commands, aliases (visible and defined), providers and scripts', () => {
    const merged = mergeCapabilities([
      { visibleExternalCommands: ['C:\\Windows\\System32\\whoami.exe'], visibleProviders: ['FileSystem'], visibleAliases: ['gsv'], scriptsToProcess: ['C:\\a.ps1'] },
      { visibleExternalCommands: ['C:\\Windows\\System32\\ipconfig.exe', 'c:\\windows\\system32\\WHOAMI.exe'], visibleProviders: ['Registry'], aliasDefinitions: [{ name: 'svc', value: 'Get-Service' }] },
    ]);
    expect(merged.visibleExternalCommands).toEqual(['C:\\Windows\\System32\\ipconfig.exe', 'C:\\Windows\\System32\\whoami.exe']);
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
        ['CONTOSO\\L2', { roleCapabilities: ['Maint\\Lev2', 'Ghost'] }],
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
    expect(r.rights.roles).toEqual(['Lev2']);
    expect(r.missingRoles).toEqual(['Ghost']);
    expect(r.rights.visibleCmdlets.map((c) => c.name)).toEqual([
      'Exit-PSSession', 'Get-Command', 'Get-FormatData', 'Get-Help', 'Get-Process', 'Measure-Object', 'Out-Default', 'Restart-Computer', 'Select-Object',
    ]);
    expect(r.rights.visibleFunctions).toEqual([{ name: 'Clear-Host' }]);
    expect(r.rights.visibleProviders).toEqual(['Variable']);
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
