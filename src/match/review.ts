/**
 * The review file of `dedupe --review FILE`: the pairs a person should look at, side by side, with
 * an empty decision column to fill in with `same` or `different` and give back as --decisions.
 *
 * A pair is borderline when
 * - it scored between the review threshold (--review-threshold, a probability, default 0.5) and the
 *   merge threshold, so it was not merged through this pair (review_reason below_threshold, or
 *   conflict when it also has a hard conflict), or
 * - it decided a merge by a narrow margin: its weight was less than NARROW_MARGIN bits above the
 *   threshold (review_reason narrow_merge).
 * Pairs already decided in --decisions are not listed again.
 */
import type { Row } from '../table.js';
import { evidence, formatScore } from './explain.js';
import type { PairScore } from './scorer.js';

/** A merge whose deciding weight is less than this many bits above the threshold is narrow. */
export const NARROW_MARGIN = 2;

/** Pairs from this match probability up to the threshold are borderline (dedupe --review-threshold). */
export const DEFAULT_REVIEW_THRESHOLD = 0.5;

/** The fields shown side by side, as a_<field> and b_<field>. */
export const REVIEW_FIELDS = ['first_name', 'last_name', 'company', 'email', 'phone', 'postal_code', 'city', 'birth_date'] as const;

export type ReviewReason = 'narrow_merge' | 'below_threshold' | 'conflict';

export const REVIEW_COLUMNS: readonly string[] = [
  'record_id_a',
  'record_id_b',
  'match_score',
  'match_weight',
  'decision',
  'review_reason',
  'merged',
  ...REVIEW_FIELDS.flatMap((f) => [`a_${f}`, `b_${f}`]),
  'evidence',
];

/** One row of the review file: record a is the one with the smaller record_id. */
export function reviewRow(p: PairScore, rowAt: (i: number) => Row, recordId: (i: number) => string, reason: ReviewReason, merged: boolean): Row {
  let [i, j] = [p.a, p.b];
  if (recordId(j) < recordId(i)) [i, j] = [j, i];
  const out: Row = {
    record_id_a: recordId(i),
    record_id_b: recordId(j),
    match_score: formatScore(p.score),
    match_weight: p.weight.toFixed(1),
    decision: '',
    review_reason: reason,
    merged: merged ? 'yes' : 'no',
  };
  const a = rowAt(i);
  const b = rowAt(j);
  for (const f of REVIEW_FIELDS) {
    out[`a_${f}`] = a[f] ?? '';
    out[`b_${f}`] = b[f] ?? '';
  }
  out.evidence = evidence(p.fields, p.conflict);
  return out;
}
