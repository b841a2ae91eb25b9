import { describe, expect, it } from 'vitest';
import { dedupe } from '../src/match/dedupe.js';
import { PairDecisions } from '../src/match/decisions.js';
import { Features } from '../src/match/features.js';
import { generate } from '../bench/dedupe/generate.mjs';
import type { Row } from '../src/table.js';

/** The cluster of each row as a set of record ids, to compare runs whatever the numbering. */
function partition(rows: readonly Row[], result: ReturnType<typeof dedupe>): Set<string> {
  const out = new Set<string>();
  for (const c of result.clusters) out.add(c.members.map((i) => rows[i].record_id).sort().join(' '));
  return out;
}

/** Settled rows from an earlier run: each unchanged row numbered by its cluster then. */
function settledFrom(rows: readonly Row[], earlier: ReturnType<typeof dedupe>, earlierRows: readonly Row[], changed: ReadonlySet<string>): Int32Array {
  const clusterOf = new Map<string, number>();
  earlierRows.forEach((r, i) => clusterOf.set(r.record_id, earlier.clusters.of(i)));
  return Int32Array.from(rows, (r) => (changed.has(r.record_id) ? -1 : clusterOf.get(r.record_id) ?? -1));
}

describe('dedupe with the rows the last night settled', () => {
  const { rows: all } = generate({ n: 4000, dupRate: 0.2, seed: 5 });
  const day1 = all.slice(0, 3600);
  const first = dedupe(day1);

  it('keeps every cluster of an unchanged list without scoring a pair', () => {
    const again = dedupe(day1, { settled: settledFrom(day1, first, day1, new Set()) });
    expect(partition(day1, again)).toEqual(partition(day1, first));
    expect(again.stats.blocking.candidatePairs).toBe(0);
  });

  it('matches new rows against the settled ones as a full run would, comparing far fewer pairs', () => {
    const settled = settledFrom(all, first, day1, new Set());
    const tonight = dedupe(all, { settled });
    const full = dedupe(all);
    const a = partition(all, tonight);
    const b = partition(all, full);
    // The learnt weights come from fewer pairs, so a few borderline decisions may differ.
    let same = 0;
    for (const c of a) if (b.has(c)) same++;
    expect(same / b.size).toBeGreaterThan(0.99);
    expect(tonight.stats.blocking.candidatePairs).toBeLessThan(full.stats.blocking.candidatePairs / 3);
    // A new record of a person the list had joins that person's cluster.
    const joined = all.slice(3600).filter((r, k) => {
      const c = tonight.clusters.of(3600 + k);
      return tonight.clusters.members(c).some((i) => i < 3600);
    });
    expect(joined.length).toBeGreaterThan(20);
  });

  it('matches a changed row again: an edited email can take it out of its cluster', () => {
    const multi = [...first.clusters].find((c) => c.members.length === 2 && c.members.every((i) => day1[i].email))!;
    const [keep, edit] = multi.members;
    const rows = day1.map((r) => ({ ...r }));
    // The edited record becomes someone else entirely.
    Object.assign(rows[edit], { first_name: 'Zacharias', last_name: 'Quendt', email: 'z.quendt@example.org', phone: '', mobile: '', street: 'Ringstraße 1', postal_code: '8010', city: 'Graz' });
    const settled = settledFrom(rows, first, day1, new Set([rows[edit].record_id]));
    const tonight = dedupe(rows, { settled });
    expect(tonight.clusters.of(keep)).not.toBe(tonight.clusters.of(edit));
  });

  it('a cannot-link decision parts two settled records, and only the named one leaves', () => {
    const trio = [...first.clusters].find((c) => c.members.length >= 3)!;
    const [a, b, c] = trio.members;
    const settled = settledFrom(day1, first, day1, new Set());
    const decisions = new PairDecisions();
    decisions.add({ a: day1[a].record_id, b: day1[b].record_id, decision: 'different', file: 'review.csv', line: 2 });
    const tonight = dedupe(day1, { settled, decisions });
    expect(tonight.clusters.of(a)).not.toBe(tonight.clusters.of(b));
    expect([tonight.clusters.of(a), tonight.clusters.of(b)]).toContain(tonight.clusters.of(c));
  });

  it('a night\'s cached normalised values give the features the rows give', () => {
    const compare = [{ field: 'birth_date', type: 'date' as const }];
    const rows: Row[] = [
      ...day1.slice(0, 500),
      { record_id: 'x:1', salutation: 'Frau', first_name: 'H. P.', last_name: 'von der Heide', email: 'Info@Heide-Bau.AT', phone: '0664 123 45 67', mobile: '+43 664 1234567', postal_code: 'A-8010', city: 'Graz', street: 'Herrengasse', house_number: '3a', company: 'Heide Bau Ges.m.b.H.', birth_date: '03.04.1971', country: 'Österreich' },
    ];
    const direct = new Features(rows.length, { compare });
    for (const r of rows) direct.add(r);
    const cached = new Features(rows.length, { compare });
    for (let i = 0; i < rows.length; i++) cached.addNormalised(direct.normalisedOf(i));
    for (const col of ['colFirst', 'colLast', 'colGender', 'colEmail', 'colPhone1', 'colPhone2', 'colPostal', 'colCity', 'colStreet', 'colCompany', 'colLegal'] as const) {
      expect(Array.from(cached[col].data.subarray(0, rows.length)), col).toEqual(Array.from(direct[col].data.subarray(0, rows.length)));
    }
    expect(cached.emailOwner).toEqual(direct.emailOwner);
    expect(cached.phoneOwner).toEqual(direct.phoneOwner);
    expect(cached.last.frequency(cached.colLast.data[0])).toBe(direct.last.frequency(direct.colLast.data[0]));
    expect(cached.normalisedOf(rows.length - 1)).toBe(direct.normalisedOf(rows.length - 1));
    expect(direct.normalisedOf(rows.length - 1).split('\t').slice(0, 5)).toEqual(['h p', 'von der heide', '2', 'info@heide-bau.at', expect.stringMatching(/^\+43/)]);
  });

  it('dedupe with every row\'s cached values clusters as from the rows', () => {
    const tonight = dedupe(day1, { normalised: (i) => first.normalisedOf(i) });
    expect(partition(day1, tonight)).toEqual(partition(day1, first));
  });
});

