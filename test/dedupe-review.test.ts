/**
 * Issue #14: stable cluster ids, the review file and the analyst's decisions (dedupe, run, match),
 * "why not" in --explain, and the narrow_merges / review_pairs / decisions_applied metrics.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';
import { dedupe, PairDecisions, parseDecision, REVIEW_COLUMNS, type DecisionEntry } from '../src/match/index.js';
import { assignClusterIds, clusterIdFor, idHash } from '../src/match/cluster-id.js';
import { evaluateThreshold } from '../src/report/thresholds.js';
import type { RunSummary } from '../src/report/summary.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-review-'));

function records(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

function csv(header: string[], rows: string[][]): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

const HEADER = ['record_id', 'salutation', 'first_name', 'last_name', 'company', 'email', 'phone', 'street', 'postal_code', 'city'];

/**
 * A German vendor list with two borderline pairs:
 *   v:1 / v:2  Thomas Müller and "T. Mueller" at Müller GmbH, Berlin: merged, but less than 2 bits
 *              above the threshold (a narrow merge)
 *   v:6 / v:7  Stefan Becker and "S. Becker" at Becker Bau GmbH, Köln, with a gmx address and a
 *              mobile number of his own: below the threshold, above the review threshold
 * and a clear duplicate (v:4 / v:5), a colleague (v:3) and a single record (v:8).
 */
const PEOPLE: string[][] = [
  ['v:1', 'Herr', 'Thomas', 'Müller', 'Müller GmbH', 'thomas.mueller@mueller-gmbh.de', '+49 30 5550100', 'Friedrichstraße 10', '10117', 'Berlin'],
  ['v:2', '', 'T.', 'Mueller', 'Müller GmbH', '', '', '', '', 'Berlin'],
  ['v:3', 'Frau', 'Anna', 'Müller', 'Müller GmbH', 'a.mueller@mueller-gmbh.de', '+49 30 5550100', 'Friedrichstraße 10', '10117', 'Berlin'],
  ['v:4', 'Frau', 'Sabine', 'Schmidt', 'Schmidt & Partner KG', 's.schmidt@schmidt-partner.de', '+49 89 4443322', 'Leopoldstraße 8', '80802', 'München'],
  ['v:5', 'Frau', 'Sabine', 'Schmidt', 'Schmidt und Partner KG', 'sabine.schmidt@web.de', '089 4443322', 'Leopoldstr. 8', '80802', 'München'],
  ['v:6', 'Herr', 'Stefan', 'Becker', 'Becker Bau GmbH', 's.becker@becker-bau.de', '+49 221 987654', 'Ringstraße 1', '50667', 'Köln'],
  ['v:7', '', 'S.', 'Becker', 'Becker Bau GmbH', 'stefan.becker@gmx.de', '0171 2345678', '', '', 'Köln'],
  ['v:8', 'Herr', 'Jürgen', 'Weber', 'Weber Elektro e.K.', 'info@weber-elektro.de', '0351 123456', 'Bautzner Str. 3', '01099', 'Dresden'],
];
const INPUT = csv(HEADER, PEOPLE);
const ROWS = records(INPUT);

/** A seeded permutation (the same shuffles on every run). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** record_id → cluster_id of a deduped list (flag mode keeps every row). */
function idsOf(rows: Row[], options = {}): Map<string, string> {
  const r = dedupe(rows, options);
  return new Map(rows.map((row, i) => [row.record_id, r.clusters.id(r.clusters.of(i))]));
}

function decisions(...pairs: [string, string, 'same' | 'different'][]): PairDecisions {
  const d = new PairDecisions();
  pairs.forEach(([a, b, decision], k) => d.add({ a, b, decision, file: 'decisions.csv', line: k + 2 }));
  return d;
}

describe('stable cluster ids', () => {
  it('are c- and ten base32 characters of a hash of the smallest member record_id', () => {
    const ids = idsOf(ROWS);
    expect(ids.get('v:1')).toBe(clusterIdFor('v:1'));
    expect(ids.get('v:2')).toBe(clusterIdFor('v:1'));
    expect(ids.get('v:5')).toBe(clusterIdFor('v:4'));
    expect(ids.get('v:8')).toBe(clusterIdFor('v:8'));
    for (const id of ids.values()) expect(id).toMatch(/^c-[0-9a-hjkmnp-tv-z]{10}$/);
    expect(new Set(ids.values()).size).toBe(6);
    expect(idHash('v:1')).toHaveLength(13);
  });

  it('are the same on a rerun, in any input order, and whichever member survives', () => {
    const want = idsOf(ROWS);
    expect(idsOf(ROWS)).toEqual(want);
    for (const seed of [1, 2, 3, 42, 1234]) expect(idsOf(shuffled(ROWS, seed)), `seed ${seed}`).toEqual(want);
    expect(idsOf(ROWS, { prefer: 'newest' })).toEqual(want);
    expect(idsOf([...ROWS].reverse(), { prefer: 'source:vendor' })).toEqual(want);
  });

  it('are the same in the merged output, the flagged rows and the merge map', async () => {
    const merged = records((await runCli(['dedupe', '-q'], { stdin: INPUT })).stdout);
    const flagged = records((await runCli(['dedupe', '--mode', 'flag', '-q'], { stdin: csv(HEADER, shuffled(PEOPLE, 7)) })).stdout);
    const want = idsOf(ROWS);
    for (const r of merged) expect(r.cluster_id).toBe(want.get(r.record_id));
    for (const r of flagged) expect(r.cluster_id).toBe(want.get(r.record_id));
  });

  it('rows without a record_id are named by position, #1, #2, …', () => {
    const rows = ROWS.map(({ record_id: _, ...rest }) => rest);
    const r = dedupe(rows);
    expect(r.clusters.id(r.clusters.of(0))).toBe(clusterIdFor('#1'));
    expect(r.clusters.id(r.clusters.of(7))).toBe(clusterIdFor('#8'));
  });

  it('stay unique when two clusters are named after the same record_id', () => {
    const twice: Row[] = [
      { record_id: 'x:1', first_name: 'Anna', last_name: 'Kowalczyk', city: 'Köln' },
      { record_id: 'x:1', first_name: 'Bernd', last_name: 'Lehmann', city: 'Kiel' },
    ];
    const r = dedupe(twice);
    // Rows with one record_id can only be told apart by position: the first keeps the short id.
    expect([r.clusters.id(0), r.clusters.id(1)]).toEqual([clusterIdFor('x:1'), clusterIdFor('x:1', 12)]);
  });

  it('resolve clashes with longer hashes, then a suffix', () => {
    const ids = assignClusterIds(5, () => 'same', (c) => String(c));
    expect(ids).toEqual([clusterIdFor('same'), clusterIdFor('same', 12), clusterIdFor('same', 13), `${clusterIdFor('same', 13)}-2`, `${clusterIdFor('same', 13)}-3`]);
  });
});

describe('dedupe --review', () => {
  it('writes the borderline pairs of a German list side by side, with an empty decision column', async () => {
    const dir = tmp();
    const file = path.join(dir, 'review.csv');
    const r = await runCli(['dedupe', '--review', file, '-o', path.join(dir, 'out.csv')], { stdin: INPUT });
    expect(r.code).toBe(0);
    // The estimates (dedupe-estimates.test.ts) sit after the threshold; a list of 8 gives too few pairs for completeness.
    expect(r.stderr).toMatch(/^dedupe: 8 in = 6 out \+ 2 merged; 2 clusters with duplicates \(largest 2\); threshold 0\.9; match rate [\d.]+% estimated, 50\.0% realised; pair completeness: not estimable \(\d+ merged pairs? shares? an email, phone or identifier; needs 20\); 1 narrow merge \(< 2 bits above the threshold\); 2 pairs to review → /);
    expect(r.stderr.endsWith(`${file}\n`)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(REVIEW_COLUMNS.join(','));
    expect(text.split('\n')[0]).toBe(
      'record_id_a,record_id_b,match_score,match_weight,decision,review_reason,merged,a_first_name,b_first_name,a_last_name,b_last_name,a_company,b_company,a_email,b_email,a_phone,b_phone,a_postal_code,b_postal_code,a_city,b_city,a_birth_date,b_birth_date,evidence',
    );
    const rows = records(text);
    expect(rows).toHaveLength(2);
    const [thomas, stefan] = rows;
    expect(thomas).toMatchObject({
      record_id_a: 'v:1',
      record_id_b: 'v:2',
      decision: '',
      review_reason: 'narrow_merge',
      merged: 'yes',
      a_first_name: 'Thomas',
      b_first_name: 'T.',
      a_last_name: 'Müller',
      b_last_name: 'Mueller',
      a_company: 'Müller GmbH',
      b_company: 'Müller GmbH',
      a_email: 'thomas.mueller@mueller-gmbh.de',
      b_email: '',
      a_city: 'Berlin',
      b_city: 'Berlin',
    });
    const w = Number(thomas.match_weight);
    expect(w).toBeGreaterThanOrEqual(16.2);
    expect(w).toBeLessThan(16.2 + 2);
    expect(thomas.evidence).toMatch(/^first_name=initial \+\d+\.\d; last_name=family_name \+2\.0; .*company=exact \+/);
    expect(stefan).toMatchObject({ record_id_a: 'v:6', record_id_b: 'v:7', review_reason: 'below_threshold', merged: 'no', b_email: 'stefan.becker@gmx.de' });
    expect(Number(stefan.match_score)).toBeGreaterThanOrEqual(0.5);
    expect(Number(stefan.match_score)).toBeLessThan(0.9);
    expect(stefan.evidence).toContain('email=differ -1.5');
  });

  it('--review-threshold moves the lower bound; it must stay below --threshold', async () => {
    const dir = tmp();
    const file = path.join(dir, 'review.csv');
    const r = await runCli(['dedupe', '--review', file, '--review-threshold', '0.85', '-q'], { stdin: INPUT });
    expect(r.code).toBe(0);
    expect(records(fs.readFileSync(file, 'utf8')).map((x) => x.review_reason)).toEqual(['narrow_merge']);
    const bad = await runCli(['dedupe', '--review', file, '--review-threshold', '0.95'], { stdin: INPUT });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--review-threshold 0.95 must be below --threshold 0.9/);
    const explain = await runCli(['dedupe', '--explain', 'v:1', '--review', file], { stdin: INPUT });
    expect(explain.code).toBe(2);
    expect(explain.stderr).toMatch(/leave out --review/);
  });

  it('collects nothing without --review, and the result is the same', () => {
    const plain = dedupe(ROWS);
    const reviewed = dedupe(ROWS, { review: true });
    expect(plain.stats.reviewPairs).toBeUndefined();
    expect(plain.review()).toEqual([]);
    expect(reviewed.stats.reviewPairs).toBe(2);
    expect([...reviewed.survivors()]).toEqual([...plain.survivors()]);
    expect(plain.stats.narrowMerges).toBe(1);
  });
});

/** The review file of INPUT with the decisions filled in. */
async function filledReview(dir: string, fill: Record<string, string>): Promise<string> {
  const file = path.join(dir, 'review.csv');
  await runCli(['dedupe', '--review', file, '-q'], { stdin: INPUT });
  const rows = records(fs.readFileSync(file, 'utf8')).map((r) => ({ ...r, decision: fill[`${r.record_id_a} ${r.record_id_b}`] ?? '' }));
  const out = path.join(dir, 'decided.csv');
  fs.writeFileSync(out, csv([...REVIEW_COLUMNS], rows.map((r) => REVIEW_COLUMNS.map((c) => r[c]))));
  return out;
}

describe('dedupe --decisions', () => {
  it('a filled-in review file: same merges a pair below the threshold, different splits a merged one', async () => {
    const dir = tmp();
    const decided = await filledReview(dir, { 'v:1 v:2': 'Different', 'v:6 v:7': 'same' });
    const review2 = path.join(dir, 'review-2.csv');
    const report = path.join(dir, 'merges.csv');
    const r = await runCli(['dedupe', '--decisions', decided, '--review', review2, '--report', report], { stdin: INPUT });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^dedupe: 8 in = 6 out \+ 2 merged; 2 clusters with duplicates \(largest 2\); threshold 0\.9; match rate [\d.]+% estimated, 50\.0% realised; pair completeness: not estimable \([^)]*\); 0 pairs to review → /);
    expect(r.stderr.endsWith(`${review2}; decisions: 2 applied; merge map → ${report}\n`)).toBe(true);
    const out = records(r.stdout);
    expect(out.map((x) => x.merged_ids)).toEqual(['v:1', 'v:2', 'v:3', 'v:4;v:5', 'v:6;v:7', 'v:8']);
    // Decided pairs are not asked again.
    expect(records(fs.readFileSync(review2, 'utf8'))).toEqual([]);
    const map = records(fs.readFileSync(report, 'utf8'));
    expect(map.find((x) => x.record_id === 'v:7')).toMatchObject({ matched_with: 'v:6', cluster_id: clusterIdFor('v:6') });
    expect(map.find((x) => x.record_id === 'v:7')?.match_reason).toMatch(/^decision=same; /);
  });

  it('reads any table with record_id_a, record_id_b, decision; values in any case; unknown records are counted and ignored', async () => {
    const dir = tmp();
    const file = path.join(dir, 'd.csv');
    fs.writeFileSync(file, 'Decision;Record_ID_A;record_id_b;note\nYES;v:7;v:6;checked by phone\nno match;v:2;v:1;\n;v:3;v:1;not sure yet\nja;x:1;x:2;\nNO_MATCH;v:4;crm:99;\n');
    const r = await runCli(['dedupe', '--decisions', file], { stdin: INPUT });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/; decisions: 2 applied, 2 ignored \(records not in the input\)\n$/);
    expect(records(r.stdout).map((x) => x.merged_ids)).toEqual(['v:1', 'v:2', 'v:3', 'v:4;v:5', 'v:6;v:7', 'v:8']);
  });

  it.each([
    ['record_id_a,record_id_b,decision\nv:1,v:2,same\nv:6,v:7,maybe\n', /d\.csv:3: decision "maybe" is not one of same, different/],
    ['record_id_a,record_id_b,decision\nv:1,,same\n', /d\.csv:2: decision "same" needs both record_id_a and record_id_b/],
    ['a,b,decision\nv:1,v:2,same\n', /d\.csv: a decisions file needs the columns record_id_a, record_id_b, decision \(missing: record_id_a, record_id_b\)/],
  ])('a file it cannot read stops with one line naming the file and line (%#)', async (text, message) => {
    const dir = tmp();
    const file = path.join(dir, 'd.csv');
    fs.writeFileSync(file, text);
    const r = await runCli(['dedupe', '--decisions', file], { stdin: INPUT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('values: same/yes/match and different/no/no_match, case-insensitive; blank is undecided', () => {
    for (const v of ['same', 'SAME', 'Yes', 'match', 'ja']) expect(parseDecision(v), v).toBe('same');
    for (const v of ['different', 'No', 'no_match', 'No Match', 'no-match', 'nein']) expect(parseDecision(v), v).toBe('different');
    expect(parseDecision('  ')).toBe('');
    expect(parseDecision('vielleicht')).toBeUndefined();
  });

  /** A ~ B ~ C: A and B share the email, B and C the mobile; A and C only name and company. */
  const CHAIN: Row[] = [
    { record_id: 'k:a', first_name: 'Thomas', last_name: 'Kowalczyk', company: 'Kowalczyk Logistik GmbH', email: 'tk@kowalczyk-logistik.de', phone: '+49 40 1112233', postal_code: '20095', city: 'Hamburg' },
    { record_id: 'k:b', first_name: 'Thomas', last_name: 'Kowalczyk', company: 'Kowalczyk Logistik GmbH', email: 'tk@kowalczyk-logistik.de', phone: '0171 9998877', postal_code: '20095', city: 'Hamburg' },
    { record_id: 'k:c', first_name: 'Thomas', last_name: 'Kowalczyk', company: 'Kowalczyk Logistik', email: 'thomas.k@gmail.com', phone: '+49 171 9998877', postal_code: '20095', city: 'Hamburg' },
  ];
  const together = (r: ReturnType<typeof dedupe>, a: number, b: number) => r.clusters.of(a) === r.clusters.of(b);

  it('cannot-link holds transitively: A ~ B ~ C with A different C never ends in one cluster', () => {
    const plain = dedupe(CHAIN);
    expect(plain.stats.clusters).toBe(1);
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0]]) {
      const rows = order.map((i) => CHAIN[i]);
      const r = dedupe(rows, { decisions: decisions(['k:a', 'k:c', 'different']) });
      const at = (id: string) => rows.findIndex((x) => x.record_id === id);
      expect(together(r, at('k:a'), at('k:c')), order.join()).toBe(false);
      expect(r.stats.clusters).toBe(2);
      expect(r.stats.clustering.refusedDecision).toBeGreaterThan(0);
    }
    // The explanation says why.
    const r = dedupe(CHAIN, { decisions: decisions(['k:a', 'k:c', 'different']) });
    const c = r.explain('k:c');
    const other = c?.members.includes('k:b') ? 'k:a' : 'k:b';
    const why = c?.candidates?.find((x) => x.otherId === other);
    expect(why?.reason).toBe('decision');
    expect(why?.detail).toMatch(/decided different \(decisions\.csv:2\)/);
  });

  it('must-link merges whatever the score, and contradicting decisions stop with both lines', () => {
    const apart: Row[] = [CHAIN[0], { ...CHAIN[2], first_name: 'T.', company: '', postal_code: '', email: 'thomas.k@gmail.com' }];
    expect(dedupe(apart).stats.clusters).toBe(2);
    const r = dedupe(apart, { decisions: decisions(['k:c', 'k:a', 'same']) });
    expect(r.stats.clusters).toBe(1);
    expect(r.stats.clustering.decidedMerges).toBe(1);
    expect(r.explain('k:c')?.linkDecided).toBe(true);
    const contradict = decisions(['k:a', 'k:b', 'same'], ['k:b', 'k:c', 'same'], ['k:a', 'k:c', 'different']);
    expect(() => dedupe(CHAIN, { decisions: contradict })).toThrow(/k:b same k:c would put k:a and k:c into one cluster, but decisions\.csv:4 decided them different/);
  });

  it('a later decision on the same pair wins', () => {
    const d = new PairDecisions();
    const e = (decision: 'same' | 'different', line: number): DecisionEntry => ({ a: 'v:6', b: 'v:7', decision, file: 'd.csv', line });
    d.add(e('same', 2));
    d.add({ ...e('different', 9), a: 'v:7', b: 'v:6' });
    expect(d.size).toBe(1);
    expect(d.get('v:6', 'v:7')?.decision).toBe('different');
  });
});

describe('dedupe --explain: why not', () => {
  it('lists the nearest candidates outside the cluster with the reason and the evidence', async () => {
    const r = await runCli(['dedupe', '--explain', 'v:7'], { stdin: INPUT });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`record v:7: cluster ${clusterIdFor('v:7')}, no duplicates`);
    expect(lines[3]).toBe('not merged with (1 record outside its cluster that blocking compared it with):');
    expect(lines[4]).toMatch(new RegExp(`^  v:6 \\(cluster ${clusterIdFor('v:6')}\\): below threshold: 14\\.\\d of 16\\.2 bits \\(1\\.\\d short\\)$`));
    expect(lines[5]).toMatch(/^ {4}v:7 vs v:6: weight 14\.\d bits, score 0\.\d{3}$/);
    expect(r.stdout).toMatch(/ {6}first_name +initial +\+\d\.\d +"s" \/ "stefan"/);
    expect(r.stdout).toMatch(/ {6}email +differ +-1\.5/);
  });

  it('names the conflict and the anti-chaining guard', () => {
    const base = { company: 'Müller Holzbau GmbH', phone: '+49 30 1234560', street: 'Hauptstraße 12', postal_code: '10115', city: 'Berlin', email: 'mueller@mueller-holzbau.de', last_name: 'Müller' };
    const rows: Row[] = [
      { ...base, record_id: 'c:1', first_name: 'Thomas' },
      { ...base, record_id: 'c:2', first_name: 'T.' },
      { ...base, record_id: 'c:3', first_name: 'Tobias' },
    ];
    const e = dedupe(rows).explain('c:3');
    expect(e?.members).toEqual(['c:3']);
    const byId = new Map(e?.candidates?.map((c) => [c.otherId, c]));
    expect(byId.get('c:1')).toMatchObject({ reason: 'conflict', detail: 'conflict: first_name differs', conflict: true });
    expect(byId.get('c:2')).toMatchObject({ reason: 'guard', detail: 'anti-chaining guard: c:3 (this cluster) and c:1 (the other): conflict: first_name differs' });
    expect(byId.get('c:2')?.weight).toBeGreaterThan(16.2);
    expect(e?.compared).toBe(2);
  });

  it('shows at most five candidates, the best first', () => {
    const rows: Row[] = Array.from({ length: 9 }, (_, k) => ({ record_id: `m:${k}`, first_name: ['Thomas', 'Anna', 'Petra', 'Jürgen', 'Karl', 'Laura', 'Uwe', 'Ina', 'Olaf'][k], last_name: 'Müller', company: 'Müller Holzbau GmbH', postal_code: '10115', city: 'Berlin' }));
    const e = dedupe(rows).explain('m:0');
    expect(e?.compared).toBe(8);
    expect(e?.candidates).toHaveLength(5);
    const w = e?.candidates?.map((c) => c.weight) ?? [];
    expect([...w].sort((a, b) => b - a)).toEqual(w);
  });
});

describe('decisions and metrics in leadkit run and match', () => {
  /** The same list without record_id: import names the rows leads:1 … leads:8. */
  const LEADS = csv(HEADER.slice(1), PEOPLE.map((p) => p.slice(1)));

  it('honours dedupe decisions in a pipeline and reports narrow_merges, review_pairs, decisions_applied', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'leads.csv'), LEADS);
    fs.writeFileSync(path.join(dir, 'decided.csv'), 'record_id_a,record_id_b,decision\nleads:1,leads:2,different\nleads:6,leads:7,same\nleads:4,gone:1,same\n');
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - dedupe: { decisions: decided.csv, review: out/review.csv }\noutputs:\n  - export: { output: out/leads.csv, columns: "record_id,merged_ids,cluster_id" }\nsummary_json: out/summary.json\nreport: out/report.html\n');
    const r = await runCli(['run', pipeline, '-q', '--fail-if', 'narrow_merges>0']);
    expect(r.code).toBe(0);
    const out = records(fs.readFileSync(path.join(dir, 'out/leads.csv'), 'utf8'));
    expect(out.map((x) => x.merged_ids)).toEqual(['leads:1', 'leads:2', 'leads:3', 'leads:4;leads:5', 'leads:6;leads:7', 'leads:8']);
    expect(out[4].cluster_id).toBe(clusterIdFor('leads:6'));
    expect(records(fs.readFileSync(path.join(dir, 'out/review.csv'), 'utf8'))).toEqual([]);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(summary.dedupe).toMatchObject({ narrow_merges: 0, review_pairs: 0, decisions_applied: 2, realised_match_rate: 0.5 });
    expect(summary.thresholds).toMatchObject([{ metric: 'narrow_merges', value: 0, tripped: false }]);
    expect(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('Matching: 0 narrow merges (less than 2 bits above the threshold); 0 pairs for review; 2 decisions applied; match rate ');
  });

  it('--fail-if narrow_merges>0 trips on a narrow merge; review_pairs needs a review file', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'leads.csv'), LEADS);
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - dedupe: { review: review.csv }\noutputs:\n  - export: { output: out.csv }\nsummary_json: summary.json\n');
    const r = await runCli(['run', pipeline, '-q', '--fail-if', 'narrow_merges>0', '--fail-if', 'review_pairs>=2']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--fail-if tripped: narrow_merges is 1 \(fail if > 0\); review_pairs is 2 \(fail if >= 2\); no output file was replaced/);
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'review.csv'))).toBe(false);
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary).dedupe).toMatchObject({ narrow_merges: 1, review_pairs: 2, decisions_applied: 0 });

    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - dedupe: {}\noutputs:\n  - export: { output: out.csv }\n');
    const noReview = await runCli(['run', pipeline, '-q', '--fail-if', 'review_pairs>0']);
    expect(noReview.code).toBe(2);
    expect(noReview.stderr).toMatch(/review_pairs needs a dedupe step with review: FILE/);
  });

  it('the metrics are errors, not zeros, in a run without a dedupe step', () => {
    const summary = { steps: [], inputs: [], funnel: [], columns: [], rows: 0, seconds: 0, grades: {}, temperatures: {}, stages: {} } as unknown as RunSummary;
    expect(() => evaluateThreshold('narrow_merges>0', summary)).toThrow(/narrow_merges needs a dedupe step/);
    expect(() => evaluateThreshold('decisions_applied<1', summary)).toThrow(/decisions_applied needs a dedupe or match step/);
    expect(evaluateThreshold('narrow_merges>0', { ...summary, dedupe: { narrow_merges: 3 } })).toMatchObject({ value: 3, tripped: true });
  });

  it('match: a pair decided different is never linked, one decided the same always is', async () => {
    const dir = tmp();
    const crm = path.join(dir, 'crm.csv');
    fs.writeFileSync(crm, csv(HEADER, [PEOPLE[0], PEOPLE[5]]));
    // Tom is found in the CRM on his score; Stefan with his gmx address and mobile is not.
    const input = csv(HEADER, [
      ['in:1', 'Herr', 'Thomas', 'Müller', 'Müller GmbH', 'thomas.mueller@mueller-gmbh.de', '', '', '10117', 'Berlin'],
      ['in:2', '', 'S.', 'Becker', 'Becker Bau GmbH', 'stefan.becker@gmx.de', '0171 2345678', '', '', 'Köln'],
    ]);
    const plain = records((await runCli(['match', '--against', crm, '-q'], { stdin: input })).stdout);
    // The reference is imported: its records are crm:1 (Thomas) and crm:2 (Stefan).
    expect(plain.map((x) => x.match_id)).toEqual(['crm:1', '']);
    const decided = path.join(dir, 'decided.csv');
    fs.writeFileSync(decided, 'record_id_a,record_id_b,decision\ncrm:1,in:1,different\nin:2,crm:2,same\nin:9,crm:1,same\n');
    const r = await runCli(['match', '--against', crm, '--decisions', decided], { stdin: input });
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out.map((x) => x.match_id)).toEqual(['', 'crm:2']);
    expect(out[1].match_reason).toMatch(/^decision=same; /);
    expect(r.stderr).toMatch(/; decisions: 2 applied, 1 ignored \(records not in the input and the reference\)\n$/);
  });

  it('match in a pipeline takes decisions too, relative to the pipeline file', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'crm.csv'), csv(HEADER, [PEOPLE[5]]));
    fs.writeFileSync(path.join(dir, 'leads.csv'), csv(HEADER.slice(1), [PEOPLE[6].slice(1)]));
    fs.writeFileSync(path.join(dir, 'decided.csv'), 'record_id_a,record_id_b,decision\nleads:1,crm:1,same\n');
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - match: { against: crm.csv, decisions: decided.csv }\noutputs:\n  - export: { output: out.csv }\nsummary_json: summary.json\n');
    const r = await runCli(['run', pipeline, '-q', '--fail-if', 'decisions_applied<1']);
    expect(r.code).toBe(0);
    const [row] = records(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));
    expect(row.match_id).toBe('crm:1');
    expect(row.match_reason).toMatch(/^decision=same; /);
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary).dedupe).toEqual({ decisions_applied: 1 });
  });
});
