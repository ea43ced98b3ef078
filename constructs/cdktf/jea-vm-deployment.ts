import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { VirtualMachineRunCommand, VirtualMachineRunCommandSource } from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Issues } from '../../src/jea/issues';
import { SessionConfiguration } from './session-configuration';

/** Where the install script is uploaded when it is too large to send inline. */
export interface BlobDelivery {
  /** The storage account the VMs can read from. */
  readonly storageAccountName: string;
  /** The container the script is uploaded to. */
  readonly storageContainerName: string;
  /**
   * Client ID of the user-assigned identity (attached to the VMs, with Storage Blob Data Reader
   * on the container) the run command downloads with. @default the VM's system-assigned identity
   */
  readonly managedIdentityClientId?: string;
}

/** Props of {@link JeaVmDeployment}. */
export interface JeaVmDeploymentProps {
  /** The endpoint to install. */
  readonly endpoint: SessionConfiguration;
  /** Resource IDs of the Windows VMs. */
  readonly virtualMachineIds: readonly string[];
  /** The VMs' Azure region. */
  readonly location: string;
  /** Upload the install script to a blob instead of sending it inline. @default inline */
  readonly blob?: BlobDelivery;
  /**
   * Largest install script sent inline, in bytes. The script lands in Terraform state and every
   * plan, and Azure documents no limit for inline scripts, so larger ones need `blob`.
   * @default 65536
   */
  readonly inlineScriptLimit?: number;
}

const VM_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i;

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
    const issues = new Issues(this.node.path);
    if (props.virtualMachineIds.length === 0) issues.at('virtualMachineIds').add([], 'at least one VM');
    props.virtualMachineIds.forEach((vm, i) => {
      if (!Token.isUnresolved(vm) && !VM_ID.test(vm)) {
        issues.at('virtualMachineIds').at(i).add(vm, 'not a VM resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>)');
      }
    });
    if (!Token.isUnresolved(props.location) && !/^[a-z0-9]+$/i.test(props.location)) issues.at('location').add(props.location, 'not an Azure region name (westeurope)');
    const limit = props.inlineScriptLimit ?? 65536;
    const artifacts = props.endpoint.artifacts();
    const script = artifacts.installScript;
    if (!props.blob && script.content.length > limit) {
      issues.at('blob').add(undefined, `the install script is ${script.content.length} bytes, more than inlineScriptLimit (${limit}); give blob delivery (storage account, container, identity) or raise the limit`);
    }
    issues.throwIfAny();

    let source: VirtualMachineRunCommandSource;
    if (props.blob) {
      this.blob = new StorageBlob(this, 'InstallScript', {
        name: `jeajit/${props.endpoint.name}/${artifacts.bundleSha256}/${script.path}`,
        storageAccountName: props.blob.storageAccountName,
        storageContainerName: props.blob.storageContainerName,
        type: 'Block',
        contentType: 'text/plain; charset=utf-8',
        // relative to the stack's folder, where Terraform runs; SessionConfiguration writes it there
        source: `jea/${props.endpoint.name}/${script.path}`,
      });
      source = {
        scriptUri: this.blob.url,
        scriptUriManagedIdentity: props.blob.managedIdentityClientId ? { clientId: props.blob.managedIdentityClientId } : {},
      };
    } else {
      // The run command receives text; the script is ASCII, so dropping the BOM loses nothing.
      source = { script: Buffer.from(script.content.subarray(3)).toString('utf8') };
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
