/**
 * Every PowerShell file jeajit generates, judged by PowerShell itself: the parser must accept it,
 * and it must use nothing Windows PowerShell 5.1 lacks (the hosts run 5.1: Azure run commands,
 * JEA sessions and `#Requires -Version 5.1` scripts). Covered: every .ps1, .psm1 and data file
 * (.psrc/.pssc/.psd1: their script blocks run in the JEA session) the example estate synthesizes,
 * every file the install bundles carry (decoded from Install-*.ps1), the inline scripts of the run
 * commands in cdk.tf.json, and the drift collector. The lists of what 5.1 lacks, with sources, are
 * in ps51-compat.json; fixtures below prove that each check can fail. One pwsh run for all.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { collectorScript } from '../../src/drift/collector-script';
import { declaredPrincipals } from '../../src/drift/declared';
import { parse, PsHashtable } from '../../src/psd1';
import { estate, synthEstate } from '../drift/estate';
import { filesUnder } from '../helpers/files';
import { BatchReport, checkScripts, Finding, problems, PS51_COMPAT, ScriptCase } from './ps51-compat';
import { describeEngine } from './pwsh';

const POWERSHELL = /\.(ps1|psm1|psrc|pssc|psd1)$/i;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const withoutBom = (bytes: Uint8Array) =>
  Buffer.from(bytes).subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);

/** A file an install bundle carries, decoded. */
interface Carried {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: Buffer;
}

/** The `$Bundle = @{...}` data of an Install-*.ps1, read back with our data-file parser. */
function bundleOf(install: Buffer): { registerScript: string; files: Carried[] } {
  const text = withoutBom(install).toString('utf8');
  const start = text.indexOf('$Bundle = ') + '$Bundle = '.length;
  const data = parse(text.slice(start, text.indexOf('\r\n\r\n', start))).value as PsHashtable;
  const files = (data.get('Files') as PsHashtable[]).map((f) => ({
    path: f.get('Path') as string,
    sha256: f.get('Sha256') as string,
    bytes: Buffer.from(f.get('Base64') as string, 'base64'),
  }));
  return { registerScript: data.get('RegisterScript') as string, files };
}

/** The inline scripts of the VM run commands, by resource name. */
function runCommandScripts(tfJson: Buffer): Map<string, string> {
  const resources = JSON.parse(tfJson.toString('utf8')).resource?.azurerm_virtual_machine_run_command ?? {};
  return new Map(
    Object.entries(resources).map(([name, r]) => [name, (r as { source: { script: string } }).source.script]),
  );
}

// Apostrophes and typographic quotes in account names: the collector embeds them as data.
const TRICKY = [
  "CONTOSO\\O'Brien-Admins",
  'CONTOSO\\Ops\u2019 $(Remove-Item -Recurse C:\\) \u2018x',
  'CONTOSO\\Zo\u00eb',
];

let collected: ReturnType<typeof collect> | undefined;

/** Every generated PowerShell file, and what the coverage tests check about them (collected once). */
function generated(): ReturnType<typeof collect> {
  return (collected ??= collect());
}

/** Reads the synth output, decodes the bundles and builds the cases; see {@link generated}. */
function collect() {
  const out = synthEstate();
  const files = filesUnder(out);
  const cases: ScriptCase[] = [];
  for (const [name, bytes] of files)
    if (POWERSHELL.test(name)) cases.push({ id: name, content: bytes, extension: path.extname(name) });
  const installs = [...files.keys()].filter((n) => /\/Install-[^/]+\.ps1$/.test(n));
  const bundles = installs.map((name) => ({
    name,
    folder: name.slice(0, name.lastIndexOf('/') + 1),
    ...bundleOf(files.get(name)!),
  }));
  for (const b of bundles) {
    for (const f of b.files)
      if (POWERSHELL.test(f.path))
        cases.push({ id: `${b.name} carries ${f.path}`, content: f.bytes, extension: path.extname(f.path) });
  }
  const runCommands = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (!name.endsWith('/cdk.tf.json')) continue;
    for (const [resource, script] of runCommandScripts(bytes)) runCommands.set(`${name} ${resource}`, script);
  }
  for (const [id, script] of runCommands) cases.push({ id: `${id} source.script`, content: script });
  cases.push({
    id: 'collector (declared principals)',
    content: collectorScript(declaredPrincipals(estate().endpoints)),
  });
  cases.push({ id: 'collector (tricky principals)', content: collectorScript(TRICKY) });
  return { files, cases, installs, bundles, runCommands };
}

/** A small script that uses what 5.1 lacks, and the `rule@line` it must be reported with. */
interface Fixture {
  readonly name: string;
  readonly lines: readonly string[];
  readonly expect: readonly string[];
  readonly extension?: string;
}

const FIXTURES: readonly Fixture[] = [
  { name: 'ternary', lines: ['$a = 1', "$b = $a -gt 0 ? 'yes' : 'no'"], expect: ['ternary@2'] },
  {
    name: 'null-coalescing',
    lines: ['$a = $null', "$b = $a ?? 'default'", "$a ??= 'x'"],
    expect: ['null-coalescing@2', 'null-coalescing-assignment@3'],
  },
  {
    name: 'pipeline chain',
    lines: ['Get-Item . && Write-Output ok', 'Get-Item . || Write-Output failed'],
    expect: ['pipeline-chain@1', 'pipeline-chain@2'],
  },
  // `$a?.x` would name the variable `a?`: braces end the name (about_Operators).
  {
    name: 'null-conditional',
    lines: ["$a = 'x'", '${a}?.Length', '${a}?[0]', '${a}?.ToUpper()'],
    expect: ['null-conditional@2', 'null-conditional@3', 'null-conditional@4'],
  },
  {
    name: 'clean block',
    lines: ['function Get-Thing {', '    process { 1 }', "    clean { Write-Verbose 'done' }", '}'],
    expect: ['clean-block@3'],
  },
  {
    name: 'ForEach-Object -Parallel',
    lines: ['1..3 | ForEach-Object -Parallel { $_ } -ThrottleLimit 2', '1..3 | % -Parallel { $_ }'],
    expect: ['parameter@1', 'parameter@2'],
  },
  {
    name: 'ConvertFrom-Json -AsHashtable and friends',
    lines: [
      "$h = '{}' | ConvertFrom-Json -AsHashtable",
      "$h = '{}' | Microsoft.PowerShell.Utility\\ConvertFrom-Json -AsHash -Depth 5",
      'ConvertTo-Json -InputObject 1 -Depth 3 -AsArray',
    ],
    expect: ['parameter@1', 'parameter@2', 'parameter@3'],
  },
  {
    name: 'cmdlets 5.1 lacks',
    lines: ['Get-Error', "'a', 'b' | Join-String -Separator ','", "Test-Json -Json '{}'"],
    expect: ['cmdlet@1', 'cmdlet@2', 'cmdlet@3'],
  },
  { name: 'a parse error', lines: ['$ok = 1', "if ($ok { 'x' }"], expect: ['parse-error@2'] },
  {
    name: 'background and leading pipe',
    lines: ['Get-Process &', 'Get-ChildItem', '    | Select-Object -First 1'],
    expect: ['background@1', 'leading-pipe@3'],
  },
  {
    name: 'escapes',
    lines: ['$esc = "`e[0m"', '$arrow = "`u{2195}"', '$fine = "``u{2195} ``e `n"'],
    expect: ['escape-e@1', 'escape-u@2'],
  },
  {
    name: 'numeric literals',
    lines: ['$b = 1uy', '$m = 0b1010', '$n = 10n', '$ok = 0x1F + 1d + 2l + 1kb + 1.5e3'],
    expect: ['numeric-suffix@1', 'binary-literal@2', 'numeric-suffix@3'],
  },
  { name: 'generic method', lines: ['$e = [System.Array]::Empty[int]()'], expect: ['generic-method@1'] },
  {
    name: 'variables and types',
    lines: [
      "if ($IsWindows) { 'w' }",
      "$v = [semver] '1.0.0'",
      'function f { param([ValidateNotNullOrWhiteSpace()] [string] $Name) $Name }',
      '$u = [uint] 1',
    ],
    expect: ['variable@1', 'type@2', 'type@3', 'type@4'],
  },
  {
    name: 'parameters, aliases and values',
    lines: [
      "Join-Path 'a' 'b' 'c'",
      'Set-Content -LiteralPath x -Value y -Encoding utf8NoBOM',
      "'x' | Out-File -FilePath y -Encoding 65001",
      "Get-Item -lp 'C:\\'",
      "Split-Path -LeafBase 'a.txt'",
      'Set-Service -Name x -StartupType AutomaticDelayedStart',
    ],
    expect: [
      'parameter@1',
      'parameter-value@2',
      'parameter-value@3',
      'parameter@4',
      'parameter@5',
      'parameter-value@6',
    ],
  },
  {
    name: 'common parameter -ProgressAction',
    lines: ['Get-Item . -ProgressAction SilentlyContinue', 'Invoke-Custom -proga Ignore'],
    expect: ['parameter@1', 'parameter@2'],
  },
  {
    name: '.NET members and types',
    lines: [
      "$r = [System.IO.Path]::GetRelativePath('a', 'b')",
      '$h = [Convert]::ToHexString([byte[]] (1, 2))',
      '$c = [System.HashCode]::Combine(1, 2)',
      '$j = [System.Text.Json.JsonSerializer]::Serialize(1)',
      "$parts = 'a--b'.Split('--')",
    ],
    expect: ['dotnet@1', 'dotnet@2', 'dotnet@3', 'dotnet@4', 'dotnet@5'],
  },
  {
    name: 'runtime semantics',
    lines: ["$s = 'abc' -replace 'b', { $_.Value.ToUpper() }", "$letters = 'a'..'e'"],
    expect: ['replace-scriptblock@1', 'char-range@2'],
  },
  { name: '#Requires -Version 7', lines: ['#Requires -Version 7.2', 'Write-Output 1'], expect: ['requires-version@1'] },
  {
    name: '#Requires -PSEdition Core',
    lines: ['#Requires -PSEdition Core', 'Write-Output 1'],
    expect: ['requires-edition@1'],
  },
  {
    name: 'a script block in a role capability file',
    extension: '.psrc',
    lines: [
      '@{',
      '    FunctionDefinitions = @(',
      "        @{ Name = 'Get-X'; ScriptBlock = { param($a) $a ? 1 : 2 } }",
      '    )',
      '}',
    ],
    expect: ['ternary@3'],
  },
  {
    name: 'lookalikes that Windows PowerShell 5.1 runs',
    lines: [
      '$a = if ($true) { 1 } else { 2 }',
      "$p = Join-Path $env:TEMP 'x'",
      "Set-Content -LiteralPath $p -Value 'v' -Encoding UTF8",
      'Get-ChildItem -LiteralPath $env:TEMP -Recurse -File -ErrorAction SilentlyContinue | Select-Object -First 1',
      '$j = \'{"a":1}\' | ConvertFrom-Json',
      '$t = ConvertTo-Json -InputObject @{ a = 1 } -Depth 3 -Compress',
      "$parts = 'a,b'.Split(',')",
      "$r = 1..3; $q = '1'..'3'",
      '$h = [ordered]@{ a = 1 }',
      '$s = "tab`there `$notavar ``e"',
      "$x = $null; if ($null -eq $x) { $x = 'd' }",
      'Get-FileHash -LiteralPath $p -Algorithm SHA256',
      '$n = 0x1F + 1d + 2l + 1kb',
      "[string]::Join(',', @('a', 'b'))",
      "'x' | Out-File -FilePath $p -Encoding ascii",
      'Get-Process | Where-Object { $_.CPU -gt 1 } | ForEach-Object { $_.Name }',
      '[System.IO.Path]::Combine($env:TEMP, [System.IO.Path]::GetFileName($p))',
      'Get-Item -LiteralPath $p -ea SilentlyContinue -PSPath $p | Out-Null',
      'New-Item -ItemType Directory -Force -Path (Split-Path -Parent $p) | Out-Null',
    ],
    expect: [],
  },
];

const fixtureId = (f: Fixture) => `fixture: ${f.name}`;

/** A report as the `rule@line` set the fixtures expect. */
function ruleLines(report: { errors: readonly { line: number }[]; findings: readonly Finding[] }): string[] {
  return [
    ...new Set([
      ...report.errors.map((e) => `parse-error@${e.line}`),
      ...report.findings.map((f) => `${f.rule}@${f.line}`),
    ]),
  ].sort();
}

const SYNTAX_IDS = new Set(PS51_COMPAT.syntax.map((s) => s.id));
const LIST_RULES = new Set(['cmdlet', 'parameter', 'parameter-value', 'variable', 'type']);

describe('ps51-compat.json', () => {
  it('names a source for every entry', () => {
    const entries: { source?: unknown; source51?: unknown }[] = [
      ...PS51_COMPAT.syntax,
      ...PS51_COMPAT.cmdletsNotIn51,
      ...PS51_COMPAT.commonParametersAdded,
      ...PS51_COMPAT.cmdlets.flatMap((c) => [...(c.added ?? []), ...(c.addedAliases ?? []), ...(c.addedValues ?? [])]),
      ...PS51_COMPAT.cmdlets.map((c) => ({ source: c.source51 })),
      ...PS51_COMPAT.variables,
      ...PS51_COMPAT.typeAccelerators,
      ...PS51_COMPAT.dotnet.types,
      ...PS51_COMPAT.dotnet.staticMembers,
      PS51_COMPAT.dotnet.splitString,
    ];
    const missing = entries.filter(
      (e) =>
        !(Array.isArray(e.source)
          ? e.source.length && e.source.every((s) => typeof s === 'string' && s)
          : typeof e.source === 'string' && e.source),
    );
    expect(missing).toEqual([]);
    expect(SYNTAX_IDS.size).toBe(PS51_COMPAT.syntax.length);
  });

  it('lists the well-known cmdlets and parameters of 6 and 7, and not those 5.1 has', () => {
    const cmdlet = (name: string) => PS51_COMPAT.cmdlets.find((c) => c.name === name);
    const added = (name: string) => (cmdlet(name)?.added ?? []).map((a) => a.name);
    expect(added('ConvertFrom-Json')).toEqual(expect.arrayContaining(['AsHashtable', 'Depth', 'NoEnumerate']));
    expect(added('ConvertTo-Json')).toEqual(expect.arrayContaining(['EscapeHandling', 'AsArray']));
    expect(added('ForEach-Object')).toEqual(expect.arrayContaining(['Parallel', 'ThrottleLimit', 'AsJob']));
    expect(added('Invoke-RestMethod')).toEqual(
      expect.arrayContaining([
        'SkipCertificateCheck',
        'Authentication',
        'Token',
        'StatusCodeVariable',
        'ResponseHeadersVariable',
      ]),
    );
    expect(added('Join-Path')).toContain('AdditionalChildPath');
    expect(added('Split-Path')).toEqual(expect.arrayContaining(['LeafBase', 'Extension']));
    expect(added('Get-Content')).toContain('AsByteStream');
    expect(added('Test-Connection')).toContain('TargetName');
    expect(added('Import-PowerShellDataFile')).toContain('SkipLimitCheck');
    expect(added('Start-Process')).toContain('Environment');
    // In 5.1 already (reference/5.1 pages): Select-Object -SkipLast, Get-FileHash, Get-ChildItem -Depth.
    expect(added('Select-Object')).not.toContain('SkipLast');
    expect(cmdlet('Get-FileHash')?.added ?? []).toEqual([]);
    expect(cmdlet('Set-Content')?.encodings51).not.toContain('utf8NoBOM');
    expect(PS51_COMPAT.cmdletsNotIn51.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'Get-Error',
        'Test-Json',
        'ConvertFrom-Markdown',
        'Join-String',
        'Get-Uptime',
        'Remove-Alias',
        'Remove-Service',
      ]),
    );
  });
});

describe('what the check covers', () => {
  const g = generated();

  it('every .ps1 and .psm1 of every endpoint, and the data files whose script blocks JEA runs', () => {
    const endpoints = new Set(
      [...g.files.keys()].filter((n) => n.includes('/jea/')).map((n) => n.split('/jea/')[1].split('/')[0]),
    );
    expect(endpoints.size).toBeGreaterThanOrEqual(4);
    for (const e of endpoints) {
      for (const script of [`Install-${e}.ps1`, `Register-${e}.ps1`, `Unregister-${e}.ps1`])
        expect(g.cases.some((c) => c.id.endsWith(`/jea/${e}/${script}`))).toBe(true);
    }
    const scripts = [...g.files.keys()].filter((n) => POWERSHELL.test(n));
    expect(scripts.filter((n) => n.endsWith('.psm1')).length).toBeGreaterThan(0);
    expect(
      g.cases
        .filter((c) => !c.id.includes(' '))
        .map((c) => c.id)
        .sort(),
    ).toEqual(scripts.sort());
  });

  it('every file the install bundles carry, byte for byte what the synth wrote beside them', () => {
    expect(g.bundles.length).toBe(g.installs.length);
    for (const b of g.bundles) {
      expect(b.files.map((f) => f.path)).toContain(b.registerScript);
      for (const f of b.files) {
        expect(sha256(f.bytes)).toBe(f.sha256);
        expect(g.files.get(b.folder + f.path)?.equals(f.bytes)).toBe(true);
      }
    }
  });

  it('the inline scripts of the run commands (the install scripts, as Azure receives them)', () => {
    expect(g.runCommands.size).toBeGreaterThan(0);
    const installTexts = new Set(g.installs.map((n) => withoutBom(g.files.get(n)!).toString('utf8')));
    for (const script of g.runCommands.values()) {
      expect(installTexts.has(script)).toBe(true);
      // Sent without a BOM: only ASCII reads the same in Windows PowerShell 5.1 (DESIGN.md).
      expect(script).toMatch(/^[\x00-\x7f]*$/);
    }
  });
});

describeEngine('generated PowerShell: PowerShell parses it, and it uses nothing Windows PowerShell 5.1 lacks', () => {
  const g = generated();
  const fixtureCases = FIXTURES.map((f) => ({
    id: fixtureId(f),
    content: f.lines.join('\r\n') + '\r\n',
    extension: f.extension,
  }));
  let report: BatchReport;
  let wallMs = 0;

  beforeAll(() => {
    const started = Date.now();
    report = checkScripts([...g.cases, ...fixtureCases]);
    wallMs = Date.now() - started;
  }, 600000);

  afterAll(() => {
    if (!report) return;
    const { setupMs, checkMs } = report.timing;
    process.stdout.write(
      `\njeajit: parse-scripts.ps1 checked ${g.cases.length} generated files and ${fixtureCases.length} fixtures in one pwsh ${report.version} run: ${wallMs} ms (in pwsh: ${setupMs} ms setup, ${checkMs} ms checks)\n`,
    );
  });

  /** The problems of the generated files, filtered. */
  const generatedProblems = (keep: (f: Finding) => boolean, errors = false) =>
    g.cases.flatMap((c) => {
      const r = report.results[c.id];
      return problems(c.id, { errors: errors ? r.errors : [], findings: r.findings.filter(keep) });
    });

  it('detects every construct of the syntax list, and only those', () => {
    expect([...report.detectors].sort()).toEqual([...SYNTAX_IDS].sort());
  });

  it('every generated file parses without errors', () => {
    expect(generatedProblems(() => false, true)).toEqual([]);
  });

  it('uses no syntax Windows PowerShell 5.1 lacks', () => {
    expect(generatedProblems((f) => SYNTAX_IDS.has(f.rule))).toEqual([]);
  });

  it('uses no cmdlet, parameter, parameter value, variable or type Windows PowerShell 5.1 lacks', () => {
    expect(generatedProblems((f) => LIST_RULES.has(f.rule))).toEqual([]);
  });

  it('calls no .NET member .NET Framework 4.x lacks', () => {
    expect(generatedProblems((f) => f.rule === 'dotnet')).toEqual([]);
  });

  it('reports nothing it has no rule for', () => {
    expect(generatedProblems((f) => !SYNTAX_IDS.has(f.rule) && !LIST_RULES.has(f.rule) && f.rule !== 'dotnet')).toEqual(
      [],
    );
  });

  describe('fails where it should, with the line', () => {
    it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, f) => {
      const r = report.results[fixtureId(f)];
      expect(ruleLines(r)).toEqual([...f.expect].sort());
      for (const finding of r.findings) expect(finding.source).not.toBe('');
      // One report per construct: no finding twice at the same place.
      const places = r.findings.map((x) => `${x.rule}@${x.line}:${x.column}`);
      expect(places).toEqual([...new Set(places)]);
    });

    it('covers every syntax id with a fixture', () => {
      const seen = new Set(FIXTURES.flatMap((f) => f.expect.map((e) => e.split('@')[0])));
      expect([...SYNTAX_IDS].filter((id) => !seen.has(id))).toEqual([]);
    });
  });
});
