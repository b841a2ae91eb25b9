import { OWN_STRING_FROM, ownString } from '../text/own-string.js';

/**
 * Rows of cells as one string and a table of lengths, for messages between threads.
 *
 * Why: postMessage clones a string[][] value by value: a tag, a length and the characters for
 * each of the millions of small cells, and the same in reverse to read it. For validate that was
 * the main thread's largest cost after encoding the output. One long string is copied in one go;
 * the lengths travel as an Int32Array. No separator character is reserved, so any cell content
 * (NUL included) goes through unchanged.
 */
export interface PackedCells {
  text: string;
  /** Per row: its number of cells, then each cell's length. */
  lengths: Int32Array<ArrayBuffer>;
}

export function packCells(rows: readonly (readonly string[])[]): PackedCells {
  let n = rows.length;
  for (let r = 0; r < rows.length; r++) n += rows[r].length;
  const lengths = new Int32Array(n);
  let text = '';
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    lengths[k++] = row.length;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      lengths[k++] = v.length;
      text += v;
    }
  }
  return { text, lengths };
}

/**
 * `own`: long cells as strings of their own (a worker's side). As views of the text, a worker's
 * caches (a cell's domain, a street) would keep every batch they ever saw. The results a worker
 * sends back need no copy: they belong to rows that are kept together anyway.
 */
export function unpackCells(p: PackedCells, own = false): string[][] {
  const { text, lengths } = p;
  const rows: string[][] = [];
  let k = 0;
  let pos = 0;
  while (k < lengths.length) {
    const width = lengths[k++];
    const row = new Array<string>(width);
    for (let c = 0; c < width; c++) {
      const len = lengths[k++];
      row[c] = len === 0 ? '' : own && len >= OWN_STRING_FROM ? ownString(text.slice(pos, pos + len)) : text.slice(pos, pos + len);
      pos += len;
    }
    rows.push(row);
  }
  return rows;
}
