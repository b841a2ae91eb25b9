import { z } from 'zod';
import { OPERATORS, comparableOf, type ConditionSpec, type Operator } from './conditions.js';
import { isIsoDate } from './dates.js';
import { DEFAULT_ENGAGEMENT_GROUPS, DEFAULT_FIT_GROUPS } from './defaults.js';
import { EU_REVENUE_BANDS, EU_SIZE_BANDS } from '../classify/bands.js';
import { BUYING_ROLES, SENIORITIES } from '../classify/title-patterns.js';
import { compileTitlePattern } from '../classify/text-normalize.js';
import { countryCode } from '../classify/region.js';
import { regexHazard, regexHazardMessage } from '../text/regex-safety.js';

/**
 * The rules file: one YAML or JSON document with the sections as_of, classify, score, route
 * and suppress. Every section and every key inside one is optional; what is left out takes the
 * built-in default, and a key that is given replaces its default as a whole (a `score.fit`
 * block replaces all default fit groups, `grades` alone keeps them). Unknown keys are errors,
 * so a typo ("gorups") is reported instead of silently ignored.
 * fixtures/rules/example.yml shows every key with comments.
 */

/** Strict objects whose unknown-key error names the keys that are allowed. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`
        : undefined,
  });
}

/** Rule, group and team names appear in score_reasons and route_rule, so they stay plain. */
const Name = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'names may only contain letters, digits, "_", "-" and "." (they appear in score_reasons)');
const Field = z.string().min(1, 'field must name a column');
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Value = z.union([Scalar, z.array(Scalar)]);

/* ------------------------------------------------------------------ conditions */

const conditionShape = {
  field: Field.optional(),
  op: z.enum(OPERATORS).optional(),
  value: Value.optional(),
  all: z.array(z.lazy((): z.ZodType<ConditionSpec> => Condition)).min(1).optional(),
  any: z.array(z.lazy((): z.ZodType<ConditionSpec> => Condition)).min(1).optional(),
  not: z.lazy((): z.ZodType<ConditionSpec> => Condition).optional(),
};

type Ctx = z.core.$RefinementCtx;

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

function checkValue(op: Operator, value: unknown, ctx: Ctx): void {
  const at = ['value'];
  const list = Array.isArray(value) ? value : undefined;
  switch (op) {
    case 'empty':
    case 'not_empty':
      if (value !== undefined) issue(ctx, at, `op "${op}" takes no value`);
      return;
    case 'in':
    case 'not_in':
      if (!list || list.length === 0) issue(ctx, at, `op "${op}" needs a list of values, e.g. [a, b]`);
      return;
    case 'eq':
    case 'ne':
      if (value === undefined || list) issue(ctx, at, `op "${op}" needs one value${list ? ' (use in / not_in for a list)' : ''}`);
      return;
    case 'contains':
      if (value === undefined || (list && list.length === 0)) issue(ctx, at, 'op "contains" needs a value or a list of values');
      return;
    case 'regex':
      if (typeof value !== 'string') {
        issue(ctx, at, 'op "regex" needs a regular expression as a string');
        return;
      }
      let re: RegExp;
      try {
        // The flags of src/score/conditions.ts, which runs the pattern on every row.
        re = new RegExp(value, 'iu');
      } catch (e) {
        issue(ctx, at, `invalid regular expression: ${(e as Error).message}`);
        return;
      }
      checkRegexSafety(value, re, ctx, at);
      return;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (value === undefined || list || comparableOf(value as string | number) === undefined) {
        issue(ctx, at, `op "${op}" needs a number or a date (yyyy-mm-dd or dd.mm.yyyy)`);
      }
      return;
    case 'between': {
      const ends = list?.map((v) => comparableOf(v as string | number));
      if (!ends || ends.length !== 2 || !ends[0] || !ends[1]) {
        issue(ctx, at, 'op "between" needs [low, high]: two numbers or two dates');
      } else if (ends[0].kind !== ends[1].kind) {
        issue(ctx, at, 'op "between": both ends must be numbers or both dates');
      } else if (ends[0].value > ends[1].value) {
        issue(ctx, at, 'op "between": the low end is above the high end');
      }
      return;
    }
  }
}

/**
 * A pattern that can backtrack exponentially would hang the run on one unlucky cell, so it is
 * refused with the file position like any other schema error (src/text/regex-safety.ts).
 */
function checkRegexSafety(pattern: string, compiled: RegExp, ctx: Ctx, at: PropertyKey[]): void {
  const hazard = regexHazard(compiled.source, compiled.flags);
  if (hazard) issue(ctx, at, regexHazardMessage(pattern, hazard));
}

interface ConditionKeys {
  field?: string;
  op?: Operator;
  value?: unknown;
  all?: unknown;
  any?: unknown;
  not?: unknown;
}

/** Exactly one condition form; op and value fit each other. `required: false` allows none. */
function checkCondition(c: ConditionKeys, ctx: Ctx, required: boolean): void {
  const forms = (['field', 'all', 'any', 'not'] as const).filter((k) => c[k] !== undefined);
  if (forms.length === 0) {
    if (c.op !== undefined || c.value !== undefined) issue(ctx, [], 'op and value need a field');
    else if (required) issue(ctx, [], 'missing condition: give field + op (+ value), or all / any / not');
    return;
  }
  if (forms.length > 1) {
    issue(ctx, [forms[1]], `give one condition form, not ${forms.map((f) => `"${f}"`).join(' and ')} together`);
    return;
  }
  if (c.field !== undefined) {
    if (c.op === undefined) issue(ctx, [], `missing "op" for field "${c.field}" (one of ${OPERATORS.join(', ')})`);
    else checkValue(c.op, c.value, ctx);
  } else if (c.op !== undefined || c.value !== undefined) {
    issue(ctx, [c.op !== undefined ? 'op' : 'value'], `"${c.op !== undefined ? 'op' : 'value'}" belongs to a field condition, not to "${forms[0]}"`);
  }
}

const Condition: z.ZodType<ConditionSpec> = strict(conditionShape).superRefine((c, ctx) => checkCondition(c, ctx, true));

/* ------------------------------------------------------------------ classify */

const Band = strict({ label: z.string().min(1), max: z.number().optional() });

const Bands = z
  .array(Band)
  .min(1)
  .superRefine((bands, ctx) => {
    bands.forEach((b, i) => {
      if (b.max === undefined && i < bands.length - 1) issue(ctx, [i, 'label'], `band "${b.label}" has no max, so it must be the last band`);
      const prev = bands[i - 1]?.max;
      if (b.max !== undefined && prev !== undefined && b.max <= prev) issue(ctx, [i, 'max'], `band maxima must rise: ${b.max} is not above ${prev}`);
      if (bands.findIndex((o) => o.label === b.label) !== i) issue(ctx, [i, 'label'], `duplicate band label "${b.label}"`);
    });
  });

const TitleOverride = strict({
  match: z.string().min(1).optional(),
  regex: z.string().min(1).optional(),
  seniority: z.enum(SENIORITIES).optional(),
  department: z.string().min(1).optional(),
  buying_role: z.enum(BUYING_ROLES).optional(),
}).superRefine((t, ctx) => {
  if ((t.match === undefined) === (t.regex === undefined)) issue(ctx, [], 'a title rule needs exactly one of "match" or "regex"');
  if (t.seniority === undefined && t.department === undefined && t.buying_role === undefined) {
    issue(ctx, [], 'a title rule must set seniority, department or buying_role');
  }
  if (t.regex !== undefined) {
    let re: RegExp;
    try {
      re = compileTitlePattern(t.regex);
    } catch (e) {
      issue(ctx, ['regex'], `invalid regular expression: ${(e as Error).message}`);
      return;
    }
    // The compiled form is what runs ("ä" becomes "ae?"), so that is the one to check.
    checkRegexSafety(t.regex, re, ctx, ['regex']);
  }
});

const CountryCode = z.string().refine((c) => countryCode(c) !== '', 'not a country code (use ISO 3166 alpha-2, e.g. DE)');

const Classify = strict({
  /** Country assumed for rows with an empty country column (e.g. DE for a German trade-fair list). */
  default_country: CountryCode.optional(),
  /** Keep values a row already has in the output columns (e.g. a CRM's own segment). */
  keep_existing: z.boolean().default(true),
  size_bands: Bands.prefault(EU_SIZE_BANDS.map((b) => ({ ...b }))),
  revenue_bands: Bands.prefault(EU_REVENUE_BANDS.map((b) => ({ ...b }))),
  titles: z.array(TitleOverride).default([]),
});

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

const Score = strict({
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

/* ------------------------------------------------------------------ route */

const Member = z.preprocess(
  (v) => (typeof v === 'string' ? { name: v } : v),
  strict({
    name: z.string().min(1),
    /** Share of the team's leads relative to the other members (weighted rotation). */
    weight: z.number().positive().default(1),
    /** Inactive members (holiday, left) get no new leads; their existing leads move on. */
    active: z.boolean().default(true),
  }),
);

const Team = strict({
  /** round_robin: equal shares; weighted: shares by weight. Both are stable per lead, see src/route/rotation.ts. */
  rotation: z.enum(['round_robin', 'weighted']).default('round_robin'),
  members: z.array(Member).min(1),
}).superRefine((t, ctx) => {
  t.members.forEach((m, i) => {
    if (t.members.findIndex((o) => o.name === m.name) !== i) issue(ctx, ['members', i, 'name'], `duplicate member "${m.name}"`);
  });
});

const RouteRule = strict({
  name: Name,
  owner: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  ...conditionShape,
}).superRefine((r, ctx) => {
  if ((r.owner === undefined) === (r.team === undefined)) issue(ctx, [], `route rule "${r.name}" needs exactly one of "owner" or "team"`);
  checkCondition(r, ctx, false);
});

const Route = strict({
  default_owner: z.string().min(1).default('unassigned'),
  /** Rows that already have an owner keep it, unless that owner is an inactive team member. */
  keep_existing: z.boolean().default(true),
  /** Columns that identify a lead for rotation; the first non-empty one is used. */
  key_fields: z.array(Field).min(1).default(['email', 'record_id']),
  teams: z.record(Name, Team).default({}),
  rules: z.array(RouteRule).default([]),
}).superRefine((r, ctx) => {
  r.rules.forEach((rule, i) => {
    if (rule.team !== undefined && !Object.hasOwn(r.teams, rule.team)) {
      const known = Object.keys(r.teams);
      issue(ctx, ['rules', i, 'team'], `unknown team "${rule.team}"${known.length ? ` (teams: ${known.join(', ')})` : ' (no teams defined)'}`);
    }
    if (r.rules.findIndex((o) => o.name === rule.name) !== i) issue(ctx, ['rules', i, 'name'], `duplicate route rule name "${rule.name}"`);
  });
});

/* ------------------------------------------------------------------ suppress */

/** granted: only with documented consent; not_denied: unless refused; ignore: consent not checked. */
const ConsentPolicy = z.enum(['granted', 'not_denied', 'ignore']);

const Suppress = strict({
  /** Channels a row can be contacted on; a row with none left is suppressed. */
  channels: z.array(z.enum(['email', 'phone', 'post'])).min(1).default(['email', 'phone']),
  consent: strict({
    email: ConsentPolicy.default('granted'),
    phone_b2c: ConsentPolicy.default('granted'),
    phone_b2b: ConsentPolicy.default('not_denied'),
    post: ConsentPolicy.default('ignore'),
    /** How to treat rows classify could not place; b2c is the cautious choice. */
    unknown_segment: z.enum(['b2c', 'b2b']).default('b2c'),
    granted_values: z.array(z.string().min(1)).default([]),
    denied_values: z.array(z.string().min(1)).default([]),
  }).prefault({}),
  /** Domain lists also match the company website, not only the email domain. */
  match_website: z.boolean().default(true),
  /** Region for phone numbers written without country code, in lists and in rows without a country. */
  phone_region: CountryCode.default('DE'),
});

/* ------------------------------------------------------------------ the file */

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
export type ClassifyConfig = Rules['classify'];
export type ScoreConfig = Rules['score'];
export type ScoreGroup = ScoreConfig['fit']['groups'][number];
export type ScoreRuleConfig = ScoreGroup['rules'][number];
export type RouteConfig = Rules['route'];
export type TeamConfig = RouteConfig['teams'][string];
export type RouteRuleConfig = RouteConfig['rules'][number];
export type SuppressConfig = Rules['suppress'];
export type ConsentPolicyName = z.output<typeof ConsentPolicy>;
