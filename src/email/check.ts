import { domainInfo } from './domain.js';
import type { MxStatus } from './mx.js';
import { MAX_INPUT_LENGTH, parseEmailCell, splitAddress } from './parse.js';
import { isRoleLocal } from './role.js';
import { FORBIDDEN_CHARS, isValidLocalPart, MAX_ADDRESS_LENGTH } from './syntax.js';

const UNSAFE_CHARS = /[\p{Cc}\p{Cf}\p{Cs}]/u;
/** Visible ASCII only: nothing the two Unicode-class checks look for can be in it. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export type EmailStatus = 'valid' | 'risky' | 'invalid' | 'missing';

/** Stable codes; '' exactly when the status is valid. */
export type EmailReason = '' | 'missing' | 'syntax' | 'tld' | 'disposable' | 'typo' | 'no_mx';

/** Always listed in this order, so the written column is stable. */
export type EmailFlag = 'disposable' | 'free' | 'role' | 'typo';

export interface EmailResult {
  /**
   * Normalised address (parse.ts: trimmed, unquoted, unwrapped, NFC, lower case); the trimmed input
   * when unparseable. A cell with several addresses stays whole and is invalid (syntax).
   */
  email: string;
  /** ASCII (punycode) domain, for MX checks and grouping; '' when there is no usable domain. */
  domain: string;
  status: EmailStatus;
  reason: EmailReason;
  flags: EmailFlag[];
  /** Full corrected address ('' when none); never applied here. */
  suggestion: string;
}

function result(
  email: string,
  domain: string,
  status: EmailStatus,
  reason: EmailReason,
  flags: EmailFlag[] = [],
  suggestion = '',
): EmailResult {
  return { email, domain, status, reason, flags, suggestion };
}

/**
 * Checks one address cell. Never throws: any string, including an empty one, a lone surrogate
 * or a pasted paragraph, yields a result. Non-strings from untyped callers count as missing.
 *
 * - missing: empty after trimming and unwrapping (parse.ts reads the cell, as for every command).
 * - invalid: syntax (malformed, quoted local part, control or invisible characters, dots at
 *   the edges or doubled, too long) or tld (not an IANA TLD, e.g. "gmail.con"); a suggestion
 *   and the typo flag are still given when the domain is a recognisable slip.
 * - risky: a likely typo of a well-known provider (reason typo) or a disposable domain (reason
 *   disposable). Typo wins when both apply: typo-squatting domains such as gmial.com are on the
 *   disposable list, and the suggestion is the useful answer.
 * - valid: everything else; free and role are flags, not problems.
 */
export function checkEmail(raw: string): EmailResult {
  if (typeof raw !== 'string') return result('', '', 'missing', 'missing');
  const trimmed = raw.trim();
  if (trimmed === '') return result('', '', 'missing', 'missing');
  // Controls, invisible format characters and lone surrogates are refused before
  // normalisation sees them. Spaces are refused only after unwrapping, because the display-name
  // form "Max Mustermann <max@firma.de>" legitimately contains them.
  // (Most cells are visible ASCII, which neither check can fault: skip both.)
  if (trimmed.length > MAX_INPUT_LENGTH) return result(trimmed, '', 'invalid', 'syntax');
  const printable = PRINTABLE_ASCII.test(trimmed);
  if (!printable && UNSAFE_CHARS.test(trimmed)) return result(trimmed, '', 'invalid', 'syntax');
  const { text } = parseEmailCell(trimmed);
  if (text === '') return result('', '', 'missing', 'missing');
  const parts = splitAddress(text);
  if (parts === null || (!printable && FORBIDDEN_CHARS.test(text))) return result(parts ? text : trimmed, '', 'invalid', 'syntax');

  const { local, domain } = parts;
  const info = domainInfo(domain);
  const usableDomain = info.error === '' ? info.ascii : '';
  if (!isValidLocalPart(local)) return result(text, usableDomain, 'invalid', 'syntax');

  const suggestion = info.suggestion ? `${local}@${info.suggestion}` : '';
  if (info.error !== '') {
    return result(text, '', 'invalid', info.error, suggestion ? ['typo'] : [], suggestion);
  }
  if (local.length + 1 + info.ascii.length > MAX_ADDRESS_LENGTH) return result(text, info.ascii, 'invalid', 'syntax');

  const flags: EmailFlag[] = [];
  if (info.disposable) flags.push('disposable');
  if (info.free) flags.push('free');
  if (isRoleLocal(local)) flags.push('role');
  if (suggestion) flags.push('typo');
  const reason: EmailReason = suggestion ? 'typo' : info.disposable ? 'disposable' : '';
  return result(text, info.ascii, reason ? 'risky' : 'valid', reason, flags, suggestion);
}

/** The flags as written to a CSV cell: "free;role". */
export function formatEmailFlags(flags: readonly EmailFlag[]): string {
  return flags.join(';');
}

/**
 * The result of taking the suggestion (for --fix-typos): the suggested address checked afresh,
 * or the same result when there is no suggestion. The caller keeps the original address, e.g.
 * in an email_original column.
 */
export function applySuggestion(checked: EmailResult): EmailResult {
  return checked.suggestion ? checkEmail(checked.suggestion) : checked;
}

/**
 * Folds an MX verdict (see mx.ts) into a result. Only a definite "no mail host" makes an
 * address invalid; an unknown answer (timeout, SERVFAIL) leaves it as it was.
 */
export function applyMxStatus(checked: EmailResult, mx: MxStatus): EmailResult {
  if (mx !== 'no_mx' || (checked.status !== 'valid' && checked.status !== 'risky')) return checked;
  return { ...checked, status: 'invalid', reason: 'no_mx' };
}
