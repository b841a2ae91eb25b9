// One owner per concept: text folding (src/text/fold.ts). The same tricky spellings go through
// each folding function, and through the commands that fold text — classify (titles), route
// (rule values on industry and city), dedupe (company key, surnames) and validate (city and
// country) — and they must agree with the functions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';
import { foldForCompare, foldForComparePattern, foldForDisplay, foldForKey, foldForLooseKey } from '../src/text/fold.js';
import { compileTitlePattern, normalizeTitle, phrasePattern } from '../src/classify/text-normalize.js';
import { companyKey } from '../src/company/index.js';

const NFD_MUELLER = 'Mu\u0308ller';
const FULL_WIDTH = 'Ｍüｌｌｅｒ ＧｍｂＨ';

/** input → [foldForCompare, foldForKey, foldForLooseKey, foldForDisplay] */
const TABLE: [string, string, string, string, string][] = [
  ['Müller', 'mueller', 'mueller', 'muller', 'Müller'],
  ['MUELLER', 'mueller', 'mueller', 'muller', 'MUELLER'],
  ['Muller', 'muller', 'muller', 'muller', 'Muller'],
  [NFD_MUELLER, 'mueller', 'mueller', 'muller', NFD_MUELLER],
  ['Mühlenstraße', 'muehlenstrasse', 'muehlenstrasse', 'muhlenstrasse', 'Mühlenstraße'],
  ['Ærøskøbing', 'aeroskobing', 'aeroskobing', 'aroskobing', 'Ærøskøbing'],
  ['Łódź', 'lodz', 'lodz', 'lodz', 'Łódź'],
  ['İstanbul', 'istanbul', 'istanbul', 'istanbul', 'İstanbul'],
  ['ISTANBUL', 'istanbul', 'istanbul', 'istanbul', 'ISTANBUL'],
  ['Diyarbakır', 'diyarbakir', 'diyarbakir', 'diyarbakir', 'Diyarbakır'],
  ['Straße', 'strasse', 'strasse', 'strasse', 'Straße'],
  ['Strasse', 'strasse', 'strasse', 'strasse', 'Strasse'],
  ['GROẞ', 'gross', 'gross', 'gross', 'GROẞ'],
  ['  Dr.  Jürgen   Groß ', '  dr.  juergen   gross ', 'dr juergen gross', 'dr jurgen gross', 'Dr. Jürgen Groß'],
  ['Schäfer & Söhne', 'schaefer & soehne', 'schaefer soehne', 'schafer sohne', 'Schäfer & Söhne'],
  ['São Paulo', 'sao paulo', 'sao paulo', 'sao paulo', 'São Paulo'],
  ['Œuvre', 'oeuvre', 'oeuvre', 'ouvre', 'Œuvre'],
  ['Þórshöfn', 'thorshoefn', 'thorshoefn', 'thorshofn', 'Þórshöfn'],
  ['Dvořák', 'dvorak', 'dvorak', 'dvorak', 'Dvořák'],
  ['ﬁnance', 'finance', 'finance', 'finance', 'ﬁnance'],
  [FULL_WIDTH, 'mueller gmbh', 'mueller gmbh', 'muller gmbh', FULL_WIDTH],
  ['Müller\u00a0GmbH', 'mueller gmbh', 'mueller gmbh', 'muller gmbh', 'Müller GmbH'],
  ['\tMüller \u00a0 GmbH\n', '\tmueller   gmbh\n', 'mueller gmbh', 'muller gmbh', 'Müller GmbH'],
  // A lost letter ("?" from a wrong code page, U+FFFD from invalid UTF-8) is not guessed: it
  // splits the word in keys, and the matcher's typo comparison of the joined surname copes.
  ['M?ller', 'm?ller', 'm ller', 'm ller', 'M?ller'],
  ['M\ufffdller', 'm\ufffdller', 'm ller', 'm ller', 'M\ufffdller'],
  ['A1 … D4', 'a1 ... d4', 'a1 d4', 'a1 d4', 'A1 … D4'],
  ['Neue Straße', 'neue strasse', 'neue strasse', 'neu strasse', 'Neue Straße'],
  ['Москва', 'москва', 'москва', 'москва', 'Москва'],
];

describe('src/text folding functions', () => {
  it.each(TABLE)('%j', (input, compare, key, loose, display) => {
    expect(foldForCompare(input)).toBe(compare);
    expect(foldForKey(input)).toBe(key);
    expect(foldForLooseKey(input)).toBe(loose);
    expect(foldForDisplay(input)).toBe(display);
  });

  it('agree with each other: a key is the words of the compare fold, a loose key the key with single vowels', () => {
    for (const [input] of TABLE) {
      expect(foldForKey(input), input).toBe(foldForCompare(input).replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
      expect(foldForLooseKey(input), input).toBe(foldForKey(input).replace(/([aou])e/g, '$1'));
      expect(foldForDisplay(foldForDisplay(input)), input).toBe(foldForDisplay(input));
      expect(foldForKey(foldForDisplay(input)), input).toBe(foldForKey(input));
    }
  });

  it('Müller / MÜLLER / Mueller / decomposed Müller are one key; Muller meets them in the loose key only', () => {
    const key = new Set(['Müller', 'MÜLLER', 'Mueller', 'MUELLER', NFD_MUELLER, 'Ｍüｌｌｅｒ'].map(foldForKey));
    expect([...key]).toEqual(['mueller']);
    expect(foldForKey('Muller')).toBe('muller');
    const loose = new Set(['Müller', 'Mueller', 'Muller', NFD_MUELLER, 'MULLER'].map(foldForLooseKey));
    expect([...loose]).toEqual(['muller']);
  });

  it('only Latin letters lose their marks in the compare fold; the key fold drops every mark', () => {
    expect(foldForCompare('Генеральный директор')).toBe('генеральный директор');
    expect(foldForKey('Генеральный директор')).toBe('генеральныи директор');
  });

  it('patterns fold like the text they run on: umlauts optional, other accents and special letters folded', () => {
    expect(foldForComparePattern('geschäftsführ')).toBe('geschae?ftsfue?hr');
    expect(foldForComparePattern('łódź|ærø')).toBe('lodz|aero');
    expect(foldForComparePattern('société…')).toBe('societe…');
    for (const title of ['Geschäftsführer', 'GESCHÄFTSFÜHRER', 'Geschaeftsfuehrer', 'Geschaftsfuhrer', 'Gescha\u0308ftsfu\u0308hrer', 'Ｇｅｓｃｈäｆｔｓｆüｈｒｅｒ']) {
      expect(compileTitlePattern('^geschäftsführer$').test(normalizeTitle(title)), title).toBe(true);
      expect(phrasePattern('Geschäftsführer').test(normalizeTitle(title)), title).toBe(true);
    }
    for (const city of ['Łódź', 'LODZ', 'Lodz', 'łodz']) {
      expect(compileTitlePattern('łódź').test(normalizeTitle(city)), city).toBe(true);
      expect(phrasePattern('Łódź').test(normalizeTitle(city)), city).toBe(true);
    }
    expect(phrasePattern('İstanbul').test(normalizeTitle('Istanbul'))).toBe(true);
    expect(compileTitlePattern('société').test(normalizeTitle('Société Générale'))).toBe(true);
  });

  it('foldForDisplay returns its input unchanged (same string) when it is already tidy', () => {
    const s = 'Dr. Jürgen Groß';
    expect(foldForDisplay(s)).toBe(s);
    expect(foldForDisplay('')).toBe('');
    expect(foldForDisplay(' \u00a0 ')).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// The commands

function cell(v: string): string {
  return /[",;\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

function table(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

async function run(args: string[], stdin: string): Promise<Row[]> {
  const r = await runCli([...args, '-q'], { stdin });
  expect(r.code, r.stderr).toBe(0);
  return table(r.stdout);
}

describe('commands fold text the way src/text does', () => {
  it('classify: every spelling of a title gets the same seniority, function and buying role', async () => {
    const titles = ['Geschäftsführer', 'GESCHÄFTSFÜHRER', 'Geschaeftsfuehrer', 'Geschaftsfuhrer (m/w/d)', 'Gescha\u0308ftsfu\u0308hrer', 'Ｇｅｓｃｈäｆｔｓｆüｈｒｅｒ', ' Geschäftsführer\u00a0'];
    const rows = await run(['classify'], csv(['record_id', 'company', 'title', 'country'], titles.map((t, i) => [`c:${i}`, 'Firma GmbH', t, 'DE'])));
    const classes = new Set(rows.map((r) => `${r.seniority}/${r.job_function}/${r.buying_role}`));
    expect([...classes]).toEqual(['executive/management/decider']);
  });

  it('route: eq / in / contains on industry and city agree with foldForCompare', async () => {
    const rules = [
      'route:',
      '  default_owner: inbox',
      '  rules:',
      '    - { name: machines, field: industry, op: eq, value: "Maschinenbau", owner: m }',
      '    - { name: roads, field: industry, op: in, value: ["Straßenbau"], owner: s }',
      '    - { name: lodz, field: city, op: eq, value: "Łódź", owner: pl }',
      '    - { name: aero, field: city, op: contains, value: "ærø", owner: dk }',
    ].join('\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-concept-text-'));
    const file = path.join(dir, 'rules.yml');
    fs.writeFileSync(file, rules);
    const cases: [string, string, string][] = [
      ['MASCHINENBAU', '', 'm'],
      ['Ｍａｓｃｈｉｎｅｎｂａｕ', '', 'm'],
      ['Maschinenbau\u00a0', '', 'm'],
      ['Strassenbau', '', 's'],
      ['STRASSENBAU', '', 's'],
      ['', 'LODZ', 'pl'],
      ['', 'łodz', 'pl'],
      ['', 'ŁÓDŹ', 'pl'],
      ['', 'Aeroskobing', 'dk'],
      ['', 'ÆRØSKØBING', 'dk'],
      ['', 'Lübeck', 'inbox'],
    ];
    const rows = await run(['route', '--rules', file], csv(['record_id', 'industry', 'city'], cases.map(([ind, city], i) => [`r:${i}`, ind, city])));
    expect(rows.map((r) => r.owner)).toEqual(cases.map((c) => c[2]));
    // The same verdicts from the function: equal folds.
    expect(foldForCompare('Strassenbau')).toBe(foldForCompare('Straßenbau'));
    expect(foldForCompare('ŁÓDŹ')).toBe(foldForCompare('Łódź'));
    expect(foldForCompare('Aeroskobing')).toContain(foldForCompare('ærø'));
  });

  it('dedupe: the company key is the same for every spelling of a name, and equals companyKey()', async () => {
    const spellings = [
      'Schäfer & Söhne GmbH',
      'SCHÄFER & SÖHNE GMBH',
      'Scha\u0308fer & So\u0308hne GmbH',
      'Schäfer\u00a0&\u00a0Söhne G.m.b.H.',
      '  Schäfer  &  Söhne   GmbH ',
    ];
    const rows = await run(
      ['dedupe', '--mode', 'flag'],
      csv(['record_id', 'first_name', 'last_name', 'company', 'email', 'city'], spellings.map((c, i) => [`d:${i}`, 'Jürgen', 'Groß', c, `j${i}@x${i}.de`, 'München'])),
    );
    expect(rows.map((r) => r.company_key)).toEqual(spellings.map(() => 'schaefer und soehne'));
    expect(spellings.map((s) => companyKey(s).key)).toEqual(spellings.map(() => 'schaefer und soehne'));
  });

  it('dedupe: Müller, MUELLER, Muller, decomposed and full-width Müller at one address are one person', async () => {
    const surnames = ['Müller', 'MUELLER', 'Muller', NFD_MUELLER, 'Ｍüｌｌｅｒ'];
    const rows = await run(
      ['dedupe', '--mode', 'flag'],
      csv(
        ['record_id', 'salutation', 'first_name', 'last_name', 'company', 'email', 'street', 'postal_code', 'city'],
        [
          ...surnames.map((n, i) => [`p:${i}`, 'Herr', 'Jürgen', n, 'Schäfer & Söhne GmbH', `j${i}@web${i}.de`, 'Leopoldstraße 12', '80331', 'München']),
          ['p:9', 'Frau', 'Anna', 'Schmidt', 'Other AG', 'a@x.de', 'Hauptstr. 1', '10115', 'Berlin'],
        ],
      ),
    );
    const cluster = rows.filter((r) => r.record_id !== 'p:9').map((r) => r.cluster_id);
    expect(new Set(cluster).size).toBe(1);
    expect(rows.find((r) => r.record_id === 'p:9')?.cluster_id).not.toBe(cluster[0]);
  });

  it("validate: every spelling of a postal code's city matches it, as foldForLooseKey says", async () => {
    const cities = ['Muenchen', 'MUENCHEN', 'Munchen', 'Mu\u0308nchen', 'München\u00a0', 'Ｍünchen', 'M?nchen', 'M\ufffdnchen'];
    const rows = await run(
      ['validate'],
      csv(['record_id', 'email', 'street', 'postal_code', 'city', 'country'], cities.map((c, i) => [`v:${i}`, `a${i}@firma.de`, 'Leopoldstraße 12', '80331', c, 'DE'])),
    );
    expect(rows.map((r) => r.city)).toEqual(cities.map(() => 'München'));
    expect(rows.every((r) => r.address_status === 'valid')).toBe(true);
    // The spellings without a lost letter are the same loose key; the lost letter is a typo.
    for (const c of cities.slice(0, 6)) expect(foldForLooseKey(c), c).toBe(foldForLooseKey('München'));
  });

  it('validate: country names in any spelling, including the native script of the curated table', async () => {
    const countries: [string, string][] = [
      ['Österreich', 'AT'],
      ['Oesterreich', 'AT'],
      ['Osterreich', 'AT'],
      ['ÖSTERREICH', 'AT'],
      ['O\u0308sterreich', 'AT'],
      ['Россия', 'RU'],
      ['Ελλάδα', 'GR'],
    ];
    const rows = await run(
      ['validate'],
      csv(['record_id', 'email', 'country'], countries.map(([c], i) => [`k:${i}`, `a${i}@firma.de`, c])),
    );
    expect(rows.map((r) => r.country)).toEqual(countries.map((c) => c[1]));
  });
});
