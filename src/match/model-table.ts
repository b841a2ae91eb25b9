/**
 * The comparison table with the weights of one model, as `dedupe --explain` prints it and
 * `--save-model` writes it for the reader: every compared field, its comparator, and each level's
 * m, u and bits, with what the learnt ones were estimated from.
 */
import { isMu, levelPenalty, levelWeights, type Comparison } from './comparison-table.js';
import type { Learnt, LearntLevel } from './learn.js';
import type { Model } from './model.js';

export interface ModelLevelRow {
  level: string;
  m: number;
  /** A level with fixed u; absent where u is the agreeing value's frequency (uMin–uMax). */
  u?: number;
  uMin?: number;
  uMax?: number;
  /** log2(m/u); for a frequency level, the weights of its most and least frequent values. */
  bits: number | [number, number];
  /** "same organisation or place" evidence, capped with the rest of it. */
  context: boolean;
  /** Bits taken off the level's weight. */
  penalty?: number;
  note?: string;
  /** For a learnt level: the prior and the anchor pairs it was estimated from. */
  learnt?: { priorM: number; priorU?: number; anchors: number; count: number };
}

export interface ModelTableRow {
  field: string;
  comparator: string;
  description: string;
  levels: ModelLevelRow[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function modelTable(table: readonly Comparison[], model: Model, learnt?: Learnt): ModelTableRow[] {
  const learntOf = new Map<string, LearntLevel>();
  for (const l of learnt?.levels ?? []) learntOf.set(`${l.field}\u0000${l.level}`, l);
  return table.map((c) => ({
    field: c.field,
    comparator: c.comparator,
    description: c.description,
    levels: c.levels.map((spec) => {
      const w = levelWeights(model, spec);
      const penalty = levelPenalty(model, spec);
      const row: ModelLevelRow = isMu(w)
        ? { level: spec.level, m: round(w.m), u: round(w.u), bits: round(Math.log2(w.m / w.u) - penalty), context: spec.context }
        : { level: spec.level, m: round(w.m), uMin: w.uMin, uMax: w.uMax, bits: [round(Math.log2(w.m / w.uMax) - penalty), round(Math.log2(w.m / w.uMin) - penalty)], context: spec.context };
      if (penalty) row.penalty = penalty;
      if (spec.note) row.note = spec.note;
      const l = spec.learn ? learntOf.get(`${c.field}\u0000${spec.level}`) : undefined;
      if (l) row.learnt = l.priorU === undefined ? { priorM: round(l.priorM), anchors: l.anchors, count: l.count } : { priorM: round(l.priorM), priorU: round(l.priorU), anchors: l.anchors, count: l.count };
      return row;
    }),
  }));
}

/** The table as text: one line per level, learnt levels with their prior beside them. */
export function formatModelTable(rows: readonly ModelTableRow[], model: Model, learnt?: Learnt): string {
  const lines: string[] = [];
  if (learnt) {
    lines.push(`weights learnt from this list (${learnt.anchorPairs} pairs tied by an email, phone or identifier; ${learnt.nameAnchorPairs} by a rare full name; ${learnt.randomPairs} random pairs):`);
    if (learnt.nicknames?.length) lines.push(`  nicknames learnt from shared emails: ${learnt.nicknames.map(([a, b]) => `${a} = ${b}`).join(', ')}`);
  } else lines.push('weights of the given model:');
  lines.push(`  ${'field'.padEnd(18)} ${'level'.padEnd(12)} ${'m'.padStart(6)} ${'u'.padStart(15)}  bits`);
  for (const r of rows) {
    lines.push(`  ${r.field} (${r.comparator}): ${r.description}`);
    for (const l of r.levels) {
      const u = l.u !== undefined ? fixed(l.u) : `${fixed(l.uMin as number)}–${fixed(l.uMax as number)}`;
      const bits = Array.isArray(l.bits) ? `${signed(l.bits[0])} … ${signed(l.bits[1])} (by frequency)` : signed(l.bits);
      const extra = [l.note ?? '', l.context ? 'context' : '', l.penalty ? `−${l.penalty} penalty` : '', learntNote(l)].filter(Boolean).join('; ');
      lines.push(`    ${''.padEnd(16)} ${l.level.padEnd(12)} ${fixed(l.m).padStart(6)} ${u.padStart(15)}  ${bits}${extra ? `  (${extra})` : ''}`);
    }
  }
  lines.push(`  caps: names ${model.nameCap} bits, organisation and place ${model.contextCap} bits (${model.accountCap} between records without a person); a disagreement of ${model.vetoBits} bits or less keeps records apart unless an identifier agrees`);
  return lines.join('\n');
}

function learntNote(l: ModelLevelRow): string {
  if (!l.learnt) return '';
  const prior = l.learnt.priorU === undefined ? `m ${fixed(l.learnt.priorM)}` : `${signed(Math.log2(l.learnt.priorM / l.learnt.priorU))} bits`;
  return `learnt from ${l.learnt.count} of ${l.learnt.anchors} anchor pairs; prior ${prior}`;
}

function fixed(x: number): string {
  return x >= 0.001 || x === 0 ? x.toFixed(3) : x.toExponential(1);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}
