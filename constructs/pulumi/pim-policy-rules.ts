import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy } from '../../src/jit/model';
import { policyRules as terraformPolicyRules } from '../../src/jit/policy-rules';
import { PolicyRulesArgs } from './azure/pim';

/**
 * The rule blocks of a role management policy with Pulumi's property names: the same rules as
 * the cdktf constructs write, where Pulumi's bridged schema names the approver list
 * `primaryApprovers` (Terraform: `primary_approver` blocks). The classic Azure provider's
 * RoleManagementPolicy and azuread's GroupRoleManagementPolicy take this shape.
 */
export function policyRules(activation: ActivationPolicy, expiry: EligibilityExpiry): PolicyRulesArgs {
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
