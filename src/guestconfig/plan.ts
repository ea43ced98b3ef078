/**
 * What a MachineConfiguration declares, in engine-neutral terms: the package files, the blob,
 * each machine's assignment and the policy objects, with their names and bodies. The cdktf and
 * Pulumi constructs only map this plan onto their resources, so both ask Azure for the same.
 */
import { createHash } from 'crypto';
import { FleetScope, parseScope } from '../drift/azure/fleet-scope';
import { IsToken } from '../jit/model';
import {
  ASSIGNMENT_TEMPLATE,
  assignmentTemplateParameters,
  GuestConfigurationBody,
  guestConfigurationBody,
  packageBlobName,
} from './assignment';
import { PACKAGE_MANIFEST, packageFolder, packageManifest } from './manifest';
import { MachineConfigurationPackage } from './package';
import {
  GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR,
  guestConfigurationPolicy,
  INCLUDE_ARC_MACHINES,
  PolicyDefinitionBody,
  policyObjectName,
} from './policy-definition';
import { MachineConfigurationPlan, MachineConfigurationPropsOf } from './props';

/** One machine's assignment. */
export interface MachinePlan {
  /** The child id: `Assignment<i>` (VMs) or `ArcAssignment<i>`. */
  readonly id: string;
  /** Whether azurerm's `azurerm_policy_virtual_machine_configuration_assignment` can express it (an Azure VM, no managed identity). */
  readonly azurerm: boolean;
  readonly machineId: string;
  /** The machine's resource group, when its ID is known. */
  readonly resourceGroup?: string;
  readonly location: string;
  /** The guest assignment's name: the package name. */
  readonly assignmentName: string;
  readonly body: GuestConfigurationBody;
  /** The template deployment's name, where one is used: `<package>-<machine>` (or `-vm<i>`/`-arc<i>` when the ID is a token). */
  readonly deploymentName: string;
  readonly template: typeof ASSIGNMENT_TEMPLATE;
  readonly parameters: Record<string, { readonly value: unknown }>;
}

/** The policy objects of a fleet assignment. */
export interface FleetPlan {
  readonly scope: FleetScope;
  /** The scope's resource ID as declared. */
  readonly scopeId: string;
  readonly definitionName: string;
  readonly definition: PolicyDefinitionBody;
  /** At most 24 characters (management groups allow no more). */
  readonly assignmentName: string;
  readonly assignmentParameters: Record<string, { readonly value: string }>;
  readonly nonComplianceMessage: string;
  /** The identity's region (DeployIfNotExists). */
  readonly location?: string;
  /** Whether the policy deploys (then its identity needs {@link FleetPlan.roleName} at the scope). */
  readonly deploys: boolean;
  /** The built-in role the identity gets: Guest Configuration Resource Contributor. */
  readonly roleName: string;
  /**
   * The role's resource ID as ARM returns it on an assignment at the scope (tenant-level at a
   * management group, the scope's subscription below it), so that reading the assignment back
   * shows no difference.
   */
  readonly roleDefinitionId: string;
  /** The remediation task's name, with remediation; new for each content, so a new package is rolled out to existing machines. */
  readonly remediationName?: string;
}

/** The plan of a MachineConfiguration. */
export interface MachineConfigurationLayout {
  /** The zip, relative to the stack (output) folder: `guestconfig/<blob name>`. */
  readonly file: string;
  /** The package record beside it. */
  readonly manifestFile: string;
  readonly manifest: Uint8Array;
  readonly blobName: string;
  /**
   * The package's URL when the storage account, container and endpoint are known at synth
   * (`<blob endpoint><container>/<blob name>`): the engines write it as is, so the plan reads
   * the same in cdk.tf.json and in a Pulumi preview; else the blob's URL output is used.
   */
  readonly contentUri?: string;
  /** MD5 of the zip, hex (the blob's Content-MD5, checked by Azure on upload), as azurerm takes it. */
  readonly md5: string;
  /** The same, base64, as ARM (and azure-native) take it. */
  readonly md5Base64: string;
  /** Each machine's assignment, given the package's URL (known at deploy time). */
  machines(contentUri: string): MachinePlan[];
  /** The policy objects, given the package's URL; absent without `policy`. */
  readonly policy?: (contentUri: string) => FleetPlan;
}

const lastSegment = (id: string) => id.split('/').pop() ?? id;

/**
 * The plan of a checked MachineConfiguration (`checked` is what
 * {@link checkMachineConfiguration} returned for `props`).
 */
export function fleetPlan<E, Id extends string | object>(
  endpoint: string,
  pkg: MachineConfigurationPackage,
  props: MachineConfigurationPropsOf<E, Id>,
  checked: MachineConfigurationPlan,
  isToken: IsToken,
  text: (v: Id) => string = (v) => v as unknown as string,
): MachineConfigurationLayout {
  const blobName = packageBlobName(pkg);
  const identity = props.contentAccess === 'anonymous' ? undefined : text(props.contentAccess.managedIdentityId);
  const bodyFor = (uri: string) => guestConfigurationBody(pkg, checked.version, props.assignmentType, uri, identity);
  const machines = (contentUri: string): MachinePlan[] => {
    const body = bodyFor(contentUri);
    const location = props.location === undefined ? '' : text(props.location);
    const one = (kind: 'vm' | 'arc', id: string, i: number): MachinePlan => {
      const known = !isToken(id);
      return {
        id: kind === 'vm' ? `Assignment${i}` : `ArcAssignment${i}`,
        azurerm: kind === 'vm' && identity === undefined,
        machineId: id,
        ...(known ? { resourceGroup: id.split('/')[4] } : {}),
        location,
        assignmentName: pkg.name,
        body,
        deploymentName: known ? policyObjectName(`${pkg.name}-${lastSegment(id)}`, 64) : `${pkg.name}-${kind}${i}`,
        template: ASSIGNMENT_TEMPLATE,
        parameters: assignmentTemplateParameters({
          machineId: id,
          location,
          assignmentName: pkg.name,
          guestConfiguration: body,
        }),
      };
    };
    return [
      ...(props.virtualMachineIds ?? []).map((v, i) => one('vm', text(v), i)),
      ...(props.arcMachineIds ?? []).map((v, i) => one('arc', text(v), i)),
    ];
  };
  const policyProps = props.policy;
  const effect = checked.effect;
  const policy =
    policyProps && effect
      ? (contentUri: string): FleetPlan => {
          const scopeId = text(policyProps.scope);
          const deploys = effect === 'DeployIfNotExists';
          const scope = parseScope(scopeId);
          return {
            scope,
            scopeId,
            definitionName: policyObjectName(`${pkg.name}-${deploys ? 'deploy' : 'audit'}`, 64),
            definition: guestConfigurationPolicy({ endpoint, body: bodyFor(contentUri), effect }),
            assignmentName: policyObjectName(pkg.name, 24),
            assignmentParameters: { [INCLUDE_ARC_MACHINES]: { value: String(checked.includeArcMachines) } },
            nonComplianceMessage: `The JEA endpoint ${endpoint} is not as declared: the guest assignment ${pkg.name} names each difference.`,
            ...(policyProps.location !== undefined ? { location: text(policyProps.location) } : {}),
            deploys,
            roleName: 'Guest Configuration Resource Contributor',
            roleDefinitionId: `${scope.kind === 'managementGroup' ? '' : `/subscriptions/${scope.subscription}`}/providers/Microsoft.Authorization/roleDefinitions/${GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR}`,
            ...(checked.remediateExisting
              ? { remediationName: policyObjectName(`${pkg.name}-${pkg.sha256.slice(0, 12).toLowerCase()}`, 64) }
              : {}),
          };
        }
      : undefined;
  const machineIds = [...(props.virtualMachineIds ?? []), ...(props.arcMachineIds ?? [])].map(text);
  const manifest = packageManifest(endpoint, pkg, checked.version, props.assignmentType, {
    machines: machineIds.filter((id) => !isToken(id)),
    machinesKnownAtDeploy: machineIds.filter(isToken).length,
    ...(props.policy
      ? { policy: { scope: text(props.policy.scope), includeArcMachines: checked.includeArcMachines } }
      : {}),
  });
  const account = text(props.storage.storageAccountName);
  const container = text(props.storage.storageContainerName);
  const blobEndpoint =
    props.storage.blobEndpoint === undefined
      ? `https://${account}.blob.core.windows.net/`
      : text(props.storage.blobEndpoint);
  const known = [account, container, blobEndpoint].every((v) => !isToken(v));
  const md5 = createHash('md5').update(pkg.bytes).digest();
  return {
    ...(known ? { contentUri: `${blobEndpoint}${container}/${blobName}` } : {}),
    file: manifest.file,
    manifestFile: `${packageFolder(pkg)}/${PACKAGE_MANIFEST}`,
    manifest: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
    blobName,
    md5: md5.toString('hex'),
    md5Base64: md5.toString('base64'),
    machines,
    ...(policy ? { policy } : {}),
  };
}
