import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parsePipeline } from '../src/pipeline/spec.js';
import { bindOptions } from '../src/pipeline/bind-options.js';
import { teeBatches } from '../src/pipeline/tee.js';
import { exportCommand } from '../src/commands/export.js';
import type { RunSummary } from '../src/report/summary.js';

const root = path.resolve(import.meta.dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-run-'));

function writePipeline(dir: string, body: string): string {
  const f = path.join(dir, 'pipeline.yml');
  fs.writeFileSync(f, body);
  return f;
}

describe('leadkit run', () => {
  it('gives the same rows as the same steps chained with pipes', async () => {
    const dir = tmp();
    const vendor = path.join(root, 'fixtures/vendor-de.csv');
    const crm = path.join(root, 'fixtures/crm-export.csv');
    const f = writePipeline(
      dir,
      `inputs: [${vendor}, ${crm}]\nimport: { map: ['Lead ID=customer_number'] }\noutputs:\n  - export: { sort: 'company:desc,last_name', columns: '!notes' }\n`,
    );
    const piped1 = await runCli(['import', vendor, crm, '--map', 'Lead ID=customer_number', '-q']);
    const piped2 = await runCli(['export', '--sort', 'company:desc,last_name', '--columns', '!notes', '-q'], { stdin: piped1.stdout });
    const run = await runCli(['run', f, '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(piped2.stdout);
    expect(run.stdout.split('\n').length).toBeGreaterThan(25);
  });

  it('writes several outputs from one pass, paths relative to the pipeline file', async () => {
    const dir = tmp();
    fs.copyFileSync(path.join(root, 'fixtures/ragged.csv'), path.join(dir, 'in.csv'));
    const f = writePipeline(dir, 'inputs: ["*.csv"]\noutputs:\n  - export: { output: out.csv }\n  - export: { output: out.jsonl }\n  - profile: { output: profile.txt, json: true }\n');
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').split('\n')[1]).toBe('in:1,in,,,unknown,Eva,Lang,eva.lang@lang-gmbh.de,01067,,,,Eva,Lang,as_written');
    expect(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'profile.txt'), 'utf8')).rows).toBe(4);
  });

  it('leaves the previous run\'s files in place when the run fails', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'good.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(dir, 'bad.csv'), Buffer.concat([Buffer.from('a,b\n1,Jörg\n3,'), Buffer.from([0xe4, 0x0a])]));
    fs.writeFileSync(path.join(dir, 'out.csv'), 'previous\n');
    const f = writePipeline(dir, 'inputs: [good.csv, bad.csv]\noutputs:\n  - export: { output: out.csv }\n  - export: { output: new.csv }\n');
    const r = await runCli(['run', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:2: UTF-8 "ö"/);
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('previous\n');
    expect(fs.existsSync(path.join(dir, 'new.csv'))).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('names the pipeline file and line for mistakes in it (exit 2)', async () => {
    const dir = tmp();
    const f = writePipeline(dir, 'inputs: [x.csv]\noutputs:\n  - export:\n      output: a.csv\n      sortt: score\n');
    fs.writeFileSync(path.join(dir, 'x.csv'), 'a\n1\n');
    const r = await runCli(['run', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:5: export: unknown option "sortt"`);
    const g = writePipeline(dir, 'inputs: [x.csv]\nstepz: []\n');
    expect((await runCli(['run', g])).stderr).toContain(`${g}:2: unknown key "stepz"`);
  });

  it('--log-format json writes one JSON object per stderr line', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'x.csv'), 'Vorname\nEva\n');
    const f = writePipeline(dir, 'inputs: [x.csv]\noutputs:\n  - export: { output: o.csv }\n');
    const r = await runCli(['run', f, '--log-format', 'json']);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.level && l.message && l.time)).toBe(true);
  });

  it("uses the run's as_of over a rules file's, and a step's own --as-of over both", async () => {
    const dir = tmp();
    const rules = path.join(root, 'fixtures/qualify/rules.yml'); // as_of: 2026-11-20
    const input = path.join(root, 'fixtures/qualify/leads.csv');
    const pipeline = (scoreOpts: string) =>
      `as_of: 2026-11-22\ninputs: [${JSON.stringify(input)}]\nsteps:\n  - score: { rules: ${JSON.stringify(rules)}${scoreOpts} }\n`;
    fs.writeFileSync(path.join(dir, 'a.yml'), pipeline(''));
    fs.writeFileSync(path.join(dir, 'b.yml'), pipeline(', as-of: 2026-01-15'));
    const a = await runCli(['run', path.join(dir, 'a.yml')]);
    expect(a.code).toBe(0);
    expect(a.stderr).toMatch(/score: \d+ rows as of 2026-11-22/);
    const b = await runCli(['run', path.join(dir, 'b.yml')]);
    expect(b.stderr).toMatch(/score: \d+ rows as of 2026-01-15/);
    const c = await runCli(['score', input, '--rules', rules]);
    expect(c.stderr).toMatch(/score: \d+ rows as of 2026-11-20/);
  });

  it('runs the bundled demo, writing into out/ of the current folder', async () => {
    const cwd = process.cwd();
    const dir = tmp();
    process.chdir(dir);
    try {
      const r = await runCli(['run', '--demo', '-q']);
      // Only warnings about what the demo lists lack (no activity or phone-consent columns).
      expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
      expect(r.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(fs.existsSync(path.join(dir, 'out/leads.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'fixtures/demo/out'))).toBe(false);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(summary.pipeline).toBe('Demo nightly leads');
    expect(summary.inputs).toHaveLength(3);
    // Every step ran: a rejected row, merged duplicates, the do-not-contact entry, owners.
    expect(summary.steps.map((s) => s.name)).toEqual(['import', 'sources', 'validate', 'dedupe', 'classify', 'score', 'route', 'accounts', 'suppress']);
    // The scorecard is of the lists as delivered (before validate rejects a row), with no reference
    // that is also an input: the CRM export is a list of its own there.
    const card = summary.sources?.scorecard ?? [];
    expect(card.find((c) => c.group === 'total')?.rows).toBe(summary.inputs.reduce((n, i) => n + i.rows, 0));
    expect(card.filter((c) => c.group === 'source').map((c) => [c.source, c.rows, c.reference_overlap])).toEqual([
      ['vendor-de', 24, null],
      ['crm-export', 6, null],
      ['messe-kontakte', 5, null],
    ]);
    expect(card.find((c) => c.source === 'vendor-de')?.email_invalid).toBe(1);
    // Every file a step writes is among the outputs, the accounts table as the scorecard.
    expect(summary.outputs.map((o) => [o.file, o.format])).toEqual(expect.arrayContaining([
      ['out/sources.csv', 'csv'],
      ['out/accounts.csv', 'csv'],
    ]));
    expect(summary.outputs.find((o) => o.file === 'out/accounts.csv')?.rows).toBe(summary.accounts?.accounts);
    expect(summary.rejects_by_reason.no_contact).toBe(1);
    expect(summary.duplicates_merged).toBeGreaterThan(0);
    expect(summary.suppressed_by_reason).toHaveProperty(['list_email:do-not-contact.txt']);
    expect(Object.keys(summary.rows_per_owner).length).toBeGreaterThan(2);
    expect(summary.as_of).toBe('2026-11-22');
    expect(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('<h1>Demo nightly leads</h1>');
  });
});

/** Four rows, one of them without an email. */
const FOUR = 'Vorname,Nachname,E-Mail,Firma\nEva,Lang,eva@lang.de,Lang GmbH\nTom,Berg,tom@berg.de,Berg AG\nIda,Kern,,Kern KG\nUwe,Roth,uwe@roth.de,Roth OHG\n';
const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as RunSummary;
const leftovers = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).filter((n) => n.includes('.tmp-'));

describe('leadkit run: summary, report and --fail-if', () => {
  it('writes the summary JSON and the report named in the file, relative to it', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(
      dir,
      'name: Kleine Liste\ninputs: [in.csv]\noutputs:\n  - export: { output: out/top.csv, top: 2 }\n  - profile: { output: out/profile.json, json: true }\nsummary_json: out/summary.json\nreport: out/report.html\n',
    );
    const r = await runCli(['run', f]);
    expect(r.code).toBe(0);
    const s = readJson(path.join(dir, 'out/summary.json'));
    expect(s.pipeline).toBe('Kleine Liste');
    expect(s.as_of).toBe('2026-11-22');
    expect(s.inputs).toEqual([{ file: expect.stringMatching(/in\.csv$/), rows: 4, encoding: 'utf8', delimiter: ',', stray_quote_rows: 0, ragged_rows: 0, headers_guessed: 0, delivery_date_guessed: 0 }]);
    expect(s.steps.map((st) => [st.name, st.rows_in, st.rows_out])).toEqual([['import', 4, 4]]);
    expect(s.funnel).toEqual([
      { label: 'imported', rows: 4 },
      { label: 'valid', rows: 4 },
      { label: 'unique', rows: 4 },
      { label: 'qualified', rows: 4 },
    ]);
    // The summary counts every row that reached the outputs, even when one output keeps only two.
    expect(s.rows).toBe(4);
    expect(s.outputs).toEqual([
      { file: expect.stringMatching(/out\/top\.csv$/), rows: 2, format: 'csv' },
      { file: expect.stringMatching(/out\/profile\.json$/), rows: 4, format: 'json' },
    ]);
    expect(s.columns.find((c) => c.column === 'email')).toEqual({ column: 'email', filled: 3, fill_rate: 0.75 });
    expect(s.thresholds).toEqual([]);
    const html = fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8');
    expect(html).toContain('<h1>Kleine Liste</h1>');
    expect(html).not.toContain('were not written');
    expect(r.stderr).toMatch(/run Kleine Liste: imported 4 → valid 4 → unique 4 → qualified 4 in [\d.]+ s; outputs: .*top\.csv, .*profile\.json; summary: .*summary\.json, .*report\.html\n$/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('counts the whole run when every output stops early (--top)', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: one.csv, top: 1 }\nsummary_json: s.json\n');
    expect((await runCli(['run', f, '-q'])).code).toBe(0);
    const s = readJson(path.join(dir, 's.json'));
    expect([s.inputs[0].rows, s.steps[0].rows_out, s.rows, s.outputs[0].rows]).toEqual([4, 4, 4, 1]);
  });

  it('takes --summary-json and --report from the command line over the file', async () => {
    const dir = tmp();
    const elsewhere = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\nsummary_json: file-summary.json\n');
    const r = await runCli(['run', f, '-q', '--summary-json', path.join(elsewhere, 's.json'), '--report', path.join(elsewhere, 'r.html')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readJson(path.join(elsewhere, 's.json')).rows).toBe(4);
    expect(fs.readFileSync(path.join(elsewhere, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(fs.existsSync(path.join(dir, 'file-summary.json'))).toBe(false);
  });

  it('passes checks that hold and says so', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\nsummary_json: s.json\nfail_if: email_fill_rate<0.5\n');
    const r = await runCli(['run', f, '--fail-if', 'rows<1,rejected_rate>10%']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('checks: 3 of 3 passed');
    expect(readJson(path.join(dir, 's.json')).thresholds.map((t) => [t.expr, t.value, t.tripped])).toEqual([
      ['email_fill_rate<0.5', 0.75, false],
      ['rows<1', 4, false],
      ['rejected_rate>10%', 0, false],
    ]);
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(true);
  });

  it('a tripped --fail-if exits 3, replaces no output, and still writes the summary and report', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out/leads.csv'), 'previous\n');
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: out/leads.csv }\n  - export: { output: out/new.jsonl }\n');
    const r = await runCli(['run', f, '--fail-if', 'rows<100', '--fail-if', 'email_fill_rate<0.5', '--summary-json', path.join(dir, 'out/summary.json'), '--report', path.join(dir, 'out/report.html')]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^leadkit: --fail-if tripped: rows is 4 \(fail if < 100\); no output file was replaced \(summary: .*summary\.json, .*report\.html\)$/);
    expect(r.stderr).toContain('outputs not written (the previous files are kept)');
    expect(fs.readFileSync(path.join(dir, 'out/leads.csv'), 'utf8')).toBe('previous\n');
    expect(fs.existsSync(path.join(dir, 'out/new.jsonl'))).toBe(false);
    const s = readJson(path.join(dir, 'out/summary.json'));
    expect(s.thresholds.map((t) => [t.metric, t.value, t.limit, t.tripped])).toEqual([
      ['rows', 4, 100, true],
      ['email_fill_rate', 0.75, 0.5, false],
    ]);
    const html = fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8');
    expect(html).toContain('✗ 1 of 2 checks tripped');
    expect(html).toContain('these files were not written');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a fail_if in the pipeline file trips the same way', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\nsummary_json: s.json\nfail_if:\n  - rows<1\n  - email_fill_rate<0.8\n');
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(3);
    // The one line on stderr names the check that tripped, its value and limit (the other held).
    expect(r.stderr).toBe(`leadkit: --fail-if tripped: email_fill_rate is 0.75 (fail if < 0.8); no output file was replaced (summary: ${path.join(dir, 's.json')})\n`);
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
    expect(readJson(path.join(dir, 's.json')).thresholds).toHaveLength(2);
  });

  it.each([
    ['email_invalid_rate=>0.2', /write >= or <=/],
    ['email_invalid_rate>0,2', /decimals with a point/],
    ['rows>', /expected <metric><operator><number>/],
    ['rowz<5', /unknown metric "rowz"/],
    ['email_invalid_rate>20', /a share between 0 and 1/],
  ])('a malformed --fail-if %j exits 2 before any work', async (expr, message) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\nsummary_json: s.json\n');
    const r = await runCli(['run', f, '--fail-if', expr]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['in.csv', 'pipeline.yml']);
  });

  it('names the file and line of a malformed fail_if, report or summary_json (exit 2)', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const bad = writePipeline(dir, 'inputs: [in.csv]\nfail_if:\n  - rows<1\n  - email_rate=0.1\n');
    let r = await runCli(['run', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4: fail_if: --fail-if "email_rate=0.1": use == to compare`);
    const bad2 = writePipeline(dir, 'inputs: [in.csv]\nreport: { path: r.html }\n');
    r = await runCli(['run', bad2]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad2}:2: report: give a file path`);
  });

  it('a --report folder that does not exist is a usage error before any work', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\n');
    const r = await runCli(['run', f, '--report', path.join(dir, 'nope/r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report .*nope\/r\.html: directory .* does not exist/);
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
  });

  it('a check on a column the run does not have is a usage error; outputs are kept back, the summary written', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\nsummary_json: s.json\n');
    const r = await runCli(['run', f, '-q', '--fail-if', 'website_fill_rate<0.5', '--fail-if', 'rows<1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-if "website_fill_rate<0.5": no column "website" in this run');
    expect(fs.existsSync(path.join(dir, 'o.csv'))).toBe(false);
    expect(readJson(path.join(dir, 's.json')).thresholds.map((t) => t.expr)).toEqual(['rows<1']);
  });

  it('--log-format json: the summary and every check are JSON objects with their figures', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\noutputs:\n  - export: { output: o.csv }\n');
    const r = await runCli(['run', f, '--log-format', 'json', '--fail-if', 'rows>3', '--fail-if', 'rows>10']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    // Every line is JSON, the exit point's own error line too.
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.at(-1)).toMatchObject({ level: 'error', exit: 3, message: expect.stringMatching(/^leadkit: --fail-if tripped: rows is 4/) });
    const checks = logged.filter((l) => l.event === 'threshold');
    expect(checks.map((c) => [c.level, c.expr, c.value, c.limit, c.tripped])).toEqual([
      ['error', 'rows>3', 4, 3, true],
      ['info', 'rows>10', 4, 10, false],
    ]);
    const summary = logged.find((l) => l.event === 'summary');
    expect(summary).toMatchObject({ level: 'info', rows: 4, funnel: { imported: 4, valid: 4, unique: 4, qualified: 4 }, outputs_written: false });
    expect(summary.outputs).toEqual([{ file: expect.stringMatching(/o\.csv$/), rows: 4, format: 'csv' }]);
  });
});

describe('leadkit run: files a step writes, and a scorecard after a step that removed rows', () => {
  const steps = (first: string, second: string) =>
    `inputs: [in.csv]\nsteps:\n  - ${first}\n  - ${second}\n  - accounts: { output: out/accounts.csv }\noutputs:\n  - export: { output: out/leads.csv }\nsummary_json: out/summary.json\n`;
  const validate = 'validate: { reject-if: no_contact, rejects: out/rejects.csv }';
  const sources = 'sources: { output: out/sources.json }';

  it('lists the accounts table and the scorecard among the outputs, in the summary and on stderr', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const r = await runCli(['run', writePipeline(dir, steps(sources, validate))]);
    expect(r.code).toBe(0);
    const s = readJson(path.join(dir, 'out/summary.json'));
    expect(s.outputs).toEqual([
      { file: path.join(dir, 'out/leads.csv'), rows: 3, format: 'csv' },
      // The scorecard's rows (one source and the total), and the accounts table's (one per company).
      { file: path.join(dir, 'out/sources.json'), rows: 2, format: 'json' },
      { file: path.join(dir, 'out/accounts.csv'), rows: 3, format: 'csv' },
    ]);
    expect(fs.readFileSync(path.join(dir, 'out/accounts.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(r.stderr).toMatch(/; outputs: \S*leads\.csv, \S*sources\.json, \S*accounts\.csv; summary:/);
    // Sources first: the scorecard has every imported row, and nothing is said.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/sources.json'), 'utf8')).at(-1).rows).toBe(4);
    expect(r.stderr).not.toContain('the scorecard is of');
  });

  it('warns when a step before sources removed rows, naming it and the count', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, steps(validate, sources));
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: ${f}:4: sources: the scorecard is of 3 of the 4 imported rows (validate (line 3) removed 1)`);
    expect(r.stderr).toContain('put sources before those steps (right after import)');
    // A step before it that removes nothing (no row without contact data) leaves nothing to say.
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR.replace('Ida,Kern,,', 'Ida,Kern,ida@kern.de,'));
    const quiet = await runCli(['run', f, '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('the scorecard is of');
  });

  it("refuses a step's file that another output writes too", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'in.csv'), FOUR);
    const f = writePipeline(dir, 'inputs: [in.csv]\nsteps:\n  - accounts: { output: out/x.csv }\noutputs:\n  - export: { output: out/x.csv }\n');
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/x\.csv is written by accounts output \(line 3\) and by export output \(line 5\)/);
    expect(fs.existsSync(path.join(dir, 'out/x.csv'))).toBe(false);
  });
});

describe('pipeline pieces', () => {
  it('binds step options like the command line (defaults, switches, negation, repeatable)', () => {
    const r = bindOptions(exportCommand.options, { 'split-by': 'owner', 'formula-guard': false, top: 10 });
    expect(r).toEqual({ ok: true, opts: { formulaGuard: false, splitBy: 'owner', top: 10, spillAbove: 1024 } });
    const bad = bindOptions(exportCommand.options, { format: 'pdf' });
    expect(bad.ok).toBe(false);
  });
  it('parses as_of and rejects a malformed one', () => {
    expect(parsePipeline('as_of: 2026-11-22\ninputs: [a.csv]\n', 'p.yml').asOf).toBe('2026-11-22');
    expect(() => parsePipeline('as_of: yesterday\ninputs: [a.csv]\n', 'p.yml')).toThrow(/p\.yml:1: as_of must be a date/);
  });
  it('parses summary_json, report and fail_if, with paths relative to the file', () => {
    const spec = parsePipeline('inputs: [a.csv]\nsummary_json: out/s.json\nreport: /abs/r.html\nfail_if: rows<100, email_invalid_rate>20%\n', path.join('jobs', 'p.yml'));
    expect(spec.summaryJson).toBe(path.join('jobs', 'out', 's.json'));
    expect(spec.report).toBe('/abs/r.html');
    expect(spec.failIf.map((t) => [t.metric, t.op, t.limit])).toEqual([
      ['rows', '<', 100],
      ['email_invalid_rate', '>', 0.2],
    ]);
    expect(parsePipeline('inputs: [a.csv]\n', 'p.yml').failIf).toEqual([]);
    // The demo's files go where it is run, its inputs stay beside the file.
    const demo = parsePipeline('inputs: [a.csv]\nsummary_json: out/s.json\n', path.join('pkg', 'p.yml'), { writeDir: '/home/eva' });
    expect(demo.summaryJson).toBe(path.join('/home/eva', 'out', 's.json'));
    expect(demo.dir).toBe(path.resolve('pkg'));
    expect(() => parsePipeline('inputs: [a.csv]\nfail_if: [rows<1, rowz<1]\n', 'p.yml')).toThrow(/p\.yml:2: fail_if: --fail-if "rowz<1": unknown metric "rowz"/);
  });
  it('tees a stream to consumers that each see every batch in order', async () => {
    async function* src() {
      for (let i = 0; i < 5; i++) yield i;
    }
    const [a, b] = teeBatches(src(), 2);
    const read = async (it: AsyncIterable<number>) => {
      const out: number[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    expect(await Promise.all([read(a), read(b)])).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
  });
});
