import { GroupRoleManagementPolicy } from '@cdktf/provider-azuread/lib/group-role-management-policy';
import { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { declared } from '../../src/jea/declared-at';
import { recordDeclared } from './declared';
import { ValidationError } from '../../src/jea/issues';
import { GroupEligibilityModel } from '../../src/jit/model';
import { policyRules } from '../../src/jit/policy-rules';
import { defineGroupEligibility, JitGroupEligibilityPropsOf } from '../../src/jit/props';
import { IJeaPrincipal } from '../../src/jea/props';

/** Props of {@link JitGroupEligibility} (shared with the Pulumi engine). */
export type JitGroupEligibilityProps = JitGroupEligibilityPropsOf<string>;

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
    this.model = defineGroupEligibility(
      this.node.path,
      props,
      (v) => v,
      (v) => Token.isUnresolved(v),
    );

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
    const where = declared(this.node.path);
    for (const s of this.schedules) recordDeclared(s, where);
    this.policy = new GroupRoleManagementPolicy(this, 'ActivationPolicy', {
      groupId: props.groupId,
      roleId: this.model.assignmentType,
      ...policyRules(props.activation, props.expiry),
    });
  }

  /** The group as a JEA principal (DOMAIN\name); requires `principalName`. */
  get principalName(): string {
    if (this.model.principalName === undefined) {
      throw new ValidationError([
        {
          path: this.node.path,
          field: 'principalName',
          value: undefined,
          reason: 'used as a JEA principal, the group needs principalName (how Windows hosts name it, DOMAIN\\name)',
        },
      ]);
    }
    return this.model.principalName;
  }
}
