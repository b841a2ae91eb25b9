import type { Row } from '../table.js';
import type { OwnerMix, TopLead } from './summary-types.js';

/**
 * The counters behind the report's sales view: the mix of each owner's leads and the best
 * leads of the run. Both see every output row, so both stay bounded (a cap on owners, a fixed
 * number of leads).
 */

/** Distinct grade or temperature labels kept per owner; more are counted under the cap's label. */
const LABELS_PER_OWNER = 20;

function addLabel(counts: Record<string, number>, cell: string | undefined, other: string): void {
  const label = cell?.trim();
  if (!label) return;
  if (label in counts || Object.keys(counts).length < LABELS_PER_OWNER) counts[label] = (counts[label] ?? 0) + 1;
  else counts[other] = (counts[other] ?? 0) + 1;
}

export class OwnerMixes {
  private readonly mixes = new Map<string, OwnerMix>();

  /** Owners beyond `cap` are added up under `other`, as rows_per_owner does. */
  constructor(
    private readonly cap: number,
    private readonly other: string,
  ) {}

  add(owner: string, grade: string | undefined, temperature: string | undefined): void {
    let mix = this.mixes.get(owner);
    if (!mix) {
      const key = this.mixes.size < this.cap ? owner : this.other;
      mix = this.mixes.get(key) ?? { rows: 0, hot: 0, grades: {}, temperatures: {} };
      this.mixes.set(key, mix);
    }
    mix.rows++;
    if (temperature?.trim().toLowerCase() === 'hot') mix.hot++;
    addLabel(mix.grades, grade, this.other);
    addLabel(mix.temperatures, temperature, this.other);
  }

  /** Most rows first (ties by name), the owners beyond the cap last. */
  toRecord(): Record<string, OwnerMix> {
    const entries = [...this.mixes.entries()].sort(
      (a, b) => Number(a[0] === this.other) - Number(b[0] === this.other) || b[1].rows - a[1].rows || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
    );
    return Object.fromEntries(entries.map(([owner, m]) => [owner, { ...m, grades: { ...m.grades }, temperatures: { ...m.temperatures } }]));
  }
}

/**
 * A score cell's value 0–100, or undefined (blank, "n/a", 120). Scores are written by leadkit as
 * plain numbers; a decimal comma is accepted for lists that went through a German spreadsheet.
 */
export function scoreValue(cell: string): number | undefined {
  const t = cell.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(t)) return undefined;
  const s = Number(t.replace(',', '.'));
  return s > 100 ? undefined : s;
}

function nameOf(row: Row): string {
  const full = row.full_name?.trim();
  if (full) return full;
  return [row.first_name, row.last_name].map((p) => p?.trim() ?? '').filter(Boolean).join(' ');
}

export class TopLeads {
  /** Best first; among equal scores the row seen first stays ahead. */
  private readonly leads: TopLead[] = [];

  constructor(private readonly size: number) {}

  /** Consider a row whose score cell is a number 0–100 (the caller read it: `score`). */
  offer(row: Row, score = scoreValue(row.score) ?? 0): void {
    if (this.size <= 0) return;
    const n = this.leads.length;
    if (n === this.size && score <= this.leads[n - 1].score) return;
    let i = n;
    while (i > 0 && this.leads[i - 1].score < score) i--;
    this.leads.splice(i, 0, {
      record_id: row.record_id ?? '',
      name: nameOf(row),
      company: row.company?.trim() ?? '',
      owner: row.owner?.trim() ?? '',
      score,
      grade: row.grade?.trim() ?? '',
      temperature: row.temperature?.trim() ?? '',
      reasons: row.score_reasons ?? '',
    });
    if (this.leads.length > this.size) this.leads.pop();
  }

  toList(): TopLead[] {
    return this.leads.map((l) => ({ ...l }));
  }
}
