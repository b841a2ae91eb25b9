import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { createScoreWriter, scoreFields, SCORE_COLUMNS, type ScoreWorkerData } from '../score/score-row.js';
import { runRowStage } from '../parallel/row-stage.js';
import { JOBS_OPTION } from './option-flags.js';
import { stageNames } from '../score/grading.js';
import { resolveAsOf } from '../rules/load.js';
import { CarriedRows, loadRules, RULES_OPTION, ValueCounts, warnMissingColumns } from './qualify-shared.js';

export interface ScoreOptions {
  rules?: string;
  asOf?: string;
  jobs?: number;
}

export const scoreCommand: Command<ScoreOptions> = {
  name: 'score',
  summary: 'Score fit and engagement; add grade A–D, label (e.g. B2), temperature, stage and the reasons',
  description:
    'Adds fit_score, engagement_score, score (= fit + engagement), grade, label, temperature, stage, stage_rank, stage_mql and score_reasons ' +
    '("rule:+points;…", caps and the zero floor included, so the reasons always add up to the score). Fit rules read ' +
    'what validate and classify add (email_status, segment, buying_role, company_size_band, …); engagement rules read ' +
    'activity columns (page_views, form_fills, email_opens, email_clicks, last_activity_at) and decay towards as_of. ' +
    'as_of is --as-of, else the rules file\'s as_of, else today. In `leadkit run` the run\'s as_of (pipeline file or run --as-of) outranks the rules file\'s. ' +
    'The stage is the highest of the rules file\'s stages (lead / MQL / SQL-ready by default, or the team\'s own list, e.g. ' +
    'potential → dialogue-ready → interested → need recognised → customer) whose minimums and condition the row meets; ' +
    'stage_rank is its place in the list (1 = the first) and stage_mql is true from the stage that counts as MQL on.',
  examples: [
    'leadkit classify leads.csv | leadkit score --rules rules.yml > scored.csv',
    'leadkit score classified.csv --as-of 2026-11-22 -o scored.csv',
    "leadkit score classified.csv --rules stages.yml | leadkit filter 'stage_rank gte 3' > qualified.csv",
  ],
  options: [
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its as_of and score sections` },
    { flags: '--as-of <date>', description: "the day engagement decays towards, yyyy-mm-dd (default: the rules file's as_of, else today)", type: 'date' },
    JOBS_OPTION,
  ],

  async transform(input: Table, opts: ScoreOptions, ctx: Context): Promise<Table> {
    const rules = loadRules(opts.rules);
    const asOf = resolveAsOf(rules, ctx.today, opts.asOf ?? ctx.asOf);
    const apply = createScoreWriter(rules.score, asOf);
    const fields = scoreFields(rules.score);
    warnMissingColumns('score', fields, input.columns, ctx);
    // Rescoring a scored file is normal, but a CRM's own "score" or "grade" would be lost unseen.
    const replaced = SCORE_COLUMNS.filter((c) => input.columns.includes(c));
    if (replaced.length) ctx.warn(`score: replacing the values of the existing column${replaced.length > 1 ? 's' : ''} ${replaced.join(', ')}`);
    const columns = withColumns(input.columns, [...SCORE_COLUMNS]);

    const grade = new ValueCounts();
    const temperature = new ValueCounts();
    const stage = new ValueCounts();
    const stagesHighFirst = stageNames(rules.score.stage).reverse();
    let rows = 0;
    let sum = 0;
    const carried = new CarriedRows(ctx);

    // Only the columns the rules read go to a worker thread.
    const reads = input.columns.filter((c) => fields.includes(c));
    const writes = [...SCORE_COLUMNS];

    async function* out(): AsyncGenerator<Row[]> {
      const scored = runRowStage(input.batches, {
        reads,
        writes,
        apply,
        // A night's unchanged person, carried over: no output writes its row.
        skip: (row) => carried.has(row),
        workerUrl: new URL('../score/worker.js', import.meta.url),
        workerData: { config: rules.score, asOf, reads, writes } satisfies ScoreWorkerData,
        jobs: opts.jobs,
        warn: (message) => ctx.warn(message),
      });
      for await (const batch of scored) {
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          if (carried.skips(row)) continue;
          grade.add(row.grade);
          temperature.add(row.temperature);
          stage.add(row.stage);
          sum += Number(row.score);
        }
        rows += batch.length;
        yield batch;
      }
      rows -= carried.count;
      const mean = rows ? (sum / rows).toFixed(1) : '0';
      ctx.summary(
        `score: ${formatCount(rows)} rows as of ${asOf}; grade ${grade.describe(['A', 'B', 'C', 'D'])}; ` +
          `temperature ${temperature.describe(['hot', 'warm', 'cold'])}; stage ${stage.describe(stagesHighFirst)}; mean score ${mean}${carried.note()}`,
      );
    }
    return { columns, batches: out() };
  },
};
