# Dumps the command metadata of the modules that ship with this pwsh (those under $PSHOME, plus
# the Microsoft.PowerShell.Core snap-in) as one JSON document on stdout, for the command catalog
# (scripts/catalog/generate.ts). Raw facts only; the TypeScript side normalizes and merges them.
#
# Output: { version, modules: [{ name, version }], commands: [{ module, name, kind, defaultSet,
#   sets: [name], parameters: [{ name, type, aliases: [], sets: { <set>: { mandatory, position,
#   byValue, byPropertyName } } }] }] }
# A type is written as the docs print it without namespace: String[], Nullable<T> as T, generics
# as List[String]. Set '__AllParameterSets' stands for "every set". Common parameters, WhatIf and
# Confirm are left out.
param(
    # Only these modules (default: every module under $PSHOME and Microsoft.PowerShell.Core).
    [string[]] $Module
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Provider cmdlets show the dynamic parameters of the current location: read them at a fixed one.
Set-Location -LiteralPath $PSHOME

# The same list as COMMON_PARAMETERS in scripts/catalog/model.ts.
$common = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
foreach ($n in 'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable',
    'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction', 'WhatIf', 'Confirm') { [void]$common.Add($n) }

function Format-TypeName([Type] $Type) {
    if ($Type.IsArray) { return (Format-TypeName $Type.GetElementType()) + '[]' }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { return Format-TypeName $inner }
    if ($Type.IsGenericType) {
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Format-TypeName $_ })
        return ($Type.Name -replace '`\d+$', '') + '[' + ($arguments -join ',') + ']'
    }
    return $Type.Name
}

$available = @(Get-Module -ListAvailable | Where-Object { $_.ModuleBase.StartsWith($PSHOME) } | Sort-Object Name, Version -Unique)
if (-not $Module) { $Module = @('Microsoft.PowerShell.Core') + @($available.Name | Select-Object -Unique) }
$modules = foreach ($name in ($Module | Sort-Object -Unique)) {
    $found = @($available | Where-Object Name -EQ $name | Sort-Object Version -Descending)
    $version = if ($found) { $found[0].Version.ToString() } else { $PSVersionTable.PSVersion.ToString() }
    [ordered]@{ name = $name; version = $version }
}

$commands = foreach ($name in ($Module | Sort-Object -Unique)) {
    foreach ($command in @(Get-Command -Module $name -CommandType Cmdlet, Function | Sort-Object Name)) {
        $parameters = foreach ($p in @($command.Parameters.Values)) {
            if ($common.Contains($p.Name)) { continue }
            $sets = [ordered]@{}
            foreach ($entry in $p.ParameterSets.GetEnumerator()) {
                $m = $entry.Value
                $sets[$entry.Key] = [ordered]@{
                    mandatory      = [bool]$m.IsMandatory
                    position       = if ($m.Position -ge 0) { $m.Position } else { $null }
                    byValue        = [bool]$m.ValueFromPipeline
                    byPropertyName = [bool]$m.ValueFromPipelineByPropertyName
                }
            }
            [ordered]@{ name = $p.Name; type = (Format-TypeName $p.ParameterType); aliases = @($p.Aliases); sets = $sets }
        }
        $default = @($command.ParameterSets | Where-Object IsDefault | ForEach-Object Name)
        [ordered]@{
            module     = $command.Source
            name       = $command.Name
            kind       = $command.CommandType.ToString()
            defaultSet = if ($default) { $default[0] } else { $null }
            sets       = @($command.ParameterSets | ForEach-Object Name)
            parameters = @($parameters)
        }
    }
}

[ordered]@{ version = $PSVersionTable.PSVersion.ToString(); modules = @($modules); commands = @($commands) } |
    ConvertTo-Json -Depth 8 -Compress
