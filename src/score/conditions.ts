import type { Row } from '../table.js';
import { foldForCompare as foldText } from '../text/fold.js';
import { parseLocaleNumber } from '../classify/locale-number.js';
import { parseQuantityRange } from '../classify/quantity-range.js';
import { parseDate } from './dates.js';

/**
 * Conditions shared by score and route rules: `field op value`, combined with all / any / not.
 *
 * Comparison semantics, chosen so rules read the way a sales team writes them:
 * - eq, ne, in, not_in, contains compare text case-insensitively with umlauts folded
 *   ("Zürich" eq "zuerich"); a number in the rule compares numerically ("10" eq 10.0).
 * - regex runs on the cell as written, case-insensitive, Unicode-aware.
 * - gt, gte, lt, lte, between compare dates when the rule value is a date (ISO or dd.mm.yyyy),
 *   otherwise numbers: "1.234,5" and "1,234.5" both read as 1234.5, and a vendor range such as
 *   "51-200" reads as its midpoint, "50+" as 50. A cell that is no number/date never matches.
 * - A missing column is an empty cell: `empty` is true, `ne` is true, everything else false.
 */

export const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'contains', 'regex', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean;
export type RuleValue = Scalar | Scalar[];

export interface FieldCondition {
  field: string;
  op: Operator;
  value?: RuleValue;
}

/** A condition as written in the rules file; exactly one of the forms is set. */
export interface ConditionSpec {
  field?: string;
  op?: Operator;
  value?: RuleValue;
  all?: ConditionSpec[];
  any?: ConditionSpec[];
  not?: ConditionSpec;
}

export type Predicate = (row: Row) => boolean;

/** A rule value as a comparable point: a date (epoch ms) or a number. */
export interface Comparable {
  kind: 'date' | 'number';
  value: number;
}

/**
 * Reads a rule value for ordering operators: "2024-01-31", "2024-01-31T08:00Z" and
 * "31.01.2024" are dates (two dots make a German date, one dot a decimal number), everything
 * else must be a number.
 */
export function comparableOf(v: Scalar): Comparable | undefined {
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return undefined;
  const s = v.trim();
  if (/^\d{4}[-/]\d{1,2}[-/]\d{1,2}/.test(s) || /^\d{1,2}\.\d{1,2}\.\d{2,4}\b/.test(s)) {
    const d = parseDate(s);
    return d === undefined ? undefined : { kind: 'date', value: d };
  }
  const n = parseLocaleNumber(s);
  return n === undefined ? undefined : { kind: 'number', value: n };
}

/** A cell as a number: plain numbers in either locale, else a quantity range's midpoint. */
export function cellNumber(cell: string): number | undefined {
  const n = parseLocaleNumber(cell);
  if (n !== undefined) return n;
  const r = parseQuantityRange(cell, false);
  if (!r) return undefined;
  return Number.isFinite(r.max) ? (r.min + r.max) / 2 : r.min;
}

function cellAs(kind: Comparable['kind'], cell: string): number | undefined {
  return kind === 'date' ? parseDate(cell) : cellNumber(cell);
}

function textEquals(value: Scalar): (cell: string) => boolean {
  if (typeof value === 'number') {
    return (cell) => cellNumber(cell) === value;
  }
  const want = foldText(String(value).trim());
  return (cell) => foldText(cell) === want;
}

function asList(v: RuleValue | undefined): Scalar[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function compileField(c: FieldCondition): Predicate {
  const get = (row: Row): string => (row[c.field] ?? '').trim();
  switch (c.op) {
    case 'empty':
      return (row) => get(row) === '';
    case 'not_empty':
      return (row) => get(row) !== '';
    case 'eq': {
      const eq = textEquals(c.value as Scalar);
      return (row) => eq(get(row));
    }
    case 'ne': {
      const eq = textEquals(c.value as Scalar);
      return (row) => !eq(get(row));
    }
    case 'in':
    case 'not_in': {
      const tests = asList(c.value).map(textEquals);
      const negate = c.op === 'not_in';
      return (row) => {
        const cell = get(row);
        return tests.some((t) => t(cell)) !== negate;
      };
    }
    case 'contains': {
      const needles = asList(c.value).map((v) => foldText(String(v)));
      return (row) => {
        const cell = foldText(get(row));
        return needles.some((n) => cell.includes(n));
      };
    }
    case 'regex': {
      const re = new RegExp(String(c.value), 'iu');
      return (row) => re.test(get(row));
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const want = comparableOf(c.value as Scalar);
      if (!want) return () => false;
      const op = c.op;
      return (row) => {
        const have = cellAs(want.kind, get(row));
        if (have === undefined) return false;
        if (op === 'gt') return have > want.value;
        if (op === 'gte') return have >= want.value;
        if (op === 'lt') return have < want.value;
        return have <= want.value;
      };
    }
    case 'between': {
      const [lo, hi] = asList(c.value).map(comparableOf);
      if (!lo || !hi) return () => false;
      return (row) => {
        const have = cellAs(lo.kind, get(row));
        return have !== undefined && have >= lo.value && have <= hi.value;
      };
    }
  }
}

/** Compiles a condition once (regexes, numbers, dates) into a predicate over rows. */
export function compileCondition(spec: ConditionSpec): Predicate {
  if (spec.all) {
    const parts = spec.all.map(compileCondition);
    return (row) => parts.every((p) => p(row));
  }
  if (spec.any) {
    const parts = spec.any.map(compileCondition);
    return (row) => parts.some((p) => p(row));
  }
  if (spec.not) {
    const inner = compileCondition(spec.not);
    return (row) => !inner(row);
  }
  if (spec.field !== undefined && spec.op !== undefined) {
    return compileField({ field: spec.field, op: spec.op, value: spec.value });
  }
  return () => true;
}

/** Whether a spec carries any condition (rules without one always match). */
export function hasCondition(spec: ConditionSpec): boolean {
  return spec.field !== undefined || spec.all !== undefined || spec.any !== undefined || spec.not !== undefined;
}

/** Every column a condition reads, so a command can warn about columns the input lacks. */
export function conditionFields(spec: ConditionSpec): string[] {
  const out: string[] = [];
  if (spec.field !== undefined) out.push(spec.field);
  for (const c of [...(spec.all ?? []), ...(spec.any ?? []), ...(spec.not ? [spec.not] : [])]) out.push(...conditionFields(c));
  return out;
}

const ORDERING: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte', 'between']);

/**
 * The fields whose cell an ordering condition (gt … between) could not read as the number or
 * date it compares with: such a cell never matches, and that should be counted, not silent.
 * Empty cells are not unreadable (they are simply empty). The check gives "" when all were
 * readable, or their names joined by ";"; undefined means the condition compares no number or date.
 */
export function compileUnreadable(spec: ConditionSpec): ((row: Row) => string) | undefined {
  const checks: Array<{ field: string; kind: Comparable['kind'] }> = [];
  const walk = (c: ConditionSpec): void => {
    if (c.field !== undefined && c.op !== undefined && ORDERING.has(c.op)) {
      const first = Array.isArray(c.value) ? c.value[0] : c.value;
      const want = first === undefined ? undefined : comparableOf(first);
      if (want && !checks.some((x) => x.field === c.field && x.kind === want.kind)) checks.push({ field: c.field, kind: want.kind });
    }
    for (const inner of [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])]) walk(inner);
  };
  walk(spec);
  if (checks.length === 0) return undefined;
  return (row) => {
    let out = '';
    for (const { field, kind } of checks) {
      const cell = (row[field] ?? '').trim();
      if (cell !== '' && cellAs(kind, cell) === undefined && !out.split(';').includes(field)) out = out ? `${out};${field}` : field;
    }
    return out;
  };
}
