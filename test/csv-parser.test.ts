import { describe, expect, it } from 'vitest';
import { parse as csvParse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CsvParser, parseCsv, type CsvRecord } from '../src/io/csv-parser.js';
import { makeLineFormatter } from './helpers/csv-lines.js';

describe('CsvParser', () => {
  it('parses quoted delimiters, doubled quotes, quoted newlines and CRLF', () => {
    const text = 'Firma;Notiz\r\n"Müller GmbH; Co. KG";"sagt ""ja""\r\nzweite Zeile"\r\nX AG;\r\n';
    expect(parseCsv(text, ';')).toEqual([
      ['Firma', 'Notiz'],
      ['Müller GmbH; Co. KG', 'sagt "ja"\r\nzweite Zeile'],
      ['X AG', ''],
    ]);
  });

  it('keeps every value a string, byte for byte', () => {
    expect(parseCsv('phone,plz,id\n+4930123456,01067,00Q100001\n')).toEqual([
      ['phone', 'plz', 'id'],
      ['+4930123456', '01067', '00Q100001'],
    ]);
  });

  it('reports the line a record starts on, counting quoted newlines', () => {
    const p = new CsvParser(',');
    const out: CsvRecord[] = [];
    p.push('a,b\n"x\ny",1\n\nz,2\n', out);
    p.end(out);
    expect(out.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('gives the same records whatever the chunking (CR at a chunk edge, quotes split)', () => {
    const text = 'a;b\r\n"1;""2""";x\r\n3;"y\r\nz"\r\n4;5';
    const whole = parseCsv(text, ';');
    for (let size = 1; size <= 7; size++) {
      const p = new CsvParser(';');
      const out: CsvRecord[] = [];
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size), out);
      p.end(out);
      expect(out.map((r) => r.fields)).toEqual(whole);
    }
  });

  it('fails on a quote that is never closed, naming its line', () => {
    const p = new CsvParser(',', 'list.csv');
    const out: CsvRecord[] = [];
    p.push('a,b\n1,2\n3,"open\nmore\n', out);
    expect(() => p.end(out)).toThrowError(/never closed/);
    try {
      p.end([]);
    } catch (e) {
      expect((e as { line: number }).line).toBe(3);
      expect((e as { file: string }).file).toBe('list.csv');
    }
  });

  it('agrees with csv-parse on random well-formed CSV', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ['a', 'ü', '€', ' ', ',', ';', '"', '\n', '\r\n', '+49', '0'];
    for (let t = 0; t < 200; t++) {
      const cols = 1 + Math.floor(rnd() * 5);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + Math.floor(rnd() * 6); r++) {
        const row: string[] = [];
        for (let c = 0; c < cols; c++) {
          let v = '';
          for (let k = 0; k < Math.floor(rnd() * 6); k++) v += alphabet[Math.floor(rnd() * alphabet.length)];
          row.push(v);
        }
        // csv-parse and we both skip blank lines; keep the comparison about real records.
        if (row.length === 1 && row[0] === '') row[0] = 'x';
        rows.push(row);
      }
      const delimiter = rnd() < 0.5 ? ',' : ';';
      const text = stringify(rows, { delimiter });
      const ours = parseCsv(text, delimiter);
      const theirs = csvParse(text, { delimiter, relax_column_count: true, skip_empty_lines: true });
      expect(ours).toEqual(theirs);
      // Our formatter round-trips too.
      const fmt = makeLineFormatter(delimiter);
      expect(parseCsv(rows.map(fmt).join(''), delimiter)).toEqual(rows);
    }
  });
});

describe('stray quotes', () => {
  it('stops at a quote that opened lines ago and closes mid-field, naming the line it opened on', () => {
    const rows = ['Vorname;Nachname;Firma;E-Mail'];
    for (let i = 1; i <= 40; i++) {
      if (i === 10) rows.push(`Max${i};Schmidt${i};"Schmidt GmbH;m${i}@x.de`);
      else if (i === 30) rows.push(`Eva${i};Roth${i};"Quoted, Firma" AG;e${i}@x.de`);
      else rows.push(`P${i};N${i};F${i} GmbH;p${i}@x.de`);
    }
    let line: number | undefined;
    expect(() => {
      try {
        parseCsv(rows.join('\n'), ';');
      } catch (err) {
        line = (err as { line?: number }).line;
        throw err;
      }
    }).toThrow(/runs to line 31, where its closing quote is followed by more text/);
    expect(line).toBe(11);
  });
  it('keeps text after a closing quote on the same line, and multi-line quoted notes are fine', () => {
    expect(parseCsv('a;b\n"abc"def;2\n', ';')).toEqual([['a', 'b'], ['abcdef', '2']]);
    expect(parseCsv('a;b\n"Rückruf;\n""dringend""";2\n', ';')).toEqual([['a', 'b'], ['Rückruf;\n"dringend"', '2']]);
  });
  it('a lone empty field is written as "" so it is read back as a row', () => {
    const fmt = makeLineFormatter(';');
    expect(parseCsv(['x'].map((v) => fmt([v])).join('') + fmt(['']) + fmt(['y']), ';')).toEqual([['x'], [''], ['y']]);
  });
});
