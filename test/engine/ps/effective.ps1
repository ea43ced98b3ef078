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
$stubsReady = $request.PSObject.Properties['stubsReady'] -and $request.stubsReady
foreach ($module in @($stubModules.Keys)) {
    if ($null -eq $stubModules[$module] -or $stubsReady) { continue }   # another batch wrote them
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

# Calls run real commands only when they are free of side effects; stubs always run. A call that
# would reach anything else (Stop-Process, Restart-Computer...) is not made, and says so.
$safe = [System.Collections.Generic.HashSet[string]]::new([string[]] @(
    'Get-Date', 'Get-Random', 'Write-Output', 'Get-Verb', 'Out-String', 'Get-Culture', 'Get-Unique', 'Get-Host', 'Get-UICulture',
    'Get-Command', 'Get-Help', 'Select-Object', 'Measure-Object', 'Get-FormatData', 'Out-Default', 'Clear-Host'), [StringComparer]::OrdinalIgnoreCase)
$stubNames = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($module in @($stubModules.Keys)) { if ($null -ne $stubModules[$module]) { $null = $stubNames.Add($module) } }

# Every command of the session, public or not, by name (one lookup per case: command discovery
# per call is slow).
function Get-CommandIndex($Runspace) {
    $index = @{}
    foreach ($c in @($Runspace.SessionStateProxy.InvokeCommand.GetCommands('*', [System.Management.Automation.CommandTypes]::All, $true))) {
        $key = $c.Name.ToLowerInvariant()
        if (-not $index.ContainsKey($key)) { $index[$key] = [System.Collections.Generic.List[object]]::new() }
        $index[$key].Add($c)
    }
    return $index
}

# The command a name reaches in the index: a function before a cmdlet, `Module\Name` by module.
function Find-Command($Index, [string] $Name) {
    $module = ''
    if ($Name.Contains('\')) { $module = $Name.Substring(0, $Name.LastIndexOf('\')); $Name = $Name.Substring($Name.LastIndexOf('\') + 1) }
    $found = $Index[$Name.ToLowerInvariant()]
    if (-not $found) { return $null }
    $candidates = @($found | Where-Object { -not $module -or $_.ModuleName -eq $module })
    $function = @($candidates | Where-Object { $_.CommandType -eq 'Function' })
    if ($function) { return $function[0] }
    if ($candidates) { return $candidates[0] }
    return $null
}

function Get-UnsafeTarget($Index, [string] $Name) {
    $c = Find-Command $Index $Name
    if (-not $c) { return $null }   # not found: the call fails without running anything
    $target = Get-ProxyTarget $c
    if ($target) { $c = Find-Command $Index $target }
    if (-not $c) { return $null }
    if ($c.CommandType -eq 'Alias') { $c = Find-Command $Index ([string] $c.Definition) }
    if (-not $c) { return $null }
    if ($c.CommandType -eq 'Function' -and ($stubNames.Contains([string] $c.ModuleName) -or -not $c.ModuleName)) { return $null }
    if ($c.CommandType -eq 'Function' -and $c.Name -match '_[0-9a-f]{32}$') { return $null }
    if ($safe.Contains($c.Name)) { return $null }
    return "$($c.ModuleName)\$($c.Name)"
}

# The module-qualified name of the command behind a proxy: its cmdlet, or its renamed function's module.
function Get-QualifiedName($Index, [string] $Name) {
    $c = Find-Command $Index $Name
    $target = if ($c) { Get-ProxyTarget $c }
    if (-not $target) { return $null }
    if ($target.Contains('\')) { return $target }
    $original = Find-Command $Index $target
    if ($original -and $original.ModuleName) { return "$($original.ModuleName)\$Name" }
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
            $index = Get-CommandIndex $rs
            foreach ($call in @($Case.calls)) {
                $ps = [powershell]::Create()
                $ps.Runspace = $rs
                try {
                    if ($call.PSObject.Properties['script'] -and $call.script) { $null = $ps.AddScript($call.script) }
                    else {
                        $name = $call.command
                        if ($call.PSObject.Properties['qualify'] -and $call.qualify) {
                            $name = Get-QualifiedName $index $name
                            if (-not $name) { $results.Add([ordered]@{ ok = $false; skipped = "no module-qualified name for $($call.command)" }); continue }
                        }
                        $unsafe = Get-UnsafeTarget $index $name
                        if ($unsafe) { $results.Add([ordered]@{ ok = $false; skipped = "not run: $unsafe is a real command outside the harness's list of side-effect-free ones" }); continue }
                        $null = $ps.AddCommand($name)
                        if ($call.PSObject.Properties['parameters'] -and $call.parameters) {
                            foreach ($p in $call.parameters.PSObject.Properties) { $null = $ps.AddParameter($p.Name, $p.Value) }
                        }
                    }
                    # The command ran (an error it then wrote is its own business): the session allowed it.
                    $out = $ps.Invoke()
                    $results.Add([ordered]@{ ok = $true; output = @($out | ForEach-Object { [string] $_ }) })
                } catch {
                    # The binding or lookup error, wherever it sits in the chain of exceptions.
                    $e = $_.Exception
                    while ($e.InnerException -and -not ($e -is [System.Management.Automation.ParameterBindingException] -or $e -is [System.Management.Automation.CommandNotFoundException])) { $e = $e.InnerException }
                    $record = if ($e -is [System.Management.Automation.IContainsErrorRecord]) { $e.ErrorRecord } else { $null }
                    $id = if ($record) { [string] $record.FullyQualifiedErrorId } else { '' }
                    $where = if ($record -and $record.InvocationInfo -and $record.InvocationInfo.MyCommand) { [string] $record.InvocationInfo.MyCommand.CommandType } else { '' }
                    # JEA refused the call when the command was not found, when script was refused, or when
                    # the proxy (a function) rejected a parameter name or value. Anything else (a type the
                    # argument cannot convert to, the cmdlet's own validation, a failure while it ran) means
                    # the session let the call through.
                    $refused = ($call.PSObject.Properties['script'] -and $call.script) -or
                        ($e -is [System.Management.Automation.CommandNotFoundException]) -or
                        ($where -eq 'Function' -and ($id -like 'ParameterArgumentValidationError*' -or $id -like 'NamedParameterNotFound*'))
                    if ($refused) { $results.Add([ordered]@{ ok = $false; error = $e.Message; errorId = $id }) }
                    else { $results.Add([ordered]@{ ok = $true; output = @(); error = $e.Message }) }
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
