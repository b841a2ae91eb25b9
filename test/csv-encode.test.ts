import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { CsvEncoder } from '../src/io/csv-encode.js';
import { makeLineFormatter } from './helpers/csv-lines.js';
import { parseCsv } from '../src/io/csv-parser.js';

/** Bytes as a string of the same length (latin1): byte-exact comparisons with readable diffs. */
const bytesOf = (b: Buffer): string => b.toString('latin1');

/** Encode rows and return all bytes handed over. */
function encode(rows: string[][], delimiter: string): Buffer {
  const enc = new CsvEncoder(delimiter);
  const out: Buffer[] = [];
  for (const r of rows) {
    enc.line(r, r.length);
    if (enc.size > 10_000) out.push(...enc.take());
  }
  out.push(...enc.take());
  return Buffer.concat(out);
}

/** What the string formatter gives, encoded by Node: the reference the encoder must match. */
function reference(rows: string[][], delimiter: string): Buffer {
  const fmt = makeLineFormatter(delimiter);
  return Buffer.from(rows.map(fmt).join(''));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CsvEncoder', () => {
  it('writes lead rows as UTF-8, quoting only cells with a quote, delimiter or line break', () => {
    const rows = [
      ['record_id', 'firma', 'telefon', 'notiz'],
      ['vendor:1', 'Müller GmbH & Co. KG', '+49 (0)30 1234567', 'Rückruf; "dringend"'],
      ['vendor:2', 'Weiß, Söhne AG', '0664 1234567', 'Zeile 1\r\nZeile 2'],
      ['vendor:3', '', '', '2,5 Mio. €'],
    ];
    const bytes = encode(rows, ',');
    expect(bytes.toString()).toBe(
      'record_id,firma,telefon,notiz\n' +
        'vendor:1,Müller GmbH & Co. KG,+49 (0)30 1234567,"Rückruf; ""dringend"""\n' +
        'vendor:2,"Weiß, Söhne AG",0664 1234567,"Zeile 1\r\nZeile 2"\n' +
        'vendor:3,,,"2,5 Mio. €"\n',
    );
    expect(parseCsv(bytes.toString())).toEqual(rows);
    expect(bytes.toString()).toBe(stringify(rows, { record_delimiter: '\n' }));
  });

  it('quotes for the delimiter in use: `;`, TAB, `|` and a non-ASCII one', () => {
    const rows = [['a;b', 'c,d', 'e\tf', 'g|h', 'i§j', 'plain']];
    for (const d of [';', '\t', '|', '§']) {
      expect(bytesOf(encode(rows, d))).toBe(bytesOf(reference(rows, d)));
      expect(parseCsv(encode(rows, d).toString(), d)).toEqual(rows);
    }
    expect(encode(rows, ';').toString()).toBe('"a;b";c,d;e\tf;g|h;i§j;plain\n');
  });

  it('encodes characters of every UTF-8 length, and lone surrogates as U+FFFD like Buffer.from', () => {
    const rows = [
      ['ä', 'ß€', '日本', '😀 emoji', 'a\u{1F1E9}\u{1F1EA}b'],
      ['\uD800', 'x\uDC00y', 'end\uD83D', '\uDE00start', '"\uD83D"'],
    ];
    expect(bytesOf(encode(rows, ','))).toBe(bytesOf(reference(rows, ',')));
    expect(encode(rows, ',').toString()).toContain('😀 emoji');
  });

  it('writes a lone empty field as "" so the line is not read as blank', () => {
    expect(encode([['name'], [''], ['x']], ',').toString()).toBe('name\n""\nx\n');
  });

  it('matches the string formatter on random cells across chunk boundaries, cells larger than a chunk included', () => {
    const r = rng(7);
    const alphabet = ['a', 'Z', '0', ' ', ',', ';', '"', '\r', '\n', 'ü', 'ß', '€', '😀', '\uD800', '\uDFFF', '\t', "'", '='];
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++) {
      const row: string[] = [];
      const width = 1 + Math.floor(r() * 6);
      for (let k = 0; k < width; k++) {
        const len = Math.floor(r() * r() * 40);
        let v = '';
        for (let j = 0; j < len; j++) v += alphabet[Math.floor(r() * alphabet.length)];
        row.push(v);
      }
      rows.push(row);
    }
    rows.push(['big', 'ö"'.repeat(70_000), 'tail']);
    rows.push(['x'.repeat(200_000)]);
    for (const d of [',', ';', '\t']) expect(bytesOf(encode(rows, d))).toBe(bytesOf(reference(rows, d)));
  });

  it('never writes into a chunk again once it has been taken', () => {
    const enc = new CsvEncoder(',');
    enc.line(['erste', 'Zeile'], 2);
    const [first] = enc.take();
    const copy = Buffer.from(first);
    for (let i = 0; i < 5000; i++) enc.line(['weitere', String(i)], 2);
    enc.take();
    expect(first).toEqual(copy);
    expect(first.toString()).toBe('erste,Zeile\n');
    expect(enc.size).toBe(0);
  });
});
