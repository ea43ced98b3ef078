import { isDoubleQuote, isNewline, isSingleQuote } from './chars';
import { findHereStringEnd, hereStringBodyStart, skipSingleQuoted } from './code-scanner';
import { LineMap } from './errors';

/** A comment of a data file: its line and its text (without `#`, `<#`, `#>`). */
export interface SourceComment {
  readonly line: number;
  readonly text: string;
}

/**
 * The comments of a data file's text, outside strings and here-strings, in order (those inside
 * script blocks too). Empty ones and lines of only `#` are left out unless `all` is set.
 */
export function extractComments(text: string, options: { readonly all?: boolean } = {}): SourceComment[] {
  const lines = new LineMap(text);
  const out: SourceComment[] = [];
  const push = (at: number, body: string) => {
    for (const [k, line] of body.split(/\r\n|\n|\r/).entries()) {
      const t = line.trim();
      if (options.all || (t && !/^#+$/.test(t))) out.push({ line: lines.positionAt(at).line + k, text: t });
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x40 && (isSingleQuote(text.charCodeAt(i + 1)) || isDoubleQuote(text.charCodeAt(i + 1)))) {
      const body = hereStringBodyStart(text, i);
      const end = body < 0 ? undefined : findHereStringEnd(text, body, isDoubleQuote(text.charCodeAt(i + 1)));
      if (end) i = end.end - 1;
    } else if (isSingleQuote(c)) {
      const end = skipSingleQuoted(text, i);
      i = end < 0 ? text.length : end - 1;
    } else if (isDoubleQuote(c)) {
      let j = i + 1;
      while (j < text.length && !(isDoubleQuote(text.charCodeAt(j)) && !isDoubleQuote(text.charCodeAt(j + 1))))
        j += text.charCodeAt(j) === 0x60 || isDoubleQuote(text.charCodeAt(j)) ? 2 : 1;
      i = j;
    } else if (c === 0x3c && text.charCodeAt(i + 1) === 0x23) {
      const close = text.indexOf('#>', i + 2);
      const end = close < 0 ? text.length : close;
      push(i, text.slice(i + 2, end));
      i = end + 1;
    } else if (c === 0x23) {
      let j = i + 1;
      while (j < text.length && !isNewline(text.charCodeAt(j))) j++;
      push(i, text.slice(i + 1, j));
      i = j;
    }
  }
  return out;
}
