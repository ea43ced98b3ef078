import { ActivationPolicy } from './model';
import { EligibilityExpiry } from './duration';

/**
 * The rule blocks of a role management policy. azurerm_role_management_policy (Azure roles) and
 * azuread_group_role_management_policy (PIM for Groups) take the same shape.
 */
export function policyRules(activation: ActivationPolicy, expiry: EligibilityExpiry) {
  return {
    activationRules: {
      maximumDuration: activation.maximumDuration,
      requireApproval: activation.approval !== undefined,
      ...(activation.approval
        ? {
            approvalStage: {
              primaryApprover: activation.approval.approvers.map((a) => ({ objectId: a.objectId, type: a.type })),
            },
          }
        : {}),
      ...(activation.conditionalAccessContext !== undefined
        ? { requiredConditionalAccessAuthenticationContext: activation.conditionalAccessContext }
        : { requireMultifactorAuthentication: activation.requireMfa ?? false }),
      requireJustification: activation.requireJustification ?? true,
      requireTicketInfo: activation.requireTicketInfo ?? false,
    },
    eligibleAssignmentRules:
      expiry === 'none' ? { expirationRequired: false } : { expirationRequired: true, expireAfter: expiry },
    ...(activation.notifyOnActivation?.length
      ? {
          notificationRules: {
            eligibleActivations: {
              adminNotifications: {
                defaultRecipients: true,
                notificationLevel: 'All',
                additionalRecipients: [...activation.notifyOnActivation],
              },
            },
          },
        }
      : {}),
  };
}
