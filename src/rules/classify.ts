import { z } from 'zod';
import { EU_REVENUE_BANDS, EU_SIZE_BANDS } from '../classify/bands.js';
import { BUYING_ROLES, SENIORITIES } from '../classify/title-patterns.js';
import { compileTitlePattern } from '../classify/text-normalize.js';
import { checkRegexSafety, CountryCode, issue, strict } from './common.js';
import { SALUTATION_STYLES, SALUTATION_TITLES } from '../person/letter-salutation.js';
import { parseStaleAfter } from '../date/record-age.js';

/* ------------------------------------------------------------------ classify */

const Band = strict({ label: z.string().min(1), max: z.number().optional() });

const Bands = z
  .array(Band)
  .min(1)
  .superRefine((bands, ctx) => {
    bands.forEach((b, i) => {
      if (b.max === undefined && i < bands.length - 1) issue(ctx, [i, 'label'], `band "${b.label}" has no max, so it must be the last band`);
      const prev = bands[i - 1]?.max;
      if (b.max !== undefined && prev !== undefined && b.max <= prev) issue(ctx, [i, 'max'], `band maxima must rise: ${b.max} is not above ${prev}`);
      if (bands.findIndex((o) => o.label === b.label) !== i) issue(ctx, [i, 'label'], `duplicate band label "${b.label}"`);
    });
  });

const TitleOverride = strict({
  match: z.string().min(1).optional(),
  regex: z.string().min(1).optional(),
  seniority: z.enum(SENIORITIES).optional(),
  department: z.string().min(1).optional(),
  buying_role: z.enum(BUYING_ROLES).optional(),
}).superRefine((t, ctx) => {
  if ((t.match === undefined) === (t.regex === undefined)) issue(ctx, [], 'a title rule needs exactly one of "match" or "regex"');
  if (t.seniority === undefined && t.department === undefined && t.buying_role === undefined) {
    issue(ctx, [], 'a title rule must set seniority, department or buying_role');
  }
  if (t.regex !== undefined) {
    let re: RegExp;
    try {
      re = compileTitlePattern(t.regex);
    } catch (e) {
      issue(ctx, ['regex'], `invalid regular expression: ${(e as Error).message}`);
      return;
    }
    // The compiled form is what runs ("ä" becomes "ae?"), so that is the one to check.
    checkRegexSafety(t.regex, re, ctx, ['regex']);
  }
});


export const Classify = strict({
  /** Country assumed for rows with an empty country column (e.g. DE for a German trade-fair list). */
  default_country: CountryCode.optional(),
  /** Keep values a row already has in the output columns (e.g. a CRM's own segment). */
  keep_existing: z.boolean().default(true),
  size_bands: Bands.prefault(EU_SIZE_BANDS.map((b) => ({ ...b }))),
  revenue_bands: Bands.prefault(EU_REVENUE_BANDS.map((b) => ({ ...b }))),
  titles: z.array(TitleOverride).default([]),
  /** Letter salutation: formal ("Sehr geehrter Herr Dr. Müller,", "Dear Mr Smith,") or informal ("Hallo Thomas,"). */
  salutation_style: z.enum(SALUTATION_STYLES).default('formal'),
  /** Academic titles in the salutation: auto (by country: none for Swiss rows), always, never. */
  salutation_titles: z.enum(SALUTATION_TITLES).default('auto'),
  /** Fill an empty website with a corporate email's domain (website_status=from_email). */
  website_from_email: z.boolean().default(true),
  /** A record older than this is stale: 24 or "24m" (months), "2y" (years), "90d" (days); default 24 months. */
  stale_after: z
    .union([z.string(), z.number().int().min(0)])
    .refine((v) => parseStaleAfter(String(v)) !== undefined, 'must be an age: 24 or 24m (months), 2y (years), 90d (days)')
    .optional(),
});

export type ClassifyConfig = z.output<typeof Classify>;
