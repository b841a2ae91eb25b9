/**
 * Text folding: the one place that decides how letters are made comparable. Pick the function by
 * what the result is for, never by what it happens to do to one word:
 *
 * - `foldForCompare`: "are these the same words?" for free text matched against words or
 *   patterns: job titles, industries, company names in segment rules, rule values, consent
 *   phrases, state and country cells in classify. Lower case; German umlauts transliterated
 *   (ä → ae, ß → ss), every other Latin accent dropped (é → e, ł → l, ø → o, ı → i);
 *   compatibility forms unified (full-width letters, ligatures, NBSP → space). Letters of other
 *   scripts stay as they are (й stays й), and punctuation and spacing are kept, so callers can
 *   still split on "/" or "," or strip a trailing "." themselves.
 * - `foldForComparePattern`: the regular-expression source of a pattern that runs on
 *   foldForCompare'd text (title rules): folded the same way, except that umlauts become optional
 *   ("ä" → "ae?") so "Geschaftsfuhrer" still matches.
 * - `foldForKey`: match and blocking keys (company keys, person names, addresses, nicknames,
 *   compare specs in dedupe and match). The same letters as foldForCompare (and the marks of
 *   every script dropped: й → и), plus every run of characters that is not a letter or digit
 *   becomes one space, trimmed: "Müller-Lüdenscheidt GmbH" → "mueller luedenscheidt gmbh".
 *   Umlauts become ae/oe/ue, so "Müller", "MÜLLER", "Mueller" and a decomposed "Mu\u0308ller"
 *   are one key. "Muller" (dots dropped) stays a different key: collapsing ae/oe/ue in keys would
 *   also merge, on equality alone, names where the pair is no umlaut ("Michael"/"Michal",
 *   "Manuel"/"Manul"). The person comparators match "Muller" with "Mueller" through their
 *   single-vowel spelling (src/match/comparators.ts), as one weighted piece of evidence.
 * - `foldForLooseKey`: place and country names, where systems without umlauts write "Munchen"
 *   for "München" and the candidates are few (the places of one postcode, the country names):
 *   foldForKey with umlauts and their spellings ae/oe/ue as the bare vowel, so "München",
 *   "Muenchen", "MUENCHEN" and "Munchen" all become "munchen". Both sides of a comparison must go
 *   through it ("Neue" → "neu" is harmless only then).
 * - `foldForDisplay`: values written back to the user: trimmed, runs of whitespace (tabs, NBSP,
 *   newlines) as one space; case, accents and punctuation kept.
 * - `transliterateForDisplay`: display text for targets without umlauts ("Müller" → "Mueller"),
 *   case and punctuation kept.
 *
 * All of them run per cell on hot paths: plain ASCII takes a fast path, non-ASCII work is cached
 * per character or per distinct string, and no intermediate strings are made per character.
 */
import { BoundedMemo } from './bounded-memo.js';

/**
 * Lower-case Latin letters whose fold is not "the base letter without its accent" (Unicode gives
 * them no decomposition, or German spells them with two letters). Shared by every fold.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
};
const SPECIAL_LETTER = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');
/** The special letters except the German ones, which patterns make optional instead ("ä" → "ae?"). */
const NON_GERMAN_SPECIAL = /[æœøłđðþıŀ]/g;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;

// ---------------------------------------------------------------------------------------------
// foldForCompare

/** Non-ASCII texts repeat (company names, titles, cities with umlauts); remember them, bounded. */
const compareMemo = new BoundedMemo(50_000, compareUnicode);

/**
 * Lower case, umlauts transliterated, other Latin accents dropped, compatibility forms unified;
 * punctuation, spacing and other scripts kept. "Geschäftsführer", "GESCHÄFTSFÜHRER" and a
 * decomposed "Gescha\u0308ftsfu\u0308hrer" all become "geschaeftsfuehrer".
 */
export function foldForCompare(s: string): string {
  // Plain ASCII has nothing to transliterate, decompose or strip: skip the Unicode
  // normalisations, which cost more than the rest of classifying a row.
  if (ASCII.test(s)) return s.toLowerCase();
  return compareMemo.get(s);
}

function compareUnicode(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(SPECIAL_LETTER, (c) => SPECIAL[c])
    .normalize('NFKD')
    // Only Latin letters lose their accents; "й" or "ё" are letters in their own right.
    .replace(LATIN_MARKS, '$1')
    .normalize('NFC');
}

/**
 * A regular expression written in natural spelling, made to run on foldForCompare'd text: each
 * umlaut accepts its transliterated and its bare form ("ä" → "ae?", "ß" → "ss?"), so
 * "geschäftsführ" also matches "Geschaftsfuhrer" from exports that dropped the dots; the other
 * special letters and accents are folded as the text is ("ł" → "l", "é" → "e"). Only canonical
 * decomposition is used, so no compatibility character turns into regex syntax ("…" stays "…").
 * Case is left alone (it is regex syntax: \S, \W); patterns are written in lower case.
 */
export function foldForComparePattern(source: string): string {
  const s = source
    .normalize('NFC')
    .replace(/ä/g, 'ae?')
    .replace(/ö/g, 'oe?')
    .replace(/ü/g, 'ue?')
    .replace(/ß/g, 'ss?');
  if (ASCII.test(s)) return s;
  return s.replace(NON_GERMAN_SPECIAL, (c) => SPECIAL[c]).normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
}

// ---------------------------------------------------------------------------------------------
// foldForKey, foldForLooseKey

/**
 * Folded form of one non-ASCII code point: '' for a mark, ' ' for a separator, else letters and
 * digits, possibly with separators inside (NFKD: "…" → "   ", "½" → "1 2"; the loop collapses them).
 */
const charCache = new Map<number, string>();

function foldChar(cp: number): string {
  const hit = charCache.get(cp);
  if (hit !== undefined) return hit;
  const lower = String.fromCodePoint(cp).toLowerCase();
  let out = '';
  for (const ch of lower) {
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    // NFKD can expand ligatures and fractions into several characters ("ﬁ" → "fi").
    for (const b of base) out += /[\p{L}\p{N}]/u.test(b) ? b.toLowerCase() : /\p{M}/u.test(b) ? '' : ' ';
  }
  charCache.set(cp, out);
  return out;
}

const COMBINING_DIAERESIS = 0x308;

// Output buffer for the key folds: one string is made per call instead of one per character.
let buf = new Uint16Array(256);

/**
 * Lower-case, transliterate and strip accents; every run of non-alphanumerics becomes one space.
 * "Müller-Lüdenscheidt GmbH" → "mueller luedenscheidt gmbh", "Łódź" → "lodz".
 */
export function foldForKey(input: string): string {
  return foldKey(input, false);
}

/**
 * foldForKey with umlauts and their spellings ae/oe/ue as the bare vowel: "Frankfurt a. M." →
 * "frankfurt a m", "Müllheim/Baden" → "mullheim baden", "MUENCHEN" → "munchen". The result is
 * the key with /([aou])e/g replaced by "$1", computed in the same pass.
 */
export function foldForLooseKey(input: string): string {
  return foldKey(input, true);
}

const A = 97;
const E = 101;
const O = 111;
const U = 117;
const SPACE = 32;

/**
 * The key fold. `loose` writes ä, ö, ü as their base vowel and drops an "e" right after an
 * a, o or u that has not already swallowed one (so "aee" → "ae", as the regex would).
 */
function foldKey(input: string, loose: boolean): string {
  if (input.length * 3 + 2 > buf.length) buf = new Uint16Array(input.length * 3 + 2);
  let n = 0;
  let space = false;
  // loose only: the last letter written is an a, o or u that may swallow a following "e".
  let vowel = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 128) {
      let out: number;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out = c;
      else if (c >= 65 && c <= 90) out = c + 32;
      else {
        space = true;
        continue;
      }
      if (space) {
        if (n > 0) buf[n++] = SPACE;
        space = false;
        vowel = false;
      }
      if (loose) {
        if (vowel && out === E) {
          vowel = false;
          continue;
        }
        vowel = out === A || out === O || out === U;
      }
      buf[n++] = out;
      continue;
    }
    const cp = input.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp === COMBINING_DIAERESIS) {
      // A decomposed umlaut (macOS exports, NFD): "u" + U+0308 is "ü", so "ue" like the
      // precomposed letter; after any other letter the mark is dropped like every accent.
      // (In the loose key "ü" is "u" and the mark goes either way.)
      const p = i > 0 ? input.charCodeAt(i - 1) | 32 : 0;
      if (!loose && (p === A || p === O || p === U)) buf[n++] = E;
      continue;
    }
    let piece: string;
    const lower = cp | 32; // Ä Ö Ü → ä ö ü; no other code point maps onto these
    if (loose && (lower === 0xe4 || lower === 0xf6 || lower === 0xfc)) {
      piece = lower === 0xe4 ? 'a' : lower === 0xf6 ? 'o' : 'u';
    } else {
      piece = foldChar(cp);
      if (piece === '') continue;
      if (piece === ' ') {
        space = true;
        continue;
      }
    }
    if (n + piece.length + 1 > buf.length) {
      const grown = new Uint16Array((n + piece.length + 1) * 2);
      grown.set(buf);
      buf = grown;
    }
    // A piece may hold separators of its own ("…" → "   ", "½" → "1 2", "㈜" → " 株 ").
    for (let k = 0; k < piece.length; k++) {
      const p = piece.charCodeAt(k);
      if (p === SPACE) {
        space = true;
        continue;
      }
      if (space) {
        if (n > 0) buf[n++] = SPACE;
        space = false;
        vowel = false;
      }
      if (loose) {
        if (vowel && p === E) {
          vowel = false;
          continue;
        }
        vowel = p === A || p === O || p === U;
      }
      buf[n++] = p;
    }
  }
  return n === 0 ? '' : String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
}

// ---------------------------------------------------------------------------------------------
// foldForDisplay, transliterateForDisplay

/** Leading or trailing whitespace, two in a row, or any whitespace other than a plain space. */
const UNTIDY_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** "  Dr.  Jürgen \u00a0 Groß " → "Dr. Jürgen Groß": trimmed, one space between words, nothing else changed. */
export function foldForDisplay(input: string): string {
  return UNTIDY_SPACE.test(input) ? input.replace(/\s+/g, ' ').trim() : input;
}

const GERMAN_LETTER: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'ss' };

/**
 * German letters transliterated and combining accents dropped, case, spacing and punctuation
 * kept: "Müller & Söhne Straße" → "Mueller & Soehne Strasse". Letters without a decomposition
 * (ø, ł, æ) stay as they are, so the result is not always ASCII. No caller in src today.
 */
export function transliterateForDisplay(input: string): string {
  if (ASCII.test(input)) return input;
  return input
    .replace(/[äöüÄÖÜßẞ]/g, (ch) => GERMAN_LETTER[ch])
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}
