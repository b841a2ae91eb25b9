import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { candidatePairs } from '../src/match/blocking.js';
import { Features } from '../src/match/features.js';
import { learnModel } from '../src/match/learn.js';
import { DEFAULT_MODEL, bits } from '../src/match/model.js';
import { Scorer } from '../src/match/scorer.js';
import type { Row } from '../src/table.js';

const GIVEN = ['Anna', 'Bernd', 'Carla', 'Dieter', 'Elke', 'Frank', 'Gisela', 'Heinz', 'Ilse', 'Jürgen', 'Karin', 'Lothar', 'Monika', 'Norbert', 'Olga', 'Paul'];
const SUR = ['Arndt', 'Brandt', 'Conrad', 'Dorn', 'Ebert', 'Fuchs', 'Gärtner', 'Haas', 'Iske', 'Jansen', 'Kühn', 'Lorenz', 'Mohr', 'Nagel', 'Ott', 'Pohl'];

/**
 * A heavily garbled given name that keeps its initial ("Dieter" → "Dreeit"), as some exports show,
 * garbled differently for each person: one garbling seen again and again would be a nickname
 * (learn-nicknames.ts).
 */
const scramble = (name: string, p: number) => {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return name[0] + name.slice(1).split('').reverse().join('') + letters[p % 20] + letters[Math.floor(p / 20) % 20];
};

/** A list of distinct people; every third has a second record with the same personal email and, when `garble`, a garbled given name. */
function list(people: number, garble: boolean): Row[] {
  const rows: Row[] = [];
  for (let p = 0; p < people; p++) {
    const first = GIVEN[p % GIVEN.length];
    const last = `${SUR[Math.floor(p / GIVEN.length) % SUR.length]}${p >= GIVEN.length * SUR.length ? '-' + SUR[p % 7] : ''}`;
    const email = `${first}.${last}.${p}@example-mail.de`.toLowerCase();
    const row = { record_id: `r:${p}`, first_name: first, last_name: last, email, city: p % 2 ? 'Köln' : 'Graz' };
    rows.push(row);
    if (p % 3 === 0) rows.push({ ...row, record_id: `r:${p}b`, first_name: garble ? scramble(first, p) : first });
  }
  return rows;
}

function learn(rows: Row[]) {
  const f = new Features(rows.length);
  for (const r of rows) f.add(r);
  const c = candidatePairs(f, rows.length);
  return { f, learnt: learnModel(f, rows.length, c.pairs, c.rowBits) };
}

describe('weights learnt from the list', () => {
  it('learns from pairs tied by a personal email how often their given names differ', () => {
    const { learnt } = learn(list(1200, true));
    expect(learnt.anchorPairs).toBeGreaterThan(300);
    const differ = learnt.levels.find((l) => l.field === 'first_name' && l.level === 'differ')!;
    expect(differ.m).toBeGreaterThan(0.5);
    // Such a list shows different given names within one person's records: no longer a veto.
    expect(bits(learnt.model.first.differ)).toBeGreaterThan(DEFAULT_MODEL.vetoBits);
    expect(bits(DEFAULT_MODEL.first.differ)).toBeLessThanOrEqual(DEFAULT_MODEL.vetoBits);
  });

  it('keeps the veto on a list whose tied pairs agree on the given name', () => {
    const { f, learnt } = learn(list(1200, false));
    expect(bits(learnt.model.first.differ)).toBeLessThanOrEqual(DEFAULT_MODEL.vetoBits);
    // Two different people sharing nothing but a city stay apart.
    const s = new Scorer(f, learnt.model);
    expect(s.weight(0, 2)).toBeLessThan(0);
  });

  it('is deterministic and keeps the prior u on a small list', () => {
    const a = learn(list(1200, true)).learnt;
    const b = learn(list(1200, true)).learnt;
    expect(a.levels).toEqual(b.levels);
    const small = learn(list(30, true)).learnt;
    expect(small.randomPairs).toBe(0);
    expect(small.model.first.differ.u).toBe(DEFAULT_MODEL.first.differ.u);
  });
});

describe('dedupe --save-model / --model', () => {
  const csv = (rows: Row[]) => {
    const cols = ['record_id', 'first_name', 'last_name', 'email', 'city'];
    return [cols.join(','), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
  };

  it('writes the learnt weights, reuses them without learning, and refuses a broken file in one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-model-'));
    const file = path.join(dir, 'model.json');
    const input = csv(list(1200, true));
    const saved = await runCli(['dedupe', '-q', '--save-model', file], { stdin: input });
    expect(saved.code).toBe(0);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written.leadkit_model).toBe(1);
    expect(written.learnt.anchorPairs).toBeGreaterThan(300);
    expect(bits(written.model.first.differ)).toBeGreaterThan(DEFAULT_MODEL.vetoBits);

    // The pinned model scores the list exactly as the run that learnt it.
    const again = await runCli(['dedupe', '-q', '--model', file], { stdin: input });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(saved.stdout);

    fs.writeFileSync(file, JSON.stringify({ leadkit_model: 1, model: { ...written.model, first: { ...written.model.first, differ: { m: 'x', u: 0.9 } } } }));
    const broken = await runCli(['dedupe', '-q', '--model', file], { stdin: input });
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain('model.first.differ.m must be a number');

    // A file saved before the one_part date level existed still loads; the level takes its prior.
    const { onePart: _added, ...olderDate } = written.model.extra.date;
    fs.writeFileSync(file, JSON.stringify({ leadkit_model: 1, model: { ...written.model, extra: { ...written.model.extra, date: olderDate } } }));
    const older = await runCli(['dedupe', '-q', '--model', file], { stdin: input });
    expect(older.code).toBe(0);
    expect(older.stdout).toBe(saved.stdout);
  });
});
