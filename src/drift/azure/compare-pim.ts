import { PIM_RULE_IDS } from '../../jit/arm-policy-rules';
import { durationSeconds } from '../../jit/duration';
import { ActivationPolicy, Approver } from '../../jit/model';
import { Change } from '../finding';
import { changes, fieldDiff, keyed, name, optional, record, scalar, stringSet } from '../semantic';

/** A rule of a role management policy as ARM returns it (2020-10-01); fields depend on ruleType. */
export interface ArmPolicyRule {
  readonly id: string;
  readonly ruleType: string;
  readonly [field: string]: unknown;
}

/** A `Microsoft.Authorization/roleManagementPolicies` resource. */
export interface ArmRoleManagementPolicy {
  readonly id: string;
  readonly properties: { readonly rules?: readonly ArmPolicyRule[] };
}

/** What a role management policy enforces, in the model's terms. */
export interface PimPolicyState {
  readonly activation: ActivationPolicy;
  /**
   * How long an eligibility may last (Expiration_Admin_Eligibility): `P365D`, or `none`; one of the
   * expiries jeajit can declare (EligibilityExpiry) or any other ISO 8601 duration that ARM holds.
   */
  readonly expiry: string;
}

/** The fields of the rules read here (each rule type has some of them). */
interface ArmRuleFields {
  readonly enabledRules?: readonly string[];
  readonly setting?: {
    readonly isApprovalRequired?: boolean;
    readonly approvalStages?: readonly {
      readonly primaryApprovers?: readonly { readonly userType: Approver['type']; readonly id: string }[];
    }[];
  };
  readonly isEnabled?: boolean;
  readonly claimValue?: string;
  readonly notificationRecipients?: readonly string[];
  readonly maximumDuration?: string;
  readonly isExpirationRequired?: boolean;
}

/**
 * Reads the rules that jeajit declares (src/jit/arm-policy-rules.ts writes them) out of a role
 * management policy: Expiration_EndUser_Assignment (activation length), Enablement_EndUser_Assignment
 * (MFA, justification, ticket), Approval_EndUser_Assignment (approvers of the first stage),
 * AuthenticationContext_EndUser_Assignment, Notification_Admin_EndUser_Assignment (additional
 * recipients) and Expiration_Admin_Eligibility (eligibility expiry).
 */
export function pimPolicyFromArm(policy: ArmRoleManagementPolicy): PimPolicyState {
  const rules = new Map((policy.properties?.rules ?? []).map((r) => [r.id.toLowerCase(), r as ArmRuleFields]));
  const rule = (id: string): ArmRuleFields => rules.get(id.toLowerCase()) ?? {};
  const enabled = new Set((rule(PIM_RULE_IDS.activationEnablement).enabledRules ?? []).map((r) => r.toLowerCase()));
  const approval = rule(PIM_RULE_IDS.activationApproval).setting ?? {};
  const context = rule(PIM_RULE_IDS.activationAuthenticationContext);
  const notify = rule(PIM_RULE_IDS.activationAdminNotification).notificationRecipients ?? [];
  const eligibility = rule(PIM_RULE_IDS.eligibilityExpiration);
  const approvers: Approver[] = (approval.approvalStages?.[0]?.primaryApprovers ?? []).map((a) => ({
    type: a.userType,
    objectId: a.id,
  }));
  return {
    activation: {
      // every role management policy has this rule (Azure creates them all with the policy)
      maximumDuration: rule(PIM_RULE_IDS.activationExpiration).maximumDuration!,
      ...(approval.isApprovalRequired ? { approval: { approvers } } : {}),
      requireMfa: enabled.has('multifactorauthentication'),
      ...(context.isEnabled && context.claimValue ? { conditionalAccessContext: context.claimValue } : {}),
      requireJustification: enabled.has('justification'),
      requireTicketInfo: enabled.has('ticketing'),
      ...(notify.length ? { notifyOnActivation: notify } : {}),
    },
    expiry: eligibility.isExpirationRequired === false ? 'none' : (eligibility.maximumDuration ?? 'none'),
  };
}

const seconds = scalar<string>((d) => durationSeconds(d) ?? d);

const activation = record<ActivationPolicy>([
  fieldDiff('maximumDuration', 'maximumDuration', seconds),
  fieldDiff(
    'approval',
    'approval',
    optional(
      record([
        fieldDiff(
          'approvers',
          'approvers',
          keyed<Approver>({ key: (a) => a.objectId, item: record([fieldDiff('type', 'type', name)]) }),
        ),
      ]),
    ),
  ),
  fieldDiff('requireMfa', 'requireMfa', scalar<boolean>(undefined, false)),
  fieldDiff('conditionalAccessContext', 'conditionalAccessContext', name),
  fieldDiff('requireJustification', 'requireJustification', scalar<boolean>(undefined, true)),
  fieldDiff('requireTicketInfo', 'requireTicketInfo', scalar<boolean>(undefined, false)),
  fieldDiff('notifyOnActivation', 'notifyOnActivation', stringSet()),
]);

const policy = record<PimPolicyState>([
  fieldDiff('activation', 'activation', activation),
  fieldDiff('expiry', 'expiry', seconds),
]);

/**
 * Compares what a deployed role management policy enforces with the declaration, field by field:
 * durations by length, approvers as a set by object ID, notification recipients as a set.
 * Paths: `activation.requireMfa`, `activation.approval.approvers['<id>']`, `expiry`.
 */
export function comparePimPolicy(declared: PimPolicyState, actual: PimPolicyState): Change[] {
  return changes(policy, declared, actual);
}
