/**
 * dedupe's two estimates from its own data (the arithmetic is in estimate.ts): which key families
 * the merged pairs share, for pair completeness, and the compared pairs' weights, for the match
 * rate.
 */
import { blockingKeys, CONTACT_KEY, type KeyFamily } from './blocking.js';
import type { Edges } from './cluster.js';
import { fitMatchPrior, matchProbability, pairCompleteness, sampled, WeightHistogram, type CaptureCounts, type Completeness, type MatchPrior } from './estimate.js';
import { MIN_ROWS_FOR_U } from './learn.js';
import type { Features } from './features.js';
import type { Slice, Steps } from '../parallel/cooperate.js';

/** Merged pairs looked at for completeness at most: enough for a tight estimate, and quick. */
export const COMPLETENESS_SAMPLE = 50_000;

/**
 * Key families shared by the merged pairs: the matched pairs (at or above the threshold) whose two
 * rows ended in one cluster. Pairs the clustering refused (conflicts, the guard) are left out, as
 * they are not taken for duplicates; decided pairs are not matched pairs and are left out too.
 */
export function captureCounts(f: Features, edges: Edges, clusterOf: Int32Array): CaptureCounts {
  let merged = 0;
  for (let k = 0; k < edges.length; k++) if (clusterOf[edges.a[k]] === clusterOf[edges.b[k]]) merged++;
  const counts: CaptureCounts = { contactOnly: 0, nameOnly: 0, both: 0 };
  // Keys of the first row of a pair, by family; rows have a few dozen keys at most.
  let keys = new Float64Array(64);
  let families = new Uint8Array(64);
  let size = 0;
  let contact = false;
  let name = false;
  const collect = (key: number, family: KeyFamily) => {
    if (size === keys.length) {
      const k2 = new Float64Array(size * 2);
      k2.set(keys);
      keys = k2;
      const f2 = new Uint8Array(size * 2);
      f2.set(families);
      families = f2;
    }
    keys[size] = key;
    families[size++] = family;
  };
  const match = (key: number, family: KeyFamily) => {
    if (family === CONTACT_KEY ? contact : name) return;
    for (let x = 0; x < size; x++) {
      if (keys[x] === key && families[x] === family) {
        if (family === CONTACT_KEY) contact = true;
        else name = true;
        return;
      }
    }
  };
  let seen = 0;
  for (let k = 0; k < edges.length; k++) {
    const a = edges.a[k];
    const b = edges.b[k];
    if (clusterOf[a] !== clusterOf[b]) continue;
    if (!sampled(seen++, COMPLETENESS_SAMPLE, merged)) continue;
    size = 0;
    contact = false;
    name = false;
    blockingKeys(f, a, collect);
    blockingKeys(f, b, match);
    if (contact && name) counts.both++;
    else if (contact) counts.contactOnly++;
    else if (name) counts.nameOnly++;
  }
  return counts;
}

/** True when no row has an email, a phone or a compared identifier or date: no contact keys at all. */
export function noContactKeys(f: Features): boolean {
  if (f.email.size > 0 || f.phone.size > 0) return false;
  return !f.extras.some((x) => x.dict.size > 0);
}

export function completenessOf(f: Features, edges: Edges, clusterOf: Int32Array): Completeness & { counts: CaptureCounts } {
  const counts = captureCounts(f, edges, clusterOf);
  return { ...pairCompleteness(counts, noContactKeys(f)), counts };
}

export interface MatchRate {
  /** Estimated share of rows with another record of the same person in the list. */
  estimated: number;
  /** Share of all pairs that match (the fitted prior). */
  lambda: number;
  /** Expected matching pairs among the compared ones. */
  expectedPairs: number;
}

/**
 * The estimated match rate from the weight of every compared pair (packed a · 2^rowBits + b, in
 * `pairs`, with its weight in `weights`). Weights below the scoring bound are the scorer's early
 * exit, some weight under the bound rather than the pair's own; dedupe scores with a bound whose
 * probability is negligible (ESTIMATE_PROBABILITY), so they count for what they are, next to nothing.
 *
 * The compared pairs' prior is corrected for completeness (the matches blocking missed are matches
 * among all pairs too); the rows' own probabilities are over the pairs they were compared in,
 * as the missed pairs cannot be put to any row.
 */
/**
 * `modelPriorBits`: the model's own prior (model.ts), used instead of the fitted one for a list
 * under MIN_ROWS_FOR_U rows, where a handful of strong pairs would drive the fixed point to λ near ½
 * and every row would seem to have a match.
 */
export function* matchRateSteps(n: number, pairs: Float64Array, rowBits: number, weights: Float32Array, completeness: number, slice: Slice, modelPriorBits: number): Steps<MatchRate> {
  if (n < 2 || pairs.length === 0) return { estimated: 0, lambda: 0, expectedPairs: 0 };
  const h = new WeightHistogram();
  for (let k = 0; k < weights.length; k++) {
    h.add(weights[k]);
    if ((k & 0xffff) === 0xffff && slice.due()) yield;
  }
  const prior = n >= MIN_ROWS_FOR_U ? fitMatchPrior(h, (n * (n - 1)) / 2, completeness) : modelPrior(modelPriorBits, h);
  if (prior.lambda === 0) return { estimated: 0, lambda: 0, expectedPairs: 0 };
  // log Π(1 − p) per row, summed as logs so a row in many pairs keeps its precision.
  const logNone = new Float64Array(n);
  const scale = 2 ** rowBits;
  for (let k = 0; k < pairs.length; k++) {
    if ((k & 0xffff) === 0xffff && slice.due()) yield;
    const p = matchProbability(weights[k], prior.priorBits);
    if (p < 1e-12) continue;
    const l = p >= 1 ? -Infinity : Math.log1p(-p);
    const a = Math.floor(pairs[k] / scale);
    logNone[a] += l;
    logNone[pairs[k] - a * scale] += l;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 1 - Math.exp(logNone[i]);
  return { estimated: sum / n, lambda: prior.lambda, expectedPairs: prior.expectedPairs };
}

function modelPrior(priorBits: number, h: WeightHistogram): MatchPrior {
  const lambda = 1 / (1 + 2 ** -priorBits);
  return { lambda, priorBits, expectedPairs: h.expected(priorBits) };
}
