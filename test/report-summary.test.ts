import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { CAPS, OTHER, SummaryBuilder, scoreBucket, type RunSummary } from '../src/report/summary.js';
import { checkMetricNames, evaluateThreshold, parseThreshold, parseThresholds, thresholdFailure } from '../src/report/thresholds.js';
import type { Row } from '../src/table.js';

const meta = { pipeline: 'Nächtliche Leads (Messe München)', as_of: '2026-11-22', leadkit_version: '0.1.0', started_at: '2026-11-22T03:00:00.000Z' };

/** Ten output rows as the pipeline hands them to the outputs: validated, scored, routed. */
const ROWS: Row[] = [
  { record_id: 'messe:2', company: 'Müller & Söhne GmbH', email: 'j.mueller@mueller-soehne.de', email_status: 'valid', phone_status: 'valid', score: '100', grade: 'A', temperature: 'hot', stage: 'sql_ready', owner: 'Jürgen Groß' },
  { record_id: 'messe:3', company: 'Bäckerei Köhler', email: 'info@baeckerei-koehler.de', email_status: 'valid', phone_status: 'invalid', score: '87', grade: 'A', temperature: 'warm', stage: 'mql', owner: 'Jürgen Groß' },
  { record_id: 'messe:4', company: 'Straßenbau Weiß KG', email: 'kontakt@weiss-bau.de', email_status: 'risky', phone_status: 'valid', score: '72,5', grade: 'B', temperature: 'warm', stage: 'mql', owner: 'Zoë Schäfer' },
  { record_id: 'messe:5', company: 'Öko-Hof Sönke', email: 'soenke@gmx.de', email_status: 'invalid', phone_status: '', score: '55', grade: 'B', temperature: 'cold', stage: 'lead', owner: 'Zoë Schäfer' },
  { record_id: 'messe:6', company: 'Fa. Ümit Yılmaz', email: '', email_status: 'missing', phone_status: 'valid', score: '9.5', grade: 'D', temperature: 'cold', stage: 'lead', owner: 'unassigned' },
  { record_id: 'crm:7', company: 'Grün & Partner', email: 'b.gruen@gruen-partner.at', email_status: 'valid', phone_status: 'valid', score: '0', grade: 'D', temperature: 'cold', stage: 'lead', owner: 'Jürgen Groß' },
  { record_id: 'crm:8', company: 'Löwe Logistik', email: 'l@loewe.de', email_status: 'valid', phone_status: ' ', score: 'n/a', grade: 'C', temperature: 'cold', stage: 'lead', owner: '' },
  { record_id: 'crm:9', company: 'Kühne Elektro', email: 'k@kuehne.de', email_status: 'invalid', phone_status: 'valid', score: '', grade: '', temperature: 'cold', stage: 'lead', owner: 'Zoë Schäfer' },
  { record_id: 'crm:10', company: 'Hölzl Tischlerei', email: 'h@hoelzl.at', email_status: 'valid', phone_status: 'valid', score: '101', grade: 'C', temperature: 'cold', stage: 'lead', owner: 'Jürgen Groß' },
  // A column that appears only now (a later input had it): the rows before count as blank.
  { record_id: 'crm:11', company: 'Ärztehaus Süd', email: 'praxis@aerztehaus-sued.de', email_status: 'valid', phone_status: 'valid', score: '19', grade: 'C', temperature: 'cold', stage: 'lead', owner: 'Jürgen Groß', website: 'aerztehaus-sued.de' },
];

function sampleSummary(thresholds: string[] = []): RunSummary {
  const b = new SummaryBuilder(meta);
  b.input({ file: 'incoming/messe-münchen.csv', rows: 14, encoding: 'windows-1252', delimiter: ';' });
  b.input({ file: 'incoming/crm.xlsx', rows: 6, encoding: 'xlsx', delimiter: '', sheet: 'Kontakte' });
  b.step({ name: 'validate', rows_in: 20, rows_out: 16, rejected: 4, seconds: 0.8 });
  b.reject('invalid_email;no_contact', 2);
  b.reject('invalid_email');
  b.reject('missing_address');
  b.step({ name: 'dedupe', rows_in: 16, rows_out: 13, merged: 3, seconds: 1.2 });
  b.step({ name: 'suppress', rows_in: 13, rows_out: 10, suppressed: 3, seconds: 0.1 });
  b.suppress('blocklist', 2);
  b.suppress('consent_denied');
  b.observeRows(ROWS.slice(0, 4));
  b.observeRows(ROWS.slice(4));
  b.output({ file: 'out/leads.csv', rows: 10, format: 'csv' });
  return b.finish({ finished_at: '2026-11-22T03:02:05.500Z', thresholds });
}

describe('scoreBucket', () => {
  it.each([
    ['0', 0],
    ['9', 0],
    ['9.99', 0],
    ['10', 1],
    ['55', 5],
    ['72,5', 7],
    ['89', 8],
    ['90', 9],
    ['100', 9],
    [' 42 ', 4],
    ['100.5', -1],
    ['101', -1],
    ['-3', -1],
    ['', -1],
    ['n/a', -1],
    ['1e2', -1],
  ])('%j → %i', (cell, bucket) => expect(scoreBucket(cell)).toBe(bucket));
});

describe('SummaryBuilder', () => {
  const s = sampleSummary();

  it('keeps the run metadata and computes the run time from the timestamps', () => {
    expect(s.pipeline).toBe('Nächtliche Leads (Messe München)');
    expect(s.as_of).toBe('2026-11-22');
    expect(s.started_at).toBe('2026-11-22T03:00:00.000Z');
    expect(s.finished_at).toBe('2026-11-22T03:02:05.500Z');
    expect(s.seconds).toBe(125.5);
    expect(s.inputs.map((i) => i.file)).toEqual(['incoming/messe-münchen.csv', 'incoming/crm.xlsx']);
    expect(s.inputs[1].sheet).toBe('Kontakte');
    expect(s.outputs).toEqual([{ file: 'out/leads.csv', rows: 10, format: 'csv' }]);
  });

  it('counts the funnel from inputs and steps, and routed rows from the owner column', () => {
    expect(s.funnel).toEqual([
      { label: 'imported', rows: 20 },
      { label: 'valid', rows: 16 },
      { label: 'unique', rows: 13 },
      { label: 'qualified', rows: 10 },
      // "unassigned" and a blank owner are not routed.
      { label: 'routed', rows: 8 },
    ]);
    expect(s.rows).toBe(10);
    expect(s.duplicates_merged).toBe(3);
    expect(s.steps.map((st) => [st.name, st.rejected, st.merged, st.suppressed])).toEqual([
      ['validate', 4, 0, 0],
      ['dedupe', 0, 3, 0],
      ['suppress', 0, 0, 3],
    ]);
  });

  it('counts each of several ;-joined reasons', () => {
    expect(s.rejects_by_reason).toEqual({ invalid_email: 3, no_contact: 2, missing_address: 1 });
    expect(s.suppressed_by_reason).toEqual({ blocklist: 2, consent_denied: 1 });
  });

  it('buckets scores 0–100, with 100 in 90-100 and unreadable scores left out', () => {
    const byBucket = Object.fromEntries(s.score_histogram.map((b) => [b.bucket, b.rows]));
    expect(s.score_histogram.map((b) => b.bucket)).toEqual(['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90-100']);
    expect(byBucket).toEqual({ '0-9': 2, '10-19': 1, '20-29': 0, '30-39': 0, '40-49': 0, '50-59': 1, '60-69': 0, '70-79': 1, '80-89': 1, '90-100': 1 });
  });

  it('counts grades, temperatures, stages and owners with umlauts intact', () => {
    expect(s.grades).toEqual({ C: 3, A: 2, B: 2, D: 2 });
    expect(s.temperatures).toEqual({ cold: 7, warm: 2, hot: 1 });
    expect(s.stages).toEqual({ lead: 7, mql: 2, sql_ready: 1 });
    expect(s.rows_per_owner).toEqual({ 'Jürgen Groß': 5, 'Zoë Schäfer': 3, unassigned: 2 });
  });

  it('measures fill rate per column and the shares of each *_status', () => {
    const col = (name: string) => s.columns.find((c) => c.column === name);
    expect(s.columns.map((c) => c.column)).toEqual(['record_id', 'company', 'email', 'email_status', 'phone_status', 'score', 'grade', 'temperature', 'stage', 'owner', 'website']);
    expect(col('email')).toEqual({ column: 'email', filled: 9, fill_rate: 0.9 });
    expect(col('website')).toEqual({ column: 'website', filled: 1, fill_rate: 0.1 });
    expect(col('email_status')?.status_shares).toEqual({ valid: 0.6, invalid: 0.2, missing: 0.1, risky: 0.1 });
    // A blank or whitespace-only status is "(empty)", as in leadkit profile.
    expect(col('phone_status')?.status_shares).toEqual({ valid: 0.7, invalid: 0.1, '(empty)': 0.2 });
    expect(col('company')?.status_shares).toBeUndefined();
  });

  it('counts each column right when rows differ in key order or columns', () => {
    const b = new SummaryBuilder(meta);
    b.observeRows([{ a: 'x', b: '' }, { b: 'y', a: '' }, { a: ' ', c: '\u00a0z' }, { c: '', a: 'x', b: 'y' }]);
    const fill = Object.fromEntries(b.finish().columns.map((c) => [c.column, c.filled]));
    expect(fill).toEqual({ a: 2, b: 2, c: 1 });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('leaves the histogram and labels empty when the rows have no such columns', () => {
    const b = new SummaryBuilder(meta);
    b.observeRows([{ email: 'a@b.de' }, { email: '' }]);
    const t = b.finish({ finished_at: meta.started_at });
    expect(t.score_histogram).toEqual([]);
    expect(t.grades).toEqual({});
    expect(t.rows_per_owner).toEqual({});
    // Without inputs or steps, the funnel starts at the rows seen, and has no routed stage.
    expect(t.funnel.map((f) => f.label)).toEqual(['imported', 'valid', 'unique', 'qualified']);
    expect(t.funnel[0].rows).toBe(2);
    expect(t.columns).toEqual([{ column: 'email', filled: 1, fill_rate: 0.5 }]);
  });

  it('bounds memory: owners beyond the cap are counted under "(other)"', () => {
    const b = new SummaryBuilder(meta);
    const n = CAPS.owners + 5;
    b.observeRows(Array.from({ length: n }, (_, i) => ({ owner: `Vertrieb ${i}` })));
    const t = b.finish({ finished_at: meta.started_at });
    expect(Object.keys(t.rows_per_owner)).toHaveLength(CAPS.owners + 1);
    expect(t.rows_per_owner[OTHER]).toBe(5);
    expect(Object.values(t.rows_per_owner).reduce((a, v) => a + v, 0)).toBe(n);
  });

  it('evaluates --fail-if thresholds when finishing', () => {
    const t = sampleSummary(['email_invalid_rate>0.1', 'rows<100']);
    expect(t.thresholds.map((r) => [r.expr, r.value, r.tripped])).toEqual([
      ['email_invalid_rate>0.1', 0.2, true],
      ['rows<100', 10, true],
    ]);
  });
});

describe('evaluateThreshold', () => {
  const s = sampleSummary();
  it.each([
    // [expression, value, tripped]
    ['email_invalid_rate>0.2', 0.2, false],
    ['email_invalid_rate>=0.2', 0.2, true],
    ['email_invalid_rate > 15%', 0.2, true],
    ['email_risky_rate==0.1', 0.1, true],
    // A status that did not occur is 0, not an error.
    ['email_unknown_rate>0', 0, false],
    ['phone_invalid_rate>0.05', 0.1, true],
    ['phone_empty_rate>=0.2', 0.2, true],
    ['rows<100', 10, true],
    ['rows>=10', 10, true],
    ['imported!=20', 20, false],
    ['rejected>3', 4, true],
    ['rejected_rate>=0.5', 0.2, false],
    ['duplicate_rate>0.3', 0.15, false],
    ['merged==3', 3, true],
    ['suppressed_rate>0.1', 0.15, true],
    ['routed<8', 8, false],
    ['routed_rate<0.9', 0.8, true],
    ['hot_rate<0.01', 0.1, false],
    ['cold_rate>0.5', 0.7, true],
    ['grade_a_rate<0.25', 0.2, true],
    ['GRADE_D_RATE<=0.2', 0.2, true],
    ['stage_sql_ready_rate<0.05', 0.1, false],
    ['stage_mql_rate>=20%', 0.2, true],
    ['email_fill_rate<0.95', 0.9, true],
    ['website_fill_rate<0.5', 0.1, true],
    ['seconds>3600', 125.5, false],
  ])('%s', (expr, value, tripped) => {
    const r = evaluateThreshold(expr, s);
    expect(r.value).toBeCloseTo(value, 10);
    expect(r.tripped).toBe(tripped);
  });

  it('returns the parsed parts with the result', () => {
    expect(evaluateThreshold(' email_invalid_rate > 20% ', s)).toEqual({
      expr: 'email_invalid_rate > 20%',
      metric: 'email_invalid_rate',
      op: '>',
      limit: 0.2,
      value: 0.2,
      tripped: false,
    });
  });

  const usage = (fn: () => unknown, message: RegExp) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toMatch(message);
  };

  it.each([
    ['rows', /expected <metric><operator><number>, e\.g\. email_invalid_rate>0\.2/],
    ['rows>', /expected <metric><operator><number>/],
    ['>5', /expected <metric><operator><number>/],
    ['rows=>5', /write >= or <= \(not => or =<\)/],
    ['rows =< 5', /write >= or <=/],
    ['rows>>5', /expected <metric><operator><number>/],
    ['rows>abc', /expected <metric><operator><number>/],
    ['rows=100', /use == to compare/],
    ['email_invalid_rate>0,2', /decimals with a point/],
    ['email_invalid_rate>20', /share between 0 and 1; write e\.g\. 0\.2 or 20%/],
    ['email_invalid_rate>120%', /share between 0 and 1/],
    ['rows>50%', /a percentage only fits a rate/],
  ])('rejects the malformed expression %j', (expr, message) => {
    usage(() => parseThreshold(expr), message);
    usage(() => evaluateThreshold(expr, s), message);
  });

  it.each([
    ['emial_invalid_rate>0.2', /unknown metric "emial_invalid_rate"; this run has rows, imported, rejected/],
    ['foo>1', /unknown metric "foo".*email_<status>_rate \(valid, invalid, missing, risky\)/],
    ['nonexistent_fill_rate<0.5', /no column "nonexistent" in this run/],
  ])('rejects the unknown metric in %j', (expr, message) => usage(() => evaluateThreshold(expr, s), message));

  it('names the missing column when a run lacks what a metric needs', () => {
    const b = new SummaryBuilder(meta);
    b.observeRows([{ email: 'a@b.de', email_status: 'valid' }]);
    const bare = b.finish({ finished_at: meta.started_at });
    usage(() => evaluateThreshold('hot_rate<0.01', bare), /hot_rate needs a temperature column \(add a score step\)/);
    usage(() => evaluateThreshold('grade_a_rate<0.1', bare), /needs a grade column/);
    usage(() => evaluateThreshold('stage_mql_rate<0.1', bare), /needs a stage column/);
    usage(() => evaluateThreshold('routed<1', bare), /routed needs an owner column \(add a route step\)/);
    usage(() => evaluateThreshold('phone_invalid_rate>0.2', bare), /needs a phone_status column \(add a validate step\)/);
    expect(evaluateThreshold('email_invalid_rate>0.2', bare).value).toBe(0);
    usage(() => evaluateThreshold('phone_region_guessed>0', bare), /phone_region_guessed needs a validate step with phone checks/);
  });

  it('keeps validate’s guessed phone regions apart from dedupe’s figures, summed over steps', () => {
    const b = new SummaryBuilder(meta);
    b.measure('phone_region_guessed', 3);
    b.measure('phone_region_guessed', 2);
    b.measure('narrow_merges', 1);
    const summary = b.finish({ finished_at: meta.started_at, thresholds: ['phone_region_guessed>4'] });
    expect(summary.validate).toEqual({ phone_region_guessed: 5 });
    expect(summary.dedupe).toEqual({ narrow_merges: 1 });
    expect(summary.thresholds).toMatchObject([{ metric: 'phone_region_guessed', value: 5, tripped: true }]);
    expect(new SummaryBuilder(meta).finish({ finished_at: meta.started_at }).validate).toBeUndefined();
  });

  it('sums filter steps’ unreadable cells into a filter section, a --fail-if metric', () => {
    const b = new SummaryBuilder(meta);
    b.measure('filter_unreadable', 0);
    b.measure('filter_unreadable', 2);
    const summary = b.finish({ finished_at: meta.started_at, thresholds: ['filter_unreadable>1'] });
    expect(summary.filter).toEqual({ filter_unreadable: 2 });
    expect(summary.validate).toBeUndefined();
    expect(summary.thresholds).toMatchObject([{ metric: 'filter_unreadable', value: 2, tripped: true }]);
    usage(() => evaluateThreshold('filter_unreadable>0', new SummaryBuilder(meta).finish({ finished_at: meta.started_at })), /filter_unreadable needs a filter step/);
  });
});

describe('parseThresholds and thresholdFailure', () => {
  it('accepts a list and comma-separated expressions', () => {
    expect(parseThresholds(['rows<100,rejected_rate>=0.5', 'hot_rate<1%']).map((t) => [t.metric, t.op, t.limit])).toEqual([
      ['rows', '<', 100],
      ['rejected_rate', '>=', 0.5],
      ['hot_rate', '<', 0.01],
    ]);
    expect(parseThresholds('duplicate_rate>0.3')).toHaveLength(1);
  });

  it('reports a decimal comma in a list instead of splitting the number', () => {
    expect(() => parseThresholds('email_invalid_rate>0,2')).toThrow(/decimals with a point \(0\.2, not 0,2\)/);
  });

  it('checks metric names before a run: fixed names and *_rate pass, anything else is a usage error', () => {
    expect(() => checkMetricNames(parseThresholds(['rows<100', 'seconds>3600', 'email_invalid_rate>0.2', 'grade_a_rate<1%', 'website_fill_rate<0.5']))).not.toThrow();
    expect(() => checkMetricNames(parseThresholds('rowz<100'))).toThrow(UsageError);
    expect(() => checkMetricNames(parseThresholds('email_invalid>0.2'))).toThrow(/unknown metric "email_invalid" \(known: rows, imported,.*seconds, stray_quote_rows, ragged_rows, .*narrow_merges, review_pairs, decisions_applied, phone_region_guessed, pair_completeness_estimate, estimated_match_rate, realised_match_rate, crm_opt_out_assumed, filter_unreadable, or a rate/);
  });

  it('says which thresholds tripped, with their values', () => {
    const s = sampleSummary(['email_invalid_rate>0.1', 'rows<5', 'duplicate_rate>0.1']);
    expect(thresholdFailure(s.thresholds)).toBe('--fail-if tripped: email_invalid_rate is 0.2 (fail if > 0.1); duplicate_rate is 0.15 (fail if > 0.1)');
    expect(thresholdFailure(sampleSummary(['rows<5']).thresholds)).toBeUndefined();
  });
});
