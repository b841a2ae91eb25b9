/**
 * A night that carries its unchanged persons over (src/state/carry.ts): they skip classify, score
 * and route, and what the night writes is what a night that ran every person through every step
 * writes. Each night runs twice from the same state: once carrying (the only output takes new and
 * changed rows) and once not (the same pipeline with an archive of every row, deliver: false).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './helpers/run-cli.js';
import { carryDecision, carryPlan, type CarryInput } from '../src/state/carry.js';
import type { RunSummary } from '../src/report/summary.js';

const CRM_HEADER = 'Kundennr;Anrede;Vorname;Nachname;Firma;Position;E-Mail;Telefon;PLZ;Ort;Land;Erfasst am';
const CRM = [
  'K-1;Herr;Thomas;Müller;Müller Holzbau GmbH;Geschäftsführer;t.mueller@mueller-holzbau.de;+49 89 1234567;80331;München;DE;03.04.2023',
  'K-2;Frau;Katharina;Schäfer;Schäfer & Söhne KG;Leiterin Einkauf;k.schaefer@schaefer-soehne.de;030 4567890;10115;Berlin;DE;12.09.2024',
  'K-3;Herr;Stefan;Huber;Huber Bau GmbH;Bauleiter;s.huber@huber-bau.at;+43 1 5123456;1010;Wien;AT;25.12.2024',
  'K-4;Frau;Ursula;Weiß;Weiß Elektro AG;Prokuristin;u.weiss@weiss-elektro.ch;+41 44 2345678;8001;Zürich;CH;01.02.2025',
  'K-5;Frau;Sabine;Gruber;Gruber Consulting e.U.;Inhaberin;sabine.gruber@gruber-consulting.at;0662 123456;5020;Salzburg;AT;17.06.2025',
];
const VENDOR_HEADER = 'First Name,Last Name,Company,Job Title,Email,Phone,Zip,City,Country';
const VENDOR = [
  'THOMAS,MÜLLER,MÜLLER HOLZBAU GMBH,GESCHÄFTSFÜHRER,T.Mueller@Mueller-Holzbau.de,089 1234567,80331,MÜNCHEN,Germany',
  'Markus,Brandt,Brandt Logistik GmbH,Disponent,m.brandt@brandt-logistik.de,040 1122334,20095,Hamburg,Germany',
  'Eva,Lang,Lang GmbH,Head of Marketing,eva.lang@lang-gmbh.de,0351 778899,01067,Dresden,Germany',
  'Lukas,Meier,Meier Treuhand AG,Partner,lukas.meier@meier-treuhand.ch,044 3456789,8002,Zürich,Switzerland',
  'Jennifer,Walsh,Walsh Freight Inc.,VP Operations,jwalsh@walshfreight.com,(312) 555-0148,60601,Chicago,USA',
];

const RULES = (atOwner: string) => `route:
  default_owner: Innendienst
  rules:
    - name: austria
      field: country
      op: eq
      value: AT
      owner: ${atOwner}
    - name: dach
      field: region_group
      op: eq
      value: DACH
      owner: Team DACH
`;

const pipeline = (archive: boolean) => `name: Nightly sales list
inputs: [crm.csv, vendor.csv]
steps:
  - validate: {}
  - dedupe: {}
  - classify: {}
  - score: {}
  - route: { rules: rules.yml }
outputs:
  - export: { output: out/new.csv, only: [new, changed] }
${archive ? '  - export: { output: out/all.csv, deliver: false }\n' : ''}state: state
summary_json: out/summary.json
`;

function write(dir: string, crm: string[], vendor: string[], atOwner = 'Team Österreich'): void {
  fs.writeFileSync(path.join(dir, 'crm.csv'), Buffer.from(`${[CRM_HEADER, ...crm].join('\r\n')}\r\n`, 'latin1'));
  fs.writeFileSync(path.join(dir, 'vendor.csv'), `\ufeff${[VENDOR_HEADER, ...vendor].join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'rules.yml'), RULES(atOwner));
}

/** The state's files, meta.json without what differs between the two runs by design. */
function stateFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(dir, 'state')).sort()) {
    const text = fs.readFileSync(path.join(dir, 'state', name), 'utf8');
    if (name !== 'meta.json') out[name] = text;
    else {
      const { written_at: _w, steps: _s, ...rest } = JSON.parse(text) as Record<string, unknown>;
      out[name] = JSON.stringify(rest);
    }
  }
  return out;
}

const summaryOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;

interface Night {
  carry: CliResult;
  full: CliResult;
  /** What each run wrote: the delta rows and the state's files. */
  written: { carry: string; full: string };
}

const writtenBy = (dir: string) => JSON.stringify({ rows: fs.readFileSync(path.join(dir, 'out/new.csv'), 'utf8'), state: stateFiles(dir) });

/** One night in both directories, with the same lists. */
async function night(dirs: { carry: string; full: string }, date: string, lists: { crm: string[]; vendor: string[]; atOwner?: string }, extra: string[] = []): Promise<Night> {
  for (const d of [dirs.carry, dirs.full]) write(d, lists.crm, lists.vendor, lists.atOwner);
  const carry = await runCli(['run', path.join(dirs.carry, 'pipeline.yml'), '--as-of', date, ...extra]);
  const full = await runCli(['run', path.join(dirs.full, 'pipeline.yml'), '--as-of', date, ...extra]);
  return { carry, full, written: { carry: writtenBy(dirs.carry), full: writtenBy(dirs.full) } };
}

function day2(): { crm: string[]; vendor: string[] } {
  const crm = [...CRM];
  // Katharina Schäfer has a new number; Sabine Gruber is no longer in the CRM.
  crm[1] = crm[1].replace('030 4567890', '030 9998877');
  crm.pop();
  crm.push('K-6;Herr;Jürgen;Schmid;Schmid Metallbau GmbH;Werkstattleiter;j.schmid@schmid-metall.de;0911 445566;90402;Nürnberg;DE;20.11.2026');
  // A late duplicate of Stefan Huber, who was delivered on day 1: his person is matched again.
  const vendor = [...VENDOR, 'STEFAN,HUBER,HUBER BAU GMBH,BAULEITER,s.huber@huber-bau.at,+43 1 5123456,1010,WIEN,Austria'];
  return { crm, vendor };
}

describe('a night carries its unchanged persons over, and writes what a full night writes', () => {
  const dirs = { carry: '', full: '' };
  const nights: Night[] = [];
  beforeAll(async () => {
    dirs.carry = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-carry-'));
    dirs.full = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-carry-full-'));
    fs.writeFileSync(path.join(dirs.carry, 'pipeline.yml'), pipeline(false));
    fs.writeFileSync(path.join(dirs.full, 'pipeline.yml'), pipeline(true));
    nights.push(await night(dirs, '2026-11-21', { crm: CRM, vendor: VENDOR }));
    // Checks on counted figures (not on the rows' columns) leave the night carrying, and mean what they mean in a full night.
    nights.push(await night(dirs, '2026-11-22', day2(), ['--fail-if', 'new_rate>0.5', '--fail-if', 'rows<5', '--fail-if', 'routed_rate<0.9']));
    // Night 3: the lists as on day 2, but the Austrian leads go to someone else (the rules file changed).
    nights.push(await night(dirs, '2026-11-23', { ...day2(), atOwner: 'Lena Bauer' }));
  }, 60_000);

  it('every night: the same delta rows, byte for byte, and the same state', () => {
    for (const [i, n] of nights.entries()) {
      expect(n.carry.code, `night ${i + 1}: ${n.carry.stderr}`).toBe(0);
      expect(n.full.code, `night ${i + 1}: ${n.full.stderr}`).toBe(0);
    }
    for (const [i, n] of nights.entries()) expect(n.written.carry, `night ${i + 1}`).toBe(n.written.full);
    expect(nights[1].written.carry).toMatch(/Jürgen/);
  });

  it('night 2 carries the persons found as on night 1, and runs the rest through every step', () => {
    const carried = nights[1].carry.stderr;
    // Thomas Müller (two records), Ursula Weiß, Markus Brandt, Eva Lang, Lukas Meier and Jennifer
    // Walsh are as on night 1. Stefan Huber is unchanged too, but his late duplicate joined him:
    // he is matched and merged again, and so runs through every step.
    expect(carried).toMatch(/classify: 3 rows; 6 unchanged persons carried from the state/);
    expect(carried).toMatch(/route: 3 rows to \d+ owners;.*; 6 unchanged persons carried from the state/);
    expect(carried).toMatch(/state \S+: 1 new, 1 changed, 7 unchanged \(6 carried over: not run through the steps after dedupe\), 1 gone/);
    expect(nights[1].full.stderr).toMatch(/state \S+: 1 new, 1 changed, 7 unchanged, 1 gone/);
    expect(nights[1].full.stderr).not.toMatch(/carried/);
  });

  it('the summary says how many were carried, or why none were', () => {
    const s = summaryOf(dirs.carry);
    const f = summaryOf(dirs.full);
    expect(f.delta?.carried).toBe(0);
    expect(f.delta?.carry_off).toBe('an output takes unchanged rows');
    // Night 3 changed the rules file: nobody is carried, every person is routed again.
    expect(s.delta?.carried).toBe(0);
    expect(s.delta?.carry_off).toBe('dedupe or the steps after it, their options or files changed since the last night');
  });

  it('night 2 counts the carried persons as rows, and by their owner', () => {
    // 9 persons reached the outputs, 6 of them carried: rows and the rates of the delta are of all 9.
    expect(nights[1].carry.stderr).toMatch(/imported 11 → valid 11 → unique 9 → qualified 9 → routed 9/);
    expect(nights[1].full.stderr).toMatch(/imported 11 → valid 11 → unique 9 → qualified 9 → routed 9/);
  });

  it('a quiet night with a check on a column figure runs every person through the steps, and passes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-carry-quiet-'));
    fs.writeFileSync(path.join(dir, 'pipeline.yml'), pipeline(false));
    write(dir, CRM, VENDOR);
    expect((await runCli(['run', path.join(dir, 'pipeline.yml'), '--as-of', '2026-11-21', '-q'])).code).toBe(0);
    const quiet = await runCli(['run', path.join(dir, 'pipeline.yml'), '--as-of', '2026-11-22', '--fail-if', 'email_invalid_rate>0.5', '--fail-if', 'grade_d_rate>0.5']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toMatch(/0 new, 0 changed, 9 unchanged, 0 gone/);
    expect(summaryOf(dir).delta?.carry_off).toBe('--fail-if email_invalid_rate is read off every row\'s columns');
    // Without it, the same quiet night carries all nine.
    const carried = await runCli(['run', path.join(dir, 'pipeline.yml'), '--as-of', '2026-11-23', '--fail-if', 'new_rows>100']);
    expect(carried.code, carried.stderr).toBe(0);
    expect(carried.stderr).toMatch(/0 new, 0 changed, 9 unchanged \(9 carried over/);
  });

  it('night 3: the Austrian person is changed (his owner), as in the full night', () => {
    expect(nights[2].carry.stderr).toMatch(/state \S+: 0 new, 1 changed, 8 unchanged, 0 gone/);
    expect(nights[2].carry.stderr).toMatch(/classify: 9 rows; segment/);
    const rows = fs.readFileSync(path.join(dirs.carry, 'out/new.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/Huber.*Lena Bauer.*,changed,owner,/);
  });
});

describe('when a night may carry (carryPlan)', () => {
  const base: CarryInput = {
    steps: [
      { command: 'validate', options: {} },
      { command: 'dedupe', options: { mode: 'merge' } },
      { command: 'classify', options: {} },
      { command: 'score', options: { asOf: '2026-11-22' } },
      { command: 'route', options: { rules: 'rules.yml' }, inputFiles: ['rules'] },
    ],
    outputs: [['new', 'changed']],
    deltaFields: ['email', 'phone', 'owner'],
    routeFields: ['country', 'region_group'],
    leadkitVersion: '1.0.0',
    columnChecks: [],
    fileHash: (v) => (v === 'rules.yml' ? 'h1' : undefined),
  };

  it('carries when every condition holds, with a fingerprint that ignores the date but not the rules file', () => {
    const p = carryPlan(base);
    expect(p.off).toBe('');
    expect(carryPlan({ ...base, steps: base.steps.map((s) => (s.command === 'score' ? { ...s, options: { asOf: '2026-11-23' } } : s)) }).fingerprint).toBe(p.fingerprint);
    expect(carryPlan({ ...base, fileHash: () => 'h2' }).fingerprint).not.toBe(p.fingerprint);
    expect(carryPlan({ ...base, deltaFields: ['email'] }).fingerprint).not.toBe(p.fingerprint);
    // dedupe's own options count (which record survives), its decisions do not (they unsettle the persons they change).
    const withDedupe = (options: Record<string, unknown>) => carryPlan({ ...base, steps: base.steps.map((s) => (s.command === 'dedupe' ? { ...s, options: { mode: 'merge', ...options } } : s)) }).fingerprint;
    expect(withDedupe({ prefer: 'source:vendor' })).not.toBe(p.fingerprint);
    expect(withDedupe({ decisions: ['review.csv'] })).toBe(p.fingerprint);
    // Where dedupe holds its rows (memory or a temporary file) changes nothing it writes.
    expect(withDedupe({ spillAbove: 0 })).toBe(p.fingerprint);
    // So do the worker threads of the steps after it.
    expect(carryPlan({ ...base, steps: base.steps.map((s) => (s.command === 'classify' || s.command === 'score' ? { ...s, options: { ...s.options, jobs: 0 } } : s)) }).fingerprint).toBe(p.fingerprint);
    expect(carryDecision(p, { empty: false, steps: p.fingerprint })).toEqual({ carrying: true, off: '' });
    expect(carryDecision(p, { empty: true })).toEqual({ carrying: false, off: '' });
    expect(carryDecision(p, { empty: false }).off).toMatch(/kept no fingerprint/);
  });

  it.each([
    ['an output takes every row', { outputs: [['new', 'changed'], undefined] }, 'an output takes unchanged rows'],
    ['an output takes unchanged rows', { outputs: [['unchanged']] }, 'an output takes unchanged rows'],
    ['a score column is a delta field', { deltaFields: ['email', 'grade'] }, 'the delta field grade changes with the date'],
    ['the route rules read the grade', { routeFields: ['grade'] }, 'the route rules read grade, which changes with the date'],
    ['no dedupe', { steps: [{ command: 'classify', options: {} }] }, 'no dedupe step'],
    ['dedupe in flag mode', { steps: [{ command: 'dedupe', options: { mode: 'flag' } }] }, 'dedupe keeps every row (--mode flag)'],
    ['suppress after dedupe', { steps: [{ command: 'dedupe', options: {} }, { command: 'suppress', options: {} }] }, 'the step suppress after dedupe'],
    ['a report step after dedupe', { steps: [{ command: 'dedupe', options: {} }, { command: 'sources', options: {}, report: true }] }, 'the step sources after dedupe'],
    ['two dedupe steps', { steps: [{ command: 'dedupe', options: {} }, { command: 'dedupe', options: {} }] }, 'more than one dedupe step'],
    ['a check reads a column figure', { columnChecks: ['email_invalid_rate'] }, "--fail-if email_invalid_rate is read off every row's columns"],
  ] as [string, Partial<CarryInput>, string][])('not when %s', (_what, change, why) => {
    expect(carryPlan({ ...base, ...change }).off).toBe(why);
  });
});

describe('a list that repeats a record_id', () => {
  // A list leadkit wrote keeps its record ids; here one id is on two rows of one person.
  const HEAD = 'record_id,source,first_name,last_name,company,title,email,phone,city,country';
  const ANNA = 'dup:1,dup,Anna,Albers,Albers Bau GmbH,Leiterin Einkauf,anna@albers-bau.de,030 1112223,Berlin,DE';
  const INHABER = 'dup:2,dup,Thomas,Müller,Müller Holzbau GmbH,Inhaber,t.mueller@mueller-holzbau.de,089 1234567,München,DE';
  const GF = 'dup:1,dup,Thomas,Müller,Müller Holzbau GmbH,Geschäftsführer,t.mueller@mueller-holzbau.de,089 1234567,München,DE';
  const simple = (archive: boolean) =>
    `inputs: [list.csv]\nsteps:\n  - dedupe: {}\n  - classify: {}\noutputs:\n  - export: { output: out/new.csv, only: [new, changed] }\n${archive ? '  - export: { output: out/all.csv, deliver: false }\n' : ''}state: state\n`;

  it('is not carried: which of its rows is the record, the last night cannot say', async () => {
    const written: string[][] = [[], []];
    for (const [k, archive] of [false, true].entries()) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-carry-dup-'));
      fs.writeFileSync(path.join(dir, 'pipeline.yml'), simple(archive));
      for (const [date, rows] of [
        ['2026-11-21', [ANNA, INHABER, GF]],
        ['2026-11-22', [ANNA, GF, INHABER]],
      ] as const) {
        fs.writeFileSync(path.join(dir, 'list.csv'), `${[HEAD, ...rows].join('\n')}\n`);
        const r = await runCli(['run', path.join(dir, 'pipeline.yml'), '--as-of', date, '-q']);
        expect(r.code, r.stderr).toBe(0);
        // delivered_to names the file a row went to: the same file but for the folder.
        written[k].push(fs.readFileSync(path.join(dir, 'out/new.csv'), 'utf8').replaceAll(dir, 'DIR'));
      }
    }
    expect(written[0]).toEqual(written[1]);
  });
});
