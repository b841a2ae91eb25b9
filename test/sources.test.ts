import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from './helpers/run-cli.js';
import { main } from '../src/cli.js';
import { generateLists } from './helpers/lead-generator.js';
import { expectedScorecard, type ExpectedScore } from './helpers/scorecard-truth.js';
import type { RunSummary } from '../src/report/summary.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (f: string) => path.join(root, 'fixtures', f);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-sources-'));

type Score = Record<string, string | number | null>;

/** The generated lists on disk: the imported rows, the CRM export, the do-not-contact list. */
function writeGenerated(seed?: number) {
  const g = generateLists(seed);
  const dir = tmp();
  const files = { rows: path.join(dir, 'imported.csv'), crm: path.join(dir, 'crm.csv'), dnc: path.join(dir, 'robinson.txt') };
  fs.writeFileSync(files.rows, g.importedCsv);
  fs.writeFileSync(files.crm, g.crmCsv);
  fs.writeFileSync(files.dnc, g.doNotContact);
  const cost = g.sources.map((s) => `${s}=${String(g.costs[s]).replace('.', ',')}`).join(',');
  return { g, dir, files, args: ['--against', files.crm, '--list', files.dnc, '--cost', cost, '--as-of', g.asOf] };
}

/** Every figure the truth knows, compared with the scorecard's (shares and money as numbers). */
function expectTruth(card: Score[], want: ExpectedScore[]): void {
  expect(card.map((r) => `${r.group}/${r.source}`)).toEqual(want.map((r) => `${r.group}/${r.source}`));
  card.forEach((row, i) => {
    const w = want[i];
    for (const [k, v] of Object.entries(w)) {
      if (typeof v === 'number' && !Number.isInteger(v)) expect(row[k], `${w.group}/${w.source} ${k}`).toBeCloseTo(v, 9);
      else expect(row[k], `${w.group}/${w.source} ${k}`).toBe(v);
    }
  });
}

describe('leadkit sources on a generated list whose truth is known', () => {
  const { g, files, args, dir } = writeGenerated();
  const want = expectedScorecard(g);

  it('has duplicates within and across lists, CRM overlap, stale and undated records, broken emails, in every list', () => {
    // The test is only as strong as its data: each figure must be non-trivial somewhere.
    const sources = want.filter((r) => r.group === 'source');
    expect(sources).toHaveLength(3);
    expect(sources.every((r) => r.duplicates > 0)).toBe(true);
    expect(sources.every((r) => (r.other_overlap ?? 0) > 0)).toBe(true);
    expect(sources.every((r) => r.reference_overlap > 0 && r.reference_overlap < r.rows)).toBe(true);
    expect(sources.some((r) => (r.stale ?? 0) > 0 && (r.stale ?? 0) < r.dated)).toBe(true);
    expect(sources.some((r) => r.dated < r.rows)).toBe(true);
    expect(sources.some((r) => r.date_unreadable > 0)).toBe(true);
    expect(sources.some((r) => r.email_invalid > 0)).toBe(true);
    expect(sources.some((r) => r.suppressed > 0)).toBe(true);
    expect(sources.some((r) => r.address_valid < r.rows)).toBe(true);
    expect(want.at(-1)?.stage_unknown).toBeGreaterThan(0);
    // What a row-by-row rule or a segment-less suppressor would get wrong must be in the data:
    const rows = g.rows;
    const personRows = (p: number) => rows.filter((r) => r.person === p);
    // duplicates that share no e-mail address (linked by name, phone and address),
    expect(rows.some((r) => r.secondAddress && !personRows(r.person).some((o) => o.listed))).toBe(true);
    // a person on the do-not-contact list whose second address the list does not name,
    expect(rows.some((r) => r.secondAddress && personRows(r.person).some((o) => o.listed))).toBe(true);
    // private persons, and business rows the vendor left without a segment whose phone a b2c rule would drop,
    expect(rows.filter((r) => r.segment === 'b2c').length).toBeGreaterThan(3);
    expect(rows.some((r) => r.segment === 'b2b' && r.segmentBlank && r.phoneValid && r.consentPhone === '' && r.consentEmail !== 'ja' && !r.listed)).toBe(true);
    expect(rows.some((r) => r.segment === 'b2c' && r.phoneValid && r.consentPhone === 'ja')).toBe(true);
    // record dates with a time of day, and usable persons a later list has again (usable_new < usable).
    expect(rows.filter((r) => r.timestamp && r.ageDays !== undefined).length).toBeGreaterThan(5);
    expect(sources.some((r) => r.usable_new < r.usable)).toBe(true);
    expect(sources.reduce((n, r) => n + r.usable_new, 0)).toBe(want.at(-1)?.usable);
  });

  it('computes every figure equal to the truth from raw imported rows (validating copies itself)', async () => {
    const r = await runCli(['sources', files.rows, ...args, '--json']);
    expect(r.stderr).not.toMatch(/^leadkit:/m);
    expect(r.code).toBe(0);
    expectTruth(JSON.parse(r.stdout) as Score[], want);
    // The counts of what it took as it came are on stderr.
    expect(r.stderr).toMatch(/sources: \d+ rows from 3 sources = \d+ persons \(dedupe engine, threshold 0\.9\)/);
    expect(r.stderr).toContain(`${want.at(-1)?.date_unreadable} with an unreadable date`);
    expect(r.stderr).toContain(`${want.at(-1)?.stage_unknown} with an unknown stage (not MQL)`);
  });

  it('gives the same figures with the --against reference held in a temporary file (--spill-above 0), and says so', async () => {
    const r = await runCli(['sources', files.rows, ...args, '--json', '--spill-above', '0']);
    expect(r.code).toBe(0);
    expectTruth(JSON.parse(r.stdout) as Score[], want);
    expect(r.stderr).toMatch(/sources: .*; rows held in a temporary file \(\d+ MB, --spill-above 0\)$/m);
    const inMemory = await runCli(['sources', files.rows, ...args, '--json']);
    expect(inMemory.stderr).not.toContain('temporary file');
  });

  it('gives the same figures on rows validate has annotated (its statuses are read, not recomputed)', async () => {
    const validated = path.join(dir, 'validated.csv');
    const v = await runCli(['validate', files.rows, '-o', validated, '-q']);
    expect(v.code).toBe(0);
    const r = await runCli(['sources', validated, ...args, '--json', '-q']);
    expect(r.code).toBe(0);
    expectTruth(JSON.parse(r.stdout) as Score[], want);
  });

  it('reads the persons from dedupe --mode flag output and the channels from suppress --mode flag output', async () => {
    const flagged = path.join(dir, 'flagged.csv');
    const v = await runCli(['validate', files.rows, '-q']);
    const d = await runCli(['dedupe', '--mode', 'flag', '-q'], { stdin: v.stdout });
    // classify before suppress, as in a pipeline: suppress reads the segment for the phone rule.
    const c = await runCli(['classify', '-q'], { stdin: d.stdout });
    const s = await runCli(['suppress', '--mode', 'flag', '--list', files.dnc, '-o', flagged, '-q'], { stdin: c.stdout });
    expect(s.code).toBe(0);
    const r = await runCli(['sources', flagged, '--against', files.crm, '--cost', args[5], '--as-of', g.asOf, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cluster_id column of dedupe --mode flag');
    expectTruth(JSON.parse(r.stdout) as Score[], want);
  });

  it('writes CSV in a pipe and by -o extension: .csv, .xlsx, .json, .txt', async () => {
    const csv = await runCli(['sources', files.rows, ...args, '-q']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0].split(',').slice(0, 6)).toEqual(['group', 'source', 'rows', 'persons', 'duplicates', 'duplicate_share']);
    expect(lines).toHaveLength(want.length + 1);
    const header = lines[0].split(',');
    const first = Object.fromEntries(lines[1].split(',').map((c, i) => [header[i], c]));
    expect(Number(first.duplicate_share)).toBeCloseTo(want[0].duplicate_share, 4);
    expect(first.cost_per_lead).toBe((want[0].cost_per_lead as number).toFixed(2));

    for (const ext of ['xlsx', 'json', 'txt']) {
      const out = path.join(dir, `card.${ext}`);
      const r = await runCli(['sources', files.rows, ...args, '-o', out, '-q']);
      expect(r.code, ext).toBe(0);
      expect(r.stdout).toBe('');
      expect(fs.existsSync(out), ext).toBe(true);
    }
    expectTruth(JSON.parse(fs.readFileSync(path.join(dir, 'card.json'), 'utf8')) as Score[], want);
    const table = fs.readFileSync(path.join(dir, 'card.txt'), 'utf8');
    expect(table).toMatch(/^source\s+rows\s+dupl\./);
    expect(table).toContain('lead_source: Google Ads');
    expect(table).toContain('all rows');
    expect(fs.readFileSync(path.join(dir, 'card.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('prints the aligned table when standard output is a terminal', async () => {
    const out: Buffer[] = [];
    const tty = Object.assign(new Writable({ write: (c, _e, cb) => (out.push(Buffer.from(c)), cb()) }), { isTTY: true });
    const stdin = new PassThrough();
    stdin.end();
    const code = await main(['node', 'leadkit', 'sources', files.rows, ...args, '-q'], { stdout: tty, stderr: new PassThrough() as never, stdin });
    expect(code).toBe(0);
    const text = Buffer.concat(out).toString('utf8');
    expect(text.split('\n')[0]).toMatch(/^source\s+rows\s+dupl\.\s+email ok\s+risky\s+invalid\s+phone ok/);
    expect(text).toContain(`as of ${g.asOf}, stale after 24 months`);
    const vendor = text.split('\n').find((l) => l.startsWith('vendor-adressen')) ?? '';
    const truth = want.find((w) => w.group === 'source' && w.source === 'vendor-adressen');
    expect(vendor).toMatch(new RegExp(`^vendor-adressen\\s+${truth?.rows}\\s+${(100 * (truth?.duplicate_share ?? -1)).toFixed(1)}%`));
  });

  it('gives a list without a price no cost, and the total none (a sum of some lists is not the whole)', async () => {
    const [first, second, third] = g.sources;
    const costs = { [first]: g.costs[first], [second]: 300 };
    const r = await runCli(['sources', files.rows, '--against', files.crm, '--list', files.dnc, '--cost', `${first}=${costs[first]},${second}=300`, '--as-of', g.asOf, '--json', '-q']);
    expect(r.code).toBe(0);
    const partial = expectedScorecard(g, costs);
    expect(partial.find((w) => w.source === third)?.cost).toBeNull();
    expect(partial.at(-1)?.cost).toBeNull();
    expectTruth(JSON.parse(r.stdout) as Score[], partial);
  });

  it('writes JSON Lines with the figures as --json has them (numbers, null), not as CSV text', async () => {
    const out = path.join(dir, 'card.jsonl');
    const r = await runCli(['sources', files.rows, ...args, '-o', out, '-q']);
    expect(r.code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Score);
    const json = JSON.parse((await runCli(['sources', files.rows, ...args, '--json', '-q'])).stdout) as Score[];
    expect(lines).toEqual(json);
    expect(typeof lines[0].rows).toBe('number');
    expect(lines.at(-1)?.other_overlap).toBeNull();
  });

  it('--columns narrows CSV and JSON to the keys asked for', async () => {
    const r = await runCli(['sources', files.rows, ...args, '--columns', 'source,rows,usable,cost_per_usable_lead', '--json', '-q']);
    const card = JSON.parse(r.stdout) as Score[];
    expect(Object.keys(card[0])).toEqual(['source', 'rows', 'usable', 'cost_per_usable_lead']);
    expect(card[0].usable).toBe(want[0].usable);
  });
});

describe('leadkit sources on scored rows with a cost per row', () => {
  it('reads stage_mql, adds up the cost column (an unreadable cell leaves its list without one) and scores source_vendor', async () => {
    const csv = [
      'record_id,source,source_vendor,source_delivered_at,source_delivered_status,first_name,last_name,email,email_status,phone,phone_status,address_status,consent_email,stage,stage_mql,cpl',
      'adr-at:1,adr-at,Adressbüro Wien,2026-10-01,given,Sabine,Gruber,sabine.gruber@gruber-partner.at,valid,+4315886123,valid,valid,ja,interested,true,"12,50 €"',
      'adr-at:2,adr-at,Adressbüro Wien,2026-10-01,given,Jürgen,Weiß,j.weiss@weiss-druck.at,invalid,,missing,partial,ja,potential,false,12.5',
      'adr-at:3,adr-at,Adressbüro Wien,2025-01-10,file_date,Käthe,Brandstätter,k.brandstaetter@alpen-elektro.at,valid,+436641234567,valid,valid,nein,,,',
      'messe-ch:1,messe-ch,Swiss Fairs AG,2026-11-01,given,Urs,Meier,urs.meier@meier-ag.ch,valid,+41446681800,valid,valid,ja,customer,true,1.200',
      'messe-ch:2,messe-ch,Swiss Fairs AG,2026-11-01,given,Anna,Keller,anna.keller@keller-gmbh.ch,risky,+41446681801,valid,valid,ja,potential,false,30',
    ].join('\n');
    const r = await runCli(['sources', '--cost-column', 'cpl', '--as-of', '2026-11-22', '--json'], { stdin: `${csv}\n` });
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as Score[];
    const at = card.find((c) => c.source === 'adr-at') as Score;
    const ch = card.find((c) => c.source === 'messe-ch') as Score;
    expect(at).toMatchObject({ rows: 3, mql: 1, stage_unknown: 1, cost: 25, cost_missing: 1, cost_unreadable: 0, cost_per_lead: 25 / 3, date_guessed: 1, stale: 0, dated: 3 });
    expect(at.median_age_days).toBe(52);
    expect(ch).toMatchObject({ rows: 2, mql: 1, mql_share: 0.5, cost: null, cost_unreadable: 1, cost_per_lead: null, email_risky: 1 });
    expect(card.filter((c) => c.group === 'source_vendor').map((c) => c.source)).toEqual(['Adressbüro Wien', 'Swiss Fairs AG']);
    expect(r.stderr).toMatch(/warning: sources: 1 row has a cpl cell that cannot be added up \(messe-ch:1: "1\.200", "1\.200" could mean 1200 or 1\.2/);
    expect(r.stderr).toContain("1 aged by the file's date");
    const bad = await runCli(['sources', '--cost-column', 'cpl', '--cost', 'adr-at=5'], { stdin: `${csv}\n` });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give --cost (a price per source) or --cost-column (a cost per row), not both');
    const typo = await runCli(['sources', '--cost-column', 'cost_per_lead'], { stdin: `${csv}\n` });
    expect(typo.stderr).toMatch(/--cost-column: no column "cost_per_lead"/);
  });
});

describe('leadkit sources: who is a usable lead', () => {
  // No segment column (classify has not run): businesses whose phone may be called (no objection),
  // a private person whose call needs a yes, a row nothing tells the segment of, and one person
  // twice, one of the two addresses on the do-not-contact list.
  const csv = [
    'record_id,source,first_name,last_name,company,email,phone,country,consent_email,consent_phone',
    'messe:1,messe,Sabine,Gruber,Gruber & Partner GmbH,sabine.gruber@gruber-partner.at,+43 1 5886123,AT,,',
    'messe:2,messe,Urs,Meier,Meier AG,urs.meier@meier-ag.ch,+41 44 668 18 00,CH,nein,',
    'messe:3,messe,Käthe,Brandstätter,,kaethe.b@gmx.at,+43 664 1234567,AT,,',
    'messe:4,messe,Jörg,Weiß,,j.weiss@@,+49 30 4567890,DE,,',
    'adressen:1,adressen,Thomas,Müller,Müller Holzbau GmbH,thomas.mueller@mueller-holzbau.de,+49 89 1234567,DE,ja,',
    'adressen:2,adressen,Thomas,Müller,Müller Holzbau GmbH,t.mueller@web.de,089 1234567,DE,ja,',
  ].join('\n');

  it('judges phone consent by the segment classify would give, so classify before or after does not change it', async () => {
    const dir = tmp();
    const rows = path.join(dir, 'rows.csv');
    const dnc = path.join(dir, 'dnc.txt');
    fs.writeFileSync(rows, `${csv}\n`);
    fs.writeFileSync(dnc, 'thomas.mueller@mueller-holzbau.de\n');
    const before = await runCli(['sources', rows, '--list', dnc, '--json']);
    expect(before.code).toBe(0);
    const classified = await runCli(['classify', rows, '-q']);
    const after = await runCli(['sources', '--list', dnc, '--json', '-q'], { stdin: classified.stdout });
    const [messe, adressen, total] = JSON.parse(before.stdout) as Score[];
    expect(JSON.parse(after.stdout)).toEqual([messe, adressen, total]);
    // Gruber and Meier: businesses, called without an objection; Brandstätter: private, no yes;
    // Weiß: no company, no readable address, so the rules' unknown_segment (b2c) decides.
    expect(messe).toMatchObject({ rows: 4, suppressed: 2, contactable: 2, usable: 2, segment_assumed: 1 });
    expect(before.stderr).toContain('1 with a phone judged by an assumed segment');
    expect(before.stderr).not.toContain('run classify first');
    // Müller asked not to be contacted: his second address is no usable lead either.
    expect(adressen).toMatchObject({ rows: 2, persons: 1, suppressed: 1, listed: 1, contactable: 1, usable: 0, usable_new: 0 });
    expect(total).toMatchObject({ usable: 2, listed: 1 });
  });

  it('reads the do-not-contact rows of suppress --mode flag output from suppress_reason', async () => {
    const dir = tmp();
    const dnc = path.join(dir, 'dnc.txt');
    fs.writeFileSync(dnc, 'thomas.mueller@mueller-holzbau.de\n');
    const v = await runCli(['validate', '-q'], { stdin: `${csv}\n` });
    const c = await runCli(['classify', '-q'], { stdin: v.stdout });
    const flagged = await runCli(['suppress', '--mode', 'flag', '--list', dnc, '-q'], { stdin: c.stdout });
    const r = await runCli(['sources', '--json', '-q'], { stdin: flagged.stdout });
    expect((JSON.parse(r.stdout) as Score[])[1]).toMatchObject({ listed: 1, usable: 0 });
    // Without suppress_reason the listed rows cannot be told apart: said, not guessed.
    const cut = await runCli(['export', '--columns', '!suppress_reason', '-q'], { stdin: flagged.stdout });
    const blind = await runCli(['sources', '--json'], { stdin: cut.stdout });
    expect(blind.stderr).toContain('no suppress_reason column');
  });
});

describe('leadkit sources on the fixtures', () => {
  const imported = async () => {
    const r = await runCli(['import', fixture('vendor-de.csv'), fixture('crm-export.csv'), fixture('messe-kontakte.xlsx'), '--map', 'Lead ID=customer_number', '-q']);
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('scores the vendor list, the CRM export and the trade-fair workbook, the CRM as reference', async () => {
    const rows = await imported();
    const r = await runCli(['sources', '--against', fixture('crm-export.csv'), '--cost', 'vendor-de=1.200,00,messe-kontakte=0', '--json'], { stdin: rows });
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as Score[];
    const bySource = Object.fromEntries(card.filter((c) => c.group === 'source').map((c) => [c.source, c]));
    expect(Object.keys(bySource)).toEqual(['vendor-de', 'crm-export', 'messe-kontakte']);
    expect([bySource['vendor-de'].rows, bySource['crm-export'].rows, bySource['messe-kontakte'].rows]).toEqual([24, 6, 5]);
    // Thomas Müller / Tom Mueller and Katharina Schäfer / Kathi Schaefer are one person each.
    expect(bySource['vendor-de'].duplicates).toBe(2);
    // Every CRM row is in the CRM; the vendor's Müller and Schäfer are already ours, as are Huber's rows.
    expect(bySource['crm-export'].reference_overlap_share).toBe(1);
    expect(bySource['vendor-de'].reference_overlap).toBeGreaterThanOrEqual(4);
    expect(bySource['crm-export'].usable).toBe(0);
    // The CRM's Lead Source values get a block of their own; the lists without one are "(none)".
    const leads = card.filter((c) => c.group === 'lead_source').map((c) => c.source);
    expect(leads).toEqual(['Trade Fair', 'Web', 'Partner', 'Webinar', '(none)']);
    expect(bySource['vendor-de'].cost).toBe(1200);
    expect(bySource['crm-export'].cost).toBeNull();
    expect(bySource['vendor-de'].cost_per_lead).toBe(50);
    expect(bySource['vendor-de'].cost_per_usable_lead).toBe(1200 / (bySource['vendor-de'].usable as number));
    // No stage column: no MQL figures, rather than zeros.
    expect(bySource['vendor-de'].mql_share).toBeNull();
    const total = card.at(-1) as Score;
    expect(total).toMatchObject({ group: 'total', source: '(all)', rows: 35, cost: null, other_overlap: null });
  });

  it('names a mistyped --cost source with a suggestion, and refuses an amount read two ways', async () => {
    const rows = await imported();
    const typo = await runCli(['sources', '--cost', 'vendor-d=1200'], { stdin: rows });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--cost vendor-d: no source of that name \(did you mean "vendor-de"\?\)/);
    const unknown = await runCli(['sources', '--cost', 'acme=1200'], { stdin: rows });
    expect(unknown.stderr).toMatch(/\(the sources are vendor-de, crm-export, messe-kontakte\)/);
    const ambiguous = await runCli(['sources', '--cost', 'vendor-de=1.200'], { stdin: rows });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('"1.200" could mean 1200 or 1.2');
  });

  it('refuses merged rows, and rows without a source column, with a one-line error', async () => {
    const rows = await imported();
    const merged = await runCli(['dedupe', '-q'], { stdin: rows });
    const m = await runCli(['sources'], { stdin: merged.stdout });
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^leadkit: sources: the rows were merged by dedupe already/m);
    const raw = await runCli(['sources', fixture('ragged.csv')]);
    expect(raw.code).toBe(1);
    expect(raw.stderr.trim().split('\n').filter((l) => l.startsWith('leadkit:'))).toHaveLength(1);
    expect(raw.stderr).toContain('no source column');
  });
});

describe('leadkit sources in a pipeline', () => {
  /** The date-free figures: the file dates import adds to undated rows make their ages the run's own. */
  const DATE_FREE = ['group', 'source', 'rows', 'persons', 'duplicates', 'email_valid', 'email_invalid', 'phone_valid', 'address_valid', 'other_overlap', 'reference_overlap', 'mql', 'stage_unknown', 'suppressed', 'listed', 'segment_assumed', 'contactable', 'usable', 'usable_new', 'cost', 'cost_per_lead', 'cost_per_usable_lead', 'cost_per_usable_new_lead'];

  it('is a step that passes every row on unchanged and gives summary.json and the report the same table', async () => {
    const { g, dir, files } = writeGenerated(7);
    const lists = g.sources.map((s) => path.join(dir, `${s}.csv`));
    g.sources.forEach((s, i) => fs.writeFileSync(lists[i], g.rawCsv[s]));
    const out = path.join(dir, 'out');
    const cost = g.sources.map((s) => `${s}: ${g.costs[s]}`).join(', ');
    const steps = (withSources: boolean) =>
      [
        `inputs: [${lists.join(', ')}]`,
        `as_of: ${g.asOf}`,
        'steps:',
        '  - validate: {}',
        withSources ? `  - sources: { output: out/sources.csv, against: crm.csv, list: [robinson.txt], cost: { ${cost} } }` : '',
        '  - dedupe: {}',
        '  - score: {}',
        'outputs:',
        `  - export: { output: out/${withSources ? 'with' : 'without'}.csv }`,
        'summary_json: out/summary.json',
        'report: out/report.html',
      ]
        .filter(Boolean)
        .join('\n');
    fs.writeFileSync(path.join(dir, 'with.yml'), steps(true));
    fs.writeFileSync(path.join(dir, 'without.yml'), steps(false));
    const without = await runCli(['run', path.join(dir, 'without.yml'), '-q']);
    expect(without.code).toBe(0);
    const run = await runCli(['run', path.join(dir, 'with.yml'), '-q', '--fail-if', 'sources_max_stale_rate>0.99']);
    expect(run.stderr).not.toMatch(/^leadkit:/m);
    expect(run.code).toBe(0);
    // The step changes nothing downstream (and score's stage, added later, never reaches the scorecard).
    expect(fs.readFileSync(path.join(out, 'with.csv'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'without.csv'), 'utf8'));

    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.steps.map((s) => s.name)).toEqual(['import', 'validate', 'sources', 'dedupe', 'score']);
    expect(summary.steps[2].rows_in).toBe(summary.steps[2].rows_out);
    const section = summary.sources;
    expect(section?.as_of).toBe(g.asOf);
    expect(section?.stale_after).toBe('24 months');
    expect(summary.outputs.map((o) => path.basename(o.file))).toContain('sources.csv');

    // The same figures as the command on the same imported and validated rows...
    const imported = await runCli(['import', ...lists, '-q']);
    const validated = await runCli(['validate', '-q'], { stdin: imported.stdout });
    const alone = await runCli(['sources', '--against', files.crm, '--list', files.dnc, '--cost', g.sources.map((s) => `${s}=${g.costs[s]}`).join(','), '--as-of', g.asOf, '--json', '-q'], { stdin: validated.stdout });
    expect(section?.scorecard).toEqual(JSON.parse(alone.stdout));
    // ...as the CSV the step wrote, and as the truth.
    const csv = fs.readFileSync(path.join(out, 'sources.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',')).toEqual(Object.keys(section?.scorecard[0] ?? {}));
    const usableAt = csv[0].split(',').indexOf('usable');
    expect(csv.slice(1).map((l) => l.split(',')[usableAt])).toEqual(section?.scorecard.map((r) => String(r.usable)));
    // The run reads the lists one after the other: its rows, and so the order new usable leads are counted in, are by input.
    const truth = expectedScorecard({ ...g, rows: g.sources.flatMap((src) => g.rows.filter((r) => r.source === src)) });
    const pick = (r: object) => Object.fromEntries(DATE_FREE.map((k) => [k, (r as Record<string, unknown>)[k]]));
    // Sources in the order of the inputs here, of the rows in the generated list.
    const truthOf = (r: { group: string; source: string }) => truth.find((t) => t.group === r.group && t.source === r.source) ?? {};
    expect(section?.scorecard).toHaveLength(truth.length);
    for (const r of section?.scorecard ?? []) expect(pick(r), `${r.group}/${r.source}`).toEqual(pick(truthOf(r)));
    expect(summary.thresholds[0]).toMatchObject({ metric: 'sources_max_stale_rate', tripped: false });

    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="h-sources">Sources</h2>');
    expect(html).toContain(`<td>${g.sources[0]}</td>`);
  });

  it('trips --fail-if on the worst source and says which figure a run without the step lacks', async () => {
    const { g, dir, files } = writeGenerated(11);
    const yml = path.join(dir, 'p.yml');
    fs.writeFileSync(yml, `inputs: [${files.rows}]\nas_of: ${g.asOf}\nsteps:\n  - sources: { output: out/s.json, cost: [${g.sources.map((s) => `${s}=${g.costs[s]}`).join(', ')}] }\n`);
    const tripped = await runCli(['run', yml, '-q', '--fail-if', 'sources_min_usable_rate<0.99']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/sources_min_usable_rate is 0\.\d+ \(fail if < 0\.99\)/);
    const none = path.join(dir, 'none.yml');
    fs.writeFileSync(none, `inputs: [${files.rows}]\n`);
    const missing = await runCli(['run', none, '-q', '--fail-if', 'sources_max_stale_rate>0.5']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('sources_max_stale_rate needs a sources step or output');
  });

  it('needs an output file as a step: standard output carries the rows', async () => {
    const { dir, files } = writeGenerated(3);
    const yml = path.join(dir, 'p.yml');
    fs.writeFileSync(yml, `inputs: [${files.rows}]\nsteps:\n  - sources: {}\n`);
    const r = await runCli(['run', yml, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.yml:3: sources: a step writes its report to a file \(output: FILE\)/);
  });
});
