/**
 * leadkit accounts on a list generated here with its truth: every contact carries the company it
 * really works for (column "truth"), so each account's membership is checked against it, and the
 * list holds what account matching must get right: spelling and legal-form variants, umlauts
 * folded to ASCII, capitals, "Autohaus Müller" in Köln and in Kiel (two firms), a branch in
 * another town tied by its corporate domain, free-mail contacts who must not tie two firms of one
 * name, Austrian, Swiss and US companies, and private rows without a company.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { seeded as prng } from './helpers/seeded.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { buildAccounts, roleReader } from '../src/accounts/index.js';
import { canonicalCompanyName } from '../src/company/display.js';
import type { Row } from '../src/table.js';
import type { RunSummary } from '../src/report/summary.js';

const root = path.resolve(import.meta.dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-accounts-'));

interface Site {
  street: string[];
  postal: string[];
  city: string[];
  country: string[];
  phone: string[];
}

interface Company {
  id: string;
  spellings: string[];
  sites: Site[];
  /** Corporate email domain; '' when its people write from free-mail addresses only. */
  domain: string;
  contacts: number;
}

const COMPANIES: Company[] = [
  {
    id: 'mueller-koeln',
    spellings: ['Müller GmbH', 'Mueller GmbH', 'MÜLLER Gesellschaft mit beschränkter Haftung', 'Müller G.m.b.H.'],
    sites: [{ street: ['Hauptstraße 5', 'Hauptstr. 5', ''], postal: ['50667', '50667', 'D-50667'], city: ['Köln', 'Koeln', 'KÖLN'], country: ['Deutschland', 'DE', ''], phone: ['+49 221 123450', '0221 12345-0', '0221/123450'] }],
    domain: 'mueller-gmbh.de',
    contacts: 7,
  },
  {
    id: 'autohaus-koeln',
    spellings: ['Autohaus Müller', 'Autohaus Mueller', 'AUTOHAUS MÜLLER'],
    sites: [{ street: ['Venloer Str. 100', 'Venloer Straße 100'], postal: ['50825'], city: ['Köln'], country: ['Deutschland'], phone: ['0221 555100'] }],
    domain: '',
    contacts: 3,
  },
  {
    id: 'autohaus-kiel',
    spellings: ['Autohaus Müller', 'Autohaus Mueller'],
    sites: [{ street: ['Holstenstraße 20', 'Holstenstr. 20'], postal: ['24103'], city: ['Kiel'], country: ['Deutschland', 'DE'], phone: ['0431 777200'] }],
    domain: '',
    contacts: 3,
  },
  {
    // Head office in München, a branch in Hamburg; the branch joins through the shared domain.
    id: 'schaefer',
    spellings: ['Schäfer & Söhne KG', 'Schaefer und Söhne KG', 'SCHÄFER & SÖHNE KG'],
    sites: [
      { street: ['Leopoldstraße 5', 'Leopoldstr. 5'], postal: ['80802'], city: ['München', 'Muenchen'], country: ['Deutschland'], phone: ['+49 89 1234567'] },
      { street: ['Mönckebergstraße 7'], postal: ['20095'], city: ['Hamburg'], country: ['Deutschland'], phone: ['040 3345670'] },
    ],
    domain: 'schaefer-soehne.de',
    contacts: 6,
  },
  {
    id: 'huber-wien',
    spellings: ['Huber Bau GmbH', 'HUBER BAU Ges.m.b.H.', 'Huber Bau GesmbH'],
    sites: [{ street: ['Mariahilfer Straße 100', 'Mariahilfer Str. 100'], postal: ['1060', 'A-1060'], city: ['Wien', 'Wien'], country: ['Österreich', 'AT', 'Austria'], phone: ['+43 1 5871234', '01 5871234'] }],
    domain: 'huber-bau.at',
    contacts: 4,
  },
  {
    id: 'meier-zuerich',
    spellings: ['Meier Treuhand AG', 'MEIER TREUHAND AG', 'Meier Treuhand A.G.'],
    sites: [{ street: ['Bahnhofstrasse 10'], postal: ['8001', 'CH-8001'], city: ['Zürich', 'Zuerich'], country: ['Schweiz', 'CH'], phone: ['+41 44 2112233', '044 211 22 33'] }],
    domain: 'meier-treuhand.ch',
    contacts: 3,
  },
  {
    id: 'acme-ny',
    spellings: ['Acme Corp.', 'ACME Corporation', 'Acme Corp'],
    sites: [{ street: ['350 Fifth Avenue', '350 5th Ave'], postal: ['10118'], city: ['New York', 'NEW YORK'], country: ['USA', 'United States'], phone: ['+1 212 555 0100', '(212) 555-0100'] }],
    domain: 'acme-corp.com',
    contacts: 4,
  },
  {
    // Two firms of one name, both writing from free-mail addresses: gmail.com ties nothing.
    id: 'schmidt-stuttgart',
    spellings: ['Schmidt Consulting'],
    sites: [{ street: ['Königstraße 1'], postal: ['70173'], city: ['Stuttgart'], country: ['Deutschland'], phone: ['0711 220011'] }],
    domain: '',
    contacts: 2,
  },
  {
    id: 'schmidt-berlin',
    spellings: ['Schmidt Consulting'],
    sites: [{ street: ['Invalidenstraße 3'], postal: ['10115'], city: ['Berlin'], country: ['Deutschland'], phone: ['030 4455660'] }],
    domain: '',
    contacts: 2,
  },
];

/** Titles by the role classify reads from them. */
const TITLES: Record<string, string[]> = {
  decider: ['Geschäftsführer', 'Geschäftsführerin', 'CEO', 'Prokurist'],
  buyer: ['Leiter Einkauf', 'Einkäuferin', 'Purchasing Manager'],
  influencer: ['Software Engineer', 'Marketing Manager'],
  user: ['Sachbearbeiterin Buchhaltung'],
  gatekeeper: ['Assistentin der Geschäftsführung', 'Empfang'],
};
const FIRST = ['Jürgen', 'Anna', 'Thomas', 'Birgit', 'Özlem', 'Stefan', 'Katharina', 'Lukas', 'Mary', 'John'];
const LAST = ['Weiß', 'Schäfer', 'Bauer', 'Köhler', 'Nowak', 'Smith', 'Gruber', 'Brunner', 'Yılmaz', 'Hofmann'];
const FREE = ['gmail.com', 'web.de', 'gmx.de', 't-online.de'];

const HEADER = ['Vorname', 'Nachname', 'Firma', 'Position', 'E-Mail', 'Telefon', 'Straße', 'PLZ', 'Ort', 'Land', 'truth', 'role'];

const ascii = (s: string) => s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/[^a-z]/g, '');

/**
 * The generated list, one array per row (HEADER's columns). Roles cycle through the five, so
 * coverage is known: an account of n contacts has the first n roles of the cycle started at its
 * offset. Private rows (no company, "Privat", "-") close the list.
 */
function generatedList(seed = 7): string[][] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const roles = Object.keys(TITLES);
  const out: string[][] = [];
  COMPANIES.forEach((c, ci) => {
    for (let k = 0; k < c.contacts; k++) {
      const site = c.sites[k % c.sites.length];
      const first = pick(FIRST);
      const last = pick(LAST);
      const role = roles[(ci + k) % roles.length];
      // Every third contact of a firm with a domain writes from a free-mail address.
      const free = c.domain === '' || k % 3 === 2;
      const email = `${ascii(first)}.${ascii(last)}${k}@${free ? pick(FREE) : c.domain}`;
      out.push([first, last, pick(c.spellings), pick(TITLES[role]), email, pick(site.phone), pick(site.street), pick(site.postal), pick(site.city), pick(site.country), c.id, role]);
    }
  });
  out.push(['Petra', 'Lang', '', 'Rentnerin', 'petra.lang@gmx.de', '030 1112233', 'Gartenweg 1', '12345', 'Berlin', 'Deutschland', '', '']);
  out.push(['Max', 'Kurz', 'Privat', '', 'max.kurz@web.de', '', '', '80331', 'München', 'Deutschland', '', '']);
  out.push(['Eva', 'Brandt', '-', 'Studentin', 'eva.brandt@gmail.com', '', '', '', 'Hamburg', '', '', '']);
  return out;
}

function csvText(header: string[], rows: string[][], delimiter = ';'): string {
  const q = (v: string) => (v.includes(delimiter) || /["\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(q).join(delimiter)).join('\n') + '\n';
}

function records(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** The generated list through leadkit import, as the rows accounts reads. */
async function imported(rows: string[][]): Promise<string> {
  const r = await runCli(['import', '-q', '--source', 'gen', '-'], { stdin: csvText(HEADER, rows) });
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Shuffle a copy (Fisher–Yates with the seeded PRNG). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = prng(seed);
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** account_id → truths of its contacts. */
function membership(contacts: Row[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const c of contacts) {
    if (!m.has(c.account_id)) m.set(c.account_id, new Set());
    m.get(c.account_id)!.add(c.truth);
  }
  return m;
}

describe('accounts: the generated list against its truth', () => {
  it('puts every contact of one company, and only those, in one account', async () => {
    const dir = tmp();
    const input = await imported(generatedList());
    const r = await runCli(['accounts', '-o', path.join(dir, 'accounts.csv'), '--contacts', path.join(dir, 'contacts.csv')], { stdin: input });
    expect(r.code, r.stderr).toBe(0);
    const contacts = records(fs.readFileSync(path.join(dir, 'contacts.csv'), 'utf8'));
    const accounts = records(fs.readFileSync(path.join(dir, 'accounts.csv'), 'utf8'));
    const total = COMPANIES.reduce((n, c) => n + c.contacts, 0);
    expect(contacts).toHaveLength(total + 3);

    // Private rows: no account_id, and counted.
    expect(contacts.filter((c) => c.truth === '').map((c) => c.account_id)).toEqual(['', '', '']);
    expect(r.stderr).toContain(`accounts: ${total + 3} rows = ${total} in ${COMPANIES.length} accounts + 3 without a company`);

    // Each account holds one truth, and each truth is in one account.
    const m = membership(contacts.filter((c) => c.truth !== ''));
    for (const [id, truths] of m) expect([...truths], id).toHaveLength(1);
    const accountOf = new Map([...m].map(([id, t]) => [[...t][0], id]));
    expect(accountOf.size).toBe(COMPANIES.length);
    expect(m.size).toBe(COMPANIES.length);

    // The accounts table: one row per company, with its contacts and canonical name.
    expect(accounts).toHaveLength(COMPANIES.length);
    const row = (truth: string) => accounts.find((a) => a.account_id === accountOf.get(truth)) as Row;
    for (const c of COMPANIES) expect(row(c.id).contacts, c.id).toBe(String(c.contacts));
    // The canonical spelling, chosen as dedupe chooses company_display (src/company/display.ts).
    for (const c of COMPANIES) {
      const spellings = contacts.filter((x) => x.truth === c.id).map((x) => x.company).sort();
      expect(row(c.id).account_name, c.id).toBe(canonicalCompanyName(spellings));
    }
    expect(row('mueller-koeln').account_name).toMatch(/^(Müller GmbH|Müller G\.m\.b\.H\.|MÜLLER Gesellschaft mit beschränkter Haftung)$/);
    expect(row('mueller-koeln').domain).toBe('mueller-gmbh.de');
    expect(row('mueller-koeln').name_variants.split(';').length).toBeGreaterThan(1);
    expect(row('schaefer').account_name).not.toBe('SCHÄFER & SÖHNE KG');
    expect(row('schaefer').locations).toBe('2');
    expect(row('huber-wien').country).toBe('AT');
    expect(row('meier-zuerich').country).toBe('CH');
    expect(row('acme-ny')).toMatchObject({ country: 'US', postal_code: '10118', domain: 'acme-corp.com' });
    // Free-mail contacts give no domain.
    expect(row('schmidt-stuttgart').domain).toBe('');
    expect(row('autohaus-kiel').city).toBe('Kiel');
  });

  it('counts the buying-center roles each account covers, in the fixed order', async () => {
    const rows = generatedList();
    const contacts = records(await imported(rows));
    const result = await buildAccounts(contacts, { roles: roleReader(Object.keys(contacts[0])) });
    const order = ['decider', 'buyer', 'influencer', 'user', 'gatekeeper'];
    const truthRoles = new Map<string, Set<string>>();
    for (const r of rows) if (r[10]) (truthRoles.get(r[10]) ?? truthRoles.set(r[10], new Set()).get(r[10])!).add(r[11]);
    const idOfTruth = new Map(contacts.map((c, i) => [c.truth, result.idOf[i]]));
    for (const c of COMPANIES) {
      const acc = result.accounts.find((a) => a.account_id === idOfTruth.get(c.id)) as Row;
      const want = order.filter((x) => truthRoles.get(c.id)!.has(x));
      expect(acc.roles_present, c.id).toBe(want.join(';'));
      expect(acc.roles_missing, c.id).toBe(order.filter((x) => !want.includes(x)).join(';'));
    }
    // Read from the titles (the list has no buying_role column) …
    expect(result.stats.roleSource).toBe('title');
    // … or from the column, where there is one.
    const withColumn = contacts.map((c) => ({ ...c, buying_role: c.role }));
    const again = await buildAccounts(withColumn, { roles: roleReader([...Object.keys(contacts[0]), 'buying_role']) });
    expect(again.stats.roleSource).toBe('column');
    expect(again.accounts.map((a) => a.roles_present)).toEqual(result.accounts.map((a) => a.roles_present));
    expect(again.stats.fullCoverage).toBe(COMPANIES.filter((c) => c.contacts >= 5).length);
  });

  it('gives the same accounts and ids in any input order', async () => {
    const rows = generatedList();
    const a = records(await imported(rows));
    const results = [];
    for (const seed of [1, 2, 3]) {
      const order = shuffled(a, seed);
      const r = await buildAccounts(order, { roles: roleReader(Object.keys(a[0])) });
      const byRecord = new Map(order.map((row, i) => [row.record_id, r.idOf[i]]));
      results.push({ table: r.accounts, ids: a.map((row) => byRecord.get(row.record_id)) });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(new Set(results[0].ids.filter(Boolean)).size).toBe(COMPANIES.length);
    for (const id of results[0].ids) if (id) expect(id).toMatch(/^a-[0-9a-hjkmnp-tv-z]{10}$/);
  });

  it('marks the targets of an ABM list, keeps one without contacts, and the contacts join the accounts', async () => {
    const dir = tmp();
    const targets = path.join(dir, 'targets.csv');
    fs.writeFileSync(
      targets,
      [
        'Account ID;Firmenname;Webseite;PLZ;Ort;Land',
        'T-1;MUELLER GMBH;www.mueller-gmbh.de;;;',
        'T-2;Schäfer und Söhne KG;;80802;München;Deutschland',
        'T-3;Autohaus Müller;;24103;Kiel;',
        'T-4;Meier Treuhand;;;;',
        'T-5;Bergbahnen Zermatt AG;zermatt.ch;3920;Zermatt;Schweiz',
        'T-6;Schmidt Consulting;;;;',
        '',
      ].join('\n'),
    );
    const input = await imported(generatedList());
    const r = await runCli(['accounts', '--targets', targets, '-o', path.join(dir, 'accounts.csv'), '--contacts', path.join(dir, 'contacts.csv')], { stdin: input });
    expect(r.code, r.stderr).toBe(0);
    const accounts = records(fs.readFileSync(path.join(dir, 'accounts.csv'), 'utf8'));
    const contacts = records(fs.readFileSync(path.join(dir, 'contacts.csv'), 'utf8'));
    const truthOf = new Map(contacts.filter((c) => c.account_id).map((c) => [c.account_id, c.truth]));
    const target = (id: string) => accounts.filter((a) => a.target_id.split(';').includes(id));

    expect(target('T-1').map((a) => truthOf.get(a.account_id))).toEqual(['mueller-koeln']);
    expect(target('T-2').map((a) => truthOf.get(a.account_id))).toEqual(['schaefer']);
    // Kiel, not Köln: the place decides between the two Autohaus Müller.
    expect(target('T-3').map((a) => truthOf.get(a.account_id))).toEqual(['autohaus-kiel']);
    // A name alone: a guess, said on the account.
    // (The list has no buying_role column: every account with contacts says its roles were read from titles.)
    expect(target('T-4').map((a) => [truthOf.get(a.account_id), a.account_status])).toEqual([['meier-zuerich', 'target_by_name_only;roles_from_title']]);
    // A name two accounts carry: both marked, both say so.
    expect(target('T-6').map((a) => [truthOf.get(a.account_id), a.account_status]).sort()).toEqual([
      ['schmidt-berlin', 'target_ambiguous;roles_from_title'],
      ['schmidt-stuttgart', 'target_ambiguous;roles_from_title'],
    ]);
    // No contact works there: a row of its own with no contacts, all roles missing.
    const zermatt = target('T-5');
    expect(zermatt).toHaveLength(1);
    expect(zermatt[0]).toMatchObject({ account_name: 'Bergbahnen Zermatt AG', contacts: '0', is_target: 'true', domain: 'zermatt.ch', country: 'CH', roles_present: '', roles_missing: 'decider;buyer;influencer;user;gatekeeper' });
    expect(zermatt[0].account_id).toMatch(/^a-/);
    expect(accounts.filter((a) => a.is_target === 'false').length).toBe(COMPANIES.length - 6);

    // Every contact's account_id is in the accounts file (the two files join).
    const ids = new Set(accounts.map((a) => a.account_id));
    for (const c of contacts) if (c.account_id) expect(ids.has(c.account_id)).toBe(true);
    expect(r.stderr).toMatch(/targets .*targets\.csv: 6, 5 matched, 1 without contacts/);
    expect(r.stderr).toMatch(/3 accounts guessed \(account_status: target_by_name_only 1, target_ambiguous 2\)/);
  });

  it('refuses a target row it cannot read, naming file and line (exit 1), and writes nothing', async () => {
    const dir = tmp();
    const input = await imported(generatedList());
    const out = path.join(dir, 'accounts.csv');
    const noName = path.join(dir, 'no-name.csv');
    fs.writeFileSync(noName, 'Firma,Webseite,Ort\nMüller GmbH,mueller-gmbh.de,Köln\n,zermatt.ch,Zermatt\n');
    const a = await runCli(['accounts', '--targets', noName, '-o', out], { stdin: input });
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`${noName}:3: target without a company name`);
    const ragged = path.join(dir, 'ragged.csv');
    fs.writeFileSync(ragged, 'Firma,Ort\nMüller GmbH,Köln\nHuber Bau GmbH,Wien,1060,extra\n');
    const b = await runCli(['accounts', '--targets', ragged, '-o', out], { stdin: input });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`${ragged}:3: target row not read as written (ragged)`);
    const noCompany = path.join(dir, 'no-company.csv');
    fs.writeFileSync(noCompany, 'Website,City\nzermatt.ch,Zermatt\n');
    const c = await runCli(['accounts', '--targets', noCompany, '-o', out], { stdin: input });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('no column maps to company');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('accounts on the fixtures', () => {
  it('groups the vendor and CRM lists, the README example with targets', async () => {
    const imp = await runCli(['import', '-q', path.join(root, 'fixtures/vendor-de.csv'), path.join(root, 'fixtures/crm-export.csv')]);
    const r = await runCli(['accounts', '--targets', path.join(root, 'fixtures/accounts/targets.csv')], { stdin: imp.stdout });
    expect(r.code, r.stderr).toBe(0);
    const accounts = records(r.stdout);
    const named = (n: string) => accounts.find((a) => a.account_name === n) as Row;
    // Müller Holzbau: the vendor's two rows (one with a gmail address) and the CRM's, in one account.
    expect(named('Müller Holzbau GmbH')).toMatchObject({ contacts: '3', is_target: 'true', target_id: 'ABM-001', domain: 'mueller-holzbau.de' });
    expect(named('Schäfer & Söhne KG')).toMatchObject({ contacts: '3', target_id: 'ABM-002', roles_present: 'buyer' });
    expect(named('Huber Bau GmbH')).toMatchObject({ target_id: 'ABM-003', account_status: 'target_by_name_only;roles_from_title' });
    expect(named('Autohaus Beispiel GmbH')).toMatchObject({ contacts: '0', target_id: 'ABM-004' });
    // Every account row has an id, and no id twice.
    expect(new Set(accounts.map((a) => a.account_id)).size).toBe(accounts.length);
    // Scores are empty before score ran.
    expect(named('Müller Holzbau GmbH').best_score).toBe('');
  });

  it('sums scores and names owners once the list is scored and routed', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'scored.csv'),
      [
        'record_id,company,city,postal_code,email,title,buying_role,score,grade,owner',
        'crm:1,Müller Holzbau GmbH,Berlin,10115,t.mueller@mueller-holzbau.de,Geschäftsführer,decider,76,A,Nina Roth',
        'crm:2,MUELLER HOLZBAU GMBH,Berlin,10115,e.kraus@mueller-holzbau.de,Einkauf,buyer,58.5,B,Jonas Keller',
        'crm:3,Müller Holzbau GmbH,Berlin,10115,a.weiss@mueller-holzbau.de,Assistenz,gatekeeper,n/a,C,Nina Roth',
        'crm:4,Mueller Holzbau G.m.b.H.,Berlin,10115,info@mueller-holzbau.de,,Entscheider,40,D,',
      ].join('\n') + '\n',
    );
    const r = await runCli(['accounts', path.join(dir, 'scored.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const [acc] = records(r.stdout);
    expect(acc).toMatchObject({ contacts: '4', best_score: '76', score_sum: '174.5', best_grade: 'A', owners: 'Nina Roth;Jonas Keller', roles_present: 'decider;buyer;gatekeeper', roles_missing: 'influencer;user' });
    expect(r.stderr).toContain('1 row with a buying_role that is none of decider, buyer, influencer, user, gatekeeper');
    expect(r.stderr).toContain('1 score cell not a number 0–100');
  });
});

describe('guesses the accounts rest on: on the row, in the summary, as metrics', () => {
  // A fair's list without buying_role: a firm joined by its domain across two towns, a carpenter
  // whose occupation classify does not know, contacts that give their company's name alone.
  const LIST = [
    'record_id,first_name,last_name,company,title,email,phone,postal_code,city,country',
    'messe:1,Anna,Maier,Müller Holz GmbH,Geschäftsführerin,a.maier@mueller-holz.de,,10115,Berlin,DE',
    'messe:2,Bernd,Roth,MUELLER HOLZ GMBH,Leiter Einkauf,b.roth@vertrieb.mueller-holz.de,,20095,Hamburg,DE',
    'messe:3,Carla,Fink,Orgelbau Fink KG,Orgelbauerin,carla.fink@gmx.de,+49 761 55501,,,',
    'messe:4,Dieter,Fink,Orgelbau Fink KG,Geschäftsführer,,0761 55501,,,',
    'messe:5,Eva,Lang,Lang Design,Inhaberin,eva.lang@gmail.com,,,,',
    'messe:6,Franz,Huber,Huber Bau Ges.m.b.H.,Bauleiter,f.huber@huber-bau.at,+43 1 5871234,1060,Wien,AT',
  ].join('\n') + '\n';

  it('marks roles read from titles, guessed seniorities and name-only contacts, and counts them', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'list.csv'), LIST);
    const r = await runCli(['accounts', path.join(dir, 'list.csv'), '-o', path.join(dir, 'accounts.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const accounts = records(fs.readFileSync(path.join(dir, 'accounts.csv'), 'utf8'));
    const named = (n: string) => accounts.find((a) => a.account_name === n) as Row;
    // One account for both addresses: mueller-holz.de and vertrieb.mueller-holz.de are one domain.
    expect(accounts).toHaveLength(4);
    expect(named('Müller Holz GmbH')).toMatchObject({ contacts: '2', domain: 'mueller-holz.de', locations: '2', roles_present: 'decider;buyer', account_status: 'roles_from_title' });
    // Joined by their switchboard only, and one role rests on a guessed seniority.
    expect(named('Orgelbau Fink KG')).toMatchObject({ contacts: '2', account_status: 'name_only_contacts;roles_from_title;roles_guessed' });
    expect(named('Lang Design')).toMatchObject({ contacts: '1', account_status: 'name_only_contacts;roles_from_title' });
    expect(named('Huber Bau Ges.m.b.H.').account_status).toBe('roles_from_title');
    expect(r.stderr).toContain('roles (read from title: no buying_role column, account_status roles_from_title on 4 accounts)');
    expect(r.stderr).toContain('1 role rests on a seniority guessed from an occupation name classify does not know (seniority_status=guessed; account_status roles_guessed on 1 account)');
    // Role statuses are no doubt about who is in the account: accounts_guessed counts the grouping.
    expect(r.stderr).toContain('2 accounts guessed (account_status: name_only_contacts 2)');
    expect(r.stderr).toContain('3 rows name a company but no place, domain or VAT id (joined to others only by a shared phone; account_status name_only_contacts on 2 accounts)');

    // With classify's buying_role, the roles are the column's: no roles_from_title, the guessed seniority still marked.
    const classified = await runCli(['classify', '-q', path.join(dir, 'list.csv')]);
    expect(classified.code, classified.stderr).toBe(0);
    const again = await runCli(['accounts', '-q'], { stdin: classified.stdout });
    expect(again.code, again.stderr).toBe(0);
    const fink = records(again.stdout).find((a) => a.account_name === 'Orgelbau Fink KG') as Row;
    expect(fink.account_status).toBe('name_only_contacts;roles_guessed');
    expect(records(again.stdout).filter((a) => a.account_status.includes('roles_from_title'))).toEqual([]);
  });

  it('are --fail-if metrics of a pipeline, and the summary JSON has them', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'list.csv'), LIST);
    fs.writeFileSync(path.join(dir, 'pipeline.yml'), 'inputs: [list.csv]\nsteps:\n  - accounts: { output: out/accounts.jsonl }\nsummary_json: out/summary.json\n');
    const ok = await runCli(['run', path.join(dir, 'pipeline.yml'), '--fail-if', 'rows_name_only>3', '--fail-if', 'accounts_roles_guessed>1']);
    expect(ok.code, ok.stderr).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(summary.accounts).toMatchObject({ accounts: 4, accounts_guessed: 2, rows_name_only: 3, accounts_roles_from_title: 4, accounts_roles_guessed: 1 });
    // The accounts table in JSON Lines: its figures typed like leadkit's other numbers.
    const first = JSON.parse(fs.readFileSync(path.join(dir, 'out/accounts.jsonl'), 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ contacts: 2, locations: 2, best_score: null, score_sum: null, postal_code: expect.any(String) });
    for (const [metric, value] of [['rows_name_only', 3], ['accounts_roles_from_title', 4], ['accounts_roles_guessed', 1]] as const) {
      const tripped = await runCli(['run', path.join(dir, 'pipeline.yml'), '--fail-if', `${metric}>${value - 1}`]);
      expect(tripped.code, metric).toBe(3);
      expect(tripped.stderr).toContain(`${metric} is ${value}`);
    }
    // Without an accounts step the metrics have no value: a usage error, not "0, all fine".
    fs.writeFileSync(path.join(dir, 'none.yml'), 'inputs: [list.csv]\n');
    const none = await runCli(['run', path.join(dir, 'none.yml'), '--fail-if', 'accounts_roles_guessed>0']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('accounts_roles_guessed needs an accounts step');
  });

  it('types the target mark in JSON Lines', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'list.csv'), LIST);
    fs.writeFileSync(path.join(dir, 'targets.csv'), 'Account ID,Account Name,Website\nABM-1,Müller Holz GmbH,www.mueller-holz.de\nABM-2,Bergbahnen Zermatt AG,zermatt.ch\n');
    const out = path.join(dir, 'accounts.jsonl');
    const r = await runCli(['accounts', path.join(dir, 'list.csv'), '--targets', path.join(dir, 'targets.csv'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const byName = (n: string) => rows.find((x) => x.account_name === n);
    expect(byName('Müller Holz GmbH')).toMatchObject({ is_target: true, target_id: 'ABM-1', contacts: 2 });
    expect(byName('Bergbahnen Zermatt AG')).toMatchObject({ is_target: true, contacts: 0, locations: 0 });
    expect(byName('Lang Design')).toMatchObject({ is_target: false, contacts: 1 });
  });
});

describe('accounts in leadkit run', () => {
  it('adds account_id to the rows flowing on, writes the accounts table to its output, and is measured', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'contacts.csv'), csvText(HEADER, generatedList()));
    fs.writeFileSync(
      path.join(dir, 'pipeline.yml'),
      [
        'inputs: [contacts.csv]',
        'steps:',
        '  - accounts: { output: out/accounts.xlsx }',
        'outputs:',
        '  - export: { output: out/leads.csv }',
        'summary_json: out/summary.json',
        'report: out/report.html',
        '',
      ].join('\n'),
    );
    const r = await runCli(['run', path.join(dir, 'pipeline.yml'), '--fail-if', 'accounts_guessed>50']);
    expect(r.code, r.stderr).toBe(0);
    const leads = records(fs.readFileSync(path.join(dir, 'out/leads.csv'), 'utf8'));
    const m = membership(leads.filter((l) => l.truth !== ''));
    expect(m.size).toBe(COMPANIES.length);
    for (const truths of m.values()) expect(truths.size).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out/accounts.xlsx'))).toBe(true);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(summary.accounts).toMatchObject({ accounts: COMPANIES.length, rows_without_account: 3 });
    expect(summary.steps.find((s) => s.name === 'accounts')).toMatchObject({ rows_in: leads.length, rows_out: leads.length });
    expect(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain(`Accounts: ${COMPANIES.length} accounts;`);
    expect(r.stderr).toMatch(/accounts: \d+ rows = .*; accounts → .*accounts\.xlsx/);

    // A check on the accounts' figures trips the run (exit 3) and replaces no output.
    fs.rmSync(path.join(dir, 'out/accounts.xlsx'));
    const tripped = await runCli(['run', path.join(dir, 'pipeline.yml'), '--fail-if', 'rows_without_account>2']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toContain('rows_without_account is 3');
    expect(fs.existsSync(path.join(dir, 'out/accounts.xlsx'))).toBe(false);
  });

  it('needs output for the table and refuses options of the command line only', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'c.csv'), 'Firma,Ort\nMüller GmbH,Köln\n');
    fs.writeFileSync(path.join(dir, 'a.yml'), 'inputs: [c.csv]\nsteps:\n  - accounts: {}\n');
    const a = await runCli(['run', path.join(dir, 'a.yml')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('accounts: give output: FILE for the accounts table');
    fs.writeFileSync(path.join(dir, 'b.yml'), 'inputs: [c.csv]\nsteps:\n  - accounts: { output: acc.csv, contacts: x.csv }\n');
    const b = await runCli(['run', path.join(dir, 'b.yml')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('contacts is for the command line');
    fs.writeFileSync(path.join(dir, 'c.yml'), 'inputs: [c.csv]\nsteps:\n  - accounts: { output: acc.csv, encoding: latin1 }\n');
    expect((await runCli(['run', path.join(dir, 'c.yml')])).stderr).toContain('accounts: encoding describes an input file');
    const d = await runCli(['run', path.join(dir, 'a.yml'), '--fail-if', 'targets_without_contacts>0']);
    expect(d.code).toBe(2);
  });
});
