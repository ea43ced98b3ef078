import { ScriptBlock } from '../psd1';
import { Change } from './finding';

/**
 * Combinators for semantic comparison: each compares a declared and an actual value and records
 * the differences with their paths. Lists PowerShell treats as sets compare as sets, keyed lists
 * compare item by item under `List['key']`, and `undefined` equals an empty list (a file may
 * write `@()` where a declaration leaves a field out).
 */
export type Diff<T> = (declared: T | undefined, actual: T | undefined, path: string, out: Change[]) => void;

/** `path.key`, or `key` at the root. */
export function fieldStep(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `path['key']` (a quote in the key is doubled, as in a PowerShell string). */
export function keyStep(path: string, key: string): string {
  return `${path}['${key.replace(/'/g, "''")}']`;
}

/** A value as JSON shows it in a finding: script blocks as `{"$scriptblock": text}`, undefined as null. */
export function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof ScriptBlock) return { $scriptblock: value.text };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out;
  }
  return value;
}

/** Folds case the way PowerShell compares names (invariant, case-insensitive). */
export const fold = (s: string): string => s.toUpperCase();

/** Text where only line breaks, trailing spaces and surrounding blank lines do not count. */
export const prose = (s: string): string =>
  s
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

/**
 * A whole value: equal when `key` gives the same key for both sides. `fallback` stands for a
 * missing value (the default PowerShell assumes).
 */
export function scalar<T>(key: (v: T) => unknown = (v) => v, fallback?: T): Diff<T> {
  return (d, a, path, out) => {
    const dv = d ?? fallback;
    const av = a ?? fallback;
    if (dv === undefined && av === undefined) return;
    if (dv !== undefined && av !== undefined && key(dv) === key(av)) return;
    out.push({ path, declared: plain(dv), actual: plain(av) });
  };
}

/** A string compared case-insensitively (names, paths). */
export const name: Diff<string> = scalar(fold);
/** Free text: line breaks and trailing spaces do not count. */
export const text: Diff<string> = scalar(prose);

/** A list that is a set of strings, shown whole: `ci` folds case. Missing equals empty. */
export function stringSet(ci = true): Diff<readonly string[]> {
  const norm = (xs: readonly string[] | undefined) =>
    [...new Set((xs ?? []).map((x) => (ci ? fold(x) : x)))].sort().join('\u0000');
  return (d, a, path, out) => {
    if (norm(d) !== norm(a)) out.push({ path, declared: plain(d ?? []), actual: plain(a ?? []) });
  };
}

/** A list whose order counts (scripts run in order), compared case-insensitively, shown whole. */
export const orderedNames: Diff<readonly string[]> = (d, a, path, out) => {
  const norm = (xs: readonly string[] | undefined) => (xs ?? []).map(fold).join('\u0000');
  if (norm(d) !== norm(a)) out.push({ path, declared: plain(d ?? []), actual: plain(a ?? []) });
};

/** How a keyed list finds its items: a key (compared folded), merging of duplicates, the item's comparison. */
export interface KeyedOptions<T> {
  /** The identity of an item (compared folded). */
  readonly key: (item: T) => string;
  /** How the item is named in paths. @default its key */
  readonly label?: (item: T) => string;
  /** What an item on one side only is shown as. @default the item */
  readonly show?: (item: T) => unknown;
  readonly item: Diff<T>;
  /** Combines two items of one list under the same key. @default the later one wins */
  readonly merge?: (a: T, b: T) => T;
}

function byKey<T>(items: readonly T[] | undefined, o: KeyedOptions<T>): Map<string, { label: string; item: T }> {
  const map = new Map<string, { label: string; item: T }>();
  for (const item of items ?? []) {
    const k = fold(o.key(item));
    const label = o.label ? o.label(item) : o.key(item);
    const had = map.get(k);
    map.set(k, { label: had?.label ?? label, item: had && o.merge ? o.merge(had.item, item) : item });
  }
  return map;
}

/**
 * A list that is a set of items with a key (commands by name, principals, definitions): an item on
 * one side only is a change at `path['key']`; items on both sides are compared below that path.
 */
export function keyed<T>(o: KeyedOptions<T>): Diff<readonly T[]> {
  return (d, a, path, out) => {
    const show = (item: T) => plain(o.show ? o.show(item) : item);
    const dm = byKey(d, o);
    const am = byKey(a, o);
    for (const [k, dv] of dm) {
      const av = am.get(k);
      if (av === undefined) out.push({ path: keyStep(path, dv.label), declared: show(dv.item), actual: null });
      else o.item(dv.item, av.item, keyStep(path, dv.label), out);
    }
    for (const [k, av] of am)
      if (!dm.has(k)) out.push({ path: keyStep(path, av.label), declared: null, actual: show(av.item) });
  };
}

/** A string-keyed table (keys case-insensitive), as a keyed list of its entries. */
export function table<V>(item: Diff<V>): Diff<Readonly<Record<string, V>>> {
  const entries = keyed<readonly [string, V]>({
    key: (e) => e[0],
    show: (e) => e[1],
    item: (d, a, path, out) => item(d?.[1], a?.[1], path, out),
  });
  return (d, a, path, out) => entries(d && Object.entries(d), a && Object.entries(a), path, out);
}

/** A value that may be absent as a whole: present on one side only is one change; else `inner` compares. */
export function optional<T>(inner: Diff<T>): Diff<T> {
  return (d, a, path, out) => {
    if (d === undefined && a === undefined) return;
    if (d === undefined || a === undefined) out.push({ path, declared: plain(d), actual: plain(a) });
    else inner(d, a, path, out);
  };
}

/** One field of a record: the model property, the key paths show, and its comparison. */
export interface FieldDiff {
  readonly prop: string;
  readonly key: string;
  readonly diff: Diff<never>;
}

/** Declares a field of a record comparison. */
export function fieldDiff<T>(prop: string, key: string, diff: Diff<T>): FieldDiff {
  return { prop, key, diff: diff };
}

/** An object compared field by field; properties not listed are not compared. */
export function record<T extends object>(fields: readonly FieldDiff[]): Diff<T> {
  return (d, a, path, out) => {
    const dr = (d ?? {}) as Record<string, unknown>;
    const ar = (a ?? {}) as Record<string, unknown>;
    for (const f of fields) f.diff(dr[f.prop] as never, ar[f.prop] as never, fieldStep(path, f.key), out);
  };
}

/** Runs a comparison and returns its changes. */
export function changes<T>(diff: Diff<T>, declared: T | undefined, actual: T | undefined, path = ''): Change[] {
  const out: Change[] = [];
  diff(declared, actual, path, out);
  return out;
}
