import { describeChar, isBlank, isDash, isDigit, isDoubleQuote, isNewline, isSingleQuote, isVariableStart } from './chars';
import { findHereStringEnd, hereStringBodyStart, scanCode } from './code-scanner';
import { decode, Psd1Encoding } from './decode';
import { LineMap, Position, Psd1Error } from './errors';
import { scanNumber } from './numbers';
import { Psd1Key, Psd1Value, PsHashtable, ScriptBlock } from './value';

/** Options for {@link parse}. */
export interface ParseOptions {
  /** The file name used in error messages. @default '<input>' */
  readonly file?: string;
}

/** One step of a path into a parsed value: a hashtable key (any case) or an array index. */
export type Psd1PathStep = string | number;

/** Where a value sits in the source, and where its key sits when it is a hashtable entry. */
export interface Psd1Location {
  readonly value: Position;
  readonly key?: Position;
}

/** A parsed data file: its value, its text, how it was encoded, and the source positions of its parts. */
export interface Psd1Document {
  readonly file: string;
  readonly value: Psd1Value;
  readonly text: string;
  readonly encoding: Psd1Encoding | 'text';
  /** The position of the value at `path` (and of its key), or undefined when the path does not exist. */
  locate(path: readonly Psd1PathStep[]): Psd1Location | undefined;
}

/**
 * Parses a PowerShell data file (.psd1, .psrc, .pssc) from bytes (any encoding PowerShell reads)
 * or from text. Only constant data is accepted, as in PowerShell's restricted data language:
 * anything that would run code (commands, variables, operators, method calls, expansions in
 * strings) is an error `FILE:LINE:COL: message`, never a partial value.
 */
export function parse(input: Uint8Array | string, options: ParseOptions = {}): Psd1Document {
  const file = options.file ?? '<input>';
  const decoded = typeof input === 'string' ? { text: input, encoding: 'text' as const } : decode(input, file);
  const lines = new LineMap(decoded.text);
  // The fast pass records no positions; they are computed by a second pass when first asked for
  // (or when an error message needs one), so that parsing stays close to JSON.parse.
  let value: Psd1Value;
  try {
    value = new Parser(decoded.text, file, lines, undefined).parseDocument();
  } catch (e) {
    if (!(e instanceof NeedPositions)) throw e;
    value = recordPositions(decoded.text, file, lines).value;
  }
  let positions: { value: Psd1Value; root: number; offsets: Map<object, number[]> } | undefined;
  return {
    file,
    value,
    text: decoded.text,
    encoding: decoded.encoding,
    locate: (path) => {
      positions ??= recordPositions(decoded.text, file, lines);
      // the recording pass reads the same text, so its value has the same paths as `value`
      return locate(positions.value, positions.root, positions.offsets, lines, path);
    },
  };
}

/** Parses again, recording the offset of every container's children. */
function recordPositions(text: string, file: string, lines: LineMap): { value: Psd1Value; root: number; offsets: Map<object, number[]> } {
  const offsets = new Map<object, number[]>();
  const parser = new Parser(text, file, lines, offsets);
  const value = parser.parseDocument();
  return { value, root: parser.rootOffset, offsets };
}

/** Thrown by the fast pass when an error message needs positions only the recording pass has. */
class NeedPositions extends Error {}

function locate(
  root: Psd1Value,
  rootOffset: number,
  offsets: Map<object, number[]>,
  lines: LineMap,
  path: readonly Psd1PathStep[],
): Psd1Location | undefined {
  let value = root;
  let valueOffset = rootOffset;
  let keyOffset: number | undefined;
  for (const step of path) {
    if (value instanceof PsHashtable && typeof step === 'string') {
      if (!value.has(step)) return undefined;
      const index = value.indexOf(step);
      const table = offsets.get(value)!;
      keyOffset = table[index * 2];
      valueOffset = table[index * 2 + 1];
      value = value.get(step)!;
    } else if (Array.isArray(value) && typeof step === 'number' && step >= 0 && step < value.length) {
      valueOffset = offsets.get(value)![step];
      keyOffset = undefined;
      value = value[step];
    } else {
      return undefined;
    }
  }
  return {
    value: lines.positionAt(valueOffset),
    ...(keyOffset === undefined ? {} : { key: lines.positionAt(keyOffset) }),
  };
}

/** Characters that end a number or a bare hashtable key. */
function isDelimiter(c: number): boolean {
  return (
    isBlank(c) ||
    isNewline(c) ||
    c === 0x3b || // ;
    c === 0x2c || // ,
    c === 0x29 || // )
    c === 0x7d || // }
    c === 0x3d || // =
    c === 0x23 // #
  );
}

const ESCAPES: Record<string, string> = {
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

/** A recursive-descent parser over the decoded text with one index; see {@link parse}. */
class Parser {
  private i = 0;
  /** Offset of the top-level value. */
  rootOffset = 0;
  /** Whether the text holds any of ‘ ’ ‚ ‛ (which also close single-quoted strings). */
  private readonly unicodeQuotes: boolean;

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly lines: LineMap,
    /** Where to record child offsets; undefined in the fast pass. */
    private readonly offsets: Map<object, number[]> | undefined,
  ) {
    this.unicodeQuotes = /[\u2018-\u201b]/.test(src);
  }

  parseDocument(): Psd1Value {
    this.skipTrivia(true);
    if (this.i >= this.src.length) {
      throw this.error(this.i, 'the file holds no value: a data file holds exactly one value, such as @{ ... }');
    }
    this.rootOffset = this.i;
    const value = this.parseStatement();
    this.skipTrivia(true);
    if (this.src.charCodeAt(this.i) === 0x3b) {
      this.i++;
      this.skipTrivia(true);
    }
    if (this.i < this.src.length) {
      throw this.error(this.i, `${this.describeHere()} after the value: a data file holds exactly one value (one statement)`);
    }
    return value;
  }

  private error(offset: number, reason: string): Psd1Error {
    const { line, column } = this.lines.positionAt(offset);
    return new Psd1Error(this.file, line, column, reason);
  }

  private describeHere(): string {
    const c = this.src.charCodeAt(this.i);
    if (Number.isNaN(c)) return 'end of file';
    return `unexpected ${describeChar(c)}${hintFor(c)}`;
  }

  /** Skips blanks, comments and backtick line continuations; line breaks too when `newlines`. */
  private skipTrivia(newlines: boolean): void {
    const src = this.src;
    const n = src.length;
    while (this.i < n) {
      const c = src.charCodeAt(this.i);
      if (isBlank(c)) {
        this.i++;
      } else if (isNewline(c)) {
        if (!newlines) return;
        this.i++;
      } else if (c === 0x23) {
        while (this.i < n && !isNewline(src.charCodeAt(this.i))) this.i++;
      } else if (c === 0x3c && src.charCodeAt(this.i + 1) === 0x23) {
        const close = src.indexOf('#>', this.i + 2);
        if (close < 0) throw this.error(this.i, 'block comment <# is missing its closing #>');
        this.i = close + 2;
      } else if (c === 0x60 && isNewline(src.charCodeAt(this.i + 1))) {
        this.i += src.charCodeAt(this.i + 1) === 0x0d && src.charCodeAt(this.i + 2) === 0x0a ? 3 : 2;
      } else {
        return;
      }
    }
  }

  /** A statement: a value, or a comma list of values (continued after a trailing comma). */
  private parseStatement(): Psd1Value {
    const start = this.i;
    const first = this.parseUnary();
    this.skipTrivia(false);
    if (this.src.charCodeAt(this.i) !== 0x2c) return first;
    const items: Psd1Value[] = [first];
    const at = this.offsets ? [start] : undefined;
    while (this.src.charCodeAt(this.i) === 0x2c) {
      this.i++;
      this.skipTrivia(true);
      at?.push(this.i);
      items.push(this.parseUnary());
      this.skipTrivia(false);
    }
    if (at) this.offsets!.set(items, at);
    return items;
  }

  /** A unary expression: unary comma or minus, or a primary value. */
  private parseUnary(): Psd1Value {
    const src = this.src;
    const start = this.i;
    const c = src.charCodeAt(start);
    if (c === 0x2c) {
      this.i++;
      this.skipTrivia(true);
      const itemAt = this.i;
      const item = [this.parseUnary()];
      this.offsets?.set(item, [itemAt]);
      return item;
    }
    if (isDash(c) || c === 0x2b) {
      this.i++;
      this.skipTrivia(false);
      const number = this.tryNumber();
      if (!number) throw this.error(start, `the operator '${src[start]}' can only apply to a number in a data file`);
      if (c === 0x2b) return number.value;
      return negate(number);
    }
    return this.parsePrimary();
  }

  private tryNumber(): { value: number; real: boolean } | undefined {
    const c = this.src.charCodeAt(this.i);
    if (!isDigit(c) && !(c === 0x2e && isDigit(this.src.charCodeAt(this.i + 1)))) return undefined;
    const scanned = scanNumber(this.src, this.i, isDelimiter);
    if (!scanned) return undefined;
    if ('problem' in scanned) throw this.error(scanned.end, scanned.problem);
    this.i = scanned.end;
    return scanned;
  }

  private parsePrimary(): Psd1Value {
    const src = this.src;
    const start = this.i;
    const c = src.charCodeAt(start);
    let value: Psd1Value;
    if (c === 0x40 /* @ */) {
      const next = src.charCodeAt(start + 1);
      if (next === 0x7b) value = this.parseHashtable();
      else if (next === 0x28) value = this.parseArray();
      else if (isSingleQuote(next) || isDoubleQuote(next)) value = this.parseHereString();
      else throw this.error(start, `unexpected '@': expected @{ (hashtable), @( (array) or a here-string @' / @"`);
    } else if (isSingleQuote(c)) {
      value = this.parseSingleQuoted();
    } else if (isDoubleQuote(c)) {
      value = this.parseDoubleQuoted();
    } else if (c === 0x7b) {
      value = this.parseScriptBlock();
    } else if (c === 0x28) {
      value = this.parseParenthesized();
    } else if (c === 0x24) {
      value = this.parseVariable();
    } else {
      const number = this.tryNumber();
      if (number) return number.value;
      if (Number.isNaN(c)) throw this.error(start, 'unexpected end of file: expected a value');
      if (c === 0x5b) throw this.error(start, 'type literals and casts ([type]) are not allowed in a data file');
      if (isWordChar(c)) {
        let j = start;
        while (j < src.length && isWordChar(src.charCodeAt(j))) j++;
        throw this.error(start, `'${src.slice(start, j)}' is a command, not a value: data files hold constants only (quote it to make it a string)`);
      }
      throw this.error(start, `${this.describeHere()}: expected a value (a string, number, $true, $false, $null, @{...}, @(...) or {...})`);
    }
    this.checkNoPostfix();
    return value;
  }

  /** Member access, indexing and method calls on a value would run code. */
  private checkNoPostfix(): void {
    const c = this.src.charCodeAt(this.i);
    if (c === 0x2e || c === 0x5b || (c === 0x3a && this.src.charCodeAt(this.i + 1) === 0x3a)) {
      throw this.error(this.i, 'member access, indexing and method calls are not allowed in a data file');
    }
  }

  private parseVariable(): Psd1Value {
    const src = this.src;
    const start = this.i;
    let j = start + 1;
    if (src.charCodeAt(j) === 0x7b) throw this.error(start, 'variables (${...}) are not allowed in a data file; only $true, $false and $null');
    if (src.charCodeAt(j) === 0x28) throw this.error(start, 'subexpressions $( ) run code and are not allowed in a data file');
    while (j < src.length && isVariableStart(src.charCodeAt(j))) j++;
    const name = src.slice(start + 1, j).toLowerCase();
    this.i = j;
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    throw this.error(start, `variable '${src.slice(start, j)}' is not allowed in a data file; only $true, $false and $null`);
  }

  private parseHashtable(): PsHashtable {
    const src = this.src;
    const open = this.i;
    this.i += 2;
    const table = new PsHashtable();
    const at = this.offsets ? ([] as number[]) : undefined;
    this.parseList(open, 0x7d, "the hashtable opened here is missing its closing '}'", "a hashtable entry ends with a line break, ';' or '}'", () => {
      const keyAt = this.i;
      const key = this.parseKey();
      this.skipTrivia(false);
      if (src.charCodeAt(this.i) !== 0x3d) {
        throw this.error(this.i, `missing '=' after the hashtable key '${key}' (found ${this.describeHere().replace(/^unexpected /, '')})`);
      }
      this.i++;
      this.skipTrivia(true);
      const valueAt = this.i;
      const value = this.parseStatement();
      if (!table.add(key, value)) {
        if (!at) throw new NeedPositions();
        const first = this.lines.positionAt(at[table.indexOf(key) * 2]);
        throw this.error(keyAt, `duplicate key '${key}' in the hashtable (keys compare case-insensitively; first at ${first.line}:${first.column})`);
      }
      at?.push(keyAt, valueAt);
    });
    if (at) this.offsets!.set(table, at);
    return table;
  }

  /**
   * Parses the items of a hashtable or `@( )` up to `closer`: items are separated by line breaks
   * or `;` (PowerShell's statement separators), empty ones included.
   */
  private parseList(open: number, closer: number, unclosed: string, itemEnd: string, item: () => void): void {
    for (;;) {
      this.skipSeparators();
      const c = this.src.charCodeAt(this.i);
      if (c === closer) {
        this.i++;
        return;
      }
      if (Number.isNaN(c)) throw this.error(open, unclosed);
      item();
      this.skipTrivia(false);
      const after = this.src.charCodeAt(this.i);
      if (!(isNewline(after) || after === 0x3b || after === closer || Number.isNaN(after))) {
        throw this.error(this.i, `${this.describeHere()}: ${itemEnd}`);
      }
    }
  }

  /** Skips trivia, line breaks and `;` between statements or entries. */
  private skipSeparators(): void {
    for (;;) {
      this.skipTrivia(true);
      if (this.src.charCodeAt(this.i) !== 0x3b) return;
      this.i++;
    }
  }

  private parseKey(): Psd1Key {
    const src = this.src;
    const start = this.i;
    const c = src.charCodeAt(start);
    if (isSingleQuote(c)) return this.parseSingleQuoted();
    if (isDoubleQuote(c)) return this.parseDoubleQuoted();
    if (c === 0x40 && (isSingleQuote(src.charCodeAt(start + 1)) || isDoubleQuote(src.charCodeAt(start + 1)))) {
      return this.parseHereString();
    }
    if (isDash(c) && isDigit(src.charCodeAt(start + 1))) {
      this.i++;
      const number = this.tryNumber()!;
      return negate(number);
    }
    let j = start;
    while (j < src.length && isKeyChar(src.charCodeAt(j))) j++;
    if (j === start) throw this.error(start, `${this.describeHere()}: expected a hashtable key (a name, a quoted string or a number)`);
    if (isDigit(c) || (c === 0x2e && isDigit(src.charCodeAt(start + 1)))) {
      const number = scanNumber(src, start, isDelimiter);
      if (number && !('problem' in number) && number.end === j) {
        this.i = j;
        return number.value;
      }
    }
    this.i = j;
    return src.slice(start, j);
  }

  private parseArray(): Psd1Value[] {
    const open = this.i;
    this.i += 2;
    const items: Psd1Value[] = [];
    const at = this.offsets ? ([] as number[]) : undefined;
    this.parseList(open, 0x29, "the array @( opened here is missing its closing ')'", "statements in @( ) end with a line break, ';' or ')'", () => {
      const statementAt = this.i;
      const value = this.parseStatement();
      // @( ... ) collects what each statement outputs: an array is enumerated one level.
      if (Array.isArray(value)) {
        for (let k = 0; k < value.length; k++) items.push(value[k]);
        if (at) {
          at.push(...this.offsets!.get(value)!);
          this.offsets!.delete(value);
        }
      } else {
        items.push(value);
        at?.push(statementAt);
      }
    });
    if (at) this.offsets!.set(items, at);
    return items;
  }

  private parseParenthesized(): Psd1Value {
    const open = this.i;
    this.i++;
    this.skipTrivia(true);
    if (this.src.charCodeAt(this.i) === 0x29) throw this.error(open, 'empty parentheses hold no value');
    const value = this.parseStatement();
    this.skipTrivia(true);
    if (this.src.charCodeAt(this.i) !== 0x29) {
      if (this.i >= this.src.length) throw this.error(open, "the parenthesis opened here is missing its closing ')'");
      throw this.error(this.i, `${this.describeHere()}: expected ')'`);
    }
    this.i++;
    return value;
  }

  private parseScriptBlock(): ScriptBlock {
    const open = this.i;
    const result = scanCode(this.src, open + 1, '}');
    if (!result.ok) throw this.error(result.at, result.reason);
    this.i = result.end + 1;
    return new ScriptBlock(this.src.slice(open + 1, result.end));
  }

  private parseSingleQuoted(): string {
    const src = this.src;
    const open = this.i;
    let out = '';
    let segment = open + 1;
    for (let j = open + 1; j < src.length; j++) {
      // without typographic quotes in the file, only U+0027 can close: let indexOf find it
      if (!this.unicodeQuotes) {
        j = src.indexOf("'", j);
        if (j < 0) break;
      } else if (!isSingleQuote(src.charCodeAt(j))) continue;
      if (isSingleQuote(src.charCodeAt(j + 1))) {
        // a pair of single quotes (any of the five) stands for the first one
        out += src.slice(segment, j + 1);
        j++;
        segment = j + 1;
        continue;
      }
      this.i = j + 1;
      return out + src.slice(segment, j);
    }
    throw this.error(open, 'the string starting here is missing its closing quote');
  }

  private parseDoubleQuoted(): string {
    const src = this.src;
    const open = this.i;
    let out = '';
    let segment = open + 1;
    for (let j = open + 1; j < src.length; j++) {
      const c = src.charCodeAt(j);
      if (isDoubleQuote(c)) {
        if (isDoubleQuote(src.charCodeAt(j + 1))) {
          out += src.slice(segment, j + 1);
          j++;
          segment = j + 1;
          continue;
        }
        this.i = j + 1;
        return out + src.slice(segment, j);
      }
      if (c === 0x60 || c === 0x24) {
        out += src.slice(segment, j);
        const r = this.expandable(j);
        out += r.text;
        j = r.next - 1;
        segment = r.next;
      }
    }
    throw this.error(open, 'the string starting here is missing its closing quote');
  }

  /** A backtick escape or a `$` inside an expandable string or here-string, at offset `j`. */
  private expandable(j: number): { text: string; next: number } {
    const src = this.src;
    const c = src.charCodeAt(j);
    const next = src.charCodeAt(j + 1);
    if (c === 0x60) {
      if (Number.isNaN(next)) return { text: '', next: j + 1 };
      const ch = src[j + 1];
      if (ch === 'u' && src.charCodeAt(j + 2) === 0x7b) {
        throw this.error(j, 'the `u{...} escape is PowerShell 7 only (Windows PowerShell 5.1 reads it as "u{"); use a single-quoted string');
      }
      if (next === 0x0d && src.charCodeAt(j + 2) === 0x0a) return { text: '\r\n', next: j + 3 };
      return { text: ESCAPES[ch] ?? ch, next: j + 2 };
    }
    if (next === 0x28) throw this.error(j, 'subexpression $( ) in a string: a data file holds constants only');
    if (next === 0x7b) throw this.error(j, 'variable ${...} in a string: a data file holds constants only (escape the $ as `$ or use single quotes)');
    if (isVariableStart(next) && next !== 0x3a) {
      let k = j + 1;
      while (k < src.length && isVariableStart(src.charCodeAt(k)) && src.charCodeAt(k) !== 0x3a) k++;
      throw this.error(j, `variable '${src.slice(j, k)}' in a string: a data file holds constants only (escape the $ as \`$ or use single quotes)`);
    }
    return { text: '$', next: j + 1 };
  }

  private parseHereString(): string {
    const src = this.src;
    const open = this.i;
    const double = isDoubleQuote(src.charCodeAt(open + 1));
    const body = hereStringBodyStart(src, open);
    if (body < 0) {
      let j = open + 2;
      while (isBlank(src.charCodeAt(j))) j++;
      if (j >= src.length) throw this.error(open, `the here-string starting here is missing its terminator (${double ? '"@' : "'@"} at the very start of a line)`);
      throw this.error(j, 'a here-string header (@\' or @") must be alone at the end of its line');
    }
    const found = findHereStringEnd(src, body, double);
    if (!found) throw this.error(open, `the here-string starting here is missing its terminator (${double ? '"@' : "'@"} at the very start of a line)`);
    this.i = found.end;
    if (!double) return src.slice(body, found.contentEnd);
    let out = '';
    let segment = body;
    for (let j = body; j < found.contentEnd; j++) {
      const c = src.charCodeAt(j);
      if (c === 0x60 || c === 0x24) {
        out += src.slice(segment, j);
        const r = this.expandable(j);
        out += r.text;
        j = r.next - 1;
        segment = r.next;
      }
    }
    return out + src.slice(segment, found.contentEnd);
  }
}

/** Unary minus: a real keeps its sign (-0.0 is negative zero); an integer has no negative zero. */
function negate(number: { value: number; real: boolean }): number {
  return number.real ? -number.value : number.value === 0 ? 0 : -number.value;
}

/** A character that may be part of a bare hashtable key. */
function isKeyChar(c: number): boolean {
  if (isDelimiter(c)) return false;
  return !(
    c === 0x7b || c === 0x28 || c === 0x27 || c === 0x22 || c === 0x60 || c === 0x40 || c === 0x24 ||
    c === 0x7c || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d ||
    isSingleQuote(c) || isDoubleQuote(c) || Number.isNaN(c)
  );
}

/** A character of a bare word (for naming it in an error). */
function isWordChar(c: number): boolean {
  return isKeyChar(c) && c !== 0x2c;
}

function hintFor(c: number): string {
  if (c === 0x2b || isDash(c) || c === 0x2a || c === 0x2f || c === 0x25) return ' (operators are not allowed in a data file)';
  if (c === 0x7c) return ' (pipelines are not allowed in a data file)';
  if (c === 0x2e || c === 0x5b) return ' (member access and indexing are not allowed in a data file)';
  return '';
}
