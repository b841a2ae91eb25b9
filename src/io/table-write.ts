import { guardFormula } from './csv-format.js';
import { compileRowReader } from './row-shape.js';
import { CsvEncoder } from './csv-encode.js';
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

/** Encoded rows are handed to the sink in pieces of about this size. */
const FLUSH_AT = 64 * 1024;

/** A CSV writer for a fixed header: the main output or a side file (rejects, report). */
export class CsvRowWriter {
  count = 0;
  private readonly read: (row: Row, out: string[]) => void;
  private readonly cells: string[];
  private readonly encoder: CsvEncoder;
  constructor(
    private readonly sink: TextSink,
    readonly columns: string[],
    delimiter: string,
    private readonly guard: boolean,
  ) {
    this.read = compileRowReader(columns);
    this.cells = new Array<string>(columns.length).fill('');
    this.encoder = new CsvEncoder(delimiter);
  }

  async start(): Promise<void> {
    const header = this.guard ? this.columns.map(guardFormula) : this.columns;
    // Held with the rows until 64 KB are ready: an error before then leaves stdout empty.
    this.encoder.line(header, header.length);
  }

  async write(row: Row): Promise<void> {
    this.encode(row);
    this.count++;
    if (this.encoder.size >= FLUSH_AT) await this.flush();
  }

  /** A whole batch; bytes go to the sink once 64 KB are ready. */
  async writeBatch(rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i++) this.encode(rows[i]);
    this.count += rows.length;
    if (this.encoder.size >= FLUSH_AT) await this.flush();
  }

  private encode(row: Row): void {
    const cells = this.cells;
    this.read(row, cells);
    if (this.guard) for (let i = 0; i < cells.length; i++) cells[i] = guardFormula(cells[i]);
    this.encoder.line(cells, cells.length);
  }

  private async flush(): Promise<void> {
    for (const b of this.encoder.take()) await this.sink.writeBytes(b);
  }

  /** Write out and close the file: a full disk shows here, before anything is renamed. */
  async prepare(): Promise<void> {
    await this.flush();
    await this.sink.prepare();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.sink.commit();
  }

  abort(): Promise<void> {
    this.encoder.take();
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
