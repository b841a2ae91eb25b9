/**
 * The rows dedupe holds while it matches, read by position: an array in memory, or rows spilled
 * to a temporary file (src/commands/hold-rows.ts). The matcher reads a row's cells only where
 * it must (match features, survivorship, the output rows); what it needs of every row at once
 * (record ids, whether a column has any value, the date columns' reading) each kind answers
 * without reading all rows again.
 */
import type { Row } from '../table.js';
import { PROVENANCE_FIELDS } from '../schema.js';

/** The origins of the members of a merged record (survivorship.ts originsOf). */
export const SOURCES_ALL = 'sources_all';

/** Columns leadkit itself adds (a record's provenance): they do not make a record more complete. */
export const OWN_COLUMNS: ReadonlySet<string> = new Set<string>([...PROVENANCE_FIELDS, SOURCES_ALL]);

/** Whether a cell has more than white space (a printable ASCII first character decides at once). */
export function hasText(v: string | undefined): boolean {
  if (!v) return false;
  const c = v.charCodeAt(0);
  return (c > 32 && c < 127) || v.trim() !== '';
}

/** How complete a record is: its cells with a value, leadkit's own columns aside (survivorship ranks by it). */
export function completeness(row: Row): number {
  let n = 0;
  for (const k in row) if (!OWN_COLUMNS.has(k) && hasText(row[k])) n++;
  return n;
}

export interface HeldRows {
  readonly length: number;
  /** Row i (from a file: a fresh object each time, unless read a moment ago). */
  get(i: number): Row;
  /** Row i's record_id ('' when it has none). */
  recordId(i: number): string;
  /** Whether any row has a value in the column (a column empty everywhere compares nothing). */
  hasValue(column: string): boolean;
  /** Every row's value of a column asked of every row: the list-wide date columns, match's CRM id, export's sort keys. */
  column(name: string): readonly string[];
  /** Row i's completeness(), without reading the row (a spilled list counts it as the row goes in). */
  completeness(i: number): number;
}

/**
 * The columns HeldRows.column() is asked for (a spilled list keeps them in memory): the dates
 * and the source survivorship ranks a cluster's records by, so that ranking reads no row, and
 * the delivery date a night's carried person keeps (dedupe.ts survivors).
 */
export const LIST_COLUMNS = ['updated_at', 'created_at', 'source', 'source_delivered_at'] as const;

/** Rows in memory. */
export function heldArray(rows: readonly Row[]): HeldRows {
  const columns = new Map<string, readonly string[]>();
  return {
    length: rows.length,
    get: (i) => rows[i],
    recordId: (i) => rows[i].record_id ?? '',
    hasValue: (column) => rows.some((r) => Boolean(r[column])),
    completeness: (i) => completeness(rows[i]),
    column(name) {
      let values = columns.get(name);
      if (!values) columns.set(name, (values = rows.map((r) => r[name] ?? '')));
      return values;
    },
  };
}

/** Rows given as an array or held already. */
export function asHeld(rows: readonly Row[] | HeldRows): HeldRows {
  return Array.isArray(rows) ? heldArray(rows) : (rows as HeldRows);
}
