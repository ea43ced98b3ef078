# A failure in the middle of an update puts the previous endpoint back, and says why.
BeforeDiscovery {
    $failures = @(
        @{ Case = 'the registration throws'; Stage = 'BeforeCreate'; Reason = 'The WS-Management service cannot process the request.'; Registers = $true }
        @{ Case = 'the registration throws after creating the plug-in'; Stage = 'AfterCreate'; Reason = 'The WS-Management service cannot complete the operation.'; Registers = $true }
        @{ Case = 'a copy fails as if the disk were full'; Stage = ''; Reason = 'There is not enough space on the disk.'; Registers = $false }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $name = 'JEA-Maintenance'
    $folder = Get-EndpointFolder $name
    $manifest = Get-EndpointManifest $folder
}

Describe 'an update of JEA-Maintenance where <Case>' -ForEach $failures {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install $name | Out-Null
        $before = Get-SimulatedHostFile
        $previous = Get-SimulatedEndpoint $name
        Clear-SimulatedCall
        if ($Stage) { Set-SimulatedFault -Stage $Stage -Message $Reason }
        else {
            # The second role file of the new module version does not fit on the disk, once.
            Set-SimulatedFault -Command 'Copy-Item' -Path '*ContosoJeaMaintenance*MaintenanceLev2.psrc' -Message $Reason
            Mock Copy-Item { Assert-SimulatedDiskSpace -Destination $Destination } -ParameterFilter { Test-SimulatedDiskFull -Destination $Destination }
        }
        $failure = $null
        try { Invoke-Install $name -Changed | Out-Null } catch { $failure = $_ }
        $after = Get-SimulatedHostFile
        $calls = @(Get-SimulatedCall)
        $modulesPrefix = Get-SimulatedRelativePath $sim.Folders.Modules
    }
    AfterAll { Remove-SimulatedHost }

    It 'fails with the reason, saying the previous endpoint is back' {
        $failure | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -Be "jeajit: endpoint '$name' was not changed: $Reason The previous modules and registration are back."
    }

    It 'puts the previous module files back as they were (same SHA-256 and last write time)' {
        Compare-SimulatedHostFile $before $after -Under "$modulesPrefix/" | Should -BeNullOrEmpty
    }

    It 'puts the previous registration back: its .pssc and its SDDL' {
        $now = Get-SimulatedEndpoint $name
        $now | Should -Not -BeNullOrEmpty
        Get-FileSha256 $now.ConfigFilePath | Should -Be (Get-FileSha256 (Join-Path $folder $manifest.configFile))
        $now.Sddl | Should -Be $previous.Sddl
        $now.ConfigFilePath | Should -Be $previous.ConfigFilePath
    }

    It 'leaves nothing of the attempt in Program Files (no backup, no half-copied module; the stage holds the new bundle)' {
        Compare-SimulatedHostFile $before $after -Under 'Program Files/' | Where-Object { -not (Test-StageChange $_) } | Should -BeNullOrEmpty
    }

    It 'restarts WinRM at most once, after the last registration, and only when the registration was touched' {
        $restarts = @($calls | Where-Object Command -EQ 'WinRM restart')
        if ($Registers) {
            $restarts.Count | Should -Be 1
            $restarts[0].Index | Should -BeGreaterThan @($calls | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration')[-1].Index
            @($calls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Count | Should -Be 2 -Because 'the new one failed and the previous one came back'
        }
        else {
            $restarts | Should -BeNullOrEmpty
            @($calls | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration') | Should -BeNullOrEmpty
        }
    }

    It 'lets the engine build the previous session from the restored files' {
        $iss = New-EngineSession -Pssc (Get-SimulatedEndpoint $name).ConfigFilePath -Principals @($manifest.principals)
        @($iss.Commands | Where-Object { $_.Name -eq 'Get-Date' -and $_.Visibility -eq 'Public' }) | Should -BeNullOrEmpty -Because 'Get-Date came with the new role, which is not installed'
    }

    It 'installs the update when run again once the cause is gone' {
        Clear-SimulatedCall
        Invoke-Install $name -Changed | Select-Object -Last 2 | Should -Be @("jeajit: endpoint '$name' registered", 'jeajit: restarting WinRM once, so that the change takes effect')
        $expected = Get-ModuleFileExpectation (Get-EndpointFolder $name -Changed)
        Format-Dictionary (Get-InstalledModuleFile 'ContosoJeaMaintenance') | Should -Be (Format-Dictionary $expected)
    }
}

Describe 'a first install where the registration throws' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $before = Get-SimulatedHostFile
        Set-SimulatedFault -Stage 'AfterCreate' -Message 'The WS-Management service cannot complete the operation.'
        $failure = $null
        try { Invoke-Install $name | Out-Null } catch { $failure = $_ }
    }
    AfterAll { Remove-SimulatedHost }

    It 'fails with the reason and leaves no module and no registration' {
        $failure.Exception.Message | Should -BeLike "jeajit: endpoint '$name' was not changed: The WS-Management service cannot complete the operation.*"
        Get-SimulatedEndpoint $name | Should -BeNullOrEmpty
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Where-Object { -not (Test-StageChange $_) } | Should -BeNullOrEmpty
    }
}

Describe 'an update whose previous registration cannot be restored' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install $name | Out-Null
        Set-SimulatedFault -Stage 'BeforeCreate' -Message 'The WS-Management service cannot process the request.' -Count 2
        $failure = $null
        try { Invoke-Install $name -Changed | Out-Null } catch { $failure = $_ }
        $backup = Join-Path (Join-Path (Join-Path $sim.Folders.ProgramFiles 'WindowsPowerShell') 'jeajit-backup') $name
    }
    AfterAll { Remove-SimulatedHost }

    It 'says so, and keeps what it replaced where it names' {
        $failure.Exception.Message | Should -Be ("jeajit: endpoint '$name' failed: The WS-Management service cannot process the request. " +
            "Restoring the previous endpoint failed too: registration: The WS-Management service cannot process the request. What was replaced is kept in '$backup'.")
        Get-FileSha256 (Join-Path $backup "$name.pssc") | Should -Be (Get-FileSha256 (Join-Path $folder $manifest.configFile))
    }

    It 'still puts the previous module files back' {
        $expected = Get-ModuleFileExpectation $folder
        Format-Dictionary (Get-InstalledModuleFile 'ContosoJeaMaintenance') | Should -Be (Format-Dictionary $expected)
    }
}
