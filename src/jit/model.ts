import { Issues } from '../jea/issues';
import { addressPrefixKind } from './address';
import {
  activationDurationProblem,
  EligibilityExpiry,
  eligibilityExpiryProblem,
  vmJitDurationProblem,
} from './duration';

/** A port opened on request by Defender for Cloud just-in-time VM access. */
export interface JitPortRule {
  /** 0-65535. */
  readonly number: number;
  readonly protocol: 'TCP' | 'UDP' | '*';
  /** IPs, CIDRs or service tags requests may come from. */
  readonly allowedSourceAddressPrefixes: readonly string[];
  /** The longest access a request may ask for, PT5M to PT24H. */
  readonly maxRequestAccessDuration: string;
}

/** A VM under just-in-time access and its ports. */
export interface JitVirtualMachine {
  /** The VM's resource ID. */
  readonly id: string;
  readonly ports: readonly JitPortRule[];
}

/** A `Microsoft.Security/locations/jitNetworkAccessPolicies` policy. */
export interface VmJitPolicyModel {
  /** Policy name (`default` is what the portal uses). */
  readonly name: string;
  readonly resourceGroupName: string;
  /** The region of the VMs (the policy's ascLocation). */
  readonly location: string;
  readonly virtualMachines: readonly JitVirtualMachine[];
}

/** Someone who approves activations. */
export interface Approver {
  /** Whether the object ID is a user's or a group's. */
  readonly type: 'User' | 'Group';
  /** The Entra ID object ID. */
  readonly objectId: string;
}

/** The rules for activating an eligible role or group membership. */
export interface ActivationPolicy {
  /** The longest activation: PT30M to PT23H30M in 30-minute steps, or P1D. */
  readonly maximumDuration: string;
  /** Activation needs approval by one of these. @default no approval */
  readonly approval?: {
    /** The users and groups who may approve; one approval suffices. */
    readonly approvers: readonly Approver[];
  };
  /** Activation needs multi-factor authentication. @default false */
  readonly requireMfa?: boolean;
  /** Activation needs this Conditional Access authentication context (c1-c99), instead of MFA. @default none */
  readonly conditionalAccessContext?: string;
  /** Activation needs a justification. @default true */
  readonly requireJustification?: boolean;
  /** Activation needs ticket information. @default false */
  readonly requireTicketInfo?: boolean;
  /** Also notify these addresses of every activation. @default only the defaults */
  readonly notifyOnActivation?: readonly string[];
}

/** A ticket reference for an assignment. */
export interface Ticket {
  /** The ticket number. */
  readonly number: string;
  /** The ticketing system it belongs to. */
  readonly system: string;
}

/** An Azure RBAC role made eligible (PIM), not standing. */
export interface PimEligibilityModel {
  /** The scope: a subscription, resource group or resource ID. */
  readonly scope: string;
  /** The role definition's GUID (built-in roles are known by name). */
  readonly roleDefinitionGuid: string;
  /** The role's name, when known (for reports and rules). */
  readonly roleName?: string;
  /** The Entra ID object ID of the user or group made eligible. */
  readonly principalId: string;
  /** How long the eligibility lasts. */
  readonly expiry: EligibilityExpiry;
  readonly justification?: string;
  readonly ticket?: Ticket;
  readonly activation: ActivationPolicy;
}

/** Time-bound membership of an Entra ID group through PIM for Groups. */
export interface GroupEligibilityModel {
  /** The group's object ID. */
  readonly groupId: string;
  /** The principal name hosts resolve the group by (DOMAIN\name), when it maps to a JEA role. */
  readonly principalName?: string;
  /** Object IDs of the users (or groups) made eligible. */
  readonly principalIds: readonly string[];
  readonly assignmentType: 'member' | 'owner';
  readonly expiry: EligibilityExpiry;
  readonly justification?: string;
  readonly ticket?: Ticket;
  readonly activation: ActivationPolicy;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An Azure VM resource ID. */
export const VM_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i;
/** What a text that is not a VM resource ID is told. */
export const NOT_A_VM_ID =
  'not a VM resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>)';

/** Whether a value is a cdktf/Pulumi token that resolves only at deploy time (checks are skipped). */
export type IsToken = (value: string) => boolean;
const noTokens: IsToken = () => false;

/** Checks an Azure region name such as `westeurope` (skipped for tokens). */
export function checkRegion(value: string, issues: Issues, isToken: IsToken = noTokens): void {
  if (!isToken(value) && !/^[a-z0-9]+$/i.test(value)) issues.add(value, 'not an Azure region name (westeurope)');
}

/** Checks an object ID (skipped for tokens). */
export function checkObjectId(value: string, issues: Issues, isToken: IsToken = noTokens): void {
  if (!isToken(value) && !GUID.test(value)) issues.add(value, 'not an Entra ID object ID (a GUID)');
}

/** Checks a VM JIT policy: names, VM IDs, ports 0-65535, protocols, prefixes and durations within the service's limits. */
export function checkVmJitPolicy(model: VmJitPolicyModel, issues: Issues, isToken: IsToken = noTokens): void {
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(model.name))
    issues.at('name').add(model.name, 'not a policy name (1-80 letters, digits, _ . -)');
  checkRegion(model.location, issues.at('location'), isToken);
  if (model.virtualMachines.length === 0) issues.at('virtualMachines').add([], 'at least one VM');
  model.virtualMachines.forEach((vm, i) => {
    const at = issues.at('virtualMachines').at(i);
    if (!isToken(vm.id) && !VM_ID.test(vm.id)) at.at('id').add(vm.id, NOT_A_VM_ID);
    if (vm.ports.length === 0) at.at('ports').add([], 'at least one port');
    const seen = new Set<string>();
    vm.ports.forEach((port, j) => {
      const p = at.at('ports').at(j);
      if (!Number.isInteger(port.number) || port.number < 0 || port.number > 65535)
        p.at('number').add(port.number, 'out of range: ports are 0-65535');
      if (!['TCP', 'UDP', '*'].includes(port.protocol))
        p.at('protocol').add(port.protocol, "allowed: 'TCP', 'UDP', '*'");
      const key = `${port.number}/${port.protocol}`;
      if (seen.has(key)) p.add(key, 'this port and protocol are listed twice for the VM');
      seen.add(key);
      if (port.allowedSourceAddressPrefixes.length === 0)
        p.at('allowedSourceAddressPrefixes').add([], 'at least one source (an IP, a CIDR or a service tag)');
      port.allowedSourceAddressPrefixes.forEach((prefix, k) => {
        if (!isToken(prefix) && addressPrefixKind(prefix) === undefined)
          p.at('allowedSourceAddressPrefixes').at(k).add(prefix, 'not an IP address, a CIDR block or a service tag');
      });
      const problem = vmJitDurationProblem(port.maxRequestAccessDuration);
      if (problem) p.at('maxRequestAccessDuration').add(port.maxRequestAccessDuration, problem);
    });
  });
}

/** Checks activation rules: duration in PIM's steps, approvers when approval is required, MFA or a context (not both). */
export function checkActivation(policy: ActivationPolicy, issues: Issues, isToken: IsToken = noTokens): void {
  const problem = activationDurationProblem(policy.maximumDuration);
  if (problem) issues.at('maximumDuration').add(policy.maximumDuration, problem);
  if (policy.approval) {
    if (policy.approval.approvers.length === 0)
      issues.at('approval').at('approvers').add([], 'approval needs at least one approver');
    policy.approval.approvers.forEach((a, i) => {
      const at = issues.at('approval').at('approvers').at(i);
      if (a.type !== 'User' && a.type !== 'Group') at.at('type').add(a.type, "allowed: 'User', 'Group'");
      checkObjectId(a.objectId, at.at('objectId'), isToken);
    });
  }
  if (policy.conditionalAccessContext !== undefined) {
    if (!/^c([1-9]|[1-9]\d)$/.test(policy.conditionalAccessContext))
      issues
        .at('conditionalAccessContext')
        .add(policy.conditionalAccessContext, 'not an authentication context ID (c1 to c99)');
    if (policy.requireMfa)
      issues
        .at('requireMfa')
        .add(
          true,
          'PIM takes either MFA or a Conditional Access context, not both: the context can itself require MFA',
        );
  }
  policy.notifyOnActivation?.forEach((mail, i) => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mail))
      issues.at('notifyOnActivation').at(i).add(mail, 'not an email address');
  });
}

/** Checks the shared parts of an eligibility: expiry and ticket. */
export function checkEligibility(expiry: EligibilityExpiry, ticket: Ticket | undefined, issues: Issues): void {
  const problem = eligibilityExpiryProblem(expiry);
  if (problem) issues.at('expiry').add(expiry, problem);
  if (ticket && (!ticket.number.trim() || !ticket.system.trim()))
    issues.at('ticket').add(ticket, 'a ticket needs a number and a system');
}

/** Checks a PIM eligibility of an Azure role. */
export function checkPimEligibility(model: PimEligibilityModel, issues: Issues, isToken: IsToken = noTokens): void {
  if (
    !isToken(model.scope) &&
    !/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+(\/providers\/.+)?)?$/i.test(model.scope)
  ) {
    issues.at('scope').add(model.scope, 'not a scope (/subscriptions/<id>, a resource group ID or a resource ID)');
  }
  if (!GUID.test(model.roleDefinitionGuid))
    issues.at('role').add(model.roleDefinitionGuid, 'not a role definition GUID or a known built-in role name');
  checkObjectId(model.principalId, issues.at('principalId'), isToken);
  checkEligibility(model.expiry, model.ticket, issues);
  checkActivation(model.activation, issues.at('activation'), isToken);
}

/** Checks a PIM for Groups eligibility. */
export function checkGroupEligibility(model: GroupEligibilityModel, issues: Issues, isToken: IsToken = noTokens): void {
  checkObjectId(model.groupId, issues.at('groupId'), isToken);
  if (model.principalIds.length === 0) issues.at('principalIds').add([], 'at least one eligible principal');
  model.principalIds.forEach((id, i) => checkObjectId(id, issues.at('principalIds').at(i), isToken));
  if (model.assignmentType !== 'member' && model.assignmentType !== 'owner')
    issues.at('assignmentType').add(model.assignmentType, "allowed: 'member', 'owner'");
  checkEligibility(model.expiry, model.ticket, issues);
  checkActivation(model.activation, issues.at('activation'), isToken);
}
