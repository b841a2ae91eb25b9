import { z } from 'zod';
import { DEFAULT_ENGAGEMENT_GROUPS, DEFAULT_FIT_GROUPS } from './score-defaults.js';
import { checkCondition, Condition, conditionShape, Field, issue, Name, strict, type Ctx } from './common.js';
import type { ConditionSpec } from '../score/conditions.js';
import { foldForKey } from '../text/fold.js';
import { metricKey } from '../report/thresholds.js';

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

/* ------------------------------------------------------------------ stages */

/**
 * A stage name is written into the stage column and read back by filter, reports and CRM
 * exports: letters (any script), digits, spaces and a few joiners, starting with a letter or
 * digit, so "need recognised" and "SQL-ready" are names and no cell starts like a formula.
 */
const StageName = z
  .string()
  .max(60, 'a stage name has at most 60 characters')
  .regex(/^[\p{L}\p{N}](?:[\p{L}\p{N} _.\-/&+'()]*[\p{L}\p{N}.)])?$/u, 'a stage name starts with a letter or digit and holds letters, digits, spaces and _ . - / & + \' ( ) (no ";" and no trailing space)');

/** One stage of the list form: its name, the minimums to reach it, optionally a column condition. */
const StageStep = strict({
  name: StageName,
  fit: z.number().optional(),
  engagement: z.number().optional(),
  score: z.number().optional(),
  /** A condition on the row (src/score/conditions.ts), e.g. customer when customer_number is not empty. */
  when: Condition.optional(),
  /** This stage and every later one count as marketing-qualified (stage_mql, the report's MQLs). */
  mql: z.boolean().optional(),
});
type StageStepInput = z.output<typeof StageStep>;

/** A stage as the scorer uses it, whichever form the rules file wrote. */
export interface StageDef {
  name: string;
  fit?: number;
  engagement?: number;
  score?: number;
  when?: ConditionSpec;
}

/**
 * The stages, lowest first: a row gets the highest one whose requirements it meets. `mql` is the
 * index of the first stage that counts as marketing-qualified.
 */
export interface StageModel {
  stages: StageDef[];
  mql: number;
}

/** The old form's names, kept for rules files written before the list form. */
export const DEFAULT_STAGE_NAMES = ['lead', 'MQL', 'SQL-ready'] as const;

const LegacyStage = strict({
  mql: Threshold.default({ fit: 50 }),
  sql_ready: Threshold.default({ fit: 70, engagement: 40 }),
});

const REQUIREMENTS = ['fit', 'engagement', 'score', 'when'] as const;

/** "fit ≥ 60, engagement ≥ 40, its 'when' condition", for messages. */
function describeRequirements(s: StageDef): string {
  const parts: string[] = [];
  for (const k of ['fit', 'engagement', 'score'] as const) if (s[k] !== undefined) parts.push(`${k} ≥ ${s[k]}`);
  if (s.when) parts.push('its "when" condition');
  return parts.join(', ');
}

/**
 * Whether every row that meets `a` also meets `b`. Scores are never below 0, so a minimum of 0
 * or less always holds, and score = fit + engagement. A `when` of `b` is implied only by the
 * same condition on `a` (conditions are not compared beyond that).
 */
export function stageImplies(a: StageDef, b: StageDef): boolean {
  if (b.when !== undefined && (a.when === undefined || JSON.stringify(a.when) !== JSON.stringify(b.when))) return false;
  const holds = (want: number | undefined, have: number | undefined) => want === undefined || want <= 0 || (have !== undefined && have >= want);
  if (!holds(b.fit, a.fit) || !holds(b.engagement, a.engagement)) return false;
  const sumOfParts = Math.max(0, a.fit ?? 0) + Math.max(0, a.engagement ?? 0);
  return holds(b.score, a.score) || (b.score !== undefined && sumOfParts >= b.score);
}

/** Two names that one cell, filter condition or metric (stage_<name>_rate) could not tell apart. */
function sameStageName(a: string, b: string): boolean {
  return foldForKey(a) === foldForKey(b) || metricKey(a) === metricKey(b);
}

function checkStageList(list: StageStepInput[], ctx: Ctx): void {
  list.forEach((s, i) => {
    const given = REQUIREMENTS.filter((k) => s[k] !== undefined);
    if (i === 0 && given.length > 0) {
      issue(ctx, [0, given[0]], `the first stage ("${s.name}") is where every row starts: it takes no fit, engagement, score or when; give those to a later stage, or begin the list with a stage without them`);
    }
    if (i > 0 && given.length === 0) issue(ctx, [i], `stage "${s.name}" needs at least one of fit, engagement, score or when: without one every row would reach it`);
    const twin = list.findIndex((o, j) => j < i && sameStageName(o.name, s.name));
    if (twin >= 0) issue(ctx, [i, 'name'], `stage "${s.name}" is named like stage ${twin + 1} ("${list[twin].name}"): the stage column, filter and the stage_<name>_rate metrics could not tell them apart`);
  });
  // A stage every row of which also meets a later one is never given (the highest met wins).
  // A later stage without any requirement is reported as that, not as the stages it hides.
  const bare = list.some((s, i) => i > 0 && REQUIREMENTS.every((k) => s[k] === undefined));
  for (let i = 0; i < list.length && !bare; i++) {
    const j = list.findIndex((later, k) => k > i && stageImplies(list[i], later));
    if (j < 0) continue;
    const why = i === 0 ? 'every row meets the later stage' : `a row that meets it (${describeRequirements(list[i])}) also meets the later stage`;
    issue(ctx, [i], `stage "${list[i].name}" can never be given: ${why} "${list[j].name}" (${describeRequirements(list[j]) || 'no requirement'}), and a row gets the highest stage it meets; list the stages lowest first, each asking for more than the one before`);
    break;
  }
  const marked = list.flatMap((s, i) => (s.mql ? [i] : []));
  const named = list.findIndex((s) => foldForKey(s.name) === 'mql');
  if (marked.length > 1) issue(ctx, [marked[1], 'mql'], `"mql: true" is on stage "${list[marked[0]].name}" and on "${list[marked[1]].name}": mark only the first stage that counts as marketing-qualified`);
  else if (marked[0] === 0) issue(ctx, [0, 'mql'], `the first stage ("${list[0].name}") holds every row: mark the first stage that counts as marketing-qualified with "mql: true"`);
  else if (marked.length === 1 && named >= 0 && named !== marked[0]) issue(ctx, [marked[0], 'mql'], `"mql: true" is on stage "${list[marked[0]].name}", but stage "${list[named].name}" is named MQL: mark that one, or rename it`);
  else if (marked.length === 0 && named <= 0) {
    issue(ctx, [], 'mark the first stage that counts as marketing-qualified with "mql: true" (a stage named MQL counts without it): the stage_mql column and the report\'s MQL count read it');
  }
}

const StageList = z.array(StageStep).min(1, 'give at least one stage');

function fromList(list: StageStepInput[]): StageModel {
  const marked = list.findIndex((s) => s.mql);
  const stages = list.map(({ mql: _mql, ...def }) => stripUndefined(def));
  return { stages, mql: marked >= 0 ? marked : list.findIndex((s) => foldForKey(s.name) === 'mql') };
}

function fromLegacy(st: z.output<typeof LegacyStage>): StageModel {
  const [lead, mql, sqlReady] = DEFAULT_STAGE_NAMES;
  return { stages: [{ name: lead }, { name: mql, ...stripUndefined(st.mql) }, { name: sqlReady, ...stripUndefined(st.sql_ready) }], mql: 1 };
}

function stripUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * `stage` takes either form: the ordered list of named stages, or the object with mql and
 * sql_ready of rules files written before it (read exactly as then, names lead / MQL / SQL-ready).
 * Both become one StageModel; the schema of the form written reports the errors.
 */
const Stage = z
  .unknown()
  .transform((v, ctx): StageModel => {
    if (v !== undefined && (v === null || typeof v !== 'object')) {
      issue(ctx, [], 'give a list of stages, lowest first ([{name: potential}, {name: interested, fit: 40}, …]), or {mql: …, sql_ready: …}');
      return z.NEVER;
    }
    const list = Array.isArray(v);
    const r = (list ? StageList : LegacyStage).safeParse(v ?? {}, { reportInput: true });
    if (!r.success) {
      for (const iss of r.error.issues) ctx.addIssue({ ...iss });
      return z.NEVER;
    }
    if (!list) return fromLegacy(r.data as z.output<typeof LegacyStage>);
    // The list's checks read whole stages, so they run once every stage is well-formed.
    const before = ctx.issues.length;
    checkStageList(r.data as StageStepInput[], ctx);
    return ctx.issues.length > before ? z.NEVER : fromList(r.data as StageStepInput[]);
  })
  .prefault({});

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
  /**
   * The qualification stages: a list of named stages lowest first, each with the minimums (and
   * condition) to reach it, or the older {mql, sql_ready}; every threshold given must be met.
   */
  stage: Stage,
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
