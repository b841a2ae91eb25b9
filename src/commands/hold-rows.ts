/**
 * How a barrier step holds the rows it must see before it writes the first (dedupe before the
 * first cluster is known, export --sort before the first row in order): in memory while they fit
 * the budget (--spill-above, in MB), beyond it in a temporary file (src/io/row-spill.ts), with
 * only their record ids, the columns asked for of every row (dedupe: the list-wide date columns;
 * export: the sort keys) and which columns have any value kept in memory. The output is the same
 * either way; a spilled list costs the writing and reading back of its rows, and holds less.
 */
import type { Row } from '../table.js';
import type { OptionSpec } from './types.js';
import { formatCount } from '../context.js';
import { LIST_COLUMNS, OWN_COLUMNS, hasText, heldArray, type HeldRows } from '../match/held-rows.js';
import { SpilledRows } from '../io/row-spill.js';
import { ownString } from '../text/own-string.js';

/**
 * The default budget, in MB: lists up to a few hundred thousand rows stay in memory, where they
 * are matched fastest; a larger one is held in a file (at 1M rows: some 10 s more, 0.5 GB less).
 */
export const DEFAULT_SPILL_ABOVE_MB = 1024;

/** The option of every step that holds its rows (dedupe, export --sort). */
export const SPILL_ABOVE_OPTION: OptionSpec = {
  flags: '--spill-above <mb>',
  description: `hold up to this many MB of rows in memory; the rows of a larger list go to a temporary file (in TMPDIR) and are read back from it: the same output in less memory, for the time of writing and reading them (0: always)`,
  default: String(DEFAULT_SPILL_ABOVE_MB),
  type: 'count',
};

/** The summary's note on rows held in a file ('' when they were held in memory). */
export function spillNote(held: Held, spillAbove: number | undefined): string {
  return held.spilled ? `; rows held in a temporary file (${formatCount(Math.ceil(held.spilledBytes / 1024 / 1024))} MB, --spill-above ${spillAbove ?? DEFAULT_SPILL_ABOVE_MB})` : '';
}

/** A row's estimated size in memory: each cell's text, and its string and property slot. */
const CELL_OVERHEAD = 40;
const ROW_OVERHEAD = 64;

export interface Held extends HeldRows {
  /** Whether the rows went to a temporary file. */
  readonly spilled: boolean;
  /** Bytes of the temporary file (0 in memory). */
  readonly spilledBytes: number;
  /** Free the file (the rows cannot be read after). */
  close(): void;
}

/** Rows in a temporary file, with what is asked of every row kept beside them in memory. */
class SpilledHeld implements Held {
  readonly spilled = true;
  private readonly rows: SpilledRows;
  private readonly ids: string[] = [];
  private readonly filled: Uint8Array;
  private readonly kept = new Map<string, string[]>();
  /** The kept columns' positions, and their value lists (the same arrays as in `kept`). */
  private readonly keptAt: number[] = [];
  private readonly keptLists: string[][] = [];
  private readonly idAt: number;
  /** Per column: 1 when it counts for completeness (not one of leadkit's own). */
  private readonly counts: Uint8Array;
  private complete = new Uint16Array(1024);

  constructor(
    private readonly columns: readonly string[],
    keep: readonly string[],
    dir?: string,
  ) {
    this.rows = new SpilledRows(columns, dir);
    this.filled = new Uint8Array(columns.length);
    this.idAt = columns.indexOf('record_id');
    this.counts = Uint8Array.from(columns, (c) => (OWN_COLUMNS.has(c) ? 0 : 1));
    for (const c of new Set(keep)) {
      const at = columns.indexOf(c);
      if (at < 0) continue;
      const list: string[] = [];
      this.kept.set(c, list);
      this.keptAt.push(at);
      this.keptLists.push(list);
    }
  }

  get length(): number {
    return this.rows.length;
  }

  get spilledBytes(): number {
    return this.rows.bytes;
  }

  add(row: Row): void {
    const cells = this.rows.add(row);
    // Own copies: a cell cut from the input would keep the parser's whole block of text alive.
    this.ids.push(this.idAt >= 0 ? ownString(cells[this.idAt] ?? '') : '');
    const filled = this.filled;
    const counts = this.counts;
    let complete = 0;
    for (let k = 0; k < cells.length; k++) {
      const v = cells[k];
      if (!v) continue;
      filled[k] = 1;
      // As completeness() counts the row read back.
      if (counts[k] === 1 && hasText(v)) complete++;
    }
    const i = this.ids.length - 1;
    if (i >= this.complete.length) {
      const grown = new Uint16Array(this.complete.length * 2);
      grown.set(this.complete);
      this.complete = grown;
    }
    this.complete[i] = complete;
    for (let k = 0; k < this.keptAt.length; k++) this.keptLists[k].push(ownString(cells[this.keptAt[k]] ?? ''));
  }

  get(i: number): Row {
    return this.rows.get(i);
  }

  recordId(i: number): string {
    return this.ids[i];
  }

  completeness(i: number): number {
    return this.complete[i];
  }

  hasValue(column: string): boolean {
    const at = this.columns.indexOf(column);
    return at >= 0 && this.filled[at] === 1;
  }

  column(name: string): readonly string[] {
    const kept = this.kept.get(name);
    if (kept) return kept;
    // A column the table does not have, or one not kept: blank, or read back from the file; once
    // either way (survivorship asks per cluster).
    const out: string[] = new Array<string>(this.length).fill('');
    if (this.columns.includes(name)) for (let i = 0; i < this.length; i++) out[i] = ownString(this.get(i)[name] ?? '');
    this.kept.set(name, out);
    return out;
  }

  close(): void {
    this.rows.close();
  }
}

/**
 * Collect a table's rows: in memory up to `budgetMb` MB (estimated), then every row in a
 * temporary file in `dir` (default: the system's, TMPDIR). `each` sees every row as it comes,
 * for what must be read of every row while it is at hand (a night's fingerprints). `keep`: the
 * columns column() is asked for, kept in memory when the rows are spilled.
 */
export async function holdRows(
  batches: AsyncIterable<Row[]>,
  columns: readonly string[],
  budgetMb: number,
  each?: (row: Row, index: number) => void,
  dir?: string,
  keep: readonly string[] = LIST_COLUMNS,
): Promise<Held> {
  const budget = budgetMb * 1024 * 1024;
  const inMemory: Row[] = [];
  const read = cellLengths(columns);
  let estimate = 0;
  let spill: SpilledHeld | undefined;
  let index = 0;
  try {
    for await (const batch of batches) {
      for (const row of batch) {
        each?.(row, index++);
        if (spill) {
          spill.add(row);
          continue;
        }
        inMemory.push(row);
        estimate += ROW_OVERHEAD + read(row);
        if (estimate > budget) {
          spill = new SpilledHeld(columns, keep, dir);
          for (const r of inMemory) spill.add(r);
          inMemory.length = 0;
        }
      }
    }
  } catch (err) {
    spill?.close();
    throw err;
  }
  if (spill) return spill;
  return Object.assign(heldArray(inMemory), { spilled: false, spilledBytes: 0, close: () => {} });
}

/** The estimated bytes of a row's cells (compiled for the columns: this runs for every row held). */
function cellLengths(columns: readonly string[]): (row: Row) => number {
  const body = columns.map((c) => `v = r[${JSON.stringify(c)}]; if (typeof v === 'string') n += v.length + ${CELL_OVERHEAD};`).join(' ');
  return new Function('r', `let n = 0; let v; ${body} return n;`) as (row: Row) => number;
}
