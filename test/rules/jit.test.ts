import { JIT001 } from '../../src/rules/JIT001';
import { JIT002 } from '../../src/rules/JIT002';
import { JIT003 } from '../../src/rules/JIT003';
import { JIT004 } from '../../src/rules/JIT004';
import { JIT005 } from '../../src/rules/JIT005';
import { JIT006 } from '../../src/rules/JIT006';
import { JIT007 } from '../../src/rules/JIT007';
import { runRules } from '../../src/rules/run';
import { check, group, jit, pim, policy, vmJit } from './helpers';

describe('every JIT rule passes a hardened policy', () => {
  it.each([JIT001, JIT002, JIT003, JIT004, JIT005, JIT006])('%p', (rule) => {
    expect(check(rule, policy({ vmJit: [vmJit(['10.0.0.0/24'])], pim: [pim()], groups: [group()] }))).toEqual([]);
  });
});

describe('JIT001 ports open to the internet', () => {
  it.each(['*', 'Internet', 'internet', 'Any', '0.0.0.0/0', '::/0'])('fires for %s', (prefix) => {
    const found = check(JIT001, policy({ vmJit: [vmJit(['10.0.0.0/24', prefix])] }));
    expect(found.map((f) => f.path)).toEqual([['virtualMachines', 0, 'ports', 0, 'allowedSourceAddressPrefixes', 1]]);
    expect(found[0].message).toContain(`'${prefix}'`);
    expect(found[0].message).toMatch(/JIT policy 'rdp' lets requests open a port to .*: vm1 \(3389\/TCP\)/);
  });

  it('groups the ports of a policy into one finding per value, naming every VM and port', () => {
    const vm = (n: string, ports: number[], prefix: string) => ({
      id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${n}`,
      ports: ports.map((number) => ({
        number,
        protocol: 'TCP' as const,
        allowedSourceAddressPrefixes: [prefix],
        maxRequestAccessDuration: 'PT8H',
      })),
    });
    const entry = jit('fleet', {
      name: 'jeajit',
      resourceGroupName: 'rg',
      location: 'westeurope',
      virtualMachines: [vm('vm1', [3389, 22], '*'), vm('vm2', [3389], '*'), vm('vm3', [3389], '10.0.0.0/8')],
    });
    const found = check(JIT001, policy({ vmJit: [entry] }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(
      /lets requests open 3 ports to '\*', the whole internet: vm1 \(3389\/TCP, 22\/TCP\), vm2 \(3389\/TCP\);/,
    );
    const long = check(JIT002, policy({ vmJit: [entry] }));
    expect(long).toHaveLength(1);
    expect(long[0].message).toMatch(
      /lets 4 ports stay open for PT8H, more than 3 hours: vm1 \(3389\/TCP, 22\/TCP\), vm2 \(3389\/TCP\), vm3 \(3389\/TCP\);/,
    );
  });

  it.each(['10.0.0.0/8', '203.0.113.7', 'VirtualNetwork', 'AzureCloud.WestEurope', '0.0.0.0/8'])(
    'does not fire for %s (near miss)',
    (prefix) => {
      expect(check(JIT001, policy({ vmJit: [vmJit([prefix])] }))).toEqual([]);
    },
  );

  it('reports the construct path through runRules', () => {
    const [f] = runRules(policy({ vmJit: [vmJit(['*'])] }), { rules: [JIT001] });
    expect(f).toMatchObject({
      ruleId: 'JIT001',
      severity: 'error',
      file: 'jit/rdp',
      line: 1,
      column: 1,
      path: 'virtualMachines[0].ports[0].allowedSourceAddressPrefixes[0]',
    });
  });
});

describe('JIT002 long VM JIT durations', () => {
  it.each(['PT3H1M', 'PT4H', 'PT24H', 'P1D'])('fires for %s', (d) => {
    const found = check(JIT002, policy({ vmJit: [vmJit(['10.0.0.1'], d)] }));
    expect(found.map((f) => f.path)).toEqual([['virtualMachines', 0, 'ports', 0, 'maxRequestAccessDuration']]);
    expect(found[0].message).toContain(d);
  });

  it.each(['PT3H', 'PT180M', 'PT1H', 'not a duration'])('does not fire for %s (near miss)', (d) => {
    expect(check(JIT002, policy({ vmJit: [vmJit(['10.0.0.1'], d)] }))).toEqual([]);
  });
});

describe('JIT003 activation without MFA or context', () => {
  it('fires for role and group eligibilities', () => {
    const found = check(
      JIT003,
      policy({
        pim: [
          pim({ activation: { maximumDuration: 'PT1H', approval: { approvers: [{ type: 'User', objectId: '1' }] } } }),
        ],
        groups: [group({ activation: { maximumDuration: 'PT1H', requireMfa: false } })],
      }),
    );
    expect(found.map((f) => [f.source.file, f.path])).toEqual([
      ['jit/owner', ['activation', 'requireMfa']],
      ['jit/ops-group', ['activation', 'requireMfa']],
    ]);
    expect(found[0].message).toMatch(/Owner.*without MFA/);
  });

  it('accepts MFA or a context (near miss)', () => {
    expect(
      check(
        JIT003,
        policy({
          pim: [pim({ activation: { maximumDuration: 'PT1H', conditionalAccessContext: 'c2' } })],
          groups: [group({ activation: { maximumDuration: 'PT1H', requireMfa: true } })],
        }),
      ),
    ).toEqual([]);
  });
});

describe('JIT004 privileged roles without approval', () => {
  it.each([
    [{ roleName: 'Owner' }],
    [{ roleName: 'contributor', roleDefinitionGuid: 'b24988ac-6180-42a0-ab88-20f7382dd24c' }],
    [{ roleName: undefined, roleDefinitionGuid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' }],
    [{ roleName: undefined, roleDefinitionGuid: 'F58310D9-A9F6-439A-9E8D-F62E7B41A168' }],
  ])('fires for %j', (over) => {
    const found = check(
      JIT004,
      policy({ pim: [pim({ ...over, activation: { maximumDuration: 'PT1H', requireMfa: true } })] }),
    );
    expect(found.map((f) => f.path)).toEqual([['activation', 'approval']]);
    expect(found[0].message).toMatch(/without approval/);
  });

  it('does not fire with approvers, or for a non-privileged role (near miss)', () => {
    expect(check(JIT004, policy({ pim: [pim()] }))).toEqual([]);
    expect(
      check(
        JIT004,
        policy({
          pim: [
            pim({
              roleName: 'Reader',
              roleDefinitionGuid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
              activation: { maximumDuration: 'PT1H', requireMfa: true },
            }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        JIT004,
        policy({
          pim: [pim({ activation: { maximumDuration: 'PT1H', requireMfa: true, approval: { approvers: [] } } })],
        }),
      ),
    ).toHaveLength(1);
  });
});

describe('JIT005 eligibilities that never expire', () => {
  it('fires for expiry none', () => {
    const found = check(JIT005, policy({ pim: [pim({ expiry: 'none' })], groups: [group({ expiry: 'none' })] }));
    expect(found.map((f) => f.path)).toEqual([['expiry'], ['expiry']]);
    expect(found[0].message).toMatch(/never expires/);
  });

  it('accepts an expiry (near miss)', () => {
    expect(check(JIT005, policy({ pim: [pim({ expiry: 'P365D' })], groups: [group({ expiry: 'P15D' })] }))).toEqual([]);
  });
});

describe('JIT006 activation without justification', () => {
  it('fires for requireJustification false', () => {
    const found = check(
      JIT006,
      policy({
        pim: [pim({ activation: { maximumDuration: 'PT1H', requireMfa: true, requireJustification: false } })],
        groups: [group({ activation: { maximumDuration: 'PT1H', requireJustification: false } })],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['activation', 'requireJustification'],
      ['activation', 'requireJustification'],
    ]);
  });

  it('treats undefined as true (near miss)', () => {
    expect(
      check(
        JIT006,
        policy({
          pim: [pim({ activation: { maximumDuration: 'PT1H', requireJustification: true } })],
          groups: [group()],
        }),
      ),
    ).toEqual([]);
  });
});

describe('JIT007 VM JIT policies that overwrite entries they do not own', () => {
  it("flags the portal's default policy and a VM in two policies", () => {
    const a = vmJit(['10.0.0.0/8']);
    const b = jit('other', { ...a.model, name: 'jeajit-other' });
    const found = check(JIT007, policy({ vmJit: [a, b] }));
    expect(found.map((f) => f.path)).toEqual([['name'], ['virtualMachines', 0, 'id']]);
    expect(found[0].message).toMatch(/'default' is the portal's policy/);
    expect(found[1].message).toMatch(/VM 'vm1' is already in JIT policy rdp/);
  });

  it("accepts policies of jeajit's own names over different VMs (near miss)", () => {
    const a = jit('a', { ...vmJit(['10.0.0.0/8']).model, name: 'jeajit-a' });
    expect(check(JIT007, policy({ vmJit: [a] }))).toEqual([]);
  });
});
