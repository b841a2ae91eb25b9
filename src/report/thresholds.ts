import { UsageError } from '../errors.js';
import { SCORECARD_METRICS, scorecardMetric } from '../sources/metrics.js';
import type { RunSummary, Threshold, ThresholdOp, ThresholdResult } from './summary-types.js';

export type { Threshold, ThresholdOp, ThresholdResult } from './summary-types.js';

/**
 * `--fail-if` thresholds: `<metric><op><number>`, e.g. `email_invalid_rate>0.2`, `rows<100`.
 * A tripped threshold makes `leadkit run` exit 3, so cron can tell "the vendor sent junk" from
 * "the run broke". Every metric is computed from the RunSummary alone, so a saved summary JSON
 * gives the same answer as the run did.
 *
 * Rates are fractions 0–1; `20%` may be written for `0.2`. Counted rates (`rejected_rate`,
 * `duplicate_rate`, `suppressed_rate`) are shares of the imported rows; the rates read from
 * columns (`*_status`, grade, temperature, stage, fill) are shares of the rows that reached
 * the outputs.
 */

export const THRESHOLD_OPS: readonly ThresholdOp[] = ['>=', '<=', '==', '!=', '>', '<'];

/** The metric names for help text and docs; the families in <> stand for many names. */
export const METRICS: { name: string; help: string }[] = [
  { name: 'rows', help: 'rows that reached the outputs' },
  { name: 'imported', help: 'rows read from all inputs' },
  { name: 'rejected', help: 'rows rejected (e.g. validate --reject-if)' },
  { name: 'rejected_rate', help: 'rejected / imported' },
  { name: 'merged', help: 'duplicate rows merged into another row' },
  { name: 'duplicate_rate', help: 'merged / imported' },
  { name: 'suppressed', help: 'rows suppressed (consent, blocklists)' },
  { name: 'suppressed_rate', help: 'suppressed / imported' },
  { name: 'routed', help: 'output rows with an owner (needs an owner column)' },
  { name: 'routed_rate', help: 'routed / rows' },
  { name: 'seconds', help: 'run time in seconds' },
  { name: 'stray_quote_rows', help: 'rows import recovered after a stray quote (import_status=stray_quote)' },
  { name: 'ragged_rows', help: 'rows without the header\'s number of fields, padded or kept in _extra_N (import_status=ragged)' },
  { name: 'headers_guessed', help: 'columns whose meaning import guessed from their values (Title as salutation or job title, a name column of businesses as company)' },
  { name: 'delivery_date_guessed', help: "rows whose delivery date import read off the file's modification date, none being given (source_delivered_status=file_date; give --delivered or an input's delivered:)" },
  { name: 'accounts', help: 'accounts in the accounts table, targets without contacts included (needs an accounts step)' },
  { name: 'accounts_guessed', help: 'accounts whose account_status doubts which contacts or targets they hold: narrow_match, name_and_city_only, name_only_contacts, target_by_name_only, … (needs an accounts step)' },
  { name: 'accounts_guessed_rate', help: 'accounts_guessed / accounts (needs an accounts step)' },
  { name: 'rows_without_account', help: 'rows without a company, so in no account (needs an accounts step)' },
  { name: 'accounts_without_decider', help: 'accounts with contacts but no decider among them (needs an accounts step)' },
  { name: 'rows_name_only', help: 'rows that name a company but no place, domain or VAT id, so joined to others by a shared phone or not at all (account_status name_only_contacts; needs an accounts step)' },
  { name: 'accounts_roles_from_title', help: 'accounts whose roles were read from job titles, the input having no buying_role column (account_status roles_from_title; needs an accounts step)' },
  { name: 'accounts_roles_guessed', help: 'accounts with a contact whose role rests on a seniority guessed from an occupation name classify does not know (account_status roles_guessed; needs an accounts step)' },
  { name: 'targets_without_contacts', help: 'targets of the ABM list no account fits: rows with contacts=0 (needs an accounts step with targets)' },
  ...SCORECARD_METRICS.map((m) => ({ name: m.name, help: `${m.help} (needs a sources step or output)` })),
  { name: 'new_rows', help: 'output rows of persons not in the state before (delta=new; needs --state): new_rows>5000 stops a job fed the wrong file' },
  { name: 'changed_rows', help: 'output rows of known persons with a changed delta field (delta=changed; needs --state)' },
  { name: 'unchanged_rows', help: 'output rows of known persons as they were (delta=unchanged; needs --state)' },
  { name: 'gone_rows', help: 'persons of the last night\'s state that no row tonight belongs to (gone.csv, gone_tonight; needs --state)' },
  { name: 'new_rate', help: 'new_rows / (new_rows + changed_rows + unchanged_rows) (needs --state)' },
  { name: 'changed_rate', help: 'changed_rows / (new_rows + changed_rows + unchanged_rows) (needs --state)' },
  { name: 'gone_rate', help: 'gone_rows / the persons of the last night\'s state (needs --state): a truncated input shows here' },
  { name: 'linked_by_email_or_phone', help: 'output rows whose person was found in the state through a record whose id changed since the last night (a shifted row, a renamed file), by its email or phone, a guess (id_linked_by=email_or_phone; needs --state)' },
  { name: 'ambiguous_links', help: 'records whose id changed since the last night and that fitted more than one person of the state by email or phone and name, so were taken as new rather than guessed (id_linked_by=ambiguous; needs --state)' },
  { name: 'ids_kept_by_size', help: 'ids a split cluster kept by its largest part because the record that survived last night is gone, a guess (id_status=kept_by_size; needs --state)' },
  { name: 'narrow_merges', help: 'dedupe merges decided by a pair less than 2 bits above the threshold (needs a dedupe step)' },
  { name: 'review_pairs', help: 'borderline pairs dedupe wrote for review (needs a dedupe step with review)' },
  { name: 'decisions_applied', help: 'pair decisions (--decisions) whose records were both in the lists (needs a dedupe or match step)' },
  { name: 'phone_region_guessed', help: 'rows whose phone, mobile or fax is valid only as a national number of a guessed country (phone_region_guessed=true; needs a validate step with phone checks)' },
  { name: 'pair_completeness_estimate', help: 'estimated share of true duplicate pairs dedupe compared at all, 0–1, without labels (needs a dedupe step whose list allows an estimate: emails, phones or identifiers beside names)' },
  { name: 'estimated_match_rate', help: 'the model\'s estimate of the share of rows with another record of the same person, whatever the threshold (needs a dedupe step)' },
  { name: 'realised_match_rate', help: 'share of rows dedupe put in clusters of two or more (needs a dedupe step)' },
  { name: 'crm_opt_out_assumed', help: 'rows an export --crm output opted out of email or calls because they said nothing about consent (run suppress before export to decide them)' },
  { name: 'filter_unreadable', help: 'rows with a cell a number or date comparison of a filter condition could not read, so it never matched (filter_unreadable names the fields in --rest; needs a filter step)' },
  { name: '<column>_<status>_rate', help: 'share of rows whose <column>_status is <status>: email_invalid_rate, phone_invalid_rate, address_invalid_rate, email_risky_rate, email_missing_rate, display_recased_rate (names, companies, cities in capitals cased by import), salutation_generic_rate (rows without a personal letter salutation), salutation_no_gender_rate, salutation_recased_rate, website_from_email_rate, salutation_language_guessed_rate and salutation_language_unsupported_rate (letters in a guessed language, or in English for one without salutations), gender_conflict_rate (a gender column against the salutation), gender_unreadable_rate, record_age_unreadable_rate, record_age_no_date_rate, record_age_future_rate (dates after as-of), record_age_order_guessed_rate (a day/month order no value of its column settles), record_age_file_date_rate (ages from a delivery date read off the file modification date) (classify), source_delivered_unknown_rate (rows without a delivery date), …' },
  { name: '<column>_fill_rate', help: 'share of rows with a value in <column>: email_fill_rate, phone_fill_rate, …' },
  { name: 'grade_<grade>_rate', help: 'share of rows with that grade: grade_a_rate … grade_d_rate (needs a grade column)' },
  { name: '<temperature>_rate', help: 'share of rows with that temperature: hot_rate, warm_rate, cold_rate (needs a temperature column)' },
  { name: 'stage_<stage>_rate', help: "share of rows in that stage: stage_mql_rate, stage_sql_ready_rate, or the rules file's own (stage_need_recognised_rate), … (needs a stage column)" },
];

const TEMPERATURES = ['hot', 'warm', 'cold'];

/** Metrics by name (not a family such as <column>_fill_rate). */
const NAMED_METRICS = new Set(METRICS.filter((m) => !m.name.includes('<')).map((m) => m.name));

/**
 * Whether a metric is read off the rows' columns (fill, status, grade, temperature, stage shares):
 * a night that carries persons over has those figures for its other rows only (src/state/carry.ts).
 */
export function readsColumns(metric: string): boolean {
  return !NAMED_METRICS.has(metric);
}

/** The metrics of a night against its state (summary.delta). */
const DELTA_METRICS = ['new_rows', 'changed_rows', 'unchanged_rows', 'gone_rows', 'new_rate', 'changed_rate', 'gone_rate', 'ids_kept_by_size', 'linked_by_email_or_phone', 'ambiguous_links'];

/** Shares 0–1 whose names do not end in _rate. */
const SHARES = ['pair_completeness_estimate'];

const EXPR = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(>=|<=|==|!=|>|<)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%)?\s*$/;

const HINT = 'expected <metric><operator><number>, e.g. email_invalid_rate>0.2 or rows<100 (operators: > >= < <= == !=)';

/** Metric names are lower-case words joined by `_`; a column "E-Mail_status" gives "e_mail_…". */
export function metricKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Parse one expression; syntax errors are usage errors, so they stop a run before it starts. */
export function parseThreshold(expr: string): Threshold {
  const m = EXPR.exec(expr);
  if (!m) {
    if (/=>|=</.test(expr)) throw new UsageError(`--fail-if "${expr}": write >= or <= (not => or =<); ${HINT}`);
    if (/^[^=<>!]*=[^=]/.test(expr)) throw new UsageError(`--fail-if "${expr}": use == to compare for equality; ${HINT}`);
    if (/^\s*[A-Za-z][A-Za-z0-9_]*\s*(>=|<=|==|!=|>|<)\s*\d+,\d/.test(expr)) {
      throw new UsageError(`--fail-if "${expr}": write decimals with a point (0.2, not 0,2)`);
    }
    throw new UsageError(`--fail-if "${expr}": ${HINT}`);
  }
  const metric = m[1].toLowerCase();
  const percent = m[4] !== undefined;
  const isRate = metric.endsWith('_rate') || SHARES.includes(metric);
  if (percent && !isRate) throw new UsageError(`--fail-if "${expr}": a percentage only fits a rate (a metric ending in _rate)`);
  const limit = percent ? Number(m[3]) / 100 : Number(m[3]);
  if (isRate && (limit < 0 || limit > 1)) {
    throw new UsageError(`--fail-if "${expr}": ${metric} is a share between 0 and 1; write ${percent ? '' : 'e.g. 0.2 or '}20% for a fifth`);
  }
  return { expr: expr.trim(), metric, op: m[2] as ThresholdOp, limit };
}

/**
 * Parse several expressions, each given alone or comma-separated (`rows<100,rejected_rate>0.5`).
 * A piece that starts with a digit is the tail of a decimal comma (`>0,2`) and is reported as such.
 */
export function parseThresholds(specs: string | readonly string[]): Threshold[] {
  const list = typeof specs === 'string' ? [specs] : specs;
  const out: Threshold[] = [];
  for (const spec of list) {
    const pieces = spec.split(',');
    pieces.forEach((piece, i) => {
      if (piece.trim() === '') return;
      if (i > 0 && /^\s*\d/.test(piece)) throw new UsageError(`--fail-if "${spec}": write decimals with a point (0.2, not 0,2)`);
      out.push(parseThreshold(piece));
    });
  }
  return out;
}

/** Metrics that are not a `*_rate` family member; every other name must end in `_rate`. */
const FIXED_METRICS = METRICS.filter((m) => !m.name.includes('<')).map((m) => m.name);

/**
 * Reject names that no run could have, before the run starts: a typo like `rowz<100` must
 * exit 2 at once, not after an hour of work. Whether a `*_rate` exists depends on the run's
 * columns, so those are checked when the summary is evaluated.
 */
export function checkMetricNames(thresholds: readonly Threshold[]): void {
  for (const t of thresholds) {
    if (FIXED_METRICS.includes(t.metric) || t.metric.endsWith('_rate')) continue;
    throw new UsageError(`--fail-if "${t.expr}": unknown metric "${t.metric}" (known: ${FIXED_METRICS.join(', ')}, or a rate such as email_invalid_rate, email_fill_rate, grade_a_rate)`);
  }
}

/** Why a delta metric has no value in a run without a state. */
const needsState = (metric: string) => `${metric} needs a state: leadkit run --state DIR (or state: in the pipeline file)`;

/**
 * Checks on a night's delta in a run without a state: a usage error as soon as the settings are
 * known, before any row is read (the run could never give them a value).
 */
export function checkDeltaMetrics(thresholds: readonly Threshold[], hasState: boolean): void {
  if (hasState) return;
  const t = thresholds.find((x) => DELTA_METRICS.includes(x.metric));
  if (t) throw new UsageError(`--fail-if "${t.expr}": ${needsState(t.metric)}`);
}

/** What a run's summary offers for thresholds: the fixed metrics and the column families. */
interface MetricSource {
  fixed: Map<string, number>;
  /** Why a dedupe figure is absent, when a step said so. */
  why: Map<string, string>;
  /** `<prefix>` of every `<column>_status`, normalised, with its shares by normalised status. */
  statuses: Map<string, Map<string, number>>;
  fill: Map<string, number>;
  /** Normalised label → share, per label column; absent when the run had no such column. */
  labels: { grade?: Map<string, number>; temperature?: Map<string, number>; stage?: Map<string, number> };
}

function sourceOf(s: RunSummary): MetricSource {
  const stage = (label: string) => s.funnel.find((f) => f.label === label)?.rows;
  const imported = stage('imported') ?? s.rows;
  const sum = (k: 'rejected' | 'merged' | 'suppressed') => s.steps.reduce((n, st) => n + st[k], 0);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const rejected = sum('rejected');
  const merged = sum('merged');
  const suppressed = sum('suppressed');
  const fixed = new Map<string, number>([
    ['rows', s.rows],
    ['imported', imported],
    ['rejected', rejected],
    ['rejected_rate', share(rejected, imported)],
    ['merged', merged],
    ['duplicate_rate', share(merged, imported)],
    ['suppressed', suppressed],
    ['suppressed_rate', share(suppressed, imported)],
    ['seconds', s.seconds],
    ['stray_quote_rows', s.inputs.reduce((n, i) => n + (i.stray_quote_rows ?? 0), 0)],
    ['ragged_rows', s.inputs.reduce((n, i) => n + (i.ragged_rows ?? 0), 0)],
    ['headers_guessed', s.inputs.reduce((n, i) => n + (i.headers_guessed ?? 0), 0)],
    ['delivery_date_guessed', s.inputs.reduce((n, i) => n + (i.delivery_date_guessed ?? 0), 0)],
  ]);
  // Measured by dedupe (and match) steps; absent when no step measured them (metricValue says why).
  for (const [k, v] of Object.entries(s.dedupe ?? {})) if (typeof v === 'number') fixed.set(k, v);
  for (const [k, v] of Object.entries(s.validate ?? {})) if (typeof v === 'number') fixed.set(k, v);
  for (const [k, v] of Object.entries(s.export ?? {})) if (typeof v === 'number') fixed.set(k, v);
  for (const [k, v] of Object.entries(s.filter ?? {})) if (typeof v === 'number') fixed.set(k, v);
  // The sources scorecard's: the worst source's shares and the counts of what it took as it came.
  const sourcesWhy = new Map<string, string>();
  for (const m of SCORECARD_METRICS) {
    const r = s.sources ? scorecardMetric(m.name, s.sources.scorecard) : { why: `${m.name} needs a sources step or output` };
    if (r && 'value' in r) fixed.set(m.name, r.value);
    else if (r) sourcesWhy.set(m.name, r.why);
  }
  for (const [k, v] of Object.entries(s.accounts ?? {})) if (typeof v === 'number') fixed.set(k, v);
  if (s.delta) {
    const d = s.delta;
    fixed.set('new_rows', d.new);
    fixed.set('changed_rows', d.changed);
    fixed.set('unchanged_rows', d.unchanged);
    fixed.set('gone_rows', d.gone);
    // Of the rows the outputs got, counted by the state (in a night that carries persons over, the
    // summary's other row figures are of the rows that went through the steps).
    const rows = d.new + d.changed + d.unchanged;
    fixed.set('new_rate', share(d.new, rows));
    fixed.set('changed_rate', share(d.changed, rows));
    fixed.set('gone_rate', share(d.gone, d.persons_before));
    fixed.set('ids_kept_by_size', d.ids.kept_by_size);
    fixed.set('linked_by_email_or_phone', d.linked_by_email_or_phone);
    fixed.set('ambiguous_links', d.ambiguous_links);
  }
  if (s.accounts?.accounts !== undefined) fixed.set('accounts_guessed_rate', share(s.accounts.accounts_guessed ?? 0, s.accounts.accounts));
  const routed = stage('routed');
  if (routed !== undefined) {
    fixed.set('routed', routed);
    fixed.set('routed_rate', share(routed, s.rows));
  }

  const statuses = new Map<string, Map<string, number>>();
  const fill = new Map<string, number>();
  const present = new Set<string>();
  for (const c of s.columns) {
    const key = metricKey(c.column);
    present.add(key);
    fill.set(key, c.fill_rate);
    if (c.status_shares && key.endsWith('_status')) {
      const shares = new Map<string, number>();
      for (const [status, v] of Object.entries(c.status_shares)) {
        const k = metricKey(status);
        shares.set(k, (shares.get(k) ?? 0) + v);
      }
      statuses.set(key.slice(0, -'_status'.length), shares);
    }
  }
  // The label columns are counted on the rows that went through the steps (all but a night's carried persons).
  const stepped = s.rows - (s.delta?.carried ?? 0);
  const labelShares = (column: string, counts: Record<string, number>) => {
    if (!present.has(column)) return undefined;
    const m = new Map<string, number>();
    for (const [v, n] of Object.entries(counts)) {
      const k = metricKey(v);
      m.set(k, (m.get(k) ?? 0) + share(n, stepped));
    }
    return m;
  };
  const why = new Map<string, string>(sourcesWhy);
  if (s.dedupe?.pair_completeness_why) why.set('pair_completeness_estimate', s.dedupe.pair_completeness_why);
  return {
    fixed,
    why,
    statuses,
    fill,
    labels: {
      grade: labelShares('grade', s.grades),
      temperature: labelShares('temperature', s.temperatures),
      stage: labelShares('stage', s.stages),
    },
  };
}

/**
 * The value of one metric, or a UsageError that says why it has none. A status, grade or
 * temperature that simply did not occur is 0 (no invalid emails: email_invalid_rate is 0), but
 * a column the run never had is an error, since a typo must not pass as "0, all fine".
 */
function metricValue(metric: string, src: MetricSource, expr: string): number {
  const fixed = src.fixed.get(metric);
  if (fixed !== undefined) return fixed;
  const fail = (why: string): never => {
    throw new UsageError(`--fail-if "${expr}": ${why}`);
  };
  if (metric === 'routed' || metric === 'routed_rate') fail(`${metric} needs an owner column (add a route step)`);
  if (metric === 'narrow_merges') fail('narrow_merges needs a dedupe step');
  if (metric === 'review_pairs') fail('review_pairs needs a dedupe step with review: FILE');
  if (metric === 'decisions_applied') fail('decisions_applied needs a dedupe or match step');
  if (metric === 'phone_region_guessed') fail('phone_region_guessed needs a validate step with phone checks');
  if (metric === 'filter_unreadable') fail('filter_unreadable needs a filter step');
  if (metric.startsWith('sources_') && src.why.has(metric)) fail(src.why.get(metric) as string);
  if (metric === 'targets_without_contacts') fail('targets_without_contacts needs an accounts step with targets: FILE');
  if (['accounts', 'accounts_guessed', 'accounts_guessed_rate', 'rows_without_account', 'accounts_without_decider', 'rows_name_only', 'accounts_roles_from_title', 'accounts_roles_guessed'].includes(metric)) fail(`${metric} needs an accounts step`);
  if (DELTA_METRICS.includes(metric)) fail(needsState(metric));
  if (metric === 'crm_opt_out_assumed') fail('crm_opt_out_assumed needs an export output with crm: salesforce or hubspot');
  if (metric === 'pair_completeness_estimate') {
    const why = src.why.get(metric);
    fail(why ? `pair completeness was not estimable in this run (${why})` : 'pair_completeness_estimate needs a dedupe step');
  }
  if (metric === 'estimated_match_rate' || metric === 'realised_match_rate') fail(`${metric} needs a dedupe step`);

  let m = /^(.+)_fill_rate$/.exec(metric);
  if (m) return src.fill.get(m[1]) ?? fail(`no column "${m[1]}" in this run for ${metric}`);

  m = /^grade_(.+)_rate$/.exec(metric);
  if (m) return (src.labels.grade ?? fail(`${metric} needs a grade column (add a score step)`)).get(m[1]) ?? 0;

  m = /^stage_(.+)_rate$/.exec(metric);
  if (m) return (src.labels.stage ?? fail(`${metric} needs a stage column (add a score step)`)).get(m[1]) ?? 0;

  m = /^(.+)_rate$/.exec(metric);
  if (m) {
    const name = m[1];
    const temps = src.labels.temperature;
    if (TEMPERATURES.includes(name) || temps?.has(name)) {
      return (temps ?? fail(`${metric} needs a temperature column (add a score step)`)).get(name) ?? 0;
    }
    // Longest prefix first, so "mobile_phone_invalid" finds mobile_phone_status before mobile_status.
    const prefixes = [...src.statuses.keys()].sort((a, b) => b.length - a.length);
    for (const prefix of prefixes) {
      if (name.startsWith(`${prefix}_`)) return src.statuses.get(prefix)?.get(name.slice(prefix.length + 1)) ?? 0;
    }
    const statusHint = /^(email|phone|mobile|fax|address)_/.exec(name);
    if (statusHint) fail(`${metric} needs a ${statusHint[1]}_status column (add a validate step)`);
    const classifyHint = /^(salutation_language|salutation|website|record_age|gender)_/.exec(name);
    if (classifyHint) fail(`${metric} needs a ${classifyHint[1]}_status column (add a classify step)`);
  }
  return fail(`unknown metric "${metric}"; this run has ${availableMetrics(src).join(', ')}`);
}

/** The names a run offers, for the error message of an unknown metric. */
function availableMetrics(src: MetricSource): string[] {
  const names = [...src.fixed.keys()];
  for (const [prefix, shares] of src.statuses) {
    const known = [...shares.keys()].filter((k) => k !== 'other');
    names.push(`${prefix}_<status>_rate (${known.join(', ') || 'no statuses yet'})`);
  }
  if (src.fill.size) names.push('<column>_fill_rate');
  if (src.labels.grade) names.push('grade_<a|b|c|d>_rate');
  if (src.labels.temperature) names.push('hot_rate, warm_rate, cold_rate');
  if (src.labels.stage) names.push('stage_<stage>_rate');
  return names;
}

function compare(value: number, op: ThresholdOp, limit: number): boolean {
  // Rates are quotients; compare with a tolerance so 0.3 == 3/10 holds.
  const eps = 1e-9 * Math.max(1, Math.abs(limit));
  switch (op) {
    case '>':
      return value > limit + eps;
    case '>=':
      return value >= limit - eps;
    case '<':
      return value < limit - eps;
    case '<=':
      return value <= limit + eps;
    case '==':
      return Math.abs(value - limit) <= eps;
    case '!=':
      return Math.abs(value - limit) > eps;
  }
}

/** Evaluate one `--fail-if` expression against a finished summary. */
export function evaluateThreshold(expr: string | Threshold, summary: RunSummary): ThresholdResult {
  const t = typeof expr === 'string' ? parseThreshold(expr) : expr;
  const value = metricValue(t.metric, sourceOf(summary), t.expr);
  return { expr: t.expr, metric: t.metric, op: t.op, limit: t.limit, value, tripped: compare(value, t.op, t.limit) };
}

/** A metric value as a person reads it: integers as is, rates to four decimals. */
function shown(n: number): string {
  return String(Number.isInteger(n) ? n : Number(n.toFixed(4)));
}

/** "email_invalid_rate is 0.35 (fail if > 0.2)": the metric, its value and the limit. */
export function describeResult(r: ThresholdResult): string {
  return `${r.metric} is ${shown(r.value)} (fail if ${r.op} ${shown(r.limit)})`;
}

/** The one line for stderr when thresholds tripped (for a ThresholdError), or undefined. */
export function thresholdFailure(results: readonly ThresholdResult[]): string | undefined {
  const tripped = results.filter((r) => r.tripped);
  if (tripped.length === 0) return undefined;
  return `--fail-if tripped: ${tripped.map(describeResult).join('; ')}`;
}
