import { EligibilityExpiry } from './duration';
import { ActivationPolicy } from './model';

/**
 * The rules of an Azure role management policy in ARM form (`Microsoft.Authorization/roleManagementPolicies`,
 * 2020-10-01 and later), built from the model: what the Pulumi engine writes, and what drift reads back
 * (src/drift/azure/compare-pim.ts). Azure creates every rule with the policy; a rule's ID names what it
 * governs, `<Type>_<Caller>_<Level>` (`Expiration_EndUser_Assignment`: how long an activation lasts),
 * with the recipient first for notifications (`Notification_Admin_EndUser_Assignment`).
 */

/** The IDs of the rules jeajit declares (fixed by Azure). */
export const PIM_RULE_IDS = {
  /** How long an activation lasts. */
  activationExpiration: 'Expiration_EndUser_Assignment',
  /** What an activation needs: MFA, justification, ticket. */
  activationEnablement: 'Enablement_EndUser_Assignment',
  /** Who approves an activation. */
  activationApproval: 'Approval_EndUser_Assignment',
  /** The Conditional Access authentication context an activation needs. */
  activationAuthenticationContext: 'AuthenticationContext_EndUser_Assignment',
  /** Who else hears of an activation. */
  activationAdminNotification: 'Notification_Admin_EndUser_Assignment',
  /** How long an eligibility lasts. */
  eligibilityExpiration: 'Expiration_Admin_Eligibility',
} as const;

/** Whom and what a rule applies to. */
export type PolicyRuleTarget = {
  readonly caller: 'Admin' | 'EndUser';
  readonly operations: string[];
  readonly level: 'Assignment' | 'Eligibility';
};

// type aliases, not interfaces: a rule is also an ARM rule of any shape (src/drift/azure/compare-pim.ts)
type RuleBase<Type extends string> = {
  readonly id: string;
  readonly ruleType: Type;
  readonly target: PolicyRuleTarget;
};

/** How long an activation or an eligibility may last. */
export type ExpirationRule = RuleBase<'RoleManagementPolicyExpirationRule'> & {
  readonly isExpirationRequired: boolean;
  /** ISO 8601; absent when expiration is not required. */
  readonly maximumDuration?: string;
};

/** What an activation needs. */
export type EnablementRule = RuleBase<'RoleManagementPolicyEnablementRule'> & {
  readonly enabledRules: ('MultiFactorAuthentication' | 'Justification' | 'Ticketing')[];
};

/** Who approves an activation: one stage, the other settings at Azure's defaults. */
export type ApprovalRule = RuleBase<'RoleManagementPolicyApprovalRule'> & {
  readonly setting: {
    readonly isApprovalRequired: boolean;
    readonly isApprovalRequiredForExtension: boolean;
    readonly isRequestorJustificationRequired: boolean;
    readonly approvalMode: 'SingleStage';
    readonly approvalStages: {
      readonly approvalStageTimeOutInDays: number;
      readonly isApproverJustificationRequired: boolean;
      readonly escalationTimeInMinutes: number;
      readonly isEscalationEnabled: boolean;
      readonly primaryApprovers: {
        readonly id: string;
        readonly userType: 'User' | 'Group';
        readonly isBackup: boolean;
      }[];
    }[];
  };
};

/** The Conditional Access authentication context an activation needs. */
export type AuthenticationContextRule = RuleBase<'RoleManagementPolicyAuthenticationContextRule'> & {
  readonly isEnabled: boolean;
  readonly claimValue: string;
};

/** Who is told by email. */
export type NotificationRule = RuleBase<'RoleManagementPolicyNotificationRule'> & {
  readonly notificationType: 'Email';
  readonly recipientType: 'Admin' | 'Requestor' | 'Approver';
  readonly isDefaultRecipientsEnabled: boolean;
  readonly notificationLevel: 'All' | 'Critical' | 'None';
  readonly notificationRecipients: string[];
};

/** A rule jeajit declares. */
export type PimPolicyRule =
  ExpirationRule | EnablementRule | ApprovalRule | AuthenticationContextRule | NotificationRule;

const target = (caller: PolicyRuleTarget['caller'], level: PolicyRuleTarget['level']): PolicyRuleTarget => ({
  caller,
  operations: ['All'],
  level,
});

/**
 * The six rules that enforce an activation policy and an eligibility expiry. Everything the model
 * leaves out is declared off: no approval (and no approvers), no authentication context, no
 * additional recipients (the default recipients still hear of activations).
 */
export function pimPolicyRules(activation: ActivationPolicy, expiry: EligibilityExpiry): PimPolicyRule[] {
  const endUser = target('EndUser', 'Assignment');
  return [
    {
      id: PIM_RULE_IDS.activationExpiration,
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: endUser,
      isExpirationRequired: true,
      maximumDuration: activation.maximumDuration,
    },
    {
      id: PIM_RULE_IDS.activationEnablement,
      ruleType: 'RoleManagementPolicyEnablementRule',
      target: endUser,
      enabledRules: [
        ...(activation.requireMfa ? (['MultiFactorAuthentication'] as const) : []),
        ...((activation.requireJustification ?? true) ? (['Justification'] as const) : []),
        ...(activation.requireTicketInfo ? (['Ticketing'] as const) : []),
      ],
    },
    {
      id: PIM_RULE_IDS.activationApproval,
      ruleType: 'RoleManagementPolicyApprovalRule',
      target: endUser,
      setting: {
        isApprovalRequired: activation.approval !== undefined,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: (activation.approval?.approvers ?? []).map((a) => ({
              id: a.objectId,
              userType: a.type,
              isBackup: false,
            })),
          },
        ],
      },
    },
    {
      id: PIM_RULE_IDS.activationAuthenticationContext,
      ruleType: 'RoleManagementPolicyAuthenticationContextRule',
      target: endUser,
      isEnabled: activation.conditionalAccessContext !== undefined,
      claimValue: activation.conditionalAccessContext ?? '',
    },
    {
      id: PIM_RULE_IDS.activationAdminNotification,
      ruleType: 'RoleManagementPolicyNotificationRule',
      target: endUser,
      notificationType: 'Email',
      recipientType: 'Admin',
      isDefaultRecipientsEnabled: true,
      notificationLevel: 'All',
      notificationRecipients: [...(activation.notifyOnActivation ?? [])],
    },
    {
      id: PIM_RULE_IDS.eligibilityExpiration,
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: target('Admin', 'Eligibility'),
      ...(expiry === 'none'
        ? { isExpirationRequired: false }
        : { isExpirationRequired: true, maximumDuration: expiry }),
    },
  ];
}
