<#
.SYNOPSIS
Dot-source in BeforeDiscovery and BeforeAll: the suite's inputs and what the test files share
(estate hosts, running the generated scripts, the SDDL a host should get, JEA sessions built by
the engine from installed files).

.DESCRIPTION
The inputs are a JSON file named by $env:JEAJIT_PESTER_INPUT (test/engine/pester.test.ts writes
it, test/engine/ps/pester-run.ps1 sets the variable):
  base     { <endpoint>: <folder of its synthesized files> }: the example estate and an endpoint
           whose roles come from two modules
  changed  the same endpoints, synthesized after the changes listed in changes
  changes  { role: [endpoints whose role changed], acl: [endpoints whose ACL changed],
             modules: { <endpoint>: [modules whose files changed] } }
  example  the endpoint names of the example estate; twoModules: the two-module endpoint
  collector  the drift collector generated for the example estate
  exampleOut the synth output of the example estate
  stacks     { example: its cdk.tf.json (inline run commands), blob: the cdk.tf.json that delivers
             the two-module endpoint by blob }
  snapshots  the folder Collector.Tests.ps1 writes the collector's snapshots to, for jest
#>

function Get-PesterInput {
    <# .SYNOPSIS The suite's inputs (see the file's help), read once. #>
    if (-not $env:JEAJIT_PESTER_INPUT) { throw 'JEAJIT_PESTER_INPUT is not set: run the suite through test/engine/ps/pester-run.ps1 (npx jest test/engine/pester)' }
    $cached = Get-Variable -Name JeajitPesterInput -Scope Global -ErrorAction SilentlyContinue
    if (-not $cached -or $cached.Value.Path -ne $env:JEAJIT_PESTER_INPUT) {
        $global:JeajitPesterInput = @{ Path = $env:JEAJIT_PESTER_INPUT; Value = Get-Content -LiteralPath $env:JEAJIT_PESTER_INPUT -Raw | ConvertFrom-Json }
    }
    $global:JeajitPesterInput.Value
}

function Get-EndpointFolder {
    <# .SYNOPSIS The folder of an endpoint's synthesized files, of the base or the changed synth. #>
    param([string] $Name, [switch] $Changed)
    $set = if ($Changed) { (Get-PesterInput).changed } else { (Get-PesterInput).base }
    $folder = $set.PSObject.Properties[$Name]
    if (-not $folder) { throw "no synthesized endpoint '$Name' in the inputs" }
    $folder.Value
}

function Get-EndpointManifest {
    <# .SYNOPSIS endpoint.json of an endpoint's folder. #>
    param([string] $Folder)
    Get-Content -LiteralPath (Join-Path $Folder 'endpoint.json') -Raw | ConvertFrom-Json
}

function Get-EstatePrincipal {
    <#
    .SYNOPSIS
    Every principal name the endpoints of the inputs resolve, with a made-up SID each (a domain of
    its own, one RID a name, in name order): what the host's account database answers.
    #>
    $names = New-Object System.Collections.Generic.SortedSet[string] ([StringComparer]::OrdinalIgnoreCase)
    foreach ($set in @((Get-PesterInput).base, (Get-PesterInput).changed)) {
        foreach ($p in $set.PSObject.Properties) { foreach ($n in @((Get-EndpointManifest $p.Value).acl.names)) { [void] $names.Add($n) } }
    }
    $table = [ordered]@{}
    $rid = 1101
    foreach ($n in $names) { $table[$n] = "S-1-5-21-3623811015-3361044348-30300820-$rid"; $rid++ }
    $table
}

function New-EstateHost {
    <# .SYNOPSIS A simulated host whose account database knows every principal of the inputs, but those in -Unknown. #>
    param([string[]] $Unknown = @())
    $table = Get-EstatePrincipal
    foreach ($n in $Unknown) { $table.Remove($n) }
    New-SimulatedHost -Principals $table
}

function Invoke-Install {
    <# .SYNOPSIS Runs Install-<endpoint>.ps1 of a synthesized folder, as a run command does; returns its output as text lines. #>
    param([string] $Name, [switch] $Changed, [hashtable] $Parameters = @{})
    $folder = Get-EndpointFolder $Name -Changed:$Changed
    @(& (Join-Path $folder "Install-$Name.ps1") @Parameters 3>$null | ForEach-Object { [string] $_ })
}

function Invoke-Unregister {
    <# .SYNOPSIS Runs the staged Unregister-<endpoint>.ps1 (or the synthesized one when nothing is staged); returns its output lines. #>
    param([string] $Name)
    $script = Join-Path (Get-StageFolder $Name) "Unregister-$Name.ps1"
    if (-not (Test-Path -LiteralPath $script)) { $script = Join-Path (Get-EndpointFolder $Name) "Unregister-$Name.ps1" }
    @(& $script 3>$null | ForEach-Object { [string] $_ })
}

function Get-StageFolder {
    <# .SYNOPSIS Where Install-<endpoint>.ps1 stages an endpoint's files: $env:ProgramFiles\WindowsPowerShell\jeajit\<Name>. #>
    param([string] $Name)
    Join-Path (Join-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell') 'jeajit') $Name
}

function Test-StageChange {
    <# .SYNOPSIS Whether a Compare-SimulatedHostFile line is about the stage (Install-*.ps1 stages files before Register-*.ps1 checks them). #>
    param([string] $Line)
    $Line -match '^. Program Files/WindowsPowerShell/jeajit(/|$)'
}

function Get-ExpectedSddl {
    <# .SYNOPSIS The SDDL the endpoint must be registered with: its declared template with the host's SIDs, canonical. #>
    param([string] $Folder)
    $manifest = Get-EndpointManifest $Folder
    $sids = Get-EstatePrincipal
    $sddl = $manifest.acl.sddlTemplate
    $names = @($manifest.acl.names)
    for ($i = 0; $i -lt $names.Count; $i++) { $sddl = $sddl.Replace("<<P$i>>", $sids[$names[$i]]) }
    ConvertTo-SimulatedCanonicalSddl $sddl
}

function Get-FileSha256 {
    <# .SYNOPSIS The SHA-256 of a file, lowercase. #>
    param([string] $Path)
    (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant()
}

function New-EngineSession {
    <#
    .SYNOPSIS
    Builds the session JEA builds from a .pssc for a user who is the given principals, with
    PSModulePath set to the given folders (the host's Modules folder by default); throws what the
    engine throws (CouldNotFindRoleCapability when a role is not found).
    #>
    param([string] $Pssc, [string[]] $Principals, [string[]] $ModulePath = @((Get-SimulatedHost).Folders.Modules))
    $saved = $env:PSModulePath
    try {
        $env:PSModulePath = $ModulePath -join [System.IO.Path]::PathSeparator
        $verifier = [Func[string, bool]] { param($group) $Principals -contains $group }.GetNewClosure()
        [System.Management.Automation.Runspaces.InitialSessionState]::CreateFromSessionConfigurationFile($Pssc, $verifier)
    }
    finally { $env:PSModulePath = $saved }
}

function Get-ModuleFileExpectation {
    <# .SYNOPSIS The module files of a synthesized endpoint as they must be installed: relative path under Modules and SHA-256, and each module's RoleCapabilities folder as 'dir'. #>
    param([string] $Folder)
    $manifest = Get-EndpointManifest $Folder
    $expected = [ordered]@{}
    foreach ($module in $manifest.modules) {
        foreach ($file in @($manifest.files | Where-Object { $_.path.StartsWith($module.name + '/') })) { $expected[$file.path] = $file.sha256 }
        $expected["$($module.name)/RoleCapabilities"] = 'dir'
    }
    $expected
}

function Get-InstalledModuleFile {
    <# .SYNOPSIS The files under the host's Modules\<Module> folders: relative path (with /) and SHA-256. #>
    param([string[]] $Module)
    $root = (Get-SimulatedHost).Folders.Modules
    $found = [ordered]@{}
    foreach ($name in $Module) {
        $dir = Join-Path $root $name
        if (-not (Test-Path -LiteralPath $dir)) { continue }
        foreach ($item in @(Get-ChildItem -LiteralPath $dir -Recurse -Force | Sort-Object FullName)) {
            $relative = $item.FullName.Substring($root.Length + 1).Replace('\', '/')
            $found[$relative] = $(if ($item.PSIsContainer) { 'dir' } else { Get-FileSha256 $item.FullName })
        }
    }
    $found
}

function Get-PwshPath {
    <# .SYNOPSIS The pwsh executable to start a child process with: the one jest found, or the one of this process. #>
    if ($env:JEAJIT_PWSH_FOUND) { return $env:JEAJIT_PWSH_FOUND }
    if ($env:JEAJIT_PWSH) { return $env:JEAJIT_PWSH }
    Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
}

function Format-Dictionary {
    <# .SYNOPSIS A dictionary as sorted 'key = value' lines, for comparisons whose failure shows the difference. #>
    param([System.Collections.IDictionary] $Dictionary)
    @($Dictionary.Keys | Sort-Object | ForEach-Object { "$_ = $($Dictionary[$_])" })
}
