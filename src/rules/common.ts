import { z } from 'zod';
import { OPERATORS, comparableOf, type ConditionSpec, type Operator } from '../score/conditions.js';
import { countryCode } from '../classify/region.js';
import { regexHazard, regexHazardMessage } from '../text/regex-safety.js';

/**
 * What every section of the rules file shares: strict objects, names, fields, values, the
 * condition schema (field + op + value, all / any / not) and its checks.
 */

/** Strict objects whose unknown-key error names the keys that are allowed. */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`
        : undefined,
  });
}

/** Rule, group and team names appear in score_reasons and route_rule, so they stay plain. */
export const Name = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'names may only contain letters, digits, "_", "-" and "." (they appear in score_reasons)');
export const Field = z.string().min(1, 'field must name a column');
export const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export const Value = z.union([Scalar, z.array(Scalar)]);

/* ------------------------------------------------------------------ conditions */

export const conditionShape = {
  field: Field.optional(),
  op: z.enum(OPERATORS).optional(),
  value: Value.optional(),
  all: z.array(z.lazy((): z.ZodType<ConditionSpec> => Condition)).min(1).optional(),
  any: z.array(z.lazy((): z.ZodType<ConditionSpec> => Condition)).min(1).optional(),
  not: z.lazy((): z.ZodType<ConditionSpec> => Condition).optional(),
};

export type Ctx = z.core.$RefinementCtx;

export function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
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
export function checkRegexSafety(pattern: string, compiled: RegExp, ctx: Ctx, at: PropertyKey[]): void {
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
export function checkCondition(c: ConditionKeys, ctx: Ctx, required: boolean): void {
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

export const Condition: z.ZodType<ConditionSpec> = strict(conditionShape).superRefine((c, ctx) => checkCondition(c, ctx, true));


/** A country option in a section: an ISO code or a name the country resolver knows. */
export const CountryCode = z.string().refine((c) => countryCode(c) !== '', 'not a country code (use ISO 3166 alpha-2, e.g. DE)');
