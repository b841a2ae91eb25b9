/**
 * The scorecard's `--fail-if` metrics, read from the scorecard alone (a saved summary gives the
 * same answer): the worst source for the shares a buyer watches, and the counts of what the
 * scorecard had to take as it came (unreadable dates, stages it does not know, phone numbers
 * valid only in a guessed country, rows whose phone consent rested on an assumed segment, rows
 * without a cost). Only the `source` rows are compared:
 * a vendor value is part of a list, not a list one pays for.
 */
import type { SourceScore } from './scorecard.js';

type Figure = (r: SourceScore) => number | null;

interface ScorecardMetric {
  name: string;
  help: string;
  /** The worst source's figure (min or max over the source rows), or a count over all rows. */
  of: { worst: 'min' | 'max'; pick: Figure } | { total: Figure };
  /** What the figure needs when no source has it. */
  needs: string;
}

export const SCORECARD_METRICS: readonly ScorecardMetric[] = [
  { name: 'sources_min_usable_rate', help: 'the lowest usable share of any source (usable persons / rows; needs a sources step or output)', of: { worst: 'min', pick: (r) => r.usable_share }, needs: 'rows' },
  { name: 'sources_max_stale_rate', help: 'the highest share of records older than --stale-after of any source (needs record dates)', of: { worst: 'max', pick: (r) => r.stale_share }, needs: 'a readable updated_at, created_at or source_delivered_at' },
  { name: 'sources_max_duplicate_rate', help: 'the highest duplicate share of any source (1 − persons / rows)', of: { worst: 'max', pick: (r) => r.duplicate_share }, needs: 'rows' },
  { name: 'sources_max_reference_overlap_rate', help: 'the highest share of rows the reference (CRM) already has, of any source (needs against:)', of: { worst: 'max', pick: (r) => r.reference_overlap_share }, needs: 'a reference (against: FILE, or a match_id column)' },
  { name: 'sources_max_cost_per_usable_lead', help: 'the highest cost per usable lead of any source (needs cost: or cost-column:)', of: { worst: 'max', pick: (r) => r.cost_per_usable_lead }, needs: 'a cost (cost: or cost-column:) and a usable lead' },
  { name: 'sources_date_unreadable', help: 'rows with a date column no date could be read from (an ambiguous 03/01/2024 too), so their age rests on another column or is unknown', of: { total: (r) => r.date_unreadable }, needs: 'rows' },
  { name: 'sources_date_guessed', help: 'rows whose age is the delivery date import read off the file\'s modification time (source_delivered_status=file_date; give the inputs a delivered: date)', of: { total: (r) => r.date_guessed }, needs: 'rows' },
  { name: 'sources_stage_unknown', help: 'rows whose stage is blank or none of the rules file\'s stages, counted as not MQL (needs a stage column)', of: { total: (r) => r.stage_unknown }, needs: 'a stage column' },
  { name: 'sources_segment_assumed', help: "rows whose phone channel rested on the rules file's suppress.consent.unknown_segment, since neither the row nor classify's reading of it says b2b or b2c", of: { total: (r) => r.segment_assumed }, needs: 'rows' },
  { name: 'sources_phone_region_guessed', help: 'rows of the scorecard whose valid phone is valid only in a guessed country', of: { total: (r) => r.phone_region_guessed }, needs: 'rows' },
  { name: 'sources_cost_missing', help: 'rows with a blank cost cell, counted as no cost (needs cost-column:)', of: { total: (r) => r.cost_missing }, needs: 'cost-column:' },
];

/** The metric's value, or why the scorecard has none; undefined for a name that is no scorecard metric. */
export function scorecardMetric(name: string, rows: readonly SourceScore[]): { value: number } | { why: string } | undefined {
  const m = SCORECARD_METRICS.find((x) => x.name === name);
  if (!m) return undefined;
  if ('total' in m.of) {
    const total = rows.find((r) => r.group === 'total');
    const v = total ? m.of.total(total) : null;
    return v === null ? { why: `${name} needs ${m.needs}` } : { value: v };
  }
  const pick = m.of.pick;
  const values = rows.filter((r) => r.group === 'source').map(pick).filter((v): v is number => v !== null);
  if (values.length === 0) return { why: `no source has the figure ${name} is made of (it needs ${m.needs})` };
  return { value: m.of.worst === 'min' ? Math.min(...values) : Math.max(...values) };
}
