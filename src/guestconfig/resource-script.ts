/**
 * `JeajitDsc.psm1`: the class-based DSC resource JeajitEndpoint that Machine Configuration runs
 * (in PowerShell 7) for one endpoint. It carries no endpoint data: the MOF gives the expected
 * bundle, and the bundle itself sits beside it in `Bundles\<endpoint>\`.
 */
import { SCRIPT_FUNCTIONS, scriptFile } from '../jea/powershell-script';
import { RESOURCE } from './endpoint-resource';
import { ANSWER_PREFIX, PROBE_SCRIPT } from './probe-script';

/** The folder of the module that holds each endpoint's bundle. */
export const BUNDLES_FOLDER = 'Bundles';

/**
 * Where the resource meets Windows: the path of Windows PowerShell, how one argument is quoted on
 * a Windows command line, and the one function that starts a process (tests replace it with a
 * simulated powershell.exe; every call goes through it, so the calls can be recorded).
 */
const WINDOWS_POWERSHELL = String.raw`# Windows PowerShell 5.1, 64-bit (Sysnative from a 32-bit process), by full path: never one found on PATH.
function Get-JeajitWindowsPowerShellPath {
    $system = 'System32'
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) { $system = 'Sysnative' }
    Join-Path (Join-Path (Join-Path (Join-Path $env:SystemRoot $system) 'WindowsPowerShell') 'v1.0') 'powershell.exe'
}
# One argument as the Windows C runtime reads it back (CommandLineToArgvW rules): quoted when empty
# or holding a space, tab or double quote; backslashes doubled before a quote and at the end.
function ConvertTo-JeajitArgument([string] $Argument) {
    if ($Argument.Length -gt 0 -and $Argument -notmatch '[\s"]') { return $Argument }
    $text = [regex]::Replace($Argument, '(\\*)"', { param($m) $m.Groups[1].Value + $m.Groups[1].Value + '\"' })
    $text = [regex]::Replace($text, '(\\+)$', { param($m) $m.Groups[1].Value + $m.Groups[1].Value })
    '"' + $text + '"'
}
# The one place the resource starts a process. Returns ExitCode, Output and Error (text).
function Start-JeajitProcess([string] $FilePath, [string] $Arguments) {
    $start = New-Object System.Diagnostics.ProcessStartInfo
    $start.FileName = $FilePath
    $start.Arguments = $Arguments
    $start.UseShellExecute = $false
    $start.CreateNoWindow = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $errorText = $process.StandardError.ReadToEndAsync()
    $outputText = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    New-Object PSObject -Property @{ ExitCode = $process.ExitCode; Output = $outputText; Error = $errorText.Result }
}
# Runs a script file in Windows PowerShell 5.1: powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File <script> <arguments>.
function Invoke-JeajitWindowsPowerShell([string] $File, [string[]] $ArgumentList = @()) {
    $all = @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $File) + @($ArgumentList)
    $line = @($all | ForEach-Object { ConvertTo-JeajitArgument $_ }) -join ' '
    $exe = Get-JeajitWindowsPowerShellPath
    Write-Verbose "jeajit: $exe $line"
    Start-JeajitProcess -FilePath $exe -Arguments $line
}`;

/** The checks: the package's bundle, the installed modules, and the state the probe reads in Windows PowerShell. */
const CHECKS = String.raw`# A reason Machine Configuration reports: Code <resource>:<resource>:<id>, Phrase what a person can act on.
function New-JeajitReason([string] $Id, [string] $Phrase) {
    $reason = [Reason]::new()
    $reason.Code = '${RESOURCE.className}:${RESOURCE.className}:' + $Id
    $reason.Phrase = $Phrase
    $reason
}
# The declared files, path to SHA-256, from the resource's Files ('<sha256> <path>' each).
function ConvertFrom-JeajitFileList([string[]] $Files) {
    $table = [ordered]@{}
    foreach ($line in @($Files)) {
        $parts = $line.Split([char[]] @(' '), 2)
        if ($parts.Count -ne 2 -or $parts[0] -notmatch '^[0-9a-f]{64}$') { throw "jeajit: Files entry '$line' is not '<sha256> <path>'" }
        $table[$parts[1]] = $parts[0]
    }
    $table
}
# The role a bundle path carries (<Module>/RoleCapabilities/<Role>.psrc), or nothing.
function Get-JeajitRoleName([string] $Path) {
    $parts = $Path.Split('/')
    if ($parts.Count -eq 3 -and $parts[1] -eq 'RoleCapabilities' -and $parts[2].EndsWith('.psrc', [StringComparison]::OrdinalIgnoreCase)) { $parts[2].Substring(0, $parts[2].Length - 5) }
}
function Get-JeajitBundleFolder([string] $Name) { Join-Path (Join-Path $PSScriptRoot '${BUNDLES_FOLDER}') $Name }
function Get-JeajitInstallRoot { Join-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell') 'Modules' }

# The package's copy of the bundle: every file with its declared SHA-256, and the install script.
function Get-JeajitBundleReason($Endpoint) {
    $bundle = Get-JeajitBundleFolder $Endpoint.Name
    $expected = ConvertFrom-JeajitFileList $Endpoint.Files
    $expected['Install-' + $Endpoint.Name + '.ps1'] = $Endpoint.InstallScriptSha256
    foreach ($path in @($expected.Keys)) {
        $full = Join-JeajitPath $bundle $path
        if (-not (Test-Path -LiteralPath $full -PathType Leaf)) { New-JeajitReason 'BundleDamaged' "the package has no '$full': this copy of the module does not carry endpoint '$($Endpoint.Name)'; deploy the package again"; continue }
        $actual = Get-Sha256 $full
        if ($actual -ne $expected[$path]) { New-JeajitReason 'BundleDamaged' "the package's '$full' has SHA-256 $actual, the declaration $($expected[$path]): the package changed after it was built; deploy it again" }
    }
}

# Each module as JEA must find it: Program Files\WindowsPowerShell\Modules\<Module>\ holding exactly
# the bundle's files (as Register-<endpoint>.ps1 installs them), every role at RoleCapabilities\<Role>.psrc.
function Get-JeajitModuleReason($Endpoint) {
    $installRoot = Get-JeajitInstallRoot
    $expected = ConvertFrom-JeajitFileList $Endpoint.Files
    foreach ($module in @($Endpoint.Modules)) {
        $dir = Join-Path $installRoot $module
        $files = @($expected.Keys | Where-Object { $_.StartsWith($module + '/', [StringComparison]::OrdinalIgnoreCase) })
        if (-not (Test-Path -LiteralPath $dir -PathType Container)) {
            $roles = @($files | ForEach-Object { Get-JeajitRoleName $_ })
            New-JeajitReason 'ModuleMissing' "module '$module' is not installed at '$dir': JEA finds none of its roles ($($roles -join ', '))"
            continue
        }
        $wanted = @{}
        $folders = @{}
        foreach ($file in $files) {
            $full = Join-JeajitPath $installRoot $file
            $wanted[$full] = $true
            for ($parent = Split-Path -Parent $full; $parent.Length -gt $dir.Length; $parent = Split-Path -Parent $parent) { $folders[$parent] = $true }
            $role = Get-JeajitRoleName $file
            if (-not (Test-Path -LiteralPath $full -PathType Leaf)) {
                if ($role) { New-JeajitReason 'RoleMissing' "role '$role' is missing: JEA looks for it at '$full', which module '$module' of the bundle carries" }
                else { New-JeajitReason 'FileMissing' "'$full' is missing (the bundle's '$file')" }
                continue
            }
            $actual = Get-Sha256 $full
            if ($actual -ne $expected[$file]) { New-JeajitReason 'FileTampered' "'$full' has SHA-256 $actual; the bundle's '$file' has $($expected[$file]): it changed after it was installed" }
        }
        # Anything else in the module folder (a version folder, another role) changes what JEA may load.
        foreach ($item in @(Get-ChildItem -LiteralPath $dir -Recurse -Force)) {
            $parent = Split-Path -Parent $item.FullName
            if ($parent -ne $dir -and -not $folders.ContainsKey($parent)) { continue }   # inside something already named
            if ($wanted.ContainsKey($item.FullName) -or ($item.PSIsContainer -and $folders.ContainsKey($item.FullName))) { continue }
            New-JeajitReason 'FileUnexpected' "'$($item.FullName)' is not part of the bundle: module '$module' must hold exactly the bundle's files"
        }
    }
}

# The endpoint as Windows PowerShell 5.1 sees it (${PROBE_SCRIPT}, run in powershell.exe).
function Get-JeajitEndpointState($Endpoint) {
    $expected = ConvertFrom-JeajitFileList $Endpoint.Files
    $roles = @(foreach ($path in $expected.Keys) { $role = Get-JeajitRoleName $path; if ($role) { [ordered]@{ Name = $role; Module = $path.Split('/')[0] } } })
    $request = [ordered]@{
        Name = $Endpoint.Name
        ConfigFileSha256 = $expected[$Endpoint.ConfigFile]
        Modules = @($Endpoint.Modules)
        Roles = $roles
        SddlTemplate = $Endpoint.SddlTemplate
        Principals = @($Endpoint.Principals)
    }
    $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $request -Compress -Depth 4)))
    $result = Invoke-JeajitWindowsPowerShell (Join-Path $PSScriptRoot '${PROBE_SCRIPT}') @('-Request', $encoded)
    $answer = @(([string] $result.Output) -split '\r?\n' | Where-Object { $_.StartsWith('${ANSWER_PREFIX}') })
    if ($result.ExitCode -ne 0 -or $answer.Count -ne 1) {
        throw "jeajit: Windows PowerShell could not read endpoint '$($Endpoint.Name)' (exit $($result.ExitCode)): $((([string] $result.Error) + ' ' + ([string] $result.Output)).Trim())"
    }
    [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($answer[0].Substring(${ANSWER_PREFIX.length}))) | ConvertFrom-Json
}
# Whether the registration is a PowerShell 6+ endpoint (PSVersion 6 or later), not a Windows PowerShell 5.1 one.
function Test-JeajitNewerEdition($State) {
    $version = ([string] $State.PSVersion) -as [version]
    $State.Registered -and $null -ne $version -and $version.Major -ge 6
}
function Get-JeajitRegistrationReason($Endpoint, $State) {
    foreach ($s in @($State.Shadowing)) { New-JeajitReason 'RoleShadowed' "role '$($s.Role)' is offered by '$($s.Path)' and by '$($s.Ours)': JEA loads the first it finds on PSModulePath, in no guaranteed order; remove or rename the other module's role" }
    if (@($State.Unresolved).Count -gt 0) { New-JeajitReason 'PrincipalUnresolved' "these principals do not resolve to a SID on this machine, so the endpoint's ACL cannot be built: $(@($State.Unresolved) -join ', ')" }
    if (-not $State.Registered) { New-JeajitReason 'NotRegistered' "endpoint '$($Endpoint.Name)' is not registered (Windows PowerShell's Get-PSSessionConfiguration does not list it)"; return }
    if (Test-JeajitNewerEdition $State) { New-JeajitReason 'WrongEdition' "endpoint '$($Endpoint.Name)' is registered as a PowerShell $($State.PSVersion) endpoint, not the Windows PowerShell 5.1 endpoint the declaration means" }
    $want = (ConvertFrom-JeajitFileList $Endpoint.Files)[$Endpoint.ConfigFile]
    if (-not $State.ConfigFileSha256) { New-JeajitReason 'ConfigurationChanged' "endpoint '$($Endpoint.Name)' is registered without the bundle's '$($Endpoint.ConfigFile)' (no session configuration file at '$($State.ConfigFilePath)')" }
    elseif ($State.ConfigFileSha256 -ne $want) { New-JeajitReason 'ConfigurationChanged' "the registered session configuration '$($State.ConfigFilePath)' has SHA-256 $($State.ConfigFileSha256); the bundle's '$($Endpoint.ConfigFile)' has $want" }
    if ($State.ExpectedSddl -and $State.Sddl -ne $State.ExpectedSddl) { New-JeajitReason 'SddlChanged' "endpoint '$($Endpoint.Name)' is registered with SDDL '$($State.Sddl)'; the declaration gives '$($State.ExpectedSddl)'" }
}
# Every difference between the declaration and the machine; none when the endpoint is as declared.
function Get-JeajitEndpointReason($Endpoint) {
    Get-JeajitBundleReason $Endpoint
    Get-JeajitModuleReason $Endpoint
    Get-JeajitRegistrationReason $Endpoint (Get-JeajitEndpointState $Endpoint)
}`;

/** Set: the endpoint's own scripts, run by Windows PowerShell, after the package's bundle is checked. */
const INSTALL = String.raw`# Runs a script of the bundle in Windows PowerShell; its output goes to the verbose stream, a failure is thrown.
function Invoke-JeajitBundleScript($Endpoint, [string] $Script, [string[]] $ArgumentList) {
    $result = Invoke-JeajitWindowsPowerShell (Join-Path (Get-JeajitBundleFolder $Endpoint.Name) $Script) $ArgumentList
    foreach ($line in @(([string] $result.Output) -split '\r?\n')) { if ($line) { Write-Verbose $line } }
    if ($result.ExitCode -ne 0) { throw "jeajit: $Script failed in Windows PowerShell (exit $($result.ExitCode)): $((([string] $result.Error) + ' ' + ([string] $result.Output)).Trim())" }
}
# Installs or repairs the endpoint with the bundle's Install-<endpoint>.ps1, which writes only what
# differs and restarts WinRM once, only when the registration changed. A PowerShell 7 registration
# of the name is removed first by the bundle's Unregister-<endpoint>.ps1 -NoServiceRestart.
function Install-JeajitEndpoint($Endpoint) {
    $damaged = @(Get-JeajitBundleReason $Endpoint)
    if ($damaged.Count -gt 0) { throw "jeajit: refused, nothing changed: $(@($damaged | ForEach-Object { $_.Phrase }) -join '; ')" }
    if (Test-JeajitNewerEdition (Get-JeajitEndpointState $Endpoint)) { Invoke-JeajitBundleScript $Endpoint ('Unregister-' + $Endpoint.Name + '.ps1') @('-NoServiceRestart') }
    Invoke-JeajitBundleScript $Endpoint ('Install-' + $Endpoint.Name + '.ps1') @('-BundleSha256', $Endpoint.BundleSha256)
}`;

const CLASSES = String.raw`# One difference Machine Configuration reports (reasons[].code and .phrase).
class Reason {
    [DscProperty()] [string] $Code
    [DscProperty()] [string] $Phrase
}

# A JEA endpoint installed and registered exactly as its bundle declares.
[DscResource()]
class ${RESOURCE.className} {
    # The endpoint name, as registered.
    [DscProperty(Key)] [string] $Name
    # The bundle's identity; Install-<endpoint>.ps1 refuses any other.
    [DscProperty(Mandatory)] [string] $BundleSha256
    # SHA-256 of Install-<endpoint>.ps1 in Bundles\<endpoint>.
    [DscProperty(Mandatory)] [string] $InstallScriptSha256
    # The .pssc, relative to the bundle.
    [DscProperty(Mandatory)] [string] $ConfigFile
    # The modules, each installed as Program Files\WindowsPowerShell\Modules\<Module>\ (no version folder).
    [DscProperty(Mandatory)] [string[]] $Modules
    # Every file of the bundle as '<sha256> <path>'.
    [DscProperty(Mandatory)] [string[]] $Files
    # The SDDL with <<Pn>> where the SID of Principals[n] goes.
    [DscProperty(Mandatory)] [string] $SddlTemplate
    # The principals the SDDL names.
    [DscProperty()] [string[]] $Principals = @()
    # What differs from the declaration.
    [DscProperty(NotConfigurable)] [Reason[]] $Reasons

    [${RESOURCE.className}] Get() {
        $current = [${RESOURCE.className}]::new()
        foreach ($property in 'Name', 'BundleSha256', 'InstallScriptSha256', 'ConfigFile', 'Modules', 'Files', 'SddlTemplate', 'Principals') { $current.$property = $this.$property }
        $current.Reasons = @(Get-JeajitEndpointReason $this)
        return $current
    }

    [bool] Test() {
        return @(Get-JeajitEndpointReason $this).Count -eq 0
    }

    [void] Set() {
        Install-JeajitEndpoint $this
    }
}`;

/**
 * The module script: the Reason and JeajitEndpoint classes and the functions they use. Get
 * returns every difference as a Reason (Code `JeajitEndpoint:JeajitEndpoint:<id>`): the package's
 * bundle damaged (BundleDamaged), a module, role or file missing, changed or extra under Program
 * Files\WindowsPowerShell\Modules (ModuleMissing, RoleMissing, FileMissing, FileTampered,
 * FileUnexpected), and, read in Windows PowerShell 5.1 by the probe, another module's role of the
 * same name (RoleShadowed), principals that do not resolve (PrincipalUnresolved), the endpoint not
 * registered (NotRegistered), registered as a PowerShell 7 endpoint (WrongEdition), from another
 * .pssc (ConfigurationChanged) or with another SDDL (SddlChanged). Test is true when there is no
 * reason. Set checks the package's bundle and runs its Install-<endpoint>.ps1 through
 * powershell.exe. Written for Windows PowerShell 5.1 as well as 7 (the parser and the 5.1
 * compatibility check judge it in test/engine/guestconfig.test.ts).
 */
export function resourceModuleScript(): Uint8Array {
  return scriptFile([
    '<#',
    '.SYNOPSIS',
    `The ${RESOURCE.className} DSC resource of a jeajit Machine Configuration package: checks that a JEA endpoint is installed and registered as declared, and installs it from the bundle in ${BUNDLES_FOLDER}\\<endpoint>. Generated by jeajit: do not edit.`,
    '#>',
    'Set-StrictMode -Version 3.0',
    '',
    SCRIPT_FUNCTIONS.sha256,
    SCRIPT_FUNCTIONS.joinPath,
    WINDOWS_POWERSHELL,
    CHECKS,
    INSTALL,
    '',
    CLASSES,
  ]);
}
