import * as pulumi from '@pulumi/pulumi';
import { AzureClassicResource } from './provider-resource';

/** What a run command runs: an inline script, or a script downloaded from a URI. */
export interface RunCommandSource {
  readonly script?: pulumi.Input<string>;
  readonly scriptUri?: pulumi.Input<string>;
  /** The identity the script is downloaded with; empty for the VM's system-assigned identity. */
  readonly scriptUriManagedIdentity?: pulumi.Input<{
    readonly clientId?: pulumi.Input<string>;
    readonly objectId?: pulumi.Input<string>;
  }>;
}

/** The inputs jeajit sets on `azure:compute/runCommand:RunCommand` (azurerm_virtual_machine_run_command). */
export interface RunCommandArgs {
  readonly name: pulumi.Input<string>;
  readonly location: pulumi.Input<string>;
  readonly virtualMachineId: pulumi.Input<string>;
  readonly source: pulumi.Input<RunCommandSource>;
  readonly parameters?: pulumi.Input<
    pulumi.Input<{ readonly name: pulumi.Input<string>; readonly value: pulumi.Input<string> }>[]
  >;
}

/** A VM run command of the classic Azure provider (`azure.compute.RunCommand`). */
export class RunCommand extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:compute/runCommand:RunCommand';
  /** The run command's name on the VM. */
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: RunCommandArgs, opts?: pulumi.CustomResourceOptions) {
    super(RunCommand.TYPE, name, args, ['instanceViews'], opts);
  }
}
