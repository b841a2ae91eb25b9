/**
 * Blocking: which pairs are compared at all. Every row gets a handful of keys (its email, each
 * phone number, surname sound + postal code, company + initials, given-name and surname sound
 * together, extra identifier fields); two rows are compared when they share any key. Names are
 * keyed by two sounds (Kölner Phonetik for German names, Double Metaphone for English ones) and,
 * where neither a postal code nor a company narrows them, by one name whole with the first or last three
 * letters of the other, so that one typo in any name still leaves a shared key. The union
 * of several keys keeps recall when one field is missing or misspelled, and cost grows with the
 * number of rows, not with its square.
 *
 * A key shared by very many rows (a switchboard number, info@, "Müller" in one large postal
 * code) would bring back the quadratic cost. Such oversized blocks are not dropped: their rows
 * are sorted by a name signature and each is compared with its next `window` neighbours, so the
 * records of one person, which sort together, still meet. They are counted in the stats.
 *
 * Keys are 32-bit hashes packed with the row index into one float64 (hash · 2^rowBits + row), so
 * grouping is a single native numeric sort with no per-key objects. A hash collision only adds
 * candidate pairs, which scoring then rejects.
 */
import { SHARED, type Features } from './features.js';
import { runSteps, Slice, type Steps } from '../parallel/cooperate.js';

export interface BlockingOptions {
  /** Blocks larger than this are compared by sorted neighbourhood instead of all pairs. */
  maxBlockSize: number;
  /** Neighbours each row is compared with inside an oversized block. */
  window: number;
  /**
   * Rows whose cluster is already known and that have not changed (a night's state, src/state):
   * settled[i] >= 0. A pair of two such rows is not a candidate; only pairs with a new or changed
   * row are compared.
   */
  settled?: Int32Array;
}

// Small blocks keep the cost linear: a block is compared in all pairs only up to this size, so
// no key costs a row more than max(maxBlockSize, 2 · window) comparisons however large the list.
export const DEFAULT_BLOCKING: BlockingOptions = { maxBlockSize: 16, window: 8 };

export interface BlockingStats {
  keys: number;
  blocks: number;
  oversizedBlocks: number;
  /** Rows in the largest block. */
  largestBlock: number;
  candidatePairs: number;
}

// Key kinds, mixed into every key hash so that, say, an email and a phone number never meet.
const EMAIL = 0x1e;
const PHONE = 0x2e;
const SHARED_PHONE = 0x3e;
const SURNAME_POSTAL = 0x4e;
const COMPANY = 0x5e;
const NAME = 0x6e;
const EXTRA = 0x7e;
const ORGANISATION = 0x8e;
const ADDRESS = 0x9e;
const SURNAME_POSTAL_2 = 0xae;
const NAME_2 = 0xbe;
const NAME_TYPO = 0xce;

/**
 * The two families of keys, passed to `emit` with each key: contact and identifier keys (email,
 * phone, identifier and date columns) and name and place keys. They find duplicates through
 * different fields, which is what lets estimate.ts gauge from the merged pairs how many pairs
 * neither family brought together (capture–recapture).
 */
export const CONTACT_KEY = 0;
export const NAME_KEY = 1;
export type KeyFamily = typeof CONTACT_KEY | typeof NAME_KEY;

/** Receives each blocking key of a row with its family. */
export type KeyEmitter = (key: number, family: KeyFamily) => void;

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Call `emit` with the 32-bit hash of each blocking key of row i and its family. Keys are built
 * from the hashes the dictionaries already hold, not from strings: no allocation per key.
 */
export function blockingKeys(f: Features, i: number, emit: KeyEmitter): void {
  const e = f.colEmail.data[i];
  if (e >= 0) emit(mix(EMAIL, f.email.hashOf(e)), CONTACT_KEY);

  const l = f.colLast.data[i];
  const fi = f.colFirst.data[i];
  const initials = f.initials(i);

  // A switchboard would block a whole company together: a number several people share only
  // groups the records with the same initials.
  const p1 = f.colPhone1.data[i];
  const p2 = f.colPhone2.data[i];
  if (p1 >= 0) emit(f.phoneOwner[p1] === SHARED ? mix(mix(SHARED_PHONE, f.phone.hashOf(p1)), initials) : mix(PHONE, f.phone.hashOf(p1)), CONTACT_KEY);
  if (p2 >= 0) emit(f.phoneOwner[p2] === SHARED ? mix(mix(SHARED_PHONE, f.phone.hashOf(p2)), initials) : mix(PHONE, f.phone.hashOf(p2)), CONTACT_KEY);

  const postal = f.colPostal.data[i];
  const company = f.colCompany.data[i];
  if (l >= 0 && postal >= 0) {
    const z = f.postal.hashOf(postal);
    emit(mix(mix(SURNAME_POSTAL, f.lastSound[l]), z), NAME_KEY);
    emit(mix(mix(SURNAME_POSTAL_2, f.lastSound2[l]), z), NAME_KEY);
    // Double surnames: either part may be the one another list kept.
    if (f.lastSoundEnd[l] >= 0) emit(mix(mix(SURNAME_POSTAL, f.lastSoundEnd[l]), z), NAME_KEY);
  }
  if (company >= 0 && (fi >= 0 || l >= 0)) emit(mix(mix(COMPANY, f.company.hashOf(company)), initials), NAME_KEY);
  // Name alone, nationwide: for records that the keys above may miss (no postal code or no
  // company: private leads, people who moved). Records with both are found through them.
  if (fi >= 0 && l >= 0 && !f.firstInfo[fi].initials && (postal < 0 || company < 0)) {
    // Order-free, so swapped first and last names meet.
    const c = f.firstCanonical[fi];
    const a = f.canonicalSound[c];
    const b = f.lastSound[l];
    emit(a < b ? mix(mix(NAME, a), b) : mix(mix(NAME, b), a), NAME_KEY);
    const a2 = f.canonicalSound2[c];
    const b2 = f.lastSound2[l];
    emit(a2 < b2 ? mix(mix(NAME_2, a2), b2) : mix(mix(NAME_2, b2), a2), NAME_KEY);
    // One typo changes the sound of a name but leaves its first or its last three letters: the
    // other name whole with either end of this one. Only for rows that nothing else narrows (no
    // postal code and no company: private lists of names and birth dates): nationwide, a common
    // given name with a common ending ("thomas" + "ler") is a block of thousands in a large list.
    if (postal < 0 && company < 0) nameTypoKeys(f.canonical.hashOf(c), f.lastEnds[2 * l], f.lastEnds[2 * l + 1], emit);
    if (postal < 0 && company < 0) nameTypoKeys(f.last.hashOf(l), f.firstEnds[2 * fi], f.firstEnds[2 * fi + 1], emit);
  }
  // Records without a person (account lists): the organisation's name, and its street, whose
  // spelling two lists share more often than the name's ("Centre - Donoghue" / "Center").
  if (fi < 0 && l < 0) {
    if (company >= 0) emit(mix(ORGANISATION, f.company.hashOf(company)), NAME_KEY);
    const street = f.colStreet.data[i];
    if (street >= 0) emit(mix(ADDRESS, f.street.hashOf(street)), NAME_KEY);
  }
  for (let k = 0; k < f.extras.length; k++) {
    const xc = f.extras[k];
    const t = xc.spec.type;
    // A website is shared by everyone at a firm: a key only between organisation records.
    if (t !== 'exact' && t !== 'email' && t !== 'phone' && t !== 'date' && !(t === 'domain' && fi < 0 && l < 0)) continue;
    const v = xc.col.data[i];
    // Identifiers, dates and (organisations') websites: found apart from the names.
    if (v >= 0) emit(mix(mix(EXTRA, k), xc.dict.hashOf(v)), CONTACT_KEY);
  }
}

function nameTypoKeys(whole: number, head: number, tail: number, emit: KeyEmitter): void {
  if (head < 0) return;
  emit(mix(mix(NAME_TYPO, whole), head), NAME_KEY);
  emit(mix(mix(NAME_TYPO, whole), tail), NAME_KEY);
}

/** Sort key inside an oversized block: records of one person should sort next to each other. */
export function signature(f: Features, i: number): string {
  const l = f.colLast.data[i];
  const fi = f.colFirst.data[i];
  const z = f.colPostal.data[i];
  // Namesakes without a postal code (private lists) sort by their birth date, where a list has one.
  let date = '';
  for (const x of f.extras) {
    if (x.spec.type !== 'date') continue;
    const v = x.col.data[i];
    if (v >= 0) date = x.dict.values[v];
    break;
  }
  return `${l >= 0 ? f.lastInfo[l].compact : '~'}|${fi >= 0 ? f.canonical.values[f.firstCanonical[fi]] : '~'}|${z >= 0 ? f.postal.values[z] : ''}|${date}`;
}

/** A growable Float64Array. */
class Float64List {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  /** The values, sorted; each is a whole number in [0, bound). */
  sorted(bound: number, slice: Slice): Steps<Float64Array> {
    return sortKeySteps(this.data.subarray(0, this.length), bound, slice);
  }
}

const SORT_RANGES = 256;

/**
 * Sort whole numbers in [0, bound) in place, in steps: the values are first moved into 256 ranges
 * (an in-place MSD radix pass, no second buffer), then each range is sorted natively, with a
 * yield between ranges when the slice is used up. The result is that of one native sort, which
 * held the event loop for a third of a second on a million rows' 4M keys.
 */
export function* sortKeySteps(data: Float64Array, bound: number, slice: Slice): Steps<Float64Array> {
  const n = data.length;
  if (n < 1 << 16) return data.sort();
  const toRange = SORT_RANGES / bound;
  const rangeOf = (v: number) => Math.min(SORT_RANGES - 1, Math.floor(v * toRange));
  const start = new Int32Array(SORT_RANGES + 1);
  for (let i = 0; i < n; i++) start[rangeOf(data[i]) + 1]++;
  for (let r = 0; r < SORT_RANGES; r++) start[r + 1] += start[r];
  // next[r]: the first place in range r not yet holding a value of range r.
  const next = start.slice(0, SORT_RANGES);
  for (let r = 0; r < SORT_RANGES; r++) {
    const end = start[r + 1];
    while (next[r] < end) {
      // Follow the cycle: put v where its range continues and carry on with the value found there.
      let v = data[next[r]];
      let t = rangeOf(v);
      while (t !== r) {
        const at = next[t]++;
        const w = data[at];
        data[at] = v;
        v = w;
        t = rangeOf(v);
      }
      data[next[r]++] = v;
    }
  }
  if (slice.due()) yield;
  for (let r = 0; r < SORT_RANGES; r++) {
    data.subarray(start[r], start[r + 1]).sort();
    if (slice.due()) yield;
  }
  return data;
}

export function rowBitsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(n + 1)));
}

/** Packed (hash, row) keys of rows [0, n), sorted. */
export function packedKeys(f: Features, n: number, rowBits: number): Float64Array {
  return runSteps(packedKeySteps(f, n, rowBits, new Slice()));
}

/** packedKeys() in steps that yield when the slice is used up (parallel/cooperate.ts). */
export function* packedKeySteps(f: Features, n: number, rowBits: number, slice: Slice): Steps<Float64Array> {
  const scale = 2 ** rowBits;
  const shift = 32 - Math.min(32, 53 - rowBits);
  const keys = new Float64List(n * 6);
  let row = 0;
  const emit = (key: number) => keys.push((key >>> shift) * scale + row);
  for (; row < n; row++) {
    blockingKeys(f, row, emit);
    if ((row & 1023) === 1023 && slice.due()) yield;
  }
  return yield* keys.sorted(2 ** (32 - shift) * scale, slice);
}

export interface Candidates {
  /** Packed pairs a · 2^rowBits + b (a < b), sorted and unique. */
  pairs: Float64Array;
  rowBits: number;
  stats: BlockingStats;
}

/** All candidate pairs among rows [0, n). */
export function candidatePairs(f: Features, n: number, opts: BlockingOptions = DEFAULT_BLOCKING): Candidates {
  return runSteps(candidatePairSteps(f, n, opts, new Slice()));
}

/** candidatePairs() in steps that yield when the slice is used up (parallel/cooperate.ts). */
export function* candidatePairSteps(f: Features, n: number, opts: BlockingOptions, slice: Slice): Steps<Candidates> {
  const rowBits = rowBitsFor(n);
  const scale = 2 ** rowBits;
  const keys = yield* packedKeySteps(f, n, rowBits, slice);
  const stats: BlockingStats = { keys: keys.length, blocks: 0, oversizedBlocks: 0, largestBlock: 0, candidatePairs: 0 };
  const pairs = new Float64List(n * 4);
  const members: number[] = [];
  const settled = opts.settled;
  let k = 0;
  let blocks = 0;
  while (k < keys.length) {
    if ((++blocks & 1023) === 0 && slice.due()) yield;
    const h = Math.floor(keys[k] / scale);
    members.length = 0;
    let last = -1;
    while (k < keys.length && Math.floor(keys[k] / scale) === h) {
      const row = keys[k] - h * scale;
      if (row !== last) members.push(row);
      last = row;
      k++;
    }
    if (members.length < 2) continue;
    stats.blocks++;
    if (members.length > stats.largestBlock) stats.largestBlock = members.length;
    if (members.length <= opts.maxBlockSize) {
      for (let x = 0; x < members.length; x++) {
        const a = members[x];
        const aSettled = settled !== undefined && settled[a] >= 0;
        for (let y = x + 1; y < members.length; y++) if (!aSettled || settled[members[y]] < 0) pairs.push(a * scale + members[y]);
      }
    } else {
      stats.oversizedBlocks++;
      const order = members.map((row) => ({ row, sig: signature(f, row) }));
      order.sort((p, q) => (p.sig < q.sig ? -1 : p.sig > q.sig ? 1 : p.row - q.row));
      for (let x = 0; x < order.length; x++) {
        const end = Math.min(order.length, x + 1 + opts.window);
        for (let y = x + 1; y < end; y++) {
          const a = order[x].row;
          const b = order[y].row;
          if (settled !== undefined && settled[a] >= 0 && settled[b] >= 0) continue;
          pairs.push(a < b ? a * scale + b : b * scale + a);
        }
      }
    }
  }
  // a · scale + b with a < n.
  const sorted = yield* pairs.sorted(n * scale, slice);
  let u = 0;
  for (let x = 0; x < sorted.length; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) sorted[u++] = sorted[x];
  stats.candidatePairs = u;
  return { pairs: sorted.subarray(0, u), rowBits, stats };
}
