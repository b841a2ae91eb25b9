/**
 * Reading --decisions files (dedupe, match): each through the I/O layer like any input (its own
 * encoding, delimiter, BOM; an .xlsx saved by the analyst too), into one PairDecisions in which a
 * later file or line decides a pair again. The values and columns are checked by DecisionReader
 * (src/match/decisions.ts), with the file and line of anything it cannot read.
 */
import type { Context } from '../context.js';
import { openSource } from '../io/read.js';
import { DecisionReader, PairDecisions } from '../match/decisions.js';
import { UsageError } from '../errors.js';

export async function readDecisions(files: readonly string[] | undefined, ctx: Context): Promise<PairDecisions | undefined> {
  if (!files || files.length === 0) return undefined;
  const decisions = new PairDecisions();
  for (const file of files) {
    if (file === '-') throw new UsageError('--decisions needs a file: standard input carries the rows');
    const src = await openSource(file, { strict: ctx.io.strict }, ctx.stdin);
    const reader = new DecisionReader(file, src.columns, decisions);
    for await (const batch of src.records) for (const rec of batch) reader.add(rec.fields, rec.line);
  }
  return decisions;
}

/** "; decisions: 3 applied, 1 ignored (records not in the input)" for a summary line. */
export function decisionsNote(given: number, applied: number, where: string): string {
  if (given === 0) return '';
  const ignored = given - applied;
  return `; decisions: ${applied} applied${ignored ? `, ${ignored} ignored (records not in ${where})` : ''}`;
}
