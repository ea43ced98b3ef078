/**
 * Numeric literals and prefix operators as PowerShell evaluates them, where it differs from the
 * documentation or from what this parser did before; each case was settled by running
 * Import-PowerShellDataFile on pwsh 7.6 (test/engine/data-files.test.ts). See
 * docs/engine-differences.md.
 */
import { parse, PsHashtable } from '../../src/psd1';
import { bigIntToDouble, decimalToDouble } from '../../src/psd1/numbers';

/** The value of `v` in `@{ v = <source> }`. */
function entry(source: string): unknown {
  return (parse(`@{ v = ${source} }`).value as PsHashtable).get('v');
}

describe('hexadecimal literals (tokenizer.cs TryGetNumberValue)', () => {
  it.each([
    ['0xFFFFFFFF', -1],
    ['0x80000000', -2147483648],
    ['0x0FFFFFFFF', 4294967295],
    ['0xFFFFFFFFF', 68719476735],
    ['0x000000000000001', 1],
    ['0xFFFFFFFFFFFFFFFF', -1],
    ['-0x80000000', 2147483648],
    ['-0xFFFFFFFF', 1],
    ['0xFFFFFFFFkb', -1024],
  ])("reads %s as %d: exactly 8 or 16 digits are two's complement, other lengths are positive", (source, expected) => {
    expect(entry(source)).toBe(expected);
  });

  it('refuses -0x8000000000000000 (its negation overflows Int64) and 0x without digits', () => {
    expect(() => entry('-0x8000000000000000')).toThrow(/larger than 64 bits/);
    expect(() => entry('0x')).toThrow(/no hexadecimal digits/);
  });
});

describe('integer and decimal literals (tokenizer.cs TryGetNumberValue)', () => {
  it('reads an integer too large for Decimal as the Double .NET makes of it (truncated, not rounded)', () => {
    expect(entry('99999999999999999999999999999999')).toBe(9.999999999999999e31);
    expect(bigIntToDouble(10n ** 32n - 1n)).toBe(9.999999999999999e31);
  });

  it('refuses what does not fit its type: 1e19l, 9223372036854775808l, 1e29d', () => {
    expect(() => entry('1e19l')).toThrow(/does not fit an Int64/);
    expect(() => entry('9223372036854775808l')).toThrow(/does not fit an Int64/);
    expect(() => entry('1e29d')).toThrow(/does not fit a .NET decimal/);
  });

  it("gives a Decimal the Double that .NET's conversion gives (not always the nearest one)", () => {
    expect(entry('1.23456789012345678901234567890d')).toBe(1.234567890123457);
    expect(decimalToDouble(1234567890123456789012345679n, 27)).toBe(1.234567890123457);
  });

  it('drops decimal places when a multiplier makes a Decimal too long', () => {
    expect(entry('1.23456789012345678901234567890dpb')).toBe(1389999872480895);
  });

  it('keeps the sign of a Decimal zero only when it has decimal places: -0d is 0, -0.0d is -0', () => {
    expect(Object.is(entry('-0d'), 0)).toBe(true);
    expect(Object.is(entry('-0.0d'), -0)).toBe(true);
  });

  it('ends a number at a character that starts an operator or a comment (CharTraits ForceStartNewTokenAfterNumber)', () => {
    expect(entry('1<#c#>')).toBe(1);
    expect(entry('1.5<#c#>')).toBe(1.5);
  });
});

describe('prefix operators (SafeValues.cs, Compiler.cs VisitUnaryExpression, Binders.cs, NumericOps.cs)', () => {
  it.each([
    ['-$true', -1],
    ['+$true', 1],
    ['-$null', 0],
    ['- -1', 1],
    ['-(-1)', 1],
    ['-\n1', -1],
    ['-(-2147483648)', 2147483648],
    ['-bnot 5', -6],
    ['-bnot 5.5', -7],
    ['-bnot 4.5', -5],
    ['-bnot 2.5d', -3],
    ['-bnot $true', -2],
    ['-bnot $null', -1],
    ['-bnot 3e9', 1294967295],
    ['-bnot 2147483647.4', 2147483648],
    ['-bnot -3e9', 2999999999],
    ['-bnot7', -8],
    ['-bnot -bnot 3e9', 3000000000],
    // the .NET type carries through: +UInt32 stays UInt32, -UInt32 and -Int32.MinValue are Doubles
    ['-bnot +(-bnot 3e9)', 3000000000],
    ['-bnot -(-bnot 3e9)', 1294967294],
    ['-bnot -(-2147483648)', 2147483647],
  ])('%s is %d', (source, expected) => {
    expect(entry(source)).toBe(expected);
  });

  it('computes -x as 0 - x: a negative zero survives only as a literal', () => {
    expect(Object.is(entry('-0.0'), -0)).toBe(true);
    expect(Object.is(entry('- 0.0'), 0)).toBe(true);
    expect(Object.is(entry('-(0.0)'), 0)).toBe(true);
    expect(Object.is(entry('+(-0.0)'), 0)).toBe(true);
    expect(Object.is(entry('- 0.0d'), -0)).toBe(true);
    expect(Object.is(entry('-(0d)'), 0)).toBe(true);
  });

  it.each([
    ['!0', true],
    ["!''", true],
    ["!'0'", false],
    ["!'false'", false],
    ['!@()', true],
    ['!@(0)', true],
    ['!@(0,0)', false],
    ['!@(,@())', true],
    ['!@{}', false],
    ['!{}', false],
    ['!$null', true],
    ['!-0.0', true],
    ['-not 1', false],
    ['-NOT 0', true],
    ['\u2013not 0', true],
    ['-not7', false],
    ['-not(1)', false],
    ['!!1', true],
    ['!\n1', false],
  ])('%s is %s (LanguagePrimitives.IsTrue)', (source, expected) => {
    expect(entry(source)).toBe(expected);
  });

  it('binds tighter than the comma', () => {
    expect(entry('!$true,1')).toEqual([false, 1]);
    expect(entry('-bnot 1,2')).toEqual([-2, 2]);
  });

  it.each([
    ['--1', /decrement/],
    ['-notx 1', /other than -not and -bnot/],
    ['!0x10', /command name/],
    ['-@()', /cannot apply to an array/],
    ['-bnot 1e30', /does not fit/],
    ["-'5'", /on a string converts it at run time/],
  ])('refuses %s', (source, message) => {
    expect(() => entry(source)).toThrow(message);
  });
});
