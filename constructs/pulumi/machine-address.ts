import { getClientConfigOutput } from '@pulumi/azure-native/authorization/getClientConfig';
import * as pulumi from '@pulumi/pulumi';
import { Issues } from '../../src/jea/issues';
import { Text } from './inputs';

/** How azure-native addresses a machine (VM or Arc server): its resource group and name; the subscription is the provider's. */
export interface MachineAddress {
  readonly resourceGroupName: string;
  readonly name: string;
}

/** The subscription the azure-native provider of `parent` works in; undefined when the engine does not say (as under mocks). */
export function providerSubscription(parent: pulumi.Resource): pulumi.Output<string | undefined> {
  return getClientConfigOutput({ parent }).apply((c) => c?.subscriptionId || undefined);
}

/**
 * Why a resource ID cannot be reached through the provider: native resources are addressed by
 * resource group and name in the provider's subscription, so a machine of another subscription
 * would be looked for in the wrong one (and a machine of the same name there would be changed).
 */
export function otherSubscription(id: string, provider: string | undefined): string | undefined {
  const own = id.split('/')[2];
  if (!provider || !own || own.toLowerCase() === provider.toLowerCase()) return undefined;
  return `in subscription ${own}, but the azure-native provider of this component works in ${provider}: give the component a provider for ${own} ({ providers: [...] })`;
}

/**
 * `value`, once the provider's subscription is known to be that of `id` (a resource ID); else
 * the deployment fails with `<path>: <field> = '<id>': <reason>`.
 */
export function inProviderSubscription(
  parent: pulumi.Resource,
  path: string,
  field: string,
  id: string,
  value: string,
): pulumi.Output<string> {
  return providerSubscription(parent).apply((subscription) => {
    const reason = otherSubscription(id, subscription);
    if (reason) {
      const issues = new Issues(path);
      issues.at(field).add(id, reason);
      issues.throwIfAny();
    }
    return value;
  });
}

/**
 * The resource group and name of each machine of a component, from resource IDs that may be
 * outputs. Once they (and `context`, other inputs the check needs) are known, `check` checks them
 * with the declaration's checks and messages, and each must be in the subscription of the
 * component's azure-native provider; a problem fails the deployment with
 * `<path>: <field>[i] = '<id>': <reason>`.
 */
export function machineAddresses<C>(
  parent: pulumi.Resource,
  path: string,
  field: string,
  ids: readonly Text[],
  check: (resolved: readonly string[], issues: Issues, context: pulumi.Unwrap<C>) => void,
  context?: pulumi.Input<C>,
): pulumi.Output<MachineAddress>[] {
  if (!ids.length) return [];
  const checked = pulumi
    .all([pulumi.all([...ids]), providerSubscription(parent), pulumi.output(context)])
    .apply(([resolved, subscription, resolvedContext]) => {
      const issues = new Issues(path);
      check(resolved, issues, resolvedContext as pulumi.Unwrap<C>);
      resolved.forEach((id, i) => {
        const reason = otherSubscription(id, subscription);
        if (reason) issues.at(field).at(i).add(id, reason);
      });
      issues.throwIfAny();
      // /subscriptions/<id>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>
      return resolved.map((id) => {
        const parts = id.split('/');
        return { resourceGroupName: parts[4], name: parts[8] };
      });
    });
  return ids.map((_, i) => checked.apply((all) => all[i]));
}
