import type { ScoreConfig } from '../rules/score.js';

/**
 * Turning scores into the words sales uses: grade A–D (fit), a two-axis label such as "B2"
 * (fit letter × engagement digit, 1 = most engaged), temperature hot / warm / cold and stage
 * lead / MQL / SQL-ready. All thresholds are "at least" and come from the rules file.
 */

export interface Scores {
  fit: number;
  engagement: number;
  score: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D';
export type Temperature = 'hot' | 'warm' | 'cold';
export type Stage = 'lead' | 'MQL' | 'SQL-ready';

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

type Threshold = ScoreConfig['stage']['mql'];

function meets(s: Scores, t: Threshold): boolean {
  return (t.fit === undefined || s.fit >= t.fit) && (t.engagement === undefined || s.engagement >= t.engagement) && (t.score === undefined || s.score >= t.score);
}

/** SQL-ready when its thresholds are met, else MQL when those are, else lead. */
export function stage(s: Scores, st: ScoreConfig['stage']): Stage {
  if (meets(s, st.sql_ready)) return 'SQL-ready';
  if (meets(s, st.mql)) return 'MQL';
  return 'lead';
}
