/**
 * PowerShell's prefix operators on constant values, which Import-PowerShellDataFile evaluates
 * (SafeValues.cs allows unary operators that can be constant-folded and are allowed in
 * restricted language: `-`, `+`, `!`, `-not`, `-bnot`; token.cs). Compiler.cs compiles `-x` as
 * `0 - x` and `+x` as `0 + x` (so `-$true` is -1 and `- 0.0` is +0), `!x` and `-not x` convert
 * to bool (LanguagePrimitives.IsTrue), and `-bnot` follows Binders.cs and NumericOps.cs (a
 * Double or Decimal is rounded half to even into the first of Int32, UInt32, Int64, UInt64 whose
 * range holds it).
 *
 * Arithmetic on a string is refused on purpose: PowerShell converts the string at run time with
 * its number tokenizer and then .NET's invariant parsing (`-'1,000'` is -1000, `-'0x'` is 0,
 * `-'1u'` is the Double -1), which a data file should not depend on.
 */
import { NumberKind, PsNumber, roundHalfEven } from './numbers';
import { Psd1Value, PsHashtable, ScriptBlock } from './value';

/** A value with, when it is a number, its .NET type. */
export interface Operand {
  readonly value: Psd1Value;
  readonly number?: PsNumber;
}

/** The result of an operator, or why it has none. */
export type UnaryResult = Operand | { readonly problem: string };

const TWO_31 = 2 ** 31;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/** LanguagePrimitives.IsTrue: what `!x`, `-not x` and conditions see. */
export function isTrue(v: Psd1Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    if (v.length > 1) return true;
    // one item: its own truth, except that an array item is true when it is not empty
    const only = v[0];
    return Array.isArray(only) ? only.length > 0 : isTrue(only);
  }
  return true; // hashtables and script blocks
}

/** `!x` and `-not x`. */
export function not(x: Operand): UnaryResult {
  return { value: !isTrue(x.value) };
}

/** `-x`, which PowerShell computes as `0 - x`. */
export function minus(x: Operand): UnaryResult {
  const n = toNumber(x, '-');
  if ('problem' in n) return n;
  const v = n.value;
  switch (n.kind) {
    case 'int32':
      return v === -TWO_31 ? num(TWO_31, 'double') : num(v === 0 ? 0 : -v, 'int32');
    case 'int64':
      return v === -TWO_63 ? num(TWO_63, 'double') : num(v === 0 ? 0 : -v, 'int64');
    case 'uint32':
    case 'uint64':
    case 'double':
      // 0 - UInt32 is a Double to PowerShell (checked: -(-bnot 3e9) is the Double -1294967295)
      return num(v === 0 ? 0 : -v, 'double');
    case 'decimal':
      // .NET decimal subtraction: 0 - 0.0 is -0.0, 0 - 0 is 0 (a zero of scale 0 has no sign)
      if (v === 0) return num(n.scale ? (Object.is(v, -0) ? 0 : -0) : 0, 'decimal', n.scale);
      return num(-v, 'decimal', n.scale);
  }
}

/** `+x`, which PowerShell computes as `0 + x`. */
export function plus(x: Operand): UnaryResult {
  const n = toNumber(x, '+');
  if ('problem' in n) return n;
  const v = n.value;
  switch (n.kind) {
    case 'double':
      return num(v === 0 ? 0 : v, 'double');
    case 'decimal':
      return num(v === 0 && !n.scale ? 0 : v, 'decimal', n.scale);
    default:
      return num(v, n.kind);
  }
}

/** `-bnot x`: the bitwise complement (Binders.cs BNot, NumericOps.cs DoubleOps/DecimalOps.BNot). */
export function bnot(x: Operand): UnaryResult {
  const n = toNumber(x, '-bnot');
  if ('problem' in n) return n;
  const v = n.value;
  switch (n.kind) {
    case 'int32':
      return num(~v, 'int32');
    case 'int64':
      return exact(-BigInt(v) - 1n, 'int64');
    case 'uint32':
      return num(4294967295 - v, 'uint32');
    case 'uint64':
      return exact(2n ** 64n - 1n - BigInt(v), 'uint64');
    default: {
      // a Double or Decimal goes to the first integer type whose range holds it, rounded half to even
      if (!Number.isFinite(v)) return { problem: `-bnot cannot apply to ${v}` };
      const r = roundHalfEven(v);
      if (v <= TWO_31 - 1 && v >= -TWO_31) return num(~r, 'int32');
      if (v <= 4294967295 && v >= 0) return num(4294967295 - r, 'uint32');
      if (v <= TWO_63 && v >= -TWO_63) {
        if (r >= TWO_63) return { problem: `-bnot: ${v} does not fit an Int64` };
        return exact(-BigInt(r) - 1n, 'int64');
      }
      if (v <= TWO_64 && v >= 0) {
        if (r >= TWO_64) return { problem: `-bnot: ${v} does not fit a UInt64` };
        return exact(2n ** 64n - 1n - BigInt(r), 'uint64');
      }
      return { problem: `-bnot: ${v} does not fit a 64-bit integer` };
    }
  }
}

/** The number an operand stands for in arithmetic: $null is 0 and a boolean 0 or 1 (Int32). */
function toNumber(x: Operand, op: string): PsNumber | { problem: string } {
  const v = x.value;
  if (x.number) return x.number;
  if (typeof v === 'number') return { value: v, kind: 'double' };
  if (v === null) return { value: 0, kind: 'int32' };
  if (typeof v === 'boolean') return { value: v ? 1 : 0, kind: 'int32' };
  if (typeof v === 'string') {
    return {
      problem: `the operator '${op}' on a string converts it at run time (PowerShell's number parsing, then .NET's); write the number itself`,
    };
  }
  return { problem: `the operator '${op}' cannot apply to ${describe(v)} (PowerShell refuses it too)` };
}

function describe(v: Psd1Value): string {
  if (Array.isArray(v)) return 'an array';
  if (v instanceof PsHashtable) return 'a hashtable';
  if (v instanceof ScriptBlock) return 'a script block';
  return typeof v;
}

function num(value: number, kind: NumberKind, scale?: number): Operand {
  return { value, number: scale === undefined ? { value, kind } : { value, kind, scale } };
}

function exact(big: bigint, kind: NumberKind): UnaryResult {
  const value = Number(big);
  if (BigInt(value) !== big) return { problem: `the result ${big} cannot be represented exactly (beyond 2^53)` };
  return num(value, kind);
}
