/**
 * Whether a night carries its unchanged persons over. A person dedupe finds exactly as last
 * night (the same records, each row unchanged, no new record joined) and whom an output already
 * delivered is unchanged tonight whatever the later steps say, provided those steps would say
 * what they said last night: then classify, score and route need not run for it, and no output
 * needs its row, because every output holds unchanged rows back. That is what makes a night cost
 * the reading of the lists plus the work on what changed.
 *
 * It holds only when all of these do; otherwise every person goes through every step, and the
 * summary says why (delta.carry_off):
 * - one dedupe step, in merge mode, and after it only classify, score and route (steps whose
 *   value for a row depends on the row, their options and rules files, and the run's date);
 * - every output takes only new and changed rows (`only: [new, changed]`), and no report step
 *   comes after dedupe;
 * - no --fail-if check is read off the rows' columns (email_invalid_rate, grade_a_rate, …: the
 *   carried rows do not have the columns of the steps they skip); the counted ones (rows, new_rows,
 *   rejected_rate, …) are as in a full night;
 * - no delta field, and no field the route rules read, depends on the run's date (score's
 *   columns, classify's record age): a carried person's score would be last night's;
 * - dedupe and the steps after it, their options, the contents of the files they read, the delta
 *   fields and the leadkit version are those of the last night (the state keeps their fingerprint);
 *   dedupe's decisions may change (a decision that splits or joins a person unsettles it);
 * - and, per person, dedupe ranks the records as last night (carriedClusters): the merged row is
 *   then last night's too.
 */
import { createHash } from 'node:crypto';
import type { DeltaKind } from './delta.js';
import { DATE_COLUMNS } from '../rules/date-columns.js';

/** The steps a carried person skips. */
export const CARRY_STEPS: readonly string[] = ['classify', 'score', 'route'];

export interface CarryStep {
  command: string;
  /** The step's options as bound (bind-options.ts); a report step has none that matter here. */
  options: Record<string, unknown>;
  /** The keys of options that name files the step reads (rules, a model): their contents count. */
  inputFiles?: readonly string[];
  /** A report step (it sees every row it is given). */
  report?: boolean;
}

export interface CarryInput {
  steps: readonly CarryStep[];
  /** Per output: the deltas it takes, undefined for every row. */
  outputs: readonly (readonly DeltaKind[] | undefined)[];
  deltaFields: readonly string[];
  /** The fields the route step's rules read ([] without a route step). */
  routeFields: readonly string[];
  leadkitVersion: string;
  /** The --fail-if metrics that are read off the rows' columns (thresholds.ts readsColumns). */
  columnChecks: readonly string[];
  /** A hash of a file's contents, undefined when the value names no regular file. */
  fileHash: (value: string) => string | undefined;
}

export interface CarryPlan {
  /** Why tonight cannot carry, whatever the state says; '' when it can. */
  off: string;
  /** What the state keeps to tell whether the next night's steps are tonight's ('' without a single dedupe step). */
  fingerprint: string;
}

/**
 * Option keys that are not about the rows' values: the date (DATE_COLUMNS handles it), dedupe's
 * decisions (a decision that changes a person unsettles it), the files a step writes, where
 * dedupe holds its rows and how many worker threads a stage uses (the same output either way).
 */
const IGNORED_OPTIONS = new Set(['asOf', 'quiet', 'verbose', 'decisions', 'report', 'review', 'saveModel', 'summaryJson', 'explain', 'spillAbove', 'jobs']);

export function carryPlan(input: CarryInput): CarryPlan {
  const dedupes = input.steps.flatMap((s, i) => (s.command === 'dedupe' ? [i] : []));
  if (dedupes.length === 0) return { off: 'no dedupe step', fingerprint: '' };
  if (dedupes.length > 1) return { off: 'more than one dedupe step', fingerprint: '' };
  const dedupe = input.steps[dedupes[0]];
  const after = input.steps.slice(dedupes[0] + 1);
  // Kept whether or not tonight carries: a night held back by its outputs or checks must not keep the next one from carrying.
  const steps = [dedupe, ...after].map((s) => [s.command, optionsPrint(s, input.fileHash)]);
  const text = JSON.stringify({ leadkit: input.leadkitVersion, delta_fields: input.deltaFields, steps });
  const fingerprint = createHash('sha256').update(text).digest('base64url').slice(0, 22);
  return { off: carryOff(input, dedupe, after), fingerprint };
}

/** Why a night of this pipeline cannot carry ('' when it can). */
function carryOff(input: CarryInput, dedupe: CarryStep, after: readonly CarryStep[]): string {
  if ((dedupe.options.mode ?? 'merge') !== 'merge') return 'dedupe keeps every row (--mode flag)';
  const other = after.find((s) => s.report || !CARRY_STEPS.includes(s.command));
  if (other) return `the step ${other.command} after dedupe`;
  if (input.outputs.some((o) => o === undefined || o.includes('unchanged'))) return 'an output takes unchanged rows';
  if (input.columnChecks.length) return `--fail-if ${input.columnChecks[0]} is read off every row's columns`;
  const dated = input.deltaFields.find((f) => DATE_COLUMNS.has(f));
  if (dated) return `the delta field ${dated} changes with the date`;
  const routed = after.some((s) => s.command === 'route') ? input.routeFields.find((f) => DATE_COLUMNS.has(f)) : undefined;
  if (routed) return `the route rules read ${routed}, which changes with the date`;
  return '';
}

/** A step's options in a fixed order, a file it reads as the hash of its contents too. */
function optionsPrint(step: CarryStep, fileHash: (value: string) => string | undefined): [string, unknown, string?][] {
  const out: [string, unknown, string?][] = [];
  for (const key of Object.keys(step.options).sort()) {
    if (IGNORED_OPTIONS.has(key)) continue;
    const v = step.options[key];
    if (!step.inputFiles?.includes(key)) {
      out.push([key, v]);
      continue;
    }
    const values = Array.isArray(v) ? v : [v];
    out.push([key, v, values.map((x) => (typeof x === 'string' ? (fileHash(x) ?? '') : '')).join(',')]);
  }
  return out;
}

/** Whether tonight carries, given the plan and the fingerprint last night's state kept; why not when not. */
export function carryDecision(plan: CarryPlan, previous: { empty: boolean; steps?: string }): { carrying: boolean; off: string } {
  if (plan.off) return { carrying: false, off: plan.off };
  if (previous.empty) return { carrying: false, off: '' };
  if (previous.steps === undefined) return { carrying: false, off: 'the last night kept no fingerprint of its steps' };
  if (previous.steps !== plan.fingerprint) return { carrying: false, off: 'dedupe or the steps after it, their options or files changed since the last night' };
  return { carrying: true, off: '' };
}
