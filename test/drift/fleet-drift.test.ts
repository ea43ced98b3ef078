import { ArmError } from '../../src/drift/azure/arm-client';
import { fleetDrift, FleetDriftOptions } from '../../src/drift/azure/fleet-drift';
import { parseScope, ScopeError } from '../../src/drift/azure/fleet-scope';
import { assignmentName } from '../../src/drift/azure/guestconfig-compare';
import { packageName } from '../../src/guestconfig/package';
import {
  assignmentId,
  FakeAssignment,
  FakeFleet,
  FakeFleetArm,
  FakeFleetOptions,
  FakeMachine,
  machineId,
  startFakeFleetArm,
} from './fake-fleet-arm';
import { declaredHash, MIX, REASONS } from './fleet-mix';
import { estate } from './estate';

const TOKEN = 'fake-token-for-fleet-tests';
const [SUB_A, SUB_B] = MIX.subscriptions;
const MG = `/providers/Microsoft.Management/managementGroups/${MIX.managementGroup}`;
// without the package records' placements: every endpoint is expected on every machine of the scope
const declared = { ...estate(), packages: undefined };
const ENDPOINTS = declared.endpoints.map((e) => e.name);
const HASHES = Object.fromEntries(ENDPOINTS.map((e) => [e, declaredHash(e)]));

/** Every declared endpoint's assignment, compliant, with the declared hash; `edit` changes some. */
function assignments(
  edit: (a: FakeAssignment, endpoint: string) => FakeAssignment | null = (a) => a,
): FakeAssignment[] {
  return ENDPOINTS.flatMap((ep) => {
    const a = edit({ name: assignmentName(ep), status: 'Compliant', contentHash: HASHES[ep] }, ep);
    return a ? [a] : [];
  });
}

function machine(name: string, extra: Partial<FakeMachine> = {}): FakeMachine {
  return {
    subscription: SUB_A,
    resourceGroup: 'rg-servers',
    name,
    kind: 'vm',
    os: 'Windows',
    assignments: assignments(),
    ...extra,
  };
}

describe('fleet drift through Machine Configuration', () => {
  let arm: FakeFleetArm | undefined;
  afterEach(async () => {
    await arm?.close();
    arm = undefined;
  });

  async function run(
    machines: FakeMachine[],
    options: Partial<FleetDriftOptions> = {},
    fake: Partial<FakeFleetOptions> = {},
  ) {
    const fleet: FakeFleet = { managementGroups: { [MIX.managementGroup]: MIX.subscriptions }, machines };
    arm = await startFakeFleetArm(fleet, { token: TOKEN, ...fake });
    return fleetDrift(declared, {
      scope: `/subscriptions/${SUB_A}`,
      endpoint: arm.url,
      token: () => Promise.resolve(TOKEN),
      contentHashes: HASHES,
      ...options,
    });
  }
  const rows = (r: { findings: readonly { host: string; endpoint: string | null; kind: string }[] }) =>
    r.findings.map((f) => [f.host, f.endpoint, f.kind]);

  it('finds nothing on compliant machines, reading machines and assignments once per subscription', async () => {
    const result = await run([machine('vm-dns01'), machine('vm-file01')]);
    expect(result).toEqual({ findings: [], machines: 2, skipped: 0, subscriptions: [SUB_A], warnings: [] });
    expect(arm!.requests.sort()).toEqual([
      `GET /subscriptions/${SUB_A}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`,
      `GET /subscriptions/${SUB_A}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments?api-version=2024-04-05`,
      `GET /subscriptions/${SUB_A}/providers/Microsoft.HybridCompute/machines?api-version=2024-07-10`,
    ]);
  });

  it('reports a non-compliant assignment with the reasons of its latest report', async () => {
    const m = machine('vm-dns01', {
      assignments: assignments((a, ep) =>
        ep === 'JEA-DNS' ? { ...a, status: 'NonCompliant', reasons: REASONS.tampered() } : a,
      ),
    });
    const result = await run([m]);
    const a = m.assignments.find((x) => x.name === 'jeajit-JEA-DNS')!;
    expect(result.findings).toEqual([
      {
        host: 'vm-dns01',
        endpoint: 'JEA-DNS',
        kind: 'guestconfig-noncompliant',
        path: assignmentId(m, a),
        declared: 'Compliant',
        actual: REASONS.tampered(),
      },
    ]);
    expect(arm!.requests).toContainEqual(
      expect.stringMatching(
        /^GET \/subscriptions\/.*\/guestConfigurationAssignments\/jeajit-JEA-DNS\/reports\/7367cbb8-[0-9a-f-]+\?api-version=2024-04-05$/,
      ),
    );
  });

  it('takes reasons from the list item when it carries the latest report, without reading the report', async () => {
    const m = machine('vm-dns01', {
      assignments: assignments((a, ep) =>
        ep === 'JEA-DNS' ? { ...a, status: 'NonCompliant', reasons: REASONS.notRegistered(ep), inlineReport: true } : a,
      ),
    });
    const result = await run([m]);
    expect(result.findings.map((f) => [f.kind, f.actual])).toEqual([
      ['guestconfig-noncompliant', REASONS.notRegistered('JEA-DNS')],
    ]);
    expect(arm!.requests.filter((r) => r.includes('/reports/'))).toEqual([]);
  });

  it('reports pending, missing and another package build; a hash in another case is the same hash', async () => {
    const m = machine('vm-dns01', {
      assignments: assignments((a, ep) =>
        ep === 'JEA-DNS'
          ? { ...a, status: 'Pending' }
          : ep === 'JEA-FileServer'
            ? null
            : ep === 'JEA-Helpdesk'
              ? { ...a, contentHash: declaredHash('old') }
              : { ...a, contentHash: a.contentHash.toLowerCase() },
      ),
    });
    const result = await run([
      m,
      machine('vm-new01', { assignments: [{ name: 'jeajit-JEA-DNS', status: null, contentHash: HASHES['JEA-DNS'] }] }),
    ]);
    expect(result.findings.map((f) => [f.host, f.endpoint, f.kind, f.path, f.declared, f.actual])).toEqual([
      [
        'vm-dns01',
        'JEA-DNS',
        'guestconfig-pending',
        assignmentId(m, m.assignments[0]),
        'Compliant',
        { complianceStatus: 'Pending', lastComplianceStatusChecked: '2025-06-01T08:00:00Z' },
      ],
      [
        'vm-dns01',
        'JEA-FileServer',
        'guestconfig-missing',
        `${machineId(m)}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/jeajit-JEA-FileServer`,
        'jeajit-JEA-FileServer',
        null,
      ],
      [
        'vm-dns01',
        'JEA-Helpdesk',
        'guestconfig-unexpected-content',
        assignmentId(m, m.assignments[1]),
        HASHES['JEA-Helpdesk'],
        declaredHash('old'),
      ],
      [
        'vm-new01',
        'JEA-DNS',
        'guestconfig-pending',
        expect.any(String),
        'Compliant',
        { complianceStatus: null, lastComplianceStatusChecked: null },
      ],
      ['vm-new01', 'JEA-FileServer', 'guestconfig-missing', expect.any(String), 'jeajit-JEA-FileServer', null],
      ['vm-new01', 'JEA-Helpdesk', 'guestconfig-missing', expect.any(String), 'jeajit-JEA-Helpdesk', null],
      ['vm-new01', 'JEA-Maintenance', 'guestconfig-missing', expect.any(String), 'jeajit-JEA-Maintenance', null],
    ]);
  });

  it('checks content hashes only for the endpoints given', async () => {
    const m = machine('vm-dns01', { assignments: assignments((a) => ({ ...a, contentHash: 'other' })) });
    expect(
      (await run([m], { contentHashes: { 'JEA-DNS': HASHES['JEA-DNS'] } })).findings.map((f) => [f.endpoint, f.kind]),
    ).toEqual([['JEA-DNS', 'guestconfig-unexpected-content']]);
    await arm!.close();
    // none given: those the synth output records, for the example's two packages (JEA-DNS, JEA-Maintenance)
    expect(
      (await run([m], { contentHashes: undefined })).findings.map((f) => [f.endpoint, f.kind, f.declared]),
    ).toEqual([
      ['JEA-DNS', 'guestconfig-unexpected-content', declared.contentHashes!['JEA-DNS'][0]],
      ['JEA-Maintenance', 'guestconfig-unexpected-content', declared.contentHashes!['JEA-Maintenance'][0]],
    ]);
  });

  it('takes the hashes of the packages the synth output records by default, and accepts any of several', async () => {
    const m = machine('vm-dns01', { assignments: assignments((a) => ({ ...a, contentHash: 'other' })) });
    const recorded = { ...declared, contentHashes: { 'JEA-DNS': [HASHES['JEA-DNS'], 'OTHER'] } };
    const fleet: FakeFleet = { managementGroups: {}, machines: [m] };
    arm = await startFakeFleetArm(fleet, { token: TOKEN });
    const options = { scope: `/subscriptions/${SUB_A}`, endpoint: arm.url, token: () => Promise.resolve(TOKEN) };
    expect((await fleetDrift(recorded, options)).findings).toEqual([]);
    const one = { ...declared, contentHashes: { 'JEA-DNS': [HASHES['JEA-DNS']] } };
    expect((await fleetDrift(one, options)).findings.map((f) => [f.endpoint, f.kind, f.declared])).toEqual([
      ['JEA-DNS', 'guestconfig-unexpected-content', HASHES['JEA-DNS']],
    ]);
  });

  it('expects an endpoint where its package records assign it: its machines and its policies’ scopes', async () => {
    const dns01 = machine('vm-dns01', { assignments: [] });
    const file01 = machine('vm-file01', { assignments: [] });
    const arc01 = machine('arc-branch01', { kind: 'arc', assignments: [] });
    const other = machine('vm-other01', {
      resourceGroup: 'rg-other',
      // present where not expected: still judged
      assignments: [
        {
          name: assignmentName('JEA-DNS'),
          status: 'NonCompliant',
          contentHash: HASHES['JEA-DNS'],
          reasons: REASONS.notRegistered('JEA-DNS'),
        },
      ],
    });
    const inB = machine('vm-b01', { subscription: SUB_B, assignments: [] });
    const placed = {
      ...declared,
      packages: {
        'JEA-DNS': {
          hashes: [HASHES['JEA-DNS']],
          machines: [machineId(dns01)],
          machinesKnownAtDeploy: 0,
          policies: [],
        },
        'JEA-Maintenance': {
          hashes: [HASHES['JEA-Maintenance']],
          machines: [],
          machinesKnownAtDeploy: 1,
          policies: [{ scope: `/subscriptions/${SUB_A}/resourceGroups/rg-servers`, includeArcMachines: false }],
        },
        'JEA-FileServer': {
          hashes: [HASHES['JEA-FileServer']],
          machines: [],
          machinesKnownAtDeploy: 0,
          policies: [{ scope: MG, includeArcMachines: true }],
        },
      },
    };
    arm = await startFakeFleetArm(
      { managementGroups: { [MIX.managementGroup]: [SUB_B] }, machines: [dns01, file01, arc01, other, inB] },
      { token: TOKEN },
    );
    const result = await fleetDrift(placed, {
      scope: `/subscriptions/${SUB_A}`,
      endpoint: arm.url,
      token: () => Promise.resolve(TOKEN),
    });
    const missing = (host: string) =>
      result.findings.filter((f) => f.host === host && f.kind === 'guestconfig-missing').map((f) => f.endpoint);
    // JEA-Helpdesk has no package: every machine of the scope
    expect(missing('vm-dns01')).toEqual(['JEA-DNS', 'JEA-Helpdesk', 'JEA-Maintenance']);
    expect(missing('vm-file01')).toEqual(['JEA-Helpdesk', 'JEA-Maintenance']);
    expect(missing('arc-branch01')).toEqual(['JEA-Helpdesk']);
    expect(missing('vm-other01')).toEqual(['JEA-Helpdesk']);
    expect(
      result.findings.filter((f) => f.kind === 'guestconfig-noncompliant').map((f) => [f.host, f.endpoint]),
    ).toEqual([['vm-other01', 'JEA-DNS']]);
    // the file server's policy is at a management group of the other subscription only (read once)
    expect(arm.requests.filter((r) => r.includes('/descendants'))).toHaveLength(1);
    expect(result.warnings).toEqual([
      'JEA-Maintenance: 1 of its machines are known only at deploy time: a machine without its assignment is reported only where the declaration names it',
    ]);
  });

  it('reads Arc servers through their own assignment list, Windows only, and skips other OSes', async () => {
    const arc = machine('arc-branch01', {
      kind: 'arc',
      assignments: assignments((a, ep) =>
        ep === 'JEA-Maintenance' ? { ...a, status: 'NonCompliant', reasons: REASONS.notRegistered(ep) } : a,
      ),
    });
    const fleet = [
      arc,
      machine('arc-linux01', { kind: 'arc', os: 'Linux', assignments: [] }),
      machine('arc-unknown01', { kind: 'arc', os: null, assignments: [] }),
      machine('vm-linux01', { os: 'Linux', assignments: [] }),
    ];
    const result = await run(fleet);
    expect(result.machines).toBe(1);
    expect(result.skipped).toBe(3);
    expect(result.findings.map((f) => [f.host, f.endpoint, f.kind, f.path, f.actual])).toEqual([
      [
        'arc-branch01',
        'JEA-Maintenance',
        'guestconfig-noncompliant',
        `${machineId(arc)}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/jeajit-JEA-Maintenance`,
        REASONS.notRegistered('JEA-Maintenance'),
      ],
    ]);
    const perMachine = arm!.requests.filter((r) =>
      /HybridCompute\/machines\/[^/]+\/providers\/Microsoft\.GuestConfiguration\/guestConfigurationAssignments\?/.test(
        r,
      ),
    );
    expect(perMachine).toEqual([
      `GET ${machineId(arc)}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments?api-version=2024-04-05`,
    ]);
  });

  it('counts an assignment once when the subscription list also holds Arc servers', async () => {
    const arc = machine('arc-branch01', {
      kind: 'arc',
      assignments: assignments((a, ep) => (ep === 'JEA-DNS' ? { ...a, status: 'Pending' } : a)),
    });
    const result = await run([arc], {}, { scopeListsIncludeArc: true });
    expect(rows(result)).toEqual([['arc-branch01', 'JEA-DNS', 'guestconfig-pending']]);
  });

  it('counts policy-made assignments (jeajit-<endpoint>$pid...) and ignores other configurations', async () => {
    const m = machine('vm-dns01', {
      assignments: [
        ...assignments((a, ep) => ({
          ...a,
          name: `${a.name}$pid${ep.length}abcdef0123`,
          status: ep === 'JEA-DNS' ? 'Pending' : 'Compliant',
        })),
        { name: 'AuditSecureProtocol', status: 'NonCompliant', contentHash: 'content hash' },
      ],
    });
    const result = await run([m]);
    expect(result.findings.map((f) => [f.endpoint, f.kind, f.path.split('/').pop()])).toEqual([
      ['JEA-DNS', 'guestconfig-pending', 'jeajit-JEA-DNS$pid7abcdef0123'],
    ]);
    expect(arm!.requests.filter((r) => r.includes('/reports/'))).toEqual([]);
  });

  it('reads a resource group scope only', async () => {
    const inside = machine('vm-dns01', { resourceGroup: 'rg-dns', assignments: [] });
    const result = await run([inside, machine('vm-file01', { resourceGroup: 'rg-files', assignments: [] })], {
      scope: `/subscriptions/${SUB_A}/resourceGroups/rg-dns`,
    });
    expect(new Set(result.findings.map((f) => f.host))).toEqual(new Set(['vm-dns01']));
    expect(result.findings).toHaveLength(ENDPOINTS.length);
    expect(arm!.requests.every((r) => r.startsWith(`GET /subscriptions/${SUB_A}/resourceGroups/rg-dns/`))).toBe(true);
  });

  it('reads a management group: every descendant subscription, names shared across them shown as resource IDs', async () => {
    const a = machine('srv-app01', { subscription: SUB_A, assignments: [] });
    const b = machine('srv-app01', {
      subscription: SUB_B,
      assignments: assignments((x, ep) => (ep === 'JEA-DNS' ? { ...x, status: 'Pending' } : x)),
    });
    const c = machine('vm-b01', {
      subscription: SUB_B,
      kind: 'arc',
      assignments: assignments((x, ep) => (ep === 'JEA-DNS' ? null : x)),
    });
    const result = await run([a, b, c], { scope: MG });
    expect(result.subscriptions).toEqual([SUB_A, SUB_B]);
    expect(result.machines).toBe(3);
    expect(rows(result)).toEqual([
      ...ENDPOINTS.map((ep) => [machineId(a), ep, 'guestconfig-missing']),
      [machineId(b), 'JEA-DNS', 'guestconfig-pending'],
      ['vm-b01', 'JEA-DNS', 'guestconfig-missing'],
    ]);
    expect(arm!.requests[0]).toBe(`GET ${MG}/descendants?api-version=2023-04-01`);
  });

  it('reads both list shapes at any page size, and 204 as an empty list', async () => {
    const machines = Array.from({ length: 7 }, (_, i) =>
      machine(`vm-${i}`, {
        kind: i % 3 ? 'vm' : 'arc',
        subscription: i % 2 ? SUB_B : SUB_A,
        assignments: assignments((a, ep) => (i === 4 && ep === 'JEA-DNS' ? null : a)),
      }),
    );
    machines.push(machine('vm-bare', { subscription: SUB_B, os: 'Linux', assignments: [] }));
    const result = await run(
      machines,
      { scope: MG },
      { pageSize: 2, assignmentLists: (s) => (s === SUB_B ? 'paged' : 'bare') },
    );
    expect(rows(result)).toEqual([['vm-4', 'JEA-DNS', 'guestconfig-missing']]);
    const pages = arm!.requests
      .filter((r) => /(\$|%24)skipToken=/.test(r))
      .map((r) => r.replace(/\?.*(\$|%24)skipToken=/, ' @'));
    expect(pages.sort()).toEqual([
      `GET /subscriptions/${SUB_B}/providers/Microsoft.Compute/virtualMachines @2`,
      ...[2, 4, 6].map(
        (n) => `GET /subscriptions/${SUB_B}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments @${n}`,
      ),
    ]);
    await arm!.close();
    const empty = await run([machine('vm-linux', { os: 'Linux', assignments: [] })]);
    expect(empty).toMatchObject({ findings: [], machines: 0, skipped: 1 });
  });

  it("warns about a management group's subscription it may not read, and fails on one scope it may not read", async () => {
    const fleet: FakeFleet = {
      managementGroups: { [MIX.managementGroup]: MIX.subscriptions },
      machines: [machine('vm-a', { assignments: [] })],
    };
    arm = await startFakeFleetArm(fleet, { token: TOKEN });
    const forbidding = (async (url: string, init?: RequestInit) =>
      url.includes(SUB_B)
        ? new Response(JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no access' } }), {
            status: 403,
          })
        : fetch(url, init)) as unknown as typeof fetch;
    const result = await fleetDrift(declared, {
      scope: MG,
      endpoint: arm.url,
      token: () => Promise.resolve(TOKEN),
      fetch: forbidding,
    });
    expect(result.warnings).toEqual([`subscription ${SUB_B}: ARM 403 AuthorizationFailed; not checked`]);
    expect(result.findings).toHaveLength(ENDPOINTS.length);
    await expect(
      fleetDrift(declared, {
        scope: `/subscriptions/${SUB_B}`,
        endpoint: arm.url,
        token: () => Promise.resolve(TOKEN),
        fetch: forbidding,
      }),
    ).rejects.toBeInstanceOf(ArmError);
    await expect(
      fleetDrift(declared, { scope: MG, endpoint: arm.url, token: () => Promise.resolve('wrong') }),
    ).rejects.toThrow(/ARM 401 AuthenticationFailed/);
  });

  it('warns about an Arc server gone between the machine list and its assignment list', async () => {
    const gone = machine('arc-gone01', { kind: 'arc', assignments: [] });
    const fleet: FakeFleet = {
      managementGroups: {},
      machines: [gone, machine('arc-here01', { kind: 'arc', assignments: [] })],
    };
    arm = await startFakeFleetArm(fleet, { token: TOKEN });
    const vanishing = (async (url: string, init?: RequestInit) =>
      url.includes('/arc-gone01/providers/')
        ? new Response(JSON.stringify({ error: { code: 'ResourceNotFound', message: 'gone' } }), { status: 404 })
        : fetch(url, init)) as unknown as typeof fetch;
    const result = await fleetDrift(declared, {
      scope: `/subscriptions/${SUB_A}`,
      endpoint: arm.url,
      token: () => Promise.resolve(TOKEN),
      fetch: vanishing,
    });
    expect(result.warnings).toEqual([`${machineId(gone)}: gone while read (ResourceNotFound); not checked`]);
    expect(result.machines).toBe(1);
    expect(new Set(result.findings.map((f) => f.host))).toEqual(new Set(['arc-here01']));
  });

  it('survives injected 429s and 503s', async () => {
    const machines = Array.from({ length: 40 }, (_, i) =>
      machine(`vm-${i}`, {
        kind: i % 4 ? 'vm' : 'arc',
        assignments: assignments((a, ep) =>
          i % 10 === 3 && ep === 'JEA-DNS' ? { ...a, status: 'NonCompliant', reasons: REASONS.notRegistered(ep) } : a,
        ),
      }),
    );
    const result = await run(
      machines,
      { retry: { baseDelayMs: 5 } },
      { pageSize: 5, faults: { throttleEvery: 3, failEvery: 5 } },
    );
    expect(rows(result)).toEqual([13, 23, 3, 33].map((i) => [`vm-${i}`, 'JEA-DNS', 'guestconfig-noncompliant']));
    expect(arm!.stats.throttled).toBeGreaterThan(2);
    expect(arm!.stats.failed).toBeGreaterThan(1);
  });
});

describe('fleet scopes and names', () => {
  it('reads the three scope forms in any case, and refuses others', () => {
    expect(parseScope('/providers/microsoft.management/managementgroups/mg-1/')).toEqual({
      kind: 'managementGroup',
      managementGroup: 'mg-1',
    });
    expect(parseScope(`/subscriptions/${SUB_A}`)).toEqual({ kind: 'subscription', subscription: SUB_A });
    expect(parseScope(`/SUBSCRIPTIONS/${SUB_A}/resourcegroups/rg-x`)).toEqual({
      kind: 'resourceGroup',
      subscription: SUB_A,
      resourceGroup: 'rg-x',
    });
    for (const bad of [
      '',
      SUB_A,
      '/subscriptions',
      `/subscriptions/${SUB_A}/resourceGroups/rg/providers/x`,
      '/providers/Microsoft.Management/managementGroups',
    ])
      expect(() => parseScope(bad)).toThrow(ScopeError);
  });

  it('names assignments as the package builder names packages', () => {
    for (const ep of ENDPOINTS) expect(assignmentName(ep)).toBe(packageName(ep));
  });
});
