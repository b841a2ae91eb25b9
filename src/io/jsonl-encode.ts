import { OWN_BOOLEAN_COLUMNS, OWN_NUMBER_COLUMNS } from '../schema.js';
import type { Row } from '../table.js';
import { isPlainNumber } from './xlsx-cells.js';

type JsonCell = string | number | boolean | null;

/** leadkit's own number column: a number, null when empty; text it did not write as a number stays text. */
function numberCell(v: string): JsonCell {
  if (v === '') return null;
  return isPlainNumber(v) ? Number(v) : v;
}

/** leadkit's own yes/no column: `true`, or `false` / empty for no; anything else stays text. */
function booleanCell(v: string): JsonCell {
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  return v;
}

/**
 * One JSON Lines encoder for a fixed header: leadkit's own number and boolean columns (schema.ts)
 * as JSON numbers and booleans, every other cell as the string it is, so `01067` and `+49…`
 * reach a program as written.
 */
export function jsonlEncoder(columns: readonly string[]): (row: Row) => string {
  const kinds = columns.map((c) => (OWN_NUMBER_COLUMNS.has(c) ? numberCell : OWN_BOOLEAN_COLUMNS.has(c) ? booleanCell : undefined));
  return (row) => {
    // No prototype: a column named `__proto__` is a key like any other.
    const o = Object.create(null) as Record<string, JsonCell>;
    for (let i = 0; i < columns.length; i++) {
      const v = row[columns[i]] ?? '';
      const kind = kinds[i];
      o[columns[i]] = kind ? kind(v) : v;
    }
    return JSON.stringify(o) + '\n';
  };
}
