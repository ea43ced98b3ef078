# The drift collector on a host the install scripts set up: what it reports, and that it only reads.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SimulatedHost.psm1') -Force
    . (Join-Path $PSScriptRoot 'WindowsCommands.ps1')
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
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
