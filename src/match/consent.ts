/**
 * Consent values ranked by how much they permit, so that merging never widens consent: a merged
 * record gets the least permissive value any of its records had.
 *
 *   0 denied   no, false, 0, nein, opt-out, denied, widerrufen, abgemeldet, …
 *   1 unknown  empty, "unknown", "?", and anything not recognised
 *   2 granted  yes, true, 1, ja, opt-in, granted, DOI, erteilt, …
 *
 * Unknown sits between: a record that says nothing about consent cannot confirm another record's
 * "yes" (the consent may have been given for another address or withdrawn since), but it is no
 * refusal either. Values not recognised count as unknown, never as granted.
 */
export type ConsentRank = 0 | 1 | 2;

const DENIED = new Set([
  'no', 'n', 'false', 'f', '0', 'nein', 'opt-out', 'optout', 'opt out', 'opted out', 'opted-out', 'denied', 'declined',
  'refused', 'revoked', 'withdrawn', 'unsubscribed', 'widerrufen', 'abgelehnt', 'abgemeldet', 'keine', 'kein',
  'verweigert', 'gesperrt', 'blocked', 'do not contact', 'dnc', 'robinson',
]);
const GRANTED = new Set([
  'yes', 'y', 'true', 't', '1', 'ja', 'j', 'opt-in', 'optin', 'opt in', 'opted in', 'opted-in', 'granted', 'given',
  'doi', 'soi', 'double opt-in', 'double opt in', 'single opt-in', 'single opt in', 'confirmed', 'bestätigt',
  'bestaetigt', 'erteilt', 'vorhanden', 'subscribed', 'angemeldet', 'einverstanden', 'ok', 'x',
]);

export function consentRank(value: string): ConsentRank {
  if (!value) return 1;
  const v = value.trim().toLowerCase();
  if (DENIED.has(v)) return 0;
  if (GRANTED.has(v)) return 2;
  return 1;
}

/** Columns that hold consent: consent_email, consent_phone and any other consent_* column. */
export function isConsentColumn(name: string): boolean {
  return name.startsWith('consent_') || name === 'consent';
}
