import { UsageError } from '../errors.js';
import type { Row } from '../table.js';
import type { HeldRows } from '../match/held-rows.js';
import { runCooperatively, Slice, sortSteps } from '../parallel/cooperate.js';

export interface SortKey {
  field: string;
  desc: boolean;
}

/** Parse `score:desc,last_name` (also `:asc`, and `-score` as a shorthand for descending). */
export function parseSortSpec(spec: string, columns: string[]): SortKey[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      let field = s;
      let desc = false;
      const m = /^(.*):(asc|desc)$/i.exec(s);
      if (m) {
        field = m[1];
        desc = m[2].toLowerCase() === 'desc';
      } else if (s.startsWith('-') && !columns.includes(s)) {
        field = s.slice(1);
        desc = true;
      }
      if (!columns.includes(field)) throw new UsageError(`--sort: no column "${field}" (have: ${columns.join(', ')})`, 'E_UNKNOWN_COLUMN');
      return { field, desc };
    });
}

const NUMBER = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$|^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

/**
 * A number if the whole value is one, in English (1,234.5) or German (1.234,5) writing.
 * A lone dot is ambiguous ("1.234") and reads as a decimal point; two or more dots
 * (1.234.567) are thousands separators.
 */
export function numericValue(v: string): number | undefined {
  const s = v.trim();
  if (s === '' || !NUMBER.test(s)) return undefined;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let norm: string;
  if (lastComma > lastDot) norm = s.replace(/\./g, '').replace(',', '.');
  else if (lastDot > lastComma && lastComma !== -1) norm = s.replace(/,/g, '');
  else if ((s.match(/\./g) ?? []).length > 1) norm = s.replace(/\./g, '');
  else norm = s;
  const n = Number(norm);
  return Number.isFinite(n) ? n : undefined;
}

const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

/**
 * Stable, numeric-aware sort: numbers compare as numbers, text by German collation with
 * embedded numbers in order ("Los 2" < "Los 10"); numbers before text and empty values last,
 * in either direction.
 * Array.prototype.sort is stable, so equal rows keep their input order.
 */
export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  return rows.sort(rowComparator(keys));
}

/**
 * The rows' order by position, for rows held by a barrier step (src/commands/hold-rows.ts): only
 * the sort keys' cells are read, so rows spilled to a file stay there until they are written.
 * The same order as sortRows() (stable: ties keep their input order).
 */
export function sortOrderAsync(held: Pick<HeldRows, 'length' | 'column'>, keys: SortKey[]): Promise<number[]> {
  const cells = keys.map((k) => held.column(k.field));
  const compare = cellComparator(keys);
  const order = Array.from({ length: held.length }, (_, i) => i);
  return runCooperatively(
    sortSteps(
      order,
      (a, b) => {
        for (let k = 0; k < cells.length; k++) {
          const c = compare(k, cells[k][a], cells[k][b]);
          if (c !== 0) return c;
        }
        return 0;
      },
      new Slice(),
    ),
  );
}

function rowComparator(keys: SortKey[]): (a: Row, b: Row) => number {
  const compare = cellComparator(keys);
  return (a: Row, b: Row): number => {
    for (let k = 0; k < keys.length; k++) {
      const c = compare(k, a[keys[k].field] ?? '', b[keys[k].field] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Two cells of sort key k, compared in the key's direction (0: equal for this key). */
function cellComparator(keys: SortKey[]): (k: number, va: string, vb: string) => number {
  const cache = keys.map(() => new Map<string, number | undefined>());
  const num = (k: number, v: string) => {
    const c = cache[k];
    if (c.has(v)) return c.get(v);
    const n = numericValue(v);
    c.set(v, n);
    return n;
  };
  return (k, va, vb) => {
    if (va === vb) return 0;
    if (va === '') return 1;
    if (vb === '') return -1;
    const na = num(k, va);
    const nb = num(k, vb);
    // Numbers come before text in either direction, like empty values come last.
    if (na !== undefined && nb === undefined) return -1;
    if (na === undefined && nb !== undefined) return 1;
    const cmp = na !== undefined && nb !== undefined ? na - nb : collator.compare(va, vb);
    return keys[k].desc ? -cmp : cmp;
  };
}
