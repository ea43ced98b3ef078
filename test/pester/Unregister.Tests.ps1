# Unregister-<endpoint>.ps1 removes exactly what the install added, and a second run changes nothing.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $endpoints = @(@('JEA-Maintenance', (Get-PesterInput).twoModules) | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')

    # What a real host holds besides the endpoint: modules of others, transcripts, another endpoint.
    function Add-HostContent($Sim) {
        $tools = Join-Path $Sim.Folders.Modules 'Contoso.Tools'
        New-Item -ItemType Directory -Force -Path $tools | Out-Null
        Set-Content -LiteralPath (Join-Path $tools 'Contoso.Tools.psd1') -Value "@{ ModuleVersion = '1.0'; GUID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }"
        Set-Content -LiteralPath (Join-Path $tools 'Contoso.Tools.psm1') -Value 'function Get-Tool { 1 }'
        Set-Content -LiteralPath (Join-Path $Sim.Folders.Transcripts 'PowerShell_transcript.VM.abc.20260101.txt') -Value 'transcript'
        Invoke-Install 'JEA-DNS' | Out-Null
    }
}

Describe 'Unregister-<Name>.ps1 after an install and an update' -ForEach $endpoints {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Add-HostContent $sim
        $before = Get-SimulatedHostFile
        $manifest = Get-EndpointManifest (Get-EndpointFolder $Name)
        Invoke-Install $Name | Out-Null
        Invoke-Install $Name -Changed | Out-Null
        Clear-SimulatedCall
        $output = Invoke-Unregister $Name
        $calls = @(Get-SimulatedCall)
        $after = Get-SimulatedHostFile
    }
    AfterAll { Remove-SimulatedHost }

    It 'removes the registration, its modules and the staged files' {
        Get-SimulatedEndpoint $Name | Should -BeNullOrEmpty
        foreach ($module in $manifest.modules.name) { Test-Path -LiteralPath (Join-Path $sim.Folders.Modules $module) | Should -BeFalse }
        Test-Path -LiteralPath (Get-StageFolder $Name) | Should -BeFalse
        @($calls | Where-Object Command -EQ 'Unregister-PSSessionConfiguration').Parameters.Name | Should -Be $Name
    }

    It 'leaves the host exactly as it was before the install: the other endpoint, other modules and transcripts untouched' {
        Compare-SimulatedHostFile $before $after | Should -BeNullOrEmpty
        Get-SimulatedEndpoint 'JEA-DNS' | Should -Not -BeNullOrEmpty
        { New-EngineSession -Pssc (Get-SimulatedEndpoint 'JEA-DNS').ConfigFilePath -Principals 'CONTOSO\JEA-DNS-Operators' } | Should -Not -Throw
    }

    It 'restarts WinRM once, after unregistering' {
        $restarts = @($calls | Where-Object Command -EQ 'WinRM restart')
        $restarts.Count | Should -Be 1
        $restarts[0].Index | Should -Be ($calls.Count - 1)
        $output[-1] | Should -Match 'restarting WinRM once'
    }

    Context 'a second time' {
        BeforeAll {
            Clear-SimulatedCall
            $again = Invoke-Unregister $Name
        }

        It 'changes nothing, restarts nothing, and succeeds silently' {
            Compare-SimulatedHostFile $after (Get-SimulatedHostFile) | Should -BeNullOrEmpty
            @(Get-SimulatedCall | Where-Object Command -NE 'Get-PSSessionConfiguration') | Should -BeNullOrEmpty
            $again | Should -BeNullOrEmpty
        }
    }
}

Describe 'Unregister of the last endpoint on a host' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $before = Get-SimulatedHostFile
        Invoke-Install 'JEA-Maintenance' | Out-Null
        Invoke-Unregister 'JEA-Maintenance' | Out-Null
    }
    AfterAll { Remove-SimulatedHost }

    It 'leaves a host identical to the one before the install (the stage folder goes too)' {
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
    }
}

Describe 'Unregister next to a module of the same name that jeajit did not install' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $dir = Join-Path $sim.Folders.Modules 'ContosoJeaMaintenance'
        New-Item -ItemType Directory -Force -Path $dir | Out-Null
        Set-Content -LiteralPath (Join-Path $dir 'ContosoJeaMaintenance.psd1') -Value "@{ ModuleVersion = '9.0'; GUID = '11111111-2222-3333-4444-555555555555' }"
        $before = Get-SimulatedHostFile
        $output = & (Join-Path (Get-EndpointFolder 'JEA-Maintenance') 'Unregister-JEA-Maintenance.ps1') 3>&1
    }
    AfterAll { Remove-SimulatedHost }

    It 'keeps it, with a warning, and changes nothing' {
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
        $guid = (Get-EndpointManifest (Get-EndpointFolder 'JEA-Maintenance')).modules[0].guid
        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message) | Should -Be @("jeajit: kept '$dir': jeajit did not install it (no manifest with GUID $guid)")
        @(Get-SimulatedCall | Where-Object Command -In 'Unregister-PSSessionConfiguration', 'WinRM restart') | Should -BeNullOrEmpty
    }
}
