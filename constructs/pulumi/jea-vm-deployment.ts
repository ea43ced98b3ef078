import * as pulumi from '@pulumi/pulumi';
import { RunCommand, RunCommandSource } from './azure/compute';
import { Blob } from './azure/storage';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { SessionConfiguration } from './session-configuration';
import { inlineInstallScript, installBlobName } from '../../src/jea/endpoint';
import { BlobDeliveryOf, checkVmDeployment, JeaVmDeploymentPropsOf } from '../../src/jit/props';

/** Where the install script is uploaded when it is too large to send inline (names may be outputs). */
export type BlobDelivery = BlobDeliveryOf<Text>;
/** Props of {@link JeaVmDeployment}, as the cdktf JeaVmDeployment takes them (IDs may be outputs). */
export type JeaVmDeploymentProps = JeaVmDeploymentPropsOf<SessionConfiguration, Text>;

/**
 * Installs a JEA endpoint on Azure Windows VMs: one run command (`azure:compute/runCommand:RunCommand`)
 * per VM runs the endpoint's self-contained `Install-<endpoint>.ps1`, which checks every file's
 * SHA-256, installs the modules and registers the endpoint (idempotently). The run command gets
 * the bundle's SHA-256 as a parameter, so any change of content runs it again.
 */
export class JeaVmDeployment extends JeaComponent {
  /** The run command of each VM, in the order of `virtualMachineIds`. */
  readonly runCommands: readonly RunCommand[];
  /** The uploaded install script, with blob delivery. */
  readonly blob?: Blob;

  constructor(name: string, props: JeaVmDeploymentProps, opts?: JeaComponentOptions) {
    super('jeajit:jea:JeaVmDeployment', name, opts);
    const artifacts = props.endpoint.artifacts();
    const script = artifacts.installScript;
    checkVmDeployment(this.path, props, script.content.length, modelText, isDeployTime);

    let source: RunCommandSource;
    if (props.blob) {
      this.blob = new Blob(
        this.childName('InstallScript'),
        {
          name: installBlobName(props.endpoint.name, artifacts),
          storageAccountName: props.blob.storageAccountName,
          storageContainerName: props.blob.storageContainerName,
          type: 'Block',
          contentType: 'text/plain; charset=utf-8',
          // the same bytes as the file the endpoint writes (UTF-8 with BOM)
          source: new pulumi.asset.StringAsset(Buffer.from(script.content).toString('utf8')),
        },
        this.childOptions,
      );
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
        new RunCommand(
          this.childName(`RunCommand${i}`),
          {
            name: `jeajit-${props.endpoint.name}`,
            location: props.location,
            virtualMachineId: vm,
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
