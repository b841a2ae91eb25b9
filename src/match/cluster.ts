/**
 * Clustering matched pairs into entities, strongest evidence first, with a guard against
 * chaining. Plain transitive closure turns A~B and B~C into one cluster even when A and C are
 * two different people (two Thomas Müllers joined through a "T. Müller" with no email): one weak
 * link can pull unrelated records into a giant cluster. Here two clusters merge only if no pair
 * across them is in hard conflict (different given names, genders or birth dates, different surnames
without a shared personal email or phone) and
 * every such pair still scores at least `floor` bits: every member must be compatible with every
 * other, not just with its neighbour in the chain.
 */
import type { Scorer } from './scorer.js';
import { runSteps, Slice, type Steps } from '../parallel/cooperate.js';

export interface ClusterOptions {
  /** Weight (bits) every cross pair of a merge must reach. */
  floor: number;
  /** No cluster grows beyond this many records. */
  maxClusterSize: number;
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
}

export interface Clustering {
  count: number;
  /** Row → cluster index; clusters are numbered by their first row. */
  clusterOf: Int32Array;
  /** Members of cluster c: members[start[c] .. start[c+1]), in row order. */
  start: Int32Array;
  members: Int32Array;
  /** Row → the member it matched most strongly (-1 for a single record) and that weight. */
  bestPartner: Int32Array;
  bestWeight: Float64Array;
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
  const stats: ClusterStats = { matchedPairs: edges.length, merges: 0, refusedConflict: 0, refusedSize: 0 };

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
    if (!compatible(A, B, scorer, opts.floor, edges.a[e], edges.b[e])) {
      stats.refusedConflict++;
      continue;
    }
    const [big, small, rBig, rSmall] = A.length >= B.length ? [A, B, ra, rb] : [B, A, rb, ra];
    const merged = big.length === 1 ? [big[0]] : big;
    for (const x of small) merged.push(x);
    parent[rSmall] = rBig;
    lists.delete(rSmall);
    lists.set(rBig, merged);
    stats.merges++;
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
  return { count, clusterOf, start, members, bestPartner, bestWeight, stats };
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
