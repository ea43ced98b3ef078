import {
  VirtualMachineRunCommandByVirtualMachine,
  VirtualMachineRunCommandByVirtualMachineArgs,
} from '@pulumi/azure-native/compute/virtualMachineRunCommandByVirtualMachine';
import { Blob } from '@pulumi/azure-native/storage/blob';
import * as pulumi from '@pulumi/pulumi';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { SessionConfiguration } from './session-configuration';
import { machineAddresses } from './machine-address';
import { ValidationError } from '../../src/jea/issues';
import { inlineInstallScript, installBlobName } from '../../src/jea/endpoint';
import { BlobDeliveryOf, checkVmDeployment, checkVmTargets, JeaVmDeploymentPropsOf } from '../../src/jit/props';

/**
 * Where the install script is uploaded when it is too large to send inline (names may be outputs).
 * The Pulumi engine needs `resourceGroupName`, the storage account's resource group.
 */
export type BlobDelivery = BlobDeliveryOf<Text>;
/** Props of {@link JeaVmDeployment}, as the cdktf JeaVmDeployment takes them (IDs may be outputs). */
export type JeaVmDeploymentProps = JeaVmDeploymentPropsOf<SessionConfiguration, Text>;

/**
 * Installs a JEA endpoint on Azure Windows VMs: one run command
 * (`azure-native:compute:VirtualMachineRunCommandByVirtualMachine`, addressed by the VM's resource
 * group and name, in the provider's subscription) per VM runs the endpoint's self-contained
 * `Install-<endpoint>.ps1`, which checks every file's SHA-256, installs the modules and registers
 * the endpoint (idempotently). The run command gets the bundle's SHA-256 as a parameter, so any
 * change of content runs it again. With blob delivery the script is uploaded first
 * (`azure-native:storage:Blob`) and downloaded by the run command with the given identity.
 */
export class JeaVmDeployment extends JeaComponent {
  /** The run command of each VM, in the order of `virtualMachineIds`. */
  readonly runCommands: readonly VirtualMachineRunCommandByVirtualMachine[];
  /** The uploaded install script, with blob delivery. */
  readonly blob?: Blob;

  constructor(name: string, props: JeaVmDeploymentProps, opts?: JeaComponentOptions) {
    super('jeajit:jea:JeaVmDeployment', name, opts);
    const artifacts = props.endpoint.artifacts();
    const script = artifacts.installScript;
    checkVmDeployment(this.path, props, script.content.length, modelText, isDeployTime);

    let source: VirtualMachineRunCommandByVirtualMachineArgs['source'];
    if (props.blob) {
      const delivery = props.blob;
      if (delivery.resourceGroupName === undefined) {
        throw new ValidationError([
          {
            path: this.path,
            field: 'blob.resourceGroupName',
            value: undefined,
            reason:
              "the storage account's resource group is required with Pulumi (azure-native addresses a blob by resource group, account and container)",
          },
        ]);
      }
      this.blob = new Blob(
        this.childName('InstallScript'),
        {
          blobName: installBlobName(props.endpoint.name, artifacts),
          accountName: delivery.storageAccountName,
          containerName: delivery.storageContainerName,
          resourceGroupName: delivery.resourceGroupName,
          type: 'Block',
          contentType: 'text/plain; charset=utf-8',
          // the same bytes as the file the endpoint writes (UTF-8 with BOM)
          source: new pulumi.asset.StringAsset(Buffer.from(script.content).toString('utf8')),
        },
        this.childOptions,
      );
      source = {
        scriptUri: this.blob.url,
        // an empty identity is the VM's system-assigned one
        scriptUriManagedIdentity: delivery.managedIdentityClientId
          ? { clientId: delivery.managedIdentityClientId }
          : {},
      };
    } else {
      source = { script: inlineInstallScript(artifacts) };
    }
    // checked again once deploy-time IDs are known, with the declaration's messages
    const vms = machineAddresses(
      this,
      this.path,
      'virtualMachineIds',
      props.virtualMachineIds,
      (ids, issues, region: string) => checkVmTargets(ids, region, issues, () => false),
      props.location,
    );
    this.runCommands = vms.map(
      (vm, i) =>
        new VirtualMachineRunCommandByVirtualMachine(
          this.childName(`RunCommand${i}`),
          {
            resourceGroupName: vm.resourceGroupName,
            vmName: vm.name,
            runCommandName: `jeajit-${props.endpoint.name}`,
            location: props.location,
            source,
            parameters: [{ name: 'BundleSha256', value: artifacts.bundleSha256 }],
          },
          this.childOptions,
        ),
    );
    this.registerOutputs({
      bundleSha256: artifacts.bundleSha256,
      runCommandIds: this.runCommands.map((r) => r.id),
      ...(this.blob ? { scriptUrl: this.blob.url } : {}),
    });
  }
}
