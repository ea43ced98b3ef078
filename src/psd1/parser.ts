import {
  BACKTICK_ESCAPES,
  describeChar,
  isBlank,
  isDash,
  isDigit,
  isDoubleQuote,
  isNewline,
  isSingleQuote,
} from './chars';
import { findHereStringEnd, hereStringBodyStart, scanCode } from './code-scanner';
import { decode, Psd1Encoding } from './decode';
import { LineMap, Position, Psd1Error } from './errors';
import { NumberKind, numberText, PsNumber, scanNumber } from './numbers';
import { bnot, minus, not, plus, UnaryResult } from './unary';
import { Psd1Key, Psd1Value, PsHashtable, ScriptBlock } from './value';
import { scanVariable, variableMeaning } from './variables';

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
  /**
   * The position of the value at `path` (and of its key), or undefined when the path does not exist.
   * A function, not a method: it may be passed on detached from the document.
   */
  readonly locate: (path: readonly Psd1PathStep[]) => Psd1Location | undefined;
}

/**
 * Parses a PowerShell data file (.psd1, .psrc, .pssc) from bytes (any encoding PowerShell reads)
 * or from text, giving the value Import-PowerShellDataFile gives (see docs/engine-differences.md
 * for the few deliberate exceptions). Only constant data is accepted: literals, `$true`,
 * `$false`, `$null`, arrays, hashtables, script blocks (kept as text) and the prefix operators
 * `-` `+` `!` `-not` `-bnot` on them. Anything that would run code or depend on who reads the
 * file (commands, other variables, binary operators, method calls, casts, `$( )`) is an error
 * `FILE:LINE:COL: message`, never a partial value.
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
function recordPositions(
  text: string,
  file: string,
  lines: LineMap,
): { value: Psd1Value; root: number; offsets: Map<object, number[]> } {
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

/**
 * Characters that end a number token: PowerShell's ForceStartNewToken (blanks, line breaks, NUL,
 * `& ( ) , ; { | }`) and, in expression mode, ForceStartNewTokenAfterNumber (`! # % * + - . / <
 * = > ]` and the typographic dashes) (CharTraits.cs).
 */
function isNumberEnd(c: number): boolean {
  if (c < 0x80) return NUMBER_END[c] === 1;
  return isBlank(c) || isDash(c);
}

const NUMBER_END = new Uint8Array(128);
for (const ch of '\0\t\n\v\f\r &(),;{|}!#%*+-./<=>]') NUMBER_END[ch.charCodeAt(0)] = 1;

/** A character that may start a bare hashtable key (CharTraits.IsIdentifierStart: a letter or `_`). */
function isIdentifierStart(c: number): boolean {
  if (c < 0x80) return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
  return LETTER.test(String.fromCharCode(c));
}

/** A character that may continue a bare hashtable key (CharTraits.IsIdentifierFollow: a letter, digit or `_`). */
function isIdentifierFollow(c: number): boolean {
  if (c < 0x80) return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || (c >= 0x30 && c <= 0x39);
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

// .NET's char.IsLetter / IsLetterOrDigit look at one UTF-16 unit: a surrogate is neither.
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** The text of `$true`, `$false` and `$null` inside an expandable string. */
function expansionText(value: boolean | null): string {
  return value === null ? '' : value ? 'True' : 'False';
}

/** A recursive-descent parser over the decoded text with one index; see {@link parse}. */
class Parser {
  private i = 0;
  /** Offset of the top-level value. */
  rootOffset = 0;
  /** Whether the text holds any of ‘ ’ ‚ ‛ (which also close single-quoted strings). */
  private readonly unicodeQuotes: boolean;
  /** The .NET type of the last number produced (valid while the value just returned is a number). */
  private num: PsNumber | undefined;
  /** Set when the last double-quoted string expanded a variable (a key that does so is computed). */
  private expanded = false;
  /** The `ToString()` text of the last number key parsed (undefined for a string key). */
  private keyText: string | undefined;
  /** The .NET type of the last number key parsed. */
  private keyKind: NumberKind | undefined;

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
      throw this.error(
        this.i,
        `${this.describeHere()} after the value: a data file holds exactly one value (one statement)`,
      );
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
    if (this.src.charCodeAt(this.i) !== 0x2c) return this.endOfStatement(first);
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
    return this.endOfStatement(items);
  }

  /**
   * After a statement: `&` would run it as a background job, and `? :` is the ternary operator;
   * PowerShell 7 reads both, Windows PowerShell 5.1 neither, so both are refused.
   */
  private endOfStatement(value: Psd1Value): Psd1Value {
    const c = this.src.charCodeAt(this.i);
    if (c === 0x26 && this.src.charCodeAt(this.i + 1) !== 0x26) {
      throw this.error(
        this.i,
        "'&' after a value runs the statement as a background job in PowerShell 7 (Windows PowerShell 5.1 refuses it); remove it",
      );
    }
    if (c === 0x3f && this.src.charCodeAt(this.i + 1) !== 0x3f) {
      throw this.error(
        this.i,
        "the ternary operator '? :' is PowerShell 7 only (Windows PowerShell 5.1 cannot read it) and evaluates a condition; write the value itself",
      );
    }
    return value;
  }

  /** A unary expression: unary comma, a prefix operator (`-` `+` `!` `-not` `-bnot`), or a primary value. */
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
    if (isDash(c)) {
      const next = src.charCodeAt(start + 1);
      // `-1` and `–0.5` are signed literals (the sign is part of the number token)
      if (isDigit(next) || (next === 0x2e && isDigit(src.charCodeAt(start + 2)))) return this.number(true);
      if (isDash(next))
        throw this.error(
          start,
          `'${src.slice(start, start + 2)}' is the decrement operator: a data file cannot hold it`,
        );
      // tokenizer.cs ScanParameter (expression mode): the operator name is ASCII letters only
      let j = start + 1;
      while (j < src.length && isAsciiLetter(src.charCodeAt(j))) j++;
      const word = src.slice(start + 1, j).toLowerCase();
      if (word === '') {
        this.i = start + 1;
        return this.applyUnary(start, src[start], minus);
      }
      if (word === 'not' || word === 'bnot') {
        this.i = j;
        return this.applyUnary(start, src.slice(start, j), word === 'not' ? not : bnot);
      }
      throw this.error(
        start,
        `'${src.slice(start, j)}' is a parameter or an operator other than -not and -bnot: a data file holds constants only`,
      );
    }
    if (c === 0x2b) {
      if (src.charCodeAt(start + 1) === 0x2b)
        throw this.error(start, "'++' is the increment operator: a data file cannot hold it");
      this.i = start + 1;
      return this.applyUnary(start, '+', plus);
    }
    if (c === 0x21) {
      // tokenizer.cs: `!` glued to digits stays an operator only when they scan as a decimal
      // number; `!0x10` and `!a` are command names
      const next = src.charCodeAt(start + 1);
      if (
        next === 0x30 &&
        ((src.charCodeAt(start + 2) | 0x20) === 0x78 || (src.charCodeAt(start + 2) | 0x20) === 0x62)
      ) {
        throw this.error(
          start,
          `'${src.slice(start, start + 3)}...' is a command name to PowerShell (put a space after '!')`,
        );
      }
      this.i = start + 1;
      return this.applyUnary(start, '!', not);
    }
    return this.parsePrimary();
  }

  /** Applies a prefix operator to the unary expression after it (line breaks may come between). */
  private applyUnary(
    start: number,
    op: string,
    apply: (x: { value: Psd1Value; number?: PsNumber }) => UnaryResult,
  ): Psd1Value {
    this.skipTrivia(true);
    if (this.i >= this.src.length) throw this.error(start, `the operator '${op}' needs a value after it`);
    const value = this.parseUnary();
    const result = apply({ value, number: typeof value === 'number' ? this.num : undefined });
    if ('problem' in result) throw this.error(start, result.problem);
    this.num = result.number;
    return result.value;
  }

  /** A numeric literal at the current offset (`signed`: it starts with its dash). */
  private number(signed: boolean): number {
    const scanned = scanNumber(this.src, this.i, isNumberEnd, signed);
    if (!scanned) throw this.error(this.i, `${this.describeHere()}: expected a number`);
    if ('problem' in scanned) throw this.error(scanned.end, scanned.problem);
    this.i = scanned.end;
    this.num = scanned;
    return scanned.value;
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
      if (isDigit(c) || (c === 0x2e && isDigit(src.charCodeAt(start + 1)))) return this.number(false);
      if (Number.isNaN(c)) throw this.error(start, 'unexpected end of file: expected a value');
      if (c === 0x5b)
        throw this.error(
          start,
          'type literals and casts ([type]) are not allowed in a data file (a cast converts at load time; write the value itself)',
        );
      if (isCommandChar(c)) {
        let j = start;
        while (j < src.length && isCommandChar(src.charCodeAt(j))) j++;
        throw this.error(
          start,
          `'${src.slice(start, j)}' is a command, not a value: data files hold constants only (quote it to make it a string)`,
        );
      }
      throw this.error(
        start,
        `${this.describeHere()}: expected a value (a string, number, $true, $false, $null, @{...}, @(...) or {...})`,
      );
    }
    this.checkNoPostfix();
    return value;
  }

  /** Member access, indexing and method calls on a value would run code or pick a part of it at load time. */
  private checkNoPostfix(): void {
    const c = this.src.charCodeAt(this.i);
    if (c === 0x5b) {
      throw this.error(
        this.i,
        'indexing ([...]) picks a part of a value when the file is loaded (a string gives a [char]); write the value itself',
      );
    }
    if (c === 0x2e || (c === 0x3a && this.src.charCodeAt(this.i + 1) === 0x3a)) {
      throw this.error(this.i, 'member access and method calls are not allowed in a data file');
    }
  }

  private parseVariable(): Psd1Value {
    const src = this.src;
    const start = this.i;
    // fast path: $true, $false and $null in any letter case
    let j = start + 1;
    while (isAsciiLetter(src.charCodeAt(j))) j++;
    if (j - start === 5 || j - start === 6) {
      const after = src.charCodeAt(j);
      if (!(isDigit(after) || after === 0x5f || after === 0x3f || after === 0x3a || after >= 0x80)) {
        const word = src.slice(start + 1, j).toLowerCase();
        if (word === 'true' || word === 'false' || word === 'null') {
          this.i = j;
          return word === 'null' ? null : word === 'true';
        }
      }
    }
    if (src.charCodeAt(start + 1) === 0x28) throw this.error(start, SUBEXPRESSION);
    const token = scanVariable(src, start, false);
    if (!token)
      throw this.error(
        start,
        `'${src.slice(start, start + 2)}' is not a variable: '$' alone is a command name, not a value`,
      );
    if (token.error) throw this.error(start, token.error);
    this.i = token.end;
    const meaning = variableMeaning(token.name);
    if (meaning.kind === 'constant') return meaning.value;
    throw this.error(start, variableProblem(src.slice(start, token.end), meaning.kind));
  }

  private parseHashtable(): PsHashtable {
    const src = this.src;
    const open = this.i;
    this.i += 2;
    const table = new PsHashtable();
    const at = this.offsets ? ([] as number[]) : undefined;
    // PowerShell skips line breaks before the first entry, but not `;` (Parser.cs HashExpressionRule)
    this.skipTrivia(true);
    if (src.charCodeAt(this.i) === 0x3b)
      throw this.error(this.i, "';' before the first hashtable entry: PowerShell's parser refuses it (remove it)");
    for (;;) {
      const c = src.charCodeAt(this.i);
      if (c === 0x7d) {
        this.i++;
        break;
      }
      if (Number.isNaN(c)) throw this.error(open, "the hashtable opened here is missing its closing '}'");
      const keyAt = this.i;
      const key = this.parseKey();
      const text = this.keyText;
      const kind = this.keyKind;
      this.skipTrivia(false);
      if (src.charCodeAt(this.i) !== 0x3d) {
        throw this.error(
          this.i,
          `missing '=' after the hashtable key '${key}' (found ${this.describeHere().replace(/^unexpected /, '')})`,
        );
      }
      this.i++;
      this.skipTrivia(true);
      const valueAt = this.i;
      const value = this.parseStatement();
      if (!table.add(key, value, text)) {
        if (!at) throw new NeedPositions();
        throw this.error(keyAt, this.duplicateMessage(table, key, text, kind, at[table.collision(key, text) * 2]));
      }
      at?.push(keyAt, valueAt);
      this.skipTrivia(false);
      const after = src.charCodeAt(this.i);
      if (after === 0x7d) continue;
      if (!(isNewline(after) || after === 0x3b || Number.isNaN(after))) {
        throw this.error(this.i, `${this.describeHere()}: a hashtable entry ends with a line break, ';' or '}'`);
      }
      this.skipSeparators();
    }
    if (at) this.offsets!.set(table, at);
    return table;
  }

  /** Skips trivia, line breaks and `;` between statements or entries. */
  private skipSeparators(): void {
    for (;;) {
      this.skipTrivia(true);
      if (this.src.charCodeAt(this.i) !== 0x3b) return;
      this.i++;
    }
  }

  /**
   * A hashtable key, as PowerShell's LabelOrKeyRule reads it: a bare name (a letter or `_`, then
   * letters, digits and `_`), a string literal, or a number literal; `text` is what PowerShell
   * compares for duplicates. Other unary expressions (`(1)`, `$true`, `-not 1`, `"k$true"`) are
   * computed keys: PowerShell keys them by their .NET value, so `@{ (1) = 'a'; '1' = 'b' }` has
   * two keys where `@{ 1 = 'a'; '1' = 'b' }` is refused; they are refused here on purpose.
   */
  private parseKey(): Psd1Key {
    const src = this.src;
    const start = this.i;
    const c = src.charCodeAt(start);
    this.keyText = undefined;
    if (isIdentifierStart(c)) {
      let j = start + 1;
      while (j < src.length && isIdentifierFollow(src.charCodeAt(j))) j++;
      this.i = j;
      return src.slice(start, j);
    }
    let key: string;
    if (isSingleQuote(c)) key = this.parseSingleQuoted();
    else if (isDoubleQuote(c)) key = this.parseDoubleQuoted();
    else if (c === 0x40 && (isSingleQuote(src.charCodeAt(start + 1)) || isDoubleQuote(src.charCodeAt(start + 1))))
      key = this.parseHereString();
    else {
      const next = src.charCodeAt(start + 1);
      const signed = isDash(c) && (isDigit(next) || (next === 0x2e && isDigit(src.charCodeAt(start + 2))));
      if (signed || isDigit(c) || (c === 0x2e && isDigit(next))) {
        const scanned = scanNumber(src, start, isNumberEnd, signed);
        if (scanned && 'problem' in scanned) throw this.error(scanned.end, scanned.problem);
        if (scanned) {
          this.i = scanned.end;
          this.keyText = numberText(scanned);
          this.keyKind = scanned.kind;
          return scanned.value;
        }
      }
      if (
        c === 0x28 ||
        c === 0x24 ||
        c === 0x40 ||
        c === 0x7b ||
        c === 0x21 ||
        c === 0x2b ||
        c === 0x2c ||
        c === 0x5b ||
        isDash(c)
      ) {
        throw this.error(
          start,
          'a computed hashtable key (an expression): PowerShell keys it by its .NET value and type, which a data file should not depend on; write a name, a quoted string or a number',
        );
      }
      throw this.error(start, `${this.describeHere()}: expected a hashtable key (a name, a quoted string or a number)`);
    }
    if (this.expanded) {
      throw this.error(
        start,
        'a computed hashtable key (a string with $true, $false or $null in it): PowerShell keys it by its expanded text but does not check it for duplicates like a constant; write the text itself',
      );
    }
    return key;
  }

  private parseArray(): Psd1Value[] {
    const src = this.src;
    const open = this.i;
    this.i += 2;
    const items: Psd1Value[] = [];
    const at = this.offsets ? ([] as number[]) : undefined;
    for (;;) {
      this.skipSeparators();
      const c = src.charCodeAt(this.i);
      if (c === 0x29) {
        this.i++;
        break;
      }
      if (Number.isNaN(c)) throw this.error(open, "the array @( opened here is missing its closing ')'");
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
      this.skipTrivia(false);
      const after = src.charCodeAt(this.i);
      if (!(isNewline(after) || after === 0x3b || after === 0x29 || Number.isNaN(after))) {
        throw this.error(this.i, `${this.describeHere()}: statements in @( ) end with a line break, ';' or ')'`);
      }
    }
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

  /** A single-quoted string: any of ' ‘ ’ ‚ ‛ closes it; a pair of them stands for the second one. */
  private parseSingleQuoted(): string {
    const src = this.src;
    const open = this.i;
    this.expanded = false;
    let out = '';
    let segment = open + 1;
    for (let j = open + 1; j < src.length; j++) {
      // without typographic quotes in the file, only U+0027 can close: let indexOf find it
      if (!this.unicodeQuotes) {
        j = src.indexOf("'", j);
        if (j < 0) break;
      } else if (!isSingleQuote(src.charCodeAt(j))) continue;
      if (isSingleQuote(src.charCodeAt(j + 1))) {
        // tokenizer.cs ScanStringLiteral: the first quote escapes, the second is kept
        out += src.slice(segment, j) + src[j + 1];
        j++;
        segment = j + 1;
        continue;
      }
      this.i = j + 1;
      return out + src.slice(segment, j);
    }
    throw this.error(open, 'the string starting here is missing its closing quote');
  }

  /** A double-quoted string: backtick escapes, `$true`/`$false`/`$null` expanded, a pair of quotes stands for the second. */
  private parseDoubleQuoted(): string {
    const src = this.src;
    const open = this.i;
    this.expanded = false;
    let out = '';
    let segment = open + 1;
    for (let j = open + 1; j < src.length; j++) {
      const c = src.charCodeAt(j);
      if (isDoubleQuote(c)) {
        if (isDoubleQuote(src.charCodeAt(j + 1))) {
          out += src.slice(segment, j) + src[j + 1];
          j++;
          segment = j + 1;
          continue;
        }
        this.i = j + 1;
        return out + src.slice(segment, j);
      }
      if (c === 0x60 || c === 0x24) {
        out += src.slice(segment, j);
        const r = this.expandable(j, true);
        out += r.text;
        j = r.next - 1;
        segment = r.next;
      }
    }
    throw this.error(open, 'the string starting here is missing its closing quote');
  }

  /** A backtick escape or a `$` inside an expandable string or here-string, at offset `j`. */
  private expandable(j: number, inString: boolean): { text: string; next: number } {
    const src = this.src;
    const c = src.charCodeAt(j);
    const next = src.charCodeAt(j + 1);
    if (c === 0x60) {
      // at the end, or before NUL, a backtick is itself (tokenizer.cs: PeekChar() returns 0)
      if (Number.isNaN(next) || next === 0) return { text: '`', next: j + 1 };
      const ch = src[j + 1];
      if (ch === 'u' || ch === 'U') {
        if (ch === 'u' && src.charCodeAt(j + 2) === 0x7b) {
          throw this.error(
            j,
            'the `u{...} escape is PowerShell 7 only (Windows PowerShell 5.1 reads it as "u{"); use a single-quoted string with the character itself',
          );
        }
        if (ch === 'u')
          throw this.error(
            j,
            '`u starts a `u{...} escape in PowerShell 7, which refuses it without {hex} (Windows PowerShell 5.1 reads "u"); write u without the backtick',
          );
      }
      return { text: BACKTICK_ESCAPES[ch] ?? ch, next: j + 2 };
    }
    // (in a string, the text would also depend on .NET formatting and on the caller's $OFS)
    if (next === 0x28) throw this.error(j, 'subexpression $( ) in a string: a data file holds constants only');
    const token = scanVariable(src, j, inString);
    if (!token) return { text: '$', next: j + 1 };
    if (token.error) throw this.error(j, token.error);
    const meaning = variableMeaning(token.name);
    if (meaning.kind !== 'constant')
      throw this.error(
        j,
        `${variableProblem(src.slice(j, token.end), meaning.kind)} (in a string, escape the $ as \`$ or use single quotes)`,
      );
    this.expanded = true;
    return { text: expansionText(meaning.value), next: token.end };
  }

  private parseHereString(): string {
    const src = this.src;
    const open = this.i;
    this.expanded = false;
    const double = isDoubleQuote(src.charCodeAt(open + 1));
    const body = hereStringBodyStart(src, open);
    if (body < 0) {
      let j = open + 2;
      while (isBlank(src.charCodeAt(j))) j++;
      if (j >= src.length)
        throw this.error(
          open,
          `the here-string starting here is missing its terminator (${double ? '"@' : "'@"} at the very start of a line)`,
        );
      throw this.error(j, 'a here-string header (@\' or @") must be alone at the end of its line');
    }
    const found = findHereStringEnd(src, body, double);
    if (!found)
      throw this.error(
        open,
        `the here-string starting here is missing its terminator (${double ? '"@' : "'@"} at the very start of a line)`,
      );
    this.i = found.end;
    if (!double) return src.slice(body, found.contentEnd);
    let out = '';
    let segment = body;
    for (let j = body; j < found.contentEnd; j++) {
      const c = src.charCodeAt(j);
      if (c === 0x60 || c === 0x24) {
        out += src.slice(segment, j);
        const r = this.expandable(j, true);
        out += r.text;
        j = r.next - 1;
        segment = r.next;
      }
    }
    return out + src.slice(segment, found.contentEnd);
  }

  /**
   * The message for a key PowerShell takes for a duplicate of the one at offset `firstAt`. Two
   * number keys of one value but different texts and .NET types (`1` and `1.0d`, `0` and `-0.0`)
   * are two keys to PowerShell; our model keys numbers by value, so they are refused on purpose.
   */
  private duplicateMessage(
    table: PsHashtable,
    key: Psd1Key,
    text: string | undefined,
    kind: NumberKind | undefined,
    firstAt: number,
  ): string {
    const first = this.lines.positionAt(firstAt);
    const where = `first at ${first.line}:${first.column}`;
    const otherText = table.numberTextAt(table.collision(key, text));
    if (
      typeof key === 'number' &&
      text !== undefined &&
      otherText !== undefined &&
      text.toUpperCase() !== otherText.toUpperCase()
    ) {
      const other = scanNumber(this.src, firstAt, isNumberEnd, isDash(this.src.charCodeAt(firstAt)));
      if (other && !('problem' in other) && other.kind !== kind) {
        return `keys ${otherText} and ${text} have the same value: PowerShell keeps both (a .NET ${other.kind} and a ${kind}), but jeajit keys numbers by value; write one of them (${where})`;
      }
    }
    return `duplicate key '${String(key)}' in the hashtable: PowerShell compares keys case-insensitively, ignores characters like NUL and the soft hyphen, and compares a number key by its text (${where})`;
  }
}

/**
 * `$( )` is refused even when it holds a constant: Import-PowerShellDataFile turns its output
 * into an array (`$(1)` is @(1), SafeValues.cs VisitSubExpression), PowerShell running the file
 * (as JEA loads .pssc/.psrc files) gives the value itself.
 */
const SUBEXPRESSION = 'subexpressions $( ) run code and are not allowed in a data file';

/** Why a variable other than $true, $false and $null cannot be read. */
function variableProblem(spelling: string, kind: 'args' | 'using' | 'other' | 'invalid'): string {
  switch (kind) {
    case 'args':
      return `'${spelling}' is the argument list of whoever reads the file (Import-PowerShellDataFile takes its caller's), not a constant`;
    case 'using':
      return `'${spelling}' is read by Import-PowerShellDataFile but fails when PowerShell runs the file (as JEA loads .pssc and .psrc files); write the value itself`;
    case 'invalid':
      return `'${spelling}' is not a valid variable name`;
    default:
      return `variable '${spelling}' is not allowed in a data file; only $true, $false and $null`;
  }
}

/** A character of a bare word (for naming a command in an error). */
function isCommandChar(c: number): boolean {
  if (isBlank(c) || isNewline(c) || Number.isNaN(c)) return false;
  return !'(){};,=#\'"`@$|&<>[]'.includes(String.fromCharCode(c)) && !isSingleQuote(c) && !isDoubleQuote(c);
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

function hintFor(c: number): string {
  if (c === 0x2b || isDash(c) || c === 0x2a || c === 0x2f || c === 0x25)
    return ' (operators are not allowed in a data file)';
  if (c === 0x7c) return ' (pipelines are not allowed in a data file)';
  if (c === 0x2e || c === 0x5b) return ' (member access and indexing are not allowed in a data file)';
  return '';
}
