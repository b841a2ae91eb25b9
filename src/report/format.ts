/**
 * Text helpers for the HTML report. Everything that comes from the data (file names, reasons,
 * owner names) passes through `esc` before it reaches the page, so a name like
 * `<script>` or `Müller & Söhne` is shown as written and never runs or breaks the markup.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for HTML text and for attribute values in double or single quotes. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// One fixed locale, the same as the CLI's stderr summaries (src/context.ts formatCount), so the
// numbers in the report match what cron mailed.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". */
export function formatInt(n: number): string {
  return INTEGER.format(n);
}

/** A share 0–1 as a percentage: 0.1234 → "12.3%"; tiny but non-zero shares do not round to 0. */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  if (pct > 0 && pct < 10 ** -digits) return `<${(10 ** -digits).toFixed(digits)}%`;
  return `${pct.toFixed(digits)}%`;
}

/** `part` as a share of `whole`, 0 when there is no whole (an empty run). */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** Run time for people: 0.4 s, 12.3 s, 4 min 05 s, 1 h 02 min. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${String(s).padStart(2, '0')} s`;
}

/** A decimal value as typed in a threshold or shown beside it: integers plain, rates with up to 4 digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return formatInt(value);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(value);
}

/** An ISO timestamp without the milliseconds and zone noise: 2026-11-22T03:00:12.345Z → 2026-11-22 03:00:12 UTC. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}

/** A count with its noun: plural(1, 'row') → "1 row", plural(2, 'row') → "2 rows", plural(3, 'match', 'matches'). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/** A --fail-if metric's value or limit as shown: rates as percentages, counts plain. */
export function shownValue(metric: string, v: number): string {
  return metric.endsWith('_rate') ? formatPercent(v) : formatNumber(v);
}

/**
 * The rows the row figures (columns, grades, owners' mix, top leads) describe: all that reached
 * the outputs, less a night's carried persons, which skipped the steps after dedupe
 * (src/state/carry.ts); and the words that say so ('' in any other run).
 */
export function steppedRows(s: { rows: number; delta?: { carried?: number } }): { rows: number; note: string } {
  const carried = s.delta?.carried ?? 0;
  return { rows: s.rows - carried, note: carried ? ` (the ${plural(carried, 'unchanged person')} carried over from the state skipped the steps and are not among them)` : '' };
}
