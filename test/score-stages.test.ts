// Named qualification stages in the rules file's score.stage (issue #18, item 5): the ordered
// list form, its checks, the older {mql, sql_ready} form kept as it was, stage_rank and
// stage_mql, and what reads "is this an MQL" downstream (the run summary, its trend, filter).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { defaultRules, parseRules, RulesError } from '../src/rules/load.js';
import { stageImplies, type StageDef } from '../src/rules/score.js';
import { compileStages, reachesMql, stage, stageNames, stageRank } from '../src/score/grading.js';
import { createScorer } from '../src/score/score-row.js';
import { keyFigures } from '../src/report/trend.js';
import { SummaryBuilder } from '../src/report/summary.js';
import { renderReportHtml } from '../src/report/html.js';
import type { RunSummary } from '../src/report/summary.js';
import type { Row } from '../src/table.js';

/** Fit and engagement read straight from two columns, so a row states its own scores. */
const AXES = `
  fit:
    groups: [{ name: fit, rules: [{ name: fit_points, field: fit, per: 1 }] }]
  engagement:
    groups: [{ name: eng, rules: [{ name: eng_points, field: eng, per: 1, decay: false }] }]
`;

/** The five stages of lead qualification, from first contact to purchase. */
const FIVE_STAGES = `
  stage:
    - name: potential
    - { name: dialogue-ready, fit: 30 }
    - { name: interested, fit: 50, engagement: 20, mql: true }
    - { name: need recognised, fit: 70, engagement: 40 }
    - name: customer
      when: { field: customer_number, op: not_empty }
`;

const rules = (stageYaml: string) => parseRules(`score:${AXES}${stageYaml}`, 'stages.yml');

function scoreOf(stageYaml: string) {
  return createScorer(rules(stageYaml).score, '2026-11-20');
}

function errorOf(text: string): RulesError {
  try {
    parseRules(text, 'stages.yml');
  } catch (e) {
    expect(e).toBeInstanceOf(RulesError);
    return e as RulesError;
  }
  throw new Error('expected a RulesError');
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-stages-'));

function table(csv: string): Row[] {
  const [header, ...rest] = parseCsv(csv);
  return rest.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
}

describe('the list form: the highest stage whose requirements a row meets', () => {
  const score = scoreOf(FIVE_STAGES);

  it.each<[string, Row, string, string, string]>([
    ['no score at all', { fit: '0', eng: '0' }, 'potential', '1', 'false'],
    ['fit just below dialogue-ready', { fit: '29.9', eng: '80' }, 'potential', '1', 'false'],
    ['fit 30', { fit: '30', eng: '0' }, 'dialogue-ready', '2', 'false'],
    ['fit enough for interested, engagement not', { fit: '65', eng: '19' }, 'dialogue-ready', '2', 'false'],
    ['interested: both minimums', { fit: '50', eng: '20' }, 'interested', '3', 'true'],
    ['fit of need recognised, engagement of interested', { fit: '90', eng: '39' }, 'interested', '3', 'true'],
    ['need recognised', { fit: '70', eng: '40' }, 'need recognised', '4', 'true'],
    ['a customer number makes a customer, whatever the scores', { fit: '0', eng: '0', customer_number: 'K-10042' }, 'customer', '5', 'true'],
    ['a blank customer number is none', { fit: '75', eng: '45', customer_number: '  ' }, 'need recognised', '4', 'true'],
  ])('%s', (_why, row, name, rank, mql) => {
    expect(score(row)).toMatchObject({ stage: name, stage_rank: rank, stage_mql: mql });
  });

  it('lead → MQL → SQL: a stage named MQL counts as MQL without the mark', () => {
    const s = scoreOf(`
  stage:
    - name: lead
    - { name: MQL, fit: 40 }
    - { name: SQL, fit: 60, score: 90 }
`);
    expect([s({ fit: '39', eng: '0' }), s({ fit: '40', eng: '0' }), s({ fit: '60', eng: '29' }), s({ fit: '60', eng: '30' })].map((o) => `${o.stage}/${o.stage_rank}/${o.stage_mql}`)).toEqual([
      'lead/1/false',
      'MQL/2/true',
      'MQL/2/true',
      'SQL/3/true',
    ]);
  });

  it('takes a condition of any form the score rules take (all / any / not, dates, numbers)', () => {
    const s = scoreOf(`
  stage:
    - name: Interessent
    - { name: Kunde, mql: true, when: { any: [{ field: lifecycle, op: eq, value: customer }, { field: letzter_kauf, op: gte, value: 01.01.2025 }] } }
`);
    expect(s({ fit: '0', eng: '0', lifecycle: 'Customer' }).stage).toBe('Kunde');
    expect(s({ fit: '0', eng: '0', letzter_kauf: '2025-03-14' }).stage).toBe('Kunde');
    expect(s({ fit: '0', eng: '0', letzter_kauf: '31.12.2024' }).stage).toBe('Interessent');
  });
});

describe('the older form {mql, sql_ready}: exactly as before', () => {
  it('is the default: lead / MQL / SQL-ready with MQL at fit 50, SQL-ready at fit 70 and engagement 40', () => {
    const d = defaultRules().score.stage;
    expect(stageNames(d)).toEqual(['lead', 'MQL', 'SQL-ready']);
    expect(d.stages.slice(1)).toEqual([{ name: 'MQL', fit: 50 }, { name: 'SQL-ready', fit: 70, engagement: 40 }]);
    expect(d.mql).toBe(1);
  });

  const old = (mql: string, sqlReady: string) => scoreOf(`
  stage:
    mql: ${mql}
    sql_ready: ${sqlReady}
`);

  it.each<[string, string, Row, string]>([
    ['{ score: 40 }', '{ fit: 70 }', { fit: '10', eng: '30' }, 'MQL'],
    ['{ score: 40 }', '{ fit: 70 }', { fit: '70', eng: '0' }, 'SQL-ready'],
    ['{ score: 40 }', '{ fit: 70 }', { fit: '39', eng: '0' }, 'lead'],
    // Thresholds that fall along the stages were accepted and must stay so: SQL-ready is tried first.
    ['{ fit: 70 }', '{ fit: 50 }', { fit: '80', eng: '0' }, 'SQL-ready'],
    ['{ fit: 70 }', '{ fit: 50 }', { fit: '60', eng: '0' }, 'SQL-ready'],
    ['{ fit: 70 }', '{ fit: 50 }', { fit: '49', eng: '0' }, 'lead'],
  ])('mql %s, sql_ready %s, %j → %s', (mql, sqlReady, row, want) => {
    const out = old(mql, sqlReady)(row);
    expect(out.stage).toBe(want);
    expect(out.stage_rank).toBe(String(['lead', 'MQL', 'SQL-ready'].indexOf(want) + 1));
    expect(out.stage_mql).toBe(String(want !== 'lead'));
  });

  it('one key alone keeps the other default', () => {
    const s = old('{ fit: 20 }', '{ fit: 70, engagement: 40 }');
    const only = scoreOf('\n  stage:\n    mql: { fit: 20 }\n');
    for (const row of [{ fit: '20', eng: '0' }, { fit: '70', eng: '40' }, { fit: '19', eng: '99' }]) expect(only(row).stage).toBe(s(row).stage);
  });
});

describe('rules-file errors name the stage, its line and what to do', () => {
  it.each<[string, string, RegExp]>([
    ['the first stage with a minimum', '    - { name: potential, fit: 10 }\n    - { name: interested, fit: 50, mql: true }\n', /^stages\.yml:3:31: score\.stage\[0\]\.fit: the first stage \("potential"\) is where every row starts: it takes no fit, engagement, score or when/],
    ['a later stage without a requirement', '    - name: potential\n    - { name: interested, mql: true }\n', /^stages\.yml:4:7: score\.stage\[1\]: stage "interested" needs at least one of fit, engagement, score or when/],
    [
      'falling minimums: the lower stage is never given',
      '    - name: potential\n    - { name: interested, fit: 60, mql: true }\n    - { name: need recognised, fit: 30 }\n',
      /^stages\.yml:4:7: score\.stage\[1\]: stage "interested" can never be given: a row that meets it \(fit ≥ 60\) also meets the later stage "need recognised" \(fit ≥ 30\)/,
    ],
    [
      'fit and engagement that add up to a later score minimum',
      '    - name: potential\n    - { name: interested, fit: 40, engagement: 30, mql: true }\n    - { name: hot, score: 70 }\n',
      /score\.stage\[1\]: stage "interested" can never be given: .*the later stage "hot" \(score ≥ 70\)/,
    ],
    ['a minimum of 0 is always met', '    - name: potential\n    - { name: interested, engagement: 0, mql: true }\n', /score\.stage\[0\]: stage "potential" can never be given: every row meets the later stage "interested"/],
    ['names that differ only in case and punctuation', '    - name: potential\n    - { name: Need recognised, fit: 50, mql: true }\n    - { name: need-recognised, fit: 70 }\n', /^stages\.yml:5:15: score\.stage\[2\]\.name: stage "need-recognised" is named like stage 2 \("Need recognised"\)/],
    ['no MQL stage', '    - name: potential\n    - { name: interested, fit: 50 }\n', /score\.stage: mark the first stage that counts as marketing-qualified with "mql: true"/],
    ['two MQL marks', '    - name: potential\n    - { name: interested, fit: 50, mql: true }\n    - { name: need recognised, fit: 70, mql: true }\n', /^stages\.yml:5:46: score\.stage\[2\]\.mql: "mql: true" is on stage "interested" and on "need recognised"/],
    ['the MQL mark on the first stage', '    - { name: potential, mql: true }\n    - { name: interested, fit: 50 }\n', /score\.stage\[0\]\.mql: the first stage \("potential"\) holds every row/],
    ['a mark beside a stage named MQL', '    - name: lead\n    - { name: MQL, fit: 40 }\n    - { name: SQL, fit: 60, mql: true }\n', /score\.stage\[2\]\.mql: "mql: true" is on stage "SQL", but stage "MQL" is named MQL/],
    ['a name a spreadsheet would run', '    - name: potential\n    - { name: "=HYPERLINK(1)", fit: 50, mql: true }\n', /score\.stage\[1\]\.name: a stage name starts with a letter or digit/],
    ['a typo in a key', '    - name: potential\n    - { name: interested, fitt: 50, mql: true }\n', /^stages\.yml:4:27: score\.stage\[1\]: unknown key "fitt" \(allowed: name, fit, engagement, score, when, mql\)/],
    ['a condition without its op', '    - name: potential\n    - { name: customer, mql: true, when: { field: customer_number } }\n', /score\.stage\[1\]\.when: missing "op" for field "customer_number"/],
    ['an empty list', '    []\n', /score\.stage: give at least one stage/],
  ])('%s', (_why, list, message) => {
    expect(errorOf(`score:\n  stage:\n${list}`).display).toMatch(message);
  });

  it('a stage that is no list and no mapping', () => {
    expect(errorOf('score:\n  stage: SQL-ready\n').display).toMatch(/^stages\.yml:2:10: score\.stage: give a list of stages, lowest first .*or \{mql: …, sql_ready: …\}/);
  });

  it('an unknown key of the older form is reported as before', () => {
    expect(errorOf('score:\n  stage:\n    sql: { fit: 70 }\n').display).toMatch(/^stages\.yml:3:5: score\.stage: unknown key "sql" \(allowed: mql, sql_ready\)/);
  });
});

describe('stageImplies: every row meeting one stage also meets the other', () => {
  const s = (d: Omit<StageDef, 'name'>): StageDef => ({ name: 'x', ...d });
  it.each<[StageDef, StageDef, boolean]>([
    [s({ fit: 60 }), s({ fit: 30 }), true],
    [s({ fit: 30 }), s({ fit: 60 }), false],
    [s({ fit: 60 }), s({ engagement: 10 }), false],
    [s({ fit: 60, engagement: 40 }), s({ score: 100 }), true],
    [s({ fit: 60, engagement: 39 }), s({ score: 100 }), false],
    [s({ score: 80 }), s({ fit: 50 }), false],
    [s({}), s({ fit: -5 }), true],
    [s({ fit: 80 }), s({ fit: 10, when: { field: 'customer_number', op: 'not_empty' } }), false],
    [s({ fit: 80, when: { field: 'customer_number', op: 'not_empty' } }), s({ fit: 10, when: { field: 'customer_number', op: 'not_empty' } }), true],
  ])('%j ⇒ %j: %s', (a, b, want) => {
    expect(stageImplies(a, b)).toBe(want);
  });
});

describe('stageRank and reachesMql (for other commands reading a stage cell)', () => {
  const five = rules(FIVE_STAGES).score.stage;
  const byDefault = defaultRules().score.stage;
  it.each<[string, number | undefined, boolean | undefined]>([
    ['potential', 1, false],
    ['Dialogue-Ready', 2, false],
    ['interested', 3, true],
    ['need_recognised', 4, true],
    ['NEED RECOGNISED', 4, true],
    ['customer', 5, true],
    ['MQL', undefined, undefined],
    ['', undefined, undefined],
  ])('five stages: %j → rank %s, MQL %s', (name, rank, mql) => {
    expect(stageRank(name, five)).toBe(rank);
    expect(reachesMql(name, five)).toBe(mql);
  });
  it.each<[string, number | undefined, boolean | undefined]>([
    ['lead', 1, false],
    ['MQL', 2, true],
    ['sql_ready', 3, true],
    ['SQL-ready', 3, true],
    ['Opportunity', undefined, undefined],
  ])('the default: %j → rank %s, MQL %s', (name, rank, mql) => {
    expect(stageRank(name, byDefault)).toBe(rank);
    expect(reachesMql(name, byDefault)).toBe(mql);
  });
  it('stage() and compileStages() agree, and stage() reads a condition only with the row', () => {
    expect(stage({ fit: 70, engagement: 40, score: 110 }, five)).toBe('need recognised');
    expect(stage({ fit: 0, engagement: 0, score: 0 }, five, { customer_number: 'K-1' })).toBe('customer');
    expect(compileStages(five)({ fit: 50, engagement: 20, score: 70 }, {})).toEqual({ name: 'interested', rank: 3, mql: true });
  });
});

/** A trade-fair list across DACH with what fit and engagement read. */
const LEADS = [
  'record_id,source,first_name,last_name,company,country,buying_role,employees,page_views,form_fills,customer_number',
  'messe:1,messe,Jürgen,Müller,Müller & Söhne GmbH,DE,decider,51-200,12,1,',
  'messe:2,messe,Zoë,Schäfer,Bäckerei Köhler,AT,user,12,0,0,',
  'messe:3,messe,Anna,Gruber,Gruber KG,AT,decider,100,5,0,',
  'messe:4,messe,Beat,Keller,Keller AG,CH,decider,"1.200",10,0,',
  'messe:5,messe,Ümit,Yılmaz,Yılmaz Elektro e.K.,DE,user,4,0,0,K-10042',
].join('\n');

const CLI_RULES = `as_of: 2026-11-20
score:
  fit:
    groups:
      - name: icp
        rules:
          - { name: decider, field: buying_role, op: eq, value: decider, points: 40 }
          - { name: mid_sized, field: employees, op: between, value: [50, 999], points: 30 }
          - { name: dach, field: country, op: in, value: [DE, AT, CH], points: 10 }
  engagement:
    groups:
      - name: web
        rules:
          - { name: page_views, field: page_views, per: 2, max: 30, decay: false }
          - { name: form_fill, field: form_fills, op: gte, value: 1, points: 25, decay: false }
${FIVE_STAGES}`;

describe('leadkit score with named stages', () => {
  it('writes stage, stage_rank and stage_mql and counts the stages highest first', async () => {
    const dir = tmp();
    const rulesFile = path.join(dir, 'stages.yml');
    fs.writeFileSync(rulesFile, CLI_RULES);
    const r = await runCli(['score', '--rules', rulesFile], { stdin: `${LEADS}\n` });
    expect(r.code).toBe(0);
    const rows = table(r.stdout);
    expect(rows.map((x) => [x.record_id, x.fit_score, x.engagement_score, x.stage, x.stage_rank, x.stage_mql])).toEqual([
      ['messe:1', '80', '49', 'need recognised', '4', 'true'],
      ['messe:2', '10', '0', 'potential', '1', 'false'],
      ['messe:3', '80', '10', 'dialogue-ready', '2', 'false'],
      ['messe:4', '50', '20', 'interested', '3', 'true'], // 1.200 employees: not mid-sized
      ['messe:5', '10', '0', 'customer', '5', 'true'],
    ]);
    expect(parseCsv(r.stdout)[0].slice(-4)).toEqual(['stage', 'stage_rank', 'stage_mql', 'score_reasons']);
    expect(r.stderr).toMatch(/stage customer 1, need recognised 1, interested 1, dialogue-ready 1, potential 1;/);
  });

  it('lets a later step ask for a stage by its place, and types the new columns in JSON Lines', async () => {
    const dir = tmp();
    const rulesFile = path.join(dir, 'stages.yml');
    fs.writeFileSync(rulesFile, CLI_RULES);
    const scored = await runCli(['score', '--rules', rulesFile, '-q'], { stdin: `${LEADS}\n` });
    const kept = await runCli(['filter', 'stage_rank gte 3', '-q'], { stdin: scored.stdout });
    expect(kept.code).toBe(0);
    expect(table(kept.stdout).map((x) => x.record_id)).toEqual(['messe:1', 'messe:4', 'messe:5']);
    const mqls = await runCli(['filter', 'stage_mql eq true', '-q'], { stdin: scored.stdout });
    expect(table(mqls.stdout).map((x) => x.record_id)).toEqual(['messe:1', 'messe:4', 'messe:5']);
    const jsonl = await runCli(['export', '--format', 'jsonl', '-q'], { stdin: scored.stdout });
    const first = JSON.parse(jsonl.stdout.split('\n')[0]) as Record<string, unknown>;
    expect(first).toMatchObject({ stage: 'need recognised', stage_rank: 4, stage_mql: true });
  });

  it('scores the default stages exactly as before when the rules file has none', async () => {
    const r = await runCli(['score', '-q'], { stdin: `${LEADS}\n` });
    expect(r.code).toBe(0);
    const rows = table(r.stdout);
    for (const x of rows) {
      expect(['lead', 'MQL', 'SQL-ready']).toContain(x.stage);
      expect(x.stage_rank).toBe(String(['lead', 'MQL', 'SQL-ready'].indexOf(x.stage) + 1));
      expect(x.stage_mql).toBe(String(x.stage !== 'lead'));
    }
  });

  it('refuses a rules file with an unreachable stage before reading a row (exit 2)', async () => {
    const dir = tmp();
    const rulesFile = path.join(dir, 'bad.yml');
    fs.writeFileSync(rulesFile, 'score:\n  stage:\n    - name: potential\n    - { name: interested, fit: 60, mql: true }\n    - { name: need recognised, fit: 30 }\n');
    const r = await runCli(['score', '--rules', rulesFile], { stdin: `${LEADS}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yml:4:7: score\.stage\[1\]: stage "interested" can never be given/);
  });
});

describe('the run summary and report count MQLs by stage_mql', () => {
  it('counts rows whose stage_mql is true and keeps each stage\'s rank', () => {
    const b = new SummaryBuilder({ pipeline: 't', as_of: '2026-11-20', leadkit_version: 'test' });
    b.observeRows([
      { record_id: 'a:1', stage: 'need recognised', stage_rank: '4', stage_mql: 'true' },
      { record_id: 'a:2', stage: 'potential', stage_rank: '1', stage_mql: 'false' },
      { record_id: 'a:3', stage: 'interested', stage_rank: '3', stage_mql: 'true' },
      { record_id: 'a:4', stage: 'potential', stage_rank: '1', stage_mql: 'false' },
    ]);
    const s = b.finish();
    expect(s.mql_rows).toBe(2);
    expect(s.stage_ranks).toEqual({ 'need recognised': 4, potential: 1, interested: 3 });
    expect(keyFigures(s).mqls).toBe(2);
  });

  it('without stage_mql (an older summary, or a CRM\'s own stage column) counts the built-in names', () => {
    const b = new SummaryBuilder({ pipeline: 't', as_of: '2026-11-20', leadkit_version: 'test' });
    b.observeRows([{ stage: 'MQL' }, { stage: 'SQL-ready' }, { stage: 'lead' }, { stage: 'interested' }]);
    const s = b.finish();
    expect(s.mql_rows).toBeUndefined();
    expect(keyFigures(s).mqls).toBe(2);
  });

  it('leadkit run: the summary, --fail-if on a named stage, and the report\'s stages in the rules file\'s order', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'stages.yml'), CLI_RULES);
    fs.writeFileSync(path.join(dir, 'leads.csv'), `${LEADS}\n`);
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(
      pipeline,
      'name: Stufen\nas_of: 2026-11-20\ninputs: [{ path: leads.csv, delivered: 2026-11-02 }]\nsteps:\n  - score: { rules: stages.yml }\noutputs:\n  - export: { output: out/scored.csv }\nsummary_json: out/summary.json\nreport: out/report.html\n',
    );
    const r = await runCli(['run', pipeline, '-q', '--fail-if', 'stage_need_recognised_rate>0.5', '--fail-if', 'stage_customer_rate<0.2']);
    expect(r.code).toBe(0);
    const s = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(s.stages).toEqual({ 'need recognised': 1, potential: 1, 'dialogue-ready': 1, interested: 1, customer: 1 });
    expect(s.mql_rows).toBe(3);
    expect(s.thresholds.map((t) => [t.metric, t.value])).toEqual([
      ['stage_need_recognised_rate', 0.2],
      ['stage_customer_rate', 0.2],
    ]);
    const html = renderReportHtml(s);
    const chart = html.slice(html.indexOf('<h3>Stages</h3>'));
    const order = ['customer', 'need recognised', 'interested', 'dialogue-ready', 'potential'].map((n) => chart.indexOf(`<title>${n}: 1</title>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const tripped = await runCli(['run', pipeline, '-q', '--fail-if', 'stage_interested_rate>=0.2']);
    expect(tripped.code).toBe(3);
  });
});
