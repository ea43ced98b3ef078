import { fleetDrift } from '../../src/drift/azure/fleet-drift';
import { FINDING_KINDS } from '../../src/drift/finding';
import { assignmentId, FakeFleetArm, machineId, startFakeFleetArm } from './fake-fleet-arm';
import { generateMix, MIX, REASONS } from './fleet-mix';
import { estate } from './estate';

const SIZE = 10_000;
const TOKEN = 'fake-token-for-fleet-scale';

describe(`fleet drift over ${SIZE.toLocaleString('en')} machines`, () => {
  // without the package records' placements: every endpoint is expected on every machine of the scope
  const declared = { ...estate(), packages: undefined };
  const endpoints = declared.endpoints.map((e) => e.name);
  const { fleet, expected, hashes } = generateMix(SIZE, endpoints);
  let arm: FakeFleetArm;

  beforeAll(async () => {
    arm = await startFakeFleetArm(fleet, {
      token: TOKEN,
      pageSize: 100,
      assignmentLists: (s) => (s === MIX.subscriptions[0] ? 'bare' : 'paged'),
      faults: { throttleEvery: 97, failEvery: 211 },
    });
  });
  afterAll(() => arm.close());

  it('finds exactly the known mix, through paging, 429s and 503s, under a management group of two subscriptions', async () => {
    const started = Date.now();
    const result = await fleetDrift(declared, {
      scope: `/providers/Microsoft.Management/managementGroups/${MIX.managementGroup}`,
      endpoint: arm.url,
      token: () => Promise.resolve(TOKEN),
      contentHashes: hashes,
      concurrency: 8,
      retry: { baseDelayMs: 20 },
    });
    const seconds = (Date.now() - started) / 1000;
    if (process.env.JEAJIT_FLEET_REPORT)
      console.log(
        `${SIZE} machines: ${seconds.toFixed(1)} s, ${arm.stats.requests} requests (${arm.stats.throttled} 429s, ${arm.stats.failed} 503s), ${result.findings.length} findings`,
      );

    expect(result.subscriptions).toEqual([...MIX.subscriptions]);
    expect(result.machines).toBe(expected.machines);
    expect(result.skipped).toBe(expected.skipped);
    expect(result.warnings).toEqual([]);
    const counts: Record<string, number> = {};
    for (const f of result.findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    expect(counts).toEqual(expected.kinds);
    expect(Object.keys(counts).every((k) => k in FINDING_KINDS)).toBe(true);
    expect(arm.stats.throttled).toBeGreaterThan(10);
    expect(arm.stats.failed).toBeGreaterThan(5);
    expect(seconds).toBeLessThan(45);

    const at = (i: number) => fleet.machines[i];
    const of = (i: number) => result.findings.filter((f) => f.host === at(i).name || f.host === machineId(at(i)));
    // a VM in subscription B non-compliant with one reason
    expect(of(1123)).toEqual([
      {
        host: 'vm-01123',
        endpoint: endpoints[1],
        kind: 'guestconfig-noncompliant',
        path: assignmentId(at(1123), at(1123).assignments[1]),
        declared: 'Compliant',
        actual: REASONS.notRegistered(endpoints[1]),
      },
    ]);
    // an Arc server non-compliant with two reasons, through a policy-made assignment (jeajit-<endpoint>$pid...)
    expect(at(1560).kind).toBe('arc');
    expect(of(1560).map((f) => [f.host, f.kind, f.path, f.actual])).toEqual([
      ['arc-01560', 'guestconfig-noncompliant', assignmentId(at(1560), at(1560).assignments[0]), REASONS.tampered()],
    ]);
    expect(of(1560)[0].path).toMatch(
      /\/Microsoft\.HybridCompute\/machines\/arc-01560\/.*\/jeajit-JEA-DNS\$pid[0-9a-f]+$/,
    );
    const arcNonCompliant = result.findings.filter(
      (f) => f.kind === 'guestconfig-noncompliant' && f.path.includes('/Microsoft.HybridCompute/machines/'),
    );
    expect(arcNonCompliant).toHaveLength(SIZE / 100);
    // pending (Arc and VM), another package build, a hash in lower case, a machine without any assignment
    expect(of(35).map((f) => [f.host, f.endpoint, f.kind])).toEqual([
      ['arc-00035', endpoints[0], 'guestconfig-pending'],
    ]);
    expect(of(37).map((f) => [f.endpoint, f.kind])).toEqual([[endpoints[2], 'guestconfig-pending']]);
    expect(of(41).map((f) => [f.endpoint, f.kind, f.declared, f.actual])).toEqual([
      [endpoints[3], 'guestconfig-unexpected-content', hashes[endpoints[3]], expect.stringMatching(/^[0-9A-F]{64}$/)],
    ]);
    expect(of(43)).toEqual([]);
    expect(of(277).map((f) => f.kind)).toEqual(endpoints.map(() => 'guestconfig-missing'));
    // Linux and an Arc server reporting no OS are skipped; a name two subscriptions share is shown as the resource ID
    expect(at(3).os).toBe('Linux');
    expect(of(3)).toEqual([]);
    expect(at(5).os).toBeNull();
    expect(of(5)).toEqual([]);
    expect(of(111).map((f) => [f.host, f.kind])).toEqual([['vm-00111', 'guestconfig-missing']]);
    expect(of(2011).map((f) => [f.host, f.kind])).toEqual([[machineId(at(2011)), 'guestconfig-missing']]);
    expect(at(2011).name).toBe(at(2012).name);
  });
});
