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
