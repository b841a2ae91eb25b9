import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { candidatePairs } from '../src/match/blocking.js';
import { comparisonTable, isMu, levelWeights } from '../src/match/comparison-table.js';
import { Features } from '../src/match/features.js';
import { learnModel } from '../src/match/learn.js';
import { DEFAULT_MODEL, bits, type Model } from '../src/match/model.js';
import { modelTable } from '../src/match/model-table.js';
import { Scorer } from '../src/match/scorer.js';
import type { Row } from '../src/table.js';

const BIRTH = { field: 'birth_date', type: 'date' } as const;
const VAT = { field: 'vat_id', type: 'exact' } as const;

function scorerOf(rows: Row[], compare: { field: string; type: 'date' | 'exact' }[] = [], model: Model = DEFAULT_MODEL) {
  const f = new Features(rows.length, { compare });
  for (const r of rows) f.add(r);
  return { f, scorer: new Scorer(f, model) };
}

describe('the comparison table', () => {
  it('names a model entry for every level: a fixed m/u or a term frequency', () => {
    for (const c of comparisonTable([BIRTH, VAT, { field: 'notes', type: 'text' }])) {
      expect(c.levels.length).toBeGreaterThan(0);
      for (const l of c.levels) {
        const w = levelWeights(DEFAULT_MODEL, l);
        if (isMu(w)) expect(w.m > 0 && w.u > 0).toBe(true);
        else expect(w.uMin).toBeLessThan(w.uMax);
      }
    }
  });

  it('puts --compare columns between the contact fields and organisation and place', () => {
    const fields = comparisonTable([BIRTH, VAT]).map((c) => c.field);
    expect(fields).toEqual(['first_name', 'last_name', 'salutation', 'email', 'phone', 'birth_date', 'vat_id', 'location', 'street', 'company', 'company_legal_form']);
  });

  it('every level the scorer reports is a level of its row in the table', () => {
    const rows: Row[] = [
      { first_name: 'Jürgen', last_name: 'Weiß', salutation: 'Herr', email: 'j.weiss@weiss-bau.at', phone: '+43 1 5321234', company: 'Weiß Bau GmbH', postal_code: '1010', city: 'Wien', street: 'Graben 12', birth_date: '1971-04-03', vat_id: 'ATU12345678' },
      { first_name: 'Juergen', last_name: 'Weiss', salutation: 'Hr.', email: 'juergen.weiss@gmx.at', phone: '+43 1 5321299', company: 'Weiss Bau Ges.m.b.H.', postal_code: '1010', city: 'Wien', street: 'Graben 12', birth_date: '1971-03-04', vat_id: 'ATU 123 456 78' },
      { first_name: 'Weiß', last_name: 'Jürgen', salutation: 'Frau', email: 'office@weiss-bau.at', phone: '+43 1 5321234', company: 'Autohaus Weiß KG', postal_code: '8010', city: 'Graz', street: 'Herrengasse 3', birth_date: '1980-01-01' },
    ];
    const { scorer } = scorerOf(rows, [BIRTH, VAT]);
    const levelsOf = new Map(scorer.table.map((c) => [c.field, new Set(c.levels.map((l) => l.level))]));
    let seen = 0;
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) {
      for (const fc of scorer.explain(a, b).fields) {
        if (fc.level === 'capped' || fc.level === 'family_name') continue;
        expect(levelsOf.get(fc.field), `${fc.field}=${fc.level}`).toContain(fc.level);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(15);
  });

  it('scores a pair with the weights of the model it is given: changing one level changes that field only', () => {
    const rows: Row[] = [
      { first_name: 'Anna', last_name: 'Kowalczyk', email: 'anna.k@example.org', city: 'Köln' },
      { first_name: 'Anna', last_name: 'Kowalczyk', email: 'a.kowalczyk@example.net', city: 'Köln' },
    ];
    const before = scorerOf(rows).scorer.explain(0, 1);
    const model = structuredClone(DEFAULT_MODEL);
    model.email.differ = { m: 0.5, u: 0.5 };
    const after = scorerOf(rows, [], model).scorer.explain(0, 1);
    const email = (p: typeof before) => p.fields.find((x) => x.field === 'email')!;
    expect(email(before).weight).toBeCloseTo(bits(DEFAULT_MODEL.email.differ), 6);
    expect(email(after).weight).toBe(0);
    expect(after.weight - before.weight).toBeCloseTo(-bits(DEFAULT_MODEL.email.differ), 6);
  });

  it('learns exactly the levels the table marks, in its order; the date levels only from a birth date', () => {
    const rows: Row[] = [];
    for (let p = 0; p < 300; p++) {
      const row = { record_id: `r:${p}`, first_name: ['Anna', 'Bernd', 'Carla', 'Dieter', 'Elke'][p % 5], last_name: `Nagel${p}`, email: `p${p}@mail-${p}.de`, birth_date: `19${50 + (p % 40)}-0${1 + (p % 9)}-1${p % 10}`, city: 'Linz' };
      rows.push(row);
      if (p % 3 === 0) rows.push({ ...row, record_id: `r:${p}b` });
    }
    const learnt = (compare: { field: string; type: 'date' }[]) => {
      const f = new Features(rows.length, { compare });
      for (const r of rows) f.add(r);
      const c = candidatePairs(f, rows.length);
      return learnModel(f, rows.length, c.pairs, c.rowBits);
    };
    const marked = (compare: { field: string; type: 'date' }[]) => comparisonTable(compare).flatMap((c) => c.levels.filter((l) => l.learn).map((l) => `${c.field}:${l.level}`));
    expect(learnt([BIRTH]).levels.map((l) => `${l.field}:${l.level}`)).toEqual(marked([BIRTH]));
    expect(marked([BIRTH])).toContain('birth_date:one_part');
    // A signup date shares the date weights but does not teach them.
    expect(marked([{ field: 'signup_date', type: 'date' }]).some((x) => x.startsWith('signup_date'))).toBe(false);
  });

  it('prints the weights per level, learnt ones with their prior', () => {
    const rows: Row[] = [{ first_name: 'Eva', last_name: 'Huber', city: 'Salzburg' }, { first_name: 'Eva', last_name: 'Huber', city: 'Salzburg' }];
    const { scorer } = scorerOf(rows);
    const table = modelTable(scorer.table, DEFAULT_MODEL);
    const nickname = table.find((r) => r.field === 'first_name')!.levels.find((l) => l.level === 'nickname')!;
    expect(nickname.bits).toBeCloseTo(bits(DEFAULT_MODEL.first.nickname), 5);
    const exact = table.find((r) => r.field === 'last_name')!.levels.find((l) => l.level === 'exact')!;
    expect(exact.bits).toEqual([expect.closeTo(Math.log2(0.9 / 0.2), 5), expect.closeTo(Math.log2(0.9 / 0.0002), 5)]);
  });
});

describe('dedupe --explain and --save-model show the table', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-table-'));
  const csv = path.join(dir, 'leads.csv');
  fs.writeFileSync(
    csv,
    'Kunden-Nr,Vorname,Nachname,E-Mail,PLZ,Ort,Geburtsdatum\n' +
      'K1,Jürgen,Weiß,j.weiss@weiss-bau.at,1010,Wien,03.04.1971\n' +
      'K2,Juergen,Weiss,j.weiss@weiss-bau.at,1010,Wien,1971-04-03\n' +
      'K3,Eva,Huber,eva.huber@gmx.at,5020,Salzburg,1984-11-30\n',
  );

  it('--explain lists every compared field with its levels and weights', async () => {
    const imported = path.join(dir, 'imported.csv');
    expect((await runCli(['import', csv, '-o', imported])).code).toBe(0);
    const r = await runCli(['dedupe', imported, '--explain', 'leads:1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/birth_date \(date\):/);
    expect(r.stdout).toMatch(/first_name \(given_name\):/);
    expect(r.stdout).toMatch(/\n\s+nickname\s+0\.040\s+0\.003\s+\+4\.0/);
    expect(r.stdout).toMatch(/caps: names 15 bits/);
  });

  it('--save-model writes the same table beside the model, and the file still loads', async () => {
    const imported = path.join(dir, 'imported.csv');
    const model = path.join(dir, 'model.json');
    expect((await runCli(['dedupe', imported, '--save-model', model, '-o', path.join(dir, 'out.csv')])).code).toBe(0);
    const json = JSON.parse(fs.readFileSync(model, 'utf8'));
    expect(json.comparisons.map((c: { field: string }) => c.field)).toContain('birth_date');
    const date = json.comparisons.find((c: { field: string }) => c.field === 'birth_date');
    expect(date.levels.map((l: { level: string }) => l.level)).toEqual(['exact', 'transposed', 'one_digit', 'one_part', 'same_year', 'differ']);
    expect((await runCli(['dedupe', imported, '--model', model, '-o', path.join(dir, 'out2.csv')])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out2.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));
  });
});
