/**
 * The shape of a run summary (JSON), apart from the builder so that the thresholds, which
 * read a summary, and the builder, which evaluates thresholds, do not import each other.
 */
import type { SourceScore } from '../sources/scorecard.js';

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
  /**
   * Rows that reached the outputs (the counters below describe these rows; in a night that
   * carried persons over, the column, score, label and owner-mix figures describe those less
   * delta.carried, which skipped the steps after dedupe).
   */
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
  /**
   * Rows whose stage_mql is true: the rules file's MQL stage or a later one (score writes it).
   * Absent when the rows had no stage_mql column (and in summaries written before it was counted).
   */
  mql_rows?: number;
  /** Each stage's stage_rank (1 = the first of the rules file's list), to show them in order; absent without a stage_rank column. */
  stage_ranks?: Record<string, number>;
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
  /** What the accounts steps measured, summed over them; absent when no accounts step ran. */
  accounts?: AccountsSummary;
  /**
   * Per owner (capped like rows_per_owner): the grade and temperature mix and the hot leads.
   * Absent when the rows had no owner column (and in summaries written before it was counted).
   */
  owner_mix?: Record<string, OwnerMix>;
  /** The best rows by score, best first (ties in the order the rows came); absent without a score column. */
  top_leads?: TopLead[];
  /** The key figures of the previous run (--compare-to, or the summary this run replaces), for the trend. */
  previous?: KeyFigures;
  /**
   * The sources scorecard (a sources step, else a sources output; the first when there are
   * several): the same rows `leadkit sources --json` writes. Absent when the run had none.
   */
  sources?: SourcesSummary;
  /** What changed since the last night (leadkit run --state DIR); absent without a state. */
  delta?: DeltaSummary;
}

/** Rows of one night by what they are to the sales team, and persons gone since the last night. */
export interface DeltaCounts {
  new: number;
  changed: number;
  unchanged: number;
  gone: number;
}

/**
 * A night against the state of the last successful one. new, changed and unchanged count the
 * rows that reached the outputs (their delta column); gone counts persons of the state that no
 * row tonight belongs to and that were there last night.
 */
export interface DeltaSummary {
  /** The state directory. */
  state: string;
  /** The as-of date of the state this night started from; null on the first night. */
  previous_night: string | null;
  /** The fields whose change makes a row changed. */
  fields: string[];
  new: number;
  changed: number;
  unchanged: number;
  gone: number;
  /** Of gone: none of their records was in an input tonight. */
  gone_not_in_inputs: number;
  /** Of gone: a record was read, but a step removed it (rejected, suppressed, filtered). */
  gone_removed_by_steps: number;
  /** Persons in the state as gone after tonight (gone tonight or before, not yet forgotten). */
  gone_remembered: number;
  /** Ids dropped from the state tonight (--forget-after). */
  forgotten: number;
  /** Persons (clusters) in last night's state that were there then. */
  persons_before: number;
  /** Tonight's persons (clusters) that reached the outputs. */
  persons: number;
  /** Tonight's persons an export output delivered (their delivered_at is tonight in the new state); 0 when the run tripped or failed. */
  delivered: number;
  /** Only when the run tripped or failed (no output replaced, the state kept): the persons its exports would have delivered. */
  would_have_delivered?: number;
  /**
   * Unchanged persons carried over from the state: dedupe found each exactly as last night, so
   * the steps after dedupe (classify, score, route) did not run for it. They count in rows and
   * under last night's owner (rows_per_owner, routed); the column, score, grade and owner-mix
   * figures are of tonight's other rows.
   */
  carried: number;
  /** Why tonight carried nothing over (an output takes unchanged rows, the steps changed, …); absent when it did. */
  carry_off?: string;
  /** Rows whose person was found in the state through a record whose id changed (id_linked_by=email_or_phone: a guess). */
  linked_by_email_or_phone: number;
  /** Records linked to last night's record of another id by email or phone (a shifted row, a renamed file). */
  records_relinked: number;
  /**
   * Tonight's records whose id changed and that fitted more than one person of the state by email
   * (or phone) and name: left new rather than guessed (id_linked_by=ambiguous on a new person's rows).
   */
  ambiguous_links: number;
  /** Tonight's clusters by what happened to their id (identity.ts IdStatus), and ids merged into another tonight. */
  ids: { new: number; kept: number; kept_by_size: number; returned: number; merged: number; split: number; merged_away: number };
  /** Changed rows per field that changed (a row with two changed fields counts under both). */
  changed_fields: Record<string, number>;
  /** Per list (the source column), capped like rows_per_owner. */
  by_source: Record<string, DeltaCounts>;
  /** Per owner ("unassigned" when blank), capped like rows_per_owner. */
  by_owner: Record<string, DeltaCounts>;
}

/** The scorecard of a run's sources step, with what its figures rest on. */
export interface SourcesSummary {
  /** The day ages were counted to (yyyy-mm-dd). */
  as_of: string;
  /** --stale-after as read: "24 months", "90 days". */
  stale_after: string;
  /** Where the persons came from: the dedupe engine (with its threshold) or a cluster_id column. */
  persons_from: string;
  /** The reference the "already ours" figures are from (file and size, or a match_id column); null without one. */
  reference: string | null;
  scorecard: SourceScore[];
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
  /** Rows at stage mql or later (sql, sql_ready, or from the rules file's MQL stage on); absent when the run had no stage column. */
  mqls?: number;
}

/** Figures of the validate steps of a run, each also a --fail-if metric. */
export interface ValidateSummary {
  /** Rows with a phone, mobile or fax number valid only as a national number of a guessed country. */
  phone_region_guessed?: number;
}

/** Every figure a step can measure (Tally.measure), by the summary section it goes to. */
export type StepMeasure = DedupeCount | keyof ValidateSummary | keyof FilterSummary | keyof ExportSummary | keyof AccountsSummary;

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

/** Figures of the accounts steps of a run, each also a --fail-if metric. */
export interface AccountsSummary {
  /** Accounts in the accounts table (targets without contacts included). */
  accounts?: number;
  /** Accounts whose account_status doubts their contacts or targets (narrow match, name and town only, name-only contacts, a target by name). */
  accounts_guessed?: number;
  /** Rows that name a company but no place, domain or VAT id (their accounts: name_only_contacts). */
  rows_name_only?: number;
  /** Accounts whose roles were read from job titles, the input having no buying_role column (roles_from_title). */
  accounts_roles_from_title?: number;
  /** Accounts with a contact whose role rests on a seniority guessed from an unknown occupation name (roles_guessed). */
  accounts_roles_guessed?: number;
  /** Rows without a company: in no account. */
  rows_without_account?: number;
  /** Accounts with contacts but none of them a decider. */
  accounts_without_decider?: number;
  /** Targets of the --targets list that no account fits (rows with contacts=0). */
  targets_without_contacts?: number;
}
export const ACCOUNTS_MEASURES: readonly (keyof AccountsSummary)[] = [
  'accounts',
  'accounts_guessed',
  'rows_without_account',
  'accounts_without_decider',
  'targets_without_contacts',
  'rows_name_only',
  'accounts_roles_from_title',
  'accounts_roles_guessed',
];
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
  /**
   * Rows whose delivery date import read off the file's modification date, no date having been
   * given (source_delivered_status=file_date). Absent in summaries written before it was counted.
   */
  delivery_date_guessed?: number;
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
  /** Rows the output left out by their delta (only: / --delta): not delivered, not rejected. */
  held_back?: number;
}
