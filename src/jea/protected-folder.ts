/**
 * The PowerShell the generated scripts share for the folders jeajit keeps files in while it runs
 * as SYSTEM (the stage of Install-<endpoint>.ps1, the backup of Register-<endpoint>.ps1). Anyone
 * who can write to such a folder can swap a staged script or role capability between its SHA-256
 * check and its use, and so run code as SYSTEM. The folders therefore live under
 * `$env:ProgramFiles\WindowsPowerShell` (only administrators can create folders there, and it is
 * not on PSModulePath), are created with a DACL of their own (full control for SYSTEM and
 * Administrators, nothing inherited), and an existing one is used only when it is a real folder
 * (no link), owned by SYSTEM or Administrators, with a protected DACL that lets no one else in.
 * Reading and setting a folder's security are behind two functions, which tests replace (Linux
 * has no Windows ACLs); the decision itself is plain script.
 */

/** The DACL a jeajit folder gets: full control for SYSTEM and Administrators, inherited by what it holds, nothing from above. */
export const PROTECTED_FOLDER_DACL = 'D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)';

/** The SIDs that may own and enter a jeajit folder: SYSTEM and BUILTIN\Administrators. */
export const TRUSTED_FOLDER_SIDS = ['S-1-5-18', 'S-1-5-32-544'] as const;

/** The PowerShell functions: Get-JeajitFolderSecurity, Protect-JeajitFolder, Get-JeajitFolderProblem, Initialize-JeajitFolder. */
export const PROTECTED_FOLDER = String.raw`# Who owns a folder and whom its DACL lets in, behind one function (tests replace it: Linux has no Windows ACLs).
function Get-JeajitFolderSecurity([string] $Path) {
    $acl = Get-Acl -LiteralPath $Path
    $sid = [System.Security.Principal.SecurityIdentifier]
    New-Object PSObject -Property @{
        Owner = [string] $acl.GetOwner($sid).Value
        Protected = [bool] $acl.AreAccessRulesProtected
        Allowed = @($acl.GetAccessRules($true, $true, $sid) | Where-Object { $_.AccessControlType -eq 'Allow' } | ForEach-Object { [string] $_.IdentityReference.Value })
    }
}
# Gives a folder jeajit has just created its own DACL: full control for SYSTEM and Administrators, nothing inherited.
function Protect-JeajitFolder([string] $Path) {
    $acl = Get-Acl -LiteralPath $Path
    $acl.SetSecurityDescriptorSddlForm('${PROTECTED_FOLDER_DACL}', [System.Security.AccessControl.AccessControlSections]::Access)
    Set-Acl -LiteralPath $Path -AclObject $acl
}
# Why a folder cannot be trusted with what runs as SYSTEM, or nothing when it can.
function Get-JeajitFolderProblem([string] $Path) {
    $item = Get-Item -LiteralPath $Path -Force
    if (-not $item.PSIsContainer) { return 'it is not a folder' }
    if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) { return 'it is a link (reparse point) to another place' }
    $trusted = @('${TRUSTED_FOLDER_SIDS.join("', '")}')
    $security = Get-JeajitFolderSecurity $Path
    if ($trusted -notcontains $security.Owner) { return "its owner is $($security.Owner), not SYSTEM or Administrators" }
    if (-not $security.Protected) { return 'it inherits permissions from the folder above it' }
    $others = @($security.Allowed | Where-Object { $trusted -notcontains $_ } | Select-Object -Unique)
    if ($others.Count -gt 0) { return "its permissions let $($others -join ', ') in besides SYSTEM and Administrators" }
}
# A folder only SYSTEM and Administrators can change: created now with that DACL, or checked when it exists.
function Initialize-JeajitFolder([string] $Path) {
    if (-not (Test-Path -LiteralPath $Path)) {
        New-Item -ItemType Directory -Path $Path | Out-Null   # no -Force: a folder someone made meanwhile fails here
        Protect-JeajitFolder $Path
    }
    $problem = Get-JeajitFolderProblem $Path
    if ($problem) { throw "jeajit: refused, nothing changed: '$Path' could let others change what runs as SYSTEM: $problem. Find out who made it so, then remove it." }
}`;

/** `$env:ProgramFiles\WindowsPowerShell\jeajit`: where Install-<endpoint>.ps1 stages an endpoint's files, one folder per endpoint. */
export const STAGE_ROOT = String.raw`(Join-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell') 'jeajit')`;

/** `$env:ProgramData\jeajit`: where jeajit staged files before, a folder ordinary users can create and own. */
export const LEGACY_STAGE_ROOT = String.raw`(Join-Path $env:ProgramData 'jeajit')`;
