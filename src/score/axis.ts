import type { Row } from '../table.js';
import { compileCondition, cellNumber, type Predicate } from './conditions.js';
import { DAY_MS, parseDate } from './dates.js';
import type { ScoreGroup, ScoreRuleConfig } from '../rules/score.js';

/**
 * One scoring axis (fit or engagement): groups of rules, each group capped, the axis capped
 * in total and floored at zero. Arithmetic is done in tenths of a point, as integers, so the
 * reasons add up to the total exactly ("0.1 + 0.2" never shows up as 0.30000000000000004).
 *
 * Every adjustment is itself a reason: a group cap appears as "cap(group):-5", the axis cap as
 * "cap(fit):-12", the zero floor as "floor(fit):+8". The reasons of a row therefore always sum
 * to its score.
 */

export interface Reason {
  name: string;
  /** Points in tenths (15 points = 150). */
  tenths: number;
}

export interface AxisResult {
  tenths: number;
  reasons: Reason[];
}

export interface DecaySettings {
  /** as_of in epoch ms. */
  asOf: number;
  halfLifeDays: number;
  dateField: string;
}

interface CompiledRule {
  name: string;
  /** Points before decay, or undefined when the rule does not fire. */
  points(row: Row): number | undefined;
  decay: boolean;
  dateField?: string;
}

interface CompiledGroup {
  name: string;
  capTenths?: number;
  rules: CompiledRule[];
}

export interface CompiledAxis {
  name: string;
  totalCapTenths: number;
  groups: CompiledGroup[];
  decay?: DecaySettings;
}

function compileRule(rule: ScoreRuleConfig, decayByDefault: boolean): CompiledRule {
  let points: CompiledRule['points'];
  if (rule.per !== undefined) {
    // Count rule: "per" points for each unit in a numeric column, up to "max".
    const field = rule.field as string;
    const per = rule.per;
    const max = rule.max;
    points = (row) => {
      const n = cellNumber((row[field] ?? '').trim());
      if (n === undefined || n <= 0) return undefined;
      const p = n * per;
      return max === undefined ? p : Math.min(p, max);
    };
  } else {
    const when: Predicate = compileCondition(rule);
    const p = rule.points as number;
    points = (row) => (when(row) ? p : undefined);
  }
  return { name: rule.name, points, decay: rule.decay ?? decayByDefault, dateField: rule.date_field };
}

export function compileAxis(name: string, groups: readonly ScoreGroup[], totalCap: number, decay?: DecaySettings): CompiledAxis {
  return {
    name,
    totalCapTenths: Math.round(totalCap * 10),
    groups: groups.map((g) => ({
      name: g.name,
      capTenths: g.cap === undefined ? undefined : Math.round(g.cap * 10),
      rules: g.rules.map((r) => compileRule(r, decay !== undefined)),
    })),
    decay,
  };
}

/**
 * Exponential decay: 0.5 ^ (age in days / half-life). Activity after as_of counts as today;
 * a row without a readable date is not decayed (there is nothing to decay from).
 */
export function decayFactor(dateCell: string, settings: DecaySettings): number {
  const at = parseDate(dateCell);
  if (at === undefined) return 1;
  const ageDays = Math.max(0, (settings.asOf - at) / DAY_MS);
  return Math.pow(0.5, ageDays / settings.halfLifeDays);
}

export function scoreAxis(axis: CompiledAxis, row: Row): AxisResult {
  const reasons: Reason[] = [];
  let total = 0;
  for (const group of axis.groups) {
    let sum = 0;
    for (const rule of group.rules) {
      let p = rule.points(row);
      if (p === undefined) continue;
      if (rule.decay && axis.decay) p *= decayFactor(row[rule.dateField ?? axis.decay.dateField] ?? '', axis.decay);
      const tenths = Math.round(p * 10);
      reasons.push({ name: rule.name, tenths });
      sum += tenths;
    }
    if (group.capTenths !== undefined && sum > group.capTenths) {
      reasons.push({ name: `cap(${group.name})`, tenths: group.capTenths - sum });
      sum = group.capTenths;
    }
    total += sum;
  }
  if (total > axis.totalCapTenths) {
    reasons.push({ name: `cap(${axis.name})`, tenths: axis.totalCapTenths - total });
    total = axis.totalCapTenths;
  }
  if (total < 0) {
    reasons.push({ name: `floor(${axis.name})`, tenths: -total });
    total = 0;
  }
  return { tenths: total, reasons };
}

/** Tenths as a number string: 150 → "15", 35 → "3.5", -50 → "-5". */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const frac = abs % 10;
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** "name:+15", "name:-5", "name:+0". */
export function formatReason(r: Reason): string {
  return `${r.name}:${r.tenths < 0 ? '' : '+'}${formatTenths(r.tenths)}`;
}
