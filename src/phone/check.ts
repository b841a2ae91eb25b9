/**
 * Phone checks for `leadkit validate`.
 *
 * Statuses:
 * - missing: empty, or a placeholder for "none" ("-", "n/a", "keine", "#NV", "0").
 * - invalid: no valid number can be read — junk ("12345", "asdf", "4.91E+11"), a number that
 *   fails libphonenumber's "max" validation, or several numbers in one cell ("089 1234567 / 0171
 *   7654321", "Tel … Fax …": separated parts that are each a valid number on their own; which
 *   one to keep is the user's call, so the cell is left alone).
 * - no_area_code: a local number without its area code — seven digits in a North American region
 *   ("534-2680"), or up to eight digits without any prefix where the region is guessed and dials
 *   national numbers with a 0. Nobody outside the local exchange can dial it as it stands.
 * - valid: phone is the number in E.164 ("+4989123456"), with type, country and extension;
 *   regionGuessed when it was read as a national number of a guessed region.
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
 *   digits stay national, so an Excel-stripped "301234567" is Berlin, not Greece. Fewer than
 *   nine digits are never read as a lost "+" ("4930000" is no +49 30000).
 * - A guessed region (the row's country came from a hint, the list or the default) is not
 *   trusted with a second guess: where national numbers are written with a 0, digits without it
 *   are read as a national number only when the cell is bare digits, nine to eleven of them (a
 *   spreadsheet cell that lost its 0); eight or fewer lack their area code (no_area_code),
 *   twelve or more are read only as a lost "+", and formatted ones ("(312) 534-2680") are some
 *   other country's — invalid, not made German.
 * - Extensions given in words ("ext. 12", "x12", "Durchwahl 12", "DW 12", "App. 12") are
 *   reported in extension. DIN 5008 hyphen digits ("089 12345-67", "+43 1 58858-0") belong to
 *   the dialled number and stay in it; only when the whole is not a valid number but the part
 *   before the hyphen is, do they become the extension.
 */
import { normaliseCountry } from '../address/country.js';
import { cleanPhoneText, splitNumberGroups } from './clean.js';
import {
  callingCodeOf,
  interpretDigits,
  isPhoneRegion,
  libraryInterpret,
  nationalPrefixOf,
  startsWithIddPrefix,
  type Interpretation,
  type PhoneType,
} from './numbering.js';

export type PhoneStatus = 'valid' | 'invalid' | 'missing' | 'no_area_code';

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
  /**
   * True when the number is valid only as a national number of a guessed region: written
   * without "+" or an international prefix, on a row whose country did not come from its own
   * country column (a hint, the list's country, the default).
   */
  regionGuessed: boolean;
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
const regionMemo = new Map<string, Region>();

/** Digits at which the lost-plus reading wins even over a valid national reading. */
const LOST_PLUS_MIN_DIGITS = 12;
/**
 * Fewer digits are never read as a number that lost its "+": calling code and subscriber number
 * are 9 digits or more almost everywhere, and "4930000" is a local number, not +49 30000.
 */
const LOST_PLUS_ANY_MIN_DIGITS = 9;
/**
 * A number of at most this many digits, written without any prefix, is a local subscriber number
 * (German ones have up to 8 digits) when its region is guessed: it lacks its area code.
 */
const LOCAL_MAX_DIGITS = 8;
/** North American local numbers: seven digits, the area code's three missing. */
const NANP_LOCAL = /^[2-9]\d{6}$/;

interface Region {
  region: string;
  /** The region is the default's, because the country gave none. */
  fromDefault: boolean;
}

let lastRegion = { country: '', defaultCountry: '', found: { region: '', fromDefault: false } };

/**
 * Region used for national numbers: the row's country when libphonenumber knows it (an ISO
 * code or any name normaliseCountry understands, e.g. "Österreich"), else the default.
 */
function resolveRegion(country: string, defaultCountry: string): Region {
  // Rows of a list mostly share a country: compare with the last one before building a key.
  if (country === lastRegion.country && defaultCountry === lastRegion.defaultCountry && lastRegion.found.region !== '') return lastRegion.found;
  const found = regionFor(country, defaultCountry);
  lastRegion = { country, defaultCountry, found };
  return found;
}

/**
 * The region checkPhone reads national numbers in for this country and default: the country when
 * libphonenumber has a plan for it (an ISO code or a name normaliseCountry knows), else the
 * default. Throws a RangeError for an unsupported default, like checkPhone.
 */
export function phoneRegion(country: string, defaultCountry = 'DE'): string {
  return resolveRegion(country, defaultCountry).region;
}

function regionFor(country: string, defaultCountry: string): Region {
  const key = `${country}\u0000${defaultCountry}`;
  let found = regionMemo.get(key);
  if (found !== undefined) return found;
  const trimmed = typeof country === 'string' ? country.trim() : '';
  const upper = trimmed.toUpperCase();
  if (trimmed !== '' && isPhoneRegion(upper)) found = { region: upper, fromDefault: false };
  else {
    const named = trimmed === '' ? '' : normaliseCountry(trimmed).code;
    if (named !== '' && isPhoneRegion(named)) found = { region: named, fromDefault: false };
    else {
      const region = defaultCountry.trim().toUpperCase();
      if (!isPhoneRegion(region)) throw new RangeError(`leadkit: unsupported default phone country "${defaultCountry}"`);
      found = { region, fromDefault: true };
    }
  }
  if (regionMemo.size >= 1000) regionMemo.clear();
  regionMemo.set(key, found);
  return found;
}

/** A number read, whether it was read as a national number of the region, and its extension. */
interface Reading {
  found: Interpretation;
  national: boolean;
  extension: string;
}

function international(found: Interpretation | null): Reading | null {
  return found && { found, national: false, extension: '' };
}

/** The number has the region's calling code (national readings of +1 may land in CA or a Caribbean plan). */
function national(found: Interpretation | null, region: string): Reading | null {
  return found && { found, national: found.e164.startsWith(`+${callingCodeOf(region)}`), extension: '' };
}

/**
 * The number the digits stand for, applying the lost-plus rule (see the module comment), or
 * 'no_area_code' for a local number. bare: the cell was nothing but the digits (as a spreadsheet
 * writes a number cell, which may have lost its leading 0 or its "+").
 */
function readDigits(digits: string, plus: boolean, bare: boolean, region: string, guessed: boolean): Reading | 'no_area_code' | null {
  if (plus) return international(interpretDigits(digits, true, region));
  if (digits[0] === '0') {
    const asWritten = interpretDigits(digits, false, region);
    if (asWritten) return startsWithIddPrefix(digits, region) ? international(asWritten) : national(asWritten, region);
    // "00" is the international prefix almost everywhere, even where the row's region uses
    // another one (a US row with "0049 …").
    return /^00[1-9]/.test(digits) ? international(interpretDigits(digits.slice(2), true, region)) : null;
  }
  // No prefix at all: a national number that lost its 0 (spreadsheets drop it), one that lost
  // its "+", a local number without its area code, or a number of another country.
  const trunk = nationalPrefixOf(region);
  if (guessed && trunk === '0') {
    // The region is a guess, and people there write national numbers with their 0: few digits
    // are a local number, and digits written with spaces or hyphens ("(312) 534-2680") did not
    // lose a 0 in a spreadsheet — reading them as that region's numbers would be a second guess.
    // Twelve digits and more are only read as a lost "+" (see LOST_PLUS_MIN_DIGITS).
    if (digits.length <= LOCAL_MAX_DIGITS) return 'no_area_code';
    if (!bare || digits.length >= LOST_PLUS_MIN_DIGITS) return digits.length >= LOST_PLUS_MIN_DIGITS ? international(interpretDigits(digits, true, region)) : null;
  }
  const asWritten = interpretDigits(digits, false, region);
  const lostPlus = digits.length >= LOST_PLUS_ANY_MIN_DIGITS ? interpretDigits(digits, true, region) : null;
  if (lostPlus && (!asWritten || (trunk === '0' && digits.length >= LOST_PLUS_MIN_DIGITS))) return international(lostPlus);
  if (asWritten) return national(asWritten, region);
  if (callingCodeOf(region) === '1' && NANP_LOCAL.test(digits)) return 'no_area_code';
  return null;
}

type CellReading = Reading | 'no_area_code' | 'missing' | null;

/** A cell that is nothing but digits (a leading "+", a spreadsheet's ".0"). */
const BARE = /^\s*\+?\d+(?:\.0)?\s*$/;

/** One number in a cell, or null. */
function readCell(text: string, region: string, guessed: boolean): CellReading {
  const cleaned = cleanPhoneText(text);
  switch (cleaned.kind) {
    case 'missing':
      return 'missing';
    case 'junk':
      return null;
    case 'text': {
      const found = libraryInterpret(cleaned.text, region, true);
      if (!found) return null;
      const written = /\+|(?:^|\D)00[1-9]/.test(cleaned.text) ? international(found) : national(found, region);
      if (written) written.extension = cleaned.ext || found.ext;
      return written;
    }
    case 'digits': {
      let read = readDigits(cleaned.digits, cleaned.plus, BARE.test(text), region, guessed);
      let extension = cleaned.ext;
      if (read === null && cleaned.tail !== '' && extension === '') {
        const shorter = readDigits(cleaned.digits.slice(0, -cleaned.tail.length), cleaned.plus, false, region, guessed);
        // Only a number: the digits before the hyphen lacking an area code say nothing of the whole.
        if (shorter !== null && shorter !== 'no_area_code') {
          read = shorter;
          extension = cleaned.tail;
        }
      }
      if (read === null || read === 'no_area_code') return read;
      read.extension = extension;
      return read;
    }
  }
}

function evaluate(raw: string, region: string, guessed: boolean): PhoneResult {
  const notValid = (status: PhoneStatus): PhoneResult => ({ phone: raw.trim(), status, type: '', country: '', extension: '', regionGuessed: false });
  const groups = splitNumberGroups(raw);
  if (groups.length > 1) {
    let numbers = 0;
    for (const group of groups) {
      const read = readCell(group, region, guessed);
      if (read !== null && typeof read === 'object') numbers++;
    }
    if (numbers > 1) return notValid('invalid');
  }
  const read = readCell(raw, region, guessed);
  if (read === 'missing' || read === 'no_area_code') return notValid(read);
  if (read === null) return notValid('invalid');
  const { found, extension } = read;
  return { phone: found.e164, status: 'valid', type: found.type, country: found.country, extension, regionGuessed: guessed && read.national };
}

const NOT_A_STRING: Readonly<PhoneResult> = Object.freeze({ phone: '', status: 'missing', type: '', country: '', extension: '', regionGuessed: false });

/**
 * Checks one phone cell. The result may be shared between calls with the same input: it is
 * read-only (copy it to change it). country is the row's country (ISO alpha-2, a country name, or ''),
 * defaultCountry (ISO alpha-2) the region for national numbers when the row has none; an
 * unsupported defaultCountry throws a RangeError (a configuration error, not a data error).
 * countryGuessed says the country is itself a guess (src/address's resolveRowCountry: a hint, the
 * list's country or the default); a region taken from defaultCountry is always one.
 * Never throws for any cell content.
 */
export function checkPhone(raw: string, country = '', defaultCountry = 'DE', countryGuessed = false): Readonly<PhoneResult> {
  if (typeof raw !== 'string') return NOT_A_STRING;
  const { region, fromDefault } = resolveRegion(country, defaultCountry);
  const guessed = countryGuessed || fromDefault;
  const memoKey = guessed ? `${region}?` : region;
  let seen = memo.get(memoKey);
  if (seen === undefined) {
    seen = new Map();
    memo.set(memoKey, seen);
  }
  const hit = seen.get(raw);
  if (hit !== undefined) return hit;
  // Shared between calls, read-only by type: Object.freeze cost 0.6 µs a number (a quarter).
  const result: Readonly<PhoneResult> = evaluate(raw, region, guessed);
  if (seen.size >= MEMO_LIMIT) seen.clear();
  seen.set(raw, result);
  return result;
}
