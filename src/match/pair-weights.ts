/**
 * The weights of candidate pairs, one range at a time: the loop dedupe runs over its share of the
 * pairs and a pair-scoring worker over its own (src/parallel/pair-scoring.ts), so both compute a
 * pair's weight the same way.
 */
import type { FeatureOptions } from './features.js';
import type { Model } from './model.js';
import type { Scorer } from './scorer.js';

/** weights[k] = the weight of pairs[k] (a · 2^rowBits + b) for k in [from, to), or some weight below `bound` (Scorer.weightAtLeast). */
export function scorePairRange(scorer: Scorer, pairs: Float64Array, rowBits: number, bound: number, weights: Float64Array, from: number, to: number): void {
  const scale = 2 ** rowBits;
  for (let k = from; k < to; k++) {
    const p = pairs[k];
    const i = Math.floor(p / scale);
    weights[k] = scorer.weightAtLeast(i, p - i * scale, bound);
  }
}

/** What a helper thread needs to score pairs once it holds every row's features. */
export interface PairScoringRequest {
  /** Rows stored, and the digest of this thread's features (Features.digest) after the nicknames. */
  rows: number;
  digest: number;
  /** Nickname pairs learnt from the list, applied before scoring as here (learn-nicknames.ts). */
  nicknames: readonly (readonly [string, string])[];
  model: Model;
  rowBits: number;
  bound: number;
  /** The pairs to score there. */
  pairs: Float64Array;
}

/** Where a helper's scoring stands: `done` settles (never rejects) once `weights` or `failed` is set. */
export interface PairScoringJob {
  done: Promise<void>;
  /** The weights of the request's pairs, in their order. */
  weights?: Float64Array;
  /** Why there are none: its copy of the features differed, the worker failed or ran out of memory. */
  failed?: string;
}

/**
 * Copies of the features in other threads that score a share of the pairs there
 * (src/parallel/pair-scoring.ts): given every row's normalised values in row order, as this
 * thread stores them, they build the same features.
 */
export interface PairScoringHelpers {
  /** How many threads besides this one score pairs. */
  readonly threads: number;
  /** Candidate pairs below which they are not asked (their round trip would cost more than scoring here). */
  readonly minPairs: number;
  /** Row i's normalised values (Features.normalisedOf), for i = 0, 1, …; '' stops the copies (a value they cannot carry). */
  add(text: string): void;
  /** Score `shares[t]` in helper t; every row must be in. */
  score(request: Omit<PairScoringRequest, 'pairs'>, shares: Float64Array[]): PairScoringJob[];
  /** End the threads (also after a failure). */
  close(): void;
}

/**
 * Starts helpers for a list of `rows` rows of which `matched` are matched tonight (the rest a
 * night settled: few pairs), or gives none (too few rows, one core, --jobs 0, running from sources).
 */
export type StartPairScoring = (rows: number, matched: number, options: FeatureOptions) => PairScoringHelpers | undefined;
