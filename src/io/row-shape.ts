import type { Row } from '../table.js';

/** Where a column's value comes from when a row is built from a record. */
export type ColumnSource = { field: number } | { arg: 0 | 1 } | { empty: true };

/**
 * Compile a row constructor for a fixed header: one object literal with the columns in
 * order. Every row then shares one hidden class, which makes building and reading rows several
 * times faster than adding keys one by one (the pass-through hot path builds one per record).
 */
export function compileRowBuilder(columns: string[], sources: ColumnSource[]): (f: string[], a?: string, b?: string) => Row {
  const parts = columns.map((c, i) => {
    const s = sources[i];
    const value = 'field' in s ? `f[${s.field}]` : 'arg' in s ? (s.arg === 0 ? 'a' : 'b') : "''";
    return `${literalKey(c)}: ${value}`;
  });
  return new Function('f', 'a', 'b', `return { ${parts.join(', ')} };`) as (f: string[], a?: string, b?: string) => Row;
}

/**
 * A key in a generated object literal. `"__proto__": v` would set the object's prototype instead
 * of making a column of that name; the computed form `["__proto__"]: v` makes an own property.
 */
function literalKey(column: string): string {
  return column === '__proto__' ? `[${JSON.stringify(column)}]` : JSON.stringify(column);
}

/**
 * Compile a reader that copies a row's values for `columns`, in order, into `out` (reused
 * between rows; a missing value reads as ''). Named property loads compiled per header stay fast
 * where `row[columns[i]]` in a loop would not.
 */
export function compileRowReader(columns: readonly string[]): (row: Row, out: string[]) => void;
/** keepAbsent: a key the row lacks reads as undefined (rows written to a file and read back keep it absent). */
export function compileRowReader(columns: readonly string[], keepAbsent: true): (row: Row, out: (string | undefined)[]) => void;
export function compileRowReader(columns: readonly string[], keepAbsent = false): (row: Row, out: (string | undefined)[]) => void {
  const body = columns
    .map((c, i) => {
      const k = JSON.stringify(c);
      return `v = r[${k}]; out[${i}] = typeof v === 'string' ? v : other(r, ${k});`;
    })
    .join(' ');
  return new Function('other', `return (r, out) => { let v; ${body} };`)(keepAbsent ? readOtherOrAbsent : readOther) as (row: Row, out: (string | undefined)[]) => void;
}

/** readOther, with undefined for a key the row lacks. */
function readOtherOrAbsent(row: Row, column: string): string | undefined {
  return Object.hasOwn(row, column) ? readOther(row, column) : undefined;
}

/**
 * A value that is not a string: '' when the row lacks the column (not a value inherited from
 * Object.prototype, such as toString for a column of that name), else its text.
 */
function readOther(row: Row, column: string): string {
  if (!Object.hasOwn(row, column)) return '';
  const v: unknown = row[column];
  return v === undefined || v === null ? '' : String(v);
}

/**
 * Compile a function that makes a new row with `columns`, taking the `added` columns from a
 * result array and the rest from an existing row. Stages that add many columns use it instead
 * of assigning keys one by one, which would turn rows into slow dictionary-mode objects.
 */
export function compileRowExtender(columns: string[], added: string[]): (row: Row, res: string[]) => Row {
  const parts = columns.map((c) => {
    const k = added.indexOf(c);
    return `${literalKey(c)}: ${k >= 0 ? `res[${k}]` : `r[${JSON.stringify(c)}] ?? ''`}`;
  });
  return new Function('r', 'res', `return { ${parts.join(', ')} };`) as (row: Row, res: string[]) => Row;
}
