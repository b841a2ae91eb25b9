/**
 * export's rows in --sort order, held as dedupe holds its own (hold-rows.ts): in memory, or past
 * --spill-above in a temporary file with only the sort keys' cells in memory.
 */
import type { Row, Table } from '../table.js';
import { sortOrderAsync, type SortKey } from '../export/sort.js';
import { DEFAULT_SPILL_ABOVE_MB, holdRows, type Held } from './hold-rows.js';
import { Slice } from '../parallel/cooperate.js';

/**
 * Rows in sort order: `rows(limit)` reads back the first `limit` (default all) in order, with a
 * turn of the event loop every few tens of milliseconds (an xlsx writer never waits, and a
 * SIGINT handler must still run); the caller closes `held` once written.
 */
export interface SortedRows {
  held: Held;
  rows: (limit?: number) => AsyncGenerator<Row>;
}

/** The input's rows in the order of `keys`. */
export async function sortedRows(input: Table, keys: SortKey[], spillAbove: number | undefined): Promise<SortedRows> {
  const held = await holdRows(input.batches, input.columns, spillAbove ?? DEFAULT_SPILL_ABOVE_MB, undefined, undefined, keys.map((k) => k.field));
  try {
    const order = await sortOrderAsync(held, keys);
    return {
      held,
      async *rows(limit = Infinity) {
        const slice = new Slice();
        const end = Math.min(order.length, limit);
        for (let k = 0; k < end; k++) {
          if ((k & 255) === 255 && slice.due()) await new Promise<void>((resolve) => setImmediate(resolve));
          yield held.get(order[k]);
        }
      },
    };
  } catch (err) {
    held.close();
    throw err;
  }
}
