import { GroupRoleManagementPolicy } from '@pulumi/azuread/groupRoleManagementPolicy';
import { PrivilegedAccessGroupEligibilitySchedule } from '@pulumi/azuread/privilegedAccessGroupEligibilitySchedule';
import { parsePrincipal } from '../../src/acl/principal';
import { Issues, ValidationError } from '../../src/jea/issues';
import { EligibilityExpiry } from '../../src/jit/duration';
import { ActivationPolicy, checkGroupEligibility, GroupEligibilityModel, Ticket } from '../../src/jit/model';
import { JeaComponent, JeaComponentOptions } from './component';
import { isDeployTime, modelText, Text } from './inputs';
import { policyRules } from './pim-policy-rules';
import type { IJeaPrincipal } from './session-configuration';

/** Props of {@link JitGroupEligibility}, as the cdktf JitGroupEligibility takes them (object IDs may be outputs). */
export interface JitGroupEligibilityProps {
  /** The Entra ID group's object ID. */
  readonly groupId: Text;
  /**
   * How Windows hosts name the group (DOMAIN\name, e.g. written back from Entra ID or synced), so
   * that it can be a RoleDefinitions principal. @default none (the group cannot be a JEA principal)
   */
  readonly principalName?: string;
  /** Object IDs of the users or groups made eligible. */
  readonly principalIds: readonly Text[];
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
    this.model = {
      groupId: modelText(props.groupId, `${this.path}.groupId`),
      ...(props.principalName !== undefined ? { principalName: props.principalName } : {}),
      principalIds: props.principalIds.map((id, i) => modelText(id, `${this.path}.principalIds[${i}]`)),
      assignmentType: props.assignmentType ?? 'member',
      expiry: props.expiry,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: props.ticket } : {}),
      activation: props.activation,
    };
    const issues = new Issues(this.path);
    checkGroupEligibility(this.model, issues, isDeployTime);
    if (props.principalName !== undefined) {
      const parsed = parsePrincipal(props.principalName);
      if ('problem' in parsed) issues.at('principalName').add(props.principalName, parsed.problem);
    }
    issues.throwIfAny();

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
      { groupId: props.groupId, roleId: this.model.assignmentType, ...policyRules(props.activation, props.expiry) },
      this.childOptions,
    );
    this.registerOutputs({ scheduleIds: this.schedules.map((s) => s.id), policyId: this.policy.id });
  }

  /** The group as a JEA principal (DOMAIN\name); requires `principalName`. */
  get principalName(): string {
    if (this.model.principalName === undefined) {
      throw new ValidationError([{ path: this.path, field: 'principalName', value: undefined, reason: 'used as a JEA principal, the group needs principalName (how Windows hosts name it, DOMAIN\\name)' }]);
    }
    return this.model.principalName;
  }
}
