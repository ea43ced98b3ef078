import {
  EndpointAcl,
  JeaModule,
  JeaScope,
  JeaVmDeployment,
  JitGroupEligibility,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../../constructs/pulumi';

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
const COMPANY = { companyName: 'Contoso', author: 'Contoso Platform Team' };

/** What {@link declareEstate} declares: the root scope and the endpoints whose files the program writes. */
export interface Estate {
  readonly scope: JeaScope;
  readonly endpoints: readonly SessionConfiguration[];
}

/**
 * Contoso's JEA estate, as examples/estate.ts declares it with cdktf: the same names, principals
 * and values under a root scope named like the cdktf stack, so the endpoint files are byte for
 * byte the same (test/pulumi checks it). DNS operators, helpdesk, two levels of server
 * maintenance and file-share operators, each with its own endpoint, installed on two VMs.
 */
export function declareEstate(name = 'contoso'): Estate {
  const scope = new JeaScope(name);
  const opts = { parent: scope };

  // DNS operators: manage zones and records, restart only the DNS service.
  const dnsOperator = new RoleCapability(
    'DnsOperator',
    {
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
    },
    opts,
  );
  const dns = new SessionConfiguration(
    'JEA-DNS',
    {
      ...COMPANY,
      description: 'DNS operators',
      runAs: { virtualAccount: true, groups: ['CONTOSO\\DnsAdmins'] },
      transcriptDirectory: TRANSCRIPTS,
      roleDefinitions: [{ principal: 'CONTOSO\\JEA-DNS-Operators', roleCapabilities: [dnsOperator] }],
    },
    opts,
  );
  new JeaModule('DnsModule', { name: 'ContosoJeaDns', version: '1.0.0', roleCapabilities: [dnsOperator], ...COMPANY }, opts);

  // Helpdesk: unlock accounts and reset passwords, only for users in the Staff OU.
  const staffOu = 'OU=Staff,DC=contoso,DC=com';
  const helpdesk = new RoleCapability(
    'Helpdesk',
    {
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
    },
    opts,
  );
  new JeaModule('HelpdeskModule', { name: 'ContosoJeaHelpdesk', version: '1.2.0', roleCapabilities: [helpdesk], ...COMPANY }, opts);
  const helpdeskEndpoint = new SessionConfiguration(
    'JEA-Helpdesk',
    {
      ...COMPANY,
      description: 'Helpdesk: unlock and reset staff accounts',
      runAs: { groupManagedServiceAccount: 'CONTOSO\\gmsa-jea-helpdesk' },
      transcriptDirectory: TRANSCRIPTS,
      roleDefinitions: [{ principal: 'CONTOSO\\JEA-Helpdesk', roleCapabilities: [helpdesk] }],
    },
    opts,
  );

  // General server maintenance in two levels.
  const lev1 = new RoleCapability(
    'MaintenanceLev1',
    {
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
    },
    opts,
  );
  const lev2 = new RoleCapability(
    'MaintenanceLev2',
    {
      ...COMPANY,
      description: 'Level 2: level 1, plus stopping processes, service start-up and restarts of the server',
      visibleCmdlets: [
        { name: 'Stop-Process', parameters: [{ name: 'Name', validatePattern: '^(notepad|w3wp|dllhost)$' }, { name: 'Force' }] },
        { name: 'Set-Service', parameters: [{ name: 'Name', validateSet: ['Spooler', 'W32Time', 'BITS'] }, { name: 'StartupType', validateSet: ['Automatic', 'Manual', 'Disabled'] }] },
        { name: 'Restart-Computer', parameters: [{ name: 'Force' }] },
      ],
      visibleExternalCommands: ['C:\\Windows\\System32\\gpupdate.exe'],
    },
    opts,
  );
  new JeaModule('MaintenanceModule', { name: 'ContosoJeaMaintenance', version: '2.0.0', roleCapabilities: [lev1, lev2], ...COMPANY }, opts);
  // Level 2 is just-in-time: engineers are eligible members of the group the endpoint admits,
  // and activate for at most 4 hours with approval.
  const lev2Group = new JitGroupEligibility(
    'MaintenanceLev2Jit',
    {
      groupId: IDS.maintenanceL2Group,
      principalName: 'CONTOSO\\JEA-Maintenance-L2',
      principalIds: [IDS.alice, IDS.bob],
      expiry: 'P180D',
      justification: 'Second-level server maintenance on call',
      activation: { maximumDuration: 'PT4H', approval: { approvers: [{ type: 'Group', objectId: IDS.serverOwners }] }, requireMfa: true, requireTicketInfo: true },
    },
    opts,
  );
  const maintenance = new SessionConfiguration(
    'JEA-Maintenance',
    {
      ...COMPANY,
      description: 'General server maintenance',
      runAs: { virtualAccount: true },
      transcriptDirectory: TRANSCRIPTS,
      roleDefinitions: [
        { principal: 'CONTOSO\\JEA-Maintenance-L1', roleCapabilities: [lev1] },
        { principal: lev2Group, roleCapabilities: [lev1, lev2] },
      ],
      requiredGroups: { or: ['CONTOSO\\SmartCard-Users', 'CONTOSO\\MFA-Authenticated'] },
    },
    opts,
  );

  // File-share operators: shares only under D:\Shares, read or change access only.
  const shares = new RoleCapability(
    'FileShareOperator',
    {
      ...COMPANY,
      description: 'Create and grant access to shares under D:\\Shares',
      visibleCmdlets: [
        'SmbShare\\Get-SmbShare',
        'SmbShare\\Get-SmbShareAccess',
        { name: 'SmbShare\\New-SmbShare', parameters: [{ name: 'Name', validatePattern: '^[A-Za-z0-9_-]{1,40}$' }, { name: 'Path', validatePattern: '^D:\\\\Shares\\\\[A-Za-z0-9_-]{1,40}$' }, { name: 'Description' }] },
        { name: 'SmbShare\\Grant-SmbShareAccess', parameters: [{ name: 'Name' }, { name: 'AccountName', validatePattern: '^CONTOSO\\\\[A-Za-z0-9_-]{1,40}$' }, { name: 'AccessRight', validateSet: ['Read', 'Change'] }, { name: 'Force' }] },
        { name: 'SmbShare\\Revoke-SmbShareAccess', parameters: [{ name: 'Name' }, { name: 'AccountName' }, { name: 'Force' }] },
      ],
    },
    opts,
  );
  new JeaModule('FileServerModule', { name: 'ContosoJeaFileServer', version: '1.0.0', roleCapabilities: [shares], ...COMPANY }, opts);
  const fileServer = new SessionConfiguration(
    'JEA-FileServer',
    {
      ...COMPANY,
      description: 'File-share operators',
      runAs: { virtualAccount: true, groups: ['BUILTIN\\Users'] },
      transcriptDirectory: TRANSCRIPTS,
      mountUserDrive: true,
      userDriveMaximumSize: 50 * 1024 * 1024,
      roleDefinitions: [{ principal: 'CONTOSO\\JEA-FileShare-Operators', roleCapabilities: [shares] }],
      acl: new EndpointAcl(
        'FileServerAcl',
        {
          entries: [
            { principal: 'CONTOSO\\JEA-FileShare-Operators', access: 'Allow', rights: ['FullControl'] },
            { principal: 'CONTOSO\\Contractors', access: 'Deny', rights: ['FullControl'] },
          ],
        },
        opts,
      ),
    },
    opts,
  );

  const location = 'westeurope';

  // RDP and WinRM only on request, from the corporate ranges, for at most 3 hours.
  new VmJitAccessPolicy(
    'ManagementPortsJit',
    {
      resourceGroupName: 'rg-contoso-servers',
      location,
      virtualMachines: VMS.map((id) => ({
        id,
        ports: [3389, 5985, 5986].map((number) => ({ number, allowedSourceAddressPrefixes: CORPORATE_RANGES, maxRequestAccessDuration: 'PT3H' })),
      })),
      baselineDeny: { networkSecurityGroupName: 'nsg-contoso-servers' },
    },
    opts,
  );

  // Virtual Machine Contributor on the resource group: eligible, with approval, MFA and a ticket.
  new PimRoleEligibility(
    'VmContributorOnCall',
    {
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
    },
    opts,
  );
  new JeaVmDeployment('DnsOnDc', { endpoint: dns, virtualMachineIds: [VMS[0]], location }, opts);
  new JeaVmDeployment('HelpdeskOnDc', { endpoint: helpdeskEndpoint, virtualMachineIds: [VMS[0]], location }, opts);
  new JeaVmDeployment('MaintenanceEverywhere', { endpoint: maintenance, virtualMachineIds: VMS, location }, opts);
  new JeaVmDeployment('FileServerOnFile01', { endpoint: fileServer, virtualMachineIds: [VMS[1]], location }, opts);

  return { scope, endpoints: [dns, helpdeskEndpoint, maintenance, fileServer] };
}
