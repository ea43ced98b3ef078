/**
 * The facts the danger classes rest on that no cmdlet's metadata carries: which services,
 * processes and groups are security tooling or privileged, which verbs write, which parameter
 * names carry a program, a path or another host. Sources are cited per list.
 */
import { DangerClass } from './classes';

/** Lower-cased lookup of a list. */
function set(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map((s) => s.toLowerCase()));
}

/**
 * Services of security tooling: stopping, reconfiguring or restarting one blinds detection for a
 * while (MITRE ATT&CK T1562.001 Impair Defenses: Disable or Modify Tools). Defender's from
 * Microsoft's "Microsoft Defender Antivirus services" docs; firewall, event log and audit from
 * Windows' service list; the agents of common EDR, SIEM and Azure monitoring products by their
 * published service names; guest configuration (Machine Configuration) and Arc agents, which
 * enforce this very policy.
 */
export const SECURITY_SERVICES = set([
  'WinDefend',
  'Sense',
  'WdNisSvc',
  'WdBoot',
  'WdFilter',
  'WdNisDrv',
  'SecurityHealthService',
  'wscsvc',
  'MpsSvc',
  'BFE',
  'EventLog',
  'Wecsvc',
  'AppIDSvc',
  'Sysmon',
  'Sysmon64',
  'SysmonDrv',
  'CSFalconService',
  'CSAgent',
  'SentinelAgent',
  'SentinelStaticEngine',
  'CbDefense',
  'CarbonBlack',
  'CylanceSvc',
  'SepMasterService',
  'ekrn',
  'xagt',
  'McAfeeFramework',
  'HealthService',
  'AzureMonitorAgent',
  'MMAExtensionHeartbeatService',
  'SplunkForwarder',
  'splunkd',
  'winlogbeat',
  'elastic-agent',
  'WazuhSvc',
  'OssecSvc',
  'nxlog',
  'GCService',
  'GCArcService',
  'himds',
  'ExtensionService',
  'WindowsAzureGuestAgent',
  'RdAgent',
]);

/** Processes of the same tooling (Stop-Process by name). */
export const SECURITY_PROCESSES = set([
  'MsMpEng',
  'MsSense',
  'SenseIR',
  'SenseCncProxy',
  'SenseNdr',
  'NisSrv',
  'SecurityHealthService',
  'Sysmon',
  'Sysmon64',
  'CSFalconService',
  'CSFalconContainer',
  'SentinelAgent',
  'SentinelServiceHost',
  'SentinelStaticEngine',
  'RepMgr',
  'CylanceSvc',
  'ccSvcHst',
  'ekrn',
  'xagt',
  'MonitoringHost',
  'HealthService',
  'AMAExtHealthMonitor',
  'splunkd',
  'winlogbeat',
  'elastic-agent',
  'wazuh-agent',
  'ossec-agent',
  'nxlog',
  'gc_service',
  'gc_worker',
  'gc_arc_service',
  'himds',
  'WaAppAgent',
  'WindowsAzureGuestAgent',
]);

/**
 * Groups whose members administer the machine or the domain, or can become administrators
 * (Microsoft's "Active Directory security groups" and "Appendix B: Privileged Accounts and
 * Groups in Active Directory"; Hyper-V Administrators control every VM's disks).
 */
export const PRIVILEGED_GROUPS = set([
  'Administrators',
  'Domain Admins',
  'Enterprise Admins',
  'Schema Admins',
  'Account Operators',
  'Backup Operators',
  'Server Operators',
  'Print Operators',
  'DnsAdmins',
  'Group Policy Creator Owners',
  'Enterprise Key Admins',
  'Key Admins',
  'Hyper-V Administrators',
  'Cryptographic Operators',
  'Distributed COM Users',
  'Remote Management Users',
  'Storage Replica Administrators',
  'Cert Publishers',
  'Incoming Forest Trust Builders',
  'S-1-5-32-544',
  'S-1-5-32-548',
  'S-1-5-32-549',
  'S-1-5-32-550',
  'S-1-5-32-551',
  'S-1-5-32-578',
  'S-1-5-32-580',
]);

/** Accounts whose password or attributes give away the domain or the machine. */
export const PRIVILEGED_ACCOUNTS = set(['Administrator', 'krbtgt', 'Guest', 'DefaultAccount']);

/** Windows features whose removal removes security tooling (Uninstall-WindowsFeature Windows-Defender). */
export const SECURITY_FEATURES = /defender|firewall|applocker|credential-guard|device-guard|sysmon/i;

/** Verbs of cmdlets that create, change or delete what a path names (Get-Verb: Common, Data and Lifecycle verbs that write). */
export const WRITING_VERBS = set([
  'Set',
  'New',
  'Add',
  'Copy',
  'Move',
  'Rename',
  'Remove',
  'Clear',
  'Out',
  'Export',
  'Save',
  'Expand',
  'Compress',
  'Write',
  'Backup',
  'Install',
  'Publish',
  'Tee',
  'Mount',
  'Dismount',
  'Format',
  'Initialize',
  'Update',
  'Edit',
  'Merge',
  'Split',
  'Join',
  'Restore',
  'Reset',
  'Register',
]);

/** Names of parameters that take a file-system or registry path (and their usual aliases). */
export const PATH_PARAMETERS = set([
  'Path',
  'LiteralPath',
  'PSPath',
  'LP',
  'FilePath',
  'Destination',
  'DestinationPath',
  'OutFile',
  'OutputPath',
  'OutputDirectory',
  'BackupPath',
  'TargetPath',
  'ExportPath',
  'LogPath',
  'ConfigurationFile',
  'Root',
]);

/** On copying cmdlets only the destination writes; the source is read. */
export const DESTINATION_PARAMETERS = set([
  'Destination',
  'DestinationPath',
  'OutFile',
  'OutputPath',
  'OutputDirectory',
  'TargetPath',
  'ExportPath',
  'BackupPath',
]);

/**
 * Modules whose writing cmdlets write what the caller chooses, wherever a path points: the
 * generic file, registry and transfer cmdlets. A product module's export to a path (a DNSSEC
 * key, a GPO backup) writes content the caller does not choose, and is not counted.
 */
export const WRITING_MODULES = set([
  'Microsoft.PowerShell.Management',
  'Microsoft.PowerShell.Utility',
  'Microsoft.PowerShell.Archive',
  'Microsoft.PowerShell.Host',
  'Microsoft.PowerShell.Core',
  'BitsTransfer',
  'PSDesiredStateConfiguration',
  'Microsoft.PowerShell.PSResourceGet',
  'PowerShellGet',
]);

/**
 * Paths no role should be able to write: system binaries, module and role folders (a role file
 * written there shadows the real one), startup folders, autorun and service registry keys, the
 * transcripts, shares and devices. A pattern that accepts one of them is no narrowing.
 */
export const SENSITIVE_PATHS: readonly string[] = [
  'C:\\Windows\\System32\\evil.dll',
  'C:\\Program Files\\WindowsPowerShell\\Modules\\Evil\\RoleCapabilities\\Ops.psrc',
  'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\run.bat',
  'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\WinDefend',
  'C:\\ProgramData\\JEA\\Transcripts\\x.txt',
  'C:\\Shares\\Public\\..\\..\\Windows\\System32\\evil.dll',
  '\\\\attacker\\share\\x',
  'D:\\x',
];

/** Whether a granted path value points into a place no role should write. */
export function sensitivePath(value: string): boolean {
  const v = value.replace(/\//g, '\\').toLowerCase();
  return (
    v.includes('..') ||
    v.startsWith('\\\\') ||
    /\\windows\\(system32|syswow64)\b|\\windowspowershell\\|\\powershell\\7\\|\\start menu\\programs\\startup|\\currentversion\\run|\\currentcontrolset\\services|rolecapabilities|\.ps(1|m1|d1|rc|sc)$/.test(
      v,
    ) ||
    v === 'c:\\' ||
    /^[a-z]:\\?$/.test(v) ||
    /[*?]/.test(v)
  );
}

/** Parameters that reach another host (the run-as account's network identity goes with them). */
export const REMOTE_PARAMETERS = set([
  'ComputerName',
  'Cn',
  'CimSession',
  'Session',
  'PSSession',
  'ConnectionUri',
  'HostName',
  'VMName',
  'VMId',
  'VMGuid',
  'ContainerId',
  'Uri',
]);

/** Verbs whose reach to another host is harmless (a ping, a name lookup). */
export const PROBE_VERBS = set([
  'Test',
  'Resolve',
  'Get',
  'Find',
  'Measure',
  'Show',
  'Search',
  'Read',
  'Trace',
  'Watch',
  'Wait',
  'Ping',
]);

/** A command whose danger is the command itself, whatever parameter it is given (unless each is narrowed to a set). */
export interface CommandFact {
  readonly name: string;
  readonly class: DangerClass;
  readonly why: string;
  /** Parameters whose values decide: a value `test` accepts is the danger (a group, a service). */
  readonly values?: {
    readonly parameters: readonly string[];
    readonly test: (value: string) => boolean;
    readonly what: string;
    readonly samples: readonly string[];
  };
  /** The danger needs a session that takes script (a language mode other than NoLanguage). */
  readonly needsScript?: true;
  /** The act resolves a path through the FileSystem provider (danger-enforcement.test.ts). */
  readonly needsFileSystem?: true;
}

const RUNS = 'runs any program or code as the run-as account (an administrator)';
const ADMIN = 'makes any account a member of any group, an administrator too';
const privilegedGroup = (v: string) => PRIVILEGED_GROUPS.has(v.replace(/^.*\\/, '').toLowerCase());
const securityService = (v: string) =>
  SECURITY_SERVICES.has(v.toLowerCase()) || /defender|sysmon|sentinel|falcon|firewall/i.test(v);
const securityProcess = (v: string) => SECURITY_PROCESSES.has(v.replace(/\.exe$/i, '').toLowerCase());
const privilegedAccount = (v: string) =>
  PRIVILEGED_ACCOUNTS.has(v.replace(/^.*\\/, '').toLowerCase()) || /admin/i.test(v);
// the values a narrowing pattern is tested with, one list a kind
const SERVICE_VALUES = {
  parameters: ['Name', 'DisplayName', 'InputObject', 'ServiceName'],
  test: securityService,
  what: 'security service',
  samples: [
    'WinDefend',
    'Sense',
    'MpsSvc',
    'EventLog',
    'Sysmon64',
    'CSFalconService',
    'SentinelAgent',
    'GCService',
    'himds',
  ],
} as const;
const GROUP_VALUES = {
  parameters: ['Group', 'Identity', 'MemberOf', 'Name', 'SID'],
  test: privilegedGroup,
  what: 'privileged group',
  samples: [
    'Administrators',
    'Domain Admins',
    'Enterprise Admins',
    'BUILTIN\\Administrators',
    'CONTOSO\\Domain Admins',
    'Backup Operators',
    'DnsAdmins',
  ],
} as const;
const ACCOUNT_VALUES = {
  parameters: ['Identity', 'Name', 'SID', 'InputObject'],
  test: privilegedAccount,
  what: 'privileged account',
  samples: ['Administrator', 'krbtgt', 'CONTOSO\\Administrator', 'adm-jdoe'],
} as const;
const PROCESS_VALUES = {
  parameters: ['Name', 'Id', 'ProcessName', 'InputObject'],
  test: securityProcess,
  what: 'security agent',
  samples: ['MsMpEng', 'MsSense', 'Sysmon64', 'CSFalconService', 'SentinelAgent', 'MonitoringHost', 'gc_service'],
} as const;
const SHARE_VALUES = {
  parameters: ['Name', 'InputObject'],
  test: (v: string) => /^(sysvol|netlogon|[a-z]?\$|admin\$|ipc\$|print\$)$/i.test(v) || v.endsWith('$'),
  what: 'system share',
  samples: ['SYSVOL', 'NETLOGON', 'C$', 'ADMIN$'],
} as const;
const METHOD_VALUES = {
  parameters: ['MemberName'],
  test: (v: string) =>
    /^(create|run|exec|shellexecute|invoke|invokemember|invokemethod|start|terminate|kill|delete|put|change|changestartmode|install|uninstall|setinfo|load|loadfrom|loadfile)$/i.test(
      v,
    ),
  what: 'method that runs or changes something',
  samples: ['Create', 'Run', 'Exec', 'ShellExecute', 'Invoke', 'Terminate', 'Change'],
} as const;
const URI_VALUES = {
  parameters: ['Uri'],
  test: (v: string) => /169\.254\.169\.254|metadata|^file:|localhost|127\.0\.0\.1|\[::1\]|168\.63\.129\.16/i.test(v),
  what: 'local or metadata address',
  samples: [
    'http://169.254.169.254/metadata/identity/oauth2/token',
    'file:///C:/Windows/Panther/unattend.xml',
    'http://localhost:5985/wsman',
  ],
} as const;
const FEATURE_VALUES = {
  test: (v: string) => SECURITY_FEATURES.test(v),
  what: 'security feature',
  samples: ['Windows-Defender', 'Windows-Defender-Features'],
} as const;

/**
 * Commands whose danger is what they are. The first part is the table of JEA's documentation
 * (Security considerations of role capabilities: Add-LocalGroupMember, Add-ADGroupMember,
 * Start-Process, New-Service, Invoke-Item, Invoke-WmiMethod, Invoke-CimMethod, Invoke-Expression,
 * New-ScheduledTask, Register-ScheduledJob); the rest are published escapes of the same kinds.
 * Parameter facts (a ScriptBlock, a program path, a writable path, another host) come from the
 * catalog in src/danger/classify.ts and need no entry here.
 */
export const COMMAND_FACTS: readonly CommandFact[] = [
  // identity: group membership (JEA docs) — dangerous for privileged groups, or when the group is open
  { name: 'Add-LocalGroupMember', class: 'identity-takeover', why: ADMIN, values: GROUP_VALUES },
  { name: 'Add-ADGroupMember', class: 'identity-takeover', why: ADMIN, values: GROUP_VALUES },
  {
    name: 'Add-ADPrincipalGroupMembership',
    class: 'identity-takeover',
    why: ADMIN,
    values: { ...GROUP_VALUES, parameters: ['MemberOf'] },
  },
  { name: 'Set-ADGroup', class: 'identity-takeover', why: 'changes any group, its members too', values: GROUP_VALUES },
  // identity: passwords and account attributes (SPNs, delegation, logon scripts)
  {
    name: 'Set-ADAccountPassword',
    class: 'identity-takeover',
    why: "resets any account's password, a domain admin's too",
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-LocalUser',
    class: 'identity-takeover',
    why: "resets any local account's password, the Administrator's too",
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-ADUser',
    class: 'identity-takeover',
    why: 'changes any account: its SPNs (Kerberoasting), logon script or delegation',
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-ADComputer',
    class: 'identity-takeover',
    why: 'changes any computer: resource-based constrained delegation hands it over',
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-ADServiceAccount',
    class: 'identity-takeover',
    why: 'changes who may read a gMSA password',
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-ADObject',
    class: 'identity-takeover',
    why: 'changes any directory object, its ACL too',
    values: ACCOUNT_VALUES,
  },
  {
    name: 'Set-ADAccountControl',
    class: 'identity-takeover',
    why: 'turns on delegation or off Kerberos pre-authentication for any account',
    values: ACCOUNT_VALUES,
  },
  { name: 'Reset-ComputerMachinePassword', class: 'identity-takeover', why: "resets the machine account's password" },
  // identity: ACLs, endpoints, certificates
  {
    name: 'Set-Acl',
    class: 'identity-takeover',
    why: 'rewrites the ACL of any file, key or share: takes ownership of anything',
  },
  {
    name: 'Grant-SmbShareAccess',
    class: 'identity-takeover',
    why: 'grants any account access to any share, SYSVOL and NETLOGON too, whose scripts every machine runs',
    values: SHARE_VALUES,
  },
  { name: 'Set-SmbPathAcl', class: 'identity-takeover', why: "rewrites a share folder's ACL" },
  {
    name: 'Register-PSSessionConfiguration',
    class: 'identity-takeover',
    why: 'registers an unrestricted endpoint run as an administrator',
  },
  {
    name: 'Set-PSSessionConfiguration',
    class: 'identity-takeover',
    why: "changes an endpoint's restrictions, ACL and run-as account",
  },
  {
    name: 'Enable-PSSessionConfiguration',
    class: 'identity-takeover',
    why: 'enables an endpoint and may reset its ACL',
  },
  { name: 'Enable-PSRemoting', class: 'identity-takeover', why: 'registers the default unrestricted endpoints' },
  { name: 'Set-WSManInstance', class: 'identity-takeover', why: 'changes WinRM listeners and endpoint ACLs' },
  { name: 'New-WSManInstance', class: 'identity-takeover', why: 'creates WinRM listeners and resources' },
  { name: 'Set-WSManQuickConfig', class: 'identity-takeover', why: 'configures WinRM and its firewall rules' },
  {
    name: 'Import-Certificate',
    class: 'identity-takeover',
    why: 'adds a certificate to any store: a root CA the attacker holds is then trusted',
  },
  {
    name: 'Import-PfxCertificate',
    class: 'identity-takeover',
    why: 'adds a certificate to any store: a root CA the attacker holds is then trusted',
  },
  { name: 'Export-PfxCertificate', class: 'identity-takeover', why: "exports any certificate's private key" },
  // code execution (JEA docs and published escapes)
  { name: 'Start-Process', class: 'code-execution', why: RUNS, needsFileSystem: true },
  { name: 'New-Service', class: 'code-execution', why: 'installs any program as a service running as SYSTEM' },
  {
    name: 'Invoke-Item',
    class: 'code-execution',
    why: 'opens any file with its handler: a script or program runs',
    needsFileSystem: true,
  },
  {
    name: 'Invoke-WmiMethod',
    class: 'code-execution',
    why: 'calls any WMI method, Win32_Process.Create too, which runs any program',
  },
  {
    name: 'Invoke-CimMethod',
    class: 'code-execution',
    why: 'calls any CIM method, Win32_Process.Create too, which runs any program',
  },
  { name: 'Invoke-Expression', class: 'code-execution', why: 'runs any text as code in the session' },
  { name: 'Add-Type', class: 'code-execution', why: 'compiles and loads any C# code into the session' },
  { name: 'New-ScheduledTask', class: 'code-execution', why: 'builds a task that runs any program' },
  { name: 'New-ScheduledTaskAction', class: 'code-execution', why: 'builds a task action that runs any program' },
  {
    name: 'Register-ScheduledTask',
    class: 'code-execution',
    why: 'registers a task that runs any program, as SYSTEM if asked',
  },
  { name: 'Set-ScheduledTask', class: 'code-execution', why: "changes a task's action to any program" },
  {
    name: 'Register-ScheduledJob',
    class: 'code-execution',
    why: 'registers a job that runs any script as the run-as account',
  },
  {
    name: 'Enter-PSSession',
    class: 'code-execution',
    why: 'opens an unrestricted session (the default endpoint) with the run-as credentials',
  },
  {
    name: 'New-PSSession',
    class: 'code-execution',
    why: 'opens unrestricted sessions (the default endpoint) with the run-as credentials',
  },
  {
    name: 'Set-WmiInstance',
    class: 'code-execution',
    why: 'creates WMI event consumers that run any command as SYSTEM',
  },
  {
    name: 'New-CimInstance',
    class: 'code-execution',
    why: 'creates WMI event consumers that run any command as SYSTEM',
  },
  {
    name: 'Install-Module',
    class: 'code-execution',
    why: 'installs code from any repository; it runs as the run-as account when loaded',
  },
  { name: 'Install-Script', class: 'code-execution', why: 'installs scripts from any repository' },
  { name: 'Install-Package', class: 'code-execution', why: 'installs any package, running its install scripts' },
  {
    name: 'Install-PSResource',
    class: 'code-execution',
    why: 'installs code from any repository; it runs as the run-as account when loaded',
  },
  {
    name: 'Update-Module',
    class: 'code-execution',
    why: 'replaces installed modules with whatever the repository serves',
  },
  { name: 'Register-PSRepository', class: 'code-execution', why: 'points module installs at any server' },
  { name: 'Set-PSRepository', class: 'code-execution', why: 'points module installs at any server or trusts it' },
  { name: 'Register-PSResourceRepository', class: 'code-execution', why: 'points module installs at any server' },
  { name: 'Register-PackageSource', class: 'code-execution', why: 'points package installs at any server' },
  // InternalCommands.cs blocks member invocation only in Restricted and Constrained language: in
  // NoLanguage ForEach-Object -MemberName calls any method (test/engine/danger-premises.test.ts)
  {
    name: 'ForEach-Object',
    class: 'code-execution',
    why: 'calls any method of the objects piped to it, even in NoLanguage (Win32_Process.Create, WScript.Shell.Run)',
    values: METHOD_VALUES,
  },
  // the instance metadata service hands the VM's managed identity token to any local caller
  {
    name: 'Invoke-RestMethod',
    class: 'identity-takeover',
    why: "fetches any URI as the host: the metadata service's managed identity token, file:// paths",
    values: URI_VALUES,
  },
  {
    name: 'Invoke-WebRequest',
    class: 'identity-takeover',
    why: "fetches any URI as the host: the metadata service's managed identity token, file:// paths",
    values: URI_VALUES,
  },
  // by name the engine keeps it private; constrained it is a proxy that loads any module by path (merge-readings.test.ts)
  {
    name: 'Import-Module',
    class: 'code-execution',
    why: 'loads a module by path: its code runs as the run-as account',
    needsFileSystem: true,
    values: {
      parameters: ['Name', 'FullyQualifiedName', 'Assembly', 'ModuleInfo'],
      test: (v) => /[\\/]|\.(psm1|psd1|dll|ps1)$/i.test(v),
      what: 'module path',
      samples: ['\\\\attacker\\share\\Evil.psm1', 'C:\\Users\\Public\\Evil.psm1'],
    },
  },
  // a ScriptProperty of a loaded types file runs in FullLanguage when any command reads it (Select-Object does)
  {
    name: 'Update-TypeData',
    class: 'code-execution',
    why: 'loads a types file whose script properties run in FullLanguage when read',
    needsFileSystem: true,
  },
  {
    name: 'Update-FormatData',
    class: 'code-execution',
    why: 'loads a format file whose script blocks run in FullLanguage when output is formatted',
    needsFileSystem: true,
  },
  // constructors run in NoLanguage too: a StreamWriter creates any file (danger-enforcement.test.ts)
  {
    name: 'New-Object',
    class: 'code-execution',
    why: 'constructs any .NET or COM object: constructors run (a StreamWriter creates any file), and ForEach-Object -MemberName calls its methods',
  },
  // defense evasion
  {
    name: 'Stop-Service',
    class: 'defense-evasion',
    why: 'stops any service, security tooling too',
    values: SERVICE_VALUES,
  },
  {
    name: 'Restart-Service',
    class: 'defense-evasion',
    why: 'restarts any service: security tooling goes blind while it restarts',
    values: SERVICE_VALUES,
  },
  {
    name: 'Suspend-Service',
    class: 'defense-evasion',
    why: 'pauses any service, security tooling too',
    values: SERVICE_VALUES,
  },
  {
    name: 'Set-Service',
    class: 'defense-evasion',
    why: 'disables any service (StartupType) or stops it, security tooling too',
    values: SERVICE_VALUES,
  },
  {
    name: 'Remove-Service',
    class: 'defense-evasion',
    why: 'deletes any service, security tooling too',
    values: SERVICE_VALUES,
  },
  {
    name: 'Stop-Process',
    class: 'defense-evasion',
    why: 'kills any process, security agents too',
    values: PROCESS_VALUES,
  },
  { name: 'Debug-Process', class: 'defense-evasion', why: 'attaches a debugger to any process' },
  { name: 'Set-ExecutionPolicy', class: 'defense-evasion', why: 'lifts script restrictions for the whole machine' },
  { name: 'Set-ProcessMitigation', class: 'defense-evasion', why: 'turns off exploit mitigations' },
  { name: 'Clear-EventLog', class: 'defense-evasion', why: 'erases event logs, the Security log too' },
  { name: 'Remove-EventLog', class: 'defense-evasion', why: 'deletes event logs and sources' },
  { name: 'Limit-EventLog', class: 'defense-evasion', why: 'shrinks event logs so that entries are overwritten' },
  {
    name: 'Uninstall-WindowsFeature',
    class: 'defense-evasion',
    why: 'removes Windows features, Defender too',
    values: { ...FEATURE_VALUES, parameters: ['Name'] },
  },
  {
    name: 'Remove-WindowsFeature',
    class: 'defense-evasion',
    why: 'removes Windows features, Defender too',
    values: { ...FEATURE_VALUES, parameters: ['Name'] },
  },
  {
    name: 'Disable-WindowsOptionalFeature',
    class: 'defense-evasion',
    why: 'turns off Windows features, Defender too',
    values: { ...FEATURE_VALUES, parameters: ['FeatureName'] },
  },
];

/** Modules whose changing commands all reconfigure security tooling (Defender, the firewall and IPsec). */
export const SECURITY_MODULES: Readonly<Record<string, string>> = {
  defender: 'reconfigures Microsoft Defender (exclusions, real-time protection)',
  configdefender: 'reconfigures Microsoft Defender (exclusions, real-time protection)',
  netsecurity: 'reconfigures the Windows firewall or IPsec',
};

/** Verbs that only read or run a scan, which leave security tooling as it is. */
export const READING_VERBS = set([
  'Get',
  'Show',
  'Test',
  'Find',
  'Search',
  'Measure',
  'Select',
  'Format',
  'Out',
  'Start',
  'Update',
  'Resolve',
  'Compare',
  'Read',
  'Watch',
  'Wait',
  'Trace',
  'ConvertTo',
  'ConvertFrom',
]);

/**
 * External programs and their class. From JEA's documentation (net.exe, dsadd.exe) and LOLBAS
 * (lolbas-project.github.io: programs that execute, download or change accounts, ACLs or logs).
 */
export const EXTERNAL_FACTS: Readonly<Record<string, { readonly class: DangerClass; readonly why: string }>> = {
  'net.exe': { class: 'identity-takeover', why: ADMIN },
  'net1.exe': { class: 'identity-takeover', why: ADMIN },
  'dsadd.exe': { class: 'identity-takeover', why: 'creates accounts and group memberships' },
  'dsmod.exe': { class: 'identity-takeover', why: "changes any account's groups and password" },
  'dsacls.exe': { class: 'identity-takeover', why: 'rewrites directory ACLs' },
  'icacls.exe': { class: 'identity-takeover', why: 'rewrites file ACLs' },
  'cacls.exe': { class: 'identity-takeover', why: 'rewrites file ACLs' },
  'takeown.exe': { class: 'identity-takeover', why: 'takes ownership of any file' },
  'setspn.exe': { class: 'identity-takeover', why: 'adds SPNs to any account (Kerberoasting)' },
  'ntdsutil.exe': { class: 'identity-takeover', why: 'copies the domain database with every password hash' },
  'vssadmin.exe': { class: 'identity-takeover', why: 'makes shadow copies from which SAM and NTDS.dit are read' },
  'wbadmin.exe': { class: 'identity-takeover', why: 'backs up NTDS.dit and the registry hives' },
  'secedit.exe': { class: 'identity-takeover', why: 'grants user rights (SeDebugPrivilege, logon rights)' },
  'certutil.exe': { class: 'code-execution', why: 'downloads and decodes any file' },
  'cmd.exe': { class: 'code-execution', why: 'is a shell: it runs any program' },
  'powershell.exe': { class: 'code-execution', why: 'is an unrestricted PowerShell: it runs any code' },
  'powershell_ise.exe': { class: 'code-execution', why: 'is an unrestricted PowerShell: it runs any code' },
  'pwsh.exe': { class: 'code-execution', why: 'is an unrestricted PowerShell: it runs any code' },
  'sc.exe': {
    class: 'code-execution',
    why: "creates services or changes a service's binary path, which then runs as SYSTEM",
  },
  'schtasks.exe': { class: 'code-execution', why: 'creates tasks that run any program, as SYSTEM if asked' },
  'at.exe': { class: 'code-execution', why: 'schedules any program as SYSTEM' },
  'wmic.exe': { class: 'code-execution', why: "runs any program ('process call create')" },
  'wscript.exe': { class: 'code-execution', why: 'runs any script' },
  'cscript.exe': { class: 'code-execution', why: 'runs any script' },
  'mshta.exe': { class: 'code-execution', why: 'runs any script' },
  'rundll32.exe': { class: 'code-execution', why: 'runs code from any DLL' },
  'regsvr32.exe': { class: 'code-execution', why: 'runs code from any DLL or scriptlet' },
  'msiexec.exe': { class: 'code-execution', why: 'installs any package, running its custom actions as SYSTEM' },
  'msbuild.exe': { class: 'code-execution', why: 'compiles and runs inline tasks from any project file' },
  'installutil.exe': { class: 'code-execution', why: 'runs code from any .NET assembly' },
  'regasm.exe': { class: 'code-execution', why: 'runs code from any .NET assembly' },
  'regsvcs.exe': { class: 'code-execution', why: 'runs code from any .NET assembly' },
  'cmstp.exe': { class: 'code-execution', why: 'runs commands from any INF file' },
  'odbcconf.exe': { class: 'code-execution', why: 'loads any DLL' },
  'pcalua.exe': { class: 'code-execution', why: 'runs any program' },
  'reg.exe': { class: 'code-execution', why: 'writes Run keys and service image paths, which run as SYSTEM' },
  'regedit.exe': { class: 'code-execution', why: 'imports any .reg file: Run keys and service image paths' },
  'bitsadmin.exe': { class: 'code-execution', why: "runs any program when a job completes ('/SetNotifyCmdLine')" },
  'forfiles.exe': { class: 'code-execution', why: "runs any command ('/c')" },
  'psexec.exe': { class: 'code-execution', why: 'runs any program, as SYSTEM if asked' },
  'psexec64.exe': { class: 'code-execution', why: 'runs any program, as SYSTEM if asked' },
  'winrs.exe': { class: 'code-execution', why: 'runs any command through WinRM' },
  'wsl.exe': { class: 'code-execution', why: 'runs any program in a Linux distribution' },
  'bash.exe': { class: 'code-execution', why: 'runs any program in a Linux distribution' },
  'mofcomp.exe': {
    class: 'code-execution',
    why: 'compiles any MOF file: a WMI event consumer then runs any command as SYSTEM',
  },
  'diskshadow.exe': {
    class: 'code-execution',
    why: "runs commands from a script ('exec') and makes shadow copies of NTDS.dit",
  },
  'mavinject.exe': { class: 'code-execution', why: 'injects any DLL into any process' },
  'dnscmd.exe': {
    class: 'code-execution',
    why: "makes the DNS service load any DLL as SYSTEM ('/config /serverlevelplugindll')",
  },
  'auditpol.exe': { class: 'defense-evasion', why: 'turns off auditing' },
  'wevtutil.exe': { class: 'defense-evasion', why: "clears event logs ('cl')" },
  'netsh.exe': { class: 'defense-evasion', why: 'turns off the firewall or opens ports, and adds port proxies' },
  'bcdedit.exe': { class: 'defense-evasion', why: 'turns off boot protections and test-signing checks' },
  'fltmc.exe': { class: 'defense-evasion', why: "unloads file-system filters such as Defender's and Sysmon's" },
  'sysmon.exe': { class: 'defense-evasion', why: 'unloads or reconfigures Sysmon' },
  'sysmon64.exe': { class: 'defense-evasion', why: 'unloads or reconfigures Sysmon' },
  'mpcmdrun.exe': { class: 'defense-evasion', why: "removes Defender's definitions and downloads files" },
};

/** Built-in aliases (Windows PowerShell 5.1) of dangerous commands. */
export const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  iex: 'Invoke-Expression',
  saps: 'Start-Process',
  start: 'Start-Process',
  icm: 'Invoke-Command',
  etsn: 'Enter-PSSession',
  nsn: 'New-PSSession',
  ii: 'Invoke-Item',
  sajb: 'Start-Job',
  iwmi: 'Invoke-WmiMethod',
  swmi: 'Set-WmiInstance',
  ipmo: 'Import-Module',
  spps: 'Stop-Process',
  kill: 'Stop-Process',
  spsv: 'Stop-Service',
  sc: 'Set-Content',
  ac: 'Add-Content',
  cpi: 'Copy-Item',
  copy: 'Copy-Item',
  cp: 'Copy-Item',
  mi: 'Move-Item',
  move: 'Move-Item',
  mv: 'Move-Item',
  ni: 'New-Item',
  ri: 'Remove-Item',
  rm: 'Remove-Item',
  del: 'Remove-Item',
  erase: 'Remove-Item',
  rd: 'Remove-Item',
  rmdir: 'Remove-Item',
  si: 'Set-Item',
  sp: 'Set-ItemProperty',
  epcsv: 'Export-Csv',
  epal: 'Export-Alias',
  ndr: 'New-PSDrive',
  mount: 'New-PSDrive',
};

/**
 * Why a folder is writable by people who are not administrators, or undefined: the profile
 * folders and Public, ProgramData (Users may create folders and files there), the temp folders,
 * the few System32 folders Users may write (the AppLocker bypass list), shares, and the roots of
 * other volumes (a new volume's default ACL lets Users create folders and files). Code the
 * session loads from such a folder runs as the run-as account after anyone replaces it.
 */
export function userWritableFolder(path: string): string | undefined {
  const p = path.trim().replace(/\//g, '\\').toLowerCase();
  if (p.startsWith('\\\\')) return 'a network share, writable by whoever administers the share';
  if (/^[a-z]:\\users\\/.test(p)) return 'a user profile or Public folder';
  if (/^[a-z]:\\programdata\\/.test(p) && !/^[a-z]:\\programdata\\microsoft\\/.test(p))
    return 'ProgramData, where Users may create folders and files';
  if (/^[a-z]:\\(temp|tmp)\\|^[a-z]:\\windows\\temp\\|\\appdata\\/.test(p)) return 'a temp folder';
  if (
    /^[a-z]:\\windows\\(tasks|tracing|system32\\spool\\drivers\\color|system32\\tasks|registration\\crmlog)\\/.test(p)
  )
    return 'a Windows folder Users may write';
  if (/^[d-z]:\\/.test(p)) return 'another volume, whose default ACL lets Users create folders and files';
  return undefined;
}
