import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';

function records(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** A CRM export with its own (English, Salesforce-style) headers: import's synonyms map them. */
const CRM =
  'Lead ID,First Name,Last Name,Company,Email,Phone,Zip/Postal Code,City,Email Opt In\n' +
  '00Q1,Thomas,Müller,Müller Holzbau GmbH,t.mueller@mueller-holzbau.de,+49 30 1234560,10115,Berlin,true\n' +
  '00Q2,Katharina,Schäfer,Schäfer & Söhne KG,k.schaefer@schaefer-soehne.de,+49 89 1234567,80802,München,false\n' +
  '00Q3,Jürgen,Weiß,Weiß Elektrotechnik e.K.,info@weiss-elektro.de,+49 351 4567890,01099,Dresden,true\n';

/** Purchased leads, German vendor headers with semicolons. */
const PURCHASED =
  'Anrede;Titel;Vorname;Nachname;Firma;E-Mail;Telefon;PLZ;Ort\n' +
  'Herr;Dr.;Tom;Mueller;Mueller Holzbau G.m.b.H.;thomas.mueller@gmail.com;030 1234560;10115;Berlin\n' +
  'Frau;;Kathi;Schaefer;Schaefer und Söhne KG;k.schaefer@schaefer-soehne.de;089 1234567;80802;Muenchen\n' +
  'Frau;;Anna;Müller;Müller Holzbau GmbH;anna.mueller@mueller-holzbau.de;030 1234560;10115;Berlin\n' +
  'Herr;;Peter;Weiß;Weiss Elektrotechnik e.K.;info@weiss-elektro.de;0351 4567890;01099;Dresden\n' +
  'Frau;;Sophie;Hoffmann;;sophie.hoffmann@web.de;0170 9876543;04109;Leipzig\n';

let crmFile: string;
let imported: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-match-'));
  crmFile = path.join(dir, 'crm.csv');
  fs.writeFileSync(crmFile, CRM);
  imported = (await runCli(['import', '-q'], { stdin: PURCHASED })).stdout;
});

describe('leadkit match --against', () => {
  it('links each input row to the reference record it already is, with score and reason', async () => {
    const r = await runCli(['match', '--against', crmFile], { stdin: imported });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`match: 5 rows against 3 in ${crmFile}: 2 existing, 3 new; threshold 0.9; CRM ids from "Lead ID" in match_crm_id\n`);
    const out = records(r.stdout);
    expect(out.map((x) => x.match_id)).toEqual(['crm:1', 'crm:2', '', '', '']);
    expect(Number(out[0].match_score)).toBeGreaterThanOrEqual(0.9);
    // Tom with a gmail address is found through the number only he uses in the CRM.
    expect(out[0].match_reason).toContain('phone=exact');
    expect(out[0].match_reason).toContain('first_name=nickname');
    expect(out[1].match_reason).toMatch(/^email=exact/);
    // The colleague on the same switchboard and the relative on the same info@ address are new.
    expect(out[2]).toMatchObject({ first_name: 'Anna', match_id: '', match_score: '', match_reason: '' });
    expect(out[3]).toMatchObject({ first_name: 'Peter', match_id: '' });
    // Input columns pass unchanged; the three match columns come last.
    expect(parseCsv(r.stdout)[0].slice(-4)).toEqual(['match_id', 'match_score', 'match_reason', 'match_crm_id']);
    expect(out[0].email).toBe('thomas.mueller@gmail.com');
  });

  it('--only new / --only existing filter and the summary accounts for the rows left out', async () => {
    const fresh = await runCli(['match', '--against', crmFile, '--only', 'new'], { stdin: imported });
    expect(records(fresh.stdout).map((x) => x.first_name)).toEqual(['Anna', 'Peter', 'Sophie']);
    expect(fresh.stderr).toContain('(--only new: 3 out + 2 left out)');
    const known = await runCli(['match', '--against', crmFile, '--only', 'existing', '-q'], { stdin: imported });
    expect(records(known.stdout).map((x) => x.match_id)).toEqual(['crm:1', 'crm:2']);
    expect(known.stderr).toBe('');
  });

  it('reads a Windows-1252, semicolon reference with German headers through the import mapping', async () => {
    const crm = (await runCli(['import', 'fixtures/crm-export.csv', '-q'])).stdout;
    const r = await runCli(['match', '--against', 'fixtures/vendor-de.csv', '-q'], { stdin: crm });
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out[0]).toMatchObject({ first_name: 'Thomas', match_id: 'vendor-de:1' });
    expect(out[1].match_id).toMatch(/^vendor-de:[34]$/);
    expect(out.find((x) => x.first_name === 'Olga')?.match_id).toBe('');
  });

  it('--threshold decides how likely a link must be', async () => {
    // Same common name, but another town and another email: possibly the same man who moved, probably not.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-match-'));
    const file = path.join(dir, 'ref.csv');
    fs.writeFileSync(file, 'First Name,Last Name,Email,City\nThomas,Müller,thomas.mueller@gmx.de,Berlin\n');
    const input = 'record_id,first_name,last_name,email,city\nx:1,Thomas,Mueller,tm1971@web.de,Hamburg\n';
    const strict = records((await runCli(['match', '--against', file, '-q'], { stdin: input })).stdout);
    const loose = records((await runCli(['match', '--against', file, '--threshold', '0.1', '-q'], { stdin: input })).stdout);
    expect(strict[0].match_id).toBe('');
    expect(loose[0]).toMatchObject({ match_id: 'ref:1', match_reason: 'last_name=exact; first_name=exact' });
    expect(Number(loose[0].match_score)).toBeLessThan(0.9);
  });

  it.each([
    [[], /match needs --against FILE/, 2],
    [['--against', '-'], /--against needs a file/, 2],
    [['--against', 'CRM', '--only', 'all'], /--only/, 2],
    [['--against', 'CRM', '--threshold', '0'], /--threshold expects/, 2],
    [['--against', 'CRM', '--compare', 'kdnr:exact'], /no column "kdnr"/, 2],
    [['--against', '/nonexistent/crm.csv'], /nonexistent/, 1],
  ])('bad usage %j exits with its code', async (args, message, code) => {
    const r = await runCli(['match', ...args.map((a) => (a === 'CRM' ? crmFile : a))], { stdin: imported });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('match treats both sides alike', () => {
  /** A US restaurant guide as a CRM exports it (HubSpot-style ids), and a second guide of the same places. */
  const REF =
    'Record ID,First Name,Last Name,Company,Phone,City,State\n' +
    '9001,Arnie,Morton,Arnie Morton\'s of Chicago,310/246-1501,Los Angeles,CA\n' +
    '9002,Art,Delis,Art\'s Deli,818/762-1221,Studio City,CA\n' +
    '9003,Bel,Air,Hotel Bel-Air,310/472-1211,Bel Air,CA\n';
  const NEW =
    'first_name,last_name,company,phone,city,state\n' +
    'Arnie,Morton,Arnie Morton\'s,(310) 246-1501,Los Angeles,CA\n' +
    'Art,Delis,Art\'s Delicatessen,+1 818 762 1221,Studio City,CA\n' +
    'Bel,Air,Hotel Bel Air,310.472.1211,Bel Air,CA\n';
  let dir: string;
  let ref: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-match-both-'));
    ref = path.join(dir, 'guide.csv');
    fs.writeFileSync(ref, REF);
  });

  it('a validated input links to a raw reference exactly as the raw input does (US numbers)', async () => {
    const raw = await runCli(['import', '-q'], { stdin: NEW });
    const validated = await runCli(['validate', '-q', '--default-country', 'US'], { stdin: raw.stdout });
    const a = await runCli(['match', '-q', '--against', ref, '--default-country', 'US'], { stdin: raw.stdout });
    const b = await runCli(['match', '-q', '--against', ref, '--default-country', 'US'], { stdin: validated.stdout });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ida = records(a.stdout).map((x) => x.match_id);
    expect(ida).toEqual(['guide:1', 'guide:2', 'guide:3']);
    expect(records(b.stdout).map((x) => x.match_id)).toEqual(ida);
    expect(records(b.stdout).map((x) => x.match_reason)).toEqual(records(a.stdout).map((x) => x.match_reason));
  });

  it("writes the reference's own id as match_crm_id, and keeps the record_id of a reference imported before", async () => {
    const raw = await runCli(['import', '-q'], { stdin: NEW });
    const r = await runCli(['match', '-q', '--against', ref, '--default-country', 'US'], { stdin: raw.stdout });
    expect(records(r.stdout).map((x) => x.match_crm_id)).toEqual(['9001', '9002', '9003']);
    const importedRef = path.join(dir, 'crm-imported.csv');
    fs.writeFileSync(importedRef, (await runCli(['import', '-q', '--source', 'hubspot', ref])).stdout);
    const again = await runCli(['match', '-q', '--against', importedRef, '--default-country', 'US'], { stdin: raw.stdout });
    expect(records(again.stdout).map((x) => x.match_id)).toEqual(['hubspot:1', 'hubspot:2', 'hubspot:3']);
    expect(records(again.stdout).map((x) => x.match_crm_id)).toEqual(['9001', '9002', '9003']);
  });

  it('--against-map maps headers import does not know; --against-sheet picks the sheet', async () => {
    const odd = path.join(dir, 'odd.csv');
    fs.writeFileSync(odd, REF.replace('Last Name', 'Familienname des Kontakts').replace('Phone', 'Rufnummer Zentrale'));
    const raw = await runCli(['import', '-q'], { stdin: NEW });
    const unmapped = await runCli(['match', '-q', '--against', odd, '--default-country', 'US'], { stdin: raw.stdout });
    const mapped = await runCli(
      ['match', '-q', '--against', odd, '--default-country', 'US', '--against-map', 'Familienname des Kontakts=last_name', '--against-map', 'Rufnummer Zentrale=phone'],
      { stdin: raw.stdout },
    );
    expect(records(mapped.stdout).map((x) => x.match_id)).toEqual(['odd:1', 'odd:2', 'odd:3']);
    expect(records(unmapped.stdout).filter((x) => x.match_id).length).toBeLessThan(3);
    const sheet = await runCli(['match', '-q', '--against', path.resolve(import.meta.dirname, '../fixtures/messe-kontakte.xlsx'), '--against-sheet', '99'], { stdin: raw.stdout });
    expect(sheet.code).toBe(2);
  });
});
