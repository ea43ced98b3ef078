import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { Fn, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { declared } from '../../src/jea/declared-at';
import { recordDeclared } from './declared';
import { PimEligibilityModel } from '../../src/jit/model';
import {
  definePimEligibility,
  PimRoleEligibilityPropsOf,
  PolicyRegistry,
  roleDefinitionId as roleDefinitionIdOf,
} from '../../src/jit/props';

/** Props of {@link PimRoleEligibility} (shared with the Pulumi engine). */
export type PimRoleEligibilityProps = PimRoleEligibilityPropsOf<string>;

const policies = new WeakMap<TerraformStack, PolicyRegistry>();

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
    const stack = TerraformStack.of(this);
    const registry: PolicyRegistry = policies.get(stack) ?? new Map<string, { path: string; rules: string }>();
    policies.set(stack, registry);
    const defined = definePimEligibility(
      this.node.path,
      props,
      (v) => v,
      (v) => Token.isUnresolved(v),
      registry,
    );
    this.model = defined.model;
    const roleDefinitionId = Token.isUnresolved(props.scope)
      ? `/subscriptions/${Fn.element(Fn.split('/', props.scope), 2)}/providers/Microsoft.Authorization/roleDefinitions/${this.model.roleDefinitionGuid}`
      : roleDefinitionIdOf(props.scope, this.model.roleDefinitionGuid);
    this.assignment = new PimEligibleRoleAssignment(this, 'Eligibility', {
      scope: props.scope,
      roleDefinitionId,
      principalId: props.principalId,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: { number: props.ticket.number, systemAttribute: props.ticket.system } } : {}),
      ...(props.expiry !== 'none'
        ? { schedule: { expiration: { durationDays: Number(props.expiry.slice(1, -1)) } } }
        : {}),
    });
    recordDeclared(this.assignment, declared(this.node.path));
    if (defined.policy)
      this.policy = new RoleManagementPolicy(this, 'ActivationPolicy', {
        scope: props.scope,
        roleDefinitionId,
        ...defined.rules,
      });
  }
}
