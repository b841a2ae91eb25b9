/**
 * dedupe's match values, worked out in a worker thread while the rows stream in to be held: the
 * normalising of names, emails, phones and addresses (features.ts rowNormaliser) is most of what
 * building the match features costs, and it needs nothing but the row. What comes back is each
 * row's normalised text, which Features.addNormalised() stores as it would have stored the row
 * (the form a night's state keeps), so the main thread only stores them once every row is in.
 *
 * The worker starts once the list is large (pool.ts AUTO_START_ROWS); rows before it, and rows
 * whose text holds the separator, get none and are normalised by the matcher itself. Which extra
 * comparisons apply is known only when every row is in (a column empty everywhere compares
 * nothing), so the texts carry every extra comparison of a column the input has, and
 * `normalisedFor` keeps those that apply.
 */
import type { Row } from '../table.js';
import { compileRowReader } from '../io/row-shape.js';
import { mapBatchesInParallel } from '../parallel/pool.js';
import type { CompareField } from './compare-spec.js';
import { NORMALISE_READS, pickExtras, rowNormaliser } from './features.js';

export interface NormaliseWorkerData {
  /** The cells a row is rebuilt from. */
  reads: string[];
  compare: CompareField[];
  defaultCallingCode: string;
}

export interface Prenormalised {
  /** The rows, as they came. */
  batches: AsyncGenerator<Row[]>;
  /** Once the rows have passed: row i's text (undefined where the matcher reads the row). */
  normalisedFor(compare: readonly CompareField[]): (row: number) => string | undefined;
}

/** The worker's side: rows rebuilt from their cells, and their normalised texts. */
export function normaliseCellMapper(d: NormaliseWorkerData): (cells: string[][]) => string[][] {
  const normalise = rowNormaliser({ compare: d.compare, defaultCallingCode: d.defaultCallingCode });
  return (cells) =>
    cells.map((c) => {
      const row: Row = {};
      for (let k = 0; k < d.reads.length; k++) if (c[k] !== '') row[d.reads[k]] = c[k];
      return [normalise(row)];
    });
}

/**
 * `batches` passed through unchanged, with their rows' texts worked out on the side. `compare`:
 * the extra comparisons of the input's columns, present or not (options.ts comparisonsFor with
 * no rows); `jobs` 0 keeps every row for the matcher.
 */
export function prenormalise(batches: AsyncIterable<Row[]>, o: { compare: readonly CompareField[]; defaultCallingCode: string; jobs?: number; warn?: (m: string) => void }): Prenormalised {
  const reads = [...new Set([...NORMALISE_READS, ...o.compare.map((c) => c.field)])];
  const readRow = compileRowReader(reads);
  const texts: (string | undefined)[] = [];
  const extract = (batch: Row[]): string[][] =>
    batch.map((row) => {
      const out = new Array<string>(reads.length);
      readRow(row, out);
      return out;
    });
  const merge = (batch: Row[], results: string[][]): Row[] => {
    for (const r of results) texts.push(r[0] || undefined);
    return batch;
  };
  // Before the worker starts: nothing here, the matcher normalises these rows as it always has.
  const inThread = (batch: Row[]): Row[] => {
    for (let k = 0; k < batch.length; k++) texts.push(undefined);
    return batch;
  };
  const data: NormaliseWorkerData = { reads, compare: [...o.compare], defaultCallingCode: o.defaultCallingCode };
  const passed = mapBatchesInParallel(batches, extract, merge, normaliseCellMapper(data), {
    workerUrl: new URL('./normalise-worker.js', import.meta.url),
    workerData: data,
    jobs: o.jobs,
    warn: o.warn,
    inThread,
    maxWorkers: 1,
    youngGenerationMb: 16,
  });
  return {
    batches: passed,
    normalisedFor(compare) {
      const same = compare.length === o.compare.length && compare.every((c, k) => sameSpec(c, o.compare[k]));
      if (same) return (i) => texts[i];
      const keep = compare.map((c) => o.compare.findIndex((x) => sameSpec(x, c)));
      // An extra comparison the texts were not made with: the matcher reads every row itself.
      if (keep.includes(-1)) return () => undefined;
      return (i) => {
        const t = texts[i];
        return t === undefined ? undefined : pickExtras(t, keep);
      };
    },
  };
}

function sameSpec(a: CompareField, b: CompareField): boolean {
  return a.field === b.field && a.type === b.type;
}
