import { hash } from 'node:crypto';
import type { Row } from '../table.js';
import { emailDomain, emailKey, normalizeDomain, normalizeEmails, normalizePhone, withoutPlusTag } from './normalize.js';
import type { HashAlgorithm, SuppressionList } from './suppression-list.js';

/**
 * All do-not-contact lists of a run merged into lookup tables that remember which list an
 * entry came from, so a reason can name it ("list_email:robinson.txt").
 */
export interface SuppressionIndex {
  emails: Map<string, string>;
  domains: Map<string, string>;
  phones: Map<string, string>;
  hashes: Record<HashAlgorithm, Map<string, string>>;
}

export function buildSuppressionIndex(lists: readonly SuppressionList[]): SuppressionIndex {
  const index: SuppressionIndex = { emails: new Map(), domains: new Map(), phones: new Map(), hashes: { md5: new Map(), sha1: new Map(), sha256: new Map() } };
  // The first list that names an entry is the one reported.
  const put = (map: Map<string, string>, values: Set<string>, name: string) => {
    for (const v of values) if (!map.has(v)) map.set(v, name);
  };
  for (const l of lists) {
    put(index.emails, l.emails, l.name);
    put(index.domains, l.domains, l.name);
    put(index.phones, l.phones, l.name);
    for (const alg of ['md5', 'sha1', 'sha256'] as const) put(index.hashes[alg], l.hashes[alg], l.name);
  }
  return index;
}

const E164 = /^\+[1-9]\d{5,14}$/;

export function hashEmail(email: string, alg: HashAlgorithm): string {
  // One-shot hash: no Hash object per row (this runs for every row and every hashed list).
  return hash(alg, email.trim().toLowerCase(), 'hex');
}

export interface ListMatchOptions {
  /** Domain entries also match the row's website. */
  matchWebsite: boolean;
  /** Region for row phone numbers without country code when the row has no country. */
  phoneRegion: string;
  /** The row's country, used as the phone region when it is one. */
  country?: string;
}

/**
 * Which lists a row is on, as reasons: list_email, list_hash, list_domain, list_phone, each
 * with ":<list name>". Every address in the email cell is checked: by its match key against
 * email entries (src/email: +tag, IDN and Gmail spellings fold together), as written and without
 * a "+tag" against hashes; the domain matches the email domain, its parent domains (a list entry
 * firma.de covers vertrieb.firma.de) and, optionally, the website; phone and mobile match in E.164.
 */
export function listReasons(row: Row, index: SuppressionIndex, options: ListMatchOptions): string[] {
  const reasons: string[] = [];
  const add = (code: string, list: string | undefined) => {
    if (list !== undefined && !reasons.includes(`${code}:${list}`)) reasons.push(`${code}:${list}`);
  };

  const emails = normalizeEmails(row.email ?? '');
  if (emails.length > 0) {
    for (const email of emails) add('list_email', index.emails.get(emailKey(email)));
    // A hash is of the address as the vendor had it: try it as written and without a "+tag".
    const variants = [...new Set(emails.flatMap((email) => [email, withoutPlusTag(email)]))];
    for (const alg of ['md5', 'sha1', 'sha256'] as const) {
      if (index.hashes[alg].size === 0) continue;
      for (const e of variants) add('list_hash', index.hashes[alg].get(hashEmail(e, alg)));
    }
  }

  if (index.domains.size > 0) {
    const hosts = emails.map(emailDomain);
    if (options.matchWebsite) hosts.push(normalizeDomain(row.website ?? ''));
    for (const host of hosts) {
      if (host === '') continue;
      // The host and each parent above the top-level domain (as domainAndParents, without arrays).
      for (let d = host, dot = d.indexOf('.'); dot > 0; d = d.slice(dot + 1), dot = d.indexOf('.')) add('list_domain', index.domains.get(d));
    }
  }

  if (index.phones.size > 0) {
    for (const col of ['phone', 'mobile']) {
      const cell = row[col] ?? '';
      // validate writes a valid number as E.164: compare it as it is instead of parsing it again.
      const p = row[`${col}_status`] === 'valid' && E164.test(cell) ? cell : normalizePhone(cell, options.phoneRegion, options.country ?? '');
      if (p) add('list_phone', index.phones.get(p));
    }
  }
  return reasons;
}
