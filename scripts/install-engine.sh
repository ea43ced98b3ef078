#!/usr/bin/env bash
# Sets up PowerShell (the judge of the engine suites) and Pester inside the project's ignored
# .tools/ folder: pwsh 7.6.9 as a local dotnet tool (needs the .NET SDK), and Pester from NuGet.
# Idempotent; exits non-zero with the reason when either cannot be set up.
set -euo pipefail
cd "$(dirname "$0")/.."
PWSH_VERSION=7.6.9
PESTER_VERSION=5.7.1
pwsh=.tools/pwsh/pwsh

if [ ! -x "$pwsh" ]; then
  if ! command -v dotnet >/dev/null; then
    echo "install-engine: the .NET SDK (dotnet) is needed to install PowerShell $PWSH_VERSION as a dotnet tool" >&2
    exit 1
  fi
  dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path .tools/pwsh >/dev/null
fi
"$pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' >/dev/null

pester=".tools/modules/Pester/$PESTER_VERSION/tools/Pester.psd1"
if [ ! -f "$pester" ]; then
  # The NuGet package carries the module under tools/; PSResourceGet (in pwsh) saves it.
  mkdir -p .tools/modules
  "$pwsh" -NoLogo -NoProfile -NonInteractive -Command "
    \$ErrorActionPreference = 'Stop'
    if (-not (Get-PSResourceRepository -Name NuGetOrg -ErrorAction SilentlyContinue)) {
      Register-PSResourceRepository -Name NuGetOrg -Uri 'https://api.nuget.org/v3/index.json' -Trusted
    }
    Save-PSResource -Name Pester -Version $PESTER_VERSION -Repository NuGetOrg -Path .tools/modules -TrustRepository -SkipDependencyCheck
    if (Test-Path .tools/modules/pester) { Rename-Item .tools/modules/pester Pester }"
fi
"$pwsh" -NoLogo -NoProfile -NonInteractive -Command "Import-Module ./$pester; if ((Get-Module Pester).Version -ne [version]'$PESTER_VERSION') { throw 'Pester did not load' }"
echo "install-engine: $("$pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()') at $pwsh, Pester $PESTER_VERSION at .tools/modules/Pester"
