import { describe, expect, it } from 'vitest';
import { parse as csvParse } from 'csv-parse/sync';
import { compileRowTidier, tidyValue } from '../src/text/whitespace.js';
import { runCli } from './helpers/run-cli.js';

const rowsOf = (csv: string) => csvParse(csv, { columns: true }) as Record<string, string>[];

describe('tidyValue', () => {
  it.each([
    ['  Müller GmbH ', false, 'Müller GmbH'],
    ['\tMüller GmbH\r', false, 'Müller GmbH'],
    // A no-break space, as Excel and web forms leave them.
    ['\u00a0Weiß\u00a0', false, 'Weiß'],
    ['Müller  &  Söhne  GmbH', true, 'Müller & Söhne GmbH'],
    ['Müller\nHolzbau', true, 'Müller Holzbau'],
    ['Hans-Peter\u00a0Gruber', true, 'Hans-Peter Gruber'],
    // Outside name fields inner whitespace is the writer's.
    ['Hauptstraße  12\nHinterhaus', false, 'Hauptstraße  12\nHinterhaus'],
    ['+43 664  1234567', false, '+43 664  1234567'],
    ['01067', false, '01067'],
    ['   ', false, ''],
    ['', true, ''],
  ])('%j (collapse %s) → %j', (v, collapse, want) => expect(tidyValue(v, collapse)).toBe(want));
});

describe('compileRowTidier', () => {
  it('tidies every column, collapses only name and company fields, and counts changed cells', () => {
    const tidy = compileRowTidier(['first_name', 'company', 'street', 'notes', 'phone']);
    const row = { first_name: ' Jürgen ', company: 'Gruber  Bau GmbH', street: 'Hauptstraße  5', notes: 'a  b', phone: '+4930123456' };
    expect(tidy(row)).toBe(2);
    expect(row).toEqual({ first_name: 'Jürgen', company: 'Gruber Bau GmbH', street: 'Hauptstraße  5', notes: 'a  b', phone: '+4930123456' });
  });
});

const EXPORT = 'Vorname;Nachname;Firma;E-Mail;Telefon;PLZ\r\n Jürgen ;Weiß ; Gruber  Bau GmbH ; j.weiss@gruber-bau.at ; +43 1 5123456 ;01067\r\nAnna;Schmidt;Schmidt Logistik AG;anna@schmidt.de;030 1234567;10115\r\n';

describe('import trims whitespace', () => {
  it('trims cells, collapses inner runs in names and companies, and says how many', async () => {
    const r = await runCli(['import', '--source', 'v'], { stdin: EXPORT });
    expect(r.code).toBe(0);
    const [a, b] = rowsOf(r.stdout);
    expect([a.first_name, a.last_name, a.company, a.email, a.phone, a.postal_code]).toEqual(['Jürgen', 'Weiß', 'Gruber Bau GmbH', 'j.weiss@gruber-bau.at', '+43 1 5123456', '01067']);
    expect(b.company).toBe('Schmidt Logistik AG');
    expect(r.stderr).toContain('trimmed whitespace in 5 cells');
  });

  it('keeps whitespace with --keep-whitespace', async () => {
    const r = await runCli(['import', '--source', 'v', '--keep-whitespace'], { stdin: EXPORT });
    const [a] = rowsOf(r.stdout);
    expect([a.first_name, a.company]).toEqual([' Jürgen ', ' Gruber  Bau GmbH ']);
    expect(r.stderr).not.toContain('trimmed');
  });

  it('says nothing when there was nothing to trim', async () => {
    const r = await runCli(['import', '--source', 'v'], { stdin: 'Firma,Ort\nMüller GmbH,Graz\n' });
    expect(r.stderr).not.toContain('trimmed');
  });
});

describe('commands reading a file directly trim it as import does', () => {
  const raw = 'company,email,city\n Müller  Holzbau GmbH ,info@mueller-holzbau.de ,Berlin \nMüller Holzbau GmbH,info@mueller-holzbau.de,Berlin\n';

  it('validate', async () => {
    const r = await runCli(['validate', '--checks', 'email'], { stdin: raw });
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.company)).toEqual(['Müller Holzbau GmbH', 'Müller Holzbau GmbH']);
    expect(rows[0].city).toBe('Berlin');
    expect(r.stderr).toContain('trimmed whitespace in 3 cells');
  });

  it('dedupe sees the two spellings as one company', async () => {
    const r = await runCli(['dedupe'], { stdin: raw });
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.every((x) => !/^\s|\s$/.test(x.company))).toBe(true);
  });

  it('--keep-whitespace keeps a raw read as it is', async () => {
    const r = await runCli(['validate', '--checks', 'email', '--keep-whitespace'], { stdin: raw });
    expect(rowsOf(r.stdout)[0].company).toBe(' Müller  Holzbau GmbH ');
  });
});
