import { describe, expect, it } from 'vitest';
import { splitFullName } from '../src/person/name-split.js';
import { mapHeader, parseMapFile } from '../src/import/mapping.js';
import { canonicalFor, headerKey } from '../src/schema.js';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';

describe('header synonyms', () => {
  it.each([
    ['E-Mail', 'email'],
    ['Email Address', 'email'],
    ['e_mail', 'email'],
    ['Telefon', 'phone'],
    ['Tel.', 'phone'],
    ['Mobil', 'mobile'],
    ['Handy', 'mobile'],
    ['Firma', 'company'],
    ['Unternehmen', 'company'],
    ['Straße', 'street'],
    ['STRASSE', 'street'],
    ['PLZ', 'postal_code'],
    ['Postleitzahl', 'postal_code'],
    ['Ort', 'city'],
    ['Stadt', 'city'],
    ['Land', 'country'],
    ['Vorname', 'first_name'],
    ['Nachname', 'last_name'],
    ['Anrede', 'salutation'],
    ['Position', 'title'],
    ['Funktion', 'title'],
    ['Mitarbeiter', 'employees'],
    ['Branche', 'industry'],
    ['Umsatz', 'revenue'],
    ['Webseite', 'website'],
    ['Zip/Postal Code', 'postal_code'],
    ['Titel', 'academic_title'],
  ])('%s → %s', (h, f) => expect(canonicalFor(h)).toBe(f));

  it('ignores case, spaces, punctuation and umlaut spelling', () => {
    expect(headerKey(' E-Mail Adresse ')).toBe(headerKey('email_adresse'));
    expect(headerKey('Straße')).toBe(headerKey('STRASSE'));
  });

  it('does not map opt-out columns onto consent (their meaning is inverted)', () => {
    expect(canonicalFor('Email Opt Out')).toBeUndefined();
    expect(canonicalFor('Do Not Call')).toBeUndefined();
  });
});

describe('mapHeader', () => {
  it('refuses two columns mapped to one field, or a column mapped onto record_id/source, instead of losing one', async () => {
    const input = 'Tel. Zentrale;Tel. direkt;Lead ID;Quelle\n030 111;030 222;CRM-77;Messe\n';
    const two = await runCli(['import', '--map', 'Tel. Zentrale=phone', '--map', 'Tel. direkt=phone'], { stdin: input });
    expect(two.code).toBe(2);
    expect(two.stderr.trim()).toBe(`leadkit: --map: "Tel. Zentrale" and "Tel. direkt" both map to phone; map one of them elsewhere (e.g. phone_2) or drop it with 'Tel. direkt='`);
    const reserved = await runCli(['import', '--map', 'Lead ID=record_id'], { stdin: input });
    expect(reserved.code).toBe(2);
    expect(reserved.stderr).toMatch(/record_id is set by import .* map "Lead ID" to another name, e\.g\. crm_id/);
    // The suggested ways out keep every value.
    const ok = await runCli(['import', '-q', '--map', 'Tel. Zentrale=phone', '--map', 'Tel. direkt=phone_2', '--map', 'Lead ID=crm_id', '--map', 'Quelle=lead_source'], { stdin: input });
    expect(ok.code).toBe(0);
    const [header, row] = parseCsv(ok.stdout);
    const get = (c: string) => row[header.indexOf(c)];
    expect([get('phone'), get('phone_2'), get('crm_id'), get('lead_source'), get('record_id')]).toEqual(['030 111', '030 222', 'CRM-77', 'Messe', 'stdin:1']);
  });
  it('reads "Name" as the surname when "Vorname" is there, else as the full name', () => {
    expect(mapHeader(['Vorname', 'Name'], new Map()).map((m) => m.to)).toEqual(['first_name', 'last_name']);
    expect(mapHeader(['Name', 'Firma'], new Map()).map((m) => m.to)).toEqual(['full_name', 'company']);
  });
  it('lets explicit mappings win and keeps a second claimant under its own name', () => {
    const m = mapHeader(['Telefon', 'Tel. Zentrale', 'Kundennr.'], new Map([['Tel. Zentrale', 'phone'], ['kundennr', 'customer_number']]));
    expect(m.map((x) => [x.to, x.how])).toEqual([
      ['Telefon', 'kept'],
      ['phone', 'explicit'],
      ['customer_number', 'explicit'],
    ]);
  });
  it('re-importing a list leadkit wrote keeps its record_id and source, and makes no lead_source of source', async () => {
    const first = await runCli(['import', '-q', '--source', 'crm'], { stdin: 'Vorname;Quelle;E-Mail\nJörg;Messe;j@x.de\nAnna;Web;a@x.de\n' });
    const again = await runCli(['import', '-q'], { stdin: first.stdout });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(mapHeader(['record_id', 'source', 'email'], new Map()).map((x) => [x.to, x.how])).toEqual([
      ['record_id', 'provenance'],
      ['source', 'provenance'],
      ['email', 'synonym'],
    ]);
  });
  it('renames columns that would clash with provenance or mapped names', () => {
    const m = mapHeader(['record_id', 'E-Mail', 'email'], new Map());
    expect(m.map((x) => x.to)).toEqual(['record_id_original', 'email', 'email_2']);
  });
  it('parses YAML and JSON mapping files, with null dropping a column', () => {
    expect(parseMapFile('Ansprechpartner: full_name\nIntern: null\n', 'm.yml')).toEqual([
      ['Ansprechpartner', 'full_name'],
      ['Intern', ''],
    ]);
    expect(parseMapFile('{"columns": {"Kd-Nr": "customer_number"}}', 'm.json')).toEqual([['Kd-Nr', 'customer_number']]);
    expect(() => parseMapFile('- a\n- b\n', 'bad.yml')).toThrow(/must be an object/);
  });
});

describe('splitFullName', () => {
  it.each([
    ['Dr. Thomas Müller', { salutation: '', academic_title: 'Dr.', first_name: 'Thomas', last_name: 'Müller' }],
    ['Müller, Thomas', { salutation: '', academic_title: '', first_name: 'Thomas', last_name: 'Müller' }],
    ['Herr Dr. Thomas Müller', { salutation: 'Herr', academic_title: 'Dr.', first_name: 'Thomas', last_name: 'Müller' }],
    ['Frau Prof. Dr. Ursula von der Heide', { salutation: 'Frau', academic_title: 'Prof. Dr.', first_name: 'Ursula', last_name: 'von der Heide' }],
    ['Dipl.-Ing. Hans Peter Schmidt-Weber', { salutation: '', academic_title: 'Dipl.-Ing.', first_name: 'Hans Peter', last_name: 'Schmidt-Weber' }],
    ['Thomas Müller, MBA', { salutation: '', academic_title: 'MBA', first_name: 'Thomas', last_name: 'Müller' }],
    ['Mag. Sabine Gruber', { salutation: '', academic_title: 'Mag.', first_name: 'Sabine', last_name: 'Gruber' }],
    ['Dr. Müller, Thomas', { salutation: '', academic_title: 'Dr.', first_name: 'Thomas', last_name: 'Müller' }],
    ['Müller', { salutation: '', academic_title: '', first_name: '', last_name: 'Müller' }],
    ['  ', { salutation: '', academic_title: '', first_name: '', last_name: '' }],
    ['Ms. Jane van Dijk', { salutation: 'Ms', academic_title: '', first_name: 'Jane', last_name: 'van Dijk' }],
  ])('%j', (input, want) => expect(splitFullName(input)).toEqual(want));
});

describe('leadkit import', () => {
  it('numbers record_id per input file and keeps provenance across several files', async () => {
    const r = await runCli(['import', 'fixtures/ragged.csv', 'fixtures/crm-export.csv', '-q']);
    expect(r.code).toBe(0);
    const ids = parseCsv(r.stdout).slice(1).map((f) => f[0]);
    expect(ids).toEqual(['ragged:1', 'ragged:2', 'ragged:3', 'ragged:4', 'crm-export:1', 'crm-export:2', 'crm-export:3', 'crm-export:4', 'crm-export:5', 'crm-export:6']);
  });
  it('keeps two inputs with the same base name apart', async () => {
    const r = await runCli(['import', 'fixtures/ragged.csv', 'fixtures/ragged.csv', '-q']);
    expect(r.stdout).toContain('ragged-2:1,ragged-2');
  });
  it('asks for one --source per input', async () => {
    const r = await runCli(['import', 'fixtures/ragged.csv', 'fixtures/crm-export.csv', '--source', 'x']);
    expect(r.code).toBe(2);
  });
  it('keeps leading zeros, plus signs and ids untouched', async () => {
    const r = await runCli(['import', '-q'], { stdin: 'Lead ID;Telefon;PLZ\n00Q100001;+49 171 1234567;01067\n' });
    // Standard input has no file name and, without --delivered, no delivery date (unknown).
    expect(r.stdout.split('\n')[1]).toBe('stdin:1,stdin,,,unknown,+49 171 1234567,01067,00Q100001,');
  });
});
