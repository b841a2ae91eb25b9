/**
 * Address check for `leadkit validate`.
 *
 * Statuses, in order of precedence:
 * - missing: street, house number, postal code and city are all empty (a country alone is not
 *   an address). Placeholders such as "-", "n/a", "k.A." count as empty.
 * - invalid: something given is wrong —
 *     country_unknown   the country cell names no country leadkit knows (nothing else is checked);
 *     postcode_format   the postal code does not fit the country's syntax;
 *     postcode_unknown  well formed, but not an existing code (DE, AT, CH, LI, LU only; not raised
 *                       for PO box addresses, whose codes the table does not list reliably);
 *     city_mismatch     the city is none of the places of that code (DE, AT, CH, LI, LU only).
 * - partial: nothing contradicts, but something needed is missing —
 *     street_missing, house_number_missing (a street without a number; not for PO boxes),
 *     postcode_missing, city_missing.
 * - valid: complete and consistent. Informational codes may accompany any status:
 *     po_box     the street is a PO box ("Postfach 1234");
 *     city_fixed city_suggestion holds the table's spelling of the given city ("muenchen" →
 *                "München", "Frankfurt a. M." → "Frankfurt am Main", a one-letter typo). It is
 *                never applied here.
 * reason lists the codes ';'-joined in the order above; '' when there is nothing to say.
 *
 * Normalisation (returned, not judged): country → ISO alpha-2, postal code → canonical form
 * (prefix "D-"/"A-"/"CH-"/"L-" removed, Excel-stripped zero restored: 1067 → 01067, spacing as
 * the post writes it), street-type spelling, house number split and the unit ("Apt 4B", "Flat 3",
 * "3º izq") moved to unit (see street.ts and street-unit.ts). A combined
 * "80331 München" in the postal code or city column is split. The country used for the checks
 * (checked_country) is the given one, else the one named by a postal code prefix, else
 * defaultCountry; only the first two are reported as the row's country.
 */
import { matchCity } from './city-match.js';
import { normaliseCountry } from './country.js';
import { formatPostalCode, splitPostalPrefix } from './postal-code.js';
import { postalTable } from './postal-data.js';
import { normaliseStreet } from './street.js';

export type AddressStatus = 'valid' | 'partial' | 'invalid' | 'missing';

/** Stable codes, listed here in the order they are reported. */
export const ADDRESS_REASONS = [
  'country_unknown',
  'postcode_format',
  'postcode_unknown',
  'city_mismatch',
  'street_missing',
  'house_number_missing',
  'postcode_missing',
  'city_missing',
  'po_box',
  'city_fixed',
] as const;
export type AddressReason = (typeof ADDRESS_REASONS)[number];

/** Bit per reason, in ADDRESS_REASONS order: a row's reasons are one number until reported. */
const BIT = Object.fromEntries(ADDRESS_REASONS.map((r, i) => [r, 1 << i])) as Record<AddressReason, number>;
const INVALID_MASK = BIT.country_unknown | BIT.postcode_format | BIT.postcode_unknown | BIT.city_mismatch;
const PARTIAL_MASK = BIT.street_missing | BIT.house_number_missing | BIT.postcode_missing | BIT.city_missing;

/** The reasons of a mask in ADDRESS_REASONS order, and joined (a few distinct masks cover most rows). */
const reasonLists = new Map<number, { list: readonly AddressReason[]; joined: string }>();
function reasonsOf(mask: number): { list: readonly AddressReason[]; joined: string } {
  let entry = reasonLists.get(mask);
  if (entry === undefined) {
    const list = ADDRESS_REASONS.filter((r) => (mask & BIT[r]) !== 0);
    entry = { list, joined: list.join(';') };
    reasonLists.set(mask, entry);
  }
  return entry;
}

export interface AddressInput {
  street?: string;
  house_number?: string;
  /** Apartment, suite, floor or building line, when the list keeps it apart. */
  address_unit?: string;
  postal_code?: string;
  city?: string;
  country?: string;
}

export interface AddressResult {
  street: string;
  house_number: string;
  /**
   * Apartment, suite, floor or building line: the address_unit given, and what the street held
   * ("123 Main St Apt 4B" → "Apt 4B"), ', '-joined when they differ; '' for none.
   */
  unit: string;
  /** Canonical code when it passed its checks; otherwise the trimmed input. */
  postal_code: string;
  /** The city as given (trimmed); see city_suggestion for the table's spelling. */
  city: string;
  /**
   * The country column as ISO alpha-2; when the column is empty, the country a postal code
   * prefix names ("A-1010"), else ''. The trimmed input when country_unknown. The default
   * country is never written here: it is an assumption, not data.
   */
  country: string;
  /** ISO alpha-2 the checks used: country, else defaultCountry; '' when country_unknown. */
  checked_country: string;
  status: AddressStatus;
  /** ';'-joined reasons (see the module comment); '' when none. */
  reason: string;
  reasons: AddressReason[];
  /**
   * The table's spelling of the given city (reason city_fixed), or, when no city was given, the
   * only place of the postal code; '' otherwise. Never applied here.
   */
  city_suggestion: string;
  /** State of the postal code (Bundesland, Kanton) from the table; '' when unknown. */
  state: string;
  /** ISO 3166-2 suffix of that state ("BY", "9", "ZH"); '' when unknown. */
  state_code: string;
}

/** Values that stand for "nothing" in address columns. */
const PLACEHOLDERS = new Set([
  '-', '--', '---', '–', '—', '.', '/', '?', 'x', 'n/a', 'na', 'n.a.', 'k.a.', 'k. a.', 'ka', 'keine', 'keine angabe',
  'unbekannt', 'unknown', 'none', 'null', 'nil', '#nv', '#n/a', 'tbd', 'xxx',
]);

/** Longest placeholder, and the characters placeholders start with (either case), so most cells skip the lookup. */
const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDERS].map((p) => p.length));
const PLACEHOLDER_FIRST = new Set([...PLACEHOLDERS].flatMap((p) => [p.charCodeAt(0), p[0].toUpperCase().charCodeAt(0)]));

/** Trimmed, inner whitespace runs collapsed to one space; '' for placeholders. */
function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  let text = value.trim();
  if (text === '') return text;
  if (/\s\s|[\t\n\r\f\v\u00a0]/.test(text)) text = text.replace(/\s+/g, ' ');
  return text.length <= PLACEHOLDER_MAX && PLACEHOLDER_FIRST.has(text.charCodeAt(0)) && PLACEHOLDERS.has(text.toLowerCase()) ? '' : text;
}

/** "80331 München", "D-80331 München", "1234 AB Amsterdam": a code followed by a town. */
const CODE_THEN_CITY = /^((?:[A-Z]{1,3}\s*[-–]\s*)?\d[\d\s-]{2,8}(?:\s?[A-Z]{2}(?=\s))?)\s+(\p{L}.*)$/u;

/** The lines of a multi-line street cell, comma-separated: "4859 S. Wabash Ave.\n2nd floor". */
function joinLines(street: string): string {
  return /[\r\n]/.test(street) ? street.trim().replace(/\s*,?\s*[\r\n]+\s*/g, ', ') : street;
}

/** A code without prefix and spacing, to see whether two cells give the same code. */
function bareCode(text: string): string {
  return splitPostalPrefix(text).body.replace(/[\s-]/g, '');
}

/**
 * Splits a combined postal code + city cell ("80331 München" in either column) when the other
 * column is empty or says the same.
 */
function splitCombined(postal: string, city: string): { postal: string; city: string } {
  if (postal !== '') {
    const m = CODE_THEN_CITY.exec(postal);
    if (m && (city === '' || city.toLowerCase() === m[2].toLowerCase() || city === postal)) {
      return { postal: m[1].trim(), city: m[2].trim() };
    }
  }
  if (city !== '') {
    const m = CODE_THEN_CITY.exec(city);
    if (m && (postal === '' || bareCode(m[1]) === bareCode(postal))) return { postal: m[1].trim(), city: m[2].trim() };
  }
  return { postal, city };
}

const MEMO_LIMIT = 50_000;
const cityMemo = new Map<string, ReturnType<typeof matchCity>>();

function memoMatchCity(country: string, code: string, city: string, places: readonly string[]): ReturnType<typeof matchCity> {
  const key = `${country}\t${code}\t${city}`;
  let hit = cityMemo.get(key);
  if (hit === undefined) {
    hit = matchCity(city, places);
    if (cityMemo.size >= MEMO_LIMIT) cityMemo.clear();
    cityMemo.set(key, hit);
  }
  return hit;
}

/** The given unit and the one found in the street, once when they say the same. */
function joinUnits(given: string, fromStreet: string): string {
  if (fromStreet === '' || given.toLowerCase() === fromStreet.toLowerCase()) return given;
  return given === '' ? fromStreet : `${given}, ${fromStreet}`;
}

function statusOf(mask: number): AddressStatus {
  if ((mask & INVALID_MASK) !== 0) return 'invalid';
  if ((mask & PARTIAL_MASK) !== 0) return 'partial';
  return 'valid';
}

/**
 * Checks one address. Never throws; non-string fields count as empty. defaultCountry (ISO
 * alpha-2) applies when neither the country column nor a postal code prefix names a country.
 */
export function checkAddress(input: AddressInput, defaultCountry = 'DE'): AddressResult {
  const countryText = clean(input.country);
  const combined = splitCombined(clean(input.postal_code), clean(input.city));
  const city = combined.city;
  const rawStreet = clean(typeof input.street === 'string' ? joinLines(input.street) : input.street);
  const rawNumber = clean(input.house_number);
  const rawUnit = clean(input.address_unit);
  let mask = 0;

  const given = normaliseCountry(countryText);
  const { prefixCountry, body } = splitPostalPrefix(combined.postal);
  // '' means the country column names no known country: nothing country-specific is checked.
  let country: string;
  if (given.known) country = given.code;
  else if (countryText !== '') country = '';
  else country = prefixCountry || defaultCountry.toUpperCase();
  const result: AddressResult = {
    street: rawStreet,
    house_number: rawNumber,
    unit: rawUnit,
    postal_code: combined.postal,
    city,
    country: given.known ? given.code : countryText !== '' ? countryText : prefixCountry,
    checked_country: country,
    status: 'missing',
    reason: '',
    reasons: [],
    city_suggestion: '',
    state: '',
    state_code: '',
  };
  if (rawStreet === '' && rawNumber === '' && rawUnit === '' && combined.postal === '' && city === '') return result;

  const streetParts = normaliseStreet(rawStreet, rawNumber, country);
  result.street = streetParts.street;
  result.house_number = streetParts.house_number;
  result.unit = joinUnits(rawUnit, streetParts.unit);
  if (streetParts.poBox) mask |= BIT.po_box;

  if (country === '') {
    mask |= BIT.country_unknown;
  } else if (combined.postal !== '') {
    const formatted = formatPostalCode(body, country, prefixCountry === '' || prefixCountry === country);
    if (!formatted.wellFormed) {
      mask |= BIT.postcode_format;
    } else {
      const table = postalTable(country);
      const info = table?.get(formatted.code);
      if (table !== undefined && info === undefined) {
        if (!streetParts.poBox) mask |= BIT.postcode_unknown;
      } else {
        result.postal_code = formatted.code;
      }
      if (info !== undefined) {
        result.state = info.state;
        result.state_code = info.stateCode;
        if (info.places.length > 0 && city !== '') {
          const m = memoMatchCity(country, formatted.code, city, info.places);
          if (m.match === 'none') mask |= BIT.city_mismatch;
          else if (m.suggestion !== '') {
            mask |= BIT.city_fixed;
            result.city_suggestion = m.suggestion;
          }
        } else if (city === '' && info.places.length === 1) {
          result.city_suggestion = info.places[0];
        }
      }
    }
  }

  if (result.street === '') mask |= BIT.street_missing;
  else if (result.house_number === '' && !streetParts.poBox) mask |= BIT.house_number_missing;
  if (combined.postal === '') mask |= BIT.postcode_missing;
  if (city === '') mask |= BIT.city_missing;

  const { list, joined } = reasonsOf(mask);
  result.reasons = [...list];
  result.reason = joined;
  result.status = statusOf(mask);
  return result;
}
