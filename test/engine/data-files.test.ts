/**
 * PowerShell is the judge of what a data file means: Import-PowerShellDataFile and our parser
 * must give the same value (the .NET types mapped explicitly, see tagged.ts), or both refuse.
 * Every corpus file, every corpus file after render, every data file the example estate
 * synthesizes, generated values, and generated source text, each batch in one pwsh process.
 *
 * Where the two differ on purpose, the difference is listed below with its reason (and in
 * docs/engine-differences.md): a difference that is not listed fails the suite.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LineMap, parse, Psd1Value, PsHashtable, render } from '../../src/psd1';
import { psd1Value } from '../helpers/arbitraries';
import { jeajit } from '../helpers/cli';
import { corpusFiles } from '../helpers/corpus';
import { filesUnder } from '../helpers/files';
import { dataFileText } from '../helpers/psd1-source';
import { synthEstate } from '../drift/estate';
import { describeEngine, runPwsh } from './pwsh';
import { differenceFrom, EngineAnswer, Tagged } from './tagged';

/** A batch waits for one pwsh process; on a loaded machine that takes far longer than jest's default. */
const BATCH_TIMEOUT = 300_000;

/** One data file to judge: a name for messages and its bytes. */
interface Case {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** What both readers made of one case. */
interface Verdict {
  readonly c: Case;
  readonly engine: EngineAnswer;
  readonly ours:
    { ok: true; value: Psd1Value; text: string } | { ok: false; error: string; offset: number; text: string };
}

/** Asks the engine about every case in one pwsh run, and our parser too. */
function judge(cases: readonly Case[]): Verdict[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-data-'));
  try {
    const files = cases.map((c, i) => {
      const file = path.join(dir, `${i}.psd1`);
      fs.writeFileSync(file, c.bytes);
      return { id: String(i), path: file };
    });
    const answer = runPwsh<{ results: Record<string, EngineAnswer> }>('import-data.ps1', { files });
    return cases.map((c, i) => {
      const engine = answer.results[String(i)];
      if (!engine) throw new Error(`the engine gave no answer for ${c.id}`);
      const text = Buffer.from(c.bytes)
        .toString(c.bytes[0] === 0xff ? 'utf16le' : 'utf8')
        .replace(/^\uFEFF/, '');
      try {
        return { c, engine, ours: { ok: true as const, value: parse(c.bytes, { file: c.id }).value, text } };
      } catch (e) {
        const err = e as { message: string; line?: number; column?: number };
        const offset = err.line ? offsetOf(text, err.line, err.column ?? 1) : -1;
        return { c, engine, ours: { ok: false as const, error: err.message, offset, text } };
      }
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The offset of a 1-based line and column (CRLF, LF and CR end lines, as LineMap counts). */
function offsetOf(text: string, line: number, column: number): number {
  const map = new LineMap(text);
  // positions only grow with offsets: find the first offset on `line`
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.positionAt(mid).line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo + column - 1;
}

/**
 * Text we refuse on purpose although Import-PowerShellDataFile reads it: our message, what the
 * source must hold where we report it (so that a refusal cannot hide behind a category), and
 * why. docs/engine-differences.md has the details and the PowerShell source files.
 */
const DELIBERATE: ReadonlyArray<{ readonly ours: RegExp; readonly at: RegExp; readonly why: string }> = [
  {
    ours: /is PowerShell 7 only/,
    at: /^([-\u2013-\u2015]?[0-9.]|`u\{|\?)/,
    why: 'PowerShell 7 syntax (u/y/s/n suffixes, 0b literals, `u{}, ?:) that Windows PowerShell 5.1 cannot read',
  },
  {
    ours: /`u starts a `u\{\.\.\.\} escape/,
    at: /^`u/,
    why: 'PowerShell 7 refuses `u without {hex} (so do we), 5.1 reads "u": never both',
  },
  { ours: /runs the statement as a background job/, at: /^&/, why: 'a trailing & is a PowerShell 7 background job' },
  { ours: /has no hexadecimal digits/, at: /^[-\u2013-\u2015]?0[xX]/, why: 'PowerShell 7 reads 0x as 0' },
  {
    ours: /cannot be represented exactly/,
    at: /^([-\u2013-\u2015]?[0-9.]|[-\u2013-\u2015!+])/,
    why: 'an integer a JavaScript number cannot hold exactly is refused, never rounded',
  },
  {
    ours: /on a string converts it at run time/,
    at: /^([-\u2013-\u2015+]|-bnot)/i,
    why: "arithmetic on a string depends on PowerShell's and .NET's run-time number parsing",
  },
  {
    ours: /subexpressions? \$\( \)/,
    at: /^\$\(/,
    why: 'Import-PowerShellDataFile gives $( ) an array, PowerShell running the file the value',
  },
  { ours: /argument list of whoever reads the file/, at: /^\$\{?([a-z]+:)?args/i, why: "$args is the caller's" },
  { ours: /fails when PowerShell runs the file/, at: /^\$\{?using:/i, why: '$using: fails when JEA runs the file' },
  {
    ours: /a computed hashtable key/,
    at: /^[-\u2013-\u2015($@{!+,["\u201c-\u201e]/,
    why: 'a computed key is keyed by .NET value and type, not checked like a constant',
  },
  {
    ours: /have the same value: PowerShell keeps both/,
    at: /^[-\u2013-\u2015]?[0-9.]/,
    why: 'two number keys with one value and two .NET types',
  },
  {
    ours: /type literals and casts/,
    at: /^\[/,
    why: 'a cast converts at load time (and can make a [char] or [single])',
  },
  {
    ours: /indexing \(\[\.\.\.\]\) picks a part/,
    at: /^\[/,
    why: 'indexing picks a part of a value at load time (a string gives a [char])',
  },
];

/** Why a verdict is not an agreement (or a listed, deliberate difference), or undefined. */
function problem(v: Verdict): string | undefined {
  const { c, engine, ours } = v;
  if (engine.ok && ours.ok) {
    const d = differenceFrom(ours.value, engine.value);
    return d ? `${c.id}: ${d}` : undefined;
  }
  if (!engine.ok && !ours.ok) return undefined;
  if (ours.ok) return `${c.id}: we read what the engine refuses (${engine.ok ? '' : engine.error})`;
  const reason = DELIBERATE.find((d) => d.ours.test(ours.error));
  if (reason && ours.offset >= 0 && reason.at.test(ours.text.slice(ours.offset))) return undefined;
  return `${c.id}: we refuse (${ours.error}) what the engine reads${reason ? ` (the message is a deliberate one, but the source there does not match ${reason.at})` : ''}`;
}

/** The problems of a batch, each with the source text of its case. */
function problems(verdicts: readonly Verdict[]): string[] {
  return verdicts.flatMap((v) => {
    const p = problem(v);
    return p ? [`${p}\n    source: ${JSON.stringify(v.ours.text)}`] : [];
  });
}

/** The cases for data-file texts: UTF-8 with BOM mostly, some UTF-16LE with BOM and BOM-less UTF-8. */
function textCases(texts: readonly string[], id: (i: number) => string): Case[] {
  return texts.map((text, i) => {
    const encoding = i % 5;
    const bytes =
      encoding === 0
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
        : encoding === 1
          ? Buffer.from(text, 'utf8')
          : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    return { id: id(i), bytes };
  });
}

const utf8 = (text: string): Uint8Array => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/**
 * Corpus files PowerShell refuses and we read, on purpose. The botched file's RoleDefinitions is
 * a script block whose code assigns to strings (`{ 'CONTOSO\SqlAdmins' = @{...} }`): a syntax
 * error inside the block (InvalidLeftHandSide, three times), so Parser.ParseFile reports errors
 * and Import-PowerShellDataFile refuses the whole file (ImportPowerShellDataFile.cs); JEA's own
 * loader (DISCUtils.LoadConfigFile through ExternalScriptInfo.ScriptBlock) parses the whole
 * file too and refuses it with the same error. We keep script blocks as text and do not compile
 * the code inside them, so we read the file, and `jeajit import`/`lint` report the script block
 * where a hashtable belongs (test/import, test/jea/corpus-import).
 */
const CORPUS_READ_ON_PURPOSE = new Map([
  [
    'corpus/pssc/cnorling__Lessons__jea__botchedsessionconfiguration.pssc',
    /could not be parsed as a PowerShell Data File/,
  ],
  [
    'rendered corpus/pssc/cnorling__Lessons__jea__botchedsessionconfiguration.pssc',
    /could not be parsed as a PowerShell Data File/,
  ],
]);

describeEngine('data files: Import-PowerShellDataFile and our parser agree', () => {
  it(
    'on every corpus file, as found and after render (the botched script block is a documented exception)',
    () => {
      const cases: Case[] = [];
      for (const f of corpusFiles()) {
        const bytes = fs.readFileSync(f.file);
        cases.push({ id: `corpus/${f.kind}/${f.name}`, bytes });
        cases.push({ id: `rendered corpus/${f.kind}/${f.name}`, bytes: render(parse(bytes, { file: f.name }).value) });
      }
      expect(cases.length).toBeGreaterThanOrEqual(114);
      const verdicts = judge(cases);
      const exceptions = verdicts.filter((v) => CORPUS_READ_ON_PURPOSE.has(v.c.id));
      expect(exceptions).toHaveLength(CORPUS_READ_ON_PURPOSE.size);
      for (const v of exceptions) {
        // still exactly the documented difference: we read it, the engine refuses it as unparsable
        expect(v.ours.ok).toBe(true);
        expect(v.engine).toEqual({ ok: false, error: expect.stringMatching(CORPUS_READ_ON_PURPOSE.get(v.c.id)!) });
      }
      expect(problems(verdicts.filter((v) => !CORPUS_READ_ON_PURPOSE.has(v.c.id)))).toEqual([]);
    },
    BATCH_TIMEOUT,
  );

  it(
    'on every data file the example estate synthesizes',
    () => {
      const files = [...filesUnder(synthEstate()).entries()].filter(([name]) => /\.(psrc|pssc|psd1)$/i.test(name));
      expect(files.length).toBeGreaterThan(10);
      expect(problems(judge(files.map(([id, bytes]) => ({ id, bytes }))))).toEqual([]);
    },
    BATCH_TIMEOUT,
  );

  it(
    'on 1,000 generated values, rendered by our writer',
    () => {
      const values = fc.sample(psd1Value, { numRuns: 1000 });
      const cases = values.map((v, i) => ({ id: `generated value ${i}`, bytes: render(PsHashtable.from([['V', v]])) }));
      expect(problems(judge(cases))).toEqual([]);
    },
    BATCH_TIMEOUT,
  );

  it(
    'on 1,200 generated data-file texts: quotes, escapes, here-strings, numbers, operators, keys, comments',
    () => {
      const seed = fc.readConfigureGlobal().seed ?? Math.floor(Math.random() * 2 ** 31);
      const texts = fc.sample(dataFileText, { numRuns: 1200, seed });
      const verdicts = judge(textCases(texts, (i) => `generated text ${i} (seed ${seed})`));
      expect(problems(verdicts)).toEqual([]);
      // the property must compare values, not only refusals
      expect(verdicts.filter((v) => v.engine.ok && v.ours.ok).length).toBeGreaterThan(400);
      expect(verdicts.filter((v) => !v.engine.ok && !v.ours.ok).length).toBeGreaterThan(200);
      // and the generator must keep producing the constructs it exists for
      const all = texts.join('\n');
      for (const feature of FEATURES) expect([feature, feature.test(all)]).toEqual([feature, true]);
    },
    BATCH_TIMEOUT,
  );

  it(
    'on the documented differences: each is still what the engine does',
    () => {
      const verdicts = judge(DOCUMENTED.map(([text]) => ({ id: text, bytes: utf8(text) })));
      verdicts.forEach((v, i) => {
        const [text, engine, ours, sameValue = true] = DOCUMENTED[i];
        expect([text, v.engine.ok ? 'reads' : 'refuses']).toEqual([text, engine]);
        if (ours !== 'reads') {
          expect([text, v.ours.ok ? 'read' : v.ours.error]).toEqual([text, expect.stringMatching(ours)]);
          return;
        }
        expect([text, v.ours.ok]).toEqual([text, true]);
        if (v.engine.ok && v.ours.ok) {
          const d = differenceFrom(v.ours.value, v.engine.value);
          expect([text, sameValue ? d : d !== undefined]).toEqual([text, sameValue ? undefined : true]);
        }
      });
    },
    BATCH_TIMEOUT,
  );

  it(
    'on the JSON the real CLI prints (jeajit psd1 parse)',
    () => {
      // the CLI runs dist/: it must have been built from the current sources (npm run build)
      expect(staleBuild()).toEqual([]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-cli-'));
      try {
        const sources: Case[] = [
          ...corpusFiles()
            .slice(0, 4)
            .map((f) => ({ id: f.name, bytes: fs.readFileSync(f.file) })),
          {
            id: 'odd.psd1',
            bytes: utf8(
              "@{\r\n  'a\u2019\u2018b' = \u201cx`t$true\u201d, -$true, -bnot 2.5, 0x0FFFFFFFF, 1.50d\r\n  1e20 = @(,@()); n = $null; s = { '}' }\r\n}\r\n",
            ),
          },
        ];
        const verdicts = judge(sources);
        for (const v of verdicts) {
          expect([v.c.id, problem(v)]).toEqual([v.c.id, undefined]);
          const file = path.join(dir, v.c.id);
          fs.writeFileSync(file, v.c.bytes);
          const run = jeajit(['psd1', 'parse', file]);
          expect([v.c.id, run.status, run.stderr]).toEqual([v.c.id, 0, '']);
          expect([
            v.c.id,
            jsonDifference(JSON.parse(run.stdout.toString('utf8')), (v.engine as { value: Tagged }).value),
          ]).toEqual([v.c.id, undefined]);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    BATCH_TIMEOUT,
  );
});

/** Sources of src/psd1 newer than their compiled dist/ file (the CLI would run old code). */
function staleBuild(): string[] {
  const root = path.resolve(__dirname, '../..');
  const src = path.join(root, 'src/psd1');
  return fs
    .readdirSync(src)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => {
      const built = path.join(root, 'dist/src/psd1', f.replace(/\.ts$/, '.js'));
      return !fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(src, f)).mtimeMs;
    })
    .map((f) => `src/psd1/${f} is newer than dist/ (run npm run build)`);
}

/**
 * Constructs the text generator must produce in a batch (so that a change to it cannot quietly
 * stop testing them).
 */
const FEATURES: readonly RegExp[] = [
  /[\u2018\u2019\u201a\u201b'][^\n]*[\u2018\u2019\u201a\u201b][\u2018\u2019\u201a\u201b']/, // typographic single quotes, doubled
  /[\u201c\u201d\u201e]/,
  /`[0abefnrtv]/,
  /`u\{1F600\}/,
  /@['\u2018-\u201b][ \t]*\r?\n/,
  /@["\u201c-\u201e][ \t]*\r?\n/,
  /\r[^\n]/,
  /0x80000000/,
  /0xFFFFFFFFFFFFFFFF/,
  /[0-9](kb|KB|mb|gb|Tb|pb)/,
  /[0-9][lL]/,
  /[0-9][dD]/,
  /[0-9]e-?[0-9]/,
  /[\u2013-\u2015][0-9]/,
  /-bnot/i,
  /-not/i,
  /![^=]/,
  /\$true/i,
  /\$null/i,
  /@\(@\(\)\)/,
  /@\(,1\)/,
  /,\r?\n/,
  /<#/,
  / `\r?\n/,
  /\{[^}]*\}/,
  /\u00ad/,
  /\$\(/,
];

/**
 * Small documented differences and agreements worth naming: [text, what the engine does, what we
 * do ('reads' or our error)]. The reasons are in docs/engine-differences.md.
 */
const DOCUMENTED: ReadonlyArray<
  readonly [text: string, engine: 'reads' | 'refuses', ours: 'reads' | RegExp, sameValue?: boolean]
> = [
  // Import-PowerShellDataFile takes the first hashtable anywhere (ImportPowerShellDataFile.cs);
  // JEA's loader needs the whole file to be one hashtable; we read the file's one value.
  ["@{ a = 1 }; 'more'", 'reads', /after the value/],
  ["'x', @{ a = 1 }", 'reads', 'reads', false],
  ['using namespace System\n@{ a = 1 }', 'reads', /'using' is a command/],
  ['param($x)\n@{ a = 1 }', 'reads', /'param' is a command/],
  ['42', 'refuses', 'reads'],
  // SafeValues.cs limits a hashtable to 500 keys (without -SkipLimitCheck); JEA's loader has no limit
  [`@{ ${Array.from({ length: 501 }, (_, i) => `k${i} = ${i}`).join('; ')} }`, 'refuses', 'reads'],
  // ... and a value of 5,000 or more visited nodes (300 arrays of 20 numbers)
  [
    `@{ ${Array.from({ length: 300 }, (_, i) => `k${i} = @(${Array.from({ length: 20 }, (_, j) => j).join(',')})`).join('; ')} }`,
    'refuses',
    'reads',
  ],
  // variables: only $true, $false, $null (any case and local/private/variable: scope) are values
  ['@{ a = $PSScriptRoot }', 'refuses', /not allowed in a data file/],
  // $args is read from the caller's scope: under import-data.ps1 (an advanced script, strict
  // mode 3) there is none and the engine refuses; from a plain script it reads that script's args
  ['@{ a = $args }', 'refuses', /argument list of whoever reads the file/],
  ['@{ a = $using:true }', 'reads', /fails when PowerShell runs the file/],
  ['@{ a = $local:true; b = ${null}; c = $variable:FALSE }', 'reads', 'reads'],
  ['@{ a = $(1) }', 'reads', /subexpressions/],
  ['@{ a = "$true $null." }', 'reads', 'reads'],
  ['@{ a = -$true; b = !@(0); c = -bnot 3e9; d = - 0.0 }', 'reads', 'reads'],
  ["@{ a = -'5' }", 'reads', /on a string converts it at run time/],
  ['@{ a = [int]1 }', 'reads', /casts/],
  ["@{ a = 'abc'[1] }", 'reads', /indexing/],
  ['@{ a = $true ? 1 : 2 }', 'reads', /PowerShell 7 only/],
  ['@{ a = 1u }', 'reads', /PowerShell 7 only/],
  ['@{ a = "`u{41}" }', 'reads', /PowerShell 7 only/],
  ['@{ a = "`u41" }', 'refuses', /`u starts/],
  ['@{ a = 9007199254740993 }', 'reads', /cannot be represented exactly/],
  // keys: constant keys compare by text (1 and '1' collide), computed ones by .NET value
  ["@{ 1 = 'a'; '1' = 'b' }", 'refuses', /duplicate key/],
  ["@{ 1.5 = 'a'; '1.5' = 'b' }", 'refuses', /duplicate key/],
  ["@{ 1e5 = 'a'; '1e5' = 'b' }", 'reads', 'reads'],
  ["@{ (1) = 'a'; '1' = 'b' }", 'reads', /computed hashtable key/],
  ["@{ 1 = 'a'; 1.0d = 'b' }", 'reads', /same value/],
  ["@{ 'a\u00adb' = 1; 'ab' = 2 }", 'refuses', /duplicate key/],
  ['@{ "a`0" = 1; \'a\' = 2 }', 'refuses', /duplicate key/],
  ["@{ '\u00e9' = 1; 'e\u0301' = 2 }", 'refuses', /duplicate key/],
  ["@{ '\ufb01' = 1; 'fi' = 2 }", 'refuses', /duplicate key/],
  ["@{ '\u0131' = 1; 'I' = 2; '\u017f' = 3; 'S' = 4 }", 'reads', 'reads'],
  ["@{ '\uff21' = 1; 'A' = 2; '\u3042' = 3; '\u30a2' = 4 }", 'reads', 'reads'],
  ["@{ '\ud801\udc00' = 1; '\ud801\udc28' = 2 }", 'refuses', /duplicate key/],
  ['@{ a-b = 1 }', 'refuses', /missing '='/],
  ['@{ ; a = 1 }', 'refuses', /before the first hashtable entry/],
];

/** The first difference between the CLI's JSON and the engine's tagged value, or undefined. */
function jsonDifference(json: unknown, engine: Tagged, at = '$'): string | undefined {
  const differ = (what: string) => `${at}: ${what} (json ${JSON.stringify(json)}, engine ${JSON.stringify(engine)})`;
  switch (engine.t) {
    case 'null':
    case 'string':
    case 'bool':
      return json === (engine.t === 'null' ? null : engine.v) ? undefined : differ('values differ');
    case 'number':
      return typeof json === 'number' && Object.is(json, Number(engine.v)) ? undefined : differ('numbers differ');
    case 'scriptblock':
      return typeof json === 'object' &&
        json !== null &&
        `{${String((json as Record<string, unknown>).$scriptblock)}}` === engine.v
        ? undefined
        : differ('script blocks differ');
    case 'array':
      if (!Array.isArray(json) || json.length !== engine.items.length) return differ('arrays differ');
      for (let i = 0; i < json.length; i++) {
        const d = jsonDifference(json[i], engine.items[i], `${at}[${i}]`);
        if (d) return d;
      }
      return undefined;
    case 'hashtable': {
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return differ('object expected');
      const entries = Object.entries(json as Record<string, unknown>);
      if (entries.length !== engine.entries.length) return differ('key counts differ');
      for (const e of engine.entries) {
        const match = entries.find(([k]) =>
          e.k.t === 'number'
            ? Number(k) === Number(e.k.v)
            : e.k.t === 'string' && k.toUpperCase() === e.k.v.toUpperCase(),
        );
        if (!match) return differ(`key ${JSON.stringify(e.k)} missing`);
        const d = jsonDifference(match[1], e.v, `${at}.${match[0]}`);
        if (d) return d;
      }
      return undefined;
    }
    default:
      return differ(`a .NET ${engine.type} the CLI does not print`);
  }
}
