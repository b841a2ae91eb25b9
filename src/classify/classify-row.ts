import type { Row } from '../table.js';
import type { ClassifyConfig } from '../rules/classify.js';
import { companySizeBand, revenueBand } from './bands.js';
import { regionFor, regionGroup } from './region.js';
import { resolveRowCountry } from '../address/country-resolver.js';
import { classifySegment } from './segment.js';
import { classifyTitle, compileTitleOverrides } from './title.js';
import { createEnricher, enrichColumns } from './enrich-row.js';
import type { RecordDateReadings } from '../date/record-age.js';

/**
 * The classify stage for one row. The job-title department goes into `job_function`, not
 * `department`: `department` is an imported column holding the list's own text ("Einkauf /
 * Materialwirtschaft"), and a stage never overwrites what the user gave. That text is still
 * read: it decides the function when the title names none. `seniority_status` says how the
 * seniority was found: `matched` (a title word), `guessed` (an occupation name the vocabulary does
 * not know, read as staff from its shape), '' (no seniority, or the row's own value was kept).
 */
export const CLASSIFY_COLUMNS = [
  'segment',
  'company_size_band',
  'revenue_band',
  'seniority',
  'seniority_status',
  'job_function',
  'buying_role',
  'region',
  'region_code',
  'region_group',
] as const;
export type ClassifyColumn = (typeof CLASSIFY_COLUMNS)[number];

export type Classifier = (row: Row) => Record<ClassifyColumn, string>;

/**
 * A function of one string with its results remembered. Bounded (cleared when full), so a
 * column of free text cannot grow it without limit; results are shared and never mutated.
 */
function memo<T>(fn: (key: string) => T, limit = 50_000): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      v = fn(key);
      if (seen.size >= limit) seen.clear();
      seen.set(key, v);
    }
    return v;
  };
}

/**
 * Compiles the classify section once for a run. With `keep_existing` (the default), a value the
 * row already has in an output column wins over the computed one — a CRM's own segment or
 * region is the user's data, not ours to replace.
 */
export function createClassifier(config: ClassifyConfig): Classifier {
  const classifyAt = compileClassifier(config);
  return (row) => classifyAt(row, countryOf(row, config));
}

/** src/address's answer for the row: its country cell, else a postcode or state hint, else the default. */
function countryOf(row: Row, config: ClassifyConfig): string {
  return resolveRowCountry(row, { defaultCountry: config.default_country }).code;
}

/** Every column the classify stage writes: the classification, then the enrichment (enrich-row.ts). */
export function classifyStageColumns(config: ClassifyConfig): string[] {
  return [...CLASSIFY_COLUMNS, ...enrichColumns(config)];
}

/**
 * The whole classify stage for one row: createClassifier's columns and the enrichment, which
 * reads the same country and region. `asOf` (yyyy-mm-dd) is the day record ages are counted to;
 * `readings` the list's date column readings (src/date/record-age.ts's recordDateReadings).
 */
export function createStageClassifier(config: ClassifyConfig, asOf: string, readings?: RecordDateReadings): (row: Row) => Record<string, string> {
  const classifyAt = compileClassifier(config);
  const enrich = createEnricher(config, asOf, readings);
  return (row) => {
    const country = countryOf(row, config);
    const computed: Record<string, string> = classifyAt(row, country);
    Object.assign(computed, enrich(row, { country, regionCode: computed.region_code }));
    return computed;
  };
}

/** The classify stage writing its columns into the row, in place: in this thread and in its workers alike. */
export function createStageWriter(config: ClassifyConfig, asOf: string, readings?: RecordDateReadings): (row: Row) => void {
  const classify = createStageClassifier(config, asOf, readings);
  return (row) => {
    Object.assign(row, classify(row));
  };
}

/** What classify's worker threads are given (src/classify/worker.ts). */
export interface ClassifyWorkerData {
  config: ClassifyConfig;
  asOf: string;
  readings?: RecordDateReadings;
  reads: string[];
  writes: string[];
}

function compileClassifier(config: ClassifyConfig): (row: Row, country: string) => Record<ClassifyColumn, string> {
  const overrides = compileTitleOverrides(config.titles);
  // Lists repeat the same few hundred titles ("Geschäftsführer", "Inhaber") and head counts
  // ("51-200"), and classifying a title runs dozens of Unicode regexes: remember results.
  const titleOf = memo((key: string) => {
    const cut = key.indexOf('\u0000');
    return classifyTitle(key.slice(0, cut), key.slice(cut + 1), overrides);
  });
  const sizeOf = memo((employees: string) => companySizeBand(employees, config.size_bands));
  const revenueOf = memo((revenue: string) => revenueBand(revenue, config.revenue_bands));
  return (row, country) => {
    const title = titleOf(`${row.title ?? ''}\u0000${row.department ?? ''}`);
    const region = regionFor(country, row.postal_code ?? '', row.state ?? '');
    const computed: Record<ClassifyColumn, string> = {
      segment: classifySegment(row, title),
      company_size_band: sizeOf(row.employees ?? ''),
      revenue_band: revenueOf(row.revenue ?? ''),
      seniority: title.seniority,
      seniority_status: title.seniority_status,
      job_function: title.department,
      buying_role: title.buying_role,
      region: region.region,
      region_code: region.region_code,
      region_group: regionGroup(country),
    };
    if (!config.keep_existing) return computed;
    // A seniority the row brings is the user's, not ours: no status of ours describes it.
    if ((row.seniority ?? '').trim() !== '') computed.seniority_status = '';
    for (const col of CLASSIFY_COLUMNS) {
      const given = (row[col] ?? '').trim();
      if (given !== '') computed[col] = given;
    }
    return computed;
  };
}
