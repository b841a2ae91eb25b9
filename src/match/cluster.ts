/**
 * Clustering matched pairs into entities, strongest evidence first, with a guard against
 * chaining. Plain transitive closure turns A~B and B~C into one cluster even when A and C are
 * two different people (two Thomas Müllers joined through a "T. Müller" with no email): one weak
 * link can pull unrelated records into a giant cluster. Here two clusters merge only if no pair
 * across them is in hard conflict (different given names, genders or birth dates, different surnames
without a shared personal email or phone) and
 * every such pair still scores at least `floor` bits: every member must be compatible with every
 * other, not just with its neighbour in the chain.
 *
 * An analyst's decisions (decisions.ts) come first: must-link pairs are joined before any scored
 * pair, whatever they score and whatever the guard would say; cannot-link pairs are part of the
 * guard, so two records decided different never end in one cluster, not even through a third.
 */
import type { Scorer } from './scorer.js';
import { runSteps, Slice, type Steps } from '../parallel/cooperate.js';

export interface ClusterOptions {
  /** Weight (bits) every cross pair of a merge must reach. */
  floor: number;
  /** No cluster grows beyond this many records. */
  maxClusterSize: number;
  /** A merge decided by a pair below this weight is narrow (counted, and listed for review). */
  narrowBelow?: number;
  /** Pairs decided by an analyst, as row indices; `tag` says which decision (for messages). */
  mustLink?: readonly LinkPair[];
  cannotLink?: readonly LinkPair[];
  /**
   * Must-links that would join two records of a cannot-link pair: called with both tags (it may
   * throw); without it such a must-link is skipped.
   */
  onContradiction?: (must: number, cannot: number) => void;
  /**
   * Links kept from the last night (a night's state): records that were one cluster then and have
   * not changed since are joined after the decisions and before any scored pair, without the
   * guard (they passed it then). A cannot-link decision still parts them: the record it names
   * leaves.
   */
  kept?: readonly LinkPair[];
}

export interface LinkPair {
  a: number;
  b: number;
  tag: number;
}

export interface Edges {
  a: Int32Array;
  b: Int32Array;
  w: Float64Array;
  length: number;
}

export interface ClusterStats {
  /** Matched pairs (at or above the threshold). */
  matchedPairs: number;
  merges: number;
  /** Merges refused because a cross pair conflicted or scored below the floor. */
  refusedConflict: number;
  /** Merges refused by the size limit. */
  refusedSize: number;
  /** Merges refused because a cross pair was decided different. */
  refusedDecision: number;
  /** Merges through a scored pair within the narrow margin above the threshold (narrowBelow). */
  narrowMerges: number;
  /** Must-link pairs that joined two clusters. */
  decidedMerges: number;
  /** Links kept from the last night that joined two clusters. */
  keptMerges: number;
}

export interface Clustering {
  count: number;
  /** Row → cluster index; clusters are numbered by their first row. */
  clusterOf: Int32Array;
  /** Members of cluster c: members[start[c] .. start[c+1]), in row order. */
  start: Int32Array;
  members: Int32Array;
  /** Row → the member it matched most strongly (-1 for a single record). */
  bestPartner: Int32Array;
  /** 1 where the best partner is a must-link partner (the row joined only by a decision). */
  bestDecided: Uint8Array;
  /** Edge indices of the narrow merges, in merge order. */
  narrow: number[];
  stats: ClusterStats;
}

/** Cross pairs checked per merge at most; beyond, each new member is checked against the first 24. */
const MAX_CROSS_CHECKS = 600;

export function clusterPairs(n: number, edges: Edges, scorer: Scorer, opts: ClusterOptions): Clustering {
  return runSteps(clusterSteps(n, edges, scorer, opts, new Slice()));
}

/** clusterPairs() in steps that yield when the slice is used up (parallel/cooperate.ts). */
export function* clusterSteps(n: number, edges: Edges, scorer: Scorer, opts: ClusterOptions, slice: Slice): Steps<Clustering> {
  const order = new Uint32Array(edges.length);
  for (let k = 0; k < edges.length; k++) order[k] = k;
  order.sort((x, y) => edges.w[y] - edges.w[x] || edges.a[x] - edges.a[y] || edges.b[x] - edges.b[y]);

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const lists = new Map<number, number[]>();
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const membersOf = (root: number): number[] => lists.get(root) ?? [root];
  const stats: ClusterStats = { matchedPairs: edges.length, merges: 0, refusedConflict: 0, refusedSize: 0, refusedDecision: 0, narrowMerges: 0, decidedMerges: 0, keptMerges: 0 };
  const union = (ra: number, rb: number): void => {
    const A = membersOf(ra);
    const B = membersOf(rb);
    const [big, small, rBig, rSmall] = A.length >= B.length ? [A, B, ra, rb] : [B, A, rb, ra];
    const merged = big.length === 1 ? [big[0]] : big;
    for (const x of small) merged.push(x);
    parent[rSmall] = rBig;
    lists.delete(rSmall);
    lists.set(rBig, merged);
  };

  // Cannot-link partners of each row; a merge is refused when one crosses it.
  const cannot = new Map<number, LinkPair[]>();
  for (const p of opts.cannotLink ?? []) {
    for (const [x, y] of [[p.a, p.b], [p.b, p.a]]) {
      let l = cannot.get(x);
      if (!l) cannot.set(x, (l = []));
      l.push({ a: x, b: y, tag: p.tag });
    }
  }
  /** The tag of a cannot-link between the clusters of roots ra and rb, or -1. */
  const decidedApart = (ra: number, rb: number): number => {
    if (cannot.size === 0) return -1;
    const A = membersOf(ra);
    const B = membersOf(rb);
    const [small, other] = A.length <= B.length ? [A, rb] : [B, ra];
    for (const x of small) {
      const l = cannot.get(x);
      if (l) for (const p of l) if (find(p.b) === other) return p.tag;
    }
    return -1;
  };

  // Must-links first, in the order decided.
  for (const p of opts.mustLink ?? []) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    const apart = decidedApart(ra, rb);
    if (apart >= 0) {
      opts.onContradiction?.(p.tag, apart);
      continue;
    }
    union(ra, rb);
    stats.decidedMerges++;
  }

  for (const p of opts.kept ?? []) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb || decidedApart(ra, rb) >= 0) continue;
    union(ra, rb);
    stats.keptMerges++;
  }

  const narrow: number[] = [];
  const narrowBelow = opts.narrowBelow ?? -Infinity;
  for (let k = 0; k < order.length; k++) {
    // A merge checks up to MAX_CROSS_CHECKS pairs: look at the clock often.
    if ((k & 255) === 255 && slice.due()) yield;
    const e = order[k];
    const ra = find(edges.a[e]);
    const rb = find(edges.b[e]);
    if (ra === rb) continue;
    const A = membersOf(ra);
    const B = membersOf(rb);
    if (A.length + B.length > opts.maxClusterSize) {
      stats.refusedSize++;
      continue;
    }
    if (decidedApart(ra, rb) >= 0) {
      stats.refusedDecision++;
      continue;
    }
    if (!compatible(A, B, scorer, opts.floor, edges.a[e], edges.b[e])) {
      stats.refusedConflict++;
      continue;
    }
    union(ra, rb);
    stats.merges++;
    if (edges.w[e] < narrowBelow) {
      stats.narrowMerges++;
      narrow.push(e);
    }
  }

  // Number clusters by their first row, list members in row order.
  const clusterOf = new Int32Array(n).fill(-1);
  const rootCluster = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (rootCluster[r] < 0) rootCluster[r] = count++;
    clusterOf[i] = rootCluster[r];
  }
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[clusterOf[i] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[clusterOf[i]]++] = i;

  const bestPartner = new Int32Array(n).fill(-1);
  const bestWeight = new Float64Array(n);
  for (let e = 0; e < edges.length; e++) {
    const a = edges.a[e];
    const b = edges.b[e];
    if (clusterOf[a] !== clusterOf[b]) continue;
    const w = edges.w[e];
    if (bestPartner[a] < 0 || w > bestWeight[a]) {
      bestPartner[a] = b;
      bestWeight[a] = w;
    }
    if (bestPartner[b] < 0 || w > bestWeight[b]) {
      bestPartner[b] = a;
      bestWeight[b] = w;
    }
  }
  // A record joined only by a decision (or kept from last night) has that partner as its link.
  const bestDecided = new Uint8Array(n);
  // (Its weight is not needed: the link is explained, and scored, only when a row shows it;
  // a night keeps most rows' links from the last one, and scoring them all cost seconds.)
  const linkTo = (links: readonly LinkPair[], decided: number) => {
    for (const p of links) {
      if (clusterOf[p.a] !== clusterOf[p.b]) continue;
      for (const [x, y] of [[p.a, p.b], [p.b, p.a]]) {
        if (bestPartner[x] >= 0) continue;
        bestPartner[x] = y;
        bestDecided[x] = decided;
      }
    }
  };
  linkTo(opts.mustLink ?? [], 1);
  linkTo(opts.kept ?? [], 0);
  return { count, clusterOf, start, members, bestPartner, bestDecided, narrow, stats };
}

function compatible(A: number[], B: number[], scorer: Scorer, floor: number, ea: number, eb: number): boolean {
  const limitA = A.length * B.length > MAX_CROSS_CHECKS ? Math.min(A.length, 24) : A.length;
  for (let x = 0; x < limitA; x++) {
    const a = A[x];
    for (const b of B) {
      if ((a === ea && b === eb) || (a === eb && b === ea)) {
        // The linking pair itself scored above the threshold; only its conflict flag matters.
        scorer.weight(a, b);
        if (scorer.lastConflict) return false;
        continue;
      }
      if (scorer.conflictOrBelow(a, b, floor)) return false;
    }
  }
  return true;
}
