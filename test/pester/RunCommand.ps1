<#
.SYNOPSIS
Dot-source in BeforeAll: the Run Command extension of Azure VMs (managed run commands,
azurerm_virtual_machine_run_command) as far as it decides how a script and its parameters reach
PowerShell on the host.

.DESCRIPTION
What is known of it:
- Microsoft's "Run scripts in your Windows VM by using managed Run Commands"
  (MicrosoftDocs/azure-compute-docs, articles/virtual-machines/windows/run-command-managed.md):
  on Windows, parameters and protected parameters are given to the script as
  `script.ps1 -name1 value1 -name2 value2`, in that order; only string values exist.
- The values are put on that command line as they are, unquoted: Azure/azure-powershell#7269 and
  Azure/azure-cli#25042 report a value with spaces arriving cut at its first space, and
  Azure/azure-powershell#29880 characters cmd.exe treats as special (^ & | < > ") consumed.
- The inline script (source.script) is saved as a file and run from it; a script by URI
  (source.scriptUri) is downloaded and run the same way.
How the extension starts PowerShell is not documented. Two readings are simulated, and the tests
hold under both:
  File     powershell.exe -File <script> <arguments>: the command line is split into arguments
           as the Windows C runtime does (CommandLineToArgvW rules), then each -Name takes the
           next argument as its value, a string.
  Command  the text `& '<script>' <arguments>` parsed by PowerShell, as -Command would.
The script runs in this process, so that the simulated host's mocks apply to it; a terminating
error becomes exit code 1 with its message, as for powershell.exe -File.
#>

function ConvertTo-RunCommandArgument {
    <# .SYNOPSIS The arguments the extension writes after the script: '-name value' for each parameter, in order, values as they are. #>
    param([object[]] $Parameter = @())
    @($Parameter | ForEach-Object { "-$($_.name) $($_.value)" }) -join ' '
}

function Split-WindowsCommandLine {
    <#
    .SYNOPSIS
    Splits a command line into arguments by the rules of the Windows C runtime: spaces and tabs
    separate arguments outside double quotes; a double quote opens or closes a quoted part and is
    dropped; 2n backslashes before a double quote stand for n, 2n+1 for n and a literal double
    quote; other backslashes are literal; single quotes are ordinary characters.
    #>
    param([string] $CommandLine)
    $arguments = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new()
    $quoted = $false
    $started = $false
    for ($i = 0; $i -lt $CommandLine.Length; $i++) {
        $c = $CommandLine[$i]
        if ($c -eq '\') {
            $n = 0
            while ($i -lt $CommandLine.Length -and $CommandLine[$i] -eq '\') { $n++; $i++ }
            if ($i -lt $CommandLine.Length -and $CommandLine[$i] -eq '"') {
                [void] $current.Append([char] '\', [int] [math]::Floor($n / 2))
                if ($n % 2 -eq 1) { [void] $current.Append('"') } else { $quoted = -not $quoted }
            }
            else { [void] $current.Append([char] '\', $n); $i-- }
            $started = $true
        }
        elseif ($c -eq '"') { $quoted = -not $quoted; $started = $true }
        elseif (($c -eq ' ' -or $c -eq "`t") -and -not $quoted) {
            if ($started) { $arguments.Add($current.ToString()); [void] $current.Clear(); $started = $false }
        }
        else { [void] $current.Append($c); $started = $true }
    }
    if ($started) { $arguments.Add($current.ToString()) }
    $arguments.ToArray()
}

function Split-CommandLineByDotNet {
    <#
    .SYNOPSIS
    How .NET splits ProcessStartInfo.Arguments into a program's arguments on this system (on
    Unix it follows the Windows rules): printf prints each argument it is given, NUL-terminated.
    #>
    param([string] $CommandLine)
    $start = [System.Diagnostics.ProcessStartInfo]::new('printf', '%s\0 ' + $CommandLine)
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $text = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $text.Split([char] 0) | Select-Object -SkipLast 1
}

function Invoke-SimulatedRunCommand {
    <#
    .SYNOPSIS
    Runs a run command's script on the simulated host as the extension does: saves the inline
    script text (or takes the downloaded file), puts the parameters on its command line, and runs
    it. Returns ExitCode, Output (lines), Error, CommandLine and, for the File reading, Arguments.
    .PARAMETER Script
    The inline script (source.script), saved as UTF-8 without BOM, as sent.
    .PARAMETER ScriptFile
    A downloaded script (source.scriptUri), copied as it is.
    #>
    param(
        [string] $Script,
        [string] $ScriptFile,
        [object[]] $Parameter = @(),
        [ValidateSet('File', 'Command')] [string] $Reading = 'File',
        [string] $Name = 'jeajit'
    )
    $downloads = Join-Path (Get-SimulatedHost).Folders.Root (Join-Path 'Packages' (Join-Path 'Plugins' (Join-Path 'Microsoft.CPlat.Core.RunCommandHandlerWindows' 'Downloads')))
    New-Item -ItemType Directory -Force -Path $downloads | Out-Null
    $path = Join-Path $downloads "$Name.ps1"
    if ($ScriptFile) { Copy-Item -LiteralPath $ScriptFile -Destination $path -Force }
    else { [System.IO.File]::WriteAllText($path, $Script, [System.Text.UTF8Encoding]::new($false)) }
    $argumentText = ConvertTo-RunCommandArgument $Parameter
    $result = [ordered]@{ ExitCode = 0; Output = [System.Collections.Generic.List[string]]::new(); Error = ''; CommandLine = "$path $argumentText"; Arguments = $null }
    try {
        if ($Reading -eq 'File') {
            $arguments = @(Split-WindowsCommandLine $argumentText)
            $result.Arguments = $arguments
            $named = @{}
            $positional = [System.Collections.Generic.List[object]]::new()
            for ($i = 0; $i -lt $arguments.Count; $i++) {
                if ($arguments[$i] -match '^-([A-Za-z_]\w*)$' -and $i + 1 -lt $arguments.Count) { $named[$Matches[1]] = $arguments[$i + 1]; $i++ }
                else { $positional.Add($arguments[$i]) }
            }
            $positionalArguments = $positional.ToArray()
            & $path @named @positionalArguments 2>&1 3>&1 | ForEach-Object { $result.Output.Add([string] $_) }
        }
        else {
            $command = [scriptblock]::Create("& '$($path.Replace("'", "''"))' $argumentText")
            & $command 2>&1 3>&1 | ForEach-Object { $result.Output.Add([string] $_) }
        }
    }
    catch {
        $result.ExitCode = 1
        $result.Error = $_.Exception.Message
    }
    [pscustomobject] $result
}
