/**
 * The props of the MachineConfiguration construct, shared by both engines (`Id` is how an engine
 * passes a value known only at deploy time, as in src/jit/props.ts), and their one check.
 */
import { parseScope } from '../drift/azure/fleet-scope';
import { Issues } from '../jea/issues';
import { checkRegion, IsToken, NOT_A_VM_ID, VM_ID } from '../jit/model';
import { ToText } from '../jit/props';
import { ASSIGNMENT_TYPES, AssignmentType, ContentAccessOf } from './assignment';
import { POLICY_EFFECTS, PolicyEffect } from './policy-definition';

/** Where the package zip is uploaded. */
export interface PackageStorageOf<Id> {
  /** The storage account. */
  readonly storageAccountName: Id;
  /** The container (private with a managed identity; blob-level public read with `'anonymous'`). */
  readonly storageContainerName: Id;
  /** The account's resource group: needed by the Pulumi (azure-native) blob, unused by cdktf. @default none */
  readonly resourceGroupName?: Id;
  /** The account's blob endpoint, for clouds other than Azure's public one. @default https://<account>.blob.core.windows.net/ */
  readonly blobEndpoint?: Id;
}

/** The policy that keeps the endpoint on every Windows machine of a scope. */
export interface MachineConfigurationPolicyPropsOf<Id> {
  /** The management group, subscription or resource group the policy is assigned at (its resource ID). */
  readonly scope: Id;
  /**
   * `DeployIfNotExists` assigns the package to every machine in scope; `AuditIfNotExists` only
   * reports machines without a compliant one (and needs assignmentType `Audit`).
   * @default DeployIfNotExists
   */
  readonly effect?: PolicyEffect;
  /** Region of the assignment's managed identity; required by DeployIfNotExists. @default none */
  readonly location?: Id;
  /** Also Windows Arc-enabled servers (billed per server). @default false */
  readonly includeArcMachines?: boolean;
  /** Start a remediation task for the machines that exist already (DeployIfNotExists only acts on new and changed ones by itself). @default true */
  readonly remediateExisting?: boolean;
}

/** Props of MachineConfiguration (`E` is the engine's SessionConfiguration). */
export interface MachineConfigurationPropsOf<E, Id> {
  /** The endpoint the package installs and checks. */
  readonly endpoint: E;
  /** `Audit` (report only), `ApplyAndMonitor` (apply, then report) or `ApplyAndAutoCorrect` (apply whenever it drifts). */
  readonly assignmentType: AssignmentType;
  /** The package version, `x.y.z`. @default 1.0.0 */
  readonly version?: string;
  /** Where the package is uploaded. */
  readonly storage: PackageStorageOf<Id>;
  /**
   * How machines download the package: `{ managedIdentityId }`, the resource ID of a user-assigned
   * identity attached to the VMs with Storage Blob Data Reader on the container (Azure VMs only),
   * or `'anonymous'`: a container with blob-level public read, where the URL (with the package's
   * SHA-256 in it) is the only key. No SAS: its token would sit in the Terraform or Pulumi state.
   */
  readonly contentAccess: ContentAccessOf<Id>;
  /** Azure VMs to assign the package to, one by one. @default none */
  readonly virtualMachineIds?: readonly Id[];
  /** Arc-enabled servers to assign the package to, one by one. @default none */
  readonly arcMachineIds?: readonly Id[];
  /** The region of `virtualMachineIds` and `arcMachineIds`; required with them. @default none */
  readonly location?: Id;
  /** Assign the package to a whole scope, present and future machines, through Azure Policy. @default none */
  readonly policy?: MachineConfigurationPolicyPropsOf<Id>;
}

/** What a check of the props settled. */
export interface MachineConfigurationPlan {
  readonly version: string;
  /** The policy's effect, when there is a policy. */
  readonly effect?: PolicyEffect;
  readonly includeArcMachines: boolean;
  readonly remediateExisting: boolean;
}

const ARC_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.HybridCompute\/machines\/[^/]+$/i;
const IDENTITY_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;
const ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^(?=.{3,63}$)[a-z0-9](?:-?[a-z0-9])*$/;

function checkIds(
  ids: readonly string[],
  pattern: RegExp,
  refusal: string,
  issues: Issues,
  isToken: IsToken,
  seen: Map<string, string>,
): void {
  ids.forEach((id, i) => {
    const at = issues.at(i);
    if (isToken(id)) return;
    if (!pattern.test(id)) at.add(id, refusal);
    else if (seen.has(id.toLowerCase()))
      at.add(id, `also at ${seen.get(id.toLowerCase())}: one assignment per machine`);
    else seen.set(id.toLowerCase(), at.field);
  });
}

/**
 * Checks the machines of a MachineConfiguration (`virtualMachineIds`, `arcMachineIds` of
 * `issues`): each a VM or Arc server resource ID, none twice. Tokens are skipped; an engine whose
 * IDs become known at deploy time checks them again then.
 */
export function checkMachineIds(
  vms: readonly string[],
  arcs: readonly string[],
  issues: Issues,
  isToken: IsToken = () => false,
): void {
  const seen = new Map<string, string>();
  checkIds(vms, VM_ID, NOT_A_VM_ID, issues.at('virtualMachineIds'), isToken, seen);
  checkIds(
    arcs,
    ARC_ID,
    'not an Arc server resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.HybridCompute/machines/<name>)',
    issues.at('arcMachineIds'),
    isToken,
    seen,
  );
}

/**
 * Checks MachineConfiguration props; throws a ValidationError naming `path`, each field, value
 * and what is allowed. Values that are tokens (known at deploy time) are not checked.
 */
export function checkMachineConfiguration<E, Id>(
  path: string,
  props: MachineConfigurationPropsOf<E, Id>,
  text: ToText<Id>,
  isToken: IsToken,
): MachineConfigurationPlan {
  const issues = new Issues(path);
  const t = (v: Id, field: string) => text(v, `${path}.${field}`);
  if (!ASSIGNMENT_TYPES.includes(props.assignmentType))
    issues.at('assignmentType').add(props.assignmentType, `not one of ${ASSIGNMENT_TYPES.join(', ')}`);
  const version = props.version ?? '1.0.0';
  if (!/^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(version)) issues.at('version').add(version, 'not a version x.y.z');

  const account = t(props.storage.storageAccountName, 'storage.storageAccountName');
  if (!isToken(account) && !ACCOUNT.test(account))
    issues
      .at('storage')
      .at('storageAccountName')
      .add(account, 'not a storage account name (3-24 lowercase letters and digits)');
  const container = t(props.storage.storageContainerName, 'storage.storageContainerName');
  if (!isToken(container) && !CONTAINER.test(container))
    issues
      .at('storage')
      .at('storageContainerName')
      .add(container, 'not a container name (3-63 lowercase letters, digits and single hyphens)');

  const endpoint =
    props.storage.blobEndpoint === undefined ? undefined : t(props.storage.blobEndpoint, 'storage.blobEndpoint');
  if (endpoint !== undefined && !isToken(endpoint) && !/^https:\/\/[a-z0-9.-]+(:\d+)?\/$/i.test(endpoint))
    issues
      .at('storage')
      .at('blobEndpoint')
      .add(endpoint, 'not a blob endpoint URL (https://<account>.blob.<cloud suffix>/)');

  const identity = props.contentAccess === 'anonymous' ? undefined : props.contentAccess?.managedIdentityId;
  if (props.contentAccess !== 'anonymous') {
    const id = identity === undefined ? undefined : t(identity, 'contentAccess.managedIdentityId');
    if (id === undefined)
      issues.at('contentAccess').add(props.contentAccess, "neither { managedIdentityId } nor 'anonymous'");
    else if (!isToken(id) && !IDENTITY_ID.test(id))
      issues
        .at('contentAccess')
        .at('managedIdentityId')
        .add(
          id,
          'not a user-assigned identity resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)',
        );
  }

  const vms = (props.virtualMachineIds ?? []).map((v, i) => t(v, `virtualMachineIds[${i}]`));
  const arcs = (props.arcMachineIds ?? []).map((v, i) => t(v, `arcMachineIds[${i}]`));
  checkMachineIds(vms, arcs, issues, isToken);
  if (vms.length + arcs.length > 0) {
    const location = props.location === undefined ? undefined : t(props.location, 'location');
    if (location === undefined)
      issues
        .at('location')
        .add(undefined, 'the machines’ Azure region is required with virtualMachineIds or arcMachineIds');
    else checkRegion(location, issues.at('location'), isToken);
  }
  if (identity !== undefined && arcs.length)
    issues
      .at('arcMachineIds')
      .add(
        arcs,
        "Arc servers cannot download with a user-assigned identity (Azure VMs only); use contentAccess 'anonymous' for them, in a MachineConfiguration of their own",
      );

  const policy = props.policy;
  let effect: PolicyEffect | undefined;
  if (policy) {
    const at = issues.at('policy');
    const scope = t(policy.scope, 'policy.scope');
    if (isToken(scope))
      at.at('scope').add(
        scope,
        'must be known at synth: the kind of scope (management group, subscription, resource group) decides the resources',
      );
    else {
      try {
        parseScope(scope);
      } catch (e) {
        at.at('scope').add(scope, (e as Error).message.replace(/^scope '.*?' is /, 'is '));
      }
    }
    effect = policy.effect ?? 'DeployIfNotExists';
    if (!POLICY_EFFECTS.includes(effect)) at.at('effect').add(effect, `not one of ${POLICY_EFFECTS.join(', ')}`);
    if (effect === 'AuditIfNotExists' && props.assignmentType !== 'Audit')
      at.at('effect').add(effect, `only reports; assignmentType '${props.assignmentType}' needs DeployIfNotExists`);
    const location = policy.location === undefined ? undefined : t(policy.location, 'policy.location');
    if (effect === 'DeployIfNotExists' && location === undefined)
      at.at('location').add(undefined, 'DeployIfNotExists needs the region of its managed identity');
    else if (location !== undefined) checkRegion(location, at.at('location'), isToken);
    if (identity !== undefined && policy.includeArcMachines)
      at.at('includeArcMachines').add(
        true,
        'Arc servers cannot download with a user-assigned identity (Azure VMs only)',
      );
  }
  if (!vms.length && !arcs.length && !policy)
    issues.add(undefined, 'assigns nothing: give virtualMachineIds, arcMachineIds or policy');
  issues.throwIfAny();
  return {
    version,
    ...(effect ? { effect } : {}),
    includeArcMachines: policy?.includeArcMachines ?? false,
    remediateExisting: effect === 'DeployIfNotExists' && (policy?.remediateExisting ?? true),
  };
}
