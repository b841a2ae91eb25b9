import type { Row } from '../table.js';
import { compileAxis, formatReason, formatTenths, scoreAxis } from './axis.js';
import { conditionFields } from './conditions.js';
import { parseDate } from './dates.js';
import { compileStages, grade, label, temperature } from './grading.js';
import type { ScoreConfig } from '../rules/score.js';

/**
 * Scoring a row: fit (who they are) and engagement (what they did, decayed towards as_of),
 * score = fit + engagement, then grade, label, temperature, stage and the reasons.
 *
 * stage_rank is the stage's 1-based place in the rules file's list (lead 1, MQL 2, SQL-ready 3
 * by default), so a later step can ask for `stage_rank >= 3` whatever the team calls its stages;
 * stage_mql is true from the stage that counts as marketing-qualified on, so a report or another
 * tool counts MQLs from the row alone, without the rules file.
 */

export const SCORE_COLUMNS = ['fit_score', 'engagement_score', 'score', 'grade', 'label', 'temperature', 'stage', 'stage_rank', 'stage_mql', 'score_reasons'] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

export type Scorer = (row: Row) => Record<ScoreColumn, string>;

/**
 * Compiles the score section once for a run. `asOf` is yyyy-mm-dd (see resolveAsOf); it is the
 * day engagement decays towards, so the same file and as_of always give the same scores.
 */
export function createScorer(config: ScoreConfig, asOf: string): Scorer {
  const asOfMs = parseDate(asOf);
  if (asOfMs === undefined) throw new RangeError(`as_of is not a date: "${asOf}"`);
  const fitAxis = compileAxis('fit', config.fit.groups, config.fit.total_cap);
  const engagementAxis = compileAxis('engagement', config.engagement.groups, config.engagement.total_cap, {
    asOf: asOfMs,
    halfLifeDays: config.engagement.half_life_days,
    dateField: config.engagement.date_field,
  });
  const stageOf = compileStages(config.stage);

  return (row) => {
    const fit = scoreAxis(fitAxis, row);
    const engagement = scoreAxis(engagementAxis, row);
    const total = fit.tenths + engagement.tenths;
    const s = { fit: fit.tenths / 10, engagement: engagement.tenths / 10, score: total / 10 };
    const st = stageOf(s, row);
    return {
      fit_score: formatTenths(fit.tenths),
      engagement_score: formatTenths(engagement.tenths),
      score: formatTenths(total),
      grade: grade(s.fit, config.grades),
      label: label(s, config),
      temperature: temperature(s, config.temperature),
      stage: st.name,
      stage_rank: String(st.rank),
      stage_mql: st.mql ? 'true' : 'false',
      score_reasons: [...fit.reasons, ...engagement.reasons].map(formatReason).join(';'),
    };
  };
}

/** The score stage writing its columns into the row, in place: in this thread and in its workers alike. */
export function createScoreWriter(config: ScoreConfig, asOf: string): (row: Row) => void {
  const score = createScorer(config, asOf);
  return (row) => {
    Object.assign(row, score(row));
  };
}

/** What score's worker threads are given (src/score/worker.ts). */
export interface ScoreWorkerData {
  config: ScoreConfig;
  asOf: string;
  reads: string[];
  writes: string[];
}

/**
 * Columns the score rules read, so a command can warn when the input lacks them; the only cells
 * score's worker threads are sent.
 */
export function scoreFields(config: ScoreConfig): string[] {
  const out = new Set<string>();
  for (const axis of [config.fit, config.engagement]) {
    for (const g of axis.groups) for (const r of g.rules) for (const f of conditionFields(r)) out.add(f);
  }
  out.add(config.engagement.date_field);
  for (const g of config.engagement.groups) for (const r of g.rules) if (r.date_field) out.add(r.date_field);
  for (const st of config.stage.stages) if (st.when) for (const f of conditionFields(st.when)) out.add(f);
  return [...out];
}

/**
 * Parses a score_reasons cell back into [name, points] pairs (for reports and tests). Names
 * never contain ";" or ":", which the schema guarantees.
 */
export function parseReasons(cell: string): Array<[string, number]> {
  if (cell === '') return [];
  return cell.split(';').map((part) => {
    const i = part.lastIndexOf(':');
    return [part.slice(0, i), Number(part.slice(i + 1))];
  });
}
