// CLI tests for classify, score, route and suppress on a German/Austrian trade-fair list
// (fixtures/qualify/leads.csv), with the do-not-contact lists in fixtures/suppress/.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { parseReasons } from '../src/score/score-row.js';
import { suppressCommand } from '../src/commands/suppress.js';
import { testContext } from './helpers/context.js';
import { collect, fromArray, type Row } from '../src/table.js';
import { foldForCompare as foldText } from '../src/text/fold.js';
import { countryCode } from '../src/classify/region.js';
import { createClassifier } from '../src/classify/classify-row.js';
import { defaultRules } from '../src/rules/load.js';
import { parseSuppressionList } from '../src/suppress/suppression-list.js';
import { buildSuppressionIndex, hashEmail, listReasons } from '../src/suppress/suppression-index.js';
import { normalizeDomain } from '../src/suppress/normalize.js';
import { unitHash } from '../src/route/stable-hash.js';

const LEADS = 'fixtures/qualify/leads.csv';
const RULES = 'fixtures/qualify/rules.yml';
const DNC = 'fixtures/suppress/dnc.txt';
const HASHES = 'fixtures/suppress/robinson-sha256.txt';

function table(csv: string): Row[] {
  const [header, ...rest] = parseCsv(csv);
  return rest.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
}

function byId(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r.record_id, r]));
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-qualify-'));
}

/** The fixture through classify and score, as route and suppress get it in a pipe. */
async function scored(): Promise<string> {
  const c = await runCli(['classify', LEADS, '--rules', RULES, '-q']);
  expect(c.code).toBe(0);
  const s = await runCli(['score', '--rules', RULES, '-q'], { stdin: c.stdout });
  expect(s.code).toBe(0);
  return s.stdout;
}

describe('leadkit classify', () => {
  it('reads German and English titles, vendor head counts and the Bundesland from the PLZ', async () => {
    const r = await runCli(['classify', LEADS]);
    expect(r.code).toBe(0);
    const rows = byId(table(r.stdout));
    const pick = (id: string) => {
      const x = rows.get(id) as Row;
      return [x.segment, x.company_size_band, x.seniority, x.job_function, x.buying_role, x.region, x.region_code, x.region_group];
    };
    expect(pick('messe:1')).toEqual(['b2b', '50-249', 'executive', 'management', 'decider', 'Bayern', 'DE-BY', 'DACH']); // Geschäftsführer, "51-200"
    expect(pick('messe:2')).toEqual(['b2b', '50-249', 'director', 'purchasing', 'buyer', 'Hamburg', 'DE-HH', 'DACH']); // Leiterin Einkauf, "ca. 100"
    expect(pick('messe:3')).toEqual(['b2b', '250+', 'executive', 'management', 'decider', 'Wien', 'AT-9', 'DACH']); // GF, "1.000-4.999", Österreich
    expect(pick('messe:4')).toEqual(['b2c', '', '', '', '', 'Nordrhein-Westfalen', 'DE-NW', 'DACH']); // gmail, no company
    expect(pick('messe:5')).toEqual(['b2b', '10-49', 'staff', 'administration', 'user', 'Sachsen', 'DE-SN', 'DACH']); // "Sachbearbeiter (m/w/d)", PLZ 01067
    expect(pick('messe:9').slice(2, 5)).toEqual(['staff', 'management', 'gatekeeper']); // Assistenz der Geschäftsführung
    expect(pick('messe:10').slice(0, 7)).toEqual(['b2b', '10-49', 'director', 'it', 'decider', 'Steiermark', 'AT-6']); // IT-Leiter, Graz
    expect(rows.get('messe:1')?.revenue_band).toBe('2-10M');
    // The input columns come through unchanged, in order, before the new ones.
    const header = parseCsv(r.stdout)[0];
    expect(header.slice(0, 22)).toEqual(parseCsv(fs.readFileSync(LEADS, 'utf8'))[0]);
    expect(rows.get('messe:5')?.postal_code).toBe('01067');
    expect(r.stderr).toMatch(/^classify: 10 rows; segment b2b 9, b2c 1; size 1-9 1, 10-49 2, 50-249 3, 250\+ 2, \(empty\) 2; buying_role decider 6, buyer 1, user 1, gatekeeper 1, \(empty\) 1; region for 10 \(DACH 10\); salutation ok 10, .*; website from email for 7 \(website_status=from_email\); stale 0 of 0 dated rows/);
  });

  it('uses --default-country (or the rules file) for rows without a country', async () => {
    const input = 'title,postal_code,employees\nGeschäftsführerin,8010,50+\nLeiter Einkauf,80331,\n';
    const none = table((await runCli(['classify', '-q'], { stdin: input })).stdout);
    expect(none.map((r) => r.region)).toEqual(['', '']);
    const at = table((await runCli(['classify', '--default-country', 'AT', '-q'], { stdin: input })).stdout);
    expect(at.map((r) => r.region)).toEqual(['Steiermark', '']); // 80331 is no Austrian postcode
    const de = table((await runCli(['classify', '--rules', RULES, '-q'], { stdin: input })).stdout);
    // Read as German, 8010 is a PLZ that lost its leading zero in a spreadsheet: 08010 Sachsen.
    expect(de.map((r) => r.region_code)).toEqual(['DE-SN', 'DE-BY']);
    expect(at[0].company_size_band).toBe('50-249');
    const bad = await runCli(['classify', '--default-country', 'Germany2'], { stdin: input });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--default-country expects a country: an ISO 3166 alpha-2 code/);
  });

  it('keeps a segment the list already has', async () => {
    const r = await runCli(['classify', '-q'], { stdin: 'company,email,segment\nMüller GmbH,info@mueller.de,b2c\nMüller GmbH,info@mueller.de,\n' });
    expect(table(r.stdout).map((x) => x.segment)).toEqual(['b2c', 'b2b']);
  });
});

describe('leadkit score', () => {
  it('scores with the rules file as_of, explains every total, and summarises grades', async () => {
    const c = await runCli(['classify', LEADS, '--rules', RULES, '-q']);
    const r = await runCli(['score', '--rules', RULES], { stdin: c.stdout });
    expect(r.code).toBe(0);
    const rows = byId(table(r.stdout));
    for (const row of rows.values()) {
      const sum = parseReasons(row.score_reasons).reduce((s, [, p]) => s + p, 0);
      expect(Number(sum.toFixed(1)), row.record_id).toBe(Number(row.score));
      expect(Number(row.score)).toBeCloseTo(Number(row.fit_score) + Number(row.engagement_score), 5);
    }
    const m = rows.get('messe:1') as Row;
    expect([m.grade, m.label, m.temperature, m.stage]).toEqual(['A', 'A1', 'hot', 'SQL-ready']);
    expect(m.score_reasons).toMatch(/role_decider:\+25/);
    // Last activity 2026-11-15, as_of 2026-11-20 from the rules file: 5 days of a 30-day half-life.
    expect(m.score_reasons).toContain(`recent_activity:+${(30 * 0.5 ** (5 / 30)).toFixed(1)}`);
    expect(rows.get('messe:4')?.grade).toBe('D');
    expect(r.stderr).toMatch(/score: 10 rows as of 2026-11-20; grade A 4, B 3, C 2, D 1; temperature hot 2, warm 5, cold 3; stage SQL-ready 1, MQL 6, lead 3; mean score \d+\.\d/);
    expect(r.stderr).toMatch(/warning: score: the input has no columns email_status, .* that the rules read; they count as empty/);
  });

  it('--as-of wins over the rules file, and without either the day of the run counts', async () => {
    const c = await runCli(['classify', LEADS, '-q']);
    const later = table((await runCli(['score', '--rules', RULES, '--as-of', '2026-12-20', '-q'], { stdin: c.stdout })).stdout);
    expect(later[0].score_reasons).toContain(`recent_activity:+${(30 * 0.5 ** (35 / 30)).toFixed(1)}`);
    const today = await runCli(['score'], { stdin: c.stdout }); // LEADKIT_TODAY=2026-11-22 in runCli
    expect(today.stderr).toMatch(/as of 2026-11-22;/);
    expect(table(today.stdout)[0].score_reasons).toContain(`recent_activity:+${(30 * 0.5 ** (7 / 30)).toFixed(1)}`);
  });

  it.each(['2026-02-30', '22.11.2026', 'yesterday'])('rejects --as-of %s with exit 2', async (bad) => {
    const r = await runCli(['score', LEADS, '--as-of', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`leadkit: --as-of expects a date yyyy-mm-dd that exists, such as 2026-11-22; got "${bad}"\n`);
  });

  it('names file, line and column of a rules-file error and exits 2', async () => {
    const r = await runCli(['score', LEADS, '--rules', 'fixtures/rules/invalid.yml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('leadkit: fixtures/rules/invalid.yml:6:5: score.fit: unknown key "gorups" (allowed: total_cap, groups)\n');

    const dir = tmpDir();
    const file = path.join(dir, 'rules.yml');
    fs.writeFileSync(file, 'route:\n  rules:\n    - name: nord\n      field: region\n      op: equals\n      value: Hamburg\n      owner: nina\n');
    for (const cmd of ['classify', 'score', 'route', 'suppress']) {
      // Every command validates the whole file, not only its own section.
      const e = await runCli([cmd, LEADS, '--rules', file, ...(cmd === 'suppress' ? ['--mode', 'flag'] : [])]);
      expect(e.code, cmd).toBe(2);
      expect(e.stderr, cmd).toMatch(new RegExp(`^leadkit: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:11: route\\.rules\\[0\\]\\.op: `));
    }
    const missing = await runCli(['route', LEADS, '--rules', path.join(dir, 'nope.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--rules .*nope\.yml: cannot read the rules file \(no such file\)/);
  });
});

describe('leadkit route', () => {
  it('assigns owners by ordered rules and team rotation, the same on every run and in any row order', async () => {
    const input = await scored();
    const a = await runCli(['route', '--rules', RULES], { stdin: input });
    const b = await runCli(['route', '--rules', RULES, '-q'], { stdin: input });
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const rows = table(a.stdout);
    const owners = Object.fromEntries(rows.map((r) => [r.record_id, `${r.owner}/${r.route_rule}`]));
    expect(owners['messe:3']).toBe('lena.gruber/austria');
    expect(owners['messe:10']).toBe('lena.gruber/austria');
    expect(owners['messe:4']).toBe('inbox/default'); // grade D
    // Grade C: classify filled its website from the corporate email, which completes the record.
    expect(owners['messe:9']).toMatch(/^(anna\.schmidt|ben\.meier)\/good_fit_dach$/);
    const team = rows.filter((r) => r.route_rule === 'good_fit_dach');
    expect(team.length).toBe(7);
    for (const r of team) expect(['anna.schmidt', 'ben.meier']).toContain(r.owner); // clara.wolf is inactive

    // Reversed input: every lead keeps its owner (rotation hashes the lead, not its position).
    const lines = input.trimEnd().split('\n');
    const reversed = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const c = table((await runCli(['route', '--rules', RULES, '-q'], { stdin: reversed })).stdout);
    expect(Object.fromEntries(c.map((r) => [r.record_id, `${r.owner}/${r.route_rule}`]))).toEqual(owners);
    expect(a.stderr).toMatch(/^route: 10 rows to \d owners; .*lena\.gruber 2.*; by rule austria 2, good_fit_dach 7, default 1\n$/);
  });

  it('keeps an owner the row has, and export --split-by owner writes one file per owner', async () => {
    const input = await scored();
    const withOwner = input.replace(/^([^\n]*)\n/, '$1,owner\n').replace(/\n(messe:\d+[^\n]*)/g, (_, l: string) => `\n${l},${l.startsWith('messe:2,') ? 'Jonas Keller' : ''}`);
    const r = await runCli(['route', '--rules', RULES, '-q'], { stdin: withOwner });
    const rows = byId(table(r.stdout));
    expect([rows.get('messe:2')?.owner, rows.get('messe:2')?.route_rule]).toEqual(['Jonas Keller', 'existing']);
    // The owner column is not added twice.
    expect(parseCsv(r.stdout)[0].filter((c) => c === 'owner')).toHaveLength(1);

    const dir = tmpDir();
    const e = await runCli(['export', '--split-by', 'owner', '--out-dir', dir], { stdin: r.stdout });
    expect(e.code).toBe(0);
    const files = fs.readdirSync(dir).sort();
    const owners = [...new Set([...rows.values()].map((x) => x.owner))].sort();
    expect(files).toEqual(owners.map((o) => `${o}.csv`).sort());
    expect(files).toContain('lena.gruber.csv');
    const lena = table(fs.readFileSync(path.join(dir, 'lena.gruber.csv'), 'utf8'));
    expect(lena.map((x) => x.record_id)).toEqual(['messe:3', 'messe:10']);
  });

  it('says so when there are no route rules', async () => {
    const r = await runCli(['route', LEADS, '--default-owner', 'vertrieb@firma.de']);
    expect(r.code).toBe(0);
    expect(new Set(table(r.stdout).map((x) => `${x.owner}/${x.route_rule}`))).toEqual(new Set(['vertrieb@firma.de/default']));
    expect(r.stderr).toMatch(/warning: route: no route rules \(give --rules FILE with a route section\); rows keep their owner or go to "vertrieb@firma\.de"/);
  });
});

describe('leadkit suppress', () => {
  it('the sha256 fixture is the hash of the trimmed, lower-cased email of messe:10', () => {
    const want = createHash('sha256').update('s.gruber@gruber-metallbau.at').digest('hex');
    expect(fs.readFileSync(HASHES, 'utf8')).toContain(want);
  });

  it('removes listed rows (email, domain, phone in another format, sha256) into the side file, reconciled', async () => {
    const dir = tmpDir();
    const side = path.join(dir, 'suppressed.csv');
    const input = await scored();
    const r = await runCli(['suppress', '--list', DNC, '--list', HASHES, '--suppressed', side], { stdin: input });
    expect(r.code).toBe(0);
    const kept = byId(table(r.stdout));
    const removed = byId(table(fs.readFileSync(side, 'utf8')));
    expect([...kept.keys()]).toEqual(['messe:1', 'messe:2', 'messe:3', 'messe:4', 'messe:5', 'messe:6']);
    expect(Object.fromEntries([...removed.values()].map((x) => [x.record_id, x.suppress_reason]))).toEqual({
      'messe:7': 'list_email:dnc.txt',
      'messe:8': 'list_domain:dnc.txt', // vertrieb.rival-gmbh.de is under rival-gmbh.de
      'messe:9': 'list_phone:dnc.txt;no_email_consent', // 030 12345678 = +49 (0)30 1234 5678
      'messe:10': 'list_hash:robinson-sha256.txt',
    });
    for (const x of removed.values()) expect([x.suppressed, x.channels]).toEqual(['true', '']);
    // The side file has the output's columns, so nothing about a removed row is lost.
    expect(parseCsv(fs.readFileSync(side, 'utf8'))[0]).toEqual(parseCsv(r.stdout)[0]);
    const before = byId(table(input)).get('messe:7') as Row;
    for (const [k, v] of Object.entries(before)) expect(removed.get('messe:7')?.[k], k).toBe(v);
    expect(r.stderr).toMatch(/warning: suppress: fixtures\/suppress\/dnc\.txt: skipped 1 line\(s\) .* \(line 6 "bitte nicht mehr anrufen"\)/);
    expect(r.stderr).toContain(`suppress: 10 in = 6 out + 4 suppressed → ${side}; reasons `);
    expect(r.stderr).toMatch(/lists dnc\.txt \(1 email, 1 domain, 1 phone\), robinson-sha256\.txt \(1 sha256\)\n$/);
  });

  it('consent "nein" removes the email channel but keeps the row when the phone may be used', async () => {
    const dir = tmpDir();
    const r = await runCli(['suppress', '--suppressed', path.join(dir, 's.csv'), '-q'], { stdin: await scored() });
    const rows = byId(table(r.stdout));
    expect([rows.get('messe:2')?.channels, rows.get('messe:2')?.suppressed, rows.get('messe:2')?.suppress_reason]).toEqual(['phone', 'false', 'no_email_consent']);
    // B2C phone needs documented consent: the private gmail contact keeps only email.
    expect([rows.get('messe:4')?.channels, rows.get('messe:4')?.suppress_reason]).toEqual(['email', 'no_phone_consent_b2c']);
    expect(rows.get('messe:1')?.channels).toBe('email;phone');
    // Without lists only messe:9 (no consent_email, phone allowed as b2b) — still kept, phone only.
    expect(rows.get('messe:9')?.channels).toBe('phone');
  });

  it('--mode flag keeps every row and marks the suppressed ones', async () => {
    const r = await runCli(['suppress', '--list', DNC, '--list', HASHES, '--mode', 'flag'], { stdin: await scored() });
    expect(r.code).toBe(0);
    const rows = table(r.stdout);
    expect(rows).toHaveLength(10);
    expect(rows.filter((x) => x.suppressed === 'true').map((x) => x.record_id)).toEqual(['messe:7', 'messe:8', 'messe:9', 'messe:10']);
    expect(rows.filter((x) => x.suppressed === 'false')).toHaveLength(6);
    expect(r.stderr).toMatch(/suppress: 10 in = 10 out, 4 flagged suppressed=true; reasons /);
  });

  it('never drops rows without a side file, and checks its options', async () => {
    const none = await runCli(['suppress', LEADS, '--list', DNC]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give --suppressed FILE, or --mode flag/);
    const both = await runCli(['suppress', LEADS, '--mode', 'flag', '--suppressed', 'x.csv']);
    expect(both.code).toBe(2);
    const mode = await runCli(['suppress', LEADS, '--mode', 'delete']);
    expect(mode.code).toBe(2);
    const list = await runCli(['suppress', LEADS, '--mode', 'flag', '--list', 'fixtures/suppress/missing.txt']);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/--list fixtures\/suppress\/missing\.txt: cannot read the list \(no such file\)/);
  });

  it('--default-country reads national numbers in lists and rows as that country', async () => {
    const dir = tmpDir();
    const list = path.join(dir, 'sperre-at.txt');
    fs.writeFileSync(list, '01 5123456\n');
    const input = 'record_id,company,phone,consent_phone\nwien:1,Huber Holzbau GmbH,+43 1 5123456,ja\n';
    const de = await runCli(['suppress', '--list', list, '--mode', 'flag'], { stdin: input });
    expect(table(de.stdout)[0].suppressed).toBe('false');
    expect(de.stderr).toMatch(/skipped 1 line/); // 01 5123456 is no German number
    const at = await runCli(['suppress', '--list', list, '--mode', 'flag', '--default-country', 'AT'], { stdin: input });
    expect(table(at.stdout)[0].suppress_reason).toBe('list_phone:sperre-at.txt');
  });

  it('records removed rows per reason in the tally that leadkit run reports', async () => {
    const dir = tmpDir();
    const err = new PassThrough();
    const ctx = testContext({ stderr: err });
    const rows = table(await scored());
    const side = path.join(dir, 'suppressed.csv');
    const out = await suppressCommand.transform?.({ columns: Object.keys(rows[0]), batches: fromArray(rows, 3) }, { list: [DNC, HASHES], mode: 'remove', suppressed: side }, ctx);
    const kept = await collect((out as NonNullable<typeof out>).batches);
    expect(kept).toHaveLength(6);
    const s = ctx.tally.steps.get('suppress');
    expect(s?.suppressed).toBe(4);
    expect(Object.fromEntries(s?.reasons ?? [])).toEqual({
      'list_email:dnc.txt': 1,
      'list_domain:dnc.txt': 1,
      'list_phone:dnc.txt': 1,
      no_email_consent: 1,
      'list_hash:robinson-sha256.txt': 1,
    });
    // The side file is committed with the rest of the run's files, not before.
    expect(fs.existsSync(side)).toBe(false);
    await ctx.files.commitAll();
    expect(table(fs.readFileSync(side, 'utf8'))).toHaveLength(4);
  });
});

describe('import → classify → score → route → export', () => {
  it('qualifies the German vendor list end to end', async () => {
    const imp = await runCli(['import', 'fixtures/vendor-de.csv', '-q']);
    expect(imp.code).toBe(0);
    const c = await runCli(['classify', '-q'], { stdin: imp.stdout });
    const s = await runCli(['score', '--rules', RULES, '-q'], { stdin: c.stdout });
    const r = await runCli(['route', '--rules', RULES, '-q'], { stdin: s.stdout });
    expect([c.code, s.code, r.code]).toEqual([0, 0, 0]);
    const rows = table(r.stdout);
    const first = rows[0];
    expect([first.title, first.seniority, first.buying_role, first.region, first.company_size_band]).toEqual(['Geschäftsführer', 'executive', 'decider', 'Berlin', '10-49']);
    const einkauf = rows.find((x) => x.title === 'Leiterin Einkauf') as Row;
    expect([einkauf.job_function, einkauf.buying_role, einkauf.region]).toEqual(['purchasing', 'buyer', 'Bayern']);
    // A German PLZ that lost its leading zero in Excel (1099 Dresden) still finds Sachsen.
    expect(rows.find((x) => x.postal_code === '1099')?.region).toBe('Sachsen');
    for (const x of rows) expect(x.owner).not.toBe('');
    const dir = tmpDir();
    const e = await runCli(['export', '--split-by', 'owner', '--out-dir', dir, '-q'], { stdin: r.stdout });
    expect(e.code).toBe(0);
    const total = fs.readdirSync(dir).reduce((n, f) => n + table(fs.readFileSync(path.join(dir, f), 'utf8')).length, 0);
    expect(total).toBe(rows.length);
  });
});

// The engines got fast paths and memos for throughput; they must not change any answer.
describe('engine fast paths give the same answers', () => {
  it('foldText: ASCII fast path and remembered Unicode folds', () => {
    expect(foldText('Head of SALES')).toBe('head of sales');
    for (let i = 0; i < 2; i++) {
      expect(foldText('Geschäftsführer')).toBe('geschaeftsfuehrer');
      expect(foldText('Gescha\u0308ftsfu\u0308hrer')).toBe('geschaeftsfuehrer');
      expect(foldText('Société Générale')).toBe('societe generale');
    }
  });

  it('countryCode and the remembered title, size and revenue answers are stable across calls', () => {
    expect([countryCode('Österreich'), countryCode('Österreich'), countryCode('XX'), countryCode('XX')]).toEqual(['AT', 'AT', '', '']);
    const classify = createClassifier(defaultRules().classify);
    const row = { title: 'Leiterin Einkauf', department: '', employees: 'ca. 100', revenue: '5 Mio. €', country: 'DE', postal_code: '01067', company: 'Schäfer KG' };
    const first = classify({ ...row });
    expect(classify({ ...row })).toEqual(first);
    expect([first.buying_role, first.company_size_band, first.revenue_band, first.region]).toEqual(['buyer', '50-249', '2-10M', 'Sachsen']);
    // The department column is part of the remembered key: the same title, another department.
    expect(classify({ ...row, title: 'Sachbearbeiterin', department: 'Personalabteilung' }).job_function).toBe('hr');
    expect(classify({ ...row, title: 'Sachbearbeiterin', department: 'Einkauf' }).job_function).toBe('purchasing');
  });

  it('one-shot hashes equal the streaming ones', () => {
    const email = 'Max.Mustermann@Beispiel.de ';
    expect(hashEmail(email, 'sha256')).toBe(createHash('sha256').update('max.mustermann@beispiel.de').digest('hex'));
    expect(hashEmail(email, 'md5')).toBe(createHash('md5').update('max.mustermann@beispiel.de').digest('hex'));
    const d = createHash('sha256').update('team\u0000email=a@b.de\u0000anna').digest();
    expect(unitHash('team', 'email=a@b.de', 'anna')).toBe((d.readUInt32BE(0) * 2 ** 20 + (d.readUInt32BE(4) >>> 12) + 0.5) / 2 ** 52);
  });

  it('phones: a validated E.164 number is compared as is, anything else is parsed', () => {
    const index = buildSuppressionIndex([parseSuppressionList('030 12345678\n', 'dnc.txt')]);
    const opts = { matchWebsite: true, phoneRegion: 'DE' };
    expect(listReasons({ phone: '+493012345678', phone_status: 'valid' }, index, opts)).toEqual(['list_phone:dnc.txt']);
    expect(listReasons({ phone: '+49 (0)30 1234 5678' }, index, opts)).toEqual(['list_phone:dnc.txt']);
    expect(listReasons({ phone: '030/12345678', phone_status: 'valid' }, index, opts)).toEqual(['list_phone:dnc.txt']);
    expect(listReasons({ phone: '+493012345679', phone_status: 'valid' }, index, opts)).toEqual([]);
  });

  it('domains: subdomains and parents match without the helper arrays, and answers are remembered', () => {
    const index = buildSuppressionIndex([parseSuppressionList('firma.de\n', 'dnc.txt')]);
    const opts = { matchWebsite: true, phoneRegion: 'DE' };
    expect(listReasons({ email: 'a@vertrieb.nord.firma.de' }, index, opts)).toEqual(['list_domain:dnc.txt']);
    expect(listReasons({ email: 'a@firma.de.com' }, index, opts)).toEqual([]);
    expect(listReasons({ email: 'a@andere.de', website: 'https://www.firma.de/kontakt' }, index, opts)).toEqual(['list_domain:dnc.txt']);
    expect([normalizeDomain('WWW.Firma.DE'), normalizeDomain('WWW.Firma.DE'), normalizeDomain('kein domain')]).toEqual(['firma.de', 'firma.de', '']);
  });

  it('a first list line of digits that is no number is reported, not taken for a header', () => {
    const list = parseSuppressionList('01 5123456\n030 12345678\n', 'dnc.txt');
    expect(list.rejected).toEqual([{ line: 1, text: '01 5123456' }]);
    expect(parseSuppressionList('E-Mail-Adresse\nmax@firma.de\n', 'x').rejected).toEqual([]);
  });
});
