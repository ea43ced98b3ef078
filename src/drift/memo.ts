/**
 * A bounded cache of results per owner object and text key. Across a fleet most hosts hold the
 * same file texts, so a file is parsed and compared once per distinct text; the bound keeps memory
 * constant however many distinct texts a fleet has (the oldest entry goes first).
 */
export class Memo<K extends object, V> {
  private readonly maps = new WeakMap<K, Map<string, V>>();
  /** The last hit per owner: most hosts repeat it, and comparing two strings is cheaper than hashing one. */
  private readonly last = new WeakMap<K, { key: string; value: V }>();

  constructor(
    /** Most entries kept per owner. */
    private readonly limit = 64,
  ) {}

  /** The result for `owner` and `key`, computed once while it stays cached. */
  get(owner: K, key: string, compute: () => V): V {
    const last = this.last.get(owner);
    if (last !== undefined && last.key === key) return last.value;
    let map = this.maps.get(owner);
    if (!map) this.maps.set(owner, (map = new Map<string, V>()));
    let value = map.get(key);
    if (value === undefined) {
      value = compute();
      if (map.size >= this.limit) map.delete(map.keys().next().value as string);
      map.set(key, value);
    }
    this.last.set(owner, { key, value });
    return value;
  }
}
