/**
 * The shape of a run summary (JSON), apart from the builder so that the thresholds, which
 * read a summary, and the builder, which evaluates thresholds, do not import each other.
 */
/** A comparison of a `--fail-if` check. */
export type ThresholdOp = '>=' | '<=' | '==' | '!=' | '>' | '<';

export interface Threshold {
  expr: string;
  metric: string;
  op: ThresholdOp;
  limit: number;
}

export interface ThresholdResult {
  expr: string;
  metric: string;
  op: ThresholdOp;
  limit: number;
  /** The metric's value in this run. */
  value: number;
  tripped: boolean;
}

/**
 * The run summary: what `leadkit run --summary-json FILE` writes and what the HTML report is
 * drawn from. Plain JSON (numbers, strings, records), so a saved summary can be re-rendered or
 * checked against thresholds later without the run.
 *
 * Shares (`fill_rate`, `status_shares`) are fractions 0–1 of `rows`, the rows that reached the
 * outputs; counts are rows.
 */
export interface RunSummary {
  pipeline: string;
  /** ISO timestamps of the run. */
  started_at: string;
  finished_at: string;
  seconds: number;
  /** The reference date of the run (yyyy-mm-dd), the same the stages used for recency. */
  as_of: string;
  leadkit_version: string;
  inputs: InputSummary[];
  steps: StepSummary[];
  /** imported → valid → unique → qualified → routed; see SummaryBuilder.finish for how each is counted. */
  funnel: FunnelStage[];
  /** Rows that reached the outputs (all the counters below describe these rows). */
  rows: number;
  /**
   * Rejected rows per reason. A row rejected for two reasons (`invalid_email;no_contact`) counts
   * under both, so the reasons can add up to more than the rejected rows.
   */
  rejects_by_reason: Record<string, number>;
  /** Suppressed rows per reason, counted like rejects_by_reason. */
  suppressed_by_reason: Record<string, number>;
  duplicates_merged: number;
  /** Ten buckets of the `score` column (0-9 … 90-100); empty when no row had a score. */
  score_histogram: ScoreBucket[];
  grades: Record<string, number>;
  temperatures: Record<string, number>;
  stages: Record<string, number>;
  rows_per_owner: Record<string, number>;
  /** Per-column data quality, in the order the columns were first seen. */
  columns: ColumnQuality[];
  outputs: OutputSummary[];
  thresholds: ThresholdResult[];
  /**
   * What the dedupe and match steps measured, summed over them; absent when the run had neither
   * (and in summaries written before these were counted). Each figure is absent when no step
   * measured it.
   */
  dedupe?: DedupeSummary;
  /** What the validate steps measured, summed over them; absent when no step measured anything. */
  validate?: ValidateSummary;
  /** What the export outputs measured (CRM presets' assumed opt-outs); absent when none did. */
  export?: ExportSummary;
  /** What the filter steps measured, summed over them; absent when no filter step ran. */
  filter?: FilterSummary;
  /**
   * Per owner (capped like rows_per_owner): the grade and temperature mix and the hot leads.
   * Absent when the rows had no owner column (and in summaries written before it was counted).
   */
  owner_mix?: Record<string, OwnerMix>;
  /** The best rows by score, best first (ties in the order the rows came); absent without a score column. */
  top_leads?: TopLead[];
  /** The key figures of the previous run (--compare-to, or the summary this run replaces), for the trend. */
  previous?: KeyFigures;
}

export interface OwnerMix {
  rows: number;
  /** Rows whose temperature is "hot". */
  hot: number;
  grades: Record<string, number>;
  temperatures: Record<string, number>;
}

/** One of the best-scored rows, with what a sales manager needs to call it. */
export interface TopLead {
  record_id: string;
  /** full_name, else first and last name; "" when the row has none. */
  name: string;
  company: string;
  owner: string;
  score: number;
  grade: string;
  temperature: string;
  /** The score_reasons cell as written by score (`name:points;…`). */
  reasons: string;
}

/** The figures a run is compared on with the one before it (src/report/trend.ts). */
export interface KeyFigures {
  finished_at: string;
  as_of: string;
  /** Rows that reached the outputs. */
  rows: number;
  /** Valid rows as a share of imported rows, 0–1. */
  valid_share: number;
  duplicates: number;
  /** Rows at stage mql or later (sql, sql_ready); absent when the run had no stage column. */
  mqls?: number;
}

/** Figures of the validate steps of a run, each also a --fail-if metric. */
export interface ValidateSummary {
  /** Rows with a phone, mobile or fax number valid only as a national number of a guessed country. */
  phone_region_guessed?: number;
}

/** Every figure a step can measure (Tally.measure), by the summary section it goes to. */
export type StepMeasure = DedupeCount | keyof ValidateSummary | keyof FilterSummary | keyof ExportSummary;

/** Figures of the export outputs of a run, each also a --fail-if metric. */
export interface ExportSummary {
  /** Rows a CRM preset opted out of email or calls because they said nothing about consent. */
  crm_opt_out_assumed?: number;
}
export const EXPORT_MEASURES: readonly (keyof ExportSummary)[] = ['crm_opt_out_assumed'];

/** Figures of the filter steps of a run, each also a --fail-if metric. */
export interface FilterSummary {
  /** Rows with a cell a number/date comparison of the condition could not read (it never matches). */
  filter_unreadable?: number;
}
export const FILTER_MEASURES: readonly (keyof FilterSummary)[] = ['filter_unreadable'];
export const VALIDATE_MEASURES: readonly (keyof ValidateSummary)[] = ['phone_region_guessed'];

/** Figures of the dedupe (and match) steps of a run, each also a --fail-if metric. */
export interface DedupeSummary {
  /** Merges whose deciding pair scored less than 2 bits above the threshold (dedupe steps). */
  narrow_merges?: number;
  /** Pairs written (or, when the run failed, to be written) to review files (dedupe steps with review). */
  review_pairs?: number;
  /** Decisions whose two records both were in the lists (dedupe and match steps). */
  decisions_applied?: number;
  /**
   * Estimated share of true duplicate pairs that blocking compared, 0–1, without labels (dedupe
   * steps); absent when no step's pairs allowed an estimate (pair_completeness_why says why).
   */
  pair_completeness_estimate?: number;
  /** Why pair completeness could not be estimated (the first dedupe step that could not). */
  pair_completeness_why?: string;
  /** The model's estimate of the share of rows with another record of the same person, 0–1, whatever the threshold (dedupe steps). */
  estimated_match_rate?: number;
  /** The share of rows dedupe put in clusters of two or more, 0–1 (dedupe steps). */
  realised_match_rate?: number;
}

/** The counts among the dedupe figures: summed over steps. */
export type DedupeCount = 'narrow_merges' | 'review_pairs' | 'decisions_applied';
/** The shares among the dedupe figures: averaged over steps, weighted by their rows. */
export type DedupeRate = 'pair_completeness_estimate' | 'estimated_match_rate' | 'realised_match_rate';

export interface InputSummary {
  file: string;
  rows: number;
  encoding: string;
  delimiter: string;
  /** The sheet of an xlsx input. */
  sheet?: string;
  /**
   * Rows import had to guess at (import_status): split off a field a stray quote ran across
   * lines, or not of the header's width. Absent in summaries written before they were counted.
   */
  stray_quote_rows?: number;
  ragged_rows?: number;
  /**
   * Columns whose meaning import guessed from their values ("Title" as salutation or job title,
   * a name column of businesses as the company). Absent in summaries written before they were counted.
   */
  headers_guessed?: number;
}

export interface StepSummary {
  name: string;
  rows_in: number;
  rows_out: number;
  rejected: number;
  merged: number;
  suppressed: number;
  seconds: number;
}

export interface FunnelStage {
  label: 'imported' | 'valid' | 'unique' | 'qualified' | 'routed';
  rows: number;
}

export interface ScoreBucket {
  bucket: string;
  rows: number;
}

export interface ColumnQuality {
  column: string;
  /** Rows with a non-blank value. */
  filled: number;
  fill_rate: number;
  /** For `*_status` columns: share of each status among all rows, blank ones as "(empty)". */
  status_shares?: Record<string, number>;
}

export interface OutputSummary {
  file: string;
  rows: number;
  format: string;
}
