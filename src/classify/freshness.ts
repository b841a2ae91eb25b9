/**
 * Freshness as data: how many days old a record is as of the run's date, and whether that makes
 * it stale. The reading of a record's date is src/date/record-age.ts's (updated_at, else
 * created_at, else the delivery date; a day/month order that would be a guess is no date), the
 * same the sources scorecard uses, so the two never disagree about a row.
 *
 *   record_age_days    whole days from the record's date to as_of (0 for a date after it); empty
 *                      without a date
 *   record_age_status  ok · delivery_date (the record has no date of its own: the age is the
 *                      list's, from source_delivered_at) · unreadable (a date column holds a
 *                      value no date is read from, e.g. "31.02.2024" or "03/01/2024"; the age
 *                      then rests on a less telling column, or is empty) · no_date
 *   stale              true / false: older than the stale-after age; empty without a date
 */
import { ageInDays, hasUnreadableRecordDate, isStaleAfter, recordDateMs, type StaleAfter } from '../date/record-age.js';

export const RECORD_AGE_STATUSES = ['ok', 'delivery_date', 'unreadable', 'no_date'] as const;
export type RecordAgeStatus = (typeof RECORD_AGE_STATUSES)[number];

export interface Freshness {
  record_age_days: string;
  record_age_status: RecordAgeStatus;
  stale: '' | 'true' | 'false';
}

/** Epoch ms of the start of an as_of day (yyyy-mm-dd, UTC like every date without a zone). */
export function asOfMs(asOf: string): number {
  return Date.parse(`${asOf}T00:00:00Z`);
}

export function freshness(row: Readonly<Record<string, string | undefined>>, asOf: number, after: StaleAfter): Freshness {
  const ms = recordDateMs(row);
  const unreadable = hasUnreadableRecordDate(row);
  if (ms === undefined) return { record_age_days: '', record_age_status: unreadable ? 'unreadable' : 'no_date', stale: '' };
  // Whether the record's own dates gave the age, or only the day the list was delivered.
  const own = recordDateMs({ updated_at: row.updated_at, created_at: row.created_at }) !== undefined;
  return {
    record_age_days: String(ageInDays(ms, asOf)),
    record_age_status: unreadable ? 'unreadable' : own ? 'ok' : 'delivery_date',
    stale: isStaleAfter(ms, asOf, after) ? 'true' : 'false',
  };
}
