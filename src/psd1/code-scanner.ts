import { describeChar, isBlank, isDoubleQuote, isNewline, isSingleQuote } from './chars';

/** Where a scan of PowerShell code stopped: the closing bracket's offset, or an error there. */
export type CodeScanResult =
  { readonly ok: true; readonly end: number } | { readonly ok: false; readonly at: number; readonly reason: string };

const OPENERS: Record<number, number> = { 0x7b: 0x7d, 0x28: 0x29 }; // { -> }, ( -> )

/**
 * Scans PowerShell code (a script block body) from `start` and finds the `}` or `)` that closes
 * it, or, with `closer` null, checks that the code is balanced to the end of the text.
 *
 * Braces and parentheses inside strings, here-strings, `${...}` variable names, `$(...)`
 * subexpressions inside strings, and comments do not count, exactly as PowerShell's tokenizer
 * skips them. A `#` or `<#` only starts a comment at the start of a token (after whitespace, a
 * line break or `;` `(` `)` `{` `}` `,` `|` `=`): elsewhere, as in `C:\a#b`, it belongs to a word.
 * With `strictComments`, such a word-internal `#` is refused instead, because whether it starts a
 * comment depends on the tokenizer mode, and a writer must never guess where a block ends.
 */
export function scanCode(src: string, start: number, closer: '}' | ')' | null, strictComments = false): CodeScanResult {
  const stack: number[] = [];
  const want = closer === null ? -1 : closer.charCodeAt(0);
  let i = start;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 0x60) {
      // backtick: escapes the next character, a line break included
      if (i + 1 >= n) return fail(i, 'a backtick at the end of a script block would escape its closing brace');
      i += 2;
      continue;
    }
    if (isSingleQuote(c)) {
      const end = skipSingleQuoted(src, i);
      if (end < 0) return fail(i, 'string is missing its closing quote');
      i = end;
      continue;
    }
    if (isDoubleQuote(c)) {
      const r = skipDoubleQuoted(src, i);
      if (!r.ok) return r;
      i = r.end;
      continue;
    }
    if (c === 0x40 /* @ */ && (isSingleQuote(src.charCodeAt(i + 1)) || isDoubleQuote(src.charCodeAt(i + 1)))) {
      const body = hereStringBodyStart(src, i);
      if (body >= 0) {
        const r = skipHereString(src, i, body);
        if (!r.ok) return r;
        i = r.end;
        continue;
      }
    }
    if (c === 0x23 /* # */ || (c === 0x3c /* < */ && src.charCodeAt(i + 1) === 0x23)) {
      if (atTokenStart(src, i, start)) {
        if (c === 0x23) {
          while (i < n && !isNewline(src.charCodeAt(i))) i++;
          if (i >= n && closer === null)
            return fail(
              i,
              'script block text ends inside a line comment, which would swallow its closing brace; end it with a line break',
            );
        } else {
          const close = src.indexOf('#>', i + 2);
          if (close < 0) return fail(i, 'block comment <# is missing its closing #>');
          i = close + 2;
        }
        continue;
      }
      if (strictComments) {
        return fail(
          i,
          `'${c === 0x23 ? '#' : '<#'}' inside a word is ambiguous in PowerShell (comment or text, depending on the parsing mode); put a space before a comment or quote the word`,
        );
      }
    }
    if (c === 0x24 /* $ */ && src.charCodeAt(i + 1) === 0x7b) {
      const end = skipBracedVariable(src, i);
      if (end < 0) return fail(i, 'variable name ${... is missing its closing }');
      i = end;
      continue;
    }
    const close = OPENERS[c];
    if (close !== undefined) {
      stack.push(close);
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x29) {
      if (stack.length === 0) {
        if (c === want) return { ok: true, end: i };
        return fail(i, `unexpected ${describeChar(c)}: nothing is open here`);
      }
      const expected = stack.pop()!;
      if (expected !== c) return fail(i, `unexpected ${describeChar(c)}: expected ${describeChar(expected)}`);
      i++;
      continue;
    }
    i++;
  }
  if (stack.length > 0) return fail(n, `missing ${describeChar(stack[stack.length - 1])}`);
  if (want >= 0) return fail(start - 1, `the script block starting here is missing its closing ${closer}`);
  return { ok: true, end: n };
}

function fail(at: number, reason: string): CodeScanResult {
  return { ok: false, at, reason };
}

/** A `#` or `<#` starts a comment only where a new token starts. */
function atTokenStart(src: string, i: number, start: number): boolean {
  if (i === start) return true;
  const p = src.charCodeAt(i - 1);
  if (isBlank(p) || isNewline(p)) {
    // an escaped blank (`` ` ``-space) continues the word it is in
    return !(i - 2 >= start && src.charCodeAt(i - 2) === 0x60 && !isEscapedBacktick(src, i - 2, start));
  }
  return p === 0x3b || p === 0x28 || p === 0x29 || p === 0x7b || p === 0x7d || p === 0x2c || p === 0x7c || p === 0x3d;
}

/** Whether the backtick at `i` is itself escaped by an odd run of backticks before it. */
function isEscapedBacktick(src: string, i: number, start: number): boolean {
  let run = 0;
  for (let j = i - 1; j >= start && src.charCodeAt(j) === 0x60; j--) run++;
  return run % 2 === 1;
}

/** Skips a single-quoted string starting at `i`; returns the offset after it, or -1 if unterminated. */
export function skipSingleQuoted(src: string, i: number): number {
  const n = src.length;
  for (let j = i + 1; j < n; j++) {
    if (isSingleQuote(src.charCodeAt(j))) {
      if (isSingleQuote(src.charCodeAt(j + 1))) j++;
      else return j + 1;
    }
  }
  return -1;
}

function skipDoubleQuoted(src: string, i: number): CodeScanResult {
  const n = src.length;
  for (let j = i + 1; j < n; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x60) {
      j++;
    } else if (isDoubleQuote(c)) {
      if (isDoubleQuote(src.charCodeAt(j + 1))) j++;
      else return { ok: true, end: j + 1 };
    } else if (c === 0x24) {
      const r = skipDollar(src, j);
      if (r && !r.ok) return r;
      if (r) j = r.end - 1;
    }
  }
  return fail(i, 'string is missing its closing quote');
}

/** Inside an expandable string: `$(...)` holds code, `${...}` a variable name. */
function skipDollar(src: string, j: number): CodeScanResult | undefined {
  const next = src.charCodeAt(j + 1);
  if (next === 0x28) {
    const r = scanCode(src, j + 2, ')');
    return r.ok ? { ok: true, end: r.end + 1 } : r;
  }
  if (next === 0x7b) {
    const end = skipBracedVariable(src, j);
    return end < 0 ? fail(j, 'variable name ${... is missing its closing }') : { ok: true, end };
  }
  return undefined;
}

/** `${name}`: the name ends at the first `}` not escaped by a backtick. */
function skipBracedVariable(src: string, i: number): number {
  for (let j = i + 2; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x60) j++;
    else if (c === 0x7d) return j + 1;
  }
  return -1;
}

/**
 * If `@'` / `@"` at `i` opens a here-string (only blanks after it up to the line break), returns
 * the offset where its body starts; otherwise -1.
 */
export function hereStringBodyStart(src: string, i: number): number {
  let j = i + 2;
  while (j < src.length && isBlank(src.charCodeAt(j))) j++;
  const c = src.charCodeAt(j);
  if (c === 0x0d) return src.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
  if (c === 0x0a) return j + 1;
  return -1;
}

/**
 * Finds the terminator of a here-string whose body starts at `body`: a line break followed by the
 * closing quote and `@` at the very start of the next line (or the body starting with it).
 * In an expandable (`@"`) here-string a backtick escapes the next character, a line break too,
 * and an escaped line break does not end a line (tokenizer.cs, ScanHereStringExpandable).
 * Returns the offset of the line break before the terminator (or `body` for an empty one) and
 * the offset after the terminator; undefined when there is none.
 */
export function findHereStringEnd(
  src: string,
  body: number,
  double: boolean,
): { contentEnd: number; end: number } | undefined {
  const isQuote = double ? isDoubleQuote : isSingleQuote;
  if (isQuote(src.charCodeAt(body)) && src.charCodeAt(body + 1) === 0x40) return { contentEnd: body, end: body + 2 };
  for (let j = body; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x60 && double) {
      // a backtick before NUL stays a backtick
      if (src.charCodeAt(j + 1) !== 0) j++;
      continue;
    }
    if (c !== 0x0a && c !== 0x0d) continue;
    const lineStart = c === 0x0d && src.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
    if (isQuote(src.charCodeAt(lineStart)) && src.charCodeAt(lineStart + 1) === 0x40) {
      return { contentEnd: j, end: lineStart + 2 };
    }
  }
  return undefined;
}

function skipHereString(src: string, i: number, body: number): CodeScanResult {
  const double = isDoubleQuote(src.charCodeAt(i + 1));
  const found = findHereStringEnd(src, body, double);
  if (!found) return fail(i, 'here-string is missing its terminator (the closing quote and @ at the start of a line)');
  return { ok: true, end: found.end };
}
