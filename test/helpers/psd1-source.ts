/**
 * Generators of PowerShell data-file *text* (not values): every quote class, every escape,
 * here-strings with edge bodies and line breaks, numbers of every kind, prefix operators,
 * variables, keys that PowerShell compares in odd ways, comments and continuations in odd places,
 * script blocks, and text that PowerShell refuses. The engine suite feeds them to
 * Import-PowerShellDataFile and to our parser; the property is "same value, or both refuse".
 *
 * Each generator comes in two flavours: `plain` text that both readers should read (so that
 * most cases compare values, not just refusals) and `hostile` text that mixes in what PowerShell
 * 7 alone reads, what neither reads, and what reads differently.
 */
import fc from 'fast-check';
import { codeText } from './arbitraries';

/** The single quotes of PowerShell's tokenizer (CharTraits.IsSingleQuote): ' ‘ ’ ‚ ‛. */
export const SINGLE_QUOTES = ["'", '\u2018', '\u2019', '\u201a', '\u201b'] as const;

/** The double quotes of PowerShell's tokenizer (CharTraits.IsDoubleQuote): " “ ” „. */
export const DOUBLE_QUOTES = ['"', '\u201c', '\u201d', '\u201e'] as const;

/** The dashes of PowerShell's tokenizer (CharTraits.IsDash): - – — ―. */
export const DASHES = ['-', '\u2013', '\u2014', '\u2015'] as const;

const singleQuote = fc.constantFrom(...SINGLE_QUOTES);
const doubleQuote = fc.constantFrom(...DOUBLE_QUOTES);
const dash = fc.constantFrom(...DASHES);

/** Picks from `plain` only, or from `plain` and `hostile` (one in `1 + odds` from the hostile ones). */
function pick<T>(hostile: boolean, plain: fc.Arbitrary<T>, odd: fc.Arbitrary<T>, odds = 3): fc.Arbitrary<T> {
  return hostile ? fc.oneof({ weight: odds, arbitrary: plain }, { weight: 1, arbitrary: odd }) : plain;
}

/** Blank space between tokens, including Unicode spaces, block comments and backtick continuations. */
export const blank: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', ' ') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '  ',
      '\t',
      '\u00a0',
      '\u3000',
      '\u2003',
      '\u0085',
      '\u2028',
      '\u2029',
      ' <# c #> ',
      '<#}#>',
      ' `\r\n ',
      ' `\n',
      '\v',
      '\f',
    ),
  },
);

/** A line break, possibly with a comment before it or blank lines after it. */
export const lineBreak: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\n', '\r\n') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\r', ' # note }\n', '\n\n', '\r\n\r\n', ' <# two\nlines #>\n', '#\r\n', '\n # x\n'),
  },
);

/** What separates hashtable entries or `@( )` statements: line breaks and semicolons. */
export const separator: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: lineBreak },
  {
    weight: 1,
    arbitrary: fc.constantFrom(';', '; ', ';\n', ' ;; ', ';\r\n;', '\n;', '<#c#>\n', '#c\n', '<#c#>;', '\u00a0;'),
  },
);

/** Text pieces for string bodies: letters, spaces, line breaks, `$`, backticks, braces, ignorable characters. */
const textPiece = fc.constantFrom(
  'a',
  'Z',
  ' ',
  'é',
  '😀',
  '\n',
  '\r\n',
  '\t',
  '#',
  '}',
  '{',
  '(',
  '$',
  '`',
  '@',
  ';',
  '=',
  '<#',
  '0',
  '\u00ad',
  '\u200b',
  '\0',
);

/** A single-quoted string: any quote class opens and closes it, a pair of any two stands for one quote. */
export function singleQuoted(hostile: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      singleQuote,
      fc.array(
        fc.oneof(
          textPiece,
          fc.tuple(singleQuote, singleQuote).map(([a, b]) => a + b),
          doubleQuote,
        ),
        { maxLength: 6 },
      ),
      pick(hostile, singleQuote, fc.constant(''), 12),
    )
    .map(([open, body, close]) => open + body.join('') + close);
}

/** Backtick escapes both readers take, and (hostile) the PowerShell 7 `u escapes. */
function backtickEscape(hostile: boolean): fc.Arbitrary<string> {
  return pick(
    hostile,
    fc.constantFrom(
      '`0',
      '`a',
      '`b',
      '`e',
      '`f',
      '`n',
      '`r',
      '`t',
      '`v',
      '``',
      '`"',
      '`\u201c',
      '`$',
      '`x',
      '`q',
      "`'",
      '` ',
      '`\n',
      '`\r\n',
      '`\0',
      '`{',
      '`#',
      '`U',
    ),
    fc.constantFrom('`u{1F600}', '`u{41}', '`u{0}', '`u{10FFFF}', '`u{110000}', '`u{}', '`u41', '`u{0041 }'),
  );
}

/** What follows a `$` in an expandable string: nothing, a constant, another variable, code. */
function dollarPiece(hostile: boolean): fc.Arbitrary<string> {
  return pick(
    hostile,
    fc.constantFrom(
      '$',
      '$ ',
      '$-',
      '$.',
      '$true',
      '$TRUE',
      '$False',
      '$null',
      '${true}',
      '${null}x',
      '$local:true',
      '$private:false',
      '$variable:null',
      '$:true',
      '$true.x',
      '$true[0]',
      '`$x',
    ),
    fc.constantFrom(
      '${ true}',
      '$global:true',
      '$script:null',
      '$using:true',
      '$args',
      '$x',
      '$_',
      '$$',
      '$?',
      '$^',
      '$:',
      '$true:',
      '$true:x',
      '$true?',
      '$truex',
      '$(1)',
      '$()',
      '$(1,2)',
      '$env:PATH',
      '$PSScriptRoot',
    ),
  );
}

/** A double-quoted string: any quote class opens and closes it, doubled quotes, backtick escapes and `$` in every role. */
export function doubleQuoted(hostile: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      doubleQuote,
      fc.array(
        fc.oneof(
          textPiece,
          backtickEscape(hostile),
          dollarPiece(hostile),
          fc.tuple(doubleQuote, doubleQuote).map(([a, b]) => a + b),
          singleQuote,
        ),
        { maxLength: 6 },
      ),
      pick(hostile, doubleQuote, fc.constant(''), 12),
    )
    .map(([open, body, close]) => open + body.join('') + close);
}

/** One line of a here-string body, including lines that look like terminators but are not. */
function hereLine(quote: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .array(fc.oneof(textPiece, doubleQuote, singleQuote), { maxLength: 4 })
      .map((p) => p.join('').replace(/[\r\n]/g, '')),
    quote.map((q) => ` ${q}@`),
    quote.map((q) => `\t${q}@ x`),
    quote.map((q) => `x${q}@`),
    fc.constant(''),
    fc.constant('@'),
  );
}

/**
 * A here-string: `@'` or `@"` (any quote class), blanks and a line break after the header, a body
 * of edge lines (empty, blank, a quote and `@` not at column 0) with CR, LF or CRLF breaks, and a
 * terminator at column 0; hostile: followed by text, or missing.
 */
export function hereString(hostile: boolean): fc.Arbitrary<string> {
  return fc.boolean().chain((double) => {
    const quote = double ? doubleQuote : singleQuote;
    const piece = double
      ? fc.oneof(
          hereLine(quote),
          backtickEscape(hostile).map((e) => e.replace(/[\r\n]/g, '')),
          dollarPiece(hostile),
        )
      : hereLine(quote);
    return fc
      .tuple(
        quote,
        fc.constantFrom('', ' ', '\t '),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.tuple(piece, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 3 }),
        quote,
        pick(hostile, fc.constant(''), fc.constantFrom(' x', 'x', '\u00a0x', '@')),
        pick(hostile, fc.constant(true), fc.constant(false), 12),
      )
      .map(
        ([open, after, firstBreak, lines, close, junk, terminated]) =>
          `@${open}${after}${firstBreak}${lines.map(([l, b]) => l + b).join('')}${terminated ? `${close}@${junk}` : ''}`,
      );
  });
}

/** The digits of a numeric literal: decimal, hexadecimal and real, with their edge forms. */
const plainNumberBody = fc.constantFrom(
  '0',
  '1',
  '7',
  '42',
  '00012',
  '2147483647',
  '2147483648',
  '4294967295',
  '4294967296',
  '9007199254740992',
  '18014398509481984',
  '9223372036854775808',
  '79228162514264337593543950336',
  '99999999999999999999999999999999',
  '0x0',
  '0x1',
  '0x1F',
  '0x7FFFFFFF',
  '0x80000000',
  '0xFFFFFFFF',
  '0x0FFFFFFFF',
  '0x100000000',
  '0xFFFFFFFFF',
  '0x000000000000001',
  '0x0000000000000001',
  '0x8000000000000000',
  '0xFFFFFFFFFFFFFFFF',
  '0X1e2',
  '1.',
  '.5',
  '1.5',
  '2.5',
  '0.0',
  '1.e2',
  '1e2',
  '1E+2',
  '1e-5',
  '1e\u20135',
  '1.5e3',
  '.45e35',
  '1e15',
  '1e16',
  '1e17',
  '1e308',
  '1e309',
  '1e-400',
  '1.50',
  '0.1',
  '1.23456789012345678901234567890',
);

/** Number bodies PowerShell 7 reads and 5.1 does not, and ones neither reads. */
const oddNumberBody = fc.constantFrom(
  '0x',
  '0b101',
  '0B1',
  '1e',
  '1e+',
  '1.2.3',
  '1_000',
  '0x1.5',
  '9007199254740993',
  '0x10000000000000000',
  '1a',
);

/** A numeric literal: body, optional type suffix (PowerShell 7 has more than 5.1), optional multiplier. */
export function numberLiteral(hostile: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      pick(hostile, plainNumberBody, oddNumberBody, 6),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('') },
        { weight: 3, arbitrary: fc.constantFrom('l', 'L', 'd', 'D') },
        { weight: hostile ? 2 : 0, arbitrary: fc.constantFrom('u', 'ul', 'us', 'uy', 'y', 's', 'n', 'lu', 'dl', 'b') },
      ),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('') },
        { weight: 3, arbitrary: fc.constantFrom('kb', 'KB', 'mb', 'gb', 'Tb', 'pb') },
        { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom('k', 'kbkb') },
      ),
    )
    .map(([body, suffix, multiplier]) => body + suffix + multiplier);
}

/** Variables: the constants in every spelling and scope, and (hostile) the ones a data file cannot hold. */
export function variable(hostile: boolean): fc.Arbitrary<string> {
  return pick(
    hostile,
    fc.constantFrom(
      '$true',
      '$TRUE',
      '$False',
      '$null',
      '$NULL',
      '${true}',
      '${fal`se}',
      '$local:true',
      '$Private:false',
      '$variable:null',
      '$:true',
    ),
    fc.constantFrom(
      '${ true}',
      '$global:true',
      '$script:true',
      '$using:true',
      '$args',
      '$PSScriptRoot',
      '$PSCulture',
      '$HOME',
      '$x',
      '$_',
      '$$',
      '${}',
      '$true:',
      '$env:PATH',
    ),
  );
}

/** Script blocks around valid PowerShell code (arbitraries.ts codeText: statements, strings and comments with braces in them). */
export const scriptBlock: fc.Arbitrary<string> = fc.oneof(
  codeText(true).map((code) => `{${code}}`),
  fc.constantFrom('{}', '{ }', '{\n}', '{ # } \n}', "{ '}' }", '{ "{" }', '{ <# } #> }'),
);

/**
 * Key spellings PowerShell compares in odd ways: case, characters the culture ignores,
 * canonically equivalent and compatibility spellings, width and kana variants, letters .NET
 * folds differently from JavaScript, and numbers next to the text of their value.
 */
const trickyKey = fc.constantFrom(
  'Name',
  'NAME',
  'name',
  "'Name'",
  '"NAME"',
  "'a'",
  "'A'",
  "''",
  '"`0"',
  "'\0'",
  "'a\u00adb'",
  "'ab'",
  "'a\u200bb'",
  "'a\u200db'",
  "'\u00df'",
  "'ss'",
  "'SS'",
  "'\uff21'",
  "'\uff41'",
  "'A'",
  "'\u0131'",
  "'I'",
  "'i'",
  "'\u0130'",
  "'\u017f'",
  "'s'",
  "'\u212a'",
  "'K'",
  "'k'",
  "'\ufb01'",
  "'fi'",
  "'\u00e9'",
  "'e\u0301'",
  "'\u00b2'",
  "'2'",
  "'\u3042'",
  "'\u30a2'",
  "'\uff71'",
  "'\u32d0'",
  "'\u30ac'",
  "'\u30ab\u3099'",
  "'\u01c5'",
  "'\u01c4'",
  "'\u01c6'",
  "'\u1f80'",
  "'\u1f88'",
  "'\ud801\udc00'",
  "'\ud801\udc28'",
  "'\u00b5'",
  "'\u039c'",
  "'\u03c2'",
  "'\u03a3'",
  "'\u2126'",
  "'\u03c9'",
  "'\u24b6'",
  "'a\u0000'",
  "'\u00e6'",
  "'ae'",
  '1',
  "'1'",
  '1.0',
  '1.5',
  "'1.5'",
  '1e20',
  "'1E+20'",
  "'1e20'",
  '1e-5',
  "'1E-05'",
  '1e15',
  "'1E+15'",
  '1e17',
  "'1E+17'",
  '0x10',
  '16',
  '1l',
  '1d',
  '1.0d',
  '1.50d',
  "'1.50'",
  '-1',
  "'-1'",
  '\u20131',
  '-0.0',
  "'-0'",
  '0.0',
  '1kb',
  "'1024'",
  '2147483648',
  '1e309',
  "'Infinity'",
  '99999999999999999999999999999999',
  "'9.999999999999999E+31'",
  'a1',
  '_a',
  '\u00e9t\u00e9',
  '\u0391',
  'if',
  "@'\nk\n'@",
  '@"\nK\n"@',
  'e\u0301',
  '\u00c9T\u00c9',
  'x\u0660',
);

/** Keys that are not constants or not keys at all. */
const oddKey = fc.constantFrom(
  'a-b',
  'a.b',
  '1a',
  'a:b',
  '-a',
  '(1)',
  '$true',
  '"k$true"',
  '+1',
  '!1',
  '@()',
  '{k}',
  '[int]1',
  ',1',
  '- 1',
  '$x',
);

/** A hashtable key: a name, a quoted string of any class, a here-string, a number, or (hostile) something else. */
export function key(hostile: boolean): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: pick(hostile, trickyKey, oddKey, 8) },
    { weight: 1, arbitrary: singleQuoted(false) },
    { weight: 1, arbitrary: numberLiteral(hostile) },
    { weight: 1, arbitrary: fc.tuple(dash, numberLiteral(hostile)).map(([d, n]) => d + n) },
  );
}

/** Prefix operators: the four dashes as minus, plus, `!`, `-not`, `-bnot` in any case and dash. */
function unaryOperator(hostile: boolean): fc.Arbitrary<string> {
  return pick(
    hostile,
    fc.oneof(
      dash,
      fc.constantFrom('+', '!', '-not ', '-NOT ', '-Not', '-bnot ', '\u2013bnot ', '-BNOT ', '- ', '! ', '-\n', '!`\n'),
      dash.map((d) => `${d}not `),
    ),
    fc.constantFrom('--', '++', '-notx ', '-band ', '-join ', '-split '),
  );
}

/**
 * Things a data file cannot hold (code), or that PowerShell 7 alone reads. (No lone `{`: the
 * rest of the file would become a script block, whose code we do not compile; see
 * docs/engine-differences.md.)
 */
const invalidValue = fc.constantFrom(
  'Get-Date',
  'a',
  '1+2',
  '1 -eq 1',
  '1..3',
  '[int]1',
  '[int]"5"',
  "'abc'.Length",
  "'abc'[1]",
  '@(1,2)[0]',
  '$true ? 1 : 2',
  '$x = 1',
  '& {1}',
  '$(1)',
  '$()',
  '$(1;2)',
  '1,',
  '@(',
  '@{',
  '(',
  '(1',
  '()',
  "'unterminated",
  '"unterminated',
  '@{a=1',
  '@{a}',
  '@{=1}',
  '-',
  '!',
  '1 2',
  '"a" "b"',
  '(1)#x',
  '1;2',
  '$true-1',
  '1-1',
  "-'5'",
  "+'1.5'",
  '-bnot 1e30',
  '1 &',
  '1&&2',
  '@{;}',
  '@{\n;a=1}',
  '(1;2)',
);

/** The grammar of generated values, as text. */
function values(hostile: boolean): { value: fc.Arbitrary<string>; statement: fc.Arbitrary<string> } {
  return fc.letrec<{ value: string; statement: string; hashtable: string; unary: string }>((tie) => ({
    unary: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      numberLiteral(hostile),
      variable(hostile),
      singleQuoted(hostile),
      fc.constantFrom(
        '@()',
        '@(0)',
        '@(1,2)',
        '@(@())',
        '@{}',
        '{}',
        '(0)',
        '(1,2)',
        '(-0.0)',
        '(0.0d)',
        '(-0.0d)',
        '(2147483648)',
        '(-2147483648)',
        '(0x80000000)',
        '(4.5)',
        '(-2.5d)',
        '(3e9)',
      ),
      fc.tuple(unaryOperator(hostile), blank, tie('unary')).map(([op, b, x]) => op + b + x),
    ),
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: numberLiteral(hostile) },
      { weight: 3, arbitrary: singleQuoted(hostile) },
      { weight: 3, arbitrary: doubleQuoted(hostile) },
      { weight: 2, arbitrary: hereString(hostile) },
      { weight: 2, arbitrary: variable(hostile) },
      { weight: 2, arbitrary: tie('unary') },
      { weight: 1, arbitrary: scriptBlock },
      { weight: hostile ? 2 : 0, arbitrary: invalidValue },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '@()',
          '@(@())',
          '@(,1)',
          '@(@(), @())',
          ',1',
          ',,1',
          ',@()',
          '@( )',
          '@(\n)',
          '@(;)',
          '@(1\n,2)',
          '@(,(1,2))',
        ),
      },
      // @( ... ) with statements separated by line breaks and ;
      {
        weight: 2,
        arbitrary: fc
          .array(tie('statement'), { maxLength: 3 })
          .chain((items) => separator.map((sep) => `@(${items.join(sep)})`)),
      },
      { weight: 1, arbitrary: fc.tuple(blank, tie('statement'), blank).map(([a, s, b]) => `(${a}${s}${b})`) },
      { weight: 3, arbitrary: tie('hashtable') },
    ),
    // a statement: a value or a comma list (a trailing comma continues on the next line)
    statement: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: tie('value') },
      {
        weight: 1,
        arbitrary: fc
          .array(
            fc.tuple(tie('value'), fc.constantFrom(',', ', ', ' ,', ',\n', ',\r\n ', ', # c\n', ',`\n', ' , <# #> ')),
            { minLength: 1, maxLength: 3 },
          )
          .chain((items) => tie('value').map((last) => items.map(([v, c]) => v + c).join('') + last)),
      },
    ),
    hashtable: entries(hostile, tie('statement'), 4).map((body) => `@{${body}}`),
  }));
}

/** The inside of a hashtable: entries separated by line breaks and `;`, with blanks around `=`. */
function entries(hostile: boolean, statement: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.tuple(key(hostile), blank, blank, statement), { maxLength }).chain((list) =>
    fc
      .tuple(
        fc.array(separator, { minLength: list.length + 1, maxLength: list.length + 1 }),
        pick(hostile, fc.constantFrom('', ' ', '\n', '\r\n  '), fc.constantFrom(';', '\n;'), 8),
      )
      .map(([seps, lead]) => {
        let out = lead;
        list.forEach(([k, b1, b2, v], i) => {
          out += `${i === 0 ? '' : seps[i]}${k}${b1}=${b2}${v}`;
        });
        return out + seps[list.length];
      }),
  );
}

/**
 * A whole data file: a hashtable of generated entries at the top, with comments and blank lines
 * around it. (Import-PowerShellDataFile takes the first hashtable anywhere in the file, JEA needs
 * the whole file to be one hashtable; the suite tests other tops with explicit cases.)
 */
export function dataFile(hostile: boolean): fc.Arbitrary<string> {
  const { statement } = values(hostile);
  return fc
    .tuple(
      fc.constantFrom('', '# header\r\n', '<# block\r\n comment #>\r\n', '\r\n\r\n', '  '),
      entries(hostile, statement, 5),
      fc.constantFrom('', '\r\n', '\r\n# trailer', ' <# end #>', '\n\n', ';', '\r\n;\r\n'),
    )
    .map(([head, body, tail]) => `${head}@{${body}}${tail}`);
}

/** Data files, three plain ones for two hostile ones. */
export const dataFileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: dataFile(false) },
  { weight: 2, arbitrary: dataFile(true) },
);
