/**
 * The sources scorecard: one row per list (`source`), per vendor value (`lead_source` or the
 * column named) and for all rows, with what an analyst asks of a bought list — how much of it can
 * be reached, how much is the same person twice, how much we had already, how old it is, what a
 * usable lead cost. Pure: the command reads the rows and decides each row's facts (RowFacts);
 * this module only counts.
 *
 * Definitions (every share is of the group's rows unless it says otherwise):
 *   persons            distinct people among the group's rows (the dedupe engine's clusters)
 *   duplicate_share    1 − persons / rows
 *   other_overlap      rows whose person also has a row in another group of the same block
 *                      (another source; another vendor value); null for the total
 *   reference_overlap  rows whose person the reference (CRM) already has: a person counts as
 *                      known when any of its rows matched, so a vendor's second address of a
 *                      known customer is known too
 *   median_age_days,   over the rows with a readable record date (updated_at, else created_at,
 *   stale_share        else source_delivered_at); null when no row has one
 *   mql_share          rows at the MQL stage or later; null without a stage column
 *   listed             rows on a do-not-contact list (part of suppressed)
 *   segment_assumed    rows whose phone channel rested on the rules' unknown_segment: neither
 *                      the row nor classify's reading of it says b2b or b2c
 *   usable             persons of the group with a row that has a valid email or a valid phone
 *                      it may be contacted on (channels), not suppressed, whom the reference
 *                      does not have, and none of whose rows (in any list) is on a
 *                      do-not-contact list: a person who asked not to be contacted is not
 *                      usable through a second address; each person once within the group
 *   usable_new         usable persons not usable in a group shown above in the same block
 *                      (sources in the order they first appear, i.e. the input order): what
 *                      the list added to the lists before it. The source rows' usable_new add
 *                      up to the total's usable; the total's usable_new is its usable
 *   cost_per_lead      cost / rows; cost_per_usable_lead = cost / usable (the list on its own);
 *                      cost_per_usable_new_lead = cost / usable_new (what a lead it added cost,
 *                      given the lists above it); null for none
 */
import { ageInDays, isStaleAfter, type StaleAfter } from '../date/record-age.js';

/** What the scorecard needs to know of one row, decided by the command. */
export interface RowFacts {
  source: string;
  /** The row's values of the vendor columns (settings.vendorColumns), '' for blank. */
  vendors?: readonly string[];
  /** The row's person: the same number for every row of one person. */
  person: number;
  /** email_status as validate writes it: valid, risky, invalid, missing (or what the cell held). */
  emailStatus: string;
  /** phone or mobile valid. */
  phoneValid: boolean;
  /** A valid phone or mobile valid only as a national number of a guessed country. */
  phoneRegionGuessed: boolean;
  addressValid: boolean;
  /** Whether the reference has this row's person; undefined when there is no reference. */
  inReference?: boolean;
  /** The record date (epoch ms), undefined when no date column holds a readable date. */
  dateMs?: number;
  /** A date column held a value no date could be read from (see record-age.ts). */
  dateUnreadable: boolean;
  /** The date is a guess: the delivery date import read off the file's modification time. */
  dateGuessed: boolean;
  /** At the MQL stage or later; 'unknown' for a blank or unknown stage; undefined without a stage column. */
  mql?: boolean | 'unknown';
  suppressed: boolean;
  /** On a do-not-contact list (suppress's list_* reasons): the person is not usable, whatever its other rows. */
  listed: boolean;
  /** The phone channel's consent rule was the rules' unknown_segment (no b2b/b2c from the row or classify's reading). */
  segmentAssumed: boolean;
  /** A valid email or phone on a channel the row may be contacted on. */
  contactable: boolean;
  /** The row's cost cell, when costs come from a column. */
  cost?: CostCell;
}

export type CostCell = { kind: 'blank' } | { kind: 'value'; value: number } | { kind: 'unreadable'; text: string };

export interface ScorecardSettings {
  asOfMs: number;
  staleAfter: StaleAfter;
  /** The vendor columns whose values get a block each (lead_source, source_vendor, …). */
  vendorColumns?: readonly string[];
  /** Whether a reference was given (reference figures are null otherwise). */
  reference: boolean;
  /** Whether the rows have a stage (mql figures are null otherwise). */
  stage: boolean;
  /** Cost per source (--cost); sources not named have no cost. */
  costs?: ReadonlyMap<string, number>;
  /** Costs are per row, from a column (--cost-column). */
  costColumn?: string;
}

/** The group a scorecard row is about: a source, a vendor value, or all rows. */
export type GroupKind = string;

/** One row of the scorecard; the JSON, CSV, summary and report all show these figures. */
export interface SourceScore {
  /** "source", the vendor column's name (lead_source), or "total". */
  group: GroupKind;
  /** The source, the vendor value ("(none)" for blank), or "(all)". */
  source: string;
  rows: number;
  persons: number;
  duplicates: number;
  duplicate_share: number;
  email_valid: number;
  email_valid_share: number;
  email_risky: number;
  email_risky_share: number;
  email_invalid: number;
  email_invalid_share: number;
  phone_valid: number;
  phone_valid_share: number;
  phone_region_guessed: number;
  address_valid: number;
  address_valid_share: number;
  other_overlap: number | null;
  other_overlap_share: number | null;
  reference_overlap: number | null;
  reference_overlap_share: number | null;
  dated: number;
  date_unreadable: number;
  date_guessed: number;
  median_age_days: number | null;
  stale: number | null;
  stale_share: number | null;
  mql: number | null;
  mql_share: number | null;
  stage_unknown: number | null;
  suppressed: number;
  listed: number;
  segment_assumed: number;
  contactable: number;
  usable: number;
  usable_share: number;
  usable_new: number;
  usable_new_share: number;
  cost: number | null;
  cost_missing: number | null;
  cost_unreadable: number | null;
  cost_per_lead: number | null;
  cost_per_usable_lead: number | null;
  cost_per_usable_new_lead: number | null;
}

/** The scorecard's columns, in the order of the JSON keys (CSV header, xlsx, --columns). */
export const SCORECARD_COLUMNS: readonly (keyof SourceScore)[] = [
  'group',
  'source',
  'rows',
  'persons',
  'duplicates',
  'duplicate_share',
  'email_valid',
  'email_valid_share',
  'email_risky',
  'email_risky_share',
  'email_invalid',
  'email_invalid_share',
  'phone_valid',
  'phone_valid_share',
  'phone_region_guessed',
  'address_valid',
  'address_valid_share',
  'other_overlap',
  'other_overlap_share',
  'reference_overlap',
  'reference_overlap_share',
  'dated',
  'date_unreadable',
  'date_guessed',
  'median_age_days',
  'stale',
  'stale_share',
  'mql',
  'mql_share',
  'stage_unknown',
  'suppressed',
  'listed',
  'segment_assumed',
  'contactable',
  'usable',
  'usable_share',
  'usable_new',
  'usable_new_share',
  'cost',
  'cost_missing',
  'cost_unreadable',
  'cost_per_lead',
  'cost_per_usable_lead',
  'cost_per_usable_new_lead',
];

/** The name shown for rows whose source or vendor cell is blank. */
export const NONE = '(none)';
/** The name of the total row. */
export const ALL = '(all)';

/** Counts of one group while the rows are read. */
class Group {
  rows = 0;
  readonly persons = new Set<number>();
  readonly usablePersons = new Set<number>();
  emailValid = 0;
  emailRisky = 0;
  emailInvalid = 0;
  phoneValid = 0;
  phoneGuessed = 0;
  addressValid = 0;
  otherOverlap = 0;
  referenceOverlap = 0;
  readonly ages: number[] = [];
  dateUnreadable = 0;
  dateGuessed = 0;
  stale = 0;
  mql = 0;
  stageUnknown = 0;
  suppressed = 0;
  listed = 0;
  segmentAssumed = 0;
  contactable = 0;
  costSum = 0;
  costValues = 0;
  costMissing = 0;
  costUnreadable = 0;

  constructor(
    readonly kind: GroupKind,
    readonly name: string,
  ) {}

  /** `blocked`: the person has a row on a do-not-contact list (in any group). */
  add(f: RowFacts, s: ScorecardSettings, overlaps: boolean, blocked: boolean): void {
    this.rows++;
    this.persons.add(f.person);
    const email = f.emailStatus.trim().toLowerCase();
    if (email === 'valid') this.emailValid++;
    else if (email === 'risky') this.emailRisky++;
    else if (email === 'invalid') this.emailInvalid++;
    if (f.phoneValid) this.phoneValid++;
    if (f.phoneValid && f.phoneRegionGuessed) this.phoneGuessed++;
    if (f.addressValid) this.addressValid++;
    if (overlaps) this.otherOverlap++;
    if (f.inReference) this.referenceOverlap++;
    if (f.dateUnreadable) this.dateUnreadable++;
    if (f.dateMs !== undefined) {
      if (f.dateGuessed) this.dateGuessed++;
      this.ages.push(ageInDays(f.dateMs, s.asOfMs));
      if (isStaleAfter(f.dateMs, s.asOfMs, s.staleAfter)) this.stale++;
    }
    if (f.mql === true) this.mql++;
    else if (f.mql === 'unknown') this.stageUnknown++;
    if (f.suppressed) this.suppressed++;
    if (f.listed) this.listed++;
    if (f.segmentAssumed) this.segmentAssumed++;
    if (f.contactable) {
      this.contactable++;
      if (!f.inReference && !blocked) this.usablePersons.add(f.person);
    }
    const c = f.cost;
    if (c?.kind === 'value') {
      this.costSum += c.value;
      this.costValues++;
    } else if (c?.kind === 'blank') this.costMissing++;
    else if (c?.kind === 'unreadable') this.costUnreadable++;
  }

  /** `usableNew`: the usable persons no group above this one has as usable (buildScorecard). */
  score(s: ScorecardSettings, cost: number | null, overlapApplies: boolean, usableNew: number): SourceScore {
    const n = this.rows;
    const share = (k: number) => (n > 0 ? k / n : 0);
    const dated = this.ages.length;
    const usable = this.usablePersons.size;
    const persons = this.persons.size;
    return {
      group: this.kind,
      source: this.name,
      rows: n,
      persons,
      duplicates: n - persons,
      duplicate_share: share(n - persons),
      email_valid: this.emailValid,
      email_valid_share: share(this.emailValid),
      email_risky: this.emailRisky,
      email_risky_share: share(this.emailRisky),
      email_invalid: this.emailInvalid,
      email_invalid_share: share(this.emailInvalid),
      phone_valid: this.phoneValid,
      phone_valid_share: share(this.phoneValid),
      phone_region_guessed: this.phoneGuessed,
      address_valid: this.addressValid,
      address_valid_share: share(this.addressValid),
      other_overlap: overlapApplies ? this.otherOverlap : null,
      other_overlap_share: overlapApplies ? share(this.otherOverlap) : null,
      reference_overlap: s.reference ? this.referenceOverlap : null,
      reference_overlap_share: s.reference ? share(this.referenceOverlap) : null,
      dated,
      date_unreadable: this.dateUnreadable,
      date_guessed: this.dateGuessed,
      median_age_days: dated ? median(this.ages) : null,
      stale: dated ? this.stale : null,
      stale_share: dated ? this.stale / dated : null,
      mql: s.stage ? this.mql : null,
      mql_share: s.stage ? share(this.mql) : null,
      stage_unknown: s.stage ? this.stageUnknown : null,
      suppressed: this.suppressed,
      listed: this.listed,
      segment_assumed: this.segmentAssumed,
      contactable: this.contactable,
      usable,
      usable_share: share(usable),
      usable_new: usableNew,
      usable_new_share: share(usableNew),
      cost,
      cost_missing: s.costColumn ? this.costMissing : null,
      cost_unreadable: s.costColumn ? this.costUnreadable : null,
      cost_per_lead: cost === null || n === 0 ? null : cost / n,
      cost_per_usable_lead: cost === null || usable === 0 ? null : cost / usable,
      cost_per_usable_new_lead: cost === null || usableNew === 0 ? null : cost / usableNew,
    };
  }

  /** The cost from the column: null when no cell had one or one could not be read. */
  columnCost(): number | null {
    return this.costValues === 0 || this.costUnreadable > 0 ? null : this.costSum;
  }
}

/** The median of whole numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const v = values.slice().sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** One block of groups (sources, or the values of one vendor column), in the order first seen. */
class Block {
  readonly groups = new Map<string, Group>();
  /** The groups each person has rows in (only persons in more than one are kept apart). */
  private readonly firstGroup = new Map<number, string>();
  private readonly spread = new Set<number>();

  constructor(private readonly kind: GroupKind) {}

  /** First pass: which persons are in more than one group. */
  see(person: number, name: string): void {
    const first = this.firstGroup.get(person);
    if (first === undefined) this.firstGroup.set(person, name);
    else if (first !== name) this.spread.add(person);
  }

  add(name: string, f: RowFacts, s: ScorecardSettings, blocked: boolean): void {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = new Group(this.kind, name)));
    g.add(f, s, this.spread.has(f.person), blocked);
  }
}

/** Each group's usable persons that no group before it (in the order given) has as usable. */
function newUsable(groups: readonly Group[]): number[] {
  const seen = new Set<number>();
  return groups.map((g) => {
    let n = 0;
    for (const p of g.usablePersons) if (!seen.has(p)) n++;
    for (const p of g.usablePersons) seen.add(p);
    return n;
  });
}

const shown = (name: string) => (name.trim() === '' ? NONE : name);

/**
 * The scorecard: the source rows in the order the sources first appear, then for each vendor
 * column one row per value (blank last), then the total.
 */
export function buildScorecard(facts: readonly RowFacts[], s: ScorecardSettings): SourceScore[] {
  if (facts.length === 0) return [];
  const sources = new Block('source');
  const vendors = (s.vendorColumns ?? []).map((c) => new Block(c));
  const total = new Group('total', ALL);
  const vendorOf = (f: RowFacts, k: number) => shown(f.vendors?.[k] ?? '');
  // A person who asked not to be contacted (any row on a list) is no usable lead through another address.
  const blocked = new Set<number>();
  for (const f of facts) {
    sources.see(f.person, shown(f.source));
    vendors.forEach((b, k) => b.see(f.person, vendorOf(f, k)));
    if (f.listed) blocked.add(f.person);
  }
  for (const f of facts) {
    const b = blocked.has(f.person);
    sources.add(shown(f.source), f, s, b);
    vendors.forEach((block, k) => block.add(vendorOf(f, k), f, s, b));
    total.add(f, s, false, b);
  }

  const out: SourceScore[] = [];
  const sourceCosts: (number | null)[] = [];
  const sourceGroups = [...sources.groups];
  const sourceNew = newUsable(sourceGroups.map(([, g]) => g));
  sourceGroups.forEach(([name, g], k) => {
    const cost = s.costColumn ? g.columnCost() : s.costs ? (s.costs.get(name) ?? null) : null;
    sourceCosts.push(cost);
    out.push(g.score(s, cost, true, sourceNew[k]));
  });
  for (const block of vendors) {
    const entries = [...block.groups].sort((a, b) => Number(a[0] === NONE) - Number(b[0] === NONE));
    const fresh = newUsable(entries.map(([, g]) => g));
    // A list's price (--cost) is not split over vendor values; a per-row cost column adds up.
    entries.forEach(([, g], k) => out.push(g.score(s, s.costColumn ? g.columnCost() : null, true, fresh[k])));
  }
  // The total's cost only when every source has one: a sum of some would read as the whole.
  const totalCost = s.costColumn ? total.columnCost() : sourceCosts.every((c) => c !== null) && s.costs ? sourceCosts.reduce<number>((a, c) => a + (c as number), 0) : null;
  out.push(total.score(s, totalCost, false, total.usablePersons.size));
  return out;
}
