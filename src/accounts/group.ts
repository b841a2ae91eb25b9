/**
 * Which contacts work for one company: dedupe's engine run on the rows' organisation views
 * (view.ts), never the company string alone. Rows that say the same about their organisation
 * (the same name key and legal form, address, town, country, domain and VAT id) are one view; the
 * engine's blocking, organisation scoring and clustering then join views that are one company:
 * name variants ("Müller GmbH", "Mueller GmbH", "MÜLLER Gesellschaft mit beschränkter Haftung")
 * with an agreeing place, domain or switchboard. "Autohaus Müller" in Köln and in Kiel stay two
 * accounts; a branch elsewhere joins through the domain or number it shares.
 *
 * The views are handed to the engine in the order of their keys, and each view's cells are chosen
 * by value (the smallest spelling, the most frequent phone), so the grouping does not depend on
 * the order of the input rows.
 *
 * Where the grouping rests on little, the account says so (see AccountStatus): a merge less than
 * NARROW_MARGIN bits above the threshold, or rows tied by company name and town alone.
 */
import { normaliseCountry } from '../address/country.js';
import { dedupeAsync } from '../match/dedupe.js';
import { bits, DEFAULT_MODEL } from '../match/model.js';
import { DEFAULT_THRESHOLD } from '../match/options.js';
import type { Row } from '../table.js';
import { isAnchored, orgCells, orgFacts, townOnly, VIEW_COLUMNS, viewKey, viewRow, type OrgFacts } from './view.js';

/**
 * Why an account may be wrong, in the order written to account_status. Which contacts and targets
 * it holds (GROUPING_STATUSES, the accounts_guessed metric):
 * - narrow_match: a merge of its records scored less than 2 bits above the threshold
 * - name_and_city_only: records joined by company name and town alone (no street, postcode,
 *   domain, phone or VAT id agreed)
 * - name_only_contacts: it holds contacts that give the company name and nothing else (no place,
 *   domain or VAT id): joined to it by a shared phone, or an account of their own that may be
 *   another account's branch or the same firm
 * - target_narrow_match: a target was matched to it less than 2 bits above the threshold
 * - target_by_name_only: a target that gives no place or domain was matched by its name alone
 * - target_ambiguous: such a target's name fits several accounts; each of them is marked
 * What its roles rest on (index.ts, roles.ts):
 * - roles_from_title: the input had no buying_role column, so roles_present / roles_missing were
 *   read here from the job titles (classify's reader)
 * - roles_guessed: a contact's role rests on a seniority classify guessed from an occupation name
 *   it does not know (seniority_status=guessed)
 */
export const ACCOUNT_STATUSES = [
  'narrow_match',
  'name_and_city_only',
  'name_only_contacts',
  'target_narrow_match',
  'target_by_name_only',
  'target_ambiguous',
  'roles_from_title',
  'roles_guessed',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The statuses that doubt which contacts and targets an account holds (not what its roles rest on). */
export const GROUPING_STATUSES: ReadonlySet<AccountStatus> = new Set<AccountStatus>(['narrow_match', 'name_and_city_only', 'name_only_contacts', 'target_narrow_match', 'target_by_name_only', 'target_ambiguous']);

export interface GroupOptions {
  /** Match probability a pair of views needs to be one account (dedupe's --threshold; default 0.9). */
  threshold?: number;
  /** Country for national phone numbers on rows without one (ISO alpha-2; default DE). */
  defaultCountry?: string;
}

/** One view: rows that say the same about their organisation. */
export interface View {
  facts: OrgFacts;
  /** Member row indices, in input order. */
  rows: number[];
}

export interface Grouping {
  /** Account index of each input row; -1 for a row that names no company. */
  accountOf: Int32Array;
  /** Number of accounts (indices 0 … count-1, numbered by their first view). */
  count: number;
  views: View[];
  /** The rows the engine matched, one per view (record_id v1, v2, …). */
  viewRows: Row[];
  /** Account of each view. */
  viewAccount: Int32Array;
  /** The guesses each account rests on. */
  statuses: Set<AccountStatus>[];
  /** Rows without a company (private persons): in no account. */
  privateRows: number;
  /** Rows with a company but no place, domain or VAT id: joined only where the engine found a shared number. */
  unanchoredRows: number;
  /** Merges the engine refused because the account would have held more than MAX_ACCOUNT_VIEWS views. */
  refusedBySize: number;
}

/**
 * An account holds its branches: a member in one town without a domain must not keep out a branch
 * elsewhere that the domain or switchboard ties in. So any two members may disagree on the name
 * or on the place (dedupe's default floor is 0 bits), but not on both and on more.
 */
export const ACCOUNT_FLOOR = bits(DEFAULT_MODEL.company.differ) + bits(DEFAULT_MODEL.location.differ);

/** Views an account may hold at most (distinct spellings × places × domains of one company). */
export const MAX_ACCOUNT_VIEWS = 1000;

/** Match reasons (explain.ts matchReason) of a link made by company name and town alone. */
function nameAndTownOnly(reason: string): boolean {
  if (reason === '') return false;
  const parts = reason.split('; ');
  return parts.includes('location=city') && parts.every((p) => p === 'location=city' || p.startsWith('company='));
}

/** The view's phone: the number most of its rows have (ties: the smallest key), and a row with it. */
function phoneRowOf(rows: readonly Row[], members: readonly number[], facts: readonly (OrgFacts | undefined)[]): Row | undefined {
  const counts = new Map<string, number>();
  for (const i of members) {
    const p = facts[i]?.phone ?? '';
    if (p !== '') counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let best = '';
  let bestN = 0;
  for (const [p, n] of counts) if (n > bestN || (n === bestN && p < best)) [best, bestN] = [p, n];
  if (best === '') return undefined;
  let row: Row | undefined;
  for (const i of members) {
    if (facts[i]?.phone !== best) continue;
    const r = rows[i];
    if (!row || (r.phone ?? '') < (row.phone ?? '')) row = r;
  }
  return row;
}

/** All members share one phone number: rows of a town-only view are then tied by it too. */
function sharePhone(members: readonly number[], facts: readonly (OrgFacts | undefined)[]): boolean {
  const first = facts[members[0]]?.phone ?? '';
  return first !== '' && members.every((i) => facts[i]?.phone === first);
}

export async function groupAccounts(rows: readonly Row[], opts: GroupOptions = {}): Promise<Grouping> {
  const n = rows.length;
  const defaultCountry = opts.defaultCountry ?? 'DE';
  const region = normaliseCountry(defaultCountry).code || 'DE';
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;

  // Views: anchored rows by their key; rows with a name only by key and phone (a shared
  // switchboard), or alone when they have no phone either.
  const facts = new Array<OrgFacts | undefined>(n);
  const byKey = new Map<string, number[]>();
  let privateRows = 0;
  let unanchoredRows = 0;
  const loose: { sort: string; row: number }[] = [];
  for (let i = 0; i < n; i++) {
    const f = orgFacts(rows[i], region);
    facts[i] = f;
    if (!f) {
      privateRows++;
      continue;
    }
    let key = viewKey(f);
    if (!isAnchored(f)) {
      unanchoredRows++;
      if (f.phone === '') {
        loose.push({ sort: `${key}\u0002\u0002${orgCells(rows[i])}\u0002${rows[i].record_id ?? ''}`, row: i });
        continue;
      }
      key = `${key}\u0002${f.phone}`;
    }
    const l = byKey.get(key);
    if (l) l.push(i);
    else byKey.set(key, [i]);
  }
  const groups: { sort: string; rows: number[] }[] = [...byKey].map(([sort, members]) => ({ sort, rows: members }));
  for (const x of loose) groups.push({ sort: x.sort, rows: [x.row] });
  groups.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));

  const views: View[] = [];
  const viewRows: Row[] = [];
  for (const g of groups) {
    let spelling = rows[g.rows[0]];
    let cells = orgCells(spelling);
    for (const i of g.rows) {
      const c = orgCells(rows[i]);
      if (c < cells) [spelling, cells] = [rows[i], c];
    }
    const f = facts[g.rows[0]] as OrgFacts;
    views.push({ facts: f, rows: g.rows });
    viewRows.push(viewRow(`v${views.length}`, spelling, f.domain, phoneRowOf(rows, g.rows, facts)));
  }

  const result = await dedupeAsync(viewRows, {
    columns: [...VIEW_COLUMNS],
    threshold,
    defaultCountry: region,
    minPairWeight: ACCOUNT_FLOOR,
    maxClusterSize: MAX_ACCOUNT_VIEWS,
    // Review collects the narrow merges (review.ts); its borderline band is made empty, since
    // pairs below the threshold are not wanted here and scoring them out costs time.
    review: true,
    reviewThreshold: threshold * (1 - 1e-9),
  });

  const count = result.clusters.count;
  const viewAccount = new Int32Array(views.length);
  for (let v = 0; v < views.length; v++) viewAccount[v] = result.clusters.of(v);
  const statuses = Array.from({ length: count }, () => new Set<AccountStatus>());
  const viewIndex = (id: string) => Number(id.slice(1)) - 1;

  // The engine's narrow merges (review.ts), and the links made by name and town alone.
  for (const r of result.review()) {
    if (r.review_reason === 'narrow_merge') statuses[viewAccount[viewIndex(r.record_id_a)]].add('narrow_match');
  }
  for (const r of result.report()) {
    if (r.matched_with !== '' && nameAndTownOnly(r.match_reason)) statuses[viewAccount[viewIndex(r.record_id)]].add('name_and_city_only');
  }
  // Rows of one view are joined by what the view holds: by name and town alone when that is all.
  views.forEach((v, k) => {
    if (v.rows.length > 1 && townOnly(v.facts) && !sharePhone(v.rows, facts)) statuses[viewAccount[k]].add('name_and_city_only');
    // Rows that give the name alone: whatever account they are in rests on a phone or on nothing.
    if (!isAnchored(v.facts)) statuses[viewAccount[k]].add('name_only_contacts');
  });

  const accountOf = new Int32Array(n).fill(-1);
  views.forEach((v, k) => {
    for (const i of v.rows) accountOf[i] = viewAccount[k];
  });
  return { accountOf, count, views, viewRows, viewAccount, statuses, privateRows, unanchoredRows, refusedBySize: result.stats.clustering.refusedSize };
}
