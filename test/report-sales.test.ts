// The run report's sales view: per-owner mix, top leads, trend against the previous run, the
// banner of a tripped check, plurals, and a page that fits a phone's width.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../src/report/html.js';
import { OwnerMixes, TopLeads } from '../src/report/sales-counters.js';
import { OTHER, SummaryBuilder, type RunSummary } from '../src/report/summary.js';
import { keyFigures, parsePreviousSummary, trendRows } from '../src/report/trend.js';
import type { Row } from '../src/table.js';
import { chromiumRun, requireChromium, skipBrowser, visibleText } from './helpers/chromium.js';
import { runCli } from './helpers/run-cli.js';

const meta = { pipeline: 'Wöchentliche Leads – Wien & Graz', as_of: '2026-11-22', leadkit_version: '0.1.0', started_at: '2026-11-22T03:00:00Z' };

function lead(i: number, score: string, extra: Partial<Row> = {}): Row {
  const n = Number(score.replace(',', '.'));
  return {
    record_id: `messe-wien:${i + 2}`,
    first_name: 'Jürgen',
    last_name: `Österreicher ${i}`,
    company: `Bäckerei Öztürk GmbH ${i}`,
    phone: '+43 1 5246 000',
    score,
    grade: n >= 70 ? 'A' : n >= 50 ? 'B' : n >= 30 ? 'C' : 'D',
    temperature: n >= 80 ? 'hot' : n >= 50 ? 'warm' : 'cold',
    stage: n >= 75 ? 'SQL-ready' : n >= 50 ? 'MQL' : 'lead',
    score_reasons: `title_decision_maker:20;company_size_50_249:15;country_dach:10;no_website:-5`,
    owner: 'Zoë Schäfer',
    ...extra,
  };
}

describe('SummaryBuilder: owner mix and top leads', () => {
  const b = new SummaryBuilder({ ...meta, top_leads: 3 });
  b.observeRows([
    lead(0, '91', { owner: 'Jürgen Groß' }),
    lead(1, '85', { owner: 'Jürgen Groß', full_name: 'Dr. Anna Müller-Lüdenscheidt' }),
    lead(2, '62', { owner: 'Jürgen Groß' }),
    lead(3, '91', { owner: 'Zoë Schäfer' }),
    lead(4, '85,5', { owner: 'Zoë Schäfer' }),
    lead(5, 'n/a', { owner: '', grade: '', temperature: '' }),
    lead(6, '12', { owner: 'Zoë Schäfer' }),
  ]);
  const s = b.finish({ finished_at: '2026-11-22T03:01:00Z' });

  it('counts grades, temperatures and hot leads per owner', () => {
    expect(s.owner_mix).toEqual({
      'Jürgen Groß': { rows: 3, hot: 2, grades: { A: 2, B: 1 }, temperatures: { hot: 2, warm: 1 } },
      'Zoë Schäfer': { rows: 3, hot: 2, grades: { A: 2, D: 1 }, temperatures: { hot: 2, cold: 1 } },
      unassigned: { rows: 1, hot: 0, grades: {}, temperatures: {} },
    });
  });

  it('keeps the best N by score, ties in the order the rows came, a decimal comma read', () => {
    expect(s.top_leads!.map((l) => [l.record_id, l.score])).toEqual([
      ['messe-wien:2', 91],
      ['messe-wien:5', 91],
      ['messe-wien:6', 85.5],
    ]);
    expect(s.top_leads![0]).toMatchObject({ name: 'Jürgen Österreicher 0', company: 'Bäckerei Öztürk GmbH 0', owner: 'Jürgen Groß', grade: 'A', temperature: 'hot' });
    expect(s.top_leads![0].reasons).toBe('title_decision_maker:20;company_size_50_249:15;country_dach:10;no_website:-5');
  });

  it('lists ten leads by default and none with top_leads 0; nothing without a score or owner column', () => {
    const rows = Array.from({ length: 14 }, (_, i) => lead(i, String(40 + i)));
    const ten = new SummaryBuilder(meta);
    ten.observeRows(rows);
    expect(ten.finish().top_leads!.map((l) => l.score)).toEqual([53, 52, 51, 50, 49, 48, 47, 46, 45, 44]);
    const none = new SummaryBuilder({ ...meta, top_leads: 0 });
    none.observeRows(rows);
    expect(none.finish().top_leads).toBeUndefined();
    const plain = new SummaryBuilder(meta);
    plain.observeRows([{ record_id: 'a:2', email: 'office@beispiel.at' }]);
    const p = plain.finish();
    expect(p.top_leads).toBeUndefined();
    expect(p.owner_mix).toBeUndefined();
  });

  it('caps the owners and adds the rest up under one name', () => {
    const m = new OwnerMixes(2, OTHER);
    for (const o of ['Anna', 'Bernd', 'Cäcilia', 'Dörte', 'Anna']) m.add(o, 'A', 'hot');
    expect(m.toRecord()).toEqual({
      Anna: { rows: 2, hot: 2, grades: { A: 2 }, temperatures: { hot: 2 } },
      Bernd: { rows: 1, hot: 1, grades: { A: 1 }, temperatures: { hot: 1 } },
      [OTHER]: { rows: 2, hot: 2, grades: { A: 2 }, temperatures: { hot: 2 } },
    });
    const t = new TopLeads(2);
    for (const [id, sc] of [['a', '10'], ['b', '30'], ['c', '20'], ['d', '30']]) t.offer({ record_id: id, score: sc });
    expect(t.toList().map((l) => l.record_id)).toEqual(['b', 'd']);
  });
});

describe('trend against the previous run', () => {
  const run = (rows: number, valid: number, merged: number, stages: Record<string, number>): RunSummary => {
    const b = new SummaryBuilder(meta);
    b.input({ file: 'lieferant.csv', rows: 1000, encoding: 'windows-1252', delimiter: ';' });
    b.step({ name: 'validate', rows_in: 1000, rows_out: valid, rejected: 1000 - valid, seconds: 1 });
    b.step({ name: 'dedupe', rows_in: valid, rows_out: valid - merged, merged, seconds: 1 });
    const out: Row[] = [];
    for (const [stage, n] of Object.entries(stages)) for (let i = 0; i < n; i++) out.push({ record_id: `x:${out.length + 2}`, stage });
    while (out.length < rows) out.push({ record_id: `x:${out.length + 2}` });
    b.observeRows(out);
    return b.finish({ finished_at: '2026-11-22T03:00:20Z' });
  };

  it('counts MQLs as stage MQL or later and compares rows, valid share, duplicates and MQLs', () => {
    const before = keyFigures(run(800, 900, 100, { MQL: 30, 'SQL-ready': 10, lead: 200 }));
    expect(before).toMatchObject({ rows: 800, valid_share: 0.9, duplicates: 100, mqls: 40 });
    const now = keyFigures(run(850, 930, 80, { MQL: 28, 'SQL-ready': 10, lead: 200 }));
    expect(trendRows(now, before).map((r) => [r.label, r.direction, r.change])).toEqual([
      ['Rows', 'up', 50],
      ['Valid share', 'up', 0.03],
      ['Duplicates', 'down', -20],
      ['MQLs', 'down', -2],
    ]);
    // Without a stage column in one of the runs there is no MQL line rather than a zero.
    expect(trendRows(keyFigures(run(850, 930, 80, {})), before).map((r) => r.label)).toEqual(['Rows', 'Valid share', 'Duplicates']);
  });

  it('reads a saved summary and says why a file is not one', () => {
    const saved = run(800, 900, 100, { MQL: 5 });
    expect(parsePreviousSummary(JSON.stringify(saved))).toMatchObject({ rows: 800, duplicates: 100, mqls: 5, as_of: '2026-11-22' });
    expect(parsePreviousSummary('Vorname;Nachname\nJürgen;Groß\n')).toBe('not JSON');
    expect(parsePreviousSummary('{"rows": "800"}')).toMatch(/not a leadkit run summary/);
  });

  it('shows arrows and numbers, good news and bad news apart', () => {
    const previous = keyFigures(run(800, 900, 100, { MQL: 30, lead: 10 }));
    const page = renderReportHtml({ ...run(850, 880, 120, { MQL: 30, lead: 10 }), previous });
    const text = visibleText(page);
    expect(text).toContain('Rows 850 800 ▲ +50 (+6.3%)');
    expect(text).toContain('Valid share 88.0% 90.0% ▼ −2.0 points');
    expect(text).toContain('Duplicates 120 100 ▲ +20 (+20.0%)');
    expect(text).toContain('MQLs 30 30 = no change');
    expect(page).toContain('<td class="n change bad"><span aria-label="up">▲</span> +20 (+20.0%)</td>');
    expect(page).toContain('<td class="n change good"><span aria-label="up">▲</span> +50 (+6.3%)</td>');
    expect(renderReportHtml(run(850, 880, 120, {}))).toContain('No previous run to compare with');
  });
});

/** A big run as a sales team has it: many owners with long names, long reasons. */
function salesSummary(thresholds: string[] = []): RunSummary {
  const b = new SummaryBuilder({ ...meta, top_leads: 10 });
  b.input({ file: 'incoming/messe-wien-2026-aussteller-und-besucher-export-final-v2.csv', rows: 3000, encoding: 'windows-1252', delimiter: ';' });
  b.step({ name: 'validate', rows_in: 3000, rows_out: 2900, rejected: 100, seconds: 1 });
  b.reject('invalid_email', 100);
  const owners = Array.from({ length: 26 }, (_, i) => `Vertriebsteam Niederösterreich-Süd ${i + 1} (Ümit Özdemir-Hartmannsdorfer)`);
  const rows: Row[] = [];
  for (let i = 0; i < 2900; i++) {
    const score = (i * 37) % 101;
    rows.push(
      lead(i, String(score), {
        owner: owners[i % owners.length],
        score_reasons: 'title_geschaeftsfuehrung_oder_vorstand:25;unternehmensgroesse_250_bis_999_mitarbeiter:15;besuch_messestand_wien:12;newsletter_abonniert:8;keine_website:-5',
      }),
    );
  }
  b.observeRows(rows);
  return b.finish({ finished_at: '2026-11-22T03:00:20Z', thresholds, previous: { finished_at: '2026-11-15T03:00:18Z', as_of: '2026-11-15', rows: 2800, valid_share: 0.95, duplicates: 0, mqls: 1400 } });
}

describe('the sales panels (markup)', () => {
  const page = renderReportHtml(salesSummary(['rows<100', 'hot_rate>0.05']));
  // Tags become spaces in the visible text; "+25 , " reads "+25, " on the page.
  const text = visibleText(page).replace(/ ([,:;])/g, '$1');

  it('lists the top leads with their reasons, best first', () => {
    expect(text).toContain('Top 10 leads');
    expect(text).toMatch(/# Lead Owner Score Grade Temp\. Reasons 1 Jürgen Österreicher \d+ Bäckerei Öztürk GmbH \d+ messe-wien:\d+ Vertriebsteam .* 100 A hot title_geschaeftsfuehrung_oder_vorstand \+25, unternehmensgroesse_250_bis_999_mitarbeiter \+15, besuch_messestand_wien \+12, newsletter_abonniert \+8, 1 more reason/);
  });

  it('shows per owner the rows, the hot leads and the grade and temperature mix', () => {
    const s = salesSummary();
    const [owner, mix] = Object.entries(s.owner_mix!)[0];
    expect(mix.hot).toBe(mix.temperatures.hot);
    expect(text).toContain(`${owner} ${mix.rows} ${mix.hot} ${mix.grades.A}`);
    expect(text).toContain('7 more owners');
    expect(text).toMatch(/\d+ hot leads across 26 owners/);
  });

  it('puts a tripped check in a banner above the header, not in its corner', () => {
    expect(page.indexOf('<div class="banner" role="alert">')).toBeGreaterThan(0);
    expect(page.indexOf('<div class="banner"')).toBeLessThan(page.indexOf('<header'));
    expect(page).not.toContain('verdict bad');
    expect(text).toContain('✗ 1 of 2 checks tripped');
    expect(text).toMatch(/hot_rate>0\.05: the run measured 2\d\.\d%, the limit is > 5\.0%/);
    expect(renderReportHtml(salesSummary(['rows<100']))).not.toContain('class="banner"');
  });

  it('wraps every table so that it scrolls in its panel', () => {
    expect((page.match(/<table/g) ?? []).length).toBe((page.match(/<div class="scroll"><table/g) ?? []).length);
  });

  it('writes "1 row" and "2 rows", never "1 rows"', () => {
    const b = new SummaryBuilder({ ...meta, top_leads: 1 });
    b.input({ file: 'eine-zeile.csv', rows: 2, encoding: 'utf-8', delimiter: ',' });
    b.step({ name: 'validate', rows_in: 2, rows_out: 1, rejected: 1, seconds: 0.1 });
    b.reject('invalid_email', 1);
    b.step({ name: 'dedupe', rows_in: 1, rows_out: 1, merged: 0, seconds: 0.1 });
    b.observeRows([lead(0, '88', { owner: 'Jürgen Groß' })]);
    const one = renderReportHtml(b.finish({ thresholds: ['rows<5'], previous: { finished_at: '', as_of: '2026-11-15', rows: 2, valid_share: 1, duplicates: 1, mqls: 1 } }));
    const t = visibleText(one);
    expect(t).toContain('from 1 file');
    expect(t).toContain('Rejected: 1 row');
    expect(t).toContain('1 scored row by score band');
    expect(t).toContain('Top 1 lead ');
    expect(t).toContain('1 hot lead across 1 owner.');
    expect(t).toContain('✗ 1 of 1 check tripped');
    expect(t).toContain('Shares of the 1 output row.');
    expect(t).not.toMatch(/\b1 (rows|files|owners|checks|leads|duplicates|scored rows|output rows|hot leads|points)\b/);
    expect(t).not.toMatch(/NaN|undefined|Infinity/);
  });
});

/* ------------------------------------------------------------------ at a phone's width */

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * The page's width in an iframe 375 px wide (a phone): headless Chromium's window cannot be made
 * that narrow, an iframe can. The probe page is the test's; the report itself has no script.
 */
async function widthAtPhone(dir: string, html: string): Promise<{ page: number; viewport: number }> {
  const escaped = html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const probe = `<!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:375px;height:2400px;border:0" srcdoc="${escaped}"></iframe><script>
const f = document.getElementById('f');
f.onload = () => document.body.setAttribute('data-width', f.contentDocument.documentElement.scrollWidth + 'x' + f.contentWindow.innerWidth);
</script></body></html>`;
  const file = path.join(dir, 'phone.html');
  fs.writeFileSync(file, probe, 'utf8');
  const dom = await chromiumRun(dir, ['--window-size=800,2400', '--virtual-time-budget=10000', '--dump-dom', `file://${file}`]);
  const m = /data-width="(\d+)x(\d+)"/.exec(dom);
  if (!m) throw new Error('the probe did not report a width');
  const png = process.env.LEADKIT_REPORT_OUT;
  if (png) {
    fs.mkdirSync(png, { recursive: true });
    await chromiumRun(dir, ['--window-size=400,2400', `--screenshot=${path.join(png, 'report-375.png')}`, `file://${file}`]);
  }
  return { page: Number(m[1]), viewport: Number(m[2]) };
}

describe.skipIf(skipBrowser)('the report at a phone\'s width in headless Chromium', () => {
  it(
    'fits 375 px: wide tables scroll inside their panels, the page does not',
    async () => {
      requireChromium();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-phone-'));
      tmpDirs.push(dir);
      const { page, viewport } = await widthAtPhone(dir, renderReportHtml(salesSummary(['hot_rate>0.05'])));
      expect(viewport).toBe(375);
      expect(page).toBeLessThanOrEqual(375);
    },
    60_000,
  );
});

/* ------------------------------------------------------------------ leadkit run */

describe('leadkit run: the trend from the summary it replaces, or --compare-to', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-trend-'));
  tmpDirs.push(dir);
  fs.mkdirSync(path.join(dir, 'out'));
  const pipeline = path.join(dir, 'pipeline.yml');
  fs.writeFileSync(
    pipeline,
    `name: Trend Wien\nas_of: 2026-11-22\ninputs:\n  - ${path.join(root, 'fixtures', 'vendor-de.csv')}\nsteps: []\n` +
      'outputs:\n  - export: { output: out/leads.csv }\nsummary_json: out/summary.json\nreport: out/report.html\n',
  );

  it('compares the second run with the first, and with a summary named by --compare-to', async () => {
    expect((await runCli(['run', pipeline, '-q'])).code).toBe(0);
    const first = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(first.previous).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('No previous run to compare with');

    const second = await runCli(['run', pipeline, '-q']);
    expect(second.stderr).toBe('');
    const again = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(again.previous).toMatchObject({ rows: first.rows, finished_at: first.finished_at });
    expect(visibleText(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8'))).toContain(`Rows ${first.rows} ${first.rows} = no change`);

    const older = path.join(dir, 'older.json');
    fs.writeFileSync(older, JSON.stringify({ ...first, rows: first.rows + 3 }));
    expect((await runCli(['run', pipeline, '-q', '--compare-to', older])).code).toBe(0);
    expect(visibleText(fs.readFileSync(path.join(dir, 'out/report.html'), 'utf8'))).toContain(`Rows ${first.rows} ${first.rows + 3} ▼ −3`);
  }, 60_000);

  it('refuses a --compare-to file that is not a summary (exit 2), and warns about a replaced one', async () => {
    const bad = path.join(dir, 'leads.csv');
    fs.writeFileSync(bad, 'Vorname;Nachname\nJürgen;Groß\n');
    const r = await runCli(['run', pipeline, '-q', '--compare-to', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--compare-to');
    expect(r.stderr).toContain('not JSON');
    fs.writeFileSync(path.join(dir, 'out/summary.json'), '{"hallo": "Welt"}');
    const w = await runCli(['run', pipeline, '-q']);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/summary\.json: not a leadkit run summary .*; the report shows no trend/);
  }, 60_000);
});
