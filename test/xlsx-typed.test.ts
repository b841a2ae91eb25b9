import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { columnKinds, columnWidths, excelSerial, isPlainNumber, isTextOnlyColumn } from '../src/io/xlsx-cells.js';
import { SALES_COLUMNS, defaultView, viewColumns } from '../src/export/view.js';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';

const parseCsvRows = (text: string): string[][] => parseCsv(text, ',') as string[][];

describe('xlsx cell kinds', () => {
  it.each([
    ['79', true],
    ['-12.5', true],
    ['0', true],
    ['0.75', true],
    ['01067', false], // a postcode with its zero
    ['+4366412345678', false],
    ['1.234,5', false], // Austrian thousands and decimal comma: not ours to guess
    ['1,234.5', false],
    ['1.000-4.999', false],
    ['3 Mio. €', false],
    ['1234567890123456', false], // more digits than an Excel number keeps
    ['1e5', false],
    ['', false],
  ])('plain number %s → %s', (v, want) => expect(isPlainNumber(v)).toBe(want));

  it.each([
    ['postal_code', true],
    ['PLZ', true],
    ['Kunden-Nr.', true],
    ['Kundennummer', true],
    ['customerId', true],
    ['vat_id', true],
    ['record_id', true],
    ['phone_extension', true],
    ['Telefonnummer', true],
    ['region_code', true],
    ['house_number', true],
    ['score', false],
    ['employees', false],
    ['Mitarbeiter', false],
    ['created_at', false],
    ['Umsatz', false],
  ])('text-only column %s → %s', (name, want) => expect(isTextOnlyColumn(name)).toBe(want));

  it('reads ISO dates and local date-times as Excel serials, and nothing else', () => {
    expect(excelSerial('2026-08-12')).toBe(46246);
    expect(excelSerial('1900-03-01')).toBe(61);
    expect(excelSerial('2026-08-13 10:30')).toBe(46247.4375);
    expect(excelSerial('2026-08-13T10:30:00')).toBe(46247.4375);
    expect(excelSerial('2026-02-30')).toBeUndefined();
    expect(excelSerial('12.08.2026')).toBeUndefined();
    expect(excelSerial('08/12/2026')).toBeUndefined();
    expect(excelSerial('2026-08-13T10:30:00Z')).toBeUndefined(); // a zone: which local date is not ours to pick
    expect(excelSerial('1899-12-31')).toBeUndefined();
  });

  it('types a column only when every value is of the kind', () => {
    const header = ['score', 'employees', 'Mitarbeiter', 'created_at', 'last_activity_at', 'birth_date', 'postal_code', 'notes', 'empty'];
    const rows = [
      ['79', '40', '40', '2026-08-12', '2026-08-12 09:15', '1984-02-29', '60325', 'Rückruf 12.3.', ''],
      ['', '1.000-4.999', '250', '', '2026-08-13', '12.03.1990', '01067', '42', ''],
      ['5', '12', '7', '2026-08-13', '', '', '1010', '', ''],
    ];
    expect(columnKinds(header, rows)).toEqual(['number', 'text', 'number', 'date', 'datetime', 'text', 'text', 'text', 'text']);
  });

  it('sizes columns to the header and the longest line, within bounds', () => {
    const header = ['a', 'company', 'notes', 'created_at'];
    const rows = [['1', 'Müller & Söhne GmbH', 'x'.repeat(500), '2026-08-12'], ['2', 'Ö', 'kurz\nund noch eine längere Zeile', '']];
    const w = columnWidths(header, rows, columnKinds(header, rows));
    expect(w[0]).toBe(6); // the minimum
    expect(w[1]).toBe('Müller & Söhne GmbH'.length + 2);
    expect(w[2]).toBe(60); // capped
    expect(w[3]).toBe('created_at'.length + 4); // header plus the filter button
  });
});

describe('export views', () => {
  const all = ['record_id', 'source', 'first_name', 'last_name', 'full_name', 'company', 'email', 'Interesse', 'email_status', 'score', 'grade', 'owner', 'score_reasons', 'cluster_id'];
  it('sales keeps the people columns in its own order and skips the missing ones', () => {
    expect(viewColumns('sales', all)).toEqual(['first_name', 'last_name', 'company', 'email', 'email_status', 'score', 'grade', 'owner', 'score_reasons', 'record_id']);
    expect(viewColumns('sales', ['full_name', 'email', 'record_id'])).toEqual(['full_name', 'email', 'record_id']);
    expect(viewColumns('full', all)).toEqual(all);
    expect(() => viewColumns('sales', ['a', 'b'])).toThrow(/none of its columns/);
    expect(SALES_COLUMNS).toContain('score_reasons');
  });
  it('defaults to sales only for a workbook of a leadkit list', () => {
    expect(defaultView('xlsx', all)).toBe('sales');
    expect(defaultView('csv', all)).toBe('full');
    expect(defaultView('xlsx', ['phone', 'plz'])).toBe('full');
  });
});

/** A scored list as leadkit passes it on: German, Austrian and US rows, an Excel-ish export. */
const LEADS = [
  'record_id,source,salutation,first_name,last_name,company,email,phone,postal_code,city,country,employees,created_at,birth_date,customer_number,Interesse,email_status,duplicate_count,score,grade,owner,score_reasons',
  'vendor:2,vendor,Frau,Jürgen-Ännchen,Größer,Bäckerei Größer GmbH,j.groesser@baeckerei.at,+436641234567,1010,Wien,AT,12,2026-08-12,1984-02-29,000123,Brot,valid,0,79,A,emil.braun,email_valid:+15;dach:+5',
  'vendor:3,vendor,Herr,Andreas,Wolf,Wolf Software GmbH,andreas.wolf@wolf-software.de,+496912345678,01067,Dresden,DE,40,2026-08-13,,000124,,valid,1,64,B,nina.roth,email_valid:+15',
  'crm:5,crm,,James,O\'Connor,Acme Widgets Inc.,james@acme.example,+16175550123,02134,Boston,US,250,2026-09-01,1990-12-31,000125,"=HYPERLINK(""x"")",risky,0,-3,D,,non_eu:-5',
].join('\n') + '\n';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-xlsx-typed-'));
}

function sheetXml(file: string): string {
  return execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
}

/** The `t` attribute (cell type) of each cell of one row, by column letter; '' for a number. */
function cellTypes(xml: string, row: number): Record<string, string> {
  const body = new RegExp(`<row r="${row}"[^>]*>(.*?)</row>`).exec(xml)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>/g)) out[m[1]] = /\bt="(\w+)"/.exec(m[2])?.[1] ?? '';
  return out;
}

describe('export to xlsx for people', () => {
  it('writes numbers, dates and text as a spreadsheet should show them (read back by read-excel-file)', async () => {
    const out = path.join(tmp(), 'leads.xlsx');
    const r = await runCli(['export', '-o', out, '--view', 'full', '-q'], { stdin: LEADS });
    expect(r.code).toBe(0);
    const [head, ...rows] = await readSheet(out);
    const col = (name: string) => rows.map((row) => row[head.indexOf(name)]);
    expect(col('score')).toEqual([79, 64, -3]);
    expect(col('duplicate_count')).toEqual([0, 1, 0]);
    expect(col('employees')).toEqual([12, 40, 250]);
    expect(col('created_at')).toEqual([new Date('2026-08-12T00:00:00Z'), new Date('2026-08-13T00:00:00Z'), new Date('2026-09-01T00:00:00Z')]);
    expect(col('birth_date')).toEqual([new Date('1984-02-29T00:00:00Z'), null, new Date('1990-12-31T00:00:00Z')]);
    // Codes and ids keep their zeros and plus signs.
    expect(col('postal_code')).toEqual(['1010', '01067', '02134']);
    expect(col('phone')).toEqual(['+436641234567', '+496912345678', '+16175550123']);
    expect(col('customer_number')).toEqual(['000123', '000124', '000125']);
    expect(col('first_name')).toEqual(['Jürgen-Ännchen', 'Andreas', 'James']);
    expect(col('Interesse')).toEqual(['Brot', null, '\'=HYPERLINK("x")']);
  });

  it('types the cells in the sheet XML, freezes the header, filters and sizes the columns', async () => {
    const out = path.join(tmp(), 'leads.xlsx');
    expect((await runCli(['export', '-o', out, '--view', 'full', '-q'], { stdin: LEADS })).code).toBe(0);
    const xml = sheetXml(out);
    const header = LEADS.split('\n')[0].split(',');
    const letter = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    const types = cellTypes(xml, 2);
    for (const name of ['score', 'employees', 'created_at', 'birth_date', 'duplicate_count']) expect(types[letter(name)], name).toBe('');
    for (const name of ['postal_code', 'phone', 'customer_number', 'record_id', 'first_name']) expect(types[letter(name)], name).not.toBe('');
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toContain(`<autoFilter ref="A1:${letter('score_reasons')}4"/>`);
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(widths).toHaveLength(header.length);
    expect(widths[header.indexOf('company')]).toBe('Bäckerei Größer GmbH'.length + 2);
    expect(Math.max(...widths)).toBeLessThanOrEqual(60);
    const workbook = execFileSync('unzip', ['-p', out, 'xl/workbook.xml'], { encoding: 'utf8' });
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Sheet1'!$A$1:$${letter('score_reasons')}$4</definedName>`);
    expect(workbook.match(/<definedNames/g)).toHaveLength(1);
  });

  it('shows the sales view by default for xlsx, every column for CSV, and --columns wins', async () => {
    const dir = tmp();
    const xlsx = path.join(dir, 'sales.xlsx');
    const r = await runCli(['export', '-o', xlsx], { stdin: LEADS });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/export: 3 rows, 15 columns \(--view sales; --view full writes all 22\), xlsx/);
    const [head] = await readSheet(xlsx);
    expect(head).toEqual(['salutation', 'first_name', 'last_name', 'company', 'email', 'phone', 'city', 'country', 'email_status', 'duplicate_count', 'score', 'grade', 'owner', 'score_reasons', 'record_id']);
    expect(head).not.toContain('Interesse');
    expect(head).not.toContain('customer_number');

    const csv = await runCli(['export', '-q'], { stdin: LEADS });
    expect(csv.stdout.split(/\r?\n/)[0]).toBe(LEADS.split('\n')[0]);

    const picked = path.join(dir, 'picked.xlsx');
    expect((await runCli(['export', '-o', picked, '--view', 'sales', '--columns', 'Interesse,score', '-q'], { stdin: LEADS })).code).toBe(0);
    expect((await readSheet(picked))[0]).toEqual(['Interesse', 'score']);

    const sales = await runCli(['export', '--view', 'sales', '-q'], { stdin: LEADS });
    expect(sales.stdout.split(/\r?\n/)[0]).toBe('salutation,first_name,last_name,company,email,phone,city,country,email_status,duplicate_count,score,grade,owner,score_reasons,record_id');
    expect((await runCli(['export', '--view', 'nope', '-q'], { stdin: LEADS })).code).toBe(2);
  });

  it('reads back through leadkit import as the text it was written from', async () => {
    const out = path.join(tmp(), 'rt.xlsx');
    const csv = 'record_id,score,ratio,created_at,last_activity_at,postal_code\na:1,79,0.1,2026-08-12,2026-08-12 10:30:15,01067\na:2,-3,12.75,2026-08-13,2026-08-13,1010\n';
    expect((await runCli(['export', '-o', out, '--view', 'full', '-q'], { stdin: csv })).code).toBe(0);
    expect(cellTypes(sheetXml(out), 2)).toMatchObject({ B: '', C: '', D: '', E: '', F: 's' });
    const back = parseCsvRows((await runCli(['import', out, '-q'])).stdout);
    const pick = (name: string) => back.slice(1).map((r) => r[back[0].indexOf(name)]);
    expect(pick('score')).toEqual(['79', '-3']);
    expect(pick('ratio')).toEqual(['0.1', '12.75']);
    expect(pick('created_at')).toEqual(['2026-08-12', '2026-08-13']);
    // The day fraction is binary: 10:30:15 must not come back as 10:30:14.999.
    expect(pick('last_activity_at')).toEqual(['2026-08-12T10:30:15Z', '2026-08-13']);
    expect(pick('postal_code')).toEqual(['01067', '1010']);
  });

  it('gives each --split-by workbook the sales view too', async () => {
    const dir = tmp();
    expect((await runCli(['export', '--split-by', 'grade', '--out-dir', dir, '--format', 'xlsx', '-q'], { stdin: LEADS })).code).toBe(0);
    const [head, row] = await readSheet(path.join(dir, 'A.xlsx'));
    expect(head).toContain('score_reasons');
    expect(head).not.toContain('Interesse');
    expect(row[head.indexOf('score')]).toBe(79);
  });

  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!soffice)('LibreOffice shows the numbers, dates and zeros as written', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.xlsx');
    expect((await runCli(['export', '-o', out, '--view', 'full', '-q'], { stdin: LEADS })).code).toBe(0);
    execFileSync(soffice, ['--headless', '--convert-to', 'csv', '--outdir', dir, out], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
    const lines = fs.readFileSync(path.join(dir, 'leads.csv'), 'utf8').split(/\r?\n/);
    expect(lines[2]).toContain(',01067,');
    expect(lines[2]).toContain('2026-08-13');
    expect(lines[1]).toContain(',79,');
  }, 180_000);
});
