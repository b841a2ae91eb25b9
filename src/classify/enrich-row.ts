/**
 * classify's enrichment that needs no network: a website from a corporate email, the gender the
 * salutation states, the letter salutation in the row's language, and the record's freshness.
 * Pure: the caller resolves the row's country (src/address) and region once for the whole
 * classify stage, and the date columns' readings once for the list, and passes them in.
 *
 *   website, website_status       website-from-email.ts
 *   gender, gender_status         m / f from the salutation, else the row's gender column, read by
 *                                 src/person/gender.ts (rowGender); '' unknown or neutral;
 *                                 gender_status salutation / given / neutral / conflict / unreadable
 *   letter_salutation             src/person/letter-salutation.ts, with
 *   salutation_language           de / en / fr (src/person/letter-language.ts),
 *   salutation_language_status    given / country / guessed / unsupported, and
 *   salutation_status             ok / recased / no_gender / generic
 *   record_age_days, record_age_status, stale   freshness.ts
 *
 * keep_existing keeps a gender the row brings (written m / f when it reads as one; an unreadable
 * one as it is), and a letter_salutation the row brings that no classify run wrote (it has no
 * salutation_status): a CRM's own "Briefanrede" is the user's. One written by an earlier run is
 * written again, so a new style or titles setting applies; so is a gender an earlier run read
 * from the salutation (gender_status=salutation). A gender column that disagrees with the
 * salutation ("female" beside "Herr") is a conflict: the letter then names no gender. The
 * freshness columns are always computed: they depend on the run's date, not on the list.
 */
import type { Row } from '../table.js';
import type { ClassifyConfig } from '../rules/classify.js';
import { DEFAULT_STALE_MONTHS, parseStaleAfter, type RecordDateReadings, type StaleAfter } from '../date/record-age.js';
import { readSalutation, rowGender } from '../person/gender.js';
import { readRowAcademicTitles } from '../person/academic-title.js';
import { letterName } from '../person/letter-name.js';
import { letterLanguageOf } from '../person/letter-language.js';
import { letterSalutation } from '../person/letter-salutation.js';
import { websiteFromEmail } from './website-from-email.js';
import { asOfMs, freshness } from './freshness.js';

export const WEBSITE_COLUMNS = ['website', 'website_status'] as const;
export const PERSON_COLUMNS = ['gender', 'gender_status', 'letter_salutation', 'salutation_language', 'salutation_language_status', 'salutation_status'] as const;
export const FRESHNESS_COLUMNS = ['record_age_days', 'record_age_status', 'stale'] as const;
export const ENRICH_COLUMNS = [...WEBSITE_COLUMNS, ...PERSON_COLUMNS, ...FRESHNESS_COLUMNS] as const;
export type EnrichColumn = (typeof ENRICH_COLUMNS)[number];

/** The enrichment columns a configuration writes (the website ones only with website_from_email). */
export function enrichColumns(config: ClassifyConfig): EnrichColumn[] {
  return config.website_from_email ? [...ENRICH_COLUMNS] : [...PERSON_COLUMNS, ...FRESHNESS_COLUMNS];
}

/** Where the row is, as the classify stage resolved it. */
export interface RowPlace {
  /** ISO alpha-2; '' unknown. */
  country: string;
  /** ISO 3166-2 region ("CH-GE"); '' unknown. */
  regionCode: string;
}

export type Enricher = (row: Row, place: RowPlace) => Partial<Record<EnrichColumn, string>>;

/** The stale-after age of a configuration (classify.stale_after, default 24 months). */
export function staleAfterOf(config: ClassifyConfig): StaleAfter {
  return parseStaleAfter(String(config.stale_after ?? DEFAULT_STALE_MONTHS)) ?? { months: DEFAULT_STALE_MONTHS };
}

/**
 * `readings`: the date columns' day/month readings for the list (record-age.ts's
 * recordDateReadings); without them a date whose order would be a guess is no date.
 */
export function createEnricher(config: ClassifyConfig, asOf: string, readings?: RecordDateReadings): Enricher {
  const asOfTime = asOfMs(asOf);
  const after = staleAfterOf(config);
  return (row, place) => {
    const out: Partial<Record<EnrichColumn, string>> = {};
    if (config.website_from_email) Object.assign(out, websiteFromEmail(row));

    const name = letterName(row, place.country === 'NL');
    const cell = readSalutation(row.salutation ?? '');
    const said = cell.gender || cell.neutral ? cell : readSalutation(name.salutation);
    // A gender an earlier classify run read from the salutation is ours, not the list's.
    const givenGender = (row.gender_status ?? '') === 'salutation' ? '' : (row.gender ?? '');
    const g = rowGender(said, givenGender, config.keep_existing);
    out.gender = g.gender;
    out.gender_status = g.status;

    const { language, status: languageStatus } = letterLanguageOf({ language: row.language, country: place.country, regionCode: place.regionCode, salutation: g.letter.language });
    const line = letterSalutation({
      language,
      country: place.country,
      style: config.salutation_style,
      titles: config.salutation_titles,
      gender: g.letter.gender,
      neutral: g.letter.neutral,
      honorific: g.letter.honorific,
      name,
      academic: readRowAcademicTitles(row.academic_title ?? '', row.salutation ?? '', name.titles),
    });
    const givenLine = (row.letter_salutation ?? '').trim();
    if (config.keep_existing && givenLine !== '' && (row.salutation_status ?? '') === '') {
      const givenLanguage = (row.salutation_language ?? '').trim();
      out.letter_salutation = row.letter_salutation as string;
      out.salutation_language = givenLanguage || language;
      out.salutation_language_status = givenLanguage ? '' : languageStatus;
      out.salutation_status = '';
    } else {
      out.letter_salutation = line.text;
      out.salutation_language = language;
      out.salutation_language_status = languageStatus;
      out.salutation_status = line.status;
    }
    Object.assign(out, freshness(row, asOfTime, after, readings));
    return out;
  };
}
