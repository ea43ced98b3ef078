import { DirectoryRoleAssignment } from '@cdktf/provider-azuread/lib/directory-role-assignment';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { GroupRoleManagementPolicy } from '@cdktf/provider-azuread/lib/group-role-management-policy';
import { PrivilegedAccessGroupEligibilitySchedule } from '@cdktf/provider-azuread/lib/privileged-access-group-eligibility-schedule';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { Testing, TerraformStack } from 'cdktf';
import {
  JeaModule,
  JitGroupEligibility,
  JitLocalAdmin,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../../../constructs/cdktf';
import { JeaEstate, VMS } from '../../../examples/estate';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-app';
const newStack = () => new TerraformStack(Testing.app(), 'jit');
const resources = (synth: string, type: string) =>
  Object.values<Record<string, unknown>>(JSON.parse(synth).resource[type] ?? {});

describe('VmJitAccessPolicy', () => {
  it('deploys Microsoft.Security/locations/jitNetworkAccessPolicies@2020-01-01 through an ARM template', () => {
    const synth = Testing.synth(new JeaEstate(Testing.app(), 'contoso'));
    // the estate's other template deployment is a Machine Configuration assignment
    const [deployment] = (
      resources(synth, 'azurerm_resource_group_template_deployment') as Array<{
        template_content: string;
        parameters_content: string;
        name: string;
        deployment_mode: string;
      }>
    ).filter((d) => d.name.startsWith('jeajit-jit-'));
    // a policy of jeajit's own name: never the portal's 'default', whose other VMs it would replace
    expect(deployment.name).toBe('jeajit-jit-jeajit-ManagementPortsJit');
    expect(deployment.deployment_mode).toBe('Incremental');
    const template = JSON.parse(deployment.template_content);
    expect(template.resources).toEqual([
      {
        type: 'Microsoft.Security/locations/jitNetworkAccessPolicies',
        apiVersion: '2020-01-01',
        name: "[format('{0}/{1}', parameters('location'), parameters('policyName'))]",
        kind: 'Basic',
        properties: { virtualMachines: "[parameters('virtualMachines')]" },
      },
    ]);
    const parameters = JSON.parse(deployment.parameters_content);
    expect(parameters.location.value).toBe('westeurope');
    expect(parameters.policyName.value).toBe('jeajit-ManagementPortsJit');
    expect(parameters.virtualMachines.value).toHaveLength(2);
    expect(parameters.virtualMachines.value[1]).toEqual({
      id: VMS[1],
      ports: [3389, 5985, 5986].map((number) => ({
        number,
        protocol: 'TCP',
        allowedSourceAddressPrefixes: ['10.20.0.0/16', '192.168.100.0/24'],
        maxRequestAccessDuration: 'PT3H',
      })),
    });
  });

  it('adds standalone deny rules for the JIT ports at low priority', () => {
    const synth = Testing.synth(new JeaEstate(Testing.app(), 'contoso'));
    expect(synth).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'jeajit-jit-deny-3389-tcp',
      network_security_group_name: 'nsg-contoso-servers',
      priority: 4000,
      direction: 'Inbound',
      access: 'Deny',
      protocol: 'Tcp',
      destination_port_range: '3389',
      source_address_prefix: '*',
    });
    expect(resources(synth, 'azurerm_network_security_rule').map((r) => r.priority)).toEqual([4000, 4001, 4002]);
  });

  it('writes one source as allowedSourceAddressPrefix, and takes VM IDs known only at deploy time', () => {
    const stack = newStack();
    const vm = new Group(stack, 'Placeholder', { displayName: 'x' }).objectId; // any token
    new VmJitAccessPolicy(stack, 'Jit', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      virtualMachines: [{ id: vm, ports: [{ number: 22, allowedSourceAddressPrefixes: ['10.0.0.0/8'] }] }],
    });
    const synth = Testing.synth(stack);
    const [deployment] = resources(synth, 'azurerm_resource_group_template_deployment') as Array<{
      parameters_content: string;
    }>;
    expect(deployment.parameters_content).toMatch(/^\$\{jsonencode\(/);
    expect(deployment.parameters_content).toContain('"allowedSourceAddressPrefix" = "10.0.0.0/8"');
  });

  it.each<[string, object, string]>([
    [
      'a port over 65535',
      { number: 65536, allowedSourceAddressPrefixes: ['10.0.0.0/8'] },
      'jit/Jit: virtualMachines[0].ports[0].number = 65536: out of range: ports are 0-65535',
    ],
    [
      'a duration over 24 hours',
      { number: 22, allowedSourceAddressPrefixes: ['10.0.0.0/8'], maxRequestAccessDuration: 'P2D' },
      "maxRequestAccessDuration = 'P2D': out of range: just-in-time VM access lasts PT5M to PT24H",
    ],
    [
      'a bad source',
      { number: 22, allowedSourceAddressPrefixes: ['corp net'] },
      "allowedSourceAddressPrefixes[0] = 'corp net': not an IP address, a CIDR block or a service tag",
    ],
  ])('refuses %s, naming the construct path', (_, port, message) => {
    expect(
      () =>
        new VmJitAccessPolicy(newStack(), 'Jit', {
          resourceGroupName: 'rg',
          location: 'westeurope',
          virtualMachines: [{ id: VMS[0], ports: [port as never] }],
        }),
    ).toThrow(message);
  });

  it("refuses the portal's policy name, and a VM the declaration puts in two policies", () => {
    const port = { number: 22, allowedSourceAddressPrefixes: ['10.0.0.0/8'] };
    expect(
      () =>
        new VmJitAccessPolicy(newStack(), 'Jit', {
          name: 'Default',
          resourceGroupName: 'rg',
          location: 'westeurope',
          virtualMachines: [{ id: VMS[0], ports: [port] }],
        }),
    ).toThrow(
      "jit/Jit: name = 'Default': 'default' is the portal's policy: writing it replaces the entries of every VM it does not declare (azure-docs#36343)",
    );
    const stack = newStack();
    new VmJitAccessPolicy(stack, 'Ssh', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      virtualMachines: [{ id: VMS[0], ports: [port] }],
    });
    new VmJitAccessPolicy(stack, 'Other', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      virtualMachines: [{ id: VMS[1], ports: [port] }],
    });
    expect(
      () =>
        new VmJitAccessPolicy(stack, 'Rdp', {
          resourceGroupName: 'rg',
          location: 'westeurope',
          virtualMachines: [{ id: VMS[0].toUpperCase(), ports: [{ ...port, number: 3389 }] }],
        }),
    ).toThrow(
      `VM '${VMS[0].split('/').pop()!.toUpperCase()}' is already in JIT policy jit/Ssh: a VM's just-in-time settings live in one policy, and two would overwrite each other; declare its ports in jit/Ssh`,
    );
    // another stack is another estate
    expect(
      () =>
        new VmJitAccessPolicy(newStack(), 'Rdp', {
          resourceGroupName: 'rg',
          location: 'westeurope',
          virtualMachines: [{ id: VMS[0], ports: [port] }],
        }),
    ).not.toThrow();
  });

  it('refuses deny-rule priorities past 4096', () => {
    expect(
      () =>
        new VmJitAccessPolicy(newStack(), 'Jit', {
          resourceGroupName: 'rg',
          location: 'westeurope',
          virtualMachines: [
            {
              id: VMS[0],
              ports: [
                { number: 22, allowedSourceAddressPrefixes: ['10.0.0.0/8'] },
                { number: 3389, allowedSourceAddressPrefixes: ['10.0.0.0/8'] },
              ],
            },
          ],
          baselineDeny: { networkSecurityGroupName: 'nsg', priority: 4096 },
        }),
    ).toThrow('jit/Jit: baselineDeny.priority = 4096: the 2 rules need priorities 4096 to 4097 within 100-4096');
  });
});

describe('PimRoleEligibility', () => {
  const activation = {
    maximumDuration: 'PT8H',
    approval: { approvers: [{ type: 'Group' as const, objectId: ID(1) }] },
    requireMfa: true,
    requireTicketInfo: true,
  };

  it('makes the role eligible with expiry, justification and ticket, and sets its activation policy', () => {
    const synth = Testing.synth(new JeaEstate(Testing.app(), 'contoso'));
    const roleDefinitionId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c';
    expect(synth).toHaveResourceWithProperties(PimEligibleRoleAssignment, {
      scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-servers',
      role_definition_id: roleDefinitionId,
      principal_id: '3f2a6c1e-0b7d-4e5a-9c1f-2d8e7a6b5c40',
      justification: 'Operations on-call rotation',
      ticket: { number: 'CHG-20431', system: 'ServiceNow' },
      schedule: { expiration: { duration_days: 365 } },
    });
    expect(synth).toHaveResourceWithProperties(RoleManagementPolicy, {
      role_definition_id: roleDefinitionId,
      activation_rules: {
        maximum_duration: 'PT8H',
        require_approval: true,
        approval_stage: { primary_approver: [{ object_id: '9e3f4a5b-6c7d-4e8f-a091-b2c3d4e5f643', type: 'Group' }] },
        require_multifactor_authentication: true,
        require_justification: true,
        require_ticket_info: true,
      },
      eligible_assignment_rules: { expiration_required: true, expire_after: 'P365D' },
    });
  });

  it('writes a permanent eligibility without a schedule, and a policy that does not require expiry', () => {
    const stack = newStack();
    new PimRoleEligibility(stack, 'Reader', {
      scope: RG,
      role: 'Reader',
      principalId: ID(2),
      expiry: 'none',
      activation: { maximumDuration: 'PT1H', conditionalAccessContext: 'c2' },
    });
    const synth = Testing.synth(stack);
    expect(resources(synth, 'azurerm_pim_eligible_role_assignment')[0].schedule).toBeUndefined();
    expect(synth).toHaveResourceWithProperties(RoleManagementPolicy, {
      eligible_assignment_rules: { expiration_required: false },
      activation_rules: expect.objectContaining({
        required_conditional_access_authentication_context: 'c2',
        require_approval: false,
      }),
    });
  });

  it('shares one policy between eligibilities of a role at a scope, and refuses conflicting rules', () => {
    const stack = newStack();
    new PimRoleEligibility(stack, 'A', {
      scope: RG,
      role: 'Contributor',
      principalId: ID(3),
      expiry: 'P30D',
      activation,
    });
    new PimRoleEligibility(stack, 'B', {
      scope: RG,
      role: 'contributor',
      principalId: ID(4),
      expiry: 'P30D',
      activation,
    });
    expect(resources(Testing.synth(stack), 'azurerm_role_management_policy')).toHaveLength(1);
    expect(
      () =>
        new PimRoleEligibility(stack, 'C', {
          scope: RG,
          role: 'Contributor',
          principalId: ID(5),
          expiry: 'P30D',
          activation: { maximumDuration: 'PT1H' },
        }),
    ).toThrow('jit/C: activation = {"maximumDuration":"PT1H"}: jit/A declares other rules for this role at this scope');
  });

  it('refuses an unknown role name and an approval without approvers', () => {
    expect(
      () =>
        new PimRoleEligibility(newStack(), 'X', {
          scope: RG,
          role: 'Janitor',
          principalId: ID(1),
          expiry: 'P30D',
          activation,
        }),
    ).toThrow("jit/X: role = 'Janitor': not a role definition GUID or a known built-in role name");
    expect(
      () =>
        new PimRoleEligibility(newStack(), 'X', {
          scope: RG,
          role: 'Owner',
          principalId: ID(1),
          expiry: 'P30D',
          activation: { maximumDuration: 'PT1H', approval: { approvers: [] } },
        }),
    ).toThrow('jit/X: activation.approval.approvers = []: approval needs at least one approver');
  });
});

describe('JitGroupEligibility', () => {
  it('makes group membership eligible per principal, with the group activation policy', () => {
    const synth = Testing.synth(new JeaEstate(Testing.app(), 'contoso'));
    const schedules = resources(synth, 'azuread_privileged_access_group_eligibility_schedule');
    expect(schedules.map((s) => s.principal_id)).toEqual([
      '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
      '8d2e3f4a-5b6c-4d7e-9f80-a1b2c3d4e542',
    ]);
    expect(synth).toHaveResourceWithProperties(PrivilegedAccessGroupEligibilitySchedule, {
      group_id: 'a04f5b6c-7d8e-4f90-b1a2-c3d4e5f60744',
      assignment_type: 'member',
      duration: 'P180D',
      justification: 'Second-level server maintenance on call',
    });
    expect(synth).toHaveResourceWithProperties(GroupRoleManagementPolicy, {
      group_id: 'a04f5b6c-7d8e-4f90-b1a2-c3d4e5f60744',
      role_id: 'member',
      activation_rules: expect.objectContaining({
        maximum_duration: 'PT4H',
        require_approval: true,
        require_multifactor_authentication: true,
      }),
    });
  });

  it('is a typed JEA principal: the endpoint admits the group by its host name', () => {
    const stack = newStack();
    const group = new JitGroupEligibility(stack, 'Lev2', {
      groupId: ID(7),
      principalName: 'CONTOSO\\JEA-Lev2',
      principalIds: [ID(8)],
      expiry: 'P90D',
      activation: { maximumDuration: 'PT4H', approval: { approvers: [{ type: 'User', objectId: ID(9) }] } },
    });
    const role = new RoleCapability(stack, 'Lev2Role', { visibleCmdlets: ['Restart-Computer'] });
    new JeaModule(stack, 'M', { name: 'M', version: '1.0', roleCapabilities: [role] });
    const endpoint = new SessionConfiguration(stack, 'JEA-Lev2', {
      runAs: { virtualAccount: true },
      roleDefinitions: [{ principal: group, roleCapabilities: [role] }],
    });
    expect(endpoint.model.roleDefinitions).toEqual([['CONTOSO\\JEA-Lev2', { roleCapabilities: ['Lev2Role'] }]]);
    expect(endpoint.acl.entries[0].principal).toBe('CONTOSO\\JEA-Lev2');
  });

  it('says when a group without a host name is used as a JEA principal', () => {
    const stack = newStack();
    const group = new JitGroupEligibility(stack, 'NoName', {
      groupId: ID(7),
      principalIds: [ID(8)],
      expiry: 'P90D',
      activation: { maximumDuration: 'PT4H' },
    });
    expect(
      () =>
        new SessionConfiguration(stack, 'E', {
          runAs: { virtualAccount: true },
          roleDefinitions: [{ principal: group, capabilities: { visibleCmdlets: ['Get-Service'] } }],
        }),
    ).toThrow('jit/NoName: principalName = undefined: used as a JEA principal, the group needs principalName');
  });
});

describe('JitLocalAdmin', () => {
  it('assigns the device local administrator role to a role-assignable group that users activate', () => {
    const stack = newStack();
    new JitLocalAdmin(stack, 'LocalAdmin', {
      groupName: 'JIT Device Local Admins',
      principalIds: [ID(1), ID(2)],
      expiry: 'P30D',
      activation: {
        maximumDuration: 'PT2H',
        approval: { approvers: [{ type: 'Group', objectId: ID(3) }] },
        requireJustification: true,
      },
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(Group, {
      display_name: 'JIT Device Local Admins',
      assignable_to_role: true,
      security_enabled: true,
    });
    expect(synth).toHaveResourceWithProperties(DirectoryRoleAssignment, {
      role_id: '9f06204d-73c1-4d4c-880a-6edb90606fd8',
      principal_object_id: expect.stringMatching(/^\$\{azuread_group\..+\.object_id\}$/),
    });
    expect(synth).toHaveResourceWithProperties(GroupRoleManagementPolicy, {
      role_id: 'member',
      activation_rules: expect.objectContaining({
        maximum_duration: 'PT2H',
        require_approval: true,
        require_justification: true,
      }),
    });
    expect(resources(synth, 'azuread_privileged_access_group_eligibility_schedule')).toHaveLength(2);
  });

  it('refuses an activation longer than a day', () => {
    expect(
      () =>
        new JitLocalAdmin(newStack(), 'LocalAdmin', {
          groupName: 'x',
          principalIds: [ID(1)],
          expiry: 'P30D',
          activation: { maximumDuration: 'PT25H' },
        }),
    ).toThrow("jit/LocalAdmin/Eligibility: activation.maximumDuration = 'PT25H': out of range");
  });
});
