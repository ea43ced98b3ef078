import { aclFromRoleDefinitions } from '../../src/acl/endpoint-acl';
import { endpointArtifacts } from '../../src/jea/endpoint';
import { defineJeaModule } from '../../src/jea/jea-module';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { PROTECTED_FOLDER_DACL, TRUSTED_FOLDER_SIDS } from '../../src/jea/protected-folder';
import { defineSessionConfiguration } from '../../src/jea/session-configuration';
import { parse, PsHashtable } from '../../src/psd1';
import { oracleError } from '../helpers/oracle';

// Apostrophes are legal in account names, and typographic quotes close PowerShell strings too.
const TRICKY = [
  "CONTOSO\\O'Brien-Admins",
  'CONTOSO\\Ops\u2019 $(Remove-Item -Recurse) \u2018x',
  'CONTOSO\\$(whoami)`n',
];

function artifacts() {
  const role = defineRoleCapability('t/R', {
    roleName: 'Reader',
    visibleCmdlets: ['Get-Service'],
    description: "it's \u201cquoted\u201d $(danger)",
  });
  const module = defineJeaModule('t/M', { name: 'ReaderModule', version: '1.0', roles: [role] });
  const configuration = defineSessionConfiguration('t/E', {
    sessionType: 'RestrictedRemoteServer',
    runAsVirtualAccount: true,
    roleDefinitions: TRICKY.map((p) => [p, { roleCapabilities: ['Reader'] }] as const),
  });
  return endpointArtifacts('t/E', {
    name: 'JEA-Read',
    configuration,
    modules: [module],
    acl: aclFromRoleDefinitions(TRICKY),
  });
}

/** The `$Endpoint = @{ ... }` data block of a generated script, parsed as data. */
function dataBlock(script: Uint8Array, variable: string): PsHashtable {
  const text = Buffer.from(script).subarray(3).toString('utf8');
  const start = text.indexOf(`$${variable} = @{`);
  const end = text.indexOf('\r\n}\r\n', start);
  return parse(text.slice(start + variable.length + 4, end + 3)).value as PsHashtable;
}

describe('generated scripts', () => {
  const a = artifacts();
  const file = (name: string) => a.files.find((f) => f.path === name)!.content;

  it('embeds principals as data: quotes of every kind stay inside their strings', () => {
    const data = dataBlock(file('Register-JEA-Read.ps1'), 'Endpoint');
    expect(data.get('Principals')).toEqual(TRICKY);
    expect(data.get('Name')).toBe('JEA-Read');
    expect(data.get('SddlTemplate')).toBe(
      'O:NSG:BAD:P(A;;GA;;;<<P0>>)(A;;GA;;;<<P1>>)(A;;GA;;;<<P2>>)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
    );
  });

  it('lists every file with its SHA-256 in the registration script', () => {
    const files = dataBlock(file('Register-JEA-Read.ps1'), 'Endpoint').get('Files') as PsHashtable[];
    expect(files.map((f) => f.get('Path'))).toEqual([
      'ReaderModule/ReaderModule.psd1',
      'ReaderModule/ReaderModule.psm1',
      'ReaderModule/RoleCapabilities/Reader.psrc',
      'JEA-Read.pssc',
    ]);
  });

  it('writes scripts tree-sitter-powershell parses without error', async () => {
    for (const name of ['Register-JEA-Read.ps1', 'Unregister-JEA-Read.ps1'])
      expect(await oracleError(Buffer.from(file(name)).subarray(3).toString('utf8'))).toBeUndefined();
    expect(await oracleError(Buffer.from(a.installScript.content).subarray(3).toString('utf8'))).toBeUndefined();
  });

  it('carries the bundle hash the deployment passes, and checks it', () => {
    const bundle = dataBlock(a.installScript.content, 'Bundle');
    expect(bundle.get('BundleSha256')).toBe(a.bundleSha256);
    expect(Buffer.from(a.installScript.content).toString('utf8')).toContain(
      'if ($BundleSha256 -and $BundleSha256 -ne $Bundle.BundleSha256) { throw',
    );
  });

  it('registers without -Force, and restarts WinRM itself, once (the behaviour is tested by test/pester)', () => {
    const text = Buffer.from(file('Register-JEA-Read.ps1')).toString('utf8');
    const registers = text.match(/^.*Register-PSSessionConfiguration -Path .*$/gm) ?? [];
    expect(registers).toHaveLength(2); // the new configuration, and the previous one when a failure puts it back
    for (const line of registers) expect(line).not.toMatch(/-Force\b/);
    expect(text.match(/Restart-Service -Name WinRM -Force/g)).toHaveLength(1);
    expect(text).toContain('[switch] $NoServiceRestart');
    expect(text).not.toContain('Set-PSSessionConfiguration');
  });

  it('gives the unregistration script -NoServiceRestart and no -SourceRoot', () => {
    const text = Buffer.from(file('Unregister-JEA-Read.ps1')).toString('utf8');
    expect(text).toContain('[switch] $NoServiceRestart');
    expect(text).not.toContain('$SourceRoot');
  });

  it('stages only missing or different files, so that a second install writes nothing', () => {
    const text = Buffer.from(a.installScript.content).toString('utf8');
    expect(text).toContain(
      'if ((Test-Path -LiteralPath $path -PathType Leaf) -and (Get-Sha256 $path) -eq $file.Sha256) { continue }',
    );
    expect(text).not.toMatch(/Remove-Item -LiteralPath \$stage -Recurse/);
  });

  it('stages in a folder under Program Files, off PSModulePath, that only SYSTEM and Administrators can change (the behaviour is tested by test/pester/Stage.Tests.ps1)', () => {
    const text = Buffer.from(a.installScript.content).toString('utf8');
    expect(text).toContain("$stageRoot = (Join-Path (Join-Path $env:ProgramFiles 'WindowsPowerShell') 'jeajit')");
    expect(text).toMatch(/Initialize-JeajitFolder \$stageRoot\r\nInitialize-JeajitFolder \$stage\r\n/);
    expect(text.indexOf('Initialize-JeajitFolder $stage\r\n')).toBeLessThan(text.indexOf('WriteAllBytes'));
    expect(text).toContain(`SetSecurityDescriptorSddlForm('${PROTECTED_FOLDER_DACL}'`);
    expect(text).toContain(`$trusted = @('${TRUSTED_FOLDER_SIDS.join("', '")}')`);
    expect(text).toContain('New-Item -ItemType Directory -Path $Path | Out-Null'); // no -Force: an existing folder is checked, never adopted
    // ProgramData, where an earlier jeajit staged and users can create folders, is only named in a warning.
    expect(text.split('\r\n').filter((l) => l.includes('ProgramData'))).toEqual([
      "$legacy = Join-Path (Join-Path $env:ProgramData 'jeajit') $Bundle.Name",
    ]);
  });

  it('keeps its backup in such a folder, checks every file where it lands, and removes only a stage it can trust', () => {
    const register = Buffer.from(file('Register-JEA-Read.ps1')).toString('utf8');
    expect(register).toContain('Initialize-JeajitFolder $backupParent');
    expect(register).toContain('if ((Get-Sha256 $destination) -ne $file.Sha256) { throw');
    expect(register).toContain('(Get-Sha256 $registeredFile) -ne $psscSha256');
    const unregister = Buffer.from(file('Unregister-JEA-Read.ps1')).toString('utf8');
    expect(unregister).toContain('$problem = Get-JeajitFolderProblem $stage');
    expect(unregister).not.toMatch(/Remove-Item -LiteralPath \$legacy/);
  });

  it('is deterministic', () => {
    const again = artifacts();
    expect(again.files.map((f) => Buffer.from(f.content).toString('base64'))).toEqual(
      a.files.map((f) => Buffer.from(f.content).toString('base64')),
    );
    expect(again.bundleSha256).toBe(a.bundleSha256);
  });
});
