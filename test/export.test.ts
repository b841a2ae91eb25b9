import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { selectColumns } from '../src/export/select.js';
import { numericValue, parseSortSpec, sortRows } from '../src/export/sort.js';
import { fileNameFor } from '../src/commands/export.js';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';

const cols = ['record_id', 'first_name', 'last_name', 'E-Mail', 'score', 'owner'];

describe('selectColumns', () => {
  it.each([
    ['last_name,first_name', ['last_name', 'first_name']],
    ['2-3', ['first_name', 'last_name']],
    ['first_name-score', ['first_name', 'last_name', 'E-Mail', 'score']],
    ['E-Mail', ['E-Mail']],
    ['5-', ['score', 'owner']],
    ['-2', ['record_id', 'first_name']],
    ['!1,!owner', ['first_name', 'last_name', 'E-Mail', 'score']],
    ['1-4,!E-Mail', ['record_id', 'first_name', 'last_name']],
    ['3-1', ['last_name', 'first_name', 'record_id']],
  ])('%s', (spec, want) => expect(selectColumns(spec, cols)).toEqual(want));
  it('rejects an unknown column or index as a usage error', () => {
    expect(() => selectColumns('emial', cols)).toThrow(/no column "emial"/);
    expect(() => selectColumns('9', cols)).toThrow(/out of range/);
  });
});

describe('--columns: any case, /regex/, did-you-mean', () => {
  // An Excel export after import: German and English headers side by side.
  const excel = ['record_id', 'Vorname', 'Nachname', 'E-Mail', 'email_status', 'Telefon', 'phone_e164', 'PLZ', 'score', 'grade'];
  it.each([
    ['RECORD_ID,vorname', ['record_id', 'Vorname']],
    ['/^e-?mail/', ['E-Mail', 'email_status']],
    ['record_id,/phone|telefon/', ['record_id', 'Telefon', 'phone_e164']],
    ['!/^e-?mail/,!PLZ', ['record_id', 'Vorname', 'Nachname', 'Telefon', 'phone_e164', 'score', 'grade']],
    ['/^(score|grade)$/,1', ['score', 'grade', 'record_id']],
    ['vorname-e-mail', ['Vorname', 'Nachname', 'E-Mail']],
    ['"e-mail"', ['E-Mail']],
  ])('%s', (spec, want) => expect(selectColumns(spec, excel)).toEqual(want));

  it.each([
    ['emial_status', 'no column "emial_status" (did you mean "email_status"?)'],
    ['Nachnahme', 'no column "Nachnahme" (did you mean "Nachname"?)'],
    ['phone', 'no column "phone" (the input has 10 columns: record_id, Vorname, Nachname, E-Mail, email_status, Telefon, …)'],
    ['/^mobil/', '/^mobil/ matches no column'],
    ['/[a-/', 'invalid regular expression /[a-/'],
    ['/^e', 'unclosed /regex/'],
  ])('%s is a usage error with a hint', (spec, message) => {
    expect(() => selectColumns(spec, excel)).toThrow(message);
  });

  it('needs the exact spelling when two columns differ only in case', () => {
    expect(selectColumns('Email', ['email', 'Email'])).toEqual(['Email']);
    expect(() => selectColumns('EMAIL', ['email', 'Email'])).toThrow(/matches "email" and "Email", which differ only in case/);
  });

  it('applies to every command that writes rows, and to profile', async () => {
    const csv = 'Vorname;Nachname;E-Mail;Telefon;PLZ\r\nJürgen;Größ;j.groess@mueller.at;+43 2622 12345;2700\r\nAnna;Öztürk;anna@zoetl.de;089 123456;01067\r\n';
    const imp = await runCli(['import', '--columns', 'record_id,/^(email|phone)/,POSTAL_CODE', '-q'], { stdin: csv });
    expect(imp.code).toBe(0);
    expect(imp.stdout.split(/\r?\n/)[0]).toMatch(/^record_id,email(,[a-z_0-9]+)*,postal_code$/);
    expect(imp.stdout).toContain(',01067');
    const val = await runCli(['validate', '--columns', 'emial_status', '-q'], { stdin: imp.stdout });
    expect(val.code).toBe(2);
    expect(val.stderr).toContain('--columns: no column "emial_status"');
    const prof = await runCli(['profile', '--columns', 'PLZ', '-q'], { stdin: csv });
    expect(prof.code).toBe(0);
    expect(prof.stdout).toContain('PLZ');
    expect(prof.stdout).not.toContain('Telefon');
  });
});

describe('sorting', () => {
  it('reads English and German numbers', () => {
    expect(numericValue('1.234,5')).toBe(1234.5);
    expect(numericValue('1,234.5')).toBe(1234.5);
    expect(numericValue('1.234.567')).toBe(1234567);
    expect(numericValue('-12')).toBe(-12);
    expect(numericValue('51-200')).toBeUndefined();
    expect(numericValue('abc')).toBeUndefined();
  });
  it('is numeric-aware, stable, and puts empty values last in both directions', () => {
    const rows = [
      { id: 'a', score: '9' },
      { id: 'b', score: '10' },
      { id: 'c', score: '' },
      { id: 'd', score: '10' },
      { id: 'e', score: '2,5' },
    ];
    const asc = sortRows(rows.slice(), parseSortSpec('score', ['id', 'score'])).map((r) => r.id);
    expect(asc).toEqual(['e', 'a', 'b', 'd', 'c']);
    const desc = sortRows(rows.slice(), parseSortSpec('score:desc', ['id', 'score'])).map((r) => r.id);
    expect(desc).toEqual(['b', 'd', 'a', 'e', 'c']);
  });
  it('orders text with German collation and embedded numbers', () => {
    const rows = ['Zebra', 'Äpfel', 'apfel', 'Los 10', 'Los 2'].map((n) => ({ n }));
    expect(sortRows(rows, [{ field: 'n', desc: false }]).map((r) => r.n)).toEqual(['Äpfel', 'apfel', 'Los 2', 'Los 10', 'Zebra']);
  });
});

describe('leadkit export', () => {
  it('--split-by writes one file per owner, --top per file, atomically', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-split-'));
    const input = 'name,owner,score\nA,Nina Roth,5\nB,Jonas Keller,7\nC,Nina Roth,9\nD,,1\nE,Nina Roth,3\nF,a/b,1\n';
    const r = await runCli(['export', '--split-by', 'owner', '--out-dir', dir, '--sort', 'score:desc', '--top', '2'], { stdin: input });
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['Jonas Keller.csv', 'Nina Roth.csv', '_empty.csv', 'a_b.csv']);
    expect(fs.readFileSync(path.join(dir, 'Nina Roth.csv'), 'utf8')).toBe('name,owner,score\nC,Nina Roth,9\nA,Nina Roth,5\n');
    expect(r.stderr).toMatch(/5 rows into 4 csv files/);
  });
  it('a single column keeps its empty rows ("" rather than a blank line), through a second pass too', async () => {
    const input = 'name,email\nA,a@x.de\nB,\nC,c@x.de\nD,\n';
    const one = await runCli(['export', '--columns', 'email', '-q'], { stdin: input });
    expect(one.stdout).toBe('email\na@x.de\n""\nc@x.de\n""\n');
    const again = await runCli(['export', '-q'], { stdin: one.stdout });
    expect(again.stdout).toBe(one.stdout);
    expect(parseCsv(again.stdout)).toHaveLength(5);
  });
  it('a column named __proto__ is a column like any other', async () => {
    const imp = await runCli(['import', '-q', '--no-display-case'], { stdin: 'Vorname;__proto__\nJörg;x1\n' });
    expect(imp.code).toBe(0);
    expect(imp.stdout).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,first_name,__proto__,import_status\nstdin:1,stdin,,,unknown,Jörg,x1,\n');
    const exp = await runCli(['export', '-q'], { stdin: imp.stdout });
    expect(exp.code).toBe(0);
    expect(exp.stdout).toBe(imp.stdout);
  });
  it('--split-by tells about files from earlier runs, and --clean removes them once the new ones are in place', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-stale-'));
    const monday = 'name,owner\nA,Nina Roth\nB,Jonas Keller\nC,Lea Wolf\n';
    const tuesday = 'name,owner\nD,Nina Roth\nE,Jonas Keller\n';
    expect((await runCli(['export', '--split-by', 'owner', '--out-dir', dir], { stdin: monday })).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const warned = await runCli(['export', '--split-by', 'owner', '--out-dir', dir], { stdin: tuesday });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`${dir}: 1 other .csv file from earlier runs is still there (Lea Wolf.csv); --clean removes them`);
    expect(fs.readdirSync(dir).sort()).toEqual(['Jonas Keller.csv', 'Lea Wolf.csv', 'Nina Roth.csv', 'notes.txt']);
    const cleaned = await runCli(['export', '--split-by', 'owner', '--out-dir', dir, '--clean'], { stdin: tuesday });
    expect(cleaned.code).toBe(0);
    expect(cleaned.stderr).toMatch(/2 rows into 2 csv files .*; 1 old file removed/);
    expect(fs.readdirSync(dir).sort()).toEqual(['Jonas Keller.csv', 'Nina Roth.csv', 'notes.txt']);
    expect(fs.readFileSync(path.join(dir, 'Nina Roth.csv'), 'utf8')).toBe('name,owner\nD,Nina Roth\n');
    // Without --split-by there is nothing to clean.
    expect((await runCli(['export', '--clean'], { stdin: tuesday })).code).toBe(2);
  });
  it('--out-dir creates missing folders, and fails with one line instead of hanging where it cannot', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-outdir-'));
    const nested = path.join(base, 'by', 'owner');
    const ok = await runCli(['export', '--split-by', 'owner', '--out-dir', nested, '-q'], { stdin: 'name,owner\nA,Nina\n' });
    expect(ok.code).toBe(0);
    expect(fs.readdirSync(nested)).toEqual(['Nina.csv']);
    // Node's own recursive mkdir never returns under /proc.
    const proc = await runCli(['export', '--split-by', 'owner', '--out-dir', '/proc/leadkit-test/x', '-q'], { stdin: 'name,owner\nA,Nina\n' });
    expect(proc.code).toBe(1);
    expect(proc.stderr.trim().split('\n')).toHaveLength(1);
    expect(proc.stderr).toMatch(/^leadkit: \/proc\/leadkit-test\/x: cannot create directory \/proc\/leadkit-test/);
    fs.writeFileSync(path.join(base, 'file'), '');
    const notDir = await runCli(['export', '--split-by', 'owner', '--out-dir', path.join(base, 'file', 'sub'), '-q'], { stdin: 'name,owner\nA,Nina\n' });
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).toMatch(/is not a directory/);
  });
  it('writes xlsx with text cells, so +49… and 01067 stay text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-xlsx-'));
    const out = path.join(dir, 'leads.xlsx');
    const r = await runCli(['export', '-o', out, '-q'], { stdin: 'phone,plz,note\n+4930123456,01067,=1+1\n' });
    expect(r.code).toBe(0);
    const data = await readSheet(out, { parseNumber: (s: string) => s });
    expect(data).toEqual([
      ['phone', 'plz', 'note'],
      ['+4930123456', '01067', "'=1+1"],
    ]);
  });
  it('--format tsv, and an unknown --sort column exits 2', async () => {
    const r = await runCli(['export', '--format', 'tsv', '-q'], { stdin: 'a,b\n"x\ty",2\n' });
    expect(parseCsv(r.stdout, '\t')).toEqual([['a', 'b'], ['x\ty', '2']]);
    expect((await runCli(['export', '--sort', 'nope'], { stdin: 'a\n1\n' })).code).toBe(2);
  });
  it('makes file names safe', () => {
    expect(fileNameFor('Nord/Ost: "Team"')).toBe('Nord_Ost_ _Team_');
    expect(fileNameFor('')).toBe('_empty');
    expect(fileNameFor('..')).toBe('_empty');
  });
});
