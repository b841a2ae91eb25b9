import { guardFormula } from './csv-format.js';
import { compileRowReader } from './row-shape.js';
import { CsvEncoder } from './csv-encode.js';
import { fileSink, stdoutSink, type TextSink } from './sink.js';
import { parseDelimiterOption } from './read.js';
import type { Context } from '../context.js';
import type { Row } from '../table.js';

export interface CsvWriterOptions {
  delimiter?: string;
  bom?: boolean;
  /** Neutralise spreadsheet formulas (files written for people only). */
  guard?: boolean;
  /** For Excel: BOM, `;` unless a delimiter is given, CR LF; warns once (see csvDialect). */
  excel?: boolean;
}

/** Delimiter, BOM and line end of a CSV or TSV file. */
export interface CsvDialect {
  delimiter: string;
  bom: boolean;
  crlf: boolean;
}

/** Streams already told that CSV loses leading zeros in Excel: once per run, not per file. */
const excelWarned = new WeakSet<object>();

/**
 * What the options mean as bytes. --excel asks for what Excel reads right without an import
 * dialog: a BOM (else UTF-8 umlauts come out garbled), `;` (the list separator of German and
 * Austrian Excel) and CR LF. It still parses `01067` as the number 1067 and `+49…` as a formula
 * or number, so the user is told once that only .xlsx keeps them.
 */
export function csvDialect(opts: CsvWriterOptions, tsv: boolean, ctx: Context): CsvDialect {
  const given = opts.delimiter ? parseDelimiterOption(opts.delimiter) : undefined;
  const delimiter = tsv ? '\t' : (given ?? (opts.excel ? ';' : ','));
  if (opts.excel && !excelWarned.has(ctx.stderr)) {
    excelWarned.add(ctx.stderr);
    ctx.warn('--excel: Excel still drops leading zeros (postcode 01099 → 1099) and the + of phone numbers when it opens a CSV file; write .xlsx (-o leads.xlsx) to keep them as text');
  }
  return { delimiter, bom: Boolean(opts.bom || opts.excel), crlf: Boolean(opts.excel) };
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
    crlf = false,
  ) {
    this.read = compileRowReader(columns);
    this.cells = new Array<string>(columns.length).fill('');
    this.encoder = new CsvEncoder(delimiter, crlf);
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
export async function openCsvWriter(columns: string[], target: string | undefined, opts: CsvWriterOptions, ctx: Context, tsv = false): Promise<CsvRowWriter> {
  // Side files (rejects, merge maps) follow the run's --excel like its main output.
  const { delimiter, bom, crlf } = csvDialect({ ...opts, excel: opts.excel ?? ctx.io.excel }, tsv, ctx);
  const sink = target && target !== '-' ? await fileSink(target, bom) : stdoutSink(ctx.stdout);
  if ((!target || target === '-') && bom) await sink.write('\uFEFF');
  const w = new CsvRowWriter(sink, columns, delimiter, opts.guard ?? false, crlf);
  await w.start();
  return w;
}
