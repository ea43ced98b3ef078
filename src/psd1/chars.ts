/**
 * Character classes of PowerShell's tokenizer.
 *
 * PowerShell's CharTraits (System.Management.Automation.Language.CharTraits) treats the
 * typographic quotes as quotes and the typographic dashes as `-`. A reader that only knows
 * ASCII quotes misreads real files; a writer that only doubles `'` lets a value escape.
 */

/** U+0027 plus the four quotes CharTraits.IsSingleQuote accepts: ‘ ’ ‚ ‛. */
export function isSingleQuote(c: number): boolean {
  return c === 0x27 || (c >= 0x2018 && c <= 0x201b);
}

/** U+0022 plus the typographic double quotes CharTraits.IsDoubleQuote accepts: “ ” „. */
export function isDoubleQuote(c: number): boolean {
  return c === 0x22 || (c >= 0x201c && c <= 0x201e);
}

/** `-` plus the en dash, em dash and horizontal bar (CharTraits.IsDash). */
export function isDash(c: number): boolean {
  return c === 0x2d || (c >= 0x2013 && c <= 0x2015);
}

/** A line break: CR or LF (CRLF is handled by the caller as one break). */
export function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/**
 * Blank space between tokens: space, tab, vertical tab, form feed, NBSP, NEL and the other
 * Unicode space separators (CharTraits.IsWhitespace).
 */
export function isBlank(c: number): boolean {
  if (c === 0x20 || c === 0x09) return true;
  if (c < 0x80) return c === 0x0b || c === 0x0c;
  return (
    c === 0xa0 ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** ASCII decimal digit. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** ASCII hexadecimal digit. */
export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** A character that may start a variable name after `$` (letters, digits, `_`, `?`, `^`, `$`, `:`). */
export function isVariableStart(c: number): boolean {
  if (c < 0x80) {
    return (
      isDigit(c) ||
      ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ||
      c === 0x5f ||
      c === 0x3f ||
      c === 0x5e ||
      c === 0x24 ||
      c === 0x3a
    );
  }
  return /\p{L}|\p{Nd}/u.test(String.fromCharCode(c));
}

/** Describes a character for an error message: `'x'` or `U+0000`. */
export function describeChar(c: number): string {
  if (Number.isNaN(c)) return 'end of file';
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0xa0) || isBlank(c)) {
    return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCharCode(c)}'`;
}

/** Backtick escapes (`` `n ``, `` `0 ``, ...) of expandable strings and `${...}` names (tokenizer.cs, Backtick); any other character stands for itself. */
export const BACKTICK_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
