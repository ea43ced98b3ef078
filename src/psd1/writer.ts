import { isSingleQuote } from './chars';
import { scanCode } from './code-scanner';
import { Psd1Key, Psd1Value, PsHashtable, ScriptBlock } from './value';

/** Options for {@link render} and {@link renderText}. */
export interface RenderOptions {
  /** Longest inline array (`@('a', 'b')`) before it is written one item a line. @default 100 */
  readonly inlineWidth?: number;
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const INDENT = '    ';

/**
 * Renders a value as a PowerShell data file: UTF-8 with BOM and CRLF line breaks (what Windows
 * PowerShell 5.1 reads correctly), 4-space indentation, one hashtable entry a line. The output
 * is a function of the value alone, so the same value always gives the same bytes.
 */
export function render(value: Psd1Value, options: RenderOptions = {}): Uint8Array {
  const text = renderText(value, options);
  const body = Buffer.from(text, 'utf8');
  const out = new Uint8Array(BOM.length + body.length);
  out.set(BOM, 0);
  out.set(body, BOM.length);
  return out;
}

/** Renders a value as data-file text (CRLF line breaks, no BOM); see {@link render}. */
export function renderText(value: Psd1Value, options: RenderOptions = {}): string {
  const writer = new Writer(options.inlineWidth ?? 100);
  return writer.value(value, '', []) + '\r\n';
}

/** Keywords that a bare hashtable key must not be (the parser would read a statement). */
const KEYWORDS = new Set(
  (
    'begin break catch class clean configuration continue data define do dynamicparam else elseif end enum exit ' +
    'filter finally for foreach from function hidden if in inlinescript parallel param process return sequence ' +
    'static switch throw trap try until using var while workflow'
  ).split(' '),
);

/**
 * Quotes a string as a single-quoted PowerShell literal. Every single-quote-class character
 * (U+0027 U+2018 U+2019 U+201A U+201B) is doubled, so nothing inside can close the string:
 * single-quoted strings have no other escapes and no expansion.
 */
export function quoteString(s: string): string {
  let out = "'";
  let segment = 0;
  for (let i = 0; i < s.length; i++) {
    if (isSingleQuote(s.charCodeAt(i))) {
      out += s.slice(segment, i + 1) + s[i];
      segment = i + 1;
    }
  }
  return out + s.slice(segment) + "'";
}

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

class Writer {
  constructor(private readonly inlineWidth: number) {}

  value(v: Psd1Value, indent: string, path: (string | number)[]): string {
    if (typeof v === 'string') return quoteString(v);
    if (typeof v === 'number') return this.number(v, path);
    if (typeof v === 'boolean') return v ? '$true' : '$false';
    if (v === null) return '$null';
    if (Array.isArray(v)) return this.array(v, indent, path);
    if (v instanceof PsHashtable) return this.hashtable(v, indent, path);
    if (v instanceof ScriptBlock) return this.scriptBlock(v, path);
    throw new RenderError(pathText(path), `cannot write a value of type ${describeType(v)} (allowed: string, number, boolean, null, array, PsHashtable, ScriptBlock)`);
  }

  private number(v: number, path: readonly (string | number)[]): string {
    if (!Number.isFinite(v)) throw new RenderError(pathText(path), `the number ${v} has no PowerShell literal (allowed: finite numbers)`);
    if (Object.is(v, -0)) return '-0.0';
    // Whole numbers past 2^53 are doubles here; written as digits, PowerShell would read an exact
    // Int64 that differs from this double. The exponent form is read back as the same double.
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return v.toExponential();
    return String(v);
  }

  private key(k: Psd1Key, path: readonly (string | number)[]): string {
    if (typeof k === 'number') return this.number(k, path);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !KEYWORDS.has(k.toLowerCase())) return k;
    return quoteString(k);
  }

  private hashtable(t: PsHashtable, indent: string, path: (string | number)[]): string {
    if (t.size === 0) return '@{}';
    const inner = indent + INDENT;
    let out = '@{\r\n';
    for (const [k, v] of t.entries()) {
      path.push(k);
      out += `${inner}${this.key(k, path)} = ${this.value(v, inner, path)}\r\n`;
      path.pop();
    }
    return out + indent + '}';
  }

  private array(a: readonly Psd1Value[], indent: string, path: (string | number)[]): string {
    if (a.length === 0) return '@()';
    const items = a.map((item, i) => {
      path.push(i);
      const text = this.value(item, indent + INDENT, path);
      path.pop();
      return text;
    });
    // @( ) enumerates what its statement outputs one level deep: a lone item that is itself an
    // array must be wrapped by the unary comma, or it would be flattened into its parent.
    const lone = a.length === 1 && Array.isArray(a[0]) ? ',' : '';
    const inline = `@(${lone}${items.join(', ')})`;
    if (a.every(isScalar) && inline.length <= this.inlineWidth && !/[\r\n]/.test(inline)) return inline;
    const inner = indent + INDENT;
    return `@(\r\n${inner}${lone}${items.join(`,\r\n${inner}`)}\r\n${indent})`;
  }

  private scriptBlock(b: ScriptBlock, path: readonly (string | number)[]): string {
    const check = scanCode(b.text, 0, null, true);
    if (!check.ok) {
      throw new RenderError(pathText(path), `script block text is not self-contained (${check.reason}, at offset ${check.at}); it could end the block early`);
    }
    return `{${b.text}}`;
  }
}

function isScalar(v: Psd1Value): boolean {
  return v === null || typeof v !== 'object';
}

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
