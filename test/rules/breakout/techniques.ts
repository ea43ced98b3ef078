/**
 * The breakout catalog: privilege-escalation and JEA escape techniques from public research,
 * each a minimal declaration that a lint of serious quality must report as an error. Every one is
 * judged under the standard endpoint of estate.ts (RestrictedRemoteServer, NoLanguage, a virtual
 * account that is a local administrator) unless it brings its own session configuration.
 *
 * Held out: written from the sources, not from jeajit's rules. Declarations are our own minimal
 * text; the source comment names where the technique is described.
 *
 * Two facts of the engine shape several declarations (PowerShell/PowerShell, read for this
 * catalog):
 * - A hidden provider stops path-based acts whether the cmdlet is bare or a constrained proxy:
 *   the engine answers "Cannot find a provider with the name 'FileSystem'" for Set-Content,
 *   Out-File, Copy-Item, Start-Process, Start-Job -FilePath and Import-Module by path, while
 *   Tee-Object, Compress-Archive and Expand-Archive still write (test/engine/
 *   danger-enforcement.test.ts; an earlier reading of LocationGlobber.cs expected proxies to get
 *   through, and the engine refuted it). Techniques that need it say `provider: 'FileSystem'`
 *   and the standard endpoint then shows the provider, as endpoints for file tasks do.
 * - ForEach-Object -MemberName blocks method calls only in RestrictedLanguage and
 *   ConstrainedLanguage (BlockMethodInLanguageMode, InternalCommands.cs): NoLanguage calls any
 *   method of any object in the pipeline.
 * Deliberately absent: an alias (AliasDefinitions/VisibleAliases) to a private command alone,
 * since the engine checks the visibility of the alias's target too (CommandDiscovery.ShouldRun).
 */
import { Declaration, psd1, ROLE, PRINCIPAL } from './estate';

/** The kind of escape, for grouping and reports. */
export type TechniqueClass =
  | 'code-execution'
  | 'write-anywhere'
  | 'identity-takeover'
  | 'defense-evasion'
  | 'lateral-movement'
  | 'session-configuration';

/** One technique: a declaration that must raise at least one error. */
export interface Technique extends Declaration {
  readonly class: TechniqueClass;
}

const JEA_ROLE_CAPABILITIES =
  'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities';
const JEA_SECURITY = 'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations';
const JEA_SESSION_CONFIGURATIONS =
  'https://learn.microsoft.com/powershell/scripting/security/remoting/jea/session-configurations';
const LOLBAS = (name: string) => `https://lolbas-project.github.io/lolbas/Binaries/${name}/`;
const ATTACK = (id: string) => `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;

/** A role capability that shows only the given external programs (absolute paths) and Get-Service. */
function external(...paths: string[]): string {
  return psd1`
    @{
        VisibleCmdlets = 'Get-Service'
        VisibleExternalCommands = ${paths.map((p) => `'${p}'`).join(', ')}
    }
  `;
}

/** A session configuration with the standard pieces plus (or instead of) the given lines. */
function pssc(...body: string[]): string {
  return ['@{', "    SchemaVersion = '2.0.0.0'", ...body.map((l) => `    ${l}`), '}', ''].join('\r\n');
}

const STANDARD_RUN_AS = 'RunAsVirtualAccount = $true';
const STANDARD_TRANSCRIPTS = "TranscriptDirectory = 'C:\\ProgramData\\JeaTranscripts'";
const STANDARD_ROLES = `RoleDefinitions = @{ '${PRINCIPAL}' = @{ RoleCapabilities = '${ROLE}' } }`;

function group(cls: TechniqueClass, list: readonly Declaration[]): Technique[] {
  return list.map((d) => ({ ...d, class: cls }));
}

const CODE_EXECUTION = group('code-execution', [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'start-process',
    provider: 'FileSystem',
    title: 'Start-Process runs any program (a payload on a share) as the run-as administrator',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Process', 'Start-Process'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'invoke-expression',
    title: 'Invoke-Expression runs any text as PowerShell',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Invoke-Expression'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'invoke-wmimethod-process-create',
    title: 'Invoke-WmiMethod calls Win32_Process.Create: any command line as the run-as account',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-WmiObject', 'Invoke-WmiMethod'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'invoke-cimmethod-process-create',
    title: 'Invoke-CimMethod calls Win32_Process.Create (the CIM twin of Invoke-WmiMethod)',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-CimInstance', 'Invoke-CimMethod'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'new-service-binary-path',
    title: 'New-Service installs any binary path as a service that runs as LocalSystem',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', 'New-Service', 'Start-Service'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'invoke-item',
    provider: 'FileSystem',
    title: 'Invoke-Item opens any file with its default action, which runs executables and scripts',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Invoke-Item'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1053/005/
  {
    id: 'register-scheduledtask',
    title: 'New-ScheduledTaskAction -Execute and Register-ScheduledTask: any program as SYSTEM',
    source: ATTACK('T1053.005'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-ScheduledTask', 'New-ScheduledTaskAction', 'New-ScheduledTaskTrigger', 'Register-ScheduledTask'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1053/005/
  {
    id: 'set-scheduledtask-hijack',
    title: "Set-ScheduledTask swaps an existing SYSTEM task's action for any program",
    source: ATTACK('T1053.005'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-ScheduledTask', 'New-ScheduledTaskAction', 'Set-ScheduledTask', 'Start-ScheduledTask'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'register-scheduledjob',
    title: 'Register-ScheduledJob -FilePath runs any script on a trigger, outside the JEA session',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Register-ScheduledJob'; Parameters = @{ Name = 'Name' }, @{ Name = 'FilePath' }, @{ Name = 'RunNow' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'start-job',
    provider: 'FileSystem',
    title: 'Start-Job runs a script in a new, unrestricted PowerShell process as the run-as account',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Start-Job', 'Receive-Job', 'Get-Job'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/threadjob/start-threadjob
  {
    id: 'start-threadjob',
    provider: 'FileSystem',
    title: 'Start-ThreadJob -FilePath runs a script in a new runspace without the JEA restrictions',
    source: 'https://learn.microsoft.com/powershell/module/threadjob/start-threadjob',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Start-ThreadJob'; Parameters = @{ Name = 'FilePath' }, @{ Name = 'ArgumentList' } }, 'Receive-Job'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'trace-command',
    provider: 'FileSystem',
    // The engine refutes the escape this entry first described (-Command running a command the
    // role never made visible: the engine does not find a private command); -FilePath writes the
    // trace wherever the caller says (danger-enforcement.test.ts, trace-command-filepath).
    title: 'Trace-Command -FilePath writes its trace wherever the caller points',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-TraceSource', 'Trace-Command'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'update-typedata',
    provider: 'FileSystem',
    title: 'Update-TypeData -AppendPath loads ScriptProperty members that run in FullLanguage',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Update-TypeData'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'update-formatdata',
    provider: 'FileSystem',
    title: 'Update-FormatData -AppendPath loads format script blocks that run in FullLanguage',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Update-FormatData', 'Get-FormatData'
      }
    `,
  },
  // source: https://learn.microsoft.com/dotnet/api/system.management.automation.imoduleassemblyinitializer
  {
    id: 'import-module-path',
    provider: 'FileSystem',
    title:
      'Import-Module with a free Name takes a path: a script or binary module from a share runs its code on import',
    source: 'https://learn.microsoft.com/dotnet/api/system.management.automation.imoduleassemblyinitializer',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Import-Module'; Parameters = @{ Name = 'Name' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/powershellget/install-module
  {
    id: 'install-module-untrusted-repository',
    title:
      'Register-PSRepository and Install-Module put an attacker module on PSModulePath for all users (autoload, role capabilities)',
    source: 'https://learn.microsoft.com/powershell/module/powershellget/install-module',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Find-Module', 'Register-PSRepository', 'Install-Module'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/packagemanagement/install-package
  {
    id: 'install-package-msi',
    title: 'Install-Package installs any MSI package, whose custom actions run as SYSTEM',
    source: 'https://learn.microsoft.com/powershell/module/packagemanagement/install-package',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Package', 'Install-Package'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-type
  {
    id: 'add-type',
    title: 'Add-Type compiles any C#; -OutputAssembly writes the binary anywhere (a DLL a SYSTEM service loads)',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-type',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Add-Type'
      }
    `,
  },
  // source: https://github.com/PowerShell/PowerShell/blob/master/src/System.Management.Automation/engine/InternalCommands.cs
  {
    id: 'foreach-object-member-invocation',
    title:
      'ForEach-Object -MemberName calls methods even in NoLanguage: Get-WmiObject -List Win32_Process | ForEach-Object Create',
    source:
      'https://github.com/PowerShell/PowerShell/blob/master/src/System.Management.Automation/engine/InternalCommands.cs',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-WmiObject', 'ForEach-Object'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-object
  {
    id: 'new-object-com-shell',
    title: 'New-Object -ComObject WScript.Shell and a method call through ForEach-Object -MemberName Run',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-object',
    psrc: psd1`
      @{
          VisibleCmdlets = 'New-Object', @{ Name = 'ForEach-Object'; Parameters = @{ Name = 'MemberName' }, @{ Name = 'ArgumentList' }, @{ Name = 'InputObject' } }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1546/003/
  {
    id: 'wmi-event-subscription',
    title: 'Set-WmiInstance creates a permanent CommandLineEventConsumer that runs any command as SYSTEM',
    source: ATTACK('T1546.003'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-WmiObject', 'Set-WmiInstance'
      }
    `,
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Mofcomp/
  {
    id: 'mofcomp-exe',
    title: 'mofcomp.exe compiles a MOF file that registers a WMI event consumer running as SYSTEM',
    source: LOLBAS('Mofcomp'),
    psrc: external('C:\\Windows\\System32\\wbem\\mofcomp.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Cmd/
  {
    id: 'cmd-exe',
    title: 'cmd.exe is a shell: any program with administrator rights',
    source: LOLBAS('Cmd'),
    psrc: external('C:\\Windows\\System32\\cmd.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Powershell/
  {
    id: 'powershell-exe',
    title: 'powershell.exe is a FullLanguage PowerShell without JEA',
    source: LOLBAS('Powershell'),
    psrc: external('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Rundll32/
  {
    id: 'rundll32-exe',
    title: 'rundll32.exe runs an export of any DLL (or JavaScript through mshtml)',
    source: LOLBAS('Rundll32'),
    psrc: external('C:\\Windows\\System32\\rundll32.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Regsvr32/
  {
    id: 'regsvr32-exe',
    title: 'regsvr32.exe /s /i:<url> scrobj.dll runs a remote scriptlet',
    source: LOLBAS('Regsvr32'),
    psrc: external('C:\\Windows\\System32\\regsvr32.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Mshta/
  {
    id: 'mshta-exe',
    title: 'mshta.exe runs VBScript or JScript from an HTA file or URL',
    source: LOLBAS('Mshta'),
    psrc: external('C:\\Windows\\System32\\mshta.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Msbuild/
  {
    id: 'msbuild-exe',
    title: 'MSBuild.exe compiles and runs inline C# tasks of a project file',
    source: LOLBAS('Msbuild'),
    psrc: external('C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Installutil/
  {
    id: 'installutil-exe',
    title: 'InstallUtil.exe runs the installer class of any .NET assembly',
    source: LOLBAS('Installutil'),
    psrc: external('C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Forfiles/
  {
    id: 'forfiles-exe',
    title: 'forfiles.exe /c runs any command for each matched file',
    source: LOLBAS('Forfiles'),
    psrc: external('C:\\Windows\\System32\\forfiles.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Pcalua/
  {
    id: 'pcalua-exe',
    title: 'pcalua.exe -a runs any program through the compatibility assistant',
    source: LOLBAS('Pcalua'),
    psrc: external('C:\\Windows\\System32\\pcalua.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Bitsadmin/
  {
    id: 'bitsadmin-exe',
    title: 'bitsadmin.exe /SetNotifyCmdLine runs any program when a transfer job completes',
    source: LOLBAS('Bitsadmin'),
    psrc: external('C:\\Windows\\System32\\bitsadmin.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Wmic/
  {
    id: 'wmic-exe',
    title: 'WMIC.exe process call create runs any command line (here or on /node: hosts)',
    source: LOLBAS('Wmic'),
    psrc: external('C:\\Windows\\System32\\wbem\\WMIC.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Schtasks/
  {
    id: 'schtasks-exe',
    title: 'schtasks.exe /create /ru SYSTEM runs any program as SYSTEM',
    source: LOLBAS('Schtasks'),
    psrc: external('C:\\Windows\\System32\\schtasks.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1543/003/
  {
    id: 'sc-exe',
    title: 'sc.exe config <service> binPath= points a SYSTEM service at any command',
    source: ATTACK('T1543.003'),
    psrc: external('C:\\Windows\\System32\\sc.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1547/001/
  {
    id: 'reg-exe',
    title: 'reg.exe add writes Run keys, IFEO debuggers and service ImagePath values',
    source: ATTACK('T1547.001'),
    psrc: external('C:\\Windows\\System32\\reg.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Cmstp/
  {
    id: 'cmstp-exe',
    title: 'cmstp.exe installs a connection profile whose INF runs any command',
    source: LOLBAS('Cmstp'),
    psrc: external('C:\\Windows\\System32\\cmstp.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Odbcconf/
  {
    id: 'odbcconf-exe',
    title: 'odbcconf.exe /a {REGSVR <dll>} loads any DLL',
    source: LOLBAS('Odbcconf'),
    psrc: external('C:\\Windows\\System32\\odbcconf.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Msiexec/
  {
    id: 'msiexec-exe',
    title: 'msiexec.exe /i <url> installs a remote package; its custom actions run as SYSTEM',
    source: LOLBAS('Msiexec'),
    psrc: external('C:\\Windows\\System32\\msiexec.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Cscript/
  {
    id: 'script-hosts',
    title: 'cscript.exe and wscript.exe run any VBScript or JScript file',
    source: LOLBAS('Cscript'),
    psrc: external('C:\\Windows\\System32\\cscript.exe', 'C:\\Windows\\System32\\wscript.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Netsh/
  {
    id: 'netsh-add-helper',
    title: 'netsh.exe add helper loads any DLL into netsh (and persists it)',
    source: LOLBAS('Netsh'),
    psrc: external('C:\\Windows\\System32\\netsh.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Diskshadow/
  {
    id: 'diskshadow-exe',
    title: 'diskshadow.exe /s runs a script whose exec command starts any program',
    source: LOLBAS('Diskshadow'),
    psrc: external('C:\\Windows\\System32\\diskshadow.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Dnscmd/
  {
    id: 'dnscmd-serverlevelplugindll',
    title: 'dnscmd.exe /config /serverlevelplugindll makes the DNS service (SYSTEM, often on a DC) load any DLL',
    source: LOLBAS('Dnscmd'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'DnsServer\Get-DnsServerZone', @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'DNS' } }
          VisibleExternalCommands = 'C:\Windows\System32\dnscmd.exe'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'external-command-bare-name',
    title: 'An external command without a path runs whatever comes first on PATH',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleExternalCommands = 'whoami.exe'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'wildcard-process-noun',
    title: "'*-Process' takes in Start-Process (the documentation's own example)",
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Microsoft.PowerShell.Management\*-Process'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'wildcard-invoke-verb',
    title: "'Invoke-*' takes in Invoke-Expression, Invoke-Command, Invoke-Item, Invoke-WmiMethod and Invoke-CimMethod",
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Invoke-*'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'wildcard-module-scheduledtasks',
    title: "'ScheduledTasks\\*' takes in Register-ScheduledTask and Set-ScheduledTask",
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'ScheduledTasks\*'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'function-invoke-expression',
    title: 'A function passes its parameter to Invoke-Expression: command injection as the run-as account',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleFunctions = 'Get-AppService'
          FunctionDefinitions = @{
              Name = 'Get-AppService'
              ScriptBlock = {
                  param([string] $Name)
                  Invoke-Expression ('Get-Service -Name ' + $Name)
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'function-scriptblock-create',
    title: 'A function builds a script block from its parameter ([scriptblock]::Create) and runs it',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleFunctions = 'Get-Report'
          FunctionDefinitions = @{
              Name = 'Get-Report'
              ScriptBlock = {
                  param([string] $Filter)
                  $query = [scriptblock]::Create("Get-EventLog -LogName Application -Newest 20 $Filter")
                  & $query
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'function-executioncontext',
    title: 'A function runs its parameter through $ExecutionContext.InvokeCommand.InvokeScript',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleFunctions = 'Test-Endpoint'
          FunctionDefinitions = @{
              Name = 'Test-Endpoint'
              ScriptBlock = {
                  param([string] $Target)
                  $ExecutionContext.InvokeCommand.InvokeScript("Test-Connection -Count 1 $Target")
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_operators
  {
    id: 'function-call-operator',
    title: 'A function runs the command its caller names (& $Command): every private command, from inside the session',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_operators',
    psrc: psd1`
      @{
          VisibleFunctions = 'Invoke-Tool'
          FunctionDefinitions = @{
              Name = 'Invoke-Tool'
              ScriptBlock = {
                  param([string] $Tool, [string[]] $Arguments)
                  & $Tool @Arguments
              }
          }
      }
    `,
  },
  // source: https://github.com/ruuand/ruuand.github.io/blob/master/Just_Enough_Administration.md
  {
    id: 'function-native-injection',
    title: "A function pastes its parameter into a cmd.exe command line ('x & net localgroup ...')",
    source: 'https://github.com/ruuand/ruuand.github.io/blob/master/Just_Enough_Administration.md',
    psrc: psd1`
      @{
          VisibleFunctions = 'Test-Host'
          FunctionDefinitions = @{
              Name = 'Test-Host'
              ScriptBlock = {
                  param([string] $ComputerName)
                  cmd.exe /c "ping -n 1 $ComputerName"
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'function-wraps-start-process',
    provider: 'FileSystem',
    title: 'A function starts the installer path its caller gives (Start-Process -FilePath $Path)',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleFunctions = 'Install-Patch'
          FunctionDefinitions = @{
              Name = 'Install-Patch'
              ScriptBlock = {
                  param([Parameter(Mandatory)] [string] $Path)
                  Start-Process -FilePath $Path -ArgumentList '/quiet', '/norestart' -Wait
              }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_psmodulepath
  {
    id: 'psmodulepath-writable',
    title: 'EnvironmentVariables puts a user-writable folder first on PSModulePath: module autoload runs planted code',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_psmodulepath',
    psrc: psd1`
      @{
          VisibleCmdlets = 'DnsServer\Get-DnsServerZone'
          EnvironmentVariables = @{ PSModulePath = 'C:\Users\Public\Modules;C:\Program Files\WindowsPowerShell\Modules;C:\Windows\System32\WindowsPowerShell\v1.0\Modules' }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'modules-to-import-writable',
    title: 'ModulesToImport loads a module from a folder every user can write',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          ModulesToImport = 'C:\Users\Public\JeaTools\JeaTools.psm1'
          VisibleFunctions = 'Get-JeaToolsStatus'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'visible-script-writable',
    title: 'A visible external script in a folder every user can write: edit it, then run it as administrator',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleExternalCommands = 'C:\Users\Public\Scripts\Repair-Server.ps1'
      }
    `,
  },
]);

const WRITE_ANYWHERE = group('write-anywhere', [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'out-file-free-path',
    provider: 'FileSystem',
    title:
      'Out-File with a free FilePath writes a .cmd into the All Users Startup folder or over a script a SYSTEM task runs',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Out-File'; Parameters = @{ Name = 'FilePath' }, @{ Name = 'InputObject' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'set-content-role-shadow',
    provider: 'FileSystem',
    title: "Set-Content with a free Path rewrites the JEA module's own role capability file to grant anything",
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Set-Content'; Parameters = @{ Name = 'Path' }, @{ Name = 'Value' } }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1574/001/
  {
    id: 'copy-item-dll-hijack',
    provider: 'FileSystem',
    title: 'Copy-Item with a free Destination plants a DLL where a SYSTEM service loads it',
    source: ATTACK('T1574.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Copy-Item'; Parameters = @{ Name = 'Path' }, @{ Name = 'Destination' } }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1546/008/
  {
    id: 'move-item-accessibility-backdoor',
    provider: 'FileSystem',
    title: 'Move-Item with free paths replaces sethc.exe/utilman.exe: a SYSTEM shell at the logon screen',
    source: ATTACK('T1546.008'),
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Move-Item'; Parameters = @{ Name = 'Path' }, @{ Name = 'Destination' }, @{ Name = 'Force' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-csv
  {
    id: 'export-csv-free-path',
    provider: 'FileSystem',
    title: 'Export-Csv with a free Path writes (or overwrites) any file as the administrator',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-csv',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', @{ Name = 'Export-Csv'; Parameters = @{ Name = 'Path' }, @{ Name = 'InputObject' }, @{ Name = 'NoTypeInformation' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.archive/expand-archive
  {
    id: 'expand-archive-free-destination',
    title: 'Expand-Archive with a free DestinationPath unpacks binaries over Program Files or System32',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.archive/expand-archive',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Expand-Archive'; Parameters = @{ Name = 'Path' }, @{ Name = 'DestinationPath' }, @{ Name = 'Force' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/invoke-webrequest
  {
    id: 'invoke-webrequest-outfile',
    title: 'Invoke-WebRequest -OutFile downloads a payload to any path',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/invoke-webrequest',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Invoke-WebRequest'; Parameters = @{ Name = 'Uri' }, @{ Name = 'OutFile' }, @{ Name = 'UseBasicParsing' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/bitstransfer/start-bitstransfer
  {
    id: 'validatepattern-accepts-anything',
    provider: 'FileSystem',
    title: "Start-BitsTransfer's Destination limited by ValidatePattern '^.*$', which JEA wraps as ^(^.*$)$: any path",
    source: 'https://learn.microsoft.com/powershell/module/bitstransfer/start-bitstransfer',
    psrc: psd1`
      @{
          VisibleCmdlets = @{
              Name = 'Start-BitsTransfer'
              Parameters = @{ Name = 'Source' }, @{ Name = 'Destination'; ValidatePattern = '^.*$' }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'validatepattern-path-traversal',
    provider: 'FileSystem',
    title:
      "New-Item's Path limited by ValidatePattern 'C:\\\\JeaDrop\\\\.+', which C:\\JeaDrop\\..\\ProgramData\\...\\StartUp\\x.cmd passes",
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = @{
              Name = 'New-Item'
              Parameters = @{ Name = 'Path'; ValidatePattern = 'C:\\JeaDrop\\.+' }, @{ Name = 'ItemType'; ValidateSet = 'File' }, @{ Name = 'Value' }
          }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.management/add-content
  {
    id: 'validatepattern-whitespace-free',
    provider: 'FileSystem',
    title:
      "Add-Content's Path limited by ValidatePattern '\\S+': every path without a space, C:\\Windows\\System32 included",
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/add-content',
    psrc: psd1`
      @{
          VisibleCmdlets = @{
              Name = 'Add-Content'
              Parameters = @{ Name = 'Path'; ValidatePattern = '\S+' }, @{ Name = 'Value' }
          }
      }
    `,
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Certutil/
  {
    id: 'certutil-download-decode',
    title: 'certutil.exe -urlcache -f and -decode download and write any file',
    source: LOLBAS('Certutil'),
    psrc: external('C:\\Windows\\System32\\certutil.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1574/011/
  {
    id: 'registry-provider-service-imagepath',
    title:
      'The Registry provider with Set-ItemProperty rewrites a service ImagePath (or an IFEO debugger): SYSTEM code',
    source: ATTACK('T1574.011'),
    psrc: psd1`
      @{
          VisibleProviders = 'Registry'
          VisibleCmdlets = 'Get-ItemProperty', 'Set-ItemProperty'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1222/001/
  {
    id: 'set-acl',
    title: 'Get-Acl of a share file piped to Set-Acl grants the user full control of any system file or folder',
    source: ATTACK('T1222.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Acl', @{ Name = 'Set-Acl'; Parameters = @{ Name = 'Path' }, @{ Name = 'AclObject' } }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1222/001/
  {
    id: 'icacls-takeown',
    title: 'takeown.exe and icacls.exe /grant give the user ownership and full control of any file',
    source: ATTACK('T1222.001'),
    psrc: external('C:\\Windows\\System32\\takeown.exe', 'C:\\Windows\\System32\\icacls.exe'),
  },
]);

const IDENTITY_TAKEOVER = group('identity-takeover', [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'add-localgroupmember',
    title: 'Add-LocalGroupMember puts the user in the local Administrators group',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-LocalGroupMember', 'Add-LocalGroupMember'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'add-adgroupmember',
    title: 'Add-ADGroupMember puts the user in Domain Admins',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-ADGroupMember', 'Add-ADGroupMember'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/activedirectory/add-adprincipalgroupmembership
  {
    id: 'add-adprincipalgroupmembership',
    title: 'Add-ADPrincipalGroupMembership adds the user to any group, from the member side',
    source: 'https://learn.microsoft.com/powershell/module/activedirectory/add-adprincipalgroupmembership',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-ADUser', 'Add-ADPrincipalGroupMembership'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'net-exe',
    title: 'net.exe localgroup administrators <user> /add',
    source: JEA_ROLE_CAPABILITIES,
    psrc: external('C:\\Windows\\System32\\net.exe'),
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'dsadd-exe',
    title: 'dsadd.exe creates accounts and group memberships in the directory',
    source: JEA_ROLE_CAPABILITIES,
    psrc: external('C:\\Windows\\System32\\dsadd.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1098/
  {
    id: 'set-adaccountpassword-any-identity',
    title: 'Set-ADAccountPassword -Reset with a free Identity resets a Domain Admin password',
    source: ATTACK('T1098'),
    psrc: psd1`
      @{
          VisibleCmdlets = @{
              Name = 'Set-ADAccountPassword'
              Parameters = @{ Name = 'Identity' }, @{ Name = 'NewPassword' }, @{ Name = 'Reset' }
          }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1098/
  {
    id: 'set-localuser-password',
    title: "Set-LocalUser -Password with a free Name resets the local Administrator's password",
    source: ATTACK('T1098'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-LocalUser', @{ Name = 'Set-LocalUser'; Parameters = @{ Name = 'Name' }, @{ Name = 'Password' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/activedirectory/set-adcomputer
  {
    id: 'set-adcomputer-rbcd',
    title:
      'Set-ADComputer -PrincipalsAllowedToDelegateToAccount: resource-based delegation, then impersonate any admin to that host',
    source: 'https://learn.microsoft.com/powershell/module/activedirectory/set-adcomputer',
    psrc: psd1`
      @{
          VisibleCmdlets = @{
              Name = 'Set-ADComputer'
              Parameters = @{ Name = 'Identity' }, @{ Name = 'PrincipalsAllowedToDelegateToAccount' }
          }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1222/
  {
    id: 'dsacls-grant',
    title: 'dsacls.exe /G grants the user GenericAll on Domain Admins or the domain object',
    source: ATTACK('T1222'),
    psrc: external('C:\\Windows\\System32\\dsacls.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1003/003/
  {
    id: 'ntdsutil-exe',
    title: 'ntdsutil.exe copies the AD database (ifm) or resets the DSRM administrator password',
    source: ATTACK('T1003.003'),
    psrc: external('C:\\Windows\\System32\\ntdsutil.exe'),
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'certificate-provider-export',
    title:
      'The Certificate provider with Export-PfxCertificate takes the machine private keys (TLS, signing, smart-card logon)',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleProviders = 'Certificate'
          VisibleCmdlets = 'Get-ChildItem', @{ Name = 'Export-PfxCertificate'; Parameters = @{ Name = 'Cert' }, @{ Name = 'FilePath' }, @{ Name = 'Password' } }
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'filesystem-provider-read',
    title:
      'The FileSystem provider with Get-ChildItem/Get-Content reads any file as administrator (Unattend.xml, web.config, RegBack hives)',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleProviders = 'FileSystem'
          VisibleCmdlets = 'Get-ChildItem', 'Get-Content'
      }
    `,
  },
  // source: https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token
  // (in Windows PowerShell a file:// Uri also reads any local file as the administrator)
  {
    id: 'invoke-restmethod-imds-token',
    title: "Invoke-RestMethod with a free Uri reads the VM's managed identity token from the metadata endpoint",
    source: 'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token',
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Invoke-RestMethod'; Parameters = @{ Name = 'Uri' }, @{ Name = 'Headers' } }
      }
    `,
  },
]);

const DEFENSE_EVASION = group('defense-evasion', [
  // source: https://attack.mitre.org/techniques/T1562/001/
  {
    id: 'stop-service-any',
    title: 'Stop-Service without constraints stops Sysmon, the event log or an EDR agent',
    source: ATTACK('T1562.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', 'Stop-Service', 'Start-Service'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1562/002/
  {
    id: 'stop-service-set-names-security',
    title: 'Stop-Service limited to a ValidateSet that names Sysmon64 and EventLog',
    source: ATTACK('T1562.002'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', @{
              Name = 'Stop-Service'
              Parameters = @{ Name = 'Name'; ValidateSet = 'Spooler', 'W3SVC', 'Sysmon64', 'EventLog' }, @{ Name = 'Force' }
          }
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1562/001/
  {
    id: 'set-service-any',
    title:
      'Set-Service without constraints disables security services (-StartupType) and, in PowerShell 7, rewrites their ACL (-SecurityDescriptorSddl)',
    source: ATTACK('T1562.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Service', 'Set-Service'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1562/001/
  {
    id: 'stop-process-any',
    title: 'Stop-Process without constraints kills Sysmon or an EDR agent (or lsass)',
    source: ATTACK('T1562.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-Process', 'Stop-Process'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/defender/set-mppreference
  {
    id: 'set-mppreference-disable',
    title: 'Set-MpPreference -DisableRealtimeMonitoring turns Defender off',
    source: 'https://learn.microsoft.com/powershell/module/defender/set-mppreference',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-MpComputerStatus', 'Set-MpPreference'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1562/001/
  {
    id: 'add-mppreference-exclusion',
    title: 'Add-MpPreference -ExclusionPath C:\\ hides every payload from Defender',
    source: ATTACK('T1562.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-MpPreference', 'Add-MpPreference'
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/blob/e76e2dc205349c59dcf6ed31078bb994c117d37e/Samples/GeneralServerMaintenance/RoleCapabilities/General-Lev1.psrc
  {
    id: 'wildcard-module-defender',
    title: "'Defender\\*' (as in Microsoft's General-Lev1 sample) takes in Set-MpPreference and Add-MpPreference",
    source:
      'https://github.com/PowerShell/JEA/blob/e76e2dc205349c59dcf6ed31078bb994c117d37e/Samples/GeneralServerMaintenance/RoleCapabilities/General-Lev1.psrc',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-HotFix', 'Defender\*'
      }
    `,
  },
  // source: https://github.com/PowerShell/JEA/blob/e76e2dc205349c59dcf6ed31078bb994c117d37e/Samples/GeneralServerMaintenance/RoleCapabilities/General-Lev2.psrc
  {
    id: 'wildcard-module-netsecurity',
    title:
      "'NetSecurity\\*' (as in Microsoft's General-Lev2 sample) takes in Set-NetFirewallProfile, Disable-NetFirewallRule and New-NetFirewallRule",
    source:
      'https://github.com/PowerShell/JEA/blob/e76e2dc205349c59dcf6ed31078bb994c117d37e/Samples/GeneralServerMaintenance/RoleCapabilities/General-Lev2.psrc',
    psrc: psd1`
      @{
          VisibleCmdlets = 'NetTCPIP\Get-NetIPAddress', 'NetSecurity\*'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1562/004/
  {
    id: 'set-netfirewallprofile-disabled',
    title: 'Set-NetFirewallProfile -Enabled False turns the host firewall off',
    source: ATTACK('T1562.004'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-NetFirewallProfile', @{ Name = 'Set-NetFirewallProfile'; Parameters = @{ Name = 'Profile' }, @{ Name = 'Enabled' } }
      }
    `,
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Auditpol/
  {
    id: 'auditpol-exe',
    title: 'auditpol.exe /clear or /set ... /success:disable switches auditing off',
    source: LOLBAS('Auditpol'),
    psrc: external('C:\\Windows\\System32\\auditpol.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1070/001/
  {
    id: 'wevtutil-clear-log',
    title: 'wevtutil.exe cl Security clears the security log',
    source: ATTACK('T1070.001'),
    psrc: external('C:\\Windows\\System32\\wevtutil.exe'),
  },
  // source: https://attack.mitre.org/techniques/T1070/001/
  {
    id: 'clear-eventlog',
    title: 'Clear-EventLog -LogName Security erases the audit trail',
    source: ATTACK('T1070.001'),
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-EventLog', 'Clear-EventLog'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1070/004/
  {
    id: 'remove-item-transcripts',
    provider: 'FileSystem',
    title: 'Remove-Item with a free Path deletes the JEA transcripts (and any file) as administrator',
    source: ATTACK('T1070.004'),
    psrc: psd1`
      @{
          VisibleCmdlets = @{ Name = 'Remove-Item'; Parameters = @{ Name = 'Path' }, @{ Name = 'Recurse' }, @{ Name = 'Force' } }
      }
    `,
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/Bcdedit/
  {
    id: 'bcdedit-exe',
    title: 'bcdedit.exe /set safeboot or testsigning: boot without the EDR, or load unsigned drivers',
    source: LOLBAS('Bcdedit'),
    psrc: external('C:\\Windows\\System32\\bcdedit.exe'),
  },
  // source: https://lolbas-project.github.io/lolbas/Binaries/FltMC/
  {
    id: 'fltmc-unload',
    title: 'fltMC.exe unload SysmonDrv detaches the Sysmon (or EDR) minifilter',
    source: LOLBAS('FltMC'),
    psrc: external('C:\\Windows\\System32\\fltMC.exe'),
  },
]);

const LATERAL_MOVEMENT = group('lateral-movement', [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'invoke-command-computername',
    provider: 'FileSystem',
    title: 'Invoke-Command -ComputerName runs script on other hosts as the computer account (or -FilePath locally)',
    source: JEA_ROLE_CAPABILITIES,
    psrc: psd1`
      @{
          VisibleCmdlets = 'Invoke-Command'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'new-pssession-hop',
    title: 'New-PSSession/Enter-PSSession open sessions on other hosts or unrestricted endpoints from the JEA host',
    source: JEA_SECURITY,
    psrc: psd1`
      @{
          VisibleCmdlets = 'New-PSSession', 'Enter-PSSession', 'Import-PSSession'
      }
    `,
  },
  // source: https://attack.mitre.org/techniques/T1021/006/
  {
    id: 'winrs-exe',
    title: 'winrs.exe -r:<host> runs any command on another host over WinRM',
    source: ATTACK('T1021.006'),
    psrc: external('C:\\Windows\\System32\\winrs.exe'),
  },
]);

const SESSION_CONFIGURATION = group('session-configuration', [
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/session-configurations
  {
    id: 'session-type-default',
    title: 'SessionType Default: every command and FullLanguage, as the run-as administrator',
    source: JEA_SESSION_CONFIGURATIONS,
    pssc: pssc("SessionType = 'Default'", STANDARD_TRANSCRIPTS, STANDARD_RUN_AS, STANDARD_ROLES),
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_language_modes
  {
    id: 'language-mode-full',
    title:
      'LanguageMode FullLanguage on a restricted endpoint: .NET, variables and script blocks reach every private command',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_language_modes',
    pssc: pssc(
      "SessionType = 'RestrictedRemoteServer'",
      "LanguageMode = 'FullLanguage'",
      STANDARD_TRANSCRIPTS,
      STANDARD_RUN_AS,
      STANDARD_ROLES,
    ),
  },
  // source: https://github.com/ruuand/ruuand.github.io/blob/master/Just_Enough_Administration.md
  {
    id: 'language-mode-constrained',
    title: 'LanguageMode ConstrainedLanguage: a function the user defines calls private commands (origin Internal)',
    source: 'https://github.com/ruuand/ruuand.github.io/blob/master/Just_Enough_Administration.md',
    pssc: pssc(
      "SessionType = 'RestrictedRemoteServer'",
      "LanguageMode = 'ConstrainedLanguage'",
      STANDARD_TRANSCRIPTS,
      STANDARD_RUN_AS,
      STANDARD_ROLES,
    ),
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/security-considerations
  {
    id: 'no-run-as-account',
    title: 'No virtual account and no gMSA: users connect as themselves, so they must already be administrators',
    source: JEA_SECURITY,
    pssc: pssc("SessionType = 'RestrictedRemoteServer'", STANDARD_TRANSCRIPTS, STANDARD_ROLES),
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-pssessionconfigurationfile
  {
    id: 'scripts-to-process-writable',
    title: 'ScriptsToProcess runs a script every user can write, as administrator, at each session start',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-pssessionconfigurationfile',
    pssc: pssc(
      "SessionType = 'RestrictedRemoteServer'",
      STANDARD_TRANSCRIPTS,
      STANDARD_RUN_AS,
      "ScriptsToProcess = 'C:\\Users\\Public\\Documents\\JeaStartup.ps1'",
      STANDARD_ROLES,
    ),
  },
  // source: https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities
  {
    id: 'role-capability-file-writable',
    title: 'RoleCapabilityFiles names a .psrc in a folder every user can write: they grant themselves anything',
    source: JEA_ROLE_CAPABILITIES,
    pssc: pssc(
      "SessionType = 'RestrictedRemoteServer'",
      STANDARD_TRANSCRIPTS,
      STANDARD_RUN_AS,
      `RoleDefinitions = @{ '${PRINCIPAL}' = @{ RoleCapabilityFiles = 'C:\\Users\\Public\\Documents\\Ops.psrc' } }`,
    ),
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/set-pssessionconfiguration
  {
    id: 'inline-grant-set-pssessionconfiguration',
    title: "An inline RoleDefinitions grant of Set-PSSessionConfiguration: rewrite this endpoint's file and ACL",
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/set-pssessionconfiguration',
    pssc: pssc(
      "SessionType = 'RestrictedRemoteServer'",
      STANDARD_TRANSCRIPTS,
      STANDARD_RUN_AS,
      `RoleDefinitions = @{ '${PRINCIPAL}' = @{ VisibleCmdlets = 'Get-PSSessionConfiguration', 'Set-PSSessionConfiguration' } }`,
    ),
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.powershell.core/register-pssessionconfiguration
  {
    id: 'register-pssessionconfiguration',
    title:
      'Register-PSSessionConfiguration -Path <share>\\open.pssc publishes an unrestricted endpoint run as a virtual administrator',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/register-pssessionconfiguration',
    psrc: psd1`
      @{
          VisibleCmdlets = 'Get-PSSessionConfiguration', 'Register-PSSessionConfiguration'
      }
    `,
  },
  // source: https://learn.microsoft.com/powershell/module/microsoft.wsman.management/about/about_wsman_provider
  {
    id: 'wsman-provider-set-item',
    title: 'The WSMan provider with Set-Item rewrites RootSDDL, plugin run-as settings and TrustedHosts',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.wsman.management/about/about_wsman_provider',
    psrc: psd1`
      @{
          VisibleProviders = 'WSMan'
          VisibleCmdlets = 'Get-Item', 'Get-ChildItem', 'Set-Item'
      }
    `,
  },
]);

/** Every technique, grouped by class. */
export const TECHNIQUES: readonly Technique[] = [
  ...CODE_EXECUTION,
  ...WRITE_ANYWHERE,
  ...IDENTITY_TAKEOVER,
  ...DEFENSE_EVASION,
  ...LATERAL_MOVEMENT,
  ...SESSION_CONFIGURATION,
];
