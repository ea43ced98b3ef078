/**
 * Guest configuration assignments of a jeajit package, as ARM takes them
 * (`Microsoft.GuestConfiguration/guestConfigurationAssignments@2024-04-05`, see
 * ../shared/azure-api-examples/guestconfiguration/FACTS.md §4): the `guestConfiguration` body,
 * where the package blob lives, and one ARM template that creates the assignment on an Azure VM
 * or an Arc server. Both engines and the policy definition use these, so they cannot differ.
 */
import { MachineConfigurationPackage, PackageMode } from './package';

/** The guest configuration API version the assignments are written with. */
export const GUEST_CONFIGURATION_API_VERSION = '2024-04-05';

/**
 * What the agent does with the package: report only (`Audit`), apply once and report
 * (`ApplyAndMonitor`), or apply whenever it drifts (`ApplyAndAutoCorrect`). Case-sensitive in ARM.
 */
export type AssignmentType = 'Audit' | 'ApplyAndMonitor' | 'ApplyAndAutoCorrect';

/** Every assignment type jeajit writes. */
export const ASSIGNMENT_TYPES: readonly AssignmentType[] = ['Audit', 'ApplyAndMonitor', 'ApplyAndAutoCorrect'];

/**
 * The package mode an assignment type needs: `Audit` packages only audit, and Microsoft's module
 * refuses an Apply assignment of an Audit package (FACTS §4), so Apply types get `AuditAndSet`.
 */
export function packageModeFor(assignmentType: AssignmentType): PackageMode {
  return assignmentType === 'Audit' ? 'Audit' : 'AuditAndSet';
}

/**
 * The blob name of a package: `<name>/<SHA-256>/<name>.zip`. The hash in the path makes every
 * content a new blob (Terraform replaces it, no stale cache), and the file keeps the package's
 * name, which the agent expects to match the configuration name (FACTS §1).
 */
export function packageBlobName(pkg: MachineConfigurationPackage): string {
  return `${pkg.name}/${pkg.sha256}/${pkg.fileName}`;
}

/** The `properties.guestConfiguration` of an assignment. */
export interface GuestConfigurationBody {
  readonly name: string;
  readonly version: string;
  readonly contentUri: string;
  /** SHA-256 of the zip, upper-case hex. */
  readonly contentHash: string;
  readonly assignmentType: AssignmentType;
  /** Resource ID of the user-assigned identity the agent downloads the package with (Azure VMs only). */
  readonly contentManagedIdentity?: string;
}

/** How the agent gets the package: a user-assigned identity, or a URL anyone holding it can read. */
export type ContentAccessOf<Id> = { readonly managedIdentityId: Id } | 'anonymous';

/**
 * The `guestConfiguration` body of a package's assignment. `contentType` is read-only in the API
 * and left out; `version` only matters for Microsoft-hosted content but is sent as the package's.
 */
export function guestConfigurationBody(
  pkg: MachineConfigurationPackage,
  version: string,
  assignmentType: AssignmentType,
  contentUri: string,
  managedIdentityId?: string,
): GuestConfigurationBody {
  return {
    name: pkg.name,
    version,
    contentUri,
    contentHash: pkg.sha256,
    assignmentType,
    ...(managedIdentityId !== undefined ? { contentManagedIdentity: managedIdentityId } : {}),
  };
}

/** The machine resource types an assignment can hang off. */
export const MACHINE_TYPES = {
  virtualMachine: 'Microsoft.Compute/virtualMachines',
  arcMachine: 'Microsoft.HybridCompute/machines',
} as const;

const templateResource = (machineType: string) => ({
  condition: `[contains(toLower(parameters('machineId')), '/providers/${machineType.toLowerCase()}/')]`,
  apiVersion: GUEST_CONFIGURATION_API_VERSION,
  type: `${machineType}/providers/guestConfigurationAssignments`,
  name: "[concat(last(split(parameters('machineId'), '/')), '/Microsoft.GuestConfiguration/', parameters('assignmentName'))]",
  location: "[parameters('location')]",
  properties: { guestConfiguration: "[parameters('guestConfiguration')]" },
});

/**
 * An ARM template that puts one guest configuration assignment on one machine, deployed into
 * the machine's resource group: an Azure VM or an Arc server, told apart by its resource ID.
 * It is what the policy's DeployIfNotExists deploys on each machine, and what cdktf deploys
 * where azurerm has no resource (Arc servers, package download with a managed identity).
 * Parameters: machineId, location, assignmentName, guestConfiguration (the
 * {@link GuestConfigurationBody}).
 */
export const ASSIGNMENT_TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    machineId: { type: 'string' },
    location: { type: 'string' },
    assignmentName: { type: 'string' },
    guestConfiguration: { type: 'object' },
  },
  resources: Object.values(MACHINE_TYPES).map(templateResource),
} as const;

/** The parameter values of {@link ASSIGNMENT_TEMPLATE}, as a deployment's `parameters` object. */
export function assignmentTemplateParameters(values: {
  readonly machineId: string;
  readonly location: string;
  readonly assignmentName: string;
  readonly guestConfiguration: GuestConfigurationBody | Record<string, unknown>;
}): Record<string, { readonly value: unknown }> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
}
