/**
 * How PowerShell compares hashtable keys of a data file, emulated:
 *
 * - The parser refuses two constant keys whose texts are equal under
 *   `StringComparer.OrdinalIgnoreCase` (SemanticChecks.cs, VisitHashtable): {@link ordinalFold}.
 * - Import-PowerShellDataFile then builds a `Hashtable` with
 *   `StringComparer.CurrentCultureIgnoreCase` (SafeValues.cs, GetSafeValueVisitor.VisitHashtable),
 *   which also refuses keys that differ only in characters the culture ignores (`'a\0'` and `'a'`,
 *   a soft hyphen, zero-width characters) or in canonically equivalent spellings (`é` and
 *   `e` + U+0301): {@link cultureKeysEqual}.
 *
 * Both only matter for keys with a character outside printable ASCII ({@link isPlainAscii}):
 * between printable ASCII strings both comparisons are plain case-insensitive equality.
 */

/**
 * Code points whose OrdinalIgnoreCase mapping differs from JavaScript's `toUpperCase()` in .NET
 * (checked against PowerShell 7.6 on .NET 10): the dotless i and the long s stay themselves,
 * the Greek letters with ypogegrammeni map to their title-case forms, and letters newer than
 * .NET's Unicode tables stay themselves.
 */
const ORDINAL_EXCEPTIONS = new Map<number, number>([
  [0x0131, 0x0131],
  [0x017f, 0x017f],
  [0x019b, 0x019b],
  [0x0264, 0x0264],
  [0x1c8a, 0x1c8a],
  [0xa7cd, 0xa7cd],
  [0xa7cf, 0xa7cf],
  [0xa7d3, 0xa7d3],
  [0xa7d5, 0xa7d5],
  [0xa7db, 0xa7db],
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
for (const base of [0x1f80, 0x1f90, 0x1fa0]) for (let i = 0; i < 8; i++) ORDINAL_EXCEPTIONS.set(base + i, base + 8 + i);

/** Whether every character of `s` is printable ASCII (U+0020 to U+007E). */
export function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Folds a string the way .NET's `StringComparer.OrdinalIgnoreCase` compares: each code point
 * (surrogate pairs included) is mapped to its simple upper case, with .NET's exceptions; a code
 * point whose upper case is not one code point stays itself. Two strings are equal under
 * OrdinalIgnoreCase exactly when their folds are equal.
 */
export function ordinalFold(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toUpperCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 0x20) : s[i];
      continue;
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    const exception = ORDINAL_EXCEPTIONS.get(cp);
    if (exception !== undefined) {
      out += String.fromCodePoint(exception);
      continue;
    }
    const up = ch.toUpperCase();
    out += up.length === ch.length || [...up].length === 1 ? up : ch;
  }
  return out;
}

const IGNORED = /[\p{Cc}\p{Cf}\p{M}\p{Cn}\p{Co}\p{Cs}]/u;
const SPACE = /\p{Z}/u;
const DIGIT = /\p{Nd}/u;

/**
 * A fold coarser than both of PowerShell's key comparisons, for grouping keys (a generator of
 * unique keys, a quick test of spelling): canonical and compatibility decomposition, controls,
 * format characters and marks dropped, every space a space, every decimal digit its ASCII digit,
 * upper case. Strings PowerShell takes for the same key fold alike, except for rarer
 * equivalences of ICU's collation that have no Unicode decomposition (small kana, Hebrew final
 * forms, CJK radicals, enclosed digits like U+2776): {@link cultureKeysEqual} is the authority.
 */
export function looseFold(s: string): string {
  if (isPlainAscii(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    if (IGNORED.test(ch)) continue;
    if (SPACE.test(ch)) out += ' ';
    else if (DIGIT.test(ch)) out += String(digitValue(ch.codePointAt(0)!));
    else out += ch;
  }
  return out.toUpperCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The value of a decimal digit: Unicode puts each script's digits 0 to 9 in a row. */
function digitValue(cp: number): number {
  let zero = cp;
  while (zero > 0 && DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** ICU's root collation at secondary strength: case (a tertiary difference) is ignored. */
let collator: Intl.Collator | undefined;

/**
 * Whether two keys are equal under `StringComparer.InvariantCultureIgnoreCase` as .NET computes
 * it with ICU (what PowerShell 7 uses on Linux, macOS and Windows 10 1903+): ICU's root
 * collation at secondary strength, except that .NET keeps full-width and half-width forms, and
 * hiragana and katakana, apart (CompareOptions.IgnoreWidth and IgnoreKanaType are not set).
 * The invariant and en-US cultures collate alike. Checked character by character against
 * PowerShell 7.6 (ICU 72); Windows PowerShell 5.1 compares with Windows' NLS tables instead,
 * which this does not claim to follow.
 */
export function cultureKeysEqual(a: string, b: string): boolean {
  collator ??= new Intl.Collator('und', { sensitivity: 'accent', ignorePunctuation: false, usage: 'sort' });
  if (collator.compare(a, b) !== 0) return false;
  return widthKanaMarks(a) === widthKanaMarks(b);
}

/**
 * The ranges of characters that .NET keeps apart from their plain forms under IgnoreCase
 * (measured over every BMP character): katakana, and the full-width and half-width forms other
 * than the backslash, white parentheses, voiced sound marks, prolonged sound mark and the
 * half-width arrows and shapes.
 */
const KEPT_APART: readonly (readonly [number, number])[] = [
  [0x30a1, 0x30f6],
  [0xff01, 0xff3b],
  [0xff3d, 0xff5e],
  [0xff61, 0xff6f],
  [0xff71, 0xff9d],
  [0xffa0, 0xffbe],
  [0xffc2, 0xffc7],
  [0xffca, 0xffcf],
  [0xffd2, 0xffd7],
  [0xffda, 0xffdc],
  [0xffe0, 0xffe6],
];

/**
 * The characters of {@link KEPT_APART} in `s`, in order, after canonical decomposition, with
 * full-width Latin letters case-folded: two strings ICU finds equal are equal for .NET when
 * these agree.
 */
function widthKanaMarks(s: string): string {
  let out = '';
  const d = s.normalize('NFD');
  for (let i = 0; i < d.length; i++) {
    let c = d.charCodeAt(i);
    if (c < 0x30a1) continue;
    if (KEPT_APART.some(([lo, hi]) => c >= lo && c <= hi)) {
      if (c >= 0xff41 && c <= 0xff5a) c -= 0x20;
      out += String.fromCharCode(c);
    }
  }
  return out;
}
