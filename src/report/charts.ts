import { esc, formatInt, formatPercent, shareOf } from './format.js';
import { GRID, INK, MUTED } from './palette.js';

/**
 * Inline SVG charts for the HTML report. Every number a chart shows is also written as SVG
 * text, so it can be read, searched, copied and checked in the page text, and every chart has
 * role="img" with a <title> and <desc> for screen readers. No xmlns attribute: inline SVG in
 * HTML does not need one, and the report must contain no URL at all.
 */

export interface Bar {
  label: string;
  value: number;
  color: string;
}

const FONT = 13;
/** Average advance of a character at FONT px in the system sans-serif fonts, for fitting labels. */
const CHAR = FONT * 0.58;

function fit(label: string, width: number): string {
  const max = Math.max(3, Math.floor(width / CHAR));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function svgOpen(id: string, width: number, height: number, title: string, desc: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>`
  );
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${r(x)}" y="${r(y)}"${attrs ? ` ${attrs}` : ''}>${esc(content)}</text>`;
}

/** Round to 0.1 px: shorter markup, no visible difference. */
function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function describe(bars: readonly Bar[], total?: number): string {
  return bars.map((b) => `${b.label}: ${formatInt(b.value)}${total ? ` (${formatPercent(shareOf(b.value, total))})` : ''}`).join('; ');
}

/** Room for the longest of these labels, within bounds; charts shown together share one width so their bars line up. */
export function labelWidthFor(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(190, Math.max(60, Math.ceil(longest * CHAR) + 12));
}

/**
 * Horizontal bars, one per row: label, bar, and the count (with its share of `total` when
 * given). Long labels are shortened on the chart and given whole in a tooltip and in the
 * description.
 */
export function barChart(opts: { id: string; title: string; bars: readonly Bar[]; total?: number; width?: number; labelWidth?: number }): string {
  const { id, title, bars, total } = opts;
  const width = opts.width ?? 520;
  const labelWidth = opts.labelWidth ?? labelWidthFor(bars.map((b) => b.label));
  const valueWidth = total ? 118 : 70;
  const barMax = width - labelWidth - valueWidth - 8;
  const row = 26;
  const height = bars.length * row + 6;
  const max = Math.max(1, ...bars.map((b) => b.value));
  let out = svgOpen(id, width, height, title, describe(bars, total));
  bars.forEach((b, i) => {
    const y = 3 + i * row;
    const w = b.value > 0 ? Math.max(2, (b.value / max) * barMax) : 0;
    const shown = fit(b.label, labelWidth - 10);
    out += `<g><title>${esc(b.label)}: ${esc(formatInt(b.value))}</title>`;
    out += text(labelWidth - 8, y + 17, shown, `text-anchor="end" fill="${INK}"`);
    out += `<rect x="${labelWidth}" y="${y + 4}" width="${r(w)}" height="18" rx="3" fill="${b.color}"/>`;
    const share = total ? `<tspan fill="${MUTED}" dx="6">${esc(formatPercent(shareOf(b.value, total)))}</tspan>` : '';
    out += `<text x="${r(labelWidth + w + 6)}" y="${y + 17}" fill="${INK}" class="num">${esc(formatInt(b.value))}${share}</text>`;
    out += '</g>';
  });
  return `${out}</svg>`;
}

/** What each funnel step loses, named under the stage it leads to. */
export interface FunnelStep {
  label: string;
  rows: number;
  color: string;
  /** "−120 rejected": what was lost on the way to this stage. */
  drop?: string;
}

/**
 * The funnel: centred bars whose width is the share of the first stage, joined by pale
 * trapezoids, with the count and the share of the first stage beside each bar.
 */
export function funnelChart(opts: { id: string; title: string; stages: readonly FunnelStep[] }): string {
  const { id, title, stages } = opts;
  const width = 1000;
  const labelWidth = 130;
  const numbersWidth = 250;
  const area = width - labelWidth - numbersWidth - 20;
  const centre = labelWidth + 10 + area / 2;
  const barH = 38;
  const gap = 22;
  const height = stages.length * (barH + gap) - gap + 4;
  const first = Math.max(1, stages[0]?.rows ?? 1);
  const desc = stages.map((s) => `${s.label}: ${formatInt(s.rows)} (${formatPercent(shareOf(s.rows, first))})`).join('; ');
  let out = svgOpen(id, width, height, title, desc);
  const widthOf = (rows: number) => Math.max(rows > 0 ? 4 : 1, (Math.max(0, rows) / first) * area);
  stages.forEach((s, i) => {
    const y = 2 + i * (barH + gap);
    const w = widthOf(s.rows);
    const next = stages[i + 1];
    if (next) {
      const nw = widthOf(next.rows);
      const y1 = y + barH;
      const y2 = y + barH + gap;
      out += `<polygon points="${r(centre - w / 2)},${y1} ${r(centre + w / 2)},${y1} ${r(centre + nw / 2)},${y2} ${r(centre - nw / 2)},${y2}" fill="${GRID}"/>`;
    }
    out += `<g><title>${esc(s.label)}: ${esc(formatInt(s.rows))}</title>`;
    out += `<rect x="${r(centre - w / 2)}" y="${y}" width="${r(w)}" height="${barH}" rx="4" fill="${s.color}"/>`;
    out += text(labelWidth, y + barH / 2 + 5, s.label, `text-anchor="end" fill="${INK}" font-weight="600" font-size="15"`);
    const nx = width - numbersWidth + 10;
    out += text(nx, y + barH / 2 + 1, formatInt(s.rows), `fill="${INK}" font-weight="700" font-size="18" class="num"`);
    out += text(nx + 100, y + barH / 2 + 1, formatPercent(shareOf(s.rows, first)), `fill="${MUTED}" font-size="14" class="num"`);
    if (s.drop) out += text(nx, y + barH / 2 + 17, s.drop, `fill="${MUTED}" font-size="12"`);
    out += '</g>';
  });
  return `${out}</svg>`;
}

/** Vertical columns with the count above each and the category below (the score histogram). */
export function columnChart(opts: { id: string; title: string; columns: readonly Bar[]; width?: number; plotHeight?: number; axisLabel?: string }): string {
  const { id, title, columns } = opts;
  const width = opts.width ?? 520;
  const top = 22;
  const plot = opts.plotHeight ?? 170;
  const bottom = opts.axisLabel ? 44 : 26;
  const height = top + plot + bottom;
  const slot = (width - 8) / Math.max(1, columns.length);
  const barW = slot * 0.72;
  const max = Math.max(1, ...columns.map((c) => c.value));
  let out = svgOpen(id, width, height, title, describe(columns));
  columns.forEach((c, i) => {
    const h = c.value > 0 ? Math.max(2, (c.value / max) * plot) : 0;
    const x = 4 + i * slot + (slot - barW) / 2;
    const mid = x + barW / 2;
    out += `<g><title>${esc(c.label)}: ${esc(formatInt(c.value))}</title>`;
    out += `<rect x="${r(x)}" y="${r(top + plot - h)}" width="${r(barW)}" height="${r(h)}" rx="2" fill="${c.color}"/>`;
    out += text(mid, top + plot - h - 5, formatInt(c.value), `text-anchor="middle" fill="${INK}" font-size="12" class="num"`);
    out += text(mid, top + plot + 17, c.label, `text-anchor="middle" fill="${MUTED}" font-size="12"`);
    out += '</g>';
  });
  out += `<line x1="0" y1="${top + plot + 0.5}" x2="${width}" y2="${top + plot + 0.5}" stroke="#9ca3af"/>`;
  if (opts.axisLabel) out += text(width / 2, height - 4, opts.axisLabel, `text-anchor="middle" fill="${MUTED}" font-size="12"`);
  return `${out}</svg>`;
}

export interface Segment {
  label: string;
  share: number;
  color: string;
}

/** One bar split into shares (status shares of a column); the shares are written beside it in HTML. */
export function shareBar(opts: { id: string; title: string; segments: readonly Segment[]; width?: number }): string {
  const width = opts.width ?? 300;
  const height = 14;
  const desc = opts.segments.map((s) => `${s.label} ${formatPercent(s.share)}`).join(', ');
  let out = svgOpen(opts.id, width, height, opts.title, desc);
  out += `<rect x="0" y="0" width="${width}" height="${height}" rx="3" fill="${GRID}"/>`;
  let x = 0;
  for (const s of opts.segments) {
    const w = Math.max(0, s.share) * width;
    if (w <= 0) continue;
    out += `<rect x="${r(x)}" y="0" width="${r(Math.min(w, width - x))}" height="${height}" fill="${s.color}"><title>${esc(s.label)} ${esc(formatPercent(s.share))}</title></rect>`;
    x += w;
  }
  return `${out}</svg>`;
}

/** A small gauge for a fill rate; the percentage is written beside it in HTML. */
export function meter(opts: { id: string; title: string; share: number; color: string; width?: number }): string {
  const width = opts.width ?? 140;
  const height = 12;
  const w = Math.min(1, Math.max(0, opts.share)) * width;
  let out = svgOpen(opts.id, width, height, opts.title, formatPercent(opts.share));
  out += `<rect x="0" y="0" width="${width}" height="${height}" rx="3" fill="${GRID}"/>`;
  if (w > 0) out += `<rect x="0" y="0" width="${r(Math.max(2, w))}" height="${height}" rx="3" fill="${opts.color}"/>`;
  return `${out}</svg>`;
}
