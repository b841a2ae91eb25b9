import { makeLineFormatter, makeQuoter, guardFormula } from './csv-format.js';
import { compileLineFormatter } from './row-shape.js';
import { fileSink, stdoutSink, type TextSink } from './sink.js';
import { parseDelimiterOption } from './read.js';
import type { Context } from '../context.js';
import type { Row, Table } from '../table.js';

export interface CsvWriterOptions {
  delimiter?: string;
  bom?: boolean;
  /** Neutralise spreadsheet formulas (files written for people only). */
  guard?: boolean;
}

/** A CSV writer for a fixed header: the main output or a side file (rejects, report). */
export class CsvRowWriter {
  count = 0;
  private readonly line: (v: string[]) => string;
  private readonly format: (row: Row) => string;
  constructor(
    private readonly sink: TextSink,
    readonly columns: string[],
    delimiter: string,
    private readonly guard: boolean,
  ) {
    this.line = makeLineFormatter(delimiter);
    const quote = makeQuoter(delimiter);
    this.format = compileLineFormatter(columns, delimiter, guard ? (v) => quote(guardFormula(v)) : quote);
  }

  async start(): Promise<void> {
    await this.sink.write(this.line(this.guard ? this.columns.map(guardFormula) : this.columns));
  }

  async write(row: Row): Promise<void> {
    this.count++;
    await this.sink.write(this.format(row));
  }

  /** A whole batch in one sink write. */
  async writeBatch(rows: Row[]): Promise<void> {
    let s = '';
    for (let i = 0; i < rows.length; i++) s += this.format(rows[i]);
    this.count += rows.length;
    await this.sink.write(s);
  }


  commit(): Promise<void> {
    return this.sink.commit();
  }

  abort(): Promise<void> {
    return this.sink.abort();
  }

  get target(): string {
    return this.sink.target;
  }
}

/** Open a CSV writer to a file (atomic) or to stdout when target is undefined or "-". */
export async function openCsvWriter(columns: string[], target: string | undefined, opts: CsvWriterOptions, ctx: Context): Promise<CsvRowWriter> {
  const delimiter = opts.delimiter ? parseDelimiterOption(opts.delimiter) : ',';
  const sink = target && target !== '-' ? await fileSink(target, opts.bom) : stdoutSink(ctx.stdout);
  if ((!target || target === '-') && opts.bom) await sink.write('\uFEFF');
  const w = new CsvRowWriter(sink, columns, delimiter, opts.guard ?? false);
  await w.start();
  return w;
}

/** Write a table as CSV to -o or stdout; returns the row count. Removes the temp file on error. */
export async function writeTable(table: Table, ctx: Context, target = ctx.io.output): Promise<number> {
  const w = await openCsvWriter(table.columns, target, { delimiter: ctx.io.outDelimiter, bom: ctx.io.bom }, ctx);
  try {
    for await (const batch of table.batches) await w.writeBatch(batch);
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
  return w.count;
}
