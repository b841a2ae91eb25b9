import { z } from 'zod';
import { DEFAULT_ENGAGEMENT_GROUPS, DEFAULT_FIT_GROUPS } from './score-defaults.js';
import { checkCondition, conditionShape, Field, issue, Name, strict } from './common.js';

/* ------------------------------------------------------------------ score */

const ScoreRule = strict({
  name: Name,
  points: z.number().optional(),
  per: z.number().optional(),
  max: z.number().optional(),
  decay: z.boolean().optional(),
  date_field: Field.optional(),
  ...conditionShape,
}).superRefine((r, ctx) => {
  if (r.per !== undefined) {
    // Count rule: points per unit of a numeric column ("2 points per page view").
    if (r.field === undefined) issue(ctx, [], `rule "${r.name}": "per" needs a "field" to count`);
    if (r.points !== undefined) issue(ctx, ['points'], `rule "${r.name}": give "points" (condition rule) or "per" (count rule), not both`);
    for (const k of ['op', 'value', 'all', 'any', 'not'] as const) {
      if (r[k] !== undefined) issue(ctx, [k], `rule "${r.name}": a count rule ("per") reads "${r.field}" as a number and takes no "${k}"`);
    }
    return;
  }
  if (r.max !== undefined) issue(ctx, ['max'], `rule "${r.name}": "max" limits a count rule and needs "per"`);
  if (r.points === undefined) issue(ctx, [], `rule "${r.name}": missing "points" (or "per" for a count rule)`);
  checkCondition(r, ctx, true);
});

const Group = strict({
  name: Name,
  cap: z.number().min(0).optional(),
  rules: z.array(ScoreRule).min(1),
});

const Fit = strict({
  total_cap: z.number().positive().default(100),
  groups: z.array(Group).prefault(DEFAULT_FIT_GROUPS),
});

const Engagement = strict({
  total_cap: z.number().positive().default(100),
  /** Engagement points halve every this many days between the activity date and as_of. */
  half_life_days: z.number().positive().default(30),
  /** The activity date for decay; a rule may name its own. Rows without a date are not decayed. */
  date_field: Field.default('last_activity_at'),
  groups: z.array(Group).prefault(DEFAULT_ENGAGEMENT_GROUPS),
});

const Threshold = strict({
  fit: z.number().optional(),
  engagement: z.number().optional(),
  score: z.number().optional(),
}).refine((t) => t.fit !== undefined || t.engagement !== undefined || t.score !== undefined, 'give at least one of fit, engagement, score');

export const Score = strict({
  fit: Fit.prefault({}),
  engagement: Engagement.prefault({}),
  /** Minimum fit score per grade; below C is D. */
  grades: strict({ A: z.number().default(70), B: z.number().default(50), C: z.number().default(30) })
    .prefault({})
    .refine((g) => g.A > g.B && g.B > g.C, 'grade thresholds must fall: A > B > C'),
  /** Minimum engagement score per label digit (1 = most engaged); below "3" is 4. */
  engagement_levels: strict({ '1': z.number().default(50), '2': z.number().default(25), '3': z.number().default(10) })
    .prefault({})
    .refine((l) => l['1'] > l['2'] && l['2'] > l['3'], 'engagement levels must fall: 1 > 2 > 3'),
  temperature: strict({
    basis: z.enum(['score', 'fit', 'engagement']).default('score'),
    hot: z.number().default(80),
    warm: z.number().default(50),
  })
    .prefault({})
    .refine((t) => t.hot > t.warm, 'temperature: hot must be above warm'),
  /** Minimum scores for each stage; every threshold given must be met. */
  stage: strict({
    mql: Threshold.default({ fit: 50 }),
    sql_ready: Threshold.default({ fit: 70, engagement: 40 }),
  }).prefault({}),
}).superRefine((s, ctx) => {
  const seen = new Map<string, string>();
  for (const axis of ['fit', 'engagement'] as const) {
    s[axis].groups.forEach((g, gi) =>
      g.rules.forEach((r, ri) => {
        const other = seen.get(r.name);
        if (other) issue(ctx, [axis, 'groups', gi, 'rules', ri, 'name'], `duplicate rule name "${r.name}" (also ${other}); score_reasons needs unique names`);
        else seen.set(r.name, `in ${axis} group "${g.name}"`);
      }),
    );
  }
});

export type ScoreConfig = z.output<typeof Score>;
export type ScoreGroup = ScoreConfig['fit']['groups'][number];
export type ScoreRuleConfig = ScoreGroup['rules'][number];
