/**
 * Address parts as match keys: "Hauptstr. 12a", "Hauptstraße 12 a" and "Haupt-Strasse 12A" are
 * one street; "D-10115" and "10115" one postal code; "Frankfurt a. M." and "Frankfurt am Main"
 * one city for a looser comparison.
 */
import { foldForKey as foldText } from '../text/fold.js';
import { BoundedMemo } from '../text/bounded-memo.js';

/** The short forms of English street types (ENGLISH_WORDS' values that are not directions). */
const STREET_TYPE_WORDS = new Set(['st', 'ave', 'rd', 'blvd', 'dr', 'ln', 'ct', 'pl', 'pkwy', 'hwy', 'ter', 'sq', 'cir', 'cres', 'cl', 'wy', 'trl']);

/** Folded street-type endings and the short form they are compared in. */
const STREET_TYPES: [RegExp, string][] = [
  [/(strasse|str)$/, 'str'],
  [/(platz|pl)$/, 'pl'],
];

/**
 * English street types and directions as the last or first word of a street written number
 * first ("707 E. 37th Street", "12 High St"): the USPS and Royal Mail abbreviations.
 */
const ENGLISH_WORDS = new Map<string, string>([
  ['street', 'st'], ['avenue', 'ave'], ['av', 'ave'], ['road', 'rd'], ['boulevard', 'blvd'], ['drive', 'dr'],
  ['lane', 'ln'], ['court', 'ct'], ['place', 'pl'], ['parkway', 'pkwy'], ['highway', 'hwy'], ['terrace', 'ter'],
  ['square', 'sq'], ['circle', 'cir'], ['crescent', 'cres'], ['close', 'cl'], ['way', 'wy'], ['trail', 'trl'],
  ['drv', 'dr'], ['str', 'st'], ['avn', 'ave'],
  ['north', 'n'], ['south', 's'], ['east', 'e'], ['west', 'w'],
  ['northeast', 'ne'], ['northwest', 'nw'], ['southeast', 'se'], ['southwest', 'sw'],
]);

/**
 * "<street name> <house number>": the letters of the street joined into one word with its type
 * shortened, then the house number with its spaces removed. `houseNumber` is appended when the
 * list keeps it in its own column.
 */
export function normaliseStreet(street: string, houseNumber = ''): string {
  if (street === '' && houseNumber === '') return '';
  // Lists repeat addresses (every contact at one office): fold each once, in a bounded memo.
  return streetMemo.get(houseNumber ? `${street} ${houseNumber}` : street);
}

const streetMemo = new BoundedMemo(200_000, computeStreetKey);

function computeStreetKey(street: string): string {
  const folded = foldText(street);
  if (folded === '') return '';
  const tokens = folded.split(' ');
  let name = '';
  let number = '';
  // Number first, as in English-speaking countries and France: "707 E 37th St" is number 707 of
  // "e37thst". Only when a name follows that is not itself a number ("12 34" stays as it is).
  // Its street type is left out: lists drop it at will ("4000 W. Division" / "4000 W Division St").
  if (tokens.length > 1 && /^\d+[a-z]?$/.test(tokens[0]) && /[a-z]/.test(tokens[1])) {
    const last = tokens.length > 2 && STREET_TYPE_WORDS.has(ENGLISH_WORDS.get(tokens[tokens.length - 1]) ?? tokens[tokens.length - 1]) ? tokens.length - 1 : tokens.length;
    for (let k = 1; k < last; k++) name += ENGLISH_WORDS.get(tokens[k]) ?? tokens[k];
    return `${name} ${tokens[0]}`;
  }
  for (const t of tokens) {
    if (number === '' && !/\d/.test(t)) name += t;
    else number += t;
  }
  for (const [re, short] of STREET_TYPES) {
    if (re.test(name)) {
      name = name.replace(re, short);
      break;
    }
  }
  return number ? `${name} ${number}` : name;
}

/** The street-name part of a normalised street (without the house number). */
export function streetName(normalised: string): string {
  const sp = normalised.indexOf(' ');
  return sp === -1 ? normalised : normalised.slice(0, sp);
}

/** Upper-case alphanumerics without a country prefix: "D-10115" → "10115", "A 1010" → "1010". */
export function normalisePostalCode(value: string): string {
  if (!value) return '';
  const v = value.trim().toUpperCase().replace(/^(D|A|CH|FL|L)\s*-\s*(?=\d)/, '');
  return v.replace(/[^0-9A-Z]/g, '');
}

/** Folded city name: "München" → "muenchen", "Frankfurt a.M." → "frankfurt a m". */
export function normaliseCity(value: string): string {
  return value ? foldText(value) : '';
}

/**
 * Two folded city names name the same place when equal or when one is the other's first word
 * ("frankfurt" / "frankfurt am main"), with at least four letters so "bad" or "st" do not count.
 */
export function sameCity(a: string, b: string): boolean {
  if (a === b) return a !== '';
  const sa = a.indexOf(' ');
  const sb = b.indexOf(' ');
  const fa = sa === -1 ? a : a.slice(0, sa);
  const fb = sb === -1 ? b : b.slice(0, sb);
  return fa === fb && fa.length >= 4 && (sa === -1 || sb === -1 || isPlaceQualifier(a.slice(sa + 1), b.slice(sb + 1)));
}

/** "am main" / "a m" / "main": qualifiers of one town rather than two towns sharing a first word. */
function isPlaceQualifier(x: string, y: string): boolean {
  const compact = (s: string) => s.replace(/\b(am|an|der|dem|im|in|a|i|d)\b/g, '').replace(/\s+/g, '');
  const cx = compact(x);
  const cy = compact(y);
  return cx === cy || cx === '' || cy === '' || cx.startsWith(cy) || cy.startsWith(cx);
}
