import path from 'node:path';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { formatPercent } from '../report/format.js';
import { collect, type Row, type Table } from '../table.js';
import { openCsvWriter } from '../io/table-write.js';
import fs from 'node:fs';
import { stageFile, stdoutSink } from '../io/sink.js';
import { modelJson, parseModelJson, type ModelFile } from '../match/model-file.js';
import { formatModelTable, modelTable } from '../match/model-table.js';
import { checkSideFile, sameFile } from '../io/side-file.js';
import { dedupeAsync, formatExplanation, MERGED_COLUMNS, FLAG_COLUMNS, parseCompareField, parsePrefer, REPORT_COLUMNS, DEFAULT_THRESHOLD, type CompareField, type DedupeResult, type Prefer } from '../match/index.js';
import type { PairDecisions } from '../match/decisions.js';
import { DEFAULT_REVIEW_THRESHOLD, NARROW_MARGIN, REVIEW_COLUMNS } from '../match/review.js';
import { decisionsNote, readDecisions } from './decisions-file.js';
import { carriedClusters, nightNote, nightPlanner, recordNight, type NightPlan } from './dedupe-night.js';
import { DEFAULT_SPILL_ABOVE_MB, holdRows, SPILL_ABOVE_OPTION, spillNote } from './hold-rows.js';
import { pairScoring, PAIR_SCORING_MIN_ROWS } from '../parallel/pair-scoring.js';
import type { HeldRows } from '../match/held-rows.js';
import type { NightState } from '../state/night.js';
import { RECORD_DATE_SAMPLE_ROWS } from '../date/record-age.js';
import { originsOf, SOURCES_ALL } from '../match/survivorship.js';
import { PROVENANCE_FIELDS } from '../schema.js';
import { UsageError } from '../errors.js';

export interface DedupeOptions {
  threshold?: number;
  prefer?: string;
  mode?: 'merge' | 'flag';
  report?: string;
  explain?: string;
  compare?: string[];
  review?: string;
  reviewThreshold?: number;
  decisions?: string[];
  model?: string;
  saveModel?: string;
  summaryJson?: string;
  spillAbove?: number;
  jobs?: number;
}

/** Columns the matcher reads; a table with none of them was not imported (headers not mapped). */
export const MATCH_FIELDS = ['first_name', 'last_name', 'full_name', 'email', 'phone', 'mobile', 'company', 'postal_code', 'city', 'street'];

/** Rows per output batch: the engine yields rows one by one, the table carries batches. */
const BATCH = 1024;

/** The threshold option, parsed by its type (a probability); absent when a caller passes none. */
export function parseThreshold(value: number | undefined): number {
  return value ?? DEFAULT_THRESHOLD;
}

/** --compare FIELD:TYPE, each field a column of the input (a typo would silently compare nothing). */
export function parseCompare(specs: string[] | undefined, columns: readonly string[]): CompareField[] {
  return (specs ?? []).map((spec) => {
    let f: CompareField;
    try {
      f = parseCompareField(spec);
    } catch (err) {
      throw new UsageError((err as Error).message, 'E_COMPARE');
    }
    if (!columns.includes(f.field)) throw new UsageError(`--compare ${spec}: no column "${f.field}" in the input`, 'E_UNKNOWN_COLUMN');
    return f;
  });
}

/** Warn when the input looks un-imported: the matcher would find nothing and merge nothing. */
export function warnUnmapped(columns: readonly string[], what: string, ctx: Context): void {
  if (!MATCH_FIELDS.some((f) => columns.includes(f))) {
    ctx.warn(`${what} has none of the columns matching uses (${MATCH_FIELDS.join(', ')}): run it through leadkit import first`);
  }
}

/** An iterator of rows as batches. */
export function* inBatches(rows: Iterable<Row>, size = BATCH): Generator<Row[]> {
  let batch: Row[] = [];
  for (const r of rows) {
    batch.push(r);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

interface Settings {
  threshold: number;
  prefer: Prefer;
  mode: 'merge' | 'flag';
  compare: CompareField[];
  review?: string;
  reviewThreshold: number;
  decisionFiles: string[];
  model?: ModelFile;
  jobs?: number;
}

function settingsFrom(opts: DedupeOptions, columns: readonly string[]): Settings {
  let prefer: Prefer;
  try {
    prefer = parsePrefer(opts.prefer ?? 'complete');
  } catch (err) {
    throw new UsageError((err as Error).message, 'E_PREFER');
  }
  const mode = opts.mode ?? 'merge';
  if (mode !== 'merge' && mode !== 'flag') throw new UsageError(`--mode expects merge or flag, got "${String(mode)}"`);
  const threshold = parseThreshold(opts.threshold);
  const reviewThreshold = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  if (opts.review !== undefined && !(reviewThreshold < threshold)) {
    throw new UsageError(`--review-threshold ${reviewThreshold} must be below --threshold ${threshold}: review lists the pairs between the two`);
  }
  return { threshold, prefer, mode, compare: parseCompare(opts.compare, columns), review: opts.review, reviewThreshold, decisionFiles: opts.decisions ?? [], model: readModel(opts.model), jobs: opts.jobs };
}

/** --model FILE: weights saved by an earlier run (--save-model); nothing is learnt then. */
function readModel(file: string | undefined): ModelFile | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--model ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 'E_MODEL');
  }
  try {
    return parseModelJson(text, file);
  } catch (err) {
    throw new UsageError(`--model ${(err as Error).message}`, 'E_MODEL');
  }
}

/** The engine lets the event loop turn as it computes, so a signal (bin/leadkit) ends it at once. */
async function runDedupe(rows: Row[] | HeldRows, columns: readonly string[], s: Settings, decisions: PairDecisions | undefined, ctx: Context, explain = false, night?: NightPlan): Promise<DedupeResult> {
  return dedupeAsync(rows, {
    pairScoring: pairScoring(s.jobs, (message) => ctx.warn(message)),
    threshold: s.threshold,
    prefer: s.prefer,
    compare: s.compare,
    columns,
    decisions,
    settled: night?.settled,
    normalised: night ? (i) => night.normalised[i] : undefined,
    review: s.review !== undefined,
    reviewThreshold: s.reviewThreshold,
    keepCandidates: explain,
    model: s.model?.model,
    nicknames: s.model?.nicknames,
  });
}

/** The --review file: borderline pairs side by side, committed with the main output. */
async function writeReview(result: DedupeResult, file: string, ctx: Context): Promise<void> {
  const w = await openCsvWriter([...REVIEW_COLUMNS], file, { delimiter: ctx.io.outDelimiter, bom: ctx.io.bom }, ctx);
  try {
    for (const batch of inBatches(result.review())) await w.writeBatch(batch);
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
}

/** What this run measured, for `leadkit run`'s summary and its --fail-if metrics. */
function measure(result: DedupeResult, ctx: Context): void {
  const st = result.stats;
  ctx.tally.measure('narrow_merges', st.narrowMerges);
  if (st.reviewPairs !== undefined) ctx.tally.measure('review_pairs', st.reviewPairs);
  ctx.tally.measure('decisions_applied', st.decisions.applied);
  const e = st.estimates;
  if (e.pairCompleteness !== undefined) ctx.tally.measureRate('pair_completeness_estimate', e.pairCompleteness, st.rows);
  else if (e.pairCompletenessWhy) ctx.tally.note('pair_completeness_why', e.pairCompletenessWhy);
  if (e.estimatedMatchRate !== undefined) ctx.tally.measureRate('estimated_match_rate', e.estimatedMatchRate, st.rows);
  ctx.tally.measureRate('realised_match_rate', e.realisedMatchRate, st.rows);
}

/** dedupe --summary-json: this run's figures, named as in `leadkit run`'s summary (null: not estimable). */
export function summaryJson(result: DedupeResult): string {
  const st = result.stats;
  const e = st.estimates;
  const out = {
    rows: st.rows,
    clusters: st.clusters,
    duplicates_merged: st.duplicates,
    candidate_pairs: st.blocking.candidatePairs,
    matched_pairs: st.clustering.matchedPairs,
    narrow_merges: st.narrowMerges,
    review_pairs: st.reviewPairs ?? null,
    decisions_applied: st.decisions.applied,
    pair_completeness_estimate: e.pairCompleteness ?? null,
    ...(e.pairCompletenessWhy ? { pair_completeness_why: e.pairCompletenessWhy } : {}),
    merged_pairs_by_key_family: { contact_only: e.captured.contactOnly, name_only: e.captured.nameOnly, both: e.captured.both },
    estimated_match_rate: e.estimatedMatchRate ?? null,
    realised_match_rate: e.realisedMatchRate,
    pair_scoring_threads: st.pairScoring.threads,
    ...(st.pairScoring.fallback ? { pair_scoring_fallback: st.pairScoring.fallback } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** How sure it is, for the summary line: both match rates, and pair completeness or why there is none. */
export function estimatesNote(st: DedupeResult['stats']): string {
  const e = st.estimates;
  const rate =
    e.estimatedMatchRate !== undefined
      ? `match rate ${formatPercent(e.estimatedMatchRate)} estimated, ${formatPercent(e.realisedMatchRate)} realised`
      : `match rate ${formatPercent(e.realisedMatchRate)} realised (not estimated: ${e.estimatedMatchRateWhy})`;
  const pc = e.pairCompleteness !== undefined ? `pair completeness ≈ ${formatPercent(e.pairCompleteness)}` : `pair completeness: not estimable (${e.pairCompletenessWhy})`;
  return `; ${rate}; ${pc}`;
}

/** Where each record of the merge map came from: its list, file, vendor and delivery date. */
const REPORT_PROVENANCE = PROVENANCE_FIELDS.filter((f) => f !== 'record_id');

/**
 * The merge map's rows with each record's own provenance, so the map answers for every merged
 * record where it came from (GDPR Art. 14). report() yields the input rows in order.
 */
function* reportWithProvenance(result: DedupeResult, rows: HeldRows): Generator<Row> {
  let i = 0;
  for (const r of result.report()) {
    const row = i < rows.length ? rows.get(i) : undefined;
    i++;
    for (const f of REPORT_PROVENANCE) r[f] = row?.[f] ?? '';
    yield r;
  }
}

/**
 * The output rows with sources_all: the origins of every record of the row's cluster (survivor
 * first). survivors() yields one row per cluster and flagged() one per input row, both in the
 * clusters' order; a row whose record_id is not its cluster's would be a bug, so it stops the run.
 */
function* withOrigins(result: DedupeResult, rows: HeldRows, mode: 'merge' | 'flag', carried?: { clusters: Uint8Array; night: NightState }): Generator<Row> {
  const originsOfCluster = (c: number) => originsOf(result.clusters.members(c).map((i) => rows.get(i)));
  if (mode === 'merge') {
    let c = 0;
    // The first rows stay merged, carried or not: classify reads the list's date order and
    // country off them, and must read what a night without carrying reads.
    const unmerged = carried && carried.clusters.length > RECORD_DATE_SAMPLE_ROWS ? carried.clusters.slice() : undefined;
    unmerged?.fill(0, 0, RECORD_DATE_SAMPLE_ROWS);
    for (const row of result.survivors(unmerged)) {
      if ((row.record_id ?? '') !== rows.recordId(result.clusters.survivor(c))) throw new Error(`dedupe: merged row ${row.record_id} is not the survivor of cluster ${result.clusters.id(c)}`);
      // A carried person's row is written by no output: its origins are not worked out.
      if (carried?.clusters[c]) {
        row[SOURCES_ALL] = '';
        carried.night.carry?.(row);
      } else row[SOURCES_ALL] = originsOfCluster(c);
      c++;
      yield row;
    }
    return;
  }
  // Flag mode: every row of a cluster carries the cluster's origins, worked out once per cluster.
  const cache = new Map<number, string>();
  let i = 0;
  for (const row of result.flagged()) {
    if ((row.record_id ?? '') !== rows.recordId(i)) throw new Error(`dedupe: flagged row ${row.record_id} out of step with the input`);
    const c = result.clusters.of(i++);
    let o = cache.get(c);
    if (o === undefined) {
      o = originsOfCluster(c);
      if (result.clusters.members(c).length > 1) cache.set(c, o);
    }
    row[SOURCES_ALL] = o;
    yield row;
  }
}

/** The --report merge map: one row per input record, committed with the main output. */
async function writeReport(result: DedupeResult, rows: HeldRows, file: string, ctx: Context): Promise<void> {
  const w = await openCsvWriter([...REPORT_COLUMNS, ...REPORT_PROVENANCE], file, { delimiter: ctx.io.outDelimiter, bom: ctx.io.bom }, ctx);
  try {
    for (const batch of inBatches(reportWithProvenance(result, rows))) await w.writeBatch(batch);
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
}

/** The one summary line (stderr). */
function summaryLine(result: DedupeResult, s: Settings, report: string | undefined): string {
  const st = result.stats;
  let multi = 0;
  let largest = 1;
  for (const c of result.clusters) {
    if (c.members.length > 1) multi++;
    if (c.members.length > largest) largest = c.members.length;
  }
  const groups = `${formatCount(multi)} ${multi === 1 ? 'cluster' : 'clusters'} with duplicates${multi ? ` (largest ${largest})` : ''}`;
  const narrow = st.narrowMerges ? `; ${formatCount(st.narrowMerges)} narrow ${st.narrowMerges === 1 ? 'merge' : 'merges'} (< ${NARROW_MARGIN} bits above the threshold)` : '';
  const review = s.review !== undefined ? `; ${formatCount(st.reviewPairs ?? 0)} ${st.reviewPairs === 1 ? 'pair' : 'pairs'} to review → ${s.review}` : '';
  const decisions = decisionsNote(st.decisions.applied + st.decisions.ignored, st.decisions.applied, 'the input');
  const fallback = st.pairScoring.fallback ? `; a helper's pairs were scored in this thread (${st.pairScoring.fallback})` : '';
  const tail = `threshold ${s.threshold}${estimatesNote(st)}${narrow}${review}${decisions}${fallback}${report ? `; merge map → ${report}` : ''}`;
  if (s.mode === 'merge') return `dedupe: ${formatCount(st.rows)} in = ${formatCount(st.clusters)} out + ${formatCount(st.duplicates)} merged; ${groups}; ${tail}`;
  return `dedupe: ${formatCount(st.rows)} in = ${formatCount(st.rows)} out (flag mode: ${formatCount(st.duplicates)} rows marked as duplicates); ${groups}; ${tail}`;
}

function transform(input: Table, opts: DedupeOptions, ctx: Context): Table {
  if (opts.explain !== undefined) throw new UsageError('--explain prints a report instead of rows: use it on the command line, not as a pipeline step');
  const s = settingsFrom(opts, input.columns);
  checkSideFile('--report', opts.report, ctx.io.output);
  checkSideFile('--review', opts.review, ctx.io.output);
  checkSideFile('--save-model', opts.saveModel, ctx.io.output);
  checkSideFile('--summary-json', opts.summaryJson, ctx.io.output);
  if (opts.review !== undefined && opts.report !== undefined && sameFile(opts.review, opts.report)) {
    throw new UsageError(`--review and --report name the same file (${opts.review}): give each its own`);
  }
  warnUnmapped(input.columns, 'the input', ctx);
  if (!input.columns.includes('record_id')) ctx.warn('no record_id column (run leadkit import first): rows are named by position, #1, #2, …');
  // Where every record of a row's cluster came from, last (src/match/survivorship.ts originsOf).
  const columns = [...withAdded(input.columns, s.mode).filter((c) => c !== SOURCES_ALL), SOURCES_ALL];

  // A barrier stage: every row must be seen before the first cluster is known.
  async function* out(): AsyncGenerator<Row[]> {
    const decisions = await readDecisions(s.decisionFiles, ctx);
    // In a night with state: rows unchanged since the last night keep their clusters unscored.
    const planner = ctx.night ? nightPlanner(input.columns, ctx.night) : undefined;
    const rows = await holdRows(input.batches, input.columns, opts.spillAbove ?? DEFAULT_SPILL_ABOVE_MB, planner && ((row, i) => planner.add(row, i)));
    try {
      const night = planner?.finish((i) => rows.recordId(i));
      const result = await runDedupe(rows, input.columns, s, decisions, ctx, false, night);
      if (night && ctx.night) recordNight(night, rows, result, ctx.night);
      const carried = night && ctx.night && s.mode === 'merge' ? carriedClusters(night, rows, result, ctx.night) : undefined;
      if (opts.report) await writeReport(result, rows, opts.report, ctx);
      if (s.review) await writeReview(result, s.review, ctx);
      // Committed with the main output, like the merge map.
      if (opts.saveModel) ctx.files.add(await stageFile(opts.saveModel, modelJson(result.model, result.learnt, result.table)));
      if (opts.summaryJson) ctx.files.add(await stageFile(opts.summaryJson, summaryJson(result)));
      // The merged rows need only the clusters and the rows: the match features go now, while the
      // later steps of a pipeline work on the output, not when the last row is written.
      if (s.mode === 'merge') result.release();
      yield* inBatches(withOrigins(result, rows, s.mode, carried && ctx.night ? { clusters: carried, night: ctx.night } : undefined));
      if (s.mode === 'merge') ctx.tally.record('dedupe', 'merged', [], result.stats.duplicates);
      measure(result, ctx);
      const held = spillNote(rows, opts.spillAbove);
      ctx.summary(summaryLine(result, s, opts.report) + nightNote(night, result.stats.rows, formatCount) + held);
    } finally {
      rows.close();
    }
  }
  return { columns, batches: out() };
}

/** Output header: the input's columns, then the cluster columns (an input column of that name is replaced). */
function withAdded(columns: readonly string[], mode: 'merge' | 'flag'): string[] {
  const added: readonly string[] = mode === 'merge' ? MERGED_COLUMNS : FLAG_COLUMNS;
  return [...columns.filter((c) => !added.includes(c)), ...added];
}

export const dedupeCommand: Command<DedupeOptions> = {
  name: 'dedupe',
  summary: 'Merge duplicate people and company-name variants, explainably',
  description:
    'Finds the records of one person (Müller/Mueller, Tom/Thomas, T., Dr. in the name, other phone format, ' +
    'work or private email) by blocking on several keys and scoring pairs with Fellegi–Sunter weights in which ' +
    'rare values count more; shared switchboards and info@ addresses count little, and no cluster holds two ' +
    'records that conflict (different given names, genders, birth dates). Default: one row per cluster with ' +
    'blanks filled from the others, other emails and phones kept in emails_other / phones_other, consent ' +
    'columns at their least permissive value, and cluster_id, duplicate_count, merged_ids (survivor first), ' +
    'company_key, company_legal_form, company_branch and company_display (the cluster\'s canonical company ' +
    'name). The survivor keeps its own provenance (source, source_vendor, source_delivered_at, …); sources_all lists ' +
    'where every record of the cluster came from (source|vendor|delivered;…, survivor first), the answer to "where do ' +
    'you have my address from". cluster_id is stable: c- and a hash of the smallest record_id in the cluster, the same on a rerun ' +
    'or in another input order (rows without record_id are named by position, #1, #2, …). --mode flag keeps ' +
    'every row. --report writes the reversible merge map. --review writes the borderline pairs (between ' +
    '--review-threshold and --threshold, and merges less than 2 bits above it) side by side with an empty ' +
    'decision column; filled in with same or different and given back with --decisions, they are merged or ' +
    'kept apart (never in one cluster, not even through a third record) on every later run. --explain shows ' +
    'why a record is in its cluster and why not in another: its nearest candidates, each with the reason. ' +
    'The summary says how sure it is, without labels: the estimated match rate (the model\'s share of rows with ' +
    'a duplicate, whatever the threshold) next to the realised one, and an estimate of pair completeness (the ' +
    'share of duplicate pairs compared at all, by capture–recapture over the contact and the name keys; not ' +
    'estimable without emails, phones or identifiers); --summary-json writes them as JSON.',
  examples: [
    'leadkit import vendor.csv crm.csv | leadkit dedupe --report merges.csv > deduped.csv',
    'leadkit dedupe leads.csv --mode flag --prefer source:crm,vendor -o flagged.csv',
    'leadkit dedupe leads.csv --explain vendor:17',
    'leadkit dedupe leads.csv --review review.csv -o deduped.csv',
    'leadkit dedupe leads.csv --decisions review.csv --review review-2.csv -o deduped.csv',
    'leadkit dedupe leads.csv --compare vat_id:exact --compare birth_date:date --threshold 0.95',
  ],
  options: [
    { flags: '--threshold <p>', description: 'match probability (0–1) a pair needs to be merged', default: String(DEFAULT_THRESHOLD), type: 'probability' },
    { flags: '--prefer <rule>', description: 'which record survives: complete, newest, oldest or source:A,B', default: 'complete' },
    { flags: '--mode <mode>', description: 'merge: one row per cluster; flag: every row with cluster columns', choices: ['merge', 'flag'], default: 'merge' },
    { flags: '--report <file>', description: 'merge map, one row per input record: cluster_id, record_id, survivor, score, reason, and where the record came from (source, source_vendor, source_delivered_at, source_delivered_status)', path: true },
    { flags: '--explain <record_id>', description: 'print why this record is in its cluster and why not in another (its nearest candidates, with the reason), field by field, instead of CSV' },
    { flags: '--review <file>', description: 'borderline pairs side by side with an empty decision column to fill in with same or different', path: true },
    { flags: '--review-threshold <p>', description: 'match probability from which a pair below --threshold is borderline', default: String(DEFAULT_REVIEW_THRESHOLD), type: 'probability' },
    { flags: '--decisions <file>', description: 'decided pairs (a filled-in --review file, or any table with record_id_a, record_id_b, decision): same merges, different keeps apart', repeatable: true, path: true, type: 'file' },
    { flags: '--model <file>', description: 'score with the weights a --save-model run wrote instead of learning them from this list', path: true, type: 'file' },
    { flags: '--save-model <file>', description: 'write the weights used (learnt from this list unless --model) as JSON, with what each learnt level was estimated from', path: true },
    { flags: '--summary-json <file>', description: 'write the figures of the summary line as JSON: merges, estimated pair completeness (null when not estimable) and match rate, narrow merges, review pairs', path: true },
    { flags: '--compare <field:type>', description: 'extra comparison field, type one of exact, name, text, date, email, phone, postal, city, street, company', repeatable: true },
    SPILL_ABOVE_OPTION,
    {
      flags: '--jobs <n>',
      description: `threads that score candidate pairs, this one included (default: two on a machine with more than one core, once ${formatCount(PAIR_SCORING_MIN_ROWS)} rows are to be matched; 0 or 1 = this thread only)`,
      type: 'count',
    },
  ],

  async transform(input: Table, opts: DedupeOptions, ctx: Context): Promise<Table> {
    return transform(input, opts, ctx);
  },

  async transformOrReport(input: Table, opts: DedupeOptions, ctx: Context): Promise<Table | null> {
    if (opts.explain === undefined) return transform(input, opts, ctx);
    if (opts.report) throw new UsageError('--explain prints to standard output: leave out --report');
    if (opts.review) throw new UsageError('--explain prints to standard output: leave out --review');
    if (ctx.io.output) throw new UsageError('--explain prints to standard output: leave out -o');
    const s = settingsFrom(opts, input.columns);
    const result = await runDedupe(await collect(input.batches), input.columns, s, await readDecisions(s.decisionFiles, ctx), ctx, true);
    const e = result.explain(opts.explain);
    if (!e) throw new UsageError(`--explain: no record with record_id "${opts.explain}"${input.columns.includes('record_id') ? '' : ' (the input has no record_id column; use #<row>)'}`, 'E_UNKNOWN_RECORD');
    const sink = stdoutSink(ctx.stdout);
    await sink.write(`${formatExplanation(e)}\n${formatModelTable(modelTable(result.table, result.model, result.learnt), result.model, result.learnt)}\n`);
    ctx.files.add(sink);
    return null;
  },
};
