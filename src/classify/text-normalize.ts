/**
 * Normalising job titles (and other free text) for pattern matching.
 *
 * The canonical form is lower case with umlauts transliterated (ä → ae, ß → ss) and other
 * accents folded (é → e), so "Geschäftsführer", "GESCHÄFTSFÜHRER", "Geschaeftsfuehrer" and a
 * decomposed "Gescha\u0308ftsfu\u0308hrer" all become "geschaeftsfuehrer". Transliterating instead
 * of deleting non-ASCII letters matters: a normaliser that drops them turns the word into
 * "gesch ftsf hrer" and nothing matches any more. Letters of every script survive; everything
 * else becomes a single space.
 */
import { BoundedMemo } from '../text/bounded-memo.js';

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Gender markers German job ads and CRMs attach to titles: "(m/w/d)", "(w/m/d)", "(all genders)",
 * "m/w/d" without brackets, and feminine suffixes "(in)", ":in", "*in", "_in", "/in", "/-in".
 * They carry no meaning for classification and would otherwise leave a stray "in" token.
 */
const GENDER_LETTER = '(?:m|w|f|d|x|i|div|divers)';
const GENDER_TAG = new RegExp(
  `\\(\\s*(?:all genders|alle geschlechter|gn\\*?|${GENDER_LETTER}(?:\\s*[/|,*]\\s*${GENDER_LETTER})*)\\s*\\)` +
    `|(?<![\\p{L}\\p{N}])${GENDER_LETTER}\\s*/\\s*${GENDER_LETTER}(?:\\s*/\\s*${GENDER_LETTER})*(?![\\p{L}\\p{N}])`,
  'giu',
);
const FEMININE_SUFFIX = /(?<=\p{L})(?:\s?\(in(?:nen)?\)|[:*_]in(?:nen)?|\s?\/\s?-?in(?:nen)?)(?![\p{L}\p{N}])/giu;
/** "Kaufmann/-frau", "Kaufmann / Kauffrau": the second form repeats the first. */
const FEMININE_PAIR = /(?<=mann)\s?\/\s?-?\s?(?:\p{L}*frau)(?![\p{L}\p{N}])/giu;

const ASCII = /^[\x00-\x7f]*$/;

/** Non-ASCII texts repeat (company names, titles, cities with umlauts); remember them, bounded. */
const foldMemo = new BoundedMemo(50_000, foldUnicode);

/** Lower case, NFC, umlauts transliterated, other diacritics removed. Keeps punctuation. */
export function foldText(s: string): string {
  // Plain ASCII has nothing to transliterate, decompose or strip: skip the three Unicode
  // normalisations, which cost more than the rest of classifying a row (most company names,
  // emails and English titles take this path).
  if (ASCII.test(s)) return s.toLowerCase();
  return foldMemo.get(s);
}

function foldUnicode(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c])
    .normalize('NFKD')
    // Only Latin letters lose their accents; "й" or "ё" are letters in their own right.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
}

/**
 * The canonical matching form of a title: gender markers removed, folded, and every run of
 * characters that are not letters or digits turned into one space ("IT-Leiter" → "it leiter",
 * "Leiter(in) Einkauf" → "leiter einkauf").
 */
export function normalizeTitle(title: string): string {
  const stripped = title.normalize('NFC').replace(GENDER_TAG, ' ').replace(FEMININE_PAIR, '').replace(FEMININE_SUFFIX, '');
  return foldText(stripped)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Compiles a pattern written in natural spelling into a RegExp for normalised titles.
 * Umlauts in the pattern accept the transliterated and the bare form ("ä" → "ae?"), so
 * "geschäftsführ" also matches "Geschaftsfuhrer" from exports that dropped the dots; "ß"
 * accepts "ss" and "s". The pattern is otherwise a regular expression on the normalised text
 * (lower case, single spaces between words, no punctuation), so it must be written in lower case.
 */
export function compileTitlePattern(source: string): RegExp {
  const body = source
    .normalize('NFC')
    .replace(/ä/g, 'ae?')
    .replace(/ö/g, 'oe?')
    .replace(/ü/g, 'ue?')
    .replace(/ß/g, 'ss?');
  return new RegExp(body, 'u');
}

/** A literal phrase (from a rules file) as a pattern, spelled the way the user wrote it. */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(GENDER_TAG, ' ')
    .replace(FEMININE_SUFFIX, '')
    // Fold accents other than umlauts, which compileTitlePattern turns into "ae?" etc.
    .replace(/[^äöüß]/g, (c) => c.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return compileTitlePattern(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
