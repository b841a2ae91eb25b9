// `leadkit run` end to end on the fixtures: the report it writes, opened in headless Chromium,
// must show the figures of that run (taken from the summary JSON the same run wrote).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommand } from '../src/commands/index.js';
import type { RunSummary } from '../src/report/summary.js';
import { chromiumRun, requireChromium, skipBrowser, visibleText } from './helpers/chromium.js';
import { runCli, type CliResult } from './helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (f: string) => path.join(root, 'fixtures', f);
const fmt = (n: number) => n.toLocaleString('en-US');
// Steps are being added one by one; use validate (rejects by reason) once it is registered.
const hasValidate = Boolean((await loadCommand('validate'))?.transform);

let dir: string;
let result: CliResult;
let summary: RunSummary;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-run-report-'));
  fs.mkdirSync(path.join(dir, 'out'));
  const steps = hasValidate ? 'steps:\n  - validate: { reject-if: invalid_email, rejects: out/rejects.csv }\n' : 'steps: []\n';
  fs.writeFileSync(
    path.join(dir, 'pipeline.yml'),
    'name: Fixture leads – Köln & Umgebung\n' +
      'as_of: 2026-11-22\n' +
      `inputs:\n  - ${fixture('vendor-de.csv')}\n  - ${fixture('crm-export.csv')}\n  - { path: ${fixture('messe-kontakte.xlsx')}, sheet: Messe }\n` +
      "import:\n  map: ['Lead ID=customer_number']\n" +
      steps +
      'outputs:\n  - export: { output: out/leads.jsonl }\n  - export: { output: out/top.xlsx, top: 3 }\n' +
      'summary_json: out/summary.json\nreport: out/report.html\n',
  );
  result = await runCli(['run', path.join(dir, 'pipeline.yml'), '-q']);
  summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('leadkit run on the fixtures', () => {
  it('succeeds and its summary reconciles: imported = output rows + removed', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const imported = summary.funnel.find((f) => f.label === 'imported')!.rows;
    expect(summary.inputs.map((i) => [path.basename(i.file), i.rows > 0])).toEqual([
      ['vendor-de.csv', true],
      ['crm-export.csv', true],
      ['messe-kontakte.xlsx', true],
    ]);
    expect(summary.inputs[2].sheet).toBe('Messe');
    expect(imported).toBe(summary.inputs.reduce((n, i) => n + i.rows, 0));
    const removed = summary.steps.reduce((n, s) => n + s.rejected + s.merged + s.suppressed, 0);
    expect(summary.rows + removed).toBe(imported);
    // JSON Lines: one line per row (CSV cells of the fixtures hold line breaks).
    const written = fs.readFileSync(path.join(dir, 'out/leads.jsonl'), 'utf8').trim().split('\n').length;
    expect(summary.outputs.map((o) => [path.basename(o.file), o.rows, o.format])).toEqual([
      ['leads.jsonl', written, 'jsonl'],
      ['top.xlsx', 3, 'xlsx'],
    ]);
    expect(written).toBe(summary.rows);
  });

  it.runIf(hasValidate)('counts validate\'s rejects by reason and in the funnel', async () => {
    const v = summary.steps.find((s) => s.name === 'validate')!;
    expect(v.rejected).toBe(v.rows_in - v.rows_out);
    expect(v.rejected).toBeGreaterThan(0);
    expect(summary.rejects_by_reason.invalid_email).toBe(v.rejected);
    expect(summary.funnel.find((f) => f.label === 'valid')!.rows).toBe(v.rows_out);
    // Rows in the side file, counted by leadkit's own reader (cells may hold line breaks).
    const profile = await runCli(['profile', '--json', path.join(dir, 'out/rejects.csv')]);
    expect(JSON.parse(profile.stdout).rows).toBe(v.rejected);
    expect(summary.columns.find((c) => c.column === 'email_status')?.status_shares).toBeDefined();
  });
});

describe.skipIf(skipBrowser)('the report of a fixture run in headless Chromium', () => {
  it(
    'shows the figures of the run',
    async () => {
      requireChromium();
      const dom = await chromiumRun(dir, ['--dump-dom', `file://${path.join(dir, 'out/report.html')}`]);
      expect(dom).not.toMatch(/<script/i);
      const text = visibleText(dom);
      expect(text).toContain('Fixture leads – Köln & Umgebung');
      const stage = (label: string) => summary.funnel.find((f) => f.label === label)!.rows;
      // The key figure cards: label, then the count from the summary JSON.
      expect(text).toContain(`Imported ${fmt(stage('imported'))} from 3 files`);
      expect(text).toContain(`Valid ${fmt(stage('valid'))} `);
      expect(text).toContain(`Qualified ${fmt(stage('qualified'))} `);
      // Inputs table: each file with its rows (and the sheet of the workbook).
      for (const i of summary.inputs) expect(text).toContain(`${i.file}${i.sheet ? ` (sheet ${i.sheet})` : ''} ${fmt(i.rows)}`);
      // Outputs table: file, format, rows written.
      for (const o of summary.outputs) expect(text).toContain(`${o.file} ${o.format} ${fmt(o.rows)}`);
      // Steps table: name, rows in, rows out.
      for (const s of summary.steps) expect(text).toContain(`${s.name} ${fmt(s.rows_in)} ${fmt(s.rows_out)}`);
      for (const [reason, n] of Object.entries(summary.rejects_by_reason)) expect(text).toMatch(new RegExp(`${reason} ${n}\\b`));
      expect(text).toContain('No --fail-if checks were set for this run.');
    },
    60_000,
  );

  it(
    'shows why a run failed when a check tripped',
    async () => {
      requireChromium();
      const failDir = fs.mkdtempSync(path.join(dir, 'fail-'));
      const r = await runCli(['run', path.join(dir, 'pipeline.yml'), '-q', '--fail-if', 'rows>5', '--report', path.join(failDir, 'report.html'), '--summary-json', path.join(failDir, 'summary.json')]);
      expect(r.code).toBe(3);
      const failed = JSON.parse(fs.readFileSync(path.join(failDir, 'summary.json'), 'utf8')) as RunSummary;
      const text = visibleText(await chromiumRun(failDir, ['--dump-dom', `file://${path.join(failDir, 'report.html')}`]));
      expect(text).toContain('✗ 1 of 1 check tripped');
      expect(text).toContain(`rows>5 ${fmt(failed.rows)} > 5 tripped`);
      expect(text).toContain('A check tripped, so these files were not written');
    },
    60_000,
  );
});
