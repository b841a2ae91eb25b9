// classify's enrichment without network (issue #18 items 3 and 4): website from a corporate
// email, gender and letter salutation, freshness; and the columns used by score, filter and run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { registrableDomain } from '../src/email/providers.js';
import { websiteFromEmail } from '../src/classify/website-from-email.js';
import { asOfMs, freshness } from '../src/classify/freshness.js';
import { ageInDays, hasUnreadableRecordDate, recordAge, recordDate, recordDateReadings } from '../src/date/record-age.js';
import { parseRules } from '../src/rules/load.js';
import type { Row } from '../src/table.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-enrich-'));

function table(csv: string): Row[] {
  const [header, ...rest] = parseCsv(csv);
  return rest.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
}

function byId(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r.record_id, r]));
}

/**
 * A trade-fair and CRM list from Germany, Austria, Switzerland, the UK and the US: capitals from
 * a vendor, Austrian titles, free-mail, a provider address, a disposable and a mistyped domain,
 * role mailboxes, a website already given, and record dates in three notations.
 */
const LEADS = [
  'record_id,salutation,academic_title,first_name,last_name,company,email,website,postal_code,city,country,updated_at,created_at',
  'crm:1,Herr,Dr.,Thomas,Müller,Müller Maschinenbau GmbH,t.mueller@vertrieb.mueller-maschinenbau.de,,80331,München,DE,2026-11-01,2019-04-02',
  'crm:2,FRAU,,KATHARINA,SCHNEIDER,SCHNEIDER LOGISTIK AG,k.schneider@schneider-logistik.de,www.schneider-logistik.de,20095,Hamburg,Deutschland,,15.03.2024',
  'crm:3,Herr,Mag.,Jürgen,Huber,Huber Holzbau GmbH,info@huber-holzbau.co.at,,1010,Wien,Österreich,03/01/2024,2025-05-20',
  'crm:4,Frau,DI,Anna,Berger,Berger Technik GmbH,anna.berger@gmx.at,,8010,Graz,AT,,',
  'crm:5,Herr,Prof. Dr.,Urs,Keller,Keller Treuhand AG,urs.keller@bluewin.ch,,8001,Zürich,CH,2025-11-22,',
  'crm:6,,,Alex,Meier,Meier Consulting,alex@mailinator.com,,50667,Köln,DE,2026-06-30,',
  'crm:7,Mrs,,Jane,Smith,Smith & Co Ltd,jane.smith@smithandco.co.uk,,SW1A 1AA,London,UK,2026-10-10,',
  'crm:8,Mr.,,John,Miller,Acme Inc.,john@gmial.com,,10001,New York,US,,2026-09-01',
  'crm:9,Frau,,Sabine,Wolf,,sabine.wolf@t-online.de,,10115,Berlin,DE,,',
  'crm:10,,,,,Richter Immobilien GmbH,vertrieb@richter-immobilien.de,,10117,Berlin,DE,,2023-01-05',
  'crm:11,Herr,,Peter,Schwarz,Schwarz GmbH,peter.schwarz(at)schwarz.de,,70173,Stuttgart,DE,,',
].join('\n') + '\n';

async function classify(args: string[] = [], input = LEADS) {
  return runCli(['classify', '-', ...args], { stdin: input });
}

describe('registrableDomain (src/email)', () => {
  it.each<[string, string]>([
    ['mueller-holz.de', 'mueller-holz.de'],
    ['vertrieb.mueller-holz.de', 'mueller-holz.de'],
    ['mail.firma.co.uk', 'firma.co.uk'],
    ['huber-holzbau.co.at', 'huber-holzbau.co.at'],
    ['shop.firma.com.cn', 'firma.com.cn'],
    ['de.bosch.com', 'bosch.com'],
    ['uni-wien.ac.at', 'uni-wien.ac.at'],
    ['müller-bäckerei.de', 'müller-bäckerei.de'],
    ['localhost', ''],
  ])('%s → %s', (domain, want) => {
    expect(registrableDomain(domain)).toBe(want);
  });
});

describe('website from a corporate email', () => {
  it.each<[Row, string, string]>([
    [{ email: 'k.schulz@muster-mb.de' }, 'muster-mb.de', 'from_email'],
    [{ email: 'K.Schulz@Vertrieb.Muster-MB.de ' }, 'muster-mb.de', 'from_email'],
    [{ email: 'Max Mustermann <max@firma.co.uk>' }, 'firma.co.uk', 'from_email'],
    // A role mailbox is still the company's domain.
    [{ email: 'info@baeckerei-huber.at' }, 'baeckerei-huber.at', 'from_email'],
    [{ email: 'vertrieb@zoetl.de' }, 'zoetl.de', 'from_email'],
    // Free-mail and internet providers name the provider, not the company.
    [{ email: 'sabine.wolf@gmail.com' }, '', 'free_mail'],
    [{ email: 'j.huber@gmx.at' }, '', 'free_mail'],
    [{ email: 'hans@t-online.de' }, '', 'free_mail'],
    [{ email: 'urs@bluewin.ch' }, '', 'free_mail'],
    [{ email: 'mike@comcast.net' }, '', 'free_mail'],
    [{ email: 'eva@web.de' }, '', 'free_mail'],
    [{ email: 'x@mailinator.com' }, '', 'disposable'],
    [{ email: 'john@gmial.com' }, '', 'bad_email'],
    [{ email: 'peter(at)schwarz.de' }, '', 'bad_email'],
    [{ email: 'a@firma.con' }, '', 'bad_email'],
    // validate's MX check found no mail host: no company behind the domain.
    [{ email: 'max@stillgelegt-gmbh.de', email_status: 'invalid' }, '', 'bad_email'],
    [{ email: '' }, '', 'no_email'],
    [{ email: 'n/a' }, '', 'bad_email'],
    [{}, '', 'no_email'],
    // A website the row has is kept; one an earlier run filled keeps saying so.
    [{ email: 'max@firma.de', website: 'https://www.firma-gruppe.de' }, 'https://www.firma-gruppe.de', 'given'],
    [{ email: 'max@firma.de', website: 'firma.de', website_status: 'from_email' }, 'firma.de', 'from_email'],
  ])('%j → %j %s', (row, website, status) => {
    expect(websiteFromEmail(row)).toEqual({ website, website_status: status });
  });
});

describe('freshness (record-age.ts read once for classify)', () => {
  const AS_OF = asOfMs('2026-11-22');
  const months = (n: number) => ({ months: n });
  it.each<[Row, string, string, string]>([
    [{ updated_at: '2026-11-01', created_at: '2019-04-02' }, '21', 'ok', 'false'],
    [{ created_at: '15.03.2024' }, '982', 'ok', 'true'],
    [{ created_at: '2025-05-20' }, '551', 'ok', 'false'],
    [{ updated_at: '03/01/2024', created_at: '2025-05-20' }, '551', 'unreadable', 'false'],
    [{ updated_at: '31.02.2024' }, '', 'unreadable', ''],
    // After the as-of day: no age, neither stale nor fresh.
    [{ updated_at: '2027-01-01' }, '', 'future', ''],
    [{ updated_at: '2062-11-21', created_at: '2020-01-01' }, '', 'future', ''],
    [{ updated_at: '2026-11-23T00:30:00+01:00' }, '', 'future', ''],
    [{ updated_at: '2026-11-22T23:59:00Z' }, '0', 'ok', 'false'],
    // Calendar days: a time of day takes no day off.
    [{ updated_at: '2026-11-21T14:00:00Z' }, '1', 'ok', 'false'],
    [{ updated_at: '2026-11-21' }, '1', 'ok', 'false'],
    [{ updated_at: '21.11.2026 23:59' }, '1', 'ok', 'false'],
    [{ updated_at: '2024-11-22T18:00:00Z' }, '730', 'ok', 'false'],
    [{ updated_at: '2024-11-21T23:00:00Z' }, '731', 'ok', 'true'],
    // The delivery date import read off the file's date is a guess, and says so.
    [{ source_delivered_at: '2025-02-01', source_delivered_status: 'file_date' }, '659', 'file_date', 'false'],
    [{ source_delivered_at: '2025-02-01', source_delivered_status: 'given' }, '659', 'delivery_date', 'false'],
    [{ created_at: '2025-02-01', source_delivered_at: '2025-02-01', source_delivered_status: 'file_date' }, '659', 'ok', 'false'],
    [{ source_delivered_at: '2023-01-05' }, '1417', 'delivery_date', 'true'],
    [{ created_at: '2025-05-20', source_delivered_at: '2026-01-10' }, '551', 'ok', 'false'],
    [{}, '', 'no_date', ''],
  ])('%j → %s days, %s, stale %s', (row, days, status, stale) => {
    expect(freshness(row, AS_OF, months(24))).toEqual({ record_age_days: days, record_age_status: status, stale });
  });

  it('reads a day/month date the way its column settles it (the column reading, once per column)', () => {
    const column: Row[] = ['25/12/2024', '03/04/2025', '13/01/2025'].map((updated_at) => ({ updated_at }));
    const readings = recordDateReadings(column);
    expect(readings.updated_at).toMatchObject({ order: 'dmy', orderFrom: 'values' });
    expect(column.map((r) => freshness(r, AS_OF, months(24), readings))).toEqual([
      { record_age_days: '697', record_age_status: 'ok', stale: 'false' },
      { record_age_days: '598', record_age_status: 'ok', stale: 'false' }, // 3 April 2025, no guess
      { record_age_days: '678', record_age_status: 'ok', stale: 'false' },
    ]);
    // Read alone, the middle one would be a guess, and is no date.
    expect(freshness(column[1], AS_OF, months(24)).record_age_status).toBe('unreadable');
    // A US column that settles the order month first.
    const us = recordDateReadings([{ created_at: '12/25/2024' }, { created_at: '03/04/2025' }]);
    expect(freshness({ created_at: '03/04/2025' }, AS_OF, months(24), us).record_age_days).toBe('628'); // 4 March 2025
  });

  it('reads a column that settles nothing in the list country\'s order, and says the date is a guess', () => {
    const rows: Row[] = [{ updated_at: '03/04/2025' }, { updated_at: '2025-01-01' }];
    const de = recordDateReadings(rows, 'DE');
    expect(freshness(rows[0], AS_OF, months(24), de)).toEqual({ record_age_days: '598', record_age_status: 'order_guessed', stale: 'false' });
    const us = recordDateReadings(rows, 'US');
    expect(freshness(rows[0], AS_OF, months(24), us)).toEqual({ record_age_days: '628', record_age_status: 'order_guessed', stale: 'false' });
    // A value that settles its own order is no guess, whatever the column.
    expect(freshness({ updated_at: '13/04/2025' }, AS_OF, months(24), us).record_age_status).toBe('ok');
    // The record's own readable date still wins over a less telling one.
    expect(freshness({ updated_at: '', created_at: '03/04/2025', source_delivered_at: '2026-01-01' }, AS_OF, months(24), recordDateReadings([{ created_at: '03/04/2025' }])).record_age_status).toBe('order_guessed');
  });

  it('the record date the sources scorecard reads is the same calendar day', () => {
    const asOf = asOfMs('2026-11-22');
    expect(recordDate({ updated_at: '2026-11-21T14:00:00Z' })).toEqual({ ms: Date.UTC(2026, 10, 21), field: 'updated_at' });
    expect(ageInDays(Date.UTC(2026, 10, 21, 14), asOf)).toBe(1);
    expect(recordAge({ updated_at: '2062-01-01' }, asOf, months(24))).toMatchObject({ status: 'future', field: 'updated_at' });
    expect(recordAge({ updated_at: '2062-01-01' }, asOf, months(24)).days).toBeUndefined();
    expect(recordDate({ updated_at: '03/04/2025' }, recordDateReadings([{ updated_at: '25/12/2024' }]))).toEqual({ ms: Date.UTC(2025, 3, 3), field: 'updated_at' });
    expect(hasUnreadableRecordDate({ updated_at: '03/04/2025' }, recordDateReadings([{ updated_at: '25/12/2024' }]))).toBe(false);
  });

  it('counts calendar months, and days when asked', () => {
    const row = { updated_at: '2025-11-22' };
    expect(freshness(row, AS_OF, months(12)).stale).toBe('false'); // exactly twelve months
    expect(freshness({ updated_at: '2025-11-21' }, AS_OF, months(12)).stale).toBe('true');
    expect(freshness(row, AS_OF, { days: 364 }).stale).toBe('true');
    expect(freshness(row, AS_OF, { days: 365 }).stale).toBe('false');
  });

  it('rules stale_after takes months, years and days; anything else is a rules error', () => {
    expect(parseRules('classify: { stale_after: 18 }', 'r.yml').classify.stale_after).toBe(18);
    expect(parseRules('classify: { stale_after: 2y }', 'r.yml').classify.stale_after).toBe('2y');
    let display = '';
    try {
      parseRules('classify: { stale_after: bald }', 'r.yml');
    } catch (err) {
      display = (err as { display: string }).display;
    }
    expect(display).toMatch(/^r\.yml:1:\d+: classify\.stale_after: must be an age: 24 or 24m \(months\), 2y \(years\), 90d \(days\)$/);
  });
});

describe('leadkit classify: enrichment columns', () => {
  it('fills website, gender, letter salutation and freshness, and counts them', async () => {
    const r = await classify(['--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    const rows = byId(table(r.stdout));
    const pick = (id: string, ...cols: string[]) => cols.map((c) => rows.get(id)?.[c]);
    expect(pick('crm:1', 'website', 'website_status', 'gender', 'letter_salutation', 'salutation_status')).toEqual([
      'mueller-maschinenbau.de', 'from_email', 'm', 'Sehr geehrter Herr Dr. Müller,', 'ok',
    ]);
    expect(pick('crm:2', 'website', 'website_status', 'gender', 'letter_salutation', 'salutation_status')).toEqual([
      'www.schneider-logistik.de', 'given', 'f', 'Sehr geehrte Frau Schneider,', 'recased',
    ]);
    // updated_at settles no day/month order and the list has no one country: day first, a guess (3 January 2024).
    expect(pick('crm:3', 'website', 'letter_salutation', 'record_age_days', 'record_age_status', 'stale')).toEqual([
      'huber-holzbau.co.at', 'Sehr geehrter Herr Mag. Huber,', '1054', 'order_guessed', 'true',
    ]);
    expect(pick('crm:4', 'website_status', 'letter_salutation')).toEqual(['free_mail', 'Sehr geehrte Frau DI Berger,']);
    expect(pick('crm:5', 'website_status', 'letter_salutation', 'stale')).toEqual(['free_mail', 'Sehr geehrter Herr Keller,', 'false']);
    expect(pick('crm:6', 'website_status', 'gender', 'letter_salutation', 'salutation_status')).toEqual(['disposable', '', 'Guten Tag Alex Meier,', 'no_gender']);
    expect(pick('crm:7', 'website', 'letter_salutation', 'salutation_language')).toEqual(['smithandco.co.uk', 'Dear Mrs Smith,', 'en']);
    expect(pick('crm:8', 'website_status', 'letter_salutation')).toEqual(['bad_email', 'Dear Mr. Miller:']);
    expect(pick('crm:10', 'website', 'letter_salutation', 'salutation_status', 'record_age_days', 'stale')).toEqual([
      'richter-immobilien.de', 'Sehr geehrte Damen und Herren,', 'generic', '1417', 'true',
    ]);
    expect(pick('crm:11', 'website_status')).toEqual(['bad_email']);
    // The input columns come first and unchanged; the vendor's capitals stay in the name fields.
    expect(parseCsv(r.stdout)[0].slice(0, 13)).toEqual(parseCsv(LEADS)[0]);
    expect(rows.get('crm:2')?.last_name).toBe('SCHNEIDER');
    expect(r.stderr).toContain('salutation ok 8, recased 1, no_gender 1, generic 1, gender unknown for 2');
    expect(r.stderr).toContain('website from email for 4 (website_status=from_email)');
    expect(r.stderr).toContain('stale 3 of 8 dated rows as of 2026-11-22 (older than 24 months), 1 with a guessed day/month order (record_age_status=order_guessed)');
  });

  it('counts age to --as-of, else the rules file as_of, else today; --stale-after overrides the rules file', async () => {
    const dir = tmp();
    const rules = path.join(dir, 'rules.yml');
    fs.writeFileSync(rules, 'as_of: 2025-11-22\nclassify:\n  stale_after: 6m\n');
    const input = 'record_id,first_name,last_name,updated_at\nx:1,Eva,Lang,2025-05-20\n';
    const today = table((await classify(['-q'], input)).stdout)[0];
    expect([today.record_age_days, today.stale]).toEqual(['551', 'false']); // LEADKIT_TODAY 2026-11-22, 24 months
    const fromRules = table((await classify(['--rules', rules, '-q'], input)).stdout)[0];
    expect([fromRules.record_age_days, fromRules.stale]).toEqual(['186', 'true']);
    const overridden = table((await classify(['--rules', rules, '--stale-after', '1y', '--as-of', '2025-06-01', '-q'], input)).stdout)[0];
    expect([overridden.record_age_days, overridden.stale]).toEqual(['12', 'false']);
    const days = table((await classify(['--stale-after', '90d', '-q'], input)).stdout)[0];
    expect(days.stale).toBe('true');
  });

  it('rejects an unreadable --stale-after and an unknown style with exit 2', async () => {
    const bad = await classify(['--stale-after', 'zwei Jahre']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stale-after "zwei Jahre": expected an age: 24 or 24m \(months\), 2y \(years\), 90d \(days\)/);
    const style = await classify(['--salutation-style', 'casual']);
    expect(style.code).toBe(2);
    expect(style.stderr).toMatch(/casual/);
  });

  it('takes the salutation style and titles from the command line over the rules file', async () => {
    const dir = tmp();
    const rules = path.join(dir, 'rules.yml');
    fs.writeFileSync(rules, 'classify:\n  salutation_style: informal\n  salutation_titles: never\n');
    const fromRules = byId(table((await classify(['--rules', rules, '-q'])).stdout));
    expect(fromRules.get('crm:1')?.letter_salutation).toBe('Hallo Thomas,');
    const formal = byId(table((await classify(['--rules', rules, '--salutation-style', 'formal', '-q'])).stdout));
    expect(formal.get('crm:1')?.letter_salutation).toBe('Sehr geehrter Herr Müller,');
    const always = byId(table((await classify(['--salutation-titles', 'always', '-q'])).stdout));
    expect(always.get('crm:5')?.letter_salutation).toBe('Sehr geehrter Herr Prof. Dr. Keller,');
  });

  it('--no-website-from-email leaves the website alone and adds no website_status', async () => {
    const r = await classify(['--no-website-from-email', '-q']);
    const header = parseCsv(r.stdout)[0];
    expect(header).not.toContain('website_status');
    expect(byId(table(r.stdout)).get('crm:1')?.website).toBe('');
  });

  it('gives a list without name, email or date columns the columns all the same', async () => {
    const r = await classify([], 'company,city\nMüller GmbH,München\n');
    expect(r.code).toBe(0);
    const [row] = table(r.stdout);
    expect(row).toMatchObject({ website: '', website_status: 'no_email', gender: '', letter_salutation: 'Dear Sir or Madam,', salutation_status: 'generic', record_age_days: '', record_age_status: 'no_date', stale: '' });
  });
});

describe('leadkit classify: guesses on the row, counted, as metrics (#18 review)', () => {
  /** Swiss, Austrian and German contacts: a gender column beside the salutation, Swiss cantons, slashed dates. */
  const MIXED = [
    'record_id,salutation,gender,first_name,last_name,company,postal_code,country,updated_at,created_at',
    'x:1,Herr,,Jürgen,Gruber,Gruber Bau GmbH,1010,AT,03/04/2025,',
    'x:2,Frau,female,Anna,Meier,Meier AG,8001,CH,25/12/2024,',
    'x:3,Herr,female,Urs,Keller,Keller Treuhand AG,1700,CH,13/01/2025,',
    'x:4,Signora,w,Chiara,Rossi,Rossi SA,6900,CH,2062-05-01,',
    'x:5,Frau,unbekannt,Eva,Lang,Lang KG,80331,DE,,2025-01-01T22:00:00Z',
  ].join('\n') + '\n';

  it('reads 03/04/2025 the way its column settles it, though the settling value comes later', async () => {
    const r = await classify(['--as-of', '2026-11-22'], MIXED);
    expect(r.code).toBe(0);
    const rows = byId(table(r.stdout));
    expect([rows.get('x:1')?.record_age_days, rows.get('x:1')?.record_age_status]).toEqual(['598', 'ok']); // 3 April 2025
    expect([rows.get('x:4')?.record_age_days, rows.get('x:4')?.record_age_status, rows.get('x:4')?.stale]).toEqual(['', 'future', '']);
    expect(rows.get('x:5')?.record_age_days).toBe('690'); // the day 2025-01-01, whatever the hour
    expect(r.stderr).toContain('stale 0 of 4 dated rows as of 2026-11-22 (older than 24 months), 1 dated after the as-of day (record_age_status=future)');
  });

  it('normalises a kept gender column, flags a conflict with the salutation and an unreadable value', async () => {
    const r = await classify(['--as-of', '2026-11-22'], MIXED);
    const rows = byId(table(r.stdout));
    const pick = (id: string) => ['gender', 'gender_status', 'letter_salutation'].map((c) => rows.get(id)?.[c]);
    expect(pick('x:2')).toEqual(['f', 'given', 'Sehr geehrte Frau Meier,']);
    // "female" beside "Herr": the letter names no gender (Fribourg: French, a guess).
    expect(pick('x:3')).toEqual(['f', 'conflict', 'Bonjour Urs Keller,']);
    expect(pick('x:4')).toEqual(['f', 'given', 'Dear Ms Rossi,']);
    expect(pick('x:5')).toEqual(['unbekannt', 'unreadable', 'Sehr geehrte Frau Lang,']);
    expect(r.stderr).toContain('1 with a gender column against the salutation (gender_status=conflict), 1 with an unreadable gender kept (gender_status=unreadable)');
    const f = await runCli(['filter', 'gender eq f', '-q'], { stdin: r.stdout });
    expect(table(f.stdout).map((row) => row.record_id)).toEqual(['x:2', 'x:3', 'x:4']);
  });

  it('says which letter languages are guesses: Fribourg French, Ticino in English', async () => {
    const r = await classify(['--as-of', '2026-11-22'], MIXED);
    const rows = byId(table(r.stdout));
    const pick = (id: string) => ['region_code', 'salutation_language', 'salutation_language_status'].map((c) => rows.get(id)?.[c]);
    expect(pick('x:1')).toEqual(['AT-9', 'de', 'country']);
    expect(pick('x:2')).toEqual(['CH-ZH', 'de', 'country']);
    expect(pick('x:3')).toEqual(['CH-FR', 'fr', 'guessed']);
    expect(pick('x:4')).toEqual(['CH-TI', 'en', 'unsupported']);
    expect(r.stderr).toContain('1 in a guessed language (salutation_language_status=guessed), 1 in English for a language without salutations here (salutation_language_status=unsupported)');
  });

  it('decides a column\'s reading from the first rows and warns when a later value says otherwise', async () => {
    const lines = ['record_id,first_name,last_name,updated_at'];
    // 10,000 rows that settle day first, then rows that write the month first.
    for (let i = 1; i <= 10_000; i++) lines.push(`r:${i},Eva,Lang,${i % 2 ? '25/12/2024' : '03/04/2025'}`);
    lines.push('r:10001,Jan,Berg,03/04/2025', 'r:10002,Tom,Hale,12/25/2024', 'r:10003,Ann,Lee,11/30/2024');
    const r = await classify(['--as-of', '2026-11-22'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    const rows = byId(table(r.stdout));
    expect(rows.get('r:2')?.record_age_days).toBe('598');
    expect(rows.get('r:10001')?.record_age_days).toBe('598'); // read day first, as the first rows settled
    expect(rows.get('r:10002')?.record_age_days).toBe('697'); // the value settles its own order
    expect(r.stderr).toMatch(/classify: updated_at: 2 values after the first 10,000 rows write the month first \("12\/25\/2024"\), but the column was read day first/);
  });

  it('reads a column no value settles day first, and marks the rows as guesses', async () => {
    const r = await classify(['--as-of', '2026-11-22'], 'record_id,last_name,country,updated_at\nu:1,Hale,US,03/04/2025\nu:2,Lee,US,2025-01-01\n');
    const [a] = table(r.stdout);
    // One US row is no list country (ten rows at least decide one): day first, a guess.
    expect([a.record_age_days, a.record_age_status]).toEqual(['598', 'order_guessed']);
    const us = ['record_id,last_name,country,updated_at', ...Array.from({ length: 12 }, (_, i) => `u:${i + 1},Hale,US,03/04/2025`)].join('\n') + '\n';
    const b = table((await classify(['--as-of', '2026-11-22', '-q'], us)).stdout)[0];
    expect([b.record_age_days, b.record_age_status]).toEqual(['628', 'order_guessed']); // a US list: 4 March
  });

  it('says when the age rests on a delivery date import read off the file\'s date', async () => {
    const dir = tmp();
    const file = path.join(dir, 'messe.csv');
    fs.writeFileSync(file, 'first_name,last_name,company,created_at\nEva,Lang,Lang KG,\nUrs,Keller,Keller AG,2026-01-10\n');
    const t = new Date('2025-02-01T12:00:00Z');
    fs.utimesSync(file, t, t);
    const imported = await runCli(['import', file, '-q']);
    const r = await classify(['--as-of', '2026-11-22'], imported.stdout);
    const [lang, keller] = table(r.stdout);
    expect([lang.source_delivered_status, lang.record_age_days, lang.record_age_status]).toEqual(['file_date', '659', 'file_date']);
    expect(keller.record_age_status).toBe('ok');
    expect(r.stderr).toContain("1 aged by the file's date (record_age_status=file_date)");
  });

  it('makes every guess a --fail-if metric in leadkit run', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'leads.csv'), MIXED);
    const f = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(f, 'as_of: 2026-11-22\ninputs: [leads.csv]\nsteps:\n  - classify: {}\noutputs:\n  - export: { output: out.csv }\n');
    for (const [metric, value] of [
      ['record_age_future_rate', '0.2'],
      ['gender_conflict_rate', '0.2'],
      ['gender_unreadable_rate', '0.2'],
      ['salutation_language_guessed_rate', '0.2'],
      ['salutation_language_unsupported_rate', '0.2'],
    ] as const) {
      const r = await runCli(['run', f, '-q', '--fail-if', `${metric}>0.1`]);
      expect(r.code, metric).toBe(3);
      expect(r.stderr).toContain(`${metric} is ${value} (fail if > 0.1)`);
    }
    expect((await runCli(['run', f, '-q', '--fail-if', 'record_age_file_date_rate>0', '--fail-if', 'record_age_order_guessed_rate>0'])).code).toBe(0);
    const none = pipelineWithout(dir);
    const missing = await runCli(['run', none, '-q', '--fail-if', 'gender_conflict_rate>0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/gender_conflict_rate needs a gender_status column \(add a classify step\)/);
    const lang = await runCli(['run', none, '-q', '--fail-if', 'salutation_language_guessed_rate>0']);
    expect(lang.stderr).toMatch(/needs a salutation_language_status column \(add a classify step\)/);
  });
});

function pipelineWithout(dir: string): string {
  const f = path.join(dir, 'no-classify.yml');
  fs.writeFileSync(f, 'inputs: [leads.csv]\noutputs:\n  - export: { output: out2.csv }\n');
  return f;
}

describe('stale and record_age_days downstream', () => {
  it('score rules read stale and record_age_days', async () => {
    const dir = tmp();
    const rules = path.join(dir, 'rules.yml');
    fs.writeFileSync(
      rules,
      [
        'as_of: 2026-11-22',
        'score:',
        '  fit:',
        '    groups:',
        '      - name: freshness',
        '        rules:',
        '          - { name: current, points: 20, field: stale, op: eq, value: false }',
        '          - { name: touched_lately, points: 10, field: record_age_days, op: lt, value: 90 }',
        '          - { name: has_salutation, points: 5, field: salutation_status, op: in, value: [ok, recased] }',
      ].join('\n') + '\n',
    );
    const c = await classify(['--rules', rules, '-q']);
    const s = await runCli(['score', '--rules', rules, '-q'], { stdin: c.stdout });
    expect(s.code).toBe(0);
    const rows = byId(table(s.stdout));
    expect(rows.get('crm:1')?.score_reasons).toBe('current:+20;touched_lately:+10;has_salutation:+5'); // 21 days
    expect(rows.get('crm:2')?.score_reasons).toBe('has_salutation:+5'); // stale since March 2024
    expect(rows.get('crm:10')?.score_reasons).toBe(''); // stale and no personal salutation
    expect(rows.get('crm:4')?.score_reasons).toBe('has_salutation:+5'); // no date: neither fresh nor stale
    expect(rows.get('crm:1')?.fit_score).toBe('35');
  });

  it("leadkit filter 'stale eq false' keeps the current rows; rows without a date are neither", async () => {
    const c = await classify(['--as-of', '2026-11-22', '-q']);
    const keep = await runCli(['filter', 'stale eq false', '-q'], { stdin: c.stdout });
    expect(keep.code).toBe(0);
    expect(table(keep.stdout).map((r) => r.record_id)).toEqual(['crm:1', 'crm:5', 'crm:6', 'crm:7', 'crm:8']);
    const old = await runCli(['filter', 'stale eq true or record_age_days gt 500', '-q'], { stdin: c.stdout });
    expect(table(old.stdout).map((r) => r.record_id)).toEqual(['crm:2', 'crm:3', 'crm:10']);
    const undated = await runCli(['filter', 'stale empty', '-q'], { stdin: c.stdout });
    expect(table(undated.stdout).map((r) => r.record_id)).toEqual(['crm:4', 'crm:9', 'crm:11']);
  });
});

describe('classify in leadkit run', () => {
  function pipeline(dir: string, body: string): string {
    fs.writeFileSync(path.join(dir, 'leads.csv'), LEADS);
    const f = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(f, body);
    return f;
  }

  it("takes the step's options by their flag names and the run's as_of", async () => {
    const dir = tmp();
    const f = pipeline(
      dir,
      [
        'as_of: 2025-12-31',
        'inputs: [leads.csv]',
        'steps:',
        '  - classify: { salutation-style: informal, salutation-titles: always, stale-after: 18m }',
        'outputs:',
        '  - export: { output: out.csv }',
      ].join('\n') + '\n',
    );
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(0);
    const out = table(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));
    // Import gives the rows its own record_id and keeps the list's beside it.
    expect(out[0]).toMatchObject({ record_id: 'leads:1', source: 'leads', record_id_original: 'crm:1' });
    const rows = new Map(out.map((r) => [r.record_id_original, r]));
    expect(rows.get('crm:1')?.letter_salutation).toBe('Hallo Thomas,');
    expect(rows.get('crm:7')?.letter_salutation).toBe('Hi Jane,');
    // 2024-03-15 is more than 18 months before the run's 2025-12-31; 2025-05-20 is not.
    expect([rows.get('crm:2')?.record_age_days, rows.get('crm:2')?.stale]).toEqual(['656', 'true']);
    expect([rows.get('crm:6')?.record_age_days, rows.get('crm:6')?.record_age_status, rows.get('crm:6')?.stale]).toEqual(['', 'future', '']); // 2026-06-30
    expect([rows.get('crm:3')?.record_age_days, rows.get('crm:3')?.stale]).toEqual(['728', 'true']); // 03/01/2024 read day first
    expect(rows.get('crm:5')?.letter_salutation).toBe('Hallo Urs,');
  });

  it('--fail-if on the salutation and website statuses trips with exit 3', async () => {
    const dir = tmp();
    const f = pipeline(dir, 'inputs: [leads.csv]\nsteps:\n  - classify: {}\noutputs:\n  - export: { output: out.csv }\n');
    const ok = await runCli(['run', f, '-q', '--fail-if', 'salutation_generic_rate>0.2', '--fail-if', 'website_from_email_rate<0.3']);
    expect(ok.code).toBe(0);
    const tripped = await runCli(['run', f, '-q', '--fail-if', 'salutation_no_gender_rate>=0.05']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/salutation_no_gender_rate is 0\.0909 \(fail if >= 0\.05\)/);
    const unreadable = await runCli(['run', f, '-q', '--fail-if', 'record_age_unreadable_rate>0']);
    expect(unreadable.code).toBe(0);
    const guessed = await runCli(['run', f, '-q', '--fail-if', 'record_age_order_guessed_rate>0']);
    expect(guessed.code).toBe(3);
    expect(guessed.stderr).toMatch(/record_age_order_guessed_rate is 0\.0909 \(fail if > 0\)/);
  });

  it('says which step a salutation metric needs when the run has no classify step', async () => {
    const dir = tmp();
    const f = pipeline(dir, 'inputs: [leads.csv]\noutputs:\n  - export: { output: out.csv }\n');
    const r = await runCli(['run', f, '-q', '--fail-if', 'salutation_generic_rate>0.2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/salutation_generic_rate needs a salutation_status column \(add a classify step\)/);
  });
});
