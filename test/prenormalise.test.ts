// dedupe's match values worked out beside the matcher (src/match/prenormalise.ts): a row's
// normalised text stores the same features as the row itself, from the columns a worker gets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Features, NORMALISE_READS, pickExtras, rowNormaliser } from '../src/match/features.js';
import { normaliseCellMapper, prenormalise } from '../src/match/prenormalise.js';
import type { CompareField } from '../src/match/compare-spec.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { fromArray, type Row } from '../src/table.js';
import { generateLists } from './helpers/lead-generator.js';
import { spawnSync } from 'node:child_process';

const EXTRAS: CompareField[] = [
  { field: 'birth_date', type: 'date' },
  { field: 'vat_id', type: 'exact' },
];

/** Rows of every kind the normaliser reads: names in one cell, titles, extensions, birth dates in parts, AT/US/FR numbers. */
const ROWS: Row[] = [
  { record_id: 'a:1', salutation: 'Frau Dr.', first_name: 'Käthe', last_name: 'Groß-Weiß', email: 'K.Gross@Example.AT ', phone: '01 5123456', phone_extension: '12', country: 'Österreich', postal_code: '1010', city: 'Wien', street: 'Stephansplatz', house_number: '4', company: 'Groß & Weiß GmbH', birth_date: '14.03.1971', vat_id: 'ATU12345678' },
  { record_id: 'a:2', full_name: 'Mr John A. Smith', email: 'john@acme.com', mobile: '(212) 736-5000', mobile_extension: '', state: 'NY', postal_code: '10118', city: 'New York', street: '350 Fifth Avenue', company: 'Acme Corp.' },
  { record_id: 'a:3', first_name: 'H.-P.', last_name: 'van der Berg', email: 'info@berg.fr', phone: '01 42 68 53 00', country: 'FR', city: 'Paris', birth_day: '7', birth_month: '11', birth_year: '1994' },
  { record_id: 'a:4', first_name: '', last_name: '', email: '', phone: 'n/a', company: 'Bäckerei Öztürk KG', country: '', postal_code: '80802' },
  { record_id: 'a:5', first_name: 'Tab\there', last_name: 'Müller', email: 'm@x.de' },
];

/** Every feature a row stores, read back. */
function stored(f: Features, i: number): unknown[] {
  return [f.normalisedOf(i), f.colGender.data[i], f.initials(i), f.colPhone2.data[i] >= 0];
}

describe('a row normalised beside the matcher', () => {
  const g = generateLists(20261204, 120);
  const [header, ...lines] = parseCsv(g.importedCsv);
  const generated: Row[] = lines.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])));
  const rows = [...ROWS, ...generated];

  it('stores the same features as the row itself', () => {
    const text = rowNormaliser({ compare: EXTRAS, defaultCallingCode: '49' });
    const byRow = new Features(rows.length, { compare: EXTRAS, defaultCallingCode: '49' });
    const byText = new Features(rows.length, { compare: EXTRAS, defaultCallingCode: '49' });
    for (const row of rows) {
      byRow.add(row);
      // A tab in a cell is folded away like other white space: every row has its text.
      const t = text(row);
      expect(t).not.toBe('');
      byText.addNormalised(t);
    }
    for (let i = 0; i < rows.length; i++) expect(stored(byText, i), String(rows[i].record_id)).toEqual(stored(byRow, i));
    // The values are really there: Austrian number with its extension, a US mobile, the birth date from its parts.
    expect(byRow.normalisedOf(0).split('\t')[11]).toMatch(/1971/);
    expect(byRow.normalisedOf(0)).toMatch(/\+4315123456/);
    expect(byRow.normalisedOf(1)).toMatch(/\+12127365000/);
    expect(byRow.normalisedOf(2).split('\t')[11]).toMatch(/1994/);
  });

  it('needs no more of a row than the columns a worker gets', () => {
    const mapper = normaliseCellMapper({ reads: [...NORMALISE_READS, 'birth_date', 'vat_id'], compare: EXTRAS, defaultCallingCode: '49' });
    const text = rowNormaliser({ compare: EXTRAS, defaultCallingCode: '49' });
    const reads = [...NORMALISE_READS, 'birth_date', 'vat_id'];
    const cells = rows.map((r) => reads.map((c) => r[c] ?? ''));
    expect(mapper(cells).map((r) => r[0])).toEqual(rows.map((r) => text(r)));
  });

  it('keeps the extra comparisons that apply, in their order', () => {
    const text = rowNormaliser({ compare: EXTRAS, defaultCallingCode: '49' })(ROWS[0]);
    const only = rowNormaliser({ compare: [EXTRAS[1]], defaultCallingCode: '49' })(ROWS[0]);
    expect(pickExtras(text, [1])).toBe(only);
  });

  it('passes the rows through in order, with a text for each once the worker runs (in this thread: none)', async () => {
    const pre = prenormalise(fromArray(rows, 7), { compare: EXTRAS, defaultCallingCode: '49', jobs: 0 });
    const seen: Row[] = [];
    for await (const b of pre.batches) seen.push(...b);
    expect(seen).toEqual(rows);
    const t = pre.normalisedFor(EXTRAS);
    expect(rows.map((_, i) => t(i)).every((x) => x === undefined)).toBe(true);
  });
});

const root = path.resolve(import.meta.dirname, '..');
const built = fs.existsSync(path.join(root, 'dist/match/normalise-worker.js'));

describe.runIf(built)('dedupe with its match values from a worker (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-prenormalise-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the same clusters, merge map and review file as without one', () => {
    const g = generateLists(20261205, 400);
    const file = path.join(dir, 'leads.csv');
    fs.writeFileSync(file, g.importedCsv);
    const run = (tag: string, jobs: string) => {
      const f = { o: path.join(dir, `${tag}.csv`), report: path.join(dir, `${tag}-map.csv`), review: path.join(dir, `${tag}-review.csv`) };
      const args = ['dedupe', file, '--jobs', jobs, '--spill-above', '0', '-o', f.o, '--report', f.report, '--review', f.review];
      const r = spawnSync(path.join(root, 'bin/leadkit'), args, { encoding: 'utf8', env: { ...process.env, TMPDIR: dir } });
      expect(r.status, r.stderr).toBe(0);
      return { f, stderr: r.stderr };
    };
    const one = run('worker', '1');
    const none = run('none', '0');
    expect(one.stderr).toBe(none.stderr.replaceAll(none.f.report, one.f.report).replaceAll(none.f.review, one.f.review));
    for (const k of ['o', 'report', 'review'] as const) expect(fs.readFileSync(one.f[k], 'utf8'), k).toBe(fs.readFileSync(none.f[k], 'utf8'));
    expect(fs.readFileSync(one.f.o, 'utf8').trim().split('\n').length - 1).toBeLessThan(g.rows.length);
  });
});
