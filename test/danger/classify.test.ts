import { dangerSeverity, dangerText } from '../../src/danger/classes';
import { commandDangers, externalDangers } from '../../src/danger/classify';
import { userWritableFolder } from '../../src/danger/facts';

const NO_SCRIPT = { allowsScript: false, providers: [] as string[] };
const FILES = { allowsScript: false, providers: ['FileSystem'] };
const classes = (
  name: string,
  ctx = FILES,
  parameters?: { name: string; validateSet?: string[]; validatePattern?: string[] }[],
) =>
  commandDangers({ name, ...(parameters ? { parameters } : {}) }, ctx).map(
    (d) =>
      `${d.class}${d.parameter ? ` -${d.parameter}` : ''}${d.value ? ` ${d.value}` : ''}${d.latent ? ' (latent)' : ''}`,
  );

describe('danger classes from the catalog and the facts', () => {
  it('reasons from parameter types: a ScriptBlock parameter runs code only where the session takes script', () => {
    expect(classes('Where-Object', NO_SCRIPT)).toEqual([]);
    expect(classes('Where-Object', { allowsScript: true, providers: [] })).toContain('code-execution -FilterScript');
  });

  it('reasons from parameter names: a program to run, a path to write, another host to reach', () => {
    expect(classes('Start-Job')).toContain('code-execution -FilePath');
    expect(classes('Out-File')).toEqual(
      expect.arrayContaining(['write-anywhere -FilePath', 'write-anywhere -LiteralPath']),
    );
    expect(classes('Restart-Computer')).toContain('lateral-movement -ComputerName');
  });

  it('counts a reading command reaching another host as harmless, and a copy as writing its destination only', () => {
    expect(classes('Get-DnsServerZone')).toEqual([]);
    expect(classes('Copy-Item').filter((c) => c.startsWith('write-anywhere'))).toEqual(['write-anywhere -Destination']);
  });

  it('makes a path-based danger latent while the holder sees no FileSystem provider (the engine refuses it)', () => {
    expect(classes('Set-Content', NO_SCRIPT)).toEqual(expect.arrayContaining(['write-anywhere -Path (latent)']));
    expect(classes('Tee-Object', NO_SCRIPT)).toContain('write-anywhere -FilePath');
    const [d] = commandDangers({ name: 'Start-Process' }, NO_SCRIPT);
    expect(dangerSeverity(d)).toBe('warning');
    expect(dangerText(d)).toMatch(/latent: the engine refuses it while the FileSystem provider is hidden/);
  });

  it('tests a narrowing pattern with traversal from the folder it is rooted in', () => {
    expect(classes('Set-Content', FILES, [{ name: 'Path', validatePattern: ['C:\\\\Drop\\\\.+'] }])).toEqual([
      'write-anywhere -Path C:\\Drop\\..\\..\\Windows\\System32\\evil.dll',
    ]);
    expect(
      classes('Set-Content', FILES, [{ name: 'Path', validatePattern: ['C:\\\\Drop\\\\[A-Za-z0-9]+\\.txt'] }]),
    ).toEqual([]);
  });

  it('judges the values a set allows, and a set and a pattern together by what passes both', () => {
    expect(classes('Stop-Service', FILES, [{ name: 'Name', validateSet: ['Spooler', 'Sense'] }])).toEqual([
      'defense-evasion -Name Sense',
    ]);
    expect(
      classes('Stop-Service', FILES, [
        { name: 'Name', validateSet: ['Spooler', 'Sense'], validatePattern: ['Spool.*'] },
      ]),
    ).toEqual([]);
  });

  it('keeps a module-qualified name to its module: another module of the same command name is not the cmdlet', () => {
    expect(classes('Microsoft.PowerShell.Management\\Stop-Process')).toContain('defense-evasion -Name');
    expect(classes('Contoso.Ops\\Stop-Process')).toEqual([]);
  });

  it('knows dangerous external programs by path or bare name', () => {
    expect(externalDangers('C:\\Windows\\System32\\auditpol.exe').map((d) => d.class)).toEqual(['defense-evasion']);
    expect(externalDangers('dsacls').map((d) => d.class)).toEqual(['identity-takeover']);
    expect(externalDangers('C:\\Windows\\System32\\whoami.exe')).toEqual([]);
  });

  it.each([
    ['C:\\Users\\Public\\Tools\\x.psm1', 'a user profile or Public folder'],
    ['C:\\ProgramData\\Jea\\x.ps1', 'ProgramData, where Users may create folders and files'],
    ['\\\\fs01\\share\\x.ps1', 'a network share, writable by whoever administers the share'],
    ['D:\\Jea\\x.ps1', 'another volume, whose default ACL lets Users create folders and files'],
  ])('calls %s user-writable', (p, why) => expect(userWritableFolder(p)).toBe(why));

  it.each([
    'C:\\Program Files\\WindowsPowerShell\\Modules\\X\\X.psm1',
    'C:\\Windows\\System32\\whoami.exe',
    'C:\\ProgramData\\Microsoft\\Crypto\\x',
  ])('does not call %s user-writable', (p) => {
    expect(userWritableFolder(p)).toBeUndefined();
  });
});
