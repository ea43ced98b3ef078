import { GroupRoleManagementPolicy } from '@pulumi/azuread/groupRoleManagementPolicy';
import { PrivilegedAccessGroupEligibilitySchedule } from '@pulumi/azuread/privilegedAccessGroupEligibilitySchedule';
import { ValidationError } from '../../src/jea/issues';
import { GroupEligibilityModel } from '../../src/jit/model';
import { defineGroupEligibility, JitGroupEligibilityPropsOf } from '../../src/jit/props';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { groupPolicyRules } from './pim-policy-rules';
import type { IJeaPrincipal } from '../../src/jea/props';

/** Props of {@link JitGroupEligibility}, as the cdktf JitGroupEligibility takes them (object IDs may be outputs). */
export type JitGroupEligibilityProps = JitGroupEligibilityPropsOf<Text>;

/**
 * Time-bound membership of an Entra ID group through PIM for Groups: an
 * `azuread:index/privilegedAccessGroupEligibilitySchedule` per principal, and the group's
 * activation rules with `azuread:index/groupRoleManagementPolicy`. Used as a SessionConfiguration
 * principal, it makes that JEA role just-in-time: only activated members are in the group.
 */
export class JitGroupEligibility extends JeaComponent implements IJeaPrincipal {
  /** The validated model (deploy-time values as `${pulumi:...}` placeholders). */
  readonly model: GroupEligibilityModel;
  /** One eligibility schedule per principal, in the order of `principalIds`. */
  readonly schedules: readonly PrivilegedAccessGroupEligibilitySchedule[];
  /** The group's activation rules. */
  readonly policy: GroupRoleManagementPolicy;

  constructor(name: string, props: JitGroupEligibilityProps, opts?: JeaComponentOptions) {
    super('jeajit:jit:JitGroupEligibility', name, opts);
    this.model = defineGroupEligibility(this.path, props, modelText, isDeployTime);

    this.schedules = props.principalIds.map(
      (principalId, i) =>
        new PrivilegedAccessGroupEligibilitySchedule(
          this.childName(`Eligibility${i}`),
          {
            groupId: props.groupId,
            principalId,
            assignmentType: this.model.assignmentType,
            ...(props.expiry === 'none' ? { permanentAssignment: true } : { duration: props.expiry }),
            ...(props.justification !== undefined ? { justification: props.justification } : {}),
            ...(props.ticket ? { ticketNumber: props.ticket.number, ticketSystem: props.ticket.system } : {}),
          },
          this.childOptions,
        ),
    );
    this.policy = new GroupRoleManagementPolicy(
      this.childName('ActivationPolicy'),
      {
        groupId: props.groupId,
        roleId: this.model.assignmentType,
        ...groupPolicyRules(props.activation, props.expiry),
      },
      this.childOptions,
    );
    this.registerOutputs({ scheduleIds: this.schedules.map((s) => s.id), policyId: this.policy.id });
  }

  /** The group as a JEA principal (DOMAIN\name); requires `principalName`. */
  get principalName(): string {
    if (this.model.principalName === undefined) {
      throw new ValidationError([
        {
          path: this.path,
          field: 'principalName',
          value: undefined,
          reason: 'used as a JEA principal, the group needs principalName (how Windows hosts name it, DOMAIN\\name)',
        },
      ]);
    }
    return this.model.principalName;
  }
}
