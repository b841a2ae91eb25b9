// `export --split-by FIELD --out-dir DIR` with many distinct values: linear in rows and values,
// a bounded number of open files whatever the open-file limit, every format. Before, each value
// had its own fileSink, open until the commit (with a 64 KB encoder buffer each), and each
// fileSink listed the folder to sweep dead runs' temporary files, so the work grew with the
// square of the values; 20,000 values failed with EMFILE, and under `ulimit -n 1024` about
// 1,000 values did. The checks count operations and descriptors, not seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { writeSplit, type SplitLimits } from '../../src/export/split.js';
import { MAX_OPEN_FILES } from '../../src/io/split-files.js';
import type { OutputFormat, RowWriterOptions } from '../../src/io/row-writers.js';
import type { Row } from '../../src/table.js';
import { testContext } from '../helpers/context.js';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));
const linux = process.platform === 'linux';

const VALUES = 20_000;

/** Values for the runs of the other formats (xlsx: most of the work is building each workbook). */
const FEWER = 1_000;

let base: string;
let big: string;
let fewer: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-hostile-split-'));
  big = path.join(base, 'big.csv');
  fs.writeFileSync(big, csvOf(rowsFor(VALUES, 2)));
  fewer = path.join(base, 'fewer.csv');
  fs.writeFileSync(fewer, csvOf(rowsFor(FEWER, 2)));
});
afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
}, 300_000);

/** `perValue` rows for each of `values` owners, interleaved: o0, o1, …, o0, o1, … */
function rowsFor(values: number, perValue: number): Row[] {
  const rows: Row[] = [];
  for (let r = 0; r < perValue; r++) for (let i = 0; i < values; i++) rows.push({ owner: `o${i}`, email: `u${i}_${r}@example.com`, name: `Name ${i} ${r}` });
  return rows;
}

function csvOf(rows: Row[]): string {
  return 'owner,email,name\n' + rows.map((r) => `${r.owner},${r.email},${r.name}\n`).join('');
}

function freshDir(name: string): string {
  return fs.mkdtempSync(path.join(base, `${name}-`));
}

/** Every file of a split folder: name → lines (header first); fails on a leftover temporary file. */
function readSplit(dir: string): Map<string, string[]> {
  const names = fs.readdirSync(dir);
  expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
  return new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8').split('\n').slice(0, -1)]));
}

/** Check a split of rowsFor(values, perValue): file count, total, and every row in its own file in order. */
function expectSplit(dir: string, values: number, perValue: number): void {
  const files = readSplit(dir);
  expect(files.size).toBe(values);
  let total = 0;
  for (const [name, lines] of files) {
    const i = Number(/^o(\d+)\.csv$/.exec(name)?.[1]);
    expect(lines[0]).toBe('owner,email,name');
    expect(lines.slice(1)).toEqual(Array.from({ length: perValue }, (_, r) => `o${i},u${i}_${r}@example.com,Name ${i} ${r}`));
    total += lines.length - 1;
  }
  expect(total).toBe(values * perValue);
}

const csvOpts: RowWriterOptions = { format: 'csv', guard: true };

async function split(rows: Iterable<Row> | AsyncIterable<Row>, dir: string, o: RowWriterOptions = csvOpts, limits?: SplitLimits, top?: number) {
  const ctx = testContext();
  const columns = ['owner', 'email', 'name'];
  const r = await writeSplit(rows, columns, 'owner', dir, top, o, ctx, limits);
  await ctx.files.commitAll();
  return r;
}

describe('export --split-by with many distinct values', () => {
  it(`${VALUES.toLocaleString('en-US')} values × 2 rows: every file with its rows; stale-file warning and --clean at that size`, async () => {
    const dir = freshDir('cli');
    const r = await runCli(['export', '--split-by', 'owner', '--out-dir', dir], { stdinFile: big });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`export: 40,000 rows into 20,000 csv files in ${dir}/ (split by owner)`);
    expectSplit(dir, VALUES, 2);
    expect(fs.readFileSync(path.join(dir, 'o12345.csv'), 'utf8')).toBe('owner,email,name\no12345,u12345_0@example.com,Name 12345 0\no12345,u12345_1@example.com,Name 12345 1\n');

    // Half the values the next day: the other half is reported, then removed with --clean.
    const half = csvOf(rowsFor(VALUES / 2, 1));
    const warned = await runCli(['export', '--split-by', 'owner', '--out-dir', dir], { stdin: half });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`${dir}: 10,000 other .csv files from earlier runs are still there (o10000.csv, o10001.csv, o10002.csv, …); --clean removes them`);
    expect(fs.readdirSync(dir)).toHaveLength(VALUES);
    const cleaned = await runCli(['export', '--split-by', 'owner', '--out-dir', dir, '--clean', '--top', '1'], { stdin: half });
    expect(cleaned.stderr).toMatch(/10,000 rows into 10,000 csv files .*; 10,000 old files removed/);
    expectSplit(dir, VALUES / 2, 1);
    fs.rmSync(dir, { recursive: true });
  }, 300_000);

  it('counts operations, not seconds: one open and one write per file, one listing per run, at most 64 open', async () => {
    const counts: Record<number, Awaited<ReturnType<typeof split>>['stats']> = {};
    for (const values of [1_000, 10_000]) {
      const dir = freshDir(`count-${values}`);
      const r = await split(rowsFor(values, 2), dir);
      expect(r.files).toBe(values);
      expect(r.rows).toBe(2 * values);
      counts[values] = r.stats;
      expect(r.stats).toMatchObject({ opens: values, writes: values, listings: 1, flushes: 1 });
      expect(r.stats.peakOpen).toBeLessThanOrEqual(MAX_OPEN_FILES);
      expectSplit(dir, values, 2);
      fs.rmSync(dir, { recursive: true });
    }
    // Ten times the values, ten times the operations.
    expect(counts[10_000].opens).toBe(10 * counts[1_000].opens);
  }, 300_000);

  it('with little memory and few descriptors, files are closed and reopened to append, and rows keep their order', async () => {
    const values = 1_000;
    const perValue = 5;
    const dir = freshDir('evict');
    const r = await split(rowsFor(values, perValue), dir, csvOpts, { maxOpen: 8, memory: 16 * 1024 });
    expect(r.stats.peakOpen).toBeLessThanOrEqual(8);
    expect(r.stats.flushes).toBeGreaterThan(5);
    // Every open and every write carries at least one row (or a header): linear in rows and values.
    expect(r.stats.opens).toBeGreaterThan(values);
    expect(r.stats.opens).toBeLessThanOrEqual(values + values * perValue);
    expect(r.stats.writes).toBeLessThanOrEqual(values + values * perValue);
    expectSplit(dir, values, perValue);
  }, 60_000);

  it('few values keep their files open: no reopening however many rows', async () => {
    const dir = freshDir('few');
    const r = await split(rowsFor(50, 2_000), dir, csvOpts, { memory: 64 * 1024 });
    expect(r.stats.opens).toBe(50);
    expect(r.stats.flushes).toBeGreaterThan(10);
    expectSplit(dir, 50, 2_000);
  });

  it('--top per file across flushes', async () => {
    const dir = freshDir('top');
    const r = await split(rowsFor(500, 6), dir, csvOpts, { maxOpen: 4, memory: 4096 }, 3);
    expect(r.rows).toBe(1_500);
    expectSplit(dir, 500, 3);
  });

  it('many values with one file name get names of their own (-2 … -2000)', async () => {
    const dir = freshDir('names');
    const long = 'x'.repeat(100);
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ owner: `${long}${i}`, email: `${i}@x.de`, name: '' }));
    const r = await split(rows, dir);
    expect(r.files).toBe(2_000);
    const names = fs.readdirSync(dir).sort();
    expect(names).toHaveLength(2_000);
    expect(names).toContain(`${long}.csv`);
    expect(names).toContain(`${long}-2000.csv`);
    expect(fs.readFileSync(path.join(dir, `${long}-2000.csv`), 'utf8')).toBe(`owner,email,name\n${long}1999,1999@x.de,\n`);
  });

  it('an error halfway removes every temporary file and keeps the files already there', async () => {
    const dir = freshDir('fail');
    fs.writeFileSync(path.join(dir, 'o1.csv'), 'old\n');
    async function* failing(): AsyncGenerator<Row> {
      yield* rowsFor(500, 3);
      throw new Error('input broke');
    }
    const ctx = testContext();
    await expect(writeSplit(failing(), ['owner', 'email', 'name'], 'owner', dir, undefined, csvOpts, ctx, { maxOpen: 8, memory: 8 * 1024 })).rejects.toThrow('input broke');
    await ctx.files.commitAll();
    expect(fs.readdirSync(dir)).toEqual(['o1.csv']);
    expect(fs.readFileSync(path.join(dir, 'o1.csv'), 'utf8')).toBe('old\n');
  });

  it('an abort after the split (a later failure in the run) removes the temporary files', async () => {
    const dir = freshDir('abort');
    const ctx = testContext();
    await writeSplit(rowsFor(300, 2), ['owner', 'email', 'name'], 'owner', dir, undefined, csvOpts, ctx, { maxOpen: 4, memory: 1024 });
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toHaveLength(300);
    await ctx.files.abortAll();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("removes a dead run's temporary file for a target it writes", async () => {
    const dir = freshDir('sweep');
    const dead = path.join(dir, '.o1.csv.tmp-999999999-abc123');
    const other = path.join(dir, '.notes.csv.tmp-999999999-abc123');
    fs.writeFileSync(dead, 'half');
    fs.writeFileSync(other, 'not ours');
    const r = await split(rowsFor(3, 1), dir);
    expect(r.stats.listings).toBe(1);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(other)).toBe(true);
  });
});

describe('split files are the files a one-file export writes', () => {
  const tricky = ['Nina', 'nina', 'A/B', 'A_B', '', '=cmd', 'Jörg Müller', 'a"q', '__proto__'];
  const allColumns = ['name', 'owner', 'note', '__proto__'];
  const allRows: Row[] = Array.from({ length: 90 }, (_, i) => ({
    name: `n${i}`,
    owner: tricky[i % tricky.length],
    note: i % 2 ? `=1+${i}\nzwei; "drei"` : `+49 30 ${i}`,
    ['__proto__']: `p${i}`,
  }));
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

  it.each<[OutputFormat, string[], Partial<RowWriterOptions>]>([
    ['csv', [], {}],
    ['csv', ['--bom', '--out-delimiter', ';'], { bom: true, delimiter: ';' }],
    ['csv', ['--no-formula-guard'], { guard: false }],
    ['tsv', [], {}],
    ['jsonl', [], {}],
    ['xlsx', [], {}],
  ])('%s %s', async (format, flags, o) => {
    // The xlsx library writes an invalid cell for the text "__proto__" (one file or split alike).
    const proto = format !== 'xlsx';
    const columns = proto ? allColumns : allColumns.filter((c) => c !== '__proto__');
    const rows = proto ? allRows : allRows.filter((r) => r.owner !== '__proto__');
    const csvOfRows = (rs: Row[]) => [columns.join(','), ...rs.map((r) => columns.map((c) => q(r[c])).join(','))].join('\n') + '\n';
    const dir = freshDir(`same-${format}`);
    const ctx = testContext();
    const opts: RowWriterOptions = { format, guard: true, ...o };
    const r = await writeSplit(rows, columns, 'owner', dir, undefined, opts, ctx, { maxOpen: 2, memory: 256 });
    await ctx.files.commitAll();
    const want = ['A_B-2', 'A_B', '=cmd', 'Jörg Müller', 'Nina', '_empty', 'a_q', 'nina-2', ...(proto ? ['__proto__'] : [])];
    expect(r.files).toBe(want.length);
    expect([...r.names].sort()).toEqual(want.map((n) => `${n}.${format}`).sort());
    const nameOf = new Map([...new Set(rows.map((x) => x.owner))].map((v, i) => [v, [...r.names][i]]));
    for (const [value, file] of nameOf) {
      const one = await runCli(['export', '--format', format, ...flags, '-q'], { stdin: csvOfRows(rows.filter((x) => x.owner === value)) });
      expect(one.code).toBe(0);
      const got = fs.readFileSync(path.join(dir, file));
      if (format !== 'xlsx') expect(got.toString('utf8')).toBe(one.stdout);
      else {
        const wantFile = path.join(base, 'want.xlsx');
        fs.writeFileSync(wantFile, one.stdoutBytes);
        expect(await readSheet(path.join(dir, file))).toEqual(await readSheet(wantFile));
      }
    }
  });
});

describe.skipIf(!built || !linux)('the built CLI under a low open-file limit', () => {
  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  function openFds(pid: number): number {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      return 0;
    }
  }

  it.each([
    ['csv', VALUES],
    ['jsonl', FEWER],
    ['xlsx', FEWER],
  ] as const)('ulimit -n 256, %s, %i values: succeeds; open descriptors sampled stay bounded', async (format, values) => {
    const dir = freshDir(`ulimit-${format}`);
    const cmd = `ulimit -n 256 && exec "$0" --max-semi-space-size=32 "$1" export "$2" --split-by owner --out-dir "$3" --format "$4" -q`;
    const child = spawn('sh', ['-c', cmd, process.execPath, bin, values === VALUES ? big : fewer, dir, format], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, openFds(child.pid!))), 2);
    const { code } = await exited(child);
    clearInterval(sampler);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(peak).toBeGreaterThan(0);
    // Node's own descriptors (event loop, thread pool, standard streams, the input) plus ours.
    expect(peak).toBeLessThanOrEqual(MAX_OPEN_FILES + 40);
    const names = fs.readdirSync(dir);
    expect(names).toHaveLength(values);
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    if (format === 'csv') expectSplit(dir, VALUES, 2);
    if (format === 'jsonl') {
      expect(fs.readFileSync(path.join(dir, 'o7.jsonl'), 'utf8')).toBe('{"owner":"o7","email":"u7_0@example.com","name":"Name 7 0"}\n{"owner":"o7","email":"u7_1@example.com","name":"Name 7 1"}\n');
    }
    if (format === 'xlsx') {
      expect(await readSheet(path.join(dir, `o${FEWER - 1}.xlsx`))).toEqual([
        ['owner', 'email', 'name'],
        [`o${FEWER - 1}`, `u${FEWER - 1}_0@example.com`, `Name ${FEWER - 1} 0`],
        [`o${FEWER - 1}`, `u${FEWER - 1}_1@example.com`, `Name ${FEWER - 1} 1`],
      ]);
    }
    fs.rmSync(dir, { recursive: true });
  }, 300_000);

  it('SIGTERM while files are half written: exit 143, no temporary file, the old files untouched', async () => {
    const dir = freshDir('sigterm');
    fs.writeFileSync(path.join(dir, 'o1.csv'), 'old\n');
    const child = spawn(process.execPath, ['--max-semi-space-size=32', bin, 'export', '--split-by', 'owner', '--out-dir', dir, '-q'], { stdio: ['pipe', 'ignore', 'pipe'] });
    // More than the 16 MB held in memory, so files are on disk, and no end of input yet.
    const filler = 'x'.repeat(100);
    let text = 'owner,email,name\n';
    for (let i = 0; i < 200_000; i++) text += `o${i % 500},u${i}@example.com,${filler}\n`;
    child.stdin!.on('error', () => undefined); // EPIPE once it is gone
    child.stdin!.write(text);
    let temps = 0;
    for (let t = 0; t < 60_000 && temps === 0; t += 20) {
      expect(child.exitCode, 'the command ended before it was signalled').toBeNull();
      temps = fs.readdirSync(dir).filter((n) => n.includes('.tmp-')).length;
      if (!temps) await sleep(20);
    }
    expect(temps).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const { code } = await exited(child);
    child.stdin!.destroy();
    expect(code).toBe(143);
    expect(fs.readdirSync(dir)).toEqual(['o1.csv']);
    expect(fs.readFileSync(path.join(dir, 'o1.csv'), 'utf8')).toBe('old\n');
  }, 300_000);
});
