# The premises of the danger classes (src/danger), each settled by running the engine. Input:
# { dir } a scratch folder. Output: one entry a premise, with what the engine did.
param([string] $InputPath, [string] $OutputPath)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'tagged.ps1')
$dir = (Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json).dir

# A runspace in a language mode; commands go in as a remote caller's do (command objects, no script).
function New-Session([string] $Mode) {
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $iss.LanguageMode = $Mode
    [powershell]::Create($iss)
}

# Runs one command with parameters (piped to a second command, if named); returns what it printed or the error it gave.
function Invoke-As([string] $Mode, [string] $Command, [hashtable] $Parameters, [string] $Then) {
    $ps = New-Session $Mode
    try {
        [void] $ps.AddCommand($Command)
        foreach ($k in $Parameters.Keys) { [void] $ps.AddParameter($k, $Parameters[$k]) }
        if ($Then) { [void] $ps.AddCommand($Then) }
        $out = @($ps.Invoke() | ForEach-Object { [string] $_ })
        $err = @($ps.Streams.Error | ForEach-Object { [string] $_ })
        [ordered]@{ ran = $true; output = $out; errors = $err }
    } catch {
        [ordered]@{ ran = $false; output = @(); errors = @($_.Exception.InnerException.Message ?? $_.Exception.Message) }
    } finally { $ps.Dispose() }
}

# Runs script text, as a session that takes script would.
function Invoke-Script([string] $Mode, [string] $Script) {
    $ps = New-Session $Mode
    try {
        $out = @($ps.AddScript($Script).Invoke() | ForEach-Object { [string] $_ })
        [ordered]@{ ran = $true; output = $out; errors = @($ps.Streams.Error | ForEach-Object { [string] $_ }) }
    } catch {
        [ordered]@{ ran = $false; output = @(); errors = @($_.Exception.InnerException.Message ?? $_.Exception.Message) }
    } finally { $ps.Dispose() }
}

$module = Join-Path $dir 'Payload.psm1'
$script = Join-Path $dir 'payload.ps1'
$moduleMark = Join-Path $dir 'module-ran.txt'
$scriptMark = Join-Path $dir 'script-ran.txt'
Set-Content -LiteralPath $module -Value "Set-Content -LiteralPath '$moduleMark' -Value ran"
Set-Content -LiteralPath $script -Value "Set-Content -LiteralPath '$scriptMark' -Value ran"

$answer = [ordered]@{}
# PSRP deserializes a script block as a string (serialization.cs, DeserializeScriptBlock)...
$answer.deserializedScriptBlock = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize({ 'ran' })).GetType().FullName
# ...and a string does not bind to a ScriptBlock parameter.
$answer.stringToScriptBlock = Invoke-As 'NoLanguage' 'Invoke-Command' @{ ScriptBlock = "'ran'" }
# A NoLanguage session takes no script at all: a remote caller sends commands.
$answer.noLanguageScript = Invoke-Script 'NoLanguage' "Get-Date -Format 'yyyy'"
# A script block object still runs in NoLanguage: the language mode guards the text, not the object.
$answer.scriptBlockObject = Invoke-As 'NoLanguage' 'Invoke-Command' @{ ScriptBlock = { 'ran' } }
# Where the session takes script, a caller writes the block: ConstrainedLanguage runs it.
$answer.constrainedLiteral = Invoke-Script 'ConstrainedLanguage' "Invoke-Command -ScriptBlock { 'ran' }"
# Import-Module by path runs the module's code, even from a NoLanguage session.
$answer.importModule = Invoke-As 'NoLanguage' 'Import-Module' @{ Name = $module }
$answer.importModuleRan = Test-Path -LiteralPath $moduleMark
# Start-Job -FilePath runs a script named by a plain string.
$answer.startJob = Invoke-As 'NoLanguage' 'Start-Job' @{ FilePath = $script } 'Wait-Job'
$answer.startJobRan = Test-Path -LiteralPath $scriptMark
# New-Object makes an object a NoLanguage caller cannot call methods on: script is refused.
$answer.methodCallNoLanguage = Invoke-Script 'NoLanguage' "(New-Object -TypeName System.Text.StringBuilder).Append('x')"
Write-Answer $OutputPath $answer
