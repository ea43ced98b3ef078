import { Psd1Value, PsHashtable, ScriptBlock } from './value';

/** The JSON key that marks a script block: `{"$scriptblock": "<text between the braces>"}`. */
export const SCRIPTBLOCK_KEY = '$scriptblock';

/**
 * Serializes a value as JSON text (the `jeajit psd1 parse` contract): a hashtable becomes an
 * object in source key order and spelling, an array an array, a script block
 * `{"$scriptblock": text}`. Written by hand because JavaScript objects reorder integer-like keys.
 */
export function toJson(value: Psd1Value, indent = 2): string {
  return write(value, indent > 0 ? ' '.repeat(indent) : '', '');
}

function write(v: Psd1Value, step: string, indent: string): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + step;
  const nl = step ? '\n' : '';
  const sep = step ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${nl}${v.map((x) => inner + write(x, step, inner)).join(`,${nl}`)}${nl}${indent}]`;
  }
  if (v instanceof ScriptBlock)
    return `{${nl}${inner}${JSON.stringify(SCRIPTBLOCK_KEY)}${sep}${JSON.stringify(v.text)}${nl}${indent}}`;
  if (v.size === 0) return '{}';
  const parts: string[] = [];
  for (const [k, x] of v.entries()) parts.push(`${inner}${JSON.stringify(String(k))}${sep}${write(x, step, inner)}`);
  return `{${nl}${parts.join(`,${nl}`)}${nl}${indent}}`;
}

/**
 * Builds a value from parsed JSON (the `jeajit psd1 render` input): objects become hashtables
 * (keys as strings), `{"$scriptblock": text}` a script block. Throws on what JSON has but a
 * data file cannot hold, naming the path.
 */
export function fromJson(json: unknown, path = '$'): Psd1Value {
  if (json === null || typeof json === 'string' || typeof json === 'boolean') return json;
  if (typeof json === 'number') return json;
  if (Array.isArray(json)) return json.map((x, i) => fromJson(x, `${path}[${i}]`));
  if (typeof json === 'object') {
    const keys = Object.keys(json);
    if (keys.includes(SCRIPTBLOCK_KEY)) {
      const text = (json as Record<string, unknown>)[SCRIPTBLOCK_KEY];
      if (keys.length !== 1 || typeof text !== 'string') {
        throw new Error(`${path}: a script block is written {"${SCRIPTBLOCK_KEY}": "<text>"} with no other key`);
      }
      return new ScriptBlock(text);
    }
    const table = new PsHashtable();
    for (const k of keys) {
      if (!table.add(k, fromJson((json as Record<string, unknown>)[k], `${path}.${k}`))) {
        const first = table.keyAt(table.collision(k));
        throw new Error(
          `${path}: keys '${first}' and '${k}' are the same key to PowerShell (it compares keys case-insensitively and ignores characters such as NUL and the soft hyphen)`,
        );
      }
    }
    return table;
  }
  throw new Error(`${path}: ${typeof json} has no PowerShell data equivalent`);
}
