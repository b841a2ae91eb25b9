import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionSpec } from '../src/score/conditions.js';
import { parseDate } from '../src/score/dates.js';
import { decayFactor } from '../src/score/axis.js';
import { createScorer, parseReasons, scoreFields, SCORE_COLUMNS } from '../src/score/score-row.js';
import { defaultRules, parseRules, resolveAsOf, RulesError } from '../src/rules/load.js';
import { LeadkitError } from '../src/errors.js';
import type { Row } from '../src/table.js';

const when = (spec: ConditionSpec, row: Row) => compileCondition(spec)(row);

describe('operators', () => {
  it.each<[string, ConditionSpec, Row, boolean]>([
    ['eq text, case- and umlaut-insensitive', { field: 'city', op: 'eq', value: 'zuerich' }, { city: 'Zürich' }, true],
    ['eq text, different', { field: 'city', op: 'eq', value: 'Bern' }, { city: 'Zürich' }, false],
    ['eq number reads the cell as a number', { field: 'n', op: 'eq', value: 10 }, { n: '10,0' }, true],
    ['eq on a missing column', { field: 'nope', op: 'eq', value: 'x' }, {}, false],
    ['ne', { field: 'grade', op: 'ne', value: 'A' }, { grade: 'B' }, true],
    ['ne on equal value', { field: 'grade', op: 'ne', value: 'a' }, { grade: 'A' }, false],
    ['ne on a missing column', { field: 'grade', op: 'ne', value: 'A' }, {}, true],
    ['in', { field: 'region', op: 'in', value: ['Bayern', 'Wien'] }, { region: 'wien' }, true],
    ['in, not listed', { field: 'region', op: 'in', value: ['Bayern', 'Wien'] }, { region: 'Sachsen' }, false],
    ['in with numbers', { field: 'n', op: 'in', value: [1, 2, 3] }, { n: '2' }, true],
    ['not_in', { field: 'region', op: 'not_in', value: ['Bayern'] }, { region: 'Sachsen' }, true],
    ['not_in, listed', { field: 'region', op: 'not_in', value: ['Bayern'] }, { region: 'BAYERN' }, false],
    ['contains', { field: 'email_flags', op: 'contains', value: 'free' }, { email_flags: 'role;free' }, true],
    ['contains any of a list', { field: 'company', op: 'contains', value: ['gmbh', 'ag'] }, { company: 'Müller GmbH & Co. KG' }, true],
    ['contains, absent', { field: 'email_flags', op: 'contains', value: 'free' }, { email_flags: 'role' }, false],
    ['regex, case-insensitive', { field: 'title', op: 'regex', value: '^gesch(ä|ae)ftsf' }, { title: 'GESCHÄFTSFÜHRER' }, true],
    ['regex, no match', { field: 'title', op: 'regex', value: '^ceo$' }, { title: 'CFO' }, false],
    ['gt', { field: 'employees', op: 'gt', value: 50 }, { employees: '51' }, true],
    ['gt, equal', { field: 'employees', op: 'gt', value: 50 }, { employees: '50' }, false],
    ['gte, equal', { field: 'employees', op: 'gte', value: 50 }, { employees: '50' }, true],
    ['gte, German thousands', { field: 'revenue', op: 'gte', value: 1000 }, { revenue: '1.234,5' }, true],
    ['gte, English thousands', { field: 'revenue', op: 'gte', value: 1234.5 }, { revenue: '1,234.5' }, true],
    ['gte, vendor range by its midpoint', { field: 'employees', op: 'gte', value: 100 }, { employees: '51-200' }, true],
    ['gte, open range by its lower end', { field: 'employees', op: 'gte', value: 50 }, { employees: '50+' }, true],
    ['lt', { field: 'n', op: 'lt', value: '2,5' }, { n: '2.4' }, true],
    ['lt, not a number', { field: 'n', op: 'lt', value: 10 }, { n: 'viele' }, false],
    ['lte', { field: 'n', op: 'lte', value: 3 }, { n: '3' }, true],
    ['lte, above', { field: 'n', op: 'lte', value: 3 }, { n: '3.1' }, false],
    ['gte ISO date vs German cell', { field: 'd', op: 'gte', value: '2024-01-01' }, { d: '15.03.2024' }, true],
    ['lt German date vs ISO cell', { field: 'd', op: 'lt', value: '01.01.2020' }, { d: '2019-12-31' }, true],
    ['date compare, cell no date', { field: 'd', op: 'gt', value: '2024-01-01' }, { d: 'gestern' }, false],
    ['between numbers inclusive', { field: 'n', op: 'between', value: [10, 49] }, { n: '49' }, true],
    ['between numbers, outside', { field: 'n', op: 'between', value: [10, 49] }, { n: '50' }, false],
    ['between dates', { field: 'd', op: 'between', value: ['2024-01-01', '2024-12-31'] }, { d: '2024-06-30T12:00:00Z' }, true],
    ['empty', { field: 'phone', op: 'empty' }, { phone: '  ' }, true],
    ['empty, missing column', { field: 'phone', op: 'empty' }, {}, true],
    ['empty, filled', { field: 'phone', op: 'empty' }, { phone: '0301234' }, false],
    ['not_empty', { field: 'phone', op: 'not_empty' }, { phone: '0301234' }, true],
    ['not_empty, blank', { field: 'phone', op: 'not_empty' }, { phone: '' }, false],
    ['all', { all: [{ field: 'a', op: 'eq', value: '1' }, { field: 'b', op: 'eq', value: '2' }] }, { a: '1', b: '2' }, true],
    ['all, one fails', { all: [{ field: 'a', op: 'eq', value: '1' }, { field: 'b', op: 'eq', value: '2' }] }, { a: '1', b: '3' }, false],
    ['any', { any: [{ field: 'a', op: 'eq', value: '1' }, { field: 'b', op: 'eq', value: '2' }] }, { a: '0', b: '2' }, true],
    ['not', { not: { field: 'a', op: 'empty' } }, { a: 'x' }, true],
  ])('%s', (_name, spec, row, expected) => {
    expect(when(spec, row)).toBe(expected);
  });
});

describe('dates', () => {
  it.each<[string, string | undefined]>([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024/3/1', '2024-03-01T00:00:00.000Z'],
    ['01.03.2024', '2024-03-01T00:00:00.000Z'],
    ['1.3.2024', '2024-03-01T00:00:00.000Z'],
    ['01.03.24', '2024-03-01T00:00:00.000Z'],
    ['01.03.2024 14:30', '2024-03-01T14:30:00.000Z'],
    ['2024-03-01T14:30:00+02:00', '2024-03-01T12:30:00.000Z'],
    ['31.02.2024', undefined],
    ['03/01/2024', undefined],
    ['', undefined],
  ])('%s', (text, iso) => {
    const ms = parseDate(text);
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(iso);
  });
});

/** A rules file with one fit group and the engagement defaults switched off. */
function rulesWith(yaml: string) {
  return parseRules(yaml, 'test.yml');
}

function sumReasons(cell: string): number {
  return Math.round(parseReasons(cell).reduce((s, [, p]) => s + p, 0) * 10) / 10;
}

const NO_ENGAGEMENT = `
  engagement:
    groups:
      - name: none
        rules: [{ name: never, field: nothing_here, op: eq, value: x, points: 1 }]`;

describe('fit scoring, caps and reasons', () => {
  const rules = rulesWith(`
score:
  fit:
    total_cap: 50
    groups:
      - name: contact
        cap: 20
        rules:
          - { name: email_valid, field: email_status, op: eq, value: valid, points: 15 }
          - { name: phone_valid, field: phone_status, op: eq, value: valid, points: 10 }
          - { name: role, field: email_flags, op: contains, value: role, points: -5 }
      - name: icp
        rules:
          - { name: decider, field: buying_role, op: eq, value: decider, points: 30 }
          - { name: big, field: employees, op: gte, value: 250, points: 12.5 }
      - name: penalty
        rules:
          - { name: competitor, field: company, op: contains, value: rival, points: -100 }
${NO_ENGAGEMENT}
`);
  const score = createScorer(rules.score, '2025-01-01');

  it('adds the points of every rule that fires and lists them', () => {
    const out = score({ email_status: 'valid', buying_role: 'decider' });
    expect(out.fit_score).toBe('45');
    expect(out.score_reasons).toBe('email_valid:+15;decider:+30');
  });

  it('caps a group and shows the cut as a reason', () => {
    const out = score({ email_status: 'valid', phone_status: 'valid' });
    expect(out.fit_score).toBe('20');
    expect(out.score_reasons).toBe('email_valid:+15;phone_valid:+10;cap(contact):-5');
  });

  it('applies negative points before the group cap', () => {
    const out = score({ email_status: 'valid', phone_status: 'valid', email_flags: 'role' });
    expect(out.fit_score).toBe('20');
    expect(out.score_reasons).toBe('email_valid:+15;phone_valid:+10;role:-5');
  });

  it('caps the total and shows the cut as a reason', () => {
    const out = score({ email_status: 'valid', phone_status: 'valid', buying_role: 'decider', employees: '500' });
    expect(out.fit_score).toBe('50');
    expect(out.score_reasons).toBe('email_valid:+15;phone_valid:+10;cap(contact):-5;decider:+30;big:+12.5;cap(fit):-12.5');
  });

  it('never goes below zero, and says so', () => {
    const out = score({ email_status: 'valid', company: 'Rival AG' });
    expect(out.fit_score).toBe('0');
    expect(out.score_reasons).toBe('email_valid:+15;competitor:-100;floor(fit):+85');
  });

  it('reasons always sum to the score', () => {
    const rows: Row[] = [
      {},
      { email_status: 'valid' },
      { email_status: 'valid', phone_status: 'valid', buying_role: 'decider', employees: '1.000-4.999' },
      { email_status: 'valid', company: 'rival', email_flags: 'role' },
      { phone_status: 'valid', email_flags: 'role', buying_role: 'decider' },
    ];
    for (const row of rows) {
      const out = score(row);
      expect(sumReasons(out.score_reasons)).toBe(Number(out.score));
    }
  });

  it('returns exactly the documented columns', () => {
    expect(Object.keys(score({}))).toEqual([...SCORE_COLUMNS]);
    expect(score({})).toMatchObject({ fit_score: '0', engagement_score: '0', score: '0', score_reasons: '' });
  });

  it('lists the columns the rules read', () => {
    expect(scoreFields(rules.score)).toEqual(expect.arrayContaining(['email_status', 'phone_status', 'email_flags', 'buying_role', 'employees', 'company', 'last_activity_at']));
  });
});

describe('engagement decay', () => {
  const rules = rulesWith(`
score:
  fit:
    groups: [{ name: none, rules: [{ name: nothing, field: x, op: eq, value: y, points: 1 }] }]
  engagement:
    half_life_days: 30
    total_cap: 100
    groups:
      - name: activity
        rules:
          - { name: recent, field: last_activity_at, op: not_empty, points: 40 }
          - { name: views, field: page_views, per: 2, max: 20 }
          - { name: webinar, field: webinar, op: eq, value: ja, points: 10, decay: false }
          - { name: form, field: form_fills, op: gte, value: 1, points: 20, date_field: form_at }
`);
  const score = createScorer(rules.score, '2025-03-31');

  it('gives full points on the as_of day', () => {
    expect(score({ last_activity_at: '2025-03-31' }).engagement_score).toBe('40');
  });

  it('halves after one half-life and quarters after two', () => {
    expect(score({ last_activity_at: '2025-03-01' }).engagement_score).toBe('20');
    expect(score({ last_activity_at: '30.01.2025' }).engagement_score).toBe('10');
  });

  it('decays count rules, rounds to tenths, and honours max before decay', () => {
    // 15 views × 2 = 30, capped at 20, then 45 days old: 20 × 0.5^(45/30) = 7.07 → 7.1
    const out = score({ page_views: '15', last_activity_at: '2025-02-14' });
    expect(out.score_reasons).toBe('recent:+14.1;views:+7.1');
    expect(out.engagement_score).toBe('21.2');
  });

  it('keeps decay: false rules whole and uses a rule\'s own date field', () => {
    const out = score({ webinar: 'Ja', last_activity_at: '2024-12-31', form_fills: '1', form_at: '2025-03-31' });
    expect(out.score_reasons).toBe('recent:+5;webinar:+10;form:+20');
  });

  it('does not decay rows without an activity date, nor activity after as_of', () => {
    expect(score({ page_views: '5' }).engagement_score).toBe('10');
    expect(score({ last_activity_at: '2025-04-15' }).engagement_score).toBe('40');
  });

  it('is reproducible: the same row and as_of give the same result', () => {
    const row = { page_views: '7', last_activity_at: '2025-01-17' };
    expect(createScorer(rules.score, '2025-03-31')(row)).toEqual(score(row));
    expect(createScorer(rules.score, '2025-06-30')(row).engagement_score).not.toBe(score(row).engagement_score);
  });

  it('decayFactor follows 0.5^(age/half-life)', () => {
    const s = { asOf: Date.UTC(2025, 0, 31), halfLifeDays: 10, dateField: 'd' };
    expect(decayFactor('2025-01-21', s)).toBeCloseTo(0.5, 12);
    expect(decayFactor('2025-01-26', s)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(decayFactor('', s)).toBe(1);
  });
});

describe('grade, label, temperature, stage', () => {
  const rules = rulesWith(`
score:
  fit:
    groups: [{ name: fit, rules: [{ name: fit_points, field: fit, per: 1 }] }]
  engagement:
    groups: [{ name: eng, rules: [{ name: eng_points, field: eng, per: 1, decay: false }] }]
  grades: { A: 70, B: 50, C: 30 }
  engagement_levels: { "1": 50, "2": 25, "3": 10 }
  temperature: { basis: score, hot: 100, warm: 60 }
  stage:
    mql: { fit: 50 }
    sql_ready: { fit: 70, engagement: 40 }
`);
  const score = createScorer(rules.score, '2025-01-01');

  it.each<[number, number, string, string, string, string]>([
    [80, 60, 'A', 'A1', 'hot', 'SQL-ready'],
    [70, 40, 'A', 'A2', 'hot', 'SQL-ready'],
    [70, 39, 'A', 'A2', 'hot', 'MQL'],
    [69, 50, 'B', 'B1', 'hot', 'MQL'],
    [50, 25, 'B', 'B2', 'warm', 'MQL'],
    [49, 24, 'C', 'C3', 'warm', 'lead'],
    [30, 10, 'C', 'C3', 'cold', 'lead'],
    [29, 9, 'D', 'D4', 'cold', 'lead'],
    [0, 0, 'D', 'D4', 'cold', 'lead'],
  ])('fit %s, engagement %s → %s %s %s %s', (fit, eng, grade, label, temperature, stage) => {
    const out = score({ fit: String(fit), eng: String(eng) });
    expect(out).toMatchObject({ fit_score: String(fit), engagement_score: String(eng), score: String(fit + eng), grade, label, temperature, stage });
  });

  it('can base temperature on engagement alone', () => {
    const byEngagement = rulesWith(`
score:
  fit:
    groups: [{ name: fit, rules: [{ name: fit_points, field: fit, per: 1 }] }]
  engagement:
    groups: [{ name: eng, rules: [{ name: eng_points, field: eng, per: 1, decay: false }] }]
  temperature: { basis: engagement, hot: 50, warm: 20 }
`);
    const s = createScorer(byEngagement.score, '2025-01-01');
    expect(s({ fit: '100', eng: '0' }).temperature).toBe('cold');
    expect(s({ fit: '0', eng: '20' }).temperature).toBe('warm');
    expect(s({ fit: '0', eng: '50' }).temperature).toBe('hot');
  });
});

describe('built-in default rules', () => {
  const score = createScorer(defaultRules().score, '2025-03-31');

  it('rates a reachable B2B decision maker at a mid-sized company an A', () => {
    const out = score({
      email_status: 'valid',
      phone_status: 'valid',
      mobile_status: 'valid',
      consent_email: 'ja',
      segment: 'b2b',
      industry: 'Maschinenbau',
      buying_role: 'decider',
      company_size_band: '50-249',
      company: 'Muster GmbH',
      last_name: 'Muster',
      title: 'Geschäftsführer',
      street: 'Hauptstr. 1',
      postal_code: '80331',
      city: 'München',
      website: 'muster.de',
    });
    expect(out.fit_score).toBe('100');
    expect(out.grade).toBe('A');
    expect(out.label).toBe('A4');
    expect(out.stage).toBe('MQL');
    expect(sumReasons(out.score_reasons)).toBe(100);
    expect(out.score_reasons).toContain('cap(contactability):-10');
  });

  it('rates an anonymous free-mail contact low', () => {
    const out = score({ email_status: 'valid', email_flags: 'free', segment: 'b2c' });
    expect(out.fit_score).toBe('10');
    expect(out.score_reasons).toBe('email_valid:+15;free_mail:-5');
    expect(out.grade).toBe('D');
  });

  it('scores engagement from activity columns with decay', () => {
    const out = score({ last_activity_at: '2025-03-31', page_views: '4', form_fills: '1', email_opens: '3', email_clicks: '1' });
    expect(out.score_reasons).toBe('recent_activity:+30;page_views:+8;form_fills:+15;email_opens:+6;email_clicks:+5');
    expect(out.engagement_score).toBe('64');
  });
});

describe('rules file', () => {
  it('loads the commented example fixture', () => {
    const text = fs.readFileSync(new URL('../fixtures/rules/example.yml', import.meta.url), 'utf8');
    const rules = parseRules(text, 'fixtures/rules/example.yml');
    expect(rules.as_of).toBe('2025-03-31');
    expect(rules.route.teams.dach_field.members.map((m) => [m.name, m.weight, m.active])).toEqual([
      ['anna.schmidt', 2, true],
      ['ben.meier', 1, true],
      ['clara.wolf', 1, false],
    ]);
    expect(rules.route.teams.inside_sales.members[0]).toEqual({ name: 'dana.koch', weight: 1, active: true });
    expect(rules.score.fit.groups.map((g) => g.name)).toEqual(['contact', 'icp', 'data']);
    expect(rules.suppress.channels).toEqual(['email', 'phone', 'post']);
  });

  it('uses every operator in the example', () => {
    const text = fs.readFileSync(new URL('../fixtures/rules/example.yml', import.meta.url), 'utf8');
    for (const op of ['eq', 'ne', 'in', 'not_in', 'contains', 'regex', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty']) {
      expect(text).toMatch(new RegExp(`op: ${op}\\b`));
    }
  });

  it('gives defaults for an empty file and for missing sections', () => {
    const d = defaultRules();
    expect(d.as_of).toBeUndefined();
    expect(d.score.fit.groups.map((g) => g.name)).toEqual(['contactability', 'b2b_fit', 'decision_maker', 'company_size', 'completeness']);
    expect(d.classify.size_bands.map((b) => b.label)).toEqual(['1-9', '10-49', '50-249', '250+']);
    expect(d.route.default_owner).toBe('unassigned');
    expect(d.suppress.consent).toMatchObject({ email: 'granted', phone_b2c: 'granted', phone_b2b: 'not_denied' });
    const partial = parseRules('score:\n  grades: { A: 80 }\n', 'r.yml');
    expect(partial.score.grades).toEqual({ A: 80, B: 50, C: 30 });
    expect(partial.score.fit.groups).toEqual(d.score.fit.groups);
  });

  it('treats a key without a value like a key left out', () => {
    const rules = parseRules('score:\n  fit:\nroute:\n  # default_owner: x\nsuppress:\n', 'r.yml');
    expect(rules).toEqual(defaultRules());
  });

  it('reads JSON as well', () => {
    const rules = parseRules('{"as_of": "2025-01-15", "route": {"default_owner": "team@x.de"}}', 'rules.json');
    expect(rules.as_of).toBe('2025-01-15');
    expect(rules.route.default_owner).toBe('team@x.de');
  });

  it('resolves as_of: command line, then file, then today', () => {
    const rules = parseRules('as_of: 2025-01-15', 'r.yml');
    expect(resolveAsOf(rules, '2025-06-01', '2025-02-02')).toBe('2025-02-02');
    expect(resolveAsOf(rules, '2025-06-01')).toBe('2025-01-15');
    expect(resolveAsOf(defaultRules(), '2025-06-01')).toBe('2025-06-01');
  });

  function errorOf(text: string, file = 'rules.yml'): RulesError {
    try {
      parseRules(text, file);
    } catch (e) {
      expect(e).toBeInstanceOf(RulesError);
      return e as RulesError;
    }
    throw new Error('expected a RulesError');
  }

  it.each<[string, string, string]>([
    ['unknown key, pointing at the key', 'score:\n  fit:\n    gorups: []\n', 'rules.yml:3:5: score.fit: unknown key "gorups" (allowed: total_cap, groups)'],
    ['unknown section', 'scoring: {}\n', 'rules.yml:1:1: unknown key "scoring" (allowed: as_of, classify, score, route, suppress)'],
    ['bad operator', 'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - { name: r, field: a, op: equals, value: 1, points: 2 }\n', 'rules.yml:6:38: score.fit.groups[0].rules[0].op: Invalid option: expected one of "eq"|"ne"|"in"|"not_in"|"contains"|"regex"|"gt"|"gte"|"lt"|"lte"|"between"|"empty"|"not_empty"'],
    ['missing required key', 'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - field: a\n            op: empty\n            points: 1\n', 'rules.yml:6:13: score.fit.groups[0].rules[0]: missing required key "name"'],
    ['between with a reversed range', 'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - name: r\n            field: n\n            op: between\n            value: [9, 1]\n            points: 1\n', 'rules.yml:9:20: score.fit.groups[0].rules[0].value: op "between": the low end is above the high end'],
    ['invalid regex', 'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - { name: r, field: t, op: regex, value: "(", points: 1 }\n', 'rules.yml:6:52: score.fit.groups[0].rules[0].value: invalid regular expression: Invalid regular expression: /(/iu: Unterminated group'],
    ['in without a list', 'route:\n  rules:\n    - { name: r, field: region, op: in, value: Bayern, owner: x }\n', 'rules.yml:3:48: route.rules[0].value: op "in" needs a list of values, e.g. [a, b]'],
    ['unknown team', 'route:\n  teams:\n    nord: { members: [a] }\n  rules:\n    - name: r\n      team: sued\n', 'rules.yml:6:13: route.rules[0].team: unknown team "sued" (teams: nord)'],
    ['wrong type', 'route:\n  default_owner: 5\n', 'rules.yml:2:18: route.default_owner: Invalid input: expected string, received number'],
    ['bad as_of', 'as_of: 2025-02-30\n', 'rules.yml:1:8: as_of: must be a date yyyy-mm-dd'],
    ['duplicate rule names', 'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - { name: r, field: a, op: empty, points: 1 }\n          - { name: r, field: b, op: empty, points: 1 }\n', 'rules.yml:7:21: score.fit.groups[0].rules[1].name: duplicate rule name "r" (also in fit group "g"); score_reasons needs unique names'],
    ['name with a colon', 'score:\n  fit:\n    groups:\n      - name: "a:b"\n        rules: [{ name: r, field: a, op: empty, points: 1 }]\n', 'rules.yml:4:15: score.fit.groups[0].name: names may only contain letters, digits, "_", "-" and "." (they appear in score_reasons)'],
    ['bands not rising', 'classify:\n  size_bands:\n    - { label: a, max: 50 }\n    - { label: b, max: 10 }\n    - { label: c }\n', 'rules.yml:4:24: classify.size_bands[1].max: band maxima must rise: 10 is not above 50'],
    ['grades not falling', 'score:\n  grades: { A: 40, B: 50 }\n', 'rules.yml:2:11: score.grades: grade thresholds must fall: A > B > C'],
    ['YAML syntax', 'score:\n  fit: [1, 2\n', 'rules.yml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['YAML tab indentation', 'score:\n\tfit: {}\n', 'rules.yml:2:1: invalid YAML: Tabs are not allowed as indentation'],
    ['duplicate key', 'as_of: 2025-01-01\nas_of: 2025-01-02\n', 'rules.yml:2:1: invalid YAML: Map keys must be unique'],
    ['JSON syntax', '{"score": {"fit": [}}', 'rules.json:1:20: invalid JSON: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['empty list item', 'route:\n  key_fields: [email, ~]\n', 'rules.yml:2:23: route.key_fields[1]: Invalid input: expected string (the value is empty)'],
    ['not a mapping', '- a\n- b\n', 'rules.yml:1:1: a rules file must be a mapping with sections as_of, classify, score, route, suppress'],
  ])('%s', (_name, text, expected) => {
    const file = expected.startsWith('rules.json') ? 'rules.json' : 'rules.yml';
    expect(errorOf(text, file).display).toBe(expected);
  });

  it('reports the typo in the invalid fixture with line and column', () => {
    const text = fs.readFileSync(new URL('../fixtures/rules/invalid.yml', import.meta.url), 'utf8');
    expect(errorOf(text, 'fixtures/rules/invalid.yml').display).toBe('fixtures/rules/invalid.yml:6:5: score.fit: unknown key "gorups" (allowed: total_cap, groups)');
  });

  it('is a LeadkitError with code E_RULES, exit code 1, file, line and column', () => {
    const e = errorOf('route:\n  default_owner: 5\n');
    expect(e).toBeInstanceOf(LeadkitError);
    expect(e).toMatchObject({ code: 'E_RULES', exitCode: 1, file: 'rules.yml', line: 2, col: 18 });
    expect(e.reason).toBe('route.default_owner: Invalid input: expected string, received number');
  });

  it('reports the first problem in the file when there are several', () => {
    const e = errorOf('route:\n  default_owner: 5\nscore:\n  grades: { A: 1, B: 2 }\nas_of: nope\n');
    expect(e.line).toBe(2);
  });
});
