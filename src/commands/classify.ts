import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { classifyStageColumns, createStageWriter, type ClassifyWorkerData } from '../classify/classify-row.js';
import { runRowStage } from '../parallel/row-stage.js';
import { JOBS_OPTION } from './option-flags.js';
import { staleAfterOf } from '../classify/enrich-row.js';
import { describeStaleAfter, parseStaleAfter, ReadingWatch, RECORD_DATE_FIELDS, RECORD_DATE_SAMPLE_ROWS, recordDateReadings, type RecordDateReadings } from '../date/record-age.js';
import { dominantCountry } from '../address/index.js';
import { resolveAsOf } from '../rules/load.js';
import { SALUTATION_STYLES, SALUTATION_TITLES, type SalutationStyle, type SalutationTitles } from '../person/letter-salutation.js';
import { UsageError } from '../errors.js';
import { peekRows } from '../io/peek-rows.js';
import { CarriedRows, loadRules, RULES_OPTION, ValueCounts } from './qualify-shared.js';

export interface ClassifyOptions {
  rules?: string;
  defaultCountry?: string;
  asOf?: string;
  staleAfter?: string;
  salutationStyle?: SalutationStyle;
  salutationTitles?: SalutationTitles;
  /** false with --no-website-from-email; true (the default) leaves the rules file's choice. */
  websiteFromEmail?: boolean;
  jobs?: number;
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
    'no_gender or generic (--fail-if salutation_generic_rate>…); gender_status says where the gender came from (salutation, given, ' +
    'neutral, conflict when the row\'s gender column disagrees with the salutation: the letter then names no gender, unreadable); ' +
    'salutation_language_status given, country, guessed (several languages: Swiss cantons Fribourg, Valais, Bern, Graubünden, ' +
    'Luxembourg, Belgium, Canada; no country) or unsupported (Ticino, Italy, the Netherlands …: English instead). ' +
    'Freshness: record_age_days (calendar days) and stale (true/false) as of --as-of, ' +
    'from updated_at, else created_at, else the delivery date, with record_age_status ok, delivery_date, file_date (the delivery ' +
    'date was read off the file\'s date), order_guessed (a day/month order its column never settles), future (a date after as-of: ' +
    `no age), unreadable or no_date; each date column's day/month order is decided once from the first ${RECORD_DATE_SAMPLE_ROWS.toLocaleString('en-US')} rows ` +
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
    JOBS_OPTION,
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
    const stageColumns = classifyStageColumns(config);
    const columns = withColumns(input.columns, stageColumns);
    const dateColumns = RECORD_DATE_FIELDS.filter((f) => input.columns.includes(f));

    const segment = new ValueCounts();
    const size = new ValueCounts();
    const role = new ValueCounts();
    const group = new ValueCounts();
    let rows = 0;
    let withRegion = 0;
    let seniorityGuessed = 0;
    const salutation = new ValueCounts();
    const genderStatus = new ValueCounts();
    const languageStatus = new ValueCounts();
    const ageStatus = new ValueCounts();
    let genderUnknown = 0;
    let websiteFilled = 0;
    let dated = 0;
    let stale = 0;
    const carried = new CarriedRows(ctx);

    async function* out(): AsyncGenerator<Row[]> {
      // A date column's day/month order is decided once, from the list's first rows (held back
      // until they are read), so that "03/04/2025" reads the way "25/12/2024" in the same column
      // does; the rows after them are read the same way and watched for a value that says otherwise.
      const { first, batches } = await peekRows(input.batches, dateColumns.length ? RECORD_DATE_SAMPLE_ROWS : 0);
      let readings: RecordDateReadings | undefined;
      if (dateColumns.length) {
        const sample = first.slice(0, RECORD_DATE_SAMPLE_ROWS);
        const country = dominantCountry(sample.map((r) => r.country)) || config.default_country || '';
        readings = recordDateReadings(sample, country);
      }
      const watch = readings ? new ReadingWatch(readings) : undefined;
      // In place: the row belongs to this stage until it is yielded, and copying every row
      // would cost more than classifying it. Large lists are classified in worker threads.
      const classified = runRowStage(batches, {
        reads: input.columns,
        writes: stageColumns,
        apply: createStageWriter(config, asOf, readings),
        // A night's unchanged person, carried over: no output writes its row.
        skip: (row) => carried.has(row),
        workerUrl: new URL('../classify/worker.js', import.meta.url),
        workerData: { config, asOf, readings, reads: input.columns, writes: stageColumns } satisfies ClassifyWorkerData,
        jobs: opts.jobs,
        warn: (message) => ctx.warn(message),
      });

      const tally = (batch: Row[]): Row[] => {
        // Rows past the sample are read by its readings: watched for a value against them.
        const watchFrom = watch ? Math.max(0, RECORD_DATE_SAMPLE_ROWS - rows) : batch.length;
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          if (i >= watchFrom) watch?.check(row);
          // Carried rows were in the sample above, so the readings are those of the whole list,
          // as on a night without carrying.
          if (carried.skips(row)) continue;
          segment.add(row.segment);
          size.add(row.company_size_band);
          role.add(row.buying_role);
          group.add(row.region_group);
          if (row.region !== '') withRegion++;
          if (row.seniority_status === 'guessed') seniorityGuessed++;
          salutation.add(row.salutation_status);
          genderStatus.add(row.gender_status);
          languageStatus.add(row.salutation_language_status);
          ageStatus.add(row.record_age_status);
          if (row.gender === '') genderUnknown++;
          if (row.website_status === 'from_email') websiteFilled++;
          if (row.record_age_days !== '') dated++;
          if (row.stale === 'true') stale++;
        }
        rows += batch.length;
        return batch;
      };

      for await (const batch of classified) yield tally(batch);

      for (const c of watch?.contradictions() ?? []) {
        const other = c.order === 'dmy' ? 'month first' : 'day first';
        const read = c.order === 'dmy' ? 'day first' : 'month first';
        ctx.warn(
          `classify: ${c.field}: ${formatCount(c.count)} ${c.count === 1 ? 'value' : 'values'} after the first ${formatCount(RECORD_DATE_SAMPLE_ROWS)} rows ${c.count === 1 ? 'writes' : 'write'} the ${other} ` +
            `(${JSON.stringify(c.first)}), but the column was read ${read}: its dates that could be either may be the wrong way round`,
        );
      }

      // Said only when it happened, so the usual line stays short.
      const when = (n: number, text: string) => (n ? `, ${formatCount(n)} ${text}` : '');
      const guessed = seniorityGuessed
        ? `; seniority guessed from an occupation name for ${formatCount(seniorityGuessed)} (seniority_status=guessed)`
        : '';
      const website = config.website_from_email ? `; website from email for ${formatCount(websiteFilled)} (website_status=from_email)` : '';
      const gender =
        when(genderStatus.get('conflict'), 'with a gender column against the salutation (gender_status=conflict)') +
        when(genderStatus.get('unreadable'), 'with an unreadable gender kept (gender_status=unreadable)');
      const language =
        when(languageStatus.get('guessed'), 'in a guessed language (salutation_language_status=guessed)') +
        when(languageStatus.get('unsupported'), 'in English for a language without salutations here (salutation_language_status=unsupported)');
      const ages =
        when(ageStatus.get('future'), 'dated after the as-of day (record_age_status=future)') +
        when(ageStatus.get('order_guessed'), 'with a guessed day/month order (record_age_status=order_guessed)') +
        when(ageStatus.get('file_date'), "aged by the file's date (record_age_status=file_date)") +
        when(ageStatus.get('unreadable'), 'with an unreadable date (record_age_status=unreadable)');
      ctx.summary(
        `classify: ${formatCount(rows - carried.count)} rows${carried.note()}; segment ${segment.describe(['b2b', 'b2c', ''])}; ` +
          `size ${size.describe(config.size_bands.map((b) => b.label).concat(''))}; buying_role ${role.describe(['decider', 'buyer', 'influencer', 'user', 'gatekeeper', ''])}; ` +
          `region for ${formatCount(withRegion)} (${group.describe(['DACH', 'EU', 'non-EU', ''])})${guessed}; ` +
          `salutation ${salutation.describe(['ok', 'recased', 'no_gender', 'generic', ''])}, gender unknown for ${formatCount(genderUnknown)}${gender}${language}${website}; ` +
          `stale ${formatCount(stale)} of ${formatCount(dated)} dated rows as of ${asOf} (older than ${describeStaleAfter(staleAfter)})${ages}`,
      );
    }
    return { columns, batches: out() };
  },
};
