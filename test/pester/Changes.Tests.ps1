# A new synth on a host that runs the whole estate: only what changed is written and registered.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
}

Describe 'the changed bundles installed over the whole estate' {
    BeforeAll {
        $inputs = Get-PesterInput
        $names = @(@($inputs.example) + @($inputs.twoModules))
        $changedEndpoints = @(@($inputs.changes.role) + @($inputs.changes.acl))
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        foreach ($name in $names) { Invoke-Install $name | Out-Null }
        $before = Get-SimulatedHostFile
        # Each endpoint's run command, one after the other, each with its own calls.
        $runs = [ordered]@{}
        foreach ($name in $names) {
            Clear-SimulatedCall
            $output = Invoke-Install $name -Changed
            $runs[$name] = [pscustomobject]@{ Output = $output; Calls = @(Get-SimulatedCall) }
        }
        $after = Get-SimulatedHostFile
        $modulesPrefix = Get-SimulatedRelativePath $sim.Folders.Modules
    }
    AfterAll { Remove-SimulatedHost }

    It 'registers again exactly the endpoints whose role or ACL changed' {
        $reregistered = @($names | Where-Object { @($runs[$_].Calls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Count -gt 0 })
        $reregistered | Sort-Object | Should -Be @($changedEndpoints | Sort-Object)
        foreach ($name in $changedEndpoints) {
            @($runs[$name].Calls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Count | Should -Be 1 -Because "$name changed"
            @($runs[$name].Calls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Parameters.Name | Should -Be $name
        }
    }

    It 'says the unchanged endpoints are up to date' {
        foreach ($name in @($names | Where-Object { $changedEndpoints -notcontains $_ })) {
            $runs[$name].Output | Should -Be @("jeajit: endpoint '$name' is up to date")
        }
    }

    It 'rewrites the modules whose role changed, and no other module file' {
        $changedModules = @(foreach ($p in $inputs.changes.modules.PSObject.Properties) { $p.Value })
        $touched = @(Compare-SimulatedHostFile $before $after -Under "$modulesPrefix/" | ForEach-Object { ($_.Substring(2).Substring($modulesPrefix.Length + 1) -split '/')[0] } | Select-Object -Unique | Sort-Object)
        $touched | Should -Be @($changedModules | Sort-Object)
    }

    It 'installs the changed files, and the module the two-module endpoint kept is untouched' {
        foreach ($name in $names) {
            $folder = Get-EndpointFolder $name -Changed
            $manifest = Get-EndpointManifest $folder
            $installed = Get-InstalledModuleFile @($manifest.modules.name)
            $expected = Get-ModuleFileExpectation $folder
            foreach ($path in $expected.Keys) { $installed[$path] | Should -Be $expected[$path] -Because "$path of $name" }
        }
        $kept = @((Get-EndpointManifest (Get-EndpointFolder $inputs.twoModules)).modules.name | Where-Object { @($inputs.changes.modules.($inputs.twoModules)) -notcontains $_ })
        $kept.Count | Should -Be 1
        Compare-SimulatedHostFile $before $after -Under "$modulesPrefix/$($kept[0])/" | Should -BeNullOrEmpty
    }

    It 'registers the changed ACL with its new SDDL and the same .pssc' {
        foreach ($name in @($inputs.changes.acl)) {
            $register = @($runs[$name].Calls | Where-Object Command -EQ 'Register-PSSessionConfiguration')[0]
            $register.Parameters.SecurityDescriptorSddl | Should -Be (Get-ExpectedSddl (Get-EndpointFolder $name -Changed))
            $register.Parameters.SecurityDescriptorSddl | Should -Not -Be (Get-ExpectedSddl (Get-EndpointFolder $name))
            (Get-SimulatedEndpoint $name).Sddl | Should -Be (Get-ExpectedSddl (Get-EndpointFolder $name -Changed))
        }
    }

    It 'unregisters each changed endpoint before registering it again, and restarts WinRM once, after that' {
        foreach ($name in $changedEndpoints) {
            $sequence = @($runs[$name].Calls | Where-Object Command -In 'Unregister-PSSessionConfiguration', 'Register-PSSessionConfiguration', 'WinRM restart', 'Set-PSSessionConfiguration' | ForEach-Object Command)
            $sequence | Should -Be @('Unregister-PSSessionConfiguration', 'Register-PSSessionConfiguration', 'WinRM restart') -Because "$name changed"
            $runs[$name].Calls[-1].Command | Should -Be 'WinRM restart'
        }
        foreach ($name in @($names | Where-Object { $changedEndpoints -notcontains $_ })) {
            @($runs[$name].Calls | Where-Object Command -EQ 'WinRM restart') | Should -BeNullOrEmpty -Because "$name did not change"
        }
    }

    It 'lets the engine build every endpoint''s session from its installed .pssc, with the changed roles' {
        foreach ($name in $names) {
            $manifest = Get-EndpointManifest (Get-EndpointFolder $name -Changed)
            { New-EngineSession -Pssc (Get-SimulatedEndpoint $name).ConfigFilePath -Principals @($manifest.principals) } | Should -Not -Throw -Because "every role of $name is installed"
        }
        $iss = New-EngineSession -Pssc (Get-SimulatedEndpoint 'JEA-Maintenance').ConfigFilePath -Principals @('CONTOSO\JEA-Maintenance-L1')
        @($iss.Commands | Where-Object { $_.Name -eq 'Get-Date' -and $_.Visibility -eq 'Public' }) | Should -Not -BeNullOrEmpty -Because 'the changed MaintenanceLev1 role makes Get-Date visible'
    }
}
