/**
 * How old a record is: one reading for classify's record_age_days / stale columns and for the
 * sources scorecard, so the two never disagree about a row.
 *
 * A record is as current as the last time somebody touched it: updated_at, else created_at, else
 * the day the list was delivered (source_delivered_at). A date whose day/month order would be a
 * guess ("03/01/2024") counts as no date rather than as one of two readings.
 */
import { DAY_MS } from './parse.js';
import { parseDate } from '../score/dates.js';

/** The columns a record's age is read from, most telling first. */
export const RECORD_DATE_FIELDS = ['updated_at', 'created_at', 'source_delivered_at'] as const;

/** Default for --stale-after: a record untouched for two years is stale. */
export const DEFAULT_STALE_MONTHS = 24;

/** Epoch ms of the record's date, or undefined when none of its date columns holds a readable date. */
export function recordDateMs(row: Readonly<Record<string, string | undefined>>): number | undefined {
  return recordDate(row)?.ms;
}

/** The record's date and the column it was read from, or undefined when none holds a readable date. */
export function recordDate(row: Readonly<Record<string, string | undefined>>): { ms: number; field: (typeof RECORD_DATE_FIELDS)[number] } | undefined {
  for (const field of RECORD_DATE_FIELDS) {
    const v = row[field];
    if (!v) continue;
    const ms = parseDate(v);
    if (ms !== undefined) return { ms, field };
  }
  return undefined;
}

/** Whole days from the record's date to `asOfMs` (never negative), or undefined without a date. */
export function recordAgeDays(row: Readonly<Record<string, string | undefined>>, asOfMs: number): number | undefined {
  const ms = recordDateMs(row);
  if (ms === undefined) return undefined;
  return ageInDays(ms, asOfMs);
}

/** Whole days from a record date `ms` to `asOfMs`, never negative (a date after as_of is 0 days old). */
export function ageInDays(ms: number, asOfMs: number): number {
  return Math.max(0, Math.floor((asOfMs - ms) / DAY_MS));
}

/**
 * Whether a record dated `ms` is older than `months` calendar months as of `asOfMs` (2024-01-31
 * plus one month is 2024-02-29, as a person counts it).
 */
export function isStale(ms: number, asOfMs: number, months: number = DEFAULT_STALE_MONTHS): boolean {
  return ms < monthsBefore(asOfMs, months);
}

/** The instant `months` calendar months before `ms`, the day clamped to the month's length. */
export function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** How old a record may get before it is stale: calendar months, or days. */
export type StaleAfter = { months: number } | { days: number };

/** Reads a --stale-after value: "24" or "24m" months, "2y" years, "90d" days. Undefined when unreadable. */
export function parseStaleAfter(text: string): StaleAfter | undefined {
  const m = /^\s*(\d+)\s*(m|mo|months?|y|years?|d|days?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'm').toLowerCase();
  if (unit.startsWith('y')) return { months: n * 12 };
  if (unit.startsWith('d')) return { days: n };
  return { months: n };
}

/** Stale under a parsed --stale-after. */
export function isStaleAfter(ms: number, asOfMs: number, after: StaleAfter): boolean {
  return 'days' in after ? ms < asOfMs - after.days * DAY_MS : isStale(ms, asOfMs, after.months);
}

/** A parsed --stale-after as a person reads it: "24 months", "90 days". */
export function describeStaleAfter(after: StaleAfter): string {
  const [n, unit] = 'days' in after ? [after.days, 'day'] : [after.months, 'month'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Whether one of the row's date columns holds a value no date is read from (an ambiguous
 * "03/01/2024" too): its age then rests on a less telling column, or is unknown. Counted by the
 * sources scorecard, so an age read from created_at because updated_at was unreadable is no
 * silent guess.
 */
export function hasUnreadableRecordDate(row: Readonly<Record<string, string | undefined>>): boolean {
  for (const field of RECORD_DATE_FIELDS) {
    const v = row[field];
    if (v && v.trim() !== '' && parseDate(v) === undefined) return true;
  }
  return false;
}
