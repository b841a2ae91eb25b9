/**
 * Encodings given or guessed wrong (issue #12): never 0 rows, mojibake or U+FFFD without a word.
 * Each case is a German lead list as vendors send it, read through the CLI, and asserts the exit
 * code, the one-line error or the warning (file, count, first line), and the rows' marks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as csvParse } from 'csv-parse/sync';
import { binaryKind, guessUtf16, looksBinary, utf16Mismatch } from '../../src/io/sniff.js';
import { runCli } from '../helpers/run-cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-encoding-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};
const rowsOf = (csv: string) => csvParse(csv, { columns: true }) as Record<string, string>[];
const errors = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('leadkit:'));
const warnings = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('warning:'));
const cp1252 = (s: string) => iconv.encode(s, 'windows-1252');

const LIST = 'Vorname;Nachname;Firma;Ort\nJürgen;Müller;Müller & Söhne GmbH;Köln\nÄnne;Größer;Bäckerei Öztürk;Düsseldorf\nSøren;Weiß;Straßenbau AG;München\n';

/* ------------------------------------------------------------------ UTF-16 given or guessed wrong */

describe('UTF-16 on bytes that are not UTF-16', () => {
  it.each(['utf-16le', 'utf-16be'])('--encoding %s on a UTF-8 list is an error naming the file and --encoding utf-8', async (enc) => {
    const f = write(`utf8-as-${enc}.csv`, LIST);
    const r = await runCli(['import', '--encoding', enc, f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const name = enc.toUpperCase().replace('UTF-16', 'UTF-16');
    expect(errors(r.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^leadkit: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: read as ${name} the text has no line break and no delimiter, though the bytes have line breaks .*: it is not ${name}; try --encoding utf-8, or leave --encoding out to detect it$`)),
    ]);
  });

  it('--encoding utf-16le on a Windows-1252 list suggests windows-1252', async () => {
    const f = write('cp1252-as-utf16.csv', cp1252(LIST));
    const r = await runCli(['import', '--encoding', 'utf-16le', f]);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toEqual([expect.stringMatching(/it is not UTF-16LE; try --encoding windows-1252/)]);
  });

  it('--encoding utf-16be on a UTF-16LE list without a BOM suggests utf-16le', async () => {
    const f = write('le-as-be.csv', Buffer.from(LIST, 'utf16le'));
    const r = await runCli(['import', '--encoding', 'utf-16be', f]);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toEqual([expect.stringMatching(/it is not UTF-16BE; try --encoding utf-16le/)]);
  });

  it('real UTF-16 passes the check, with and without --encoding, with a BOM or without', async () => {
    for (const [enc, bytes] of [
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LIST, 'utf16le')])],
      ['utf-16le', Buffer.from(LIST, 'utf16le')],
      ['utf-16be', Buffer.from(LIST, 'utf16le').swap16()],
    ] as const) {
      expect(utf16Mismatch(bytes, enc.replace('-', ''))).toBeUndefined();
      for (const args of [['--encoding', enc], []]) {
        const r = await runCli(['import', ...args], { stdin: bytes });
        expect(r.code, `${enc} ${args}`).toBe(0);
        expect(rowsOf(r.stdout).map((x) => x.city)).toEqual(['Köln', 'Düsseldorf', 'München']);
      }
    }
    // A list in Chinese (no zero bytes to guess from, but the delimiters and line breaks are there).
    const zh = Buffer.from('姓名;公司\n王伟;北京有限公司\n', 'utf16le');
    expect(utf16Mismatch(zh, 'utf16le')).toBeUndefined();
  });

  it('the guess from zero bytes needs a line break or delimiter and at least 8 characters', () => {
    expect(guessUtf16(Buffer.from(LIST, 'utf16le'))).toBe('utf16le');
    expect(guessUtf16(Buffer.from(LIST, 'utf16le').swap16())).toBe('utf16be');
    // Short, or without any structure, is not enough.
    expect(guessUtf16(Buffer.from('Köln\n', 'utf16le'))).toBeUndefined();
    expect(guessUtf16(Buffer.from('MüllerGmbHKöln', 'utf16le'))).toBeUndefined();
    // Small UTF-8 files with NUL bytes beside letters (a padded export) are UTF-8.
    const padded = Buffer.from('M\0ü\0l\0l\0e\0r\0;\0K\0ö\0l\0n\0\n\0', 'utf8');
    expect(guessUtf16(padded)).toBeUndefined();
    expect(guessUtf16(Buffer.from('A\0B\0C\0D\0'))).toBeUndefined();
  });
});

/* ------------------------------------------------------------------ Windows-1252 */

describe('Windows-1252: bytes it does not define', () => {
  // 0x81 0x8D 0x8F 0x90 0x9D: often a Central European (Windows-1250) export read as 1252, where
  // ť is 9D and Ź is 8F; the German letters are the same bytes in both.
  const body = iconv.encode('Vorname;Nachname;Firma\nJürgen;Müller;Müller GmbH\nTomáš;Šťastný;Stavby s.r.o.\nÄnne;Größer;Bäckerei\nJan;Nowak;Źródło Sp. z o.o.\n', 'windows-1250');

  it.each([[[]], [['--encoding', 'windows-1252']], [['--encoding', 'latin1']]])('guessed or named (%j): a warning with count and first line, the rows marked', async (args) => {
    const f = write(`undefined-${args.length}-${String(args[1])}.csv`, body);
    const r = await runCli(['import', ...args, f]);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.import_status)).toEqual(['', 'undefined_byte', '', 'undefined_byte']);
    expect(rows[1].last_name).toBe('Š\uFFFDastný');
    expect(rows[3].company).toBe('\uFFFDród³o Sp. z o.o.');
    expect(rows[2].last_name).toBe('Größer');
    expect(warnings(r.stderr)).toContainEqual(
      `warning: ${f}: 2 rows have bytes that Windows-1252 does not define (81, 8D, 8F, 90 or 9D; first at line 3), kept as "\uFFFD" and marked import_status=undefined_byte: the file may be in another encoding (windows-1250 for Polish or Czech, windows-1251 for Cyrillic, utf-8): name it with --encoding`,
    );
  });

  it('--encoding windows-1250 reads the same file cleanly', async () => {
    const f = write('undefined-1250.csv', body);
    const r = await runCli(['import', '--encoding', 'windows-1250', f]);
    expect(r.code).toBe(0);
    expect(rowsOf(r.stdout).map((x) => [x.last_name, x.company, x.import_status])).toEqual([
      ['Müller', 'Müller GmbH', ''],
      ['Šťastný', 'Stavby s.r.o.', ''],
      ['Größer', 'Bäckerei', ''],
      ['Nowak', 'Źródło Sp. z o.o.', ''],
    ]);
    expect(r.stderr).not.toMatch(/does not define/);
  });

  it('commands that read a file directly warn too', async () => {
    const f = write('undefined-validate.csv', body);
    const r = await runCli(['validate', '-q', '--checks', 'email', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 rows have bytes that Windows-1252 does not define \(81, 8D, 8F, 90 or 9D; first at line 3\)/);
  });
});

describe('Windows-1252: UTF-8 characters in the file (mixed encodings)', () => {
  // A 1252 list where some rows were pasted in from a UTF-8 source: € – Ł and an emoji.
  const body = Buffer.concat([
    cp1252('Vorname;Nachname;Firma;Notiz\nJürgen;Müller;Müller GmbH;Budget 5000 €\n'),
    Buffer.from('Łukasz;Nowak;Nowak – Bau;Budget 3000 €\n', 'utf8'),
    cp1252('Änne;Größer;Bäckerei;Rückruf\n'),
    Buffer.from('Anna;Arndt;Arndt KG;Top Kunde 🙂\n', 'utf8'),
  ]);

  it.each([[[]], [['--encoding', 'windows-1252']]])('%j: a warning naming count, first line, an example and --encoding utf-8; rows marked', async (args) => {
    const f = write(`mixed-${args.length}.csv`, body);
    const r = await runCli(['import', ...args, f]);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.import_status)).toEqual(['', 'mixed_encoding', '', 'mixed_encoding']);
    // Kept as read: the marks say where to look.
    expect(rows[1].first_name).toBe('Å\uFFFDukasz');
    expect(rows[1].company).toBe('Nowak â€“ Bau');
    expect(warnings(r.stderr)).toContainEqual(
      `warning: ${f}: 2 rows have UTF-8 characters in a file read as Windows-1252 (first at line 3, e.g. "–" read as "â€“"), kept as read and marked import_status=mixed_encoding: the file mixes encodings; if it is UTF-8 name it with --encoding utf-8, otherwise convert it to one encoding`,
    );
    // Ł's second byte (0x81) is part of a UTF-8 character, not an undefined byte of its own.
    expect(r.stderr).not.toMatch(/does not define/);
  });

  it('a file that is wholly UTF-8 but named windows-1252 is flagged on every such row', async () => {
    const f = write('utf8-as-1252.csv', 'Vorname;Firma\nŁukasz;Nowak – Bau\nAnna;Arndt KG\nEva;Café “Zum Löwen”\n');
    const r = await runCli(['import', '--encoding', 'windows-1252', f]);
    expect(r.code).toBe(0);
    expect(rowsOf(r.stdout).map((x) => x.import_status)).toEqual(['mixed_encoding', '', 'mixed_encoding']);
    expect(r.stderr).toMatch(/2 rows have UTF-8 characters in a file read as Windows-1252 \(first at line 2,/);
  });

  it('genuine Windows-1252 text with quotes, dashes, € and ß next to punctuation is not flagged', async () => {
    const text = 'Vorname;Firma;Notiz\nJürgen;„Müller“ GmbH;Preis 5 € – 10 €\nÄnne;Gruß“ Bau;Straße…\nSøren;Größe ±2 µm;½ Tag\nÉlodie;Maître d’hôtel;×2\n';
    const f = write('clean-1252.csv', cp1252(text));
    const r = await runCli(['import', f]);
    expect(r.code).toBe(0);
    expect(rowsOf(r.stdout).map((x) => x.import_status)).toEqual(['', '', '', '']);
    expect(r.stderr).not.toMatch(/UTF-8 characters|does not define/);
  });

  it('finds a UTF-8 "€" split across two 32 KB slices of a large file', async () => {
    const head = cp1252('Vorname;Firma;Notiz\nJürgen;Müller GmbH;Rückruf\n');
    const parts: Buffer[] = [head];
    let size = head.length;
    let line = 2;
    while (size < 400 * 1024) {
      const b = cp1252(`Änne;Bäckerei Größer;Lieferung ${line}\n`);
      parts.push(b);
      size += b.length;
      line++;
    }
    const body0 = Buffer.concat(parts);
    // The second 256 KB read is parsed in 32 KB slices: put E2 | 82 AC across the first edge.
    const edge = 256 * 1024 + 32 * 1024;
    const lineStart = body0.lastIndexOf(0x0a, edge - 10) + 1;
    const euroLine = body0.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
    const prefix = cp1252('Eva;Eva KG;');
    const pad = Buffer.alloc(edge - 1 - lineStart - prefix.length, 0x78);
    const body = Buffer.concat([body0.subarray(0, lineStart), prefix, pad, Buffer.from('€\n', 'utf8'), body0.subarray(lineStart)]);
    expect([body[edge - 1], body[edge], body[edge + 1]]).toEqual([0xe2, 0x82, 0xac]);
    const f = write('big-mixed.csv', body);
    const r = await runCli(['import', f]);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    const marked = rows.filter((x) => x.import_status !== '');
    expect(marked.map((x) => [x.first_name, x.import_status])).toEqual([['Eva', 'mixed_encoding']]);
    expect(warnings(r.stderr)).toContainEqual(expect.stringContaining(`${f}: 1 row has UTF-8 characters in a file read as Windows-1252 (first at line ${euroLine}, e.g. "€" read as "â‚¬")`));
  });
});

/* ------------------------------------------------------------------ binary or not */

describe('looksBinary: NUL padding is data, binary formats are named', () => {
  it('a fixed-width export padded with NUL bytes (more than 10 % of the first 8 KB) is read, its rows marked nul_byte', async () => {
    const pad = (s: string, w: number) => s + '\0'.repeat(w - s.length);
    const lines = ['Vorname;Nachname;Ort'];
    const people = [['Jürgen', 'Müller', 'Köln'], ['Änne', 'Größer', 'Düsseldorf'], ['Søren', 'Weiß', 'München']];
    for (let i = 0; i < 60; i++) {
      const [v, n, o] = people[i % 3];
      lines.push([pad(v, 20), pad(n, 20), pad(o, 20)].join(';'));
    }
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
    const nulShare = bytes.subarray(0, 8192).filter((b) => b === 0).length / Math.min(bytes.length, 8192);
    expect(nulShare).toBeGreaterThan(0.5);
    expect(looksBinary(bytes)).toBe(false);
    const f = write('fixed-width.csv', bytes);
    const r = await runCli(['import', f]);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows).toHaveLength(60);
    expect(rows.every((x) => x.import_status === 'nul_byte')).toBe(true);
    expect(rows[1].city).toBe(pad('Düsseldorf', 20));
    expect(r.stderr).toMatch(/60 rows have a NUL byte in a field \(first at line 2\)/);
  });

  it('a gzip-compressed list is refused with one line saying to gunzip it', async () => {
    const f = write('leads.csv.gz', zlib.gzipSync(LIST));
    const r = await runCli(['import', f]);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toEqual([`leadkit: ${f}: is gzip-compressed, not CSV text: gunzip it first (or pipe it in: zcat FILE | leadkit …)`]);
    const piped = await runCli(['import'], { stdin: zlib.gzipSync(LIST) });
    expect(errors(piped.stderr)).toEqual([expect.stringMatching(/^leadkit: <stdin>: is gzip-compressed/)]);
  });

  it.each<[string, Buffer, RegExp]>([
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), /is a PDF document/],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /is a PNG image/],
    ['old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /old binary Office file.*save it as \.xlsx or CSV/],
    ['bzip2', Buffer.from('BZh91AY&SY\x01\x02\x03', 'latin1'), /bzip2-compressed/],
  ])('%s is named', (_kind, bytes, message) => {
    expect(binaryKind(bytes)).toMatch(message);
  });

  it('text that merely starts like a magic number is text', () => {
    expect(binaryKind(Buffer.from('BZh;Firma\nx;y\n'))).toBeUndefined();
    expect(binaryKind(Buffer.from('%PDF;Name\n1;Müller\n'))).toBeUndefined();
  });

  it('random bytes and control-character soup are binary; text with a few control bytes is not', () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 37) % 256;
    expect(binaryKind(junk)).toMatch(/binary data/);
    // No line break at all among NULs: not a list.
    expect(looksBinary(Buffer.concat([Buffer.from('Müller'), Buffer.alloc(200)]))).toBe(true);
    // A stray form feed, vertical tab or ESC in notes is text.
    expect(looksBinary(Buffer.from(`Name;Notiz\n${'Müller;Seite 1\f\vSeite 2 \x1b[1m\n'.repeat(50)}`))).toBe(false);
  });

  it('UTF-16 without a BOM that the guess does not take is still refused, naming --encoding', () => {
    // No line break or delimiter among the first 8 KB: one enormous cell.
    const one = Buffer.from('Müller'.repeat(2000), 'utf16le');
    expect(guessUtf16(one)).toBeUndefined();
    expect(binaryKind(one)).toMatch(/UTF-16 or UTF-32 text without a BOM.*--encoding/);
    expect(binaryKind(iconv.encode(LIST, 'utf32le'))).toMatch(/UTF-16 or UTF-32 text without a BOM/);
  });
});
