/**
 * Identity across nights: which persistent id each of tonight's clusters gets, from the records
 * in it and where those records were last night. Pure; the clusters come in one at a time.
 * "Its records" are the state's records tonight's continue (links.ts): by record id, or by email
 * and phone when the id moved (a vendor dropped a row above it, a list came under a new name).
 *
 * - A cluster takes the id of the state cluster its records were in. A late duplicate that joins
 *   a known person changes nothing about the id; neither does a new survivor.
 * - Records from several state clusters (a new record bridged two persons): the oldest of them
 *   (first seen; on a tie the one holding tonight's surviving record, then id) keeps its id, the
 *   others are recorded as merged into it. The kept id's anchor stays on a record of its own
 *   (anchorOf), so a later split gives each part back the id whose records it holds.
 * - A state cluster whose records are now in several clusters (a review decision split it): the
 *   part holding last night's survivor record keeps the id. When no part holds it (that record
 *   is gone), the part with most of its records keeps the id (ties: the part with the smallest
 *   record id); that choice is a guess and is said so (kept_by_size). The other parts get new
 *   ids, recorded as split from it, or their own old id back when the split undoes an earlier
 *   merge (the part holds the survivor record of an id merged into this one).
 * - A cluster with no known record gets dedupe's cluster_id (or the id dedupe would give: c- and a
 *   hash of its smallest record id), unless a state cluster or another cluster tonight already
 *   has that id; then a longer hash, then a -2, -3, … suffix.
 *
 * A cluster's id is known as soon as it arrives when it holds the survivor of each state cluster
 * it shares records with, or when another cluster already claimed that survivor. Otherwise it
 * waits until the survivor turns up in a later cluster or the stream ends (then by size). Only
 * those waiting clusters are held, so the rest stream through.
 */
import { clusterIdFor } from '../match/cluster-id.js';
import type { PreviousState } from './previous.js';
import type { RecordLinks } from './links.js';

export interface TonightCluster {
  /** Its record ids, without repeats. */
  records: readonly string[];
  /** The record whose row survived (the anchor tomorrow). */
  survivor: string;
  /** dedupe's cluster_id for it, '' when there was no dedupe step. */
  proposedId: string;
}

/**
 * What happened to a cluster's id tonight:
 * new (no known record), kept, kept_by_size (kept as the largest part of a split whose survivor
 * record is gone: a guess), returned (kept, and the person was gone before), merged (kept, and
 * other ids were merged into it), split (a new id, or an id given back, for a part that left).
 */
export type IdStatus = 'new' | 'kept' | 'kept_by_size' | 'returned' | 'merged' | 'split';
export const ID_STATUSES: readonly IdStatus[] = ['new', 'kept', 'kept_by_size', 'returned', 'merged', 'split'];

export interface IdDecision {
  id: string;
  status: IdStatus;
  /** The state cluster whose id it kept (its fingerprint and delivery are last night's), or -1. */
  keep: number;
  /** Other state clusters merged into it tonight. */
  merged: readonly number[];
  /** split: the state cluster it left, or -1. */
  splitFrom: number;
  /** split: the merged id it got back, or -1. */
  revived: number;
}

/** One empty map and list for the many clusters that need none (new ones; decided ones let theirs go). */
const NO_SHARES: ReadonlyMap<number, number> = new Map();
const NO_MERGES: readonly number[] = Object.freeze([]);

interface Group {
  cluster: TonightCluster;
  /** State cluster → how many of its records are in this cluster (until it is decided). */
  shares: ReadonlyMap<number, number>;
  waits: number;
  decision?: IdDecision;
}

export class IdentityResolver {
  private readonly groups: Group[] = [];
  /** State cluster → the group that keeps its id. */
  private readonly ownerOf = new Map<number, number>();
  /** State clusters whose id went to the largest part (their survivor record is in no cluster tonight). */
  readonly keptBySize = new Set<number>();
  /** State cluster → groups waiting to know who keeps its id. */
  private readonly waiting = new Map<number, number[]>();
  private ready: number[] = [];
  /** Ids given tonight → the group. */
  readonly groupOfId = new Map<string, number>();
  private readonly revived = new Set<number>();
  /** Per group: some record of it continues a state record whose id was another (linked by email or phone). */
  private readonly relinked = new Set<number>();
  private readonly ambiguousGroups = new Set<number>();

  constructor(
    private readonly prev: PreviousState,
    private readonly links: RecordLinks,
  ) {}

  /** Whether a record of the group fitted several state persons by email or phone and name, so was left unlinked. */
  ambiguous(g: number): boolean {
    return this.ambiguousGroups.has(g);
  }

  /** Whether the group's link to the state went (partly) through records whose id changed. */
  linkedByContent(g: number): boolean {
    return this.relinked.has(g);
  }

  get size(): number {
    return this.groups.length;
  }

  /** Add tonight's next cluster; returns its group number. Its decision may come later (see takeReady). */
  add(cluster: TonightCluster): number {
    const g = this.groups.length;
    const shares = new Map<number, number>();
    /** The state records this cluster continues. */
    const held = new Set<number>();
    for (const r of cluster.records) {
      const at = this.links.stateRecordOf(r);
      if (at < 0) {
        if (this.links.isAmbiguous(r)) this.ambiguousGroups.add(g);
        continue;
      }
      if (this.links.isRelinked(r)) this.relinked.add(g);
      this.prev.inTonight[at] = 1;
      held.add(at);
      const s = this.prev.recordCluster[at];
      shares.set(s, (shares.get(s) ?? 0) + 1);
    }
    const group: Group = { cluster, shares: shares.size ? shares : NO_SHARES, waits: 0 };
    this.groups.push(group);
    for (const s of shares.keys()) {
      // A record id listed twice tonight: the first cluster that holds the survivor keeps the id.
      if (!this.ownerOf.has(s) && held.has(this.prev.recordAt(this.prev.clusters[s].anchor))) this.claim(s, g);
    }
    for (const s of shares.keys()) {
      if (this.ownerOf.has(s)) continue;
      group.waits++;
      const list = this.waiting.get(s);
      if (list) list.push(g);
      else this.waiting.set(s, [g]);
    }
    if (group.waits === 0) this.decide(g);
    return g;
  }

  /** Groups decided since the last call, in the order they became decided. */
  takeReady(): number[] {
    const r = this.ready;
    this.ready = [];
    return r;
  }

  decision(g: number): IdDecision {
    const d = this.groups[g].decision;
    if (!d) throw new Error(`identity: cluster ${g} is not decided yet`);
    return d;
  }

  cluster(g: number): TonightCluster {
    return this.groups[g].cluster;
  }

  /** The group that kept a state cluster's id (or merged it away), or undefined when no record of it came tonight. */
  ownerGroup(s: number): number | undefined {
    return this.ownerOf.get(s);
  }

  /**
   * The stream has ended: every state cluster still without an owner goes to its largest part,
   * and every waiting cluster is decided (in the order the clusters came).
   */
  finish(): number[] {
    for (const [s, gs] of [...this.waiting.entries()].sort((a, b) => a[0] - b[0])) {
      if (this.ownerOf.has(s)) continue;
      let best = -1;
      let bestShare = -1;
      let bestMin = '';
      for (const g of gs) {
        const share = this.groups[g].shares.get(s) ?? 0;
        if (share < bestShare) continue;
        const min = this.smallestShared(g, s);
        if (share > bestShare || min < bestMin) {
          best = g;
          bestShare = share;
          bestMin = min;
        }
      }
      this.ownerOf.set(s, best);
      this.keptBySize.add(s);
    }
    this.waiting.clear();
    for (let g = 0; g < this.groups.length; g++) if (!this.groups[g].decision) this.decide(g);
    return this.takeReady();
  }

  private smallestShared(g: number, s: number): string {
    let min: string | undefined;
    for (const r of this.groups[g].cluster.records) {
      const at = this.links.stateRecordOf(r);
      if (at >= 0 && this.prev.recordCluster[at] === s && (min === undefined || r < min)) min = r;
    }
    return min ?? '';
  }

  private claim(s: number, g: number): void {
    this.ownerOf.set(s, g);
    const waiters = this.waiting.get(s);
    if (!waiters) return;
    this.waiting.delete(s);
    for (const w of waiters) {
      const group = this.groups[w];
      if (--group.waits === 0 && !group.decision) this.decide(w);
    }
  }

  /** Older first: first seen, then (on a tie) the state cluster `first` (the survivor's person), then id. */
  private older(a: number, b: number, first = -1): number {
    const ca = this.prev.clusters[a];
    const cb = this.prev.clusters[b];
    if (ca.firstSeen !== cb.firstSeen) return ca.firstSeen < cb.firstSeen ? -1 : 1;
    if (a === first || b === first) return a === first ? -1 : 1;
    return ca.id < cb.id ? -1 : ca.id > cb.id ? 1 : 0;
  }

  /** The state cluster of a cluster's surviving record tonight, or -1. */
  private survivorCluster(cluster: TonightCluster): number {
    const at = this.links.stateRecordOf(cluster.survivor);
    return at < 0 ? -1 : this.prev.recordCluster[at];
  }

  /**
   * The anchor the next night keeps for a decided cluster: the record last night's anchor of its
   * id (kept or given back) is tonight, when this cluster holds it, else tonight's survivor. A
   * merge thus leaves the kept id anchored in its own records, not in the merged person's.
   */
  anchorOf(g: number): string {
    const { cluster } = this.groups[g];
    const d = this.decision(g);
    const from = d.keep >= 0 ? d.keep : d.revived;
    if (from < 0) return cluster.survivor;
    const at = this.prev.recordAt(this.prev.clusters[from].anchor);
    const t = at < 0 ? -1 : this.links.stateLink[at];
    const id = t >= 0 ? this.links.ids[t] : '';
    return id !== '' && cluster.records.includes(id) ? id : cluster.survivor;
  }

  private decide(g: number): void {
    const group = this.groups[g];
    const owned: number[] = [];
    for (const s of group.shares.keys()) if (this.ownerOf.get(s) === g) owned.push(s);
    if (owned.length > 1) {
      const first = this.survivorCluster(group.cluster);
      owned.sort((a, b) => this.older(a, b, first));
    }
    let d: IdDecision;
    if (owned.length) {
      const keep = owned[0];
      const prev = this.prev.clusters[keep];
      const status: IdStatus = owned.length > 1 ? 'merged' : this.keptBySize.has(keep) ? 'kept_by_size' : prev.status === 'gone' ? 'returned' : 'kept';
      d = { id: prev.id, status, keep, merged: owned.length > 1 ? owned.slice(1) : NO_MERGES, splitFrom: -1, revived: -1 };
    } else if (group.shares.size) {
      // The part that left: it is split from the state cluster it has most records of (then the oldest).
      const first = this.survivorCluster(group.cluster);
      const from = [...group.shares.entries()].sort((a, b) => b[1] - a[1] || this.older(a[0], b[0], first))[0][0];
      const revived = this.revivable(group.cluster, from);
      const id = revived >= 0 ? this.prev.clusters[revived].id : this.allocate(group.cluster);
      if (revived >= 0) this.revived.add(revived);
      d = { id, status: 'split', keep: -1, merged: NO_MERGES, splitFrom: from, revived };
    } else {
      d = { id: this.allocate(group.cluster), status: 'new', keep: -1, merged: NO_MERGES, splitFrom: -1, revived: -1 };
    }
    group.decision = d;
    group.shares = NO_SHARES;
    this.groupOfId.set(d.id, g);
    this.ready.push(g);
  }

  /** A merged id whose survivor record is in this part and that was merged into `from` (or into what `from` was merged into). */
  private revivable(cluster: TonightCluster, from: number): number {
    for (const r of cluster.records) {
      const at = this.links.stateRecordOf(r);
      if (at < 0) continue;
      for (const t of this.prev.tombstonesAnchoredAt(this.prev.recordIds[at])) {
        if (!this.revived.has(t) && !this.groupOfId.has(this.prev.clusters[t].id) && this.prev.finalTarget(t) === from) return t;
      }
    }
    return -1;
  }

  private taken(id: string): boolean {
    return this.prev.hasId(id) || this.groupOfId.has(id);
  }

  private allocate(cluster: TonightCluster): string {
    if (cluster.proposedId !== '' && !this.taken(cluster.proposedId)) return cluster.proposedId;
    let min = cluster.records[0] ?? cluster.survivor;
    for (const r of cluster.records) if (r < min) min = r;
    for (const length of [10, 12, 13]) {
      const id = clusterIdFor(min, length);
      if (!this.taken(id)) return id;
    }
    const base = clusterIdFor(min, 13);
    for (let k = 2; ; k++) if (!this.taken(`${base}-${k}`)) return `${base}-${k}`;
  }
}
