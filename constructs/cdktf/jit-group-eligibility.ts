import { GroupRoleManagementPolicy } from '@cdktf/provider-azuread/lib/group-role-management-policy';
import { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Issues, ValidationError } from '../../src/jea/issues';
import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy, checkGroupEligibility, GroupEligibilityModel, Ticket } from '../../src/jit/model';
import { parsePrincipal } from '../../src/acl/principal';
import { policyRules } from './pim-policy-rules';
import { IJeaPrincipal } from './session-configuration';

/** Props of {@link JitGroupEligibility}. */
export interface JitGroupEligibilityProps {
  /** The Entra ID group's object ID. */
  readonly groupId: string;
  /**
   * How Windows hosts name the group (DOMAIN\name, e.g. written back from Entra ID or synced), so
   * that it can be a RoleDefinitions principal. @default none (the group cannot be a JEA principal)
   */
  readonly principalName?: string;
  /** Object IDs of the users or groups made eligible. */
  readonly principalIds: readonly string[];
  /** @default 'member' */
  readonly assignmentType?: 'member' | 'owner';
  /** How long the eligibility lasts: P15D, P30D, P90D, P180D, P365D, or 'none'. */
  readonly expiry: EligibilityExpiry;
  /** @default none */
  readonly justification?: string;
  /** @default none */
  readonly ticket?: Ticket;
  /** How membership is activated. */
  readonly activation: ActivationPolicy;
}

/**
 * Time-bound membership of an Entra ID group through PIM for Groups:
 * `azuread_privileged_access_group_eligibility_schedule` per principal, and the group's activation
 * rules with `azuread_group_role_management_policy`. Used as a SessionConfiguration principal, it
 * makes that JEA role just-in-time: only activated members are in the group the endpoint admits.
 */
export class JitGroupEligibility extends Construct implements IJeaPrincipal {
  /** The validated model. */
  readonly model: GroupEligibilityModel;
  readonly schedules: readonly PrivilegedAccessGroupEligibilitySchedule[];
  readonly policy: GroupRoleManagementPolicy;

  constructor(scope: Construct, id: string, props: JitGroupEligibilityProps) {
    super(scope, id);
    this.model = {
      groupId: props.groupId,
      ...(props.principalName !== undefined ? { principalName: props.principalName } : {}),
      principalIds: props.principalIds,
      assignmentType: props.assignmentType ?? 'member',
      expiry: props.expiry,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: props.ticket } : {}),
      activation: props.activation,
    };
    const issues = new Issues(this.node.path);
    checkGroupEligibility(this.model, issues, (v) => Token.isUnresolved(v));
    if (props.principalName !== undefined) {
      const parsed = parsePrincipal(props.principalName);
      if ('problem' in parsed) issues.at('principalName').add(props.principalName, parsed.problem);
    }
    issues.throwIfAny();

    this.schedules = props.principalIds.map(
      (principalId, i) =>
        new PrivilegedAccessGroupEligibilitySchedule(this, `Eligibility${i}`, {
          groupId: props.groupId,
          principalId,
          assignmentType: this.model.assignmentType,
          ...(props.expiry === 'none' ? { permanentAssignment: true } : { duration: props.expiry }),
          ...(props.justification !== undefined ? { justification: props.justification } : {}),
          ...(props.ticket ? { ticketNumber: props.ticket.number, ticketSystem: props.ticket.system } : {}),
        }),
    );
    this.policy = new GroupRoleManagementPolicy(this, 'ActivationPolicy', { groupId: props.groupId, roleId: this.model.assignmentType, ...policyRules(props.activation, props.expiry) });
  }

  /** The group as a JEA principal (DOMAIN\name); requires `principalName`. */
  get principalName(): string {
    if (this.model.principalName === undefined) {
      throw new ValidationError([{ path: this.node.path, field: 'principalName', value: undefined, reason: 'used as a JEA principal, the group needs principalName (how Windows hosts name it, DOMAIN\\name)' }]);
    }
    return this.model.principalName;
  }
}
