/**
 * Stable cluster ids. A cluster is named after the smallest record_id among its members (plain
 * code-unit order of the strings): `c-` and ten characters of a 64-bit hash of that record_id in
 * Crockford base32 (digits and lower-case letters without i, l, o, u). The same records get the
 * same cluster_id on a rerun, in another input order, and whichever member survives (survivorship
 * may break ties by input order), as long as the cluster keeps its smallest member. A single
 * record is a cluster of one and gets the id of its own record_id.
 *
 * Rows without a record_id are named by position (#1, #2, …), so their cluster ids follow their
 * position. Ids are unique within a result: on a clash (two clusters whose smallest record_id is
 * the same string, or a hash collision) one cluster keeps the short id and the others take more
 * characters of the hash (12, then 13), then a `-2`, `-3`, … suffix. Clashing clusters are taken
 * in the order of their smallest record_id and then their member ids, so a hash collision is
 * resolved the same way in any input order; two clusters that only a repeated record_id names
 * (the same id on two rows of the input) can only be told apart by position.
 */
import { runSteps, Slice, type Steps } from '../parallel/cooperate.js';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const SHORT = 10;

/** 32-bit hash of a string (FNV-1a over UTF-16 code units, with a final avalanche), seeded. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The last `length` (≤ 13) base32 characters of a record_id's 64-bit hash (the 13th holds 4 bits). */
export function idHash(recordId: string, length = 13): string {
  const hi = hash32(recordId, 0x9e3779b9);
  const lo = hash32(recordId, 0x7f4a7c15);
  // 64 bits as 13 groups of 5 bits, most significant first; built from the least significant.
  let out = '';
  for (let k = 0, p = 0; k < length; k++, p += 5) {
    const v = p + 5 <= 32 ? lo >>> p : p >= 32 ? hi >>> (p - 32) : (lo >>> p) | (hi << (32 - p));
    out = ALPHABET[v & 31] + out;
  }
  return out;
}

/** The cluster id of a cluster whose smallest member record_id is `minRecordId`. */
export function clusterIdFor(minRecordId: string, length = SHORT): string {
  return `c-${idHash(minRecordId, length)}`;
}

/**
 * The ids of `count` clusters, cluster c named after `minId(c)`. Clashing ids are resolved in the
 * order of (smallest record_id, `tieKey(c)`), not of the input, so the resolution is as stable as
 * the names: the first keeps the short id, the others take a longer one or a suffix. Clashes are
 * found on the hashes as numbers (one numeric sort, no set of a million strings).
 */
export function assignClusterIds(count: number, minId: (c: number) => string, tieKey: (c: number) => string): string[] {
  return runSteps(clusterIdSteps(count, minId, tieKey, new Slice()));
}

/** assignClusterIds() in steps that yield when the slice is used up (parallel/cooperate.ts). */
export function* clusterIdSteps(count: number, minId: (c: number) => string, tieKey: (c: number) => string, slice: Slice): Steps<string[]> {
  const ids = new Array<string>(count);
  const mins = new Array<string>(count);
  // The 50 bits the short id shows: all of the low half, 18 bits of the high one.
  const short = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    if ((c & 1023) === 1023 && slice.due()) yield;
    const m = minId(c);
    mins[c] = m;
    short[c] = (hash32(m, 0x9e3779b9) & 0x3ffff) * 2 ** 32 + hash32(m, 0x7f4a7c15);
    ids[c] = clusterIdFor(m);
  }
  const sorted = short.slice().sort();
  const repeated = new Set<number>();
  for (let k = 1; k < count; k++) if (sorted[k] === sorted[k - 1]) repeated.add(sorted[k]);
  if (repeated.size === 0) return ids;
  const clashing: number[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < count; c++) {
    if (repeated.has(short[c])) clashing.push(c);
    else taken.add(ids[c]);
  }
  const keys = new Map(clashing.map((c) => [c, tieKey(c)]));
  clashing.sort((x, y) => cmp(mins[x], mins[y]) || cmp(keys.get(x) as string, keys.get(y) as string) || x - y);
  for (const c of clashing) ids[c] = take(mins[c], taken);
  return ids;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function take(minRecordId: string, taken: Set<string>): string {
  for (const length of [SHORT, 12, 13]) {
    const id = clusterIdFor(minRecordId, length);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
  const base = clusterIdFor(minRecordId, 13);
  for (let k = 2; ; k++) {
    const id = `${base}-${k}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
