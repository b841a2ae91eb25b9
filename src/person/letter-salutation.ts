/**
 * The salutation line of a letter or mail, in the row's language, with its punctuation: German
 * and British letters end the line with a comma ("Sehr geehrter Herr Müller,"), US and Canadian
 * business letters with a colon ("Dear Mr. Smith:"), French ones with a comma ("Madame,").
 *
 * Formal (the default):
 *   de  Sehr geehrter Herr Dr. Müller, · Sehr geehrte Frau Prof. Dr. Schmidt,
 *       gender unknown: Guten Tag Alex Meier, · no usable name: Sehr geehrte Damen und Herren,
 *   en  Dear Mr Smith, · Dear Ms Smith, (Mrs, Miss when the list says so) · Dear Dr Smith, ·
 *       Dear Professor Smith, · Dear Mx Smith, · Dear Alex Smith, · Dear Sir or Madam,
 *       US/CA: Dear Mr. Smith: · Dear Dr. Smith:
 *   fr  Monsieur, · Madame, (French letters name no one after Madame/Monsieur, and no title) ·
 *       gender unknown: Bonjour Alex Martin, · no usable name: Madame, Monsieur,
 * Informal: the given name where there is one (de "Hallo Alex,", en "Hi Alex,", fr "Bonjour
 * Alex,"), else the surname form (de "Hallo Frau Dr. Berger,", en "Hello Mr Smith,", fr
 * "Bonjour Madame Martin,"), else "Hallo," / "Hello," / "Bonjour,".
 *
 * Titles: German salutations say Prof. and Dr. only (once each: "Prof. Dr."); Austrian ones say
 * them in the form the list wrote (DDr., Dr.in, Prof.in: "Sehr geehrte Frau Dr.in Huber,") and
 * also the degree titles used there (Mag., DI, Dipl.-Ing., Ing.) when there is no doctorate or
 * professorship; English ones say "Dr" or "Professor" instead of Mr/Ms; French ones none. Swiss
 * custom leaves academic titles out of the salutation: with titles "auto" a Swiss row gets none,
 * "always" says them for Swiss rows too, "never" for no row.
 *
 * The status says what the line is:
 *   ok         personal: the person's honorific or title and name (or, informal, given name)
 *   recased    as ok, but a name in it was written in capitals (or all small) and cased here
 *   no_gender  personal without a gendered honorific: the gender is unknown or neutral
 *              ("Guten Tag Alex Meier,", "Dear Mx Smith,", "Bonjour Alex Martin,")
 *   generic    not personal: no usable name, or a surname alone without a gender
 *              ("Sehr geehrte Damen und Herren,", "Dear Sir or Madam,", "Madame, Monsieur,")
 * One status per line, the first that applies of generic, no_gender, recased, ok: a no_gender
 * line with a name cased from capitals is no_gender.
 */
import type { Gender, Honorific } from './gender.js';
import type { LetterLanguage } from './letter-language.js';
import type { LetterName } from './letter-name.js';
import { englishSalutationTitle, germanSalutationTitles, type AcademicTitles } from './academic-title.js';

export const SALUTATION_STYLES = ['formal', 'informal'] as const;
export type SalutationStyle = (typeof SALUTATION_STYLES)[number];
export const SALUTATION_TITLES = ['auto', 'always', 'never'] as const;
export type SalutationTitles = (typeof SALUTATION_TITLES)[number];
export const SALUTATION_STATUSES = ['ok', 'recased', 'no_gender', 'generic'] as const;
export type SalutationStatus = (typeof SALUTATION_STATUSES)[number];

export interface LetterInput {
  language: LetterLanguage;
  /** ISO alpha-2 of the row's country ('' unknown): Austrian titles, Swiss custom, US punctuation. */
  country: string;
  style: SalutationStyle;
  titles: SalutationTitles;
  gender: Gender;
  /** The salutation cell asks for a neutral form (Divers, Mx). */
  neutral: boolean;
  /** The English honorific the salutation cell names (Mrs, Miss), '' for the default. */
  honorific: Honorific;
  name: LetterName;
  academic: AcademicTitles;
}

export interface LetterSalutation {
  text: string;
  status: SalutationStatus;
}

/** US and Canadian style: "Mr.", "Dr.", and a colon after a formal salutation. */
const DOTTED = new Set(['US', 'CA']);

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

export function letterSalutation(input: LetterInput): LetterSalutation {
  const { name, gender, style } = input;
  const sayTitles = input.titles === 'always' || (input.titles === 'auto' && input.country !== 'CH');
  const titles = sayTitles ? input.academic : undefined;
  // A name cased from capitals makes an otherwise personal line "recased".
  const personal = (usesFirst: boolean, usesLast: boolean): SalutationStatus =>
    (usesFirst && name.firstRecased) || (usesLast && name.lastRecased) ? 'recased' : 'ok';
  const line = (text: string, status: SalutationStatus): LetterSalutation => ({ text, status });

  switch (input.language) {
    case 'de': {
      const t = titles ? germanSalutationTitles(titles, input.country === 'AT').join(' ') : '';
      const honorific = gender === 'm' ? 'Herr' : gender === 'f' ? 'Frau' : '';
      if (style === 'informal') {
        if (name.first) return line(`Hallo ${name.first},`, personal(true, false));
        if (honorific && name.last) return line(`Hallo ${join(honorific, t, name.last)},`, personal(false, true));
        if (t && name.last) return line(`Hallo ${join(t, name.last)},`, 'no_gender');
        return line('Hallo,', 'generic');
      }
      if (honorific && name.last) {
        return line(`${gender === 'm' ? 'Sehr geehrter' : 'Sehr geehrte'} ${join(honorific, t, name.last)},`, personal(false, true));
      }
      if (name.last && (name.first || t)) return line(`Guten Tag ${join(t, name.first, name.first ? name.lastAfterGiven : name.last)},`, 'no_gender');
      return line('Sehr geehrte Damen und Herren,', 'generic');
    }
    case 'en': {
      const dotted = DOTTED.has(input.country);
      const dot = dotted ? '.' : '';
      const end = style === 'formal' && dotted ? ':' : ',';
      const t = titles ? englishSalutationTitle(titles, dotted) : '';
      const honorific = gender === 'm' ? `Mr${dot}` : gender === 'f' ? (input.honorific === 'Mrs' ? `Mrs${dot}` : input.honorific === 'Miss' ? 'Miss' : `Ms${dot}`) : '';
      const greeting = style === 'formal' ? 'Dear' : 'Hello';
      if (style === 'informal' && name.first) return line(`Hi ${name.first},`, personal(true, false));
      if (name.last && (t || honorific)) return line(`${greeting} ${t || honorific} ${name.last}${end}`, personal(false, true));
      if (name.last && input.neutral) return line(`${greeting} Mx${dot} ${name.last}${end}`, 'no_gender');
      if (style === 'formal' && name.last && name.first) return line(`Dear ${name.first} ${name.lastAfterGiven}${end}`, 'no_gender');
      return line(style === 'formal' ? `Dear Sir or Madam${end}` : 'Hello,', 'generic');
    }
    case 'fr': {
      const honorific = gender === 'm' ? 'Monsieur' : gender === 'f' ? 'Madame' : '';
      if (style === 'informal') {
        if (name.first) return line(`Bonjour ${name.first},`, personal(true, false));
        if (honorific && name.last) return line(`Bonjour ${honorific} ${name.last},`, personal(false, true));
        return line('Bonjour,', 'generic');
      }
      if (honorific) return line(`${honorific},`, 'ok');
      if (name.first && name.last) return line(`Bonjour ${name.first} ${name.lastAfterGiven},`, 'no_gender');
      return line('Madame, Monsieur,', 'generic');
    }
  }
}
