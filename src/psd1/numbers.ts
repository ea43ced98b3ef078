import { isDigit, isHexDigit } from './chars';

/** A numeric literal as scanned: its value, whether it is a real (not an integer), and its end. */
export interface ScannedNumber {
  readonly value: number;
  readonly real: boolean;
  readonly end: number;
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

/**
 * Scans a numeric literal at `i` (the sign is the parser's business), following the PowerShell
 * language specification §2.3.5.1: decimal `12`, hexadecimal `0x1F`, real `1.5e3` / `.5`, an
 * optional type suffix `l` (long) or `d` (decimal) and an optional multiplier kb/mb/gb/tb/pb.
 * Hexadecimal literals wrap like PowerShell's: up to 8 digits are an Int32 (`0xFFFFFFFF` is -1),
 * up to 16 an Int64. A literal that a JavaScript number cannot hold exactly is refused rather
 * than silently rounded. Returns undefined when `i` does not start a number at all.
 */
export function scanNumber(src: string, i: number, isDelimiter: (c: number) => boolean): ScannedNumber | NumberProblem | undefined {
  const start = i;
  let hex = false;
  let real = false;
  if (src.charCodeAt(i) === 0x30 && (src.charCodeAt(i + 1) | 0x20) === 0x78 && isHexDigit(src.charCodeAt(i + 2))) {
    hex = true;
    i += 2;
    while (isHexDigit(src.charCodeAt(i))) i++;
  } else {
    while (isDigit(src.charCodeAt(i))) i++;
    // The fraction may be empty after digits (`1.`, `1.e2`, spec §2.3.5.1.2), but not both sides.
    if (src.charCodeAt(i) === 0x2e) {
      const next = src.charCodeAt(i + 1);
      const emptyFraction = i > start && (Number.isNaN(next) || isDelimiter(next) || (next | 0x20) === 0x65);
      if (isDigit(next) || emptyFraction) {
        real = true;
        i++;
        while (isDigit(src.charCodeAt(i))) i++;
      }
    }
    if (i === start) return undefined;
    if ((src.charCodeAt(i) | 0x20) === 0x65) {
      let j = i + 1;
      const sign = src.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (isDigit(src.charCodeAt(j))) {
        real = true;
        i = j;
        while (isDigit(src.charCodeAt(i))) i++;
      }
    }
  }
  const digitsEnd = i;
  while (i < src.length && isAsciiLetter(src.charCodeAt(i))) i++;
  const letters = src.slice(digitsEnd, i).toLowerCase();
  const end = i;
  if (i < src.length && !isDelimiter(src.charCodeAt(i))) {
    while (i < src.length && !isDelimiter(src.charCodeAt(i))) i++;
    return { problem: `'${src.slice(start, i)}' is not a number (a bare word is a command; quote it to make it a string)`, end: start };
  }
  const split = splitSuffix(letters);
  if (!split) return { problem: `'${src.slice(start, end)}' has an unknown numeric suffix '${letters}' (allowed: l, d, kb, mb, gb, tb, pb)`, end: start };
  if (PS7_SUFFIXES.has(split.suffix)) {
    return { problem: `numeric suffix '${split.suffix}' in '${src.slice(start, end)}' is PowerShell 7 only; Windows PowerShell 5.1 cannot read it`, end: start };
  }
  const multiplier = MULTIPLIERS[split.multiplier];
  const digits = src.slice(start, digitsEnd);
  if (hex) return hexValue(digits, split.suffix === 'l', multiplier, start, end);
  if (real || split.suffix === 'd') {
    const value = Number(digits) * Number(multiplier);
    // `1.2L` is an Int64: PowerShell converts the real with .NET's rounding to even.
    if (split.suffix === 'l') return { value: roundHalfEven(value), real: false, end };
    return { value, real: true, end };
  }
  return exactInteger(BigInt(digits) * multiplier, src.slice(start, end), end);
}

function hexValue(digits: string, long: boolean, multiplier: bigint, start: number, end: number): ScannedNumber | NumberProblem {
  let big = BigInt(digits);
  const text = digits;
  if (!long && big <= 0xffffffffn) big = BigInt.asIntN(32, big);
  else if (big <= 0xffffffffffffffffn) big = BigInt.asIntN(64, big);
  else return { problem: `hexadecimal literal '${text}' is larger than 64 bits`, end: start };
  return exactInteger(big * multiplier, text, end);
}

function exactInteger(big: bigint, text: string, end: number): ScannedNumber | NumberProblem {
  const value = Number(big);
  if (BigInt(value) !== big) {
    return { problem: `integer '${text}' cannot be represented exactly (beyond 2^53); write it as a string`, end: end - text.length };
  }
  return { value, real: false, end };
}

function splitSuffix(letters: string): { suffix: string; multiplier: string } | undefined {
  for (const multiplier of ['kb', 'mb', 'gb', 'tb', 'pb', '']) {
    if (!letters.endsWith(multiplier)) continue;
    const suffix = letters.slice(0, letters.length - multiplier.length);
    if (suffix === '' || suffix === 'l' || suffix === 'd' || PS7_SUFFIXES.has(suffix)) return { suffix, multiplier };
  }
  return undefined;
}

function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff !== 0.5) return Math.round(v);
  return floor % 2 === 0 ? floor : floor + 1;
}

function isAsciiLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}
