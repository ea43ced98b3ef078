<#
.SYNOPSIS
Dot-source in BeforeAll: stand-ins for the commands only Windows has, with the parameters Windows
PowerShell 5.1 gives them (reference/5.1 of MicrosoftDocs/PowerShell-Docs), so that a call with a
parameter 5.1 lacks fails to bind; and Enable-SimulatedHostMock, which mocks them (and the
functions the generated scripts put in front of Windows-only .NET APIs) with the simulated host.

.NOTES
Pester defines a mock as an alias, and command lookup takes aliases before functions: a mock of
Resolve-JeajitSid replaces the function of that name the generated script defines itself (the
test "a mock replaces a function the script defines" shows it). A stand-in throws when called
without a mock: nothing reaches a real Windows command by accident.
#>

function Get-PSSessionConfiguration {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [ValidateNotNullOrEmpty()] [string[]] $Name, [switch] $Force)
    throw 'Get-PSSessionConfiguration is not mocked'
}

function Register-PSSessionConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'NameParameterSet', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [ValidateNotNullOrEmpty()] [string] $Name,
        [Parameter(Mandatory = $true, Position = 1, ParameterSetName = 'AssemblyNameParameterSet')] [string] $AssemblyName,
        [Parameter(Mandatory = $true, Position = 2, ParameterSetName = 'AssemblyNameParameterSet')] [string] $ConfigurationTypeName,
        [Parameter(Mandatory = $true, ParameterSetName = 'SessionConfigurationFile')] [string] $Path,
        [string] $ProcessorArchitecture,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [string] $SessionType,
        [string] $ApplicationBase,
        [pscredential] $RunAsCredential,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [string] $ThreadApartmentState,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [string] $ThreadOptions,
        [string] $AccessMode,
        [switch] $UseSharedProcess,
        [string] $StartupScript,
        [System.Nullable[double]] $MaximumReceivedDataSizePerCommandMB,
        [System.Nullable[double]] $MaximumReceivedObjectSizeMB,
        [string] $SecurityDescriptorSddl,
        [switch] $ShowSecurityDescriptorUI,
        [switch] $Force,
        [switch] $NoServiceRestart,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [version] $PSVersion,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [object] $SessionTypeOption,
        [object] $TransportOption,
        [Parameter(ParameterSetName = 'NameParameterSet')] [Parameter(ParameterSetName = 'AssemblyNameParameterSet')] [object[]] $ModulesToImport
    )
    throw 'Register-PSSessionConfiguration is not mocked'
}

function Unregister-PSSessionConfiguration {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param([Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Name, [switch] $Force, [switch] $NoServiceRestart)
    throw 'Unregister-PSSessionConfiguration is not mocked'
}

function Set-PSSessionConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'NameParameterSet', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)] [string] $Name,
        [Parameter(Mandatory = $true, Position = 1, ParameterSetName = 'AssemblyNameParameterSet')] [string] $AssemblyName,
        [Parameter(Mandatory = $true, Position = 2, ParameterSetName = 'AssemblyNameParameterSet')] [string] $ConfigurationTypeName,
        [Parameter(Mandatory = $true, ParameterSetName = 'SessionConfigurationFile')] [string] $Path,
        [string] $ApplicationBase,
        [pscredential] $RunAsCredential,
        [string] $ThreadApartmentState,
        [string] $ThreadOptions,
        [string] $AccessMode,
        [switch] $UseSharedProcess,
        [string] $StartupScript,
        [System.Nullable[double]] $MaximumReceivedDataSizePerCommandMB,
        [System.Nullable[double]] $MaximumReceivedObjectSizeMB,
        [string] $SecurityDescriptorSddl,
        [switch] $ShowSecurityDescriptorUI,
        [switch] $Force,
        [switch] $NoServiceRestart,
        [version] $PSVersion,
        [object] $SessionTypeOption,
        [object] $TransportOption,
        [object[]] $ModulesToImport
    )
    throw 'Set-PSSessionConfiguration is not mocked'
}

function Restart-Service {
    [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ParameterSetName = 'InputObject')] [object[]] $InputObject,
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true, ParameterSetName = 'Default')] [Alias('ServiceName')] [string[]] $Name,
        [Parameter(Mandatory = $true, ParameterSetName = 'DisplayName')] [string[]] $DisplayName,
        [string[]] $Include,
        [string[]] $Exclude,
        [switch] $Force,
        [switch] $PassThru
    )
    throw 'Restart-Service is not mocked'
}

# The functions the generated scripts define in front of Windows-only .NET APIs (NTAccount,
# RawSecurityDescriptor) and cmdlets (Get-Acl, Set-Acl): Mock needs a command of the name to exist
# when it is set up.
function Resolve-JeajitSid([string] $Principal) { throw 'Resolve-JeajitSid is not mocked' }
function Get-CanonicalSddl([string] $Sddl) { throw 'Get-CanonicalSddl is not mocked' }
function Get-JeajitFolderSecurity([string] $Path) { throw 'Get-JeajitFolderSecurity is not mocked' }
function Protect-JeajitFolder([string] $Path) { throw 'Protect-JeajitFolder is not mocked' }

function Enable-SimulatedHostMock {
    <#
    .SYNOPSIS
    Mocks every Windows-only command with the simulated host (call from BeforeEach or It: Pester
    scopes the mocks to the block). Errors and warnings are written here, in the mock, so that the
    caller's -ErrorAction and $ErrorActionPreference decide what they do, as with the real cmdlets.
    .PARAMETER Except
    Commands to leave unmocked.
    #>
    param([string[]] $Except = @())
    Mock Get-PSSessionConfiguration {
        $found = @(Get-SimulatedSessionConfiguration -Name $Name)
        if ($found.Count -eq 0 -and $Name) { Write-Error -Message "No session configuration matches criteria ""$($Name -join ', ')""." -Category ObjectNotFound }
        $found
    }
    Mock Register-PSSessionConfiguration {
        foreach ($warning in @(Register-SimulatedSessionConfiguration -Parameters $PesterBoundParameters)) { Write-Warning $warning }
    }
    Mock Unregister-PSSessionConfiguration {
        if (-not (Unregister-SimulatedSessionConfiguration -Parameters $PesterBoundParameters)) { Write-Error -Message "No session configuration matches criteria ""$Name""." -Category ObjectNotFound }
    }
    Mock Set-PSSessionConfiguration { Add-SimulatedCall 'Set-PSSessionConfiguration' $PesterBoundParameters | Out-Null }
    Mock Restart-Service { Restart-SimulatedService -Parameters $PesterBoundParameters }
    if ($Except -notcontains 'Resolve-JeajitSid') { Mock Resolve-JeajitSid { Resolve-SimulatedSid -Principal $Principal } }
    if ($Except -notcontains 'Get-CanonicalSddl') { Mock Get-CanonicalSddl { ConvertTo-SimulatedCanonicalSddl -Sddl $Sddl } }
    if ($Except -notcontains 'Get-JeajitFolderSecurity') { Mock Get-JeajitFolderSecurity { Get-SimulatedFolderSecurity -Path $Path } }
    if ($Except -notcontains 'Protect-JeajitFolder') { Mock Protect-JeajitFolder { Protect-SimulatedFolder -Path $Path } }
}
