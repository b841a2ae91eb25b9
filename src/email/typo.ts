import { domainToASCII } from 'node:url';
import { isAdjacentSwap, osaDistance } from './distance.js';
import { FREE_PROVIDERS, splitDomain, TYPO_TARGET_NAMES, TYPO_TARGETS_BY_FIRST, type TypoTarget } from './providers.js';
import { checkAsciiDomain } from './syntax.js';
import { isIanaTld, lastLabel, TLD_TYPOS } from './tld.js';

/**
 * Punctuation slips that leave no doubt about the intended domain: "gmx,de", "gmx..de",
 * "firma.de." (a trailing dot is legal in DNS but not in an address).
 */
function repairPunctuation(domain: string): string {
  return domain.replace(/,/g, '.').replace(/\.{2,}/g, '.').replace(/^\.+|\.+$/g, '');
}

/**
 * A stray key at either end of the domain ("max@#gmail.com", "max@gmx.de!"): characters no
 * hostname has anywhere (not a letter, digit, hyphen, dot or comma; the last two are
 * repairPunctuation's) are a slip. A hyphen is left: "-firma.de" may have lost a letter. Works on
 * the domain as written, before punycode conversion, which gives up on "#" and all after it.
 */
export function stripStrayEdges(domain: string): string {
  return domain.replace(/^[^\p{L}\p{N}.,-]+|[^\p{L}\p{N}.,-]+$/gu, '');
}

function repairTld(domain: string): string {
  const tld = lastLabel(domain);
  const fixed = TLD_TYPOS.get(tld);
  return fixed === undefined ? domain : domain.slice(0, domain.length - tld.length) + fixed;
}

/**
 * The one provider a domain is a near miss of, or ''. Conservative on purpose: a suggestion
 * that turns a real company domain into gmail.com does more harm than a missed typo.
 * - A domain whose name is a provider's name under another real TLD ("gmail.de",
 *   "mailbox.de") is a different, real domain, not a typo, unless that TLD is the provider's
 *   with its last letter lost ("gmail.co": see truncatedTld).
 * - The first letter must match and the distance must be within the provider's limit
 *   (see TypoTarget.maxEdits).
 * - The nearest provider must be unique: a tie means we cannot tell which was meant.
 */
function nearestProvider(domain: string): string {
  const candidates = TYPO_TARGETS_BY_FIRST.get(domain[0]);
  if (isIanaTld(lastLabel(domain)) && TYPO_TARGET_NAMES.has(splitDomain(domain).name)) return truncatedTld(domain, candidates);
  if (!candidates) return '';
  let best = '';
  let bestDistance = Infinity;
  let tied = false;
  for (const target of candidates) {
    let distance: number;
    if (target.swapOnly) {
      if (!isAdjacentSwap(domain, target.domain)) continue;
      distance = 1;
    } else {
      distance = osaDistance(domain, target.domain, target.maxEdits);
      if (distance > target.maxEdits) continue;
    }
    if (distance < bestDistance) {
      best = target.domain;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return tied ? '' : best;
}

/**
 * A provider's domain whose TLD lost its last letter ("gmail.co", "hotmail.co", "gmx.ne"): the
 * one provider domain that is this domain plus one letter, or ''. Only the last letter: a letter
 * missing inside ("gmail.cm", Cameroon) is as likely a real domain or a squatter's. A company's
 * own ".co" is never touched: only provider names get here.
 */
function truncatedTld(domain: string, candidates: readonly TypoTarget[] | undefined): string {
  const found = (candidates ?? []).filter((t) => t.domain.length === domain.length + 1 && t.domain.startsWith(domain));
  return found.length === 1 ? found[0].domain : '';
}

/**
 * The domain the writer most likely meant, as ASCII, or '' when there is nothing to suggest.
 * Known providers are never corrected. Otherwise punctuation and TLD slips are repaired, then
 * the result is compared with the well-known providers; a repaired domain is suggested on its
 * own only when it is well-formed with a real TLD ("mueller-holzbau.con" → "mueller-holzbau.com").
 */
export function suggestDomain(ascii: string): string {
  if (ascii === '' || FREE_PROVIDERS.has(ascii)) return '';
  const repaired = repairTld(repairPunctuation(ascii));
  if (repaired === '') return '';
  if (FREE_PROVIDERS.has(repaired)) return repaired;
  const provider = nearestProvider(repaired);
  if (provider) return provider;
  if (repaired !== ascii && checkAsciiDomain(repaired) === '') return repaired;
  return '';
}

/**
 * The suggestion for a domain as written in the cell (`raw`, lower case) and its punycode form
 * (`ascii`, '' when it cannot be converted): suggestDomain, after stray characters at the ends
 * of the written domain are dropped ("#gmail.com" → gmail.com).
 */
export function suggestForCell(raw: string, ascii: string): string {
  const stripped = stripStrayEdges(raw);
  if (stripped === raw || stripped === '') return suggestDomain(ascii);
  const fixed = domainToASCII(stripped);
  if (!fixed) return '';
  return suggestDomain(fixed) || (checkAsciiDomain(fixed) === '' ? fixed : '');
}
