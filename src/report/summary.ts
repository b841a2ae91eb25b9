import type { Row } from '../table.js';
import { evaluateThreshold, type Threshold, type ThresholdResult } from './thresholds.js';

export type { RunSummary, InputSummary, StepSummary, FunnelStage, ScoreBucket, ColumnQuality, OutputSummary, DedupeSummary, SourcesSummary, DeltaSummary, DeltaCounts } from './summary-types.js';
import type { RunSummary, InputSummary, StepSummary, OutputSummary, ColumnQuality, FunnelStage, ScoreBucket, DedupeSummary, DedupeCount, DedupeRate, StepMeasure, ValidateSummary, FilterSummary, KeyFigures, SourcesSummary, DeltaSummary } from './summary-types.js';
export type { OwnerMix, TopLead, KeyFigures } from './summary-types.js';
import { ACCOUNTS_MEASURES, EXPORT_MEASURES, FILTER_MEASURES, VALIDATE_MEASURES, type AccountsSummary, type ExportSummary } from './summary-types.js';
import { OwnerMixes, scoreValue, TopLeads } from './sales-counters.js';

/** Shown for the rows of values beyond a counter's cap (an owner column with 50,000 different names). */
export const OTHER = '(other)';
/** The status of a row whose `*_status` cell is blank (same name as `leadkit profile`). */
export const EMPTY_STATUS = '(empty)';

/**
 * Caps on distinct values per counter. The builder sees every row of a run that may have
 * millions, so it keeps counters only; values beyond a cap are counted under OTHER.
 */
export const CAPS = { owners: 1000, reasons: 200, labels: 50, statuses: 50 } as const;

export const SCORE_BUCKETS = ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90-100'];

/**
 * Counts per value with a bound on distinct values (reasons, labels, owners, statuses); not to be
 * confused with the run's removal Tally in src/context.ts.
 */
class CappedCounter {
  private readonly counts = new Map<string, number>();
  private other = 0;
  seen = false;

  constructor(private readonly cap: number) {}

  add(key: string, n = 1): void {
    this.seen = true;
    const c = this.counts.get(key);
    if (c !== undefined) this.counts.set(key, c + n);
    else if (this.counts.size < this.cap) this.counts.set(key, n);
    else this.other += n;
  }

  /** Most frequent first (ties by name), so the JSON reads like the report. */
  toRecord(): Record<string, number> {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (this.other) entries.push([OTHER, this.other]);
    return Object.fromEntries(entries);
  }
}

interface ColumnCounter {
  filled: number;
  statuses?: CappedCounter;
}

export interface SummaryMeta {
  pipeline: string;
  as_of: string;
  leadkit_version: string;
  /** ISO timestamp; default now. */
  started_at?: string;
  /** How many of the best-scored rows the summary keeps (top_leads); default 10, 0 for none. */
  top_leads?: number;
}

/** The default length of the top-leads table. */
export const TOP_LEADS = 10;

export interface StepCounts {
  name: string;
  rows_in: number;
  rows_out: number;
  rejected?: number;
  merged?: number;
  suppressed?: number;
  seconds: number;
}

export interface FinishOptions {
  /** ISO timestamp; default now. */
  finished_at?: string;
  /** `--fail-if` expressions (or their parsed form), evaluated against the finished summary. */
  thresholds?: readonly (string | Threshold)[];
  /** The previous run's key figures, for the trend (src/report/trend.ts). */
  previous?: KeyFigures;
}

/** A blank cell: empty or only whitespace. Checked per cell on every row, so no trim() allocation. */
function isBlank(v: string | undefined): boolean {
  if (v === undefined || v.length === 0) return true;
  // Most cells start with a printable ASCII character; only the rest need the regex.
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return !/\S/.test(v);
}

/** The score bucket of a cell, or -1 when it is not a number 0–100 (blank, "n/a", 120). */
export function scoreBucket(cell: string): number {
  const s = scoreValue(cell);
  return s === undefined ? -1 : bucketOf(s);
}

const bucketOf = (score: number): number => Math.min(9, Math.floor(score / 10));

/** Owners that mean "nobody yet": route's default owner and what CRMs export for no owner. */
const UNROUTED = new Set(['unassigned', 'none', 'nobody', '-']);

/**
 * Collects a run summary while the pipeline runs. The runner calls `input` per file read,
 * `step` per stage, `reject`/`suppress` per side-file row (or per batch with a count),
 * `observeRows` on every batch that reaches the outputs, `output` per file written, and
 * `finish` once at the end. Memory stays bounded: only counters are kept.
 */
export class SummaryBuilder {
  private readonly meta: Required<SummaryMeta>;
  private readonly inputs: InputSummary[] = [];
  private readonly steps: StepSummary[] = [];
  private readonly outputs: OutputSummary[] = [];
  private readonly rejects = new CappedCounter(CAPS.reasons);
  private readonly suppressions = new CappedCounter(CAPS.reasons);
  private rows = 0;
  /** Of rows: a night's carried persons, counted but not in the column figures (passRows). */
  private passed = 0;
  private routed = 0;
  private readonly histogram = new Array<number>(SCORE_BUCKETS.length).fill(0);
  private scored = false;
  private readonly grades = new CappedCounter(CAPS.labels);
  private readonly temperatures = new CappedCounter(CAPS.labels);
  private readonly stages = new CappedCounter(CAPS.labels);
  /** Rows whose stage_mql is true; undefined until a row has the column. */
  private mqlRows: number | undefined;
  private readonly stageRanks = new Map<string, number>();
  private readonly owners = new CappedCounter(CAPS.owners);
  private readonly ownerMixes = new OwnerMixes(CAPS.owners, OTHER);
  private readonly topLeads: TopLeads;
  private readonly columns = new Map<string, ColumnCounter>();
  /**
   * The counters in the key order of the last row: rows of one table share their key order,
   * so a position check replaces a Map lookup per cell (this runs for every cell of a run).
   */
  private readonly lastKeys: string[] = [];
  private readonly lastCounters: ColumnCounter[] = [];

  constructor(meta: SummaryMeta) {
    this.meta = { ...meta, started_at: meta.started_at ?? new Date().toISOString(), top_leads: meta.top_leads ?? TOP_LEADS };
    this.topLeads = new TopLeads(this.meta.top_leads);
  }

  input(input: InputSummary): void {
    this.inputs.push({ ...input });
  }

  step(step: StepCounts): void {
    this.steps.push({
      name: step.name,
      rows_in: step.rows_in,
      rows_out: step.rows_out,
      rejected: step.rejected ?? 0,
      merged: step.merged ?? 0,
      suppressed: step.suppressed ?? 0,
      seconds: step.seconds,
    });
  }

  /** Count rejected rows under their reason; `;`-joined reasons count under each. */
  reject(reason: string, rows = 1): void {
    addReasons(this.rejects, reason, rows);
  }

  /** Count suppressed rows under their reason; `;`-joined reasons count under each. */
  suppress(reason: string, rows = 1): void {
    addReasons(this.suppressions, reason, rows);
  }

  /** Account for a batch of rows that reached the outputs. */
  observeRows(batch: readonly Row[]): void {
    for (const row of batch) {
      this.rows++;
      let k = 0;
      for (const column in row) {
        const value = row[column];
        let counter: ColumnCounter;
        if (this.lastKeys[k] === column) counter = this.lastCounters[k];
        else {
          counter = this.counterOf(column);
          this.lastKeys[k] = column;
          this.lastCounters[k] = counter;
        }
        k++;
        if (isBlank(value)) continue;
        counter.filled++;
        counter.statuses?.add(value.trim());
      }
      if (row.score !== undefined) {
        this.scored = true;
        const s = scoreValue(row.score);
        if (s !== undefined) {
          this.histogram[bucketOf(s)]++;
          this.topLeads.offer(row, s);
        }
      }
      label(this.grades, row.grade);
      label(this.temperatures, row.temperature);
      label(this.stages, row.stage);
      if (row.stage_mql !== undefined) this.mqlRows = (this.mqlRows ?? 0) + (row.stage_mql.trim() === 'true' ? 1 : 0);
      if (row.stage_rank !== undefined && row.stage !== undefined && this.stageRanks.size < CAPS.labels) {
        const name = row.stage.trim();
        if (name !== '' && !this.stageRanks.has(name) && /^\d+$/.test(row.stage_rank.trim())) this.stageRanks.set(name, Number(row.stage_rank));
      }
      if (row.owner !== undefined) this.ownerMixes.add(this.countOwner(row.owner), row.grade, row.temperature);
    }
  }

  /**
   * Rows that reach the outputs without having gone through the steps after dedupe (a night's
   * carried persons, src/state/carry.ts): rows, and by owner (last night's), but their columns
   * are not the night's, so the column, score and label figures are of the other rows.
   */
  passRows(batch: readonly Row[]): void {
    for (const row of batch) {
      this.rows++;
      this.passed++;
      if (row.owner !== undefined) this.countOwner(row.owner);
    }
  }

  /** A row's owner counted (and as routed unless unassigned); returns the name it is counted under. */
  private countOwner(cell: string): string {
    const owner = cell.trim();
    if (owner !== '' && !UNROUTED.has(owner.toLowerCase())) this.routed++;
    const name = owner === '' ? 'unassigned' : owner;
    this.owners.add(name);
    return name;
  }

  private counterOf(column: string): ColumnCounter {
    let counter = this.columns.get(column);
    if (!counter) {
      counter = { filled: 0, statuses: column.endsWith('_status') ? new CappedCounter(CAPS.statuses) : undefined };
      this.columns.set(column, counter);
    }
    return counter;
  }

  output(output: OutputSummary): void {
    this.outputs.push({ ...output });
  }

  private readonly measures: DedupeSummary = {};
  private readonly validateMeasures: ValidateSummary = {};
  private readonly filterMeasures: FilterSummary = {};
  private readonly accountsMeasures: AccountsSummary = {};
  private readonly exportMeasures: ExportSummary = {};
  private readonly rates = new Map<DedupeRate, { sum: number; rows: number }>();

  /** A figure a step measured (dedupe's narrow merges, validate's guessed phone regions, …), summed over steps. */
  measure(metric: StepMeasure, n: number): void {
    if ((VALIDATE_MEASURES as readonly string[]).includes(metric)) {
      const m = metric as keyof ValidateSummary;
      this.validateMeasures[m] = (this.validateMeasures[m] ?? 0) + n;
      return;
    }
    if ((EXPORT_MEASURES as readonly string[]).includes(metric)) {
      const m = metric as keyof ExportSummary;
      this.exportMeasures[m] = (this.exportMeasures[m] ?? 0) + n;
      return;
    }
    if ((ACCOUNTS_MEASURES as readonly string[]).includes(metric)) {
      const m = metric as keyof AccountsSummary;
      this.accountsMeasures[m] = (this.accountsMeasures[m] ?? 0) + n;
      return;
    }
    if ((FILTER_MEASURES as readonly string[]).includes(metric)) {
      const m = metric as keyof FilterSummary;
      this.filterMeasures[m] = (this.filterMeasures[m] ?? 0) + n;
      return;
    }
    const m = metric as DedupeCount;
    this.measures[m] = (this.measures[m] ?? 0) + n;
  }

  /** A share a step measured over its rows (dedupe's estimates): the run's is the row-weighted mean. */
  measureRate(metric: DedupeRate, value: number, rows: number): void {
    const r = this.rates.get(metric) ?? { sum: 0, rows: 0 };
    this.rates.set(metric, { sum: r.sum + value * rows, rows: r.rows + rows });
    this.measures[metric] = r.rows + rows > 0 ? (r.sum + value * rows) / (r.rows + rows) : value;
  }

  /** Why a step could not estimate a figure; the first reason is kept. */
  note(key: 'pair_completeness_why', why: string): void {
    this.measures[key] ??= why;
  }

  private sourcesSection: SourcesSummary | undefined;

  /** The sources scorecard; the first one given is kept (the runner gives steps' before outputs'). */
  sources(section: SourcesSummary): void {
    this.sourcesSection ??= section;
  }

  private deltaSection: DeltaSummary | undefined;

  /** The night's delta against the state (leadkit run --state). */
  delta(section: DeltaSummary): void {
    this.deltaSection = section;
  }

  /**
   * The finished summary. The funnel is counted from the inputs and steps, so it does not
   * depend on the order of the stages:
   *   imported  rows read from the inputs (without inputs: the first step's rows_in)
   *   valid     imported − rejected
   *   unique    valid − merged duplicates
   *   qualified unique − suppressed (valid, unique, and may be contacted)
   *   routed    rows that reached the outputs with an owner (only when there is an owner column)
   */
  finish(options: FinishOptions = {}): RunSummary {
    const finished = options.finished_at ?? new Date().toISOString();
    const elapsed = (Date.parse(finished) - Date.parse(this.meta.started_at)) / 1000;
    const sum = (k: 'rejected' | 'merged' | 'suppressed') => this.steps.reduce((n, s) => n + s[k], 0);
    const imported = this.inputs.length
      ? this.inputs.reduce((n, i) => n + i.rows, 0)
      : (this.steps[0]?.rows_in ?? this.rows);
    const valid = imported - sum('rejected');
    const unique = valid - sum('merged');
    const qualified = unique - sum('suppressed');
    const funnel: FunnelStage[] = [
      { label: 'imported', rows: imported },
      { label: 'valid', rows: valid },
      { label: 'unique', rows: unique },
      { label: 'qualified', rows: qualified },
    ];
    if (this.owners.seen) funnel.push({ label: 'routed', rows: this.routed });

    const summary: RunSummary = {
      pipeline: this.meta.pipeline,
      started_at: this.meta.started_at,
      finished_at: finished,
      seconds: Number.isFinite(elapsed) ? Math.max(0, elapsed) : 0,
      as_of: this.meta.as_of,
      leadkit_version: this.meta.leadkit_version,
      inputs: this.inputs.map((i) => ({ ...i })),
      steps: this.steps.map((s) => ({ ...s })),
      funnel,
      rows: this.rows,
      rejects_by_reason: this.rejects.toRecord(),
      suppressed_by_reason: this.suppressions.toRecord(),
      duplicates_merged: sum('merged'),
      score_histogram: this.scored ? SCORE_BUCKETS.map((bucket, i) => ({ bucket, rows: this.histogram[i] })) : [],
      grades: this.grades.toRecord(),
      temperatures: this.temperatures.toRecord(),
      stages: this.stages.toRecord(),
      rows_per_owner: this.owners.toRecord(),
      columns: [...this.columns.entries()].map(([column, c]) => this.columnQuality(column, c)),
      outputs: this.outputs.map((o) => ({ ...o })),
      thresholds: [],
    };
    if (Object.keys(this.measures).length) summary.dedupe = { ...this.measures };
    if (Object.keys(this.validateMeasures).length) summary.validate = { ...this.validateMeasures };
    if (Object.keys(this.filterMeasures).length) summary.filter = { ...this.filterMeasures };
    if (Object.keys(this.accountsMeasures).length) summary.accounts = { ...this.accountsMeasures };
    if (Object.keys(this.exportMeasures).length) summary.export = { ...this.exportMeasures };
    if (this.mqlRows !== undefined) summary.mql_rows = this.mqlRows;
    if (this.stageRanks.size) summary.stage_ranks = Object.fromEntries(this.stageRanks);
    if (this.owners.seen) summary.owner_mix = this.ownerMixes.toRecord();
    if (this.scored && this.meta.top_leads > 0) summary.top_leads = this.topLeads.toList();
    if (options.previous) summary.previous = { ...options.previous };
    if (this.sourcesSection) summary.sources = this.sourcesSection;
    if (this.deltaSection) summary.delta = this.deltaSection;
    summary.thresholds = (options.thresholds ?? []).map((t) => evaluateThreshold(t, summary));
    return summary;
  }

  private columnQuality(column: string, c: ColumnCounter): ColumnQuality {
    const rows = this.rows - this.passed;
    const q: ColumnQuality = { column, filled: c.filled, fill_rate: rows ? c.filled / rows : 0 };
    if (c.statuses) {
      const shares: Record<string, number> = {};
      for (const [status, n] of Object.entries(c.statuses.toRecord())) shares[status] = rows ? n / rows : 0;
      const empty = rows - c.filled;
      if (empty > 0) shares[EMPTY_STATUS] = empty / rows;
      q.status_shares = shares;
    }
    return q;
  }
}

function addReasons(counter: CappedCounter, reason: string, rows: number): void {
  const parts = reason.split(';').map((r) => r.trim()).filter(Boolean);
  if (parts.length === 0) counter.add('(no reason given)', rows);
  for (const r of parts) counter.add(r, rows);
}

/** Count a label column (grade, temperature, stage) when the row has a value. */
function label(counter: CappedCounter, cell: string | undefined): void {
  if (!isBlank(cell)) counter.add((cell as string).trim());
}
