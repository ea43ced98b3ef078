/**
 * Resources that providers address in their own subscription. azurerm's guest configuration
 * assignment, template deployments and policy definitions without a management group, and every
 * azure-native resource addressed by resource group and name, are created in the provider's
 * subscription whatever subscription a resource ID names
 * (terraform-provider-azurerm internal/services/policy/policy_virtual_machine_configuration_assignment_resource.go:
 * `NewVirtualMachineProviders2GuestConfigurationAssignmentID(subscriptionId, vmId.ResourceGroupName, ...)`
 * with the client's subscription): a machine of another subscription would be looked for in the
 * wrong one, and a namesake there changed.
 */

/**
 * Why a resource ID (or scope) cannot be reached through a provider that works in `provider`
 * (`engine` names it: `the azurerm provider of this stack`), or undefined when it can, or when
 * either subscription is unknown.
 */
export function otherSubscription(id: string, provider: string | undefined, engine: string): string | undefined {
  const own = /^\/subscriptions\/([^/]+)/i.exec(id)?.[1];
  if (!provider || !own || own.toLowerCase() === provider.toLowerCase()) return undefined;
  return `in subscription ${own}, but ${engine} works in ${provider}: give it a provider for ${own}`;
}
