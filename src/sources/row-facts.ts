/**
 * Reading one row's facts for the scorecard from the columns validate, suppress and score write
 * (whether they were on the rows already or the command computed them). Pure.
 */
import type { Row } from '../table.js';

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
