import type { Row } from '../table.js';
import { compileRowBuilder, compileRowReader } from '../io/row-shape.js';
import { mapBatchesInParallel, type CellMapper } from './pool.js';

/**
 * A stage that writes columns into each row in place (classify, score), run over batches in
 * worker threads once the input is large enough (src/parallel/pool.ts), else in this thread.
 * Rows are changed in place, never copied: a night's carried rows are known by identity
 * (src/state/store.ts), and later stages read the same objects.
 *
 * A worker gets each row's `reads` cells and answers with its `writes` cells (rowCellMapper,
 * with the same `apply`), so it writes what this thread would have written: a column the stage
 * leaves alone comes back as the row had it. A cell the row lacks reaches the worker as '',
 * which every stage reads the same way (`row[c] ?? ''`).
 */
export interface RowStage {
  /** Columns the stage may read; a worker sees only these. */
  reads: readonly string[];
  /** Columns the stage writes, in the order the worker returns them. */
  writes: readonly string[];
  /** The stage's work on one row, in place (the same function the worker runs). */
  apply: (row: Row) => void;
  /** Rows the stage passes over untouched (a night's carried persons). */
  skip?: (row: Row) => boolean;
  /** The compiled worker module and its workerData. */
  workerUrl: URL;
  workerData: unknown;
  /** --jobs: worker threads (0 = none; undefined = the pool decides by the input's size). */
  jobs?: number;
  warn?: (message: string) => void;
}

/** What a stage's worker needs besides its own settings: the cells it gets and gives. */
export interface RowStageShape {
  reads: string[];
  writes: string[];
}

/** These workers wait for this thread: a larger young generation only grew their heaps (pool.ts). */
const ROW_STAGE_YOUNG_GENERATION_MB = 16;

export function runRowStage(batches: AsyncIterable<Row[]>, s: RowStage): AsyncGenerator<Row[]> {
  const readRow = compileRowReader(s.reads);
  const assign = compileRowAssigner(s.writes);
  const skip = s.skip ?? (() => false);
  const extract = (batch: Row[]): string[][] => {
    const cells: string[][] = [];
    for (const row of batch) {
      if (skip(row)) continue;
      const out = new Array<string>(s.reads.length);
      readRow(row, out);
      cells.push(out);
    }
    return cells;
  };
  const merge = (batch: Row[], results: string[][]): Row[] => {
    let k = 0;
    for (const row of batch) if (!skip(row)) assign(row, results[k++]);
    return batch;
  };
  const inThread = (batch: Row[]): Row[] => {
    for (const row of batch) if (!skip(row)) s.apply(row);
    return batch;
  };
  const weigh = (batch: Row[]): number => {
    let n = 0;
    for (const row of batch) if (!skip(row)) n++;
    return n;
  };
  return mapBatchesInParallel(batches, extract, merge, rowCellMapper(s, s.apply), {
    workerUrl: s.workerUrl,
    workerData: s.workerData,
    jobs: s.jobs,
    warn: s.warn,
    inThread,
    weigh: s.skip ? weigh : undefined,
    youngGenerationMb: ROW_STAGE_YOUNG_GENERATION_MB,
  });
}

/** The worker's side: rows rebuilt from their `reads` cells, `apply`, and their `writes` cells back. */
export function rowCellMapper(shape: { reads: readonly string[]; writes: readonly string[] }, apply: (row: Row) => void): CellMapper {
  const build = compileRowBuilder([...shape.reads], shape.reads.map((_, i) => ({ field: i })));
  const readWrites = compileRowReader(shape.writes);
  return (cells) =>
    cells.map((c) => {
      const row = build(c);
      apply(row);
      const out = new Array<string>(shape.writes.length);
      readWrites(row, out);
      return out;
    });
}

/** Stores `res[i]` under `columns[i]`, with one compiled store per column. */
export function compileRowAssigner(columns: readonly string[]): (row: Row, res: readonly string[]) => void {
  // `r["__proto__"] = v` would replace the row's prototype instead of storing a column.
  const body = columns
    .map((c, i) => (c === '__proto__' ? `Object.defineProperty(r, '__proto__', { value: res[${i}], writable: true, enumerable: true, configurable: true });` : `r[${JSON.stringify(c)}] = res[${i}];`))
    .join(' ');
  return new Function('r', 'res', body) as (row: Row, res: readonly string[]) => void;
}
