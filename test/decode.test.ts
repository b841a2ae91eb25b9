import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, EncodingError, firstInvalidUtf8 } from '../src/io/decode.js';
import { runCli } from './helpers/run-cli.js';

const cp1252 = (s: string) => iconv.encode(s, 'windows-1252');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-decode-'));

/** A vendor list whose first 5,000 rows are plain ASCII (sorted so the umlauts come late). */
function lateList(last: string): string {
  let s = 'Vorname;Nachname;Firma;PLZ;Ort\r\n';
  for (let i = 0; i < 5000; i++) s += `Max${i};Mustermann;Holz ${i} GmbH;${10000 + i};Berlin\r\n`;
  return s + last;
}

describe('firstInvalidUtf8', () => {
  it.each([
    ['plain ASCII', [0x41, 0x42], 2],
    ['ö in UTF-8', [0x41, 0xc3, 0xb6, 0x42], 4],
    ['ö in Windows-1252', [0x41, 0xf6, 0x42], 1],
    ['€ in Windows-1252', [0x80], 0],
    ['overlong C0 AF', [0x41, 0xc0, 0xaf], 1],
    ['overlong E0 80 80', [0xe0, 0x80, 0x80], 0],
    ['surrogate ED A0 80', [0x41, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['F5 never occurs', [0xf5], 0],
    ['€ in UTF-8 (E2 82 AC)', [0xe2, 0x82, 0xac], 3],
    ['a lead byte followed by ASCII', [0xc3, 0x41], 0],
    ['a sequence cut off by the end of the block', [0x41, 0xe2, 0x82], 3],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
  it('continuation bytes at the start count only when the chunk continues a character', () => {
    expect(firstInvalidUtf8(Uint8Array.from([0xb6, 0x41]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0xb6, 0x41]), true)).toBe(2);
  });
});

describe('createDecoder', () => {
  it('a guessed UTF-8 input that was ASCII so far switches to Windows-1252 at the first non-UTF-8 byte', () => {
    const d = createDecoder('utf8', true);
    expect(d.write(Buffer.from('Vorname;Firma\nMax;Holz GmbH\n'))).toBe('Vorname;Firma\nMax;Holz GmbH\n');
    expect(d.encoding).toBe('utf8');
    const text = d.write(cp1252('Jörg;Müller € GmbH\n'));
    expect(text).toBe('Jörg;Müller € GmbH\n');
    expect(d.encoding).toBe('windows-1252');
    expect(d.switchedAt).toBe(1);
    expect(d.write(cp1252('Ž„\n'))).toBe('Ž„\n');
    expect(d.switchedAt).toBeUndefined();
    expect(d.end()).toBe('');
  });
  it('a UTF-8 character split across chunks is no reason to switch', () => {
    const d = createDecoder('utf8', true);
    const b = Buffer.from('Müller\n');
    expect(d.write(b.subarray(0, 2)) + d.write(b.subarray(2)) + d.end()).toBe('Müller\n');
    expect(d.encoding).toBe('utf8');
  });
  it('after UTF-8 letters, a Windows-1252 byte is an error carrying the text before it', () => {
    const d = createDecoder('utf8', true);
    d.write(Buffer.from('Jörg\n'));
    let caught: unknown;
    try {
      d.write(Buffer.concat([Buffer.from('Eva\nGro'), cp1252('ß\n')]));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EncodingError);
    expect((caught as EncodingError).prefix).toBe('Eva\nGro');
    expect((caught as EncodingError).message).toBe('invalid UTF-8 (byte 0xDF)');
  });
  it('declared UTF-8 (--encoding) never switches', () => {
    const d = createDecoder('utf8', false);
    d.write(Buffer.from('Max\n'));
    expect(() => d.write(cp1252('Jörg\n'))).toThrow(/invalid UTF-8 \(byte 0xF6\)/);
  });
  it('an input that ends inside a UTF-8 character is an error', () => {
    const d = createDecoder('utf8', true);
    d.write(Buffer.from([0x41, 0xe2, 0x82]));
    expect(() => d.end()).toThrow(/ends inside a UTF-8 character/);
  });
  it('guessed Windows-1252 refuses UTF-8 letters; declared Windows-1252 reads them as written', () => {
    const mixed = Buffer.concat([cp1252('Jörg\n'), Buffer.from('Müller\n')]);
    expect(() => createDecoder('windows-1252', true).write(mixed)).toThrow(/UTF-8 "ü" \(bytes C3 BC\) in a file otherwise read as Windows-1252/);
    expect(createDecoder('windows-1252', false).write(mixed)).toBe('Jörg\nMÃ¼ller\n');
    // Windows-1252 text with Ã before ASCII (Portuguese) is fine.
    expect(createDecoder('windows-1252', true).write(cp1252('SÃO PAULO;Köln\n'))).toBe('SÃO PAULO;Köln\n');
  });
});

describe('reading a list whose first non-ASCII byte comes after the sniffed block', () => {
  const last = 'Jörg;Müller;Müller € GmbH;50667;Köln\r\n';
  it('from a file: rows decoded as Windows-1252, nothing replaced by U+FFFD', async () => {
    const file = path.join(tmp(), 'vendor.csv');
    // Over 256 KB, so the first non-ASCII byte arrives in a later read than the sniffed block.
    let s = lateList('');
    while (s.length < 300_000) s += 'Max;Mustermann;Holz GmbH;10115;Berlin\r\n';
    fs.writeFileSync(file, cp1252(s + last));
    const r = await runCli(['import', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\uFFFD');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/,Jörg,Müller,Müller € GmbH,50667,Köln,,Jörg,Müller,Müller € GmbH,Köln,as_written$/);
    const line = s.split('\r\n').length;
    expect(r.stderr).toContain(`warning: ${file}: read as Windows-1252: the first non-ASCII character, at line ${line}, is not UTF-8`);
    expect(r.stderr).toMatch(/vendor\.csv: windows-1252, ';'/);
  });
  it('from standard input, and leadkit run reports the encoding it used', async () => {
    const dir = tmp();
    const file = path.join(dir, 'vendor.csv');
    fs.writeFileSync(file, cp1252(lateList(last)));
    const r = await runCli(['import'], { stdinFile: file });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stdin:5001,stdin,,,unknown,Jörg,Müller,Müller € GmbH,50667,Köln');
    expect(r.stderr).toContain('warning: <stdin>: read as Windows-1252: the first non-ASCII character, at line 5002, is not UTF-8');
    const summary = path.join(dir, 'summary.json');
    fs.writeFileSync(path.join(dir, 'p.yml'), `inputs: [${JSON.stringify(file)}]\nsteps: [validate: {}]\noutputs: [export: {output: ${JSON.stringify(path.join(dir, 'out.csv'))}}]\nsummary_json: ${JSON.stringify(summary)}\n`);
    const run = await runCli(['run', path.join(dir, 'p.yml'), '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(summary, 'utf8')).inputs[0].encoding).toBe('windows-1252');
  });
  it('a file that mixes UTF-8 and Windows-1252 is an error at the line of the first foreign byte', async () => {
    const dir = tmp();
    const file = path.join(dir, 'mixed.csv');
    const utf8Part = Buffer.from(`Vorname;Nachname\nJörg;Müller\n${'Max;Mustermann\n'.repeat(20000)}`);
    fs.writeFileSync(file, Buffer.concat([utf8Part, cp1252('Eva;Groß\n')]));
    const out = path.join(dir, 'out.csv');
    fs.writeFileSync(out, 'yesterday\n');
    const r = await runCli(['import', file, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `leadkit: ${file}:20003: invalid UTF-8 (byte 0xDF); the file mixes UTF-8 with another encoding (Windows-1252?): convert it to one, or name one with --encoding`,
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
    // The other way round, within the sniffed block: UTF-8 letters in a Windows-1252 list.
    fs.writeFileSync(file, Buffer.concat([cp1252('Vorname;Nachname\nJörg;Müller\n'), Buffer.from('Eva;Groß\n')]));
    const r2 = await runCli(['import', file]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`${file}:3: UTF-8 "ß" (bytes C3 9F) in a file otherwise read as Windows-1252`);
  });
  it('--encoding utf-8 on a Windows-1252 list names the line and suggests the fix', async () => {
    const file = path.join(tmp(), 'vendor.csv');
    fs.writeFileSync(file, cp1252(lateList(last)));
    const r = await runCli(['import', '--encoding', 'utf-8', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`leadkit: ${file}:5002: invalid UTF-8 (byte 0xF6); the file is not UTF-8: try --encoding windows-1252`);
    const ok = await runCli(['import', '--encoding', 'windows-1252', file]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('read as Windows-1252');
  });
});
