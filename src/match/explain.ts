/**
 * Explanations: why two records matched, field by field, in a shape usable for --report (the
 * one-line reason) and --explain (the full table).
 */
import type { FieldComparison, PairScore } from './scorer.js';

export interface PairExplanation {
  recordId: string;
  otherId: string;
  /** Total weight in bits. */
  weight: number;
  /** Match probability 0–1. */
  score: number;
  /** Different given names, genders or dates, or surnames without a shared personal email or phone: never in one cluster. */
  conflict: boolean;
  fields: FieldComparison[];
}

export interface RecordExplanation {
  recordId: string;
  clusterId: string;
  survivorId: string;
  isSurvivor: boolean;
  /** record_ids of all members, survivor first. */
  members: string[];
  /** Match probability needed to link, and the same as a weight. */
  threshold: number;
  thresholdWeight: number;
  /** The strongest match to another member: the link through which the record is in its cluster. */
  link?: PairExplanation;
  /** The comparison with the survivor, when the link partner is another member. */
  survivor?: PairExplanation;
}

export function pairExplanation(p: PairScore, recordId: string, otherId: string): PairExplanation {
  return { recordId, otherId, weight: p.weight, score: p.score, conflict: p.conflict, fields: p.fields };
}

/** "email=exact; first_name=nickname; last_name=exact": the fields that agreed, strongest first. */
export function matchReason(fields: readonly FieldComparison[]): string {
  return fields
    .filter((f) => f.weight > 0 && f.level !== 'capped')
    .sort((a, b) => b.weight - a.weight)
    .map((f) => `${f.field}=${f.level}`)
    .join('; ');
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function formatPair(p: PairExplanation, lines: string[]): void {
  lines.push(`  ${p.recordId} vs ${p.otherId}: weight ${p.weight.toFixed(1)} bits, score ${formatScore(p.score)}${p.conflict ? ' (conflict)' : ''}`);
  const w = Math.max(5, ...p.fields.map((f) => f.field.length));
  for (const f of p.fields) {
    const sign = f.weight >= 0 ? '+' : '';
    const values = f.a || f.b ? `  "${f.a}" / "${f.b}"` : '';
    const note = f.note ? `  (${f.note})` : '';
    lines.push(`    ${pad(f.field, w)}  ${pad(f.level, 11)} ${pad(sign + f.weight.toFixed(1), 6)}${values}${note}`);
  }
}

/** A plain-text rendering of a record explanation for `leadkit dedupe --explain`. */
export function formatExplanation(e: RecordExplanation): string {
  const lines: string[] = [];
  const others = e.members.length - 1;
  lines.push(`record ${e.recordId}: cluster ${e.clusterId}, ${others === 0 ? 'no duplicates' : `${others} duplicate${others === 1 ? '' : 's'}`}`);
  lines.push(`  survivor: ${e.survivorId}${e.isSurvivor ? ' (this record)' : ''}; members: ${e.members.join(', ')}`);
  lines.push(`  threshold: score ${formatScore(e.threshold)} = weight ${e.thresholdWeight.toFixed(1)} bits`);
  if (e.link) {
    lines.push('joined through its strongest match:');
    formatPair(e.link, lines);
  }
  if (e.survivor) {
    lines.push('compared with the survivor:');
    formatPair(e.survivor, lines);
  }
  return lines.join('\n');
}
