# Install-<endpoint>.ps1 on a new host, then again with the same bundle: every endpoint of the
# example estate and the endpoint whose roles come from two modules.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $inputs = Get-PesterInput
    $endpoints = @(@($inputs.example) + @($inputs.twoModules) | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
}

Describe 'Install-<Name>.ps1 on a new host' -ForEach $endpoints {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $folder = Get-EndpointFolder $Name
        $manifest = Get-EndpointManifest $folder
        $output = Invoke-Install $Name
        $calls = @(Get-SimulatedCall)
        $registered = Get-SimulatedEndpoint $Name
    }
    AfterAll { Remove-SimulatedHost }

    It 'installs each module as Modules/(module name): exactly the bundle''s files, no version folder' {
        $expected = Get-ModuleFileExpectation $folder
        Format-Dictionary (Get-InstalledModuleFile @($manifest.modules.name)) | Should -Be (Format-Dictionary $expected)
        @(Get-ChildItem -LiteralPath $sim.Folders.Modules -Directory).Name | Sort-Object | Should -Be @($manifest.modules.name | Sort-Object)
    }

    It 'stages the bundle in Program Files/WindowsPowerShell/jeajit/<Name>: exactly its files' {
        $stage = Get-StageFolder $Name
        $staged = @(Get-ChildItem -LiteralPath $stage -Recurse -File | ForEach-Object { $_.FullName.Substring($stage.Length + 1).Replace('\', '/') } | Sort-Object)
        $staged | Should -Be @($manifest.files.path | Sort-Object)
    }

    It 'registers once, from the declared .pssc, with the declared SDDL (principals replaced by the host''s SIDs)' {
        $register = @($calls | Where-Object Command -EQ 'Register-PSSessionConfiguration')
        $register.Count | Should -Be 1
        $register[0].Parameters.Name | Should -Be $Name
        $register[0].Parameters.SecurityDescriptorSddl | Should -Be (Get-ExpectedSddl $folder)
        $register[0].Parameters.SecurityDescriptorSddl | Should -Not -Match '<<P\d+>>'
        Get-FileSha256 $register[0].Parameters.Path | Should -Be (Get-FileSha256 (Join-Path $folder $manifest.configFile))
        Get-FileSha256 $registered.ConfigFilePath | Should -Be (Get-FileSha256 (Join-Path $folder $manifest.configFile))
        $registered.Sddl | Should -Be (Get-ExpectedSddl $folder)
        @($calls | Where-Object Command -EQ 'Unregister-PSSessionConfiguration') | Should -BeNullOrEmpty
    }

    It 'stays clear of what restarts WinRM behind its back: no -Force to Register-PSSessionConfiguration, no Set-PSSessionConfiguration' {
        $register = @($calls | Where-Object Command -EQ 'Register-PSSessionConfiguration')
        $register[0].Parameters.Contains('Force') | Should -BeFalse
        $register[0].Parameters.Contains('SecurityDescriptorSddl') | Should -BeTrue
        @($calls | Where-Object Command -EQ 'Set-PSSessionConfiguration') | Should -BeNullOrEmpty
    }

    It 'restarts WinRM once, at the end, after the registration' {
        $restarts = @($calls | Where-Object Command -EQ 'WinRM restart')
        $restarts.Count | Should -Be 1
        $restarts[0].Note | Should -Be 'Restart-Service'
        $restarts[0].Index | Should -BeGreaterThan ($calls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Index
        $restarts[0].Index | Should -Be ($calls.Count - 1)
        $output[-1] | Should -Match 'restarting WinRM once'
    }

    It 'lets the engine build the session from the installed .pssc, finding every role of all principals in the installed modules' {
        $iss = New-EngineSession -Pssc $registered.ConfigFilePath -Principals @($manifest.principals)
        $iss | Should -Not -BeNullOrEmpty
        $iss.LanguageMode | Should -Be 'NoLanguage'
    }

    It 'lets the engine build the session of each principal alone' {
        foreach ($principal in $manifest.principals) {
            { New-EngineSession -Pssc $registered.ConfigFilePath -Principals @($principal) } | Should -Not -Throw -Because "the roles of $principal are installed"
        }
    }

    It 'is what the engine needs: without the installed modules on PSModulePath no role is found' {
        { New-EngineSession -Pssc $registered.ConfigFilePath -Principals @($manifest.principals) -ModulePath @($sim.Folders.SystemModules) } |
            Should -Throw "*Could not find the role capability*"
    }

    It 'leaves nothing behind but the modules, the stage and the registration (no backup folder)' {
        $files = Get-SimulatedHostFile
        @($files.Keys | Where-Object { $_ -like '*jeajit-backup*' }) | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path (Join-Path $sim.Folders.ProgramFiles 'WindowsPowerShell') 'jeajit-backup') | Should -BeFalse
    }

    Context 'run a second time with the same bundle' {
        BeforeAll {
            $before = Get-SimulatedHostFile
            Clear-SimulatedCall
            $again = Invoke-Install $Name
            $calls = @(Get-SimulatedCall)
        }

        It 'writes no file (same SHA-256 and last write time of every file on the host)' {
            Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
        }

        It 'does not register, unregister, or restart WinRM' {
            @($calls | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Set-PSSessionConfiguration', 'Restart-Service', 'WinRM restart') | Should -BeNullOrEmpty
        }

        It 'says the endpoint is up to date' {
            $again | Should -Be @("jeajit: endpoint '$Name' is up to date")
        }

        It 'compares SDDL canonically: the same descriptor spelled with full SIDs is up to date' {
            $spelled = $registered.Sddl.Replace(';;;WD)', ';;;S-1-1-0)')
            $spelled | Should -Not -Be $registered.Sddl
            Set-SimulatedEndpointSddl $Name $spelled
            Clear-SimulatedCall
            Invoke-Install $Name | Should -Be @("jeajit: endpoint '$Name' is up to date")
            @(Get-SimulatedCall 'Register-PSSessionConfiguration') | Should -BeNullOrEmpty
        }
    }
}

Describe 'Register-JEA-DNS.ps1 -NoServiceRestart' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $folder = Get-EndpointFolder 'JEA-DNS'
        $output = @(& (Join-Path $folder 'Register-JEA-DNS.ps1') -NoServiceRestart 3>$null)
    }
    AfterAll { Remove-SimulatedHost }

    It 'registers, leaves WinRM to the caller, and says so' {
        Get-SimulatedEndpoint 'JEA-DNS' | Should -Not -BeNullOrEmpty
        @(Get-SimulatedCall 'WinRM restart') | Should -BeNullOrEmpty
        $output[-1] | Should -Match 'WinRM not restarted \(-NoServiceRestart\)'
    }
}
