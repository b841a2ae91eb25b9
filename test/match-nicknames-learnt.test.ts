import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from './helpers/run-cli.js';
import { candidatePairs } from '../src/match/blocking.js';
import { Features } from '../src/match/features.js';
import { learnNicknames } from '../src/match/learn-nicknames.js';
import type { Row } from '../src/table.js';

const GIVEN = ['Anna', 'Bernd', 'Carla', 'Dieter', 'Elke', 'Frank', 'Gisela', 'Heinz', 'Ilse', 'Jürgen', 'Karin', 'Lothar', 'Monika', 'Norbert', 'Olga', 'Paul', 'Renate', 'Stefan', 'Tanja', 'Uwe', 'Vera', 'Werner', 'Yvonne', 'Zoran'];
const SUR = ['Arndt', 'Brandt', 'Conrad', 'Dorn', 'Ebert', 'Fuchs', 'Gärtner', 'Haas', 'Iske', 'Jansen', 'Kühn', 'Lorenz', 'Mohr', 'Nagel', 'Ott', 'Pohl', 'Quast', 'Rieger'];
const CITIES: [string, string][] = [['10115', 'Berlin'], ['80331', 'München'], ['1010', 'Wien'], ['50667', 'Köln'], ['8010', 'Graz']];

/** A lead list of distinct people; every fourth has a second record with the same name and email, as most duplicates do. */
function filler(): Row[] {
  const rows: Row[] = [];
  for (let p = 0; p < GIVEN.length * SUR.length; p++) {
    const first = GIVEN[p % GIVEN.length];
    const last = SUR[Math.floor(p / GIVEN.length)];
    const [postal_code, city] = CITIES[p % CITIES.length];
    const email = `${first}.${last}${p}@web.de`.toLowerCase().replace('ü', 'ue').replace('ä', 'ae');
    const row = { record_id: `l:${p}`, first_name: first, last_name: last, email, postal_code, city };
    rows.push(row);
    if (p % 4 === 0) rows.push({ ...row, record_id: `l:${p}b`, city: city.toUpperCase() });
  }
  return rows;
}

/** Bavarian and Russian call names that the shipped nickname table does not know. */
function withCallNames(): Row[] {
  const pairs: [string, string, string, string][] = [
    ['Matthias', 'Hias', 'Huber', 'm.huber@gmx.de'],
    ['Matthias', 'Hias', 'Gruber', 'matthias.gruber@t-online.de'],
    ['Matthias', 'Hias', 'Moser', 'moser.m@web.de'],
    ['Nikolai', 'Kolja', 'Petrow', 'n.petrow@gmail.com'],
    ['Nikolai', 'Kolja', 'Iwanow', 'nikolai.iwanow@gmx.at'],
  ];
  const rows = filler();
  pairs.forEach(([full, call, last, email], k) => {
    rows.push({ record_id: `v:${k}`, first_name: full, last_name: last, email, postal_code: '83022', city: 'Rosenheim' });
    rows.push({ record_id: `m:${k}`, first_name: call, last_name: last, email, postal_code: '', city: '' });
  });
  // One couple sharing one address: a single household teaches nothing.
  rows.push({ record_id: 'v:h1', first_name: 'Thomas', last_name: 'Berger', email: 'berger.tb@gmx.de', postal_code: '4020', city: 'Linz' });
  rows.push({ record_id: 'v:h2', first_name: 'Brigitte', last_name: 'Berger', email: 'berger.tb@gmx.de', postal_code: '4020', city: 'Linz' });
  return rows;
}

function toCsv(rows: Row[]): string {
  const cols = ['record_id', 'first_name', 'last_name', 'email', 'postal_code', 'city'];
  return [cols.join(','), ...rows.map((r) => cols.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
}

function learn(rows: Row[]) {
  const f = new Features(rows.length);
  for (const r of rows) f.add(r);
  const c = candidatePairs(f, rows.length);
  return learnNicknames(f, rows.length, c.pairs, c.rowBits);
}

function clusters(csv: string): Map<string, string> {
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  const out = new Map<string, string>();
  for (const r of rows) for (const id of r.merged_ids.split(' ')) out.set(id, r.cluster_id);
  return out;
}

describe('nickname pairs learnt from shared personal emails', () => {
  it('learns call names that several people of the list show under their own email', () => {
    const learnt = learn(withCallNames());
    expect(learnt.map((l) => l.names)).toEqual([
      ['hias', 'matthias'],
      ['kolja', 'nikolai'],
    ]);
    expect(learnt[0].surnames).toBe(3);
  });

  it('learns nothing from one person, a couple or a list without such pairs', () => {
    const one = filler();
    one.push({ first_name: 'Matthias', last_name: 'Huber', email: 'm.huber@gmx.de' }, { first_name: 'Hias', last_name: 'Huber', email: 'm.huber@gmx.de' });
    expect(learn(one)).toEqual([]);
    expect(learn(filler())).toEqual([]);
    // Role and household addresses are nobody's: "info@" shared by Hias and Matthias teaches nothing.
    const role = filler();
    for (const last of ['Huber', 'Gruber', 'Moser']) {
      role.push({ first_name: 'Matthias', last_name: last, email: `info@${last.toLowerCase()}-bau.de` }, { first_name: 'Hias', last_name: last, email: `info@${last.toLowerCase()}-bau.de` });
    }
    expect(learn(role)).toEqual([]);
  });

  it('dedupe merges the call name with the full name, keeps the couple apart, and says what it learnt', async () => {
    const input = toCsv(withCallNames());
    const out = await runCli(['dedupe', '-q'], { stdin: input });
    expect(out.code).toBe(0);
    const c = clusters(out.stdout);
    for (let k = 0; k < 5; k++) expect(c.get(`m:${k}`)).toBe(c.get(`v:${k}`));
    expect(c.get('v:h1')).not.toBe(c.get('v:h2'));

    const explained = await runCli(['dedupe', '-q', '--explain', 'm:0'], { stdin: input });
    expect(explained.stdout).toContain('nicknames learnt from shared emails: hias = matthias, kolja = nikolai');
  });

  it('--save-model keeps the learnt pairs and --model uses them on the next list', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-nick-'));
    const file = path.join(dir, 'model.json');
    const saved = await runCli(['dedupe', '-q', '--save-model', file], { stdin: toCsv(withCallNames()) });
    expect(saved.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).nicknames).toEqual([
      ['hias', 'matthias'],
      ['kolja', 'nikolai'],
    ]);
    // Tomorrow's list has one Hias: alone it teaches nothing, the pinned model knows him.
    const tomorrow = filler();
    tomorrow.push({ record_id: 'n:1', first_name: 'Matthias', last_name: 'Wimmer', email: 'wimmer@gmx.de', postal_code: '94032', city: 'Passau' });
    tomorrow.push({ record_id: 'n:2', first_name: 'Hias', last_name: 'Wimmer', email: 'wimmer@gmx.de', postal_code: '94032', city: 'Passau' });
    const pinned = clusters((await runCli(['dedupe', '-q', '--model', file], { stdin: toCsv(tomorrow) })).stdout);
    expect(pinned.get('n:1')).toBe(pinned.get('n:2'));
    const fresh = clusters((await runCli(['dedupe', '-q'], { stdin: toCsv(tomorrow) })).stdout);
    expect(fresh.get('n:1')).not.toBe(fresh.get('n:2'));

    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), nicknames: [['hias']] }));
    const broken = await runCli(['dedupe', '-q', '--model', file], { stdin: toCsv(tomorrow) });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('nicknames must be a list of name pairs');
  });
});
