/**
 * Malformed or non-constant PowerShell data files, each with the line and column (1-based, UTF-16
 * code units) the error must point at and a fragment its reason must contain. Derived from
 * Microsoft's PowerShell documentation (each describe block names the page it follows).
 *
 * Where an error points: at the offending token; for a construct that is never closed (string,
 * here-string, hashtable, array, script block, block comment), at the token that opened it.
 */
import { parse, Psd1Error } from '../../../src/psd1';
import { crlf, lf, plain, utf16be, utf16le, utf8bom } from './helpers';

type ErrorCase = [name: string, source: string | Uint8Array, line: number, column: number, fragment: string];

function expectError(source: string | Uint8Array, line: number, column: number, fragment: string): void {
  let error: unknown;
  try {
    const doc = parse(source, { file: 'spec.psd1' });
    error = new Error(`parsed without error: ${JSON.stringify(plain(doc.value))}`);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof Psd1Error)) {
    throw new Error(`expected a Psd1Error at ${line}:${column} containing "${fragment}", got ${String(error)}`);
  }
  expect({ line: error.line, column: error.column, reason: error.reason }).toEqual({
    line,
    column,
    reason: expect.stringContaining(fragment),
  });
  expect(error.message).toBe(`spec.psd1:${line}:${column}: ${error.reason}`);
}

const run = (cases: ErrorCase[]) =>
  it.each(cases)('%s', (_name, source, line, column, fragment) => expectError(source, line, column, fragment));

// about_Data_Files ("This format only supports constant values. You can't use code or PowerShell
// expressions") and Import-PowerShellDataFile (imports data "without invoking its contents"):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_data_files
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/import-powershelldatafile
// The token kinds are those of the language specification chapter 2 (§2.3.2 variables, §2.3.3
// commands, §2.3.6 operators, §2.3.5.7 type names):
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02
describe('code is not data (about_Data_Files, Import-PowerShellDataFile, spec ch. 2)', () => {
  run([
    ['a command as a value', lf('@{', '  a = Get-Process', '}'), 2, 7, 'Get-Process'],
    ['a command as a whole file', lf('', '', 'Get-Content x.txt'), 3, 1, 'Get-Content'],
    ['a bare word among array items', lf('@(', "  'a'", '  b', ')'), 3, 3, 'command'],
    ['a number running into letters is a word, not a number', lf('@{', '  a = 12abc', '}'), 2, 7, '12abc'],
    ['a variable', lf('@{', '  a = $env:PATH', '}'), 2, 7, 'variable'],
    ['a braced variable', lf('@{', '  a = 1', '  b = ${x}', '}'), 3, 7, 'variable'],
    ['a variable as a key', lf('@{', '  $k = 1', '}'), 2, 3, 'key'],
    ['a method call', lf('@{', "  a = 'x'.ToUpper()", '}'), 2, 10, 'member'],
    ['member access on a hashtable', lf('@{', '  a = 1', '}.a'), 3, 2, 'member'],
    ['indexing an array', lf('@{', '  a = @(1,2)[0]', '}'), 2, 13, 'index'],
    ['an arithmetic operator', lf('@{', '  a = 1 + 2', '}'), 2, 9, 'operator'],
    ['unary minus on a string', lf('@{', "  a = -'x'", '}'), 2, 7, "'-'"],
    ['a pipeline', lf('@{', "  a = 'x' | Out-Null", '}'), 2, 11, 'pipeline'],
    ['a cast', lf('# settings', "[int]'5'"), 2, 1, 'cast'],
    ['a static member', lf('@{', '  a = [int]::MaxValue', '}'), 2, 7, 'type'],
    ['two top-level statements on two lines', lf('@{ a = 1 }', '@{ b = 2 }'), 2, 1, 'one value'],
    ['two top-level statements separated by ;', lf("'a';", "'b'"), 2, 1, 'one value'],
    ['a comma at the start of the next line (no continuation)', lf("'a'", ", 'b'"), 2, 1, "','"],
    ['a stray closing brace', lf('@{}', '}'), 2, 1, "'}'"],
    ['a lone @', lf('@{', '  a = @', '}'), 2, 7, '@'],
  ]);
});

// An empty data file holds no hashtable (about_Data_Files: "The data in the file must be contained in a hashtable").
describe('no value at all (about_Data_Files)', () => {
  run([
    ['an empty file', '', 1, 1, 'value'],
    ['only comments: the error is at the end of the file', lf('# nothing', '<# here #>', ''), 3, 1, 'value'],
    ['only CRLF line breaks', crlf('', '', ''), 3, 1, 'value'],
  ]);
});

// about_Hash_Tables: "Use an equal sign (=) to separate each key from its value. Use a semicolon (;)
// or a line break to separate the key/value pairs." Keys compare case-insensitively (PowerShell's
// hashtable literal uses an ordinal, case-insensitive comparer), so a repeated key is an error.
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_hash_tables
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-07#719-hash-literal-expression
describe('hashtable structure (about_Hash_Tables, spec §7.1.9)', () => {
  run([
    ['missing = before the value', lf('@{', '  a 1', '}'), 2, 5, "'='"],
    ['missing = at the end of the line (points where = was expected)', lf('@{', '  a', '  b = 1', '}'), 2, 4, "'='"],
    ['two entries without a separator', lf('@{', '  a = 1 b = 2', '}'), 2, 9, "'b'"],
    ['a missing value before }', lf('@{', '  a =', '}'), 3, 1, 'value'],
    ['a trailing comma with no next item', lf('@{', '  a = 1,', '}'), 3, 1, 'value'],
    ['a duplicate key in another letter case', lf('@{', '  Name = 1', '  NAME = 2', '}'), 3, 3, 'duplicate'],
    [
      'a duplicate key, once single- and once double-quoted',
      lf('@{', `  'key' = 1;  "KEY" = 2`, '}'),
      2,
      15,
      'duplicate',
    ],
    ['a duplicate non-ASCII key in another case', lf('@{', "  '\u00E9' = 1", "  '\u00C9' = 2", '}'), 3, 3, 'duplicate'],
    ['a duplicate numeric key, once in hexadecimal', lf('@{', "  1 = 'a'", "  0x1 = 'b'", '}'), 3, 3, 'duplicate'],
    // about_Quoting_Rules: smart quotes are quotes, so the string ends at U+2019 and s' follows it
    ['a typographic apostrophe ends the string early', lf('@{', "  a = 'it\u2019s'", '}'), 2, 11, "'s'"],
  ]);
});

// Unterminated constructs point at the token that opened them.
// about_Quoting_Rules, about_Comments, about_Arrays, about_Hash_Tables and spec §2.3.5.2 / §2.2.3.
describe('unterminated constructs (about_Quoting_Rules, about_Comments, spec §2.2.3, §2.3.5.2)', () => {
  run([
    ['single-quoted string', lf('@{', "  a = 'abc", '}', ''), 2, 7, 'quote'],
    ['double-quoted string', lf('@{', '  a = 1', '  b = "abc', '}'), 3, 7, 'quote'],
    ['double-quoted string whose last quote is escaped', lf('@{', '  a = "abc`"', '}'), 2, 7, 'quote'],
    ['string opened with a typographic quote', lf('@{', '  a = \u2018abc', '}'), 2, 7, 'quote'],
    ['string in a CRLF file', crlf('@(', "  'a',", "  'b", ')'), 3, 3, 'quote'],
    ['hashtable', lf('@{', '  a = 1', ''), 1, 1, "'}'"],
    ['outer hashtable whose } was taken by an inner one', lf('@{', '  a = @{', '    b = 1', '}', ''), 1, 1, "'}'"],
    ['outer hashtable whose } was taken by a script block', lf('@{', '  a = { Get-Process', '}'), 1, 1, "'}'"],
    ['array @( inside a hashtable', lf('@{', '  a = @(', '    1', ''), 2, 7, "')'"],
    ['array @( at the top', lf('@(', '  1,', '  2'), 1, 1, "')'"],
    ['script block', lf('@{', "  a = { '}'", ''), 2, 7, 'script block'],
    ['block comment', lf('@{', '  a = 1 <# oops', '}'), 2, 9, '#>'],
    ['block comment after the value', lf('@{', '  a = 1', '}', '<# trailing'), 4, 1, '#>'],
    // about_Comments: "If you attempt to nest block comments, the outer block comment ends at the first #>"
    ['nested block comment leaves its tail as code', lf('<# a <# b #> c #>', '@{}'), 1, 14, 'command'],
  ]);
});

// about_Quoting_Rules ("Here-strings") and spec §2.3.5.2: "no characters may follow on the same source
// line as the opening delimiter", "no characters may precede on the same source line as the closing".
describe('here-strings (about_Quoting_Rules, spec §2.3.5.2)', () => {
  run([
    ['text after the header', lf('@{', "  a = @' abc", 'x', "'@", '}'), 2, 10, 'here-string'],
    ['a comment after the header', lf('@{', '  a = @" # note', 'x', '"@', '}'), 2, 10, 'here-string'],
    ['terminator not at the start of its line', lf('@{', "  a = @'", 'abc', "  '@", '}'), 2, 7, 'here-string'],
    ['no terminator at all', lf('@{', '  a = @"', 'abc', '}'), 2, 7, 'here-string'],
    ['file ends right after the header', lf('@{', "  a = @'"), 2, 7, 'here-string'],
    ['text after the terminator', lf('@{', "  a = @'", 'abc', "'@ trailing", '}'), 4, 4, "'t'"],
  ]);
});

// about_Quoting_Rules ("Double-quoted strings"): variables and $( ) are substituted in double-quoted
// strings and here-strings, which a data file cannot do; spec §2.3.5.2 (expandable-string-part).
describe('expansion in double-quoted strings (about_Quoting_Rules, spec §2.3.5.2)', () => {
  run([
    ['a variable in a string', lf('@{', '  a = "Hello $name"', '}'), 2, 14, '$name'],
    ['a subexpression in a string', lf('@{', '  a = "x $(1+2)"', '}'), 2, 10, '$('],
    ['a braced variable in a string', lf('@{', '  a = "x ${HOME}"', '}'), 2, 10, '${'],
    ['a scoped variable in a string', lf('@{', '  a = "path: $env:PATH"', '}'), 2, 14, 'variable'],
    ['a variable in an expandable here-string', lf('@{', '  a = @"', 'Hello $name', '"@', '}'), 3, 7, '$name'],
    ['a variable in a string with a smart closing quote', lf('@{', '  a = \u201C$x\u201D', '}'), 2, 8, '$x'],
  ]);
});

// about_Numeric_Literals (7.4): the suffixes y, uy, s, us, u, ul (6.2) and n (7.0) are not in
// Windows PowerShell 5.1; "the literal 100gbL is malformed" (the multiplier must follow the type suffix).
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_numeric_literals
describe('numeric suffixes (about_Numeric_Literals)', () => {
  run([
    ['u suffix', lf('@{', '  a = 1u', '}'), 2, 7, 'suffix'],
    ['y suffix', lf('@{', '  a = 1', '  b = 100y', '}'), 3, 7, 'suffix'],
    ['s suffix', lf('@{', '  a = 5s', '}'), 2, 7, 'suffix'],
    ['n suffix', lf('@{', '  a = 10n', '}'), 2, 7, 'suffix'],
    ['ul suffix', lf('@(', '  1,', '  2ul', ')'), 3, 3, 'suffix'],
    ['multiplier before the type suffix: 100gbL', lf('@{', '  a = 100gbL', '}'), 2, 7, 'suffix'],
  ]);
});

// Columns count UTF-16 code units from 1 and lines end at CRLF, LF or a lone CR (spec §2.2.2);
// a byte order mark is not a character of the first line.
describe('line and column counting (spec §2.2.2)', () => {
  run([
    ['a tab counts as one column', lf('@{', '\ta = 1 b = 2', '}'), 2, 8, "'b'"],
    ['a surrogate pair counts as two columns', lf('@{', "  a = '\u{1F600}' b = 1", '}'), 2, 12, "'b'"],
    ['CRLF line breaks', crlf('@{', '  a = 1', '  b = Get-Date', '}'), 3, 7, 'Get-Date'],
    ['lone CR line breaks', '@{\r  a = 1\r  b = Get-Date\r}', 3, 7, 'Get-Date'],
    ['U+2028 is white space, not a line break', '@{\u2028a = Get-Item }', 1, 8, 'Get-Item'],
    ['UTF-16LE with BOM', utf16le(crlf('@{', '  a = $x', '}')), 2, 7, '$x'],
    ['UTF-16BE with BOM', utf16be(lf('@{', "  a = 'x' + 'y'", '}')), 2, 11, 'operator'],
    ['UTF-8 with BOM', utf8bom('@{ a = Get-Item }'), 1, 8, 'Get-Item'],
  ]);
});

// The project's issue: a truncated UTF-16 file (odd byte count, or a high surrogate cut off) is an
// error. about_Character_Encoding describes the encodings; the error points at where the text breaks.
describe('truncated UTF-16 (about_Character_Encoding)', () => {
  const highSurrogateLE = Buffer.from([0x3d, 0xd8]); // U+D83D, the first half of U+1F600
  const highSurrogateBE = Buffer.from([0xd8, 0x3d]);
  run([
    ['a BOM and a single stray byte', Buffer.from([0xff, 0xfe, 0x40]), 1, 1, 'UTF-16'],
    [
      'an odd byte count: the stray byte follows the last character',
      Buffer.concat([utf16le(lf('@{', '  a = 1', '}')), Buffer.from([0x0a])]),
      3,
      2,
      'UTF-16',
    ],
    [
      'UTF-16LE cut after a high surrogate',
      Buffer.concat([utf16le(lf('@{', "  a = 'x")), highSurrogateLE]),
      2,
      9,
      'surrogate',
    ],
    [
      'UTF-16BE cut after a high surrogate',
      Buffer.concat([utf16be(crlf('@{', "  a = 'x")), highSurrogateBE]),
      2,
      9,
      'surrogate',
    ],
    ['a lone low surrogate on a line after a lone CR', utf16le("@{\r  a = '\uDE00'\r}"), 2, 8, 'surrogate'],
  ]);
});
