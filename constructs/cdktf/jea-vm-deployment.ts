import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import {
  VirtualMachineRunCommand,
  VirtualMachineRunCommandSource,
} from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { inlineInstallScript, installBlobName } from '../../src/jea/endpoint';
import { BlobDeliveryOf, checkVmDeployment, JeaVmDeploymentPropsOf } from '../../src/jit/props';
import { SessionConfiguration } from './session-configuration';

/** Where the install script is uploaded when it is too large to send inline. */
export type BlobDelivery = BlobDeliveryOf<string>;
/** Props of {@link JeaVmDeployment} (shared with the Pulumi engine). */
export type JeaVmDeploymentProps = JeaVmDeploymentPropsOf<SessionConfiguration, string>;

/**
 * Installs a JEA endpoint on Azure Windows VMs: one `azurerm_virtual_machine_run_command` per VM
 * runs the endpoint's self-contained `Install-<endpoint>.ps1`, which checks every file's SHA-256,
 * installs the modules and registers the endpoint (idempotently). The run command gets the
 * bundle's SHA-256 as a parameter, so any change of content runs it again, and the script refuses
 * a bundle that is not the one deployed.
 */
export class JeaVmDeployment extends Construct {
  /** The run command of each VM, in the order of `virtualMachineIds`. */
  readonly runCommands: readonly VirtualMachineRunCommand[];
  /** The uploaded install script, with blob delivery. */
  readonly blob?: StorageBlob;

  constructor(scope: Construct, id: string, props: JeaVmDeploymentProps) {
    super(scope, id);
    const artifacts = props.endpoint.artifacts();
    const script = artifacts.installScript;
    checkVmDeployment(
      this.node.path,
      props,
      script.content.length,
      (v) => v,
      (v) => Token.isUnresolved(v),
    );

    let source: VirtualMachineRunCommandSource;
    if (props.blob) {
      this.blob = new StorageBlob(this, 'InstallScript', {
        name: installBlobName(props.endpoint.name, artifacts),
        storageAccountName: props.blob.storageAccountName,
        storageContainerName: props.blob.storageContainerName,
        type: 'Block',
        contentType: 'text/plain; charset=utf-8',
        // relative to the stack's folder, where Terraform runs; SessionConfiguration writes it there
        source: `jea/${props.endpoint.name}/${script.path}`,
      });
      source = {
        scriptUri: this.blob.url,
        scriptUriManagedIdentity: props.blob.managedIdentityClientId
          ? { clientId: props.blob.managedIdentityClientId }
          : {},
      };
    } else {
      source = { script: inlineInstallScript(artifacts) };
    }
    this.runCommands = props.virtualMachineIds.map(
      (vm, i) =>
        new VirtualMachineRunCommand(this, `RunCommand${i}`, {
          name: `jeajit-${props.endpoint.name}`,
          location: props.location,
          virtualMachineId: vm,
          source,
          parameter: [{ name: 'BundleSha256', value: artifacts.bundleSha256 }],
        }),
    );
  }
}
