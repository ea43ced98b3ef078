# Runs the Pester suites (test/pester/*.Tests.ps1) in this one pwsh process and writes every
# test's result as JSON, for jest to turn into one jest test each.
# Input: { pester: <path of Pester.psd1>, version: '5.7.1', tests: <folder of *.Tests.ps1>, ... }
# (the whole input is what the test files read, through $env:JEAJIT_PESTER_INPUT).
# Answer: { loaded, error?, version, durationMs, tests: [{ file, name, result, message, ms }],
#           failures: [{ name, message }] } where failures are blocks and files that failed
# outside any test (a BeforeAll that throws, a file that does not parse).
param([Parameter(Mandatory)] [string] $InputPath, [Parameter(Mandatory)] [string] $OutputPath)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'tagged.ps1')

$request = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
try {
    $pester = Import-Module -Name $request.pester -PassThru -Force
    if ($pester.Version -ne [version] $request.version) { throw "found Pester $($pester.Version), not $($request.version)" }
}
catch {
    Write-Answer $OutputPath ([ordered]@{ loaded = $false; error = "Pester $($request.version) could not be loaded from '$($request.pester)': $($_.Exception.Message). Run scripts/install-engine.sh." })
    exit 0
}

# The text of a Pester error record: Pester's own rendering when it made one.
function Get-ErrorText($Records) {
    $lines = foreach ($record in @($Records)) {
        $display = $record.PSObject.Properties['DisplayErrorMessage']
        $text = if ($display -and $display.Value) { [string] $display.Value } else { [string] $record.Exception.Message }
        $stack = $record.PSObject.Properties['DisplayStackTrace']
        if ($stack -and $stack.Value) { $text += "`n" + [string] $stack.Value }
        $text
    }
    @($lines) -join "`n"
}

# A test or block's names from the file's outermost Describe down, data-driven names expanded.
function Get-Title($Item) {
    $names = New-Object System.Collections.Generic.List[string]
    $names.Add($Item.ExpandedName)
    $block = if ($Item.PSObject.Properties['IsRoot']) { $Item.Parent } else { $Item.Block }   # a block, or a test
    for (; $block -and -not $block.IsRoot; $block = $block.Parent) { $names.Insert(0, $block.ExpandedName) }
    $names -join ' > '
}

$env:JEAJIT_PESTER_INPUT = $InputPath
$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem -LiteralPath $request.tests -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object { $_.FullName })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'None'
$started = [DateTime]::UtcNow
$result = Invoke-Pester -Configuration $config

$tests = foreach ($test in @($result.Tests)) {
    [ordered]@{
        file = [System.IO.Path]::GetFileName($test.Block.BlockContainer.Item)
        name = Get-Title $test
        result = [string] $test.Result
        message = Get-ErrorText $test.ErrorRecord
        ms = [int] $test.Duration.TotalMilliseconds
    }
}
$failures = @(
    foreach ($container in @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.ErrorRecord.Count -gt 0 })) {
        [ordered]@{ name = [System.IO.Path]::GetFileName([string] $container.Item) + ' (the file)'; message = Get-ErrorText $container.ErrorRecord }
    }
    foreach ($block in @($result.FailedBlocks)) {
        [ordered]@{ name = [System.IO.Path]::GetFileName($block.BlockContainer.Item) + ' > ' + (Get-Title $block); message = Get-ErrorText $block.ErrorRecord }
    }
)
Write-Answer $OutputPath ([ordered]@{
    loaded = $true
    version = [string] $pester.Version
    durationMs = [int] ([DateTime]::UtcNow - $started).TotalMilliseconds
    tests = @($tests)
    failures = $failures
})
