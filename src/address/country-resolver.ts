/**
 * Which country is this row in? The one answer every command uses: validate (the region national
 * phone numbers are read in, the country addresses are checked for), dedupe and match (the
 * region of the phone key), classify (region and region group), suppress (phone lists).
 *
 * In order, the first that decides:
 *  1. column   the row's country cell, read by normaliseCountry (ISO alpha-2/alpha-3 codes,
 *              names in many languages, aliases: "Deutschland", "Tschechien", "U.S.A.", "UK").
 *              A cell naming no country ("Narnia") decides too: the row's country is unknown
 *              (code ''), and nothing is guessed for it. Placeholders ("-", "n/a", "k.A.") count
 *              as empty.
 *  2. postcode a country prefix on the postcode ("A-1010", "NL-1234 AB"), or a postcode format only
 *              one country uses: US ZIP+4 "12345-6789", the UK's "SW1A 1AA" (GY/JE/IM codes are
 *              Guernsey, Jersey and the Isle of Man), NL "1234 AB", CA "K1A 0B1", IE "D02 X285",
 *              PL "12-345", PT "1234-567". Plain 4- or 5-digit codes are shared by a dozen
 *              countries (DE, FR, IT, ES and the US all use five digits) and are no hint.
 *     state    a US state or Canadian province code in the state column ("CA", "NY", "ON"), when
 *              the postcode does not contradict it. Codes that are also a Swiss canton (AR, NE)
 *              or a country many lists mean by them (DE) are left out.
 *              When the postcode and the state point to different countries, neither decides.
 *  3. list     the list's dominant country: the one a clear majority of the rows with a country
 *              value share (see dominantCountry), when the caller has it.
 *  4. default  the caller's default country (--default-country), the last resort.
 * Anything but the column is a guess, and says so (guessed: true).
 */
import { normaliseCountry } from './country.js';
import { countryFromPostcodeFormat, formatPostalCode, splitPostalPrefix } from './postal-code.js';

export type CountrySource = 'column' | 'postcode' | 'state' | 'list' | 'default' | '';

export interface RowCountry {
  /** ISO 3166-1 alpha-2; '' when the country cell names no known country, or nothing decided. */
  code: string;
  /** What decided; '' when nothing did (no column value, hint, list country or default). */
  source: CountrySource;
  /** True unless the row's own country column gave the country. */
  guessed: boolean;
}

/** The cells of a row the resolver reads (a Row has them under these names). */
export interface CountryCells {
  country?: string;
  state?: string;
  postal_code?: string;
}

export interface CountryContext {
  /** The list's dominant country (ISO alpha-2 or a name), e.g. from dominantCountry(); '' for none. */
  listCountry?: string;
  /** The last resort (ISO alpha-2 or a name); '' for none. */
  defaultCountry?: string;
}

/** Values that stand for "nothing" in a country cell (compared in lower case). */
const PLACEHOLDERS = new Set([
  '-', '--', '---', '–', '—', '.', '/', '?', 'x', 'n/a', 'na', 'n.a.', 'k.a.', 'k. a.', 'ka', 'keine', 'keine angabe',
  'unbekannt', 'unknown', 'none', 'null', 'nil', '#nv', '#n/a', 'tbd', 'xxx',
]);

const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDERS].map((p) => p.length));
/** The characters placeholders start with, in either case: most cells skip the lookup. */
const PLACEHOLDER_FIRST = new Set([...PLACEHOLDERS].flatMap((p) => [p.charCodeAt(0), p[0].toUpperCase().charCodeAt(0)]));

function isBlank(text: string): boolean {
  return text === '' || (text.length <= PLACEHOLDER_MAX && PLACEHOLDER_FIRST.has(text.charCodeAt(0)) && PLACEHOLDERS.has(text.toLowerCase()));
}

// --- postcode and state hints -------------------------------------------------------------------

const US_STATES =
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC';
const CA_PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT';
/** Also a Swiss canton (Appenzell Ausserrhoden, Neuchâtel) or read as a country (Germany). */
const AMBIGUOUS_STATES = new Set(['AR', 'NE', 'DE']);
const STATE_COUNTRY = new Map<string, string>();
for (const s of US_STATES.split(' ')) if (!AMBIGUOUS_STATES.has(s)) STATE_COUNTRY.set(s, 'US');
for (const s of CA_PROVINCES.split(' ')) STATE_COUNTRY.set(s, 'CA');

/** The country one postcode's form names: its prefix, else a format only one country uses; ''. */
export function countryFromPostcode(postalCode: string): string {
  if (typeof postalCode !== 'string') return '';
  const text = postalCode.trim();
  if (text === '' || text.length > 12) return '';
  const { prefixCountry, body } = splitPostalPrefix(text);
  if (prefixCountry !== '') return prefixCountry;
  // The postcode table (postal-code.ts) knows which formats only one country uses.
  return countryFromPostcodeFormat(body) ?? '';
}

/** US or CA for a state/province code ("CA", "ny", "ON"), when the postcode fits; else ''. */
export function countryFromState(state: string, postalCode = ''): string {
  const country = stateCountry(state);
  return country !== '' && postcodeFits(country, postalCode) ? country : '';
}

/** US or CA for a state/province code, whatever the postcode. */
function stateCountry(state: string): string {
  if (typeof state !== 'string' || state === '') return '';
  const code = state.trim().toUpperCase().replace(/^(US|CA)-/, '');
  return code.length === 2 ? (STATE_COUNTRY.get(code) ?? '') : '';
}

/** A state hint must not contradict the postcode ('' is always fine). */
function postcodeFits(country: string, postalCode: string): boolean {
  const postal = typeof postalCode === 'string' ? postalCode.trim().toUpperCase() : '';
  return postal === '' || formatPostalCode(postal, country, false).wellFormed;
}

// --- the resolver -------------------------------------------------------------------------------

const FROM_COLUMN = new Map<string, RowCountry>();
const UNKNOWN: RowCountry = Object.freeze({ code: '', source: 'column', guessed: false });
const NOTHING: RowCountry = Object.freeze({ code: '', source: '', guessed: true });
const fallbacks = new Map<string, RowCountry>();

function fromColumn(code: string): RowCountry {
  let r = FROM_COLUMN.get(code);
  if (r === undefined) {
    r = Object.freeze({ code, source: 'column', guessed: false });
    FROM_COLUMN.set(code, r);
  }
  return r;
}

function guessed(code: string, source: CountrySource): RowCountry {
  const key = `${source}:${code}`;
  let r = fallbacks.get(key);
  if (r === undefined) {
    r = Object.freeze({ code, source, guessed: true });
    fallbacks.set(key, r);
  }
  return r;
}

/** ISO alpha-2 for a caller's list or default country ('' when empty or unknown). */
function contextCode(value: string | undefined): string {
  if (!value) return '';
  return normaliseCountry(value).code;
}

/**
 * The country of a row (see the module comment for the order). The result is shared between
 * calls and read-only. Never throws.
 */
export function resolveRowCountry(row: CountryCells, context: CountryContext = {}): Readonly<RowCountry> {
  const cell = typeof row.country === 'string' ? row.country.trim() : '';
  if (!isBlank(cell)) {
    const { code } = normaliseCountry(cell);
    return code === '' ? UNKNOWN : fromColumn(code);
  }
  const postal = typeof row.postal_code === 'string' ? row.postal_code : '';
  const state = typeof row.state === 'string' ? row.state : '';
  if (postal !== '' || state !== '') {
    const byPostcode = countryFromPostcode(postal);
    const byState = stateCountry(state);
    if (byPostcode !== '') {
      if (byState === '' || byState === byPostcode) return guessed(byPostcode, 'postcode');
    } else if (byState !== '' && postcodeFits(byState, postal)) return guessed(byState, 'state');
  }
  const list = contextCode(context.listCountry);
  if (list !== '') return guessed(list, 'list');
  const fallback = contextCode(context.defaultCountry);
  return fallback !== '' ? guessed(fallback, 'default') : NOTHING;
}

// --- the list's dominant country ----------------------------------------------------------------

/** Share of the rows with a recognised country that one country needs to be the list's. */
export const DOMINANT_SHARE = 0.75;
/** Fewer rows with a recognised country than this decide nothing. */
export const DOMINANT_MIN_ROWS = 10;
/** Rows a command looks at to find the dominant country ("the first rows it sees"). */
export const DOMINANT_SAMPLE_ROWS = 10_000;

/**
 * Counts country cells to find the list's dominant country. Only recognised countries count: an
 * empty or unknown cell votes for nothing.
 */
export class CountryTally {
  private readonly counts = new Map<string, number>();
  private total = 0;
  /** Cells seen, recognised or not. */
  seen = 0;

  add(cell: string | undefined): void {
    this.seen++;
    if (typeof cell !== 'string') return;
    const text = cell.trim();
    if (isBlank(text)) return;
    const { code } = normaliseCountry(text);
    if (code === '') return;
    this.total++;
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  /** The country a clear majority shares (DOMINANT_SHARE of at least DOMINANT_MIN_ROWS), else ''. */
  dominant(): string {
    if (this.total < DOMINANT_MIN_ROWS) return '';
    let best = '';
    let most = 0;
    for (const [code, n] of this.counts) if (n > most) (best = code), (most = n);
    return most >= this.total * DOMINANT_SHARE ? best : '';
  }
}

/** The dominant country of these country cells ('' when there is no clear majority). */
export function dominantCountry(cells: Iterable<string | undefined>, limit = DOMINANT_SAMPLE_ROWS): string {
  const tally = new CountryTally();
  for (const cell of cells) {
    if (tally.seen >= limit) break;
    tally.add(cell);
  }
  return tally.dominant();
}
