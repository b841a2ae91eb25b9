/**
 * Reading one row's facts for the scorecard from the columns validate, suppress and score write
 * (whether they were on the rows already or the command computed them). Pure.
 */
import type { Row } from '../table.js';
import { reachesMql } from '../score/grading.js';
import type { StageModel } from '../rules/score.js';

const status = (row: Row, column: string) => (row[column] ?? '').trim().toLowerCase();

export interface ContactFacts {
  emailStatus: string;
  phoneValid: boolean;
  phoneRegionGuessed: boolean;
  addressValid: boolean;
  /** A valid email with the email channel, or a valid phone or mobile with the phone channel. */
  contactable: boolean;
}

/**
 * The contact figures of a validated row. `channels` are the ones the row may be contacted on
 * (suppress's channels column: empty for a suppressed row).
 */
export function contactFacts(row: Row, channels: readonly string[]): ContactFacts {
  const emailStatus = status(row, 'email_status');
  const phone = status(row, 'phone_status') === 'valid';
  const mobile = status(row, 'mobile_status') === 'valid';
  // Guessed only when no valid number of the two stands without a guess.
  const guessed = (phone || mobile) && !((phone && row.phone_region_guessed !== 'true') || (mobile && row.mobile_region_guessed !== 'true'));
  return {
    emailStatus,
    phoneValid: phone || mobile,
    phoneRegionGuessed: guessed,
    addressValid: status(row, 'address_status') === 'valid',
    contactable: (emailStatus === 'valid' && channels.includes('email')) || ((phone || mobile) && channels.includes('phone')),
  };
}

/** suppress's channels cell ("email;phone") as a list. */
export function channelsOf(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
}

/** suppress's suppressed cell: "true" (any case) is suppressed. */
export function isSuppressed(cell: string | undefined): boolean {
  return (cell ?? '').trim().toLowerCase() === 'true';
}

/** score's stage_mql cell: true / false, 'unknown' for anything else (a blank cell of an unscored row). */
export function mqlFromFlag(cell: string | undefined): boolean | 'unknown' {
  const v = (cell ?? '').trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : 'unknown';
}

/** suppress's suppress_reason cell ("list_email:robinson.txt;no_email_consent") as a list. */
export function reasonsOf(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
}

/** Whether suppress's reasons put the row on a do-not-contact list (list_email:, list_hash:, list_domain:, list_phone:). */
export function listedBy(reasons: readonly string[]): boolean {
  return reasons.some((r) => r.startsWith('list_'));
}

/** suppress's segment reading ("b2b" / "b2c", any case); anything else leaves the rules' unknown_segment to decide. */
export function segmentKnown(cell: string | undefined): boolean {
  const v = (cell ?? '').trim().toLowerCase();
  return v === 'b2b' || v === 'b2c';
}

/**
 * A stage cell → MQL reader for one stage model: score's reachesMql once per distinct cell (a
 * list repeats a handful of stage names, and each reading folds every stage name of the model).
 */
export function stageMqlReader(model: StageModel): (cell: string | undefined) => boolean | 'unknown' {
  const seen = new Map<string, boolean | 'unknown'>();
  return (cell) => {
    const key = cell ?? '';
    let v = seen.get(key);
    if (v === undefined) {
      v = reachesMql(key, model) ?? 'unknown';
      // Bounded: a column of free text cannot grow it without limit.
      if (seen.size >= 10_000) seen.clear();
      seen.set(key, v);
    }
    return v;
  };
}
