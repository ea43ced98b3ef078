# Asks the engine what a user can run: for each case, builds the session state JEA builds
# ([InitialSessionState]::CreateFromSessionConfigurationFile with a role verifier that says which
# RoleDefinitions principals the user is), opens the runspace, and reads what is public in it:
# commands (proxies with their parameters and validation attributes), aliases, applications,
# scripts, providers and the language mode. Optional calls are then made as a remote user makes
# them (PowerShell API, CommandOrigin Runspace), each answered with success or the error.
# Input: { stubs: [{ module, name, parameters }], stubRoot, cases: [{ id, pssc, modulePath, principals, calls? }] }
# A call is { command, parameters: { name: value }, script? }.
param([Parameter(Mandatory)] [string] $InputPath, [Parameter(Mandatory)] [string] $OutputPath)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'tagged.ps1')

$request = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json

# Commands the roles name that this pwsh lacks (Windows-only cmdlets, server modules) become stub
# functions in modules of the same name, so that what JEA does with them can be seen here.
$stubModules = @{}
foreach ($stub in @($request.stubs)) {
    if (-not $stubModules.ContainsKey($stub.module)) {
        if (Get-Module -ListAvailable -Name $stub.module) { $stubModules[$stub.module] = $null; continue }
        $stubModules[$stub.module] = [System.Collections.Generic.List[string]]::new()
    }
    $functions = $stubModules[$stub.module]
    if ($null -eq $functions -or -not $stub.name) { continue }   # a real module, or one to import only
    if (Get-Command -Name $stub.name -CommandType Cmdlet, Function -ErrorAction Ignore) { continue }
    $params = (@($stub.parameters) | Where-Object { $_ } | ForEach-Object { "[Parameter()] `${$_}" }) -join ', '
    $functions.Add("function $($stub.name) { [CmdletBinding()] param($params) 'stub' }")
}
foreach ($module in @($stubModules.Keys)) {
    if ($null -eq $stubModules[$module]) { continue }
    $dir = Join-Path $request.stubRoot $module
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Set-Content -LiteralPath (Join-Path $dir "$module.psm1") -Value ($stubModules[$module] -join "`n")
}

$common = [System.Collections.Generic.HashSet[string]]::new([string[]]([System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters), [StringComparer]::OrdinalIgnoreCase)

function Get-ProxyTarget([System.Management.Automation.CommandInfo] $Command) {
    # A proxy made by ProxyCommand.Create names what it wraps in GetCommand('...', [CommandTypes]::X).
    if ($Command.CommandType -ne 'Function') { return $null }
    $m = [regex]::Match($Command.Definition, "GetCommand\('((?:[^']|'')+)', \[System\.Management\.Automation\.CommandTypes\]::(\w+)\)")
    if ($m.Success -and $Command.Definition -match 'GetSteppablePipeline') { return $m.Groups[1].Value.Replace("''", "'") }
    return $null
}

function Read-Session($Case) {
    $env:PSModulePath = $Case.modulePath
    $principals = [string[]] @($Case.principals)
    $verifier = [Func[string, bool]] { param($role) $principals -contains $role }.GetNewClosure()
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateFromSessionConfigurationFile($Case.pssc, $verifier)
    $rs = [runspacefactory]::CreateRunspace($iss)
    $rs.Open()
    try {
        $commands = [System.Collections.Generic.List[object]]::new()
        foreach ($c in @($rs.SessionStateProxy.InvokeCommand.GetCommands('*', [System.Management.Automation.CommandTypes]::All, $true))) {
            if ($c.Visibility -ne 'Public') { continue }
            $entry = [ordered]@{ name = $c.Name; type = [string] $c.CommandType; module = [string] $c.ModuleName }
            if ($c.CommandType -eq 'Alias') { $entry.target = [string] $c.Definition }
            $target = Get-ProxyTarget $c
            if ($target) {
                $entry.proxyOf = $target
                $params = [System.Collections.Generic.List[object]]::new()
                foreach ($p in $c.Parameters.Values) {
                    if ($common.Contains($p.Name)) { continue }
                    $param = [ordered]@{ name = $p.Name }
                    foreach ($a in $p.Attributes) {
                        if ($a -is [System.Management.Automation.ValidateSetAttribute]) { $param.validateSet = @($a.ValidValues) }
                        elseif ($a -is [System.Management.Automation.ValidatePatternAttribute]) { $param.validatePattern = $a.RegexPattern; $param.patternOptions = [string] $a.Options }
                    }
                    $params.Add($param)
                }
                $entry.parameters = $params.ToArray()
            }
            $commands.Add($entry)
        }
        $providers = @($iss.Providers | Where-Object { $_.Visibility -eq 'Public' } | ForEach-Object { $_.Name })
        $allProviders = @($iss.Providers | ForEach-Object { $_.Name })
        $allAliases = @($rs.SessionStateProxy.InvokeCommand.GetCommands('*', [System.Management.Automation.CommandTypes]::Alias, $true) | ForEach-Object { $_.Name })
        $answer = [ordered]@{
            ok = $true
            languageMode = [string] $rs.SessionStateProxy.LanguageMode
            commands = $commands.ToArray()
            applications = @($rs.SessionStateProxy.Applications)
            scripts = @($rs.SessionStateProxy.Scripts)
            providers = $providers
            allProviders = $allProviders
            allAliases = $allAliases
        }
        if ($Case.PSObject.Properties['calls'] -and $Case.calls) {
            $results = [System.Collections.Generic.List[object]]::new()
            foreach ($call in @($Case.calls)) {
                $ps = [powershell]::Create()
                $ps.Runspace = $rs
                try {
                    if ($call.PSObject.Properties['script'] -and $call.script) { $null = $ps.AddScript($call.script) }
                    else {
                        $null = $ps.AddCommand($call.command)
                        if ($call.PSObject.Properties['parameters'] -and $call.parameters) {
                            foreach ($p in $call.parameters.PSObject.Properties) { $null = $ps.AddParameter($p.Name, $p.Value) }
                        }
                    }
                    $out = $ps.Invoke()
                    if ($ps.HadErrors) { $results.Add([ordered]@{ ok = $false; error = [string] $ps.Streams.Error[0] }) }
                    else { $results.Add([ordered]@{ ok = $true; output = @($out | ForEach-Object { [string] $_ }) }) }
                } catch {
                    $e = $_.Exception
                    while ($e.InnerException) { $e = $e.InnerException }
                    $results.Add([ordered]@{ ok = $false; error = $e.Message })
                } finally { $ps.Dispose() }
            }
            $answer.calls = $results.ToArray()
        }
        return $answer
    } finally { $rs.Dispose() }
}

$saved = $env:PSModulePath
$results = [ordered]@{}
foreach ($case in @($request.cases)) {
    try { $results[[string] $case.id] = Read-Session $case }
    catch {
        $e = $_.Exception
        while ($e.InnerException) { $e = $e.InnerException }
        $results[[string] $case.id] = [ordered]@{ ok = $false; error = $e.Message }
    }
    finally { $env:PSModulePath = $saved }
}
Write-Answer $OutputPath ([ordered]@{ version = $PSVersionTable.PSVersion.ToString(); results = $results })
