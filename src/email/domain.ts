import { domainToASCII, domainToUnicode } from 'node:url';
import { isDisposableDomain } from './disposable.js';
import { isFreeProvider } from './providers.js';
import { checkAsciiDomain, type DomainError } from './syntax.js';
import { suggestForCell } from './typo.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/** Everything about an address that depends only on its domain. */
export interface DomainInfo {
  /** Punycode form, used for every check and for DNS; '' when the domain cannot be converted. */
  ascii: string;
  error: DomainError;
  /** Corrected domain for display (Unicode for IDNs), '' when there is none. */
  suggestion: string;
  disposable: boolean;
  free: boolean;
}

/**
 * Lead lists repeat a few thousand domains over hundreds of thousands of rows, so the domain
 * work (IDN conversion, hostname rules, typo search, list look-ups) is done once per distinct
 * domain. The cache is emptied when it grows past this size so that a file with millions of
 * distinct domains cannot exhaust memory; the cost is recomputing, not wrong answers.
 */
const cache = new BoundedMemo<DomainInfo>(100_000, (domain) => analyse(domain));

function analyse(domain: string): DomainInfo {
  const ascii = domainToASCII(domain);
  const error = checkAsciiDomain(ascii);
  const suggested = suggestForCell(domain, ascii);
  const valid = error === '';
  return {
    ascii,
    error,
    suggestion: suggested ? domainToUnicode(suggested) || suggested : '',
    disposable: valid && isDisposableDomain(ascii),
    free: valid && isFreeProvider(ascii),
  };
}

/** Domain facts for a lower-cased, NFC-normalised domain; memoised. */
export function domainInfo(domain: string): DomainInfo {
  return cache.get(domain);
}
