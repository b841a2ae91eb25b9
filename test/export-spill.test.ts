// export --sort of rows held in a temporary file (--spill-above): the same bytes as sorted in
// memory, with --top and --split-by.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { sortOrderAsync, sortRows, type SortKey } from '../src/export/sort.js';
import { heldArray } from '../src/match/held-rows.js';
import type { Row } from '../src/table.js';
import { seeded } from './helpers/seeded.js';
import { spawnSync } from 'node:child_process';

let dir: string;
let input: string;
const OWNERS = ['Jürgen Groß', 'Zoë Schäfer', '', 'Ann Lee'];
const SCORES = ['91', '85,5', '1.234,5', '1,234.5', '', 'n/a', '7', '07', '-3', '100'];
const NAMES = ['Müller', 'Mueller', 'Öztürk', 'Zimmermann', 'van Dijk', 'Łukasiewicz', 'O’Brien', '', 'Los 10', 'Los 2'];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-export-spill-'));
  const rnd = seeded(31);
  const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)];
  const q = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['record_id,last_name,score,owner,city'];
  for (let i = 0; i < 3000; i++) lines.push([`messe-herbst-2026:${i}`, pick(NAMES), pick(SCORES), pick(OWNERS), pick(['Wien', 'München', 'New York', 'Zürich'])].map(q).join(','));
  input = path.join(dir, 'leads.csv');
  fs.writeFileSync(input, lines.join('\n') + '\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sortOrderAsync', () => {
  it('gives the order sortRows gives, ties in input order', async () => {
    const rows: Row[] = NAMES.flatMap((last_name, i) => SCORES.map((score, j) => ({ id: `${i}-${j}`, last_name, score })));
    for (const keys of [[{ field: 'score', desc: true }], [{ field: 'last_name', desc: false }, { field: 'score', desc: false }], [{ field: 'last_name', desc: true }]] as SortKey[][]) {
      const order = await sortOrderAsync(heldArray(rows), keys);
      expect(order.map((i) => rows[i].id)).toEqual(sortRows([...rows], keys).map((r) => r.id));
    }
  });
});

describe('export --sort of spilled rows', () => {
  const run = async (extra: string[], spill: boolean) => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const r = await runCli(['export', input, '--sort', 'score:desc,last_name', ...extra, ...(spill ? ['--spill-above', '0'] : [])]);
      expect(r.code, r.stderr).toBe(0);
      return r;
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  };

  it('writes the same bytes as sorted in memory, with and without --top', async () => {
    for (const top of [[], ['--top', '25']]) {
      const memory = await run(['-o', path.join(dir, 'memory.csv'), ...top], false);
      const spilled = await run(['-o', path.join(dir, 'spilled.csv'), ...top], true);
      expect(memory.stderr).not.toMatch(/temporary file/);
      expect(spilled.stderr).toMatch(/rows held in a temporary file \(\d+ MB, --spill-above 0\)/);
      const rows = fs.readFileSync(path.join(dir, 'memory.csv'), 'utf8');
      expect(fs.readFileSync(path.join(dir, 'spilled.csv'), 'utf8')).toBe(rows);
      expect(rows.split('\n')).toHaveLength(top.length ? 27 : 3002);
    }
  });

  it('writes the same files per owner with --split-by', async () => {
    await run(['--split-by', 'owner', '--out-dir', path.join(dir, 'by-memory'), '--top', '40'], false);
    await run(['--split-by', 'owner', '--out-dir', path.join(dir, 'by-spilled'), '--top', '40'], true);
    const files = fs.readdirSync(path.join(dir, 'by-memory')).sort();
    expect(files.length).toBe(OWNERS.length);
    expect(fs.readdirSync(path.join(dir, 'by-spilled')).sort()).toEqual(files);
    for (const f of files) expect(fs.readFileSync(path.join(dir, 'by-spilled', f), 'utf8'), f).toBe(fs.readFileSync(path.join(dir, 'by-memory', f), 'utf8'));
  });
});

const root = path.resolve(import.meta.dirname, '..');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));

describe.runIf(built)('export --sort with its rows in the file (built CLI)', () => {
  it('keeps nothing of the input but the ids and the sort keys: 200,000 rows sort in a 64 MB heap', () => {
    // Import-style ids (longer than a short string V8 copies) and a long note per row: some 60 MB.
    const rnd = seeded(5);
    const lines = ['record_id,company,score,owner,email,notes'];
    for (let i = 0; i < 200_000; i++) {
      const k = Math.floor(rnd() * 200_000);
      lines.push([`vendor-list-2026.csv:${i}`, `Firma ${k} GmbH`, SCORES[i % SCORES.length].replace(',', '.'), OWNERS[i % OWNERS.length], `person.${k}.${i}@example-company.de`, 'Rückruf erbeten '.repeat(12)].join(','));
    }
    const file = path.join(dir, 'large.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const out = path.join(dir, 'large-sorted.csv');
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', path.join(root, 'bin/leadkit'), 'export', file, '--sort', 'score:desc', '--spill-above', '0', '-o', out], { encoding: 'utf8', env: { ...process.env, TMPDIR: dir } });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr).toMatch(/export: 200,000 rows, 6 columns.*rows held in a temporary file/);
    const sorted = fs.readFileSync(out, 'utf8');
    expect(sorted.split('\n')).toHaveLength(200_002);
    // The same rows in the same order as sorted in memory (there, with V8's own heap limit).
    const inMemory = path.join(dir, 'large-in-memory.csv');
    expect(spawnSync(path.join(root, 'bin/leadkit'), ['export', file, '--sort', 'score:desc', '-o', inMemory]).status).toBe(0);
    expect(sorted === fs.readFileSync(inMemory, 'utf8')).toBe(true);
  }, 120_000);
});
