import { isDash, isDigit, isHexDigit } from './chars';
import { dotnetDecimalText, dotnetDoubleText } from './dotnet-text';

/** The .NET type of a number as PowerShell holds it; unary operators depend on it (see unary.ts). */
export type NumberKind = 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'decimal';

/** A number with its .NET type (and, for a decimal, the scale .NET keeps: `1.50d` has scale 2). */
export interface PsNumber {
  readonly value: number;
  readonly kind: NumberKind;
  readonly scale?: number;
}

/** A numeric literal as scanned: its number and where it ends (a Decimal keeps its coefficient). */
export interface ScannedNumber extends PsNumber {
  readonly end: number;
  /** For a Decimal: the coefficient (value = coefficient / 10^scale). */
  readonly coefficient?: bigint;
}

/** What .NET's `ToString()` gives for a scanned number in the invariant culture (`1.50d` is `1.50`). */
export function numberText(n: ScannedNumber): string {
  if (n.kind === 'double') return dotnetDoubleText(n.value);
  if (n.coefficient !== undefined) return dotnetDecimalText(n.coefficient, n.scale ?? 0);
  return String(n.value);
}

/** Why a numeric-looking token is not a number PowerShell 5.1 and 7 both read the same way. */
export interface NumberProblem {
  readonly problem: string;
  readonly end: number;
}

const MULTIPLIERS: Record<string, bigint> = {
  '': 1n,
  kb: 1n << 10n,
  mb: 1n << 20n,
  gb: 1n << 30n,
  tb: 1n << 40n,
  pb: 1n << 50n,
};

/** Type suffixes only PowerShell 7 reads (u, ul, us, uy, y, s, n): 5.1 sees a command. */
const PS7_SUFFIXES = new Set(['u', 'ul', 'us', 'uy', 'y', 's', 'n']);

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** The largest coefficient of a .NET decimal (96 bits). */
const DECIMAL_MAX = 2n ** 96n - 1n;

/**
 * Whether `c` ends a number token: PowerShell's CharTraits ForceStartNewToken (blanks, line
 * breaks, NUL, `& ( ) , ; { | }`) or, in expression mode, ForceStartNewTokenAfterNumber
 * (`! # % * + - . / < = > ]` and the typographic dashes). Anything else makes the token a
 * command name (`7z`).
 */
export type IsNumberEnd = (c: number) => boolean;

/**
 * Scans a numeric literal at `i` following PowerShell's tokenizer (tokenizer.cs, ScanNumberHelper
 * and TryGetNumberValue): decimal `12`, hexadecimal `0x1F`, real `1.5e3` / `.5` / `1.`, an
 * optional type suffix `l` (Int64) or `d` (Decimal) and an optional multiplier kb/mb/gb/tb/pb.
 * With `signed`, `src[i]` is a dash that belongs to the literal (`-1`, `–0.0`), as PowerShell
 * scans it: the sign is applied before the value is fitted to a type.
 *
 * Types follow PowerShell: an integer is the narrowest of Int32, Int64, Decimal, Double that
 * holds it; a hexadecimal literal of exactly 8 (or 16) digits is read in two's complement
 * (`0xFFFFFFFF` is -1, `0x0FFFFFFFF` is 4294967295); reals are Double, or Decimal with `d`.
 * An integer that a JavaScript number cannot hold exactly is refused rather than silently
 * rounded; a Double is its own value, a Decimal the double .NET converts it to. Returns
 * undefined when `i` does not start a number at all.
 */
export function scanNumber(
  src: string,
  i: number,
  isNumberEnd: IsNumberEnd,
  signed = false,
): ScannedNumber | NumberProblem | undefined {
  const start = i;
  const negative = signed && isDash(src.charCodeAt(i));
  if (signed) i++;
  const bodyStart = i;
  let hex = false;
  let binary = false;
  let real = false;
  if (src.charCodeAt(i) === 0x30 && (src.charCodeAt(i + 1) | 0x20) === 0x78) {
    hex = true;
    i += 2;
    while (isHexDigit(src.charCodeAt(i))) i++;
  } else if (
    src.charCodeAt(i) === 0x30 &&
    (src.charCodeAt(i + 1) | 0x20) === 0x62 &&
    (src.charCodeAt(i + 2) === 0x30 || src.charCodeAt(i + 2) === 0x31)
  ) {
    binary = true;
    i += 2;
    while (src.charCodeAt(i) === 0x30 || src.charCodeAt(i) === 0x31) i++;
  } else {
    while (isDigit(src.charCodeAt(i))) i++;
    const intDigits = i - bodyStart;
    if (src.charCodeAt(i) === 0x2e && src.charCodeAt(i + 1) !== 0x2e) {
      // `1.` and `1.e2` are reals (the fraction may be empty after digits), `1..2` is a range
      if (intDigits > 0 || isDigit(src.charCodeAt(i + 1))) {
        real = true;
        i++;
        while (isDigit(src.charCodeAt(i))) i++;
      }
    }
    if (i === bodyStart) return undefined;
    if ((src.charCodeAt(i) | 0x20) === 0x65) {
      let j = i + 1;
      const sign = src.charCodeAt(j);
      if (sign === 0x2b || isDash(sign)) j++;
      if (!isDigit(src.charCodeAt(j))) return notANumber(src, start);
      real = true;
      i = j;
      while (isDigit(src.charCodeAt(i))) i++;
    }
  }
  const digitsEnd = i;
  while (i < src.length && isAsciiLetter(src.charCodeAt(i))) i++;
  const end = i;
  if (i < src.length && !isNumberEnd(src.charCodeAt(i))) return notANumber(src, start);
  if (!hex && !binary && !real && digitsEnd === end && digitsEnd - bodyStart <= 15) {
    // the common case: a plain integer that a double holds exactly
    const magnitude = Number(src.slice(bodyStart, digitsEnd));
    const value = negative ? (magnitude === 0 ? 0 : -magnitude) : magnitude;
    return { value, kind: value >= -2147483648 && value <= 2147483647 ? 'int32' : 'int64', end };
  }
  const letters = src.slice(digitsEnd, end).toLowerCase();
  const literal = src.slice(start, end);
  const split = splitSuffix(letters);
  if (!split)
    return {
      problem: `'${literal}' has an unknown numeric suffix '${letters}' (allowed: l, d, kb, mb, gb, tb, pb)`,
      end: start,
    };
  if (PS7_SUFFIXES.has(split.suffix)) {
    return {
      problem: `numeric suffix '${split.suffix}' in '${literal}' is PowerShell 7 only; Windows PowerShell 5.1 cannot read it`,
      end: start,
    };
  }
  if (binary)
    return {
      problem: `the binary literal '${literal}' is PowerShell 7 only; Windows PowerShell 5.1 cannot read it (write it in decimal or hexadecimal)`,
      end: start,
    };
  const body = src.slice(negative ? bodyStart : start, digitsEnd);
  const multiplier = MULTIPLIERS[split.multiplier] * (negative ? -1n : 1n);
  const long = split.suffix === 'l';
  const fail = (why: string): NumberProblem => ({ problem: `'${literal}' ${why}`, end: start });
  if (hex) {
    const digits = body.slice(2);
    if (digits === '')
      return fail('has no hexadecimal digits (PowerShell 7 reads it as 0, older versions as a command; write 0)');
    // 15 or 16 digits without a suffix make an Int64 even for a small value (TryGetNumberValue)
    const wide = digits.length === 15 || digits.length === 16;
    return fitInteger(hexValue(digits, long) * multiplier, long ? 'long' : 'hex', literal, end, wide);
  }
  const decimalSuffix = split.suffix === 'd';
  if (!real) {
    const big = BigInt(body) * multiplier;
    if (decimalSuffix) return decimalNumber(big, 0, end, false) ?? fail('does not fit a .NET decimal');
    return fitInteger(big, long ? 'long' : 'decimal', literal, end);
  }
  if (decimalSuffix) {
    const parsed = parseDecimal(body);
    if (!parsed) return fail('does not fit a .NET decimal');
    return (
      decimalNumber(parsed.coefficient * multiplier, parsed.scale, end, negative) ?? fail('does not fit a .NET decimal')
    );
  }
  // double.TryParse takes only '-' as a sign: the tokenizer replaces the other dashes
  let value = Number(body.replace(/[\u2013-\u2015]/g, '-')) * Number(multiplier < 0n ? -multiplier : multiplier);
  if (negative) value = -value;
  if (!long) return { value, kind: 'double', end };
  // `1.5L` is an Int64: the double is rounded half to even, then must fit.
  if (!Number.isFinite(value)) return fail('does not fit an Int64');
  return fitInteger(BigInt(roundHalfEven(value)), 'long', literal, end);
}

/** A token that starts like a number but is a command name to PowerShell (`7z`, `1e`). */
function notANumber(src: string, start: number): NumberProblem {
  let j = start + 1;
  while (j < src.length && !isBlankOrBreak(src.charCodeAt(j)) && !';,)}={('.includes(src[j])) j++;
  return {
    problem: `'${src.slice(start, j)}' is not a number (a bare word is a command; quote it to make it a string)`,
    end: start,
  };
}

/**
 * The value of hexadecimal digits as PowerShell computes it: exactly 8 digits (or 16, or 16 with
 * `l`) are two's complement, so the top bit is the sign; other lengths are positive.
 */
function hexValue(digits: string, long: boolean): bigint {
  const magnitude = BigInt(`0x${digits}`);
  const width = long ? 16 : digits.length + 1 < 16 ? 8 : 16;
  if (digits.length === width) return BigInt.asIntN(width * 4, magnitude);
  return magnitude;
}

/**
 * Fits an integer into the type PowerShell gives it: with `l` an Int64 or an error; otherwise
 * the narrowest of Int32 and Int64, then (decimal digits only) Decimal or Double.
 */
function fitInteger(
  big: bigint,
  rule: 'long' | 'hex' | 'decimal',
  literal: string,
  end: number,
  wide = false,
): ScannedNumber | NumberProblem {
  let kind: NumberKind;
  if (rule !== 'long' && !wide && big >= INT32_MIN && big <= INT32_MAX) kind = 'int32';
  else if (big >= INT64_MIN && big <= INT64_MAX) kind = 'int64';
  else if (rule === 'long') return { problem: `'${literal}' does not fit an Int64`, end: end - literal.length };
  else if (rule === 'hex')
    return { problem: `hexadecimal literal '${literal}' is larger than 64 bits`, end: end - literal.length };
  else if (big >= -DECIMAL_MAX && big <= DECIMAL_MAX) kind = 'decimal';
  else {
    return { value: bigIntToDouble(big), kind: 'double', end };
  }
  const value = Number(big);
  if (BigInt(value) !== big) {
    return {
      problem: `integer '${literal}' cannot be represented exactly (beyond 2^53); write it as a string`,
      end: end - literal.length,
    };
  }
  return kind === 'decimal' ? { value, kind, scale: 0, end, coefficient: big } : { value, kind, end };
}

/** A decimal literal's digits as a coefficient and scale, rounded to .NET's 28 decimal places. */
function parseDecimal(body: string): { coefficient: bigint; scale: number } | undefined {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+\-\u2013-\u2015]?)(\d+))?$/.exec(body);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  const exponent = m[4] === undefined ? 0 : Number(m[4]) * (m[3] && m[3] !== '+' ? -1 : 1);
  let coefficient = BigInt((m[1] ?? '') + fraction || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    if (-scale > 40) return undefined;
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  // .NET keeps at most 28 digits after the point and a 96-bit coefficient; extra digits round.
  while (scale > 28 || (coefficient > DECIMAL_MAX && scale > 0)) {
    coefficient = divideHalfEven(coefficient, 10n);
    scale--;
  }
  if (coefficient > DECIMAL_MAX) return undefined;
  return { coefficient, scale };
}

/**
 * A Decimal from a coefficient and scale (after a multiplier: .NET's decimal product drops
 * digits after the point, rounding half to even, until the coefficient fits 96 bits);
 * `signedZero` keeps the sign of a zero (parsed reals do).
 */
function decimalNumber(
  coefficient: bigint,
  scale: number,
  end: number,
  signedZero: boolean,
): ScannedNumber | undefined {
  while ((coefficient > DECIMAL_MAX || coefficient < -DECIMAL_MAX) && scale > 0) {
    coefficient = divideHalfEven(coefficient, 10n);
    scale--;
  }
  if (coefficient > DECIMAL_MAX || coefficient < -DECIMAL_MAX) return undefined;
  let value = decimalToDouble(coefficient, scale);
  if (coefficient === 0n && signedZero) value = -0;
  return { value, kind: 'decimal', scale, end, coefficient };
}

/**
 * A .NET decimal as a double, computed as .NET's `(double)` conversion does (DecCalc.VarR8FromDec:
 * the low 64 bits plus the high 32 bits times 2^64, divided by the power of ten of the scale),
 * which is not always the nearest double: this is the double PowerShell hands on.
 */
export function decimalToDouble(coefficient: bigint, scale: number): number {
  const magnitude = coefficient < 0n ? -coefficient : coefficient;
  const low = magnitude & 0xffffffffffffffffn;
  const high = magnitude >> 64n;
  const value = (Number(low) + Number(high) * 18446744073709551616) / Number(`1e${scale}`);
  return coefficient < 0n ? -value : value;
}

/**
 * A BigInteger as a double the way .NET converts it (BigInteger's explicit operator double):
 * the bits below the 53 most significant are dropped, not rounded.
 */
export function bigIntToDouble(big: bigint): number {
  const negative = big < 0n;
  const magnitude = negative ? -big : big;
  const bits = magnitude.toString(2).length;
  if (bits <= 53) return Number(big);
  const shift = BigInt(bits - 53);
  const value = Number(magnitude >> shift) * 2 ** Number(shift);
  return negative ? -value : value;
}

function divideHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > d || (twice === d && q % 2n !== 0n)) return n < 0n ? q - 1n : q + 1n;
  return q;
}

function splitSuffix(letters: string): { suffix: string; multiplier: string } | undefined {
  for (const multiplier of ['kb', 'mb', 'gb', 'tb', 'pb', '']) {
    if (!letters.endsWith(multiplier)) continue;
    const suffix = letters.slice(0, letters.length - multiplier.length);
    if (suffix === '' || suffix === 'l' || suffix === 'd' || PS7_SUFFIXES.has(suffix)) return { suffix, multiplier };
  }
  return undefined;
}

/** Rounds half to even, as .NET converts a double to an integer. */
export function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff !== 0.5) return Math.round(v);
  return floor % 2 === 0 ? floor : floor + 1;
}

function isAsciiLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

function isBlankOrBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
