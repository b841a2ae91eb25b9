/**
 * Freshness as data: how many days old a record is as of the run's date, and whether that makes
 * it stale. The reading of a record's date and of what its age rests on is src/date/record-age.ts's
 * (updated_at, else created_at, else the delivery date; calendar days; the columns' day/month
 * readings), the same the sources scorecard uses, so the two never disagree about a row.
 *
 *   record_age_days    whole calendar days from the record's date to as_of; empty without a date
 *                      and for a date after as_of
 *   record_age_status  record-age.ts's RECORD_AGE_STATUSES: ok · delivery_date · file_date ·
 *                      order_guessed · future · unreadable · no_date
 *   stale              true / false: older than the stale-after age; empty when record_age_days is
 */
import { recordAge, RECORD_AGE_STATUSES, type RecordAgeStatus, type RecordDateReadings, type StaleAfter } from '../date/record-age.js';

export { RECORD_AGE_STATUSES, type RecordAgeStatus };

export interface Freshness {
  record_age_days: string;
  record_age_status: RecordAgeStatus;
  stale: '' | 'true' | 'false';
}

/** Epoch ms of the start of an as_of day (yyyy-mm-dd, UTC like every date without a zone). */
export function asOfMs(asOf: string): number {
  return Date.parse(`${asOf}T00:00:00Z`);
}

export function freshness(row: Readonly<Record<string, string | undefined>>, asOf: number, after: StaleAfter, readings?: RecordDateReadings): Freshness {
  const age = recordAge(row, asOf, after, readings);
  if (age.days === undefined) return { record_age_days: '', record_age_status: age.status, stale: '' };
  return { record_age_days: String(age.days), record_age_status: age.status, stale: age.stale ? 'true' : 'false' };
}
