/**
 * How sure dedupe is, without labels: the pure arithmetic of its two estimates.
 *
 * Pair completeness (the share of true duplicate pairs blocking compared at all) by
 * capture–recapture. Blocking keys come in two families that find a duplicate through different
 * fields: contact and identifier keys (email, phone, identifier and date columns) and name and
 * place keys (blocking.ts). Over the pairs dedupe merged, a pair "captured" by a family shares a
 * key of it. If the two captures are independent, the share of family B's pairs that family A also
 * caught is A's catch rate, and the number of true pairs is about nA · nB / both (Lincoln–Petersen;
 * Chapman's form below is its nearly unbiased version for small counts). Pairs neither family
 * caught were never compared, which is exactly what the estimate counts.
 *
 * It leans on two assumptions worth knowing when reading the figure:
 * - independence: records copied from one source tend to agree on everything, so pairs found by
 *   both families are over-represented and the estimate comes out high rather than low;
 * - merged pairs stand in for true pairs: pairs that share one family's keys only reach the
 *   threshold less often than pairs that share both, which also errs on the high side.
 *
 * Match rate: the scorer's weights (log2 of m/u, against random pairs) turned into match
 * probabilities with a prior λ, the share of all n(n−1)/2 pairs that match, found as the fixed
 * point of λ = expected matching pairs / all pairs (EM on λ alone). Each row then has a match with
 * probability 1 − Π(1 − p) over the pairs it was compared in.
 */

/** Fewer merged pairs than this in family A, in B or in both, and capture–recapture says nothing useful. */
export const MIN_CAPTURED_PAIRS = 20;

/** Merged pairs, by the key families they share (a pair may share keys of neither: a decision, a window). */
export interface CaptureCounts {
  /** Pairs sharing a contact or identifier key only. */
  contactOnly: number;
  /** Pairs sharing a name or place key only. */
  nameOnly: number;
  both: number;
}

export type Completeness =
  | { estimable: true; estimate: number; truePairs: number; foundPairs: number }
  | { estimable: false; why: string };

/** Chapman's estimate of a population from two captures of nA and nB with m caught twice. */
export function chapman(nA: number, nB: number, m: number): number {
  return ((nA + 1) * (nB + 1)) / (m + 1) - 1;
}

/**
 * Pair completeness from the capture counts, capped at 1; not estimable when a family or the
 * overlap has fewer than MIN_CAPTURED_PAIRS pairs. `noContacts`: the list has no email, phone or
 * identifier at all (said so in the reason, it is the usual cause).
 */
export function pairCompleteness(c: CaptureCounts, noContacts = false, min = MIN_CAPTURED_PAIRS): Completeness {
  const nA = c.contactOnly + c.both;
  const nB = c.nameOnly + c.both;
  const few = (k: number, what: string) => `${k} merged ${k === 1 ? 'pair shares' : 'pairs share'} ${what}; needs ${min}`;
  if (nA < min) return { estimable: false, why: noContacts ? 'no emails or phones' : few(nA, 'an email, phone or identifier') };
  if (nB < min) return { estimable: false, why: few(nB, 'a name or place key') };
  if (c.both < min) return { estimable: false, why: few(c.both, 'keys of both kinds') };
  const found = c.contactOnly + c.nameOnly + c.both;
  const truePairs = chapman(nA, nB, c.both);
  return { estimable: true, estimate: Math.min(1, found / truePairs), truePairs, foundPairs: found };
}

/** Match probability of a weight (bits) under prior log-odds (bits). */
export function matchProbability(weight: number, priorBits: number): number {
  return 1 / (1 + 2 ** -(weight + priorBits));
}

/**
 * Weights binned to 1/BIN_SCALE bit: the fixed point iterates over bins, not over millions of
 * pairs. Beyond the range a pair's probability is 0 or 1 at any prior a list can have.
 */
const BIN_SCALE = 16;
const MIN_WEIGHT = -64;
const MAX_WEIGHT = 128;

export class WeightHistogram {
  readonly counts = new Float64Array((MAX_WEIGHT - MIN_WEIGHT) * BIN_SCALE + 1);
  pairs = 0;

  add(weight: number): void {
    const w = weight < MIN_WEIGHT ? MIN_WEIGHT : weight > MAX_WEIGHT ? MAX_WEIGHT : weight;
    this.counts[Math.round((w - MIN_WEIGHT) * BIN_SCALE)]++;
    this.pairs++;
  }

  /** Expected matching pairs among the binned ones under a prior (log-odds, bits). */
  expected(priorBits: number): number {
    let e = 0;
    const c = this.counts;
    for (let b = 0; b < c.length; b++) if (c[b] > 0) e += c[b] * matchProbability(MIN_WEIGHT + b / BIN_SCALE, priorBits);
    return e;
  }
}

export interface MatchPrior {
  /** Share of all pairs that match. */
  lambda: number;
  /** log2(λ / (1 − λ)): the prior in bits, added to a weight for its probability. */
  priorBits: number;
  /** Expected matching pairs among the compared ones. */
  expectedPairs: number;
}

/**
 * The prior λ as the fixed point of λ = E(λ) / (completeness · allPairs), E(λ) the expected
 * matching pairs among the compared ones: the pairs blocking never compared are taken to hold
 * (1 − completeness) of the matches, so the prior is that of all pairs the weights are scaled
 * against. λ = 0 is always a fixed point; started from the largest λ the compared pairs allow, the
 * iteration falls monotonically to the largest one, the list's own.
 */
export function fitMatchPrior(h: WeightHistogram, allPairs: number, completeness = 1): MatchPrior {
  const scale = completeness > 0 ? completeness * allPairs : allPairs;
  if (h.pairs === 0 || scale <= 0) return { lambda: 0, priorBits: -Infinity, expectedPairs: 0 };
  const bitsOf = (l: number) => Math.log2(l / (1 - l));
  let lambda = Math.min(0.5, h.pairs / scale);
  let expected = 0;
  for (let it = 0; it < 2000; it++) {
    expected = h.expected(bitsOf(lambda));
    const next = Math.min(0.5, expected / scale);
    if (next <= 0) return { lambda: 0, priorBits: -Infinity, expectedPairs: 0 };
    const done = Math.abs(Math.log(next / lambda)) < 1e-9;
    lambda = next;
    if (done) break;
  }
  return { lambda, priorBits: bitsOf(lambda), expectedPairs: expected };
}

/** Deterministic sample: keeps about `keep` of `total` items, the same ones on every run. */
export function sampled(index: number, keep: number, total: number, seed = 0x5eed): boolean {
  if (total <= keep) return true;
  let h = Math.imul(index ^ seed, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32 < keep / total;
}
