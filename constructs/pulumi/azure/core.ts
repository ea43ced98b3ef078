import * as pulumi from '@pulumi/pulumi';
import { AzureClassicResource } from './provider-resource';

/** The inputs jeajit sets on `azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment`. */
export interface ResourceGroupTemplateDeploymentArgs {
  readonly name: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly deploymentMode: pulumi.Input<'Incremental' | 'Complete'>;
  /** The ARM template, as JSON. */
  readonly templateContent: pulumi.Input<string>;
  /** The deployment parameters, as JSON. */
  readonly parametersContent: pulumi.Input<string>;
}

/** An ARM template deployment into a resource group (`azure.core.ResourceGroupTemplateDeployment`). */
export class ResourceGroupTemplateDeployment extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:core/resourceGroupTemplateDeployment:ResourceGroupTemplateDeployment';
  /** The template's outputs, as JSON. */
  declare readonly outputContent: pulumi.Output<string>;

  constructor(name: string, args: ResourceGroupTemplateDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(ResourceGroupTemplateDeployment.TYPE, name, args, ['outputContent'], opts);
  }
}
