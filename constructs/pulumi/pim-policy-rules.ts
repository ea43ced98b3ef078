import { GroupRoleManagementPolicyArgs } from '@pulumi/azuread/groupRoleManagementPolicy';
import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy } from '../../src/jit/model';
import { policyRules as terraformPolicyRules } from '../../src/jit/policy-rules';

/** The rule blocks of azuread's GroupRoleManagementPolicy that jeajit sets. */
export type GroupPolicyRulesArgs = Pick<
  GroupRoleManagementPolicyArgs,
  'activationRules' | 'eligibleAssignmentRules' | 'notificationRules'
>;

/**
 * The rule blocks of a PIM for Groups policy with Pulumi's property names: the same rules as the
 * cdktf constructs write, where Pulumi's bridged schema names the approver list `primaryApprovers`
 * (Terraform: `primary_approver` blocks).
 */
export function groupPolicyRules(activation: ActivationPolicy, expiry: EligibilityExpiry): GroupPolicyRulesArgs {
  const { activationRules, ...rest } = terraformPolicyRules(activation, expiry);
  const { approvalStage, ...activationRest } = activationRules;
  return {
    activationRules: {
      ...activationRest,
      ...(approvalStage ? { approvalStage: { primaryApprovers: approvalStage.primaryApprover } } : {}),
    },
    ...rest,
  };
}
