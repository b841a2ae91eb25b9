/**
 * The comparable form of a phone cell: the one key validate, dedupe, match and suppress compare
 * numbers by, so a validated list (E.164) and a raw one ("310/246-1501", "030 1234567",
 * "+49 (0)30 1234567") agree.
 *
 * - A valid number (read exactly as `validate` reads it, see check.ts, in the row's region): its
 *   E.164, "+13102461501". An extension ("ext. 12", "Durchwahl 12") is returned apart, never in
 *   the key — validate writes it to phone_extension the same way.
 * - Anything else with at least six digits: a digits key that a raw cell and its already
 *   normalised form share (validate leaves such cells as they are): "+" and the digits when the
 *   cell is written internationally ("+…", "00…"; a "(0)" after the calling code is dropped); the
 *   region's calling code in place of its national prefix ("030 12345" in DE → "+493012345"); the
 *   calling code before all digits in regions without a national prefix whose numbers start with
 *   0 (Italy); else "+" and the digits as written — they may be international without the "+" or
 *   local without the area code, and guessing would invent agreement.
 * - '' for no number: empty, a placeholder ("n/a", "-"), text without digits, fewer than six digits.
 */
import { checkPhone, phoneRegion } from './check.js';
import { cleanPhoneText } from './clean.js';
import { callingCodeOf, nationalPrefixOf } from './numbering.js';

export interface PhoneKey {
  /** E.164 when valid, else the digits key; '' when the cell holds no number. */
  key: string;
  /** The extension's digits, '' when none. Not part of key. */
  extension: string;
  /** key is the E.164 of a valid number. */
  valid: boolean;
}

const NONE: Readonly<PhoneKey> = Object.freeze({ key: '', extension: '', valid: false });

/** Keys remembered per region and cell (switchboard numbers repeat); bounded like check.ts's memo. */
const MEMO_LIMIT = 2000;
const memo = new Map<string, Map<string, Readonly<PhoneKey>>>();

/** The digits key of a cell that is no valid number (see the module comment). */
function digitsKey(raw: string, region: string): Readonly<PhoneKey> {
  const cleaned = cleanPhoneText(raw.includes('(0)') ? raw.replace(/\(0\)/g, ' ') : raw);
  let digits: string;
  let plus: boolean;
  let extension: string;
  switch (cleaned.kind) {
    case 'missing':
    case 'junk':
      return NONE;
    case 'digits':
      ({ digits, plus } = cleaned);
      extension = cleaned.ext;
      break;
    case 'text':
      digits = cleaned.text.replace(/\D/g, '');
      plus = /^[\s([]*\+/.test(cleaned.text);
      extension = cleaned.ext;
      break;
  }
  if (digits.length < 6) return NONE;
  let key: string;
  if (plus) key = `+${digits}`;
  else if (digits.startsWith('00')) key = `+${digits.slice(2)}`;
  else {
    const prefix = nationalPrefixOf(region);
    if (prefix !== '' && digits.startsWith(prefix)) key = `+${callingCodeOf(region)}${digits.slice(prefix.length)}`;
    else if (prefix === '' && digits[0] === '0') key = `+${callingCodeOf(region)}${digits}`;
    else key = `+${digits}`;
  }
  return { key, extension, valid: false };
}

/**
 * The key of a phone cell and its extension. country is the row's country (ISO alpha-2 or a
 * name; resolve it with src/address's resolveRowCountry), defaultCountry the region for national
 * numbers when country has no numbering plan. The result is shared between calls and read-only.
 * Never throws for any cell; an unsupported defaultCountry throws a RangeError (a configuration
 * error), like checkPhone.
 */
export function readPhoneKey(raw: string, country = '', defaultCountry = 'DE'): Readonly<PhoneKey> {
  if (typeof raw !== 'string' || raw === '') return NONE;
  const region = phoneRegion(country, defaultCountry);
  let seen = memo.get(region);
  if (seen === undefined) {
    seen = new Map();
    memo.set(region, seen);
  }
  const hit = seen.get(raw);
  if (hit !== undefined) return hit;
  const checked = checkPhone(raw, region, region);
  let result: Readonly<PhoneKey>;
  if (checked.status === 'valid') result = { key: checked.phone, extension: checked.extension, valid: true };
  else if (checked.status === 'missing') result = NONE;
  else result = digitsKey(raw, region);
  if (seen.size >= MEMO_LIMIT) seen.clear();
  seen.set(raw, result);
  return result;
}

/** The key alone (see readPhoneKey): "310/246-1501" in US and "+13102461501" both → "+13102461501". */
export function phoneKey(raw: string, country = '', defaultCountry = 'DE'): string {
  return readPhoneKey(raw, country, defaultCountry).key;
}
