import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { classifyStageColumns, createStageClassifier } from '../classify/classify-row.js';
import { staleAfterOf } from '../classify/enrich-row.js';
import { describeStaleAfter, parseStaleAfter } from '../date/record-age.js';
import { resolveAsOf } from '../rules/load.js';
import { SALUTATION_STYLES, SALUTATION_TITLES, type SalutationStyle, type SalutationTitles } from '../person/letter-salutation.js';
import { UsageError } from '../errors.js';
import { loadRules, RULES_OPTION, ValueCounts } from './qualify-shared.js';

export interface ClassifyOptions {
  rules?: string;
  defaultCountry?: string;
  asOf?: string;
  staleAfter?: string;
  salutationStyle?: SalutationStyle;
  salutationTitles?: SalutationTitles;
  /** false with --no-website-from-email; true (the default) leaves the rules file's choice. */
  websiteFromEmail?: boolean;
}

export const classifyCommand: Command<ClassifyOptions> = {
  name: 'classify',
  summary: 'Add segment, size and revenue bands, seniority, buying role, region, salutation and record age',
  description:
    'Adds segment, company_size_band, revenue_band, seniority, seniority_status, job_function, buying_role, region, ' +
    'region_code and region_group. Job titles are read in English and German (Geschäftsführerin, Leiter Einkauf, GF, ' +
    'Head of Sales, "Sachbearbeiter (m/w/d)", "Founder & CEO", Industriemechaniker); an occupation name the vocabulary ' +
    'does not know is staff with seniority_status=guessed (--fail-if seniority_guessed_rate>…); employees and revenue as numbers or vendor ranges ("51-200", "ca. 100", "5 Mio. €"); ' +
    'the region from country and postcode (German and Austrian Bundesland, Swiss canton). The title\'s function goes to ' +
    'job_function because department holds the list\'s own text. Values a row already has in these columns are kept ' +
    '(classify.keep_existing). Bands, title rules and a default country come from the rules file. ' +
    'Enrichment without network: an empty website gets a corporate email\'s domain (website_status=from_email; never from ' +
    'free-mail, provider or disposable domains); gender (m/f) from the salutation ("Herr", "Frau Dr.", "Mrs", "Mme", "Sra.", "w"; ' +
    'never from a first name); letter_salutation in the row\'s language (salutation_language de/en/fr from a language column or ' +
    'the country): "Sehr geehrter Herr Dr. Müller,", "Sehr geehrte Frau Mag. Huber," in Austria, no academic titles for Swiss rows ' +
    '(--salutation-titles), "Guten Tag Alex Meier," when the gender is unknown, "Dear Mr Smith," ("Dear Mr. Smith:" in the US), ' +
    '"Madame,"; names in capitals cased ("MÜLLER" → "Müller"), particles placed ("von Weizsäcker"); salutation_status ok, recased, ' +
    'no_gender or generic (--fail-if salutation_generic_rate>…). Freshness: record_age_days and stale (true/false) as of --as-of, ' +
    'from updated_at, else created_at, else the delivery date, with record_age_status ok, delivery_date, unreadable or no_date ' +
    '(in `leadkit run` the run\'s as_of applies unless the step gives --as-of).',
  examples: [
    'leadkit import vendor.csv | leadkit validate | leadkit classify > classified.csv',
    'leadkit classify leads.csv --rules rules.yml --default-country AT -o classified.csv',
    'leadkit classify leads.csv --salutation-style informal --salutation-titles never -o mailing.csv',
    "leadkit classify crm.csv --as-of 2026-11-22 --stale-after 18m | leadkit filter 'stale eq false' > current.csv",
  ],
  options: [
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its as_of and classify sections` },
    { flags: '--default-country <cc>', description: "country for rows whose country is empty (overrides classify.default_country)", type: 'country' },
    { flags: '--as-of <date>', description: "the day record_age_days counts to, yyyy-mm-dd (default: the run's as_of in leadkit run, else the rules file's, else today)", type: 'date' },
    { flags: '--stale-after <age>', description: 'a record older than this is stale: 24 or 24m (months), 2y, 90d (default 24 months; overrides classify.stale_after)' },
    { flags: '--salutation-style <style>', description: 'letter_salutation formal ("Sehr geehrter Herr Müller,") or informal ("Hallo Thomas,"); default formal (overrides classify.salutation_style)', choices: [...SALUTATION_STYLES] },
    { flags: '--salutation-titles <when>', description: 'academic titles in letter_salutation: auto (none for Swiss rows), always, never (overrides classify.salutation_titles)', choices: [...SALUTATION_TITLES] },
    { flags: '--no-website-from-email', description: 'leave an empty website empty instead of filling it from a corporate email (classify.website_from_email: false)' },
  ],

  async transform(input: Table, opts: ClassifyOptions, ctx: Context): Promise<Table> {
    const rules = loadRules(opts.rules);
    const config = { ...rules.classify };
    const cc = opts.defaultCountry;
    if (cc) config.default_country = cc;
    if (opts.staleAfter !== undefined) {
      if (parseStaleAfter(opts.staleAfter) === undefined) {
        throw new UsageError(`--stale-after "${opts.staleAfter}": expected an age: 24 or 24m (months), 2y (years), 90d (days)`);
      }
      config.stale_after = opts.staleAfter;
    }
    if (opts.salutationStyle) config.salutation_style = opts.salutationStyle;
    if (opts.salutationTitles) config.salutation_titles = opts.salutationTitles;
    if (opts.websiteFromEmail === false) config.website_from_email = false;
    // As in score: the step's --as-of, else the run's, else the rules file's, else today.
    const asOf = resolveAsOf(rules, ctx.today, opts.asOf ?? ctx.asOf);
    const staleAfter = staleAfterOf(config);
    const classify = createStageClassifier(config, asOf);
    const columns = withColumns(input.columns, classifyStageColumns(config));

    const segment = new ValueCounts();
    const size = new ValueCounts();
    const role = new ValueCounts();
    const group = new ValueCounts();
    let rows = 0;
    let withRegion = 0;
    let seniorityGuessed = 0;
    const salutation = new ValueCounts();
    let genderUnknown = 0;
    let websiteFilled = 0;
    let dated = 0;
    let stale = 0;
    let unreadableDates = 0;

    async function* out(): AsyncGenerator<Row[]> {
      for await (const batch of input.batches) {
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          // In place: the row belongs to this stage until it is yielded, and copying every row
          // would cost more than classifying it.
          Object.assign(row, classify(row));
          segment.add(row.segment);
          size.add(row.company_size_band);
          role.add(row.buying_role);
          group.add(row.region_group);
          if (row.region !== '') withRegion++;
          if (row.seniority_status === 'guessed') seniorityGuessed++;
          salutation.add(row.salutation_status);
          if (row.gender === '') genderUnknown++;
          if (row.website_status === 'from_email') websiteFilled++;
          if (row.record_age_days !== '') dated++;
          if (row.stale === 'true') stale++;
          if (row.record_age_status === 'unreadable') unreadableDates++;
        }
        rows += batch.length;
        yield batch;
      }
      // Said only when it happened, so the usual line stays short.
      const guessed = seniorityGuessed
        ? `; seniority guessed from an occupation name for ${formatCount(seniorityGuessed)} (seniority_status=guessed)`
        : '';
      const website = config.website_from_email ? `; website from email for ${formatCount(websiteFilled)} (website_status=from_email)` : '';
      const unreadable = unreadableDates ? `, ${formatCount(unreadableDates)} with an unreadable date (record_age_status=unreadable)` : '';
      ctx.summary(
        `classify: ${formatCount(rows)} rows; segment ${segment.describe(['b2b', 'b2c', ''])}; ` +
          `size ${size.describe(config.size_bands.map((b) => b.label).concat(''))}; buying_role ${role.describe(['decider', 'buyer', 'influencer', 'user', 'gatekeeper', ''])}; ` +
          `region for ${formatCount(withRegion)} (${group.describe(['DACH', 'EU', 'non-EU', ''])})${guessed}; ` +
          `salutation ${salutation.describe(['ok', 'recased', 'no_gender', 'generic', ''])}, gender unknown for ${formatCount(genderUnknown)}${website}; ` +
          `stale ${formatCount(stale)} of ${formatCount(dated)} dated rows as of ${asOf} (older than ${describeStaleAfter(staleAfter)})${unreadable}`,
      );
    }
    return { columns, batches: out() };
  },
};
