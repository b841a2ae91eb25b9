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
  /** The link is a decision (--decisions: same), not a score at or above the threshold. */
  linkDecided?: boolean;
  /**
   * Why not: the records blocking compared this one with that are in other clusters, best first
   * (at most a few), each with the reason it was not merged.
   */
  candidates?: CandidateExplanation[];
  /** Records blocking compared this one with, outside its cluster (candidates holds the best of them). */
  compared?: number;
}

/**
 * Why a compared record is in another cluster:
 * - below_threshold: the pair scored less than the threshold
 * - conflict: different given names, genders or birth dates, or surnames without a shared identifier
 * - decision: the pair (or a pair across the two clusters) was decided different
 * - guard: the pair scored enough, but the anti-chaining guard kept the two clusters apart (a
 *   member of one conflicts with, or scores below the floor against, a member of the other)
 * - size: the two clusters together would exceed the largest cluster allowed
 */
export type NotMergedReason = 'below_threshold' | 'conflict' | 'decision' | 'guard' | 'size';

export interface CandidateExplanation extends PairExplanation {
  /** cluster_id of the other record. */
  clusterId: string;
  reason: NotMergedReason;
  /** The reason in words: "below threshold: 9.3 of 16.2 bits", "conflict: first_name differs". */
  detail: string;
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

/**
 * Every compared field with its level and weight, in the order compared:
 * "first_name=initial +2.3; last_name=exact +8.1; email=differ -1.5". A hard conflict leads.
 */
export function evidence(fields: readonly FieldComparison[], conflict = false): string {
  const parts = fields.map((f) => `${f.field}=${f.level} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)}`);
  return (conflict ? ['conflict', ...parts] : parts).join('; ');
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function formatPair(p: PairExplanation, lines: string[], indent = ''): void {
  lines.push(`${indent}  ${p.recordId} vs ${p.otherId}: weight ${p.weight.toFixed(1)} bits, score ${formatScore(p.score)}${p.conflict ? ' (conflict)' : ''}`);
  const w = Math.max(5, ...p.fields.map((f) => f.field.length));
  for (const f of p.fields) {
    const sign = f.weight >= 0 ? '+' : '';
    const values = f.a || f.b ? `  "${f.a}" / "${f.b}"` : '';
    const note = f.note ? `  (${f.note})` : '';
    lines.push(`${indent}    ${pad(f.field, w)}  ${pad(f.level, 11)} ${pad(sign + f.weight.toFixed(1), 6)}${values}${note}`);
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
    lines.push(e.linkDecided ? 'joined by a decision (--decisions: same):' : 'joined through its strongest match:');
    formatPair(e.link, lines);
  }
  if (e.survivor) {
    lines.push('compared with the survivor:');
    formatPair(e.survivor, lines);
  }
  if (e.candidates) {
    const compared = e.compared ?? e.candidates.length;
    if (compared === 0) lines.push('not merged with: no record outside its cluster was compared with it (no blocking key in common)');
    else {
      const shown = e.candidates.length < compared ? `the best ${e.candidates.length} of ${compared} records` : `${compared} ${compared === 1 ? 'record' : 'records'}`;
      lines.push(`not merged with (${shown} outside its cluster that blocking compared it with):`);
      for (const c of e.candidates) {
        lines.push(`  ${c.otherId} (cluster ${c.clusterId}): ${c.detail}`);
        formatPair(c, lines, '  ');
      }
    }
  }
  return lines.join('\n');
}
