import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { dedupeCommand } from '../src/commands/dedupe.js';
import { testContext } from './helpers/context.js';
import { collect, fromArray, type Row } from '../src/table.js';
import { clusterIdFor, compareGivenNames, compareSurnames, dedupe, foldNameField } from '../src/match/index.js';

const HEADER = ['record_id', 'source', 'salutation', 'first_name', 'last_name', 'company', 'email', 'phone', 'mobile', 'street', 'postal_code', 'city', 'consent_email', 'updated_at'];

/**
 * A small CRM + vendor + trade-fair list. Clusters by construction:
 *   {a:1, a:2, a:3}  Thomas Müller / Tom Mueller / Dr. Thomas MÜLLER of Müller Holzbau
 *   {a:6, a:7}       Katharina Schäfer / Kathi Schaefer (GmbH & Co. KG spelt two ways)
 * and people who must stay apart:
 *   a:4  Anna Müller, his colleague: same company, address, switchboard and surname, info@ address
 *   a:5  another Thomas Müller in Berlin, at another company
 *   a:8, a:9  Jürgen and Petra Weiß, family business sharing info@ and the switchboard
 */
const PEOPLE: string[][] = [
  ['a:1', 'crm', 'Herr', 'Thomas', 'Müller', 'Müller Holzbau GmbH', 'thomas.mueller@mueller-holzbau.de', '+49 30 1234560', '', 'Hauptstraße 12', '10115', 'Berlin', 'ja', '2026-01-10'],
  ['a:2', 'vendor', 'Herr', 'Tom', 'Mueller', 'Mueller Holzbau G.m.b.H.', 'Thomas.Mueller@mueller-holzbau.de', '030 1234560', '0171 5550001', 'Hauptstr. 12', '10115', 'Berlin', 'nein', '2026-06-01'],
  ['a:3', 'messe', '', 'Dr. Thomas', 'MÜLLER', 'MÜLLER HOLZBAU', 'thomas.mueller77@gmail.com', '030 7654321', '+49 171 5550001', '', '10115', 'Berlin', '', '2025-05-05'],
  ['a:4', 'crm', 'Frau', 'Anna', 'Müller', 'Müller Holzbau GmbH', 'info@mueller-holzbau.de', '+49 30 1234560', '', 'Hauptstraße 12', '10115', 'Berlin', 'ja', '2026-02-01'],
  ['a:5', 'vendor', 'Herr', 'Thomas', 'Müller', 'Schmidt Logistik AG', 't.mueller@schmidt-logistik.de', '+49 30 9876543', '', 'Invalidenstraße 5', '10117', 'Berlin', 'ja', '2026-03-01'],
  ['a:6', 'crm', 'Frau', 'Katharina', 'Schäfer', 'Schäfer & Söhne GmbH & Co. KG', 'k.schaefer@schaefer-soehne.de', '+49 89 1234567', '', 'Leopoldstraße 5', '80802', 'München', 'ja', '2026-04-01'],
  ['a:7', 'vendor', 'Frau', 'Kathi', 'Schaefer', 'Schaefer u. Soehne GmbH u. Co. KG', 'kathi.schaefer@web.de', '089 1234567', '', 'Leopoldstr. 5', '80802', 'Muenchen', '', '2026-05-01'],
  ['a:8', 'vendor', 'Herr', 'Jürgen', 'Weiß', 'Weiß Elektrotechnik e.K.', 'info@weiss-elektro.de', '0351 4567890', '', 'Bautzner Str. 20', '01099', 'Dresden', 'ja', '2026-01-01'],
  ['a:9', 'vendor', 'Frau', 'Petra', 'Weiß', 'Weiss Elektrotechnik e.K.', 'info@weiss-elektro.de', '0351 4567890', '', 'Bautzner Straße 20', '01099', 'Dresden', 'ja', '2026-01-01'],
];

function csv(header: string[], rows: string[][]): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

function records(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const INPUT = csv(HEADER, PEOPLE);
const byId = (rows: Row[], id: string) => rows.find((r) => r.record_id === id) as Row;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-dedupe-'));

describe('name comparison after folding', () => {
  it.each([
    ['Thomas', 'Tom', 'nickname'],
    ['Katharina', 'Kathi', 'nickname'],
    ['Dr. Thomas', 'Thomas', 'exact'],
    ['T.', 'Thomas', 'initial'],
    ['Thomas', 'Tobias', 'differ'],
    ['Anna', 'Thomas', 'differ'],
  ])('given names %s / %s → %s', (a, b, level) => expect(compareGivenNames(foldNameField(a), foldNameField(b))).toBe(level));
  it.each([
    ['Müller', 'Mueller', 'exact'],
    ['MÜLLER', 'Müller', 'exact'],
    ['Müller-Lüdenscheidt', 'Müller', 'partial'],
    ['Schmidt', 'Schmitt', 'similar'],
    ['Müller', 'Weber', 'differ'],
  ])('surnames %s / %s → %s', (a, b, level) => expect(compareSurnames(foldNameField(a), foldNameField(b))).toBe(level));
});

describe('dedupe engine', () => {
  const rows = records(INPUT);
  const result = dedupe(rows);
  const clusterOf = (id: string) => result.clusters.of(rows.findIndex((r) => r.record_id === id));

  it('merges spelling variants of one person and keeps colleagues, namesakes and family members apart', () => {
    expect(clusterOf('a:2')).toBe(clusterOf('a:1'));
    expect(clusterOf('a:3')).toBe(clusterOf('a:1'));
    expect(clusterOf('a:7')).toBe(clusterOf('a:6'));
    for (const other of ['a:4', 'a:5', 'a:6', 'a:8']) expect(clusterOf(other), other).not.toBe(clusterOf('a:1'));
    expect(clusterOf('a:9')).not.toBe(clusterOf('a:8'));
    expect(result.stats).toMatchObject({ rows: 9, clusters: 6, duplicates: 3 });
  });

  it('never chains two different people through an initial', () => {
    const base = { company: 'Müller Holzbau GmbH', phone: '+49 30 1234560', street: 'Hauptstraße 12', postal_code: '10115', city: 'Berlin' };
    const chain: Row[] = [
      { ...base, record_id: 'c:1', first_name: 'Thomas', last_name: 'Müller', email: 'mueller@mueller-holzbau.de' },
      { ...base, record_id: 'c:2', first_name: 'T.', last_name: 'Müller', email: 'mueller@mueller-holzbau.de' },
      { ...base, record_id: 'c:3', first_name: 'Tobias', last_name: 'Müller', email: 'mueller@mueller-holzbau.de' },
    ];
    const r = dedupe(chain);
    expect(r.clusters.of(0)).not.toBe(r.clusters.of(2));
  });

  it('reads swapped name fields with a nickname whichever record holds them', () => {
    const base = { company: 'Silbermann Stahlbau GmbH', postal_code: '70607', city: 'Stuttgart' };
    const pair: Row[] = [
      { ...base, record_id: 's:1', first_name: 'Wolfgang', last_name: 'Osterheim', email: 'wolfgang.osterheim@silbermann-stahlbau.de', phone: '+49 711 4665312' },
      { ...base, record_id: 's:2', first_name: 'Osterheim', last_name: 'Wolf', email: 'wolfgang.osterheim@silbermann-stahlbau.de', phone: '0711 4665312' },
    ];
    for (const rows of [pair, [pair[1], pair[0]]]) {
      const r = dedupe(rows);
      expect(r.stats.clusters).toBe(1);
      const link = r.explain(rows[1].record_id)?.link;
      expect(link?.conflict).toBe(false);
      expect(link?.fields.find((f) => f.field === 'first_name')).toMatchObject({ level: 'nickname', note: 'first and last name swapped' });
    }
    const w = (rows: Row[]) => dedupe(rows).explain(rows[0].record_id)?.link?.weight;
    expect(w([pair[1], pair[0]])).toBeCloseTo(w(pair) as number, 9);
  });

  it('the merge map lists every record once, and its clusters are the merged rows', () => {
    const report = [...result.report()];
    expect(report.map((r) => r.record_id).sort()).toEqual(PEOPLE.map((p) => p[0]).sort());
    const merged = [...result.survivors()];
    for (const m of merged) {
      const members = report.filter((r) => r.cluster_id === m.cluster_id).map((r) => r.record_id);
      expect(m.merged_ids.split(';').sort()).toEqual(members.sort());
    }
  });

  it("a night's carried cluster comes out as its survivor's record id, dates and cluster columns only", () => {
    const merged = [...result.survivors()];
    const carried = new Uint8Array(result.clusters.count).fill(1);
    const light = [...result.survivors(carried)];
    expect(light.map((r) => [r.record_id, r.cluster_id, r.duplicate_count, r.merged_ids])).toEqual(merged.map((r) => [r.record_id, r.cluster_id, r.duplicate_count, r.merged_ids]));
    for (const [k, row] of light.entries()) {
      const survivor = byId(rows, merged[k].record_id);
      const dates = survivor.updated_at ? { updated_at: survivor.updated_at } : {};
      expect(row).toEqual({ record_id: survivor.record_id, cluster_id: merged[k].cluster_id, duplicate_count: merged[k].duplicate_count, merged_ids: merged[k].merged_ids, ...dates });
    }
    expect(light.some((r) => r.updated_at)).toBe(true);
  });

  it('release() lets the match features go: the merged rows come out as before, what needs the features says so', () => {
    const own = dedupe(rows);
    const merged = [...own.survivors()];
    const normalised = own.normalisedOf(0);
    expect(normalised).toContain('mueller');
    own.release();
    expect([...own.survivors()]).toEqual(merged);
    expect(own.clusters.count).toBe(result.clusters.count);
    expect(() => [...own.flagged()]).toThrow(/match features were released/);
    expect(() => own.normalisedOf(0)).toThrow(/match features were released/);
    expect(() => own.explain(rows[0].record_id)).toThrow(/match features were released/);
  });
});

describe('leadkit dedupe', () => {
  it('merges to one row per cluster, reconciles in = out + merged, merges consent least-permissive', async () => {
    const r = await runCli(['dedupe', '--prefer', 'source:crm,vendor'], { stdin: INPUT });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^dedupe: 9 in = 6 out \+ 3 merged; 2 clusters with duplicates \(largest 3\); threshold 0\.9; match rate [\d.]+% estimated, 55\.6% realised; pair completeness: not estimable \([^)]*\)\n$/);
    const out = records(r.stdout);
    expect(out).toHaveLength(6);
    const thomas = byId(out, 'a:1');
    expect(thomas.merged_ids).toBe('a:1;a:2;a:3');
    expect(thomas.duplicate_count).toBe('2');
    // The survivor keeps its own address and phone; the other member's mobile fills a blank.
    expect(thomas.email).toBe('thomas.mueller@mueller-holzbau.de');
    expect(thomas.mobile).toBe('0171 5550001');
    // Two different emails (work, gmail) and phones are never collapsed into one.
    expect(thomas.emails_other).toBe('thomas.mueller77@gmail.com');
    expect(thomas.phones_other).toBe('030 7654321');
    expect(thomas.consent_email).toBe('nein');
    expect(thomas).toMatchObject({ company_key: 'mueller holzbau', company_legal_form: 'GmbH', company_display: 'Müller Holzbau GmbH' });
    const kathi = byId(out, 'a:6');
    expect(kathi.merged_ids).toBe('a:6;a:7');
    // "ja" and nothing: unknown is less permissive than granted.
    expect(kathi.consent_email).toBe('');
    expect(kathi.emails_other).toBe('kathi.schaefer@web.de');
    expect(kathi.company_legal_form).toBe('GmbH & Co. KG');
    expect(byId(out, 'a:4').merged_ids).toBe('a:4');
    expect(byId(out, 'a:9').duplicate_count).toBe('0');
  });

  it('--prefer newest / oldest picks the survivor by updated_at', async () => {
    const newest = records((await runCli(['dedupe', '--prefer', 'newest', '-q'], { stdin: INPUT })).stdout);
    expect(newest.find((r) => r.merged_ids.includes('a:1'))?.merged_ids).toBe('a:2;a:1;a:3');
    const oldest = records((await runCli(['dedupe', '--prefer', 'oldest', '-q'], { stdin: INPUT })).stdout);
    const row = oldest.find((r) => r.merged_ids.includes('a:1')) as Row;
    expect(row.merged_ids.split(';')[0]).toBe('a:3');
    expect(row.record_id).toBe('a:3');
  });

  it('--mode flag keeps every row with cluster columns', async () => {
    const r = await runCli(['dedupe', '--mode', 'flag', '--prefer', 'source:crm'], { stdin: INPUT });
    expect(r.code).toBe(0);
    const out = records(r.stdout);
    expect(out.map((x) => x.record_id)).toEqual(PEOPLE.map((p) => p[0]));
    const a2 = byId(out, 'a:2');
    expect(a2).toMatchObject({ is_survivor: 'no', survivor_id: 'a:1', duplicate_count: '2', cluster_id: byId(out, 'a:1').cluster_id });
    expect(a2.match_reason).toContain('first_name=nickname');
    expect(out.filter((x) => x.is_survivor === 'yes')).toHaveLength(6);
    expect(r.stderr).toMatch(/^dedupe: 9 in = 9 out \(flag mode: 3 rows marked as duplicates\)/);
  });

  it('--report writes the reversible merge map, one row per input record', async () => {
    const dir = tmp();
    const file = path.join(dir, 'merges.csv');
    const r = await runCli(['dedupe', '--report', file, '--prefer', 'source:crm', '-q'], { stdin: INPUT });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('cluster_id,record_id,is_survivor,survivor_id,matched_with,match_score,match_weight,match_reason,source,source_vendor,source_delivered_at,source_delivered_status');
    const map = records(text);
    expect(map).toHaveLength(9);
    expect(byId(map, 'a:1')).toMatchObject({ is_survivor: 'yes', survivor_id: 'a:1' });
    const a7 = byId(map, 'a:7');
    expect(a7).toMatchObject({ is_survivor: 'no', survivor_id: 'a:6', matched_with: 'a:6' });
    expect(Number(a7.match_score)).toBeGreaterThanOrEqual(0.9);
    expect(a7.match_reason).toContain('first_name=nickname');
    expect(byId(map, 'a:4')).toMatchObject({ matched_with: '', match_score: '', match_reason: '' });
    expect(fs.readdirSync(dir)).toEqual(['merges.csv']);
  });

  it('--report is not written when the command fails', async () => {
    const dir = tmp();
    const r = await runCli(['dedupe', '--report', path.join(dir, 'm.csv'), '-o', path.join(dir, 'no/such/dir/out.csv')], { stdin: INPUT });
    expect(r.code).not.toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('--explain prints the field-by-field comparison instead of CSV', async () => {
    const r = await runCli(['dedupe', '--explain', 'a:3', '--prefer', 'source:crm'], { stdin: INPUT });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`record a:3: cluster ${clusterIdFor('a:1')}, 2 duplicates`);
    expect(lines[1]).toBe('  survivor: a:1; members: a:1, a:2, a:3');
    expect(r.stdout).toMatch(/first_name\s+(exact|nickname)/);
    expect(r.stdout).toMatch(/mobile|phone\s+exact/);
    expect(r.stdout).toContain('compared with the survivor:');
    expect(r.stdout).not.toContain('record_id,');
    const single = await runCli(['dedupe', '--explain', 'a:4'], { stdin: INPUT });
    expect(single.stdout.split('\n').slice(0, 4)).toEqual([
      `record a:4: cluster ${clusterIdFor('a:4')}, no duplicates`,
      '  survivor: a:4 (this record); members: a:4',
      '  threshold: score 0.900 = weight 16.2 bits',
      'not merged with (3 records outside its cluster that blocking compared it with):',
    ]);
  });

  it('--compare adds a field: a different birth date keeps two records apart, a shared customer number joins them', async () => {
    const head = ['record_id', 'first_name', 'last_name', 'email', 'postal_code', 'city', 'customer_no', 'birth_date'];
    const rows = [
      ['b:1', 'Thomas', 'Müller', 'thomas.mueller@gmx.de', '10115', 'Berlin', 'K-10023', '12.03.1971'],
      ['b:2', 'Thomas', 'Müller', 'tmueller@web.de', '80331', 'München', 'K 10023', '1971-03-12'],
      ['b:3', 'Thomas', 'Mueller', 'thomas.mueller@gmx.de', '10115', 'Berlin', '', '1984-07-01'],
    ];
    const input = csv(head, rows);
    const plain = records((await runCli(['dedupe', '-q'], { stdin: input })).stdout);
    expect(plain.map((r) => r.merged_ids)).toEqual(['b:1;b:3', 'b:2']);
    const r = await runCli(['dedupe', '--compare', 'customer_no:exact', '--compare', 'birth_date:date', '-q'], { stdin: input });
    expect(r.code).toBe(0);
    expect(records(r.stdout).map((x) => x.merged_ids)).toEqual(['b:1;b:2', 'b:3']);
  });

  it('works on a German vendor export piped through import', async () => {
    const vendor =
      'Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort\n' +
      'Herr;Dr. Thomas;Müller;Müller Holzbau GmbH;t.mueller@mueller-holzbau.de;+49 (0)30 1234560;Hauptstraße 12;10115;Berlin\n' +
      'Herr;Tom;MUELLER;MÜLLER HOLZBAU;T.Mueller@Mueller-Holzbau.de;030/1234560;Hauptstr. 12;10115;Berlin\n' +
      'Frau;Anna;Müller;Müller Holzbau GmbH;info@mueller-holzbau.de;030 1234560;Hauptstr. 12;10115;Berlin\n';
    const imported = await runCli(['import', '-q'], { stdin: vendor });
    const r = await runCli(['dedupe'], { stdin: imported.stdout });
    expect(r.stderr).toMatch(/^dedupe: 3 in = 2 out \+ 1 merged; 1 cluster with duplicates \(largest 2\); threshold 0\.9; match rate [\d.]+% estimated, 66\.7% realised; pair completeness: not estimable \([^)]*\)\n$/);
    expect(records(r.stdout).map((x) => x.merged_ids)).toEqual(['stdin:1;stdin:2', 'stdin:3']);
  });

  it('records merged rows in the tally and refuses --explain as a pipeline step', async () => {
    const ctx = testContext();
    const rows = records(INPUT);
    const out = await dedupeCommand.transform!({ columns: HEADER, batches: fromArray(rows) }, {}, ctx);
    expect(await collect(out.batches)).toHaveLength(6);
    expect(ctx.tally.steps.get('dedupe')).toMatchObject({ merged: 3, rejected: 0, suppressed: 0 });
    await expect(dedupeCommand.transform!({ columns: HEADER, batches: fromArray(rows) }, { explain: 'a:1' }, ctx)).rejects.toThrow(/--explain/);
  });

  it.each([
    [['--threshold', '1.5'], /--threshold expects a probability between 0 and 1/],
    [['--threshold', 'hoch'], /--threshold/],
    [['--prefer', 'best'], /--prefer best: use complete, newest, oldest or source:A,B/],
    [['--mode', 'collapse'], /--mode/],
    [['--compare', 'vat_id:fuzzy'], /unknown type "fuzzy"/],
    [['--compare', 'vat_id:exact'], /no column "vat_id"/],
    [['--explain', 'a:99'], /no record with record_id "a:99"/],
    [['--explain', 'a:1', '--report', 'x.csv'], /leave out --report/],
  ])('bad options %j exit 2 with a one-line error', async (args, message) => {
    const r = await runCli(['dedupe', ...args], { stdin: INPUT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

