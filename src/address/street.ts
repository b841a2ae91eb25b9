/**
 * Street cells: street-type spelling, the house number hidden in the street, PO boxes.
 *
 * - Spelling (DE, AT, CH, LI only): the abbreviations in src/data/street/street-types.tsv are
 *   spelt out, as a separate word ("Berliner Str." → "Berliner Straße", "Carl-Zeiss-Str." →
 *   "Carl-Zeiss-Straße") and at the end of a compound ("Hauptstr." → "Hauptstraße"). Switzerland
 *   and Liechtenstein do not use ß, so there the result is "Bahnhofstrasse".
 * - House number: when the house number column is empty, a number at the end of the street
 *   ("Hauptstr. 12a", "Am Markt 3-5", "Hauptstraße 12 a", "Mariahilfer Str. 1/2/3",
 *   "Hauptstr. 12, 3. OG", "Via Roma 12", "C/ Mayor, 5", "Storgatan 3 B", "Camino Viejo s/n")
 *   or, where addresses put it first (FR, GB, US, …), at the start ("10 Downing Street",
 *   "4843 W North Ave" with its direction left in the street, "221B Baker Street", "12 bis rue
 *   de la Paix", "1333-45 W Argyle St") moves to the house number. Numbers inside the name stay
 *   ("Str. des 17. Juni 135" → "Straße des 17. Juni" + "135"), and a street that is only a type
 *   plus a number ("Straße 101", a real Berlin street) is left whole.
 * - Unit: an apartment, suite, floor or building line ("Apt 4B", "Flat 3, …", "3º izq") moves to
 *   unit (street-unit.ts); German-language floor and door forms stay in the house number.
 * - PO boxes ("Postfach 1234", "Pf. 12 34", "P.O. Box 12", "Case postale 5") are recognised and
 *   left as written; they have no house number.
 */
import { readDataLines } from './data-file.js';
import { BoundedMemo } from '../text/bounded-memo.js';
import { splitUnit } from './street-unit.js';
import { isAllCaps } from '../text/case.js';

export interface StreetParts {
  street: string;
  house_number: string;
  /** Apartment, suite, floor or building line taken from the street ("Apt 4B"); '' for none. */
  unit: string;
  poBox: boolean;
}

interface StreetType {
  canonical: string;
  asWord: boolean;
  asSuffix: boolean;
}

/** Countries whose street names use the German street-type words. */
const GERMAN_SPELLING = new Set(['DE', 'AT', 'CH', 'LI']);
/** Countries that write ß as ss. */
const NO_ESZETT = new Set(['CH', 'LI']);
/** Countries where the house number usually comes first. */
const NUMBER_FIRST = new Set(['FR', 'GB', 'IE', 'US', 'CA', 'AU', 'NZ', 'LU', 'MC']);

let types: Map<string, StreetType> | undefined;

/** abbreviation or variant (lower case) → canonical form, from the libpostal-derived table. */
function streetTypes(): Map<string, StreetType> {
  if (types) return types;
  types = new Map();
  for (const line of readDataLines('street/street-types.tsv')) {
    const [canonical, variants, where] = line.split('\t');
    const entry = { canonical, asWord: where !== 'suffix', asSuffix: where !== 'word' };
    for (const variant of [canonical, ...variants.split('|')]) types.set(variant, entry);
    // The Swiss spelling of a canonical ß word is a variant too (so DE turns it back into ß).
    if (canonical.includes('ß')) types.set(canonical.replace(/ß/g, 'ss'), entry);
  }
  return types;
}

/** Longest variants first, so "strasse" wins over "str" at the end of "Hauptstrasse". */
let suffixes: string[] | undefined;
function suffixVariants(): string[] {
  suffixes ??= [...streetTypes().entries()]
    .filter(([, t]) => t.asSuffix)
    .map(([variant]) => variant)
    .sort((a, b) => b.length - a.length);
  return suffixes;
}

function spell(canonical: string, country: string, shape: 'word' | 'suffix', model: string): string {
  let out = NO_ESZETT.has(country) ? canonical.replace(/ß/g, 'ss') : canonical;
  if (isAllCaps(model)) return out.toUpperCase();
  if (shape === 'word') out = out[0].toUpperCase() + out.slice(1);
  return out;
}

/** One space- or hyphen-delimited token. */
function normaliseToken(token: string, country: string): string {
  const lower = token.toLowerCase();
  const table = streetTypes();
  const whole = table.get(lower);
  if (whole?.asWord) return spell(whole.canonical, country, 'word', token);
  for (const variant of suffixVariants()) {
    if (!lower.endsWith(variant)) continue;
    const stem = token.slice(0, token.length - variant.length);
    // A compound needs a real first part: "Hauptstr." yes, "Ostr." (too short to tell) no.
    if (stem.length < 3 || !/\p{L}$/u.test(stem)) continue;
    const type = table.get(variant) as StreetType;
    return stem + spell(type.canonical, country, 'suffix', isAllCaps(stem) ? stem : variant);
  }
  return token;
}

/** Street names repeat across a list ("Hauptstraße"); bounded memo per spelling convention. */
const nameMemo = new Map<string, string>();
const NAME_MEMO_LIMIT = 50_000;

/** Street-type spelling for one street name (no house number in it). */
export function normaliseStreetName(street: string, country: string): string {
  if (!GERMAN_SPELLING.has(country)) return street;
  const key = NO_ESZETT.has(country) ? `ss\u0000${street}` : street;
  let out = nameMemo.get(key);
  if (out === undefined) {
    out = street
      .split(/([\s-]+)/)
      .map((part, i) => (i % 2 === 1 ? part : normaliseToken(part, country)))
      .join('');
    if (nameMemo.size >= NAME_MEMO_LIMIT) nameMemo.clear();
    nameMemo.set(key, out);
  }
  return out;
}

// A house number: 12, 12a, 12 a, 12 bis, ranges and Austrian stair/door forms 3-5, 12a-c, 1/2/3.
const NUM = String.raw`\d{1,5}(?:\s?(?:bis|ter|quater)(?!\p{L})|\s?[a-zA-Z](?!\p{L}))?`;
// German "12 bis 14" is a range too.
const HOUSE = String.raw`${NUM}(?:(?:\s*[-–/]\s*|\s+bis\s+(?=\d))(?:${NUM}|[a-zA-Z](?!\p{L})))*`;
// No number: Spanish "s/n" (sin número), Italian "snc" (senza numero civico). Kept as written.
const NO_NUMBER = String.raw`s/n|s\.\s?n\.|snc|s\.n\.c\.`;
// What may follow a house number: floor, stair, door, building part.
const UNIT = String.raw`(?:top|stiege|stg\.?|tür|whg\.?|wohnung|app\.?|apt\.?|zi\.?|zimmer|haus|hinterhaus|vorderhaus|gartenhaus|hh|vh|eg|og|ug|dg|\d{1,2}\.\s*(?:og|etage|stock|obergeschoss))`;
// The words in front of a trailing number: German Nr., English No., Spanish/Italian/French nº, n°, n., núm.
const NUMBER_WORD = String.raw`(?:(?:nr|no|núm|num)\.?\s*|n\.?\s?[º°]\s*|n\.\s*)`;
const TRAILING = new RegExp(
  String.raw`^(?<street>.*?\p{L}.*?)(?:\s*,\s*|\s+|(?<=\.)|(?<=\p{L})(?=\d))(?:${NUMBER_WORD})?(?<num>${HOUSE}|${NO_NUMBER})(?<unit>(?:\s*[,/]\s*|\s+)${UNIT}.*)?$`,
  'iu',
);
// A number-first house number: 4843, 221B, 12bis, 12 bis, 1333-45, 37-15, 123 1/2. A letter after a
// space is not part of it: "4843 W North Ave" keeps its direction, "10 A Street" is A Street.
const LEAD_NUM = String.raw`\d{1,6}(?:\s?(?:bis|ter|quater)(?!\p{L})|[a-zA-Z](?!\p{L}))?`;
const LEAD_HOUSE = String.raw`${LEAD_NUM}(?:\s*[-–]\s*${LEAD_NUM}(?![\p{L}\d]))?(?:\s+1/2)?`;
// The street starts with a letter, or is an ordinal one ("4800-60th Street" is 4800 60th Street).
const ORDINAL_STREET = String.raw`\d{1,3}(?:st|nd|rd|th)\b`;
const LEADING = new RegExp(
  String.raw`^(?<num>${LEAD_HOUSE})(?:\s*,\s*|\s+|-(?=${ORDINAL_STREET}))(?<street>\p{L}.*|${ORDINAL_STREET}.*)$`,
  'iu',
);
const PO_BOX = /^(?:(?:postfach|postf\.)(?:\s*[:.]?\s*(?:nr\.?\s*)?\d[\d\s]*)?|(?:pf\.?|p\.?\s*o\.?\s*box|post\s*box|postbus|case\s+postale|casella\s+postale|bo[iî]te\s+postale|b\.?p\.?|apartado(?:\s+de\s+correos)?)\s*[:.]?\s*(?:nr\.?\s*)?\d[\d\s]*)$/i;

/** "12 a" → "12a", "3 - 5" → "3-5", "Nr. 7" → "7". */
export function normaliseHouseNumber(raw: string): string {
  if (/^\d*[a-zA-Z]?$/.test(raw)) return raw; // the common "12" / "12a" (and ''): nothing to do
  return raw
    .trim()
    .replace(/^(?:nr|no)\.?\s*(?=\d)/i, '')
    .replace(/(\d)\s+([a-zA-Z])(?!\p{L})/gu, '$1$2')
    .replace(/\s*([-–/])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}

/** True for a street that is only a street-type word ("Straße", "Str."), as in "Straße 101". */
function isBareType(street: string): boolean {
  return streetTypes().get(street.toLowerCase())?.asWord === true;
}

interface NumberSplit {
  street: string;
  number: string;
  /** A floor or door written as part of the house number ("12/Top 4", "12, 3. OG"). */
  withUnit: boolean;
  /** The number came first ("4843 W North Ave"). */
  first: boolean;
}

/** Signs of an English street name: a direction first, an ordinal, a USPS/Royal Mail type last. */
const ENGLISH_STREET =
  /^(?:[NSEW]|NE|NW|SE|SW|north|south|east|west)\.?\s|\b\d+(?:st|nd|rd|th)\b|\b(?:st|ave|av|rd|blvd|dr|ln|ct|pl|pkwy|hwy|ter|sq|street|avenue|road|place|drive|lane|court|way|close|crescent)\.?$/i;

/** A street that begins like "1001 W Roosevelt Rd": a number, then a word (not "17. Juni"). */
const STARTS_WITH_NUMBER = /^\d{1,6}[a-z]?\s+\p{L}/iu;

function splitHouseNumber(street: string, country: string): NumberSplit | undefined {
  const attempts = NUMBER_FIRST.has(country) ? [LEADING, TRAILING] : [TRAILING, LEADING];
  for (const re of attempts) {
    const m = re.exec(street);
    if (!m?.groups) continue;
    const name = m.groups.street.trim().replace(/[\s,]+$/, '');
    if (name === '' || isBareType(name)) continue;
    // A number at both ends ("1001 W Roosevelt Rd 606" on a row taken for German): the one in
    // front is the house number, as no number-last country starts a street name with a bare number.
    if (re === TRAILING && STARTS_WITH_NUMBER.test(name) && LEADING.test(street)) continue;
    // "5 / Top 3" → "5/Top 3", "12 , 3. OG" → "12, 3. OG".
    const unit = m.groups.unit ? m.groups.unit.trim().replace(/^\/\s*(?=\p{L})/u, '/').replace(/^,\s*/, ', ') : '';
    const number = normaliseHouseNumber(m.groups.num) + (unit ? (/^[,/]/.test(unit) ? unit : ` ${unit}`) : '');
    return { street: name, number, withUnit: unit !== '', first: re === LEADING };
  }
  return undefined;
}

/**
 * Normalises a street and house number pair for a country (ISO alpha-2). The house number column
 * wins: a number is only taken from the street when the column is empty, or when the street
 * ends with the very same number. An apartment, suite, floor or building line in the street
 * ("Apt 4B", "Flat 3, …", "3º izq") moves to unit (see street-unit.ts); the floor and door forms
 * German-language addresses write after the number ("12/Top 4", "12, 3. OG") stay in the house
 * number, as those countries write them.
 */
export function normaliseStreet(rawStreet: string, rawHouseNumber: string, country: string): Readonly<StreetParts> {
  // Contacts of one company share its address, so lists repeat street and number pairs. One
  // bounded memo for all of them; the key spells out every input (the country, the number's
  // length, then number and street) and, being a new string, holds no input chunk alive.
  return streetMemo.get(`${country}\u0000${rawHouseNumber.length}\u0000${rawHouseNumber}${rawStreet}`);
}

const streetMemo = new BoundedMemo<Readonly<StreetParts>>(50_000, (key) => {
  const a = key.indexOf('\u0000');
  const b = key.indexOf('\u0000', a + 1);
  const numberEnd = b + 1 + Number(key.slice(a + 1, b));
  return Object.freeze(splitStreet(key.slice(numberEnd), key.slice(b + 1, numberEnd), key.slice(0, a)));
});

function splitStreet(rawStreet: string, rawHouseNumber: string, country: string): StreetParts {
  // Line breaks in a street cell separate its lines ("4859 S. Wabash Ave.\n2nd floor").
  const street = rawStreet.trim().replace(/\s*,?\s*[\r\n]+\s*/g, ', ').replace(/\s+/g, ' ');
  let houseNumber = normaliseHouseNumber(rawHouseNumber);
  if (PO_BOX.test(street)) return { street, house_number: houseNumber, unit: '', poBox: true };
  if (street === '') return { street, house_number: houseNumber, unit: '', poBox: false };

  // The German-language forms first, so "12, 3. OG" and "12/Top 4" stay with their number.
  let split = GERMAN_SPELLING.has(country) ? splitHouseNumber(street, country) : undefined;
  let unit = '';
  let line = street;
  if (!split?.withUnit) {
    const parts = splitUnit(street, country, NUMBER_FIRST.has(country));
    unit = parts.unit;
    line = parts.rest;
    if (line !== street || split === undefined) split = line === '' ? undefined : splitHouseNumber(line, country);
  }
  let name = line;
  let spell = true;
  if (split) {
    if (houseNumber === '' || split.number.toLowerCase() === houseNumber.toLowerCase()) {
      name = split.street;
      if (houseNumber === '') houseNumber = split.number;
      // "247 W. 23rd Pl." is no Platz: an English street, number first, keeps its spelling.
      spell = !(split.first && ENGLISH_STREET.test(name));
    }
  } else if (/^\d/.test(line) && new RegExp(`^${HOUSE}$`, 'u').test(line) && houseNumber === '') {
    // Only a number in the street column: it is the house number.
    return { street: '', house_number: normaliseHouseNumber(line), unit, poBox: false };
  }
  return { street: spell ? normaliseStreetName(name, country) : name, house_number: houseNumber, unit, poBox: false };
}
