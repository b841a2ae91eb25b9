// What dedupe takes as settled from the last night (src/commands/dedupe-night.ts), and the state
// directory's side files (src/state/state-dir.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriedClusters, nightPlanner, planNight } from '../src/commands/dedupe-night.js';
import type { DedupeResult } from '../src/match/dedupe.js';
import { rowFingerprint, rowFingerprinter, type NightState } from '../src/state/night.js';
import { hex52, parseHex52 } from '../src/state/record-identity.js';
import { runCli } from './helpers/run-cli.js';

const COLUMNS = ['record_id', 'first_name', 'last_name', 'email'];
const rows = [
  { record_id: 'crm:1', first_name: 'Jürgen', last_name: 'Weiß', email: 'j.weiss@weiss-holzbau.at' },
  { record_id: 'crm:2', first_name: 'Jürgen', last_name: 'Weiss', email: 'juergen.weiss@gmx.at' },
  { record_id: 'messe:1', first_name: 'Özlem', last_name: 'Yılmaz', email: 'oezlem@yilmaz-design.de' },
  { record_id: 'messe:2', first_name: 'Özlem', last_name: 'Yilmaz', email: 'o.yilmaz@yilmaz-design.de' },
];

/** A last night in which crm:1, crm:2 and a third record (gone tonight) were one person, and messe:1, messe:2 another. */
function lastNight(members: Record<string, number>): NightState {
  const fp = new Map(rows.map((r) => [r.record_id, rowFingerprint(r, COLUMNS)]));
  const clusterOf: Record<string, string> = { 'crm:1': 'c-weiss', 'crm:2': 'c-weiss', 'messe:1': 'c-yilmaz', 'messe:2': 'c-yilmaz' };
  return {
    previousRecord: (id, f) => (fp.get(id) === f ? { cluster: clusterOf[id] } : undefined),
    previousClusterSize: (c) => members[c] ?? 0,
    record: () => undefined,
  };
}

describe('the rows a night takes as settled', () => {
  it('are looked up in the state only once every row is in (import links shifted ids only at its end)', () => {
    const asked: string[] = [];
    const base = lastNight({ 'c-weiss': 2, 'c-yilmaz': 2 });
    const night: NightState = {
      ...base,
      previousRecord: (id, f) => {
        asked.push(id);
        return base.previousRecord(id, f);
      },
    };
    const planner = nightPlanner(COLUMNS, night);
    rows.forEach((r, i) => planner.add(r, i));
    expect(asked).toEqual([]);
    const plan = planner.finish((i) => rows[i].record_id ?? '');
    expect(asked).toEqual(rows.map((r) => r.record_id));
    expect(plan.unchanged).toBe(4);
    expect(plan.fingerprints).toEqual(rows.map((r) => rowFingerprint(r, COLUMNS)));
  });

  it('keeps a cluster whose records are all here and unchanged', () => {
    const plan = planNight(rows, COLUMNS, lastNight({ 'c-weiss': 2, 'c-yilmaz': 2 }));
    expect(plan.unchanged).toBe(4);
    expect(plan.settled[0]).toBe(plan.settled[1]);
    expect(plan.settled[2]).toBe(plan.settled[3]);
    expect(plan.settled[0]).not.toBe(plan.settled[2]);
  });

  it('matches a cluster again when one of last night\'s records is missing: it may have been the tie', () => {
    const plan = planNight(rows, COLUMNS, lastNight({ 'c-weiss': 3, 'c-yilmaz': 2 }));
    expect(Array.from(plan.settled.subarray(0, 2))).toEqual([-1, -1]);
    expect(plan.settled[2]).toBeGreaterThanOrEqual(0);
    expect(plan.unchanged).toBe(2);
  });

  it('matches a cluster again when one of its records changed', () => {
    const edited = rows.map((r) => (r.record_id === 'messe:2' ? { ...r, email: 'oezlem.yilmaz@gmail.com' } : r));
    const plan = planNight(edited, COLUMNS, lastNight({ 'c-weiss': 2, 'c-yilmaz': 2 }));
    expect(Array.from(plan.settled.subarray(2))).toEqual([-1, -1]);
    expect(plan.unchanged).toBe(2);
  });
});

describe('the clusters a night carries over', () => {
  const carrying = (order: Record<string, string[]>): NightState => ({
    ...lastNight({ 'c-weiss': 2, 'c-yilmaz': 2 }),
    carrying: true,
    carryable: () => true,
    previousRecords: (c) => order[c] ?? [],
  });
  /** Tonight's clusters as dedupe ranked them (row numbers, the survivor first). */
  const result = (clusters: number[][]) => ({ clusters: { count: clusters.length, members: (c: number) => clusters[c] } }) as unknown as DedupeResult;
  const order = { 'c-weiss': ['crm:1', 'crm:2'], 'c-yilmaz': ['messe:1', 'messe:2'] };

  it('carries a cluster found as last night, its records ranked as then', () => {
    const night = carrying(order);
    const plan = planNight(rows, COLUMNS, night);
    expect(Array.from(carriedClusters(plan, rows, result([[0, 1], [2, 3]]), night) ?? [])).toEqual([1, 1]);
  });

  it('not when dedupe ranks its records another way tonight (another survivor, another merged row)', () => {
    const night = carrying(order);
    const plan = planNight(rows, COLUMNS, night);
    expect(Array.from(carriedClusters(plan, rows, result([[1, 0], [2, 3]]), night) ?? [])).toEqual([0, 1]);
  });

  it('not when a decision split it, nor when the night does not carry', () => {
    const night = carrying(order);
    const plan = planNight(rows, COLUMNS, night);
    expect(Array.from(carriedClusters(plan, rows, result([[0], [1], [2, 3]]), night) ?? [])).toEqual([0, 0, 1]);
    expect(carriedClusters(plan, rows, result([[0, 1], [2, 3]]), { ...night, carrying: false })).toBeUndefined();
  });
});

describe('hashes as the state writes them', () => {
  it('are 13 hex digits, exactly as toString(16) writes them, and read back to the same number', () => {
    const edges = [1, 15, 16, 255, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, 2 ** 52 - 1, 0xc84e66cf915ec];
    let x = 0x9e3779b9;
    const spread = Array.from({ length: 2000 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x % 2 ** 20) * 2 ** 32 + ((x * 2654435761) >>> 0);
    });
    for (const h of [...edges, ...spread]) {
      expect(hex52(h)).toBe(h.toString(16).padStart(13, '0'));
      expect(parseHex52(hex52(h))).toBe(h);
    }
    expect(hex52(0)).toBe('');
  });
});

describe('a row\'s fingerprint', () => {
  it('is the same for the same cells, and changes with any cell, also when text moves between cells', () => {
    const cols = ['first_name', 'last_name', 'email'];
    const a = { first_name: 'Jürgen', last_name: 'Weiß', email: 'j.weiss@weiss-holzbau.at' };
    expect(rowFingerprint({ ...a }, cols)).toBe(rowFingerprint(a, cols));
    // A 52-bit number, written as 13 hex digits in the state.
    expect(Number.isSafeInteger(rowFingerprint(a, cols))).toBe(true);
    expect(hex52(rowFingerprint(a, cols))).toMatch(/^[0-9a-f]{13}$/);
    expect(parseHex52(hex52(rowFingerprint(a, cols)))).toBe(rowFingerprint(a, cols));
    expect(parseHex52('c84e66cf915eX')).toBeUndefined();
    expect(parseHex52('')).toBe(0);
    expect(rowFingerprint({ ...a, last_name: 'Weiss' }, cols)).not.toBe(rowFingerprint(a, cols));
    expect(rowFingerprint({ first_name: 'JürgenW', last_name: 'eiß', email: a.email }, cols)).not.toBe(rowFingerprint(a, cols));
    // A blank cell and a missing one are the same value.
    expect(rowFingerprint({ first_name: 'Jürgen', last_name: 'Weiß', email: '' }, cols)).toBe(rowFingerprint({ first_name: 'Jürgen', last_name: 'Weiß' }, cols));
  });

  it('is the same from the reader dedupe compiles for its columns, row after row', () => {
    const cols = ['record_id', 'first_name', 'last_name', 'email', 'phone'];
    const rows = [
      { record_id: 'a:1', first_name: 'Jürgen', last_name: 'Weiß', email: 'j.weiss@weiss-holzbau.at', phone: '+43 1 5123456' },
      { record_id: 'a:2', first_name: 'Ana', last_name: 'Núñez' },
      { record_id: 'a:3', first_name: '', last_name: 'Ng', email: 'ng@example.com', phone: '(212) 555-0143' },
    ];
    const fingerprint = rowFingerprinter(cols);
    for (const row of rows) expect(fingerprint(row)).toBe(rowFingerprint(row, cols));
    expect(new Set(rows.map(fingerprint)).size).toBe(3);
  });
});

describe('the state directory\'s side files', () => {
  it.runIf(process.platform === 'linux')('refuses a gone.csv in the state directory that is a link or a FIFO, and leaves the state as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-state-side-'));
    fs.writeFileSync(path.join(dir, 'leads.csv'), 'Vorname,Nachname,E-Mail\nJürgen,Weiß,j.weiss@weiss-holzbau.at\n');
    fs.writeFileSync(path.join(dir, 'p.yml'), 'inputs: [leads.csv]\nsteps:\n  - dedupe: {}\noutputs:\n  - export: { output: out.csv }\nstate: st\n');
    const first = await runCli(['run', path.join(dir, 'p.yml'), '--as-of', '2026-11-22', '-q']);
    expect(first.code, first.stderr).toBe(0);
    const meta = fs.readFileSync(path.join(dir, 'st', 'meta.json'), 'utf8');
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'not the state\n');
    fs.rmSync(path.join(dir, 'st', 'gone.csv'));
    fs.symlinkSync(outside, path.join(dir, 'st', 'gone.csv'));
    const second = await runCli(['run', path.join(dir, 'p.yml'), '--as-of', '2026-11-23', '-q']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/gone\.csv: not a regular file/);
    expect(fs.readFileSync(outside, 'utf8')).toBe('not the state\n');
    expect(fs.readFileSync(path.join(dir, 'st', 'meta.json'), 'utf8')).toBe(meta);
  });
});
