/**
 * Strings as PowerShell's tokenizer reads them, where it differs from the documentation or from
 * what this parser did before; each case was settled by running Import-PowerShellDataFile on
 * pwsh 7.6 (test/engine/data-files.test.ts) and is kept here so that no pwsh is needed to catch
 * a regression. See docs/engine-differences.md.
 */
import { parse, PsHashtable } from '../../src/psd1';

/** The value of `v` in `@{ v = <source> }`. */
function entry(source: string): unknown {
  return (parse(`@{ v = ${source} }`).value as PsHashtable).get('v');
}

describe('quote pairs (tokenizer.cs ScanStringLiteral, ScanStringExpandable)', () => {
  it.each([
    ["'a'\u2019b'", 'a\u2019b'],
    ["'a\u2019'b'", "a'b"],
    ["'a\u2018\u2019b'", 'a\u2019b'],
    ["'a\u201a\u201bb'", 'a\u201bb'],
    ['"a"\u201cb"', 'a\u201cb'],
    ['"a\u201c\u201db"', 'a\u201db'],
    ["'a''''b'", "a''b"],
  ])('a pair of quotes in %s stands for its second quote', (source, expected) => {
    expect(entry(source)).toBe(expected);
  });
});

describe('backtick escapes (tokenizer.cs Backtick, ScanUnicodeEscape)', () => {
  it('keeps a backtick before NUL (the tokenizer sees NUL as "no next character")', () => {
    expect(entry('"a`\0b"')).toBe('a`\0b');
  });

  it('refuses `u without {hex}: PowerShell 7 reports an error, 5.1 reads "u"', () => {
    expect(() => entry('"`u41"')).toThrow(/`u starts a `u\{\.\.\.\} escape in PowerShell 7/);
  });

  it('still reads `U (escapes are case-sensitive) as U', () => {
    expect(entry('"`U41"')).toBe('U41');
  });
});

describe('$true, $false and $null in expandable strings (SafeValues.cs VisitExpandableStringExpression)', () => {
  it.each([
    ['"$true $false."', 'True False.'],
    ['"[$null]"', '[]'],
    ['"$TRUE$null$False"', 'TrueFalse'],
    ['"${true}x"', 'Truex'],
    ['"$local:true $private:false $variable:null"', 'True False '],
    ['"$:true"', 'True'],
    ['@"\n$true\n"@', 'True'],
  ])('expands %s', (source, expected) => {
    expect(entry(source)).toBe(expected);
  });

  it.each([
    ['"$x"', /variable '\$x' is not allowed/],
    ['"$true:"', /not a valid variable name/],
    ['"$true:x"', /not allowed/],
    ['"$args"', /argument list of whoever reads the file/],
    ['"$using:true"', /fails when PowerShell runs the file/],
    ['"$(1)"', /subexpression \$\( \) in a string/],
    ['"${ true}"', /not allowed/],
  ])('refuses %s', (source, message) => {
    expect(() => entry(source)).toThrow(message);
  });
});

describe('expandable here-strings (tokenizer.cs ScanHereStringExpandable)', () => {
  it('does not end a line at a backtick-escaped line break, so a quote and @ after it is text', () => {
    expect(entry('@"\nx`\n"@\n"@')).toBe('x\n"@');
  });

  it('ends a line at the LF after a backtick-escaped CR', () => {
    expect(entry('@"\nx`\r\n"@')).toBe('x\r');
  });
});
