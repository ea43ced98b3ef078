import * as pulumi from '@pulumi/pulumi';
import { AzureClassicResource } from './provider-resource';

/** The inputs jeajit sets on `azure:storage/blob:Blob`. */
export interface BlobArgs {
  readonly name: pulumi.Input<string>;
  readonly storageAccountName: pulumi.Input<string>;
  readonly storageContainerName: pulumi.Input<string>;
  readonly type: pulumi.Input<'Block' | 'Append' | 'Page'>;
  readonly contentType?: pulumi.Input<string>;
  /** The content to upload. */
  readonly source: pulumi.Input<pulumi.asset.Asset>;
}

/** A blob in a storage container (`azure.storage.Blob`). */
export class Blob extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:storage/blob:Blob';
  /** The blob's URL. */
  declare readonly url: pulumi.Output<string>;

  constructor(name: string, args: BlobArgs, opts?: pulumi.CustomResourceOptions) {
    super(Blob.TYPE, name, args, ['url'], opts);
  }
}
