import * as pulumi from '@pulumi/pulumi';
import { AzureClassicResource } from './provider-resource';

/** The inputs jeajit sets on `azure:pim/eligibleRoleAssignment:EligibleRoleAssignment`. */
export interface EligibleRoleAssignmentArgs {
  readonly scope: pulumi.Input<string>;
  readonly roleDefinitionId: pulumi.Input<string>;
  readonly principalId: pulumi.Input<string>;
  readonly justification?: pulumi.Input<string>;
  readonly ticket?: pulumi.Input<{ readonly number?: pulumi.Input<string>; readonly system?: pulumi.Input<string> }>;
  readonly schedule?: pulumi.Input<{
    readonly expiration?: pulumi.Input<{ readonly durationDays?: pulumi.Input<number> }>;
  }>;
}

/** A PIM eligible assignment of an Azure role (`azure.pim.EligibleRoleAssignment`). */
export class EligibleRoleAssignment extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:pim/eligibleRoleAssignment:EligibleRoleAssignment';

  constructor(name: string, args: EligibleRoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(EligibleRoleAssignment.TYPE, name, args, ['principalType'], opts);
  }
}

/**
 * The rule blocks of a role management policy, as the classic Azure provider and the azuread
 * provider's group role management policy both name them (see pim-policy-rules.ts).
 */
export interface PolicyRulesArgs {
  readonly activationRules?: pulumi.Input<{
    readonly maximumDuration?: pulumi.Input<string>;
    readonly requireApproval?: pulumi.Input<boolean>;
    readonly approvalStage?: pulumi.Input<{
      readonly primaryApprovers: pulumi.Input<
        pulumi.Input<{ readonly objectId: pulumi.Input<string>; readonly type: pulumi.Input<string> }>[]
      >;
    }>;
    readonly requireMultifactorAuthentication?: pulumi.Input<boolean>;
    readonly requiredConditionalAccessAuthenticationContext?: pulumi.Input<string>;
    readonly requireJustification?: pulumi.Input<boolean>;
    readonly requireTicketInfo?: pulumi.Input<boolean>;
  }>;
  readonly eligibleAssignmentRules?: pulumi.Input<{
    readonly expirationRequired?: pulumi.Input<boolean>;
    readonly expireAfter?: pulumi.Input<string>;
  }>;
  readonly notificationRules?: pulumi.Input<{
    readonly eligibleActivations?: pulumi.Input<{
      readonly adminNotifications?: pulumi.Input<{
        readonly defaultRecipients: pulumi.Input<boolean>;
        readonly notificationLevel: pulumi.Input<string>;
        readonly additionalRecipients?: pulumi.Input<pulumi.Input<string>[]>;
      }>;
    }>;
  }>;
}

/** The inputs jeajit sets on `azure:pim/roleManagementPolicy:RoleManagementPolicy`. */
export interface RoleManagementPolicyArgs extends PolicyRulesArgs {
  readonly scope: pulumi.Input<string>;
  readonly roleDefinitionId: pulumi.Input<string>;
}

/** The activation rules of an Azure role at a scope (`azure.pim.RoleManagementPolicy`). */
export class RoleManagementPolicy extends AzureClassicResource {
  /** The provider's type token. */
  static readonly TYPE = 'azure:pim/roleManagementPolicy:RoleManagementPolicy';

  constructor(name: string, args: RoleManagementPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(RoleManagementPolicy.TYPE, name, args, ['name', 'description'], opts);
  }
}
