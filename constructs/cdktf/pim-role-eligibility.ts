import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Issues } from '../../src/jea/issues';
import { roleGuid } from '../../src/jit/builtin-roles';
import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy, checkPimEligibility, PimEligibilityModel, Ticket } from '../../src/jit/model';
import { policyRules } from './pim-policy-rules';

/** Props of {@link PimRoleEligibility}. */
export interface PimRoleEligibilityProps {
  /** A subscription, resource group or resource ID. */
  readonly scope: string;
  /** A built-in role name (`Virtual Machine Contributor`) or a role definition GUID. */
  readonly role: string;
  /** The Entra ID object ID of the user or group made eligible. */
  readonly principalId: string;
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** Why the eligibility exists. @default none */
  readonly justification?: string;
  /** @default none */
  readonly ticket?: Ticket;
  /** How the role is activated. */
  readonly activation: ActivationPolicy;
}

const policies = new WeakMap<TerraformStack, Map<string, { path: string; rules: string }>>();

/**
 * An Azure RBAC role made eligible through PIM, not standing: `azurerm_pim_eligible_role_assignment`,
 * and the role's activation rules at that scope with `azurerm_role_management_policy`. A role
 * has one policy per scope, so eligibilities of one role at one scope must agree on it.
 */
export class PimRoleEligibility extends Construct {
  /** The validated model. */
  readonly model: PimEligibilityModel;
  readonly assignment: PimEligibleRoleAssignment;
  /** The role management policy, created by the first eligibility of the role at the scope. */
  readonly policy?: RoleManagementPolicy;

  constructor(scope: Construct, id: string, props: PimRoleEligibilityProps) {
    super(scope, id);
    const role = roleGuid(props.role);
    this.model = {
      scope: props.scope,
      roleDefinitionGuid: role?.guid ?? props.role,
      ...(role?.name ? { roleName: role.name } : {}),
      principalId: props.principalId,
      expiry: props.expiry,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: props.ticket } : {}),
      activation: props.activation,
    };
    const issues = new Issues(this.node.path);
    checkPimEligibility(this.model, issues, (v) => Token.isUnresolved(v));
    const rules = policyRules(props.activation, props.expiry);
    const key = `${props.scope.toLowerCase()}|${this.model.roleDefinitionGuid}`;
    const stack = TerraformStack.of(this);
    const seen = policies.get(stack) ?? new Map<string, { path: string; rules: string }>();
    policies.set(stack, seen);
    const earlier = seen.get(key);
    if (earlier && earlier.rules !== JSON.stringify(rules)) {
      issues.at('activation').add(props.activation, `${earlier.path} declares other rules for this role at this scope; a role has one activation policy per scope`);
    }
    issues.throwIfAny();

    const subscription = Token.isUnresolved(props.scope) ? Fn.element(Fn.split('/', props.scope), 2) : props.scope.split('/')[2];
    const roleDefinitionId = `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${this.model.roleDefinitionGuid}`;
    this.assignment = new PimEligibleRoleAssignment(this, 'Eligibility', {
      scope: props.scope,
      roleDefinitionId,
      principalId: props.principalId,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: { number: props.ticket.number, systemAttribute: props.ticket.system } } : {}),
      ...(props.expiry !== 'none' ? { schedule: { expiration: { durationDays: Number(props.expiry.slice(1, -1)) } } } : {}),
    });
    if (!earlier) {
      seen.set(key, { path: this.node.path, rules: JSON.stringify(rules) });
      this.policy = new RoleManagementPolicy(this, 'ActivationPolicy', { scope: props.scope, roleDefinitionId, ...rules });
    }
  }
}
