/**
 * The text .NET gives a number with `ToString()` in the invariant culture, which is what
 * PowerShell's parser compares when it looks for duplicate constant keys (SemanticChecks.cs,
 * VisitHashtable: `keyStrAst.Value.ToString()` under OrdinalIgnoreCase): `@{ 1.5 = 1; '1.5' = 2 }`
 * and `@{ 1e20 = 1; '1E+20' = 2 }` are refused, `@{ 1e5 = 1; '1e5' = 2 }` is not.
 */

/**
 * `Double.ToString()` of .NET Core 3.0 and later: the shortest digits that round-trip (the same
 * digits JavaScript prints), in fixed notation unless the decimal point would sit more than 17
 * digits (or the number of digits, when more) to the right of the first digit, or the number is
 * below 1E-04; exponents are written `E+XX`/`E-XX` with at least two digits. Negative zero is
 * `-0`. (The invariant culture; other cultures change the decimal separator.)
 */
export function dotnetDoubleText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  // JavaScript's exponential form carries the shortest round-trip digits
  const [mantissa, exp] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exp);
  const scale = exponent + 1; // position of the decimal point after the first digit
  if (scale > Math.max(digits.length, 17) || scale < -3) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${digits[0]}${rest}E${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (scale <= 0) return `${sign}0.${'0'.repeat(-scale)}${digits}`;
  if (scale >= digits.length) return sign + digits + '0'.repeat(scale - digits.length);
  return `${sign}${digits.slice(0, scale)}.${digits.slice(scale)}`;
}

/**
 * `Decimal.ToString()`: the coefficient with exactly `scale` digits after the point and never an
 * exponent (`1.50d` is `1.50`, `1e2d` is `100`); a zero has no sign.
 */
export function dotnetDecimalText(coefficient: bigint, scale: number): string {
  const negative = coefficient < 0n;
  let digits = (negative ? -coefficient : coefficient).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}
