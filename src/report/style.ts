/**
 * The report's stylesheet, inlined into the page. System fonts only: the report is opened from
 * mail attachments and file shares, often offline, so nothing may be fetched.
 */
export const REPORT_CSS = `
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --panel: #ffffff; --bg: #f3f4f6;
  --accent: #2563eb; --bad: #b91c1c; --bad-bg: #fef2f2; --good: #15803d; --good-bg: #f0fdf4; --warn: #b45309; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 40px; }
header.top { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 12px 24px;
  padding-bottom: 16px; margin-bottom: 20px; border-bottom: 3px solid var(--accent); }
header.top h1 { margin: 0; font-size: 26px; line-height: 1.2; overflow-wrap: anywhere; }
header.top .kicker { margin: 0 0 4px; color: var(--muted); font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 8px 0 0; padding: 0; list-style: none; color: var(--muted); }
.meta b { color: var(--ink); font-weight: 600; }
.verdict { padding: 10px 14px; border-radius: 8px; font-weight: 600; max-width: 460px; }
.verdict.ok { background: var(--good-bg); color: var(--good); border: 1px solid #bbf7d0; }
.verdict.bad { background: var(--bad-bg); color: var(--bad); border: 1px solid #fecaca; }
.verdict.none { background: var(--panel); color: var(--muted); border: 1px solid var(--line); font-weight: 500; }
.verdict small { display: block; font-weight: 500; overflow-wrap: anywhere; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0 0 20px; padding: 0; list-style: none; }
.figure { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; border-top: 4px solid var(--accent); }
.figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.figure .value { font-size: 28px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.figure .note, td .note { color: var(--muted); font-size: 12px; }
.figure.loss { border-top-color: #f59e0b; }
.figure.result { border-top-color: #1d4ed8; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 16px; }
section.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 16px; min-width: 0; }
.grid > section.panel { margin-bottom: 0; }
section.panel h2 { margin: 0 0 4px; font-size: 17px; }
section.panel h3 { margin: 14px 0 6px; font-size: 14px; color: var(--muted); font-weight: 600; }
section.panel h3:first-of-type { margin-top: 8px; }
p.lead { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
p.empty { margin: 8px 0; color: var(--muted); font-style: italic; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; font-size: 13px; }
svg.chart .num { font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.file { overflow-wrap: anywhere; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
tfoot td { font-weight: 600; border-bottom: 0; }
.quality td.bar { width: 1%; white-space: nowrap; padding-right: 20px; }
.quality td.bar .pct { display: inline-block; min-width: 3.6em; text-align: right; }
td.zero { color: #9ca3af; }
td.nowrap { white-space: nowrap; }
ul.stats { margin-top: 10px; font-size: 13px; }
ul.stats b { color: var(--ink); }
/* max-width: none: a percentage max-width lets a table shrink the cell below the gauge, which then overlaps the next column. */
.quality td.bar svg.chart { display: inline-block; vertical-align: middle; margin-right: 8px; max-width: none; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 12px; margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--muted); }
.legend li { white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.low { color: var(--warn); font-weight: 600; }
tr.tripped td { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.bad { background: var(--bad); color: #fff; }
.badge.ok { background: var(--good-bg); color: var(--good); border: 1px solid #bbf7d0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
/* A tripped check: full width above the header, so it is the first thing read, on a phone too. */
.banner { background: var(--bad); color: #fff; border-radius: 10px; padding: 12px 16px; margin-bottom: 16px; }
.banner p { margin: 0 0 4px; }
.banner .banner-title { font-size: 18px; font-weight: 700; }
.banner ul { margin: 6px 0 0; padding-left: 20px; overflow-wrap: anywhere; }
.banner code { color: #fff; }
/* Wide tables scroll inside their panel instead of widening the page. */
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
.trend th[scope="row"] { text-transform: none; font-size: 14px; color: var(--ink); letter-spacing: 0; }
td.change { font-weight: 600; }
td.change.good { color: var(--good); }
td.change.bad { color: var(--bad); }
td.change.same { color: var(--muted); font-weight: 500; }
.top-leads td.reasons { min-width: 220px; font-size: 13px; }
.top-leads td { vertical-align: top; }
.owners td.hot { font-weight: 700; color: var(--bad); }
.owners th.group { text-align: center; border-bottom: 0; }
.owners tr.summed td { color: var(--muted); font-style: italic; }
@media (max-width: 820px) {
  .figures { grid-template-columns: repeat(2, 1fr); }
  .grid { grid-template-columns: 1fr; }
}
/* A phone: narrower margins and figures, headers that wrap. */
@media (max-width: 480px) {
  main { padding: 12px 10px 28px; }
  header.top h1 { font-size: 21px; }
  .figures { gap: 8px; }
  .figure { padding: 8px 10px; }
  .figure .value { font-size: 22px; }
  section.panel { padding: 12px 12px; }
  th, td { padding: 5px 6px; }
  .trend td.change { white-space: normal; }
}
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .figures { grid-template-columns: repeat(4, 1fr); gap: 6px; }
  .figure { padding: 6px 8px; }
  .figure .value { font-size: 18pt; }
  .grid { grid-template-columns: 1fr; gap: 0; }
  section.panel, .grid > section.panel { border: 0; border-top: 1px solid var(--line); border-radius: 0; padding: 10px 0; margin: 0 0 8px; break-inside: avoid; }
  header.top, .figures, table tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
