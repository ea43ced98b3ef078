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

/**
 * An ordered hashtable literal `@{ ... }`: keys keep their source spelling and order; lookup is
 * case-insensitive, as in PowerShell, and a key may appear once.
 */
export class PsHashtable {
  private readonly index = new Map<string | number, number>();
  private readonly keyList: Psd1Key[] = [];
  private readonly valueList: Psd1Value[] = [];

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
    const folded = foldKey(key);
    if (this.index.has(folded)) return false;
    this.index.set(folded, this.keyList.length);
    this.keyList.push(key);
    this.valueList.push(value);
    return true;
  }

  /** The value of a key (case-insensitive), or undefined. */
  get(key: Psd1Key): Psd1Value | undefined {
    const i = this.index.get(foldKey(key));
    return i === undefined ? undefined : this.valueList[i];
  }

  /** Whether the key is present (case-insensitive). */
  has(key: Psd1Key): boolean {
    return this.index.has(foldKey(key));
  }

  /** The key as spelled in the source for a key given in any case, or undefined. */
  spellingOf(key: Psd1Key): Psd1Key | undefined {
    const i = this.index.get(foldKey(key));
    return i === undefined ? undefined : this.keyList[i];
  }

  /** The number of entries. */
  get size(): number {
    return this.keyList.length;
  }

  /** The keys in source order. */
  keys(): readonly Psd1Key[] {
    return this.keyList;
  }

  /** The entries in source order. */
  *entries(): IterableIterator<[Psd1Key, Psd1Value]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i], this.valueList[i]];
  }
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
