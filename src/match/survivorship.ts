/**
 * Survivorship: which record of a cluster survives, and how the others' data flows into it.
 *
 * - The survivor is chosen by --prefer: complete (most filled fields), newest / oldest
 *   (updated_at, else created_at), or source:A,B (the first listed source present wins); ties go
 *   to the more complete, then the newer, then the earlier row.
 * - Blank fields of the survivor are filled from the other members in that same order.
 * - Address fields move together: a blank address is taken whole from one member, and single
 *   blanks are filled only from members at the same postal code (else a street from one record
 *   would land in another's town).
 * - Different non-empty emails or phone numbers are never collapsed: the survivor keeps its own,
 *   the others are listed in emails_other / phones_other. Status columns of a value (email_*,
 *   phone_*, mobile_*) travel with the value.
 * - Consent columns take the least permissive value of all members (consent.ts).
 * - Provenance (record_id, source and where the list came from: schema.ts PROVENANCE_FIELDS) is
 *   the survivor's own, never filled from another member: a blank vendor of the survivor's list
 *   does not become another list's vendor. Where every member came from is listed apart, in
 *   sources_all (originsOf), so "where do you have my address from" has the whole answer.
 */
import { completeness, OWN_COLUMNS, SOURCES_ALL, type HeldRows } from './held-rows.js';
import type { Row } from '../table.js';
import { DELIVERY_STATUS } from '../import/provenance.js';
import { consentRank, isConsentColumn } from './consent.js';
import { dateReadingOf, sortableTimestamp } from '../date/parse.js';
import { normaliseEmail } from './email.js';
import { normalisePostalCode } from './address.js';
import { normalisePhone } from './phone.js';

export type Prefer = { kind: 'complete' } | { kind: 'newest' } | { kind: 'oldest' } | { kind: 'source'; sources: string[] };

/** Parse "complete", "newest", "oldest" or "source:A,B". Throws on anything else. */
export function parsePrefer(value: string): Prefer {
  const v = value.trim();
  if (v === 'complete' || v === 'newest' || v === 'oldest') return { kind: v };
  if (v.startsWith('source:')) {
    const sources = v
      .slice(7)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (sources.length) return { kind: 'source', sources };
  }
  throw new Error(`--prefer ${value}: use complete, newest, oldest or source:A,B`);
}

export { completeness, SOURCES_ALL };

/** A record's own provenance (leadkit's own columns): kept with the survivor, never filled in from another member. */
const PROVENANCE = OWN_COLUMNS;

/** The timestamp readers of one list: updated_at and created_at, each read the way its column writes dates. */
interface TimestampReaders {
  updated: (v: string) => string;
  created: (v: string) => string;
}

const readersOfList = new WeakMap<readonly Row[] | HeldRows, TimestampReaders>();

/** A slashed date is day- or month-first as its column shows (src/date dateReadingOf), decided once per list. */
function timestampReaders(rows: readonly Row[] | HeldRows): TimestampReaders {
  let r = readersOfList.get(rows);
  if (r) return r;
  const reader = (field: 'updated_at' | 'created_at') => {
    const ctx = { reading: dateReadingOf(Array.isArray(rows) ? rows.map((row) => row[field] ?? '') : (rows as HeldRows).column(field)) };
    return (v: string) => sortableTimestamp(v, ctx);
  };
  r = { updated: reader('updated_at'), created: reader('created_at') };
  readersOfList.set(rows, r);
  return r;
}

function newest(row: Row, t: TimestampReaders): string {
  return t.updated(row.updated_at ?? '') || t.created(row.created_at ?? '');
}

function oldest(row: Row, t: TimestampReaders): string {
  return t.created(row.created_at ?? '') || t.updated(row.updated_at ?? '');
}

interface RankInfo {
  i: number;
  complete: number;
  newest: string;
  oldest: string;
  source: string;
}

function rankInfo(i: number, row: Row, t: TimestampReaders): RankInfo {
  return { i, complete: completeness(row), newest: newest(row, t), oldest: oldest(row, t), source: row.source ?? '' };
}

/** rankInfo of held rows from what they keep of every row (their dates, source and completeness): no row is read. */
function heldRankInfo(rows: HeldRows, members: readonly number[], t: TimestampReaders): RankInfo[] {
  const updated = rows.column('updated_at');
  const created = rows.column('created_at');
  const source = rows.column('source');
  return members.map((i) => {
    const u = t.updated(updated[i]);
    const c = t.created(created[i]);
    return { i, complete: rows.completeness(i), newest: u || c, oldest: c || u, source: source[i] };
  });
}

/** Members ordered by preference, survivor first. `members` are indices into `rows`, in row order. */
export function rankMembers(rows: readonly Row[] | HeldRows, members: readonly number[], prefer: Prefer): number[] {
  const t = timestampReaders(rows);
  const info = Array.isArray(rows) ? members.map((i) => rankInfo(i, (rows as readonly Row[])[i], t)) : heldRankInfo(rows as HeldRows, members, t);
  const byNewest = (a: RankInfo, b: RankInfo) => (a.newest === b.newest ? 0 : a.newest > b.newest ? -1 : 1);
  const sourceRank = (x: RankInfo) => {
    if (prefer.kind !== 'source') return 0;
    const r = prefer.sources.indexOf(x.source);
    return r === -1 ? prefer.sources.length : r;
  };
  info.sort((a, b) => {
    let d = 0;
    if (prefer.kind === 'newest') d = byNewest(a, b);
    else if (prefer.kind === 'oldest') {
      // Rows without a date go last, not first.
      if (a.oldest !== b.oldest) d = a.oldest === '' ? 1 : b.oldest === '' ? -1 : a.oldest < b.oldest ? -1 : 1;
    } else if (prefer.kind === 'source') d = sourceRank(a) - sourceRank(b);
    if (d !== 0) return d;
    if (a.complete !== b.complete) return b.complete - a.complete;
    return byNewest(a, b) || a.i - b.i;
  });
  return info.map((x) => x.i);
}

const ADDRESS = ['street', 'house_number', 'postal_code', 'city', 'state', 'country'];
const ADDRESS_SET = new Set(ADDRESS);
const PHONES = ['phone', 'mobile'];

function blank(v: string | undefined): boolean {
  return v === undefined || v.trim() === '';
}

/** A value column and the status columns that describe it (email → email_status, …). */
function companionOf(col: string): string | undefined {
  for (const base of ['email', 'phone', 'mobile']) if (col.startsWith(`${base}_`)) return base;
  return undefined;
}

export interface MergedRecord {
  row: Row;
  emailsOther: string[];
  phonesOther: string[];
}

/**
 * Merge the members of one cluster (survivor first, see rankMembers) into one row. The result has
 * the survivor's columns plus any column another member has.
 */
export function mergeMembers(rows: readonly Row[], ordered: readonly number[], defaultCallingCode = '49'): MergedRecord {
  const members = ordered.map((i) => rows[i]);
  const survivor = members[0];
  const out = copyRow(survivor);
  const columns: string[] = Object.keys(survivor);
  const seen = new Set(columns);
  for (let k = 1; k < members.length; k++) {
    for (const c of Object.keys(members[k])) {
      if (!seen.has(c)) {
        seen.add(c);
        columns.push(c);
        out[c] = '';
      }
    }
  }

  // Which member supplied each value column, so its status columns can follow.
  const supplier: Record<string, Row> = {};
  for (const col of ['email', ...PHONES]) {
    const from = members.find((m) => !blank(m[col]));
    if (from) {
      out[col] = from[col];
      supplier[col] = from;
    }
  }

  for (const col of columns) {
    if (ADDRESS_SET.has(col) || col === 'email' || PHONES.includes(col) || PROVENANCE.has(col)) continue;
    if (isConsentColumn(col)) {
      out[col] = leastPermissive(members, col);
      continue;
    }
    const base = companionOf(col);
    if (base !== undefined && supplier[base]) {
      // Status columns describe their value: take them from the member that supplied it, or from
      // a member holding the same value.
      const value = out[base];
      const from = [supplier[base], ...members].find((m) => m[base] === value && !blank(m[col]));
      out[col] = from ? from[col] : supplier[base][col] ?? '';
      continue;
    }
    if (blank(out[col])) {
      const from = members.find((m) => !blank(m[col]));
      if (from) out[col] = from[col];
    }
  }
  fillAddress(out, members, columns);

  const emailsOther: string[] = [];
  const seenEmails = new Set([normaliseEmail(out.email ?? '') || (out.email ?? '').trim().toLowerCase()]);
  for (const m of members) {
    const e = m.email ?? '';
    if (blank(e)) continue;
    const key = normaliseEmail(e) || e.trim().toLowerCase();
    if (seenEmails.has(key)) continue;
    seenEmails.add(key);
    emailsOther.push(e.trim());
  }

  const phoneKey = (m: Row, v: string) => normalisePhone(v, m.country ?? out.country ?? '', defaultCallingCode) || v.replace(/\D/g, '');
  const phonesOther: string[] = [];
  const seenPhones = new Set<string>();
  for (const col of PHONES) if (!blank(out[col])) seenPhones.add(phoneKey(supplier[col] ?? out, out[col]));
  for (const m of members) {
    for (const col of PHONES) {
      const v = m[col];
      if (blank(v)) continue;
      const key = phoneKey(m, v);
      if (seenPhones.has(key)) continue;
      seenPhones.add(key);
      phonesOther.push(v.trim());
    }
  }
  return { row: out, emailsOther, phonesOther };
}

/**
 * Where the records of one person came from, for GDPR Art. 14: one `source|vendor|delivered`
 * entry per distinct origin, `;`-joined, survivor first (e.g.
 * "acme-2026-10|Acme Adressen GmbH|2026-10-01;messe|Messe Kontakt KG|2026-09-15 (file date)").
 * A delivery date read off a file is marked "(file date)", so a guess is not passed on as a fact.
 * A member merged before brings its own sources_all, so merging merged lists loses no origin.
 * Empty when no member has any provenance (a list that was never imported).
 */
export function originsOf(members: readonly Row[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (entry: string) => {
    if (entry === '' || seen.has(entry)) return;
    seen.add(entry);
    out.push(entry);
  };
  for (const m of members) {
    const earlier = (m[SOURCES_ALL] ?? '').trim();
    if (earlier !== '') {
      for (const e of earlier.split(';')) add(e.trim());
      continue;
    }
    add(originEntry(m));
  }
  return out.join(';');
}

/** One record's `source|vendor|delivered`, or '' when it has none of them. */
export function originEntry(row: Row): string {
  const source = (row.source ?? '').trim();
  const vendor = (row.source_vendor ?? '').trim();
  let delivered = (row.source_delivered_at ?? '').trim();
  if (delivered !== '' && (row.source_delivered_status ?? '').trim() === DELIVERY_STATUS.fileDate) delivered += ' (file date)';
  if (source === '' && vendor === '' && delivered === '') return '';
  return `${source}|${vendor}|${delivered}`;
}

function fillAddress(out: Row, members: Row[], columns: string[]): void {
  const cols = ADDRESS.filter((c) => columns.includes(c));
  if (cols.length === 0) return;
  if (cols.every((c) => blank(out[c]))) {
    const from = members.find((m) => cols.some((c) => !blank(m[c])));
    if (from) for (const c of cols) out[c] = from[c] ?? '';
    return;
  }
  const postal = normalisePostalCode(out.postal_code ?? '');
  const city = (out.city ?? '').trim().toLowerCase();
  const sameAddress = (m: Row) => {
    const p = normalisePostalCode(m.postal_code ?? '');
    if (postal && p) return p === postal;
    const c = (m.city ?? '').trim().toLowerCase();
    return city !== '' && c === city;
  };
  for (const c of cols) {
    if (!blank(out[c])) continue;
    const from = members.find((m) => !blank(m[c]) && sameAddress(m));
    if (from) out[c] = from[c];
  }
}

/** The least permissive consent value among the members (the first such member's spelling). */
function leastPermissive(members: Row[], col: string): string {
  let rank = 3;
  let value = '';
  for (const m of members) {
    const v = m[col] ?? '';
    const r = consentRank(v);
    if (r < rank) {
      rank = r;
      value = v;
    }
  }
  return value;
}

/**
 * A copy of a row that further columns can be added to. Not `{ ...row }`: V8 gives objects made
 * by spread a map that each added property replaces, which made writing a million output rows
 * ten times slower than this plain copy.
 */
export function copyRow(row: Row): Row {
  const out: Row = {};
  for (const k in row) out[k] = row[k];
  return out;
}
