/**
 * The language a row's letter is written in: German, English or French, the languages leadkit
 * writes salutations in, and whether that is the person's language for sure (a status).
 *
 * In order, the first that decides:
 *  1. the row's `language` cell ("de", "DE-AT", "fr_CH", "Deutsch", "English", "Français"): given;
 *     a language leadkit writes no salutation in ("it", "nl") gets English: unsupported;
 *  2. the row's country (src/address's answer, the one region and phone use), and in Switzerland
 *     its canton:
 *       DE, AT, LI and the German-speaking cantons German; FR, MC, the French overseas
 *       departments and francophone Africa, and Geneva, Vaud, Neuchâtel, Jura French; the UK,
 *       Ireland, the US, Australia, New Zealand and other English-speaking countries English:
 *       country;
 *       several languages, the likeliest taken: guessed — Fribourg and Valais French (their
 *       majority; the Sense district and Upper Valais speak German), Bern and Graubünden German,
 *       a Swiss row without a canton German, Luxembourg French (its usual business language
 *       beside German and Luxembourgish), Belgium and Canada English (Dutch and French, French in
 *       Québec: no salutation in the wrong one);
 *       a language leadkit writes no salutation in (Ticino's and Italy's Italian, Dutch, Spanish,
 *       Polish …): English, unsupported;
 *  3. the salutation word's language, when no country is known ("Herr" German, "Madame" French,
 *     "Mrs" English): guessed;
 *  4. English: guessed.
 */
import { foldForKey } from '../text/fold.js';
import type { SalutationLanguage } from './gender.js';

export type LetterLanguage = 'de' | 'en' | 'fr';

/**
 * salutation_language_status: given (the row's language column) · country (the country's or
 * canton's one language) · guessed (the likeliest of several, the salutation word's, or English
 * for want of anything) · unsupported (the person's language is one leadkit writes no salutation
 * in: English instead).
 */
export const LETTER_LANGUAGE_STATUSES = ['given', 'country', 'guessed', 'unsupported'] as const;
export type LetterLanguageStatus = (typeof LETTER_LANGUAGE_STATUSES)[number];

export interface LetterLanguageChoice {
  language: LetterLanguage;
  status: LetterLanguageStatus;
}

const GERMAN_COUNTRIES = new Set(['DE', 'AT', 'LI']);
const FRENCH_COUNTRIES = new Set([
  'FR', 'MC', 'RE', 'GP', 'MQ', 'GF', 'YT', 'PM', 'NC', 'PF', 'WF', 'BL', 'MF',
  'SN', 'CI', 'ML', 'BF', 'NE', 'TG', 'BJ', 'GA', 'CG', 'CD', 'GN', 'MG', 'DJ', 'HT',
]);
const ENGLISH_COUNTRIES = new Set([
  'GB', 'IE', 'US', 'AU', 'NZ', 'IM', 'JE', 'GG', 'GI', 'SG', 'MT', 'ZA', 'IN', 'PH', 'NG', 'KE', 'GH',
  'JM', 'TT', 'BS', 'BB', 'BM', 'KY', 'VG', 'FK', 'UM', 'GU', 'VI', 'AS', 'MP',
]);
/** Countries of several languages, and the one a letter is written in there. */
const SEVERAL_LANGUAGES = new Map<string, LetterLanguage>([
  ['LU', 'fr'],
  ['BE', 'en'],
  ['CA', 'en'],
]);
/** Swiss cantons whose language is French. */
const FRENCH_CANTONS = new Set(['CH-GE', 'CH-VD', 'CH-NE', 'CH-JU']);
/** Swiss cantons of two or three languages, and the majority's. */
const BILINGUAL_CANTONS = new Map<string, LetterLanguage>([
  ['CH-FR', 'fr'],
  ['CH-VS', 'fr'],
  ['CH-BE', 'de'],
  ['CH-GR', 'de'],
]);
/** Ticino writes Italian, which leadkit has no salutations in. */
const ITALIAN_CANTONS = new Set(['CH-TI']);

const NAMES = new Map<string, LetterLanguage | ''>([
  ['de', 'de'], ['deu', 'de'], ['ger', 'de'], ['german', 'de'], ['deutsch', 'de'], ['allemand', 'de'],
  ['en', 'en'], ['eng', 'en'], ['english', 'en'], ['englisch', 'en'], ['anglais', 'en'],
  ['fr', 'fr'], ['fra', 'fr'], ['fre', 'fr'], ['french', 'fr'], ['francais', 'fr'], ['franzoesisch', 'fr'],
]);

/** The language a `language` cell names, '' for none (empty), or 'other' for one without salutations here. */
export function readLanguageCell(cell: string): LetterLanguage | '' | 'other' {
  const key = foldForKey(cell ?? '');
  if (key === '') return '';
  // "de at", "fr ch", "en us": the language part of a locale.
  const lang = /^([a-z]{2,3}) [a-z]{2}$/.exec(key)?.[1] ?? key;
  return NAMES.get(lang) || 'other';
}

export interface LanguageClues {
  /** The row's language cell, as written. */
  language?: string;
  /** ISO alpha-2 of the row's country; '' when unknown. */
  country: string;
  /** ISO 3166-2 of its region ("CH-GE"), '' when unknown. */
  regionCode?: string;
  /** The language of the salutation word, if any. */
  salutation: SalutationLanguage;
}

/** The language of a row's letter and what it rests on (see the module comment). */
export function letterLanguageOf(c: LanguageClues): LetterLanguageChoice {
  const cell = readLanguageCell(c.language ?? '');
  if (cell === 'other') return { language: 'en', status: 'unsupported' };
  if (cell !== '') return { language: cell, status: 'given' };
  const cc = c.country;
  if (cc !== '') {
    if (cc === 'CH') {
      const region = c.regionCode ?? '';
      if (FRENCH_CANTONS.has(region)) return { language: 'fr', status: 'country' };
      if (ITALIAN_CANTONS.has(region)) return { language: 'en', status: 'unsupported' };
      const majority = BILINGUAL_CANTONS.get(region);
      if (majority) return { language: majority, status: 'guessed' };
      return { language: 'de', status: region === '' ? 'guessed' : 'country' };
    }
    if (GERMAN_COUNTRIES.has(cc)) return { language: 'de', status: 'country' };
    if (FRENCH_COUNTRIES.has(cc)) return { language: 'fr', status: 'country' };
    if (ENGLISH_COUNTRIES.has(cc)) return { language: 'en', status: 'country' };
    const likeliest = SEVERAL_LANGUAGES.get(cc);
    if (likeliest) return { language: likeliest, status: 'guessed' };
    return { language: 'en', status: 'unsupported' };
  }
  return { language: c.salutation || 'en', status: 'guessed' };
}

/** The language of a row's letter (letterLanguageOf without its status). */
export function letterLanguage(c: LanguageClues): LetterLanguage {
  return letterLanguageOf(c).language;
}
