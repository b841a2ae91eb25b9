/**
 * The scorecard a generated list must get, computed from the generator's truth alone (not from
 * leadkit's modules), so that a test compares two independent countings.
 */
import type { GeneratedLists, TruthRow } from './lead-generator.js';

export interface ExpectedScore {
  group: string;
  source: string;
  rows: number;
  persons: number;
  duplicates: number;
  duplicate_share: number;
  email_valid: number;
  email_invalid: number;
  phone_valid: number;
  address_valid: number;
  other_overlap: number | null;
  reference_overlap: number;
  reference_overlap_share: number;
  dated: number;
  date_unreadable: number;
  median_age_days: number | null;
  stale: number | null;
  stale_share: number | null;
  mql: number;
  mql_share: number;
  stage_unknown: number;
  suppressed: number;
  contactable: number;
  usable: number;
  cost: number | null;
  cost_per_lead: number | null;
  cost_per_usable_lead: number | null;
}

function medianOf(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function score(group: string, name: string, rows: TruthRow[], all: TruthRow[], key: ((r: TruthRow) => string) | undefined, cost: number | null): ExpectedScore {
  const persons = new Set(rows.map((r) => r.person));
  const dated = rows.filter((r) => r.ageDays !== undefined);
  const stale = dated.filter((r) => r.stale).length;
  const usable = new Set(rows.filter((r) => r.contactable && !r.inCrm).map((r) => r.person)).size;
  let other: number | null = null;
  if (key) {
    const groupsOf = new Map<number, Set<string>>();
    for (const r of all) groupsOf.set(r.person, (groupsOf.get(r.person) ?? new Set()).add(key(r)));
    other = rows.filter((r) => (groupsOf.get(r.person)?.size ?? 0) > 1).length;
  }
  const n = rows.length;
  return {
    group,
    source: name,
    rows: n,
    persons: persons.size,
    duplicates: n - persons.size,
    duplicate_share: (n - persons.size) / n,
    email_valid: rows.filter((r) => r.emailValid).length,
    email_invalid: rows.filter((r) => r.emailInvalid).length,
    phone_valid: rows.filter((r) => r.phoneValid).length,
    address_valid: rows.filter((r) => r.addressValid).length,
    other_overlap: other,
    reference_overlap: rows.filter((r) => r.inCrm).length,
    reference_overlap_share: rows.filter((r) => r.inCrm).length / n,
    dated: dated.length,
    date_unreadable: rows.filter((r) => r.dateUnreadable).length,
    median_age_days: medianOf(dated.map((r) => r.ageDays as number)),
    stale: dated.length ? stale : null,
    stale_share: dated.length ? stale / dated.length : null,
    mql: rows.filter((r) => r.mql).length,
    mql_share: rows.filter((r) => r.mql).length / n,
    stage_unknown: rows.filter((r) => r.stageUnknown).length,
    suppressed: rows.filter((r) => r.suppressed).length,
    contactable: rows.filter((r) => r.contactable).length,
    usable,
    cost,
    cost_per_lead: cost === null ? null : cost / n,
    cost_per_usable_lead: cost === null || usable === 0 ? null : cost / usable,
  };
}

/** Source rows (in first-seen order), lead_source rows (blank last), the total. */
export function expectedScorecard(g: GeneratedLists): ExpectedScore[] {
  const bySource = new Map<string, TruthRow[]>();
  for (const r of g.rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  const out = [...bySource].map(([s, rows]) => score('source', s, rows, g.rows, (r) => r.source, g.costs[s] ?? null));
  const lead = (r: TruthRow) => (r.leadSource === '' ? '(none)' : r.leadSource);
  const byLead = new Map<string, TruthRow[]>();
  for (const r of g.rows) byLead.set(lead(r), [...(byLead.get(lead(r)) ?? []), r]);
  const leads = [...byLead].sort((a, b) => Number(a[0] === '(none)') - Number(b[0] === '(none)'));
  for (const [v, rows] of leads) out.push(score('lead_source', v, rows, g.rows, lead, null));
  const total = [...bySource.keys()].reduce((n, s) => n + (g.costs[s] ?? 0), 0);
  out.push(score('total', '(all)', g.rows, g.rows, undefined, total));
  return out;
}
