# The install scripts as Azure delivers them: each azurerm_virtual_machine_run_command of the
# synthesized Terraform JSON, its script and parameters taken as the resource carries them, run the
# way the Run Command extension runs them (RunCommand.ps1 says what is known of that, and how).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $tf = Get-Content -LiteralPath (Get-PesterInput).stacks.example -Raw | ConvertFrom-Json
    $runCommands = @(foreach ($p in $tf.resource.azurerm_virtual_machine_run_command.PSObject.Properties) {
        @{ Resource = $p.Name; Endpoint = $p.Value.name.Substring('jeajit-'.Length); Script = $p.Value.source.script; Parameter = @($p.Value.parameter) }
    })
    $readings = @(@{ Reading = 'File' }, @{ Reading = 'Command' })
    $separators = @(@{ Line = '-BundleSha256 abc' }, @{ Line = '-A "x y" -B z' }, @{ Line = "-A 'x y'" }, @{ Line = '-A x\"y' }, @{ Line = '-A "x \"y\" z"' }, @{ Line = '-A a\\\\"b c"' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    . (Join-Path $PSScriptRoot 'RunCommand.ps1')
    $tf = Get-Content -LiteralPath (Get-PesterInput).stacks.example -Raw | ConvertFrom-Json
    $dns = $tf.resource.azurerm_virtual_machine_run_command.PSObject.Properties.Value | Where-Object name -EQ 'jeajit-JEA-DNS'
    $dnsHash = (Get-EndpointManifest (Get-EndpointFolder 'JEA-DNS')).bundleSha256
    # No Windows command that changes the host ran.
    function Assert-NoChangeCall { @(Get-SimulatedCall | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Restart-Service', 'WinRM restart', 'Protect-JeajitFolder') | Should -BeNullOrEmpty }
}

Describe 'run command <Resource> (JEA endpoint <Endpoint>), as the extension runs it' -ForEach $runCommands {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $folder = Get-EndpointFolder $Endpoint
        $run = Invoke-SimulatedRunCommand -Script $Script -Parameter $Parameter -Name $Resource
        $registered = Get-SimulatedEndpoint $Endpoint
        Clear-SimulatedCall
        $before = Get-SimulatedHostFile
        $again = Invoke-SimulatedRunCommand -Script $Script -Parameter $Parameter -Name $Resource
    }
    AfterAll { Remove-SimulatedHost }

    It 'carries Install-<Endpoint>.ps1 inline: ASCII, at most 64 KiB (jeajit''s limit for inline scripts, beyond it the script goes by blob)' {
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($Script)
        $bytes.Length | Should -BeLessOrEqual 65536
        @($bytes | Where-Object { $_ -gt 0x7F }) | Should -BeNullOrEmpty -Because 'Windows PowerShell 5.1 reads a script without BOM as ANSI'
        $file = [System.IO.File]::ReadAllBytes((Join-Path $folder "Install-$Endpoint.ps1"))
        [System.Convert]::ToBase64String($bytes) | Should -Be ([System.Convert]::ToBase64String($file, 3, $file.Length - 3))
    }

    It 'passes the bundle hash as one named parameter, which reaches the script as it was sent' {
        @($Parameter).Count | Should -Be 1
        $Parameter[0].name | Should -Be 'BundleSha256'
        $Parameter[0].value | Should -Be (Get-EndpointManifest $folder).bundleSha256
        $run.Arguments | Should -Be @('-BundleSha256', $Parameter[0].value)
    }

    It 'installs and registers the endpoint (exit code 0), and restarts WinRM once, at the end' {
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $registered.Sddl | Should -Be (Get-ExpectedSddl $folder)
        Get-FileSha256 $registered.ConfigFilePath | Should -Be (Get-FileSha256 (Join-Path $folder "$Endpoint.pssc"))
        $run.Output[-1] | Should -Be 'jeajit: restarting WinRM once, so that the change takes effect'
    }

    It 'changes nothing when the extension runs it again (exit code 0)' {
        $again.ExitCode | Should -Be 0
        @($again.Output) | Should -Be @("jeajit: endpoint '$Endpoint' is up to date")
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Where-Object { $_ -notlike '? Packages/*' } | Should -BeNullOrEmpty
        Assert-NoChangeCall
    }
}

Describe 'the command line the extension writes, split as Windows splits it' {
    It 'splits <Line> as .NET does (ProcessStartInfo.Arguments follows the Windows rules on every system)' -ForEach $separators -Skip:(-not (Get-Command printf -CommandType Application -ErrorAction SilentlyContinue)) {
        @(Split-WindowsCommandLine $Line) | Should -Be @(Split-CommandLineByDotNet $Line)
    }
}

Describe 'parameter values on the command line, read as <Reading>' -ForEach $readings {
    BeforeEach {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $before = Get-SimulatedHostFile
    }
    AfterEach { Remove-SimulatedHost }

    It 'the hash in double quotes is the hash: the quotes belong to the command line' {
        $run = Invoke-SimulatedRunCommand -Script $dns.source.script -Parameter @(@{ name = 'BundleSha256'; value = """$dnsHash""" }) -Reading $Reading
        $run.ExitCode | Should -Be 0
        Get-SimulatedEndpoint 'JEA-DNS' | Should -Not -BeNullOrEmpty
    }

    It 'a value with a space arrives in two pieces: the script refuses the second one before it does anything (exit code 1)' {
        $run = Invoke-SimulatedRunCommand -Script $dns.source.script -Parameter @(@{ name = 'BundleSha256'; value = "$dnsHash extra" }) -Reading $Reading
        $run.ExitCode | Should -Be 1
        $run.Error | Should -BeLike "*positional parameter cannot be found that accepts argument 'extra'*"
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Where-Object { $_ -notlike '? Packages*' } | Should -BeNullOrEmpty
        Assert-NoChangeCall
    }

    It 'a value with spaces in double quotes arrives whole, and another bundle than the script''s is refused before anything is written (exit code 1)' {
        $run = Invoke-SimulatedRunCommand -Script $dns.source.script -Parameter @(@{ name = 'BundleSha256'; value = '"not this bundle"' }) -Reading $Reading
        $run.ExitCode | Should -Be 1
        $run.Error | Should -Be "jeajit: this is bundle $dnsHash, the deployment expects not this bundle"
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Where-Object { $_ -notlike '? Packages*' } | Should -BeNullOrEmpty
        Assert-NoChangeCall
    }

    It 'a value with spaces in single quotes is refused too, whole or in pieces (exit code 1, nothing written)' {
        $run = Invoke-SimulatedRunCommand -Script $dns.source.script -Parameter @(@{ name = 'BundleSha256'; value = "'not this bundle'" }) -Reading $Reading
        $run.ExitCode | Should -Be 1
        $run.Error | Should -Not -BeNullOrEmpty
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Where-Object { $_ -notlike '? Packages*' } | Should -BeNullOrEmpty
        Assert-NoChangeCall
    }
}

Describe 'the two-module endpoint, delivered by blob' {
    BeforeAll {
        $stack = Get-Content -LiteralPath (Get-PesterInput).stacks.blob -Raw | ConvertFrom-Json
        $blob = @($stack.resource.azurerm_storage_blob.PSObject.Properties.Value)
        $command = @($stack.resource.azurerm_virtual_machine_run_command.PSObject.Properties.Value)
        $name = (Get-PesterInput).twoModules
        $manifest = Get-EndpointManifest (Get-EndpointFolder $name)
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        # What the extension downloads from the blob: the file Terraform uploads, byte for byte.
        $run = Invoke-SimulatedRunCommand -ScriptFile (Join-Path (Split-Path -Parent (Get-PesterInput).stacks.blob) $blob[0].source) -Parameter @($command[0].parameter)
    }
    AfterAll { Remove-SimulatedHost }

    It 'runs the uploaded script by its URI: no inline copy, the same named parameter' {
        $blob.Count | Should -Be 1
        $command.Count | Should -Be 1
        $command[0].source.PSObject.Properties.Name | Should -Not -Contain 'script'
        $command[0].source.script_uri | Should -Match '^\$\{azurerm_storage_blob\..+\.url\}$'
        $blob[0].name | Should -Be "jeajit/$name/$($manifest.bundleSha256)/Install-$name.ps1"
        @($command[0].parameter).name | Should -Be @('BundleSha256')
        @($command[0].parameter).value | Should -Be @($manifest.bundleSha256)
    }

    It 'installs both modules and registers the endpoint from the downloaded file (exit code 0)' {
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        @(Get-ChildItem -LiteralPath $sim.Folders.Modules -Directory).Name | Sort-Object | Should -Be @($manifest.modules.name | Sort-Object)
        (Get-SimulatedEndpoint $name).Sddl | Should -Be (Get-ExpectedSddl (Get-EndpointFolder $name))
    }
}
