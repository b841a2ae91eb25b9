/**
 * Street cells: street-type spelling, the house number hidden in the street, PO boxes.
 *
 * - Spelling (DE, AT, CH, LI only): the abbreviations in src/data/street/street-types.tsv are
 *   spelt out, as a separate word ("Berliner Str." → "Berliner Straße", "Carl-Zeiss-Str." →
 *   "Carl-Zeiss-Straße") and at the end of a compound ("Hauptstr." → "Hauptstraße"). Switzerland
 *   and Liechtenstein do not use ß, so there the result is "Bahnhofstrasse".
 * - House number: when the house number column is empty, a number at the end of the street
 *   ("Hauptstr. 12a", "Am Markt 3-5", "Hauptstraße 12 a", "Mariahilfer Str. 1/2/3",
 *   "Hauptstr. 12, 3. OG") or, where addresses put it first (FR, GB, US, …), at the start
 *   ("10 Downing Street") moves to the house number. Numbers inside the name stay
 *   ("Str. des 17. Juni 135" → "Straße des 17. Juni" + "135"), and a street that is only a type
 *   plus a number ("Straße 101", a real Berlin street) is left whole.
 * - PO boxes ("Postfach 1234", "Pf. 12 34", "P.O. Box 12", "Case postale 5") are recognised and
 *   left as written; they have no house number.
 */
import { readDataLines } from './data-file.js';
import { BoundedMemo } from '../text/bounded-memo.js';

export interface StreetParts {
  street: string;
  house_number: string;
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

const isAllCaps = (s: string): boolean => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);

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

// A house number: 12, 12a, 12 a, ranges and Austrian stair/door forms 3-5, 12a-c, 1/2/3.
const NUM = String.raw`\d{1,5}(?:\s?[a-zA-Z](?!\p{L}))?`;
const HOUSE = String.raw`${NUM}(?:\s*[-–/]\s*(?:${NUM}|[a-zA-Z](?!\p{L})))*`;
// What may follow a house number: floor, stair, door, building part.
const UNIT = String.raw`(?:top|stiege|stg\.?|tür|whg\.?|wohnung|app\.?|apt\.?|zi\.?|zimmer|haus|hinterhaus|vorderhaus|gartenhaus|hh|vh|eg|og|ug|dg|\d{1,2}\.\s*(?:og|etage|stock|obergeschoss))`;
const TRAILING = new RegExp(
  String.raw`^(?<street>.*?\p{L}.*?)(?:\s*,\s*|\s+|(?<=\.)|(?<=\p{L})(?=\d))(?:(?:nr|no)\.?\s*)?(?<num>${HOUSE})(?<unit>(?:\s*[,/]\s*|\s+)${UNIT}.*)?$`,
  'iu',
);
const LEADING = new RegExp(String.raw`^(?<num>${HOUSE})(?:\s*,\s*|\s+)(?<street>\p{L}.*)$`, 'iu');
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

function splitHouseNumber(street: string, country: string): { street: string; number: string } | undefined {
  const attempts = NUMBER_FIRST.has(country) ? [LEADING, TRAILING] : [TRAILING, LEADING];
  for (const re of attempts) {
    const m = re.exec(street);
    if (!m?.groups) continue;
    const name = m.groups.street.trim().replace(/[\s,]+$/, '');
    if (name === '' || isBareType(name)) continue;
    const unit = m.groups.unit ? m.groups.unit.trim() : '';
    const number = normaliseHouseNumber(m.groups.num) + (unit ? (/^[,/]/.test(unit) ? unit : ` ${unit}`) : '');
    return { street: name, number };
  }
  return undefined;
}

/**
 * Normalises a street and house number pair for a country (ISO alpha-2). The house number column
 * wins: a number is only taken from the street when the column is empty, or when the street
 * ends with the very same number.
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
  const street = rawStreet.trim().replace(/\s+/g, ' ');
  let houseNumber = normaliseHouseNumber(rawHouseNumber);
  if (PO_BOX.test(street)) return { street, house_number: houseNumber, poBox: true };

  let name = street;
  const split = street === '' ? undefined : splitHouseNumber(street, country);
  if (split) {
    if (houseNumber === '') {
      name = split.street;
      houseNumber = split.number;
    } else if (split.number.toLowerCase() === houseNumber.toLowerCase()) {
      name = split.street;
    }
  } else if (/^\d/.test(street) && new RegExp(`^${HOUSE}$`, 'u').test(street) && houseNumber === '') {
    // Only a number in the street column: it is the house number.
    return { street: '', house_number: normaliseHouseNumber(street), poBox: false };
  }
  return { street: normaliseStreetName(name, country), house_number: houseNumber, poBox: false };
}
