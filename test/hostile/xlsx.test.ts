import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { readXlsxRows, XLSX_MAX_CELL_CHARS } from '../../src/io/xlsx-read.js';
import { FormulaScanner, locateSheet } from '../../src/io/xlsx-scan.js';
import { XLSX_MAX_ENTRIES } from '../../src/io/zip-limits.js';
import { runCli } from '../helpers/run-cli.js';
import { deflateRepeated, sheetXml, xlsx, zip } from '../helpers/xlsx-zip.js';

const MiB = 1024 * 1024;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-hostile-xlsx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** The error readXlsxRows throws (or fails the test). */
async function readError(input: string | Buffer, file: string, sheet?: string): Promise<DataError> {
  try {
    await readXlsxRows(input, file, sheet);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected readXlsxRows to fail');
}

/**
 * RSS growth while `fn` runs: the process's high-water mark (maxRSS, which also sees peaks inside
 * synchronous work) against the RSS before. An upper bound: the mark may predate `fn`.
 */
async function rssGrowth(fn: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.resourceUsage().maxRSS * 1024) - base;
}

/** One line on stderr, `leadkit: <file>: …`, no stack trace. */
function expectOneLineError(stderr: string, file: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(`leadkit: ${file}: `)).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('zip bombs are refused before they are unpacked', () => {
  let bombSheet: Buffer;
  beforeAll(async () => {
    // 200 MiB of zeros as the sheet: ~200 KB packed.
    bombSheet = await deflateRepeated(Buffer.alloc(MiB), 200);
    expect(bombSheet.length).toBeLessThan(400 * 1024);
  });

  it('an honest header with an absurd ratio: E_XLSX_LIMIT, one line, little memory', async () => {
    const file = write('bomb.xlsx', xlsx([{ name: 'Sheet1', entry: { packed: bombSheet, size: 200 * MiB } }]));
    let err: DataError | undefined;
    const t0 = Date.now();
    const growth = await rssGrowth(async () => {
      err = await readError(file, file);
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(err!.code).toBe('E_XLSX_LIMIT');
    expect(err!.exitCode).toBe(1);
    expect(err!.display).toMatch(/^.*bomb\.xlsx: refused: xl\/worksheets\/sheet1\.xml would unpack [\d,]+:1 to 200 MiB, more than the limit of 200:1 for parts over 4 MiB/);
    expect(growth).toBeLessThan(300 * MiB);

    const r = await runCli(['import', '-q', file]);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, file);
    expect(r.stderr).toContain('200:1');
  });

  it('a header that lies about the size: stopped at the declared size', async () => {
    // Declares 1 MiB (small enough to skip the ratio check), inflates to 200 MiB.
    const file = write('liar.xlsx', xlsx([{ name: 'Sheet1', entry: { packed: bombSheet, size: MiB } }]));
    let err: DataError | undefined;
    const t0 = Date.now();
    const growth = await rssGrowth(async () => {
      err = await readError(file, file);
    });
    expect(err!.code).toBe('E_XLSX_LIMIT');
    expect(err!.message).toBe('refused: xl/worksheets/sheet1.xml unpacks to more than the 1 MiB its zip header declares (a zip bomb?)');
    expect(growth).toBeLessThan(300 * MiB);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('the same bomb piped on stdin', async () => {
    const data = xlsx([{ name: 'Sheet1', entry: { packed: bombSheet, size: 200 * MiB } }]);
    const r = await runCli(['import', '-q', '-'], { stdin: data });
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, '<stdin>');
    expect(r.stderr).toContain('refused:');
  });

  it('one part declared larger than the part limit', async () => {
    // The packed bytes are never inflated: the directory alone is refused.
    const packed = crypto.randomBytes(3 * MiB + 1);
    const file = write('part.xlsx', xlsx([{ name: 'Sheet1', entry: { packed, size: 600 * MiB } }]));
    const err = await readError(file, file);
    expect(err.code).toBe('E_XLSX_LIMIT');
    expect(err.message).toBe('refused: xl/worksheets/sheet1.xml would unpack to 600 MiB, more than the limit of 500 MiB for one part');
  });

  it('XML parts that together exceed the workbook limit', async () => {
    const packed = crypto.randomBytes(2 * MiB + 1);
    const sheets = [1, 2, 3].map((i) => ({ name: `S${i}`, entry: { packed, size: 400 * MiB } }));
    const file = write('total.xlsx', xlsx(sheets));
    const err = await readError(file, file);
    expect(err.code).toBe('E_XLSX_LIMIT');
    expect(err.message).toMatch(/^refused: its XML parts would unpack to 1\.17 GiB, more than the limit of 1 GiB for a workbook$/);
  });

  it('too many zip entries', async () => {
    const extra = Array.from({ length: XLSX_MAX_ENTRIES }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: '', method: 0 as const }));
    const file = write('entries.xlsx', xlsx([{ name: 'Sheet1' }], { extra }));
    const err = await readError(file, file);
    expect(err.code).toBe('E_XLSX_LIMIT');
    expect(err.message).toBe('refused: the zip holds 10,005 entries, more than the limit of 10,000 for a workbook');
  });

  it('packed data far larger than the size it declares is not a real entry', async () => {
    const file = write('padded.xlsx', xlsx([{ name: 'Sheet1', entry: { packed: crypto.randomBytes(64 * 1024), size: 10 } }]));
    const err = await readError(file, file);
    expect(err.code).toBe('E_XLSX');
    expect(err.message).toBe('not a readable .xlsx workbook (xl/worksheets/sheet1.xml: packed data larger than the size it declares)');
  });

  it('a missing sheet is still a usage error naming the sheets', async () => {
    const file = write('sheets.xlsx', xlsx([{ name: 'Leads', xml: sheetXml([['a']]) }]));
    const r = await runCli(['import', '-q', '--sheet', 'Nope', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`leadkit: ${file}: no sheet "Nope" (sheets: Leads)`);
  });

  it('a file that is no zip at all is E_XLSX, one line', async () => {
    const file = write('text.xlsx', Buffer.from('name,email\nA,a@example.org\n'));
    const r = await runCli(['import', '-q', file]);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, file);
    expect(r.stderr).toContain('not a readable .xlsx workbook');
  });
});

describe('cells longer than Excel allows', () => {
  it('a 40,000-character cell is refused, naming the cell and the limit', async () => {
    const rows: (string | null)[][] = [['name', 'email', 'note'], ...Array.from({ length: 10 }, () => ['A', 'a@example.org', 'x'])];
    rows.push(['B', 'b@example.org', 'y'.repeat(40_000)]);
    const file = write('long.xlsx', xlsx([{ name: 'Leads', xml: sheetXml(rows) }]));
    const err = await readError(file, file);
    expect(err.code).toBe('E_XLSX_LIMIT');
    expect(err.message).toBe('refused: cell C12 of sheet "Leads" holds 40,000 characters, more than Excel\'s limit of 32,767 per cell (the file was not saved by Excel)');
    const r = await runCli(['import', '-q', file]);
    expect(r.code).toBe(1);
    expectOneLineError(r.stderr, file);
  });

  it('in the shared strings too; a cell of exactly 32,767 characters is fine', async () => {
    const long = 'z'.repeat(XLSX_MAX_CELL_CHARS + 1);
    const file = write('long-sst.xlsx', xlsx([{ name: 'S', xml: sheetXml([['a'], [{ t: 's', v: '0' }]]) }], { sharedStrings: [long] }));
    expect((await readError(file, file)).message).toMatch(/^refused: cell A2 of sheet "S" holds 32,768 characters/);
    const ok = xlsx([{ name: 'S', xml: sheetXml([['a'], ['z'.repeat(XLSX_MAX_CELL_CHARS)]]) }]);
    expect((await readXlsxRows(ok, 'ok.xlsx'))[1][0]).toHaveLength(XLSX_MAX_CELL_CHARS);
  });
});

describe('formula cells without a saved value', () => {
  const rows = [
    ['name', 'total'],
    ['A', { f: '1+1' }],
    ['B', { f: 'A3&"x"', t: 'str' }],
    ['C', { shared: true }],
    ['D', { f: '1+1', v: '2' }],
    ['E', { f: 'A6', t: 'str', v: 'E' }],
  ];

  it('leadkit import warns about them on stderr, from a file and from a pipe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-xlsx-cli-'));
    const f = path.join(dir, 'f.xlsx');
    const book = xlsx([{ name: 'Leads', xml: sheetXml(rows) }]);
    fs.writeFileSync(f, book);
    const r = await runCli(['import', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: ${f}: 3 formula cells in sheet "Leads" have no saved value (B2, B3, B4)`);
    const piped = await runCli(['import'], { stdin: book });
    expect(piped.stderr).toContain('warning: <stdin>: 3 formula cells in sheet "Leads" have no saved value');
  });

  it('are reported once, with the count and the first cells, and read as empty', async () => {
    const warnings: string[] = [];
    const data = await readXlsxRows(xlsx([{ name: 'Leads', xml: sheetXml(rows) }]), 'f.xlsx', undefined, (m) => warnings.push(m));
    expect(data).toEqual([
      ['name', 'total'],
      ['A', ''],
      ['B', ''],
      ['C', ''],
      ['D', '2'],
      ['E', 'E'],
    ]);
    expect(warnings).toEqual([
      'f.xlsx: 3 formula cells in sheet "Leads" have no saved value (B2, B3, B4): they are read as empty; open and save the file in Excel to compute them',
    ]);
  });

  it('one cell, many cells, and only the sheet being read', async () => {
    const one: string[] = [];
    await readXlsxRows(xlsx([{ name: 'S', xml: sheetXml([['x', { f: 'NOW()' }]]) }]), 'one.xlsx', undefined, (m) => one.push(m));
    expect(one).toEqual(['one.xlsx: 1 formula cell in sheet "S" has no saved value (B1): it is read as empty; open and save the file in Excel to compute it']);

    const many: string[] = [];
    const col = Array.from({ length: 1500 }, (_, i) => [`r${i}`, { f: `A${i + 1}` }]);
    await readXlsxRows(xlsx([{ name: 'S', xml: sheetXml(col) }]), 'many.xlsx', undefined, (m) => many.push(m));
    expect(many).toEqual(['many.xlsx: 1,500 formula cells in sheet "S" have no saved value (B1, B2, B3, …): they are read as empty; open and save the file in Excel to compute them']);

    const twoSheets = xlsx([
      { name: 'Clean', xml: sheetXml([['a'], ['1']]) },
      { name: 'Calc', xml: sheetXml([['a'], [{ f: '1+1' }]]) },
    ]);
    const byName: string[] = [];
    await readXlsxRows(twoSheets, 'two.xlsx', 'Clean', (m) => byName.push(m));
    expect(byName).toEqual([]);
    const byNumber: string[] = [];
    await readXlsxRows(twoSheets, 'two.xlsx', '2', (m) => byNumber.push(m));
    expect(byNumber).toHaveLength(1);
    expect(byNumber[0]).toMatch(/^two\.xlsx: 1 formula cell in sheet "Calc" has no saved value \(A2\)/);
  });
});

describe('FormulaScanner', () => {
  const xml = sheetXml([
    ['name', 'total', 'x'],
    ['A', { f: '1+1' }, { f: 'B2', v: '2' }],
    ['B', { f: 'A3&"x"', t: 'str' }, { f: 'NOW()', v: '' }],
    ['C', { shared: true }, null],
  ]);
  it('gives the same answer however the XML is cut into chunks', () => {
    for (let size = 1; size <= 64; size++) {
      const s = new FormulaScanner();
      const bytes = Buffer.from(xml);
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      expect([size, s.count, s.refs]).toEqual([size, 3, ['B2', 'B3', 'B4']]);
    }
  });
  it('reads prefixed elements (x:c, x:f, x:v) and counts cells without r', () => {
    const prefixed = xml.replace(/<(\/?)(worksheet|sheetData|row|c|f|v|is|t)([\s>/])/g, '<$1x:$2$3').replace('xmlns=', 'xmlns:x=');
    const s = new FormulaScanner();
    s.push(Buffer.from(prefixed));
    expect([s.count, s.refs]).toEqual([3, ['B2', 'B3', 'B4']]);
    const noRef = new FormulaScanner();
    noRef.push(Buffer.from(sheetXml([[{ f: '1' }]]).replace(' r="A1"', '')));
    expect([noRef.count, noRef.refs]).toEqual([1, []]);
  });
  it('finds the sheet part as read-excel-file does', () => {
    const wb = '<workbook xmlns:r="x"><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId7"/><sheet name="Two" sheetId="2" r:id="rId8"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/a.xml"/>' +
      '<Relationship Id="rId8" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/xl/sheets/b.xml"/></Relationships>';
    expect(locateSheet(wb, rels, undefined)).toEqual({ name: 'A & B', path: 'xl/worksheets/a.xml' });
    expect(locateSheet(wb, rels, 'Two')).toEqual({ name: 'Two', path: 'xl/sheets/b.xml' });
    expect(locateSheet(wb, rels, 2)).toEqual({ name: 'Two', path: 'xl/sheets/b.xml' });
    expect(locateSheet(wb, rels, 'Nope')).toBeUndefined();
  });
});

describe('xlsx written by export', () => {
  it('guards a formula in the header, like the body cells', async () => {
    const out = path.join(dir, 'export.xlsx');
    const r = await runCli(['export', '-q', '-o', out], { stdin: '=header(),b\n=1+1,2\n' });
    expect(r.code).toBe(0);
    expect(await readXlsxRows(out, out)).toEqual([
      ["'=header()", 'b'],
      ["'=1+1", '2'],
    ]);
    const raw = path.join(dir, 'export-raw.xlsx');
    expect((await runCli(['export', '-q', '--no-formula-guard', '-o', raw], { stdin: '=header(),b\n=1+1,2\n' })).code).toBe(0);
    expect(await readXlsxRows(raw, raw)).toEqual([
      ['=header()', 'b'],
      ['=1+1', '2'],
    ]);
  });
});

describe('ordinary workbooks read exactly as read-excel-file reads them', () => {
  it('the fixture, every sheet', async () => {
    const fixture = path.join(import.meta.dirname, '../../fixtures/messe-kontakte.xlsx');
    for (const sheet of ['Messe', 'Notizen']) {
      const direct = (await readSheet(fixture, sheet, { trim: false, parseNumber: (s: string) => s } as never)) as unknown[][];
      const expected = direct.map((row) =>
        row.map((v) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))),
      );
      const warnings: string[] = [];
      expect(await readXlsxRows(fixture, fixture, sheet, (m) => warnings.push(m))).toEqual(expected);
      expect(warnings).toEqual([]);
    }
  });
});

describe('zip helper', () => {
  it('writes zips read-excel-file accepts', async () => {
    const data = zip([{ name: 'a.txt', data: 'hello' }]);
    expect(data.readUInt32LE(0)).toBe(0x04034b50);
    expect(await readSheet(xlsx([{ name: 'S', xml: sheetXml([['a', 'b']]) }]))).toEqual([['a', 'b']]);
  });
});
