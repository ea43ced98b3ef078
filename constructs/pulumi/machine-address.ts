import { getClientConfigOutput } from '@pulumi/azure-native/authorization/getClientConfig';
import * as pulumi from '@pulumi/pulumi';
import { Issues } from '../../src/jea/issues';
import { otherSubscription } from '../../src/jit/subscription';
import { Text } from './inputs';

/** How the messages name the provider (a component takes one with `{ providers: [...] }`). */
const PULUMI_PROVIDER = 'the azure-native provider of this component';

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
    const reason = otherSubscription(id, subscription, PULUMI_PROVIDER);
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
        const reason = otherSubscription(id, subscription, PULUMI_PROVIDER);
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
