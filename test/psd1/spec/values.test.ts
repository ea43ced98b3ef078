/**
 * Valid PowerShell data files and the values they hold, derived from Microsoft's PowerShell
 * documentation (each describe block names the page it follows). Inputs are written the way the
 * documentation writes them; typographic quotes and dashes are spelled with \u escapes.
 */
import { parse, Psd1Value, PsHashtable } from '../../../src/psd1';
import { crlf, ht, lf, plain, sb, utf16be, utf16le, utf8, utf8bom } from './helpers';

type Case = [name: string, source: string, expected: Psd1Value];

/** Parses `@{ v = <source> }` and returns the value of `v`. */
function entryValue(source: string): Psd1Value | undefined {
  const doc = parse(lf('@{', `  v = ${source}`, '}'));
  expect(doc.value).toBeInstanceOf(PsHashtable);
  const table = doc.value as PsHashtable;
  expect(table.keys()).toEqual(['v']);
  return table.get('v');
}

function expectEntry(source: string, expected: Psd1Value): void {
  expect(plain(entryValue(source)!)).toEqual(plain(expected));
}

function expectDocument(source: string | Uint8Array, expected: Psd1Value): void {
  expect(plain(parse(source).value)).toEqual(plain(expected));
}

// about_Numeric_Literals (5.1 and 7.4):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_numeric_literals
// and the language specification, chapter 2, §2.3.5.1 (integer, real and multiplier suffixes):
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02#2351-numeric-literals
describe('numeric literals (about_Numeric_Literals, spec §2.3.5.1)', () => {
  const cases: Case[] = [
    // the examples table of about_Numeric_Literals
    ['decimal integer 100', '100', 100],
    ['long suffix 100l', '100l', 100],
    ['decimal suffix 100D', '100D', 100],
    ['exponent 1e2', '1e2', 100],
    ['real with empty fraction and exponent 1.e2', '1.e2', 100],
    ['hexadecimal 0x1e2', '0x1e2', 482],
    ['hexadecimal with long suffix 0x1e2L', '0x1e2L', 482],
    ['hexadecimal where D is a digit: 0x1e2D', '0x1e2D', 7725],
    ['decimal suffix 482D', '482D', 482],
    ['multiplier 482gb', '482gb', 517543559168],
    ['hexadecimal, long suffix and multiplier 0x1e2lgb', '0x1e2lgb', 517543559168],
    // the multiplier examples
    ['1kb is 1024', '1kb', 1024],
    ['decimal real with multiplier 1.30Dmb', '1.30Dmb', 1.3 * 1024 * 1024],
    ['hexadecimal with mixed-case multiplier 0x10Gb', '0x10Gb', 17179869184],
    ['real with exponent and multiplier 1.4e23tb', '1.4e23tb', 1.4e23 * 1024 ** 4],
    ['hexadecimal, long, petabyte 0x12Lpb', '0x12Lpb', 20266198323167232],
    ['multipliers in any letter case: 2KB', '2KB', 2048],
    ['multipliers in any letter case: 3mB', '3mB', 3 * 1024 * 1024],
    ['type suffix then multiplier: 100Lgb (7.4 doc)', '100Lgb', 100 * 1024 ** 3],
    // spec §2.3.5.1.1 and §2.3.5.1.2 examples
    ['123L is a long', '123L', 123],
    ['200000000000 is a long', '200000000000', 200000000000],
    ['double real 1. (no fraction digits)', '1.', 1],
    ['double real 1.23', '1.23', 1.23],
    ['double real .45e35', '.45e35', 0.45e35],
    ['double real 32.e+12', '32.e+12', 32e12],
    ['double real 123.456E-231', '123.456E-231', 123.456e-231],
    ['decimal real 1d', '1d', 1],
    ['decimal real 1.20d', '1.20d', 1.2],
    ['decimal real 1.23450e1d', '1.23450e1d', 12.345],
    ['decimal real 1.2345e3d', '1.2345e3d', 1234.5],
    ['real with long suffix 1.2L has value 1', '1.2L', 1],
    ['real with long suffix 1.2345e1L has value 12', '1.2345e1L', 12],
    ['real with long suffix 1.2345e-5L has value 0', '1.2345e-5L', 0],
    ['leading-dot real .5', '.5', 0.5],
    ['real 1.5', '1.5', 1.5],
    // hexadecimal sign bits (about_Numeric_Literals 7.4, "Working with binary or hexadecimal numbers")
    ['0xFFFFFFFF is the Int32 -1', '0xFFFFFFFF', -1],
    ['-0xFFFFFFFF is 1', '-0xFFFFFFFF', 1],
    ['0x80000000 is Int32.MinValue', '0x80000000', -2147483648],
    ['0x7FFFFFFF is Int32.MaxValue', '0x7FFFFFFF', 2147483647],
    ['0x100000000 (nine digits) is a positive long', '0x100000000', 4294967296],
    ['0xFFFFFFFFFFFFFFFF (sixteen digits) is the Int64 -1', '0xFFFFFFFFFFFFFFFF', -1],
    // unary minus, with every dash of spec §2.2.3 / §2.3.5.1.2
    ['unary minus -1', '-1', -1],
    ['-2147483648 (spec §2.3.5.1.1)', '-2147483648', -2147483648],
    ['negative real -1.5e3', '-1.5e3', -1500],
    ['negative multiplier -1kb', '-1kb', -1024],
    ['en dash as minus', '\u20135', -5],
    ['em dash as minus', '\u20146', -6],
    ['horizontal bar as minus', '\u20157', -7],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Quoting_Rules (5.1):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
// and the language specification §2.3.5.2 (string literals; the five single and four double quote characters).
describe('single- and double-quoted strings (about_Quoting_Rules, spec §2.3.5.2)', () => {
  const cases: Case[] = [
    ['empty single-quoted', "''", ''],
    ['empty double-quoted', '""', ''],
    ['doubled single quote', "'don''t'", "don't"],
    ['double quotes inside single quotes', `'As they say, "live and learn."'`, 'As they say, "live and learn."'],
    ['single quotes inside double quotes', `"As they say, 'live and learn.'"`, "As they say, 'live and learn.'"],
    ['doubled double quotes', '"As they say, ""live and learn."""', 'As they say, "live and learn."'],
    ['no substitution in single quotes', "'The value of $(2+3) is 5.'", 'The value of $(2+3) is 5.'],
    ['variable text in single quotes', "'The value $i is $i.'", 'The value $i is $i.'],
    [
      'backtick is literal in single quotes',
      "'Use a quotation mark (`\") to begin a string.'",
      'Use a quotation mark (`") to begin a string.',
    ],
    [
      'backtick escapes a double quote',
      '"Use a quotation mark (`") to begin a string."',
      'Use a quotation mark (") to begin a string.',
    ],
    ['backtick escapes the dollar sign', '"The value of `$i is 5."', 'The value of $i is 5.'],
    // the smart-quote examples of the current about_Quoting_Rules
    [
      'doubled and escaped smart double quotes',
      '"Double \u201C\u201Csmart quotation marks`\u201D must be escaped in a double-quoted string."',
      'Double \u201Csmart quotation marks\u201D must be escaped in a double-quoted string.',
    ],
    [
      'doubled smart single quotes',
      "'Single \u2018\u2018smart quotation marks\u2019\u2019 must be escaped in a single-quoted string.'",
      'Single \u2018smart quotation marks\u2019 must be escaped in a single-quoted string.',
    ],
    ['string delimited by U+2018 and U+2019', '\u2018curly\u2019', 'curly'],
    ['string delimited by U+201A and U+201B', '\u201Alow\u201B', 'low'],
    ['ASCII quote closed by U+2019', "'mixed\u2019", 'mixed'],
    // tokenizer.cs ScanStringLiteral keeps the second quote of a pair (checked against pwsh 7.6)
    ['a pair of single quotes stands for the second (ASCII then U+2019)', "'a'\u2019b'", 'a\u2019b'],
    ['a pair of single quotes stands for the second (U+2019 then ASCII)', "'a\u2019'b'", "a'b"],
    ['a pair of single quotes stands for the second (U+201A then U+201B)', "'a\u201A\u201Bb'", 'a\u201Bb'],
    ['string delimited by U+201C and U+201D', '\u201Cdq\u201D', 'dq'],
    ['string delimited by U+201E and ASCII', '\u201Edq"', 'dq'],
    ['a pair of double quotes stands for one (U+201D U+201D)', '"a\u201D\u201Db"', 'a\u201Db'],
    ['a pair of double quotes stands for the second (ASCII then U+201C)', '"a"\u201Cb"', 'a\u201Cb'],
    [
      'comment characters are literal in single quotes (about_Comments)',
      "'# This is not interpreted as a comment.'",
      '# This is not interpreted as a comment.',
    ],
    [
      'block comment characters are literal in double quotes (about_Comments)',
      '"This is <# also not interpreted #> as a comment."',
      'This is <# also not interpreted #> as a comment.',
    ],
    ['single-quoted string spanning lines (LF kept)', "'line one\nline two'", 'line one\nline two'],
    ['double-quoted string spanning lines (CRLF kept)', '"line one\r\nline two"', 'line one\r\nline two'],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Special_Characters (7.4, which adds `e) and the language specification §2.3.7:
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_special_characters
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02#237-escaped-characters
describe('escape sequences in double-quoted strings (about_Special_Characters, spec §2.3.7)', () => {
  const cases: Case[] = [
    ['every named escape', '"`0`a`b`e`f`n`r`t`v"', '\0\x07\b\x1b\f\n\r\t\v'],
    [
      'the spec example',
      '"column1`tcolumn2`nsecond line, `"Hello`", ```Q`5`!"',
      'column1\tcolumn2\nsecond line, "Hello", `Q5!',
    ],
    ['escapes are case-sensitive: `N and `T are N and T', '"`N`T"', 'NT'],
    ['backtick before a single quote', '"it`\'s"', "it's"],
    ['backtick before a line break keeps the line break', '"a`\nb"', 'a\nb'],
    ['a lone $ before a space is literal', '"cost: $ 5"', 'cost: $ 5'],
    ['a lone $ at the end is literal', '"ends with $"', 'ends with $'],
    ['a string holding only $', '"$"', '$'],
    ['escaped $ before a name', '"price `$total"', 'price $total'],
    ['escaped $ before a parenthesis (spec §2.3.5.2 example)', '"10 + 5 is `$(10 + 5)"', '10 + 5 is $(10 + 5)'],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Quoting_Rules, "Here-strings", and the language specification §2.3.5.2:
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules#here-strings
describe('here-strings (about_Quoting_Rules, spec §2.3.5.2)', () => {
  const cases: Case[] = [
    [
      'verbatim here-string from the spec',
      lf("@'", "That's it!", '2 * 3 = $(2*3)', "'@"),
      "That's it!\n2 * 3 = $(2*3)",
    ],
    [
      'double quotes inside an expandable here-string',
      lf('@"', 'For help, type "get-help"', '"@'),
      'For help, type "get-help"',
    ],
    [
      'both quote kinds inside',
      lf('@"', 'Use a quotation mark, like \' or ", to begin a string.', '"@'),
      'Use a quotation mark, like \' or ", to begin a string.',
    ],
    ['empty verbatim here-string', lf("@'", "'@"), ''],
    ['empty expandable here-string', lf('@"', '"@'), ''],
    ['white space after the header is allowed', lf("@'   \t", 'abc', "'@"), 'abc'],
    ['CRLF line breaks are kept as written', crlf("@'", 'line 1', 'line 2', "'@"), 'line 1\r\nline 2'],
    ['a blank last line keeps one line break', lf("@'", 'abc', '', "'@"), 'abc\n'],
    ['leading white space in the body is kept', lf("@'", '  indented', "'@"), '  indented'],
    ["'@ not at the start of a line does not end it", lf("@'", "x '@ y", "'@"), "x '@ y"],
    ['escapes are processed in an expandable here-string', lf('@"', 'a`tb `$x', '"@'), 'a\tb $x'],
    ['doubled double quotes stay doubled in a here-string', lf('@"', 'say ""hi""', '"@'), 'say ""hi""'],
    ['a lone $ in an expandable here-string', lf('@"', 'cost $ 5', '"@'), 'cost $ 5'],
    ['verbatim here-string with smart single quotes', lf('@\u2018', 'abc', '\u2019@'), 'abc'],
    ['expandable here-string with smart double quotes', lf('@\u201C', 'abc', '\u201D@'), 'abc'],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Automatic_Variables ($true, $false, $null) and spec §2.1 (letters are case-insensitive):
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02#21-grammars
describe('$true, $false and $null (spec §2.1, §2.3.5.3, §2.3.5.4)', () => {
  const cases: Case[] = [
    ['$true', '$true', true],
    ['$TRUE', '$TRUE', true],
    ['$false', '$false', false],
    ['$False', '$False', false],
    ['$null', '$null', null],
    ['$NULL', '$NULL', null],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Arrays and about_Operators (comma operator, array subexpression @( )):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_arrays
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_operators
describe('arrays (about_Arrays, about_Operators)', () => {
  const cases: Case[] = [
    ['comma-separated list', '22,5,10,8,12,9,80', [22, 5, 10, 8, 12, 9, 80]],
    ['unary comma makes a one-item array', ',7', [7]],
    ['empty array @()', '@()', []],
    ['@() of one string', '@("Hello World")', ['Hello World']],
    ['@(@()) is empty', '@(@())', []],
    ["@('a','b') has two items", "@('a','b')", ['a', 'b']],
    ["@(@('a'), 'b') keeps the inner array", "@(@('a'), 'b')", [['a'], 'b']],
    ["@(,@('a')) holds one array", "@(,@('a'))", [['a']]],
    ['@(@(1,2)) enumerates the inner array', '@(@(1,2))', [1, 2]],
    ['@($null) holds one null', '@($null)', [null]],
    [
      'jagged array over several lines (about_Arrays, Rank)',
      lf('@(', '    @(0,1),', '    @("b", "c")', '  )'),
      [
        [0, 1],
        ['b', 'c'],
      ],
    ],
    ['statements separated by ;', '@(1;2;3)', [1, 2, 3]],
    ['statements separated by line breaks', lf('@(', '    1', '    2', '  )'), [1, 2]],
    ['comma list continued after a trailing comma', lf("'a',", "    'b',", "    'c'"), ['a', 'b', 'c']],
    ['a block comment between items (about_Comments)', '1, <# Inline block comment #> 2, 2', [1, 2, 2]],
    ['unary comma twice', ',,1', [[1]]],
    ['array as the first item of a comma list', '@(1,2),3', [[1, 2], 3]],
    ['unary comma around an empty array', ', @()', [[]]],
    [
      'hashtables as statements of @( ) (Import-PowerShellDataFile example)',
      lf('@(', '    @{', "      NodeName = 'DSC-01'", '    }', '    @{', "      NodeName = 'DSC-02'", '    }', '  )'),
      [ht(['NodeName', 'DSC-01']), ht(['NodeName', 'DSC-02'])],
    ],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// The language specification §7.1.8 (script block expression) keeps the code unevaluated; the
// tokenizer rules of chapter 2 decide which braces count (not those in strings, here-strings or comments).
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-07#718-script-block-expression
describe('script blocks keep their exact source text (spec §7.1.8, §2.2.3, §2.3.5.2)', () => {
  const cases: Case[] = [
    ['simple block', '{ Get-Process }', sb(' Get-Process ')],
    ['empty block', '{}', sb('')],
    ['brace in a single-quoted string', "{ '}' }", sb(" '}' ")],
    ['brace in a double-quoted string', '{ "}" }', sb(' "}" ')],
    ['brace in a line comment', lf('{ # }', '  }'), sb(' # }\n  ')],
    ['brace in a block comment', '{ <# } #> }', sb(' <# } #> ')],
    ['brace in a here-string', lf('{', "@'", '}', "'@", '  }'), sb("\n@'\n}\n'@\n  ")],
    ['brace in a subexpression string', `{ "$('}')" }`, sb(` "$('}')" `)],
    ['nested braces', '{ if ($x) { 1 } else { @{ a = 2 } } }', sb(' if ($x) { 1 } else { @{ a = 2 } } ')],
    ['CRLF kept inside the block', '{\r\n    1\r\n  }', sb('\r\n    1\r\n  ')],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectEntry(source, expected));
});

// about_Hash_Tables (5.1) and the language specification §7.1.9 (hash literal expression):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_hash_tables
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-07#719-hash-literal-expression
describe('hashtables (about_Hash_Tables, spec §7.1.9)', () => {
  const cases: Case[] = [
    ['empty hashtable', '@{}', ht()],
    ['empty hashtable with white space', '@{ }', ht()],
    ['empty hashtable over lines', lf('@{', '', '}'), ht()],
    [
      'entries separated by ;',
      '@{ Number = 1; Shape = "Square"; Color = "Blue"}',
      ht(['Number', 1], ['Shape', 'Square'], ['Color', 'Blue']),
    ],
    [
      'entries separated by LF',
      lf('@{', '  Number = 1', '  Shape = "Square"', '  Color = "Blue"', '}'),
      ht(['Number', 1], ['Shape', 'Square'], ['Color', 'Blue']),
    ],
    [
      'entries separated by CRLF',
      crlf('@{', '  Number = 1', '  Shape = "Square"', '  Color = "Blue"', '}'),
      ht(['Number', 1], ['Shape', 'Square'], ['Color', 'Blue']),
    ],
    ['entries separated by a lone CR (spec §2.2.2)', '@{\r  a = 1\r  b = 2\r}', ht(['a', 1], ['b', 2])],
    [
      'quoted keys with spaces',
      `@{ 'key with space' = 1; "double quoted" = 2 }`,
      ht(['key with space', 1], ['double quoted', 2]),
    ],
    [
      'numeric keys (spec §7.1.9 example)',
      '@{ 10 = "James"; 20.5 = "Anderson" }',
      ht([10, 'James'], [20.5, 'Anderson']),
    ],
    ['nested hashtable', '@{"Hash2"= @{a=1; b=2; c=3}}', ht(['Hash2', ht(['a', 1], ['b', 2], ['c', 3])])],
    [
      'trailing and repeated semicolons (not before the first entry: see errors)',
      '@{ a = 1;; b = 2; }',
      ht(['a', 1], ['b', 2]),
    ],
    ['value on the line after =', lf('@{', '  a =', '    1', '}'), ht(['a', 1])],
    [
      'array value continued over lines, then another entry',
      lf('@{', "  a = 'x',", "      'y'", '  b = 1', '}'),
      ht(['a', ['x', 'y']], ['b', 1]),
    ],
    ['$null value', '@{ a = $null }', ht(['a', null])],
    ['a trailing ; after the hashtable ends the statement', lf('@{ a = 1 };', '# end'), ht(['a', 1])],
    ['} right after a here-string terminator', lf('@{', "  a = @'", 'x', "'@}"), ht(['a', 'x'])],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectDocument(source, expected));

  it('looks keys up case-insensitively and keeps their spelling and order', () => {
    const table = parse(lf('@{', "  Zeta = 'z'", "  alpha = 'a'", "  'Mixed Case' = 'm'", '}')).value as PsHashtable;
    expect(table.keys()).toEqual(['Zeta', 'alpha', 'Mixed Case']);
    expect(table.get('ZETA')).toBe('z');
    expect(table.get('ALPHA')).toBe('a');
    expect(table.get('mixed case')).toBe('m');
    expect(table.size).toBe(3);
  });

  // "a single hash table can have keys and values of multiple types": the number 1 and the
  // strings '1' and '#1' are three different keys.
  // SemanticChecks.cs compares constant keys by their ToString() text: 1 and '1' collide
  it('keeps a numeric key apart from string keys that do not spell its text', () => {
    const table = parse("@{ 1 = 'int'; '#1' = 'hash'; '1e0' = 'exp' }").value as PsHashtable;
    expect(table.keys()).toEqual([1, '#1', '1e0']);
    expect(table.get(1)).toBe('int');
    expect(table.get('#1')).toBe('hash');
    expect(() => parse("@{ 1 = 'int'; '1' = 'string' }")).toThrow(/duplicate key '1'/);
  });
});

// about_Comments and the language specification §2.2.3 / §2.2.4 (comments, white space, line continuation):
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_comments
//   https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02#223-comments
describe('comments, white space and line continuation (about_Comments, spec §2.2.3, §2.2.4)', () => {
  const cases: Case[] = [
    [
      'line comments before and after',
      lf('# This is a single-line comment.', '@{ a = 1 } # end-of-line comment'),
      ht(['a', 1]),
    ],
    ['block comment over lines', lf('<#', '    This is a block comment.', '#>', '@{ a = 1 }'), ht(['a', 1])],
    // "Block comments can't be nested. In the following example, Baz is not a part of the comment."
    [
      'nested block comment ends at the first #>',
      lf('@{', '  v =', '<#', "'Foo'", "<# 'Bar' #>", "'Baz'", '#>', '}'),
      ht(['v', 'Baz']),
    ],
    ['<# has no meaning in a line comment', lf('# a <# b', '@{ a = 1 }'), ht(['a', 1])],
    ['# has no meaning in a block comment', '<# a # b ##>@{ a = 1 }', ht(['a', 1])],
    ['comment right after a closing quote', lf("@{ a = 'x'#comment", '}'), ht(['a', 'x'])],
    ['inline block comment before ;', '@{ a = 1 <# inline #>; b = 2 }', ht(['a', 1], ['b', 2])],
    ['no-break space (Zs) is white space', '@{\u00A0a\u00A0=\u00A01\u00A0}', ht(['a', 1])],
    ['tab, vertical tab and form feed are white space', '@{\ta\v=\f1 }', ht(['a', 1])],
    ['backtick continues a line before a comma', lf("@{ a = 'x' `", "      , 'y' }"), ht(['a', ['x', 'y']])],
    ['backtick continuation with CRLF', crlf("@{ a = 'x' `", "      , 'y' }"), ht(['a', ['x', 'y']])],
  ];
  it.each(cases)('%s', (_name, source, expected) => expectDocument(source, expected));
});

// about_Character_Encoding: PowerShell reads UTF-16LE/BE and UTF-8 files by their byte order mark,
// and BOM-less files as UTF-8 (PowerShell 7); spec §2.2.2 for CRLF and LF.
//   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_character_encoding
describe('encodings and line breaks (about_Character_Encoding, spec §2.2.2)', () => {
  const text = lf('@{', "  Name = 'Zo\u00EB'", "  Emoji = '\u{1F600}'", '}');
  const expected = ht(['Name', 'Zo\u00EB'], ['Emoji', '\u{1F600}']);
  const encodings: [name: string, bytes: Uint8Array, encoding: string][] = [
    ['UTF-16LE with BOM', utf16le(text), 'utf-16le'],
    ['UTF-16BE with BOM', utf16be(text), 'utf-16be'],
    ['UTF-8 with BOM', utf8bom(text), 'utf-8-bom'],
    ['UTF-8 without BOM', utf8(text), 'utf-8'],
    ['UTF-16LE with BOM and CRLF', utf16le(text.replace(/\n/g, '\r\n')), 'utf-16le'],
    ['UTF-16BE with BOM and CRLF', utf16be(text.replace(/\n/g, '\r\n')), 'utf-16be'],
    ['UTF-8 with BOM and CRLF', utf8bom(text.replace(/\n/g, '\r\n')), 'utf-8-bom'],
  ];
  it.each(encodings)('%s', (_name, bytes, encoding) => {
    const doc = parse(bytes);
    expect(doc.encoding).toBe(encoding);
    expect(plain(doc.value)).toEqual(plain(expected));
    expect(doc.text.charCodeAt(0)).toBe(0x40); // the BOM is not part of the text
  });

  it('gives the same value for CRLF and LF', () => {
    const lines = ['@{', '  a = 1, 2', "  b = @'", 'x', "'@", '}'];
    expect(plain(parse(crlf(...lines)).value)).toEqual(plain(parse(lf(...lines)).value));
  });

  it('reads a UTF-16LE here-string with CRLF line breaks as written', () => {
    expectDocument(utf16le(crlf('@{', "  a = @'", 'one', 'two', "'@", '}')), ht(['a', 'one\r\ntwo']));
  });
});
