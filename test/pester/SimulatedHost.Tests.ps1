# The simulated Windows host itself: what it stands in for, and that mocks reach the generated scripts.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
}

Describe 'the simulated Windows host' {
    AfterEach { Remove-SimulatedHost }

    It 'points Program Files, ProgramData, PSModulePath and COMPUTERNAME at temporary folders, and puts them back' {
        $before = @($env:ProgramFiles, $env:ProgramData, $env:PSModulePath, $env:COMPUTERNAME)
        $sim = New-SimulatedHost
        $env:ProgramFiles | Should -Be $sim.Folders.ProgramFiles
        $env:ProgramData | Should -Be $sim.Folders.ProgramData
        @($env:PSModulePath -split [System.IO.Path]::PathSeparator) | Should -Be @($sim.Folders.UserModules, $sim.Folders.Modules, $sim.Folders.SystemModules)
        $sim.Folders.Modules | Should -Be (Join-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell') 'Modules')
        $env:COMPUTERNAME | Should -Be 'VM-SIMULATED01'
        Test-Path -LiteralPath $sim.Folders.Transcripts | Should -BeTrue
        Remove-SimulatedHost
        @($env:ProgramFiles, $env:ProgramData, $env:PSModulePath, $env:COMPUTERNAME) | Should -Be $before
        Test-Path -LiteralPath $sim.Folders.Root | Should -BeFalse
    }

    It 'lets a mock replace a function the generated script defines itself (Pester mocks are aliases, and aliases come first)' {
        New-EstateHost | Out-Null
        Enable-SimulatedHostMock
        Invoke-Install 'JEA-DNS' | Out-Null
        $resolved = @(Get-SimulatedCall 'Resolve-JeajitSid' | ForEach-Object { $_.Parameters.Principal })
        $resolved | Should -Be @((Get-EndpointManifest (Get-EndpointFolder 'JEA-DNS')).acl.names)
        Should -Invoke Resolve-JeajitSid -Exactly -Times $resolved.Count
        Should -Invoke Get-CanonicalSddl -Exactly -Times 1
    }

    It "runs the script's own Resolve-JeajitSid when it is not mocked (NTAccount, which only Windows has)" {
        New-EstateHost | Out-Null
        Enable-SimulatedHostMock -Except 'Resolve-JeajitSid'
        { Invoke-Install 'JEA-DNS' } | Should -Throw '*these principals do not resolve to a SID on VM-SIMULATED01: CONTOSO\JEA-DNS-Operators'
        Get-SimulatedCall 'Resolve-JeajitSid' | Should -BeNullOrEmpty
    }

    It 'answers Get-PSSessionConfiguration as Windows does for a configuration registered from a .pssc' {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        Invoke-Install 'JEA-Maintenance' | Out-Null
        $c = Get-PSSessionConfiguration -Name 'JEA-Maintenance'
        $c.PSObject.TypeNames[0] | Should -Be 'Microsoft.PowerShell.Commands.PSSessionConfigurationCommands#PSSessionConfiguration'
        $pssc = Join-Path (Get-EndpointFolder 'JEA-Maintenance') 'JEA-Maintenance.pssc'
        $guid = (Import-PowerShellDataFile -LiteralPath $pssc).GUID
        $c.ConfigFilePath | Should -Be (Join-Path $sim.Folders.SessionConfig "JEA-Maintenance_$guid.pssc")
        Get-FileSha256 $c.ConfigFilePath | Should -Be (Get-FileSha256 $pssc)
        $c.SecurityDescriptorSddl | Should -Be (Get-ExpectedSddl (Get-EndpointFolder 'JEA-Maintenance'))
        $c.RunAsVirtualAccount | Should -Be 'true'
        $c.SessionType | Should -Be 'RestrictedRemoteServer'
        @($c.RoleDefinitions.Keys | Sort-Object) | Should -Be @('CONTOSO\JEA-Maintenance-L1', 'CONTOSO\JEA-Maintenance-L2')
        # RequiredGroups makes every ACE conditional: .NET calls them AccessAllowedCallback.
        $c.Permission | Should -Be 'CONTOSO\JEA-Maintenance-L1 AccessAllowedCallback, CONTOSO\JEA-Maintenance-L2 AccessAllowedCallback'
        $c.Filename | Should -Be '%windir%\system32\pwrshplugin.dll'
    }

    It 'gives a folder the ACL it would inherit in Program Files until jeajit protects it, and maps its folders to Windows paths' {
        $sim = New-SimulatedHost
        Enable-SimulatedHostMock
        $dir = Join-Path $sim.Folders.ProgramFiles 'X'
        New-Item -ItemType Directory -Path $dir | Out-Null
        $inherited = Get-JeajitFolderSecurity $dir
        $inherited.Protected | Should -BeFalse
        @($inherited.Allowed) | Should -Contain 'S-1-5-32-545'
        Protect-JeajitFolder $dir
        $protected = Get-JeajitFolderSecurity $dir
        @($protected.Owner, $protected.Protected, (@($protected.Allowed) -join ',')) | Should -Be @('S-1-5-32-544', $true, 'S-1-5-18,S-1-5-32-544')
        { Get-JeajitFolderSecurity (Join-Path $dir 'missing') } | Should -Throw '*does not exist*'
        ConvertTo-SimulatedWindowsPath (Join-Path $sim.Folders.Modules 'M') | Should -Be 'C:\Program Files\WindowsPowerShell\Modules\M'
        ConvertTo-SimulatedWindowsPath (Join-Path $sim.Folders.UserModules 'M') | Should -Be 'C:\Windows\System32\config\systemprofile\Documents\WindowsPowerShell\Modules\M'
        ConvertTo-SimulatedWindowsPath $sim.Folders.SessionConfig | Should -Be 'C:\Windows\System32\WindowsPowerShell\v1.0\SessionConfig'
    }

    It 'writes an error for a configuration that does not exist, which -ErrorAction SilentlyContinue silences' {
        New-SimulatedHost | Out-Null
        Enable-SimulatedHostMock
        { Get-PSSessionConfiguration -Name 'JEA-None' -ErrorAction Stop } | Should -Throw 'No session configuration matches criteria "JEA-None".'
        Get-PSSessionConfiguration -Name 'JEA-None' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { Unregister-PSSessionConfiguration -Name 'JEA-None' -ErrorAction Stop } | Should -Throw '*No session configuration matches*'
    }

    It 'refuses a parameter Windows PowerShell 5.1 does not have (the stand-ins carry its parameter sets)' {
        New-SimulatedHost | Out-Null
        Enable-SimulatedHostMock
        { Register-PSSessionConfiguration -Name 'X' -Path 'x.pssc' -TranscriptDirectory 'C:\T' } | Should -Throw -ErrorId 'NamedParameterNotFound,*'
        { Restart-Service -Name 'WinRM' -Force -NoWait } | Should -Throw -ErrorId 'NamedParameterNotFound,*'
    }

    It 'restarts WinRM from Register-PSSessionConfiguration -Force when its closing probe fails, as the real cmdlet does' {
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        $pssc = Join-Path (Get-EndpointFolder 'JEA-DNS') 'JEA-DNS.pssc'
        Register-PSSessionConfiguration -Name 'JEA-DNS' -Path $pssc -SecurityDescriptorSddl (Get-ExpectedSddl (Get-EndpointFolder 'JEA-DNS')) -Force -NoServiceRestart
        @(Get-SimulatedCall 'WinRM restart').Count | Should -Be 1
        Register-PSSessionConfiguration -Name 'JEA-Other' -Path $pssc -SecurityDescriptorSddl (Get-ExpectedSddl (Get-EndpointFolder 'JEA-DNS')) -WarningVariable warned 3>$null
        @(Get-SimulatedCall 'WinRM restart').Count | Should -Be 1
        $warned | Should -Match 'WinRM needs to be restarted'
        { Register-PSSessionConfiguration -Name 'JEA-DNS' -Path $pssc } | Should -Throw '*already exists*'
        $sim.Endpoints.Keys | Should -Be @('JEA-DNS', 'JEA-Other')
    }

    It 'calls Set-PSSessionConfiguration from Register-PSSessionConfiguration without an SDDL, restarting WinRM with -Force (PowerShell/PowerShell#23859)' {
        New-EstateHost | Out-Null
        Enable-SimulatedHostMock
        Register-PSSessionConfiguration -Name 'JEA-DNS' -Path (Join-Path (Get-EndpointFolder 'JEA-DNS') 'JEA-DNS.pssc') -Force -NoServiceRestart
        @(Get-SimulatedCall 'Set-PSSessionConfiguration').Count | Should -Be 1
        # The default SDDL lets Administrators in: the closing probe succeeds, the Set call restarts.
        @(Get-SimulatedCall 'WinRM restart' | ForEach-Object Note) | Should -Be @('Set-PSSessionConfiguration -Force, inside Register-PSSessionConfiguration')
    }
}
