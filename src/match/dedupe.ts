/**
 * dedupe(): find the records of one person in a list and merge them.
 *
 *   features (features.ts) → blocking (blocking.ts) → pair weights (scorer.ts)
 *   → clusters with an anti-chaining guard and the analyst's decisions (cluster.ts, decisions.ts)
 *   → survivors (survivorship.ts), stable cluster ids (cluster-id.ts), pairs to review (review.ts)
 *
 * The result is lazy where it can be: merged rows, flagged rows and report rows are generated on
 * iteration, so a million-row list is not held twice.
 *
 * Each phase is written as steps that yield every few tens of milliseconds (parallel/cooperate.ts):
 * dedupe() runs them straight through, dedupeAsync() lets the event loop turn at each yield, so a
 * command computing for a minute still answers SIGTERM or Ctrl-C at once.
 */
import { canonicalCompanyName, companyDisplayCase } from '../company/display.js';
import { companyKey } from '../company/key.js';
import type { Row } from '../table.js';
import { candidatePairs, candidatePairSteps, type BlockingStats, type Candidates } from './blocking.js';
import { clusterSteps, type ClusterStats, type Clustering, type Edges, type LinkPair } from './cluster.js';
import { clusterIdSteps } from './cluster-id.js';
import { contradiction, where, type Decision, type DecisionEntry, type PairDecisions } from './decisions.js';
import { formatScore, matchReason, pairExplanation, type CandidateExplanation, type NotMergedReason, type RecordExplanation } from './explain.js';
import { Features } from './features.js';
import { weightForProbability } from './model.js';
import { resolveOptions, type DedupeOptions, type ResolvedOptions } from './options.js';
import { DEFAULT_REVIEW_THRESHOLD, NARROW_MARGIN, reviewRow, type ReviewReason } from './review.js';
import { Scorer, type FieldComparison } from './scorer.js';
import { identifierFields, learnModel, type Learnt } from './learn.js';
import type { Comparison } from './comparison-table.js';
import { applyNicknames, learnNicknames } from './learn-nicknames.js';
import type { Model } from './model.js';
import { mergeMembers, rankMembers } from './survivorship.js';
import { asHeld, type HeldRows } from './held-rows.js';
import { RECORD_DATE_FIELDS } from '../date/record-age.js';
import { completenessOf, matchRateSteps } from './estimate-pairs.js';
import type { CaptureCounts } from './estimate.js';
import { compileRowExtender } from '../io/row-shape.js';
import { runCooperatively, runSteps, Slice, type Steps } from '../parallel/cooperate.js';
import { scorePairRange, type PairScoringHelpers, type PairScoringRequest, type StartPairScoring } from './pair-weights.js';

/** Columns added to merged rows (default mode). */
export const MERGED_COLUMNS = [
  'cluster_id',
  'duplicate_count',
  'merged_ids',
  'emails_other',
  'phones_other',
  'company_key',
  'company_legal_form',
  'company_branch',
  'company_display',
] as const;

/** Columns added to every row in flag mode. */
export const FLAG_COLUMNS = [
  'cluster_id',
  'duplicate_count',
  'is_survivor',
  'survivor_id',
  'match_score',
  'match_reason',
  'company_key',
  'company_legal_form',
  'company_branch',
  'company_display',
] as const;

/** Columns of the --report merge map (one row per input record). */
export const REPORT_COLUMNS = [
  'cluster_id',
  'record_id',
  'is_survivor',
  'survivor_id',
  'matched_with',
  'match_score',
  'match_weight',
  'match_reason',
] as const;

/** dedupe()'s options: the matcher's, plus decisions, review and explain. */
export interface DedupeRunOptions extends DedupeOptions {
  /** An analyst's decisions by record_id: `same` pairs are merged, `different` pairs never share a cluster. */
  decisions?: PairDecisions;
  /** Collect the borderline pairs (result.review()); costs a little scoring, so only on request. */
  review?: boolean;
  /** Match probability from which a pair below the threshold is borderline (default 0.5). */
  reviewThreshold?: number;
  /** Keep the candidate pairs, so explain() lists a record's nearest candidates without blocking again. */
  keepCandidates?: boolean;
  /**
   * What the last night settled (a night's state, src/state): per row, the number of the cluster
   * it was in then, when it has not changed since; -1 for a new or changed row. Settled rows stay
   * together without being compared again, and only pairs with a new or changed row are scored.
   */
  settled?: Int32Array;
  /**
   * A row's normalised values as result.normalisedOf() gave them on the last night (a night's
   * state keeps them for unchanged records), so that they need not be read from the row again.
   */
  normalised?: (row: number) => string | undefined;
  /** Helper threads for pair scoring (src/parallel/pair-scoring.ts); only dedupeAsync uses them. */
  pairScoring?: StartPairScoring;
}

/** Nearest candidates explain() lists for a record. */
export const EXPLAIN_CANDIDATES = 5;

export interface Cluster {
  /** cluster_id as written to the output. */
  id: string;
  /** Row indices, survivor first, then by preference. */
  members: number[];
  survivor: number;
}

export interface Clusters extends Iterable<Cluster> {
  readonly count: number;
  /** Cluster index of a row. */
  of(row: number): number;
  /** cluster_id of a cluster index. */
  id(cluster: number): string;
  /** Row indices of a cluster, survivor first. */
  members(cluster: number): number[];
  survivor(cluster: number): number;
}

export interface DedupeStats {
  rows: number;
  clusters: number;
  /** Rows merged away (rows − clusters). */
  duplicates: number;
  blocking: BlockingStats;
  clustering: ClusterStats;
  /** Merges whose deciding pair scored less than NARROW_MARGIN bits above the threshold. */
  narrowMerges: number;
  /** Pairs for review (result.review()); undefined when review was not asked for. */
  reviewPairs?: number;
  /** Decisions whose two records are both in the input (applied), and the others (ignored). */
  decisions: { applied: number; ignored: number };
  /** How sure it is: estimates made without labels (estimate.ts). */
  estimates: DedupeEstimates;
  /**
   * Threads that scored the candidate pairs (1: this one alone), and, when a helper's share was
   * scored here after all, why (its copy of the features differed, it ran out of memory).
   */
  pairScoring: PairScoringStats;
}

export interface DedupeEstimates {
  /** Estimated share of true duplicate pairs blocking compared (0–1); undefined when not estimable. */
  pairCompleteness?: number;
  /** Why pair completeness could not be estimated. */
  pairCompletenessWhy?: string;
  /** Merged pairs (a sample of at most 50,000) by the key families they share. */
  captured: CaptureCounts;
  /**
   * The model's estimate of the share of rows with another record of the same person, whatever the
   * threshold; undefined in a night that compared only its new and changed rows (settled), whose
   * pairs say nothing of the rest.
   */
  estimatedMatchRate?: number;
  /** Why there is no estimated match rate. */
  estimatedMatchRateWhy?: string;
  /** The share of rows in clusters of two or more: what the threshold made of it. */
  realisedMatchRate: number;
}

export interface DedupeResult {
  readonly clusters: Clusters;
  readonly stats: DedupeStats;
  /**
   * One merged row per cluster (default mode), in the order of each cluster's first row. A
   * cluster marked in `carried` (a night's unchanged person, whose row no step after dedupe
   * reads and no output writes) gets a row of its survivor's record_id, dates (which classify
   * watches on every row) and the cluster columns only (cluster_id, duplicate_count,
   * merged_ids): its rows are not read back at all.
   */
  survivors(carried?: Uint8Array): IterableIterator<Row>;
  /** Every input row with cluster columns added (--mode flag), in input order. */
  flagged(): IterableIterator<Row>;
  /** One row per input record: the reversible merge map (--report). */
  report(): IterableIterator<Row>;
  /** The borderline pairs, side by side with an empty decision column (--review); empty unless asked for. */
  review(): Row[];
  /**
   * Why a record is in its cluster, field by field, and why not in another: its nearest candidates
   * outside its cluster with the reason each was not merged. Undefined for an unknown record_id.
   */
  explain(recordId: string): RecordExplanation | undefined;
  /** record_id of a row ("#<n>" when the row has none). */
  recordId(row: number): string;
  /** Output header for a mode, given the input header. */
  columns(inputColumns: readonly string[], mode: 'merge' | 'flag'): string[];
  /** The weights the pairs were scored with: learnt from the list (see learnt) or given. */
  readonly model: Model;
  /** What was learnt from the list, when the weights were not given. */
  readonly learnt?: Learnt;
  /** The comparisons the pairs were scored on (comparison-table.ts). */
  readonly table: readonly Comparison[];
  /** A row's normalised values, for a night's state to give back as `normalised` next time. */
  normalisedOf(row: number): string;
  /**
   * Let the match features and the scorer go (a few hundred bytes a row), for a caller that needs
   * only the clusters and the merged rows (survivors()) from now on: flagged(), report(), review(),
   * explain() and normalisedOf() throw after it.
   */
  release(): void;
}

export function dedupe(rows: readonly Row[] | HeldRows, options: DedupeRunOptions = {}): DedupeResult {
  // Helper threads answer through the event loop, which this call never lets run.
  return runSteps(dedupeSteps(asHeld(rows), { ...options, pairScoring: undefined }, new Slice()));
}

/**
 * dedupe(), letting the event loop turn every few tens of milliseconds (for commands). The rows
 * may be held in a file (src/commands/hold-rows.ts): the result reads them from it.
 */
export function dedupeAsync(rows: readonly Row[] | HeldRows, options: DedupeRunOptions = {}): Promise<DedupeResult> {
  return runCooperatively(dedupeSteps(asHeld(rows), options, new Slice()));
}

/** record_id of a row, "#<n>" (1-based position) when it has none. */
const recordIdOf = (rows: HeldRows, i: number): string => rows.recordId(i) || `#${i + 1}`;

/** An unordered pair of rows as one number (rows below 2^26 each keep it exact). */
const pairKey = (i: number, j: number, n: number): number => (i < j ? i * n + j : j * n + i);

/** The decisions as row pairs: the ones whose records are both in the input, by kind. */
interface DecidedLinks {
  must: LinkPair[];
  cannot: LinkPair[];
  /** The decision of each tag. */
  entries: DecisionEntry[];
  /** Decision per row pair (pairKey). */
  byPair: Map<number, { decision: Decision; tag: number }>;
  applied: number;
  ignored: number;
}

function decidedLinks(rows: HeldRows, decisions: PairDecisions | undefined): DecidedLinks {
  const out: DecidedLinks = { must: [], cannot: [], entries: [], byPair: new Map(), applied: 0, ignored: 0 };
  if (!decisions || decisions.size === 0) return out;
  const n = rows.length;
  // Every row of a record_id: an id given twice in the input is decided for both rows.
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const id = recordIdOf(rows, i);
    const l = rowsOf.get(id);
    if (l) l.push(i);
    else rowsOf.set(id, [i]);
  }
  for (const e of decisions.entries()) {
    const as = rowsOf.get(e.a);
    const bs = rowsOf.get(e.b);
    if (!as || !bs) {
      out.ignored++;
      continue;
    }
    out.applied++;
    const tag = out.entries.length;
    out.entries.push(e);
    for (const a of as) {
      for (const b of bs) {
        if (a === b) continue;
        (e.decision === 'same' ? out.must : out.cannot).push({ a, b, tag });
        out.byPair.set(pairKey(a, b, n), { decision: e.decision, tag });
      }
    }
  }
  return out;
}

function* dedupeSteps(rows: HeldRows, options: DedupeRunOptions, slice: Slice): Steps<DedupeResult> {
  const opts = resolveOptions(options, rows);
  const n = rows.length;
  const featureOptions = { compare: opts.compare, defaultCallingCode: opts.defaultCallingCode };
  const features = new Features(n, featureOptions);
  // Other threads that score a share of the pairs, each with a copy of the features built from
  // the normalised values stored here (pair-weights.ts).
  let matched = n;
  if (options.settled) for (let i = 0; i < n; i++) if (options.settled[i] >= 0) matched--;
  const helpers = options.pairScoring?.(n, matched, featureOptions);
  try {
    return yield* dedupeWith(rows, options, opts, features, helpers, slice);
  } finally {
    helpers?.close();
  }
}

function* dedupeWith(rows: HeldRows, options: DedupeRunOptions, opts: ResolvedOptions, features: Features, helpers: PairScoringHelpers | undefined, slice: Slice): Steps<DedupeResult> {
  const n = rows.length;
  const cached = options.normalised;
  for (let i = 0; i < n; i++) {
    const known = cached?.(i);
    if (!known) features.add(rows.get(i));
    else features.addNormalised(known);
    helpers?.add(known || features.normalisedOf(i));
    if ((i & 255) === 255 && slice.due()) yield;
  }
  const decided = decidedLinks(rows, options.decisions);
  const settled = settledRows(options.settled, decided.cannot);
  const candidates = yield* candidatePairSteps(features, n, { maxBlockSize: opts.maxBlockSize, window: opts.window, settled }, slice);
  // Nickname pairs the list's shared emails show (learn-nicknames.ts), then the weights (learn.ts),
  // unless a model was given: the nicknames change the levels the weights are learnt from.
  const nicknames = opts.learn ? learnNicknames(features, n, candidates.pairs, candidates.rowBits).map((l) => l.names) : opts.nicknames;
  if (nicknames.length) {
    applyNicknames(features, nicknames);
    features.reclaimOwners(n);
  }
  const learnt = opts.learn ? { ...learnModel(features, n, candidates.pairs, candidates.rowBits, opts.model, { identifierFields: identifierFields(opts) }), nicknames } : undefined;
  const scorer = new Scorer(features, learnt?.model ?? opts.model);

  let reviewWeight: number | undefined;
  if (options.review) {
    const p = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
    if (!(p > 0 && p < opts.threshold)) throw new Error(`review threshold must be above 0 and below the threshold ${opts.threshold}, got ${p}`);
    reviewWeight = weightForProbability(p, opts.model);
  }

  const estimateBound = weightForProbability(ESTIMATE_PROBABILITY, scorer.model);
  const shared = helpers && { rows: n, digest: features.digest(n), nicknames, model: scorer.model };
  const scored = yield* scorePairs(candidates.pairs, candidates.rowBits, scorer, opts.thresholdWeight, reviewWeight, estimateBound, slice, helpers, shared);
  // The copies are of no more use: their memory goes now, not when the result is written.
  helpers?.close();
  const clustering = yield* clusterSteps(
    n,
    scored.edges,
    scorer,
    {
      floor: opts.minPairWeight,
      maxClusterSize: opts.maxClusterSize,
      narrowBelow: opts.thresholdWeight + NARROW_MARGIN,
      mustLink: decided.must,
      cannotLink: decided.cannot,
      kept: settled ? keptLinks(settled) : undefined,
      onContradiction: (must, cannot) => {
        throw contradiction(decided.entries[must], decided.entries[cannot]);
      },
    },
    slice,
  );
  const engine: Engine = {
    features,
    scorer,
    // Kept for review only (the narrow merges are edges): the result holds no pairs otherwise.
    edges: reviewWeight === undefined ? undefined : scored.edges,
    borderline: reviewWeight === undefined ? undefined : scored.borderline,
    decided,
    candidates: options.keepCandidates ? candidates : undefined,
    estimates: yield* estimateSteps(features, n, candidates, scored, clustering, scorer.model, slice, settled),
    pairScoring: scored.scoring,
  };
  const result = yield* buildResult(rows, opts, engine, clustering, candidates.stats, slice, options.columns);
  return Object.assign(result, { model: scorer.model, learnt, table: scorer.table });
}

/**
 * The rows last night settled, less those a cannot-link decision names: a decision that splits a
 * cluster makes its records be matched again (and the guard keeps the decided pair apart).
 */
function settledRows(settled: Int32Array | undefined, cannot: readonly LinkPair[]): Int32Array | undefined {
  if (!settled) return undefined;
  const out = settled.slice();
  for (const p of cannot) {
    out[p.a] = -1;
    out[p.b] = -1;
  }
  return out;
}

/** Each settled row linked to the first row of its last night's cluster. */
function keptLinks(settled: Int32Array): LinkPair[] {
  const first = new Map<number, number>();
  const links: LinkPair[] = [];
  for (let i = 0; i < settled.length; i++) {
    const g = settled[i];
    if (g < 0) continue;
    const f = first.get(g);
    if (f === undefined) first.set(g, i);
    else links.push({ a: f, b: i, tag: -1 });
  }
  return links;
}

/**
 * Pairs are scored in full down to this match probability (under the model's prior) rather than
 * only to the threshold, so that the match rate sees the weight of every pair that could count;
 * the scorer's early exit below it gives some weight under the bound, negligible either way.
 */
const ESTIMATE_PROBABILITY = 0.05;

function* estimateSteps(f: Features, n: number, candidates: Candidates, scored: ScoredPairs, cl: Clustering, model: Model, slice: Slice, settled?: Int32Array): Steps<DedupeEstimates> {
  let inClusters = 0;
  for (let c = 0; c < cl.count; c++) {
    const size = cl.start[c + 1] - cl.start[c];
    if (size > 1) inClusters += size;
  }
  const realisedMatchRate = n ? inClusters / n : 0;
  // A night that kept last night's clusters compared only pairs with a new or changed row: its
  // pairs estimate nothing about the list as a whole.
  let kept = 0;
  if (settled) for (let i = 0; i < n; i++) if (settled[i] >= 0) kept++;
  if (kept > 0) {
    const why = `a night with state compared only the ${n - kept} new or changed rows`;
    return { pairCompletenessWhy: why, captured: { contactOnly: 0, nameOnly: 0, both: 0 }, realisedMatchRate, estimatedMatchRateWhy: why };
  }
  const completeness = completenessOf(f, scored.edges, cl.clusterOf);
  if (slice.due()) yield;
  const rate = yield* matchRateSteps(n, candidates.pairs, candidates.rowBits, scored.weights, completeness.estimable ? completeness.estimate : 1, slice, model.priorWeight - model.listBits);
  return {
    pairCompleteness: completeness.estimable ? completeness.estimate : undefined,
    pairCompletenessWhy: completeness.estimable ? undefined : completeness.why,
    captured: completeness.counts,
    estimatedMatchRate: rate.estimated,
    realisedMatchRate,
  };
}

/** What buildResult needs of the computation besides the clusters. */
interface Engine {
  features: Features;
  scorer: Scorer;
  /** The matched pairs and those from the review bound up to the threshold (only when review was asked for). */
  edges?: Edges;
  borderline?: Edges;
  decided: DecidedLinks;
  candidates?: Candidates;
  estimates: DedupeEstimates;
  pairScoring: PairScoringStats;
}

export interface PairScoringStats {
  threads: number;
  /** Why a helper's pairs were scored in this thread instead ('' when none was). */
  fallback: string;
}

/** Pairs of rows with a weight each, grown as needed (no objects per pair). */
class EdgeBuffer {
  private cap = 1024;
  a = new Int32Array(this.cap);
  b = new Int32Array(this.cap);
  w = new Float64Array(this.cap);
  length = 0;

  push(i: number, j: number, weight: number): void {
    if (this.length === this.cap) {
      this.cap *= 2;
      const na = new Int32Array(this.cap);
      na.set(this.a);
      this.a = na;
      const nb = new Int32Array(this.cap);
      nb.set(this.b);
      this.b = nb;
      const nw = new Float64Array(this.cap);
      nw.set(this.w);
      this.w = nw;
    }
    this.a[this.length] = i;
    this.b[this.length] = j;
    this.w[this.length] = weight;
    this.length++;
  }

  edges(): Edges {
    return { a: this.a, b: this.b, w: this.w, length: this.length };
  }
}

interface ScoredPairs {
  edges: Edges;
  borderline: Edges;
  /** The weight of every candidate pair, in the order of the pairs (for the match rate). */
  weights: Float32Array;
  scoring: PairScoringStats;
}

/**
 * Score candidate pairs, keeping those at or above the threshold as edges and, when a review
 * bound is given, those from the bound up to the threshold as borderline pairs. Every weight is
 * kept for the match rate; pairs are scored in full down to `estimateBound`. With helpers, each
 * helper thread scores an equal share of the later pairs while this one scores the first share;
 * the edges are then taken in the pairs' order, as from one thread.
 */
function* scorePairs(
  pairs: Float64Array,
  rowBits: number,
  scorer: Scorer,
  threshold: number,
  reviewBound: number | undefined,
  estimateBound: number,
  slice: Slice,
  helpers?: PairScoringHelpers,
  shared?: Omit<PairScoringRequest, 'pairs' | 'rowBits' | 'bound'>,
): Steps<ScoredPairs> {
  const exact = new Float64Array(pairs.length);
  // The scorer may stop early below the lowest bound anyone needs.
  const bound = Math.min(reviewBound ?? threshold, estimateBound);
  const parts = helpers && shared && pairs.length >= helpers.minPairs ? helpers.threads + 1 : 1;
  const share = Math.ceil(pairs.length / parts);
  const ends = Array.from({ length: parts }, (_, t) => Math.min(pairs.length, (t + 1) * share));
  const jobs = parts > 1 ? (helpers as PairScoringHelpers).score({ ...(shared as NonNullable<typeof shared>), rowBits, bound }, ends.slice(1).map((end, t) => pairs.slice(ends[t], end))) : [];
  yield* scoreRangeSteps(scorer, pairs, rowBits, bound, exact, 0, ends[0], slice);
  const scoring: PairScoringStats = { threads: 1, fallback: '' };
  for (let t = 0; t < jobs.length; t++) {
    const job = jobs[t];
    yield job.done;
    const from = ends[t];
    if (job.weights) {
      exact.set(job.weights, from);
      scoring.threads++;
    } else {
      // A copy that is not this thread's features (a bug) must not decide anything, and a helper
      // that failed or ran out of memory decides nothing: its share is scored here, and the
      // summary says why.
      scoring.fallback ||= job.failed ?? 'no weights came back';
      yield* scoreRangeSteps(scorer, pairs, rowBits, bound, exact, from, ends[t + 1], slice);
    }
  }
  const scale = 2 ** rowBits;
  const edges = new EdgeBuffer();
  const borderline = new EdgeBuffer();
  for (let k = 0; k < pairs.length; k++) {
    const weight = exact[k];
    if (weight < threshold && (reviewBound === undefined || weight < reviewBound)) continue;
    const p = pairs[k];
    const i = Math.floor(p / scale);
    const j = p - i * scale;
    if (weight >= threshold) edges.push(i, j, weight);
    else borderline.push(i, j, weight);
  }
  // The match rate has always been read off single-precision weights; the edges take them whole.
  return { edges: edges.edges(), borderline: borderline.edges(), weights: Float32Array.from(exact), scoring };
}

function* scoreRangeSteps(scorer: Scorer, pairs: Float64Array, rowBits: number, bound: number, weights: Float64Array, from: number, to: number, slice: Slice): Steps<void> {
  for (let k = from; k < to; k += 1024) {
    scorePairRange(scorer, pairs, rowBits, bound, weights, k, Math.min(to, k + 1024));
    if (slice.due()) yield;
  }
}

function* buildResult(rows: HeldRows, opts: ResolvedOptions, engine: Engine, cl: Clustering, blocking: BlockingStats, slice: Slice, inputColumns?: readonly string[]): Steps<Omit<DedupeResult, 'model' | 'learnt' | 'table'>> {
  const n = rows.length;
  const { decided, estimates, pairScoring } = engine;
  // The features and scorer are what the merged rows do not need: release() lets them go, and
  // the engine object is not kept by any closure below (each takes what it reads).
  let live: { scorer: Scorer; features: Features; candidates?: Candidates } | undefined = { scorer: engine.scorer, features: engine.features, candidates: engine.candidates };
  const using = () => {
    if (!live) throw new Error('dedupe: the match features were released (DedupeResult.release): flagged rows, review pairs, explanations and normalised values are no longer at hand');
    return live;
  };
  const scorer = {
    explain: (i: number, j: number) => using().scorer.explain(i, j),
    conflictOrBelow: (i: number, j: number, floor: number) => using().scorer.conflictOrBelow(i, j, floor),
  };
  const recordId = (i: number) => recordIdOf(rows, i);

  // Survivors and preference order, computed for clusters with more than one member only.
  const survivorOf = new Int32Array(cl.count);
  const ordered = new Map<number, number[]>();
  for (let c = 0; c < cl.count; c++) {
    if ((c & 1023) === 1023 && slice.due()) yield;
    const s = cl.start[c];
    const e = cl.start[c + 1];
    if (e - s === 1) {
      survivorOf[c] = cl.members[s];
      continue;
    }
    const members = Array.from(cl.members.subarray(s, e));
    const ranked = rankMembers(rows, members, opts.prefer);
    ordered.set(c, ranked);
    survivorOf[c] = ranked[0];
  }
  const membersOf = (c: number): number[] => ordered.get(c) ?? [cl.members[cl.start[c]]];
  // Stable ids: named after the smallest member record_id (cluster-id.ts).
  const memberIds = (c: number): string[] => Array.from(cl.members.subarray(cl.start[c], cl.start[c + 1]), recordId);
  const minId = (c: number): string => {
    const e = cl.start[c + 1];
    let min = recordId(cl.members[cl.start[c]]);
    for (let k = cl.start[c] + 1; k < e; k++) {
      const id = recordId(cl.members[k]);
      if (id < min) min = id;
    }
    return min;
  };
  const ids = yield* clusterIdSteps(cl.count, minId, (c) => memberIds(c).sort().join('\u0000'), slice);
  const clusterId = (c: number) => ids[c];

  const clusters: Clusters = {
    count: cl.count,
    of: (row) => cl.clusterOf[row],
    id: clusterId,
    members: membersOf,
    survivor: (c) => survivorOf[c],
    *[Symbol.iterator]() {
      for (let c = 0; c < cl.count; c++) yield { id: clusterId(c), members: membersOf(c), survivor: survivorOf[c] };
    },
  };

  const displayCache = new Map<number, string>();
  /** The company columns of an output row: key, legal form, branch, canonical display name. */
  const companyColumns = (company: string, c: number): [string, string, string, string] => {
    const k = companyKey(company);
    const members = ordered.get(c);
    let display: string;
    if (!members) display = companyDisplayCase(k.display);
    else {
      let d = displayCache.get(c);
      if (d === undefined) {
        d = canonicalCompanyName(members.map((i) => rows.get(i).company ?? ''));
        displayCache.set(c, d);
      }
      display = d;
    }
    return [k.key, k.legalForm, k.branch, display];
  };

  /**
   * Output rows are built by one compiled constructor per mode, so they all share one shape;
   * copying a row and adding nine keys one by one made every output row a slow dictionary object.
   */
  const shaper = (added: readonly string[]): ((row: Row, res: string[]) => Row) => {
    const base = inputColumns ?? unionKeys(rows);
    return compileRowExtender(columns(base, added === MERGED_COLUMNS ? 'merge' : 'flag'), [...added]);
  };

  /** The strongest link of a row inside its cluster, explained (undefined for a single record). */
  const link = (i: number) => {
    const partner = cl.bestPartner[i];
    return partner < 0 ? undefined : scorer.explain(i, partner);
  };
  /** The one-line reason of a link: a decision leads when the row is in its cluster by one. */
  const linkReason = (i: number, fields: readonly FieldComparison[]) => {
    const r = matchReason(fields);
    return cl.bestDecided[i] ? (r ? `decision=same; ${r}` : 'decision=same') : r;
  };

  function* survivors(carried?: Uint8Array): IterableIterator<Row> {
    const shape = shaper(MERGED_COLUMNS);
    let dates: (readonly [string, readonly string[]])[] | undefined;
    for (let c = 0; c < cl.count; c++) {
      const members = membersOf(c);
      if (carried?.[c]) {
        const light: Row = { record_id: recordId(members[0]), cluster_id: clusterId(c), duplicate_count: String(members.length - 1), merged_ids: members.map(recordId).join(';') };
        // The survivor's dates (kept in memory): classify watches every row's for dates written the other way round.
        dates ??= RECORD_DATE_FIELDS.map((f) => [f, rows.column(f)] as const);
        for (const [f, values] of dates) if (values[members[0]] !== '') light[f] = values[members[0]];
        yield light;
        continue;
      }
      if (members.length === 1) {
        const row = rows.get(members[0]);
        yield shape(row, [clusterId(c), '0', recordId(members[0]), '', '', ...companyColumns(row.company ?? '', c)]);
        continue;
      }
      const merged = mergeMembers(members.map((i) => rows.get(i)), members.map((_, k) => k), opts.defaultCallingCode);
      const row = merged.row;
      yield shape(row, [
        clusterId(c),
        String(members.length - 1),
        members.map(recordId).join(';'),
        merged.emailsOther.join(';'),
        merged.phonesOther.join(';'),
        ...companyColumns(row.company ?? '', c),
      ]);
    }
  }

  function* flagged(): IterableIterator<Row> {
    const shape = shaper(FLAG_COLUMNS);
    for (let i = 0; i < n; i++) {
      const c = cl.clusterOf[i];
      const size = cl.start[c + 1] - cl.start[c];
      const l = size > 1 ? link(i) : undefined;
      const row = rows.get(i);
      yield shape(row, [
        clusterId(c),
        String(size - 1),
        survivorOf[c] === i ? 'yes' : 'no',
        recordId(survivorOf[c]),
        l ? formatScore(l.score) : '',
        l ? linkReason(i, l.fields) : '',
        ...companyColumns(row.company ?? '', c),
      ]);
    }
  }

  function* report(): IterableIterator<Row> {
    for (let i = 0; i < n; i++) {
      const c = cl.clusterOf[i];
      const l = cl.start[c + 1] - cl.start[c] > 1 ? link(i) : undefined;
      yield {
        cluster_id: clusterId(c),
        record_id: recordId(i),
        is_survivor: survivorOf[c] === i ? 'yes' : 'no',
        survivor_id: recordId(survivorOf[c]),
        matched_with: l ? recordId(l.b) : '',
        match_score: l ? formatScore(l.score) : '',
        match_weight: l ? l.weight.toFixed(1) : '',
        match_reason: l ? linkReason(i, l.fields) : '',
      };
    }
  }

  // Borderline pairs not decided yet, and the narrow merges (never decided: a decided pair is
  // merged or kept apart before any scored pair).
  const { borderline, edges } = engine;
  const undecided: number[] = [];
  if (borderline) {
    for (let k = 0; k < borderline.length; k++) {
      if (!decided.byPair.has(pairKey(borderline.a[k], borderline.b[k], n))) undecided.push(k);
    }
  }
  const reviewPairs = borderline ? undecided.length + cl.narrow.length : undefined;

  function review(): Row[] {
    if (!borderline || !edges) return [];
    const items: { i: number; j: number; w: number; narrow: boolean }[] = [];
    for (const k of undecided) items.push({ i: borderline.a[k], j: borderline.b[k], w: borderline.w[k], narrow: false });
    for (const e of cl.narrow) items.push({ i: edges.a[e], j: edges.b[e], w: edges.w[e], narrow: true });
    const sorted = items.map((x) => {
      const [a, b] = recordId(x.i) <= recordId(x.j) ? [recordId(x.i), recordId(x.j)] : [recordId(x.j), recordId(x.i)];
      return { ...x, a, b };
    });
    sorted.sort((x, y) => y.w - x.w || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0) || (x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
    return sorted.map((x) => {
      const p = scorer.explain(x.i, x.j);
      const reason: ReviewReason = x.narrow ? 'narrow_merge' : p.conflict ? 'conflict' : 'below_threshold';
      return reviewRow(p, (i) => rows.get(i), recordId, reason, cl.clusterOf[x.i] === cl.clusterOf[x.j]);
    });
  }

  /** The rows blocking compared row i with (from the kept candidates, else blocking again). */
  let allCandidates: Candidates | undefined;
  function comparedWith(i: number): number[] {
    allCandidates ??= using().candidates ?? candidatePairs(using().features, n, { maxBlockSize: opts.maxBlockSize, window: opts.window });
    const scale = 2 ** allCandidates.rowBits;
    const pairs = allCandidates.pairs;
    const out = new Set<number>();
    for (let k = 0; k < pairs.length; k++) {
      const x = Math.floor(pairs[k] / scale);
      const y = pairs[k] - x * scale;
      if (x === i) out.add(y);
      else if (y === i) out.add(x);
    }
    return [...out];
  }

  /** The fields a conflict is made of: person fields that differ (not email or phone, which alone never conflict). */
  const conflictFields = (fields: readonly FieldComparison[]) => {
    const names = fields.filter((f) => f.level === 'differ' && !f.context && f.field !== 'email' && f.field !== 'phone').map((f) => f.field);
    return names.length ? `conflict: ${names.join(', ')} ${names.length === 1 ? 'differs' : 'differ'}` : 'conflict';
  };

  /** A decision across the clusters of two rows, if any. */
  const decisionBetween = (ci: number, cj: number): DecisionEntry | undefined => {
    for (const p of decided.cannot) {
      const ca = cl.clusterOf[p.a];
      const cb = cl.clusterOf[p.b];
      if ((ca === ci && cb === cj) || (ca === cj && cb === ci)) return decided.entries[p.tag];
    }
    return undefined;
  };

  /** Why row j is not in row i's cluster. */
  function notMerged(i: number, j: number, p: { weight: number; conflict: boolean; fields: FieldComparison[] }): { reason: NotMergedReason; detail: string } {
    const direct = decided.byPair.get(pairKey(i, j, n));
    if (direct && direct.decision === 'different') return { reason: 'decision', detail: `decided different (${where(decided.entries[direct.tag])})` };
    if (p.conflict) return { reason: 'conflict', detail: conflictFields(p.fields) };
    if (p.weight < opts.thresholdWeight) {
      return { reason: 'below_threshold', detail: `below threshold: ${p.weight.toFixed(1)} of ${opts.thresholdWeight.toFixed(1)} bits (${(opts.thresholdWeight - p.weight).toFixed(1)} short)` };
    }
    const ci = cl.clusterOf[i];
    const cj = cl.clusterOf[j];
    const across = decisionBetween(ci, cj);
    if (across) return { reason: 'decision', detail: `kept apart by a decision: ${across.a} and ${across.b} decided different (${where(across)})` };
    const A = membersOf(ci);
    const B = membersOf(cj);
    if (A.length + B.length > opts.maxClusterSize) {
      return { reason: 'size', detail: `the two clusters together would have ${A.length + B.length} records, more than ${opts.maxClusterSize}` };
    }
    for (const x of A) {
      for (const y of B) {
        if (!scorer.conflictOrBelow(x, y, opts.minPairWeight)) continue;
        const q = scorer.explain(x, y);
        const why = q.conflict ? conflictFields(q.fields) : `${q.weight.toFixed(1)} bits, below the floor of ${opts.minPairWeight} every pair in a cluster must reach`;
        return { reason: 'guard', detail: `anti-chaining guard: ${recordId(x)} (this cluster) and ${recordId(y)} (the other): ${why}` };
      }
    }
    return { reason: 'guard', detail: 'anti-chaining guard: the clusters were kept apart when they were formed' };
  }

  let byRecordId: Map<string, number> | undefined;
  function explain(id: string): RecordExplanation | undefined {
    if (!byRecordId) {
      byRecordId = new Map();
      for (let i = 0; i < n; i++) if (!byRecordId.has(recordId(i))) byRecordId.set(recordId(i), i);
    }
    const i = byRecordId.get(id);
    if (i === undefined) return undefined;
    const c = cl.clusterOf[i];
    const members = membersOf(c);
    const survivor = survivorOf[c];
    const l = link(i);
    const out: RecordExplanation = {
      recordId: id,
      clusterId: clusterId(c),
      survivorId: recordId(survivor),
      isSurvivor: survivor === i,
      members: members.map(recordId),
      threshold: opts.threshold,
      thresholdWeight: opts.thresholdWeight,
    };
    if (l) out.link = pairExplanation(l, id, recordId(l.b));
    if (l && cl.bestDecided[i]) out.linkDecided = true;
    if (survivor !== i && (!l || l.b !== survivor)) out.survivor = pairExplanation(scorer.explain(i, survivor), id, recordId(survivor));

    // Why not: the nearest records blocking compared it with, outside its cluster.
    const outside = comparedWith(i).filter((j) => cl.clusterOf[j] !== c);
    const scoredOutside = outside.map((j) => ({ j, p: scorer.explain(i, j) }));
    scoredOutside.sort((x, y) => y.p.weight - x.p.weight || (recordId(x.j) < recordId(y.j) ? -1 : 1));
    out.compared = outside.length;
    out.candidates = scoredOutside.slice(0, EXPLAIN_CANDIDATES).map(({ j, p }): CandidateExplanation => ({
      ...pairExplanation(p, id, recordId(j)),
      clusterId: clusterId(cl.clusterOf[j]),
      ...notMerged(i, j, p),
    }));
    return out;
  }


  return {
    clusters,
    stats: {
      rows: n,
      clusters: cl.count,
      duplicates: n - cl.count,
      blocking,
      clustering: cl.stats,
      narrowMerges: cl.stats.narrowMerges,
      reviewPairs,
      decisions: { applied: decided.applied, ignored: decided.ignored },
      estimates,
      pairScoring,
    },
    survivors,
    flagged,
    report,
    review,
    explain,
    recordId,
    columns,
    normalisedOf: (row: number) => using().features.normalisedOf(row),
    release: () => {
      live = undefined;
    },
  };
}

/** Output header for a mode: the input's columns, then the added ones (an input column of that name is replaced). */
function columns(input: readonly string[], mode: 'merge' | 'flag'): string[] {
  const added: readonly string[] = mode === 'merge' ? MERGED_COLUMNS : FLAG_COLUMNS;
  return [...input.filter((c) => !added.includes(c)), ...added];
}

/** Every key of any row, in first-seen order (rows given without a header). */
function unionKeys(rows: HeldRows): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) for (const k in rows.get(i)) seen.add(k);
  return [...seen];
}
