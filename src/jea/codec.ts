import { Psd1Value, PsHashtable, ScriptBlock } from '../psd1';
import { Issues } from './issues';
import { didYouMean } from './suggest';

/**
 * Converts one field between its data-file value and its model value. `decode` reports what
 * PowerShell itself would refuse (wrong shape or type) and returns undefined for it.
 */
export interface Codec<T> {
  decode(value: Psd1Value, issues: Issues): T | undefined;
  encode(value: T): Psd1Value;
}

/** A model property, the file key it is stored under, and its codec. */
export interface Field {
  readonly prop: string;
  readonly key: string;
  readonly codec: Codec<never>;
}

/** Declares a field (the cast lets tables mix codecs of different types). */
export function field<T>(prop: string, key: string, codec: Codec<T>): Field {
  return { prop, key, codec: codec as unknown as Codec<never> };
}

/** How a value's type reads in a message: `a string`, `an array`, `a script block`. */
export function typeName(v: Psd1Value): string {
  if (v === null) return '$null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof PsHashtable) return 'a hashtable';
  if (v instanceof ScriptBlock) return 'a script block';
  return `a ${typeof v}`;
}

/** A string. */
export const text: Codec<string> = {
  decode: (v, issues) => (typeof v === 'string' ? v : void issues.add(v, `expected a string, found ${typeName(v)}`)),
  encode: (v) => v,
};

/** A string, also read from a number (PowerShellVersion = 5.1). */
export const version: Codec<string> = {
  decode: (v, issues) =>
    typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? String(v)
        : void issues.add(v, `expected a version string, found ${typeName(v)}`),
  encode: (v) => v,
};

/** $true or $false. */
export const bool: Codec<boolean> = {
  decode: (v, issues) =>
    typeof v === 'boolean' ? v : void issues.add(v, `expected $true or $false, found ${typeName(v)}`),
  encode: (v) => v,
};

/** A number. */
export const number: Codec<number> = {
  decode: (v, issues) => (typeof v === 'number' ? v : void issues.add(v, `expected a number, found ${typeName(v)}`)),
  encode: (v) => v,
};

/** One of fixed values, matched case-insensitively, kept in canonical spelling. */
export function oneOf<T extends string>(values: readonly T[]): Codec<T> {
  return {
    decode: (v, issues) => {
      const found = typeof v === 'string' ? values.find((x) => x.toLowerCase() === v.toLowerCase()) : undefined;
      if (found === undefined) issues.add(v, `expected one of ${values.join(', ')}`);
      return found;
    },
    encode: (v) => v,
  };
}

/** A list: an array, or a single item (PowerShell accepts both); written as an array. */
export function list<T>(item: Codec<T>): Codec<readonly T[]> {
  return {
    decode: (v, issues) => {
      const items = Array.isArray(v) ? v : [v];
      const out: T[] = [];
      items.forEach((x, i) => {
        const decoded = item.decode(x, Array.isArray(v) ? issues.at(i) : issues);
        if (decoded !== undefined) out.push(decoded);
      });
      return out;
    },
    encode: (v) => (Array.isArray(v) ? (v as readonly T[]) : [v as T]).map((x) => item.encode(x)),
  };
}

/** Reads a hashtable of known keys (matched case-insensitively); unknown keys are issues. */
export function decodeTable(
  v: Psd1Value,
  issues: Issues,
  fields: readonly Field[],
  what: string,
): Record<string, unknown> | undefined {
  if (!(v instanceof PsHashtable)) {
    issues.add(v, `expected a hashtable (${what}), found ${typeName(v)}`);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of v.entries()) {
    const f = fields.find((x) => x.key.toLowerCase() === String(key).toLowerCase());
    if (!f) {
      const allowed = fields.map((x) => x.key);
      issues
        .at(String(key))
        .add(value, `unknown key in ${what}.${didYouMean(String(key), allowed)} Allowed: ${allowed.join(', ')}`);
      continue;
    }
    const decoded = f.codec.decode(value, issues.at(f.key));
    if (decoded !== undefined) out[f.prop] = decoded;
  }
  return out;
}

/**
 * Writes the model's fields that are set, in the table's order, under their canonical keys. A
 * property the table does not know (a JavaScript caller's `validateset`) is written under its own
 * name, so that decoding reports it where it is (never dropped: a dropped constraint would leave a
 * parameter open).
 */
export function encodeTable(model: object, fields: readonly Field[]): PsHashtable {
  const table = new PsHashtable();
  for (const f of fields) {
    const value = (model as Record<string, unknown>)[f.prop];
    if (value !== undefined) table.add(f.key, f.codec.encode(value as never));
  }
  for (const [prop, value] of Object.entries(model)) {
    if (value !== undefined && !fields.some((f) => f.prop === prop)) table.add(prop, rawValue(value));
  }
  return table;
}

/** A JavaScript value as data, for reporting what a declaration holds that no field takes. */
function rawValue(v: unknown): Psd1Value {
  if (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v instanceof ScriptBlock ||
    v instanceof PsHashtable
  )
    return v;
  if (Array.isArray(v)) return v.map(rawValue);
  if (typeof v === 'object') return PsHashtable.from(Object.entries(v).map(([k, x]) => [k, rawValue(x)] as const));
  // what is left: undefined, a bigint, a symbol or a function
  const rest = v as undefined | bigint | symbol | ((...args: never[]) => unknown);
  return String(rest);
}

/** A hashtable with fixed keys, as a model object; `required` keys must be present. */
export function record<T>(fields: readonly Field[], what: string, required: readonly string[] = []): Codec<T> {
  return {
    decode: (v, issues) => {
      const out = decodeTable(v, issues, fields, what);
      if (!out || !(v instanceof PsHashtable)) return undefined;
      let complete = true;
      for (const prop of required) {
        const key = fields.find((f) => f.prop === prop)!.key;
        if (!v.has(key)) issues.add(v, `${what} needs ${key}`);
        if (out[prop] === undefined) complete = false;
      }
      return complete ? (out as T) : undefined;
    },
    encode: (v) => encodeTable(v as object, fields),
  };
}

/**
 * Declared text (script blocks, multi-line descriptions) is written with CRLF line breaks, as the
 * whole file is: a file of mixed line breaks is what `git` line-ending conversion silently
 * rewrites, which would break the SHA-256 the registration script checks.
 */
function withCrlf(value: Psd1Value): Psd1Value {
  return hasLoneBreak(value) ? crlf(value) : value;
}

const LONE_BREAK = /(?<!\r)\n|\r(?!\n)/;

/** Whether any text in a value has a line break that is not CRLF (a scan without allocation). */
function hasLoneBreak(value: Psd1Value): boolean {
  if (typeof value === 'string') return LONE_BREAK.test(value);
  if (value instanceof ScriptBlock) return LONE_BREAK.test(value.text);
  if (Array.isArray(value)) return value.some(hasLoneBreak);
  if (value instanceof PsHashtable) {
    for (let i = 0; i < value.size; i++) if (hasLoneBreak(value.valueAt(i))) return true;
  }
  return false;
}

function crlf(value: Psd1Value): Psd1Value {
  if (typeof value === 'string') return LONE_BREAK.test(value) ? value.replace(/\r?\n|\r/g, '\r\n') : value;
  if (value instanceof ScriptBlock) {
    const text = crlf(value.text) as string;
    return text === value.text ? value : new ScriptBlock(text);
  }
  if (Array.isArray(value)) {
    const items = value.map(crlf);
    return items.some((v, i) => v !== value[i]) ? items : value;
  }
  if (value instanceof PsHashtable) {
    const values = [...value.entries()].map(([, v]) => crlf(v));
    return values.some((v, i) => v !== value.valueAt(i))
      ? PsHashtable.from([...value.keys()].map((k, i) => [k, values[i]]))
      : value;
  }
  return value;
}

/**
 * Normalizes a declared model through its data-file form: encoding then decoding catches values
 * of the wrong type from JavaScript callers (as PowerShell would refuse them), and empty lists and
 * tables are dropped so that a declaration and its parsed file are the same model. Line breaks in
 * declared text become CRLF.
 */
export function normalizeModel<T extends object>(model: T, fields: readonly Field[], issues: Issues): T | undefined {
  const pruned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model) as [string, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0 &&
      !(value instanceof ScriptBlock)
    )
      continue;
    pruned[key] = value;
  }
  const known = Object.fromEntries(Object.entries(pruned).filter(([k]) => fields.some((f) => f.prop === k)));
  let table: Psd1Value;
  try {
    table = withCrlf(encodeTable(known, fields));
  } catch (e) {
    issues.add(model, `cannot be written as a PowerShell data file: ${(e as Error).message}`);
    return undefined;
  }
  const unknown = Object.keys(pruned).filter((k) => !fields.some((f) => f.prop === k));
  for (const k of unknown)
    issues.at(k).add(pruned[k], `unknown property (allowed: ${fields.map((f) => f.prop).join(', ')})`);
  return decodeTable(table, issues, fields, 'the declaration') as T | undefined;
}
