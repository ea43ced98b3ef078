# Reads data files with Import-PowerShellDataFile and answers, per file, the value with its .NET
# types spelled out (so that the JavaScript side compares types explicitly), or the error.
# Input: { files: [{ id, path }] }. Output: { version, results: { <id>: { ok, value | error } } }.
param([Parameter(Mandatory)] [string] $InputPath, [Parameter(Mandatory)] [string] $OutputPath)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'tagged.ps1')

$request = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
$results = [ordered]@{}
foreach ($file in $request.files) {
    try {
        $value = Import-PowerShellDataFile -LiteralPath $file.path
        $results[[string]$file.id] = [ordered]@{ ok = $true; value = (ConvertTo-Tagged $value) }
    } catch {
        $results[[string]$file.id] = [ordered]@{ ok = $false; error = $_.Exception.Message }
    }
}
Write-Answer $OutputPath ([ordered]@{ version = $PSVersionTable.PSVersion.ToString(); results = $results })
