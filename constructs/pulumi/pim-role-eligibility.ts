import * as pulumi from '@pulumi/pulumi';
import { expiryDays } from '../../src/jit/duration';
import { PimEligibilityModel } from '../../src/jit/model';
import {
  definePimEligibility,
  PimRoleEligibilityPropsOf,
  PolicyRegistry,
  roleDefinitionId as roleDefinitionIdOf,
} from '../../src/jit/props';
import { EligibleRoleAssignment, RoleManagementPolicy } from './azure/pim';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { policyRules } from './pim-policy-rules';

/** Props of {@link PimRoleEligibility}, as the cdktf PimRoleEligibility takes them (scope and principal may be outputs). */
export type PimRoleEligibilityProps = PimRoleEligibilityPropsOf<Text>;

/** The activation policies declared so far in each estate (root scope), by scope and role. */
const policies = new WeakMap<object, PolicyRegistry>();

/**
 * An Azure RBAC role made eligible through PIM, not standing: `azure:pim/eligibleRoleAssignment`,
 * and the role's activation rules at that scope with `azure:pim/roleManagementPolicy`. A role
 * has one policy per scope, so eligibilities of one role at one scope (in one root
 * {@link JeaScope}, or in the program) must agree on it; the first one creates it.
 */
export class PimRoleEligibility extends JeaComponent {
  /** The validated model (deploy-time values as `${pulumi:...}` placeholders). */
  readonly model: PimEligibilityModel;
  /** The eligible assignment. */
  readonly assignment: EligibleRoleAssignment;
  /** The role management policy, created by the first eligibility of the role at the scope. */
  readonly policy?: RoleManagementPolicy;

  constructor(name: string, props: PimRoleEligibilityProps, opts?: JeaComponentOptions) {
    super('jeajit:jit:PimRoleEligibility', name, opts);
    const registry: PolicyRegistry = policies.get(this.root) ?? new Map<string, { path: string; rules: string }>();
    policies.set(this.root, registry);
    const defined = definePimEligibility(this.path, props, modelText, isDeployTime, registry);
    this.model = defined.model;

    const roleDefinitionId = pulumi
      .output(props.scope)
      .apply((s) => roleDefinitionIdOf(s, this.model.roleDefinitionGuid));
    const days = expiryDays(props.expiry);
    this.assignment = new EligibleRoleAssignment(
      this.childName('Eligibility'),
      {
        scope: props.scope,
        roleDefinitionId,
        principalId: props.principalId,
        ...(props.justification !== undefined ? { justification: props.justification } : {}),
        ...(props.ticket ? { ticket: { number: props.ticket.number, system: props.ticket.system } } : {}),
        ...(days !== undefined ? { schedule: { expiration: { durationDays: days } } } : {}),
      },
      this.childOptions,
    );
    if (defined.policy) {
      this.policy = new RoleManagementPolicy(
        this.childName('ActivationPolicy'),
        { scope: props.scope, roleDefinitionId, ...policyRules(props.activation, props.expiry) },
        this.childOptions,
      );
    }
    this.registerOutputs({ assignmentId: this.assignment.id, ...(this.policy ? { policyId: this.policy.id } : {}) });
  }
}
