import { PimRoleEligibilitySchedule } from '@pulumi/azure-native/authorization/pimRoleEligibilitySchedule';
import { RoleManagementPolicy } from '@pulumi/azure-native/authorization/roleManagementPolicy';
import * as pulumi from '@pulumi/pulumi';
import { ValidationError } from '../../src/jea/issues';
import { eligibilitySchedule, eligibilityTicket } from '../../src/jit/arm-eligibility';
import { pimPolicyRules } from '../../src/jit/arm-policy-rules';
import { PimEligibilityModel } from '../../src/jit/model';
import {
  definePimEligibility,
  PimRoleEligibilityPropsOf,
  PolicyRegistry,
  roleDefinitionId as roleDefinitionIdOf,
} from '../../src/jit/props';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { policyNameResolver } from './policy-name';

/** Props of {@link PimRoleEligibility}: the cdktf PimRoleEligibility's (scope and principal may be outputs), and the policy's name. */
export interface PimRoleEligibilityProps extends PimRoleEligibilityPropsOf<Text> {
  /**
   * The name (a GUID) of the role's management policy at the scope: the last segment of the
   * `policyId` of the role's `roleManagementPolicyAssignments` entry at the scope. Only the first
   * eligibility of a role at a scope, which declares the policy, uses it.
   * @default looked up in ARM at deploy time with the program's Azure sign-in (see setPolicyNameResolver)
   */
  readonly roleManagementPolicyName?: Text;
}

/** The activation policies declared so far in each estate (root scope), by scope and role. */
const policies = new WeakMap<object, PolicyRegistry>();

/**
 * An Azure RBAC role made eligible through PIM, not standing: an eligibility schedule
 * (`azure-native:authorization:PimRoleEligibilitySchedule`, created by an AdminAssign request),
 * and the role's activation rules at that scope (`azure-native:authorization:RoleManagementPolicy`,
 * the six rules of src/jit/arm-policy-rules.ts, which drift reads back). A role has one policy per
 * scope, so eligibilities of one role at one scope (in one root {@link JeaScope}, or in the
 * program) must agree on it; the first one declares it. Azure creates the policy with the scope:
 * the resource updates it, and puts the rules it found back when it is deleted.
 */
export class PimRoleEligibility extends JeaComponent {
  /** The validated model (deploy-time values as `${pulumi:...}` placeholders). */
  readonly model: PimEligibilityModel;
  /** The eligibility schedule. */
  readonly assignment: PimRoleEligibilitySchedule;
  /** The role management policy, declared by the first eligibility of the role at the scope. */
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
    this.assignment = new PimRoleEligibilitySchedule(
      this.childName('Eligibility'),
      {
        scope: props.scope,
        roleDefinitionId,
        principalId: props.principalId,
        ...(props.justification !== undefined ? { justification: props.justification } : {}),
        ...(props.ticket ? { ticketInfo: eligibilityTicket(props.ticket) } : {}),
        scheduleInfo: eligibilitySchedule(props.expiry),
      },
      this.childOptions,
    );
    if (defined.policy) {
      this.policy = new RoleManagementPolicy(
        this.childName('ActivationPolicy'),
        {
          scope: props.scope,
          roleManagementPolicyName:
            props.roleManagementPolicyName ?? this.lookUpPolicyName(props.scope, roleDefinitionId),
          rules: pimPolicyRules(props.activation, props.expiry),
        },
        this.childOptions,
      );
    }
    this.registerOutputs({ assignmentId: this.assignment.id, ...(this.policy ? { policyId: this.policy.id } : {}) });
  }

  /** The policy's name from ARM, once the scope is known; a failed lookup fails the deployment, naming the prop to give. */
  private lookUpPolicyName(scope: Text, roleDefinitionId: pulumi.Output<string>): pulumi.Output<string> {
    const resolve = policyNameResolver();
    return pulumi.all([scope, roleDefinitionId]).apply(async ([s, role]) => {
      try {
        return await resolve(s, role);
      } catch (e) {
        throw new ValidationError([
          {
            path: this.path,
            field: 'roleManagementPolicyName',
            value: undefined,
            reason: `not given, and the lookup of the policy of role ${role} at ${s} failed (${(e as Error).message}); give the policy's GUID, or sign in to Azure (az login, a managed identity, AZURE_* variables)`,
          },
        ]);
      }
    });
  }
}
