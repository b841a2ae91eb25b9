import { ownString } from './own-string.js';

/**
 * A string-keyed cache of a pure function's results that forgets everything once full. Lead lists
 * repeat their values (cities, domains, company names), so most lookups hit; clearing wholesale
 * bounds memory on a list with millions of distinct values, at the cost of recomputing the few
 * recent ones.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly limit: number,
    private readonly compute: (key: string) => V,
  ) {}

  get(key: string): V {
    let v = this.map.get(key);
    if (v === undefined) {
      // Kept as a string of its own: a cell cut from a block of the input would keep the block
      // alive for as long as the cache keeps it; so would a result cut from the cell.
      const own = ownString(key);
      v = this.compute(own);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(own, v);
    }
    return v;
  }
}
