/**
 * A generated fleet with a known mix of Machine Configuration states, for the fleet drift test at
 * scale and `npm run bench`: machines alternate between two subscriptions of one management group
 * (the second under a nested group), one in five is an Arc server, and by index some are Linux or
 * report no OS, some lack an assignment, are non-compliant (VM and Arc), pending (VM and Arc), carry another
 * package build, or share a name with a machine of the other subscription.
 */
import { createHash } from 'crypto';
import { FakeAssignment, FakeFleet, FakeMachine, FakeReason } from './fake-fleet-arm';

/** The management group and its two subscriptions. */
export const MIX = {
  managementGroup: 'mg-contoso-servers',
  subscriptions: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
} as const;

/** The SHA-256 (upper-case hex) of a declared package, here of its name. */
export const declaredHash = (endpoint: string): string =>
  createHash('sha256').update(`jeajit-${endpoint}`).digest('hex').toUpperCase();

/** Reasons a non-compliant JeajitEndpoint resource gives (codes as src/guestconfig's resource writes them). */
export const REASONS = {
  notRegistered: (ep: string): FakeReason[] => [
    {
      code: 'JeajitEndpoint:JeajitEndpoint:NotRegistered',
      phrase: `endpoint '${ep}' is not registered (Windows PowerShell's Get-PSSessionConfiguration does not list it)`,
    },
  ],
  tampered: (): FakeReason[] => [
    {
      code: 'JeajitEndpoint:JeajitEndpoint:FileTampered',
      phrase:
        "'C:\\Program Files\\WindowsPowerShell\\Modules\\ContosoDns\\RoleCapabilities\\DnsOperator.psrc' has SHA-256 0A1B; the bundle's 'ContosoDns/RoleCapabilities/DnsOperator.psrc' has 9F8E: it changed after it was installed",
    },
    {
      code: 'JeajitEndpoint:JeajitEndpoint:SddlChanged',
      phrase:
        "endpoint registered with SDDL 'O:NSG:BAD:P(A;;GA;;;BA)'; the declaration gives 'O:NSG:BAD:P(A;;GX;;;S-1-5-21-1)'",
    },
  ],
};

/** How many findings of each kind the fleet must give, and how many machines are checked and skipped. */
export interface MixExpectation {
  readonly machines: number;
  readonly skipped: number;
  readonly kinds: Record<string, number>;
}

/** The fleet of `size` machines over `endpoints`, and what fleet drift must find in it. */
export function generateMix(
  size: number,
  endpoints: readonly string[],
): { fleet: FakeFleet; expected: MixExpectation; hashes: Record<string, string> } {
  const hashes = Object.fromEntries(endpoints.map((e) => [e, declaredHash(e)]));
  const kinds: Record<string, number> = {
    'guestconfig-missing': 0,
    'guestconfig-noncompliant': 0,
    'guestconfig-pending': 0,
    'guestconfig-unexpected-content': 0,
  };
  const machines: FakeMachine[] = [];
  let windows = 0;
  for (let i = 0; i < size; i++) {
    const subscription = MIX.subscriptions[i % 2];
    const kind = i % 5 === 0 ? 'arc' : 'vm';
    const os = i % 25 === 3 ? 'Linux' : kind === 'arc' && i % 250 === 5 ? null : 'Windows';
    const shared = i % 2000 === 11 || i % 2000 === 12;
    const name = shared
      ? `srv-shared-${Math.floor(i / 2000)}`
      : `${kind === 'arc' ? 'arc' : 'vm'}-${String(i).padStart(5, '0')}`;
    const assignments: FakeAssignment[] = [];
    if (os === 'Windows' && i % 200 !== 77) {
      endpoints.forEach((ep, e) => {
        const base = `jeajit-${ep}`;
        const name =
          i % 3 === 0 ? `${base}$pid${createHash('sha1').update(`${i}/${ep}`).digest('hex').slice(0, 13)}` : base;
        const a: FakeAssignment = { name, status: 'Compliant', contentHash: hashes[ep] };
        const r = i % 100;
        if (r === 11 && e === 0) return void kinds['guestconfig-missing']++;
        if (r === 23 && e === 1 % endpoints.length)
          return void (
            kinds['guestconfig-noncompliant']++,
            assignments.push({ ...a, status: 'NonCompliant', reasons: REASONS.notRegistered(ep) })
          );
        if (r === 60 && e === 0)
          return void (
            kinds['guestconfig-noncompliant']++,
            assignments.push({ ...a, status: 'NonCompliant', reasons: REASONS.tampered() })
          );
        if (r === 35 && e === 0)
          return void (kinds['guestconfig-pending']++, assignments.push({ ...a, status: 'Pending' }));
        if (r === 37 && e === 2 % endpoints.length)
          return void (kinds['guestconfig-pending']++, assignments.push({ ...a, status: 'Pending' }));
        if (r === 41 && e === 3 % endpoints.length)
          return void (
            kinds['guestconfig-unexpected-content']++,
            assignments.push({ ...a, contentHash: declaredHash(`${ep}-0.9.0`) })
          );
        if (r === 43) return void assignments.push({ ...a, contentHash: a.contentHash.toLowerCase() });
        assignments.push(a);
      });
      assignments.push({
        name: 'AuditSecureProtocol',
        configuration: 'AuditSecureProtocol',
        status: 'NonCompliant',
        contentHash: 'content hash',
      });
    }
    if (os === 'Windows') {
      windows++;
      if (i % 200 === 77) kinds['guestconfig-missing'] += endpoints.length;
    }
    machines.push({ subscription, resourceGroup: `rg-servers-${i % 10}`, name, kind, os, assignments });
  }
  return {
    fleet: { managementGroups: { [MIX.managementGroup]: MIX.subscriptions }, machines },
    expected: { machines: windows, skipped: size - windows, kinds },
    hashes,
  };
}
