<#
.SYNOPSIS
A simulated Windows host for the Pester suites: temporary folders stand in for Program Files,
ProgramData, PSModulePath, $PSHOME\SessionConfig and the transcript folder, a simulated WinRM
keeps the registered session configurations, and a table the owners and DACLs of folders (Linux
has no Windows ACLs). WindowsCommands.ps1 mocks the Windows-only commands with the functions of
this module; every call is recorded in one ordered log.

.DESCRIPTION
What the simulated commands do follows PowerShell's own implementation
(src/System.Management.Automation/engine/remoting/commands/CustomShellCommands.cs, in
PowerShell/PowerShell at 929903692e and at 60b3b304f2, the 2016 import of the Windows PowerShell
code):
- Register-PSSessionConfiguration -Path copies the .pssc to SessionConfig\<Name>_<GUID>.pssc and
  refuses an existing name unless -Force, which first unregisters it. With -Force it ends with a
  New-PSSession probe to localhost and restarts WinRM when the probe fails (here: when the SDDL
  does not let SYSTEM or Administrators in, as for a JEA endpoint). Without
  -SecurityDescriptorSddl it calls Set-PSSessionConfiguration with the SDDL derived from the
  file, which in Windows PowerShell 5.1 restarts WinRM with -Force whatever -NoServiceRestart says
  (PowerShell/PowerShell#23859).
- Unregister-PSSessionConfiguration removes the plugin and its SessionConfig copy and never
  restarts WinRM itself.
- Get-PSSessionConfiguration returns the keys of the registered .pssc, then the plugin's
  properties (sddl as SecurityDescriptorSddl, ConfigFilePath, RunAsVirtualAccount as a string...).
#>
Set-StrictMode -Version 3.0

$script:Sim = $null

# Well-known SIDs and the aliases SDDL writes for them (MS-DTYP 2.4.2.4).
$script:Aliases = [ordered]@{
    'S-1-1-0' = 'WD'; 'S-1-3-0' = 'CO'; 'S-1-5-2' = 'NU'; 'S-1-5-4' = 'IU'; 'S-1-5-11' = 'AU'
    'S-1-5-18' = 'SY'; 'S-1-5-32-544' = 'BA'; 'S-1-5-32-545' = 'BU'; 'S-1-5-32-580' = 'RM'
}
$script:AliasNames = @{
    'WD' = 'Everyone'; 'SY' = 'NT AUTHORITY\SYSTEM'; 'BA' = 'BUILTIN\Administrators'; 'BU' = 'BUILTIN\Users'
    'IU' = 'NT AUTHORITY\INTERACTIVE'; 'NU' = 'NT AUTHORITY\NETWORK'; 'AU' = 'NT AUTHORITY\Authenticated Users'
    'RM' = 'BUILTIN\Remote Management Users'; 'CO' = 'CREATOR OWNER'
}
# What Register-PSSessionConfiguration sets without -SecurityDescriptorSddl (GetRemoteSddl).
$script:DefaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'

function New-SimulatedHost {
    <#
    .SYNOPSIS
    Creates the host's folders, points $env:ProgramFiles, $env:ProgramData, $env:PSModulePath and
    $env:COMPUTERNAME at them, and starts an empty WinRM. Returns the host.
    .PARAMETER Principals
    Account names and the SIDs the host's account database resolves them to.
    #>
    param([System.Collections.IDictionary] $Principals = @{}, [string] $ComputerName = 'VM-SIMULATED01')
    if ($script:Sim) { Remove-SimulatedHost }
    $root = Join-Path ([System.IO.Path]::GetTempPath()) ('jeajit-host-' + [guid]::NewGuid().ToString('n').Substring(0, 12))
    $folders = [ordered]@{
        Root = $root
        ProgramFiles = Join-Path $root 'Program Files'
        ProgramData = Join-Path $root 'ProgramData'
        SystemModules = Join-Path $root (Join-Path 'System32' (Join-Path 'WindowsPowerShell' (Join-Path 'v1.0' 'Modules')))
        SessionConfig = Join-Path $root (Join-Path 'System32' (Join-Path 'WindowsPowerShell' (Join-Path 'v1.0' 'SessionConfig')))
        UserModules = Join-Path $root (Join-Path 'systemprofile' (Join-Path 'Documents' (Join-Path 'WindowsPowerShell' 'Modules')))
        Transcripts = Join-Path $root (Join-Path 'ProgramData' (Join-Path 'JEAConfiguration' 'Transcripts'))
    }
    $folders.Modules = Join-Path $folders.ProgramFiles (Join-Path 'WindowsPowerShell' 'Modules')
    foreach ($dir in @($folders.Modules, $folders.SystemModules, $folders.SessionConfig, $folders.UserModules, $folders.Transcripts)) {
        New-Item -ItemType Directory -Force -Path $dir | Out-Null
    }
    $saved = @{}
    foreach ($name in 'ProgramFiles', 'ProgramData', 'PSModulePath', 'COMPUTERNAME') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:ProgramFiles = $folders.ProgramFiles
    $env:ProgramData = $folders.ProgramData
    # SYSTEM's PSModulePath on Windows: the profile's modules, Program Files, then System32.
    $env:PSModulePath = @($folders.UserModules, $folders.Modules, $folders.SystemModules) -join [System.IO.Path]::PathSeparator
    $env:COMPUTERNAME = $ComputerName
    $table = @{}
    foreach ($key in $Principals.Keys) { $table[[string] $key] = [string] $Principals[$key] }
    $script:Sim = [pscustomobject]@{
        Folders = [pscustomobject] $folders
        SavedEnvironment = $saved
        Principals = $table
        Endpoints = [ordered]@{}
        Calls = [System.Collections.Generic.List[object]]::new()
        Faults = [System.Collections.Generic.List[object]]::new()
        FolderSecurity = @{}
        WinRMRestartedAt = [System.Collections.Generic.List[int]]::new()
    }
    return $script:Sim
}

function Remove-SimulatedHost {
    <# .SYNOPSIS Puts the environment variables back and deletes the host's folders. #>
    if (-not $script:Sim) { return }
    foreach ($name in $script:Sim.SavedEnvironment.Keys) {
        $value = $script:Sim.SavedEnvironment[$name]
        if ($null -eq $value) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$name" -Value $value }
    }
    Remove-Item -LiteralPath $script:Sim.Folders.Root -Recurse -Force -ErrorAction SilentlyContinue
    $script:Sim = $null
}

function Get-SimulatedHost {
    <# .SYNOPSIS The current host (folders, principals, endpoints, calls). #>
    if (-not $script:Sim) { throw 'simulated host: none (call New-SimulatedHost first)' }
    $script:Sim
}

function Add-SimulatedCall {
    <# .SYNOPSIS Records a call of a Windows command; returns its place in the log. #>
    param([string] $Command, [System.Collections.IDictionary] $Parameters = @{}, [string] $Note = '')
    $sim = Get-SimulatedHost
    $copy = [ordered]@{}
    foreach ($key in $Parameters.Keys) { $copy[$key] = $Parameters[$key] }
    $sim.Calls.Add([pscustomobject]@{ Index = $sim.Calls.Count; Command = $Command; Parameters = $copy; Note = $Note })
    $sim.Calls.Count - 1
}

function Get-SimulatedCall {
    <# .SYNOPSIS The recorded calls, of one command when -Command is given. #>
    param([string] $Command)
    @((Get-SimulatedHost).Calls | Where-Object { -not $Command -or $_.Command -eq $Command })
}

function Clear-SimulatedCall {
    <# .SYNOPSIS Forgets the recorded calls and restarts (the state of WinRM is kept). #>
    $sim = Get-SimulatedHost
    $sim.Calls.Clear()
    $sim.WinRMRestartedAt.Clear()
}

function Set-SimulatedFault {
    <#
    .SYNOPSIS
    Makes the next call(s) of a simulated command fail. For Register-PSSessionConfiguration, Stage
    BeforeCreate fails before the plugin exists; AfterCreate leaves a half-made registration
    behind, as a failing Set-Item RunAsUser or an interrupted WinRM call can. For Copy-Item (see
    Assert-SimulatedDiskSpace), a copy to a destination like -Path finds the disk full.
    #>
    param(
        [ValidateSet('Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Copy-Item')] [string] $Command = 'Register-PSSessionConfiguration',
        [ValidateSet('BeforeCreate', 'AfterCreate')] [string] $Stage = 'BeforeCreate',
        [string] $Path = '*',
        [string] $Message = 'The WS-Management service cannot process the request.',
        [int] $Count = 1
    )
    (Get-SimulatedHost).Faults.Add([pscustomobject]@{ Command = $Command; Stage = $Stage; Path = $Path; Message = $Message; Left = $Count })
}

function Invoke-SimulatedFault([string] $Command, [string] $Stage, [string] $Path = '') {
    foreach ($fault in (Get-SimulatedHost).Faults) {
        if ($fault.Command -ne $Command -or $fault.Left -le 0) { continue }
        if ($Command -eq 'Copy-Item') { if ($Path -notlike $fault.Path) { continue } }
        elseif ($fault.Stage -ne $Stage) { continue }
        $fault.Left = $fault.Left - 1
        if ($Command -eq 'Copy-Item') { throw [System.IO.IOException]::new($fault.Message) }
        throw [System.InvalidOperationException]::new($fault.Message)
    }
}

function Test-SimulatedDiskFull {
    <# .SYNOPSIS Whether a copy to this destination would find the disk full (a Copy-Item fault matches it); changes nothing. #>
    param([string] $Destination)
    [bool] @((Get-SimulatedHost).Faults | Where-Object { $_.Command -eq 'Copy-Item' -and $_.Left -gt 0 -and $Destination -like $_.Path }).Count
}

function Assert-SimulatedDiskSpace {
    <#
    .SYNOPSIS
    For a mock of Copy-Item (with -ParameterFilter { Test-SimulatedDiskFull $Destination }, so that
    other copies are real): throws the IOException of a full disk, once per fault.
    #>
    param([string] $Destination)
    Invoke-SimulatedFault 'Copy-Item' '' $Destination
}

function ConvertTo-SimulatedCanonicalSddl {
    <#
    .SYNOPSIS
    What RawSecurityDescriptor.GetSddlForm('All') does to the SDDL the scripts build, for this
    simulation: well-known SIDs become their aliases (S-1-1-0 to WD). Two spellings of one
    descriptor give the same text.
    #>
    param([string] $Sddl)
    $text = $Sddl
    foreach ($sid in $script:Aliases.Keys) { $text = [regex]::Replace($text, '(?<=[;(:])' + [regex]::Escape($sid) + '(?=[;):(]|$)', $script:Aliases[$sid]) }
    $text
}

function Resolve-SimulatedSid {
    <# .SYNOPSIS NTAccount.Translate on this host: the SID of a name, or the exception Windows throws. #>
    param([string] $Principal)
    $sim = Get-SimulatedHost
    Add-SimulatedCall 'Resolve-JeajitSid' @{ Principal = $Principal } | Out-Null
    foreach ($name in $sim.Principals.Keys) { if ([string]::Equals($name, $Principal, [StringComparison]::OrdinalIgnoreCase)) { return $sim.Principals[$name] } }
    throw [System.Security.Principal.IdentityNotMappedException]::new('Some or all identity references could not be translated.')
}

function Read-SimulatedDataFile([string] $Path) {
    # Get-PSSessionConfiguration evaluates the file's text (invoke-expression of its content).
    & ([scriptblock]::Create([System.IO.File]::ReadAllText($Path)))
}

function Get-SimulatedPermission([string] $Sddl) {
    # Get-PSSessionConfiguration's Permission: each DACL entry as its account name and ACE type.
    $sim = Get-SimulatedHost
    $dacl = $Sddl
    if ($dacl.IndexOf('D:') -ge 0) { $dacl = $dacl.Substring($dacl.IndexOf('D:')) }
    if ($dacl.IndexOf('S:') -ge 0) { $dacl = $dacl.Substring(0, $dacl.IndexOf('S:')) }
    $entries = foreach ($m in [regex]::Matches($dacl, '\((X?[AD]);[^;]*;[^;]*;[^;]*;[^;]*;([^;)]+)')) {
        $sid = $m.Groups[2].Value
        $name = $sid
        if ($script:AliasNames.ContainsKey($sid)) { $name = $script:AliasNames[$sid] }
        foreach ($key in $sim.Principals.Keys) { if ($sim.Principals[$key] -eq $sid) { $name = $key } }
        # The ACE type as .NET names it: a conditional (callback) ACE is AccessAllowedCallback.
        $type = @{ 'A' = 'AccessAllowed'; 'D' = 'AccessDenied'; 'XA' = 'AccessAllowedCallback'; 'XD' = 'AccessDeniedCallback' }[$m.Groups[1].Value]
        "$name $type"
    }
    @($entries) -join ', '
}

function Register-SimulatedSessionConfiguration {
    <#
    .SYNOPSIS
    Register-PSSessionConfiguration on the simulated host. Returns the warnings the real cmdlet
    writes; throws what it throws.
    #>
    param([System.Collections.IDictionary] $Parameters)
    $sim = Get-SimulatedHost
    $name = [string] $Parameters['Name']
    $force = $Parameters.Contains('Force') -and [bool] $Parameters['Force']
    Add-SimulatedCall 'Register-PSSessionConfiguration' $Parameters | Out-Null
    Invoke-SimulatedFault 'Register-PSSessionConfiguration' 'BeforeCreate'
    if (-not $Parameters.Contains('Path')) { throw 'simulated host: only registrations from a .pssc file (-Path) are simulated' }
    $path = [string] $Parameters['Path']
    if (-not $path.EndsWith('.pssc', [StringComparison]::OrdinalIgnoreCase) -or -not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw [System.InvalidOperationException]::new("The path is not a valid session configuration file: $path")
    }
    $config = Read-SimulatedDataFile $path
    if (-not ($config -is [hashtable]) -or -not $config.ContainsKey('GUID')) { throw [System.InvalidOperationException]::new("Invalid session configuration file: $path") }
    if ($sim.Endpoints.Contains($name)) {
        # new-item WSMan:\localhost\Plugin fails on an existing plugin; -Force unregisters it first.
        if (-not $force) { throw [System.InvalidOperationException]::new("The WS-Management service cannot create the resource: a plug-in named '$name' already exists.") }
        Remove-SimulatedEndpoint $name
    }
    $copy = Join-Path $sim.Folders.SessionConfig ($name + '_' + ([guid] $config['GUID']).ToString() + '.pssc')
    Copy-Item -LiteralPath $path -Destination $copy -Force
    $warnings = [System.Collections.Generic.List[string]]::new()
    $sddl = [string] $Parameters['SecurityDescriptorSddl']
    if (-not $sddl) {
        $sddl = $script:DefaultSddl
        if ($config.ContainsKey('RoleDefinitions') -or $config.ContainsKey('RequiredGroups')) {
            # Set-PSSessionConfiguration -SecurityDescriptorSddl <derived> -Force:$force, without
            # -NoServiceRestart in 5.1: WinRM restarts when -Force was given.
            Add-SimulatedCall 'Set-PSSessionConfiguration' @{ Name = $name; Force = $force } 'called by Register-PSSessionConfiguration (no -SecurityDescriptorSddl)' | Out-Null
            if ($force) { Restart-SimulatedWinRM 'Set-PSSessionConfiguration -Force, inside Register-PSSessionConfiguration' }
        }
    }
    $sim.Endpoints[$name] = [pscustomobject]@{ Name = $name; ConfigFilePath = $copy; Sddl = $sddl; Config = $config; Enabled = $true }
    Invoke-SimulatedFault 'Register-PSSessionConfiguration' 'AfterCreate'
    # The closing probe: New-PSSession -ComputerName localhost -ConfigurationName <name>, as the
    # caller (SYSTEM or an administrator), which a JEA endpoint's ACL does not let in.
    $canonical = ConvertTo-SimulatedCanonicalSddl $sddl
    $callerAdmitted = $canonical -match '\(A;;GA;;;(SY|BA)\)'
    if (-not $callerAdmitted) {
        if ($force) { Restart-SimulatedWinRM 'Register-PSSessionConfiguration -Force: the New-PSSession probe failed' }
        else { $warnings.Add('WinRM needs to be restarted for Register-PSSessionConfiguration to take effect.') }
    }
    $warnings.ToArray()
}

function Remove-SimulatedEndpoint([string] $Name) {
    $sim = Get-SimulatedHost
    $record = $sim.Endpoints[$Name]
    if ($record.ConfigFilePath -and (Test-Path -LiteralPath $record.ConfigFilePath)) { Remove-Item -LiteralPath $record.ConfigFilePath -Force }
    $sim.Endpoints.Remove($Name)
}

function Unregister-SimulatedSessionConfiguration {
    <# .SYNOPSIS Unregister-PSSessionConfiguration: removes the plugin and its .pssc copy; $false when none matched. #>
    param([System.Collections.IDictionary] $Parameters)
    $sim = Get-SimulatedHost
    Add-SimulatedCall 'Unregister-PSSessionConfiguration' $Parameters | Out-Null
    Invoke-SimulatedFault 'Unregister-PSSessionConfiguration' 'BeforeCreate'
    $name = [string] $Parameters['Name']
    $matched = @($sim.Endpoints.Keys | Where-Object { $_ -like $name })
    foreach ($key in $matched) { Remove-SimulatedEndpoint $key }
    $matched.Count -gt 0
}

function Get-SimulatedSessionConfiguration {
    <# .SYNOPSIS Get-PSSessionConfiguration: the objects of the matching endpoints (none when nothing matches). #>
    param([string[]] $Name)
    $sim = Get-SimulatedHost
    Add-SimulatedCall 'Get-PSSessionConfiguration' @{ Name = $Name } | Out-Null
    foreach ($record in @($sim.Endpoints.Values)) {
        if ($Name -and -not @($Name | Where-Object { $record.Name -like $_ })) { continue }
        $o = New-Object PSObject
        # The file's keys first (as ExtractPluginProperties adds them), then the plugin's.
        if (Test-Path -LiteralPath $record.ConfigFilePath) {
            $disc = Read-SimulatedDataFile $record.ConfigFilePath
            foreach ($key in $disc.Keys) { if ($key -ne 'PowerShellVersion') { $o | Add-Member -NotePropertyName $key -NotePropertyValue $disc[$key] -Force } }
        }
        $runAs = $record.Config.ContainsKey('RunAsVirtualAccount') -and [bool] $record.Config['RunAsVirtualAccount']
        $plugin = [ordered]@{
            Name = $record.Name; Filename = '%windir%\system32\pwrshplugin.dll'; SDKVersion = '2'; XmlRenderingType = 'text'; lang = 'en-US'
            PSVersion = '5.1'; ResourceUri = 'http://schemas.microsoft.com/powershell/' + $record.Name; SupportsOptions = 'true'
            Capability = @('Shell'); Architecture = '64'; ExactMatch = 'False'; AutoRestart = 'false'; ProcessIdleTimeoutSec = '0'
            UseSharedProcess = 'false'; OutputBufferingMode = 'Block'; MaxShells = '2147483647'; MaxShellsPerUser = '2147483647'
            MaxConcurrentUsers = '2147483647'; MaxProcessesPerShell = '2147483647'; MaxMemoryPerShellMB = '2147483647'
            MaxConcurrentCommandsPerShell = '2147483647'; MaxIdleTimeoutms = '2147483647'; IdleTimeoutms = '7200000'
            Enabled = $(if ($record.Enabled) { 'true' } else { 'false' }); RunAsUser = $null; RunAsPassword = $null
            RunAsVirtualAccount = $(if ($runAs) { 'true' } else { 'false' })
            ConfigFilePath = $record.ConfigFilePath; SecurityDescriptorSddl = $record.Sddl; Permission = Get-SimulatedPermission $record.Sddl
        }
        if ($record.Config.ContainsKey('RunAsVirtualAccountGroups')) { $plugin.RunAsVirtualAccountGroups = @($record.Config['RunAsVirtualAccountGroups']) -join ';' }
        foreach ($key in $plugin.Keys) { $o | Add-Member -NotePropertyName $key -NotePropertyValue $plugin[$key] -Force }
        # The type's Permission is a ScriptProperty over CommonSecurityDescriptor and
        # NTAccount, which Linux lacks: the note property above, added first, takes its place.
        $o.PSObject.TypeNames.Insert(0, 'Microsoft.PowerShell.Commands.PSSessionConfigurationCommands#PSSessionConfiguration')
        $o
    }
}

function Restart-SimulatedWinRM([string] $By) {
    $sim = Get-SimulatedHost
    $sim.WinRMRestartedAt.Add((Add-SimulatedCall 'WinRM restart' @{} $By))
}

function Restart-SimulatedService {
    <# .SYNOPSIS Restart-Service: only WinRM exists on this host. #>
    param([System.Collections.IDictionary] $Parameters)
    Add-SimulatedCall 'Restart-Service' $Parameters | Out-Null
    foreach ($name in @($Parameters['Name'])) {
        if ($name -ne 'WinRM') { throw [System.InvalidOperationException]::new("Cannot find any service with service name '$name'.") }
        Restart-SimulatedWinRM 'Restart-Service'
    }
}

# What a folder made in Program Files without a DACL of its own has (the ACL it inherits there):
# owned by Administrators; SYSTEM, Administrators, TrustedInstaller and CREATOR OWNER in full,
# Users and ALL APPLICATION PACKAGES may read and run.
$script:InheritedFolderSecurity = [ordered]@{
    Owner = 'S-1-5-32-544'; Protected = $false
    Allowed = @('S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', 'S-1-5-18', 'S-1-5-32-544', 'S-1-3-0', 'S-1-5-32-545', 'S-1-15-2-1')
}

function Get-SimulatedFolderKey([string] $Path) { [System.IO.Path]::GetFullPath($Path).TrimEnd([System.IO.Path]::DirectorySeparatorChar) }

function Set-SimulatedFolderSecurity {
    <#
    .SYNOPSIS
    Gives a folder of the host an owner and a DACL, as someone else may have: -Owner and -Allowed
    are SIDs, -Protected whether the DACL inherits nothing.
    #>
    param([string] $Path, [string] $Owner = 'S-1-5-32-544', [bool] $Protected = $true, [string[]] $Allowed = @('S-1-5-18', 'S-1-5-32-544'))
    (Get-SimulatedHost).FolderSecurity[(Get-SimulatedFolderKey $Path)] = [pscustomobject]@{ Owner = $Owner; Protected = $Protected; Allowed = @($Allowed) }
}

function Get-SimulatedFolderSecurity {
    <#
    .SYNOPSIS
    Get-JeajitFolderSecurity on this host: the owner and DACL given to the folder (by
    Protect-SimulatedFolder or Set-SimulatedFolderSecurity), else the ACL a folder inherits in
    Program Files. Throws, as Get-Acl does, for a path that does not exist.
    #>
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$Path' because it does not exist.") }
    $known = (Get-SimulatedHost).FolderSecurity[(Get-SimulatedFolderKey $Path)]
    if ($known) { return $known }
    [pscustomobject] $script:InheritedFolderSecurity
}

function Protect-SimulatedFolder {
    <#
    .SYNOPSIS
    Protect-JeajitFolder on this host: the folder gets the DACL jeajit gives (SYSTEM and
    Administrators, nothing inherited), owned by Administrators. The call is recorded, noting
    whether the folder was still empty.
    #>
    param([string] $Path)
    $empty = -not (Get-ChildItem -LiteralPath $Path -Force)
    Add-SimulatedCall 'Protect-JeajitFolder' @{ Path = $Path } $(if ($empty) { 'empty' } else { 'not empty' }) | Out-Null
    Set-SimulatedFolderSecurity -Path $Path
}

function Get-SimulatedEndpoint {
    <# .SYNOPSIS The simulated WinRM's record of an endpoint (Name, ConfigFilePath, Sddl, Config), or $null. #>
    param([string] $Name)
    (Get-SimulatedHost).Endpoints[$Name]
}

function Set-SimulatedEndpointSddl {
    <# .SYNOPSIS Changes the SDDL WinRM reports for an endpoint, as another tool would. #>
    param([string] $Name, [string] $Sddl)
    (Get-SimulatedHost).Endpoints[$Name].Sddl = $Sddl
}

function Get-SimulatedHostFile {
    <#
    .SYNOPSIS
    Every file and folder of the host, by path relative to its root: a file as its SHA-256 and
    last write time (ticks), a folder as 'dir'. Two equal results mean nothing was written.
    #>
    $root = (Get-SimulatedHost).Folders.Root
    $entries = [ordered]@{}
    foreach ($item in @(Get-ChildItem -LiteralPath $root -Recurse -Force | Sort-Object FullName)) {
        $relative = $item.FullName.Substring($root.Length + 1).Replace('\', '/')
        if ($item.PSIsContainer) { $entries[$relative] = 'dir' }
        else { $entries[$relative] = (Get-FileHash -LiteralPath $item.FullName -Algorithm SHA256).Hash.ToLowerInvariant() + ' ' + $item.LastWriteTimeUtc.Ticks }
    }
    $entries
}

function Compare-SimulatedHostFile {
    <# .SYNOPSIS The differences between two Get-SimulatedHostFile results, as '+ path', '- path', '~ path' lines. #>
    param([System.Collections.IDictionary] $Before, [System.Collections.IDictionary] $After, [string] $Under = '')
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($key in $Before.Keys) {
        if (-not $key.StartsWith($Under)) { continue }
        if (-not $After.Contains($key)) { $lines.Add("- $key") }
        elseif ($After[$key] -ne $Before[$key]) { $lines.Add("~ $key") }
    }
    foreach ($key in $After.Keys) { if ($key.StartsWith($Under) -and -not $Before.Contains($key)) { $lines.Add("+ $key") } }
    $lines.ToArray()
}

function ConvertTo-SimulatedWindowsPath {
    <#
    .SYNOPSIS
    The Windows path a path of the host stands for: Program Files is C:\Program Files, ProgramData
    C:\ProgramData, System32 C:\Windows\System32, the profile's modules those of SYSTEM's profile,
    anything else under the root C:\.
    #>
    param([string] $Path)
    $sim = Get-SimulatedHost
    $map = [ordered]@{
        $sim.Folders.ProgramFiles = 'C:\Program Files'
        $sim.Folders.ProgramData = 'C:\ProgramData'
        (Join-Path $sim.Folders.Root 'systemprofile') = 'C:\Windows\System32\config\systemprofile'
        (Join-Path $sim.Folders.Root 'System32') = 'C:\Windows\System32'
        $sim.Folders.Root = 'C:'
    }
    foreach ($folder in $map.Keys) {
        if ($Path -eq $folder -or $Path.StartsWith($folder + [System.IO.Path]::DirectorySeparatorChar)) { return $map[$folder] + $Path.Substring($folder.Length).Replace('/', '\') }
    }
    $Path
}

function Get-SimulatedRelativePath {
    <# .SYNOPSIS A path of the host relative to its root, with / separators (as Get-SimulatedHostFile names it). #>
    param([string] $Path)
    $root = (Get-SimulatedHost).Folders.Root
    $Path.Substring($root.Length + 1).Replace('\', '/')
}

Export-ModuleMember -Function New-SimulatedHost, Remove-SimulatedHost, Get-SimulatedHost, Add-SimulatedCall, Get-SimulatedCall, Clear-SimulatedCall,
    Set-SimulatedFault, Test-SimulatedDiskFull, Assert-SimulatedDiskSpace, ConvertTo-SimulatedCanonicalSddl, Resolve-SimulatedSid, Register-SimulatedSessionConfiguration,
    Unregister-SimulatedSessionConfiguration, Get-SimulatedSessionConfiguration, Restart-SimulatedService, Get-SimulatedEndpoint,
    Set-SimulatedEndpointSddl, Get-SimulatedHostFile, Compare-SimulatedHostFile, Get-SimulatedRelativePath,
    Set-SimulatedFolderSecurity, Get-SimulatedFolderSecurity, Protect-SimulatedFolder, ConvertTo-SimulatedWindowsPath
