/**
 * The danger classes (src/danger) judged by the engine: each case makes a caller's call in a real
 * RestrictedRemoteServer session (NoLanguage, the role in a module on the module path), once
 * without providers and once with FileSystem visible, and looks for the file the act would leave.
 * The classifier must call the grant dangerous in that class exactly when the engine let the act
 * happen; where only a missing provider stopped it, the danger must be latent (a warning that
 * turns into an error when a holder gets the provider).
 *
 * Acts are made harmless (files in a temp folder, /usr/bin/touch); defense evasion and identity
 * takeover need Windows services and directories, which only a Windows host can show: those
 * classes rest on the cmdlets' documented effects and on the binding checks of effective.test.ts.
 */
import * as fs from 'fs';
import * as httpServer from 'http';
import * as os from 'os';
import * as path from 'path';
import { DangerClass } from '../../src/danger/classes';
import { commandDangers } from '../../src/danger/classify';
import { describeEngine, runPwshAsync } from './pwsh';

interface Call {
  readonly command: string;
  readonly parameters?: Record<string, unknown>;
  readonly then?: string;
  readonly thenParameters?: Record<string, unknown>;
}

interface Case {
  readonly id: string;
  /** The class the act shows. */
  readonly class: DangerClass;
  /** The command judged: granted bare, or with these parameters listed (no values constrained). */
  readonly grant: string;
  readonly parameters?: readonly string[];
  /** Other commands the act needs visible (judged elsewhere). */
  readonly helpers?: readonly string[];
  /** `{dir}` stands for the case's folder. */
  readonly calls: readonly Call[];
  /** The file the act leaves (relative to the case's folder). */
  readonly proof: string;
  /** Files to create first (relative path -> text). */
  readonly setup?: Readonly<Record<string, string>>;
  /** Zip files to make from setup files (zip name -> file). */
  readonly zip?: Readonly<Record<string, string>>;
  /** A file the act deletes (the proof then records that it happened). */
  readonly gone?: string;
  readonly waitForProof?: true;
}

/** A types file whose ScriptProperty leaves the proof when read. */
const TYPES = `<Types><Type><Name>System.String</Name><Members><ScriptProperty><Name>JeaProof</Name><GetScriptBlock>[System.IO.File]::WriteAllText('{dir}/proof', 'x')</GetScriptBlock></ScriptProperty></Members></Type></Types>`;

/** A script that leaves the proof (a job runs it as a script block: $PSScriptRoot is empty there). */
const payload = (proof: string) => `Set-Content -LiteralPath '{dir}/${proof}' -Value ran`;

const CASES: readonly Case[] = [
  // writing where the caller points
  {
    id: 'set-content',
    class: 'write-anywhere',
    grant: 'Set-Content',
    calls: [{ command: 'Set-Content', parameters: { Path: '{dir}/proof', Value: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'add-content',
    class: 'write-anywhere',
    grant: 'Add-Content',
    calls: [{ command: 'Add-Content', parameters: { Path: '{dir}/proof', Value: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'out-file',
    class: 'write-anywhere',
    grant: 'Out-File',
    calls: [{ command: 'Out-File', parameters: { FilePath: '{dir}/proof', InputObject: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'export-csv',
    class: 'write-anywhere',
    grant: 'Export-Csv',
    calls: [{ command: 'Export-Csv', parameters: { Path: '{dir}/proof', InputObject: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'export-clixml',
    class: 'write-anywhere',
    grant: 'Export-Clixml',
    calls: [{ command: 'Export-Clixml', parameters: { Path: '{dir}/proof', InputObject: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'tee-object',
    class: 'write-anywhere',
    grant: 'Tee-Object',
    calls: [{ command: 'Tee-Object', parameters: { FilePath: '{dir}/proof', InputObject: 'x' } }],
    proof: 'proof',
  },
  {
    id: 'copy-item',
    class: 'write-anywhere',
    grant: 'Copy-Item',
    setup: { 'source.txt': 'x' },
    calls: [{ command: 'Copy-Item', parameters: { Path: '{dir}/source.txt', Destination: '{dir}/proof' } }],
    proof: 'proof',
  },
  {
    id: 'move-item',
    class: 'write-anywhere',
    grant: 'Move-Item',
    setup: { 'source.txt': 'x' },
    calls: [{ command: 'Move-Item', parameters: { Path: '{dir}/source.txt', Destination: '{dir}/proof' } }],
    proof: 'proof',
  },
  {
    id: 'new-item',
    class: 'write-anywhere',
    grant: 'New-Item',
    calls: [{ command: 'New-Item', parameters: { Path: '{dir}/proof', ItemType: 'File' } }],
    proof: 'proof',
  },
  {
    id: 'compress-archive',
    class: 'write-anywhere',
    grant: 'Compress-Archive',
    setup: { 'source.txt': 'x' },
    calls: [
      { command: 'Compress-Archive', parameters: { Path: '{dir}/source.txt', DestinationPath: '{dir}/proof.zip' } },
    ],
    proof: 'proof.zip',
  },
  {
    id: 'start-transcript',
    class: 'write-anywhere',
    grant: 'Start-Transcript',
    helpers: ['Stop-Transcript'],
    calls: [{ command: 'Start-Transcript', parameters: { Path: '{dir}/proof' } }, { command: 'Stop-Transcript' }],
    proof: 'proof',
  },
  {
    id: 'invoke-webrequest-outfile',
    class: 'write-anywhere',
    grant: 'Invoke-WebRequest',
    calls: [
      {
        command: 'Invoke-WebRequest',
        parameters: { Uri: '{http}/payload', OutFile: '{dir}/proof', UseBasicParsing: true },
      },
    ],
    proof: 'proof',
  },
  {
    id: 'remove-item',
    class: 'write-anywhere',
    grant: 'Remove-Item',
    setup: { 'victim.txt': 'x' },
    calls: [
      { command: 'Remove-Item', parameters: { Path: '{dir}/victim.txt' } },
      { command: 'Tee-Object', parameters: { FilePath: '{dir}/proof', InputObject: 'removed' } },
    ],
    helpers: ['Tee-Object'],
    proof: 'proof',
    gone: 'victim.txt',
  },
  {
    id: 'expand-archive',
    class: 'write-anywhere',
    grant: 'Expand-Archive',
    setup: { 'source.txt': 'x' },
    zip: { 'archive.zip': 'source.txt' },
    calls: [{ command: 'Expand-Archive', parameters: { Path: '{dir}/archive.zip', DestinationPath: '{dir}/proof' } }],
    proof: 'proof/source.txt',
  },
  {
    id: 'trace-command-filepath',
    class: 'write-anywhere',
    grant: 'Trace-Command',
    calls: [
      {
        command: 'Trace-Command',
        parameters: { Name: 'ParameterBinding', Command: 'Get-Command', FilePath: '{dir}/proof' },
      },
    ],
    proof: 'proof',
  },
  // running code
  // by name Import-Module stays private; constrained it is a proxy
  {
    id: 'import-module-constrained',
    class: 'code-execution',
    grant: 'Import-Module',
    parameters: ['Name'],
    setup: { 'Payload.psm1': payload('proof') },
    calls: [{ command: 'Import-Module', parameters: { Name: '{dir}/Payload.psm1' } }],
    proof: 'proof',
  },
  // the session's own Select-Object is a proxy that only takes its listed properties: the role lists it bare, so its module-qualified name takes any
  {
    id: 'update-typedata',
    class: 'code-execution',
    grant: 'Update-TypeData',
    helpers: ['Select-Object'],
    setup: { 'evil.ps1xml': TYPES },
    calls: [
      { command: 'Update-TypeData', parameters: { AppendPath: '{dir}/evil.ps1xml' } },
      {
        command: 'Microsoft.PowerShell.Utility\\Select-Object',
        parameters: { InputObject: 'x', Property: 'JeaProof' },
      },
    ],
    proof: 'proof',
  },
  {
    id: 'start-process',
    class: 'code-execution',
    grant: 'Start-Process',
    calls: [
      { command: 'Start-Process', parameters: { FilePath: '/usr/bin/touch', ArgumentList: '{dir}/proof', Wait: true } },
    ],
    proof: 'proof',
  },
  {
    id: 'start-job',
    class: 'code-execution',
    grant: 'Start-Job',
    helpers: ['Wait-Job'],
    setup: { 'payload.ps1': payload('proof') },
    calls: [{ command: 'Start-Job', parameters: { FilePath: '{dir}/payload.ps1' }, then: 'Wait-Job' }],
    proof: 'proof',
  },
  {
    id: 'start-threadjob',
    class: 'code-execution',
    grant: 'Start-ThreadJob',
    helpers: ['Wait-Job'],
    setup: { 'payload.ps1': payload('proof') },
    calls: [{ command: 'Start-ThreadJob', parameters: { FilePath: '{dir}/payload.ps1' }, then: 'Wait-Job' }],
    proof: 'proof',
    waitForProof: true,
  },
  {
    id: 'invoke-expression',
    class: 'code-execution',
    grant: 'Invoke-Expression',
    calls: [
      { command: 'Invoke-Expression', parameters: { Command: "[System.IO.File]::WriteAllText('{dir}/proof', 'x')" } },
    ],
    proof: 'proof',
  },
  {
    id: 'new-object-constructor',
    class: 'code-execution',
    grant: 'New-Object',
    calls: [
      {
        command: 'New-Object',
        parameters: { TypeName: 'System.IO.StreamWriter', ArgumentList: '{dir}/proof' },
        then: 'ForEach-Object',
        thenParameters: { MemberName: 'Dispose' },
      },
    ],
    helpers: ['ForEach-Object'],
    proof: 'proof',
  },
  {
    id: 'foreach-object-method',
    class: 'code-execution',
    grant: 'ForEach-Object',
    helpers: ['New-Object'],
    calls: [
      {
        command: 'New-Object',
        parameters: { TypeName: 'System.IO.FileInfo', ArgumentList: '{dir}/proof' },
        then: 'ForEach-Object',
        thenParameters: { MemberName: 'Create' },
      },
    ],
    proof: 'proof',
  },
];

interface Answer {
  readonly id: string;
  readonly sessionError?: string;
  readonly calls: readonly { ok: boolean; errors: string[] }[];
  readonly proofs: Readonly<Record<string, boolean>>;
}

const VARIANTS = [
  { name: 'no provider', providers: [] as string[] },
  { name: 'FileSystem visible', providers: ['FileSystem'] },
];

describeEngine('the danger classes, judged by the engine', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-danger-'));
  const answers = new Map<string, Answer>();
  const key = (c: Case, v: (typeof VARIANTS)[number]) => `${c.id} (${v.name})`;

  let http = '';
  let server: httpServer.Server;

  beforeAll(async () => {
    // a local web server for the download case (pwsh 7 has no file:// in Invoke-WebRequest)
    server = httpServer.createServer((_req, res) => res.end('downloaded'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const input = CASES.flatMap((c) =>
      VARIANTS.map((v) => {
        const dir = path.join(root, `${c.id}-${v.providers.length ? 'fs' : 'none'}`);
        const roles = path.join(dir, 'Modules', 'Danger', 'RoleCapabilities');
        fs.mkdirSync(roles, { recursive: true });
        const entry = c.parameters
          ? `@{ Name = '${c.grant}'; Parameters = ${c.parameters.map((p) => `@{ Name = '${p}' }`).join(', ')} }`
          : `'${c.grant}'`;
        const visible = [entry, ...(c.helpers ?? []).map((n) => `'${n}'`)].join(', ');
        const providers = v.providers.length
          ? `; VisibleProviders = ${v.providers.map((p) => `'${p}'`).join(', ')}`
          : '';
        fs.writeFileSync(path.join(roles, 'Danger.psrc'), `@{ VisibleCmdlets = ${visible}${providers} }`);
        fs.writeFileSync(
          path.join(dir, 'E.pssc'),
          "@{ SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = 'Danger' } } }",
        );
        const fill = (value: unknown): unknown =>
          typeof value === 'string' ? value.replace(/\{dir\}/g, dir).replace(/\{http\}/g, http) : value;
        for (const [file, text] of Object.entries(c.setup ?? {}))
          fs.writeFileSync(path.join(dir, file), fill(text) as string);
        const fillAll = (p?: Record<string, unknown>) =>
          p ? Object.fromEntries(Object.entries(p).map(([k, x]) => [k, fill(x)])) : undefined;
        return {
          id: key(c, v),
          dir,
          pssc: path.join(dir, 'E.pssc'),
          calls: c.calls.map((call) => ({
            ...call,
            parameters: fillAll(call.parameters),
            thenParameters: fillAll(call.thenParameters),
          })),
          proofs: [path.join(dir, c.proof)],
          waitForProofs: !!c.waitForProof,
          zips: Object.entries(c.zip ?? {}).map(([zip, file]) => ({
            zip: path.join(dir, zip),
            file: path.join(dir, file),
          })),
        };
      }),
    );
    for (const a of await runPwshAsync<Answer[]>('danger-enforcement.ps1', { cases: input }, { timeout: 300000 }))
      answers.set(a.id, a);
  }, 320000);

  afterAll(() => {
    server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const cases = CASES.flatMap((c) => VARIANTS.map((v) => [key(c, v), c, v] as const));
  it.each(cases)('%s: the classifier says what the engine did', (id, c, v) => {
    const a = answers.get(id)!;
    expect(a.sessionError).toBeUndefined();
    const happened =
      Object.values(a.proofs).every(Boolean) &&
      (!c.gone || !fs.existsSync(path.join(root, `${c.id}-${v.providers.length ? 'fs' : 'none'}`, c.gone)));
    const grant = { name: c.grant, ...(c.parameters ? { parameters: c.parameters.map((name) => ({ name })) } : {}) };
    const dangers = commandDangers(grant, { allowsScript: false, providers: v.providers }).filter(
      (d) => d.class === c.class,
    );
    const real = dangers.filter((d) => !d.latent);
    const said = `engine: ${happened ? 'did it' : `refused (${a.calls.flatMap((x) => x.errors).join('; ') || 'no error'})`}; classifier: ${dangers.map((d) => `${d.class}${d.latent ? ` latent on ${d.latent}` : ''}`).join(', ') || 'nothing'}`;
    expect({ id, happened, real: real.length > 0, said }).toEqual({ id, happened, real: happened, said });
    // a danger the engine refused only for want of a provider is latent, not forgotten
    if (!happened) expect(dangers.length > 0 || v.providers.length > 0).toBe(true);
  });
});
