import { ArmClient } from './arm-client';

/** API version of the management group descendants list. */
export const MANAGEMENT_GROUPS_API_VERSION = '2023-04-01';

/** Where a fleet check looks: a management group, a subscription or a resource group. */
export type FleetScope =
  | { readonly kind: 'managementGroup'; readonly managementGroup: string }
  | { readonly kind: 'subscription'; readonly subscription: string }
  | { readonly kind: 'resourceGroup'; readonly subscription: string; readonly resourceGroup: string };

/** A subscription or resource group whose machines and assignments are read; `path` is its resource ID. */
export interface FleetTarget {
  readonly subscription: string;
  readonly resourceGroup?: string;
  readonly path: string;
}

/** A scope that is not one of the three forms. */
export class ScopeError extends Error {
  constructor(scope: string) {
    super(
      `scope '${scope}' is not /providers/Microsoft.Management/managementGroups/<group>, /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<group>`,
    );
    this.name = 'ScopeError';
  }
}

const SEGMENT = '([^/?#]+)';

/** Reads a scope's resource ID (segment names in any case, a trailing slash allowed). */
export function parseScope(scope: string): FleetScope {
  const s = scope.trim().replace(/\/+$/, '');
  let m = new RegExp(`^/providers/Microsoft\\.Management/managementGroups/${SEGMENT}$`, 'i').exec(s);
  if (m) return { kind: 'managementGroup', managementGroup: m[1] };
  m = new RegExp(`^/subscriptions/${SEGMENT}$`, 'i').exec(s);
  if (m) return { kind: 'subscription', subscription: m[1] };
  m = new RegExp(`^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}$`, 'i').exec(s);
  if (m) return { kind: 'resourceGroup', subscription: m[1], resourceGroup: m[2] };
  throw new ScopeError(scope);
}

/** A subscription as a target. */
export function subscriptionTarget(subscription: string): FleetTarget {
  return { subscription, path: `/subscriptions/${subscription}` };
}

interface Descendant {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
}

const SUBSCRIPTION_TYPE = 'microsoft.management/managementgroups/subscriptions';

/**
 * The subscriptions and resource groups a scope covers: itself for a subscription or resource
 * group; for a management group, every subscription among its descendants (nested groups
 * included), read page by page from `.../managementGroups/<group>/descendants`.
 */
export async function targetsOf(client: ArmClient, scope: FleetScope): Promise<FleetTarget[]> {
  if (scope.kind === 'subscription') return [subscriptionTarget(scope.subscription)];
  if (scope.kind === 'resourceGroup') {
    return [
      {
        subscription: scope.subscription,
        resourceGroup: scope.resourceGroup,
        path: `/subscriptions/${scope.subscription}/resourceGroups/${scope.resourceGroup}`,
      },
    ];
  }
  const seen = new Set<string>();
  const out: FleetTarget[] = [];
  const path = `/providers/Microsoft.Management/managementGroups/${encodeURIComponent(scope.managementGroup)}/descendants`;
  for await (const page of client.pages<Descendant>(path, MANAGEMENT_GROUPS_API_VERSION)) {
    for (const d of page) {
      if ((d.type ?? '').toLowerCase() !== SUBSCRIPTION_TYPE) continue;
      const id = d.id?.split('/').filter(Boolean).pop() ?? d.name;
      if (!id || seen.has(id.toLowerCase())) continue;
      seen.add(id.toLowerCase());
      out.push(subscriptionTarget(id));
    }
  }
  return out;
}
