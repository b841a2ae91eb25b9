/**
 * Country cell → ISO 3166-1 alpha-2.
 *
 * Accepted: alpha-2 and alpha-3 codes, the curated names and aliases in country-names.ts (which
 * cover the EU, EFTA and the rest of Europe in English, German and the native languages, plus
 * vehicle codes such as D, A, CH, FL), and for every country its name in English, German, French,
 * Italian, Spanish, Dutch, Portuguese and Polish from the runtime's ICU data. Matching ignores
 * case, accents, umlaut spelling, punctuation and spacing ("U.S.A.", "Oesterreich"), a leading
 * article ("The Netherlands") and annotations ("Germany (DE)", "CH - Schweiz") as long as every
 * recognisable part names the same country.
 */
import { countryCodes } from './country-codes.js';
import { CURATED_COUNTRY_NAMES } from './country-names.js';
import { foldForLooseKey as foldName } from '../text/fold.js';

export interface CountryResult {
  /** ISO 3166-1 alpha-2 in upper case; '' when empty or not recognised. */
  code: string;
  known: boolean;
}

const UNKNOWN: CountryResult = Object.freeze({ code: '', known: false });

/** Languages whose country names ICU supplies in addition to the curated table. */
const ICU_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pt', 'pl'];

/** Lists with a country column repeat a handful of values; more than this many is garbage. */
const MEMO_LIMIT = 10_000;

interface CountryIndex {
  /** Upper-case codes and all-capital aliases of up to three letters: DE, DEU, D, UK, EL. */
  codes: Map<string, string>;
  /** Folded, space-free names: "deutschland", "unitedkingdom", "osterreich". */
  names: Map<string, string>;
}

let index: CountryIndex | undefined;
const memo = new Map<string, CountryResult>();

function nameKey(name: string): string {
  return foldName(name).replace(/ /g, '');
}

/** "U.S.A." → "USA", "u k" → "UK"; '' when the text is not a short letter code. */
function codeKey(text: string): string {
  const compact = text.replace(/[.\s]/g, '').toUpperCase();
  return /^[A-Z]{1,3}$/.test(compact) ? compact : '';
}

function buildIndex(): CountryIndex {
  // First writer wins: codes before curated aliases before ICU names, so an ICU spelling can
  // never take over a code or an alias chosen by hand. Codes are kept apart from names because
  // folding would merge them ("AE" and "A" both fold to "a").
  const codes = new Map<string, string>();
  const names = new Map<string, string>();
  const addCode = (key: string, code: string): void => {
    if (!codes.has(key)) codes.set(key, code);
  };
  const addName = (name: string, code: string): void => {
    const key = nameKey(name);
    if (key !== '' && !names.has(key)) names.set(key, code);
  };
  const iso = countryCodes();
  for (const alpha2 of iso.keys()) addCode(alpha2, alpha2);
  for (const [alpha2, alpha3] of iso) addCode(alpha3, alpha2);
  for (const [code, list] of Object.entries(CURATED_COUNTRY_NAMES)) {
    for (const name of list.split('|')) {
      const short = codeKey(name);
      if (short !== '' && name.replace(/[.\s]/g, '') === short) addCode(short, code);
      else addName(name, code);
    }
  }
  for (const language of ICU_LANGUAGES) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    } catch {
      continue; // a runtime built without ICU region names: the curated table still works
    }
    for (const alpha2 of iso.keys()) {
      const name = display.of(alpha2);
      if (name) addName(name, alpha2);
    }
  }
  return { codes, names };
}

const ARTICLE = /^(?:the|die|der|la|le|les|l|el|il)\s+/;

function lookup(idx: CountryIndex, text: string): string {
  const short = codeKey(text);
  if (short !== '') {
    const code = idx.codes.get(short);
    if (code !== undefined) return code;
  }
  const folded = foldName(text);
  const direct = idx.names.get(folded.replace(/ /g, ''));
  if (direct !== undefined) return direct;
  const withoutArticle = folded.replace(ARTICLE, '');
  return withoutArticle !== folded ? (idx.names.get(withoutArticle.replace(/ /g, '')) ?? '') : '';
}

/** "Deutschland" → DE, "Oesterreich" → AT, "England" → GB, "Atlantis" → '' (known: false). */
export function normaliseCountry(raw: string): CountryResult {
  if (typeof raw !== 'string') return UNKNOWN;
  const text = raw.trim();
  if (text === '') return UNKNOWN;
  const hit = memo.get(text);
  if (hit !== undefined) return hit;

  index ??= buildIndex();
  let code = lookup(index, text);
  if (code === '') {
    // "Germany (DE)", "CH - Schweiz", "Deutschland/Germany": accept when all parts agree.
    const parts = text.split(/[()[\]/,;|]|\s[-–]\s/).filter((p) => p.trim() !== '');
    if (parts.length > 1) {
      const idx = index;
      const found = new Set(parts.map((p) => lookup(idx, p)).filter((c) => c !== ''));
      if (found.size === 1) code = [...found][0];
    }
  }
  const result: CountryResult = code === '' ? UNKNOWN : Object.freeze({ code, known: true });
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, result);
  return result;
}
