/**
 * The scorecard a generated list must get, computed from the generator's facts alone (not from
 * leadkit's modules), so that a test compares two independent countings. The rules an analyst
 * counts by are written here from what they mean, not from leadkit's code:
 *
 * - a row may be e-mailed with a valid address and documented consent (consent_email ja; UWG §7),
 *   and called with a valid phone when a private person said yes (ja) or a business did not say
 *   no; a row whose segment nothing tells is held to the private rule (the rules' default);
 * - a row is suppressed when it carries the address the do-not-contact list names, or when no
 *   channel is left;
 * - a usable lead is a person, counted once per list: the CRM does not have them, they never
 *   asked not to be contacted (under any of their addresses), and one of their rows in the list
 *   may be contacted on some channel;
 * - a list's new usable leads are its usable persons no list before it has as usable;
 * - the total's cost is the lists' sum only when every list has a price.
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
  listed: number;
  segment_assumed: number;
  contactable: number;
  usable: number;
  usable_new: number;
  cost: number | null;
  cost_per_lead: number | null;
  cost_per_usable_lead: number | null;
  cost_per_usable_new_lead: number | null;
}

function medianOf(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Whether the row may be e-mailed or called (before any list is looked at). */
function hasChannel(r: TruthRow): boolean {
  const email = r.emailValid && r.consentEmail === 'ja';
  const privateRule = r.segment === 'b2c' || r.segmentUnknowable;
  const phone = r.phoneValid && (privateRule ? r.consentPhone === 'ja' : r.consentPhone !== 'nein');
  return email || phone;
}

const suppressed = (r: TruthRow) => r.listed || !hasChannel(r);

/** Persons who asked not to be contacted: a row of theirs carries the address the list names. */
function offLimits(all: readonly TruthRow[]): Set<number> {
  return new Set(all.filter((r) => r.listed).map((r) => r.person));
}

/** The usable persons of a group's rows. */
function usablePersons(rows: readonly TruthRow[], blocked: ReadonlySet<number>): Set<number> {
  return new Set(rows.filter((r) => !r.inCrm && !blocked.has(r.person) && !suppressed(r)).map((r) => r.person));
}

function score(group: string, name: string, rows: TruthRow[], all: TruthRow[], key: ((r: TruthRow) => string) | undefined, cost: number | null, usable: Set<number>, usableNew: number): ExpectedScore {
  const persons = new Set(rows.map((r) => r.person));
  const dated = rows.filter((r) => r.ageDays !== undefined);
  const stale = dated.filter((r) => r.stale).length;
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
    suppressed: rows.filter(suppressed).length,
    listed: rows.filter((r) => r.listed).length,
    segment_assumed: rows.filter((r) => r.segmentUnknowable && r.phoneValid).length,
    contactable: rows.filter((r) => !suppressed(r)).length,
    usable: usable.size,
    usable_new: usableNew,
    cost,
    cost_per_lead: cost === null ? null : cost / n,
    cost_per_usable_lead: cost === null || usable.size === 0 ? null : cost / usable.size,
    cost_per_usable_new_lead: cost === null || usableNew === 0 ? null : cost / usableNew,
  };
}

/** A block of groups in the order shown, each scored with its new usable persons (not usable in a group above). */
function block(group: string, groups: [string, TruthRow[]][], all: TruthRow[], key: (r: TruthRow) => string, costOf: (name: string) => number | null, blocked: ReadonlySet<number>): ExpectedScore[] {
  const before = new Set<number>();
  return groups.map(([name, rows]) => {
    const usable = usablePersons(rows, blocked);
    const fresh = [...usable].filter((p) => !before.has(p)).length;
    for (const p of usable) before.add(p);
    return score(group, name, rows, all, key, costOf(name), usable, fresh);
  });
}

/**
 * Source rows (in first-seen order), lead_source rows (blank last), the total. `costs`: the
 * prices given with --cost (default: every list's); a list without one has no cost.
 */
export function expectedScorecard(g: GeneratedLists, costs: Record<string, number> = g.costs): ExpectedScore[] {
  const blocked = offLimits(g.rows);
  const bySource = new Map<string, TruthRow[]>();
  for (const r of g.rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  const out = block('source', [...bySource], g.rows, (r) => r.source, (s) => costs[s] ?? null, blocked);
  const lead = (r: TruthRow) => (r.leadSource === '' ? '(none)' : r.leadSource);
  const byLead = new Map<string, TruthRow[]>();
  for (const r of g.rows) byLead.set(lead(r), [...(byLead.get(lead(r)) ?? []), r]);
  const leads = [...byLead].sort((a, b) => Number(a[0] === '(none)') - Number(b[0] === '(none)'));
  out.push(...block('lead_source', leads, g.rows, lead, () => null, blocked));
  const names = [...bySource.keys()];
  const total = names.every((s) => costs[s] !== undefined) ? names.reduce((n, s) => n + costs[s], 0) : null;
  const usable = usablePersons(g.rows, blocked);
  out.push(score('total', '(all)', g.rows, g.rows, undefined, total, usable, usable.size));
  return out;
}
