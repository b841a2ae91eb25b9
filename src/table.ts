/**
 * The unit every stage passes on: a header and a stream of rows.
 * Every field is a string; a stage that adds columns lists them in `columns`.
 */
export type Row = Record<string, string>;

export interface Table {
  columns: string[];
  rows: AsyncIterable<Row>;
}

/** Lazily map rows; keeps streaming (no buffering). */
export async function* mapRows(rows: AsyncIterable<Row>, fn: (row: Row) => Row): AsyncIterable<Row> {
  for await (const row of rows) yield fn(row);
}

/** Append columns that are not yet present, keeping order. */
export function withColumns(columns: string[], extra: string[]): string[] {
  const out = columns.slice();
  for (const c of extra) if (!out.includes(c)) out.push(c);
  return out;
}

/** Collect a whole table (for barrier stages and tests). */
export async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

export async function* fromArray(rows: Row[]): AsyncIterable<Row> {
  for (const r of rows) yield r;
}
