/**
 * Phone checks for `leadkit validate`.
 *
 * Statuses:
 * - missing: empty, or a placeholder for "none" ("-", "n/a", "keine", "#NV", "0").
 * - invalid: no valid number can be read — junk ("12345", "asdf", "4.91E+11"), a number that
 *   fails libphonenumber's "max" validation, or several numbers in one cell ("089 1234567 / 0171
 *   7654321", "Tel … Fax …": separated parts that are each a valid number on their own; which
 *   one to keep is the user's call, so the cell is left alone).
 * - valid: phone is the number in E.164 ("+4989123456"), with type, country and extension.
 *
 * How a number is read:
 * - The region for national numbers is the row's country (an Austrian "0664 1234567" on an
 *   Austrian row is an AT mobile, on a German row a German landline), else defaultCountry.
 * - Written with "+" or an international prefix ("0049-(0)40-…"): international; a national
 *   prefix after the calling code ("+49 (0)30") is dropped.
 * - A lost "+": spreadsheets turn "+491711234567" into 491711234567. Digits that start with
 *   neither "+" nor "0" are read both ways. The international reading wins when the national one
 *   is invalid, or — in regions whose national numbers always start with "0" (DE, AT, CH, FR,
 *   …) — when the digits are 12 or more: a national number that long without its 0 would need
 *   an extension, while calling code + subscriber number is typically 11–13 digits. Shorter
 *   digits stay national, so an Excel-stripped "301234567" is Berlin, not Greece.
 * - Extensions given in words ("ext. 12", "x12", "Durchwahl 12", "DW 12", "App. 12") are
 *   reported in extension. DIN 5008 hyphen digits ("089 12345-67", "+43 1 58858-0") belong to
 *   the dialled number and stay in it; only when the whole is not a valid number but the part
 *   before the hyphen is, do they become the extension.
 */
import { normaliseCountry } from '../address/country.js';
import { cleanPhoneText, splitNumberGroups } from './clean.js';
import { interpretDigits, isPhoneRegion, libraryInterpret, nationalPrefixOf, type Interpretation, type PhoneType } from './numbering.js';

export type PhoneStatus = 'valid' | 'invalid' | 'missing';

export interface PhoneResult {
  /** E.164 when valid, else the trimmed input. */
  phone: string;
  status: PhoneStatus;
  /** '' unless valid. */
  type: PhoneType;
  /** ISO alpha-2 region of the number (not of the row); '' when not valid and for +800-style numbers. */
  country: string;
  /** Extension digits, '' when none. */
  extension: string;
}

/**
 * Results remembered per region and cell text, because lists repeat switchboard numbers a lot.
 * Bounded: when a region's map is full it starts afresh (cheaper than tracking recency). Small:
 * the contacts sharing a company's number are mostly listed near each other, and on a list of
 * distinct numbers a 50,000-entry memo cost more than it saved (measured: 4.1 µs per number
 * against 3.3 with 2,000 entries), its keys holding whole input chunks alive.
 */
const MEMO_LIMIT = 2000;
const memo = new Map<string, Map<string, Readonly<PhoneResult>>>();
const regionMemo = new Map<string, string>();

/** Digits at which the lost-plus reading wins even over a valid national reading. */
const LOST_PLUS_MIN_DIGITS = 12;

let lastRegion = { country: '', defaultCountry: '', region: '' };

/**
 * Region used for national numbers: the row's country when libphonenumber knows it (an ISO
 * code or any name normaliseCountry understands, e.g. "Österreich"), else the default.
 */
function resolveRegion(country: string, defaultCountry: string): string {
  // Rows of a list mostly share a country: compare with the last one before building a key.
  if (country === lastRegion.country && defaultCountry === lastRegion.defaultCountry && lastRegion.region !== '') return lastRegion.region;
  const region = regionFor(country, defaultCountry);
  lastRegion = { country, defaultCountry, region };
  return region;
}

/**
 * The region checkPhone reads national numbers in for this country and default: the country when
 * libphonenumber has a plan for it (an ISO code or a name normaliseCountry knows), else the
 * default. Throws a RangeError for an unsupported default, like checkPhone.
 */
export function phoneRegion(country: string, defaultCountry = 'DE'): string {
  return resolveRegion(country, defaultCountry);
}

function regionFor(country: string, defaultCountry: string): string {
  const key = `${country}\u0000${defaultCountry}`;
  let region = regionMemo.get(key);
  if (region !== undefined) return region;
  const trimmed = typeof country === 'string' ? country.trim() : '';
  const upper = trimmed.toUpperCase();
  if (trimmed !== '' && isPhoneRegion(upper)) region = upper;
  else {
    const named = trimmed === '' ? '' : normaliseCountry(trimmed).code;
    if (named !== '' && isPhoneRegion(named)) region = named;
    else {
      region = defaultCountry.trim().toUpperCase();
      if (!isPhoneRegion(region)) throw new RangeError(`leadkit: unsupported default phone country "${defaultCountry}"`);
    }
  }
  if (regionMemo.size >= 1000) regionMemo.clear();
  regionMemo.set(key, region);
  return region;
}

/** The number the digits stand for, applying the lost-plus rule (see the module comment). */
function readDigits(digits: string, plus: boolean, region: string): Interpretation | null {
  const asWritten = interpretDigits(digits, plus, region);
  if (plus) return asWritten;
  if (digits[0] !== '0') {
    const international = interpretDigits(digits, true, region);
    if (international && (!asWritten || (nationalPrefixOf(region) === '0' && digits.length >= LOST_PLUS_MIN_DIGITS))) {
      return international;
    }
  } else if (!asWritten && /^00[1-9]/.test(digits)) {
    // "00" is the international prefix almost everywhere, even where the row's region uses
    // another one (a US row with "0049 …").
    return interpretDigits(digits.slice(2), true, region);
  }
  return asWritten;
}

/** One number in a cell, or null. */
function readCell(text: string, region: string): { found: Interpretation; extension: string } | null | 'missing' {
  const cleaned = cleanPhoneText(text);
  switch (cleaned.kind) {
    case 'missing':
      return 'missing';
    case 'junk':
      return null;
    case 'text': {
      const found = libraryInterpret(cleaned.text, region, true);
      return found ? { found, extension: cleaned.ext || found.ext } : null;
    }
    case 'digits': {
      let found = readDigits(cleaned.digits, cleaned.plus, region);
      let extension = cleaned.ext;
      if (!found && cleaned.tail !== '' && extension === '') {
        found = readDigits(cleaned.digits.slice(0, -cleaned.tail.length), cleaned.plus, region);
        if (found) extension = cleaned.tail;
      }
      return found ? { found, extension } : null;
    }
  }
}

function evaluate(raw: string, region: string): PhoneResult {
  const invalid = (): PhoneResult => ({ phone: raw.trim(), status: 'invalid', type: '', country: '', extension: '' });
  const groups = splitNumberGroups(raw);
  if (groups.length > 1) {
    let numbers = 0;
    for (const group of groups) {
      const read = readCell(group, region);
      if (read !== null && read !== 'missing') numbers++;
    }
    if (numbers > 1) return invalid();
  }
  const read = readCell(raw, region);
  if (read === 'missing') return { ...invalid(), status: 'missing' };
  if (read === null) return invalid();
  const { found, extension } = read;
  return { phone: found.e164, status: 'valid', type: found.type, country: found.country, extension };
}

const NOT_A_STRING: Readonly<PhoneResult> = Object.freeze({ phone: '', status: 'missing', type: '', country: '', extension: '' });

/**
 * Checks one phone cell. The result may be shared between calls with the same input: it is
 * read-only (copy it to change it). country is the row's country (ISO alpha-2, a country name, or ''),
 * defaultCountry (ISO alpha-2) the region for national numbers when the row has none; an
 * unsupported defaultCountry throws a RangeError (a configuration error, not a data error).
 * Never throws for any cell content.
 */
export function checkPhone(raw: string, country = '', defaultCountry = 'DE'): Readonly<PhoneResult> {
  if (typeof raw !== 'string') return NOT_A_STRING;
  const region = resolveRegion(country, defaultCountry);
  let seen = memo.get(region);
  if (seen === undefined) {
    seen = new Map();
    memo.set(region, seen);
  }
  const hit = seen.get(raw);
  if (hit !== undefined) return hit;
  // Shared between calls, read-only by type: Object.freeze cost 0.6 µs a number (a quarter).
  const result: Readonly<PhoneResult> = evaluate(raw, region);
  if (seen.size >= MEMO_LIMIT) seen.clear();
  seen.set(raw, result);
  return result;
}
