import { JEA017 } from '../../src/rules/JEA017';
import { check, endpoint, goodEndpointModel, lines, lint, policy, role, where } from './helpers';

// The engine behaviour behind the rule: test/engine/merge-readings.test.ts ("a command bare in one
// role and constrained in another ... its module-qualified name runs it with any value").
describe('JEA017 a constrained command the same user also gets unconstrained', () => {
  const constrained = role('Restart', {
    visibleCmdlets: [{ name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler'] }] }],
  });
  const withRoles = (bare: string, principals: [string, string][] = [['CONTOSO\\Ops', 'both']]) => {
    const open = role('Open', { visibleCmdlets: [bare] });
    const defs = principals.map(
      ([p, which]) =>
        [p, { roleCapabilities: which === 'both' ? ['Restart', 'Open'] : [which] }] as [
          string,
          { roleCapabilities: string[] },
        ],
    );
    return policy({
      roles: [constrained, open],
      endpoints: [endpoint('Ops', goodEndpointModel({ roleDefinitions: defs }), [constrained, open])],
    });
  };

  it('fires at the constrained entry when another role lists the command bare', () => {
    const found = check(JEA017, withRoles('Restart-Service'));
    expect(found).toHaveLength(1);
    expect(found[0].source.file).toBe('roles/Restart.psrc');
    expect(found[0].path).toEqual(['VisibleCmdlets', 0, 'Name']);
    expect(found[0].message).toMatch(
      /Restart-Service is constrained in role 'Restart', and listed without constraints in role 'Open' for 'CONTOSO\\Ops'/,
    );
    expect(found[0].message).toMatch(/module-qualified name runs it with any parameters/);
  });

  it('fires for a wildcard that matches the command', () => {
    expect(check(JEA017, withRoles('*-Service'))[0].message).toMatch(/matched by '\*-Service'/);
  });

  it('does not fire when the two roles belong to different principals, or for a module-qualified wildcard of another module (near misses)', () => {
    expect(
      check(
        JEA017,
        withRoles('Restart-Service', [
          ['CONTOSO\\A', 'Restart'],
          ['CONTOSO\\B', 'Open'],
        ]),
      ),
    ).toEqual([]);
    expect(check(JEA017, withRoles('DnsServer\\*'))).toEqual([]);
  });

  it('locates the entry in a parsed .psrc (a command twice in one role is also refused on load)', () => {
    const text = lines(
      '@{',
      "VisibleCmdlets = 'Get-Date', @{ Name = 'Get-Date'; Parameters = @{ Name = 'Format'; ValidateSet = 'yyyy' } }",
      '}',
    );
    const found = lint(JEA017, { 'Ops.psrc': text }, ['listed twice']);
    expect(found.map((f) => [f.line, f.column])).toEqual([[2, where(text, "'Get-Date';").column]]);
  });
});
