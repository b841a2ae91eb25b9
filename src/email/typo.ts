import { isAdjacentSwap, osaDistance } from './distance.js';
import { FREE_PROVIDERS, splitDomain, TYPO_TARGET_NAMES, TYPO_TARGETS_BY_FIRST } from './providers.js';
import { checkAsciiDomain } from './syntax.js';
import { isIanaTld, lastLabel, TLD_TYPOS } from './tld.js';

/**
 * Punctuation slips that leave no doubt about the intended domain: "gmx,de", "gmx..de",
 * "firma.de." (a trailing dot is legal in DNS but not in an address).
 */
function repairPunctuation(domain: string): string {
  return domain.replace(/,/g, '.').replace(/\.{2,}/g, '.').replace(/^\.+|\.+$/g, '');
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
 *   "mailbox.de") is a different, real domain, not a typo.
 * - The first letter must match and the distance must be within the provider's limit
 *   (see TypoTarget.maxEdits).
 * - The nearest provider must be unique: a tie means we cannot tell which was meant.
 */
function nearestProvider(domain: string): string {
  if (isIanaTld(lastLabel(domain)) && TYPO_TARGET_NAMES.has(splitDomain(domain).name)) return '';
  const candidates = TYPO_TARGETS_BY_FIRST.get(domain[0]);
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
