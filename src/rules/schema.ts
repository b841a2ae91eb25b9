import { z } from 'zod';
import { isIsoDate } from '../date/parse.js';
import { strict } from './common.js';
import { Classify } from './classify.js';
import { Score } from './score.js';
import { Route } from './route.js';
import { Suppress } from './suppress.js';

/**
 * The rules file: one YAML or JSON document with the sections as_of, classify, score, route
 * and suppress. Every section and every key inside one is optional; what is left out takes the
 * built-in default, and a key that is given replaces its default as a whole (a `score.fit`
 * block replaces all default fit groups, `grades` alone keeps them). Unknown keys are errors,
 * so a typo ("gorups") is reported instead of silently ignored.
 * fixtures/rules/example.yml shows every key with comments.
 *
 * The file is assembled here from each domain's own section (classify.ts, score.ts, route.ts,
 * suppress.ts), which share common.ts.
 */

export const RulesSchema = strict({
  /** The day scores are computed for (decay); default: today. Fix it for reproducible nightly runs. */
  as_of: z
    .string()
    .refine(isIsoDate, 'must be a date yyyy-mm-dd')
    .optional(),
  classify: Classify.prefault({}),
  score: Score.prefault({}),
  route: Route.prefault({}),
  suppress: Suppress.prefault({}),
});

export type Rules = z.output<typeof RulesSchema>;
export type { ClassifyConfig } from './classify.js';
export type { ScoreConfig, ScoreGroup, ScoreRuleConfig } from './score.js';
export type { RouteConfig, TeamConfig, RouteRuleConfig } from './route.js';
export type { SuppressConfig, ConsentPolicyName } from './suppress.js';
