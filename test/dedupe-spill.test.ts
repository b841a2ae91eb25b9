import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpilledRows } from '../src/io/row-spill.js';
import { holdRows } from '../src/commands/hold-rows.js';
import { completeness } from '../src/match/held-rows.js';
import { fromArray, type Row } from '../src/table.js';
import { runCli } from './helpers/run-cli.js';
import { generateLists } from './helpers/lead-generator.js';
import { parse } from 'csv-parse/sync';

const COLUMNS = ['record_id', 'first_name', 'last_name', 'email', 'phone', 'street', 'city', 'notes', 'updated_at'];

const ROWS: Row[] = [
  { record_id: 'messe-wien:1', first_name: 'Jürgen', last_name: 'Weiß', email: 'j.weiss@weiss-holzbau.at', phone: '+43 1 5123456', street: 'Mariahilfer Straße 12', city: 'Wien', notes: 'Stand 4, "Holz"; Rückruf\nerbeten', updated_at: '14.03.2026' },
  // Blank and missing cells: a missing one comes back missing.
  { record_id: 'messe-wien:2', first_name: '', last_name: 'Öztürk', email: '', phone: '(212) 736-5000', street: '', city: 'New York', updated_at: '' },
  // Text outside latin1 (Polish, Turkish, Chinese, an emoji) and a lone surrogate.
  { record_id: 'webinar-us:3', first_name: 'Agnieszka', last_name: 'Łukasiewicz', email: 'a.l@example.pl', phone: '', street: 'ul. Świętokrzyska 5', city: '北京', notes: 'grüßt 👋 \ud800 Ende', updated_at: '2026-11-02' },
  // A cell longer than a length byte, and one longer than a block of the file.
  { record_id: 'vendor:4', first_name: 'Yılmaz', last_name: 'x'.repeat(300), email: 'y@example.de', phone: '030 1234567', street: 'Hauptstraße 1', city: 'Berlin', notes: 'ä'.repeat(1_200_000), updated_at: '2026-01-31' },
];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-spill-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rows spilled to a temporary file', () => {
  it('come back as they went in, in and out of order, and leave no file behind', () => {
    const spill = new SpilledRows(COLUMNS, dir);
    for (let k = 0; k < 300; k++) for (const r of ROWS) spill.add({ ...r, record_id: `${r.record_id}-${k}` });
    // Open but already removed from the folder: nothing is left whatever ends the process.
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(spill.length).toBe(1200);
    const want = (i: number) => ({ ...ROWS[i % 4], record_id: `${ROWS[i % 4].record_id}-${Math.floor(i / 4)}` });
    for (let i = 0; i < 1200; i++) expect(spill.get(i)).toEqual(want(i));
    for (const i of [1199, 3, 777, 0, 2, 1198, 6]) expect(spill.get(i)).toEqual(want(i));
    expect('notes' in spill.get(1)).toBe(false);
    expect(spill.get(2).notes).toBe('grüßt 👋 \ud800 Ende');
    expect(() => spill.get(1200)).toThrow(RangeError);
    expect(() => spill.add(ROWS[0])).toThrow(/after reading/);
    spill.close();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('read a block ahead only when read on in order, not for two input neighbours met in another order', () => {
    const spill = new SpilledRows(COLUMNS, dir);
    const n = 24_000;
    for (let i = 0; i < n; i++) spill.add({ ...ROWS[i % 3], record_id: `messe-wien-2026:${i}`, notes: `Gespräch ${i}`.padEnd(60, '·') });
    // A sort by company: the two contacts of each company were neighbours in the input, the companies in no order.
    const pairs = Array.from({ length: n / 2 }, (_, k) => k);
    for (let k = pairs.length - 1; k > 0; k--) {
      const j = (k * 7919) % (k + 1);
      [pairs[k], pairs[j]] = [pairs[j], pairs[k]];
    }
    for (const k of pairs) for (const i of [2 * k, 2 * k + 1]) expect(spill.get(i).record_id).toBe(`messe-wien-2026:${i}`);
    // About each row's own bytes (a block now and then, where the shuffle left pairs in order), not a 1 MB block per pair.
    expect(spill.bytesRead).toBeLessThan(spill.bytes * 2);
    // Groups of rows a few apart (a company's contacts, with others between them in the input), the groups in no order.
    const groupsBefore = spill.bytesRead;
    let groupBytes = 0;
    for (let k = 0; k < 2_000; k++) {
      const a = (k * 7919) % (n - 10);
      for (const i of [a, a + 1, a + 3, a + 5, a + 7, a + 9]) {
        expect(spill.get(i).record_id).toBe(`messe-wien-2026:${i}`);
        groupBytes += 100;
      }
    }
    expect(spill.bytesRead - groupsBefore).toBeLessThan(groupBytes * 4);
    const before = spill.bytesRead;
    for (let i = 0; i < n; i++) spill.get(i);
    // In order: block by block, about the file once.
    expect(spill.bytesRead - before).toBeLessThan(spill.bytes * 1.05);
    spill.close();
  });

  it("read on block by block through a pass that skips rows and reads others in between (dedupe's merged rows)", () => {
    const spill = new SpilledRows(COLUMNS, dir);
    const n = 24_000;
    for (let i = 0; i < n; i++) spill.add({ ...ROWS[i % 3], record_id: `messe-wien-2026:${i}`, notes: `Gespräch ${i}`.padEnd(60, '·') });
    // Clusters in the order of their first rows: every fifth row is a duplicate merged into an
    // earlier cluster (skipped), and every seventh cluster has a member further on, read with it.
    let scanned = 0;
    let members = 0;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 4) continue;
      expect(spill.get(i).record_id).toBe(`messe-wien-2026:${i}`);
      scanned++;
      if (i % 7 === 0 && i + 5_004 < n) {
        const m = i + 5_004 - ((i + 5_004) % 5) + 4;
        if (m < n) {
          expect(spill.get(m).record_id).toBe(`messe-wien-2026:${m}`);
          members++;
        }
      }
    }
    expect(scanned).toBeGreaterThan(19_000);
    expect(members).toBeGreaterThan(2_000);
    // A read per member out of order, and the scan's rows a block at a time once it has gone on
    // for 64 KB (a few hundred rows read one by one before), not a read per row.
    const blocks = Math.ceil(spill.bytes / (1 << 20));
    expect(spill.reads).toBeLessThanOrEqual(members + 2 * blocks + 200);
    spill.close();
  });

  it('keep a column of any name, __proto__ too', () => {
    const spill = new SpilledRows(['record_id', '__proto__', 'constructor'], dir);
    const row: Row = { record_id: 'v:1', ['__proto__']: 'odd header', constructor: 'Bau' };
    spill.add(row);
    const back = spill.get(0);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toBe('odd header');
    expect(back.constructor).toBe('Bau');
    spill.close();
  });

  it('are held in memory within the budget and spilled beyond it, every row seen once in order', async () => {
    const seen: string[] = [];
    const small = await holdRows(fromArray(ROWS.slice(0, 3), 2), COLUMNS, 1, (r, i) => seen.push(`${i}:${r.record_id}`));
    expect(small.spilled).toBe(false);
    expect(seen).toEqual(['0:messe-wien:1', '1:messe-wien:2', '2:webinar-us:3']);
    const big = await holdRows(fromArray(ROWS, 2), COLUMNS, 1, undefined, dir);
    expect(big.spilled).toBe(true);
    expect(big.spilledBytes).toBeGreaterThan(2_400_000);
    expect([0, 1, 2, 3].map((i) => big.recordId(i))).toEqual(ROWS.map((r) => r.record_id));
    expect(big.column('updated_at')).toEqual(['14.03.2026', '', '2026-11-02', '2026-01-31']);
    // Asked per cluster by survivorship: a column not kept, or one the list lacks, is made once.
    expect(big.column('city')).toEqual(['Wien', 'New York', '北京', 'Berlin']);
    expect(big.column('city')).toBe(big.column('city'));
    expect(big.column('company')).toEqual(['', '', '', '']);
    expect(big.column('company')).toBe(big.column('company'));
    // What ranking reads of a row, kept as it went in: completeness() of the row read back.
    expect([0, 1, 2, 3].map((i) => big.completeness(i))).toEqual([0, 1, 2, 3].map((i) => completeness(big.get(i))));
    expect(big.completeness(1)).toBe(3);
    expect(big.hasValue('notes')).toBe(true);
    expect(big.hasValue('street')).toBe(true);
    expect(big.get(3).notes).toHaveLength(1_200_000);
    big.close();
    const blank = await holdRows(fromArray(ROWS.slice(1, 2)), COLUMNS, 0, undefined, dir);
    expect(blank.spilled).toBe(true);
    expect(blank.hasValue('email')).toBe(false);
    blank.close();
  });

  it('cannot be written to a folder that does not exist: one clear error', async () => {
    await expect(holdRows(fromArray(ROWS), COLUMNS, 0, undefined, path.join(dir, 'missing'))).rejects.toThrow(/cannot keep the rows in a temporary file in .*missing \(no such folder\): set TMPDIR/);
  });
});

describe('dedupe of a spilled list', () => {
  const g = generateLists(20261203, 300);
  const input = () => {
    const file = path.join(dir, 'leads.csv');
    fs.writeFileSync(file, g.importedCsv);
    return file;
  };

  for (const mode of ['merge', 'flag']) {
    it(`writes the same bytes as in memory (${mode} mode, merge map and review file too)`, async () => {
      const file = input();
      const out = (tag: string) => ({ o: path.join(dir, `${tag}.csv`), report: path.join(dir, `${tag}-map.csv`), review: path.join(dir, `${tag}-review.csv`) });
      const run = async (tag: string, extra: string[], env: Record<string, string> = {}) => {
        const f = out(tag);
        const r = await runCli(['dedupe', file, '--mode', mode, '--prefer', 'newest', '-o', f.o, '--report', f.report, '--review', f.review, ...extra], { env });
        expect(r.code, r.stderr).toBe(0);
        return { ...f, stderr: r.stderr };
      };
      const memory = await run('memory', []);
      const spilled = await run('spilled', ['--spill-above', '0'], { TMPDIR: dir });
      expect(memory.stderr).not.toMatch(/temporary file/);
      expect(spilled.stderr).toMatch(/rows held in a temporary file \(\d+ MB, --spill-above 0\)/);
      for (const k of ['o', 'report', 'review'] as const) expect(fs.readFileSync(spilled[k], 'utf8'), k).toBe(fs.readFileSync(memory[k], 'utf8'));
      const merged = fs.readFileSync(memory.o, 'utf8');
      expect(mode === 'merge' ? merged.split('\n').length - 2 : 0).toBeLessThan(g.rows.length);
    });
  }
});

describe('match against a spilled reference', () => {
  const g = generateLists(20261204, 300);

  it('links the same rows, with the same CRM ids, as with the reference in memory', async () => {
    const leads = path.join(dir, 'leads.csv');
    const crm = path.join(dir, 'crm.csv');
    fs.writeFileSync(leads, g.importedCsv);
    fs.writeFileSync(crm, g.crmCsv);
    const run = async (tag: string, extra: string[], env: Record<string, string> = {}) => {
      const o = path.join(dir, `${tag}.csv`);
      const r = await runCli(['match', leads, '--against', crm, '-o', o, ...extra], { env });
      expect(r.code, r.stderr).toBe(0);
      return { out: fs.readFileSync(o, 'utf8'), stderr: r.stderr };
    };
    const memory = await run('memory', []);
    const spilled = await run('spilled', ['--spill-above', '0'], { TMPDIR: dir });
    expect(memory.stderr).not.toMatch(/temporary file/);
    expect(spilled.stderr).toMatch(/CRM ids from "Lead ID" in match_crm_id; rows held in a temporary file \(\d+ MB, --spill-above 0\)/);
    expect(spilled.out).toBe(memory.out);
    // The generator's CRM persons are found, and their CRM ids come from the spilled reference's kept column.
    const records = parse(memory.out, { columns: true, bom: true }) as Record<string, string>[];
    const crmIds = records.map((r) => r.match_crm_id).filter(Boolean);
    expect(crmIds.length).toBeGreaterThan(g.rows.filter((r) => r.inCrm).length * 0.8);
    expect(crmIds.every((v) => /^00Q\d+$/.test(v))).toBe(true);
  });
});
