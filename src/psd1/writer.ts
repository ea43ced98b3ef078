import { ByteSink } from './byte-sink';
import { scanCode } from './code-scanner';
import { Psd1Key, Psd1Value, PsHashtable, ScriptBlock } from './value';

/** Options for {@link render} and {@link renderText}. */
export interface RenderOptions {
  /** Longest inline array (`@('a', 'b')`) before it is written one item a line. @default 100 */
  readonly inlineWidth?: number;
}

/**
 * Renders a value as a PowerShell data file: UTF-8 with BOM and CRLF line breaks (what Windows
 * PowerShell 5.1 reads correctly), 4-space indentation, one hashtable entry a line, arrays of
 * one-line scalars inline up to `inlineWidth` bytes. The output is a function of the value
 * alone, so the same value always gives the same bytes.
 */
export function render(value: Psd1Value, options: RenderOptions = {}): Uint8Array {
  const writer = new Writer(options.inlineWidth ?? 100);
  writer.sink.byte(0xef);
  writer.sink.byte(0xbb);
  writer.sink.byte(0xbf);
  writer.value(value, 0, []);
  writer.sink.ascii('\r\n');
  return writer.sink.bytes();
}

/** Renders a value as data-file text (CRLF line breaks, no BOM); see {@link render}. */
export function renderText(value: Psd1Value, options: RenderOptions = {}): string {
  return Buffer.from(render(value, options)).toString('utf8', 3);
}

/** Keywords that a bare hashtable key must not be (the parser would read a statement). */
const KEYWORDS = new Set(
  (
    'begin break catch class clean configuration continue data define do dynamicparam else elseif end enum exit ' +
    'filter finally for foreach from function hidden if in inlinescript parallel param process return sequence ' +
    'static switch throw trap try until using var while workflow'
  ).split(' '),
);

/** Thrown when a value cannot be written as PowerShell data (the path names where). */
export class RenderError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(root)'}: ${reason}`);
    this.name = 'RenderError';
  }
}

/** Renders values recursively into a byte sink. */
class Writer {
  readonly sink = new ByteSink();
  private readonly keyCache = new Map<Psd1Key, string>();

  constructor(private readonly inlineWidth: number) {}

  value(v: Psd1Value, indent: number, path: (string | number)[]): void {
    if (typeof v === 'string') this.string(v, path);
    else if (v === null || typeof v !== 'object') this.sink.ascii(this.scalar(v, path));
    else if (Array.isArray(v)) this.array(v, indent, path);
    else if (v instanceof PsHashtable) this.hashtable(v, indent, path);
    else if (v instanceof ScriptBlock) this.scriptBlock(v, path);
    else
      throw new RenderError(
        pathText(path),
        `cannot write a value of type ${describeType(v)} (allowed: string, number, boolean, null, array, PsHashtable, ScriptBlock)`,
      );
  }

  /**
   * A single-quoted string with every single-quote-class character (U+0027 U+2018 U+2019 U+201A
   * U+201B) doubled, so nothing inside can close it: single-quoted strings have no other escapes
   * and no expansion.
   */
  private string(s: string, path: readonly (string | number)[]): void {
    this.sink.byte(0x27);
    const bad = this.sink.utf8(s, true);
    if (bad >= 0)
      throw new RenderError(
        pathText(path),
        `the string has a lone surrogate (U+${s.charCodeAt(bad).toString(16).toUpperCase()}) at index ${bad}, which UTF-8 cannot encode`,
      );
    this.sink.byte(0x27);
  }

  /** A scalar other than a string: number, boolean or null. */
  private scalar(v: number | boolean | null | undefined, path: readonly (string | number)[]): string {
    if (typeof v === 'number') return this.number(v, path);
    if (typeof v === 'boolean') return v ? '$true' : '$false';
    if (v === null) return '$null';
    throw new RenderError(
      pathText(path),
      `cannot write a value of type ${describeType(v)} (allowed: string, number, boolean, null, array, PsHashtable, ScriptBlock)`,
    );
  }

  private number(v: number, path: readonly (string | number)[]): string {
    if (!Number.isFinite(v))
      throw new RenderError(pathText(path), `the number ${v} has no PowerShell literal (allowed: finite numbers)`);
    if (Object.is(v, -0)) return '-0.0';
    // Whole numbers past 2^53 are doubles here; written as digits, PowerShell would read an exact
    // Int64 that differs from this double. The exponent form is read back as the same double.
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return v.toExponential();
    return String(v);
  }

  private key(k: Psd1Key, path: readonly (string | number)[]): void {
    const cached = this.keyCache.get(k);
    if (cached !== undefined) {
      this.sink.ascii(cached);
    } else if (typeof k === 'number') {
      this.sink.ascii(this.number(k, path));
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !KEYWORDS.has(k.toLowerCase())) {
      this.keyCache.set(k, k);
      this.sink.ascii(k);
    } else {
      this.string(k, path);
    }
  }

  private hashtable(t: PsHashtable, indent: number, path: (string | number)[]): void {
    const sink = this.sink;
    if (t.size === 0) {
      sink.ascii('@{}');
      return;
    }
    const inner = indent + 4;
    sink.ascii('@{\r\n');
    for (let i = 0; i < t.size; i++) {
      const k = t.keyAt(i);
      path.push(k);
      sink.spaces(inner);
      this.key(k, path);
      sink.ascii(' = ');
      this.value(t.valueAt(i), inner, path);
      sink.ascii('\r\n');
      path.pop();
    }
    sink.spaces(indent);
    sink.byte(0x7d);
  }

  private array(a: readonly Psd1Value[], indent: number, path: (string | number)[]): void {
    const sink = this.sink;
    if (a.length === 0) {
      sink.ascii('@()');
      return;
    }
    if (this.inlineArray(a, path)) return;
    // @( ) enumerates what its statement outputs one level deep: a lone item that is itself an
    // array must be wrapped by the unary comma, or it would be flattened into its parent.
    const inner = indent + 4;
    sink.ascii('@(\r\n');
    sink.spaces(inner);
    if (a.length === 1 && Array.isArray(a[0])) sink.byte(0x2c);
    for (let i = 0; i < a.length; i++) {
      if (i > 0) {
        sink.ascii(',\r\n');
        sink.spaces(inner);
      }
      path.push(i);
      this.value(a[i], inner, path);
      path.pop();
    }
    sink.ascii('\r\n');
    sink.spaces(indent);
    sink.byte(0x29);
  }

  /**
   * Writes `@('a', 1)` when every item is a one-line scalar and the whole fits `inlineWidth`
   * bytes; otherwise writes nothing and returns false.
   */
  private inlineArray(a: readonly Psd1Value[], path: (string | number)[]): boolean {
    const sink = this.sink;
    const start = sink.length;
    sink.ascii('@(');
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      const oneLineScalar = typeof v === 'string' ? !LINE_BREAK.test(v) : v === null || typeof v !== 'object';
      if (!oneLineScalar) {
        sink.truncate(start);
        return false;
      }
      if (i > 0) sink.ascii(', ');
      path.push(i);
      if (typeof v === 'string') this.string(v, path);
      else sink.ascii(this.scalar(v as number | boolean | null, path));
      path.pop();
      if (sink.length - start >= this.inlineWidth) {
        sink.truncate(start); // the closing ) would pass the width
        return false;
      }
    }
    sink.byte(0x29);
    return true;
  }

  private scriptBlock(b: ScriptBlock, path: readonly (string | number)[]): void {
    const check = scanCode(b.text, 0, null, true);
    if (!check.ok) {
      throw new RenderError(
        pathText(path),
        `script block text is not self-contained (${check.reason}, at offset ${check.at}); it could end the block early`,
      );
    }
    this.sink.byte(0x7b);
    const bad = this.sink.utf8(b.text);
    if (bad >= 0)
      throw new RenderError(
        pathText(path),
        `the script block has a lone surrogate at index ${bad}, which UTF-8 cannot encode`,
      );
    this.sink.byte(0x7d);
  }
}

const LINE_BREAK = /[\r\n]/;

function describeType(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** Formats a value path as `A.B[2].C` for messages. */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : String(step);
  return out;
}
