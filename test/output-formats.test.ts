import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { runCli } from './helpers/run-cli.js';
import { outputFormatFor } from '../src/io/output-format.js';
import { jsonlEncoder } from '../src/io/jsonl-encode.js';
import { CsvEncoder } from '../src/io/csv-encode.js';

/** An Excel export from a German CRM: `;`, Austrian and German numbers, umlauts, a leading-zero postcode. */
const CONTACTS = [
  'Vorname;Nachname;Firma;E-Mail;Telefon;PLZ;Ort;Land;Mitarbeiter',
  'Jürgen;Weiß;Weiß Elektro GmbH;j.weiss@weiss-elektro.de;+43 1 5880 123;1010;Wien;Österreich;1.250',
  'Anna-Lena;Köhler;Bäckerei Köhler e.K.;;0351 4567890;01067;Dresden;Deutschland;12',
  'Mary;O\'Brien;Acme Widgets Inc.;mary.obrien@acme-widgets.com;+1 (212) 555-0147;02134;Boston;USA;"3,400"',
].join('\r\n') + '\r\n';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-formats-'));
}

function contactsFile(dir: string): string {
  const f = path.join(dir, 'crm-export.csv');
  fs.writeFileSync(f, CONTACTS);
  return f;
}

describe('outputFormatFor: the -o extension picks the format', () => {
  it.each([
    ['leads.csv', 'csv'],
    ['LEADS.CSV', 'csv'],
    ['leads.tsv', 'tsv'],
    ['leads.tab', 'tsv'],
    ['leads.jsonl', 'jsonl'],
    ['leads.ndjson', 'jsonl'],
    ['out/Leads.XLSX', 'xlsx'],
    ['leads', 'csv'],
    ['.hidden', 'csv'],
    ['-', 'csv'],
    ['/dev/stdout', 'csv'],
    ['/dev/fd/3', 'csv'],
    ['/dev/null', 'csv'],
    ['/proc/self/fd/1', 'csv'],
  ])('%s → %s', (target, want) => expect(outputFormatFor(target, undefined)).toBe(want));
  it('stdout is CSV', () => expect(outputFormatFor(undefined, undefined)).toBe('csv'));
  it('an extension leadkit does not write is a usage error naming -o and the extensions it does', () => {
    for (const target of ['leads.json', 'leads.txt', 'leads.xls']) {
      expect(() => outputFormatFor(target, undefined)).toThrow(expect.objectContaining({ exitCode: 2, code: 'E_OUTPUT_FORMAT' }));
      expect(() => outputFormatFor(target, undefined)).toThrow(/^-o leads\.\w+: .*\.csv, \.tsv, .*\.jsonl, \.ndjson, \.xlsx.*--format/);
    }
  });
  it('--format wins over any extension', () => {
    expect(outputFormatFor('leads.json', 'jsonl')).toBe('jsonl');
    expect(outputFormatFor('leads.csv', 'tsv')).toBe('tsv');
  });
  it('a FIFO is CSV whatever its name', () => {
    const fifo = path.join(tmp(), 'leads.json');
    execFileSync('mkfifo', [fifo]);
    expect(outputFormatFor(fifo, undefined)).toBe('csv');
  });
});

describe('every command that writes rows honours the extension', () => {
  it.each([
    ['import', 'csv'],
    ['import', 'tsv'],
    ['import', 'ndjson'],
    ['validate', 'tab'],
    ['validate', 'jsonl'],
    ['export', 'tsv'],
    ['export', 'jsonl'],
  ])('%s -o leads.%s', async (command, ext) => {
    const dir = tmp();
    const input = contactsFile(dir);
    const csv = command === 'import' ? undefined : (await runCli(['import', input, '-q'])).stdout;
    const out = path.join(dir, `leads.${ext}`);
    const r = await runCli(command === 'import' ? ['import', input, '-q', '-o', out] : [command, '-q', '-o', out], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const text = fs.readFileSync(out, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    if (ext === 'jsonl' || ext === 'ndjson') {
      expect(lines).toHaveLength(3);
      const first = JSON.parse(lines[0]);
      expect(first.first_name).toBe('Jürgen');
      expect(first.postal_code).toBe('1010');
      expect(JSON.parse(lines[1]).postal_code).toBe('01067');
    } else {
      expect(lines).toHaveLength(4);
      const header = lines[0].split(ext === 'csv' ? ',' : '\t');
      expect(header).toContain('postal_code');
      expect(lines[2].split(ext === 'csv' ? ',' : '\t')[header.indexOf('postal_code')]).toBe('01067');
    }
  });
  it('import -o leads.xlsx writes a workbook with the postcode as text', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.xlsx');
    const r = await runCli(['import', contactsFile(dir), '-q', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readSheet(out);
    const col = sheet[0].indexOf('postal_code');
    expect(sheet[2][col]).toBe('01067');
  });
  it('-o leads.json is a usage error (exit 2), one line, and writes nothing', async () => {
    const dir = tmp();
    const input = contactsFile(dir);
    for (const args of [['import', input], ['validate', input], ['export', input]]) {
      const out = path.join(dir, 'leads.json');
      const r = await runCli([...args, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`leadkit: -o ${out}: leadkit does not write ".json" files; use .csv, .tsv, .tab, .jsonl, .ndjson, .xlsx, or give --format csv|tsv|jsonl|xlsx\n`);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
  it('--format names the format for a name of the user’s choosing', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.txt');
    const r = await runCli(['import', contactsFile(dir), '-q', '-o', out, '--format', 'tsv']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^record_id\tsource\t/);
  });
  it('a name without an extension and /dev/null stay CSV', async () => {
    const dir = tmp();
    const input = contactsFile(dir);
    const out = path.join(dir, 'leads');
    expect((await runCli(['import', input, '-q', '-o', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^record_id,source,/);
    // A link of the test's own to the device, named like a file leadkit does not write: were it
    // ever renamed over, the link would go, not the machine's /dev/null (the tests run as root).
    const nul = path.join(dir, 'nothing.json');
    fs.symlinkSync('/dev/null', nul);
    expect((await runCli(['import', input, '-q', '-o', nul])).code).toBe(0);
    expect(fs.lstatSync(nul).isSymbolicLink()).toBe(true);
  });
  it('a FIFO named leads.json gets CSV', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'leads.json');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      fs.createReadStream(fifo).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
    });
    const r = await runCli(['import', contactsFile(dir), '-q', '-o', fifo]);
    expect(r.code, r.stderr).toBe(0);
    expect(await reader).toMatch(/^record_id,source,.*\nstdin:1|^record_id,source,[^\n]*\ncrm-export:1,/);
  });
});

describe('JSON Lines: leadkit’s own numbers and booleans are typed, input columns stay strings', () => {
  const columns = ['record_id', 'postal_code', 'employees', 'phone', 'score', 'duplicate_count', 'match_score', 'country_guessed', 'suppressed', 'notes'];
  it('jsonlEncoder', () => {
    const line = jsonlEncoder(columns);
    const row = { record_id: 'crm:1', postal_code: '01067', employees: '1.250', phone: '+43 1 5880 123', score: '79', duplicate_count: '2', match_score: '0.93', country_guessed: 'true', suppressed: 'false', notes: '12' };
    expect(JSON.parse(line(row))).toEqual({ ...row, score: 79, duplicate_count: 2, match_score: 0.93, country_guessed: true, suppressed: false });
    // Empty: no number (null), and "not guessed"; text leadkit did not write as a number stays text.
    const blank = { record_id: 'crm:2', postal_code: '', employees: '', phone: '', score: '', duplicate_count: '0', match_score: '', country_guessed: '', suppressed: 'false', notes: '' };
    expect(JSON.parse(line(blank))).toMatchObject({ score: null, duplicate_count: 0, match_score: null, country_guessed: false });
    expect(JSON.parse(line({ ...blank, score: '7,5' })).score).toBe('7,5');
  });
  const scored = 'record_id,postal_code,employees,score,duplicate_count,country_guessed,suppressed\ncrm:1,01067,45,79,1,true,false\ncrm:2,1010,"3,400",41,0,,true\n';
  it('export -o leads.jsonl and --split-by --format jsonl type the same columns', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.jsonl');
    expect((await runCli(['export', '-q', '-o', out], { stdin: scored })).code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0]).toEqual({ record_id: 'crm:1', postal_code: '01067', employees: '45', score: 79, duplicate_count: 1, country_guessed: true, suppressed: false });
    expect(rows[1]).toEqual({ record_id: 'crm:2', postal_code: '1010', employees: '3,400', score: 41, duplicate_count: 0, country_guessed: false, suppressed: true });
    const split = path.join(dir, 'by');
    expect((await runCli(['export', '-q', '--split-by', 'suppressed', '--out-dir', split, '--format', 'jsonl'], { stdin: scored })).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(split, 'false.jsonl'), 'utf8'))).toEqual(rows[0]);
  });
});

describe('--excel', () => {
  it('writes BOM, ; and CRLF, quotes cells with ;, and warns once that .xlsx keeps leading zeros', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.csv');
    const rejects = path.join(dir, 'rejects.csv');
    const csv = (await runCli(['import', contactsFile(dir), '-q'])).stdout;
    const r = await runCli(['validate', '-q', '--excel', '-o', out, '--reject-if', 'invalid_email', '--rejects', rejects], { stdin: csv.replace('Weiß Elektro GmbH', '"Weiß; Elektro GmbH"') });
    expect(r.code, r.stderr).toBe(0);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toMatch(/^record_id;source;/);
    expect(text).toContain(';"Weiß; Elektro GmbH";');
    expect(text).toContain(';01067;');
    // The side file is written for the same spreadsheet.
    expect([...fs.readFileSync(rejects).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('--excel'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/leading zeros.*\.xlsx/);
  });
  it('--out-delimiter still names the delimiter; without --excel nothing changes', async () => {
    const r = await runCli(['export', '-q', '--excel', '--out-delimiter', ','], { stdin: 'plz,ort\n01067,Dresden\n' });
    expect(r.stdoutBytes.equals(Buffer.from('\uFEFFplz,ort\r\n01067,Dresden\r\n'))).toBe(true);
    const plain = await runCli(['export', '-q'], { stdin: 'plz,ort\n01067,Dresden\n' });
    expect(plain.stdout).toBe('plz,ort\n01067,Dresden\n');
    expect(plain.stderr).toBe('');
  });
  it('with JSON Lines is a usage error', async () => {
    const r = await runCli(['validate', '--excel', '-o', path.join(tmp(), 'x.jsonl')], { stdin: 'email\na@b.de\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--excel is for CSV/);
  });
  it('CsvEncoder ends lines in CR LF, a lone empty cell too', () => {
    const enc = new CsvEncoder(';', true);
    enc.line(['a;b', 'x\r\ny'], 2);
    enc.line([''], 1);
    expect(Buffer.concat(enc.take()).toString('utf8')).toBe('"a;b";"x\r\ny"\r\n""\r\n');
  });
});

describe('leadkit run outputs', () => {
  it('take the format from the output name, and excel: true as on the command line', async () => {
    const dir = tmp();
    const input = contactsFile(dir);
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, `inputs: [${input}]\noutputs:\n  - export: { output: leads.ndjson }\n  - export: { output: leads.csv, excel: true }\n  - export: { output: leads.txt, format: tsv }\n`);
    const r = await runCli(['run', pipeline, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'leads.ndjson'), 'utf8').split('\n')[1]).postal_code).toBe('01067');
    expect(fs.readFileSync(path.join(dir, 'leads.csv'), 'utf8')).toMatch(/^\uFEFFrecord_id;source;[^\n]*\r\n/);
    expect(fs.readFileSync(path.join(dir, 'leads.txt'), 'utf8')).toMatch(/^record_id\tsource\t/);
    fs.writeFileSync(pipeline, `inputs: [${input}]\noutputs:\n  - export: { output: leads.json }\n`);
    const bad = await runCli(['run', pipeline, '-q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/leads\.json: leadkit does not write "\.json" files/);
    expect(fs.existsSync(path.join(dir, 'leads.json'))).toBe(false);
  });
});
