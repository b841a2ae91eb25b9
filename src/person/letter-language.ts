/**
 * The language a row's letter is written in: German, English or French, the languages leadkit
 * writes salutations in.
 *
 * In order, the first that decides:
 *  1. the row's `language` cell ("de", "DE-AT", "fr_CH", "Deutsch", "English", "Français"); a
 *     language leadkit writes no salutation in ("it", "nl") gets English;
 *  2. the row's country (src/address's answer, the one region and phone use): DE, AT, CH, LI, LU
 *     German, except the French-speaking Swiss cantons (Geneva, Vaud, Neuchâtel, Jura); FR and
 *     MC French; every other country English;
 *  3. the salutation word's language, when no country is known ("Herr" German, "Madame" French,
 *     "Mrs" English);
 *  4. English.
 */
import { foldForKey } from '../text/fold.js';
import type { SalutationLanguage } from './gender.js';

export type LetterLanguage = 'de' | 'en' | 'fr';

const GERMAN_COUNTRIES = new Set(['DE', 'AT', 'CH', 'LI', 'LU']);
const FRENCH_COUNTRIES = new Set(['FR', 'MC']);
/** Swiss cantons whose language is French (Fribourg and Valais are bilingual, German first here). */
const FRENCH_CANTONS = new Set(['CH-GE', 'CH-VD', 'CH-NE', 'CH-JU']);

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

export function letterLanguage(c: LanguageClues): LetterLanguage {
  const cell = readLanguageCell(c.language ?? '');
  if (cell === 'other') return 'en';
  if (cell !== '') return cell;
  if (c.country !== '') {
    if (c.country === 'CH' && FRENCH_CANTONS.has(c.regionCode ?? '')) return 'fr';
    if (GERMAN_COUNTRIES.has(c.country)) return 'de';
    if (FRENCH_COUNTRIES.has(c.country)) return 'fr';
    return 'en';
  }
  return c.salutation || 'en';
}
