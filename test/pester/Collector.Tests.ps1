# The drift collector on a host the install scripts set up: what it reports, and that it only reads.
# The snapshots it takes here are judged in jest (test/engine/pester-drift.ts): by the schema, and
# by `jeajit drift` against the synth output.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')

    # Runs the collector and keeps its snapshot for jest: <Case>.collected.json as it wrote it,
    # <Case>.json with the host's paths as the Windows paths they stand for. Returns the snapshot.
    function Save-CollectorSnapshot([string] $Case) {
        $folder = (Get-PesterInput).snapshots
        $collected = Join-Path $folder "$Case.collected.json"
        & (Get-PesterInput).collector -OutFile $collected
        $snapshot = Get-Content -LiteralPath $collected -Raw | ConvertFrom-Json
        foreach ($endpoint in @($snapshot.endpoints)) { if ($endpoint.configFilePath) { $endpoint.configFilePath = ConvertTo-SimulatedWindowsPath $endpoint.configFilePath } }
        foreach ($role in @($snapshot.roleCapabilities)) { $role.path = ConvertTo-SimulatedWindowsPath $role.path }
        [System.IO.File]::WriteAllText((Join-Path $folder "$Case.json"), (ConvertTo-Json -InputObject $snapshot -Depth 6), [System.Text.UTF8Encoding]::new($false))
        $snapshot
    }
}

Describe 'the collector on a host running the example estate' {
    BeforeAll {
        $inputs = Get-PesterInput
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        foreach ($name in $inputs.example) { Invoke-Install $name | Out-Null }
        $before = Get-SimulatedHostFile
        Clear-SimulatedCall
        $out = Join-Path ([System.IO.Path]::GetTempPath()) ('jeajit-snapshot-' + [guid]::NewGuid().ToString('n') + '.json')
        & $inputs.collector -OutFile $out
        $snapshot = Get-Content -LiteralPath $out -Raw | ConvertFrom-Json
        Remove-Item -LiteralPath $out
    }
    AfterAll { Remove-SimulatedHost }

    It 'reports every registered endpoint with its installed .pssc, its SDDL and its virtual account' {
        @($snapshot.endpoints.name | Sort-Object) | Should -Be @($inputs.example | Sort-Object)
        foreach ($endpoint in $snapshot.endpoints) {
            $registered = Get-SimulatedEndpoint $endpoint.name
            $endpoint.configFilePath | Should -Be $registered.ConfigFilePath
            $endpoint.configFile | Should -Be ([System.IO.File]::ReadAllText($registered.ConfigFilePath))
            $endpoint.securityDescriptorSddl | Should -Be (Get-ExpectedSddl (Get-EndpointFolder $endpoint.name))
            $endpoint.runAsVirtualAccount | Should -Be ($endpoint.name -ne 'JEA-Helpdesk') -Because 'the helpdesk endpoint runs as a gMSA'
        }
    }

    It 'reports every role file JEA can load: those of the installed modules' {
        $expected = foreach ($name in $inputs.example) {
            foreach ($path in (Get-ModuleFileExpectation (Get-EndpointFolder $name)).Keys) { if ($path -like '*.psrc') { Join-Path $sim.Folders.Modules $path.Replace('/', [string] [System.IO.Path]::DirectorySeparatorChar) } }
        }
        @($snapshot.roleCapabilities.path | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'resolves the declared principals through the account database (the mocked Resolve-JeajitSid)' {
        $table = Get-EstatePrincipal
        foreach ($p in $snapshot.principals.PSObject.Properties) { $p.Value | Should -Be $table[$p.Name] -Because $p.Name }
        @($snapshot.principals.PSObject.Properties).Count | Should -BeGreaterThan 0
        $snapshot.host | Should -Be 'VM-SIMULATED01'
    }

    It 'only reads: nothing on the host changes and no Windows command but Get-PSSessionConfiguration runs' {
        Compare-SimulatedHostFile $before (Get-SimulatedHostFile) | Should -BeNullOrEmpty
        @(Get-SimulatedCall | Where-Object Command -NotIn 'Get-PSSessionConfiguration', 'Resolve-JeajitSid') | Should -BeNullOrEmpty
    }
}

Describe 'snapshots of the example estate as installed, then changed behind jeajit''s back' {
    BeforeAll {
        $inputs = Get-PesterInput
        $sim = New-EstateHost
        Enable-SimulatedHostMock
        foreach ($name in $inputs.example) { Invoke-Install $name | Out-Null }
        $role = Join-Path $sim.Folders.Modules (Join-Path 'ContosoJeaMaintenance' (Join-Path 'RoleCapabilities' 'MaintenanceLev1.psrc'))
    }
    AfterAll { Remove-SimulatedHost }

    It 'as installed by the install scripts' {
        $snapshot = Save-CollectorSnapshot 'installed'
        @($snapshot.endpoints).Count | Should -Be @($inputs.example).Count
    }

    It 'with a role file changed in place (one more visible cmdlet)' {
        $original = [System.IO.File]::ReadAllBytes($role)
        try {
            $text = [System.IO.File]::ReadAllText($role)
            $text.Contains("'Get-HotFix',") | Should -BeTrue
            [System.IO.File]::WriteAllText($role, $text.Replace("'Get-HotFix',", "'Get-HotFix',`r`n        'Stop-Computer',"), [System.Text.UTF8Encoding]::new($true))
            (Save-CollectorSnapshot 'tampered-role').roleCapabilities | Where-Object name -EQ 'MaintenanceLev1' | ForEach-Object content | Should -Match 'Stop-Computer'
        }
        finally { [System.IO.File]::WriteAllBytes($role, $original) }
    }

    It 'with one more ACE in the SDDL WinRM holds for JEA-DNS' {
        $sddl = (Get-SimulatedEndpoint 'JEA-DNS').Sddl
        try {
            $sddl | Should -Match '^O:NSG:BAD:P\('
            Set-SimulatedEndpointSddl 'JEA-DNS' $sddl.Replace('D:P(', 'D:P(A;;GA;;;S-1-5-21-3623811015-3361044348-30300820-1013)(')
            (Save-CollectorSnapshot 'extra-ace').endpoints | Where-Object name -EQ 'JEA-DNS' | ForEach-Object securityDescriptorSddl | Should -Match '30300820-1013'
        }
        finally { Set-SimulatedEndpointSddl 'JEA-DNS' $sddl }
    }

    It 'with a second module on PSModulePath offering a role of the same name' {
        $other = Join-Path $sim.Folders.UserModules (Join-Path 'ContosoOps' 'RoleCapabilities')
        New-Item -ItemType Directory -Force -Path $other | Out-Null
        try {
            Set-Content -LiteralPath (Join-Path $other 'MaintenanceLev1.psrc') -Value "@{ VisibleCmdlets = 'Stop-Computer' }"
            @((Save-CollectorSnapshot 'second-module').roleCapabilities | Where-Object name -EQ 'MaintenanceLev1').Count | Should -Be 2
        }
        finally { Remove-Item -LiteralPath (Split-Path -Parent $other) -Recurse -Force }
    }
}
