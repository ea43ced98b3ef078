import fc from 'fast-check';
import { Psd1Value, PsHashtable, ScriptBlock, foldKey } from '../../src/psd1';

/**
 * Characters that break naive writers: every PowerShell quote, backticks, `$`, braces, comment
 * starts, line breaks, NUL, a surrogate pair and a few letters.
 */
export const HOSTILE_CHARS = [
  "'",
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '"',
  '\u201c',
  '\u201d',
  '\u201e',
  '`',
  '$',
  '{',
  '}',
  '(',
  ')',
  '#',
  '<',
  '>',
  '@',
  ';',
  ',',
  '=',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\t',
  ' ',
  '\u00a0',
  '\u2028',
  'a',
  'Z',
  '1',
  'é',
  '😀',
];

/** A string drawn from {@link HOSTILE_CHARS}. */
export const hostileString = fc
  .array(fc.constantFrom(...HOSTILE_CHARS), { maxLength: 12 })
  .map((parts) => parts.join(''));

/**
 * Valid PowerShell statements: commands, strings, comments, here-strings and nested blocks.
 * `hereStrings: false` leaves here-strings out, for tree-sitter-powershell, whose here-string
 * token misreads bodies with blank lines followed by quotes, nested headers or lone CRs.
 */
export function codeText(hereStrings: boolean): fc.Arbitrary<string> {
  return fc.letrec<{ code: string; piece: string }>((tie) => ({
    piece: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        'Get-Item',
        ' ',
        '$x',
        '42',
        '"plain"',
        "'it''s'",
        '# note }\r\n',
        '<# { #>',
        '@(1, 2)',
        '"a$($x + \'}\')b"',
      ),
      hostileString.map((s) => `'${s.replace(/['\u2018-\u201b]/g, (q) => q + q)}'`),
      // nested blocks start with a statement: tree-sitter-powershell errs on `& {}; & {}`
      fc
        .constantFrom('if ($true) ', 'foreach ($i in 1..3) ')
        .chain((head) => tie('code').map((body) => `${head}{1; ${body}}`)),
      tie('code').map((body) => `& {1; ${body}}`),
      // a here-string body whose lines never start with the terminator
      ...(hereStrings
        ? [tie('code').map((body) => `@'\r\n${body.replace(/^['\u2018-\u201b]@/gm, '')}\r\n'@\r\n`)]
        : []),
    ),
    code: fc
      .tuple(
        fc.constantFrom('', ' ', 'param($a)\r\n'),
        fc.array(tie('piece'), { maxLength: 5 }),
        fc.constantFrom('; ', '\r\n'),
      )
      .map(([head, parts, separator]) => head + parts.join(separator)),
  })).code;
}

/** Any value a data file can hold (scalars, arrays, hashtables with unique keys, script blocks of `code`). */
export function psd1ValueOf(code: fc.Arbitrary<string>): fc.Arbitrary<Psd1Value> {
  return fc.letrec<{ value: Psd1Value }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      code.map((t) => new ScriptBlock(t)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc
        .uniqueArray(
          fc.tuple(fc.oneof(hostileString, fc.constantFrom('Name', 'if', 'A-B', 'x y', '1', 'GUID')), tie('value')),
          {
            maxLength: 4,
            selector: ([k]) => foldKey(k),
          },
        )
        .map((entries) => PsHashtable.from(entries)),
    ),
  })).value;
}

/** Any value, with script blocks that use every construct our scanner knows. */
export const psd1Value = psd1ValueOf(codeText(true));

/** Strict equality for the round trip: key order and spelling, and -0 versus 0, all count. */
export function sameValue(a: Psd1Value, b: Psd1Value): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b);
  if (a === null || typeof a !== 'object') return a === b;
  if (a instanceof ScriptBlock) return b instanceof ScriptBlock && a.text === b.text;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!(b instanceof PsHashtable) || a.size !== b.size) return false;
  const ka = a.keys();
  const kb = b.keys();
  return ka.every((k, i) => Object.is(k, kb[i]) && sameValue(a.get(k)!, b.get(k)!));
}
