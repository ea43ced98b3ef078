/**
 * A fake ARM for fleet drift through Machine Configuration: management group descendants,
 * Azure VM and Arc server lists, guest configuration assignment lists (subscription, resource
 * group, per VM, per Arc server) and assignment reports, in the official examples' shapes (see
 * fake-fleet-items.ts). Lists of machines page (`$skipToken`); assignment lists are bare arrays
 * as in the examples or `{ value, nextLink }` pages; 429 and 503 answers can be injected.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import {
  assignmentId,
  arcItem,
  descendants,
  FakeAssignment,
  FakeFleet,
  FakeMachine,
  Items,
  Json,
  machineId,
  vmItem,
} from './fake-fleet-items';

export * from './fake-fleet-items';

/** How the fake answers. */
export interface FakeFleetOptions {
  readonly token: string;
  /** Items per page of paged lists. @default 100 */
  readonly pageSize?: number;
  /** The shape of a subscription's (or resource group's) assignment list. @default () => 'bare' (the examples') */
  readonly assignmentLists?: (subscription: string) => 'bare' | 'paged';
  /** Whether the subscription and resource group lists also hold Arc servers' assignments. @default false */
  readonly scopeListsIncludeArc?: boolean;
  /** Injected failures, each on the first request of a URL only: every n-th request a 429 (Retry-After 0, sometimes 1 s or an HTTP date), every m-th a 503 (Retry-After 0 or none). */
  readonly faults?: { readonly throttleEvery?: number; readonly failEvery?: number };
}

/** A running fake. */
export interface FakeFleetArm {
  readonly url: string;
  /** Every request, `GET path?query`. */
  readonly requests: string[];
  readonly stats: { requests: number; throttled: number; failed: number };
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const API = { mg: '2023-04-01', compute: '2024-07-01', hybrid: '2024-07-10', gc: '2024-04-05' } as const;
const PARENT = '/subscriptions/([^/]+)(?:/resourcegroups/([^/]+))?';
const ROUTES = {
  descendants: /^\/providers\/microsoft\.management\/managementgroups\/([^/]+)\/descendants$/,
  vms: new RegExp(`^${PARENT}/providers/microsoft\\.compute/virtualmachines$`),
  arc: new RegExp(`^${PARENT}/providers/microsoft\\.hybridcompute/machines$`),
  scopeAssignments: new RegExp(`^${PARENT}/providers/microsoft\\.guestconfiguration/guestconfigurationassignments$`),
  machineAssignments:
    /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/(?:microsoft\.compute\/virtualmachines|microsoft\.hybridcompute\/machines)\/[^/]+)\/providers\/microsoft\.guestconfiguration\/guestconfigurationassignments$/,
  report: /^(.*\/providers\/microsoft\.guestconfiguration\/guestconfigurationassignments\/[^/]+)\/reports\/([^/]+)$/,
};

/** Starts the fake on 127.0.0.1; the fleet is indexed once, at start. */
export async function startFakeFleetArm(fleet: FakeFleet, options: FakeFleetOptions): Promise<FakeFleetArm> {
  const pageSize = options.pageSize ?? 100;
  const shapeOf = options.assignmentLists ?? (() => 'bare' as const);
  const items = new Items();
  const index = new Map<FakeMachine, number>();
  const byParent = new Map<string, FakeMachine[]>();
  const byId = new Map<string, FakeMachine>();
  const assignments = new Map<string, [FakeMachine, FakeAssignment]>();
  fleet.machines.forEach((m, i) => {
    index.set(m, i);
    for (const key of [`${m.kind}|${m.subscription}`, `${m.kind}|${m.subscription}/${m.resourceGroup}`])
      (byParent.get(key.toLowerCase()) ?? byParent.set(key.toLowerCase(), []).get(key.toLowerCase())!).push(m);
    byId.set(machineId(m).toLowerCase(), m);
    for (const a of m.assignments) assignments.set(assignmentId(m, a).toLowerCase(), [m, a]);
  });
  const requests: string[] = [];
  const stats = { requests: 0, throttled: 0, failed: 0 };
  const faulted = new Set<string>();
  let base = '';

  /** One page of a list: the items of `all` from `$skipToken`, built only for that page. */
  const page = <T>(res: http.ServerResponse, url: URL, all: readonly T[], build: (x: T) => Json) => {
    const from = Number(url.searchParams.get('$skipToken') ?? 0);
    const next = from + pageSize < all.length ? new URL(url.toString()) : undefined;
    next?.searchParams.set('$skipToken', String(from + pageSize));
    send(res, 200, {
      value: all.slice(from, from + pageSize).map(build),
      ...(next ? { nextLink: next.toString() } : {}),
    });
  };
  const pairsCache = new Map<string, Array<[FakeMachine, FakeAssignment]>>();
  const pairsOf = (key: string, machines: () => FakeMachine[]) =>
    pairsCache.get(key) ??
    pairsCache
      .set(
        key,
        machines().flatMap((x) => x.assignments.map((a): [FakeMachine, FakeAssignment] => [x, a])),
      )
      .get(key)!;

  const fault = (res: http.ServerResponse, key: string): boolean => {
    const { throttleEvery, failEvery } = options.faults ?? {};
    const n = stats.requests;
    if (faulted.has(key)) return false;
    if (throttleEvery && n % throttleEvery === 0) {
      faulted.add(key);
      const k = stats.throttled++;
      const retryAfter = k % 10 === 9 ? '1' : k % 10 === 4 ? new Date(Date.now() + 1000).toUTCString() : '0';
      send(
        res,
        429,
        { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } },
        { 'retry-after': retryAfter },
      );
      return true;
    }
    if (failEvery && n % failEvery === 0) {
      faulted.add(key);
      const k = stats.failed++;
      send(
        res,
        503,
        { error: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' } },
        k % 2 === 0 ? { 'retry-after': '0' } : {},
      );
      return true;
    }
    return false;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`GET ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
    stats.requests++;
    if (fault(res, url.toString())) return;
    const p = decodeURIComponent(url.pathname).toLowerCase();
    const version = url.searchParams.get('api-version');
    const want = (v: string) =>
      version === v ||
      (send(res, 400, {
        error: { code: 'InvalidApiVersionParameter', message: `The api-version '${version}' is invalid.` },
      }),
      false);
    const notFound = () =>
      send(res, 404, { error: { code: 'ResourceNotFound', message: `The resource '${url.pathname}' was not found.` } });
    let m: RegExpExecArray | null;
    if ((m = ROUTES.descendants.exec(p))) {
      if (!want(API.mg)) return;
      const group = Object.keys(fleet.managementGroups).find((g) => g.toLowerCase() === m![1]);
      return group ? send(res, 200, descendants(group, fleet.managementGroups[group])) : notFound();
    }
    const parentKey = (kind: string, mm: RegExpExecArray) => `${kind}|${mm[1]}${mm[2] ? `/${mm[2]}` : ''}`;
    if ((m = ROUTES.vms.exec(p))) {
      if (!want(API.compute)) return;
      return page(res, url, byParent.get(parentKey('vm', m)) ?? [], (x) => vmItem(x, index.get(x)!));
    }
    if ((m = ROUTES.arc.exec(p))) {
      if (!want(API.hybrid)) return;
      return page(res, url, byParent.get(parentKey('arc', m)) ?? [], (x) => arcItem(x, index.get(x)!));
    }
    if ((m = ROUTES.scopeAssignments.exec(p))) {
      if (!want(API.gc)) return;
      const key = parentKey('vm', m);
      const pairs = pairsOf(key, () => [
        ...(byParent.get(key) ?? []),
        ...(options.scopeListsIncludeArc ? (byParent.get(parentKey('arc', m!)) ?? []) : []),
      ]);
      const build = ([x, a]: [FakeMachine, FakeAssignment]) => items.assignment(x, a);
      if (!pairs.length) return send(res, 204, undefined);
      return shapeOf(m[1]) === 'bare' ? send(res, 200, pairs.map(build)) : page(res, url, pairs, build);
    }
    if ((m = ROUTES.machineAssignments.exec(p))) {
      if (!want(API.gc)) return;
      const machine = byId.get(m[1]);
      return machine
        ? send(
            res,
            200,
            machine.assignments.map((a) => items.assignment(machine, a)),
          )
        : notFound();
    }
    if ((m = ROUTES.report.exec(p))) {
      if (!want(API.gc)) return;
      const found = assignments.get(m[1]);
      return found && items.reportGuid(found[1]) === m[2]
        ? send(res, 200, items.report(found[0], found[1]))
        : notFound();
    }
    return notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
