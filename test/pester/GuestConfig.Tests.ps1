# The Machine Configuration package of each endpoint of the example estate: the JeajitDsc module
# loaded from the zip the TypeScript side built, and its JeajitEndpoint resource (Get, Test, Set)
# on the simulated Windows host, with powershell.exe simulated (GuestConfigHost.ps1). The packages
# are built by test/engine/guestconfig.test.ts; in the run of every suite by
# test/engine/pester.test.ts, whose inputs have none, this file is one skipped test.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $guestconfig = (Get-PesterInput).PSObject.Properties['guestconfig']
    $packages = @(if ($guestconfig) { $guestconfig.Value.packages | ForEach-Object { @{ Name = $_.endpoint } } })
    $dns = @($packages | Where-Object { $_.Name -eq 'JEA-DNS' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    . (Join-Path $PSScriptRoot 'RunCommand.ps1')
    . (Join-Path $PSScriptRoot 'GuestConfigHost.ps1')
    $codePrefix = 'JeajitEndpoint:JeajitEndpoint:'
}

if ($packages.Count -eq 0) {
    Describe 'Machine Configuration packages' {
        It 'run from test/engine/guestconfig.test.ts, which builds them' -Skip { }
    }
    return
}

Describe 'the package of <Name>' -ForEach $packages {
    BeforeAll {
        $package = Get-GuestConfigPackage $Name
        $module = Import-GuestConfigModule $package
    }

    It 'expands with Expand-Archive (System.IO.Compression) to exactly its entries, with their bytes' {
        $root = $package.extractTo
        $found = @(Get-ChildItem -LiteralPath $root -Recurse -File | ForEach-Object { $_.FullName.Substring($root.Length + 1).Replace('\', '/') } | Sort-Object -CaseSensitive)
        $found | Should -Be @($package.entries.path | Sort-Object -CaseSensitive)
        foreach ($entry in $package.entries) { Get-FileSha256 (Join-Path $root $entry.path) | Should -Be $entry.sha256 -Because $entry.path }
        (Get-FileHash -LiteralPath $package.zip -Algorithm SHA256).Hash | Should -BeExactly $package.sha256
    }

    It 'loads as module JeajitDsc at the MOF''s ModuleVersion, exporting the DSC resource JeajitEndpoint and no command' {
        $module.Name | Should -Be 'JeajitDsc'
        [string] $module.Version | Should -Be $package.moduleVersion
        @($module.ExportedDscResources) | Should -Be @('JeajitEndpoint')
        $module.ExportedCommands.Count | Should -Be 0
    }

    It 'declares Name as the Key, every property the MOF sets, and Reasons as a NotConfigurable Reason[] of Code and Phrase' {
        $declared = & $module {
            foreach ($p in [JeajitEndpoint].GetProperties()) {
                $a = @($p.GetCustomAttributes($true) | Where-Object { $_ -is [System.Management.Automation.DscPropertyAttribute] })[0]
                [pscustomobject]@{ Name = $p.Name; Type = $p.PropertyType.Name; Key = $a.Key; NotConfigurable = $a.NotConfigurable }
            }
            foreach ($p in [Reason].GetProperties()) { [pscustomobject]@{ Name = "Reason.$($p.Name)"; Type = $p.PropertyType.Name; Key = $false; NotConfigurable = $false } }
        }
        @($declared | Where-Object Key).Name | Should -Be @('Name')
        @($declared | Where-Object { -not $_.NotConfigurable -and $_.Name -notlike 'Reason.*' }).Name | Should -Be @($package.properties.PSObject.Properties.Name)
        $reasons = @($declared | Where-Object Name -EQ 'Reasons')[0]
        $reasons.Type | Should -Be 'Reason[]'
        $reasons.NotConfigurable | Should -BeTrue
        @($declared | Where-Object Name -Like 'Reason.*' | ForEach-Object { "$($_.Name):$($_.Type)" }) | Should -Be @('Reason.Code:String', 'Reason.Phrase:String')
    }

    It 'starts processes with arguments Windows reads back intact (Start-JeajitProcess, ConvertTo-JeajitArgument, run for real)' {
        $values = @('a b"c\', 'C:\Program Files\jeajit\', '', 'plain', 'x\\"y', '$(whoami) ''q''')
        $result = & $module {
            param($Values)
            Start-JeajitProcess -FilePath 'printf' -Arguments ('%s\0 ' + (@($Values | ForEach-Object { ConvertTo-JeajitArgument $_ }) -join ' '))
        } $values
        $result.ExitCode | Should -Be 0
        @($result.Output.Split([char] 0) | Select-Object -SkipLast 1) | Should -Be $values
    }
}

Describe 'JeajitEndpoint <Name> on a new host' -ForEach $packages {
    BeforeAll {
        $package = Get-GuestConfigPackage $Name
        $module = Import-GuestConfigModule $package
        $folder = Get-EndpointFolder $Name
        $manifest = Get-EndpointManifest $folder
        $sim = New-GuestConfigHost
        Enable-GuestConfigMock
        $resource = New-JeajitResource $module $package.properties
        $fresh = $resource.Get()
        $freshTest = $resource.Test()
        $auditCalls = @(Get-SimulatedCall)
        Clear-SimulatedCall
        $resource.Set()
        $setCalls = @(Get-SimulatedCall)
        $afterTest = $resource.Test()
        $afterGet = $resource.Get()
        $install = Join-Path (Join-Path (Join-Path (Join-Path (Join-Path $package.extractTo 'Modules') 'JeajitDsc') 'Bundles') $Name) "Install-$Name.ps1"
        $probe = Join-Path (Join-Path (Join-Path $package.extractTo 'Modules') 'JeajitDsc') 'Get-JeajitEndpointState.ps1'
    }
    AfterAll { Remove-GuestConfigHost }

    It 'Test is false on a new host' {
        $freshTest | Should -BeFalse
    }

    It 'Get names why: not registered, and every module missing (with its roles)' {
        Get-ReasonId $fresh.Reasons | Should -Be @(@('NotRegistered') + @($manifest.modules | ForEach-Object { 'ModuleMissing' }) | Sort-Object)
        foreach ($module in $manifest.modules) {
            $phrase = @($fresh.Reasons | Where-Object { $_.Code -eq "${codePrefix}ModuleMissing" -and $_.Phrase -like "*'$($module.name)'*" })
            $phrase.Count | Should -Be 1
            foreach ($role in $module.roles) { $phrase[0].Phrase | Should -BeLike "*$role*" }
        }
        @($fresh.Reasons | Where-Object Code -EQ "${codePrefix}NotRegistered")[0].Phrase | Should -Be "endpoint '$Name' is not registered (Windows PowerShell's Get-PSSessionConfiguration does not list it)"
    }

    It 'Get returns the declared properties with the reasons' {
        foreach ($p in $package.properties.PSObject.Properties) { $fresh.($p.Name) | Should -Be $p.Value -Because $p.Name }
    }

    It 'Get and Test read the registration in Windows PowerShell: powershell.exe -File the probe, changing nothing' {
        $runs = @($auditCalls | Where-Object Command -EQ 'powershell.exe')
        $runs.Count | Should -Be 2
        foreach ($run in $runs) {
            $run.Parameters.FilePath | Should -Be 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe'
            $run.Parameters.Arguments[0..6] | Should -Be @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $probe)
            $run.Parameters.Arguments[7] | Should -Be '-Request'
        }
        @($auditCalls | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Restart-Service', 'WinRM restart') | Should -BeNullOrEmpty
    }

    It 'Set makes Test true, and Get then has no reasons' {
        $afterTest | Should -BeTrue
        @($afterGet.Reasons) | Should -BeNullOrEmpty
    }

    It 'Set registers through powershell.exe -File Install-<Name>.ps1 of the package, with the bundle hash' {
        $runs = @($setCalls | Where-Object Command -EQ 'powershell.exe')
        $installs = @($runs | Where-Object { $_.Parameters.Arguments -contains $install })
        $installs.Count | Should -Be 1
        $installs[0].Parameters.FilePath | Should -Be 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe'
        $installs[0].Parameters.Arguments | Should -Be @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $install, '-BundleSha256', $package.properties.BundleSha256)
        @($runs | Where-Object { $_.Parameters.Arguments -notcontains $install -and $_.Parameters.Arguments -notcontains $probe }) | Should -BeNullOrEmpty
    }

    It 'makes every session configuration call and the WinRM restart inside powershell.exe, none from PowerShell 7' {
        foreach ($calls in @(, $auditCalls) + @(, $setCalls)) {
            $spans = @(Get-ProcessSpan $calls)
            foreach ($call in @($calls | Where-Object Command -In 'Get-PSSessionConfiguration', 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Set-PSSessionConfiguration', 'Restart-Service', 'Resolve-JeajitSid')) {
                Test-InsideProcess $call $spans | Should -BeTrue -Because "$($call.Command) (call $($call.Index)) must run in Windows PowerShell"
            }
        }
        @($setCalls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Count | Should -Be 1
    }

    It 'restarts WinRM once, inside the install, after the registration' {
        $restarts = @($setCalls | Where-Object Command -EQ 'WinRM restart')
        $restarts.Count | Should -Be 1
        $restarts[0].Note | Should -Be 'Restart-Service'
        $restarts[0].Index | Should -BeGreaterThan @($setCalls | Where-Object Command -EQ 'Register-PSSessionConfiguration')[0].Index
    }

    It 'installs each module as the bundle declares, registered with the declared SDDL, and the engine finds every role' {
        Format-Dictionary (Get-InstalledModuleFile @($manifest.modules.name)) | Should -Be (Format-Dictionary (Get-ModuleFileExpectation $folder))
        (Get-SimulatedEndpoint $Name).Sddl | Should -Be (Get-ExpectedSddl $folder)
        { New-EngineSession -Pssc (Get-SimulatedEndpoint $Name).ConfigFilePath -Principals @($manifest.principals) } | Should -Not -Throw
    }

    Context 'Set again' {
        BeforeAll {
            $before = Get-SimulatedHostFile
            Clear-SimulatedCall
            $resource.Set()
            $calls = @(Get-SimulatedCall)
        }

        It 'writes no file (same SHA-256 and last write time of every file on the host)' {
            Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
        }

        It 'does not register, unregister, or restart WinRM' {
            @($calls | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'Set-PSSessionConfiguration', 'Restart-Service', 'WinRM restart') | Should -BeNullOrEmpty
            @($calls | Where-Object Command -EQ 'powershell.exe' | Where-Object { $_.Parameters.Arguments -contains $install }).Count | Should -Be 1
        }

        It 'leaves Test true' {
            $resource.Test() | Should -BeTrue
        }
    }
}

Describe 'the reasons of <Name>, each repaired by one Set' -ForEach $dns {
    BeforeAll {
        $package = Get-GuestConfigPackage $Name
        $module = Import-GuestConfigModule $package
        $folder = Get-EndpointFolder $Name
        $manifest = Get-EndpointManifest $folder
        $sim = New-GuestConfigHost
        Enable-GuestConfigMock
        $resource = New-JeajitResource $module $package.properties
        $resource.Set()
        $installRoot = $sim.Folders.Modules
        $moduleName = $manifest.modules[0].name
        $role = $manifest.modules[0].roles[0]
        $psrc = Join-Path (Join-Path (Join-Path $installRoot $moduleName) 'RoleCapabilities') "$role.psrc"
        $psrcSha256 = @($manifest.files | Where-Object path -EQ "$moduleName/RoleCapabilities/$role.psrc")[0].sha256
        $bundle = Join-Path (Join-Path (Join-Path (Join-Path $package.extractTo 'Modules') 'JeajitDsc') 'Bundles') $Name

        # Get's reasons for the state a test made; then one Set, which must leave Test true having
        # restarted WinRM at most once; returns the reasons and the calls of that Set.
        function Get-ReasonAndRepair {
            $reasons = @($resource.Get().Reasons)
            $test = $resource.Test()
            Clear-SimulatedCall
            $resource.Set()
            [pscustomobject]@{ Reasons = $reasons; Test = $test; SetCalls = @(Get-SimulatedCall); TestAfter = $resource.Test() }
        }
    }
    AfterAll { Remove-GuestConfigHost }

    It 'is as declared to begin with' {
        $resource.Test() | Should -BeTrue
    }

    It 'a tampered file: names the file and both hashes; Set reinstalls it, restarting WinRM once' {
        Set-Content -LiteralPath $psrc -Value '@{ VisibleCmdlets = ''*'' }'
        $tampered = Get-FileSha256 $psrc
        $r = Get-ReasonAndRepair
        $r.Test | Should -BeFalse
        Get-ReasonId $r.Reasons | Should -Be @('FileTampered')
        $r.Reasons[0].Phrase | Should -Be "'$psrc' has SHA-256 $tampered; the bundle's '$moduleName/RoleCapabilities/$role.psrc' has ${psrcSha256}: it changed after it was installed"
        $r.TestAfter | Should -BeTrue
        Get-FileSha256 $psrc | Should -Be $psrcSha256
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -Be 1
    }

    It 'a missing role: names the role and where JEA looks for it; Set puts it back' {
        Remove-Item -LiteralPath $psrc
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('RoleMissing')
        $r.Reasons[0].Phrase | Should -Be "role '$role' is missing: JEA looks for it at '$psrc', which module '$moduleName' of the bundle carries"
        $r.TestAfter | Should -BeTrue
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -BeLessOrEqual 1
    }

    It 'a file that is not the bundle''s (a version folder): names it; Set removes it' {
        $extra = Join-Path (Join-Path $installRoot $moduleName) '0.9.0'
        New-Item -ItemType Directory -Path (Join-Path $extra 'RoleCapabilities') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path (Join-Path $extra 'RoleCapabilities') "$role.psrc") -Value '@{}'
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('FileUnexpected')
        $r.Reasons[0].Phrase | Should -Be "'$extra' is not part of the bundle: module '$moduleName' must hold exactly the bundle's files"
        $r.TestAfter | Should -BeTrue
        Test-Path -LiteralPath $extra | Should -BeFalse
    }

    It 'a changed SDDL: names the registered and the declared one; Set registers again, restarting WinRM once' {
        $declared = (Get-SimulatedEndpoint $Name).Sddl
        $other = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
        Set-SimulatedEndpointSddl $Name $other
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('SddlChanged')
        $r.Reasons[0].Phrase | Should -Be "endpoint '$Name' is registered with SDDL '$other'; the declaration gives '$declared'"
        $r.TestAfter | Should -BeTrue
        (Get-SimulatedEndpoint $Name).Sddl | Should -Be $declared
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -Be 1
    }

    It 'not registered: Set registers it, restarting WinRM once' {
        Unregister-SimulatedSessionConfiguration @{ Name = $Name } | Out-Null
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('NotRegistered')
        $r.TestAfter | Should -BeTrue
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -Be 1
    }

    It 'a session configuration file changed where it is registered: names both hashes; Set registers the bundle''s again' {
        $registered = (Get-SimulatedEndpoint $Name).ConfigFilePath
        Add-Content -LiteralPath $registered -Value '# changed'
        $changed = Get-FileSha256 $registered
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('ConfigurationChanged')
        $r.Reasons[0].Phrase | Should -BeLike "*'$registered' has SHA-256 $changed; the bundle's '$Name.pssc' has $(@($manifest.files | Where-Object path -EQ "$Name.pssc")[0].sha256)"
        $r.TestAfter | Should -BeTrue
    }

    It 'a module elsewhere on PSModulePath with a role of the same name: names both paths; Set refuses and changes nothing' {
        $shadowDir = Join-Path (Join-Path $sim.Folders.UserModules 'OtherDns') 'RoleCapabilities'
        New-Item -ItemType Directory -Path $shadowDir -Force | Out-Null
        $shadow = Join-Path $shadowDir "$role.psrc"
        Set-Content -LiteralPath $shadow -Value '@{ VisibleCmdlets = ''*'' }'
        try {
            $reasons = @($resource.Get().Reasons)
            Get-ReasonId $reasons | Should -Be @('RoleShadowed')
            $reasons[0].Phrase | Should -Be "role '$role' is offered by '$shadow' and by '$psrc': JEA loads the first it finds on PSModulePath, in no guaranteed order; remove or rename the other module's role"
            $resource.Test() | Should -BeFalse
            $before = Get-SimulatedHostFile
            Clear-SimulatedCall
            { $resource.Set() } | Should -Throw "jeajit: Install-$Name.ps1 failed in Windows PowerShell (exit 1): jeajit: refused, nothing changed: JEA would load one of two role capabilities of the same name*'$shadow'*"
            Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
            @(Get-SimulatedCall | Where-Object Command -In 'Register-PSSessionConfiguration', 'Unregister-PSSessionConfiguration', 'WinRM restart') | Should -BeNullOrEmpty
        }
        finally { Remove-Item -LiteralPath (Join-Path $sim.Folders.UserModules 'OtherDns') -Recurse -Force }
        $resource.Test() | Should -BeTrue
    }

    It 'a principal that does not resolve: names it; Set refuses with the registration script''s words' {
        $principal = $manifest.acl.names[0]
        $sid = $sim.Principals[$principal]
        $sim.Principals.Remove($principal)
        try {
            $reasons = @($resource.Get().Reasons)
            Get-ReasonId $reasons | Should -Be @('PrincipalUnresolved')
            $reasons[0].Phrase | Should -Be "these principals do not resolve to a SID on this machine, so the endpoint's ACL cannot be built: $principal"
            { $resource.Set() } | Should -Throw "*these principals do not resolve to a SID on VM-SIMULATED01: $principal*"
        }
        finally { $sim.Principals[$principal] = $sid }
        $resource.Test() | Should -BeTrue
    }

    It 'a PowerShell 7 registration of the name: names it; Set unregisters it and registers the Windows PowerShell endpoint, restarting WinRM once' {
        Set-SimulatedPowerShell7Registration $Name '7.4'
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('WrongEdition')
        $r.Reasons[0].Phrase | Should -Be "endpoint '$Name' is registered as a PowerShell 7.4 endpoint, not the Windows PowerShell 5.1 endpoint the declaration means"
        $r.TestAfter | Should -BeTrue
        $unregister = @($r.SetCalls | Where-Object { $_.Command -eq 'powershell.exe' -and $_.Parameters.Arguments -contains (Join-Path $bundle "Unregister-$Name.ps1") })
        $unregister.Count | Should -Be 1
        $unregister[0].Parameters.Arguments[-1] | Should -Be '-NoServiceRestart'
        @($r.SetCalls | Where-Object Command -EQ 'Register-PSSessionConfiguration').Count | Should -Be 1
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -Be 1
    }

    It 'several differences at once: one reason each, all repaired by one Set with one WinRM restart' {
        Remove-Item -LiteralPath $psrc
        # Not the manifest: Register-<endpoint>.ps1 never touches a module folder whose manifest lacks jeajit's GUID.
        Set-Content -LiteralPath (Join-Path (Join-Path $installRoot $moduleName) "$moduleName.psm1") -Value '# changed'
        Set-SimulatedEndpointSddl $Name 'O:NSG:BAD:P(A;;GA;;;BA)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
        $r = Get-ReasonAndRepair
        Get-ReasonId $r.Reasons | Should -Be @('FileTampered', 'RoleMissing', 'SddlChanged')
        $r.TestAfter | Should -BeTrue
        @($r.SetCalls | Where-Object Command -EQ 'WinRM restart').Count | Should -Be 1
    }

    It 'a package changed after it was built: names the file; Set refuses without starting Windows PowerShell' {
        $script = Join-Path $bundle "Install-$Name.ps1"
        $original = [System.IO.File]::ReadAllBytes($script)
        Add-Content -LiteralPath $script -Value 'Write-Output pwned'
        try {
            $reasons = @($resource.Get().Reasons)
            Get-ReasonId $reasons | Should -Be @('BundleDamaged')
            $reasons[0].Phrase | Should -BeLike "the package's '$script' has SHA-256 * the declaration $($package.properties.InstallScriptSha256): the package changed after it was built; deploy it again"
            Clear-SimulatedCall
            { $resource.Set() } | Should -Throw "jeajit: refused, nothing changed: the package's '$script' has SHA-256*"
            @(Get-SimulatedCall 'powershell.exe') | Should -BeNullOrEmpty
        }
        finally { [System.IO.File]::WriteAllBytes($script, $original) }
        $resource.Test() | Should -BeTrue
    }

    It 'fails with Windows PowerShell''s own words when powershell.exe fails' {
        Mock -ModuleName JeajitDsc Start-JeajitProcess { [pscustomobject]@{ ExitCode = 1; Output = ''; Error = 'powershell.exe: access denied' } }
        { $resource.Test() } | Should -Throw "jeajit: Windows PowerShell could not read endpoint '$Name' (exit 1): powershell.exe: access denied"
    }

    It 'gives every reason a Code of the form JeajitEndpoint:JeajitEndpoint:<id> and a phrase' {
        Remove-Item -LiteralPath (Join-Path $installRoot $moduleName) -Recurse
        Unregister-SimulatedSessionConfiguration @{ Name = $Name } | Out-Null
        $reasons = @($resource.Get().Reasons)
        $reasons.Count | Should -BeGreaterThan 1
        foreach ($reason in $reasons) {
            $reason.Code | Should -Match '^JeajitEndpoint:JeajitEndpoint:[A-Za-z]+$'
            $reason.Phrase | Should -Not -BeNullOrEmpty
        }
    }
}
