import { describe, expect, it } from 'vitest';
import { buildScorecard, median, type RowFacts, type ScorecardSettings, type SourceScore } from '../src/sources/scorecard.js';
import { CostColumn, parseCostSpecs, readAmount } from '../src/sources/cost.js';
import { knownPersons, personsFromIds } from '../src/sources/persons.js';
import { channelsOf, contactFacts, isSuppressed, listedBy, mqlFromFlag, reasonsOf, segmentKnown, stageMqlReader } from '../src/sources/row-facts.js';
import { reachesMql } from '../src/score/grading.js';
import { loadRules } from '../src/commands/qualify-shared.js';
import { scorecardMetric } from '../src/sources/metrics.js';
import { cellOf, renderScorecard, scorecardCells } from '../src/sources/render.js';
import { isAmbiguousGrouping } from '../src/classify/locale-number.js';
import { ageInDays, describeStaleAfter, hasUnreadableRecordDate, recordDate } from '../src/date/record-age.js';
import { bindOptions } from '../src/pipeline/bind-options.js';
import { reportStep } from '../src/pipeline/report-step.js';
import { collect, fromArray, type Row } from '../src/table.js';
import { SummaryBuilder } from '../src/report/summary.js';
import { evaluateThreshold } from '../src/report/thresholds.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 10, 22);
const daysAgo = (d: number) => AS_OF - d * DAY;

/** A row's facts with everything off, to switch on what a case is about. */
function fact(over: Partial<RowFacts> & { source: string; person: number }): RowFacts {
  return { emailStatus: 'missing', phoneValid: false, phoneRegionGuessed: false, addressValid: false, dateUnreadable: false, dateGuessed: false, suppressed: false, listed: false, segmentAssumed: false, contactable: false, ...over };
}

const SETTINGS: ScorecardSettings = { asOfMs: AS_OF, staleAfter: { months: 24 }, reference: true, stage: true };

const bySource = (card: SourceScore[]) => Object.fromEntries(card.map((r) => [`${r.group}/${r.source}`, r]));

describe('readAmount: a price as people write it, never read two ways', () => {
  it.each([
    ['1200', 1200, ''],
    ['1200.50', 1200.5, ''],
    ['1.200,50', 1200.5, ''],
    ['1,200.50', 1200.5, ''],
    ['1.200.000', 1200000, ''],
    ['0,750', 0.75, ''],
    ['12,5', 12.5, ''],
    ['€ 450', 450, 'EUR'],
    ['12,50 EUR', 12.5, 'EUR'],
    ['$1,200.00', 1200, 'USD'],
    ['CHF 99', 99, 'CHF'],
    ['0', 0, ''],
  ])('%s → %d %s', (text, value, currency) => {
    expect(readAmount(text)).toEqual({ ok: true, value, currency });
  });

  it.each([
    ['1.200', 'could mean 1200 or 1.2'],
    ['1,200', 'could mean 1200 or 1.2'],
    ['12.500 €', 'could mean 12500 or 12.5'],
    ['-5', 'below zero'],
    ['zwölf', 'is no amount'],
    ['€', 'no amount'],
    ['1.20.0', 'is no amount'],
  ])('%s is refused (%s)', (text, why) => {
    const r = readAmount(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.why).toContain(why);
  });
});

describe('parseCostSpecs: --cost source=amount pairs', () => {
  it('keeps a decimal comma with its amount and splits where a key follows', () => {
    expect(parseCostSpecs(['vendor-de=1.200,50,messe=0']).map((c) => [c.source, c.amount])).toEqual([
      ['vendor-de', 1200.5],
      ['messe', 0],
    ]);
    expect(parseCostSpecs(['a=1', 'b = 2,5', 'Messe Wien=300']).map((c) => [c.source, c.amount])).toEqual([
      ['a', 1],
      ['b', 2.5],
      ['Messe Wien', 300],
    ]);
  });
  it.each([
    [['vendor-de'], 'is no source=amount pair'],
    [['=5'], 'names no source'],
    [['a=1', 'a=2'], 'a has two costs'],
    [['a=12 EUR,b=3 USD'], 'in EUR and USD'],
    [['a=1.200'], 'a: "1.200" could mean'],
  ])('%j is refused: %s', (values, why) => {
    expect(() => parseCostSpecs(values)).toThrow(why);
  });
});

describe('isAmbiguousGrouping', () => {
  it.each([
    ['1.200', true],
    ['1,200', true],
    ['999,000', true],
    ['+1.200', true],
    ['0.125', false],
    ['1.2', false],
    ['1200', false],
    ['1.200,00', false],
    ['1.200.000', false],
    ['1234.567', false],
  ])('%s → %s', (text, want) => expect(isAmbiguousGrouping(text)).toBe(want));
});

describe('buildScorecard', () => {
  it('counts persons, duplicates and overlaps per source and the total', () => {
    // Person 1 twice in A and once in B; person 2 in A; person 3 in B twice.
    const card = buildScorecard(
      [fact({ source: 'A', person: 1 }), fact({ source: 'A', person: 1 }), fact({ source: 'A', person: 2 }), fact({ source: 'B', person: 1 }), fact({ source: 'B', person: 3 }), fact({ source: 'B', person: 3 })],
      SETTINGS,
    );
    const s = bySource(card);
    expect(card.map((r) => `${r.group}/${r.source}`)).toEqual(['source/A', 'source/B', 'total/(all)']);
    expect([s['source/A'].rows, s['source/A'].persons, s['source/A'].duplicates, s['source/A'].duplicate_share]).toEqual([3, 2, 1, 1 / 3]);
    expect([s['source/A'].other_overlap, s['source/B'].other_overlap]).toEqual([2, 1]);
    expect(s['total/(all)']).toMatchObject({ rows: 6, persons: 3, duplicates: 3, duplicate_share: 0.5, other_overlap: null, other_overlap_share: null });
  });

  it('counts a usable person once, and not when the reference has it or it cannot be contacted', () => {
    const card = buildScorecard(
      [
        fact({ source: 'A', person: 1, contactable: true }),
        fact({ source: 'A', person: 1, contactable: true }),
        fact({ source: 'A', person: 2, contactable: true, inReference: true }),
        fact({ source: 'A', person: 3, contactable: false, suppressed: true }),
        fact({ source: 'A', person: 4, contactable: false }),
      ],
      SETTINGS,
    );
    expect(card[0]).toMatchObject({ usable: 1, usable_share: 0.2, contactable: 3, suppressed: 1, reference_overlap: 1, reference_overlap_share: 0.2 });
  });

  it('counts no person usable who asked not to be contacted, through any other row in any list', () => {
    // Person 1: one address listed, the other (a second address) contactable, in A and in B.
    // Person 2: contactable, never listed. Person 3: listed only, in B.
    const card = bySource(
      buildScorecard(
        [
          fact({ source: 'A', person: 1, suppressed: true, listed: true }),
          fact({ source: 'A', person: 1, contactable: true }),
          fact({ source: 'A', person: 2, contactable: true }),
          fact({ source: 'B', person: 1, contactable: true }),
          fact({ source: 'B', person: 3, suppressed: true, listed: true }),
        ],
        SETTINGS,
      ),
    );
    expect(card['source/A']).toMatchObject({ suppressed: 1, listed: 1, contactable: 2, usable: 1 });
    expect(card['source/B']).toMatchObject({ suppressed: 1, listed: 1, contactable: 1, usable: 0 });
    expect(card['total/(all)']).toMatchObject({ listed: 2, usable: 1 });
  });

  it('counts as new the usable persons no list above has as usable, and prices them', () => {
    // 1: usable in A and B (new in A). 2: in A unusable, usable in B (new in B). 3: only in B.
    const facts = [
      fact({ source: 'A', person: 1, contactable: true, vendors: ['Messe'] }),
      fact({ source: 'A', person: 2, vendors: [''] }),
      fact({ source: 'B', person: 1, contactable: true, vendors: [''] }),
      fact({ source: 'B', person: 2, contactable: true, vendors: ['Web'] }),
      fact({ source: 'B', person: 3, contactable: true, vendors: ['Messe'] }),
    ];
    const card = buildScorecard(facts, { ...SETTINGS, vendorColumns: ['lead_source'], costs: new Map([['A', 100], ['B', 90]]) });
    const s = bySource(card);
    expect([s['source/A'].usable, s['source/A'].usable_new, s['source/A'].cost_per_usable_new_lead]).toEqual([1, 1, 100]);
    expect([s['source/B'].usable, s['source/B'].usable_new, s['source/B'].usable_new_share]).toEqual([3, 2, 2 / 3]);
    expect([s['source/B'].cost_per_usable_lead, s['source/B'].cost_per_usable_new_lead]).toEqual([30, 45]);
    // The sources' new ones add up to the total's usable; the total's are all new.
    expect(s['source/A'].usable_new + s['source/B'].usable_new).toBe(s['total/(all)'].usable);
    expect([s['total/(all)'].usable_new, s['total/(all)'].cost_per_usable_new_lead]).toEqual([3, 190 / 3]);
    // A vendor block in the order shown (blank last): Messe has 1 and 3, Web 2, (none) 1 again.
    expect(card.filter((r) => r.group === 'lead_source').map((r) => [r.source, r.usable, r.usable_new])).toEqual([
      ['Messe', 2, 2],
      ['Web', 1, 1],
      ['(none)', 1, 0],
    ]);
    // The reverse order of the lists gives the other list the credit.
    const reversed = bySource(buildScorecard([...facts.slice(2), ...facts.slice(0, 2)], SETTINGS));
    expect([reversed['source/B'].usable_new, reversed['source/A'].usable_new]).toEqual([3, 0]);
    expect(reversed['source/A'].cost_per_usable_new_lead).toBeNull();
  });

  it('counts the rows whose phone rested on an assumed segment', () => {
    const card = buildScorecard([fact({ source: 'A', person: 1, segmentAssumed: true }), fact({ source: 'A', person: 2 })], SETTINGS);
    expect(card[0].segment_assumed).toBe(1);
    expect(scorecardMetric('sources_segment_assumed', card)).toEqual({ value: 1 });
  });

  it('reads ages to as_of: median of the dated rows, stale older than --stale-after, undated and unreadable counted', () => {
    const f = (days: number | undefined, over: Partial<RowFacts> = {}) => fact({ source: 'A', person: Math.random(), dateMs: days === undefined ? undefined : daysAgo(days), ...over });
    const card = buildScorecard([f(10), f(400), f(800), f(1000), f(undefined, { dateUnreadable: true }), f(-3, { dateGuessed: true })], SETTINGS);
    // Ages 10, 400, 800, 1000 and 0 (a date after as_of): the median of five.
    expect(card[0]).toMatchObject({ dated: 5, date_unreadable: 1, date_guessed: 1, median_age_days: 400, stale: 2, stale_share: 2 / 5 });
    const days = buildScorecard([f(10), f(100)], { ...SETTINGS, staleAfter: { days: 90 } });
    expect(days[0]).toMatchObject({ median_age_days: 55, stale: 1, stale_share: 0.5 });
    const none = buildScorecard([f(undefined)], SETTINGS);
    expect(none[0]).toMatchObject({ dated: 0, median_age_days: null, stale: null, stale_share: null });
  });

  it('counts MQLs, and stages it does not know apart; no stage column gives null, not 0', () => {
    const card = buildScorecard([fact({ source: 'A', person: 1, mql: true }), fact({ source: 'A', person: 2, mql: false }), fact({ source: 'A', person: 3, mql: 'unknown' }), fact({ source: 'A', person: 4, mql: true })], SETTINGS);
    expect(card[0]).toMatchObject({ mql: 2, mql_share: 0.5, stage_unknown: 1 });
    const none = buildScorecard([fact({ source: 'A', person: 1 })], { ...SETTINGS, stage: false, reference: false });
    expect(none[0]).toMatchObject({ mql: null, mql_share: null, stage_unknown: null, reference_overlap: null, reference_overlap_share: null });
  });

  it('prices a list per source (--cost): per lead, per usable lead; the total only when every list has a price', () => {
    const facts = [fact({ source: 'A', person: 1, contactable: true }), fact({ source: 'A', person: 2, contactable: true }), fact({ source: 'A', person: 3 }), fact({ source: 'A', person: 4 }), fact({ source: 'B', person: 5 })];
    const s = bySource(buildScorecard(facts, { ...SETTINGS, costs: new Map([['A', 1000], ['B', 50]]) }));
    expect(s['source/A']).toMatchObject({ cost: 1000, cost_per_lead: 250, cost_per_usable_lead: 500 });
    expect(s['source/B']).toMatchObject({ cost: 50, cost_per_lead: 50, cost_per_usable_lead: null });
    expect(s['total/(all)']).toMatchObject({ cost: 1050, cost_per_lead: 210, cost_per_usable_lead: 525 });
    const partial = bySource(buildScorecard(facts, { ...SETTINGS, costs: new Map([['A', 1000]]) }));
    expect(partial['source/B'].cost).toBeNull();
    expect(partial['total/(all)'].cost).toBeNull();
  });

  it('adds up a cost column; blanks are counted, an unreadable cell leaves its group without a cost', () => {
    const c = (source: string, person: number, cost: RowFacts['cost'], vendors = ['']) => fact({ source, person, cost, vendors });
    const card = buildScorecard(
      [c('A', 1, { kind: 'value', value: 12.5 }, ['Acme']), c('A', 2, { kind: 'value', value: 7.5 }, ['Acme']), c('A', 3, { kind: 'blank' }), c('B', 4, { kind: 'unreadable', text: '1.200' }, ['Acme']), c('B', 5, { kind: 'blank' }, ['Zeta'])],
      { ...SETTINGS, costColumn: 'cost_per_lead', vendorColumns: ['source_vendor'] },
    );
    const s = bySource(card);
    expect(s['source/A']).toMatchObject({ cost: 20, cost_missing: 1, cost_unreadable: 0 });
    expect(s['source/B']).toMatchObject({ cost: null, cost_missing: 1, cost_unreadable: 1 });
    // Vendor values add up across lists; blanks last.
    expect(card.filter((r) => r.group === 'source_vendor').map((r) => [r.source, r.cost])).toEqual([
      ['Acme', null],
      ['Zeta', null],
      ['(none)', null],
    ]);
    expect(s['total/(all)'].cost).toBeNull();
  });

  it('gives each vendor column a block, overlap counted within the block, blank values last', () => {
    const card = buildScorecard(
      [fact({ source: 'A', person: 1, vendors: ['', 'Acme'] }), fact({ source: 'A', person: 2, vendors: ['Web', 'Acme'] }), fact({ source: 'B', person: 2, vendors: ['Messe', 'Zeta'] })],
      { ...SETTINGS, vendorColumns: ['lead_source', 'source_vendor'] },
    );
    expect(card.map((r) => `${r.group}/${r.source}/${r.other_overlap}`)).toEqual(['source/A/1', 'source/B/1', 'lead_source/Web/1', 'lead_source/Messe/1', 'lead_source/(none)/0', 'source_vendor/Acme/1', 'source_vendor/Zeta/1', 'total/(all)/null']);
  });

  it('shares email, phone and address statuses of the rows', () => {
    const card = buildScorecard(
      [
        fact({ source: 'A', person: 1, emailStatus: 'valid', phoneValid: true, addressValid: true }),
        fact({ source: 'A', person: 2, emailStatus: 'RISKY', phoneValid: true, phoneRegionGuessed: true }),
        fact({ source: 'A', person: 3, emailStatus: 'invalid' }),
        fact({ source: 'A', person: 4, emailStatus: 'missing', phoneRegionGuessed: true }),
      ],
      SETTINGS,
    );
    expect(card[0]).toMatchObject({ email_valid: 1, email_risky: 1, email_invalid: 1, email_valid_share: 0.25, phone_valid: 2, phone_valid_share: 0.5, phone_region_guessed: 1, address_valid: 1 });
  });

  it('names a blank source (none) and gives nothing for no rows', () => {
    expect(buildScorecard([fact({ source: ' ', person: 1 })], SETTINGS)[0].source).toBe('(none)');
    expect(buildScorecard([], SETTINGS)).toEqual([]);
  });

  it.each([
    [[3], 3],
    [[5, 1], 3],
    [[7, 1, 4], 4],
    [[10, 2, 8, 4], 6],
  ])('median(%j) = %d', (xs, want) => expect(median(xs)).toBe(want));
});

describe('persons', () => {
  it('numbers cluster ids, a blank id being a person of its own', () => {
    expect(Array.from(personsFromIds(['c-1', 'c-2', 'c-1', '', ' ', 'c-2']))).toEqual([0, 1, 0, 2, 3, 1]);
  });
  it('knows a person when any of its rows matched the reference', () => {
    expect(knownPersons([0, 0, 1, 2, 2], [false, true, false, false, false])).toEqual([true, true, false, false, false]);
  });
});

describe('row facts', () => {
  const row = (r: Row) => r;
  it.each([
    ['valid email with the email channel', row({ email_status: 'valid' }), ['email'], true],
    ['valid email without its channel (no consent)', row({ email_status: 'valid' }), ['phone'], false],
    ['risky email with the channel', row({ email_status: 'risky' }), ['email'], false],
    ['valid mobile with the phone channel', row({ phone_status: 'invalid', mobile_status: 'valid' }), ['phone'], true],
    ['phone without area code is no valid phone', row({ phone_status: 'no_area_code' }), ['phone'], false],
    ['suppressed: no channels', row({ email_status: 'valid', phone_status: 'valid' }), [], false],
  ])('%s', (_, r, channels, contactable) => {
    expect(contactFacts(r, channels).contactable).toBe(contactable);
  });
  it('takes a phone as guessed only when no valid number stands without a guess', () => {
    expect(contactFacts({ phone_status: 'valid', phone_region_guessed: 'true' }, []).phoneRegionGuessed).toBe(true);
    expect(contactFacts({ phone_status: 'valid', phone_region_guessed: 'true', mobile_status: 'valid', mobile_region_guessed: '' }, []).phoneRegionGuessed).toBe(false);
    expect(contactFacts({ phone_status: 'invalid', phone_region_guessed: 'true' }, []).phoneRegionGuessed).toBe(false);
  });
  it.each([
    ['list_email:robinson.txt;no_email_consent', true],
    [' list_hash:optout-sha256.txt ', true],
    ['list_phone:dnc.csv', true],
    ['no_email_consent;no_phone_consent_b2c', false],
    ['no_contact_data', false],
    ['', false],
  ])('suppress_reason %j puts the row on a do-not-contact list: %s', (cell, want) => {
    expect(listedBy(reasonsOf(cell))).toBe(want);
  });
  it.each([
    ['b2b', true],
    [' B2C ', true],
    ['', false],
    ['B2B-Kunde', false],
    ['privat', false],
  ])('segment %j is one suppress reads: %s', (cell, want) => expect(segmentKnown(cell)).toBe(want));
  it('reads a stage as score does, each distinct cell once', () => {
    const model = loadRules(undefined).score.stage;
    const read = stageMqlReader(model);
    for (const cell of ['MQL', 'mql', 'SQL-ready', 'sql ready', 'lead', '', 'Nurture', 'Lead', 'MQL']) expect(read(cell), cell).toBe(reachesMql(cell, model) ?? 'unknown');
    expect(read(undefined)).toBe('unknown');
  });
  it('reads suppress and score columns', () => {
    expect(channelsOf('email; Phone')).toEqual(['email', 'phone']);
    expect(channelsOf(undefined)).toEqual([]);
    expect([isSuppressed('TRUE'), isSuppressed('false'), isSuppressed(undefined)]).toEqual([true, false, false]);
    expect([mqlFromFlag('true'), mqlFromFlag('false'), mqlFromFlag(''), mqlFromFlag('ja')]).toEqual([true, false, 'unknown', 'unknown']);
  });
  it('reads a cost column cell by cell, one currency for the column', () => {
    const c = new CostColumn();
    expect(['', '  ', '12,50 €', '7.5', '1.200', 'n/a', '$ 3', '2 EUR'].map((cell) => c.read(cell))).toEqual([
      { kind: 'blank' },
      { kind: 'blank' },
      { kind: 'value', value: 12.5 },
      { kind: 'value', value: 7.5 },
      { kind: 'unreadable', text: '1.200', why: expect.stringContaining('could mean 1200 or 1.2') },
      { kind: 'unreadable', text: 'n/a', why: expect.stringContaining('is no amount') },
      { kind: 'unreadable', text: '$ 3', why: 'in USD, the others in EUR' },
      { kind: 'value', value: 2 },
    ]);
  });
});

describe('record age (the one reading of a record date)', () => {
  it('says which column the date came from, and whether one could not be read', () => {
    expect(recordDate({ updated_at: '03/01/2024', created_at: '2024-02-01' })).toEqual({ ms: Date.UTC(2024, 1, 1), field: 'created_at' });
    expect(recordDate({ source_delivered_at: '2026-10-01' })?.field).toBe('source_delivered_at');
    expect(recordDate({ updated_at: 'gestern' })).toBeUndefined();
    expect(hasUnreadableRecordDate({ updated_at: '03/01/2024', created_at: '2024-02-01' })).toBe(true);
    expect(hasUnreadableRecordDate({ updated_at: '', created_at: '14.03.2026' })).toBe(false);
    expect(ageInDays(daysAgo(30), AS_OF)).toBe(30);
    expect(ageInDays(daysAgo(-5), AS_OF)).toBe(0);
    expect([describeStaleAfter({ months: 24 }), describeStaleAfter({ days: 1 }), describeStaleAfter({ months: 1 })]).toEqual(['24 months', '1 day', '1 month']);
  });
});

describe('metrics for --fail-if', () => {
  const card = buildScorecard(
    [
      fact({ source: 'A', person: 1, contactable: true, dateMs: daysAgo(1000) }),
      fact({ source: 'A', person: 2, dateMs: daysAgo(10), dateUnreadable: true }),
      fact({ source: 'B', person: 3, contactable: true, dateMs: daysAgo(10) }),
      fact({ source: 'B', person: 3, contactable: true }),
    ],
    { ...SETTINGS, costs: new Map([['A', 100], ['B', 30]]) },
  );
  it.each([
    ['sources_min_usable_rate', 0.5],
    ['sources_max_stale_rate', 0.5],
    ['sources_max_duplicate_rate', 0.5],
    ['sources_max_cost_per_usable_lead', 100],
    ['sources_date_unreadable', 1],
    ['sources_stage_unknown', 0],
  ])('%s = %d', (name, value) => expect(scorecardMetric(name, card)).toEqual({ value }));
  it('says why a figure is absent, and knows no other names', () => {
    const noCost = buildScorecard([fact({ source: 'A', person: 1 })], SETTINGS);
    expect(scorecardMetric('sources_max_cost_per_usable_lead', noCost)).toEqual({ why: expect.stringContaining('needs a cost') });
    expect(scorecardMetric('sources_cost_missing', noCost)).toEqual({ why: 'sources_cost_missing needs cost-column:' });
    expect(scorecardMetric('rows', noCost)).toBeUndefined();
  });
});

describe('rendering', () => {
  it.each([
    ['duplicate_share', 1 / 3, '0.3333'],
    ['usable_share', 1, '1'],
    ['cost', 1200, '1200.00'],
    ['cost_per_usable_lead', 171.428571, '171.43'],
    ['median_age_days', 402.5, '402.5'],
    ['mql_share', null, ''],
    ['source', 'Müller & Söhne', 'Müller & Söhne'],
  ])('%s %j → %j', (key, value, want) => expect(cellOf(key, value)).toBe(want));

  it('aligns a table with umlauts, a rule before each block, dashes for absent figures', () => {
    const card = buildScorecard([fact({ source: 'Größ-Liste', person: 1, vendors: ['Köln'] }), fact({ source: 'B', person: 2, vendors: [''] })], { ...SETTINGS, vendorColumns: ['lead_source'], stage: false });
    const lines = renderScorecard(card, 'Note.').split('\n');
    expect(lines[0]).toMatch(/^source\s+rows\s+dupl\.\s+email ok/);
    const rules = lines.filter((l) => /^-+ /.test(l));
    expect(rules).toHaveLength(3);
    const at = lines[0].indexOf('rows') + 3;
    for (const l of lines.slice(2, 9).filter((x) => !x.startsWith('-') && x !== '')) expect(l[at], l).toMatch(/\d/);
    expect(lines.find((l) => l.startsWith('lead_source: Köln'))).toBeDefined();
    expect(lines.find((l) => l.startsWith('all rows'))).toContain('–');
    expect(lines.at(-2)).toBe('Note.');
    expect(scorecardCells(card, ['source', 'mql'])[0]).toEqual({ source: 'Größ-Liste', mql: '' });
  });
});

describe('pipeline plumbing', () => {
  it('a mapping of a repeatable option binds as name=value pairs', () => {
    const specs = [{ flags: '--cost <source=amount>', description: '', repeatable: true }];
    expect(bindOptions(specs, { cost: { 'vendor-de': 1200, messe: '1.200,50' } })).toEqual({ ok: true, opts: { cost: ['vendor-de=1200', 'messe=1.200,50'] } });
    expect(bindOptions(specs, { cost: ['a=1', 'b=2'] })).toEqual({ ok: true, opts: { cost: ['a=1', 'b=2'] } });
    expect(bindOptions(specs, { cost: { a: { b: 1 } } })).toMatchObject({ ok: false, message: expect.stringContaining('a value per name') });
    expect(bindOptions([{ flags: '--as-of <date>', description: '' }], { 'as-of': { a: 1 } })).toMatchObject({ ok: false });
  });

  it('a report step passes rows on unchanged while its report reads copies', async () => {
    const rows: Row[] = [{ record_id: 'a:1', stage: '' }, { record_id: 'a:2', stage: '' }];
    let seen: Row[] = [];
    const step = reportStep({ columns: ['record_id', 'stage'], batches: fromArray(rows, 1) }, async (t) => {
      seen = await collect(t.batches);
    });
    const passed = await collect(step.table.batches);
    // A later step writing into the rows (score's stage) is not what the report saw.
    for (const r of passed) r.stage = 'MQL';
    await step.done;
    expect(passed.map((r) => r.record_id)).toEqual(['a:1', 'a:2']);
    expect(passed[0]).toBe(rows[0]);
    expect(seen.map((r) => r.stage)).toEqual(['', '']);
  });

  it('a report step that fails fails the stream that goes on', async () => {
    const step = reportStep({ columns: ['a'], batches: fromArray([{ a: '1' }, { a: '2' }], 1) }, async () => {
      throw new Error('disk full');
    });
    await expect(collect(step.table.batches)).rejects.toThrow('disk full');
    await expect(step.done).rejects.toThrow('disk full');
  });

  it('the summary keeps the first scorecard it is given, and --fail-if reads it from the summary alone', () => {
    const b = new SummaryBuilder({ pipeline: 'p', as_of: '2026-11-22', leadkit_version: 't' });
    const first = buildScorecard([fact({ source: 'A', person: 1, contactable: true }), fact({ source: 'A', person: 2 })], SETTINGS);
    b.sources({ as_of: '2026-11-22', stale_after: '24 months', persons_from: 'x', reference: null, scorecard: first });
    b.sources({ as_of: '2026-11-22', stale_after: '24 months', persons_from: 'y', reference: null, scorecard: [] });
    const s = b.finish();
    expect(s.sources?.persons_from).toBe('x');
    expect(evaluateThreshold('sources_min_usable_rate<0.6', s)).toMatchObject({ value: 0.5, tripped: true });
    expect(() => evaluateThreshold('sources_max_stale_rate>0.5', s)).toThrow(/no source has the figure sources_max_stale_rate/);
    expect(() => evaluateThreshold('sources_min_usable_rate<0.6', new SummaryBuilder({ pipeline: 'p', as_of: 'x', leadkit_version: 't' }).finish())).toThrow('needs a sources step or output');
  });
});
