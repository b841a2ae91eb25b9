/**
 * The scorecard as people and programs read it: an aligned table for a terminal, string cells
 * for CSV / TSV / xlsx (the same keys as the JSON). Pure.
 */
import type { Row } from '../table.js';
import { ALL, SCORECARD_COLUMNS, type SourceScore } from './scorecard.js';

const isShare = (key: string) => key.endsWith('_share');
const isMoney = (key: string) => key === 'cost' || key.startsWith('cost_per_');

/** A figure as a CSV cell: '' for an absent figure, shares to 4 decimals, money to cents. */
export function cellOf(key: string, value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (isShare(key)) return String(Number(value.toFixed(4)));
  if (isMoney(key)) return value.toFixed(2);
  return String(value);
}

/** Scorecard rows as table rows (every cell a string), for the row writers. */
export function scorecardCells(rows: readonly SourceScore[], columns: readonly string[] = SCORECARD_COLUMNS): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const c of columns) out[c] = cellOf(c, (r as unknown as Record<string, string | number | null>)[c] ?? null);
    return out;
  });
}

/** Scorecard rows as JSON objects with only the chosen keys (all by default). */
export function scorecardObjects(rows: readonly SourceScore[], columns: readonly string[] = SCORECARD_COLUMNS): Record<string, string | number | null>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, (r as unknown as Record<string, string | number | null>)[c] ?? null])));
}

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DASH = '–';

const pct = (v: number | null) => (v === null ? DASH : `${(v * 100).toFixed(1)}%`);
const int = (v: number | null) => (v === null ? DASH : INT.format(v));
const money = (v: number | null) => (v === null ? DASH : MONEY.format(v));
const days = (v: number | null) => (v === null ? DASH : `${Number.isInteger(v) ? INT.format(v) : v.toFixed(1)} d`);

/** The table's columns for a person: the shares, the usable count (and how many a list added to those above it) and what a lead cost. */
const TABLE: { head: string; cell: (r: SourceScore) => string; left?: boolean }[] = [
  { head: 'source', cell: (r) => label(r), left: true },
  { head: 'rows', cell: (r) => int(r.rows) },
  { head: 'dupl.', cell: (r) => pct(r.duplicate_share) },
  { head: 'email ok', cell: (r) => pct(r.email_valid_share) },
  { head: 'risky', cell: (r) => pct(r.email_risky_share) },
  { head: 'invalid', cell: (r) => pct(r.email_invalid_share) },
  { head: 'phone ok', cell: (r) => pct(r.phone_valid_share) },
  { head: 'addr. ok', cell: (r) => pct(r.address_valid_share) },
  { head: 'in other', cell: (r) => pct(r.other_overlap_share) },
  { head: 'in ref.', cell: (r) => pct(r.reference_overlap_share) },
  { head: 'median age', cell: (r) => days(r.median_age_days) },
  { head: 'stale', cell: (r) => pct(r.stale_share) },
  { head: 'MQL', cell: (r) => pct(r.mql_share) },
  { head: 'usable', cell: (r) => int(r.usable) },
  { head: 'new', cell: (r) => int(r.usable_new) },
  { head: 'cost', cell: (r) => money(r.cost) },
  { head: 'per lead', cell: (r) => money(r.cost_per_lead) },
  { head: 'per usable', cell: (r) => money(r.cost_per_usable_lead) },
];

/** The first column: the source, "lead_source: Web" for a vendor value, "all rows" for the total. */
function label(r: SourceScore): string {
  if (r.group === 'total') return r.source === ALL ? 'all rows' : r.source;
  if (r.group === 'source') return r.source;
  return `${r.group}: ${r.source}`;
}

/**
 * An aligned table: one line per scorecard row, a rule before each block (vendor values, the
 * total), and a note saying what the shares are of.
 */
export function renderScorecard(rows: readonly SourceScore[], note: string): string {
  if (rows.length === 0) return 'No rows.\n';
  const cells = rows.map((r) => TABLE.map((c) => c.cell(r)));
  const widths = TABLE.map((c, i) => Math.max([...c.head].length, ...cells.map((row) => [...row[i]].length)));
  const pad = (s: string, i: number) => (TABLE[i].left ? s.padEnd(widths[i] + s.length - [...s].length) : s.padStart(widths[i] + s.length - [...s].length));
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(TABLE.map((c) => c.head)), rule];
  rows.forEach((r, k) => {
    if (k > 0 && r.group !== rows[k - 1].group) out.push(rule);
    out.push(line(cells[k]));
  });
  return `${out.join('\n')}\n\n${note}\n`;
}
