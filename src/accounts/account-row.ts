/**
 * One row per account: its figures folded from its contacts. Every choice is made by value (most
 * frequent, then smallest), so an account reads the same in any input order.
 *
 * - account_name: the canonical display spelling dedupe gives a cluster's company_display (the most
 *   complete spelling: legal form, mixed case, umlauts), name_variants every spelling as written
 * - domain: the most frequent company domain (website, else corporate email domain)
 * - postal_code, city, country: the place most contacts give, its town in the spelling best shown
 *   (not in capitals, with its umlauts), then the most frequent one, then the first seen (the
 *   spelling of the contact with the earliest record_id: "Wien" of vendor:3 over "Vienna" of
 *   vendor:12); locations: how many towns they give
 * - roles_present / roles_missing: the five buying-center roles in fixed order
 * - best_score, score_sum, best_grade: from score and grade cells (empty when there are none)
 * - owners: the contacts' owners, most contacts first
 */
import { canonicalCompanyName } from '../company/display.js';
import { isAllCaps } from '../text/case.js';
import { scoreValue } from '../report/sales-counters.js';
import type { Row } from '../table.js';
import { coverage, type BuyingRole } from './roles.js';
import type { OrgFacts } from './view.js';

export const ACCOUNT_COLUMNS = [
  'account_id',
  'account_name',
  'domain',
  'postal_code',
  'city',
  'country',
  'contacts',
  'roles_present',
  'roles_missing',
  'best_score',
  'score_sum',
  'best_grade',
  'owners',
] as const;

/** Written after the owners when a target list was given. */
export const TARGET_COLUMNS = ['is_target', 'target_name', 'target_id'] as const;

/** Always last: the spellings, the towns and the guesses. */
export const TRAILING_COLUMNS = ['name_variants', 'locations', 'account_status'] as const;

const GRADES = 'ABCD';

/**
 * Record ids in the order of their lists and rows: "vendor:9" before "vendor:10" (the digits
 * compared as numbers), so the earliest is the first seen in the list, whatever order the rows
 * come in.
 */
export function compareRecordIds(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let k = 0; k < ra.length && k < rb.length; k++) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (dx && dy) {
      const nx = x.replace(/^0+(?=\d)/, '');
      const ny = y.replace(/^0+(?=\d)/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      // The same number written with other leading zeros: the code units decide.
    }
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Counts of values, for "the most frequent, then the first seen (else the smallest)". */
class Counts {
  readonly m = new Map<string, number>();
  /** Per value, the earliest record_id that gave it (only for values added with one). */
  private readonly first = new Map<string, string>();
  add(v: string, n = 1, seenIn?: string): void {
    if (v === '') return;
    this.m.set(v, (this.m.get(v) ?? 0) + n);
    if (seenIn === undefined) return;
    const f = this.first.get(v);
    if (f === undefined || compareRecordIds(seenIn, f) < 0) this.first.set(v, seenIn);
  }
  /** Of two equally frequent values, the one seen first (by record_id), else the smaller. */
  private before(v: string, w: string): boolean {
    const fv = this.first.get(v);
    const fw = this.first.get(w);
    if (fv !== undefined && fw !== undefined && fv !== fw) return compareRecordIds(fv, fw) < 0;
    return v < w;
  }
  /** The most frequent value (ties: the first seen, else the smallest); with `rank`, the best-ranked first, then by count. */
  top(rank?: (v: string) => number): string {
    let best = '';
    let bestN = 0;
    let bestR = 0;
    for (const [v, n] of this.m) {
      const r = rank ? rank(v) : 0;
      if (best === '' || r > bestR || (r === bestR && (n > bestN || (n === bestN && this.before(v, best))))) [best, bestN, bestR] = [v, n, r];
    }
    return best;
  }
  /** Most frequent first, ties in code-unit order. */
  ordered(): string[] {
    return [...this.m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
  }
  /** Each value as often as it was added, in code-unit order (so "first seen" means the same in any input order). */
  *repeated(): Generator<string> {
    for (const v of [...this.m.keys()].sort()) for (let k = 0, n = this.m.get(v) as number; k < n; k++) yield v;
  }
}

/** A town as it is best shown: not in capitals, with its umlauts ("München" over "MUENCHEN"). */
function townRank(v: string): number {
  return (isAllCaps(v) ? 0 : 2) + (/[^\x00-\x7f]/.test(v) ? 1 : 0);
}

/** A number as a cell: whole numbers plain, others to two decimals at most. */
export function numberCell(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** What a score cell holds for the account's figures: a value, nothing, or unreadable text. */
export function readScore(cell: string | undefined): number | 'blank' | 'unreadable' {
  if (cell === undefined || cell.trim() === '') return 'blank';
  return scoreValue(cell) ?? 'unreadable';
}

/**
 * Distinct towns among the places contacts give: two spellings are one town when they share a
 * postcode ("Wien" / "Vienna" at 1060), and a postcode without a town is the town it belongs to.
 */
class Towns {
  private readonly parent = new Map<string, string>();
  private find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== x) {
      x = p;
      p = this.parent.get(x) ?? x;
    }
    return x;
  }
  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller name is the root: the same components in any order.
    if (ra !== rb) (ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb));
  }
  add(city: string, postal: string): void {
    const t = city ? `t:${city}` : '';
    const p = postal ? `p:${postal}` : '';
    if (t && !this.parent.has(t)) this.parent.set(t, t);
    if (p && !this.parent.has(p)) this.parent.set(p, p);
    if (t && p) this.union(t, p);
  }
  count(): number {
    const roots = new Set<string>();
    for (const k of this.parent.keys()) roots.add(this.find(k));
    return roots.size;
  }
}

/** The figures of one account, fed its contacts one by one. */
export class AccountFigures {
  contacts = 0;
  private readonly spellings = new Counts();
  private readonly domains = new Counts();
  /**
   * Contacts per place (its postcode, else its town, in its country), and the spellings each place
   * is written in: "1060 Wien" and "1060 Vienna" are one place.
   */
  private readonly places = new Map<string, { n: number; postal: Counts; city: Counts; country: string }>();
  /** Towns (folded), and the postcodes that make two spellings one town. */
  private readonly towns = new Towns();
  readonly roles = new Set<BuyingRole>();
  private best: number | undefined;
  private sum = 0;
  private scored = 0;
  unreadableScores = 0;
  private grade = '';
  private readonly owners = new Counts();

  /** One contact; `recordId` names it for "first seen" (its record_id, else its position). */
  add(row: Row, facts: OrgFacts, role: BuyingRole | '' | undefined, recordId: string): void {
    this.contacts++;
    this.spellings.add((row.company ?? '').trim().replace(/\s+/g, ' '));
    this.domains.add(facts.domain);
    if (facts.postal !== '' || facts.city !== '') {
      const key = facts.postal ? `${facts.postal}||${facts.country}` : `|${facts.city}|${facts.country}`;
      let p = this.places.get(key);
      if (!p) this.places.set(key, (p = { n: 0, postal: new Counts(), city: new Counts(), country: facts.country }));
      p.n++;
      p.postal.add((row.postal_code ?? '').trim());
      // import's display form of a town written in capitals, where the row has one.
      p.city.add((row.city_display || row.city || '').trim(), 1, recordId);
      this.towns.add(facts.city, facts.postal);
    }
    if (role) this.roles.add(role);
    const s = readScore(row.score);
    if (typeof s === 'number') {
      this.scored++;
      this.sum += s;
      if (this.best === undefined || s > this.best) this.best = s;
    } else if (s === 'unreadable') this.unreadableScores++;
    const g = (row.grade ?? '').trim().toUpperCase();
    if (g.length === 1 && GRADES.includes(g) && (this.grade === '' || g < this.grade)) this.grade = g;
    this.owners.add((row.owner ?? '').trim());
  }

  /** The best score, for ordering accounts (undefined without any). */
  get bestScore(): number | undefined {
    return this.best;
  }

  /** The account's cells (without id, target and status columns). */
  cells(): Record<string, string> {
    let place: { n: number; postal: Counts; city: Counts; country: string } | undefined;
    let placeKey = '';
    for (const [k, p] of this.places) if (!place || p.n > place.n || (p.n === place.n && k < placeKey)) [place, placeKey] = [p, k];
    const cov = coverage(this.roles);
    return {
      account_name: canonicalCompanyName(this.spellings.repeated()),
      domain: this.domains.top(),
      postal_code: place?.postal.top() ?? '',
      city: place?.city.top(townRank) ?? '',
      country: place?.country ?? '',
      contacts: String(this.contacts),
      roles_present: cov.present.join(';'),
      roles_missing: cov.missing.join(';'),
      best_score: this.best === undefined ? '' : numberCell(this.best),
      score_sum: this.scored ? numberCell(this.sum) : '',
      best_grade: this.grade,
      owners: this.owners.ordered().join(';'),
      name_variants: this.spellings.ordered().join(';'),
      locations: String(this.towns.count()),
    };
  }
}

/** The cells of an account no contact belongs to: a target, as its file gives it. */
export function targetOnlyCells(target: Row, facts: OrgFacts): Record<string, string> {
  const cov = coverage([]);
  const spelling = (target.company ?? '').trim().replace(/\s+/g, ' ');
  const hasPlace = facts.postal !== '' || facts.city !== '';
  return {
    account_name: canonicalCompanyName([spelling]),
    domain: facts.domain,
    postal_code: (target.postal_code ?? '').trim(),
    city: (target.city_display || target.city || '').trim(),
    country: facts.country,
    contacts: '0',
    roles_present: '',
    roles_missing: cov.missing.join(';'),
    best_score: '',
    score_sum: '',
    best_grade: '',
    owners: (target.owner ?? '').trim(),
    name_variants: spelling,
    locations: hasPlace ? '1' : '0',
  };
}
