import { cultureKeysEqual, isPlainAscii, looseFold, ordinalFold } from './casing';
import { dotnetDoubleText } from './dotnet-text';

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
 * Folds a key so that keys PowerShell takes for the same key in a data file fold alike (see
 * {@link PsHashtable.add}): a number by its text (`1` with `'1'`, `-0` with `0`), a string
 * case-insensitively without the characters the culture ignores (casing.ts looseFold). The fold
 * is coarser than PowerShell's comparison (`'\u00e9'` folds with `'e'`): use it to group keys,
 * and {@link PsHashtable.add} or {@link PsHashtable.collision} to decide.
 */
export function foldKey(key: Psd1Key): string {
  if (typeof key === 'number') return numberKeyText(key === 0 ? 0 : key);
  return key === '-0' ? '0' : looseFold(key);
}

/**
 * The text PowerShell's parser compares a number key by (`ToString()`), for a number as our
 * writer writes it: an Int32/Int64 for a safe integer, otherwise a Double.
 */
export function numberKeyText(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return Number.isSafeInteger(n) ? String(n) : dotnetDoubleText(n);
}

/** What a table knows about its number keys and its keys outside printable ASCII (rare). */
interface KeyExtras {
  /** The folded `ToString()` text of each number key -> entry number. */
  readonly numberTexts: Map<string, number>;
  /** The text of each number key, by entry number. */
  readonly textOf: Map<number, string>;
  /** Entry numbers of string keys with a character outside printable ASCII. */
  readonly oddKeys: number[];
}

/** Tables up to this many keys are searched linearly (cheaper than a Map for JEA-sized tables). */
const LINEAR_LIMIT = 12;

/**
 * An ordered hashtable literal `@{ ... }`: keys keep their source spelling and order; lookup is
 * case-insensitive, as in PowerShell, and a key may appear once, by PowerShell's rules for data
 * files (see {@link PsHashtable.add}).
 */
export class PsHashtable {
  /** Keys and values interleaved: [key0, value0, key1, value1, ...] (one allocation per table). */
  private readonly items: (Psd1Key | Psd1Value)[] = [];
  /** Folded key -> entry number, built once a table grows past {@link LINEAR_LIMIT} keys. */
  private index: Map<string | number, number> | undefined;
  /** Created with the first number key or key outside printable ASCII. */
  private extras: KeyExtras | undefined;

  /** Builds a hashtable from entries; throws on a duplicate key (see {@link PsHashtable.add}). */
  static from(entries: Iterable<readonly [Psd1Key, Psd1Value]>): PsHashtable {
    const table = new PsHashtable();
    for (const [key, value] of entries) {
      if (!table.add(key, value))
        throw new Error(`duplicate key '${String(key)}' (PowerShell compares keys case-insensitively)`);
    }
    return table;
  }

  /**
   * Adds an entry; returns false (and changes nothing) when PowerShell would refuse the key as a
   * duplicate in a data file: the same string under OrdinalIgnoreCase (its parser) or under the
   * culture's IgnoreCase comparison (the Hashtable Import-PowerShellDataFile builds, which ignores
   * characters like NUL and the soft hyphen), the same number, or a number whose `ToString()`
   * text equals a string key (`@{ 1 = 'a'; '1' = 'b' }`, SemanticChecks.cs). `text` is that text
   * for a number key as written in the source (`1.50d` is `1.50`); by default the text of the
   * number as our writer writes it.
   */
  add(key: Psd1Key, value: Psd1Value, text?: string): boolean {
    const plain = typeof key === 'string' && isPlainAscii(key);
    if (this.indexOf(key) >= 0 || (!(plain && this.extras === undefined) && this.slowCollision(key, text, plain) >= 0))
      return false;
    const at = this.items.length >> 1;
    this.items.push(key, value);
    if (typeof key === 'number') {
      const t = text ?? numberKeyText(key);
      const extras = (this.extras ??= newExtras());
      extras.numberTexts.set(ordinalFold(t), at);
      extras.textOf.set(at, t);
    } else if (!plain) {
      (this.extras ??= newExtras()).oddKeys.push(at);
    }
    if (this.index) this.index.set(indexKey(key), at);
    else if (at + 1 > LINEAR_LIMIT) {
      this.index = new Map();
      for (let i = 0; i <= at; i++) this.index.set(indexKey(this.items[i * 2] as Psd1Key), i);
    }
    return true;
  }

  /**
   * The entry PowerShell would take `key` for a duplicate of (see {@link PsHashtable.add}), or -1.
   * Keys of printable ASCII in a table without number keys take the fast path.
   */
  collision(key: Psd1Key, text?: string): number {
    const at = this.indexOf(key);
    if (at >= 0) return at;
    return this.slowCollision(key, text, typeof key === 'string' && isPlainAscii(key));
  }

  /** {@link PsHashtable.collision} past the same-key check: number texts and the culture's comparison. */
  private slowCollision(key: Psd1Key, text: string | undefined, plain: boolean): number {
    if (typeof key === 'number') {
      // a string key spelled like the number's text
      return this.indexOf(text ?? numberKeyText(key));
    }
    const extras = this.extras;
    if (!extras) return plain ? -1 : this.cultureCollision(key, undefined);
    const asNumber = extras.numberTexts.get(ordinalFold(key));
    if (asNumber !== undefined) return asNumber;
    return plain ? this.cultureCollision(key, extras.oddKeys) : this.cultureCollision(key, undefined);
  }

  /** The `ToString()` text a number key was added with, if entry `i` has a number key. */
  numberTextAt(i: number): string | undefined {
    return this.extras?.textOf.get(i);
  }

  /** The first string key (of `among`, or of all) equal to `key` under the culture's IgnoreCase. */
  private cultureCollision(key: string, among: readonly number[] | undefined): number {
    const items = this.items;
    const n = among ? among.length : items.length >> 1;
    for (let k = 0; k < n; k++) {
      const i = among ? among[k] : k;
      const other = items[i * 2];
      if (typeof other === 'string' && cultureKeysEqual(key, other)) return i;
    }
    return -1;
  }

  /** The position of a key (case-insensitive) in source order, or -1. */
  indexOf(key: Psd1Key): number {
    if (this.index) return this.index.get(indexKey(key)) ?? -1;
    const items = this.items;
    for (let i = 0; i < items.length; i += 2) {
      if (sameKey(items[i] as Psd1Key, key)) return i >> 1;
    }
    return -1;
  }

  /** The value of a key (case-insensitive), or undefined. */
  get(key: Psd1Key): Psd1Value | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.items[i * 2 + 1];
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
    for (let i = 0; i < this.items.length; i += 2) yield [this.items[i] as Psd1Key, this.items[i + 1]];
  }

  /** The key of entry `i` (0-based, source order). */
  keyAt(i: number): Psd1Key {
    return this.items[i * 2] as Psd1Key;
  }

  /** The value of entry `i` (0-based, source order). */
  valueAt(i: number): Psd1Value {
    return this.items[i * 2 + 1];
  }
}

/** Key equality as PowerShell's parser: numbers by value, strings OrdinalIgnoreCase, never across types. */
function sameKey(a: Psd1Key, b: Psd1Key): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x80 || y >= 0x80) return ordinalFold(a) === ordinalFold(b);
    // ASCII letters differ by 0x20 only in case
    if ((x | 0x20) !== (y | 0x20) || (x | 0x20) < 0x61 || (x | 0x20) > 0x7a) return false;
  }
  return true;
}

/** The key of the lookup index: a number itself, a string folded as OrdinalIgnoreCase. */
function indexKey(key: Psd1Key): string | number {
  return typeof key === 'number' ? key : ordinalFold(key);
}

function newExtras(): KeyExtras {
  return { numberTexts: new Map(), textOf: new Map(), oddKeys: [] };
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
