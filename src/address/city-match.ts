/**
 * Does a city as written in a lead list name one of the places of its postal code?
 *
 * Forgiving on purpose, because the postal code has already narrowed the choice to a handful of
 * places:
 * - spelling: case, accents, umlaut transliteration (München = Muenchen = MUNCHEN), St./Sankt;
 * - river and region qualifiers, full, abbreviated or bracketed: "Frankfurt am Main" =
 *   "Frankfurt a. M." = "Frankfurt/Main" = "Frankfurt", but not "Frankfurt (Oder)";
 * - districts either way round: "Berlin-Mitte" or "Köln-Ehrenfeld" for a code whose place is
 *   Berlin or Köln, and "Stuttgart" for GeoNames' "Stuttgart Wangen";
 * - the exonyms foreign lists use (Munich, Vienna, Genf, Luxemburg);
 * - one or two typos, when exactly one place is that close.
 *
 * A suggestion (the table's spelling) is only made when the given city stands for exactly one
 * place at the same level: "muenchen" → "München", "Frankfurt a.M." → "Frankfurt am Main".
 * "Berlin-Mitte" is consistent with Berlin but is not rewritten.
 */
import { distance } from 'fastest-levenshtein';
import { foldForLooseKey as foldName } from '../text/fold.js';

export type CityMatch = 'exact' | 'equivalent' | 'district' | 'fuzzy' | 'none';

export interface CityMatchResult {
  match: CityMatch;
  /** The table's spelling when the given city should be written that way; '' otherwise. */
  suggestion: string;
}

interface ParsedName {
  name: string;
  core: string[];
  qualifier: string[];
  /** core and qualifier joined: equal keys mean the same name in a different spelling. */
  key: string;
}

/** Words that start a qualifier after the town's own name: "am Main", "i. Br.", "b. München". */
const QUALIFIER_MARKERS = new Set(['am', 'an', 'a', 'im', 'in', 'i', 'ob', 'bei', 'b', 'vor', 'v', 'auf']);
/** Articles inside a qualifier that abbreviations drop: "an der Ruhr" = "a. d. R." = "/Ruhr". */
const QUALIFIER_FILLERS = new Set(['der', 'die', 'das', 'dem', 'den', 'des', 'd']);
/** Whole-word abbreviations in place names. */
const WORD_FORMS: Record<string, string> = { st: 'sankt', ste: 'sainte', sta: 'santa' };
/**
 * First words that are not a town on their own: "Bad" must not match "Bad Homburg" as if it
 * were a district form.
 */
const GENERIC_WORDS = new Set([
  'bad', 'sankt', 'neu', 'alt', 'gross', 'klein', 'ober', 'unter', 'nieder', 'hohen', 'markt', 'nord', 'sud', 'ost', 'west',
]);
/** Foreign names of towns in the checked countries → the folded local name. */
const EXONYMS: Record<string, string> = {
  munich: 'munchen', cologne: 'koln', nuremberg: 'nurnberg', hanover: 'hannover', brunswick: 'braunschweig',
  vienna: 'wien', vienne: 'wien', geneva: 'geneve', genf: 'geneve', ginevra: 'geneve', lucerne: 'luzern',
  basle: 'basel', bale: 'basel', berne: 'bern', neuenburg: 'neuchatel', sitten: 'sion', bienne: 'biel',
  freiburg: 'fribourg', luxemburg: 'luxembourg', zurigo: 'zurich',
};

function parseName(name: string): ParsedName {
  // "Halle (Saale)", "Frankfurt/Main", "Wien, Innere Stadt": what follows is a qualifier.
  const cut = name.search(/[/(,]/);
  const head = cut >= 0 ? name.slice(0, cut) : name;
  const tail = cut >= 0 ? name.slice(cut + 1) : '';
  const words = foldName(head)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => WORD_FORMS[w] ?? w);
  let split = words.length;
  for (let i = 1; i < words.length; i++) {
    if (QUALIFIER_MARKERS.has(words[i])) {
      split = i;
      break;
    }
  }
  const core = words.slice(0, split);
  const qualifier = [...words.slice(split + 1), ...foldName(tail).split(' ')]
    .filter((w) => w !== '' && !QUALIFIER_FILLERS.has(w) && !QUALIFIER_MARKERS.has(w))
    .map((w) => WORD_FORMS[w] ?? w);
  return { name, core, qualifier, key: [...core, ...qualifier].join(' ') };
}

/** "br" abbreviates "breisgau", "wstr" abbreviates "weinstrasse": same first letter, in order. */
function abbreviates(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++) {
    j = long.indexOf(short[i], j) + 1;
    if (j === 0) return false;
  }
  return true;
}

function qualifiersCompatible(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [short, long] = a[i].length <= b[i].length ? [a[i], b[i]] : [b[i], a[i]];
    if (!abbreviates(short, long)) return false;
  }
  return true;
}

function startsWith(longer: string[], prefix: string[]): boolean {
  if (prefix.length >= longer.length) return false;
  for (let i = 0; i < prefix.length; i++) if (longer[i] !== prefix[i]) return false;
  return true;
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

const parsedPlaces = new WeakMap<readonly string[], ParsedName[]>();

function parsePlaces(places: readonly string[]): ParsedName[] {
  let parsed = parsedPlaces.get(places);
  if (parsed === undefined) {
    parsed = places.map(parseName);
    parsedPlaces.set(places, parsed);
  }
  return parsed;
}

/** "Stuttgart Wangen" is a district form when "Stuttgart" is another place of the same code. */
function isDistrictForm(place: ParsedName, all: ParsedName[]): boolean {
  return all.some((other) => other !== place && startsWith(place.core, other.core));
}

/** The one distinct place in candidates, as a suggestion if it differs from what was written. */
function suggest(candidates: ParsedName[], all: ParsedName[], written: string): string {
  const names = new Set(candidates.map((c) => c.name));
  if (names.size !== 1) return '';
  const only = candidates[0];
  if (only.name === written || isDistrictForm(only, all)) return '';
  return only.name;
}

function matchParsed(given: ParsedName, all: ParsedName[], written: string): CityMatchResult | undefined {
  const sameKey = all.filter((p) => p.key === given.key);
  if (sameKey.length > 0) return { match: 'equivalent', suggestion: suggest(sameKey, all, written) };
  const sameCore = all.filter((p) => sameWords(p.core, given.core) && qualifiersCompatible(p.qualifier, given.qualifier));
  if (sameCore.length > 0) return { match: 'equivalent', suggestion: suggest(sameCore, all, written) };
  const lone = given.core.length === 1 && GENERIC_WORDS.has(given.core[0]);
  const district = all.some(
    (p) =>
      qualifiersCompatible(p.qualifier, given.qualifier) &&
      (startsWith(given.core, p.core) || (!lone && startsWith(p.core, given.core))),
  );
  return district ? { match: 'district', suggestion: '' } : undefined;
}

/** Allowed edit distance for a typo in a name of this many letters. */
function typoBudget(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Compares a written city with the places of one postal code. places must be non-empty (a
 * code without known places cannot contradict any city).
 */
export function matchCity(city: string, places: readonly string[]): CityMatchResult {
  const written = city.trim().replace(/\s+/g, ' ');
  if (places.includes(written)) return { match: 'exact', suggestion: '' };
  const all = parsePlaces(places);
  const given = parseName(written);
  if (given.core.length === 0) return { match: 'none', suggestion: '' };

  const direct = matchParsed(given, all, written);
  if (direct) return direct;

  const local = EXONYMS[given.core.join(' ')];
  if (local !== undefined) {
    const translated = matchParsed({ ...given, core: [local], key: [local, ...given.qualifier].join(' ') }, all, written);
    if (translated) return translated;
  }

  const core = given.core.join(' ');
  const budget = typoBudget(core.length);
  if (budget > 0) {
    const close = all.filter(
      (p) => qualifiersCompatible(p.qualifier, given.qualifier) && distance(core, p.core.join(' ')) <= budget,
    );
    const names = new Set(close.map((p) => p.name));
    if (names.size === 1 && !isDistrictForm(close[0], all)) {
      return { match: 'fuzzy', suggestion: close[0].name };
    }
  }
  return { match: 'none', suggestion: '' };
}
