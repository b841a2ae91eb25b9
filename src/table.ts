/**
 * The unit every stage passes on: a header and a stream of row batches.
 * Every field is a string; a stage that adds columns lists them in `columns`.
 * Rows travel in batches (one per input chunk, typically hundreds of rows) because a per-row
 * async step costs more than the work most stages do on a row.
 */
export type Row = Record<string, string>;

export interface Table {
  columns: string[];
  batches: AsyncIterable<Row[]>;
}

/** Map every row, keeping the stream (no buffering beyond one batch). */
export async function* mapRows(batches: AsyncIterable<Row[]>, fn: (row: Row) => Row): AsyncGenerator<Row[]> {
  for await (const batch of batches) {
    const out = new Array<Row>(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = fn(batch[i]);
    yield out;
  }
}

/** Iterate single rows (for consumers where per-row await does not matter). */
export async function* rowsOf(batches: AsyncIterable<Row[]>): AsyncGenerator<Row> {
  for await (const batch of batches) yield* batch;
}

/** Append columns that are not yet present, keeping order. */
export function withColumns(columns: string[], extra: string[]): string[] {
  const out = columns.slice();
  for (const c of extra) if (!out.includes(c)) out.push(c);
  return out;
}

/** Collect a whole table (for barrier stages and tests). */
export async function collect(batches: AsyncIterable<Row[]>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const b of batches) for (const r of b) out.push(r);
  return out;
}

/** A table from rows in memory (tests, barrier stages), in batches of `size`. */
export async function* fromArray(rows: Row[], size = 1024): AsyncGenerator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
