/**
 * Whitespace tidying of cell values as they are read: surrounding whitespace off every cell,
 * and runs of inner whitespace (double spaces, tabs, line breaks, no-break spaces from Excel and
 * web forms) made one space in name and company fields, where they only keep equal names apart.
 * Other fields keep their inner whitespace: a note or an address block may mean its line breaks.
 */
import type { Row } from '../table.js';
import { foldForDisplay } from './fold.js';

/** Fields whose inner whitespace is collapsed (canonical names: import's output, or a leadkit file read again). */
export const COLLAPSED_FIELDS: ReadonlySet<string> = new Set(['salutation', 'academic_title', 'first_name', 'last_name', 'full_name', 'company']);

/** What String.prototype.trim removes, as a test for one UTF-16 unit. */
function isSpace(code: number): boolean {
  return code <= 0x20 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : code === 0xa0 || code === 0xfeff || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** The value tidied: trimmed, and with inner whitespace runs made one space when `collapse` (foldForDisplay). */
export function tidyValue(value: string, collapse: boolean): string {
  const n = value.length;
  if (n === 0) return value;
  if (collapse) return foldForDisplay(value);
  return isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(n - 1)) ? value.trim() : value;
}

/**
 * A function that tidies the given columns of a row in place and returns how many cells it
 * changed. Built once per table so each row costs one pass over its columns.
 */
export function compileRowTidier(columns: readonly string[]): (row: Row) => number {
  const cols = [...columns];
  const collapse = cols.map((c) => COLLAPSED_FIELDS.has(c));
  return (row: Row) => {
    let changed = 0;
    for (let i = 0; i < cols.length; i++) {
      const v = row[cols[i]];
      if (v === undefined || v === '') continue;
      const t = tidyValue(v, collapse[i]);
      if (t !== v) {
        row[cols[i]] = t;
        changed++;
      }
    }
    return changed;
  };
}

/** The summary's words for a count of tidied cells ('' for none). */
export function describeTidied(cells: number, formatCount: (n: number) => string): string {
  if (cells === 0) return '';
  return `trimmed whitespace in ${formatCount(cells)} ${cells === 1 ? 'cell' : 'cells'} (--keep-whitespace keeps it)`;
}
