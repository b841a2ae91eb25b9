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

  it('reads a quote never closed as a literal one and says so', () => {
    const p = new CsvParser(',', 'list.csv');
    const out: CsvRecord[] = [];
    p.push('a,b\n1,2\n3,"open\nmore,4\n', out);
    p.end(out);
    expect(p.endedInQuote).toBe(true);
    expect(out.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '"open'], ['more', '4']]);
    expect(out.slice(2).map((r) => [r.line, r.issue])).toEqual([[3, 'stray_quote'], [4, 'stray_quote']]);
    expect(p.strayQuotes).toEqual([{ line: 3, records: 2 }]);
  });
  it('keeps a field left open at the end as one field when its lines are not rows', () => {
    const p = new CsvParser(',');
    const out: CsvRecord[] = [];
    p.push('a,b,c\n1,2,"Notiz ohne Ende\nzweite Zeile\n', out);
    p.end(out);
    expect(out.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', '2', 'Notiz ohne Ende\nzweite Zeile']]);
    expect(out[1].issue).toBe('stray_quote');
  });
  it('a quote in the header that is never closed is an error: there is nothing to judge it by', () => {
    expect(() => parseCsv('a,"b\n1,2\n')).toThrowError(/never closed/);
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
  const issueExample = 'first_name,last_name,email,notes\nAnna,Arndt,a@x.de,ok\nBernd,Brandt,b@x.de,"stray\nCarla,Conrad,c@x.de,x\nDieter,Dorn,d@x.de,Monitor 24"\nElke,Ebert,e@x.de,ok\n';
  it('splits the rows a stray quote swallowed back apart, whatever the chunking', () => {
    for (const size of [1, 3, 7, 64, 100000]) {
      const p = new CsvParser(',', 's.csv');
      const out: CsvRecord[] = [];
      for (let i = 0; i < issueExample.length; i += size) p.push(issueExample.slice(i, i + size), out);
      p.end(out);
      expect(out.map((r) => r.fields[0])).toEqual(['first_name', 'Anna', 'Bernd', 'Carla', 'Dieter', 'Elke']);
      expect(out[2].fields).toEqual(['Bernd', 'Brandt', 'b@x.de', '"stray']);
      expect(out[4].fields).toEqual(['Dieter', 'Dorn', 'd@x.de', 'Monitor 24"']);
      expect(out.map((r) => r.issue ?? '')).toEqual(['', '', 'stray_quote', 'stray_quote', 'stray_quote', '']);
      expect(out.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(p.strayQuotes).toEqual([{ line: 3, records: 3 }]);
    }
  });
  it('a stray quote closed mid-field lines later: the rows are split at the line breaks', () => {
    const rows = ['Vorname;Nachname;Firma;E-Mail'];
    for (let i = 1; i <= 40; i++) {
      if (i === 10) rows.push(`Max${i};Schmidt${i};"Schmidt GmbH;m${i}@x.de`);
      else if (i === 30) rows.push(`Eva${i};Roth${i};"Quoted, Firma" AG;e${i}@x.de`);
      else rows.push(`P${i};N${i};F${i} GmbH;p${i}@x.de`);
    }
    const p = new CsvParser(';');
    const out: CsvRecord[] = [];
    p.push(rows.join('\n') + '\n', out);
    p.end(out);
    expect(out).toHaveLength(41);
    expect(out[10].fields).toEqual(['Max10', 'Schmidt10', '"Schmidt GmbH', 'm10@x.de']);
    // Text after a closing quote is kept as written, quotes and all (the row is already marked stray_quote).
    expect(out[30].fields).toEqual(['Eva30', 'Roth30', '"Quoted, Firma" AG', 'e30@x.de']);
    expect(out.filter((r) => r.issue === 'stray_quote').map((r) => r.line)).toEqual(Array.from({ length: 21 }, (_, k) => 11 + k));
    expect(p.strayQuotes).toEqual([{ line: 11, records: 21 }]);
  });
  it('a stray quote in the first column, and one whose swallowed lines hold quoted fields', () => {
    const a = parseCsv('id,name,city\n"1,Anna,Berlin\n2,Bernd,Köln\n3,Carla,Bonn"\n4,Dora,Kiel\n');
    expect(a).toEqual([['id', 'name', 'city'], ['"1', 'Anna', 'Berlin'], ['2', 'Bernd', 'Köln'], ['3', 'Carla', 'Bonn"'], ['4', 'Dora', 'Kiel']]);
    const b = parseCsv('a,b,c,d\nBernd,"stray,x,y\nCarla,"Conrad, C",c@x.de,x\nE,F,G,H\n');
    expect(b).toEqual([['a', 'b', 'c', 'd'], ['Bernd', '"stray', 'x', 'y'], ['Carla', 'Conrad, C', 'c@x.de', 'x'], ['E', 'F', 'G', 'H']]);
  });
  it('genuine multi-line fields stay whole, even with delimiters inside', () => {
    const cases = [
      'a,b,c\n1,"Hauptstr. 5, Berlin\nGermany",3\n',
      'a;b\n"Rückruf;\n""dringend""";2\n',
      'name,notes,owner\nAnna,"Called Mon, Tue\nno answer, retry\nlater",Nina\n',
      'a,b\nx,"line 1\nline 2"\n',
    ];
    for (const text of cases) {
      const p = new CsvParser(text.includes(';') ? ';' : ',');
      const out: CsvRecord[] = [];
      p.push(text, out);
      p.end(out);
      expect(out).toHaveLength(2);
      expect(out[1].issue).toBeUndefined();
      expect(p.strayQuotes).toEqual([]);
      expect(out.map((r) => r.fields)).toEqual(csvParse(text, { delimiter: text.includes(';') ? ';' : ',' }));
    }
  });
  it('keeps a quoted field followed by more text as written (marked quote_text), and multi-line quoted notes are fine', () => {
    expect(parseCsv('a;b\n"abc"def;2\n', ';')).toEqual([['a', 'b'], ['"abc"def', '2']]);
    expect(parseCsv('a;b\n"Rückruf;\n""dringend""";2\n', ';')).toEqual([['a', 'b'], ['Rückruf;\n"dringend"', '2']]);
  });
  it('marks a record with text after a closing quote quote_text, whatever the chunking, and only that record', () => {
    const text = 'a,b,c\n"abc"def,2,3\n1,"x""y"z,"ok"\n"p",q,r\n4,"multi\nline",6\n"e" ,f,g';
    for (const size of [1, 2, 5, 64, 100000]) {
      const p = new CsvParser(',');
      const out: CsvRecord[] = [];
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size), out);
      p.end(out);
      expect(out.map((r) => r.fields)).toEqual([
        ['a', 'b', 'c'],
        ['"abc"def', '2', '3'],
        ['1', '"x""y"z', 'ok'],
        ['p', 'q', 'r'],
        ['4', 'multi\nline', '6'],
        ['"e" ', 'f', 'g'],
      ]);
      expect(out.map((r) => r.issue ?? '')).toEqual(['', 'quote_text', 'quote_text', '', '', 'quote_text']);
      expect(p.quoteTextRecords).toBe(3);
      expect(p.quoteTextLines).toEqual([2, 3, 7]);
    }
    // csv-parse with relax_quotes reads them the same (it undoubles a "" inside, which is kept as written here).
    const plain = 'a,b\n"abc"def,2\n"Zur Post" GmbH,"x"\n';
    expect(parseCsv(plain)).toEqual(csvParse(plain, { relax_quotes: true }));
  });
  it('a lone empty field is written as "" so it is read back as a row', () => {
    const fmt = makeLineFormatter(';');
    expect(parseCsv(['x'].map((v) => fmt([v])).join('') + fmt(['']) + fmt(['y']), ';')).toEqual([['x'], [''], ['y']]);
  });
});
