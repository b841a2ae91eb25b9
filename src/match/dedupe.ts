/**
 * dedupe(): find the records of one person in a list and merge them.
 *
 *   features (features.ts) → blocking (blocking.ts) → pair weights (scorer.ts)
 *   → clusters with an anti-chaining guard (cluster.ts) → survivors (survivorship.ts)
 *
 * The result is lazy where it can be: merged rows, flagged rows and report rows are generated on
 * iteration, so a million-row list is not held twice.
 *
 * Each phase is written as steps that yield every few tens of milliseconds (parallel/cooperate.ts):
 * dedupe() runs them straight through, dedupeAsync() lets the event loop turn at each yield, so a
 * command computing for a minute still answers SIGTERM or Ctrl-C at once.
 */
import { canonicalCompanyName } from '../company/display.js';
import { companyKey } from '../company/key.js';
import type { Row } from '../table.js';
import { candidatePairSteps, type BlockingStats } from './blocking.js';
import { clusterSteps, type ClusterStats, type Clustering, type Edges } from './cluster.js';
import { formatScore, matchReason, pairExplanation, type RecordExplanation } from './explain.js';
import { Features } from './features.js';
import { resolveOptions, type DedupeOptions, type ResolvedOptions } from './options.js';
import { Scorer } from './scorer.js';
import { identifierFields, learnModel } from './learn.js';
import { mergeMembers, rankMembers } from './survivorship.js';
import { compileRowExtender } from '../io/row-shape.js';
import { runCooperatively, runSteps, Slice, type Steps } from '../parallel/cooperate.js';

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
}

export interface DedupeResult {
  readonly clusters: Clusters;
  readonly stats: DedupeStats;
  /** One merged row per cluster (default mode), in the order of each cluster's first row. */
  survivors(): IterableIterator<Row>;
  /** Every input row with cluster columns added (--mode flag), in input order. */
  flagged(): IterableIterator<Row>;
  /** One row per input record: the reversible merge map (--report). */
  report(): IterableIterator<Row>;
  /** Why a record is in its cluster, field by field; undefined for an unknown record_id. */
  explain(recordId: string): RecordExplanation | undefined;
  /** record_id of a row ("#<n>" when the row has none). */
  recordId(row: number): string;
  /** Output header for a mode, given the input header. */
  columns(inputColumns: readonly string[], mode: 'merge' | 'flag'): string[];
}

export function dedupe(rows: readonly Row[], options: DedupeOptions = {}): DedupeResult {
  return runSteps(dedupeSteps(rows, options, new Slice()));
}

/** dedupe(), letting the event loop turn every few tens of milliseconds (for commands). */
export function dedupeAsync(rows: readonly Row[], options: DedupeOptions = {}): Promise<DedupeResult> {
  return runCooperatively(dedupeSteps(rows, options, new Slice()));
}

function* dedupeSteps(rows: readonly Row[], options: DedupeOptions, slice: Slice): Steps<DedupeResult> {
  const opts = resolveOptions(options, rows);
  const n = rows.length;
  const features = new Features(n, { compare: opts.compare, defaultCallingCode: opts.defaultCallingCode });
  for (let i = 0; i < n; i++) {
    features.add(rows[i]);
    if ((i & 255) === 255 && slice.due()) yield;
  }
  const candidates = yield* candidatePairSteps(features, n, { maxBlockSize: opts.maxBlockSize, window: opts.window }, slice);
  // Weights learnt from this list (learn.ts) unless a model was given.
  const learnt = opts.learn ? learnModel(features, n, candidates.pairs, candidates.rowBits, opts.model, { identifierFields: identifierFields(opts) }) : undefined;
  const scorer = new Scorer(features, learnt?.model ?? opts.model);
  const edges = yield* scorePairs(candidates.pairs, candidates.rowBits, scorer, opts.thresholdWeight, slice);
  const clustering = yield* clusterSteps(n, edges, scorer, { floor: opts.minPairWeight, maxClusterSize: opts.maxClusterSize }, slice);
  return yield* buildResult(rows, opts, scorer, clustering, candidates.stats, slice, options.columns);
}

/** Score candidate pairs, keeping only those at or above the threshold (no objects per pair). */
function* scorePairs(pairs: Float64Array, rowBits: number, scorer: Scorer, threshold: number, slice: Slice): Steps<Edges> {
  const scale = 2 ** rowBits;
  let cap = 1024;
  let a = new Int32Array(cap);
  let b = new Int32Array(cap);
  let w = new Float64Array(cap);
  let length = 0;
  for (let k = 0; k < pairs.length; k++) {
    if ((k & 1023) === 1023 && slice.due()) yield;
    const p = pairs[k];
    const i = Math.floor(p / scale);
    const j = p - i * scale;
    const weight = scorer.weightAtLeast(i, j, threshold);
    if (weight < threshold) continue;
    if (length === cap) {
      cap *= 2;
      const na = new Int32Array(cap);
      na.set(a);
      a = na;
      const nb = new Int32Array(cap);
      nb.set(b);
      b = nb;
      const nw = new Float64Array(cap);
      nw.set(w);
      w = nw;
    }
    a[length] = i;
    b[length] = j;
    w[length] = weight;
    length++;
  }
  return { a, b, w, length };
}

function* buildResult(rows: readonly Row[], opts: ResolvedOptions, scorer: Scorer, cl: Clustering, blocking: BlockingStats, slice: Slice, inputColumns?: readonly string[]): Steps<DedupeResult> {
  const n = rows.length;
  const recordId = (i: number) => rows[i].record_id || `#${i + 1}`;

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
  const clusterId = (c: number) => String(c + 1);

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
    if (!members) display = k.display;
    else {
      let d = displayCache.get(c);
      if (d === undefined) {
        d = canonicalCompanyName(members.map((i) => rows[i].company ?? ''));
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

  function* survivors(): IterableIterator<Row> {
    const shape = shaper(MERGED_COLUMNS);
    for (let c = 0; c < cl.count; c++) {
      const members = membersOf(c);
      if (members.length === 1) {
        const row = rows[members[0]];
        yield shape(row, [clusterId(c), '0', recordId(members[0]), '', '', ...companyColumns(row.company ?? '', c)]);
        continue;
      }
      const merged = mergeMembers(rows, members, opts.defaultCallingCode);
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
      const row = rows[i];
      yield shape(row, [
        clusterId(c),
        String(size - 1),
        survivorOf[c] === i ? 'yes' : 'no',
        recordId(survivorOf[c]),
        l ? formatScore(l.score) : '',
        l ? matchReason(l.fields) : '',
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
        match_reason: l ? matchReason(l.fields) : '',
      };
    }
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
    if (survivor !== i && (!l || l.b !== survivor)) out.survivor = pairExplanation(scorer.explain(i, survivor), id, recordId(survivor));
    return out;
  }


  return {
    clusters,
    stats: { rows: n, clusters: cl.count, duplicates: n - cl.count, blocking, clustering: cl.stats },
    survivors,
    flagged,
    report,
    explain,
    recordId,
    columns,
  };
}

/** Output header for a mode: the input's columns, then the added ones (an input column of that name is replaced). */
function columns(input: readonly string[], mode: 'merge' | 'flag'): string[] {
  const added: readonly string[] = mode === 'merge' ? MERGED_COLUMNS : FLAG_COLUMNS;
  return [...input.filter((c) => !added.includes(c)), ...added];
}

/** Every key of any row, in first-seen order (rows given without a header). */
function unionKeys(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k in r) seen.add(k);
  return [...seen];
}
