# Runs each case's calls in a real session built from its own .pssc (the role in a module on the
# module path), as a remote caller would make them (command objects, no script), then says which
# proof files exist: what the engine let the caller do. Input: { cases: [{ id, dir, pssc, calls:
# [{ command, parameters, then?, thenParameters? }], proofs: [path], zips: [{ zip, file }] }] }.
param([string] $InputPath, [string] $OutputPath)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'tagged.ps1')
$cases = (Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json).cases

# JSON arrays arrive as object[]; a parameter of one value takes it as is.
function ConvertTo-Argument($Value) {
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $h = @{}; foreach ($p in $Value.PSObject.Properties) { $h[$p.Name] = ConvertTo-Argument $p.Value }; return $h
    }
    return $Value
}

$answers = foreach ($case in $cases) {
    $saved = $env:PSModulePath
    $env:PSModulePath = (Join-Path $case.dir 'Modules') + [IO.Path]::PathSeparator + $saved
    $result = [ordered]@{ id = $case.id; calls = @(); proofs = [ordered]@{} }
    foreach ($z in $case.zips) {
        $archive = [System.IO.Compression.ZipFile]::Open($z.zip, 'Create')
        [void] [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $z.file, (Split-Path -Leaf $z.file))
        $archive.Dispose()
    }
    $ps = $null
    try {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateFromSessionConfigurationFile($case.pssc, { param($group) $true })
        $ps = [powershell]::Create($iss)
        foreach ($call in $case.calls) {
            $ps.Commands.Clear(); $ps.Streams.Error.Clear()
            try {
                [void] $ps.AddCommand($call.command)
                if ($call.parameters) { foreach ($p in $call.parameters.PSObject.Properties) { [void] $ps.AddParameter($p.Name, (ConvertTo-Argument $p.Value)) } }
                if ($call.then) {
                    [void] $ps.AddCommand($call.then)
                    if ($call.thenParameters) { foreach ($p in $call.thenParameters.PSObject.Properties) { [void] $ps.AddParameter($p.Name, (ConvertTo-Argument $p.Value)) } }
                }
                [void] $ps.Invoke()
                $result.calls += [ordered]@{ ok = ($ps.Streams.Error.Count -eq 0); errors = @($ps.Streams.Error | ForEach-Object { [string] $_ }) }
            } catch {
                $result.calls += [ordered]@{ ok = $false; errors = @($_.Exception.InnerException.Message ?? $_.Exception.Message) }
            }
        }
    } catch {
        $result.sessionError = $_.Exception.Message
    } finally {
        if ($ps) { $ps.Dispose() }
        $env:PSModulePath = $saved
    }
    # background jobs write after the call returns
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    foreach ($proof in $case.proofs) {
        while (-not (Test-Path -LiteralPath $proof) -and $case.waitForProofs -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        $result.proofs[$proof] = Test-Path -LiteralPath $proof
    }
    $result
}
Write-Answer $OutputPath @($answers)
