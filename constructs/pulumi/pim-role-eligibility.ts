import * as pulumi from '@pulumi/pulumi';
import { Issues } from '../../src/jea/issues';
import { roleGuid } from '../../src/jit/builtin-roles';
import { EligibilityExpiry, expiryDays } from '../../src/jit/duration';
import { ActivationPolicy, checkPimEligibility, PimEligibilityModel, Ticket } from '../../src/jit/model';
import { EligibleRoleAssignment, RoleManagementPolicy } from './azure/pim';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { policyRules } from './pim-policy-rules';

/** Props of {@link PimRoleEligibility}, as the cdktf PimRoleEligibility takes them (scope and principal may be outputs). */
export interface PimRoleEligibilityProps {
  /** A subscription, resource group or resource ID. */
  readonly scope: Text;
  /** A built-in role name (`Virtual Machine Contributor`) or a role definition GUID. */
  readonly role: string;
  /** The Entra ID object ID of the user or group made eligible. */
  readonly principalId: Text;
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** Why the eligibility exists. @default none */
  readonly justification?: string;
  /** @default none */
  readonly ticket?: Ticket;
  /** How the role is activated. */
  readonly activation: ActivationPolicy;
}

/** The activation policies declared so far in each estate (root scope), by scope and role. */
const policies = new WeakMap<object, Map<string, { path: string; rules: string }>>();

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
    const role = roleGuid(props.role);
    const scope = modelText(props.scope, `${this.path}.scope`);
    this.model = {
      scope,
      roleDefinitionGuid: role?.guid ?? props.role,
      ...(role?.name ? { roleName: role.name } : {}),
      principalId: modelText(props.principalId, `${this.path}.principalId`),
      expiry: props.expiry,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: props.ticket } : {}),
      activation: props.activation,
    };
    const issues = new Issues(this.path);
    checkPimEligibility(this.model, issues, isDeployTime);
    const rules = policyRules(props.activation, props.expiry);
    const key = `${scope.toLowerCase()}|${this.model.roleDefinitionGuid}`;
    const seen = policies.get(this.root) ?? new Map<string, { path: string; rules: string }>();
    policies.set(this.root, seen);
    const earlier = seen.get(key);
    if (earlier && earlier.rules !== JSON.stringify(rules)) {
      issues.at('activation').add(props.activation, `${earlier.path} declares other rules for this role at this scope; a role has one activation policy per scope`);
    }
    issues.throwIfAny();

    const roleDefinitionId = pulumi
      .output(props.scope)
      .apply((s) => `/subscriptions/${s.split('/')[2]}/providers/Microsoft.Authorization/roleDefinitions/${this.model.roleDefinitionGuid}`);
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
    if (!earlier) {
      seen.set(key, { path: this.path, rules: JSON.stringify(rules) });
      this.policy = new RoleManagementPolicy(this.childName('ActivationPolicy'), { scope: props.scope, roleDefinitionId, ...rules }, this.childOptions);
    }
    this.registerOutputs({ assignmentId: this.assignment.id, ...(this.policy ? { policyId: this.policy.id } : {}) });
  }
}
