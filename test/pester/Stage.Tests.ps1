# The stage and the backup: folders only SYSTEM and Administrators can change, so that no one else
# can swap a staged script or role between its check and its use (code as SYSTEM). Owners and
# DACLs are simulated (Get-JeajitFolderSecurity, Protect-JeajitFolder are mocked: Linux has no
# Windows ACLs); links are real.
BeforeDiscovery {
    $user = 'S-1-5-21-3623811015-3361044348-30300820-1013'
    $planted = @(
        @{ Case = 'owned by an ordinary user'; Which = 'stage'; Owner = $user; Protected = $true; Allowed = @('S-1-5-18', 'S-1-5-32-544'); Reason = "its owner is $user, not SYSTEM or Administrators" }
        @{ Case = 'whose DACL lets Users in'; Which = 'stage'; Owner = 'S-1-5-32-544'; Protected = $true; Allowed = @('S-1-5-18', 'S-1-5-32-544', 'S-1-5-32-545'); Reason = 'its permissions let S-1-5-32-545 in besides SYSTEM and Administrators' }
        @{ Case = 'that inherits its DACL'; Which = 'stage'; Owner = 'S-1-5-32-544'; Protected = $false; Allowed = @('S-1-5-18', 'S-1-5-32-544'); Reason = 'it inherits permissions from the folder above it' }
        @{ Case = 'above the stage (the jeajit folder), owned by an ordinary user'; Which = 'root'; Owner = $user; Protected = $true; Allowed = @('S-1-5-18', 'S-1-5-32-544', $user); Reason = "its owner is $user, not SYSTEM or Administrators" }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $name = 'JEA-Maintenance'
    function Get-StageRoot { Split-Path -Parent (Get-StageFolder $name) }

    # A folder with a Register script of someone else's in it: what they would run as SYSTEM.
    function New-PlantedFolder([string] $Path) {
        New-Item -ItemType Directory -Force -Path $Path | Out-Null
        $marker = Join-Path (Get-SimulatedHost).Folders.Root 'planted-script-ran'
        Set-Content -LiteralPath (Join-Path $Path "Register-$name.ps1") -Value "Set-Content -LiteralPath '$marker' -Value 'ran as SYSTEM'"
        $marker
    }
    # Nothing of the endpoint is installed or registered, and WinRM is untouched.
    function Assert-NothingInstalled {
        @(Get-ChildItem -LiteralPath (Get-SimulatedHost).Folders.Modules) | Should -BeNullOrEmpty
        Get-SimulatedEndpoint $name | Should -BeNullOrEmpty
        @(Get-SimulatedCall | Where-Object Command -In 'Register-PSSessionConfiguration', 'Restart-Service', 'WinRM restart') | Should -BeNullOrEmpty
    }
}

Describe 'the stage on a new host' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install $name | Out-Null
        $protected = @(Get-SimulatedCall 'Protect-JeajitFolder')
        Clear-SimulatedCall
        Invoke-Install $name | Out-Null
        $again = @(Get-SimulatedCall 'Protect-JeajitFolder')
    }
    AfterAll { Remove-SimulatedHost }

    It 'is created, with the jeajit folder above it, with a DACL of its own before any file is written in it' {
        $stage = Get-StageFolder $name
        $protected[0].Parameters.Path | Should -Be (Get-StageRoot)
        $protected[1].Parameters.Path | Should -Be $stage
        @($protected | Where-Object Note -NE 'empty') | Should -BeNullOrEmpty
        (Get-SimulatedFolderSecurity $stage).Owner | Should -Be 'S-1-5-32-544'
    }

    It 'keeps the backup of the registration in such a folder too' {
        $backup = Join-Path (Join-Path (Join-Path $sim.Folders.ProgramFiles 'WindowsPowerShell') 'jeajit-backup') $name
        @($protected.Parameters.Path) | Should -Contain (Split-Path -Parent $backup)
        @($protected.Parameters.Path) | Should -Contain $backup
    }

    It 'is under Program Files and not on PSModulePath (its role files are not JEA''s to find)' {
        (Get-StageRoot) | Should -Be (Join-Path (Join-Path $sim.Folders.ProgramFiles 'WindowsPowerShell') 'jeajit')
        foreach ($entry in @($env:PSModulePath -split [System.IO.Path]::PathSeparator)) { (Get-StageRoot).StartsWith($entry.TrimEnd([System.IO.Path]::DirectorySeparatorChar) + [System.IO.Path]::DirectorySeparatorChar) | Should -BeFalse -Because $entry }
    }

    It 'is checked, not made again, on the next run' {
        $again | Should -BeNullOrEmpty
    }
}

Describe 'a stage folder someone made first, <Case>' -ForEach $planted {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $folder = if ($Which -eq 'root') { Get-StageRoot } else { Get-StageFolder $name }
        if ($Which -eq 'stage') { New-Item -ItemType Directory -Force -Path (Get-StageRoot) | Out-Null; Set-SimulatedFolderSecurity -Path (Get-StageRoot) }
        $marker = New-PlantedFolder (Get-StageFolder $name)
        Set-SimulatedFolderSecurity -Path $folder -Owner $Owner -Protected $Protected -Allowed $Allowed
        $before = Get-SimulatedHostFile
        Clear-SimulatedCall
        $failure = $null
        try { Invoke-Install $name | Out-Null } catch { $failure = $_ }
    }
    AfterAll { Remove-SimulatedHost }

    It 'is refused, naming the folder and what is wrong with it' {
        $failure.Exception.Message | Should -Be "jeajit: refused, nothing changed: '$folder' could let others change what runs as SYSTEM: $Reason. Find out who made it so, then remove it."
    }

    It 'runs nothing of it and writes nothing in it: the planted script never ran, no file of the bundle was staged' {
        Test-Path -LiteralPath $marker | Should -BeFalse
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
    }

    It 'installs and registers nothing, and does not take the folder over (no new DACL)' {
        Assert-NothingInstalled
        @(Get-SimulatedCall 'Protect-JeajitFolder') | Should -BeNullOrEmpty
    }
}

Describe 'a stage that is a link to a folder elsewhere' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $elsewhere = Join-Path $sim.Folders.Root 'elsewhere'
        $marker = New-PlantedFolder $elsewhere
        Set-SimulatedFolderSecurity -Path $elsewhere
        New-Item -ItemType Directory -Force -Path (Get-StageRoot) | Out-Null
        Set-SimulatedFolderSecurity -Path (Get-StageRoot)
        New-Item -ItemType SymbolicLink -Path (Get-StageFolder $name) -Target $elsewhere | Out-Null
        Set-SimulatedFolderSecurity -Path (Get-StageFolder $name)
        Clear-SimulatedCall
        $failure = $null
        try { Invoke-Install $name | Out-Null } catch { $failure = $_ }
    }
    AfterAll { Remove-SimulatedHost }

    It 'is refused even when owner and DACL look right (the link is real: a symbolic link on this host, a junction on Windows)' {
        $failure.Exception.Message | Should -BeLike "*'$(Get-StageFolder $name)' could let others change what runs as SYSTEM: it is a link (reparse point) to another place.*"
        Test-Path -LiteralPath $marker | Should -BeFalse
        @(Get-ChildItem -LiteralPath $elsewhere).Name | Should -Be @("Register-$name.ps1")
        Assert-NothingInstalled
    }
}

Describe 'the script''s own Get-JeajitFolderSecurity, not mocked' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock -Except 'Get-JeajitFolderSecurity'
        $failure = $null
        try { Invoke-Install $name | Out-Null } catch { $failure = $_ }
    }
    AfterAll { Remove-SimulatedHost }

    It 'fails closed where Get-Acl is missing (Linux): nothing is staged, installed or registered' {
        $failure.Exception.Message | Should -BeLike '*Get-Acl*'
        @(Get-ChildItem -LiteralPath (Get-StageRoot) -Recurse -File) | Should -BeNullOrEmpty
        Assert-NothingInstalled
    }
}

Describe 'files swapped after their check, from a source folder others can write to (Register-<endpoint>.ps1 run by hand)' {
    BeforeEach {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install $name | Out-Null
        $before = Get-SimulatedHostFile
        $previous = Get-SimulatedEndpoint $name
        $source = Join-Path $sim.Folders.Root 'share'
        Copy-Item -LiteralPath (Get-EndpointFolder $name -Changed) -Destination $source -Recurse
        $modulesPrefix = Get-SimulatedRelativePath $sim.Folders.Modules
    }
    AfterEach { Remove-SimulatedHost }

    It 'a role file changed while it is copied is caught where it lands, and the previous endpoint is back' {
        # The copy reads what someone wrote into the source after the SHA-256 check.
        Mock Copy-Item { [System.IO.File]::WriteAllText($Destination, "@{ VisibleCmdlets = 'Invoke-Expression' }") } -ParameterFilter { $Destination -like '*MaintenanceLev1.psrc' }
        { & (Join-Path $source "Register-$name.ps1") -SourceRoot $source 3>$null } |
            Should -Throw "jeajit: endpoint '$name' was not changed: 'ContosoJeaMaintenance/RoleCapabilities/MaintenanceLev1.psrc' changed after it was checked (SHA-256 differs where it was installed). The previous modules and registration are back."
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) -Under "$modulesPrefix/" | Should -BeNullOrEmpty
        Get-SimulatedEndpoint $name | Should -Be $previous
    }

    It 'a .pssc changed before it is registered is caught once registered, and the previous registration is back' {
        # The last module file's copy is the moment: the .pssc in the source changes after it. (A
        # mock's body sees the script's variables: the path is in a name the script does not use.)
        $sharedPssc = Join-Path $source "$name.pssc"
        Mock Copy-Item {
            [System.IO.File]::Copy($LiteralPath, $Destination, $true)
            Add-Content -LiteralPath $sharedPssc -Value '# changed after the check'
        } -ParameterFilter { $Destination -like '*MaintenanceLev2.psrc' }
        { & (Join-Path $source "Register-$name.ps1") -SourceRoot $source 3>$null } |
            Should -Throw "jeajit: endpoint '$name' was not changed: '$name.pssc' changed after it was checked (SHA-256 differs where it was registered). The previous modules and registration are back."
        $now = Get-SimulatedEndpoint $name
        Get-FileSha256 $now.ConfigFilePath | Should -Be (Get-FileSha256 $previous.ConfigFilePath)
        $now.Sddl | Should -Be $previous.Sddl
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) -Under "$modulesPrefix/" | Should -BeNullOrEmpty
    }
}

Describe 'Unregister and a stage others could have changed' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install $name | Out-Null
        Set-SimulatedFolderSecurity -Path (Get-StageFolder $name) -Owner 'S-1-5-21-3623811015-3361044348-30300820-1013'
        $output = & (Join-Path (Get-EndpointFolder $name) "Unregister-$name.ps1") 3>&1
    }
    AfterAll { Remove-SimulatedHost }

    It 'keeps the stage, saying why, and removes the registration and the modules' {
        Test-Path -LiteralPath (Get-StageFolder $name) | Should -BeTrue
        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message) |
            Should -Be @("jeajit: kept '$(Get-StageFolder $name)': its owner is S-1-5-21-3623811015-3361044348-30300820-1013, not SYSTEM or Administrators; check it, then remove it")
        Get-SimulatedEndpoint $name | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $sim.Folders.Modules) | Should -BeNullOrEmpty
    }
}

Describe 'the stage an earlier jeajit made in ProgramData' {
    BeforeAll {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $legacy = Join-Path (Join-Path $sim.Folders.ProgramData 'jeajit') $name
        $marker = New-PlantedFolder $legacy
        $planted = Get-SimulatedHostFile
        $installed = & (Join-Path (Get-EndpointFolder $name) "Install-$name.ps1") 3>&1
        $removed = & (Join-Path (Get-StageFolder $name) "Unregister-$name.ps1") 3>&1
        $warnings = { param($records) @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -like 'jeajit:*' } | ForEach-Object Message) }
    }
    AfterAll { Remove-SimulatedHost }

    It 'is named in a warning by Install, and not used: the endpoint is installed from the new stage' {
        & $warnings $installed | Should -Be @("jeajit: '$legacy' is where an earlier jeajit staged this endpoint, a folder other users may have changed; it is not used any more: check it, then remove it")
        Test-Path -LiteralPath $marker | Should -BeFalse
        @($installed | Where-Object { $_ -is [string] })[-2] | Should -Be "jeajit: endpoint '$name' registered"
    }

    It 'is named in a warning by Unregister, and left as it is (removing it as SYSTEM could follow links others made)' {
        & $warnings $removed | Should -Be @("jeajit: kept '$legacy', where an earlier jeajit staged this endpoint (other users may have changed it): check it, then remove it")
        Compare-SimulatedHostFile $planted (Get-SimulatedHostFile) | Should -BeNullOrEmpty
    }
}
