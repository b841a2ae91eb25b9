import { emailKey, normalizeDomain, normalizeEmails, normalizePhone } from './normalize.js';

/**
 * Do-not-contact lists: Robinson lists, opt-outs, bounces, competitors, existing customers.
 * One entry per line; a line with several fields ("email;date", CSV) counts by its first field.
 * Blank lines and lines starting with "#" are skipped, and a first line that is not an entry
 * is taken for a header. Entries are recognised by their form unless the list has a kind:
 *   email    an address as every command reads it (src/email): "max@firma.de", "<max@firma.de>",
 *            "Max Mustermann <max@firma.de>", "\"Mustermann, Max\" <max@firma.de>", "mailto:…";
 *            kept as its match key, so a row matches whichever way either side spells the address
 *   domain   "firma.de", "@firma.de", "*.firma.de", "https://www.firma.de/" (covers subdomains)
 *   phone    digits with + ( ) / - . and spaces, at least 6 digits; normalised to E.164
 *   hash     32, 40 or 64 hex digits: md5, sha1 or sha256 of the trimmed, lower-cased email,
 *            the form list vendors exchange (type told apart by length)
 */

export type EntryKind = 'email' | 'domain' | 'phone' | 'hash';
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';

const HASH_BY_LENGTH: Record<number, HashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

export interface SuppressionList {
  name: string;
  emails: Set<string>;
  domains: Set<string>;
  phones: Set<string>;
  hashes: Record<HashAlgorithm, Set<string>>;
  /** Lines that were no entry of the expected kind (1-based line numbers), for a warning. */
  rejected: Array<{ line: number; text: string }>;
}

export interface ListOptions {
  /** Force one kind for every line instead of recognising each line by its form. */
  kind?: EntryKind;
  /** Region for phone numbers without country code (ISO2, default DE). */
  phoneRegion?: string;
}

function emptyList(name: string): SuppressionList {
  return { name, emails: new Set(), domains: new Set(), phones: new Set(), hashes: { md5: new Set(), sha1: new Set(), sha256: new Set() }, rejected: [] };
}

/** A mailbox with a display name at the start of a line, which may contain "," and quotes. */
const MAILBOX_FIRST = /^[^<>@]*<[^<>@]*@[^<>]*>/;

function firstField(line: string): string {
  const t = line.trim();
  // "Mustermann, Max <max@firma.de>;2024-01-05": the display name's comma separates no fields.
  const mailbox = MAILBOX_FIRST.exec(t);
  if (mailbox) return mailbox[0].trim();
  if (/^"/.test(t)) {
    const end = t.indexOf('"', 1);
    return end > 0 ? t.slice(1, end) : t.slice(1);
  }
  // A phone number may contain spaces and "/", never "," ";" or a tab.
  return t.split(/[,;\t]/)[0].trim();
}

function guessKind(value: string): EntryKind | undefined {
  if (/^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value)) return 'hash';
  if (normalizeEmails(value).length > 0) return 'email';
  if (/^\+?[\d\s()/.-]+$/.test(value) && value.replace(/\D/g, '').length >= 6) return 'phone';
  if (normalizeDomain(value) !== '') return 'domain';
  return undefined;
}

/** Adds one value to a list; false when it is not a valid entry of that kind. */
function add(list: SuppressionList, kind: EntryKind, value: string, phoneRegion: string): boolean {
  switch (kind) {
    case 'email': {
      const addresses = normalizeEmails(value);
      for (const e of addresses) list.emails.add(emailKey(e));
      return addresses.length > 0;
    }
    case 'domain': {
      const d = normalizeDomain(value);
      if (d) list.domains.add(d);
      return d !== '';
    }
    case 'phone': {
      const p = normalizePhone(value, phoneRegion);
      if (p) list.phones.add(p);
      return p !== '';
    }
    case 'hash': {
      const h = value.trim().toLowerCase();
      const alg = /^[0-9a-f]+$/.test(h) ? HASH_BY_LENGTH[h.length] : undefined;
      if (alg) list.hashes[alg].add(h);
      return alg !== undefined;
    }
  }
}

/** Parses a list file's text. `name` (usually the file name) appears in suppress_reason. */
export function parseSuppressionList(text: string, name: string, options: ListOptions = {}): SuppressionList {
  const list = emptyList(name);
  const region = options.phoneRegion ?? 'DE';
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let seenEntry = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const value = firstField(line);
    const kind = options.kind ?? guessKind(value);
    const ok = kind !== undefined && value !== '' && add(list, kind, value, region);
    if (ok) seenEntry = true;
    // Before the first entry, a line of words ("email", "E-Mail-Adresse", "sha256") is a header.
    // It needs a letter: a first line of digits ("01 5123456", a number in another country's
    // format) is an entry that did not read, and must be reported, not skipped as a header.
    else if (seenEntry || !/^(?=.*\p{L})[\p{L}\p{N} _-]+$/u.test(value)) list.rejected.push({ line: i + 1, text: line });
  });
  return list;
}

/** Builds a list from values already in memory (e.g. a column of another table); no header. */
export function suppressionListFrom(name: string, values: Iterable<string>, options: ListOptions = {}): SuppressionList {
  const list = emptyList(name);
  const region = options.phoneRegion ?? 'DE';
  let n = 0;
  for (const v of values) {
    n++;
    const value = v.trim();
    if (value === '') continue;
    const kind = options.kind ?? guessKind(value);
    if (kind === undefined || !add(list, kind, value, region)) list.rejected.push({ line: n, text: value });
  }
  return list;
}
