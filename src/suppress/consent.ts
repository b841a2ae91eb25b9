import { foldForCompare as foldText } from '../text/fold.js';
import { parseDate } from '../date/parse.js';

/**
 * Reading consent columns. CRMs and vendors write consent as ja/nein, yes/no, 1/0, x, opt-in,
 * DOI, or the date it was given. Three outcomes:
 *   granted — ja, j, yes, y, true, wahr, 1, x, ✓, opt-in, double opt-in, doi, granted,
 *             erteilt, eingewilligt, zugestimmt, einverstanden, bestätigt, subscribed,
 *             marketing contact (HubSpot), or a date (the documented day of consent)
 *   denied  — nein, n, no, false, falsch, 0, opt-out, denied, widerrufen, widersprochen,
 *             abgemeldet, abgelehnt, unsubscribed, kein(e), none, sperre, robinson,
 *             non-marketing contact
 *   unknown — empty, and anything else ("?", "unklar", free text)
 * Teams can add their own words in the rules file (suppress.consent.granted_values / denied_values).
 */
export type Consent = 'granted' | 'denied' | 'unknown';

const GRANTED_WORDS = [
  'ja', 'j', 'yes', 'y', 'true', 'wahr', '1', 'x', '✓', '✔', 'ok', 'opt-in', 'optin', 'opt in', 'opted in', 'opted-in',
  'double opt-in', 'double optin', 'double opt in', 'doi', 'soi', 'granted', 'given', 'erteilt', 'eingewilligt', 'zugestimmt',
  'einverstanden', 'bestaetigt', 'confirmed', 'subscribed', 'abonniert', 'vorhanden', 'liegt vor',
  // HubSpot's "Marketing contact status" (import maps it onto consent_email).
  'marketing contact',
];
const DENIED_WORDS = [
  'nein', 'n', 'no', 'false', 'falsch', '0', 'opt-out', 'optout', 'opt out', 'opted out', 'opted-out', 'denied', 'refused',
  'widerrufen', 'widersprochen', 'widerspruch', 'abgemeldet', 'abgelehnt', 'unsubscribed', 'kein', 'keine', 'none',
  'sperre', 'gesperrt', 'robinson', 'do not contact', 'dnc', 'nicht kontaktieren',
  'non-marketing contact', 'non marketing contact',
];

/**
 * The granted words as one case-insensitive regular expression, for score rules that read a
 * consent column (`op: regex`). Dates are not part of it; the suppress stage also accepts them.
 */
export const CONSENT_GRANTED_PATTERN =
  '^\\s*(?:' +
  ['ja', 'j', 'yes', 'y', 'true', 'wahr', '1', 'x', '✓', '✔', 'ok', 'opt[- ]?in', 'opted[- ]in', 'double[- ]opt[- ]?in', 'doi', 'soi', 'granted', 'given', 'erteilt', 'eingewilligt', 'zugestimmt', 'einverstanden', 'bestätigt', 'bestaetigt', 'confirmed', 'subscribed', 'abonniert', 'vorhanden', 'liegt vor', 'marketing contact', '\\d{4}-\\d{2}-\\d{2}\\S*(?:\\s+\\S+)*', '\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}\\S*(?:\\s+\\S+)*'].join('|') +
  ')\\s*$';

function key(s: string): string {
  return foldText(s.trim()).replace(/[.!]+$/, '').replace(/\s+/g, ' ');
}

export interface ConsentVocabulary {
  granted: ReadonlySet<string>;
  denied: ReadonlySet<string>;
}

/** The built-in words plus a team's own (compared case- and umlaut-insensitively). */
export function consentVocabulary(extraGranted: readonly string[] = [], extraDenied: readonly string[] = []): ConsentVocabulary {
  return {
    granted: new Set([...GRANTED_WORDS, ...extraGranted].map(key)),
    denied: new Set([...DENIED_WORDS, ...extraDenied].map(key)),
  };
}

const BUILT_IN = consentVocabulary();

export function parseConsent(value: string, vocabulary: ConsentVocabulary = BUILT_IN): Consent {
  const k = key(value);
  if (k === '') return 'unknown';
  if (vocabulary.denied.has(k)) return 'denied';
  if (vocabulary.granted.has(k)) return 'granted';
  // "2024-03-01", "01.03.2024 (Messe)" or "12. Dezember 2023 (Webinar)" — a documented consent
  // date, in any form src/date reads (whichever way round an ambiguous 03/04/2024 is, it is a date).
  if (parseDate(k) !== undefined) return 'granted';
  const withoutNote = k.replace(/\s*[([].*$/, '');
  if (withoutNote !== k && parseDate(withoutNote) !== undefined) return 'granted';
  const datePart = k.split(/\s+/)[0];
  if (datePart !== k && parseDate(datePart) !== undefined) return 'granted';
  return 'unknown';
}
