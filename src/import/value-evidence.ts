/**
 * What a column's values say about its header, where the header alone is ambiguous:
 *
 * - "Title" (and "Titel", "Titre") is a name prefix in Outlook exports (Mr., Dr., Herr, Prof.)
 *   and the job title in Salesforce and most CRMs. Values that are mostly name prefixes make it
 *   the salutation (or, without any Mr./Frau among them, the academic title); other values
 *   make it the job title. An empty column beside a "Job Title" column is Outlook's prefix.
 * - A name column whose values read as businesses ("Arnie Morton's of Chicago", "Müller GmbH",
 *   "Pinot Bistro") is the company, not a person to split into first and last name.
 *
 * Pure: the caller hands in the sampled values (the rows read ahead before the header is fixed).
 */
import { splitNamePrefix } from '../person/name-split.js';
import { looksLikeBusinessName } from '../company/business-name.js';
import type { CanonicalField } from '../schema.js';

export interface TitleDecision {
  /** The field the column means; undefined: a job title, but another column is the job title. */
  field: CanonicalField | undefined;
  /** Why, for the warning and the mapping file. */
  why: string;
}

/** Values a decision looks at: enough to be sure, few enough to cost nothing. */
export const EVIDENCE_VALUES = 1000;

const examples = (list: string[]) => [...new Set(list)].slice(0, 3).map((v) => JSON.stringify(v)).join(', ');

/**
 * `values`: the column's non-empty values; `jobTitleBeside`: another column is a job title by its
 * header alone ("Job Title", "Position", "Funktion"); `salutationBeside`: another column is the
 * salutation ("Anrede", "Salutation"), so a name prefix here is the academic title.
 */
export function decideTitleColumn(values: readonly string[], jobTitleBeside: boolean, salutationBeside = false): TitleDecision {
  if (values.length === 0) {
    const prefix: CanonicalField = salutationBeside ? 'academic_title' : 'salutation';
    return jobTitleBeside
      ? { field: prefix, why: `no values; beside a job-title column it is the name prefix (as in Outlook exports)${salutationBeside ? ', and beside a salutation column the academic title' : ''}` }
      : { field: 'title', why: 'no values; read as the job title' };
  }
  const prefixes = values.filter((v) => splitNamePrefix(v) !== undefined);
  if (prefixes.length * 2 >= values.length) {
    const salutation = !salutationBeside && prefixes.some((v) => splitNamePrefix(v)?.salutation);
    return {
      field: salutation ? 'salutation' : 'academic_title',
      why: `${prefixes.length} of ${values.length} values are name prefixes (${examples(prefixes)})`,
    };
  }
  const jobs = values.filter((v) => splitNamePrefix(v) === undefined);
  return {
    field: jobTitleBeside ? undefined : 'title',
    why: `${jobs.length} of ${values.length} values are job titles (${examples(jobs)})${jobTitleBeside ? '; the job-title column beside it keeps the job title' : ''}`,
  };
}

export interface NameDecision {
  business: boolean;
  why: string;
  /** Values that read as a person (a salutation or academic title in front). */
  persons: number;
  /** Values looked at. */
  values: number;
}

/**
 * Whether a name column holds businesses: a third or more of its values read as business names,
 * and more of them than read as persons (a salutation or an academic title in front). A person
 * list with the odd company in it stays a person list; a list of restaurants or shops, where
 * many names ("Spago", "Campanile") say nothing either way, is a business list.
 */
export function decideNameColumn(values: readonly string[]): NameDecision {
  const business = values.filter(looksLikeBusinessName);
  const persons = values.filter((v) => {
    const first = v.trim().split(/\s+/).slice(0, 2).join(' ');
    return splitNamePrefix(first) !== undefined || splitNamePrefix(first.split(' ')[0]) !== undefined;
  });
  const isBusiness = values.length > 0 && business.length * 3 >= values.length && business.length > persons.length;
  return {
    business: isBusiness,
    why: `${business.length} of ${values.length} values read as business names (${examples(business)})`,
    persons: persons.length,
    values: values.length,
  };
}

/** Hosts of personal profiles, which an export's "URL" or "Profile" column often holds. */
const PROFILE_HOSTS = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?(?:linkedin\.com|xing\.com|facebook\.com|twitter\.com|x\.com|instagram\.com)\//i;

/**
 * Why a website column is not the company's website (its values are mostly social-profile
 * links, as LinkedIn's connection export writes under "URL"), or undefined when it is.
 */
export function decideWebsiteColumn(values: readonly string[]): string | undefined {
  const profiles = values.filter((v) => PROFILE_HOSTS.test(v.trim()));
  if (values.length === 0 || profiles.length * 2 < values.length) return undefined;
  return `${profiles.length} of ${values.length} values are profile links (${examples(profiles)}), not a company website`;
}
