import path from 'node:path';
import type { Command } from './types.js';
import { FileTransaction, formatCount, Tally, type Context } from '../context.js';
import { collect, fromArray, type Row, type Table } from '../table.js';
import { UsageError, DataError } from '../errors.js';
import { fileSink, stdoutSink } from '../io/sink.js';
import { openRowWriter } from '../io/row-writers.js';
import { formatFromPath, outputFormatFor, OUTPUT_FORMATS, type OutputFormat } from '../io/output-format.js';
import { selectColumns, suggestion } from '../export/select.js';
import { createMatcherAsync, dedupeAsync, DEFAULT_THRESHOLD } from '../match/index.js';
import type { PairDecisions } from '../match/decisions.js';
import { readDecisions } from './decisions-file.js';
import { readReference } from './match.js';
import { SPILL_ABOVE_OPTION, spillNote } from './hold-rows.js';
import { listNames, readList, warnConsentColumns } from './suppress.js';
import { parseThreshold, warnUnmapped } from './dedupe.js';
import { validateCommand } from './validate.js';
import { loadRules, RULES_OPTION } from './qualify-shared.js';
import { resolveAsOf } from '../rules/load.js';
import { buildSuppressionIndex } from '../suppress/suppression-index.js';
import { createSuppressor } from '../suppress/suppressor.js';
import { createClassifier } from '../classify/classify-row.js';
import type { SuppressConfig } from '../rules/suppress.js';
import { parseDate } from '../score/dates.js';
import { DEFAULT_STALE_MONTHS, describeStaleAfter, hasUnreadableRecordDate, parseStaleAfter, recordDate } from '../date/record-age.js';
import { DELIVERY_STATUS } from '../import/provenance.js';
import { StepTally } from '../pipeline/collect.js';
import { CostColumn, parseCostSpecs } from '../sources/cost.js';
import { knownPersons, personsFromIds } from '../sources/persons.js';
import { channelsOf, contactFacts, isSuppressed, listedBy, mqlFromFlag, reasonsOf, segmentKnown, stageMqlReader } from '../sources/row-facts.js';
import { buildScorecard, SCORECARD_COLUMNS, type RowFacts, type ScorecardSettings, type SourceScore } from '../sources/scorecard.js';
import { renderScorecard, scorecardCells, scorecardObjects } from '../sources/render.js';
import type { SourcesSummary } from '../report/summary-types.js';

export interface SourcesOptions {
  json?: boolean;
  against?: string;
  againstMap?: string[];
  againstSheet?: string;
  threshold?: number;
  decisions?: string[];
  defaultCountry?: string;
  list?: string[];
  rules?: string;
  staleAfter?: string;
  asOf?: string;
  cost?: string[];
  costColumn?: string;
  vendorColumn?: string[];
  spillAbove?: number;
  /** Shared output options, as a pipeline step or output gives them. */
  format?: OutputFormat;
  columns?: string;
}

/**
 * The vendor columns whose values get a block of their own when the list has them: the CRM's lead
 * source, and who delivered the list (import's source_vendor).
 */
const DEFAULT_VENDOR_COLUMNS = ['lead_source', 'source_vendor'];

/** The status columns validate writes, per check. */
const STATUS_OF: Record<string, string> = { email: 'email_status', phone: 'phone_status', address: 'address_status' };

type OutputKind = 'json' | 'table' | OutputFormat;

/**
 * What the scorecard is written as: --json or a .json name → JSON, a .txt name → the table,
 * stdout → the table on a terminal and CSV in a pipe, else the row format of the name or --format.
 */
function outputKind(opts: SourcesOptions, ctx: Context): OutputKind {
  const target = ctx.io.output && ctx.io.output !== '-' ? ctx.io.output : undefined;
  const format = opts.format ?? ctx.io.format;
  const ext = target ? path.extname(target).toLowerCase() : '';
  if (opts.json) {
    if (format) throw new UsageError('sources: give --json or --format, not both');
    if (target && ext !== '.json' && formatFromPath(target)) throw new UsageError(`sources: --json writes JSON, but -o ${target} names a ${ext} file: leave out --json, or name the file .json`);
    return 'json';
  }
  if (!format && ext === '.json') return 'json';
  if (!format && ext === '.txt') return 'table';
  if (!target && !format && (ctx.stdout as { isTTY?: boolean }).isTTY) return 'table';
  try {
    return outputFormatFor(target, format);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${err.message}; sources also writes .json (the --json array) and .txt (the table)`, err.code);
    throw err;
  }
}

/** The settings the command line gives, read before any row is (a typo costs nothing). */
function settingsFrom(opts: SourcesOptions, ctx: Context) {
  const staleText = opts.staleAfter ?? String(DEFAULT_STALE_MONTHS);
  const staleAfter = parseStaleAfter(staleText);
  if (!staleAfter) throw new UsageError(`--stale-after expects an age such as 24 (months), 18m, 2y or 90d; got ${JSON.stringify(staleText)}`);
  let costs;
  try {
    costs = parseCostSpecs(opts.cost ?? []);
  } catch (err) {
    throw new UsageError(`--cost ${(err as Error).message}`, 'E_COST');
  }
  if (costs.length && opts.costColumn) throw new UsageError('sources: give --cost (a price per source) or --cost-column (a cost per row), not both');
  if (opts.against === '-') throw new UsageError('--against needs a file: standard input carries the rows');
  const rules = loadRules(opts.rules);
  const asOf = resolveAsOf(rules, ctx.today, opts.asOf ?? ctx.asOf);
  const asOfMs = parseDate(asOf);
  if (asOfMs === undefined) throw new UsageError(`sources: as_of ${JSON.stringify(asOf)} is no date yyyy-mm-dd`);
  return { staleAfter, costs, rules, asOf, asOfMs, threshold: parseThreshold(opts.threshold), kind: outputKind(opts, ctx) };
}

/** Columns the command reads that the input must have (a typo would count nothing). */
function checkColumns(opts: SourcesOptions, columns: readonly string[]): void {
  if (!columns.includes('source')) {
    throw new DataError('E_NO_SOURCE', `the input has no source column, so its rows cannot be told apart by list: run leadkit import first (it names each row's list)${suggestion('source', columns)}`);
  }
  // Merged rows have lost their duplicates' sources: every figure per list would be wrong.
  if (columns.includes('merged_ids')) {
    throw new UsageError('sources: the rows were merged by dedupe already (merged_ids column), so the duplicates and their sources are gone: run sources before dedupe (in a pipeline: as a step before it), or on dedupe --mode flag output');
  }
  if (opts.costColumn !== undefined && !columns.includes(opts.costColumn)) throw new UsageError(`--cost-column: no column "${opts.costColumn}"${suggestion(opts.costColumn, columns)}`, 'E_UNKNOWN_COLUMN');
  for (const c of opts.vendorColumn ?? []) {
    if (!columns.includes(c)) throw new UsageError(`--vendor-column: no column "${c}"${suggestion(c, columns)}`, 'E_UNKNOWN_COLUMN');
    if (c === 'source') throw new UsageError('--vendor-column source: the source rows are there already; name another column (lead_source, source_vendor, …)');
  }
}

/** A context for a stage the command runs inside itself: its summary line, removals and measures stay out of this run's. */
function innerContext(ctx: Context): Context {
  return { ...ctx, summary: () => undefined, tally: new Tally(), files: new FileTransaction() };
}

/**
 * The rows' statuses: the validate columns the rows have, and for the checks they lack the same
 * per-row validation validate runs (offline), on copies — the rows themselves pass on unchanged.
 */
async function* validated(rows: Row[], columns: string[], opts: SourcesOptions, ctx: Context): AsyncGenerator<Row[]> {
  const missing = Object.keys(STATUS_OF).filter((c) => !columns.includes(STATUS_OF[c]));
  if (missing.length === 0) {
    yield* fromArray(rows);
    return;
  }
  const table = await validateCommand.transform!({ columns, batches: fromArray(rows) }, { checks: missing.join(','), defaultCountry: opts.defaultCountry }, innerContext(ctx));
  yield* table.batches;
}

/**
 * classify's segment for the suppressor, on copies: a list scored before classify (sources runs
 * before dedupe, classify after it) would otherwise have every row held to the b2c phone rule, and
 * the usable count would depend on where in the pipeline the scorecard stands. Only needed when
 * the two phone rules differ; a segment the row has is kept as classify keeps it (keep_existing).
 */
function segmentReader(rules: ReturnType<typeof loadRules>, config: SuppressConfig, columns: readonly string[]): ((row: Row) => Row) | undefined {
  if (!config.channels.includes('phone') || config.consent.phone_b2c === config.consent.phone_b2b) return undefined;
  const classify = createClassifier(rules.classify);
  const given = columns.includes('segment');
  return (row) => {
    if (given && rules.classify.keep_existing && segmentKnown(row.segment)) return row;
    return { ...row, segment: classify(row).segment };
  };
}

/** Persons: the cluster_id of `dedupe --mode flag` output, else the dedupe engine over all rows. */
async function personsOf(rows: Row[], columns: string[], threshold: number, decisions: PairDecisions | undefined, opts: SourcesOptions, ctx: Context): Promise<{ persons: Int32Array; from: string }> {
  if (columns.includes('cluster_id') && columns.includes('is_survivor') && rows.every((r) => (r.cluster_id ?? '').trim() !== '')) {
    return { persons: personsFromIds(rows.map((r) => r.cluster_id ?? '')), from: 'cluster_id column of dedupe --mode flag' };
  }
  warnUnmapped(columns, 'the input', ctx);
  const result = await dedupeAsync(rows, { threshold, columns, decisions, defaultCountry: opts.defaultCountry });
  const persons = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) persons[i] = result.clusters.of(i);
  return { persons, from: `dedupe engine, threshold ${threshold}` };
}

/** Which rows the reference has (matched one by one, like `leadkit match`), or the match_id column of a match step. */
async function referenceMatches(rows: Row[], columns: string[], threshold: number, decisions: PairDecisions | undefined, opts: SourcesOptions, ctx: Context): Promise<{ matched: boolean[]; from: string; held?: string } | undefined> {
  if (opts.against !== undefined) {
    const { rows: reference, idColumn } = await readReference(opts.against, opts, innerContext(ctx));
    let matcher;
    try {
      matcher = await createMatcherAsync(reference, { threshold, defaultCountry: opts.defaultCountry, idColumn, decisions });
    } finally {
      reference.close();
    }
    return { matched: rows.map((r) => matcher.match(r) !== undefined), from: `${opts.against} (${formatCount(reference.length)} records)`, held: spillNote(reference, opts.spillAbove) };
  }
  if (columns.includes('match_id')) return { matched: rows.map((r) => (r.match_id ?? '').trim() !== ''), from: 'match_id column of leadkit match' };
  return undefined;
}

/** A record date read off the file's modification time (import's source_delivered_status=file_date) is a guess. */
function dateGuessed(row: Row, field: string): boolean {
  return field === 'source_delivered_at' && (row.source_delivered_status ?? '').trim() === DELIVERY_STATUS.fileDate;
}

/** Cost keys must name sources: a typo would leave a list without its price, silently. */
function checkCostKeys(keys: readonly string[], sources: readonly string[]): void {
  for (const key of keys) {
    if (sources.includes(key)) continue;
    const near = suggestion(key, sources);
    const hint = near.includes('did you mean') ? near : ` (the sources are ${sources.join(', ')})`;
    throw new UsageError(`--cost ${key}: no source of that name${hint}`, 'E_COST');
  }
}

export const sourcesCommand: Command<SourcesOptions> = {
  name: 'sources',
  summary: 'Scorecard per list and vendor: usable share, duplicates, CRM overlap, age, cost per usable lead',
  description:
    'One row per source, per value of lead_source and source_vendor (or the --vendor-column columns) when the list has them, ' +
    'and a total: rows; the shares of valid, ' +
    'risky and invalid emails, valid phones and addresses (validate\'s statuses when the rows have them, else the same offline ' +
    'checks on copies); duplicates within the list (duplicate_share = 1 − distinct persons / rows, persons by the dedupe engine ' +
    'over all rows, or dedupe --mode flag\'s cluster_id) and rows whose person another list has too; with --against, rows ' +
    'whose person the reference (CRM export) already has ("already ours", matched as leadkit match does, or a match_id column); ' +
    'the median record age and the share older than --stale-after (from updated_at, else created_at, else source_delivered_at; ' +
    'a date whose day/month order would be a guess counts as none); the share at MQL or later when the rows have a stage; and ' +
    'with --cost or --cost-column the cost per lead, per usable lead and per new usable lead. A usable lead is a person with a valid email or phone ' +
    'on a channel it may be contacted on (suppress\'s channels and consent policy, the segment read as classify reads it when the rows have none; ' +
    '--list for do-not-contact lists), not suppressed, not in the reference and with no row on a do-not-contact list (a person who asked ' +
    'not to be contacted is no lead through a second address), counted once per list; usable_new counts those not usable in a list ' +
    'before it (lists in the order they first appear: give the inputs oldest purchase first, and usable_new is what each later one added). A table on a terminal, CSV in a pipe, --json for an array of ' +
    'objects, -o by extension (.csv, .tsv, .jsonl, .xlsx, .json, .txt; JSON and JSON Lines with numbers). Shares are 0–1 of the group\'s rows (stale_share of the rows ' +
    'with a date); a figure that cannot be had is null (empty in CSV). In `leadkit run` it is a step that passes every row on ' +
    'unchanged and writes the scorecard to its output, and the summary and report show the same table; put it first, as run warns ' +
    'when a step before it removed rows (the scorecard would be of what was left of each list).',
  examples: [
    'leadkit import vendor-de.csv messe.xlsx | leadkit sources',
    'leadkit import vendor-de.csv messe.xlsx | leadkit validate | leadkit sources --against crm-export.csv --cost vendor-de=1200,messe=0 -o sources.csv',
    'leadkit sources imported.csv --against crm.xlsx --list robinson.txt --stale-after 18m --as-of 2026-11-22 --json > sources.json',
    'leadkit sources scored.csv --cost-column cost_per_lead --vendor-column vendor -o sources.xlsx',
  ],
  options: [
    { flags: '--json', description: 'write the scorecard as a JSON array of objects (shares 0–1, absent figures null)' },
    { flags: '--against <file>', description: 'reference list (CRM export, CSV or XLSX, raw or imported): rows whose person it has are "already ours"', path: true, type: 'file' },
    { flags: '--against-map <spec>', description: "header mapping for the reference, like import's --map", repeatable: true, path: true },
    { flags: '--against-sheet <name|n>', description: 'sheet of an .xlsx reference (name or 1-based number; default first)' },
    { flags: '--threshold <p>', description: 'match probability (0–1) for duplicates and for reference matches, as in dedupe and match', default: String(DEFAULT_THRESHOLD), type: 'probability' },
    { flags: '--decisions <file>', description: 'decided pairs (a filled-in dedupe --review file): same merges, different keeps apart, as in dedupe and match', repeatable: true, path: true, type: 'file' },
    { flags: '--default-country <cc>', description: 'country for national phone numbers and addresses of rows without one (default DE)', type: 'country' },
    { flags: '--list <file>', description: 'do-not-contact list, as for suppress: a listed row is not usable', repeatable: true, path: true },
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its suppress section (channels, consent), its stages (which count as MQL) and its as_of` },
    { flags: '--stale-after <age>', description: 'a record older than this is stale: months (24, 18m), years (2y) or days (90d)', default: String(DEFAULT_STALE_MONTHS) },
    { flags: '--as-of <date>', description: "the day ages are counted to, yyyy-mm-dd (default: the run's or the rules file's as_of, else today)", type: 'date' },
    { flags: '--cost <source=amount>', description: 'what a list cost, per source: vendor-de=1200,messe=0 (1200.50 or 1.200,50; "1.200" alone is refused as ambiguous)', repeatable: true },
    { flags: '--cost-column <column>', description: 'a column with each row\'s cost, summed per source and vendor (instead of --cost)' },
    { ...SPILL_ABOVE_OPTION, description: 'hold up to this many MB of the --against reference in memory; a larger one goes to a temporary file (in TMPDIR), read once for its match features: the same scorecard in less memory (0: always)' },
    { flags: '--vendor-column <column>', description: 'a column whose values get a block of rows of their own (default: lead_source and source_vendor, those the list has values in)', repeatable: true },
  ],

  async sink(input: Table, opts: SourcesOptions, ctx: Context): Promise<void> {
    const s = settingsFrom(opts, ctx);
    checkColumns(opts, input.columns);
    const columns = input.columns;
    const chosen = opts.columns ? selectColumns(opts.columns, [...SCORECARD_COLUMNS]) : [...SCORECARD_COLUMNS];
    if (opts.columns && s.kind === 'table') throw new UsageError('sources: --columns picks the columns of CSV, JSON or xlsx output; the table for a terminal has fixed columns (give -o sources.csv or --json)');

    const rows = await collect(input.batches);
    const sourceNames = [...new Set(rows.map((r) => r.source ?? ''))];
    checkCostKeys(s.costs.map((c) => c.source), sourceNames);

    const decisions = await readDecisions(opts.decisions, ctx);
    const { persons, from } = await personsOf(rows, columns, s.threshold, decisions, opts, ctx);
    const reference = await referenceMatches(rows, columns, s.threshold, decisions, opts, ctx);
    const inReference = reference ? knownPersons(persons, reference.matched) : undefined;

    // Channels: suppress's columns when the rows went through it (and no list is given here), else its rules and lists.
    const reuseSuppress = !opts.list?.length && columns.includes('suppressed') && columns.includes('channels');
    const config = { ...s.rules.suppress };
    if (opts.defaultCountry) config.phone_region = opts.defaultCountry;
    let suppressor: ReturnType<typeof createSuppressor> | undefined;
    let withSegment: ((row: Row) => Row) | undefined;
    if (!reuseSuppress) {
      const files = opts.list ?? [];
      const names = listNames(files);
      suppressor = createSuppressor(config, buildSuppressionIndex(files.map((f, i) => readList(f, names[i], config.phone_region, ctx))));
      withSegment = segmentReader(s.rules, config, columns);
      // The segment is read here (classify's reading), so suppress's "run classify first" does not apply.
      warnConsentColumns(config, withSegment ? [...columns, 'segment'] : columns, ctx, 'sources');
    } else if (!columns.includes('suppress_reason')) {
      ctx.warn('sources: the rows have suppress\'s channels but no suppress_reason column, so rows on a do-not-contact list cannot be told from rows without consent: a listed person counts as usable through another address (keep suppress_reason, or give --list)');
    }
    // Phone consent that rested on the rules' unknown_segment: counted, as suppress assumed it.
    const phoneRulesDiffer = config.channels.includes('phone') && config.consent.phone_b2c !== config.consent.phone_b2b;

    const stageOf = stageMqlReader(s.rules.score.stage);
    const mqlOf = columns.includes('stage_mql') ? (r: Row) => mqlFromFlag(r.stage_mql) : columns.includes('stage') ? (r: Row) => stageOf(r.stage) : undefined;
    // A column without a single value would only repeat the total.
    const vendorColumns = (opts.vendorColumn?.length ? [...new Set(opts.vendorColumn)] : DEFAULT_VENDOR_COLUMNS.filter((c) => columns.includes(c))).filter((c) => rows.some((r) => (r[c] ?? '').trim() !== ''));
    const costColumn = opts.costColumn;

    const costs = costColumn !== undefined ? new CostColumn() : undefined;
    const badCost: { row: Row; text: string; why: string }[] = [];
    const facts: RowFacts[] = new Array(rows.length);
    let i = 0;
    for await (const batch of validated(rows, columns, opts, ctx)) {
      for (const v of batch) {
        const row = rows[i];
        // Statuses from the validated copy v (and classify's segment on a copy); everything else as the row has it.
        const judged = withSegment ? withSegment(v) : v;
        const sup = suppressor ? suppressor(judged) : { channels: channelsOf(row.channels), suppressed: isSuppressed(row.suppressed), reasons: reasonsOf(row.suppress_reason) };
        const date = recordDate(row);
        const contact = contactFacts(v, sup.channels);
        const f: RowFacts = {
          source: row.source ?? '',
          person: persons[i],
          ...contact,
          dateMs: date?.ms,
          dateUnreadable: hasUnreadableRecordDate(row),
          dateGuessed: date !== undefined && dateGuessed(row, date.field),
          suppressed: sup.suppressed,
          listed: listedBy(sup.reasons),
          segmentAssumed: phoneRulesDiffer && contact.phoneValid && !segmentKnown(judged.segment),
        };
        if (vendorColumns.length) f.vendors = vendorColumns.map((c) => row[c] ?? '');
        if (inReference) f.inReference = inReference[i];
        if (mqlOf) f.mql = mqlOf(row);
        if (costs && costColumn !== undefined) {
          const c = costs.read(row[costColumn]);
          if (c.kind === 'unreadable') badCost.push({ row, text: c.text, why: c.why });
          f.cost = c;
        }
        facts[i++] = f;
      }
    }

    const settings: ScorecardSettings = {
      asOfMs: s.asOfMs,
      staleAfter: s.staleAfter,
      vendorColumns,
      reference: reference !== undefined,
      stage: mqlOf !== undefined,
      costs: s.costs.length ? new Map(s.costs.map((c) => [c.source, c.amount])) : undefined,
      costColumn,
    };
    const card = buildScorecard(facts, settings);
    if (badCost.length) {
      const first = badCost[0];
      ctx.warn(`sources: ${formatCount(badCost.length)} ${badCost.length === 1 ? 'row has' : 'rows have'} a ${costColumn} cell that cannot be added up (${first.row.record_id || 'a row'}: ${JSON.stringify(first.text)}, ${first.why}); the cost of their source is left empty`);
    }
    await writeScorecard(card, chosen, s.kind, describe(card, s, from, reference?.from), ctx);

    const section: SourcesSummary = { as_of: s.asOf, stale_after: describeStaleAfter(s.staleAfter), persons_from: from, reference: reference?.from ?? null, scorecard: card };
    if (ctx.tally instanceof StepTally) ctx.tally.sources = section;
    ctx.summary(summaryLine(card, s, from, reference?.from) + (reference?.held ?? ''));
  },
};

/** The note under the table: what the figures are of. */
function describe(card: readonly SourceScore[], s: ReturnType<typeof settingsFrom>, persons: string, reference: string | undefined): string {
  return [
    `Shares are of each group's rows (stale of the rows with a date); as of ${s.asOf}, stale after ${describeStaleAfter(s.staleAfter)}.`,
    `Persons from ${persons}${reference ? `; reference ${reference}` : '; no reference (--against)'}.`,
    `Usable: a person with a valid email or phone it may be contacted on, not suppressed${reference ? ', not in the reference' : ''}, none of whose rows is on a do-not-contact list, counted once per group; new: usable and not usable in a group above it in the same block (lists in the order they first appear).`,
  ].join('\n');
}

/** The stderr line: what was scored and every count of something taken as it came. */
function summaryLine(card: readonly SourceScore[], s: ReturnType<typeof settingsFrom>, persons: string, reference: string | undefined): string {
  const total = card.find((r) => r.group === 'total');
  if (!total) return 'sources: no rows';
  const lists = card.filter((r) => r.group === 'source').length;
  const parts = [
    `sources: ${formatCount(total.rows)} rows from ${formatCount(lists)} ${lists === 1 ? 'source' : 'sources'} = ${formatCount(total.persons)} persons (${persons})`,
    reference ? `${formatCount(total.reference_overlap ?? 0)} rows already in ${reference}` : '',
    `${formatCount(total.usable)} usable`,
    `as of ${s.asOf}, stale after ${describeStaleAfter(s.staleAfter)}`,
    total.date_unreadable ? `${formatCount(total.date_unreadable)} with an unreadable date` : '',
    total.date_guessed ? `${formatCount(total.date_guessed)} aged by the file's date (no delivery date given)` : '',
    total.stage_unknown ? `${formatCount(total.stage_unknown)} with an unknown stage (not MQL)` : '',
    total.phone_region_guessed ? `${formatCount(total.phone_region_guessed)} with a phone valid only in a guessed region` : '',
    total.segment_assumed ? `${formatCount(total.segment_assumed)} with a phone judged by an assumed segment (suppress.consent.unknown_segment)` : '',
    total.cost_missing ? `${formatCount(total.cost_missing)} without a cost` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

async function writeScorecard(card: SourceScore[], columns: string[], kind: OutputKind, note: string, ctx: Context): Promise<void> {
  const target = ctx.io.output && ctx.io.output !== '-' ? ctx.io.output : undefined;
  // JSON and JSON Lines carry the figures as --json does (numbers, null for an absent figure), not as CSV's text cells.
  if (kind === 'json' || kind === 'table' || kind === 'jsonl') {
    const objects = () => scorecardObjects(card, columns);
    const text = kind === 'json' ? `${JSON.stringify(objects(), null, 2)}\n` : kind === 'jsonl' ? objects().map((o) => `${JSON.stringify(o)}\n`).join('') : renderScorecard(card, note);
    const sink = target ? await fileSink(target) : stdoutSink(ctx.stdout);
    await sink.write(text);
    // The rows written, as a row writer counts them (the run's summary lists each output's rows).
    ctx.files.add(Object.assign(sink, { count: card.length }));
    return;
  }
  if (!OUTPUT_FORMATS.includes(kind)) throw new Error(`unknown output kind ${kind}`);
  // The scorecard is for people, and no later stage reads it: cells a spreadsheet would run are guarded.
  const w = await openRowWriter(columns, target, { format: kind, guard: true, delimiter: ctx.io.outDelimiter, bom: ctx.io.bom, excel: ctx.io.excel }, ctx);
  try {
    await w.writeBatch(scorecardCells(card, columns));
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
}
