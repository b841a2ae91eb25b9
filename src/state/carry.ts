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
 * - no delta field, and no field the route rules read, depends on the run's date (score's
 *   columns, classify's record age): a carried person's score would be last night's;
 * - the steps after dedupe, their options, the contents of the files they name, the delta fields
 *   and the leadkit version are those of the last night (the state keeps their fingerprint).
 */
import { createHash } from 'node:crypto';
import type { DeltaKind } from './delta.js';
import { SCORE_COLUMNS } from '../score/score-row.js';
import { FRESHNESS_COLUMNS } from '../classify/enrich-row.js';

/** The steps a carried person skips. */
export const CARRY_STEPS: readonly string[] = ['classify', 'score', 'route'];

/** Columns whose value for the same row changes with the run's date. */
export const DATE_COLUMNS: ReadonlySet<string> = new Set<string>([...SCORE_COLUMNS, ...FRESHNESS_COLUMNS]);

export interface CarryStep {
  command: string;
  /** The step's options as bound (bind-options.ts); a report step has none that matter here. */
  options: Record<string, unknown>;
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
  /** A hash of a file's contents, undefined when the value names no regular file. */
  fileHash: (value: string) => string | undefined;
}

export interface CarryPlan {
  /** Why tonight cannot carry, whatever the state says; '' when it can. */
  off: string;
  /** What the state keeps to tell whether the next night's steps are tonight's ('' when off). */
  fingerprint: string;
}

/** Option keys that are not about the rows' values (the date is handled by DATE_COLUMNS). */
const IGNORED_OPTIONS = new Set(['asOf', 'quiet', 'verbose']);

export function carryPlan(input: CarryInput): CarryPlan {
  const off = (why: string): CarryPlan => ({ off: why, fingerprint: '' });
  const dedupes = input.steps.flatMap((s, i) => (s.command === 'dedupe' ? [i] : []));
  if (dedupes.length === 0) return off('no dedupe step');
  if (dedupes.length > 1) return off('more than one dedupe step');
  const dedupe = input.steps[dedupes[0]];
  if ((dedupe.options.mode ?? 'merge') !== 'merge') return off('dedupe keeps every row (--mode flag)');
  const after = input.steps.slice(dedupes[0] + 1);
  const other = after.find((s) => s.report || !CARRY_STEPS.includes(s.command));
  if (other) return off(`the step ${other.command} after dedupe`);
  if (input.outputs.some((o) => o === undefined || o.includes('unchanged'))) return off('an output takes unchanged rows');
  const dated = input.deltaFields.find((f) => DATE_COLUMNS.has(f));
  if (dated) return off(`the delta field ${dated} changes with the date`);
  const routed = after.some((s) => s.command === 'route') ? input.routeFields.find((f) => DATE_COLUMNS.has(f)) : undefined;
  if (routed) return off(`the route rules read ${routed}, which changes with the date`);
  const steps = after.map((s) => [s.command, optionsPrint(s.options, input.fileHash)]);
  const text = JSON.stringify({ leadkit: input.leadkitVersion, delta_fields: input.deltaFields, steps });
  return { off: '', fingerprint: createHash('sha256').update(text).digest('base64url').slice(0, 22) };
}

/** A step's options in a fixed order, a file named by one as the hash of its contents too. */
function optionsPrint(options: Record<string, unknown>, fileHash: (value: string) => string | undefined): [string, unknown, string?][] {
  const out: [string, unknown, string?][] = [];
  for (const key of Object.keys(options).sort()) {
    if (IGNORED_OPTIONS.has(key)) continue;
    const v = options[key];
    const values = Array.isArray(v) ? v : [v];
    const hashes = values.map((x) => (typeof x === 'string' ? fileHash(x) : undefined)).filter((h): h is string => h !== undefined);
    out.push(hashes.length ? [key, v, hashes.join(',')] : [key, v]);
  }
  return out;
}

/** Whether tonight carries, given the plan and the fingerprint last night's state kept; why not when not. */
export function carryDecision(plan: CarryPlan, previous: { empty: boolean; steps?: string }): { carrying: boolean; off: string } {
  if (plan.off) return { carrying: false, off: plan.off };
  if (previous.empty) return { carrying: false, off: '' };
  if (previous.steps === undefined) return { carrying: false, off: 'the last night kept no fingerprint of its steps' };
  if (previous.steps !== plan.fingerprint) return { carrying: false, off: 'the steps after dedupe, their options or files changed since the last night' };
  return { carrying: true, off: '' };
}
