/**
 * Issue #12 leftovers: raw reads mark rows like import, a quoted field followed by text is kept
 * and marked, Excel's sheet limits, empty delimiters, --mapping-only -o, --map naming a column
 * that is not there, split files on a full disk, /dev/null named twice, and export's summary
 * only once its files are in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as csvParse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { SplitFiles } from '../../src/io/split-files.js';
import { openRowWriter } from '../../src/io/row-writers.js';
import { XLSX_MAX_COLUMNS, XLSX_MAX_ROWS } from '../../src/io/xlsx-build.js';
import { LeadkitError } from '../../src/errors.js';
import { testContext } from '../helpers/context.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-leftovers-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const rowsOf = (csv: string) => csvParse(csv, { columns: true }) as Record<string, string>[];
const errorLines = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('leadkit:'));
const temps = (d: string) => fs.readdirSync(d).filter((n) => n.includes('.tmp-'));
function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

const STRAY = 'first_name,last_name,email,notes\nAnna,Arndt,a@x.de,ok\nBernd,Brandt,b@x.de,"stray\nCarla,Conrad,c@x.de,x\nDieter,Dorn,d@x.de,Monitor 24"\nElke,Ebert,e@x.de,ok\n';

describe('a command reading a file directly marks rows as import does', () => {
  it('export and validate of a file with a stray quote: import_status with import\'s values, and the warning is true', async () => {
    const f = write('stray.csv', STRAY);
    const imported = rowsOf((await runCli(['import', '-q', f])).stdout).map((r) => r.import_status);
    expect(imported).toEqual(['', 'stray_quote', 'stray_quote', 'stray_quote', '']);
    for (const args of [['export'], ['validate', '--checks', 'email']]) {
      const cmd = args[0];
      const r = await runCli([...args, f]);
      expect(r.code, cmd).toBe(0);
      const rows = rowsOf(r.stdout);
      expect(rows.map((x) => x.import_status), cmd).toEqual(imported);
      expect(rows.map((x) => x.first_name), cmd).toEqual(['Anna', 'Bernd', 'Carla', 'Dieter', 'Elke']);
      expect(r.stderr, cmd).toContain(`warning: 3 rows marked import_status=stray_quote (a " ran across line breaks at ${f}:3)`);
    }
  });
  it('a NUL byte and a ragged row are marked too; a clean file gets no extra column', async () => {
    const f = write('nul.csv', 'a,b\n1,x\u0000y\n2\n3,z\n');
    const r = await runCli(['export', '-q', f]);
    expect(rowsOf(r.stdout).map((x) => x.import_status)).toEqual(['nul_byte', 'ragged', '']);
    const clean = write('clean.csv', 'a,b\n1,2\n');
    expect((await runCli(['export', '-q', clean])).stdout).toBe('a,b\n1,2\n');
  });
  it('an input that has import_status (leadkit wrote it) gets the new marks added, each once', async () => {
    const f = write('marked.csv', 'a,import_status,b\n1,ragged,"x"y\n2,,z\n');
    const r = await runCli(['export', '-q', f]);
    expect(r.stdout).toBe('a,import_status,b\n1,ragged;quote_text,"""x""y"\n2,,z\n');
  });
  it('a stray quote after the first 5,000 rows: kept, and the warning says the rows are not marked rather than that they are', async () => {
    const lines = ['a,b,c'];
    for (let i = 1; i <= 6000; i++) lines.push(`${i},x${i},y`);
    lines[5500] = '5500,"stray,y';
    lines[5503] = '5503,x,y"';
    const f = write('late.csv', lines.join('\n') + '\n');
    const r = await runCli(['export', f]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('a,b,c');
    expect(rowsOf(r.stdout)).toHaveLength(6000);
    expect(r.stderr).toContain(`4 rows read after a stray quote (a " ran across line breaks at ${f}:5501)`);
    expect(r.stderr).toContain('not marked: the input was read directly and its first 5,000 rows needed no mark');
    expect(r.stderr).not.toContain('marked import_status=');
  });
});

describe('a quoted field followed by more text ("abc"def)', () => {
  const text = 'col_a,col_b\n"Zur Post" GmbH,Berlin\n"abc"def,"Köln"\nplain,Bonn\n';
  it('is kept as written, quotes and all, the row marked quote_text, with a warning naming file:line', async () => {
    const f = write('qt.csv', text);
    for (const cmd of ['import', 'export']) {
      const r = await runCli([cmd, f]);
      expect(r.code, cmd).toBe(0);
      const rows = rowsOf(r.stdout);
      expect(rows.map((x) => x.col_a), cmd).toEqual(['"Zur Post" GmbH', '"abc"def', 'plain']);
      expect(rows.map((x) => x.col_b), cmd).toEqual(['Berlin', 'Köln', 'Bonn']);
      expect(rows.map((x) => x.import_status), cmd).toEqual(['quote_text', 'quote_text', '']);
      expect(r.stderr, cmd).toContain(`warning: 2 rows have a quoted field followed by more text ("abc"def, at ${f}:2, ${f}:3): kept as written, quotes and all, and marked import_status=quote_text`);
    }
  });
  it('matches csv-parse with relax_quotes on such fields', async () => {
    const f = write('qt2.csv', text);
    const ours = rowsOf((await runCli(['export', '-q', f])).stdout).map(({ col_a, col_b }) => ({ col_a, col_b }));
    expect(ours).toEqual(csvParse(text, { columns: true, relax_quotes: true }));
  });
  it('--strict stops there: exit 1, one line with file:line, the old output kept', async () => {
    const f = write('qt3.csv', text);
    const out = write('qt3-out.csv', 'yesterday\n');
    const r = await runCli(['import', f, '--strict', '-o', out]);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([`leadkit: ${f}:2: a quoted field is followed by more text ("abc"def); without --strict it is kept as written and marked import_status=quote_text`]);
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
  });
});

describe("xlsx output within Excel's limits", () => {
  it(`a table wider than ${XLSX_MAX_COLUMNS} columns is refused in one line naming the file, before anything is written`, async () => {
    const n = XLSX_MAX_COLUMNS + 1;
    const f = write('wide.csv', Array.from({ length: n }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: n }, () => 'x').join(',') + '\n');
    const out = write('wide.xlsx', 'yesterday\n');
    const r = await runCli(['export', f, '-o', out]);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([`leadkit: ${out}: too wide for xlsx: 16,385 columns, and an Excel sheet holds 16,384; write CSV instead (--format csv), or fewer columns (--columns)`]);
    expect(r.stderr).not.toMatch(/^export:/m);
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
    expect(temps(dir)).toEqual([]);
    // The same through --split-by: no file in the folder.
    const split = path.join(dir, 'wide-split');
    const s = await runCli(['export', f, '--split-by', 'c0', '--out-dir', split, '--format', 'xlsx']);
    expect(s.code).toBe(1);
    expect(errorLines(s.stderr)).toEqual([expect.stringMatching(new RegExp(`^leadkit: ${split}/x\\.xlsx: too wide for xlsx: 16,385 columns`))]);
    expect(fs.readdirSync(split)).toEqual([]);
  });
  it(`exactly ${XLSX_MAX_COLUMNS} columns is written`, async () => {
    const n = XLSX_MAX_COLUMNS;
    const f = write('widest.csv', Array.from({ length: n }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: n }, (_, i) => `v${i}`).join(',') + '\n');
    const out = path.join(dir, 'widest.xlsx');
    const r = await runCli(['export', '-q', f, '-o', out]);
    expect(r.code).toBe(0);
    const sheet = await readSheet(out);
    expect(sheet[0]).toHaveLength(n);
    expect(sheet[1][n - 1]).toBe(`v${n - 1}`);
  });
  it(`more than ${XLSX_MAX_ROWS} rows with the header: refused as the row comes, one line naming the file`, async () => {
    const f = write('long.csv', 'a\n' + '1\n'.repeat(XLSX_MAX_ROWS));
    const out = write('long.xlsx', 'yesterday\n');
    const r = await runCli(['export', f, '-o', out]);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      `leadkit: ${out}: too long for xlsx: more than 1,048,575 rows, and an Excel sheet holds 1,048,576 with the header; write CSV instead (--format csv), or one file per value with --split-by FIELD`,
    ]);
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
  }, 60_000);
  it('the writer takes 1,048,575 rows under the header and refuses the next', async () => {
    const w = await openRowWriter(['a'], path.join(dir, 'never.xlsx'), { format: 'xlsx', guard: false }, testContext());
    const row = { a: '1' };
    for (let i = 0; i < XLSX_MAX_ROWS - 1; i++) await w.write(row);
    expect(w.count).toBe(XLSX_MAX_ROWS - 1);
    await expect(w.write(row)).rejects.toThrow(/too long for xlsx/);
    await w.abort();
    expect(fs.existsSync(path.join(dir, 'never.xlsx'))).toBe(false);
  });
});

describe('an empty --delimiter is refused', () => {
  for (const flag of ['--delimiter', '--out-delimiter']) {
    it(`${flag} '': exit 2, one line`, async () => {
      const r = await runCli(['export', '-q', flag, ''], { stdin: 'a;b\n1;2\n' });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(errorLines(r.stderr)).toEqual([`leadkit: ${flag} must be one character (or tab, semicolon, comma, pipe), got ""`]);
    });
  }
  it('names still work', async () => {
    const r = await runCli(['export', '-q', '--delimiter', 'semicolon', '--out-delimiter', 'tab'], { stdin: 'a;b\n1;2\n' });
    expect(r.stdout).toBe('a\tb\n1\t2\n');
  });
});

describe('import --mapping-only', () => {
  it('writes the mapping to -o when given, nothing to stdout', async () => {
    const f = write('vendor.csv', 'Vorname,E-Mail,Sonstiges\nJörg,j@x.de,1\n');
    const out = path.join(dir, 'mapping.yml');
    const r = await runCli(['import', f, '--mapping-only', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const yaml = fs.readFileSync(out, 'utf8');
    expect(yaml).toContain('Vorname: first_name\nE-Mail: email\n');
    // …and the same mapping on stdout without -o.
    expect((await runCli(['import', f, '--mapping-only'])).stdout).toBe(yaml);
    // It reads back with --map.
    const again = await runCli(['import', '-q', f, '--map', out]);
    expect(again.code).toBe(0);
    expect(rowsOf(again.stdout)[0].email).toBe('j@x.de');
  });
});

describe("--map 'Column=field' naming a column the input does not have", () => {
  const f = () => write('map.csv', 'Vorname,Nachname,E-Mail Adresse\nJörg,Müller,j@x.de\n');
  it('is a usage error in one line, with the close header names', async () => {
    const r = await runCli(['import', f(), '--map', 'Nachnahme=last_name']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorLines(r.stderr)).toEqual([`leadkit: --map 'Nachnahme=last_name': no column "Nachnahme" in ${path.join(dir, 'map.csv')}; did you mean "Nachname"?`]);
  });
  it('lists the columns when none is close', async () => {
    const r = await runCli(['import', f(), '--map', 'Telefon=phone']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([`leadkit: --map 'Telefon=phone': no column "Telefon" in ${path.join(dir, 'map.csv')}; the columns are "Vorname", "Nachname", "E-Mail Adresse"`]);
  });
  it('a column named in another spelling of the same header is found; with two inputs one having it is enough', async () => {
    expect((await runCli(['import', '-q', f(), '--map', 'e-mail adresse=email'])).code).toBe(0);
    const other = write('map2.csv', 'Telefon\n030 1\n');
    const r = await runCli(['import', '-q', f(), other, '--map', 'Telefon=phone']);
    expect(r.code).toBe(0);
    expect(rowsOf(r.stdout).map((x) => x.phone)).toEqual(['', '030 1']);
  });
});

describe('export --split-by on a full disk', () => {
  it('SplitFiles: a write that fails with ENOSPC is the one line "cannot write" naming the file', async () => {
    const out = fs.mkdtempSync(path.join(dir, 'split-'));
    const files = new SplitFiles(out);
    const id = files.add('a.csv');
    vi.spyOn(fs, 'writevSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const err = await files.append(id, [Buffer.from('x\n')]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LeadkitError);
    expect((err as LeadkitError).display).toBe(`${path.join(out, 'a.csv')}: cannot write: no space left on the device (ENOSPC); the previous file, if any, is unchanged`);
    await files.abort();
    expect(temps(out)).toEqual([]);
  });
  it('a 1 MB tmpfs (where mounting one is allowed): one line, no file and no temporary file left', async () => {
    const small = path.join(dir, 'small');
    fs.mkdirSync(small);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]).status !== 0) return; // not allowed here
    try {
      const lines = ['owner,notes'];
      for (let i = 0; i < 20000; i++) lines.push(`o${i % 300},${'x'.repeat(200)}`);
      const f = write('owners.csv', lines.join('\n') + '\n');
      for (const format of ['csv', 'xlsx']) {
        const r = await runCli(['export', f, '--split-by', 'owner', '--out-dir', path.join(small, 'out'), '--format', format]);
        expect(r.code, format).toBe(1);
        expect(errorLines(r.stderr), format).toEqual([expect.stringMatching(new RegExp(`^leadkit: ${small}/out/o\\d+\\.${format}: cannot write: no space left on the device \\(ENOSPC\\); the previous file, if any, is unchanged$`))]);
        expect(r.stderr, format).not.toMatch(/^export:/m);
        expect(fs.readdirSync(path.join(small, 'out')), format).toEqual([]);
      }
    } finally {
      spawnSync('umount', [small]);
    }
  });
});

describe('special files may be named for several outputs', () => {
  it('--rejects /dev/null -o /dev/null runs; a regular file named twice is still refused', async () => {
    const args = ['validate', '-q', '--checks', 'email', '--reject-if', 'invalid_email'];
    // A link of the test's own to the device: were it ever renamed over, the link would go, not
    // the machine's /dev/null (the tests run as root).
    const nul = path.join(dir, 'null-link');
    fs.symlinkSync('/dev/null', nul);
    const ok = await runCli([...args, '--rejects', nul, '-o', nul], { stdin: 'email\na@x.de\nkaputt@\n' });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expect(fs.lstatSync(nul).isSymbolicLink()).toBe(true);
    const same = path.join(dir, 'same.csv');
    const bad = await runCli([...args, '--rejects', same, '-o', same], { stdin: 'email\na@x.de\n' });
    expect(bad.code).toBe(2);
    expect(errorLines(bad.stderr)).toEqual([`leadkit: --rejects and -o name the same file (${same}): give the side file a name of its own`]);
  });
  it('a pipeline that sends rejects and output to /dev/null runs', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'pipe-'));
    fs.writeFileSync(path.join(d, 'in.csv'), 'E-Mail\na@x.de\nkaputt@\n');
    fs.symlinkSync('/dev/null', path.join(d, 'null-link'));
    fs.writeFileSync(path.join(d, 'p.yml'), 'inputs: [in.csv]\nsteps:\n  - validate: { checks: email, reject-if: invalid_email, rejects: null-link }\noutputs:\n  - export: { output: null-link }\n');
    const r = await runCli(['run', '-q', path.join(d, 'p.yml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe("export's summary comes only once its files are in place", () => {
  for (const format of ['xlsx', 'csv']) {
    it(`${format} to /dev/full: the disk-full error, and no summary before it`, async () => {
      // Through a link of the test's own, never the machine's /dev/full itself (the tests run as root).
      const full = path.join(dir, `full-link-${format}`);
      fs.symlinkSync('/dev/full', full);
      const r = await runCli(['export', '--format', format, '-o', full], { stdin: 'a,b\n1,2\n' });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([`leadkit: ${full}: cannot write: no space left on the device (ENOSPC); the previous file, if any, is unchanged`]);
    });
  }
  it('after a successful commit the summary is printed', async () => {
    const out = path.join(dir, 'ok.xlsx');
    const r = await runCli(['export', '-o', out], { stdin: 'a,b\n1,2\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`export: 1 rows, 2 columns, xlsx → ${out}\n`);
    expect(fs.existsSync(out)).toBe(true);
  });
  it('a tripped --fail-if replaces no output and prints no export summary', async () => {
    const d = fs.mkdtempSync(path.join(dir, 'trip-'));
    fs.writeFileSync(path.join(d, 'in.csv'), 'E-Mail\nkaputt@\n');
    fs.writeFileSync(path.join(d, 'p.yml'), 'inputs: [in.csv]\nsteps:\n  - validate: { checks: email }\noutputs:\n  - export: { output: out.xlsx }\n');
    const r = await runCli(['run', path.join(d, 'p.yml'), '--fail-if', 'email_invalid_rate>0.5']);
    expect(r.code).toBe(3);
    expect(fs.existsSync(path.join(d, 'out.xlsx'))).toBe(false);
    expect(r.stderr).not.toMatch(/^export:/m);
  });
});
