import type { Row } from '../table.js';

/** Distinct values tracked per column before counting stops (bounds memory on 1M-row lists). */
export const DISTINCT_CAP = 100_000;

export interface ColumnProfile {
  column: string;
  filled: number;
  fill_rate: number;
  distinct: number;
  /** True when the column had more distinct values than DISTINCT_CAP: `distinct` is a lower bound. */
  distinct_capped: boolean;
  top: { value: string; count: number }[];
  /** For *_status columns: share of each status among all rows (empty counted as "(empty)"). */
  status_shares?: Record<string, number>;
}

export interface Profile {
  rows: number;
  columns: ColumnProfile[];
}

/** Streaming per-column accumulator: fill, distinct, top values. */
export class Profiler {
  private n = 0;
  private readonly filled: number[];
  private readonly counts: Map<string, number>[];
  private readonly capped: boolean[];

  constructor(private readonly columns: string[]) {
    this.filled = columns.map(() => 0);
    this.counts = columns.map(() => new Map());
    this.capped = columns.map(() => false);
  }

  add(row: Row): void {
    this.n++;
    for (let i = 0; i < this.columns.length; i++) {
      const v = row[this.columns[i]] ?? '';
      const isStatus = this.columns[i].endsWith('_status');
      if (v.trim() === '') {
        if (isStatus) bump(this.counts[i], '');
        continue;
      }
      this.filled[i]++;
      const m = this.counts[i];
      if (m.has(v)) m.set(v, (m.get(v) as number) + 1);
      else if (m.size < DISTINCT_CAP) m.set(v, 1);
      else this.capped[i] = true;
    }
  }

  result(topN = 5): Profile {
    const columns = this.columns.map((column, i): ColumnProfile => {
      const m = this.counts[i];
      const top = topValues(m, topN).map(([value, count]) => ({ value, count }));
      const p: ColumnProfile = {
        column,
        filled: this.filled[i],
        fill_rate: this.n ? this.filled[i] / this.n : 0,
        distinct: m.has('') ? m.size - 1 : m.size,
        distinct_capped: this.capped[i],
        top,
      };
      if (column.endsWith('_status')) {
        const shares: Record<string, number> = {};
        for (const [v, c] of m) shares[v === '' ? '(empty)' : v] = this.n ? c / this.n : 0;
        p.status_shares = shares;
      }
      return p;
    });
    return { rows: this.n, columns };
  }
}

/** Count descending, then value ascending. */
const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/**
 * The n most frequent non-empty values, most frequent first (ties by value). Kept in a short
 * sorted list while the counts go by once: sorting all 100,000 distinct values of each of 20
 * columns held the event loop for 1.7 s on a million rows, and signals with it.
 */
function topValues(m: Map<string, number>, n: number): [string, number][] {
  const top: [string, number][] = [];
  if (n <= 0) return top;
  for (const e of m) {
    if (e[0] === '') continue;
    if (top.length === n && byCount(e, top[n - 1]) >= 0) continue;
    let at = top.length === n ? n - 1 : top.length;
    while (at > 0 && byCount(e, top[at - 1]) < 0) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = e;
  }
  return top;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** A plain-text table for a person. */
export function renderProfile(p: Profile): string {
  const lines = [`${p.rows.toLocaleString('en-US')} rows, ${p.columns.length} columns`, ''];
  const w = Math.max(6, ...p.columns.map((c) => c.column.length));
  lines.push(`${'column'.padEnd(w)}  ${'filled'.padStart(7)}  ${'distinct'.padStart(9)}  top values`);
  lines.push(`${'-'.repeat(w)}  ${'-'.repeat(7)}  ${'-'.repeat(9)}  ${'-'.repeat(40)}`);
  for (const c of p.columns) {
    const distinct = `${c.distinct_capped ? '>' : ''}${c.distinct.toLocaleString('en-US')}`;
    const top = c.status_shares
      ? Object.entries(c.status_shares)
          .sort((a, b) => b[1] - a[1])
          .map(([v, s]) => `${v} ${pct(s)}`)
          .join(', ')
      : c.top.map((t) => `${clip(t.value, 24)} (${t.count})`).join(', ');
    lines.push(`${c.column.padEnd(w)}  ${pct(c.fill_rate).padStart(7)}  ${distinct.padStart(9)}  ${top}`);
  }
  return lines.join('\n') + '\n';
}
