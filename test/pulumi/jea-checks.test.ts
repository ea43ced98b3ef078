import * as P from '../../constructs/pulumi';
import { declareEstate } from '../../examples/pulumi/estate';
import { useMocks } from './helpers';

useMocks();

/** A small estate under its own scope, with the given cmdlets in its one role. */
function estate(name: string, cmdlets: string[]): P.JeaScope {
  const scope = new P.JeaScope(name);
  const opts = { parent: scope };
  const role = new P.RoleCapability('Ops', { visibleCmdlets: cmdlets }, opts);
  new P.JeaModule('M', { name: `${name}Module`, version: '1.0', roleCapabilities: [role] }, opts);
  new P.SessionConfiguration(
    'JEA-Ops',
    {
      runAs: { virtualAccount: true, groups: ['BUILTIN\\Users'] },
      transcriptDirectory: 'C:\\Transcripts',
      roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [role] }],
    },
    opts,
  );
  return scope;
}

describe('jeaChecks (the rules over a Pulumi estate)', () => {
  it('fails the program on a rule error, naming the component path', () => {
    expect(() => P.jeaChecks(estate('bad', ['Get-Service', 'Invoke-Expression']))).toThrow(
      /jeajit security rules failed:\n\[JEA001\] bad\/Ops VisibleCmdlets\[1\]: .*Invoke-Expression/,
    );
  });

  it('passes with a suppression that carries a reason, and reports it', () => {
    const findings = P.jeaChecks(estate('suppressed', ['Invoke-Expression']), {
      suppressions: [{ ruleId: 'JEA001', reason: 'break-glass, reviewed quarterly' }],
    });
    expect(findings.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([
      ['JEA001', 'break-glass, reviewed quarterly'],
    ]);
  });

  it('finds in the example estate what JeaChecks finds at cdktf synth', () => {
    const { scope } = declareEstate('contoso-checks');
    const findings = P.jeaChecks(scope);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['JEA002', 'JEA002', 'JEA014', 'JEA019', 'JEA019']);
    expect(P.policyOfEstate(scope).endpoints.map((e) => e.roles.map((r) => r.name))).toEqual([
      ['DnsOperator'],
      ['Helpdesk'],
      ['MaintenanceLev1', 'MaintenanceLev2'],
      ['FileShareOperator'],
    ]);
  });
});
