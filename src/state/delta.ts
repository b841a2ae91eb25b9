/**
 * Choosing rows by their delta (`only: [new, changed]` on a pipeline output, `leadkit export
 * --delta new,changed`). Rows left out are not lost: they are in the state and in every output
 * that takes all rows; the summary counts them per output as held back, never as rejected.
 */
import { UsageError } from '../errors.js';
import type { Row } from '../table.js';

/** What a row is to the last night: a person not seen, seen with a delta field changed, or seen as it was. */
export type DeltaKind = 'new' | 'changed' | 'unchanged';
export const DELTA_KINDS: readonly DeltaKind[] = ['new', 'changed', 'unchanged'];

/** The kinds named, checked: a typo ("chanegd") must stop the run before it starts. */
export function parseDeltaKinds(values: readonly string[], where: string): DeltaKind[] {
  const out: DeltaKind[] = [];
  for (const raw of values) {
    const v = raw.trim().toLowerCase();
    if (!(DELTA_KINDS as readonly string[]).includes(v)) throw new UsageError(`${where}: "${raw}" is no delta (new, changed, unchanged)`);
    if (!out.includes(v as DeltaKind)) out.push(v as DeltaKind);
  }
  if (out.length === 0) throw new UsageError(`${where}: name at least one of new, changed, unchanged`);
  return out;
}

/** The rows whose delta cell is one of `kinds`; `held.n` counts the others. */
export async function* rowsWithDelta(batches: AsyncIterable<Row[]>, kinds: readonly DeltaKind[], held: { n: number }): AsyncGenerator<Row[]> {
  const keep = new Set<string>(kinds);
  for await (const batch of batches) {
    const out: Row[] = [];
    for (const row of batch) {
      if (keep.has((row.delta ?? '').trim())) out.push(row);
      else held.n++;
    }
    if (out.length) yield out;
  }
}
