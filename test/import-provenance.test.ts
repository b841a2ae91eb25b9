// Where the data came from (issue #18, item 6; GDPR Art. 14 for bought addresses): import writes
// each row's vendor and delivery date, every later stage keeps them, dedupe lists the origins of
// everyone it merged, and `leadkit run` takes them per input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { compileOriginStamp } from '../src/commands/import.js';
import { DELIVERY_STATUS, originOf, perInput, vendorProblem, type OriginFacts } from '../src/import/provenance.js';
import { completeness, mergeMembers, originEntry, originsOf } from '../src/match/survivorship.js';
import { PROVENANCE_FIELDS } from '../src/schema.js';
import type { RunSummary } from '../src/report/summary.js';
import type { Row } from '../src/table.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-provenance-'));

function table(csv: string): Row[] {
  const [header, ...rest] = parseCsv(csv);
  return rest.map((fields) => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
}

/** A local time: the file date is the day the machine's clock showed. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);

/** Sets a file's modification time (and access time) to a local date and time. */
function touch(file: string, when: Date): void {
  fs.utimesSync(file, when, when);
}

describe('originOf: the delivery date given, read off the file, or unknown', () => {
  it.each<[string, OriginFacts, string, string, string]>([
    ['--delivered wins over the file date', { modified: local(2026, 10, 5), delivered: '2026-10-01', vendor: 'Acme Adressen GmbH' }, 'Acme Adressen GmbH', '2026-10-01', 'given'],
    ['the file date is the local day, even just before midnight', { modified: local(2026, 9, 30, 23, 50) }, '', '2026-09-30', 'file_date'],
    ['and just after it', { modified: local(2026, 10, 1, 0, 10) }, '', '2026-10-01', 'file_date'],
    ['a file modified on the run\'s day', { modified: local(2026, 11, 22, 8) }, '', '2026-11-22', 'file_date'],
    ['a file modified after the run\'s day says nothing about its delivery', { modified: local(2026, 11, 23, 8) }, '', '', 'unknown'],
    ['standard input without --delivered', {}, '', '', 'unknown'],
    ['standard input with --delivered', { delivered: '2026-11-02' }, '', '2026-11-02', 'given'],
    ['the vendor name is trimmed', { vendor: '  Messe Kontakt KG ', delivered: '2026-09-15' }, 'Messe Kontakt KG', '2026-09-15', 'given'],
  ])('%s', (_why, facts, vendor, deliveredAt, status) => {
    expect(originOf(facts, '2026-11-22')).toEqual({ vendor, deliveredAt, deliveredStatus: status });
  });

  it.each<[string, string | undefined]>([
    ['Acme Adressen GmbH', undefined],
    ['Müller & Söhne Direktmarketing (Wien)', undefined],
    ['   ', 'is empty'],
    ['Acme;Beta', 'contains ";" or "|", which separate the origins in sources_all'],
    ['Acme | Beta', 'contains ";" or "|", which separate the origins in sources_all'],
    ['Acme\nBeta', 'contains a line break or another control character'],
  ])('vendorProblem(%j) → %j', (vendor, problem) => {
    expect(vendorProblem(vendor)).toBe(problem);
  });

  it.each<[string[] | undefined, number, (string | undefined)[] | number]>([
    [undefined, 2, [undefined, undefined]],
    [['Acme'], 3, ['Acme', 'Acme', 'Acme']],
    [['Acme', 'Messe'], 2, ['Acme', 'Messe']],
    [['Acme', 'Messe'], 3, 2],
  ])('perInput(%j, %i) → %j', (values, inputs, want) => {
    expect(perInput(values, inputs)).toEqual(want);
  });
});

describe('originsOf: every origin of a merged person, survivor first', () => {
  const acme = { record_id: 'acme:1', source: 'acme-2026-10', source_vendor: 'Acme Adressen GmbH', source_delivered_at: '2026-10-01', source_delivered_status: 'given' };
  const messe = { record_id: 'messe:4', source: 'messe-herbst', source_vendor: 'Messe Kontakt KG', source_delivered_at: '2026-09-15', source_delivered_status: 'file_date' };
  const crm = { record_id: 'crm:7', source: 'crm', source_vendor: '', source_delivered_at: '', source_delivered_status: 'unknown' };
  it.each<[string, Row[], string]>([
    ['one record', [acme], 'acme-2026-10|Acme Adressen GmbH|2026-10-01'],
    ['two lists; a guessed date says so', [acme, messe], 'acme-2026-10|Acme Adressen GmbH|2026-10-01;messe-herbst|Messe Kontakt KG|2026-09-15 (file date)'],
    ['the survivor first, whatever the list', [messe, acme], 'messe-herbst|Messe Kontakt KG|2026-09-15 (file date);acme-2026-10|Acme Adressen GmbH|2026-10-01'],
    ['an origin twice is listed once', [acme, { ...acme, record_id: 'acme:9' }, crm], 'acme-2026-10|Acme Adressen GmbH|2026-10-01;crm||'],
    ['a record merged before brings its own list', [{ ...crm, sources_all: 'crm||;acme-2026-10|Acme Adressen GmbH|2026-10-01' }, messe], 'crm||;acme-2026-10|Acme Adressen GmbH|2026-10-01;messe-herbst|Messe Kontakt KG|2026-09-15 (file date)'],
    ['rows that were never imported', [{ first_name: 'Jörg' }, { first_name: 'Joerg' }], ''],
  ])('%s', (_why, members, want) => {
    expect(originsOf(members)).toBe(want);
  });

  it('originEntry reads one record', () => {
    expect(originEntry(crm)).toBe('crm||');
    expect(originEntry({ source_vendor: 'Acme Adressen GmbH' })).toBe('|Acme Adressen GmbH|');
  });

  it('the survivor keeps its own provenance, even blank, and provenance makes no record more complete', () => {
    const survivor = { ...crm, first_name: 'Jürgen', last_name: 'Müller', email: 'j.mueller@mueller-soehne.de', phone: '' };
    const other = { ...acme, first_name: 'Jürgen', last_name: 'Müller', email: '', phone: '+49 89 1234567' };
    const merged = mergeMembers([survivor, other], [0, 1]).row;
    expect(merged.phone).toBe('+49 89 1234567');
    for (const f of PROVENANCE_FIELDS) expect(merged[f], f).toBe(survivor[f]);
    // A vendor and a date are not facts about the person: they must not make a row the survivor.
    expect(completeness({ first_name: 'Jürgen', source_vendor: 'Acme', source_delivered_at: '2026-10-01', source_delivered_status: 'given', sources_all: 'x||' })).toBe(1);
  });
});

/** Acme's list: Windows-1252 and ';', as address vendors send them. */
const ACME = [
  'Anrede;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Telefon',
  'Herr;Jürgen;Müller;Müller & Söhne GmbH;Leopoldstraße 12;80802;München;j.mueller@mueller-soehne.de;+49 89 1234567',
  'Frau;Anna;Gruber;Gruber KG;Mariahilfer Straße 45;1060;Wien;anna.gruber@gruber-kg.at;+43 1 5556677',
].join('\r\n');

/** The trade-fair service's list: UTF-8 and ','; the same Jürgen Müller, with a mobile number. */
const MESSE = [
  'Titel,Vorname,Nachname,Unternehmen,PLZ,Ort,E-Mail,Mobil',
  'Dr.,Jürgen,Mueller,Mueller & Soehne GmbH,80802,Muenchen,j.mueller@mueller-soehne.de,0171 2345678',
  ',Beat,Keller,Keller AG,8001,Zürich,beat.keller@keller-ag.ch,+41 79 123 45 67',
].join('\n');

function writeLists(dir: string): { acme: string; messe: string } {
  const acme = path.join(dir, 'acme-2026-10.csv');
  const messe = path.join(dir, 'messe-herbst.csv');
  fs.writeFileSync(acme, Buffer.from(`${ACME}\r\n`, 'latin1'));
  fs.writeFileSync(messe, `${MESSE}\n`);
  touch(acme, local(2026, 10, 2, 9));
  touch(messe, local(2026, 9, 15, 17, 30));
  return { acme, messe };
}

describe('leadkit import: source_vendor, source_delivered_at, source_delivered_status', () => {
  it('takes --vendor and --delivered once per input, in front beside record_id and source', async () => {
    const { acme, messe } = writeLists(tmp());
    const r = await runCli(['import', acme, messe, '--vendor', 'Acme Adressen GmbH', '--vendor', 'Messe Kontakt KG', '--delivered', '2026-10-01', '--delivered', '2026-09-14']);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)[0].slice(0, 5)).toEqual([...PROVENANCE_FIELDS]);
    expect(table(r.stdout).map((x) => [x.record_id, x.source, x.source_vendor, x.source_delivered_at, x.source_delivered_status, x.city])).toEqual([
      ['acme-2026-10:1', 'acme-2026-10', 'Acme Adressen GmbH', '2026-10-01', 'given', 'München'],
      ['acme-2026-10:2', 'acme-2026-10', 'Acme Adressen GmbH', '2026-10-01', 'given', 'Wien'],
      ['messe-herbst:1', 'messe-herbst', 'Messe Kontakt KG', '2026-09-14', 'given', 'Muenchen'],
      ['messe-herbst:2', 'messe-herbst', 'Messe Kontakt KG', '2026-09-14', 'given', 'Zürich'],
    ]);
    expect(r.stderr).not.toMatch(/delivery date/);
  });

  it('without --delivered reads the file date, marks it and counts it; one --vendor serves every input', async () => {
    const { acme, messe } = writeLists(tmp());
    const r = await runCli(['import', acme, messe, '--vendor', 'Acme Adressen GmbH']);
    expect(r.code).toBe(0);
    expect(table(r.stdout).map((x) => [x.source_vendor, x.source_delivered_at, x.source_delivered_status])).toEqual([
      ['Acme Adressen GmbH', '2026-10-02', 'file_date'],
      ['Acme Adressen GmbH', '2026-10-02', 'file_date'],
      ['Acme Adressen GmbH', '2026-09-15', 'file_date'],
      ['Acme Adressen GmbH', '2026-09-15', 'file_date'],
    ]);
    expect(r.stderr).toMatch(/; delivery date read off the file's modification date for 4 rows \(source_delivered_status=file_date\); give --delivered\n$/);
  });

  it('standard input has no date unless one is given', async () => {
    const none = await runCli(['import'], { stdin: `${MESSE}\n` });
    expect(table(none.stdout).map((x) => [x.source, x.source_vendor, x.source_delivered_at, x.source_delivered_status])[0]).toEqual(['stdin', '', '', 'unknown']);
    expect(none.stderr).toMatch(/no delivery date for 2 rows \(source_delivered_status=unknown/);
    const given = await runCli(['import', '--vendor', 'Messe Kontakt KG', '--delivered', '2026-09-15', '-q'], { stdin: `${MESSE}\n` });
    expect(table(given.stdout)[1]).toMatchObject({ source_vendor: 'Messe Kontakt KG', source_delivered_at: '2026-09-15', source_delivered_status: 'given' });
  });

  it.each<[string, string[], RegExp]>([
    ['--vendor neither once nor once per input', ['--vendor', 'A', '--vendor', 'B', '--vendor', 'C'], /--vendor was given 3 times for 2 inputs: give it once for all of them or once per input file/],
    ['--delivered that is no date', ['--delivered', '31.10.2026'], /--delivered expects a date yyyy-mm-dd that exists/],
    ['--delivered on a day that does not exist', ['--delivered', '2026-02-30'], /--delivered expects a date yyyy-mm-dd that exists/],
    ['a vendor name with the separator of sources_all', ['--vendor', 'Acme | Beta'], /--vendor "Acme \| Beta" \(for .*acme-2026-10\.csv\): the vendor name contains ";" or "\|"/],
    ['a column mapped onto a provenance column', ['--map', 'Firma=source_vendor'], /--map: source_vendor is set by import \(--vendor\); map "Firma" to another name, e\.g\. vendor/],
  ])('%s: a usage error, exit 2, nothing written', async (_why, args, message) => {
    const { acme, messe } = writeLists(tmp());
    const r = await runCli(['import', acme, messe, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('warns of a --delivered after the run\'s day', async () => {
    const { acme } = writeLists(tmp());
    const r = await runCli(['import', acme, '--delivered', '2026-12-24', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/acme-2026-10\.csv: delivered 2026-12-24 is after today \(2026-11-22\); check --delivered/);
  });

  it('a vendor\'s own column of that name is kept beside it, renamed', async () => {
    const r = await runCli(['import', '--vendor', 'Acme Adressen GmbH', '--delivered', '2026-10-01', '-q'], { stdin: 'Vorname;Nachname;source_vendor\nJürgen;Müller;Schober Direktmarketing\n' });
    expect(table(r.stdout)[0]).toMatchObject({ source_vendor: 'Acme Adressen GmbH', source_vendor_original: 'Schober Direktmarketing' });
  });

  it('re-importing a list leadkit wrote keeps its rows\' own origin, and says so when another is given', async () => {
    const { acme } = writeLists(tmp());
    const first = await runCli(['import', acme, '--vendor', 'Acme Adressen GmbH', '--delivered', '2026-10-01', '-q']);
    const dir = tmp();
    const again = path.join(dir, 'crm-reference.csv');
    // One row lost its vendor on the way (edited in a spreadsheet): only that one is filled.
    fs.writeFileSync(again, first.stdout.replace('acme-2026-10:2,acme-2026-10,Acme Adressen GmbH,', 'acme-2026-10:2,acme-2026-10,,'));
    const r = await runCli(['import', again, '--vendor', 'CRM-Export', '--delivered', '2026-11-20']);
    expect(r.code).toBe(0);
    expect(table(r.stdout).map((x) => [x.record_id, x.source_vendor, x.source_delivered_at, x.source_delivered_status])).toEqual([
      ['acme-2026-10:1', 'Acme Adressen GmbH', '2026-10-01', 'given'],
      ['acme-2026-10:2', 'CRM-Export', '2026-10-01', 'given'],
    ]);
    expect(r.stderr).toMatch(/crm-reference\.csv: a list leadkit wrote: its rows keep their own source_vendor \(--vendor\) and source_delivered_at \(--delivered\); the value given fills only rows without one/);
  });

  it('marks a leadkit list without a source_delivered_status column as given on re-import', async () => {
    const dir = tmp();
    const file = path.join(dir, 'export-alt.csv');
    // An older leadkit export, or one cut down in a spreadsheet: the dates are there, their status is not.
    fs.writeFileSync(
      file,
      'record_id,source,source_vendor,source_delivered_at,first_name,last_name\n' +
        'acme:1,acme,Acme Adressen GmbH,2026-10-01,Jürgen,Müller\n' +
        'acme:2,acme,Acme Adressen GmbH,,Anna,Gruber\n',
    );
    touch(file, local(2026, 11, 2));
    const r = await runCli(['import', file, '-q']);
    expect(r.code).toBe(0);
    expect(table(r.stdout).map((x) => [x.source_delivered_at, x.source_delivered_status])).toEqual([
      ['2026-10-01', 'given'],
      ['2026-11-02', 'file_date'],
    ]);
  });

  it('stamps a row that has no source_delivered_status key at all', () => {
    const origin = { vendor: '', deliveredAt: '2026-11-02', deliveredStatus: DELIVERY_STATUS.fileDate };
    const stamp = compileOriginStamp(origin, [{ from: 'source_vendor', to: 'source_vendor', how: 'provenance' }, { from: 'source_delivered_at', to: 'source_delivered_at', how: 'provenance' }]);
    const own: Row = { record_id: 'acme:1', source_vendor: 'Acme', source_delivered_at: '2026-10-01' };
    expect(stamp(own)).toBe('given');
    expect(own).toMatchObject({ source_delivered_at: '2026-10-01', source_delivered_status: 'given' });
    const none: Row = { record_id: 'acme:2', source_vendor: 'Acme', source_delivered_at: '' };
    expect(stamp(none)).toBe('file_date');
    expect(none).toMatchObject({ source_delivered_at: '2026-11-02', source_delivered_status: 'file_date' });
  });
});

/** The answer to "where do you have my address from" for the Jürgen Müller of both lists. */
const BOTH_LISTS = 'messe-herbst|Messe Kontakt KG|2026-09-15 (file date);acme-2026-10|Acme Adressen GmbH|2026-10-01';

describe('one person from two vendors, followed to the export', () => {
  it('import | validate | dedupe | classify | score | route | suppress | export keeps every origin', async () => {
    const dir = tmp();
    const { acme, messe } = writeLists(dir);
    const merges = path.join(dir, 'merges.csv');
    const imp = await runCli(['import', acme, messe, '--vendor', 'Acme Adressen GmbH', '--vendor', 'Messe Kontakt KG', '--delivered', '2026-10-01', '--delivered', '2026-09-14', '-q']);
    expect(imp.code).toBe(0);
    const steps: string[][] = [['validate'], ['dedupe', '--report', merges], ['classify'], ['score'], ['route'], ['suppress', '--mode', 'flag'], ['export', '--view', 'full']];
    let data = imp.stdout;
    for (const args of steps) {
      const r = await runCli([...args, '-q'], { stdin: data });
      expect(r.code, args.join(' ')).toBe(0);
      data = r.stdout;
      // Every stage passes the provenance columns on.
      expect(parseCsv(data)[0], args[0]).toEqual(expect.arrayContaining([...PROVENANCE_FIELDS]));
    }
    const rows = table(data);
    expect(rows).toHaveLength(3);
    const juergen = rows.find((x) => x.email === 'j.mueller@mueller-soehne.de') as Row;
    // The trade fair's record survives (it has the title and the mobile number) and keeps its own
    // origin; sources_all has both, the survivor's first.
    expect(juergen).toMatchObject({ record_id: 'messe-herbst:1', source_vendor: 'Messe Kontakt KG', source_delivered_at: '2026-09-14', source_delivered_status: 'given', merged_ids: 'messe-herbst:1;acme-2026-10:1' });
    expect(juergen.phone).toBe('+49891234567'); // filled from Acme's record
    expect(juergen.sources_all).toBe('messe-herbst|Messe Kontakt KG|2026-09-14;acme-2026-10|Acme Adressen GmbH|2026-10-01');
    expect(juergen.stage).not.toBe('');
    const beat = rows.find((x) => x.last_name === 'Keller') as Row;
    expect(beat.sources_all).toBe('messe-herbst|Messe Kontakt KG|2026-09-14');
    // The merge map answers for each merged record on its own.
    const map = table(fs.readFileSync(merges, 'utf8'));
    expect(map.filter((x) => x.survivor_id === 'messe-herbst:1').map((x) => [x.record_id, x.is_survivor, x.source, x.source_vendor, x.source_delivered_at, x.source_delivered_status])).toEqual([
      ['acme-2026-10:1', 'no', 'acme-2026-10', 'Acme Adressen GmbH', '2026-10-01', 'given'],
      ['messe-herbst:1', 'yes', 'messe-herbst', 'Messe Kontakt KG', '2026-09-14', 'given'],
    ]);
    // The sales view is a call list; the origin is looked up by record_id in the full view.
    const sales = await runCli(['export', '--view', 'sales', '-q'], { stdin: data });
    expect(parseCsv(sales.stdout)[0]).not.toContain('sources_all');
    expect(parseCsv(sales.stdout)[0]).toContain('record_id');
  });

  it('leadkit run takes vendor and delivered per input and counts the guessed dates', async () => {
    const dir = tmp();
    writeLists(dir);
    const pipeline = path.join(dir, 'nightly.yml');
    fs.writeFileSync(
      pipeline,
      [
        'name: Herbstlisten',
        'as_of: 2026-11-22',
        'inputs:',
        '  - { path: acme-2026-10.csv, vendor: Acme Adressen GmbH, delivered: 2026-10-01 }',
        '  - { path: messe-herbst.csv, vendor: Messe Kontakt KG }',
        'steps:',
        '  - validate: {}',
        '  - dedupe: { report: out/merges.csv }',
        '  - classify: {}',
        '  - score: {}',
        'outputs:',
        '  - export: { output: out/leads.csv }',
        'summary_json: out/summary.json',
        '',
      ].join('\n'),
    );
    const r = await runCli(['run', pipeline, '-q', '--fail-if', 'delivery_date_guessed>2']);
    expect(r.code).toBe(0);
    const rows = table(fs.readFileSync(path.join(dir, 'out/leads.csv'), 'utf8'));
    expect(rows.find((x) => x.email === 'j.mueller@mueller-soehne.de')?.sources_all).toBe(BOTH_LISTS);
    const map = table(fs.readFileSync(path.join(dir, 'out/merges.csv'), 'utf8'));
    expect(map.map((x) => x.source_vendor)).toEqual(['Acme Adressen GmbH', 'Acme Adressen GmbH', 'Messe Kontakt KG', 'Messe Kontakt KG']);
    const s = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(s.inputs.map((i) => [path.basename(i.file), i.delivery_date_guessed])).toEqual([
      ['acme-2026-10.csv', 0],
      ['messe-herbst.csv', 2],
    ]);
    expect(s.thresholds[0]).toMatchObject({ metric: 'delivery_date_guessed', value: 2, tripped: false });
    // The merged Jürgen Müller is the trade fair's record, with its file date; Anna Gruber is Acme's.
    const shares = s.columns.find((c) => c.column === 'source_delivered_status')?.status_shares;
    expect(shares).toEqual({ given: 1 / 3, file_date: 2 / 3 });
    const tripped = await runCli(['run', pipeline, '-q', '--fail-if', 'delivery_date_guessed>0']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/delivery_date_guessed is 2 \(fail if > 0\)/);
    const rate = await runCli(['run', pipeline, '-q', '--fail-if', 'source_delivered_file_date_rate>0.3']);
    expect(rate.code).toBe(3);
  });

  it('import-level vendor and delivered serve every input a per-input key leaves out', async () => {
    const dir = tmp();
    writeLists(dir);
    const pipeline = path.join(dir, 'p.yml');
    fs.writeFileSync(pipeline, 'inputs:\n  - acme-2026-10.csv\n  - { path: messe-herbst.csv, vendor: Messe Kontakt KG, delivered: 2026-09-14 }\nimport: { vendor: Acme Adressen GmbH, delivered: 2026-10-01 }\n');
    const r = await runCli(['run', pipeline, '-q']);
    expect(r.code).toBe(0);
    expect(table(r.stdout).map((x) => [x.source, x.source_vendor, x.source_delivered_at])).toEqual([
      ['acme-2026-10', 'Acme Adressen GmbH', '2026-10-01'],
      ['acme-2026-10', 'Acme Adressen GmbH', '2026-10-01'],
      ['messe-herbst', 'Messe Kontakt KG', '2026-09-14'],
      ['messe-herbst', 'Messe Kontakt KG', '2026-09-14'],
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['a delivered that is no date', '  - { path: acme-2026-10.csv, delivered: 1.10.2026 }', /p\.yml:2: inputs: delivered must be a date yyyy-mm-dd that exists, such as 2026-10-01; got "1\.10\.2026"/],
    ['a vendor with the separator of sources_all', '  - { path: acme-2026-10.csv, vendor: "Acme; Beta" }', /p\.yml:2: inputs: vendor "Acme; Beta": the vendor name contains ";" or "\|"/],
    ['an unknown key names the known ones', '  - { path: acme-2026-10.csv, lieferant: Acme }', /p\.yml:2: inputs: unknown key "lieferant" \(path, sheet, encoding, delimiter, header, vendor, delivered\)/],
  ])('a pipeline input with %s is a usage error', async (_why, input, message) => {
    const dir = tmp();
    writeLists(dir);
    const pipeline = path.join(dir, 'p.yml');
    fs.writeFileSync(pipeline, `inputs:\n${input}\n`);
    const r = await runCli(['run', pipeline, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('DELIVERY_STATUS', () => {
  it('names the three states a delivery date can be in', () => {
    expect(Object.values(DELIVERY_STATUS)).toEqual(['given', 'file_date', 'unknown']);
  });
});
