import {
  doubleClaimMessage,
  doublyClaimedVms,
  ownedPolicyName,
  policyNameProblem,
  VmJitClaims,
} from './vm-jit-ownership';
import { parsePrincipal } from '../acl/principal';
import { Issues } from '../jea/issues';
import { roleGuid } from './builtin-roles';
import { EligibilityExpiry } from './duration';
import {
  ActivationPolicy,
  checkGroupEligibility,
  checkPimEligibility,
  checkRegion,
  checkVmJitPolicy,
  GroupEligibilityModel,
  IsToken,
  NOT_A_VM_ID,
  PimEligibilityModel,
  Ticket,
  VM_ID,
  VmJitPolicyModel,
} from './model';
import { policyRules } from './policy-rules';

/**
 * The props of the JIT constructs, shared by both engines: `Id` is how an engine passes a value
 * known only at deploy time (a cdktf token is a string; a Pulumi input may be an Output).
 * Each `define*` function validates props into the core model; `text` turns an `Id` into the
 * model's string (a placeholder for deploy-time values) and `isToken` recognizes those.
 */

/** A port under just-in-time access. */
export interface JitPortProps {
  /** The port number, 0-65535. */
  readonly number: number;
  /** The protocol, `*` for both. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | '*';
  /** IPs, CIDRs or service tags requests may come from. */
  readonly allowedSourceAddressPrefixes: readonly string[];
  /** The longest access a request may ask for, PT5M to PT24H. @default 'PT3H' */
  readonly maxRequestAccessDuration?: string;
}

/** Deny rules for the JIT ports, so that they are closed when no request is active. */
export interface BaselineDenyPropsOf<Id> {
  /** The NSG of the VMs' subnet or NICs. */
  readonly networkSecurityGroupName: Id;
  /** The NSG's resource group. @default the policy's resource group */
  readonly resourceGroupName?: Id;
  /** Priority of the first rule; one rule per port and protocol, counting up. 100-4096. @default 4000 */
  readonly priority?: number;
}

/** Props of VmJitAccessPolicy. */
export interface VmJitAccessPolicyPropsOf<Id> {
  /** The resource group of the VMs. */
  readonly resourceGroupName: Id;
  /** The VMs' region. */
  readonly location: Id;
  /** The policy name, never the portal's `default` (writing it would replace the entries of VMs it does not declare). @default `jeajit-<construct id>` */
  readonly name?: string;
  /** The VMs and their ports. */
  readonly virtualMachines: readonly {
    /** The VM's resource ID. */
    readonly id: Id;
    /** The ports opened on request. */
    readonly ports: readonly JitPortProps[];
  }[];
  /** NSG rules that deny the JIT ports while no request is active. @default no deny rules */
  readonly baselineDeny?: BaselineDenyPropsOf<Id>;
}

/** Props of PimRoleEligibility. */
export interface PimRoleEligibilityPropsOf<Id> {
  /** A subscription, resource group or resource ID. */
  readonly scope: Id;
  /** A built-in role name (`Virtual Machine Contributor`) or a role definition GUID. */
  readonly role: string;
  /** The Entra ID object ID of the user or group made eligible. */
  readonly principalId: Id;
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** Why the eligibility exists. @default none */
  readonly justification?: string;
  /** The ticket (number and system) recorded with the eligibility. @default none */
  readonly ticket?: Ticket;
  /** How the role is activated. */
  readonly activation: ActivationPolicy;
}

/** Props of JitGroupEligibility. */
export interface JitGroupEligibilityPropsOf<Id> {
  /** The Entra ID group's object ID. */
  readonly groupId: Id;
  /**
   * How Windows hosts name the group (DOMAIN\name, e.g. written back from Entra ID or synced), so
   * that it can be a RoleDefinitions principal. @default none (the group cannot be a JEA principal)
   */
  readonly principalName?: string;
  /** Object IDs of the users or groups made eligible. */
  readonly principalIds: readonly Id[];
  /** Whether the principals become eligible members or owners of the group. @default 'member' */
  readonly assignmentType?: 'member' | 'owner';
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** Why the eligibility exists. @default none */
  readonly justification?: string;
  /** The ticket (number and system) recorded with the eligibility. @default none */
  readonly ticket?: Ticket;
  /** How membership is activated. */
  readonly activation: ActivationPolicy;
}

/** Props of JitLocalAdmin. */
export interface JitLocalAdminPropsOf<Id> {
  /** Display name of the role-assignable group that holds the role. */
  readonly groupName: string;
  /** Object IDs of the users made eligible. */
  readonly principalIds: readonly Id[];
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** How local administrator rights are activated (duration, approval, MFA, justification). */
  readonly activation: ActivationPolicy;
  /** Why the eligibility exists. @default none */
  readonly justification?: string;
  /** The ticket (number and system) recorded with the eligibility. @default none */
  readonly ticket?: Ticket;
}

/** Where the install script is uploaded when it is too large to send inline. */
export interface BlobDeliveryOf<Id> {
  /** The storage account the VMs can read from. */
  readonly storageAccountName: Id;
  /** The container the script is uploaded to. */
  readonly storageContainerName: Id;
  /**
   * The storage account's resource group. The Pulumi engine needs it (azure-native addresses a
   * blob by resource group, account and container); cdktf does not use it. @default none
   */
  readonly resourceGroupName?: Id;
  /**
   * Client ID of the user-assigned identity (attached to the VMs, with Storage Blob Data Reader
   * on the container) the run command downloads with. @default the VM's system-assigned identity
   */
  readonly managedIdentityClientId?: Id;
}

/** Props of JeaVmDeployment (`E` is the engine's SessionConfiguration). */
export interface JeaVmDeploymentPropsOf<E, Id> {
  /** The endpoint to install. */
  readonly endpoint: E;
  /** Resource IDs of the Windows VMs. */
  readonly virtualMachineIds: readonly Id[];
  /** The VMs' Azure region. */
  readonly location: Id;
  /** Upload the install script to a blob instead of sending it inline. @default inline */
  readonly blob?: BlobDeliveryOf<Id>;
  /**
   * Largest install script sent inline, in bytes. The script lands in the state and every plan,
   * and Azure documents no limit for inline scripts, so larger ones need `blob`.
   * @default 65536
   */
  readonly inlineScriptLimit?: number;
}

/** Turns an engine value into the model's text (see the module comment). */
export type ToText<Id> = (value: Id, where: string) => string;

/** A (port, protocol) pair of a JIT policy, and the names its baseline deny rule gets. */
export interface JitPort {
  readonly number: number;
  readonly protocol: 'TCP' | 'UDP' | '*';
  /** The child id: `Deny3389TCP`, `Deny53Any`. */
  readonly ruleId: string;
  /** The NSG rule name: `jeajit-jit-deny-3389-tcp`. */
  readonly ruleName: string;
  /** The NSG protocol: `Tcp`, `Udp` or `*`. */
  readonly nsgProtocol: 'Tcp' | 'Udp' | '*';
}

/** The distinct (port, protocol) pairs of a policy, in first-seen order, with their deny rules' names. */
export function uniquePorts(model: VmJitPolicyModel): JitPort[] {
  const out: JitPort[] = [];
  for (const vm of model.virtualMachines) {
    for (const p of vm.ports) {
      if (out.some((o) => o.number === p.number && o.protocol === p.protocol)) continue;
      out.push({
        number: p.number,
        protocol: p.protocol,
        ruleId: `Deny${p.number}${p.protocol === '*' ? 'Any' : p.protocol}`,
        ruleName: `jeajit-jit-deny-${p.number}-${p.protocol === '*' ? 'any' : p.protocol.toLowerCase()}`,
        nsgProtocol: p.protocol === 'TCP' ? 'Tcp' : p.protocol === 'UDP' ? 'Udp' : '*',
      });
    }
  }
  return out;
}

/**
 * Validates VM JIT props into the model and the baseline deny rules' ports; throws a
 * ValidationError. `claims` holds the policies declared before in the same stack: a VM already
 * in one of them is refused, and this policy is added.
 */
export function defineVmJitPolicy<Id>(
  path: string,
  props: VmJitAccessPolicyPropsOf<Id>,
  text: ToText<Id>,
  isToken: IsToken,
  claims: VmJitClaims = [],
): { model: VmJitPolicyModel; ports: JitPort[]; priority: number } {
  const model: VmJitPolicyModel = {
    name: props.name ?? ownedPolicyName(path),
    resourceGroupName: text(props.resourceGroupName, `${path}.resourceGroupName`),
    location: text(props.location, `${path}.location`),
    virtualMachines: props.virtualMachines.map((vm, i) => ({
      id: text(vm.id, `${path}.virtualMachines[${i}].id`),
      ports: vm.ports.map((p) => ({
        number: p.number,
        protocol: p.protocol ?? 'TCP',
        allowedSourceAddressPrefixes: p.allowedSourceAddressPrefixes,
        maxRequestAccessDuration: p.maxRequestAccessDuration ?? 'PT3H',
      })),
    })),
  };
  const issues = new Issues(path);
  const nameProblem = policyNameProblem(model.name);
  if (nameProblem) issues.at('name').add(model.name, nameProblem);
  checkVmJitPolicy(model, issues, isToken);
  const resolved = { ...model, virtualMachines: model.virtualMachines.filter((vm) => !isToken(vm.id)) };
  for (const d of doublyClaimedVms([...claims, { path, model: resolved }]).filter((x) => x.policy === claims.length)) {
    issues
      .at('virtualMachines')
      .at(model.virtualMachines.findIndex((vm) => vm.id === d.vmId))
      .at('id')
      .add(d.vmId, doubleClaimMessage(d.vmId, d.paths[0]));
  }
  const ports = uniquePorts(model);
  const priority = props.baselineDeny?.priority ?? 4000;
  if (props.baselineDeny && (!Number.isInteger(priority) || priority < 100 || priority + ports.length - 1 > 4096)) {
    issues
      .at('baselineDeny')
      .at('priority')
      .add(
        priority,
        `the ${ports.length} rules need priorities ${priority} to ${priority + ports.length - 1} within 100-4096`,
      );
  }
  issues.throwIfAny();
  claims.push({ path, model: resolved });
  return { model, ports, priority };
}

/** The activation policies already declared, by scope and role: a role has one per scope. */
export type PolicyRegistry = Map<string, { path: string; rules: string }>;

/**
 * Validates PIM eligibility props into the model and the role's policy rules. `policy` is false
 * when an earlier eligibility of the role at the scope (in `registry`) already declares them;
 * conflicting rules are a ValidationError.
 */
export function definePimEligibility<Id>(
  path: string,
  props: PimRoleEligibilityPropsOf<Id>,
  text: ToText<Id>,
  isToken: IsToken,
  registry: PolicyRegistry,
): { model: PimEligibilityModel; rules: ReturnType<typeof policyRules>; policy: boolean } {
  const role = roleGuid(props.role);
  const scope = text(props.scope, `${path}.scope`);
  const model: PimEligibilityModel = {
    scope,
    roleDefinitionGuid: role?.guid ?? props.role,
    ...(role?.name ? { roleName: role.name } : {}),
    principalId: text(props.principalId, `${path}.principalId`),
    expiry: props.expiry,
    ...(props.justification !== undefined ? { justification: props.justification } : {}),
    ...(props.ticket ? { ticket: props.ticket } : {}),
    activation: props.activation,
  };
  const issues = new Issues(path);
  checkPimEligibility(model, issues, isToken);
  const rules = policyRules(props.activation, props.expiry);
  const key = `${scope.toLowerCase()}|${model.roleDefinitionGuid}`;
  const earlier = registry.get(key);
  if (earlier && earlier.rules !== JSON.stringify(rules)) {
    issues
      .at('activation')
      .add(
        props.activation,
        `${earlier.path} declares other rules for this role at this scope; a role has one activation policy per scope`,
      );
  }
  issues.throwIfAny();
  if (!earlier) registry.set(key, { path, rules: JSON.stringify(rules) });
  return { model, rules, policy: !earlier };
}

/** The role definition ID of a role GUID in the subscription of a scope. */
export function roleDefinitionId(scope: string, guid: string): string {
  return `/subscriptions/${scope.split('/')[2]}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** Validates PIM for Groups props into the model; throws a ValidationError. */
export function defineGroupEligibility<Id>(
  path: string,
  props: JitGroupEligibilityPropsOf<Id>,
  text: ToText<Id>,
  isToken: IsToken,
): GroupEligibilityModel {
  const model: GroupEligibilityModel = {
    groupId: text(props.groupId, `${path}.groupId`),
    ...(props.principalName !== undefined ? { principalName: props.principalName } : {}),
    principalIds: props.principalIds.map((id, i) => text(id, `${path}.principalIds[${i}]`)),
    assignmentType: props.assignmentType ?? 'member',
    expiry: props.expiry,
    ...(props.justification !== undefined ? { justification: props.justification } : {}),
    ...(props.ticket ? { ticket: props.ticket } : {}),
    activation: props.activation,
  };
  const issues = new Issues(path);
  checkGroupEligibility(model, issues, isToken);
  if (props.principalName !== undefined) {
    const parsed = parsePrincipal(props.principalName);
    if ('problem' in parsed) issues.at('principalName').add(props.principalName, parsed.problem);
  }
  issues.throwIfAny();
  return model;
}

/** Checks the VMs and region of a deployment: at least one VM, VM resource IDs, a region name. */
export function checkVmTargets(
  virtualMachineIds: readonly string[],
  location: string,
  issues: Issues,
  isToken: IsToken,
): void {
  if (virtualMachineIds.length === 0) issues.at('virtualMachineIds').add([], 'at least one VM');
  virtualMachineIds.forEach((vm, i) => {
    if (!isToken(vm) && !VM_ID.test(vm)) issues.at('virtualMachineIds').at(i).add(vm, NOT_A_VM_ID);
  });
  checkRegion(location, issues.at('location'), isToken);
}

/** The default largest install script sent inline, in bytes. */
export const INLINE_SCRIPT_LIMIT = 65536;

/**
 * Validates a VM deployment: the VMs and region (see {@link checkVmTargets}), and an install
 * script over the inline limit without blob delivery; throws a ValidationError naming `path`.
 */
export function checkVmDeployment<Id>(
  path: string,
  props: JeaVmDeploymentPropsOf<unknown, Id>,
  scriptBytes: number,
  text: ToText<Id>,
  isToken: IsToken,
): void {
  const issues = new Issues(path);
  const vms = props.virtualMachineIds.map((vm, i) => text(vm, `${path}.virtualMachineIds[${i}]`));
  checkVmTargets(vms, text(props.location, `${path}.location`), issues, isToken);
  const limit = props.inlineScriptLimit ?? INLINE_SCRIPT_LIMIT;
  if (!props.blob && scriptBytes > limit) {
    issues
      .at('blob')
      .add(
        undefined,
        `the install script is ${scriptBytes} bytes, more than inlineScriptLimit (${limit}); give blob delivery (storage account, container, identity) or raise the limit`,
      );
  }
  issues.throwIfAny();
}
