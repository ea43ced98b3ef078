import { createHash } from 'crypto';

/** What one resource of either engine asks of Azure. */
export interface Ask {
  /** The cdktf construct path, which is also the Pulumi name: `contoso/DnsOnDc/RunCommand0`. */
  readonly name: string;
  /**
   * What is asked: an ARM request (`PUT /subscriptions/.../runCommands/jeajit-JEA-DNS`), a blob
   * upload (`PUT https://<account>.blob.core.windows.net/...`), or, for Entra ID resources, the
   * Pulumi type token they map to one to one.
   */
  readonly request: string;
  /** The request body (ARM's property names), or the resource's inputs. */
  readonly body: unknown;
}

/**
 * The subscription of the test estates' resources, and so the one the azure-native provider
 * must be configured for: native resources are addressed by resource group and name in the
 * provider's subscription.
 */
export const PROVIDER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** A resource group of the provider's subscription, as a path (where both providers address machines by group and name). */
export const inProviderGroup = (resourceGroupName: unknown): string =>
  `/subscriptions/${PROVIDER_SUBSCRIPTION}/resourceGroups/${String(resourceGroupName)}`;

/** The URL of a blob (what the mocked provider returns as `url`, and what azurerm's `url` is). */
export const blobUrl = (account: unknown, container: unknown, name: unknown): string =>
  `https://${String(account)}.blob.core.windows.net/${String(container)}/${String(name)}`;

/** The name the tests' policy lookup gives the role management policy of a role at a scope. */
export const fakePolicyName = (scope: string, roleDefinitionId: string): string =>
  `policy-of-${roleDefinitionId.split('/').pop()}-at-${scope.split('/').pop()}`;

/** The SHA-256 of uploaded bytes, hex. */
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
