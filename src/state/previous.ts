/**
 * Last night's state in memory, as the identity and delta logic read it: the clusters (persons,
 * and ids merged into others) and which cluster each record was in. Filled a row at a time from
 * the state files (state-dir.ts); pure otherwise.
 *
 * Memory is linear in clusters and records: one small object per cluster, and per record only
 * its id in a Map and three slots in flat arrays. Dates, owners and sources repeat across
 * millions of rows and are kept once each.
 */
import type { ClusterStatus } from './format.js';
import type { Identity } from './record-identity.js';
import { Dictionary } from '../match/dictionary.js';

export interface PrevCluster {
  id: string;
  status: ClusterStatus;
  /** The record that survived in it last night (the row the outputs showed). */
  anchor: string;
  firstSeen: string;
  lastSeen: string;
  goneSince: string;
  mergedInto: string;
  fingerprint: string;
  deliveredAt: string;
  deliveredTo: string;
  owner: string;
  source: string;
}

/** One copy of each repeated value (dates, owners, sources). */
class Interner {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit;
    // Bounded: values beyond the cap are simply not shared.
    if (this.seen.size < 100_000) this.seen.set(s, s);
    return s;
  }
}

export class PreviousState {
  readonly clusters: PrevCluster[] = [];
  /** Cluster ids → their index in `clusters` (retired ids are not in it). */
  private readonly byId = new Dictionary();
  /** Record ids → their index (a hash table in typed arrays: a million ids are looked up many times a night). */
  private readonly recordIndex = new Dictionary();
  /** Each record's id, by index (own copies: the index keeps them). */
  readonly recordIds: string[] = this.recordIndex.values;
  /** Per record: the index of its cluster in `clusters`. */
  readonly recordCluster: number[] = [];
  /** Per record: dedupe's fingerprint of its row (night.ts rowFingerprint; 0: none). */
  readonly recordFingerprint: number[] = [];
  /** Per record: dedupe's normalised match values of its row ('' when none were kept). */
  readonly recordMatchValues: string[] = [];
  readonly recordLastSeen: string[] = [];
  /** Per record: its email, phone and name hashes (record-identity.ts), three slots each. */
  private identities = new Float64Array(3 * 1024);
  /** Per record: the hash of the cells its identity was made from (identityInputs; 0: not kept). */
  private identityInputs = new Float64Array(1024);
  /** Per record: in a cluster that reached the outputs tonight. */
  inTonight = new Uint8Array(0);
  /** Tombstones (merged ids) by their anchor record, to give an id back when a merge is undone. */
  private readonly tombstonesByAnchor = new Map<string, number[]>();
  private readonly interner = new Interner();
  /** Ids forgotten on an earlier night (status retired): never given to another person. */
  readonly retired = new Map<string, { firstSeen: string; lastSeen: string; goneSince: string }>();
  /** Clusters with a record the records file lists twice (a list that repeats a record_id). */
  private readonly listedTwice = new Set<number>();

  /** The fields last night's fingerprints are of ([] for an empty state). */
  constructor(
    readonly deltaFields: readonly string[] = [],
    /** The night the state is of (yyyy-mm-dd), undefined on the first night. */
    readonly night?: string,
  ) {}

  get empty(): boolean {
    return this.clusters.length === 0;
  }

  /** Add a cluster row; a repeated id is a damaged state (the caller names the file and line). */
  addCluster(c: PrevCluster): 'ok' | 'repeated' {
    if (c.id === '' || this.byId.find(c.id) >= 0 || this.retired.has(c.id)) return 'repeated';
    const i = this.interner;
    // Only its id and dates are kept: no record is in it, and nothing else is asked of it.
    if (c.status === 'retired') {
      this.retired.set(c.id, { firstSeen: i.get(c.firstSeen), lastSeen: i.get(c.lastSeen), goneSince: i.get(c.goneSince) });
      return 'ok';
    }
    const cluster: PrevCluster = {
      ...c,
      // The index's own copy of the id.
      id: this.byId.values[this.byId.id(c.id, false)],
      firstSeen: i.get(c.firstSeen),
      lastSeen: i.get(c.lastSeen),
      goneSince: i.get(c.goneSince),
      deliveredAt: i.get(c.deliveredAt),
      deliveredTo: i.get(c.deliveredTo),
      owner: i.get(c.owner),
      source: i.get(c.source),
    };
    this.clusters.push(cluster);
    if (c.status === 'merged' && c.anchor !== '') {
      const list = this.tombstonesByAnchor.get(c.anchor);
      if (list) list.push(this.clusters.length - 1);
      else this.tombstonesByAnchor.set(c.anchor, [this.clusters.length - 1]);
    }
    return 'ok';
  }

  /**
   * Add a record row. 'unknown': its cluster is not in the clusters file; 'merged': it points at
   * a merged id (records always move to the id they were merged into). A record listed twice
   * keeps the later row.
   */
  addRecord(recordId: string, clusterId: string, fingerprint: number, identity: Readonly<Identity>, lastSeen: string, matchValues = '', inputs = 0): 'ok' | 'unknown' | 'merged' | 'no_id' {
    if (recordId === '') return 'no_id';
    const c = this.byId.find(clusterId);
    if (c < 0) return 'unknown';
    if (this.clusters[c].status === 'merged') return 'merged';
    const at = this.recordIndex.id(recordId, false);
    if (!this.recordIndex.added) {
      // The records file no longer gives either cluster's ranked order (recordsOf): neither is carried.
      this.listedTwice.add(this.recordCluster[at]);
      this.listedTwice.add(c);
      this.recordCluster[at] = c;
      this.recordFingerprint[at] = fingerprint;
      this.recordMatchValues[at] = matchValues;
      this.recordLastSeen[at] = this.interner.get(lastSeen);
    } else {
      this.recordCluster.push(c);
      this.recordFingerprint.push(fingerprint);
      this.recordMatchValues.push(matchValues);
      this.recordLastSeen.push(this.interner.get(lastSeen));
    }
    if (3 * at + 3 > this.identities.length) {
      const grown = new Float64Array(this.identities.length * 2);
      grown.set(this.identities);
      this.identities = grown;
    }
    this.identities.set(identity, 3 * at);
    if (at >= this.identityInputs.length) {
      const grown = new Float64Array(this.identityInputs.length * 2);
      grown.set(this.identityInputs);
      this.identityInputs = grown;
    }
    this.identityInputs[at] = inputs;
    return 'ok';
  }

  /** Call once every row is in: sizes the per-record marks. */
  sealed(): this {
    this.inTonight = new Uint8Array(this.recordIds.length);
    return this;
  }

  /** A record's identity (email, phone, name hashes). */
  identityOf(r: number): Identity {
    return [this.identities[3 * r], this.identities[3 * r + 1], this.identities[3 * r + 2]];
  }

  /** Whether a record of the cluster is listed twice in the records file. */
  hasRecordListedTwice(c: number): boolean {
    return this.listedTwice.has(c);
  }

  /** The hash of the cells a record's identity was made from (0 when the state did not keep it). */
  inputsOf(r: number): number {
    return this.identityInputs[r];
  }

  /** Per component (0 email, 1 phone): record indexes sorted by that hash, built on first use. */
  private readonly byContent: (Int32Array | undefined)[] = [undefined, undefined];

  /**
   * Records whose email (component 0) or phone (1) hash is `hash`, for finding a record whose id
   * changed: a sorted index of typed arrays, 4 bytes per record, not a Map of millions of keys.
   */
  recordsWith(component: 0 | 1, hash: number): number[] {
    if (hash === 0) return [];
    let index = this.byContent[component];
    if (!index) {
      const ids = this.identities;
      const list: number[] = [];
      for (let r = 0; r < this.recordIds.length; r++) if (ids[3 * r + component] !== 0) list.push(r);
      index = Int32Array.from(list).sort((a, b) => ids[3 * a + component] - ids[3 * b + component] || a - b);
      this.byContent[component] = index;
    }
    const ids = this.identities;
    let lo = 0;
    let hi = index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[3 * index[mid] + component] < hash) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < index.length && ids[3 * index[k] + component] === hash; k++) out.push(index[k]);
    return out;
  }

  /** recordsWith() for each of a set of hashes, in one pass over the records (in record order, as recordsWith lists them). */
  recordsWithAny(component: 0 | 1, hashes: ReadonlySet<number>): Map<number, number[]> {
    const out = new Map<number, number[]>();
    if (hashes.size === 0) return out;
    const ids = this.identities;
    for (let r = 0; r < this.recordIds.length; r++) {
      const h = ids[3 * r + component];
      if (h === 0 || !hashes.has(h)) continue;
      const list = out.get(h);
      if (list) list.push(r);
      else out.set(h, [r]);
    }
    return out;
  }

  /** The index of a record, or -1 when the state does not know it. */
  recordAt(recordId: string): number {
    return this.recordIndex.find(recordId);
  }

  /** Whether the id was ever given and not to be given again (a person, a merged id, a retired one). */
  hasId(id: string): boolean {
    return this.byId.find(id) >= 0 || this.retired.has(id);
  }

  clusterIndex(id: string): number {
    return this.byId.find(id);
  }

  /** Tombstones (merged ids) whose anchor was this record. */
  tombstonesAnchoredAt(recordId: string): readonly number[] {
    return this.tombstonesByAnchor.get(recordId) ?? [];
  }

  /** The live cluster a merged id ended up in (following merges of merges), or -1. */
  finalTarget(c: number): number {
    let at = c;
    for (let hops = 0; hops < 1000 && at >= 0 && this.clusters[at].status === 'merged'; hops++) at = this.byId.find(this.clusters[at].mergedInto);
    return at >= 0 && this.clusters[at].status !== 'merged' ? at : -1;
  }

  /** The records of each cluster, as index lists into recordIds (built on demand, once). */
  private grouped: { start: Int32Array; order: Int32Array } | undefined;
  private groups(): { start: Int32Array; order: Int32Array } {
    if (!this.grouped) {
      const n = this.clusters.length;
      const start = new Int32Array(n + 1);
      for (const k of this.recordCluster) start[k + 1]++;
      for (let k = 0; k < n; k++) start[k + 1] += start[k];
      const fill = start.slice(0, n);
      const order = new Int32Array(this.recordIds.length);
      for (let r = 0; r < this.recordCluster.length; r++) order[fill[this.recordCluster[r]]++] = r;
      this.grouped = { start, order };
    }
    return this.grouped;
  }

  recordsOf(c: number): string[] {
    const { start, order } = this.groups();
    const out: string[] = [];
    for (let k = start[c]; k < start[c + 1]; k++) out.push(this.recordIds[order[k]]);
    return out;
  }

  /** How many records cluster c has (recordsOf(c).length, without listing them). */
  recordCount(c: number): number {
    const { start } = this.groups();
    return start[c + 1] - start[c];
  }
}
