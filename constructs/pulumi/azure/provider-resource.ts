import * as pulumi from '@pulumi/pulumi';

/**
 * The version of the classic Azure provider (`pulumi-azure`, bridged from terraform-provider-azurerm)
 * whose schema these resources follow. The engine installs that plugin when it first meets one
 * of them (or: `pulumi plugin install resource azure 6.40.0`).
 */
export const AZURE_PROVIDER_VERSION = '6.40.0';

/**
 * A resource of the classic Azure provider declared by its type token, without the 40 MB
 * `@pulumi/azure` SDK (see constructs/pulumi/README.md): what the SDK's generated class does,
 * for the few fields jeajit sets. `outputs` are the provider's output-only properties to read back.
 */
export abstract class AzureClassicResource extends pulumi.CustomResource {
  protected constructor(
    type: string,
    name: string,
    args: object,
    outputs: readonly string[],
    opts: pulumi.CustomResourceOptions = {},
  ) {
    const props: pulumi.Inputs = { ...args };
    for (const o of outputs) props[o] = undefined;
    super(type, name, props, pulumi.mergeOptions({ version: AZURE_PROVIDER_VERSION }, opts));
  }
}
