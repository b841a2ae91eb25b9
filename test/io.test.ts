import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectEncoding, isValidUtf8, sniffDelimiter, looksBinary } from '../src/io/sniff.js';
import { guardFormula } from '../src/io/csv-format.js';
import { cleanHeader } from '../src/io/read.js';
import { parse as csvParse } from 'csv-parse/sync';
import { runCli } from './helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-'));

describe('encoding detection', () => {
  it('reads BOMs', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toEqual({ encoding: 'utf8', bomLength: 3 });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true).encoding).toBe('utf16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]), true).encoding).toBe('utf16be');
  });
  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(detectEncoding(Buffer.from('Straße;Müller', 'latin1'), true).encoding).toBe('windows-1252');
    expect(detectEncoding(Buffer.from('Straße;Müller', 'utf8'), true).encoding).toBe('utf8');
  });
  it('does not call a block invalid because it ends inside a character', () => {
    const b = Buffer.from('abc€', 'utf8');
    expect(isValidUtf8(b.subarray(0, b.length - 1), false)).toBe(true);
    expect(isValidUtf8(b.subarray(0, b.length - 1), true)).toBe(false);
  });
  it('flags binary data', () => {
    expect(looksBinary(Buffer.from([0x50, 0, 0x41]))).toBe(true);
    expect(looksBinary(Buffer.from('Vorname;Name\r\n'))).toBe(false);
  });
});

describe('delimiter sniffing', () => {
  it.each([
    ['Vorname;Name;Firma\nA;B;"C, D"\nE;F;G\n', ';'],
    ['first,last,company\nA,B,"C; D"\nE,F,G\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['email\nx@y.de\n', ','],
    // One column whose values hold commas now and then: text, not fields.
    ['Beruf\nAltenpfleger/in\nKaufmann/-frau, Büromanagement\nMaurer/in\nFachkraft, Lagerlogistik, Hafen\n', ''],
    ['Firma\nMüller GmbH & Co. KG\n"Schmidt; Söhne"\nBäckerei Huber; Filiale Graz\nWeber AG\n', ''],
    // A header without a delimiter, rows with the same count each: left to "," as before.
    ['Export\na,b\nc,d\ne,f\n', ','],
    // A header that has one: its delimiter, even if some values hold another.
    ['Beruf;Anzahl\nKaufmann/-frau, Büromanagement;12\nMaurer/in;3\n', ';'],
  ])('%j → %j', (text, d) => expect(sniffDelimiter(text)).toBe(d));

  it('reads a one-column list with commas in its values as one column, no row ragged', async () => {
    const dir = tmp();
    const f = path.join(dir, 'berufe.csv');
    const lines = ['Beruf', 'Bürokaufmann/-frau', 'Kaufmann/-frau, Büromanagement', 'Elektroniker/in, Energie- und Gebäudetechnik', 'Maurer/in', 'Fachkraft, Lagerlogistik, Hafenbetrieb', 'Tischler/in'];
    fs.writeFileSync(f, lines.join('\r\n') + '\r\n');
    const r = await runCli(['import', f, '--source', 'b']);
    expect(r.code).toBe(0);
    const rows = csvParse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.title)).toEqual(lines.slice(1));
    expect(rows.every((row) => row.import_status === '')).toBe(true);
    expect(Object.keys(rows[0]).some((c) => c.startsWith('_extra'))).toBe(false);
    expect(r.stderr).toContain('one column');
    expect(r.stderr).not.toContain('did not have the header');
  });
});

describe('Windows-1252 decoding', () => {
  it('keeps € „ “ Ž (bytes 0x80–0x9F) that a one-shot TextDecoder garbles on Node 20', async () => {
    const dir = tmp();
    const f = path.join(dir, 'liste.csv');
    // 0x80 €, 0x84 „, 0x93 “, 0x8E Ž, 0xE4 ä
    fs.writeFileSync(f, Buffer.concat([Buffer.from('Firma;Notiz\r\n'), Buffer.from([0x8e, 0x61, 0x62, 0x3b, 0x84, 0x35, 0x30, 0x20, 0x80, 0x93, 0x20, 0xe4, 0x0d, 0x0a])]));
    const r = await runCli(['import', f, '-q', '--no-display-case']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('liste:1,liste,,,unknown,Žab,„50 €“ ä,');
  });
  it('--encoding overrides detection', async () => {
    const dir = tmp();
    const f = path.join(dir, 'l.csv');
    fs.writeFileSync(f, Buffer.from('Ort\nMÃ¼nchen\n', 'latin1'));
    expect((await runCli(['import', f, '-q'])).stdout).toContain('München');
    expect((await runCli(['import', f, '-q', '--encoding', 'latin1'])).stdout).toContain('MÃ¼nchen');
  });
  it('reads UTF-16LE with BOM (Excel "Unicode text")', async () => {
    const dir = tmp();
    const f = path.join(dir, 'u16.txt');
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Vorname\tOrt\r\nJürgen\tKöln\r\n', 'utf16le')]));
    const r = await runCli(['import', f, '-q', '--no-display-case']);
    expect(r.stdout.split('\n')[1]).toBe('u16:1,u16,,,unknown,Jürgen,Köln,');
  });
});

describe('reading in slices', () => {
  it('a 700 KB file with multi-byte characters, CRLF and quoted line breaks everywhere reads as csv-parse reads it, from a file and from a pipe', async () => {
    const names = ['Jörg', 'Ærøskøbing', '„Zitat“', 'Müller € GmbH', 'Ž', '😀 Emoji'];
    let text = 'Vorname;Firma;Notiz\r\n';
    for (let i = 0; text.length < 700_000; i++) {
      const note = i % 7 === 0 ? `"Zeile 1\r\nZeile 2; ""${names[i % 6]}"""` : names[(i * 5) % 6];
      text += `${names[i % 6]}${i};${names[(i + 1) % 6]};${note}\r\n`;
    }
    const file = path.join(tmp(), 'slices.csv');
    fs.writeFileSync(file, text);
    const expected = csvParse(text, { delimiter: ';' }) as string[][];
    for (const r of [await runCli(['import', '-q', '--no-display-case', file]), await runCli(['import', '-q', '--no-display-case'], { stdinFile: file })]) {
      expect(r.code).toBe(0);
      const got = (csvParse(r.stdout) as string[][]).map((row) => row.slice(5, -1));
      expect(got).toEqual(expected.map((row, k) => (k === 0 ? ['first_name', 'company', 'Notiz'] : row)));
    }
  });
});

describe('header names', () => {
  it.each([
    [['Telefon', 'Telefon', 'Telefon_2'], ['Telefon', 'Telefon_3', 'Telefon_2']],
    [['Telefon', 'Telefon_2', 'Telefon'], ['Telefon', 'Telefon_2', 'Telefon_3']],
    [['\uFEFF Firma ', 'Firma', 'Firma'], ['Firma', 'Firma_2', 'Firma_3']],
    [['', 'column_1', ' '], ['column_1', 'column_1_2', 'column_3']],
  ])('%j → %j', (raw, clean) => {
    expect(cleanHeader(raw)).toEqual(clean);
  });
  it('a repeated header hides no column: every value is still in the output', async () => {
    const r = await runCli(['import', '-q', '--no-display-case'], { stdin: 'Firma;Telefon;Telefon;Telefon_2\nMüller GmbH;030 1;030 2;030 3\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,company,phone,Telefon_3,Telefon_2,import_status\nstdin:1,stdin,,,unknown,Müller GmbH,030 1,030 2,030 3,\n');
  });
});

describe('formula guard', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['@cmd', "'@cmd"],
    ['+49 30 1234567', '+49 30 1234567'],
    ['+4930123456', '+4930123456'],
    ['-12,5', '-12,5'],
    ['-1+1', "'-1+1"],
    ['-', '-'],
    ['---', '---'],
    ['+', '+'],
    ['- keine Angabe -', "'- keine Angabe -"],
    ['-A1', "'-A1"],
    ['++1', "'++1"],
    ['+cmd|calc', "'+cmd|calc"],
    ['\tx', "'\tx"],
    ['Müller', 'Müller'],
    ['', ''],
  ])('%j → %j', (v, want) => expect(guardFormula(v)).toBe(want));

  it('never touches the CSV that flows between stages', async () => {
    const r = await runCli(['import', '-q'], { stdin: 'Telefon,Notiz\n+4930123456,=1+1\n' });
    expect(r.stdout).toContain('+4930123456,=1+1');
  });
});

describe('output files', () => {
  it('are written atomically: a failed run leaves the previous file untouched and no temp file', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.csv');
    fs.writeFileSync(out, 'previous run\n');
    const bad = path.join(dir, 'bad.csv');
    // UTF-8 first, then a Windows-1252 byte: an error at line 3.
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('a,b\n1,Jörg\n3,'), Buffer.from([0xe4, 0x0a])]));
    const r = await runCli(['import', bad, '-o', out]);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous run\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['bad.csv', 'leads.csv']);
  });
  it('--bom and --out-delimiter write an Excel-friendly file', async () => {
    const dir = tmp();
    const out = path.join(dir, 'x.csv');
    const r = await runCli(['import', '-q', '--no-display-case', '--bom', '--out-delimiter', ';', '-o', out], { stdin: 'PLZ,Ort\n01067,Dresden\n' });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fs.readFileSync(out, 'utf8').slice(1)).toBe('record_id;source;source_vendor;source_delivered_at;source_delivered_status;postal_code;city;import_status\nstdin:1;stdin;;;unknown;01067;Dresden;\n');
  });
  it('reports a missing output directory for an xlsx file in the same one line', async () => {
    const r = await runCli(['export', '-q', '-o', '/nonexistent-dir/x.xlsx'], { stdin: 'a\n1\n' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('leadkit: /nonexistent-dir/x.xlsx: cannot write: directory /nonexistent-dir does not exist');
  });
  it('reports a missing output directory as a data error', async () => {
    const r = await runCli(['import', '-q', '-o', '/nonexistent-dir/x.csv'], { stdin: 'a\n1\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not exist/);
  });
});

describe('the built binary', () => {
  const bin = path.join(root, 'bin/leadkit');
  it('exits 0 when the reader of its output goes away (| head under pipefail)', () => {
    const big = path.join(tmp(), 'big.csv');
    let s = 'Vorname;Name;E-Mail\n';
    for (let i = 0; i < 60000; i++) s += `Max${i};Müller;m${i}@example.de\n`;
    fs.writeFileSync(big, s);
    const out = execFileSync('bash', ['-c', `set -o pipefail; "${bin}" import "${big}" -q | head -3`], { encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
  });
  it('import | export through a real pipe gives the bytes of the file route, however stdout is written', () => {
    const dir = tmp();
    const big = path.join(dir, 'big.csv');
    // Larger than the pipe buffer and the 1 MB write queue, with umlauts, quotes and € (two-byte text).
    let s = 'Vorname;Nachname;Firma;Umsatz;Bemerkung\n';
    for (let i = 0; i < 40000; i++) s += `Jörg${i};Müller;"Müller ""Holz"" GmbH";${i % 90},5 Mio. €;=SUMME(A${i})\n`;
    fs.writeFileSync(big, s);
    const viaFile = path.join(dir, 'imported.csv');
    execFileSync(bin, ['import', big, '-q', '-o', viaFile]);
    const expected = execFileSync(bin, ['export', viaFile, '-q'], { maxBuffer: 1 << 28 });
    for (const mode of ['', 'node']) {
      const piped = execFileSync('bash', ['-c', `set -o pipefail; "${bin}" import "${big}" -q | "${bin}" export -q`], {
        env: { ...process.env, LEADKIT_STDOUT_PIPE: mode },
        maxBuffer: 1 << 28,
      });
      expect(piped.length).toBeGreaterThan(2_000_000);
      expect(piped.equals(expected)).toBe(true);
    }
  });
  it('SIGTERM leaves the previous output and no temporary file; temporary files of dead runs are swept', async () => {
    const dir = tmp();
    const big = path.join(dir, 'big.csv');
    let s = 'Vorname;Nachname;Firma;PLZ;E-Mail\n';
    for (let i = 0; i < 150000; i++) s += `Jörg${i % 5000};Müller${i % 7000};Müller Holz ${i % 900} GmbH;${10000 + (i % 8000)};j${i}@mueller-holz.de\n`;
    fs.writeFileSync(big, s);
    const out = path.join(dir, 'leads.csv');
    fs.writeFileSync(out, 'yesterday\n');
    const child = spawn(bin, ['dedupe', big, '-q', '-o', out], { stdio: 'ignore' });
    const temp = () => fs.readdirSync(dir).filter((n) => n.includes('.tmp-'));
    for (let k = 0; k < 200 && temp().length === 0; k++) await new Promise((r) => setTimeout(r, 25));
    expect(temp()).toHaveLength(1);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(temp()).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
    // A run killed outright (SIGKILL) leaves its temporary file; the next write to that target sweeps it.
    fs.writeFileSync(path.join(dir, '.leads.csv.tmp-999999999-abc123'), '');
    execFileSync(bin, ['import', '-q', '--no-display-case', '-o', out], { input: 'Vorname\nJörg\n' });
    expect(temp()).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,first_name,import_status\nstdin:1,stdin,,,unknown,Jörg,\n');
  });
  it('--help shows options and examples; usage errors exit 2', () => {
    const help = spawnSync(bin, ['export', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--split-by <field>/);
    expect(help.stdout).toMatch(/Examples:\n {2}\$ leadkit export/);
    expect(spawnSync(bin, ['frobnicate'], { encoding: 'utf8' }).status).toBe(2);
  });
  it('a missing file is one line naming the file, exit 1, no stack trace', () => {
    const r = spawnSync(bin, ['import', 'nope.csv'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('leadkit: nope.csv: no such file');
  });
});
