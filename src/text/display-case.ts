/**
 * Case for display: a value a vendor wrote all in capitals ("VON DER HEIDE", "FRANKFURT AM
 * MAIN") in the case people write it ("von der Heide", "Frankfurt am Main"). Capitals carry no
 * case information, so this is a guess by rules; a value with any small letter is left as written,
 * because then its writer chose the case. Companies add their legal forms (src/company/display.ts).
 */
import { isAllCaps } from './case.js';

export type DisplayKind = 'name' | 'company' | 'city';

/** Name particles written small in German, Dutch, French, Italian, Spanish and Portuguese names. */
const NAME_PARTICLES = new Set(['von', 'vom', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'des', 'la', 'le', 'zu', 'zum', 'zur', 'ten', 'ter', 'y']);

/** Small words inside city names ("Mülheim an der Ruhr", "Stratford-upon-Avon", "Aix-en-Provence"). */
const CITY_PARTICLES = new Set(['am', 'an', 'der', 'die', 'dem', 'den', 'im', 'in', 'ob', 'bei', 'vor', 'auf', 'a.d.', 'i.', 'v.d.', 'de', 'del', 'la', 'le', 'les', 'en', 'sur', 'sous', 'upon', 'on', 'under', 'of', 'the', 'y', 'di', 'da']);

/** Small words inside company names ("Gesellschaft für Informatik", "Bäckerei am Markt"). */
const COMPANY_PARTICLES = new Set(['und', 'für', 'fuer', 'der', 'die', 'das', 'des', 'dem', 'den', 'am', 'an', 'im', 'in', 'von', 'vom', 'zu', 'zum', 'zur', 'mit', 'bei', 'auf', 'and', 'of', 'the', 'for', 'de', 'du', 'la', 'le', 'et', 'haftungsbeschränkt']);

/**
 * Words of up to three letters in a company name are taken for acronyms ("BMW", "IT-Service",
 * "EDV", "E.ON") and stay in capitals, except three-letter words that read like a syllable
 * (consonant, vowel, consonant: "Bau", "Hof", "Max"; "SAP" and "TÜV" pay for it) and these
 * everyday words.
 */
const SHORT_WORDS = new Set(['bau', 'neu', 'alt', 'hof', 'see', 'ost', 'süd', 'tal', 'rad', 'tee', 'eis', 'öl', 'gas', 'zoo', 'bar', 'art', 'bio', 'eck', 'weg', 'tor', 'pro', 'top', 'one', 'new', 'old', 'big', 'bay', 'sun', 'sea', 'oak', 'red', 'box', 'fit', 'spa', 'gym', 'inn', 'mix', 'hub', 'lab', 'car', 'bus', 'kur', 'uhr', 'rat', 'gut']);

/**
 * One word capitalised: small letters, with a capital at its start and after "-", "(", "/", "."
 * and after the apostrophe of a one-letter prefix ("O'Brien", "D'Angelo"; "JOHN'S" → "John's");
 * "Mc" names get their second capital ("McDonald"). "Mac" does not: "Mack", "Machado".
 */
function capitalise(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  let up = true;
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i];
    out += up ? c.toUpperCase() : c;
    const letter = /\p{L}/u.test(c);
    if (letter || /\p{N}/u.test(c)) up = false;
    else if (c === "'" || c === '\u2019') up = i === 1 || (i >= 2 && !/\p{L}/u.test(lower[i - 2]));
    else up = c === '-' || c === '(' || c === '/' || c === '.';
  }
  const mc = /^(\P{L}*)Mc(\p{Ll})/u.exec(out);
  if (mc && out.length > mc[0].length) out = out.slice(0, mc[1].length) + 'Mc' + mc[2].toUpperCase() + out.slice(mc[0].length);
  return out;
}

const SYLLABLE = /^[^aeiouyäöü][aeiouyäöü][^aeiouyäöü]$/;

/** The letters of a word ("E.ON" → "EON"). */
const letters = (w: string) => w.replace(/\P{L}/gu, '');

/**
 * How one part (a word, or a piece of a hyphenated word) is written. `first`: the first part of
 * the value, where particles of cities and companies stay capitalised ("Am Mellensee", "Die
 * Bahn"); `several`: the value has more than one word (a lone "DA" is a name, not a particle).
 */
function casePart(part: string, kind: DisplayKind, first: boolean, several: boolean): string {
  const lower = part.toLowerCase();
  if (/\p{N}/u.test(part)) return part;
  if (kind === 'name' && several && NAME_PARTICLES.has(lower)) return lower;
  if (kind === 'city' && !first && CITY_PARTICLES.has(lower)) return lower;
  if (kind === 'company') {
    if (!first && COMPANY_PARTICLES.has(lower.replace(/^\(|\)$/g, ''))) return lower;
    const l = letters(part).toLowerCase();
    if (l.length > 0 && l.length <= 3 && !SHORT_WORDS.has(l) && !COMPANY_PARTICLES.has(l) && !SYLLABLE.test(l)) return part;
  }
  return capitalise(part);
}

/**
 * The display form of a value: `value` itself unless it is all capitals, else cased by the rules
 * of its kind. Whitespace is kept as it is (tidying it is src/text/whitespace.ts's work).
 * `spell` gives fixed spellings of whole words (legal forms for companies: "GMBH" → "GmbH").
 */
export function displayCase(value: string, kind: DisplayKind, spell?: (word: string) => string | undefined): string {
  if (!isAllCaps(value)) return value;
  const several = /\S\s+\S/.test(value.trim());
  let index = 0;
  return value.replace(/\S+/g, (word) => {
    const first = index++ === 0;
    const fixed = spell?.(word);
    if (fixed !== undefined) return fixed;
    // Parts joined by hyphens are cased one by one ("Jean-Pierre", "Aix-en-Provence", "IT-Service").
    return word
      .split('-')
      .map((p, i) => (p === '' ? p : (spell?.(p) ?? casePart(p, kind, first && i === 0, several))))
      .join('-');
  });
}
