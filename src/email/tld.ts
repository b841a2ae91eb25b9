import { domainToASCII } from 'node:url';
import ianaTlds from 'tlds/index.json' with { type: 'json' };
import tldTypoTable from '../data/email/tld-typos.json' with { type: 'json' };

/**
 * IANA top-level domains in their ASCII form. The `tlds` list spells internationalised TLDs in
 * Unicode ("ελ"), while domains are checked after punycode conversion ("xn--qxam"), so both
 * spellings go in the set.
 */
const IANA_TLDS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const tld of ianaTlds as string[]) {
    set.add(tld);
    const ascii = domainToASCII(tld);
    if (ascii) set.add(ascii);
  }
  return set;
})();

/** Mistyped TLDs and what they stand for; none of the keys is a real TLD (a test checks). */
export const TLD_TYPOS: ReadonlyMap<string, string> = new Map(Object.entries(tldTypoTable as Record<string, string>));

export function isIanaTld(label: string): boolean {
  return IANA_TLDS.has(label);
}

/** The last label of a domain ("de" for "mail.firma.de"). */
export function lastLabel(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1);
}
