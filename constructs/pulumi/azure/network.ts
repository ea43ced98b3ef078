import * as pulumi from '@pulumi/pulumi';
import { AzureClassicResource } from './provider-resource';

/** The inputs jeajit sets on `azure:network/networkSecurityRule:NetworkSecurityRule`. */
export interface NetworkSecurityRuleArgs {
  readonly name: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly networkSecurityGroupName: pulumi.Input<string>;
  readonly priority: pulumi.Input<number>;
  readonly direction: pulumi.Input<'Inbound' | 'Outbound'>;
  readonly access: pulumi.Input<'Allow' | 'Deny'>;
  readonly protocol: pulumi.Input<string>;
  readonly sourceAddressPrefix: pulumi.Input<string>;
  readonly sourcePortRange: pulumi.Input<string>;
  readonly destinationAddressPrefix: pulumi.Input<string>;
  readonly destinationPortRange: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
}

/** A standalone rule of a network security group (`azure.network.NetworkSecurityRule`). */
export class NetworkSecurityRule extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:network/networkSecurityRule:NetworkSecurityRule';

  constructor(name: string, args: NetworkSecurityRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(NetworkSecurityRule.TYPE, name, args, [], opts);
  }
}
