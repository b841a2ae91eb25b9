import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { collect, type Row, type Table } from '../table.js';
import { openCsvWriter } from '../io/table-write.js';
import { stdoutSink } from '../io/sink.js';
import { checkSideFile } from '../io/side-file.js';
import { dedupeAsync, formatExplanation, MERGED_COLUMNS, FLAG_COLUMNS, parseCompareField, parsePrefer, REPORT_COLUMNS, DEFAULT_THRESHOLD, type CompareField, type DedupeResult, type Prefer } from '../match/index.js';
import { UsageError } from '../errors.js';

export interface DedupeOptions {
  threshold?: number;
  prefer?: string;
  mode?: 'merge' | 'flag';
  report?: string;
  explain?: string;
  compare?: string[];
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
  return { threshold: parseThreshold(opts.threshold), prefer, mode, compare: parseCompare(opts.compare, columns) };
}

/** The engine lets the event loop turn as it computes, so a signal (bin/leadkit) ends it at once. */
async function runDedupe(input: Table, s: Settings): Promise<DedupeResult> {
  return dedupeAsync(await collect(input.batches), { threshold: s.threshold, prefer: s.prefer, compare: s.compare, columns: input.columns });
}

/** The --report merge map: one row per input record, committed with the main output. */
async function writeReport(result: DedupeResult, file: string, ctx: Context): Promise<void> {
  const w = await openCsvWriter([...REPORT_COLUMNS], file, { delimiter: ctx.io.outDelimiter, bom: ctx.io.bom }, ctx);
  try {
    for (const batch of inBatches(result.report())) await w.writeBatch(batch);
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
}

function summarise(result: DedupeResult, s: Settings, report: string | undefined, ctx: Context): void {
  const st = result.stats;
  let multi = 0;
  let largest = 1;
  for (const c of result.clusters) {
    if (c.members.length > 1) multi++;
    if (c.members.length > largest) largest = c.members.length;
  }
  const groups = `${formatCount(multi)} ${multi === 1 ? 'cluster' : 'clusters'} with duplicates${multi ? ` (largest ${largest})` : ''}`;
  const tail = `threshold ${s.threshold}${report ? `; merge map → ${report}` : ''}`;
  if (s.mode === 'merge') {
    ctx.summary(`dedupe: ${formatCount(st.rows)} in = ${formatCount(st.clusters)} out + ${formatCount(st.duplicates)} merged; ${groups}; ${tail}`);
  } else {
    ctx.summary(`dedupe: ${formatCount(st.rows)} in = ${formatCount(st.rows)} out (flag mode: ${formatCount(st.duplicates)} rows marked as duplicates); ${groups}; ${tail}`);
  }
}

function transform(input: Table, opts: DedupeOptions, ctx: Context): Table {
  if (opts.explain !== undefined) throw new UsageError('--explain prints a report instead of rows: use it on the command line, not as a pipeline step');
  const s = settingsFrom(opts, input.columns);
  checkSideFile('--report', opts.report, ctx.io.output);
  warnUnmapped(input.columns, 'the input', ctx);
  if (!input.columns.includes('record_id')) ctx.warn('no record_id column (run leadkit import first): rows are named by position, #1, #2, …');
  const columns = withAdded(input.columns, s.mode);

  // A barrier stage: every row must be seen before the first cluster is known.
  async function* out(): AsyncGenerator<Row[]> {
    const result = await runDedupe(input, s);
    if (opts.report) await writeReport(result, opts.report, ctx);
    yield* inBatches(s.mode === 'merge' ? result.survivors() : result.flagged());
    if (s.mode === 'merge') ctx.tally.record('dedupe', 'merged', [], result.stats.duplicates);
    summarise(result, s, opts.report, ctx);
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
    'name). --mode flag keeps every row. --report writes the reversible merge map.',
  examples: [
    'leadkit import vendor.csv crm.csv | leadkit dedupe --report merges.csv > deduped.csv',
    'leadkit dedupe leads.csv --mode flag --prefer source:crm,vendor -o flagged.csv',
    'leadkit dedupe leads.csv --explain vendor:17',
    'leadkit dedupe leads.csv --compare vat_id:exact --compare birth_date:date --threshold 0.95',
  ],
  options: [
    { flags: '--threshold <p>', description: 'match probability (0–1) a pair needs to be merged', default: String(DEFAULT_THRESHOLD), type: 'probability' },
    { flags: '--prefer <rule>', description: 'which record survives: complete, newest, oldest or source:A,B', default: 'complete' },
    { flags: '--mode <mode>', description: 'merge: one row per cluster; flag: every row with cluster columns', choices: ['merge', 'flag'], default: 'merge' },
    { flags: '--report <file>', description: 'merge map, one row per input record: cluster_id, record_id, survivor, score, reason', path: true },
    { flags: '--explain <record_id>', description: 'print why this record is in its cluster, field by field, instead of CSV' },
    { flags: '--compare <field:type>', description: 'extra comparison field, type one of exact, name, text, date, email, phone, postal, city, street, company', repeatable: true },
  ],

  async transform(input: Table, opts: DedupeOptions, ctx: Context): Promise<Table> {
    return transform(input, opts, ctx);
  },

  async transformOrReport(input: Table, opts: DedupeOptions, ctx: Context): Promise<Table | null> {
    if (opts.explain === undefined) return transform(input, opts, ctx);
    if (opts.report) throw new UsageError('--explain prints to standard output: leave out --report');
    if (ctx.io.output) throw new UsageError('--explain prints to standard output: leave out -o');
    const s = settingsFrom(opts, input.columns);
    const result = await runDedupe(input, s);
    const e = result.explain(opts.explain);
    if (!e) throw new UsageError(`--explain: no record with record_id "${opts.explain}"${input.columns.includes('record_id') ? '' : ' (the input has no record_id column; use #<row>)'}`, 'E_UNKNOWN_RECORD');
    const sink = stdoutSink(ctx.stdout);
    await sink.write(`${formatExplanation(e)}\n`);
    ctx.files.add(sink);
    return null;
  },
};
