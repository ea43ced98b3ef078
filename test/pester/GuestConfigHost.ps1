<#
.SYNOPSIS
Dot-source in BeforeAll of GuestConfig.Tests.ps1 (after SimulatedHost.psm1, WindowsCommands.ps1,
TestSupport.ps1 and RunCommand.ps1): the Machine Configuration packages of the suite's inputs,
the JeajitDsc module loaded from one, and a simulated powershell.exe.

.DESCRIPTION
The inputs (test/engine/guestconfig.test.ts writes them) add to TestSupport.ps1's:
  guestconfig.packages  [{ endpoint, name, zip, sha256, extractTo, entries, properties }]: each
                        package as built by machineConfigurationPackage, where to expand it, its
                        entries in zip order, and the JeajitEndpoint properties its MOF sets
                        (read back by the test's MOF reader).
The resource starts every process through its function Start-JeajitProcess; the mock hands the
command line to Invoke-SimulatedProcess, which splits it as Windows does (Split-WindowsCommandLine),
records it, and runs the -File script in this process, as powershell.exe would, so that the
simulated host's mocks apply to it. Only Windows PowerShell at its System32 path is a program
on this host.
#>

function Get-GuestConfigPackage {
    <# .SYNOPSIS The input record of an endpoint's package. #>
    param([string] $Name)
    $package = @((Get-PesterInput).guestconfig.packages | Where-Object { $_.endpoint -eq $Name })
    if ($package.Count -ne 1) { throw "no Machine Configuration package of endpoint '$Name' in the inputs" }
    $package[0]
}

function Expand-GuestConfigPackage {
    <# .SYNOPSIS Expands a package with Expand-Archive (System.IO.Compression) into a fresh folder; returns the folder. #>
    param($Package)
    if (Test-Path -LiteralPath $Package.extractTo) { Remove-Item -LiteralPath $Package.extractTo -Recurse -Force }
    Expand-Archive -LiteralPath $Package.zip -DestinationPath $Package.extractTo
    $Package.extractTo
}

function Import-GuestConfigModule {
    <# .SYNOPSIS Expands a package and imports its JeajitDsc module, after removing that of another package; returns the module. #>
    param($Package)
    Get-Module -Name JeajitDsc | Remove-Module -Force
    $folder = Expand-GuestConfigPackage $Package
    Import-Module (Join-Path (Join-Path (Join-Path $folder 'Modules') 'JeajitDsc') 'JeajitDsc.psd1') -Force -PassThru
}

function New-JeajitResource {
    <# .SYNOPSIS A JeajitEndpoint of the module with the properties the MOF sets, as Invoke-DscResource makes one. #>
    param([psmoduleinfo] $Module, $Properties)
    & $Module {
        param($Values)
        $resource = [JeajitEndpoint]::new()
        foreach ($p in $Values.PSObject.Properties) { $resource.($p.Name) = $p.Value }
        $resource
    } $Properties
}

function New-GuestConfigHost {
    <#
    .SYNOPSIS
    A simulated estate host (TestSupport.ps1) whose $env:SystemRoot is the folder standing for
    C:\Windows, so that Windows PowerShell's path is System32\WindowsPowerShell\v1.0\powershell.exe there.
    #>
    param([string[]] $Unknown = @())
    $script:SavedSystemRoot = [Environment]::GetEnvironmentVariable('SystemRoot')
    $sim = New-EstateHost -Unknown $Unknown
    $env:SystemRoot = $sim.Folders.Root
    $sim
}

function Remove-GuestConfigHost {
    <# .SYNOPSIS Removes the host and puts $env:SystemRoot back. #>
    Remove-SimulatedHost
    if ($null -eq $script:SavedSystemRoot) { Remove-Item -LiteralPath env:SystemRoot -ErrorAction SilentlyContinue } else { $env:SystemRoot = $script:SavedSystemRoot }
}

function Get-SimulatedWindowsPowerShell {
    <# .SYNOPSIS The Windows path of the only program on this host: Windows PowerShell 5.1, 64-bit. #>
    'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe'
}

function global:Invoke-SimulatedProcess {
    <#
    .SYNOPSIS
    A process start on the simulated host: records 'powershell.exe' (FilePath as its Windows path,
    Arguments as Windows splits the command line, CommandLine) and, when it is Windows PowerShell
    with -File, runs the script here with its arguments bound by name (a switch takes no value),
    then records 'powershell.exe exit'. A terminating error is exit code 1 with its message, as for
    powershell.exe -File. Returns ExitCode, Output and Error (text).
    #>
    param([string] $FilePath, [string] $Arguments)
    $argv = @(Split-WindowsCommandLine $Arguments)
    $program = ConvertTo-SimulatedWindowsPath $FilePath
    $start = Add-SimulatedCall 'powershell.exe' ([ordered]@{ FilePath = $program; Arguments = $argv; CommandLine = $Arguments })
    $result = [ordered]@{ ExitCode = 0; Output = ''; Error = '' }
    $file = [array]::IndexOf([string[]] $argv, '-File')
    if ($program -ne (Get-SimulatedWindowsPowerShell)) { $result.ExitCode = 9009; $result.Error = "'$program' is not a program on this host" }
    elseif ($file -lt 0 -or $file + 1 -ge $argv.Count) { $result.ExitCode = 1; $result.Error = 'simulated powershell.exe: only -File <script> is simulated' }
    else {
        $script = $argv[$file + 1]
        $parameters = (Get-Command -Name $script).Parameters
        $named = @{}
        for ($i = $file + 2; $i -lt $argv.Count; $i++) {
            if ($argv[$i] -notmatch '^-(\w+)$' -or -not $parameters.ContainsKey($Matches[1])) { $result.ExitCode = 1; $result.Error = "simulated powershell.exe: '$($argv[$i])' is not a parameter of '$script'"; break }
            $name = $Matches[1]
            if ($parameters[$name].SwitchParameter) { $named[$name] = $true }
            else { $named[$name] = $argv[$i + 1]; $i++ }
        }
        if ($result.ExitCode -eq 0) {
            $lines = [System.Collections.Generic.List[string]]::new()
            try { & $script @named 2>&1 3>&1 | ForEach-Object { $lines.Add([string] $_) } }
            catch { $result.ExitCode = 1; $result.Error = $_.Exception.Message }
            $result.Output = $lines -join "`n"
        }
    }
    Add-SimulatedCall 'powershell.exe exit' ([ordered]@{ ExitCode = $result.ExitCode; Start = $start }) | Out-Null
    [pscustomobject] $result
}

function Enable-GuestConfigMock {
    <#
    .SYNOPSIS
    The simulated host's mocks (WindowsCommands.ps1), the resource's process starts through
    Invoke-SimulatedProcess, and Get-PSSessionConfiguration reporting the PSVersion a registration
    was given by Set-SimulatedPowerShell7Registration.
    #>
    Enable-SimulatedHostMock
    Mock -ModuleName JeajitDsc Start-JeajitProcess { Invoke-SimulatedProcess -FilePath $FilePath -Arguments $Arguments }
    Mock Get-PSSessionConfiguration {
        $found = @(Get-SimulatedSessionConfiguration -Name $Name)
        if ($found.Count -eq 0 -and $Name) { Write-Error -Message "No session configuration matches criteria ""$($Name -join ', ')""." -Category ObjectNotFound }
        foreach ($o in $found) {
            $edition = (Get-SimulatedEndpoint $o.Name).PSObject.Properties['PSVersion']
            if ($edition) { $o.PSVersion = $edition.Value }
            $o
        }
    }
}

function Set-SimulatedPowerShell7Registration {
    <# .SYNOPSIS Makes a registered endpoint one PowerShell 7 registered (PSVersion 7.x), until it is registered again. #>
    param([string] $Name, [string] $Version = '7.4')
    Get-SimulatedEndpoint $Name | Add-Member -NotePropertyName PSVersion -NotePropertyValue $Version -Force
}

function Get-ProcessSpan {
    <# .SYNOPSIS The recorded powershell.exe runs: the index of their start and exit in the log, and the start record. #>
    param([object[]] $Calls)
    foreach ($exit in @($Calls | Where-Object Command -EQ 'powershell.exe exit')) {
        [pscustomobject]@{ Start = $exit.Parameters.Start; End = $exit.Index; Call = @($Calls | Where-Object Index -EQ $exit.Parameters.Start)[0] }
    }
}

function Test-InsideProcess {
    <# .SYNOPSIS Whether a recorded call happened inside a powershell.exe run. #>
    param($Call, [object[]] $Spans)
    [bool] @($Spans | Where-Object { $_.Start -lt $Call.Index -and $Call.Index -lt $_.End }).Count
}

function Get-ReasonId {
    <# .SYNOPSIS The reason ids of Get's Reasons (the part of Code after JeajitEndpoint:JeajitEndpoint:), sorted. #>
    param($Reasons)
    @(@($Reasons) | ForEach-Object { $_.Code -replace '^JeajitEndpoint:JeajitEndpoint:', '' } | Sort-Object)
}
