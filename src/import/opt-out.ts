/**
 * Values of an opt-out column (`Email Opt Out`, `HasOptedOutOfEmail`, `Do Not Call`,
 * `Newsletter abgemeldet`, `Werbewiderspruch`, …) as the consent field they are mapped to:
 *
 *   yes, y, true, 1, -1, ja, j, wahr, x, ✓, checked, oui, vrai,
 *   "Do Not Allow", "Do Not Send", or a date (the day of the opt-out)  → "opted out"
 *   no, n, false, 0, nein, falsch, unchecked, non, faux, "Allow", "Send" → "not opted out"
 *   a word that says its own polarity (unsubscribed, abgemeldet, opt-in, subscribed, …),
 *   empty, and anything else                                          → kept as written
 *
 * "not opted out" is no consent: a contact who never objected has not agreed either, so it reads
 * as unknown (src/suppress/consent.ts, src/match/consent.ts), and only a policy that asks for
 * "not denied" (B2B calls) lets it through. "opted out" reads as denied everywhere. Words that
 * say their own polarity read the same in either kind of column, so they stay as written.
 */
import { parseConsent } from '../suppress/consent.js';

export const OPTED_OUT = 'opted out';
export const NOT_OPTED_OUT = 'not opted out';

const YES = new Set(['yes', 'y', 'true', 't', '1', '-1', 'ja', 'j', 'wahr', 'x', '✓', '✔', 'checked', 'oui', 'vrai', 'do not allow', 'do not send', 'dont allow', "don't allow"]);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'nein', 'falsch', 'unchecked', 'non', 'faux', 'allow', 'send']);

export function readOptOut(value: string): string {
  const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (v === '') return value;
  if (YES.has(v)) return OPTED_OUT;
  if (NO.has(v)) return NOT_OPTED_OUT;
  // A date ("2024-03-01", "01.03.2024 (Messe)") is the day the contact objected; as consent it
  // would read "given". The consent words are letters only, so a digit marks the date.
  if (/\d/.test(v) && parseConsent(value) === 'granted') return OPTED_OUT;
  return value;
}
