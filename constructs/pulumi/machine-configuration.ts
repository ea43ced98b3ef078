import { PolicyAssignment } from '@pulumi/azure-native/authorization/policyAssignment';
import { PolicyDefinition } from '@pulumi/azure-native/authorization/policyDefinition';
import { PolicyDefinitionAtManagementGroup } from '@pulumi/azure-native/authorization/policyDefinitionAtManagementGroup';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { GuestConfigurationAssignment } from '@pulumi/azure-native/guestconfiguration/guestConfigurationAssignment';
import { GuestConfigurationHCRPAssignment } from '@pulumi/azure-native/guestconfiguration/guestConfigurationHCRPAssignment';
import { RemediationAtManagementGroup } from '@pulumi/azure-native/policyinsights/remediationAtManagementGroup';
import { RemediationAtResource } from '@pulumi/azure-native/policyinsights/remediationAtResource';
import { Blob } from '@pulumi/azure-native/storage/blob';
import * as pulumi from '@pulumi/pulumi';
import * as path from 'path';
import { packageModeFor } from '../../src/guestconfig/assignment';
import { MachineConfigurationPackage, machineConfigurationPackage } from '../../src/guestconfig/package';
import { FleetPlan, fleetPlan, MachinePlan } from '../../src/guestconfig/plan';
import { checkMachineConfiguration, checkMachineIds, MachineConfigurationPropsOf } from '../../src/guestconfig/props';
import { derivedGuid } from '../../src/jea/guid';
import { JeaComponent, JeaComponentOptions } from './component';
import { OutputFile, writeEndpointFiles } from './endpoint-files';
import { isDeployTime, modelText, Text } from './inputs';
import { SessionConfiguration } from './session-configuration';
import { inProviderSubscription, MachineAddress, machineAddresses } from './machine-address';

/** Props of {@link MachineConfiguration}: those of the cdktf construct (IDs may be outputs), and where the package is written. */
export interface MachineConfigurationProps extends MachineConfigurationPropsOf<SessionConfiguration, Text> {
  /**
   * The folder the package and its record are written to at once (`<outDir>/guestconfig/...`),
   * and uploaded from: give the folder `writeEndpointFiles` writes to. Pulumi uploads a file
   * asset; a string asset cannot carry a zip's bytes.
   */
  readonly outDir: string;
}

/**
 * An endpoint enforced and audited by Azure Machine Configuration, as the cdktf
 * MachineConfiguration declares it, on `@pulumi/azure-native`: the package as a blob named by its
 * hash; per Azure VM a `GuestConfigurationAssignment` and per Arc server a
 * `GuestConfigurationHCRPAssignment` (azure-native has both, and the managed identity
 * download); for a scope, the guest-configuration policy definition, its assignment, the
 * Guest Configuration Resource Contributor role for its identity and a remediation task.
 */
export class MachineConfiguration extends JeaComponent {
  /** The package (name, bytes, SHA-256). */
  readonly package: MachineConfigurationPackage;
  /** The package and its record, as written under `outDir`. */
  readonly files: readonly OutputFile[];
  /** The uploaded package. */
  readonly blob: Blob;
  /** Each machine's assignment, VMs then Arc servers. */
  readonly assignments: readonly (GuestConfigurationAssignment | GuestConfigurationHCRPAssignment)[];
  /** The policy assignment at the scope, with `policy`. */
  readonly policyAssignment?: PolicyAssignment;

  constructor(name: string, props: MachineConfigurationProps, opts?: JeaComponentOptions) {
    super('jeajit:guestconfig:MachineConfiguration', name, opts);
    const checked = checkMachineConfiguration(this.path, props, modelText, isDeployTime);
    if (props.storage.resourceGroupName === undefined)
      throw new Error(
        `${this.path}: storage.resourceGroupName = undefined: the storage account's resource group is required with Pulumi (azure-native's Blob needs it)`,
      );
    const endpoint = props.endpoint;
    this.package = machineConfigurationPackage(endpoint.artifacts(), {
      mode: packageModeFor(props.assignmentType),
      version: checked.version,
    });
    const plan = fleetPlan(endpoint.name, this.package, props, checked, isDeployTime, (v) =>
      modelText(v, `${this.path}.input`),
    );
    this.files = [
      { path: plan.file, content: this.package.bytes },
      { path: plan.manifestFile, content: plan.manifest },
    ];
    writeEndpointFiles(props.outDir, [this]);

    this.blob = new Blob(
      this.childName('PackageBlob'),
      {
        blobName: plan.blobName,
        accountName: props.storage.storageAccountName,
        containerName: props.storage.storageContainerName,
        resourceGroupName: props.storage.resourceGroupName,
        type: 'Block',
        contentType: 'application/zip',
        contentMd5: plan.md5Base64,
        source: new pulumi.asset.FileAsset(path.join(props.outDir, ...plan.file.split('/'))),
      },
      this.childOptions,
    );
    // checked again once deploy-time IDs are known, and against the provider's subscription
    const addresses = [
      ...machineAddresses(this, this.path, 'virtualMachineIds', props.virtualMachineIds ?? [], (ids, issues) =>
        checkMachineIds(ids, [], issues),
      ),
      ...machineAddresses(this, this.path, 'arcMachineIds', props.arcMachineIds ?? [], (ids, issues) =>
        checkMachineIds([], ids, issues),
      ),
    ];
    // the URL as the cdktf construct writes it when known at declaration, else the blob's
    const contentUri: pulumi.Output<string> = plan.contentUri ? pulumi.output(plan.contentUri) : this.blob.url;
    const machines = plan.machines('');
    this.assignments = machines.map((m, i) => this.assignment(m, addresses[i], contentUri, props));
    if (plan.policy) this.policyAssignment = this.fleet(plan.policy, contentUri, props);
    this.registerOutputs({
      packageName: this.package.name,
      contentHash: this.package.sha256,
      contentUri: this.blob.url,
      assignmentIds: this.assignments.map((a) => a.id),
      ...(this.policyAssignment ? { policyAssignmentId: this.policyAssignment.id } : {}),
    });
  }

  /** A guestConfiguration body with the blob's URL (and the identity as declared, an output or not). */
  private body(m: MachinePlan, contentUri: pulumi.Output<string>, props: MachineConfigurationProps) {
    return {
      ...m.body,
      contentUri,
      ...(props.contentAccess !== 'anonymous' ? { contentManagedIdentity: props.contentAccess.managedIdentityId } : {}),
    };
  }

  private assignment(
    m: MachinePlan,
    address: pulumi.Output<MachineAddress>,
    contentUri: pulumi.Output<string>,
    props: MachineConfigurationProps,
  ): GuestConfigurationAssignment | GuestConfigurationHCRPAssignment {
    const common = {
      guestConfigurationAssignmentName: m.assignmentName,
      name: m.assignmentName,
      location: props.location!,
      resourceGroupName: address.resourceGroupName,
      properties: { guestConfiguration: this.body(m, contentUri, props) },
    };
    const opts = { ...this.childOptions, dependsOn: [this.blob] };
    return m.id.startsWith('Arc')
      ? new GuestConfigurationHCRPAssignment(this.childName(m.id), { ...common, machineName: address.name }, opts)
      : new GuestConfigurationAssignment(this.childName(m.id), { ...common, vmName: address.name }, opts);
  }

  private fleet(
    policyOf: (contentUri: string) => FleetPlan,
    contentUri: pulumi.Output<string>,
    props: MachineConfigurationProps,
  ): PolicyAssignment {
    const policy = props.policy!;
    // names and texts do not depend on the package's URL; the metadata and the rule do
    const p = policyOf('');
    const definition = contentUri.apply((uri) => policyOf(uri).definition);
    const definitionArgs = {
      // a definition outside a management group lives in the provider's subscription: the scope's
      policyDefinitionName:
        p.scope.kind === 'managementGroup'
          ? pulumi.output(p.definitionName)
          : inProviderSubscription(this, this.path, 'policy.scope', p.scopeId, p.definitionName),
      policyType: 'Custom',
      mode: p.definition.mode,
      displayName: p.definition.displayName,
      description: p.definition.description,
      metadata: definition.apply((d) => d.metadata),
      parameters: p.definition.parameters,
      policyRule: definition.apply((d) => d.policyRule),
    };
    const opts = { ...this.childOptions, dependsOn: [this.blob] };
    const created =
      p.scope.kind === 'managementGroup'
        ? new PolicyDefinitionAtManagementGroup(
            this.childName('PolicyDefinition'),
            { ...definitionArgs, managementGroupId: p.scope.managementGroup },
            opts,
          )
        : new PolicyDefinition(this.childName('PolicyDefinition'), definitionArgs, opts);
    const assignment = new PolicyAssignment(
      this.childName('PolicyAssignment'),
      {
        scope: p.scopeId,
        policyAssignmentName: p.assignmentName,
        policyDefinitionId: created.id,
        displayName: p.definition.displayName,
        description: p.definition.description,
        parameters: p.assignmentParameters,
        nonComplianceMessages: [{ message: p.nonComplianceMessage }],
        ...(policy.location !== undefined ? { location: policy.location, identity: { type: 'SystemAssigned' } } : {}),
      },
      this.childOptions,
    );
    if (!p.deploys) return assignment;
    const role = new RoleAssignment(
      this.childName('PolicyIdentityRole'),
      {
        scope: p.scopeId,
        roleAssignmentName: derivedGuid(`${this.path}/PolicyIdentityRole`),
        roleDefinitionId: p.roleDefinitionId,
        principalId: assignment.identity.apply((i) => i?.principalId ?? ''),
        principalType: 'ServicePrincipal',
      },
      this.childOptions,
    );
    if (!p.remediationName) return assignment;
    const remediationOpts = { ...this.childOptions, dependsOn: [role] };
    if (p.scope.kind === 'managementGroup')
      new RemediationAtManagementGroup(
        this.childName('Remediation'),
        {
          managementGroupId: p.scope.managementGroup,
          managementGroupsNamespace: 'Microsoft.Management',
          remediationName: p.remediationName,
          policyAssignmentId: assignment.id,
        },
        remediationOpts,
      );
    else
      new RemediationAtResource(
        this.childName('Remediation'),
        { resourceId: p.scopeId, remediationName: p.remediationName, policyAssignmentId: assignment.id },
        remediationOpts,
      );
    return assignment;
  }
}
