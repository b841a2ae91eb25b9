// classify and score in worker threads (src/parallel/row-stage.ts): rows changed in place, in
// order, carried rows untouched, and the built CLI writes with workers what one thread writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRowAssigner, rowCellMapper, runRowStage } from '../src/parallel/row-stage.js';
import { packCells, unpackCells } from '../src/parallel/pack.js';
import type { Row } from '../src/table.js';
import { seeded } from './helpers/seeded.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/classify/worker.js')) && fs.existsSync(path.join(root, 'dist/score/worker.js'));

async function* batchesOf(rows: Row[], size: number): AsyncGenerator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('a row stage', () => {
  it('stores a __proto__ column as a column, not as the prototype', () => {
    const row: Row = { a: 'x' };
    compileRowAssigner(['a', '__proto__'])(row, ['y', 'z']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.hasOwn(row, '__proto__')).toBe(true);
    expect(row).toEqual(Object.assign(Object.create(null), { a: 'y', ['__proto__']: 'z' }));
  });

  it("the worker's cell round trip writes what the stage writes in place, a column left alone as the row had it", () => {
    const apply = (row: Row) => {
      row.tag = `${row.name ?? ''}|${row.city ?? ''}`.toUpperCase();
      if (row.city === 'Wien') row.note = 'Österreich';
    };
    const reads = ['name', 'city', 'note'];
    const writes = ['tag', 'note'];
    const rows: Row[] = [
      { name: 'Jürgen Weiß', city: 'Wien', note: '' },
      { name: 'Käthe Größ', city: 'Berlin', note: 'kept from the list, longer than a slice' },
      { name: 'Ann Lee', note: 'x' },
    ];
    const inPlace = rows.map((r) => ({ ...r }));
    for (const r of inPlace) apply(r);
    const cells = rows.map((r) => reads.map((c) => r[c] ?? ''));
    const back = unpackCells(packCells(rowCellMapper({ reads, writes }, apply)(unpackCells(packCells(cells)))));
    expect(back).toEqual(inPlace.map((r) => writes.map((c) => r[c] ?? '')));
  });

  it('in this thread: rows are changed in place and in order, skipped rows left as they were', async () => {
    const rows: Row[] = Array.from({ length: 2500 }, (_, i) => ({ n: String(i), out: '' }));
    const skipped = new WeakSet(rows.filter((_, i) => i % 7 === 3));
    const seen: Row[] = [];
    const stage = runRowStage(batchesOf(rows, 1000), {
      reads: ['n'],
      writes: ['out'],
      apply: (row) => {
        row.out = String(Number(row.n) * 2);
      },
      skip: (row) => skipped.has(row),
      workerUrl: new URL('./no-such-worker.js', import.meta.url),
      workerData: {},
      jobs: 2,
    });
    for await (const batch of stage) seen.push(...batch);
    expect(seen).toHaveLength(rows.length);
    seen.forEach((row, i) => {
      expect(row).toBe(rows[i]);
      expect(row.out).toBe(i % 7 === 3 ? '' : String(i * 2));
    });
  });
});

const FIRST = ['Jürgen', 'Käthe', 'Thomas', 'Ann', 'Zoë', 'François', 'Łukasz', 'Mary-Jane', 'ANNA', 'stefan'];
const LAST = ['Weiß', 'Größ', 'Müller', "O'Brien", 'van der Berg', 'MEIER', 'Nowak', 'de la Cruz', 'Schäfer', 'huber'];
const TITLES = ['Geschäftsführer', 'Leiterin Einkauf', 'Head of Sales', 'Sachbearbeiter (m/w/d)', 'Founder & CEO', 'GF', 'Industriemechaniker', 'VP Operations', 'Prokuristin', '', 'Werkstudent', 'Directeur commercial'];
const SALUTATIONS = ['Herr', 'Frau', 'Frau Dr.', 'Mr', 'Mrs', 'Mme', '', 'w', 'Herr Prof.'];
const PLACES = [
  ['1010', 'Wien', 'AT', '+43 664 12'],
  ['80331', 'München', 'DE', '089 12'],
  ['8001', 'Zürich', 'CH', '+41 44 23'],
  ['1700', 'Fribourg', 'CH', '+41 26 30'],
  ['10001', 'New York', 'US', '(212) 736-'],
  ['75001', 'Paris', 'FR', '+33 1 42'],
  ['', '', '', ''],
];
const EMPLOYEES = ['45', '51-200', 'ca. 100', '', '10.000+', '1-10', 'unbekannt'];
const REVENUE = ['5 Mio. €', '', '4,5 Mio. €', '$2M', '250.000'];
const DATES = ['03.04.2023', '2025-12-24', '25/12/2024', '', '2027-01-01', 'gestern', '45123'];

/** A varied list: umlauts, titles in three languages, Austrian, Swiss and US numbers, dates in several forms, some classify columns given. */
function list(n: number, seed: number): string {
  const rnd = seeded(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['record_id,salutation,first_name,last_name,company,title,department,email,phone,postal_code,city,country,employees,revenue,updated_at,page_views,email_opens,last_activity_at,segment,website'];
  for (let i = 0; i < n; i++) {
    const [zip, city, cc, tel] = pick(PLACES);
    const last = pick(LAST);
    const domain = pick(['gmail.com', `${last.toLowerCase().replace(/[^a-z]/g, '')}-gmbh.de`, 'example.at', 'web.de', 'walshfreight.com']);
    const row = [
      `t:${i}`,
      pick(SALUTATIONS),
      pick(FIRST),
      last,
      pick([`${last} GmbH`, `${last} & Söhne KG`, 'Walsh Freight Inc.', '', 'Privat']),
      pick(TITLES),
      pick(['', 'Einkauf / Materialwirtschaft', 'IT']),
      rnd() < 0.9 ? `p${i}@${domain}` : 'kaputt@',
      tel ? `${tel}${String(i % 10000).padStart(4, '0')}` : '',
      zip,
      city,
      pick([cc, cc, cc.toLowerCase(), '']),
      pick(EMPLOYEES),
      pick(REVENUE),
      pick(DATES),
      String(Math.floor(rnd() * 30)),
      pick(['', '0', '3', '12']),
      pick(['2026-11-15', '', '2025-01-02', '14.11.2026']),
      pick(['', '', '', 'b2c']),
      pick(['', '', 'www.given.example']),
    ];
    lines.push(row.map(q).join(','));
  }
  return lines.join('\n') + '\n';
}

describe.runIf(built)('classify and score in worker threads (built CLI)', () => {
  let dir: string;
  /** The built CLI's summary (stderr), without its timings; it must succeed. */
  const cli = (args: string[]): string => {
    const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status, r.stderr).toBe(0);
    return r.stderr.replace(/\d+(\.\d+)? s\b/g, '');
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-row-stage-'));
    fs.writeFileSync(path.join(dir, 'leads.csv'), list(6000, 7));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('classify --jobs 2 and score --jobs 2 write what one thread writes, summary included', () => {
    const run = (cmd: string, input: string, jobs: string) => {
      const args = [cmd, input, '--jobs', jobs, '--as-of', '2026-11-22'];
      if (cmd === 'score') args.push('--rules', path.join(root, 'fixtures/qualify/rules.yml'));
      const out = path.join(dir, `${cmd}-${jobs}.csv`);
      const summary = cli([...args, '-o', out]);
      return { rows: fs.readFileSync(out, 'utf8'), out, summary };
    };
    const c0 = run('classify', path.join(dir, 'leads.csv'), '0');
    const c2 = run('classify', path.join(dir, 'leads.csv'), '2');
    expect(c2.rows).toBe(c0.rows);
    expect(c2.summary).toBe(c0.summary);
    expect(c0.summary).toMatch(/classify: 6,000 rows/);
    expect(c0.rows).toContain('Sehr geehrter Herr');
    expect(c0.rows).toContain('AT-9');
    expect(c0.rows.split('\n')).toHaveLength(6002);
    const s0 = run('score', c0.out, '0');
    const s2 = run('score', c0.out, '2');
    expect(s2.rows).toBe(s0.rows);
    expect(s2.summary).toBe(s0.summary);
    expect(s0.rows).toMatch(/page_views:\+/);
  });

  it('a pipeline whose classify and score take jobs: 2 writes, across nights, what one thread writes', () => {
    const night = (jobs: number, sub: string) => {
      const d = path.join(dir, sub);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(
        path.join(d, 'pipeline.yml'),
        `inputs: [leads.csv]\nsteps:\n  - validate: {}\n  - dedupe: {}\n  - classify: { jobs: ${jobs} }\n  - score: { jobs: ${jobs}, rules: ${path.join(root, 'fixtures/qualify/rules.yml')} }\n` +
          `outputs:\n  - export: { output: new.csv, only: [new, changed] }\nstate: state\n`,
      );
      return d;
    };
    const dirs = [night(0, 'one'), night(2, 'two')];
    const written: string[][] = [[], []];
    const day1 = list(4000, 11);
    // Night 2: the same list with a few hundred rows edited and some new ones.
    const day2 = day1
      .split('\n')
      .map((line, i) => (i > 0 && i % 13 === 0 ? line.replace(/@/, '.neu@') : line))
      .join('\n') + list(300, 12).split('\n').slice(1).map((l) => l.replace(/^t:/, 'n:')).join('\n');
    for (const [n, text] of [day1, day2].entries()) {
      dirs.forEach((d, k) => {
        fs.writeFileSync(path.join(d, 'leads.csv'), text);
        const summary = cli(['run', path.join(d, 'pipeline.yml'), '--as-of', `2026-11-2${n + 1}`]);
        const state = fs.readdirSync(path.join(d, 'state')).filter((f) => f !== 'meta.json').sort();
        const files = [fs.readFileSync(path.join(d, 'new.csv'), 'utf8'), ...state.map((f) => `${f}\n${fs.readFileSync(path.join(d, 'state', f), 'utf8')}`)];
        // The two runs differ only in their folder, which the state and summary name.
        written[k].push(...[summary, ...files].map((text) => text.split(d).join('DIR')));
      });
    }
    expect(written[1]).toEqual(written[0]);
    // Night 2 carried its unchanged persons past classify and score.
    const summary2 = written[0][written[0].length / 2];
    expect(summary2).toMatch(/classify: [\d,]+ rows; [\d,]+ unchanged persons carried from the state/);
    expect(summary2).toMatch(/state DIR\/state: [\d,]+ new, [\d,]+ changed/);
  }, 60_000);
});
