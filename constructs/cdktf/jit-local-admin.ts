import { DirectoryRoleAssignment } from '@cdktf/provider-azuread/lib/directory-role-assignment';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { Construct } from 'constructs';
import { DEVICE_LOCAL_ADMINISTRATOR_ROLE } from '../../src/jit/builtin-roles';
import { JitLocalAdminPropsOf } from '../../src/jit/props';
import { JitGroupEligibility } from './jit-group-eligibility';

/** Props of {@link JitLocalAdmin} (shared with the Pulumi engine). */
export type JitLocalAdminProps = JitLocalAdminPropsOf<string>;

/**
 * Temporary local administrator on Entra-joined devices, as endpoint privilege managers offer it:
 * a role-assignable group holds the "Microsoft Entra Joined Device Local Administrator" role, and
 * users become members only by activating an eligible PIM for Groups membership (duration,
 * approval, justification rules). A group is used because azuread has no resource for a
 * directory role's activation policy, while PIM for Groups has one.
 */
export class JitLocalAdmin extends Construct {
  readonly group: Group;
  readonly roleAssignment: DirectoryRoleAssignment;
  readonly eligibility: JitGroupEligibility;

  constructor(scope: Construct, id: string, props: JitLocalAdminProps) {
    super(scope, id);
    this.group = new Group(this, 'Group', {
      displayName: props.groupName,
      securityEnabled: true,
      assignableToRole: true,
      description: 'Members are local administrators of Entra-joined devices while their PIM activation lasts (jeajit)',
    });
    this.roleAssignment = new DirectoryRoleAssignment(this, 'DeviceLocalAdministrator', {
      roleId: DEVICE_LOCAL_ADMINISTRATOR_ROLE,
      principalObjectId: this.group.objectId,
    });
    this.eligibility = new JitGroupEligibility(this, 'Eligibility', {
      groupId: this.group.objectId,
      principalIds: props.principalIds,
      expiry: props.expiry,
      activation: props.activation,
      ...(props.justification !== undefined ? { justification: props.justification } : {}),
      ...(props.ticket ? { ticket: props.ticket } : {}),
    });
  }
}
