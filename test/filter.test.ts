import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWhere, WhereSyntaxError } from '../src/rules/where.js';
import { parseConditionFile } from '../src/rules/load.js';
import { compileCondition } from '../src/score/conditions.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { runCli } from './helpers/run-cli.js';

// A scored list as it leaves `leadkit score`: Austrian, German and US rows, a German decimal
// score, a dd.mm.yyyy date from an Excel export, a score that is no number, an empty website.
const SCORED = [
  'record_id,first_name,last_name,company,country,email,email_status,grade,score,website,city,created_at,postal_code',
  'crm:2,Jürgen,Größ,Müller & Söhne GmbH,AT,j.groess@mueller.at,valid,A,82,https://mueller.at,Wiener Neustadt,2026-03-01,2700',
  'crm:3,Anna,Öztürk,Brauerei Zötl,DE,anna@zoetl.de,invalid,B,"71,5",,München,14.02.2026,01067',
  'crm:4,Mike,Smith,"Acme, Inc.",US,mike@acme.com,valid,C,45,acme.com,New York,12/30/2025,10001',
  'crm:5,Eva,Huber,Huber KG,AT,,,B,n/a,,Graz,,8010',
  'crm:6,Zoë,Maier,Maier Bau GmbH,AT,zoe@maierbau.at,valid,B,70,maierbau.at,Zürich,2026-01-15,8001',
].join('\n');

const [HEADER, ...CELLS] = parseCsv(SCORED);
const ROWS = CELLS.map((cells) => Object.fromEntries(HEADER.map((h, i) => [h, cells[i] ?? ''])));
const firstColumn = (csv: string) => parseCsv(csv).slice(1).map((c) => c[0]);

function ids(expr: string): string[] {
  const keep = compileCondition(parseWhere(expr));
  return ROWS.filter(keep).map((r) => r.record_id);
}

function errorOf(expr: string): { reason: string; col: number } {
  try {
    parseWhere(expr);
  } catch (err) {
    if (err instanceof WhereSyntaxError) return { reason: err.reason, col: err.col };
    throw err;
  }
  throw new Error(`no error for ${expr}`);
}

describe('filter expressions', () => {
  it.each([
    ['email_status eq valid and grade in [A,B]', ['crm:2', 'crm:6']],
    ['not (country in [DE,AT]) or score gte 70', ['crm:2', 'crm:3', 'crm:4', 'crm:6']],
    ['website empty', ['crm:3', 'crm:5']],
    ['website not_empty and not country eq US', ['crm:2', 'crm:6']],
    // and binds tighter than or
    ['grade eq C or grade eq A and country eq AT', ['crm:2', 'crm:4']],
    ['(grade eq C or grade eq A) and country eq AT', ['crm:2']],
    // quoted values with spaces, umlauts folded as in the rules file
    ['city eq "Wiener Neustadt"', ['crm:2']],
    ["city in ['muenchen', zuerich]", ['crm:3', 'crm:6']],
    ['company contains "söhne"', ['crm:2']],
    // numbers in either locale; a cell that is no number never matches
    ['score gt 71', ['crm:2', 'crm:3']],
    ['score lt 71', ['crm:4', 'crm:6']],
    ['score between [45, 70]', ['crm:4', 'crm:6']],
    // dates: ISO and German in the cell; the value decides that it is a date
    ['created_at gte 01.02.2026', ['crm:2', 'crm:3']],
    ['created_at between [2026-01-01, 2026-02-28]', ['crm:3', 'crm:6']],
    // a postcode with a leading zero stays text; a bare number compares as a number
    ['postal_code eq 01067', ['crm:3']],
    ['postal_code in [8010, 8001]', ['crm:5', 'crm:6']],
    ['email regex "\\.at$"', ['crm:2', 'crm:6']],
    ['"first_name" ne Zoë AND NOT email empty', ['crm:2', 'crm:3', 'crm:4']],
    ['not not grade eq a', ['crm:2']],
  ])('%s', (expr, want) => expect(ids(expr)).toEqual(want));

  it.each([
    ['email_status eq valid and grade in ', 'expected a value after "in"', 36],
    ['email_status eq valid and grade in [A,', 'expected a value in the list after "in", found the end', 39],
    ['score gtr 70', 'unknown operator "gtr" (did you mean "gt"?)', 7],
    ['score >= 70', 'unknown operator ">="', 7],
    ['grade in A', 'op "in" needs a list of values, e.g. [a, b]', 10],
    ['grade eq [A,B]', 'op "eq" needs one value (use in / not_in for a list)', 10],
    ['country eq AT and score gte hoch', 'op "gte" needs a number or a date (yyyy-mm-dd or dd.mm.yyyy)', 29],
    ['website empty yes', 'expected "and" or "or" before "yes"', 15],
    ['(grade eq A or grade eq B', 'expected ")" to close the "(" at column 1, found the end', 26],
    ['grade eq A)', 'unmatched ")"', 11],
    ['city eq "Wiener Neustadt', 'unclosed " quote', 9],
    ['and grade eq A', 'expected a field name before "and"', 1],
    ['', 'empty condition', 1],
    ['email regex "[a-"', 'invalid regular expression', 13],
    ['score between [80, 20]', 'the low end is above the high end', 15],
  ])('rejects %j at its column', (expr, reason, col) => {
    const e = errorOf(expr);
    expect(e.reason).toContain(reason);
    expect(e.col).toBe(col);
  });

  it('reads a condition file like a rules-file condition, with its line on an error', () => {
    const spec = parseConditionFile('any:\n  - { field: grade, op: in, value: [A] }\n  - { field: score, op: gte, value: 71 }\n', 'hot.yml');
    expect(ROWS.filter(compileCondition(spec)).map((r) => r.record_id)).toEqual(['crm:2', 'crm:3']);
    let display = '';
    try {
      parseConditionFile('all:\n  - field: score\n    op: gte\n    value: hoch\n', 'hot.yml');
    } catch (err) {
      display = (err as { display: string }).display;
    }
    expect(display).toMatch(/^hot\.yml:4:12: all\[0\]\.value: op "gte" needs a number/);
    expect(() => parseConditionFile('', 'empty.yml')).toThrow(/a condition file is a mapping/);
  });
});

describe('leadkit filter', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-filter-'));
  const input = path.join(dir, 'scored.csv');
  fs.writeFileSync(input, SCORED);

  it('keeps matching rows, sends the rest to --rest and reconciles in the summary', async () => {
    const rest = path.join(dir, 'rest.csv');
    const r = await runCli(['filter', 'email_status eq valid and grade in [A,B]', input, '--rest', rest]);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)[0]).toEqual(HEADER);
    expect(firstColumn(r.stdout)).toEqual(['crm:2', 'crm:6']);
    expect(firstColumn(fs.readFileSync(rest, 'utf8'))).toEqual(['crm:3', 'crm:4', 'crm:5']);
    expect(r.stderr).toContain('filter: 5 in = 2 kept + 3 not matching');
  });

  it('counts cells a number or date comparison cannot read, and names the field in --rest', async () => {
    const rest = path.join(dir, 'rest-unreadable.csv');
    const r = await runCli(['filter', 'score gte 70 or created_at lt 2026-01-01', input, '--rest', rest, '--columns', 'record_id']);
    expect(r.code).toBe(0);
    expect(firstColumn(r.stdout)).toEqual(['crm:2', 'crm:3', 'crm:4', 'crm:6']);
    expect(r.stderr).toContain('filter: 1 row has a value that is no number or date where the condition compares one, so it never matches there: score 1 (e.g. "n/a")');
    const side = parseCsv(fs.readFileSync(rest, 'utf8'));
    expect(side[0].at(-1)).toBe('filter_unreadable');
    // An empty created_at is empty, not unreadable; crm:4's 12/30/2025 reads as a date.
    expect(side.slice(1).map((c) => [c[0], c.at(-1)])).toEqual([['crm:5', 'score']]);
  });

  it('--invert keeps the others; the condition can come as --where or from stdin rows', async () => {
    const r = await runCli(['filter', '--where', 'website empty', '--invert', '-q'], { stdin: SCORED });
    expect(r.code).toBe(0);
    expect(firstColumn(r.stdout)).toEqual(['crm:2', 'crm:4', 'crm:6']);
  });

  it('--where-file: the first argument is then an input file', async () => {
    const w = path.join(dir, 'hot.yml');
    fs.writeFileSync(w, 'not:\n  field: country\n  op: in\n  value: [DE, AT]\n');
    const r = await runCli(['filter', '--where-file', w, input, '-q']);
    expect(r.code).toBe(0);
    expect(firstColumn(r.stdout)).toEqual(['crm:4']);
  });

  it('a syntax error is a usage error with the column, and writes nothing', async () => {
    const out = path.join(dir, 'never.csv');
    const r = await runCli(['filter', 'email_status eq valid and grade in ', input, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('filter: expected a value after "in" at column 36');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a column the input lacks counts as empty, with a suggestion for a typo', async () => {
    const r = await runCli(['filter', 'emial_status eq valid or webseite empty', input, '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('filter: no column "emial_status" (did you mean "email_status"?); it counts as empty');
    expect(r.stderr).toContain('filter: no column "webseite" (did you mean "website"?)');
    expect(firstColumn(r.stdout)).toHaveLength(5);
  });

  it('runs as a pipeline step, with its --rest file relative to the pipeline', async () => {
    const p = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-filter-run-'));
    fs.writeFileSync(path.join(p, 'leads.csv'), SCORED);
    fs.writeFileSync(
      path.join(p, 'pipeline.yml'),
      [
        'inputs: [leads.csv]',
        'steps:',
        '  - filter: { where: "country in [AT, DE] and email not_empty", rest: out/rest.csv }',
        'outputs:',
        '  - export: { output: out/keep.csv, columns: "Record_ID,/^e-?mail$/" }',
      ].join('\n'),
    );
    const r = await runCli(['run', path.join(p, 'pipeline.yml'), '-q']);
    expect(r.stderr).toBe('');
    // No number comparison in the condition: the metric is 0, the check holds.
    expect((await runCli(['run', path.join(p, 'pipeline.yml'), '-q', '--fail-if', 'filter_unreadable>0'])).code).toBe(0);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(p, 'out/keep.csv'), 'utf8').trim().split(/\r?\n/)).toEqual(['record_id,email', 'leads:1,j.groess@mueller.at', 'leads:2,anna@zoetl.de', 'leads:5,zoe@maierbau.at']);
    expect(firstColumn(fs.readFileSync(path.join(p, 'out/rest.csv'), 'utf8'))).toEqual(['leads:3', 'leads:4']);
    // The run accounts for the two rows the filter dropped: rejected, reason "filtered".
    const counted = await runCli(['run', path.join(p, 'pipeline.yml'), '-q', '--summary-json', path.join(p, 'out/summary.json')]);
    expect(counted.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(p, 'out/summary.json'), 'utf8'));
    expect(summary.funnel.find((f: { label: string }) => f.label === 'valid').rows).toBe(3);
    expect((await runCli(['run', path.join(p, 'pipeline.yml'), '-q', '--fail-if', 'rejected>1'])).code).toBe(3);

    // "n/a" in score cannot be compared: a --fail-if check on the count trips and replaces nothing.
    fs.writeFileSync(path.join(p, 'hot.yml'), 'inputs: [leads.csv]\nsteps:\n  - filter: { where: "score gte 50" }\noutputs:\n  - export: { output: out/hot.csv }\n');
    const tripped = await runCli(['run', path.join(p, 'hot.yml'), '-q', '--fail-if', 'filter_unreadable>0']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/filter_unreadable/);
    expect(fs.existsSync(path.join(p, 'out/hot.csv'))).toBe(false);
  });
});
