import { checkPhone } from '../phone/index.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/**
 * The forms in which suppression entries and row values are compared. Emails: trimmed and
 * lower-cased (the form vendors hash). Domains: lower case, no scheme, path or "www.".
 * Phones: E.164 ("+4930123456"), so "030 123456", "+49 (0)30 123456" and "0049 30 123456" match.
 */

/** Lower-cased, trimmed email without "mailto:" or angle brackets; '' when it has no "@". */
export function normalizeEmail(text: string): string {
  const s = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
  const at = s.lastIndexOf('@');
  return at > 0 && at < s.length - 1 ? s : '';
}

/** "max+news@firma.de" → "max@firma.de": the same mailbox at almost every provider. */
export function withoutPlusTag(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${email.slice(at)}` : email;
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : normalizeDomain(email.slice(at + 1));
}

/**
 * Every row asks for its email domain and website, and B2B lists repeat them (many contacts per
 * company): remember the answers. Bounded, since a list can hold millions of distinct domains.
 */
const domainMemo = new BoundedMemo(50_000, (text) => parseDomain(text));

/** "https://www.Firma.de/kontakt" → "firma.de"; '' when it is not a domain name. */
export function normalizeDomain(text: string): string {
  return domainMemo.get(text);
}

function parseDomain(text: string): string {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^@/, '')
    .replace(/^\*\./, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\d*\./, '');
  return /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u.test(host) ? host : '';
}

/** The domain and every parent above the top-level domain: a.b.firma.de → a.b.firma.de, b.firma.de, firma.de. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * E.164 for a phone number, read exactly as `validate` reads it (src/phone, libphonenumber-js
 * "max" metadata), so a list entry and a validated row agree. Numbers without country code are
 * read in the row's `country` when it has a phone region, else in `defaultRegion`. Returns ''
 * for text that is no valid phone number: it can neither be called nor matched reliably.
 */
export function normalizePhone(text: string, defaultRegion: string, country = ''): string {
  const result = checkPhone(text, country, defaultRegion || 'DE');
  return result.status === 'valid' ? result.phone : '';
}
