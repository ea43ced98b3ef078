# What Register-<endpoint>.ps1 refuses, before it changes anything; and what it cleans up of its own.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')

    # A host running the previous JEA-Maintenance (an empty one with -Empty); the state to compare
    # with is taken after $Prepare.
    function Initialize-PreviousHost([string[]] $Unknown = @(), [switch] $Empty, [scriptblock] $Prepare = {}) {
        $script:sim = New-EstateHost -Unknown $Unknown
        Enable-SimulatedHostMock
        if (-not $Empty) { Invoke-Install 'JEA-Maintenance' | Out-Null }
        & $Prepare
        $script:before = Get-SimulatedHostFile
        $script:registeredBefore = Get-SimulatedEndpoint 'JEA-Maintenance'
        Clear-SimulatedCall
    }
    # Nothing changed outside the stage (Install-*.ps1 stages the files before Register-*.ps1 checks
    # them) and the test's own copies of a bundle.
    function Assert-NothingChanged {
        Compare-SimulatedHostFile $script:before (Get-SimulatedHostFile) | Where-Object { -not (Test-StageChange $_) -and $_ -notlike '+ bundle-*' } | Should -BeNullOrEmpty
        @(Get-SimulatedCall | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Set-PSSessionConfiguration', 'Restart-Service', 'WinRM restart') | Should -BeNullOrEmpty
        Get-SimulatedEndpoint 'JEA-Maintenance' | Should -Be $script:registeredBefore
    }
    # A copy of a synthesized endpoint folder, to tamper with.
    function Copy-EndpointFolder([string] $Name, [switch] $Changed) {
        $copy = Join-Path (Get-SimulatedHost).Folders.Root ('bundle-' + $Name)
        Copy-Item -LiteralPath (Get-EndpointFolder $Name -Changed:$Changed) -Destination $copy -Recurse
        $copy
    }
    $maintenance = Get-EndpointFolder 'JEA-Maintenance'
    $role = 'MaintenanceLev1'
}

Describe 'refusals: the host is left as it was' {
    AfterEach { Remove-SimulatedHost }

    It 'refuses a file whose SHA-256 is not the synthesized one, naming it' {
        Initialize-PreviousHost
        $copy = Copy-EndpointFolder 'JEA-Maintenance' -Changed
        Add-Content -LiteralPath (Join-Path $copy 'ContosoJeaMaintenance/RoleCapabilities/MaintenanceLev2.psrc') -Value '# one more line'
        { & (Join-Path $copy 'Register-JEA-Maintenance.ps1') -SourceRoot $copy } |
            Should -Throw "jeajit: refused, nothing changed: under '$copy', 'ContosoJeaMaintenance/RoleCapabilities/MaintenanceLev2.psrc' is not the synthesized file (SHA-256 differs)"
        Assert-NothingChanged
    }

    It 'names every damaged or missing file at once' {
        Initialize-PreviousHost
        $copy = Copy-EndpointFolder 'JEA-Maintenance' -Changed
        Remove-Item -LiteralPath (Join-Path $copy 'JEA-Maintenance.pssc')
        Set-Content -LiteralPath (Join-Path $copy 'ContosoJeaMaintenance/ContosoJeaMaintenance.psd1') -Value '@{}'
        { & (Join-Path $copy 'Register-JEA-Maintenance.ps1') -SourceRoot $copy } |
            Should -Throw "*'ContosoJeaMaintenance/ContosoJeaMaintenance.psd1' is not the synthesized file (SHA-256 differs); 'JEA-Maintenance.pssc' is missing"
        Assert-NothingChanged
    }

    It 'exits non-zero with the reason when run as a script file (as a run command runs it)' {
        Initialize-PreviousHost
        $copy = Copy-EndpointFolder 'JEA-Maintenance' -Changed
        Add-Content -LiteralPath (Join-Path $copy 'JEA-Maintenance.pssc') -Value '# changed'
        $pwsh = Get-PwshPath
        $out = & $pwsh -NoLogo -NoProfile -NonInteractive -File (Join-Path $copy 'Register-JEA-Maintenance.ps1') -SourceRoot $copy 2>&1
        $LASTEXITCODE | Should -Be 1
        ($out | Out-String) | Should -BeLike "*'JEA-Maintenance.pssc' is not the synthesized file (SHA-256 differs)*"
        Assert-NothingChanged
    }

    It 'refuses a carried file that does not match its SHA-256 in the install script, before registering' {
        Initialize-PreviousHost
        $text = [System.IO.File]::ReadAllText((Join-Path (Get-EndpointFolder 'JEA-Maintenance' -Changed) 'Install-JEA-Maintenance.ps1'))
        # The changed role's bytes change, not its SHA-256 (an unchanged file would not be written again).
        $carried = [regex]::Match($text, "Path = 'ContosoJeaMaintenance/RoleCapabilities/$role\.psrc'\s+Sha256 = '[0-9a-f]+'\s+Base64 = '([^']+)'").Groups[1].Value
        $carried | Should -Not -BeNullOrEmpty
        $damaged = Join-Path $sim.Folders.Root 'Install-JEA-Maintenance.ps1'
        [System.IO.File]::WriteAllText($damaged, $text.Replace($carried, [System.Convert]::ToBase64String([byte[]] (65, 66, 67))), [System.Text.UTF8Encoding]::new($true))
        { & $damaged } | Should -Throw "jeajit: 'ContosoJeaMaintenance/RoleCapabilities/$role.psrc' was damaged on the way (SHA-256 differs)"
        Remove-Item -LiteralPath $damaged
        Assert-NothingChanged
    }

    It 'refuses a bundle the deployment does not expect, writing nothing at all' {
        Initialize-PreviousHost
        { Invoke-Install 'JEA-Maintenance' -Changed -Parameters @{ BundleSha256 = ('0' * 64) } } | Should -Throw "jeajit: this is bundle *, the deployment expects $('0' * 64)"
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
    }

    It 'refuses another module on PSModulePath that offers a role of the same name, naming both paths' {
        Initialize-PreviousHost -Prepare {
            $other = Join-Path $sim.Folders.UserModules (Join-Path 'ContosoOps' 'RoleCapabilities')
            New-Item -ItemType Directory -Force -Path $other | Out-Null
            Set-Content -LiteralPath (Join-Path $other "$role.psrc") -Value "@{ VisibleCmdlets = 'Stop-Computer' }"
        }
        $theirs = Join-Path $sim.Folders.UserModules (Join-Path 'ContosoOps' (Join-Path 'RoleCapabilities' "$role.psrc"))
        $ours = Join-Path $sim.Folders.Modules (Join-Path 'ContosoJeaMaintenance' (Join-Path 'RoleCapabilities' "$role.psrc"))
        { Invoke-Install 'JEA-Maintenance' -Changed } | Should -Throw "*role '$role' is offered by '$theirs' and by '$ours'*"
        Assert-NothingChanged
    }

    It 'refuses its own module name offering the role from another PSModulePath entry' {
        Initialize-PreviousHost -Prepare {
            $other = Join-Path $sim.Folders.SystemModules (Join-Path 'ContosoJeaMaintenance' 'RoleCapabilities')
            New-Item -ItemType Directory -Force -Path $other | Out-Null
            Set-Content -LiteralPath (Join-Path $other "$role.psrc") -Value '@{}'
        }
        { Invoke-Install 'JEA-Maintenance' -Changed } | Should -Throw "*role '$role' is offered by '$(Join-Path $sim.Folders.SystemModules 'ContosoJeaMaintenance')*"
        Assert-NothingChanged
    }

    It 'does not count a role in a version folder of another module (JEA never looks there)' {
        Initialize-PreviousHost -Prepare {
            $other = Join-Path $sim.Folders.UserModules (Join-Path 'ContosoOps' (Join-Path '1.0.0' 'RoleCapabilities'))
            New-Item -ItemType Directory -Force -Path $other | Out-Null
            Set-Content -LiteralPath (Join-Path $other "$role.psrc") -Value '@{}'
        }
        { Invoke-Install 'JEA-Maintenance' -Changed } | Should -Not -Throw
        @(Get-SimulatedCall 'Register-PSSessionConfiguration').Count | Should -Be 1
    }

    It 'names every principal that does not resolve, and installs and registers nothing' {
        $unknown = @('CONTOSO\SmartCard-Users', 'CONTOSO\JEA-Maintenance-L2')
        Initialize-PreviousHost -Unknown $unknown -Empty
        { Invoke-Install 'JEA-Maintenance' } | Should -Throw "jeajit: refused, nothing changed: these principals do not resolve to a SID on VM-SIMULATED01: $($unknown -join ', ')"
        Assert-NothingChanged
        @(Get-ChildItem -LiteralPath $sim.Folders.Modules) | Should -BeNullOrEmpty
    }

    It 'refuses to run in a 32-bit PowerShell on a 64-bit Windows (its Program Files is the x86 one)' {
        Initialize-PreviousHost
        function Test-JeajitWow64 { $false }
        Mock Test-JeajitWow64 { $true }
        { Invoke-Install 'JEA-Maintenance' -Changed } | Should -Throw 'jeajit: refused, nothing changed: this is a 32-bit PowerShell on a 64-bit Windows*'
        { Invoke-Unregister 'JEA-Maintenance' } | Should -Throw 'jeajit: refused, nothing changed: this is a 32-bit PowerShell on a 64-bit Windows*'
        Assert-NothingChanged
        Compare-SimulatedHostFile $script:before (Get-SimulatedHostFile) | Should -BeNullOrEmpty -Because 'the install script refuses before it stages anything'
    }

    It 'refuses a folder of its module name that it did not install, and leaves it as it was' {
        Initialize-PreviousHost -Empty -Prepare {
            $dir = Join-Path $sim.Folders.Modules 'ContosoJeaMaintenance'
            New-Item -ItemType Directory -Force -Path $dir | Out-Null
            Set-Content -LiteralPath (Join-Path $dir 'ContosoJeaMaintenance.psd1') -Value "@{ ModuleVersion = '9.0'; GUID = '11111111-2222-3333-4444-555555555555' }"
        }
        $guid = (Get-EndpointManifest $maintenance).modules[0].guid
        { Invoke-Install 'JEA-Maintenance' } | Should -Throw "*a module jeajit did not install has the name of one of ours: '$(Join-Path $sim.Folders.Modules 'ContosoJeaMaintenance')' (no manifest with GUID $guid)*"
        Assert-NothingChanged
    }
}

Describe 'its own module, left by earlier installs' {
    BeforeAll {
        $guid = (Get-EndpointManifest $maintenance).modules[0].guid
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $dir = Join-Path $sim.Folders.Modules 'ContosoJeaMaintenance'
        # The layout of earlier releases (a version folder), and an older version at the root.
        foreach ($base in @((Join-Path $dir '1.0.0'), $dir)) {
            New-Item -ItemType Directory -Force -Path (Join-Path $base 'RoleCapabilities') | Out-Null
            Set-Content -LiteralPath (Join-Path $base 'ContosoJeaMaintenance.psd1') -Value "@{ ModuleVersion = '1.0.0'; GUID = '$guid' }"
            Set-Content -LiteralPath (Join-Path (Join-Path $base 'RoleCapabilities') 'Retired.psrc') -Value '@{}'
        }
        Invoke-Install 'JEA-Maintenance' | Out-Null
    }
    AfterAll { Remove-SimulatedHost }

    It 'is replaced by exactly the bundle''s files: version folders and retired roles go' {
        $expected = Get-ModuleFileExpectation $maintenance
        Format-Dictionary (Get-InstalledModuleFile 'ContosoJeaMaintenance') | Should -Be (Format-Dictionary $expected)
    }
}

Describe 'a backup left by an interrupted run' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $stale = Join-Path (Join-Path (Join-Path $sim.Folders.ProgramFiles 'WindowsPowerShell') 'jeajit-backup') 'JEA-DNS'
        New-Item -ItemType Directory -Force -Path $stale | Out-Null
        # Made by the interrupted run: folders only SYSTEM and Administrators can change.
        foreach ($dir in @((Split-Path -Parent $stale), $stale)) { Set-SimulatedFolderSecurity -Path $dir }
        Set-Content -LiteralPath (Join-Path $stale 'JEA-DNS.pssc') -Value '@{}'
        $output = & (Join-Path (Get-EndpointFolder 'JEA-DNS') 'Install-JEA-DNS.ps1') 3>&1
    }
    AfterAll { Remove-SimulatedHost }

    It 'is removed, with a warning, and the install goes on' {
        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -like 'jeajit:*' } | ForEach-Object Message) | Should -Be @("jeajit: removing '$stale', left by an interrupted run")
        Test-Path -LiteralPath (Split-Path -Parent $stale) | Should -BeFalse
        Get-SimulatedEndpoint 'JEA-DNS' | Should -Not -BeNullOrEmpty
    }
}
