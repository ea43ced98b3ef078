import { ArmClient, ArmError } from '../../src/drift/azure/arm-client';
import { azureDrift } from '../../src/drift/azure/azure-drift';
import { armTokenProvider, Credential, isLocalEndpoint, TokenError } from '../../src/drift/azure/credentials';
import { driftCheck } from '../../src/drift/run';
import { deployedState, FakeArm, startFakeArm } from './fake-arm';
import { estate } from './estate';

const SUB = '00000000-0000-0000-0000-000000000000';
const TOKEN = 'fake-token-for-tests';
const RG_SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-contoso-servers`;
const ENV = { JEAJIT_ARM_TOKEN: TOKEN };

describe('drift of the JIT constructs against ARM', () => {
  const declared = estate();
  let arm: FakeArm;
  const run = () => azureDrift(declared, { subscription: SUB, endpoint: arm.url, env: ENV });
  const ourPolicy = () => arm.state.jitPages[1][0];
  const ourRules = () => arm.state.policies.values().next().value!.properties.rules as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const rule = (id: string) => ourRules().find((r) => r.id === id)!;

  beforeEach(async () => {
    arm = await startFakeArm(
      deployedState(
        SUB,
        declared.vmJit.map((j) => j.model),
        declared.pim.map((p) => p.model),
      ),
      SUB,
      TOKEN,
    );
  });
  afterEach(() => arm.close());

  it('finds no drift in a correct deployment, following nextLink across pages', async () => {
    expect(declared.vmJit).toHaveLength(1);
    expect(declared.pim).toHaveLength(1);
    expect(await run()).toEqual([]);
    expect(arm.requests).toEqual(
      expect.arrayContaining([
        `GET /subscriptions/${SUB}/providers/Microsoft.Security/jitNetworkAccessPolicies?api-version=2020-01-01`,
        `GET /subscriptions/${SUB}/providers/Microsoft.Security/jitNetworkAccessPolicies?api-version=2020-01-01&$skipToken=1`,
        `GET ${RG_SCOPE}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01`,
        `GET ${RG_SCOPE}/providers/Microsoft.Authorization/roleEligibilitySchedules?api-version=2020-10-01&%24filter=atScope%28%29`,
        `GET ${RG_SCOPE}/providers/Microsoft.Authorization/roleManagementPolicies/5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d?api-version=2020-10-01`,
      ]),
    );
  });

  it('reports a missing JIT policy', async () => {
    arm.state.jitPages = [arm.state.jitPages[0]];
    const found = await run();
    expect(found.map((f) => [f.host, f.endpoint, f.kind, f.path])).toEqual([
      [
        `azure:${SUB}`,
        'contoso/ManagementPortsJit',
        'jit-policy-missing',
        `${RG_SCOPE}/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/jeajit-ManagementPortsJit`,
      ],
    ]);
  });

  it('reports changed JIT fields by VM and port, and not a different spelling of the same duration', async () => {
    const [dc, file] = ourPolicy().properties.virtualMachines;
    dc.ports[0].maxRequestAccessDuration = 'PT180M';
    file.ports[0].maxRequestAccessDuration = 'PT8H';
    file.ports[1].allowedSourceAddressPrefixes = ['*'];
    file.ports.push({ number: 22, protocol: 'TCP', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' });
    const found = await run();
    expect(found.map((f) => [f.kind, f.path, f.declared, f.actual])).toEqual([
      ['jit-policy-changed', "virtualMachines['vm-file01'].ports['3389/TCP'].maxRequestAccessDuration", 'PT3H', 'PT8H'],
      [
        'jit-policy-changed',
        "virtualMachines['vm-file01'].ports['5985/TCP'].allowedSourceAddressPrefixes",
        ['10.20.0.0/16', '192.168.100.0/24'],
        ['*'],
      ],
      [
        'jit-policy-changed',
        "virtualMachines['vm-file01'].ports['22/TCP']",
        null,
        { number: 22, protocol: 'TCP', allowedSourceAddressPrefixes: ['*'], maxRequestAccessDuration: 'PT3H' },
      ],
    ]);
  });

  it("reports a declared VM that a policy jeajit does not own lists too (the portal's default)", async () => {
    const vm = ourPolicy().properties.virtualMachines[0];
    arm.state.jitPages[0].push({
      id: `${RG_SCOPE}/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default`,
      name: 'default',
      location: 'westeurope',
      properties: {
        virtualMachines: [
          {
            id: vm.id.toUpperCase(),
            ports: [{ number: 22, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }],
          },
        ],
      },
    });
    const found = await run();
    expect(found.map((f) => [f.endpoint, f.kind, f.path, f.actual])).toEqual([
      [
        'contoso/ManagementPortsJit',
        'jit-policy-foreign',
        `${RG_SCOPE}/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default`,
        { virtualMachine: vm.id, ports: ['22/*'] },
      ],
    ]);
  });

  it('reports a VM taken out of the policy', async () => {
    ourPolicy().properties.virtualMachines.pop();
    const found = await run();
    expect(found.map((f) => [f.kind, f.path, f.actual])).toEqual([
      ['jit-policy-changed', "virtualMachines['vm-file01']", null],
    ]);
  });

  it('reports changed PIM policy rules field by field', async () => {
    rule('Enablement_EndUser_Assignment').enabledRules = ['Justification'];
    rule('Expiration_EndUser_Assignment').maximumDuration = 'PT10H';
    rule('Approval_EndUser_Assignment').setting.approvalStages[0].primaryApprovers.push({
      id: '11111111-2222-4333-8444-555555555555',
      userType: 'User',
      isBackup: false,
    });
    rule('Notification_Admin_EndUser_Assignment').notificationRecipients = [];
    rule('Expiration_Admin_Eligibility').maximumDuration = 'P180D';
    const found = await run();
    expect(found.map((f) => [f.endpoint, f.kind, f.path, f.declared, f.actual])).toEqual([
      ['contoso/VmContributorOnCall', 'pim-policy-changed', 'activation.maximumDuration', 'PT8H', 'PT10H'],
      [
        'contoso/VmContributorOnCall',
        'pim-policy-changed',
        "activation.approval.approvers['11111111-2222-4333-8444-555555555555']",
        null,
        { type: 'User', objectId: '11111111-2222-4333-8444-555555555555' },
      ],
      ['contoso/VmContributorOnCall', 'pim-policy-changed', 'activation.requireMfa', true, false],
      ['contoso/VmContributorOnCall', 'pim-policy-changed', 'activation.requireTicketInfo', true, false],
      [
        'contoso/VmContributorOnCall',
        'pim-policy-changed',
        'activation.notifyOnActivation',
        ['secops@contoso.com'],
        [],
      ],
      ['contoso/VmContributorOnCall', 'pim-policy-changed', 'expiry', 'P365D', 'P180D'],
    ]);
  });

  it('reports approval switched off', async () => {
    rule('Approval_EndUser_Assignment').setting.isApprovalRequired = false;
    const found = await run();
    expect(found.map((f) => [f.kind, f.path, f.actual])).toEqual([['pim-policy-changed', 'activation.approval', null]]);
  });

  it('reports a missing eligibility schedule, and an undeclared one at the declared scope', async () => {
    const schedules = arm.state.schedules.get(RG_SCOPE.toLowerCase())!;
    const [own, inherited] = schedules;
    const stranger = JSON.parse(JSON.stringify(own));
    stranger.properties.principalId = '99999999-8888-4777-8666-555555555555';
    stranger.id = `${RG_SCOPE}/providers/Microsoft.Authorization/RoleEligibilitySchedules/stranger`;
    arm.state.schedules.set(RG_SCOPE.toLowerCase(), [stranger, inherited]);
    const found = await run();
    expect(found.map((f) => [f.endpoint, f.kind, f.path])).toEqual([
      ['contoso/VmContributorOnCall', 'eligibility-missing', ''],
      [null, 'eligibility-unexpected', stranger.id],
    ]);
    expect(found[1].actual).toEqual({
      scope: RG_SCOPE,
      roleDefinitionId: own.properties.roleDefinitionId,
      principalId: '99999999-8888-4777-8666-555555555555',
    });
  });

  it('ignores eligibilities inherited from above or through groups', async () => {
    const [own, inherited] = arm.state.schedules.get(RG_SCOPE.toLowerCase())!;
    const viaGroup = { ...JSON.parse(JSON.stringify(own)), id: 'x' };
    viaGroup.properties.principalId = '99999999-8888-4777-8666-555555555555';
    viaGroup.properties.memberType = 'Group';
    arm.state.schedules.set(RG_SCOPE.toLowerCase(), [own, inherited, viaGroup]);
    expect(inherited.properties.scope).toBe(`/subscriptions/${SUB}`);
    expect(await run()).toEqual([]);
  });

  it('fails with the ARM error when the token is refused', async () => {
    await expect(
      azureDrift(declared, { subscription: SUB, endpoint: arm.url, env: { JEAJIT_ARM_TOKEN: 'wrong' } }),
    ).rejects.toThrow(/ARM 401 AuthenticationFailed/);
  });

  it('reports in the same report as hosts, and says what it cannot check', async () => {
    const result = await driftCheck({ declared, azure: { subscription: SUB, endpoint: arm.url, env: ENV } });
    expect(result).toEqual({
      findings: [],
      checked: 1,
      warnings: ['1 PIM for Groups eligibility is in Microsoft Graph, not ARM: not checked'],
    });
  });
});

describe('the ARM client', () => {
  it('never follows a nextLink to another origin with the token', async () => {
    const fetcher = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ value: [1], nextLink: 'https://evil.example/steal' }), { status: 200 }),
      )) as unknown as typeof fetch;
    const client = new ArmClient('http://127.0.0.1:1', () => Promise.resolve('t'), fetcher);
    await expect(client.list('/x', '1')).rejects.toThrow(/ForeignNextLink/);
  });

  it('turns an answer that is not JSON into an ARM error with the status', async () => {
    const fetcher = (() =>
      Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }))) as unknown as typeof fetch;
    await expect(
      new ArmClient('http://127.0.0.1:1', () => Promise.resolve('t'), fetcher).get('/x', '1'),
    ).rejects.toThrow(/ARM 502 InvalidJson/);
  });

  it('turns network failures into ARM errors', async () => {
    const client = new ArmClient('http://127.0.0.1:9', () => Promise.resolve('t'));
    await expect(client.get('/subscriptions/x', '2020-01-01')).rejects.toBeInstanceOf(ArmError);
  });
});

describe('ARM credentials', () => {
  const credential = (token: string | Error) => {
    const scopes: string[] = [];
    const c: Credential & { scopes: string[] } = {
      scopes,
      getToken: async (scope) => (scopes.push(scope), token instanceof Error ? Promise.reject(token) : { token }),
    };
    return c;
  };

  it('uses the fake token only for a local endpoint', async () => {
    expect(isLocalEndpoint('http://127.0.0.1:8080')).toBe(true);
    expect(isLocalEndpoint('http://localhost')).toBe(true);
    expect(isLocalEndpoint('https://management.azure.com')).toBe(false);
    const c = credential('real');
    expect(await armTokenProvider('http://localhost:1234', ENV, () => c)()).toBe(TOKEN);
    expect(c.scopes).toEqual([]);
    expect(await armTokenProvider('https://management.azure.com', ENV, () => c)()).toBe('real');
    expect(c.scopes).toEqual(['https://management.azure.com/.default']);
    expect(await armTokenProvider('http://localhost:1234', {}, () => c)()).toBe('real');
  });

  it('explains a missing credential', async () => {
    await expect(
      armTokenProvider('https://management.azure.com', {}, () =>
        credential(new Error('CredentialUnavailableError: none\nmore')),
      )(),
    ).rejects.toThrow(TokenError);
    await expect(
      armTokenProvider('https://management.azure.com', {}, () => credential(new Error('nope')))(),
    ).rejects.toThrow(/no Azure token for https:\/\/management\.azure\.com\/\.default: nope/);
  });
});
