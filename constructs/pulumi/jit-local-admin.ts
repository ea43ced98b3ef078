import { DirectoryRoleAssignment } from '@pulumi/azuread/directoryRoleAssignment';
import { Group } from '@pulumi/azuread/group';
import { DEVICE_LOCAL_ADMINISTRATOR_ROLE } from '../../src/jit/builtin-roles';
import { JitLocalAdminPropsOf } from '../../src/jit/props';
import { JeaComponent, JeaComponentOptions } from './component';
import { Text } from './inputs';
import { JitGroupEligibility } from './jit-group-eligibility';

/** Props of {@link JitLocalAdmin}, as the cdktf JitLocalAdmin takes them (object IDs may be outputs). */
export type JitLocalAdminProps = JitLocalAdminPropsOf<Text>;

/**
 * Temporary local administrator on Entra-joined devices: a role-assignable group
 * (`azuread:index/group`) holds the "Microsoft Entra Joined Device Local Administrator" role
 * (`azuread:index/directoryRoleAssignment`), and users become members only by activating an
 * eligible PIM for Groups membership (a {@link JitGroupEligibility} child).
 */
export class JitLocalAdmin extends JeaComponent {
  /** The role-assignable group. */
  readonly group: Group;
  /** The directory role held by the group. */
  readonly roleAssignment: DirectoryRoleAssignment;
  /** The eligible memberships of the group and its activation rules. */
  readonly eligibility: JitGroupEligibility;

  constructor(name: string, props: JitLocalAdminProps, opts?: JeaComponentOptions) {
    super('jeajit:jit:JitLocalAdmin', name, opts);
    this.group = new Group(
      this.childName('Group'),
      {
        displayName: props.groupName,
        securityEnabled: true,
        assignableToRole: true,
        description:
          'Members are local administrators of Entra-joined devices while their PIM activation lasts (jeajit)',
      },
      this.childOptions,
    );
    this.roleAssignment = new DirectoryRoleAssignment(
      this.childName('DeviceLocalAdministrator'),
      { roleId: DEVICE_LOCAL_ADMINISTRATOR_ROLE, principalObjectId: this.group.objectId },
      this.childOptions,
    );
    this.eligibility = new JitGroupEligibility(
      'Eligibility',
      {
        groupId: this.group.objectId,
        principalIds: props.principalIds,
        expiry: props.expiry,
        activation: props.activation,
        ...(props.justification !== undefined ? { justification: props.justification } : {}),
        ...(props.ticket ? { ticket: props.ticket } : {}),
      },
      { parent: this },
    );
    this.registerOutputs({ groupObjectId: this.group.objectId, roleAssignmentId: this.roleAssignment.id });
  }
}
