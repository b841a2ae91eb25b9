import { emailMatchKey, parseEmailCell } from '../email/parse.js';
import { readPhoneKey } from '../phone/index.js';
import { resolveRowCountry } from '../address/country-resolver.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/**
 * The forms in which suppression entries and row values are compared. Emails: read by src/email
 * like every other command reads them ("Max <Max@Firma.de>" → max@firma.de, the form vendors
 * hash) and compared by their match key (IDN, +tag, Gmail dots folded). Domains: lower case, no
 * scheme, path or "www.".
 * Phones: E.164 ("+4930123456"), so "030 123456", "+49 (0)30 123456" and "0049 30 123456" match.
 */

/** The (first) address in a cell, lower-cased, without display name, "mailto:" or brackets; '' when there is none. */
export function normalizeEmail(text: string): string {
  return parseEmailCell(text).address;
}

/** Every address in a cell ("a@x.de; b@y.de" has two): a list entry or a row is checked for each. */
export function normalizeEmails(text: string): readonly string[] {
  return parseEmailCell(text).addresses;
}

/** The key under which a list entry and a row's address are compared (src/email, as dedupe and match). */
export const emailKey = emailMatchKey;

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
 * The phone key every command compares numbers by (src/phone's phoneKey: E.164, read exactly as
 * `validate` reads it), so a list entry in any form ("(310) 246-1501", "030 1234567") and a
 * validated or raw row agree. Numbers without country code are read in the row's `country` as
 * src/address resolves it, else in `defaultRegion`. The extension is not compared. Returns '' for
 * text that is no valid phone number: it can neither be called nor matched reliably, so a list
 * line like that is reported rather than kept under a digits key.
 */
export function normalizePhone(text: string, defaultRegion: string, country = ''): string {
  const region = country === '' ? '' : resolveRowCountry({ country }).code;
  // The rules file's phone_region may be a name ("Deutschland"), which the schema accepts.
  const fallback = defaultRegion === '' ? 'DE' : resolveRowCountry({ country: defaultRegion }).code || 'DE';
  const key = readPhoneKey(text, region, fallback);
  return key.valid ? key.key : '';
}
