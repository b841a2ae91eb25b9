import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumRun, requireChromium, skipBrowser, visibleText } from './helpers/chromium.js';
import { renderReportHtml } from '../src/report/html.js';
import { SummaryBuilder, type RunSummary } from '../src/report/summary.js';
import type { Row } from '../src/table.js';

const EVIL_OWNER = '<script>alert(1)</script>';
const AMP_OWNER = 'Müller & Söhne';
const EVIL_FILE = `incoming/"Q4" <Messe> & Co's.csv`;

/** A deterministic pseudo-random sequence (mulberry32), so the sample run is the same every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let x = rnd() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
}

/** A nightly run over three vendor files, as `leadkit run` would record it. */
function sampleSummary(): RunSummary {
  const rnd = random(42);
  const b = new SummaryBuilder({ pipeline: 'Nächtliche Leads – Messe München', as_of: '2026-11-22', leadkit_version: '0.1.0', started_at: '2026-11-22T03:00:04.120Z' });
  b.input({ file: 'incoming/messe-münchen-2026.csv', rows: 7320, encoding: 'windows-1252', delimiter: ';' });
  b.input({ file: EVIL_FILE, rows: 3160, encoding: 'utf-8', delimiter: ',' });
  b.input({ file: 'crm/bestand.xlsx', rows: 2000, encoding: 'xlsx', delimiter: '', sheet: 'Kontakte' });
  b.step({ name: 'validate', rows_in: 12480, rows_out: 11342, rejected: 1138, seconds: 4.21 });
  b.reject('invalid_email', 702);
  b.reject('invalid_email;no_contact', 251);
  b.reject('missing_address', 185);
  b.step({ name: 'dedupe', rows_in: 11342, rows_out: 9874, merged: 1468, seconds: 11.8 });
  b.step({ name: 'classify', rows_in: 9874, rows_out: 9874, seconds: 1.4 });
  b.step({ name: 'score', rows_in: 9874, rows_out: 9874, seconds: 0.9 });
  b.step({ name: 'suppress', rows_in: 9874, rows_out: 9412, suppressed: 462, seconds: 0.6 });
  b.suppress('consent_denied', 301);
  b.suppress('blocklist <intern> & Wettbewerber', 161);
  b.step({ name: 'route', rows_in: 9412, rows_out: 9412, seconds: 0.3 });

  const owners: [string, number][] = [
    ['Jürgen Groß', 22],
    ['Zoë Schäfer', 18],
    [AMP_OWNER, 15],
    ['Team Süd (Ümit Özdemir)', 12],
    [EVIL_OWNER, 3],
    ['Björn Weiß', 9],
    ['unassigned', 4],
  ];
  const rows: Row[] = [];
  for (let i = 0; i < 9412; i++) {
    const score = Math.min(100, Math.max(0, Math.round(55 + (rnd() + rnd() + rnd() - 1.5) * 60)));
    const grade = score >= 70 ? 'A' : score >= 50 ? 'B' : score >= 30 ? 'C' : 'D';
    rows.push({
      record_id: `messe:${i + 2}`,
      company: pick(rnd, [['Bäckerei Köhler', 1], ['Straßenbau Weiß KG', 1], ['Grün & Partner', 1]]),
      email: rnd() < 0.96 ? `kontakt${i}@example.de` : '',
      email_status: pick(rnd, [['valid', 81], ['risky', 7], ['invalid', 8], ['missing', 4]]),
      phone: rnd() < 0.72 ? '+49301234567' : '',
      phone_status: pick(rnd, [['valid', 64], ['invalid', 9], ['', 27]]),
      address_status: pick(rnd, [['valid', 88], ['invalid', 5], ['missing', 7]]),
      website: rnd() < 0.38 ? 'example.de' : '',
      score: String(score),
      grade,
      temperature: score >= 80 ? 'hot' : score >= 50 ? 'warm' : 'cold',
      stage: score >= 75 ? 'sql_ready' : score >= 50 ? 'mql' : 'lead',
      owner: pick(rnd, owners),
    });
  }
  for (let i = 0; i < rows.length; i += 1000) b.observeRows(rows.slice(i, i + 1000));
  b.output({ file: 'out/leads-2026-11-22.csv', rows: 9412, format: 'csv' });
  b.output({ file: 'out/hot-leads.xlsx', rows: 1203, format: 'xlsx' });
  return b.finish({
    finished_at: '2026-11-22T03:00:27.610Z',
    thresholds: ['email_invalid_rate>0.05', 'rows<100', 'duplicate_rate>0.3', 'hot_rate<0.01'],
  });
}

const summary = sampleSummary();
const html = renderReportHtml(summary);
const fmt = (n: number) => n.toLocaleString('en-US');

describe('renderReportHtml (markup)', () => {
  it('is one self-contained UTF-8 page: no URL, no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('escapes data everywhere: owner names, file names, reasons, pipeline name', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Müller &amp; Söhne');
    expect(html).not.toContain('Müller & Söhne');
    expect(html).toContain('incoming/&quot;Q4&quot; &lt;Messe&gt; &amp; Co&#39;s.csv');
    expect(html).toContain('blocklist &lt;intern&gt; &amp; Wettbewerber');
    expect(html).toContain('<h1>Nächtliche Leads – Messe München</h1>');
    expect(html).toContain('<title>Nächtliche Leads – Messe München · lead report 2026-11-22</title>');
  });

  it('shows the key figures with thousands separators', () => {
    for (const n of [12480, 11342, 9874, 9412, 1468, 1138, 462]) expect(html).toContain(`>${fmt(n)}<`);
    const routed = summary.funnel.find((f) => f.label === 'routed')!.rows;
    expect(routed).toBeGreaterThan(8000);
    expect(html).toContain(`>${fmt(routed)}<`);
    expect(html).toContain('As of <b>2026-11-22</b>');
    expect(html).toContain('Run time <b>23 s</b>');
  });

  it('writes every chart figure as text and labels every chart for screen readers', () => {
    const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(10);
    for (const tag of svgs) {
      expect(tag).toContain('role="img"');
      expect(tag).toMatch(/aria-labelledby="chart-\d+-t chart-\d+-d"/);
    }
    expect((html.match(/<svg\b/g) ?? []).length).toBe((html.match(/<title id="chart-/g) ?? []).length);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // Histogram counts as SVG text.
    for (const b of summary.score_histogram) expect(html).toContain(`class="num">${fmt(b.rows)}</text>`);
    // Owner bars carry the owner's (escaped) name and count.
    const share = ((summary.rows_per_owner[AMP_OWNER] / summary.rows) * 100).toFixed(1);
    expect(html).toMatch(new RegExp(`>Müller &amp; Söhne</text><rect[^>]*/><text[^>]*>${fmt(summary.rows_per_owner[AMP_OWNER])}<tspan[^>]*>${share}%</tspan>`));
  });

  it('highlights tripped thresholds and states the verdict', () => {
    expect(summary.thresholds.map((t) => t.tripped)).toEqual([true, false, false, false]);
    expect(html).toContain('<tr class="tripped"><td><code>email_invalid_rate&gt;0.05</code>');
    expect(html).toContain('✗ 1 of 4 checks tripped');
    expect(html).toContain('<span class="badge bad">tripped</span>');
  });

  it('shows per-column fill rates and status shares', () => {
    const email = summary.columns.find((c) => c.column === 'email_status')!;
    expect(html).toContain('<code>email_status</code>');
    expect(html).toContain(`valid <b>${(email.status_shares!.valid * 100).toFixed(1)}%</b>`);
    expect(html).toContain('(empty) <b>');
    const website = summary.columns.find((c) => c.column === 'website')!;
    expect(html).toContain(`<span class="pct low">${(website.fill_rate * 100).toFixed(1)}%</span>`);
  });

  it('says the outputs were not written when a check tripped, and only then', () => {
    expect(html).toContain('A check tripped, so these files were not written');
    const passed = renderReportHtml({ ...summary, thresholds: summary.thresholds.filter((t) => !t.tripped) });
    expect(passed).not.toContain('were not written');
    expect(passed).toContain('✓ All 3 checks passed');
  });

  it('has a print stylesheet', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
  });

  it('renders an empty run with explanations instead of empty charts', () => {
    const empty = new SummaryBuilder({ pipeline: 'Leer', as_of: '2026-11-22', leadkit_version: '0.1.0', started_at: '2026-11-22T03:00:00Z' }).finish({
      finished_at: '2026-11-22T03:00:00Z',
    });
    const page = renderReportHtml(empty);
    expect(page).toContain('No score column in this run');
    expect(page).toContain('No owner column in this run');
    expect(page).toContain('No rows were rejected.');
    expect(page).toContain('No --fail-if checks were set');
    expect(page).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });
});

/* ------------------------------------------------------------------ real rendering */

const tmpDirs: string[] = [];

afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(skipBrowser)('renderReportHtml in headless Chromium', () => {
  it(
    'renders the figures, names and charts',
    async () => {
      requireChromium();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-report-'));
      tmpDirs.push(dir);
      const file = path.join(dir, 'report.html');
      fs.writeFileSync(file, html, 'utf8');
      const url = `file://${file}`;

      const dom = await chromiumRun(dir, ['--dump-dom', url]);
      // The owner named like a script tag stayed text: the page has no script element at all.
      expect(dom).not.toMatch(/<script/i);
      const text = visibleText(dom);
      // Read as UTF-8 (a wrong charset would show "MÃ¼ller").
      expect(text).toContain('Nächtliche Leads – Messe München');
      expect(text).toContain(AMP_OWNER);
      expect(text).toContain(EVIL_OWNER);
      expect(text).toContain('Jürgen Groß');
      expect(text).toContain(EVIL_FILE);
      for (const f of summary.funnel) expect(text).toContain(fmt(f.rows));
      for (const label of ['Imported', 'Valid', 'Unique', 'Qualified', 'Routed', 'Merged', 'Rejected', 'Suppressed']) expect(text).toContain(label);
      for (const b of summary.score_histogram) expect(text).toContain(`${b.bucket}`);
      expect(text).toContain('email_invalid_rate>0.05');

      const png = path.join(dir, 'report.png');
      await chromiumRun(dir, [`--screenshot=${png}`, '--window-size=1280,2000', url]);
      const image = fs.readFileSync(png);
      expect(image.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([1280, 2000]);
      // A blank page compresses to a few KB; charts, cards and text make it far larger.
      expect(image.length).toBeGreaterThan(60_000);

      const pdf = path.join(dir, 'report.pdf');
      await chromiumRun(dir, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, url]);
      const doc = fs.readFileSync(pdf);
      expect(doc.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(doc.length).toBeGreaterThan(20_000);

      // For review (or a CI artifact): LEADKIT_REPORT_OUT=dir keeps the page, screenshot and PDF.
      const keep = process.env.LEADKIT_REPORT_OUT;
      if (keep) {
        fs.mkdirSync(keep, { recursive: true });
        for (const f of [file, png, pdf]) fs.copyFileSync(f, path.join(keep, path.basename(f)));
      }
    },
    60_000,
  );
});
