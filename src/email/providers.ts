import providerLists from '../data/email/providers.json' with { type: 'json' };

const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set(providerLists.multiLabelSuffixes);

/**
 * Every free/consumer mail domain we know. Membership means two things: the address is flagged
 * `free`, and the domain is never "corrected" to something else, because it is real.
 */
export const FREE_PROVIDERS: ReadonlySet<string> = new Set([...providerLists.typoTargets, ...providerLists.otherFree]);

export function isFreeProvider(domain: string): boolean {
  return FREE_PROVIDERS.has(domain);
}

/**
 * Splits a domain into the registrable name and its suffix: "yahoo.co.uk" → yahoo + co.uk,
 * "mail.firma.de" → firma + de. Only the short suffix list in providers.json is known, which is
 * enough to compare addresses with the providers in that file.
 */
export function splitDomain(domain: string): { name: string; suffix: string } {
  const labels = domain.split('.');
  const two = labels.length >= 3 ? labels.slice(-2).join('.') : '';
  const suffixLabels = two && MULTI_LABEL_SUFFIXES.has(two) ? 2 : 1;
  const name = labels.length > suffixLabels ? labels[labels.length - suffixLabels - 1] : '';
  return { name, suffix: labels.slice(-suffixLabels).join('.') };
}

/** Second-level labels under which country registries sell names ("firma.com.cn", "firma.co.kr"). */
const GENERIC_SECOND_LEVEL: ReadonlySet<string> = new Set(['com', 'co', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'gv', 'mil', 'nic', 'ltd', 'plc', 'sch']);

/**
 * The name a company registered, without the hosts below it: "vertrieb.mueller-holz.de" →
 * "mueller-holz.de", "mail.firma.co.uk" → "firma.co.uk", "shop.firma.com.cn" → "firma.com.cn"
 * (a generic second-level label under a country code counts as part of the suffix); '' for a
 * domain of one label.
 */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.').filter(Boolean);
  if (labels.length < 2) return '';
  let keep = splitDomain(labels.join('.')).suffix.split('.').length + 1;
  if (keep === 2 && labels.length >= 3 && labels[labels.length - 1].length === 2 && GENERIC_SECOND_LEVEL.has(labels[labels.length - 2])) keep = 3;
  return labels.slice(-keep).join('.');
}

export interface TypoTarget {
  domain: string;
  name: string;
  /**
   * How far a mistyped domain may be from this one. Short names ("web", "gmx", "live", "mail")
   * sit one edit away from many real domains (wen.de, gmc.de, love.de, mails.de), so they only
   * accept a swap of two adjacent letters; longer names accept one edit, very long ones two.
   */
  maxEdits: number;
  swapOnly: boolean;
}

function toTarget(domain: string): TypoTarget {
  const { name } = splitDomain(domain);
  if (name.length <= 4) return { domain, name, maxEdits: 1, swapOnly: true };
  return { domain, name, maxEdits: name.length >= 8 ? 2 : 1, swapOnly: false };
}

/**
 * Suggestion targets grouped by first letter. People rarely mistype the first letter, and
 * requiring it to match keeps "gmail.de" from becoming "mail.de" and "email.de" from becoming
 * "gmail.de"; it also means a domain is compared with a handful of providers, not all of them.
 */
export const TYPO_TARGETS_BY_FIRST: ReadonlyMap<string, readonly TypoTarget[]> = (() => {
  const map = new Map<string, TypoTarget[]>();
  for (const domain of providerLists.typoTargets) {
    const list = map.get(domain[0]) ?? [];
    list.push(toTarget(domain));
    map.set(domain[0], list);
  }
  return map;
})();

/** Provider names ("gmail", "gmx", "t-online") of the suggestion targets. */
export const TYPO_TARGET_NAMES: ReadonlySet<string> = new Set(providerLists.typoTargets.map((d) => splitDomain(d).name));
