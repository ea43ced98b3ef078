import { JEA009 } from '../../src/rules/JEA009';
import { JEA018 } from '../../src/rules/JEA018';
import { check, endpoint, goodEndpointModel, lines, lint, policy, role } from './helpers';

// The engine behaviour behind both rules: test/engine/merge-readings.test.ts ("roles in a module
// version folder are never found: the session fails") and GetRoleCapabilityPath's first match.
describe('JEA009 a role capability no module on the role path provides', () => {
  const ops = role('Ops', { visibleCmdlets: ['Get-Service'] }, 'OpsModule');
  const model = goodEndpointModel({ roleDefinitions: [['CONTOSO\\Ops', { roleCapabilities: ['Ops', 'Ghost'] }]] });

  it('fires at the role name PowerShell cannot find', () => {
    const found = check(JEA009, policy({ roles: [ops], endpoints: [endpoint('E', model, [ops])] }));
    expect(found.map((f) => f.path)).toEqual([['RoleDefinitions', 'CONTOSO\\Ops', 'RoleCapabilities', 1]]);
    expect(found[0].message).toMatch(
      /names role 'Ghost', but no module on the role path provides it: PowerShell refuses the session/,
    );
  });

  it('does not fire for a role the endpoint declares external (near miss)', () => {
    expect(
      check(
        JEA009,
        policy({ roles: [ops], endpoints: [{ ...endpoint('E', model, [ops]), externalRoles: ['Ghost'] }] }),
      ),
    ).toEqual([]);
  });

  it('says when the only copy sits in a module version folder', () => {
    const text = lines(
      '@{',
      "SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true; TranscriptDirectory = 'C:\\T'",
      "RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = 'Ops' } }",
      '}',
    );
    const found = lint(JEA009, {
      'E.pssc': text,
      'OpsModule/1.0.0/RoleCapabilities/Ops.psrc': "@{ VisibleCmdlets = 'Get-Service' }",
    });
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(
      /in a module version folder \(OpsModule\/1\.0\.0\/RoleCapabilities\), which JEA never searches/,
    );
    expect(found[0].line).toBe(3);
  });
});

describe('JEA018 two modules provide a role capability of the same name', () => {
  it('fires on both copies, naming the other module', () => {
    const a = role('Ops', { visibleCmdlets: ['Get-Service'] }, 'ModA');
    const b = role('ops', { visibleCmdlets: ['Stop-Service'] }, 'ModB');
    const found = check(JEA018, policy({ roles: [a, b] }));
    expect(found).toHaveLength(2);
    expect(found[0].message).toMatch(/role 'Ops' of module 'ModA' is also provided by module 'ModB'/);
  });

  it('does not fire for distinct names, the same module twice, or a copy in a version folder (near misses)', () => {
    expect(check(JEA018, policy({ roles: [role('A', {}, 'M'), role('B', {}, 'N')] }))).toEqual([]);
    expect(check(JEA018, policy({ roles: [role('A', {}, 'M'), role('A', {}, 'M')] }))).toEqual([]);
    expect(
      check(
        JEA018,
        policy({ roles: [role('A', {}, 'M'), { ...role('A', {}, 'N'), unreachable: 'in a module version folder' }] }),
      ),
    ).toEqual([]);
  });
});
