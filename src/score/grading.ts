import type { ScoreConfig, StageDef, StageModel } from '../rules/score.js';
import type { Row } from '../table.js';
import { compileCondition, type Predicate } from './conditions.js';
import { foldForKey } from '../text/fold.js';

/**
 * Turning scores into the words sales uses: grade A–D (fit), a two-axis label such as "B2"
 * (fit letter × engagement digit, 1 = most engaged), temperature hot / warm / cold and the
 * stage: the team's named stages from the rules file (lowest first), by default lead / MQL /
 * SQL-ready. All thresholds are "at least" and come from the rules file.
 */

export interface Scores {
  fit: number;
  engagement: number;
  score: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D';
export type Temperature = 'hot' | 'warm' | 'cold';

export function grade(fit: number, g: ScoreConfig['grades']): Grade {
  if (fit >= g.A) return 'A';
  if (fit >= g.B) return 'B';
  if (fit >= g.C) return 'C';
  return 'D';
}

export function engagementLevel(engagement: number, levels: ScoreConfig['engagement_levels']): 1 | 2 | 3 | 4 {
  if (engagement >= levels['1']) return 1;
  if (engagement >= levels['2']) return 2;
  if (engagement >= levels['3']) return 3;
  return 4;
}

export function label(s: Scores, config: ScoreConfig): string {
  return `${grade(s.fit, config.grades)}${engagementLevel(s.engagement, config.engagement_levels)}`;
}

export function temperature(s: Scores, t: ScoreConfig['temperature']): Temperature {
  const value = s[t.basis === 'score' ? 'score' : t.basis];
  if (value >= t.hot) return 'hot';
  if (value >= t.warm) return 'warm';
  return 'cold';
}

/** A stage's requirements: every minimum given and its condition must hold. */
function meets(s: Scores, t: StageDef, row: Row, when: Predicate | undefined): boolean {
  return (
    (t.fit === undefined || s.fit >= t.fit) &&
    (t.engagement === undefined || s.engagement >= t.engagement) &&
    (t.score === undefined || s.score >= t.score) &&
    (when === undefined || when(row))
  );
}

/** A row's stage: its name, its 1-based rank in the list, and whether it counts as an MQL. */
export interface StageResult {
  name: string;
  rank: number;
  mql: boolean;
}

/**
 * Compiles the stages once (their conditions included): a row gets the highest stage whose
 * requirements it meets, the first stage when it meets none. For the old form that is
 * SQL-ready when its thresholds are met, else MQL when those are, else lead.
 */
export function compileStages(model: StageModel): (s: Scores, row: Row) => StageResult {
  const whens = model.stages.map((st) => (st.when ? compileCondition(st.when) : undefined));
  const results: StageResult[] = model.stages.map((st, i) => ({ name: st.name, rank: i + 1, mql: i >= model.mql }));
  return (s, row) => {
    for (let i = model.stages.length - 1; i > 0; i--) if (meets(s, model.stages[i], row, whens[i])) return results[i];
    return results[0];
  };
}

/** The stage name of scores alone (stages with a `when` condition are met only with the row). */
export function stage(s: Scores, model: StageModel, row: Row = {}): string {
  return compileStages(model)(s, row).name;
}

/** The stage names, lowest first. */
export function stageNames(model: StageModel): string[] {
  return model.stages.map((s) => s.name);
}

/**
 * The 1-based rank of a stage cell in the model, or undefined for a name that is none of its
 * stages (a CRM's own stage, a file scored with other rules). Names compare as keys: case,
 * umlaut spelling and punctuation aside ("SQL-ready", "sql_ready" and "SQL ready" are one).
 */
export function stageRank(name: string, model: StageModel): number | undefined {
  const key = foldForKey(name);
  if (key === '') return undefined;
  const i = model.stages.findIndex((s) => foldForKey(s.name) === key);
  return i < 0 ? undefined : i + 1;
}

/**
 * Whether a stage cell counts as marketing-qualified: the model's MQL stage or a later one
 * (MQL and SQL-ready by default). Undefined for a name that is none of its stages, so a caller
 * counts such rows apart instead of as "not MQL".
 */
export function reachesMql(name: string, model: StageModel): boolean | undefined {
  const rank = stageRank(name, model);
  return rank === undefined ? undefined : rank - 1 >= model.mql;
}
