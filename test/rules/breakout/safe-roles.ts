/**
 * Least-privilege roles that must raise no error (warnings are allowed) under the standard
 * endpoint of estate.ts, where the run-as virtual account is a local administrator. Each is our
 * own minimal declaration after a public source, or an unmodified corpus file that was read and
 * judged safe (most corpus roles are not: they show sc.exe, bitsadmin.exe, Defender\*,
 * unconstrained Stop-Process or Set-Service, and stay out of this list).
 *
 * What makes them safe: commands that only read, commands whose free parameters cannot name a
 * program, a path, an account or a security service, values fixed by a ValidateSet of ordinary
 * application services, VMs or app pools, and functions that call one command with fixed or
 * validated arguments.
 */
import { Declaration, psd1 } from './estate';

/** One safe role: a declaration that must raise no error. */
export type SafeRole = Declaration;

const JEA_ROLE_CAPABILITIES =
  'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities';
const GITHUB = 'https://github.com';

/** Every safe role. */
export const SAFE_ROLES: readonly SafeRole[] = [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'docs-restart-dns-spooler',
    title:
      "The documentation's first role: Restart-Service limited to Dns and Spooler, Get-Service, whoami.exe by full path",
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'Dns', 'Spooler' } }
          VisibleExternalCommands = 'C:\Windows\System32\whoami.exe'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'docs-top-process-function',
    title:
      'A function that lists the busiest processes, with a validated count (the documentation pattern of a custom function)',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleFunctions = 'Get-BusyProcess'
          FunctionDefinitions = @{
              Name = 'Get-BusyProcess'
              ScriptBlock = {
                  param([ValidateRange(1, 50)] [int] $Count = 10)
                  Microsoft.PowerShell.Management\Get-Process |
                      Microsoft.PowerShell.Utility\Sort-Object -Property CPU -Descending |
                      Microsoft.PowerShell.Utility\Select-Object -First $Count -Property Name, Id, CPU
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'process-operator-app-set',
    title: 'Get-Process, and Stop-Process limited to named application processes (no security tooling)',
    source: 'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Microsoft.PowerShell.Management\Get-Process', @{
              Name = 'Microsoft.PowerShell.Management\Stop-Process'
              Parameters = @{ Name = 'Name'; ValidateSet = 'w3wp', 'ContosoLob', 'ReportWorker' }
          }
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/tree/master/Samples/DnsAdministration
  {
    id: 'dns-viewer',
    title: 'DNS viewer: named DnsServer read cmdlets',
    source: `${GITHUB}/PowerShell/JEA/tree/master/Samples/DnsAdministration`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'DnsServer\Get-DnsServer', 'DnsServer\Get-DnsServerZone', 'DnsServer\Get-DnsServerResourceRecord',
                           'DnsServer\Get-DnsServerStatistics', 'DnsServer\Get-DnsServerForwarder'
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/tree/master/Samples/DnsAdministration
  {
    id: 'dns-operator',
    title: 'DNS operator: read zones, clear the server cache, restart the DNS service',
    source: `${GITHUB}/PowerShell/JEA/tree/master/Samples/DnsAdministration`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'DnsServer\Get-DnsServerZone', 'DnsServer\Clear-DnsServerCache',
                           @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'DNS' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/printmanagement/
  {
    id: 'print-operator',
    title: 'Print operator: printers and jobs, restart of the spooler',
    source: 'https://learn.microsoft.com/powershell/module/printmanagement/',
    psrc: psd1`
      @{
          VisibleCmdlets = 'PrintManagement\Get-Printer', 'PrintManagement\Get-PrintJob', 'PrintManagement\Restart-PrintJob',
                           'PrintManagement\Suspend-PrintJob', 'PrintManagement\Resume-PrintJob', 'PrintManagement\Remove-PrintJob',
                           @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'Spooler' } }
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance
  {
    id: 'iis-app-pool-recycler',
    title: 'IIS: recycle and read the state of two named application pools',
    source: `${GITHUB}/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance`,
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'WebAdministration\Restart-WebAppPool'; Parameters = @{ Name = 'Name'; ValidateSet = 'HRPortal', 'Payroll' } },
                           @{ Name = 'WebAdministration\Get-WebAppPoolState'; Parameters = @{ Name = 'Name'; ValidateSet = 'HRPortal', 'Payroll' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent
  {
    id: 'event-log-reader',
    title: 'Auditor: System and Application events only, with XPath filters',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent',
    psrc: psd1`
      @{
          VisibleCmdlets = @{
                  Name = 'Get-EventLog'
                  Parameters = @{ Name = 'LogName'; ValidateSet = 'System', 'Application' }, @{ Name = 'Newest' }, @{ Name = 'EntryType' }
              }, @{
                  Name = 'Get-WinEvent'
                  Parameters = @{ Name = 'LogName'; ValidateSet = 'System', 'Application' }, @{ Name = 'FilterXPath' }, @{ Name = 'MaxEvents' }
              }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/activedirectory/unlock-adaccount
  {
    id: 'helpdesk-unlock-function',
    title: 'Help desk: a function that unlocks one account named by a validated sAMAccountName',
    source: 'https://learn.microsoft.com/powershell/module/activedirectory/unlock-adaccount',
    psrc: psd1`
      @{
          VisibleFunctions = 'Unlock-HelpdeskAccount'
          FunctionDefinitions = @{
              Name = 'Unlock-HelpdeskAccount'
              ScriptBlock = {
                  param([Parameter(Mandatory)] [ValidatePattern('^[a-z][a-z0-9.]{1,19}$')] [string] $SamAccountName)
                  ActiveDirectory\Unlock-ADAccount -Identity $SamAccountName
              }
          }
      }
    `,
  },
  // source: https://powershell.org/2019/03/secure-your-powershell-session-with-jea-and-constrained-endpoints/
  {
    id: 'helpdesk-restart-app-function',
    title: 'A function with no parameters that restarts one fixed service',
    source: 'https://powershell.org/2019/03/secure-your-powershell-session-with-jea-and-constrained-endpoints/',
    psrc: psd1`
      @{
          VisibleFunctions = 'Restart-ContosoLob'
          FunctionDefinitions = @{
              Name = 'Restart-ContosoLob'
              ScriptBlock = { Microsoft.PowerShell.Management\Restart-Service -Name 'ContosoLob' -Force }
          }
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance
  {
    id: 'network-diagnostics',
    title: 'Network diagnostics: read-only NetTCPIP cmdlets, name resolution, ping and tracert by full path',
    source: `${GITHUB}/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Test-NetConnection', 'Get-NetIPAddress', 'Get-NetIPConfiguration', 'Get-NetRoute', 'Get-NetAdapter', 'Resolve-DnsName'
          VisibleExternalCommands = 'C:\Windows\System32\PING.EXE', 'C:\Windows\System32\TRACERT.EXE'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/storage/get-volume
  {
    id: 'disk-space-report',
    title: 'Disk space: volumes, disks and drives, no provider visible',
    source: 'https://learn.microsoft.com/powershell/module/storage/get-volume',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Volume', 'Get-Disk', 'Get-PSDrive',
                           @{ Name = 'Get-CimInstance'; Parameters = @{ Name = 'ClassName'; ValidateSet = 'Win32_LogicalDisk', 'Win32_Volume' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/using-jea
  {
    id: 'hyperv-vm-operator',
    title: 'Hyper-V operator: list VMs; start, stop and restart two named VMs',
    source: 'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/using-jea',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Hyper-V\Get-VM',
                           @{ Name = 'Hyper-V\Start-VM'; Parameters = @{ Name = 'Name'; ValidateSet = 'SQL01', 'WEB01' } },
                           @{ Name = 'Hyper-V\Stop-VM'; Parameters = @{ Name = 'Name'; ValidateSet = 'SQL01', 'WEB01' } },
                           @{ Name = 'Hyper-V\Restart-VM'; Parameters = @{ Name = 'Name'; ValidateSet = 'SQL01', 'WEB01' } }
      }
    `,
  },
  // source: https://github.com/FrPSUG/Presentations/tree/master/presentations/2018/20180915-JEA_intro(Olivier_Miossec)
  {
    id: 'sql-service-operator',
    title: 'SQL operator: start and restart the SQL Server and Agent services only',
    source: `${GITHUB}/FrPSUG/Presentations/tree/master/presentations/2018/20180915-JEA_intro(Olivier_Miossec)`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service',
                           @{ Name = 'Start-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'MSSQLSERVER', 'SQLSERVERAGENT' } },
                           @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'MSSQLSERVER', 'SQLSERVERAGENT' }, @{ Name = 'Force' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/failoverclusters/
  {
    id: 'cluster-viewer',
    title: 'Failover cluster viewer: read-only cluster cmdlets',
    source: 'https://learn.microsoft.com/powershell/module/failoverclusters/',
    psrc: psd1`
      @{
          VisibleCmdlets = 'FailoverClusters\Get-Cluster', 'FailoverClusters\Get-ClusterNode', 'FailoverClusters\Get-ClusterGroup',
                           'FailoverClusters\Get-ClusterResource', 'FailoverClusters\Get-ClusterSharedVolume'
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance
  {
    id: 'patch-status-reader',
    title: 'Patch status: installed updates, features and computer information',
    source: `${GITHUB}/PowerShell/JEA/tree/master/Samples/GeneralServerMaintenance`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-HotFix', 'Get-ComputerInfo', 'ServerManager\Get-WindowsFeature'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/scheduledtasks/start-scheduledtask
  {
    id: 'scheduled-report-runner',
    title: 'Run one existing scheduled task on demand, and read task state',
    source: 'https://learn.microsoft.com/powershell/module/scheduledtasks/start-scheduledtask',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'ScheduledTasks\Get-ScheduledTask'; Parameters = @{ Name = 'TaskName'; ValidateSet = 'NightlyReport' } },
                           @{ Name = 'ScheduledTasks\Get-ScheduledTaskInfo'; Parameters = @{ Name = 'TaskName'; ValidateSet = 'NightlyReport' } },
                           @{ Name = 'ScheduledTasks\Start-ScheduledTask'; Parameters = @{ Name = 'TaskName'; ValidateSet = 'NightlyReport' } }
      }
    `,
  },
  // source: https://github.com/FrPSUG/Presentations/tree/master/presentations/2018/20180915-JEA_intro(Olivier_Miossec)
  {
    id: 'time-service-operator',
    title: 'Time: read the time zone, restart the Windows Time service',
    source: `${GITHUB}/FrPSUG/Presentations/tree/master/presentations/2018/20180915-JEA_intro(Olivier_Miossec)`,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-TimeZone', 'Get-Date', @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'W32Time' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'certificate-expiry-function',
    title: 'Certificate expiry report through a function (no Certificate provider): subject, thumbprint and date only',
    source: 'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations',
    psrc: psd1`
      @{
          VisibleFunctions = 'Get-ExpiringCertificate'
          FunctionDefinitions = @{
              Name = 'Get-ExpiringCertificate'
              ScriptBlock = {
                  param([ValidateRange(1, 365)] [int] $Days = 30)
                  $limit = (Get-Date).AddDays($Days)
                  Microsoft.PowerShell.Management\Get-ChildItem -Path 'Cert:\LocalMachine\My' |
                      Microsoft.PowerShell.Core\Where-Object { $_.NotAfter -lt $limit } |
                      Microsoft.PowerShell.Utility\Select-Object -Property Subject, Thumbprint, NotAfter
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'whoami-only',
    title: 'whoami.exe by full path, nothing else',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleExternalCommands = 'C:\Windows\System32\whoami.exe'
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/blob/622c33969233452216d1f9648e28fa962af39f93/Samples/DnsAdministration/RoleCapabilities/DnsViewer.psrc
  {
    id: 'corpus-jea-dnsviewer',
    title: "Microsoft's DnsViewer sample: DnsServer\\Get-* and a fixed Get-WinEvent function",
    source: `${GITHUB}/PowerShell/JEA/blob/622c33969233452216d1f9648e28fa962af39f93/Samples/DnsAdministration/RoleCapabilities/DnsViewer.psrc`,
    corpusFile: 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsViewer.psrc',
  },
  // source: https://github.com/FriedrichWeinmann/P2023-PSConfEU-JustEnoughAdministration/blob/56ed7bd70f9ad33f5adb816f088b58280482e4c6/JEA_ServiceAdmin/1.0.0/RoleCapabilities/admins.psrc
  {
    id: 'corpus-psconfeu-service-admin',
    title: 'PSConfEU 2023 service admin: Get-WinEvent, Get-Service, Restart-Service limited to Spooler',
    source: `${GITHUB}/FriedrichWeinmann/P2023-PSConfEU-JustEnoughAdministration/blob/56ed7bd70f9ad33f5adb816f088b58280482e4c6/JEA_ServiceAdmin/1.0.0/RoleCapabilities/admins.psrc`,
    corpusFile:
      'FriedrichWeinmann__P2023-PSConfEU-JustEnoughAdministration__JEA_ServiceAdmin__1.0.0__RoleCapabilities__admins.psrc',
  },
  // source: https://github.com/ServerConfigurationManager/ServerConfigurationManager.github.io/blob/0d5516a290e4faaf8209fff896d6d59fe53bb8b3/content/resources/JEA/JEA_CimAccess/1.0.0/RoleCapabilities/CimRead.psrc
  {
    id: 'corpus-cim-read',
    title: 'CIM read access: Get-CimInstance, Get-CimClass, Get-CimAssociatedInstance',
    source: `${GITHUB}/ServerConfigurationManager/ServerConfigurationManager.github.io/blob/0d5516a290e4faaf8209fff896d6d59fe53bb8b3/content/resources/JEA/JEA_CimAccess/1.0.0/RoleCapabilities/CimRead.psrc`,
    corpusFile:
      'ServerConfigurationManager__ServerConfigurationManager.github.io__content__resources__JEA__JEA_CimAccess__1.0.0__RoleCapabilities__CimRead.psrc',
  },
  // source: https://github.com/ActiveDirectoryManagementFramework/DomainManagement/blob/382f1619f4f8f187826fd56b26278eb4f56b4e6c/DomainManagement/internal/JEAEndpoint/JEA_DMJEAModule/1.0.0/RoleCapabilities/DMJEARole.psrc
  {
    id: 'corpus-domainmanagement-reader',
    title: 'DomainManagement: one module function that reads default object permissions',
    source: `${GITHUB}/ActiveDirectoryManagementFramework/DomainManagement/blob/382f1619f4f8f187826fd56b26278eb4f56b4e6c/DomainManagement/internal/JEAEndpoint/JEA_DMJEAModule/1.0.0/RoleCapabilities/DMJEARole.psrc`,
    corpusFile:
      'ActiveDirectoryManagementFramework__DomainManagement__DomainManagement__internal__JEAEndpoint__JEA_DMJEAModule__1.0.0__RoleCapabilities__DMJEARole.psrc',
  },
  // source: https://github.com/psconfeu/2023/blob/0b90a8a710bd7a7888a8a83dc710f27938ce57ae/EvgenijSmirnov/JEAonHyperV/code/200/VerySimpleJEA/RoleCapabilities/VerySimpleJEA.psrc
  {
    id: 'corpus-very-simple-hyperv',
    title: 'PSConfEU 2023 scoped Hyper-V admin: module functions, whoami.exe, two functions that print names',
    source: `${GITHUB}/psconfeu/2023/blob/0b90a8a710bd7a7888a8a83dc710f27938ce57ae/EvgenijSmirnov/JEAonHyperV/code/200/VerySimpleJEA/RoleCapabilities/VerySimpleJEA.psrc`,
    corpusFile:
      'psconfeu__2023__EvgenijSmirnov__JEAonHyperV__code__200__VerySimpleJEA__RoleCapabilities__VerySimpleJEA.psrc',
  },
  // source: https://github.com/psconfeu/2023/blob/0b90a8a710bd7a7888a8a83dc710f27938ce57ae/EvgenijSmirnov/JEAonHyperV/code/300/on%20host/HyperVRBAC/RoleCapabilities/RestrictedHyperVAdmin.psrc
  {
    id: 'corpus-restricted-hyperv-admin',
    title: 'PSConfEU 2023 Hyper-V RBAC: module functions that scope VMs, whoami.exe',
    source: `${GITHUB}/psconfeu/2023/blob/0b90a8a710bd7a7888a8a83dc710f27938ce57ae/EvgenijSmirnov/JEAonHyperV/code/300/on%20host/HyperVRBAC/RoleCapabilities/RestrictedHyperVAdmin.psrc`,
    corpusFile:
      'psconfeu__2023__EvgenijSmirnov__JEAonHyperV__code__300__on host__HyperVRBAC__RoleCapabilities__RestrictedHyperVAdmin.psrc',
  },
];
