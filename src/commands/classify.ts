import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { CLASSIFY_COLUMNS, createClassifier } from '../classify/classify-row.js';
import { loadRules, RULES_OPTION, ValueCounts } from './qualify-shared.js';

export interface ClassifyOptions {
  rules?: string;
  defaultCountry?: string;
}

export const classifyCommand: Command<ClassifyOptions> = {
  name: 'classify',
  summary: 'Add segment (b2b/b2c), size and revenue bands, seniority, job function, buying role and region',
  description:
    'Adds segment, company_size_band, revenue_band, seniority, seniority_status, job_function, buying_role, region, ' +
    'region_code and region_group. Job titles are read in English and German (Geschäftsführerin, Leiter Einkauf, GF, ' +
    'Head of Sales, "Sachbearbeiter (m/w/d)", "Founder & CEO", Industriemechaniker); an occupation name the vocabulary ' +
    'does not know is staff with seniority_status=guessed (--fail-if seniority_guessed_rate>…); employees and revenue as numbers or vendor ranges ("51-200", "ca. 100", "5 Mio. €"); ' +
    'the region from country and postcode (German and Austrian Bundesland, Swiss canton). The title\'s function goes to ' +
    'job_function because department holds the list\'s own text. Values a row already has in these columns are kept ' +
    '(classify.keep_existing). Bands, title rules and a default country come from the rules file.',
  examples: [
    'leadkit import vendor.csv | leadkit validate | leadkit classify > classified.csv',
    'leadkit classify leads.csv --rules rules.yml --default-country AT -o classified.csv',
  ],
  options: [
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its classify section` },
    { flags: '--default-country <cc>', description: "country for rows whose country is empty (overrides classify.default_country)", type: 'country' },
  ],

  async transform(input: Table, opts: ClassifyOptions, ctx: Context): Promise<Table> {
    const config = { ...loadRules(opts.rules).classify };
    const cc = opts.defaultCountry;
    if (cc) config.default_country = cc;
    const classify = createClassifier(config);
    const columns = withColumns(input.columns, [...CLASSIFY_COLUMNS]);

    const segment = new ValueCounts();
    const size = new ValueCounts();
    const role = new ValueCounts();
    const group = new ValueCounts();
    let rows = 0;
    let withRegion = 0;
    let seniorityGuessed = 0;

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
        }
        rows += batch.length;
        yield batch;
      }
      // Said only when it happened, so the usual line stays short.
      const guessed = seniorityGuessed
        ? `; seniority guessed from an occupation name for ${formatCount(seniorityGuessed)} (seniority_status=guessed)`
        : '';
      ctx.summary(
        `classify: ${formatCount(rows)} rows; segment ${segment.describe(['b2b', 'b2c', ''])}; ` +
          `size ${size.describe(config.size_bands.map((b) => b.label).concat(''))}; buying_role ${role.describe(['decider', 'buyer', 'influencer', 'user', 'gatekeeper', ''])}; ` +
          `region for ${formatCount(withRegion)} (${group.describe(['DACH', 'EU', 'non-EU', ''])})${guessed}`,
      );
    }
    return { columns, batches: out() };
  },
};
