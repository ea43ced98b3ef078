import { MachineConfigurationPropsOf } from '../src/guestconfig/props';
import {
  EndpointAclProps,
  IJeaPrincipal,
  JeaModulePropsOf,
  RoleCapabilityProps,
  SessionConfigurationPropsOf,
} from '../src/jea/props';
import { Suppression } from '../src/rules/finding';
import {
  JeaVmDeploymentPropsOf,
  JitGroupEligibilityPropsOf,
  PimRoleEligibilityPropsOf,
  VmJitAccessPolicyPropsOf,
} from '../src/jit/props';

/** The two Windows servers the endpoints are installed on. */
export const VMS = [
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-servers/providers/Microsoft.Compute/virtualMachines/vm-dc-dns01',
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-servers/providers/Microsoft.Compute/virtualMachines/vm-file01',
];

const TRANSCRIPTS = 'C:\\ProgramData\\JEAConfiguration\\Transcripts';
const RESOURCE_GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-servers';
/** Entra ID object IDs of the people and groups in the example. */
const IDS = {
  opsOnCall: '3f2a6c1e-0b7d-4e5a-9c1f-2d8e7a6b5c40',
  alice: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
  bob: '8d2e3f4a-5b6c-4d7e-9f80-a1b2c3d4e542',
  serverOwners: '9e3f4a5b-6c7d-4e8f-a091-b2c3d4e5f643',
  maintenanceL2Group: 'a04f5b6c-7d8e-4f90-b1a2-c3d4e5f60744',
};
const CORPORATE_RANGES = ['10.20.0.0/16', '192.168.100.0/24'];
/** The management group of Contoso's server subscriptions: the Azure VMs, and the Arc-enabled branch servers. */
const SERVERS_MANAGEMENT_GROUP = '/providers/Microsoft.Management/managementGroups/mg-contoso-servers';
/** The storage account of the Machine Configuration packages (its resource group is needed by Pulumi only). */
const PACKAGES = { storageAccountName: 'stcontosoguestconfig', resourceGroupName: 'rg-contoso-guestconfig' };
/** The user-assigned identity attached to the servers, with Storage Blob Data Reader on the private packages container. */
const PACKAGE_READER =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-guestconfig/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-contoso-guestconfig-reader';
const COMPANY = { companyName: 'Contoso', author: 'Contoso Platform Team' };

/** The findings of the security rules this estate accepts, each with its reason. */
export const ACCEPTED_FINDINGS: readonly Suppression[] = [
  {
    ruleId: 'JEA014',
    file: 'JEA-Maintenance',
    reason: 'maintenance restarts services and the server, which needs a local administrator',
  },
  {
    ruleId: 'JEA002',
    file: 'DnsOperator',
    path: 'VisibleCmdlets',
    reason: 'the DnsServer wildcards cover read and record cmdlets only; reviewed with each module update',
  },
];

/**
 * How an engine creates each construct (cdktf: `new X(this, id, props)`; Pulumi:
 * `new X(id, props, { parent })`), so that one declaration serves both engines.
 */
export interface EstateEngine<R, A, E, G extends IJeaPrincipal> {
  role(id: string, props: RoleCapabilityProps): R;
  module(id: string, props: JeaModulePropsOf<R>): unknown;
  acl(id: string, props: EndpointAclProps): A;
  endpoint(id: string, props: SessionConfigurationPropsOf<R, A>): E;
  groupEligibility(id: string, props: JitGroupEligibilityPropsOf<string>): G;
  vmJit(id: string, props: VmJitAccessPolicyPropsOf<string>): unknown;
  pim(id: string, props: PimRoleEligibilityPropsOf<string>): unknown;
  deploy(id: string, props: JeaVmDeploymentPropsOf<E, string>): unknown;
  machineConfiguration(id: string, props: MachineConfigurationPropsOf<E, string>): unknown;
}

/**
 * Contoso's JEA estate: DNS operators, helpdesk, two levels of server maintenance and file-share
 * operators, each with its own endpoint, principals and ACL, installed on two VMs; RDP/WinRM under
 * just-in-time access, an eligible VM Contributor, and the level-2 role made just-in-time; Azure
 * Machine Configuration keeps the DNS endpoint on the DNS server and the maintenance endpoint on
 * every Windows server of the management group. Returns the endpoints.
 */
export function declareContoso<R extends { readonly roleName: string }, A, E, G extends IJeaPrincipal>(
  engine: EstateEngine<R, A, E, G>,
): E[] {
  // DNS operators: manage zones and records, restart only the DNS service.
  const dnsOperator = engine.role('DnsOperator', {
    ...COMPANY,
    description: 'Operate DNS: zones and records, restart the DNS service',
    visibleCmdlets: [
      'DnsServer\\Get-DnsServer*',
      'DnsServer\\Add-DnsServerResourceRecord*',
      'DnsServer\\Remove-DnsServerResourceRecord',
      'DnsServer\\Clear-DnsServerCache',
      { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }, { name: 'Force' }] },
      { name: 'Get-Service', parameters: [{ name: 'Name', validateSet: ['Dns'] }] },
    ],
  });
  const dns = engine.endpoint('JEA-DNS', {
    ...COMPANY,
    description: 'DNS operators',
    runAs: { virtualAccount: true, groups: ['CONTOSO\\DnsAdmins'] },
    transcriptDirectory: TRANSCRIPTS,
    roleDefinitions: [{ principal: 'CONTOSO\\JEA-DNS-Operators', roleCapabilities: [dnsOperator] }],
  });
  engine.module('DnsModule', { name: 'ContosoJeaDns', version: '1.0.0', roleCapabilities: [dnsOperator], ...COMPANY });

  // Helpdesk: unlock accounts and reset passwords, only for users in the Staff OU.
  const staffOu = 'OU=Staff,DC=contoso,DC=com';
  const helpdesk = engine.role('Helpdesk', {
    ...COMPANY,
    description: `Unlock accounts and reset passwords of users in ${staffOu}`,
    modulesToImport: ['ActiveDirectory'],
    visibleFunctions: ['Unlock-StaffAccount', 'Reset-StaffPassword'],
    functionDefinitions: [
      {
        name: 'Unlock-StaffAccount',
        scriptBlock: `
  param([Parameter(Mandatory)][ValidatePattern('^[A-Za-z0-9._-]{1,20}$')][string] $SamAccountName)
  $user = ActiveDirectory\\Get-ADUser -Identity $SamAccountName
  if (-not $user.DistinguishedName.EndsWith(',${staffOu}', [StringComparison]::OrdinalIgnoreCase)) { throw "$SamAccountName is not in ${staffOu}" }
  ActiveDirectory\\Unlock-ADAccount -Identity $user
`,
      },
      {
        name: 'Reset-StaffPassword',
        scriptBlock: `
  param([Parameter(Mandatory)][ValidatePattern('^[A-Za-z0-9._-]{1,20}$')][string] $SamAccountName, [Parameter(Mandatory)][securestring] $NewPassword)
  $user = ActiveDirectory\\Get-ADUser -Identity $SamAccountName
  if (-not $user.DistinguishedName.EndsWith(',${staffOu}', [StringComparison]::OrdinalIgnoreCase)) { throw "$SamAccountName is not in ${staffOu}" }
  ActiveDirectory\\Set-ADAccountPassword -Identity $user -Reset -NewPassword $NewPassword
  ActiveDirectory\\Set-ADUser -Identity $user -ChangePasswordAtLogon $true
`,
      },
    ],
  });
  engine.module('HelpdeskModule', {
    name: 'ContosoJeaHelpdesk',
    version: '1.2.0',
    roleCapabilities: [helpdesk],
    ...COMPANY,
  });
  const helpdeskEndpoint = engine.endpoint('JEA-Helpdesk', {
    ...COMPANY,
    description: 'Helpdesk: unlock and reset staff accounts',
    runAs: { groupManagedServiceAccount: 'CONTOSO\\gmsa-jea-helpdesk' },
    transcriptDirectory: TRANSCRIPTS,
    roleDefinitions: [{ principal: 'CONTOSO\\JEA-Helpdesk', roleCapabilities: [helpdesk] }],
  });

  // General server maintenance in two levels.
  const lev1 = engine.role('MaintenanceLev1', {
    ...COMPANY,
    description: 'Level 1: read the state of the server and restart its services',
    visibleCmdlets: [
      'Get-Service',
      'Get-Process',
      'Get-HotFix',
      'Get-WinEvent',
      'NetTCPIP\\Get-NetIPAddress',
      { name: 'Restart-Service', parameters: [{ name: 'Name', validateSet: ['Spooler', 'W32Time', 'WinRM', 'BITS'] }] },
    ],
    visibleExternalCommands: ['C:\\Windows\\System32\\ipconfig.exe', 'C:\\Windows\\System32\\whoami.exe'],
  });
  const lev2 = engine.role('MaintenanceLev2', {
    ...COMPANY,
    description: 'Level 2: level 1, plus stopping processes, service start-up and restarts of the server',
    visibleCmdlets: [
      {
        name: 'Stop-Process',
        parameters: [{ name: 'Name', validatePattern: '^(notepad|w3wp|dllhost)$' }, { name: 'Force' }],
      },
      {
        name: 'Set-Service',
        parameters: [
          { name: 'Name', validateSet: ['Spooler', 'W32Time', 'BITS'] },
          { name: 'StartupType', validateSet: ['Automatic', 'Manual', 'Disabled'] },
        ],
      },
      { name: 'Restart-Computer', parameters: [{ name: 'Force' }] },
    ],
    visibleExternalCommands: ['C:\\Windows\\System32\\gpupdate.exe'],
  });
  engine.module('MaintenanceModule', {
    name: 'ContosoJeaMaintenance',
    version: '2.0.0',
    roleCapabilities: [lev1, lev2],
    ...COMPANY,
  });
  // Level 2 is just-in-time: engineers are eligible members of the group the endpoint admits,
  // and activate for at most 4 hours with approval.
  const lev2Group = engine.groupEligibility('MaintenanceLev2Jit', {
    groupId: IDS.maintenanceL2Group,
    principalName: 'CONTOSO\\JEA-Maintenance-L2',
    principalIds: [IDS.alice, IDS.bob],
    expiry: 'P180D',
    justification: 'Second-level server maintenance on call',
    activation: {
      maximumDuration: 'PT4H',
      approval: { approvers: [{ type: 'Group', objectId: IDS.serverOwners }] },
      requireMfa: true,
      requireTicketInfo: true,
    },
  });
  const maintenance = engine.endpoint('JEA-Maintenance', {
    ...COMPANY,
    description: 'General server maintenance',
    runAs: { virtualAccount: true },
    transcriptDirectory: TRANSCRIPTS,
    roleDefinitions: [
      { principal: 'CONTOSO\\JEA-Maintenance-L1', roleCapabilities: [lev1] },
      { principal: lev2Group, roleCapabilities: [lev1, lev2] },
    ],
    requiredGroups: { or: ['CONTOSO\\SmartCard-Users', 'CONTOSO\\MFA-Authenticated'] },
  });

  // File-share operators: shares only under D:\Shares, read or change access only.
  const shares = engine.role('FileShareOperator', {
    ...COMPANY,
    description: 'Create and grant access to shares under D:\\Shares',
    visibleCmdlets: [
      'SmbShare\\Get-SmbShare',
      'SmbShare\\Get-SmbShareAccess',
      // team shares only: a free share name would reach SYSVOL and NETLOGON, whose scripts every machine runs
      {
        name: 'SmbShare\\New-SmbShare',
        parameters: [
          { name: 'Name', validatePattern: '^Team-[A-Za-z0-9_-]{1,35}$' },
          { name: 'Path', validatePattern: '^D:\\\\Shares\\\\[A-Za-z0-9_-]{1,40}$' },
          { name: 'Description' },
        ],
      },
      {
        name: 'SmbShare\\Grant-SmbShareAccess',
        parameters: [
          { name: 'Name', validatePattern: '^Team-[A-Za-z0-9_-]{1,35}$' },
          { name: 'AccountName', validatePattern: '^CONTOSO\\\\[A-Za-z0-9_-]{1,40}$' },
          { name: 'AccessRight', validateSet: ['Read', 'Change'] },
          { name: 'Force' },
        ],
      },
      {
        name: 'SmbShare\\Revoke-SmbShareAccess',
        parameters: [
          { name: 'Name', validatePattern: '^Team-[A-Za-z0-9_-]{1,35}$' },
          { name: 'AccountName' },
          { name: 'Force' },
        ],
      },
    ],
  });
  engine.module('FileServerModule', {
    name: 'ContosoJeaFileServer',
    version: '1.0.0',
    roleCapabilities: [shares],
    ...COMPANY,
  });
  const fileServer = engine.endpoint('JEA-FileServer', {
    ...COMPANY,
    description: 'File-share operators',
    runAs: { virtualAccount: true, groups: ['BUILTIN\\Users'] },
    transcriptDirectory: TRANSCRIPTS,
    mountUserDrive: true,
    userDriveMaximumSize: 50 * 1024 * 1024,
    roleDefinitions: [{ principal: 'CONTOSO\\JEA-FileShare-Operators', roleCapabilities: [shares] }],
    acl: engine.acl('FileServerAcl', {
      entries: [
        { principal: 'CONTOSO\\JEA-FileShare-Operators', access: 'Allow', rights: ['FullControl'] },
        { principal: 'CONTOSO\\Contractors', access: 'Deny', rights: ['FullControl'] },
      ],
    }),
  });

  const location = 'westeurope';

  // RDP and WinRM only on request, from the corporate ranges, for at most 3 hours.
  engine.vmJit('ManagementPortsJit', {
    resourceGroupName: 'rg-contoso-servers',
    location,
    virtualMachines: VMS.map((id) => ({
      id,
      ports: [3389, 5985, 5986].map((number) => ({
        number,
        allowedSourceAddressPrefixes: CORPORATE_RANGES,
        maxRequestAccessDuration: 'PT3H',
      })),
    })),
    baselineDeny: { networkSecurityGroupName: 'nsg-contoso-servers' },
  });

  // Virtual Machine Contributor on the resource group: eligible, with approval, MFA and a ticket.
  engine.pim('VmContributorOnCall', {
    scope: RESOURCE_GROUP,
    role: 'Virtual Machine Contributor',
    principalId: IDS.opsOnCall,
    expiry: 'P365D',
    justification: 'Operations on-call rotation',
    ticket: { number: 'CHG-20431', system: 'ServiceNow' },
    activation: {
      maximumDuration: 'PT8H',
      approval: { approvers: [{ type: 'Group', objectId: IDS.serverOwners }] },
      requireMfa: true,
      requireTicketInfo: true,
      notifyOnActivation: ['secops@contoso.com'],
    },
  });
  engine.deploy('DnsOnDc', { endpoint: dns, virtualMachineIds: [VMS[0]], location });
  engine.deploy('HelpdeskOnDc', { endpoint: helpdeskEndpoint, virtualMachineIds: [VMS[0]], location });
  engine.deploy('MaintenanceEverywhere', { endpoint: maintenance, virtualMachineIds: VMS, location });
  engine.deploy('FileServerOnFile01', { endpoint: fileServer, virtualMachineIds: [VMS[1]], location });

  // Machine Configuration checks the endpoints where they run and reports drift. The DNS server
  // puts its endpoint back whenever it drifts; it downloads the package with its identity.
  engine.machineConfiguration('DnsKeptOnDc', {
    endpoint: dns,
    assignmentType: 'ApplyAndAutoCorrect',
    storage: { ...PACKAGES, storageContainerName: 'packages' },
    contentAccess: { managedIdentityId: PACKAGE_READER },
    virtualMachineIds: [VMS[0]],
    location,
  });
  // Every Windows server of the management group, present and future, Arc-enabled branch servers
  // included, gets the maintenance endpoint through a policy (existing servers by a remediation
  // task). Arc servers cannot download with an identity: the container has blob-level public read,
  // and the package's URL, with its SHA-256 in it, is the only key.
  engine.machineConfiguration('MaintenanceOnEveryServer', {
    endpoint: maintenance,
    assignmentType: 'ApplyAndMonitor',
    storage: { ...PACKAGES, storageContainerName: 'packages-public' },
    contentAccess: 'anonymous',
    policy: { scope: SERVERS_MANAGEMENT_GROUP, location, includeArcMachines: true },
  });
  return [dns, helpdeskEndpoint, maintenance, fileServer];
}
