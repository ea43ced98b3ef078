import { ScriptBlock } from '../psd1';

/**
 * A value as a TypeScript literal: strings through JSON.stringify (every character escaped as
 * TypeScript reads it), arrays and objects across lines at `indent`, ScriptBlock values as
 * `new ScriptBlock(...)`. Object keys that are identifiers are written bare.
 */
export function tsLiteral(value: unknown, indent = ''): string {
  if (value instanceof Code) return value.code;
  if (value instanceof ScriptBlock) return `new ScriptBlock(${JSON.stringify(value.text)})`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const short = `[${value.map((v) => tsLiteral(v)).join(', ')}]`;
    if (
      short.length <= 80 &&
      !short.includes('\n') &&
      value.every((v) => typeof v !== 'object' || v === null || v instanceof Code)
    )
      return short;
    const inner = indent + '  ';
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== undefined) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${tsLiteral(v, inner)},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`no TypeScript literal for ${typeof value}`);
}

/** TypeScript code written as it is inside a literal (a reference to a variable). */
export class Code {
  constructor(readonly code: string) {}
}

/** A TypeScript identifier from a name (`DnsAdmin` -> `dnsAdmin`, `JEA-DNS` -> `jeaDns`), unique within `taken`. */
export function identifier(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base =
    words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('') ||
    'item';
  if (/^\d/.test(base)) base = `_${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}
