import { domainInfo } from './domain.js';
import { cleanEmailText, splitAddress } from './normalize.js';

const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * A key under which two spellings of the same mailbox compare equal, for dedupe only; it is
 * never written back. Gmail ignores dots in the local part and treats googlemail.com as
 * gmail.com; Gmail and most other providers deliver "name+tag" to "name". The domain is taken in
 * ASCII form so that "bücher.de" and "xn--bcher-kva.de" match. Returns '' for an empty cell and
 * the cleaned text for something that is not an address, so identical junk still matches.
 */
export function emailMatchKey(raw: string): string {
  if (typeof raw !== 'string') return '';
  const text = cleanEmailText(raw.trim());
  const parts = splitAddress(text);
  if (parts === null) return text;
  const domain = domainInfo(parts.domain).ascii || parts.domain;
  const plus = parts.local.indexOf('+');
  // A leading "+" is not a tag separator: nothing would be left of the mailbox name.
  const local = plus > 0 ? parts.local.slice(0, plus) : parts.local;
  if (GMAIL_DOMAINS.has(domain)) return `${local.replace(/\./g, '')}@gmail.com`;
  return `${local}@${domain}`;
}
