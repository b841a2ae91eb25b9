/**
 * Normalising job titles for pattern matching, on top of src/text's foldForCompare (lower case,
 * umlauts transliterated, other accents folded: "Geschäftsführer", "GESCHÄFTSFÜHRER",
 * "Geschaeftsfuehrer" and a decomposed "Gescha\u0308ftsfu\u0308hrer" all become
 * "geschaeftsfuehrer"). This module adds what is particular to titles: gender markers removed,
 * punctuation as word breaks, and patterns in natural spelling compiled for the folded text.
 */
import { foldForCompare, foldForComparePattern } from '../text/fold.js';

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

/**
 * True when the title carries a gender marker ("Pilot/in", "Koch (m/w/d)", "Berater:in"): the
 * way German job ads and HR systems write occupations, so the title names a job even when its
 * words are not in the vocabulary.
 */
export function hasGenderMarker(title: string): boolean {
  const t = title.normalize('NFC');
  return t.search(GENDER_TAG) >= 0 || t.search(FEMININE_SUFFIX) >= 0;
}

/**
 * The canonical matching form of a title: gender markers removed, folded, and every run of
 * characters that are not letters or digits turned into one space ("IT-Leiter" → "it leiter",
 * "Leiter(in) Einkauf" → "leiter einkauf").
 */
export function normalizeTitle(title: string): string {
  const stripped = title.normalize('NFC').replace(GENDER_TAG, ' ').replace(FEMININE_PAIR, '').replace(FEMININE_SUFFIX, '');
  return foldForCompare(stripped)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Compiles a pattern written in natural spelling into a RegExp for normalised titles.
 * Umlauts in the pattern accept the transliterated and the bare form ("ä" → "ae?"), so
 * "geschäftsführ" also matches "Geschaftsfuhrer" from exports that dropped the dots; "ß"
 * accepts "ss" and "s"; other accents are folded like the text (foldForComparePattern). The
 * pattern is otherwise a regular expression on the normalised text (lower case, single spaces
 * between words, no punctuation), so it must be written in lower case.
 */
export function compileTitlePattern(source: string): RegExp {
  return new RegExp(foldForComparePattern(source), 'u');
}

/** A literal phrase (from a rules file) as a pattern, spelled the way the user wrote it. */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(GENDER_TAG, ' ')
    .replace(FEMININE_SUFFIX, '')
    // Fold everything but the umlauts, which compileTitlePattern turns into "ae?" etc.
    .replace(/[^äöüß]+/g, (run) => foldForCompare(run))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return compileTitlePattern(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
