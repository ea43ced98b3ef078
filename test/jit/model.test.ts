import { Issues } from '../../src/jea/issues';
import {
  ActivationPolicy,
  checkActivation,
  checkGroupEligibility,
  checkPimEligibility,
  checkVmJitPolicy,
  PimEligibilityModel,
  VmJitPolicyModel,
} from '../../src/jit/model';

const VM =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const ID = '3f2a6c1e-0b7d-4e5a-9c1f-2d8e7a6b5c40';

function lines(check: (issues: Issues) => void): string[] {
  const issues = new Issues('estate/Jit');
  check(issues);
  return issues.all.map((i) => `${i.field} = ${JSON.stringify(i.value)}: ${i.reason}`);
}

const policy = (port: Partial<VmJitPolicyModel['virtualMachines'][0]['ports'][0]>): VmJitPolicyModel => ({
  name: 'default',
  resourceGroupName: 'rg',
  location: 'westeurope',
  virtualMachines: [
    {
      id: VM,
      ports: [
        {
          number: 3389,
          protocol: 'TCP',
          allowedSourceAddressPrefixes: ['10.0.0.0/8'],
          maxRequestAccessDuration: 'PT3H',
          ...port,
        },
      ],
    },
  ],
});

describe('VM JIT policy checks', () => {
  it('accepts a well-formed policy', () => {
    expect(lines((i) => checkVmJitPolicy(policy({}), i))).toEqual([]);
  });

  it.each<[string, Partial<VmJitPolicyModel['virtualMachines'][0]['ports'][0]>, string]>([
    [
      'a port out of range',
      { number: 70000 },
      'virtualMachines[0].ports[0].number = 70000: out of range: ports are 0-65535',
    ],
    [
      'an unknown protocol',
      { protocol: 'ICMP' as never },
      "virtualMachines[0].ports[0].protocol = \"ICMP\": allowed: 'TCP', 'UDP', '*'",
    ],
    [
      'a duration over 24 hours',
      { maxRequestAccessDuration: 'PT25H' },
      'virtualMachines[0].ports[0].maxRequestAccessDuration = "PT25H": out of range: just-in-time VM access lasts PT5M to PT24H',
    ],
    [
      'a duration under 5 minutes',
      { maxRequestAccessDuration: 'PT1M' },
      'out of range: just-in-time VM access lasts PT5M to PT24H',
    ],
    [
      'a bad prefix',
      { allowedSourceAddressPrefixes: ['10.0.0.0/40'] },
      'virtualMachines[0].ports[0].allowedSourceAddressPrefixes[0] = "10.0.0.0/40": not an IP address, a CIDR block or a service tag',
    ],
    [
      'no source',
      { allowedSourceAddressPrefixes: [] },
      'virtualMachines[0].ports[0].allowedSourceAddressPrefixes = []: at least one source',
    ],
  ])('refuses %s', (_, port, message) => {
    expect(lines((i) => checkVmJitPolicy(policy(port), i))).toContainEqual(expect.stringContaining(message));
  });

  it('refuses a VM ID that is not one, unless it is a token', () => {
    const bad = { ...policy({}), virtualMachines: [{ ...policy({}).virtualMachines[0], id: 'vm1' }] };
    expect(lines((i) => checkVmJitPolicy(bad, i))).toContainEqual(
      expect.stringContaining('virtualMachines[0].id = "vm1": not a VM resource ID'),
    );
    expect(lines((i) => checkVmJitPolicy(bad, i, (v) => v === 'vm1'))).toEqual([]);
  });

  it('refuses the same port and protocol twice on one VM', () => {
    const twice = {
      ...policy({}),
      virtualMachines: [
        { id: VM, ports: [...policy({}).virtualMachines[0].ports, ...policy({}).virtualMachines[0].ports] },
      ],
    };
    expect(lines((i) => checkVmJitPolicy(twice, i))).toEqual([
      'virtualMachines[0].ports[1] = "3389/TCP": this port and protocol are listed twice for the VM',
    ]);
  });
});

describe('activation and eligibility checks', () => {
  const activation: ActivationPolicy = { maximumDuration: 'PT4H' };

  it.each<[string, ActivationPolicy, string]>([
    [
      'approval without approvers',
      { ...activation, approval: { approvers: [] } },
      'approval.approvers = []: approval needs at least one approver',
    ],
    [
      'an approver that is not an object ID',
      { ...activation, approval: { approvers: [{ type: 'User', objectId: 'alice' }] } },
      'approval.approvers[0].objectId = "alice": not an Entra ID object ID (a GUID)',
    ],
    [
      'an approver of an unknown type',
      { ...activation, approval: { approvers: [{ type: 'Team' as never, objectId: ID }] } },
      "approval.approvers[0].type = \"Team\": allowed: 'User', 'Group'",
    ],
    [
      'a duration off the 30-minute steps',
      { maximumDuration: 'PT1H10M' },
      'maximumDuration = "PT1H10M": out of range (allowed: PT30M to PT23H30M in 30-minute steps, or P1D)',
    ],
    [
      'MFA together with an authentication context',
      { ...activation, requireMfa: true, conditionalAccessContext: 'c1' },
      'requireMfa = true: PIM takes either MFA or a Conditional Access context, not both: the context can itself require MFA',
    ],
    [
      'a bad authentication context',
      { ...activation, conditionalAccessContext: 'strong' },
      'conditionalAccessContext = "strong": not an authentication context ID (c1 to c99)',
    ],
    [
      'a bad notification address',
      { ...activation, notifyOnActivation: ['secops'] },
      'notifyOnActivation[0] = "secops": not an email address',
    ],
  ])('refuses %s', (_, policy, message) => {
    expect(lines((i) => checkActivation(policy, i))).toContain(message);
  });

  const pim: PimEligibilityModel = {
    scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg',
    roleDefinitionGuid: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
    principalId: ID,
    expiry: 'P90D',
    activation,
  };

  it('accepts a well-formed PIM eligibility', () => {
    expect(lines((i) => checkPimEligibility(pim, i))).toEqual([]);
  });

  it.each<[string, Partial<PimEligibilityModel>, string]>([
    [
      'an expiry PIM does not offer',
      { expiry: 'P60D' as never },
      'expiry = "P60D": allowed: P15D, P30D, P90D, P180D, P365D or none',
    ],
    ['a bad scope', { scope: 'rg' }, 'scope = "rg": not a scope'],
    [
      'an unknown role',
      { roleDefinitionGuid: 'Janitor' },
      'role = "Janitor": not a role definition GUID or a known built-in role name',
    ],
    ['a bad principal', { principalId: 'bob' }, 'principalId = "bob": not an Entra ID object ID (a GUID)'],
    [
      'a ticket without a number',
      { ticket: { number: ' ', system: 'ServiceNow' } },
      'ticket = {"number":" ","system":"ServiceNow"}: a ticket needs a number and a system',
    ],
    [
      'a nested activation problem',
      { activation: { maximumDuration: 'PT2D' } },
      'activation.maximumDuration = "PT2D": not an ISO 8601 duration',
    ],
  ])('refuses %s', (_, change, message) => {
    expect(lines((i) => checkPimEligibility({ ...pim, ...change }, i))).toContainEqual(
      expect.stringContaining(message),
    );
  });

  it('refuses a group eligibility without principals', () => {
    expect(
      lines((i) =>
        checkGroupEligibility(
          { groupId: ID, principalIds: [], assignmentType: 'member', expiry: 'P30D', activation },
          i,
        ),
      ),
    ).toEqual(['principalIds = []: at least one eligible principal']);
  });
});
