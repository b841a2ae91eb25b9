/**
 * Dictionary encoding for one compared field: each distinct value gets a small integer id, rows
 * store ids in typed arrays, and the number of rows holding each value is kept for frequency-based
 * weights. A million rows then cost a few integer arrays instead of a million objects, and
 * "equal values" is an integer comparison.
 *
 * The index is an open-addressing hash table in typed arrays, with each value's 32-bit hash kept
 * beside it: a lookup compares strings only when hashes agree, and growing never touches the
 * strings. At a million distinct values this is markedly faster than a Map<string, number>.
 */
import { ownString } from '../text/own-string.js';

/** Rows a frequency is measured against at least (see Dictionary.frequency). */
export const MIN_POPULATION = 10_000;

/** FNV-1a, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Dictionary {
  readonly values: string[] = [];
  private hashes = new Uint32Array(256);
  private countArr = new Int32Array(256);
  private table = new Int32Array(512).fill(-1);
  private mask = 511;
  /** Rows counted with a non-empty value. */
  total = 0;
  /** True when the last id() call added its value. */
  added = false;

  get size(): number {
    return this.values.length;
  }

  /** The id of a value (-1 for ''), adding it if new; `count` adds one row to its frequency. */
  id(value: string, count: boolean): number {
    this.added = false;
    if (value === '') return -1;
    const h = hash32(value);
    let slot = h & this.mask;
    let id: number;
    for (;;) {
      id = this.table[slot];
      if (id < 0) break;
      if (this.hashes[id] === h && this.values[id] === value) {
        if (count) {
          this.countArr[id]++;
          this.total++;
        }
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    id = this.values.length;
    // Kept for the whole match: a copy of its own, since a cut of a cell (or of a night's kept
    // values) would keep the text it was cut from alive (own-string.ts).
    this.values.push(ownString(value));
    if (id >= this.hashes.length) {
      const size = this.hashes.length * 2;
      const hashes = new Uint32Array(size);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const counts = new Int32Array(size);
      counts.set(this.countArr);
      this.countArr = counts;
    }
    this.hashes[id] = h;
    this.table[slot] = id;
    if (this.values.length * 2 > this.mask) this.rehash();
    this.added = true;
    if (count) {
      this.countArr[id]++;
      this.total++;
    }
    return id;
  }

  /** The id of a value already present, or -1. */
  find(value: string): number {
    if (value === '') return -1;
    const h = hash32(value);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id < 0) return -1;
      if (this.hashes[id] === h && this.values[id] === value) return id;
    }
  }

  /** The 32-bit hash of a value by id (for keys built from ids without rebuilding strings). */
  hashOf(id: number): number {
    return this.hashes[id];
  }

  count(id: number): number {
    return id < 0 ? 0 : this.countArr[id];
  }

  /**
   * The chance that a random other row holds this value: (count − 1) / rows, the −1 because the
   * row asking is one of the holders (a value seen twice, as a duplicate pair, is as rare as one
   * seen once). Small lists are judged as if they had MIN_POPULATION rows: in a file of twenty
   * rows every value would otherwise look common.
   */
  frequency(id: number): number {
    if (id < 0) return 0;
    const others = Math.max(0, this.countArr[id] - 1);
    return others / Math.max(this.total, MIN_POPULATION);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(-1);
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id] & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}

/** A growable Int32Array column. */
export class IntColumn {
  data: Int32Array;
  private readonly fillValue: number;

  constructor(capacity: number, fill = -1) {
    this.data = new Int32Array(Math.max(16, capacity)).fill(fill);
    this.fillValue = fill;
  }

  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const grown = new Int32Array(Math.max(i + 1, this.data.length * 2)).fill(this.fillValue);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[i] = v;
  }

  get(i: number): number {
    return this.data[i];
  }
}
