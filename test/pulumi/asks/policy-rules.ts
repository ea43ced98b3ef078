/**
 * The rules of a role management policy as each engine asks ARM for them, in one comparable
 * form: per rule, its ID, type, target and the fields jeajit declares.
 *
 * azurerm_role_management_policy reads the policy Azure holds, changes the fields its blocks
 * set, and PATCHes the rules it changed (terraform-provider-azurerm,
 * internal/services/authorization/role_management_policy.go, buildRoleManagementPolicyForUpdate):
 * activation_rules.maximum_duration -> Expiration_EndUser_Assignment.maximumDuration;
 * require_approval and approval_stage -> Approval_EndUser_Assignment.setting (isApprovalRequired,
 * approvalStages[].primaryApprovers);
 * required_conditional_access_authentication_context -> AuthenticationContext_EndUser_Assignment
 * (isEnabled, claimValue); require_multifactor_authentication / require_justification /
 * require_ticket_info -> Enablement_EndUser_Assignment.enabledRules;
 * notification_rules.eligible_activations.admin_notifications -> Notification_Admin_EndUser_Assignment;
 * eligible_assignment_rules -> Expiration_Admin_Eligibility. A rule keeps its target and type.
 *
 * The native RoleManagementPolicy sends complete rules. Where azurerm's blocks say nothing, azurerm
 * leaves what the policy holds and the native component declares the off state ({@link UNSET}).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the native component declares where azurerm's blocks say nothing (azurerm leaves the policy's value). */
const UNSET: Readonly<Record<string, Json>> = {
  // an activation always expires (Azure requires it)
  Expiration_EndUser_Assignment: { isExpirationRequired: true },
  Enablement_EndUser_Assignment: { enabledRules: [] },
  // no approval, no approvers
  Approval_EndUser_Assignment: { setting: { isApprovalRequired: false, approvalStages: [{ primaryApprovers: [] }] } },
  AuthenticationContext_EndUser_Assignment: { isEnabled: false, claimValue: '' },
  // the default recipients, nobody else
  Notification_Admin_EndUser_Assignment: {
    isDefaultRecipientsEnabled: true,
    notificationLevel: 'All',
    notificationRecipients: [],
  },
  Expiration_Admin_Eligibility: {},
};

/** The type and target of a rule, from its ID (`<Type>_<Caller>_<Level>`, `Notification_<Recipient>_<Caller>_<Level>`). */
function identity(id: string): Json {
  const parts = id.split('_');
  const [caller, level] = parts[0] === 'Notification' ? parts.slice(2) : parts.slice(1);
  return { id, ruleType: `RoleManagementPolicy${parts[0]}Rule`, target: { caller, operations: ['All'], level } };
}

const isRecord = (x: unknown): x is Json => !!x && typeof x === 'object' && !Array.isArray(x);

/** `over` put onto `base`, records merged key by key, anything else replaced. */
function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b: unknown = out[k];
    out[k] = isRecord(v) && isRecord(b) ? merge(b, v) : v;
  }
  return out;
}

const byId = (a: Json, b: Json) => String(a.id).localeCompare(String(b.id));

/** The rules an azurerm_role_management_policy (cdk.tf.json, snake_case) asks for, with {@link UNSET} where it says nothing. */
export function azurermPolicyRules(policy: Json): Json[] {
  const a: Json = policy.activation_rules ?? {};
  const asked: Record<string, Json> = {};
  if (a.maximum_duration !== undefined) asked.Expiration_EndUser_Assignment = { maximumDuration: a.maximum_duration };
  if (a.require_approval !== undefined || a.approval_stage !== undefined) {
    asked.Approval_EndUser_Assignment = {
      setting: {
        ...(a.require_approval !== undefined ? { isApprovalRequired: a.require_approval } : {}),
        ...(a.approval_stage
          ? {
              approvalStages: [
                {
                  primaryApprovers: (a.approval_stage.primary_approver as Json[]).map((p) => ({
                    id: p.object_id,
                    userType: p.type,
                  })),
                },
              ],
            }
          : {}),
      },
    };
  }
  if (a.required_conditional_access_authentication_context !== undefined)
    asked.AuthenticationContext_EndUser_Assignment = {
      isEnabled: true,
      claimValue: a.required_conditional_access_authentication_context,
    };
  if (['require_multifactor_authentication', 'require_justification', 'require_ticket_info'].some((k) => k in a))
    asked.Enablement_EndUser_Assignment = {
      enabledRules: [
        ...(a.require_multifactor_authentication ? ['MultiFactorAuthentication'] : []),
        ...(a.require_justification ? ['Justification'] : []),
        ...(a.require_ticket_info ? ['Ticketing'] : []),
      ],
    };
  const notify = policy.notification_rules?.eligible_activations?.admin_notifications;
  if (notify)
    asked.Notification_Admin_EndUser_Assignment = {
      notificationLevel: notify.notification_level,
      isDefaultRecipientsEnabled: notify.default_recipients,
      notificationRecipients: notify.additional_recipients ?? [],
    };
  const eligibility = policy.eligible_assignment_rules;
  if (eligibility)
    asked.Expiration_Admin_Eligibility = {
      isExpirationRequired: eligibility.expiration_required,
      ...(eligibility.expire_after !== undefined ? { maximumDuration: eligibility.expire_after } : {}),
    };
  return Object.keys(UNSET)
    .map((id) => merge(merge(identity(id), UNSET[id]), asked[id] ?? {}))
    .sort(byId);
}

/** The declared fields of each rule type (the rest of a native rule is Azure's defaults). */
const DECLARED: Readonly<Record<string, (rule: Json) => Json>> = {
  RoleManagementPolicyExpirationRule: (r) => ({
    isExpirationRequired: r.isExpirationRequired,
    ...(r.maximumDuration !== undefined ? { maximumDuration: r.maximumDuration } : {}),
  }),
  RoleManagementPolicyEnablementRule: (r) => ({ enabledRules: r.enabledRules }),
  RoleManagementPolicyApprovalRule: (r) => ({
    setting: {
      isApprovalRequired: r.setting.isApprovalRequired,
      approvalStages: (r.setting.approvalStages as Json[]).map((s) => ({
        primaryApprovers: (s.primaryApprovers as Json[]).map((p) => ({ id: p.id, userType: p.userType })),
      })),
    },
  }),
  RoleManagementPolicyAuthenticationContextRule: (r) => ({ isEnabled: r.isEnabled, claimValue: r.claimValue }),
  RoleManagementPolicyNotificationRule: (r) => ({
    isDefaultRecipientsEnabled: r.isDefaultRecipientsEnabled,
    notificationLevel: r.notificationLevel,
    notificationRecipients: r.notificationRecipients,
  }),
};

/** The rules of a native RoleManagementPolicy, in the same form (ID, type, target, declared fields). */
export function nativePolicyRules(rules: readonly Json[]): Json[] {
  return rules
    .map((r) => {
      const declared = DECLARED[r.ruleType as string];
      if (!declared) throw new Error(`rule type not expected: ${String(r.ruleType)}`);
      return { id: r.id, ruleType: r.ruleType, target: r.target, ...declared(r) };
    })
    .sort(byId);
}
