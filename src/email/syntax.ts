import isEmailModule from 'validator/lib/isEmail.js';
import { isIanaTld, lastLabel } from './tld.js';

// validator is CommonJS with `exports.default`; under NodeNext the default import is typed as
// the whole module, whose `default` is the function (validator sets module.exports.default too).
const isEmail = isEmailModule.default;

const VALIDATOR_OPTIONS = {
  allow_utf8_local_part: true,
  require_tld: true,
  allow_ip_domain: false,
  allow_display_name: false,
  allow_underscores: false,
  ignore_max_length: false,
};

/**
 * Characters that never belong in an address a person typed: controls, format characters
 * (zero-width space, soft hyphen, BOM inside the text), lone UTF-16 surrogates and any kind of
 * space. Checked before validator because its byte-length check calls encodeURI, which throws
 * on a lone surrogate.
 */
export const FORBIDDEN_CHARS = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\s]/u;

/**
 * The ASCII local parts validator accepts (dot-separated runs of RFC 5322 atext). isEmail costs
 * several microseconds a call, too much at 60k rows/s, so ASCII local parts, nearly all of them,
 * are checked with this equivalent pattern and only the rest go to validator.
 */
const ASCII_DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const NON_ASCII = /[^\x00-\x7f]/;

export const MAX_LOCAL_LENGTH = 64;
export const MAX_ADDRESS_LENGTH = 254;

function validatorAccepts(address: string): boolean {
  try {
    return isEmail(address, VALIDATOR_OPTIONS);
  } catch {
    // Forbidden characters are screened out first; this keeps the never-throw promise should a
    // future validator throw on some other input.
    return false;
  }
}

/**
 * Local part check: what validator accepts, minus quoted local parts ("max mustermann"@…).
 * Quoted forms are legal in RFC 5322 but no real lead's mailbox uses them and many mail systems
 * and CRMs refuse them. Consecutive dots and dots at either end fail the dot-atom rule.
 */
export function isValidLocalPart(local: string): boolean {
  if (local === '' || local.includes('"') || FORBIDDEN_CHARS.test(local)) return false;
  if (!NON_ASCII.test(local)) return local.length <= MAX_LOCAL_LENGTH && ASCII_DOT_ATOM.test(local);
  // validator measures the 64-octet limit in UTF-8 bytes; the placeholder domain is valid.
  return validatorAccepts(`${local}@example.com`);
}

export type DomainError = '' | 'syntax' | 'tld';

/**
 * Domain check on the ASCII (punycode) form: validator's hostname rules (labels of letters,
 * digits and inner hyphens, no empty labels, no IP literals, an alphabetic TLD), then the TLD
 * must be a real IANA one, which validator does not know: "gmail.con" is well-formed but dead.
 */
export function checkAsciiDomain(ascii: string): DomainError {
  if (ascii === '' || FORBIDDEN_CHARS.test(ascii)) return 'syntax';
  if (!validatorAccepts(`a@${ascii}`)) return 'syntax';
  return isIanaTld(lastLabel(ascii)) ? '' : 'tld';
}
