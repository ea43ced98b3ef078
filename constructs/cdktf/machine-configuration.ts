import { ManagementGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/management-group-policy-assignment';
import { ManagementGroupPolicyRemediation } from '@cdktf/provider-azurerm/lib/management-group-policy-remediation';
import { PolicyDefinition } from '@cdktf/provider-azurerm/lib/policy-definition';
import { PolicyVirtualMachineConfigurationAssignment } from '@cdktf/provider-azurerm/lib/policy-virtual-machine-configuration-assignment';
import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { ResourceGroupPolicyRemediation } from '@cdktf/provider-azurerm/lib/resource-group-policy-remediation';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { SubscriptionPolicyRemediation } from '@cdktf/provider-azurerm/lib/subscription-policy-remediation';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { packageModeFor } from '../../src/guestconfig/assignment';
import { MachineConfigurationPackage, machineConfigurationPackage } from '../../src/guestconfig/package';
import { FleetPlan, fleetPlan, MachinePlan } from '../../src/guestconfig/plan';
import { checkMachineConfiguration, MachineConfigurationPropsOf } from '../../src/guestconfig/props';
import { declared } from '../../src/jea/declared-at';
import { Issues, ValidationError } from '../../src/jea/issues';
import { otherSubscription } from '../../src/jit/subscription';
import { recordDeclared } from './declared';
import { GeneratedFile } from './generated-file';
import { jsonText } from './json-text';
import { SessionConfiguration } from './session-configuration';

/** Props of {@link MachineConfiguration} (shared with the Pulumi engine). */
export type MachineConfigurationProps = MachineConfigurationPropsOf<SessionConfiguration, string>;

type PolicyAssignment = ManagementGroupPolicyAssignment | SubscriptionPolicyAssignment | ResourceGroupPolicyAssignment;

/**
 * An endpoint enforced and audited by Azure Machine Configuration. Synthesizes the endpoint's
 * package (`guestconfig/<package>/<SHA-256>/<package>.zip` with its `package.json` record) and
 * uploads it as a blob of that name; then assigns it:
 * - per Azure VM, `azurerm_policy_virtual_machine_configuration_assignment`; azurerm has no
 *   `contentManagedIdentity` (terraform-provider-azurerm#29638), so with a managed identity the
 *   assignment is an ARM template deployment instead;
 * - per Arc server, an ARM template deployment: azurerm has no resource for Arc assignments
 *   (an `azurerm_policy_arc_machine_configuration_assignment` exists only in the open PR #31795);
 * - to a whole scope, a custom policy definition with guest-configuration metadata
 *   (DeployIfNotExists or AuditIfNotExists), its assignment at the management group,
 *   subscription or resource group, the Guest Configuration Resource Contributor role for its
 *   identity, and a remediation task for the machines that exist already.
 */
export class MachineConfiguration extends Construct {
  /** The package (name, bytes, SHA-256). */
  readonly package: MachineConfigurationPackage;
  /** The uploaded package. */
  readonly blob: StorageBlob;
  /** Per-machine assignments: azurerm's resource, or a template deployment where azurerm has none. */
  readonly assignments: readonly (PolicyVirtualMachineConfigurationAssignment | ResourceGroupTemplateDeployment)[];
  /** The policy definition, with `policy`. */
  readonly policyDefinition?: PolicyDefinition;
  /** The policy assignment at the scope, with `policy`. */
  readonly policyAssignment?: PolicyAssignment;

  constructor(scope: Construct, id: string, props: MachineConfigurationProps) {
    super(scope, id);
    const isToken = (v: string) => Token.isUnresolved(v);
    const checked = checkMachineConfiguration(this.node.path, props, (v) => v, isToken);
    const endpoint = props.endpoint;
    this.package = machineConfigurationPackage(endpoint.artifacts(), {
      mode: packageModeFor(props.assignmentType),
      version: checked.version,
    });
    const plan = fleetPlan(endpoint.name, this.package, props, checked, isToken);

    new GeneratedFile(this, 'Package', { path: plan.file, content: this.package.bytes });
    new GeneratedFile(this, 'PackageRecord', { path: plan.manifestFile, content: plan.manifest });
    this.blob = new StorageBlob(this, 'PackageBlob', {
      name: plan.blobName,
      storageAccountName: props.storage.storageAccountName,
      storageContainerName: props.storage.storageContainerName,
      type: 'Block',
      contentType: 'application/zip',
      contentMd5: plan.md5,
      // relative to the stack's folder, where Terraform runs
      source: plan.file,
    });
    // the URL as written when known at synth (plain JSON below), else the blob's
    const contentUri = plan.contentUri ?? this.blob.url;
    const machines = plan.machines(contentUri);
    this.assignments = machines.map((m) => this.assignment(m));
    if (plan.policy) {
      const fleet = this.fleet(plan.policy(contentUri));
      this.policyDefinition = fleet.definition;
      this.policyAssignment = fleet.assignment;
    }
    recordDeclared(this.blob, declared(this.node.path));
    this.node.addValidation({ validate: () => this.subscriptionProblems(props) });
  }

  /**
   * azurerm creates the guest assignments, template deployments and a policy definition outside
   * a management group in its provider's subscription, whatever the IDs say (see
   * src/jit/subscription.ts): when the stack's AzurermProvider names its subscription, a machine
   * or scope of another one is refused at synth.
   */
  private subscriptionProblems(props: MachineConfigurationProps): string[] {
    const provider = TerraformStack.of(this)
      .node.findAll()
      .find((c): c is AzurermProvider => c instanceof AzurermProvider)?.subscriptionId;
    if (provider === undefined || Token.isUnresolved(provider)) return [];
    const issues = new Issues(this.node.path);
    const check = (field: Issues, id: string) => {
      const reason = Token.isUnresolved(id)
        ? undefined
        : otherSubscription(id, provider, 'the azurerm provider of this stack');
      if (reason) field.add(id, reason);
    };
    (props.virtualMachineIds ?? []).forEach((id, i) => check(issues.at('virtualMachineIds').at(i), id));
    (props.arcMachineIds ?? []).forEach((id, i) => check(issues.at('arcMachineIds').at(i), id));
    if (props.policy) check(issues.at('policy').at('scope'), props.policy.scope);
    return issues.all.map((i) => new ValidationError([i]).message);
  }

  private assignment(m: MachinePlan): PolicyVirtualMachineConfigurationAssignment | ResourceGroupTemplateDeployment {
    if (m.azurerm) {
      return new PolicyVirtualMachineConfigurationAssignment(this, m.id, {
        name: m.assignmentName,
        location: m.location,
        virtualMachineId: m.machineId,
        configuration: {
          assignmentType: m.body.assignmentType,
          contentHash: m.body.contentHash,
          contentUri: m.body.contentUri,
          version: m.body.version,
        },
        dependsOn: [this.blob],
      });
    }
    return new ResourceGroupTemplateDeployment(this, m.id, {
      name: m.deploymentName,
      resourceGroupName: m.resourceGroup ?? Token.asString(Fn.element(Fn.split('/', m.machineId), 4)),
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(m.template),
      parametersContent: jsonText(m.parameters),
      dependsOn: [this.blob],
    });
  }

  private fleet(p: FleetPlan): { definition: PolicyDefinition; assignment: PolicyAssignment } {
    const definition = new PolicyDefinition(this, 'PolicyDefinition', {
      name: p.definitionName,
      policyType: 'Custom',
      mode: p.definition.mode,
      displayName: p.definition.displayName,
      description: p.definition.description,
      metadata: jsonText(p.definition.metadata),
      parameters: jsonText(p.definition.parameters),
      policyRule: jsonText(p.definition.policyRule),
      ...(p.scope.kind === 'managementGroup' ? { managementGroupId: p.scopeId } : {}),
      dependsOn: [this.blob],
    });
    const common = {
      name: p.assignmentName,
      policyDefinitionId: definition.id,
      displayName: p.definition.displayName,
      description: p.definition.description,
      parameters: jsonText(p.assignmentParameters),
      nonComplianceMessage: [{ content: p.nonComplianceMessage }],
      ...(p.location !== undefined ? { location: p.location, identity: { type: 'SystemAssigned' } } : {}),
    };
    const assignment =
      p.scope.kind === 'managementGroup'
        ? new ManagementGroupPolicyAssignment(this, 'PolicyAssignment', { ...common, managementGroupId: p.scopeId })
        : p.scope.kind === 'subscription'
          ? new SubscriptionPolicyAssignment(this, 'PolicyAssignment', { ...common, subscriptionId: p.scopeId })
          : new ResourceGroupPolicyAssignment(this, 'PolicyAssignment', { ...common, resourceGroupId: p.scopeId });
    if (!p.deploys) return { definition, assignment };
    const role = new RoleAssignment(this, 'PolicyIdentityRole', {
      scope: p.scopeId,
      roleDefinitionName: p.roleName,
      principalId: assignment.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    if (!p.remediationName) return { definition, assignment };
    const remediation = { name: p.remediationName, policyAssignmentId: assignment.id, dependsOn: [role] };
    if (p.scope.kind === 'managementGroup')
      new ManagementGroupPolicyRemediation(this, 'Remediation', { ...remediation, managementGroupId: p.scopeId });
    else if (p.scope.kind === 'subscription')
      new SubscriptionPolicyRemediation(this, 'Remediation', { ...remediation, subscriptionId: p.scopeId });
    else new ResourceGroupPolicyRemediation(this, 'Remediation', { ...remediation, resourceGroupId: p.scopeId });
    return { definition, assignment };
  }
}
