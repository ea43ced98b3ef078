/**
 * The values a PowerShell data file can hold, as the parser produces them and the writer takes
 * them: strings, numbers, booleans, `$null`, arrays, ordered hashtables and script blocks.
 */
export type Psd1Value = string | number | boolean | null | Psd1Value[] | PsHashtable | ScriptBlock;

/** A hashtable key as written: a string, or a number for a numeric key (`@{ 1 = 'a' }`). */
export type Psd1Key = string | number;

/** A script block `{ ... }`, kept as the exact source text between its outer braces. */
export class ScriptBlock {
  constructor(
    /** The text between the braces, byte for byte (no trimming). */
    readonly text: string,
  ) {}
}

/**
 * Folds a key the way PowerShell compares hashtable keys: ordinal, case-insensitive, one UTF-16
 * unit at a time (StringComparer.OrdinalIgnoreCase upper-cases each code unit invariantly).
 */
export function foldKey(key: Psd1Key): string | number {
  // A number key is a different key from the string of its digits (@{ 1 = 'a'; '1' = 'b' }).
  if (typeof key === 'number') return key;
  let ascii = true;
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return key.toUpperCase();
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    const up = ch.toUpperCase();
    out += up.length === 1 ? up : ch;
  }
  return out;
}

/** Tables up to this many keys are searched linearly (cheaper than a Map for JEA-sized tables). */
const LINEAR_LIMIT = 12;

/**
 * An ordered hashtable literal `@{ ... }`: keys keep their source spelling and order; lookup is
 * case-insensitive, as in PowerShell, and a key may appear once.
 */
export class PsHashtable {
  /** Keys and values interleaved: [key0, value0, key1, value1, ...] (one allocation per table). */
  private readonly items: (Psd1Key | Psd1Value)[] = [];
  /** Folded key -> entry number, built once a table grows past {@link LINEAR_LIMIT} keys. */
  private index: Map<string | number, number> | undefined;

  /** Builds a hashtable from entries; throws on a duplicate key (compared case-insensitively). */
  static from(entries: Iterable<readonly [Psd1Key, Psd1Value]>): PsHashtable {
    const table = new PsHashtable();
    for (const [key, value] of entries) {
      if (!table.add(key, value)) throw new Error(`duplicate key '${String(key)}' (keys compare case-insensitively)`);
    }
    return table;
  }

  /** Adds an entry; returns false (and changes nothing) when the key is already present. */
  add(key: Psd1Key, value: Psd1Value): boolean {
    if (this.indexOf(key) >= 0) return false;
    const at = this.items.length >> 1;
    this.items.push(key, value);
    if (this.index) this.index.set(foldKey(key), at);
    else if (at + 1 > LINEAR_LIMIT) {
      this.index = new Map();
      for (let i = 0; i <= at; i++) this.index.set(foldKey(this.items[i * 2] as Psd1Key), i);
    }
    return true;
  }

  /** The position of a key (case-insensitive) in source order, or -1. */
  indexOf(key: Psd1Key): number {
    if (this.index) return this.index.get(foldKey(key)) ?? -1;
    const items = this.items;
    for (let i = 0; i < items.length; i += 2) {
      if (sameKey(items[i] as Psd1Key, key)) return i >> 1;
    }
    return -1;
  }

  /** The value of a key (case-insensitive), or undefined. */
  get(key: Psd1Key): Psd1Value | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : (this.items[i * 2 + 1] as Psd1Value);
  }

  /** Whether the key is present (case-insensitive). */
  has(key: Psd1Key): boolean {
    return this.indexOf(key) >= 0;
  }

  /** The key as spelled in the source for a key given in any case, or undefined. */
  spellingOf(key: Psd1Key): Psd1Key | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : (this.items[i * 2] as Psd1Key);
  }

  /** The number of entries. */
  get size(): number {
    return this.items.length >> 1;
  }

  /** The keys in source order. */
  keys(): Psd1Key[] {
    const out: Psd1Key[] = [];
    for (let i = 0; i < this.items.length; i += 2) out.push(this.items[i] as Psd1Key);
    return out;
  }

  /** The entries in source order. */
  *entries(): IterableIterator<[Psd1Key, Psd1Value]> {
    for (let i = 0; i < this.items.length; i += 2) yield [this.items[i] as Psd1Key, this.items[i + 1] as Psd1Value];
  }

  /** The key of entry `i` (0-based, source order). */
  keyAt(i: number): Psd1Key {
    return this.items[i * 2] as Psd1Key;
  }

  /** The value of entry `i` (0-based, source order). */
  valueAt(i: number): Psd1Value {
    return this.items[i * 2 + 1] as Psd1Value;
  }
}

/** Key equality as PowerShell's: numbers by value, strings ordinal case-insensitive, never across types. */
function sameKey(a: Psd1Key, b: Psd1Key): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0x80 && y < 0x80) {
      // ASCII letters differ by 0x20 only in case
      if ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 0x61 || (x | 0x20) > 0x7a) return false;
    } else if (foldKey(a[i]) !== foldKey(b[i])) {
      return false;
    }
  }
  return true;
}

/** Structural equality of two values: hashtables compare key sets case-insensitively and ignore order. */
export function valuesEqual(a: Psd1Value, b: Psd1Value): boolean {
  if (a === b) return true;
  if (a instanceof ScriptBlock) return b instanceof ScriptBlock && a.text === b.text;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (a instanceof PsHashtable) {
    if (!(b instanceof PsHashtable) || a.size !== b.size) return false;
    for (const [key, value] of a.entries()) {
      const other = b.get(key);
      if (other === undefined || !valuesEqual(value, other)) return false;
    }
    return true;
  }
  return false;
}
