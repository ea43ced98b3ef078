/**
 * Hashtable keys as PowerShell reads and compares them in a data file; each case was settled by
 * running Import-PowerShellDataFile on pwsh 7.6 (test/engine/data-files.test.ts). See
 * docs/engine-differences.md.
 */
import { fromJson, parse, PsHashtable } from '../../src/psd1';
import { cultureKeysEqual, ordinalFold } from '../../src/psd1/casing';
import { dotnetDecimalText, dotnetDoubleText } from '../../src/psd1/dotnet-text';

function keys(source: string): unknown[] {
  return (parse(source).value as PsHashtable).keys();
}

describe('bare keys (Parser.cs LabelOrKeyRule, CharTraits.cs IsIdentifierStart/Follow)', () => {
  it('reads a letter or _ followed by letters, digits and _', () => {
    expect(keys('@{ a1 = 1; _a = 2; \u00e9t\u00e9 = 3; if = 4 }')).toEqual(['a1', '_a', '\u00e9t\u00e9', 'if']);
  });

  it.each(['a-b', 'a.b', 'a:b', '1a', 'e\u0301'])('refuses %s', (key) => {
    expect(() => parse(`@{ ${key} = 1 }`)).toThrow();
  });

  it.each(['(1)', '$true', '+1', '- 1', '!1', '"k$true"'])('refuses the computed key %s on purpose', (key) => {
    expect(() => parse(`@{ ${key} = 1 }`)).toThrow(/computed hashtable key/);
  });

  it('reads signed number keys with any dash: -1, \u20131, -.5', () => {
    expect(keys("@{ -1 = 'a'; \u20132 = 'b'; -.5 = 'c' }")).toEqual([-1, -2, -0.5]);
  });
});

describe('separators (Parser.cs HashExpressionRule)', () => {
  it('refuses a ; before the first entry but not after one', () => {
    expect(() => parse('@{ ; a = 1 }')).toThrow(/before the first hashtable entry/);
    expect(() => parse('@{\n;a = 1}')).toThrow(/before the first hashtable entry/);
    expect(() => parse('@{;}')).toThrow(/before the first hashtable entry/);
    expect(keys('@{ a = 1;; b = 2; }')).toEqual(['a', 'b']);
  });
});

describe('duplicate constant keys compare by text (SemanticChecks.cs VisitHashtable)', () => {
  it.each([
    "@{ 1 = 'a'; '1' = 'b' }",
    "@{ 1.5 = 'a'; '1.5' = 'b' }",
    "@{ 1e20 = 'a'; '1E+20' = 'b' }",
    "@{ 1e17 = 'a'; '1e+17' = 'b' }",
    "@{ 0x10 = 'a'; '16' = 'b' }",
    "@{ 1kb = 'a'; '1024' = 'b' }",
    "@{ -1 = 'a'; '-1' = 'b' }",
    "@{ 1.50d = 'a'; '1.50' = 'b' }",
    "@{ 1e309 = 'a'; 'infinity' = 'b' }",
    "@{ 1 = 'a'; 1L = 'b' }",
    "@{ 1 = 'a'; 1.0 = 'b' }",
    "@{ -0.0 = 'a'; 0.0 = 'b' }",
  ])('refuses %s', (source) => {
    expect(() => parse(source)).toThrow(/duplicate key/);
  });

  it.each([
    "@{ 1e5 = 'a'; '1e5' = 'b' }",
    "@{ 0x10 = 'a'; '0x10' = 'b' }",
    "@{ 1e15 = 'a'; '1E+15' = 'b' }",
    "@{ 1.50d = 'a'; '1.5' = 'b' }",
  ])('reads %s (the texts differ)', (source) => {
    expect(keys(source)).toHaveLength(2);
  });

  it('refuses on purpose two number keys of one value and two .NET types, which PowerShell keeps apart', () => {
    expect(() => parse("@{ 1 = 'a'; 1.0d = 'b' }")).toThrow(/have the same value: PowerShell keeps both/);
    expect(() => parse("@{ -0.0 = 'a'; 0 = 'b' }")).toThrow(/have the same value: PowerShell keeps both/);
  });
});

describe('duplicate string keys under OrdinalIgnoreCase and the culture (SemanticChecks.cs, SafeValues.cs)', () => {
  it.each([
    ["'a\u00adb'", "'ab'", 'a soft hyphen'],
    ['"a`0"', "'a'", 'a NUL'],
    ["'a\u200bb'", "'ab'", 'a zero-width space'],
    ["'\u00e9'", "'e\u0301'", 'canonical equivalents'],
    ["'\ufb01'", "'fi'", 'a ligature'],
    ["'\u00b2'", "'2'", 'a superscript'],
    ["'\u32d0'", "'\u3042'", 'circled katakana and hiragana'],
    ["'\uff41'", "'\uff21'", 'full-width letters in two cases'],
    ["'\u01c5'", "'\u01c6'", 'title case and lower case'],
    ["'\ud801\udc00'", "'\ud801\udc28'", 'a case pair outside the BMP'],
    ["'\u212a'", "'K'", 'the Kelvin sign, canonically a K (OrdinalIgnoreCase alone keeps them apart)'],
  ])('refuses %s and %s (%s)', (a, b) => {
    expect(() => parse(`@{ ${a} = 1; ${b} = 2 }`)).toThrow(/duplicate key/);
  });

  it.each([
    ["'\u0131'", "'I'", 'dotless i'],
    ["'\u017f'", "'S'", 'long s'],
    ["'\u00df'", "'ss'", 'sharp s'],
    ["'\u00e6'", "'ae'", 'ae ligature'],
    ["'\uff21'", "'A'", 'full width'],
    ["'\u3042'", "'\u30a2'", 'hiragana and katakana'],
    ["'\u30a2'", "'\uff71'", 'katakana and half-width katakana'],
  ])('reads %s and %s (%s: two keys to PowerShell)', (a, b) => {
    expect(keys(`@{ ${a} = 1; ${b} = 2 }`)).toHaveLength(2);
  });

  it('applies the same rules to tables built in code and from JSON, so the writer cannot write a refused file', () => {
    expect(() =>
      PsHashtable.from([
        ['a\u00adb', 1],
        ['ab', 2],
      ]),
    ).toThrow(/duplicate key/);
    expect(() =>
      PsHashtable.from([
        [1, 1],
        ['1', 2],
      ]),
    ).toThrow(/duplicate key/);
    expect(() => fromJson({ 'e\u0301': 1, '\u00e9': 2 })).toThrow(/same key to PowerShell/);
    expect(
      PsHashtable.from([
        ['\u0131', 1],
        ['I', 2],
      ]).size,
    ).toBe(2);
  });
});

describe('casing.ts and dotnet-text.ts (the .NET comparisons and texts behind the key rules)', () => {
  it('folds like OrdinalIgnoreCase', () => {
    expect(ordinalFold('a\u0131\u017f\u1f80\u00b5\ud801\udc28')).toBe('A\u0131\u017f\u1f88\u039c\ud801\udc00');
  });

  it('compares like InvariantCultureIgnoreCase on ICU', () => {
    expect(cultureKeysEqual('a\u00adb', 'AB')).toBe(true);
    expect(cultureKeysEqual('\u30ac', '\u30ab\u3099')).toBe(true);
    expect(cultureKeysEqual('\uff21', 'a')).toBe(false);
    expect(cultureKeysEqual('\u00df', 'ss')).toBe(false);
  });

  it.each([
    [0, '0'],
    [-0, '-0'],
    [1e14, '100000000000000'],
    [1e16, '10000000000000000'],
    [1e17, '1E+17'],
    [2 ** 63, '9.223372036854776E+18'],
    [0.0001, '0.0001'],
    [0.00001, '1E-05'],
    [5e-324, '5E-324'],
    [123456789012345.6, '123456789012345.6'],
    [Infinity, 'Infinity'],
  ])('writes the double %d as %s', (n, text) => {
    expect(dotnetDoubleText(n)).toBe(text);
  });

  it('writes a decimal with its scale', () => {
    expect(dotnetDecimalText(150n, 2)).toBe('1.50');
    expect(dotnetDecimalText(-5n, 3)).toBe('-0.005');
    expect(dotnetDecimalText(0n, 1)).toBe('0.0');
  });
});
