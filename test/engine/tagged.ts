/**
 * The engine's values as tagged JSON (test/engine/ps/tagged.ps1), and their comparison with our
 * parser's values. The .NET types are mapped explicitly: String to string, Boolean to boolean,
 * every numeric type (Int32, Int64, Double, Decimal) to its value as a double, Hashtable to a
 * case-insensitive map, Object[] to an array, ScriptBlock to its text between the outer braces.
 */
import { foldKey, Psd1Value, PsHashtable, ScriptBlock } from '../../src/psd1';

/** A .NET value as the engine scripts tag it. */
export type Tagged =
  | { t: 'null' }
  | { t: 'string'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'scriptblock'; v: string }
  | { t: 'number'; type: string; v: string }
  | { t: 'hashtable'; type: string; entries: { k: Tagged; v: Tagged }[] }
  | { t: 'array'; type: string; items: Tagged[] }
  | { t: 'other'; type: string; v: string };

/** What the engine answered for one input: a value, or its error message. */
export type EngineAnswer = { ok: true; value: Tagged } | { ok: false; error: string };

/**
 * The first difference between our value and the engine's, as a path and both sides, or
 * undefined when they are the same value.
 */
export function differenceFrom(ours: Psd1Value, engine: Tagged, at = '$'): string | undefined {
  const show = (x: unknown) =>
    JSON.stringify(x, (_k, v) =>
      v instanceof PsHashtable ? Object.fromEntries(v.entries()) : v instanceof ScriptBlock ? `{${v.text}}` : v,
    );
  const differ = (what: string) => `${at}: ${what} (ours ${show(ours)}, engine ${JSON.stringify(engine)})`;
  switch (engine.t) {
    case 'null':
      return ours === null ? undefined : differ('null expected');
    case 'string':
      return ours === engine.v ? undefined : differ('strings differ');
    case 'bool':
      return ours === engine.v ? undefined : differ('booleans differ');
    case 'number':
      return typeof ours === 'number' && Object.is(ours, Number(engine.v))
        ? undefined
        : differ(`numbers differ (engine ${engine.type})`);
    case 'scriptblock':
      // The engine keeps the braces in the extent text; we keep the text between them.
      return ours instanceof ScriptBlock && `{${ours.text}}` === engine.v ? undefined : differ('script blocks differ');
    case 'array':
      if (!Array.isArray(ours)) return differ('array expected');
      if (ours.length !== engine.items.length) return differ(`array lengths ${ours.length} and ${engine.items.length}`);
      for (let i = 0; i < ours.length; i++) {
        const d = differenceFrom(ours[i], engine.items[i], `${at}[${i}]`);
        if (d) return d;
      }
      return undefined;
    case 'hashtable': {
      if (!(ours instanceof PsHashtable)) return differ('hashtable expected');
      if (ours.size !== engine.entries.length) return differ(`key counts ${ours.size} and ${engine.entries.length}`);
      for (const entry of engine.entries) {
        const key = entry.k.t === 'string' ? entry.k.v : entry.k.t === 'number' ? Number(entry.k.v) : undefined;
        if (key === undefined) return differ(`a key of type ${entry.k.t}`);
        const mine = ours.get(key);
        if (
          mine === undefined ||
          typeof ours.spellingOf(key) !== typeof key ||
          foldKey(String(ours.spellingOf(key))) !== foldKey(String(key))
        )
          return differ(`key ${JSON.stringify(key)} missing`);
        const d = differenceFrom(mine, entry.v, `${at}[${JSON.stringify(key)}]`);
        if (d) return d;
      }
      return undefined;
    }
    default:
      return differ(`a .NET ${engine.type} we do not model`);
  }
}
