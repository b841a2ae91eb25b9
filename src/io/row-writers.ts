import { openCsvWriter } from './csv-writer.js';
import { jsonlEncoder } from './jsonl-encode.js';
import { fileSink, stageFile, stdoutSink, type TextSink } from './sink.js';
import { guardFormula } from './csv-format.js';
import { buildXlsxAside, checkXlsxSize, XLSX_MAX_ROWS } from './xlsx-build.js';
import { checkExcelOption, type OutputFormat } from './output-format.js';
import type { Context } from '../context.js';
import type { Row } from '../table.js';

export { checkExcelOption, formatFromPath, type OutputFormat } from './output-format.js';

/** A destination for rows in one format; files are committed atomically. */
export interface RowWriter {
  write(row: Row): Promise<void>;
  writeBatch(rows: Row[]): Promise<void>;
  /** Write out and close: what can fail before the rename (see FileTransaction). */
  prepare(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  readonly count: number;
}

export interface RowWriterOptions {
  format: OutputFormat;
  /** Spreadsheet formula guard (csv, tsv, xlsx); JSON Lines is for programs and is never altered. */
  guard: boolean;
  delimiter?: string;
  bom?: boolean;
  /** CSV/TSV for Excel: BOM, CR LF (and `;` for CSV); a workbook is Excel's already. */
  excel?: boolean;
  /** export --split-by: the file a workbook written to `ctx.stdout` is for (for messages). */
  splitFile?: string;
}

export async function openRowWriter(columns: string[], target: string | undefined, o: RowWriterOptions, ctx: Context): Promise<RowWriter> {
  switch (o.format) {
    case 'csv':
    case 'tsv':
      checkExcelOption(o);
      return openCsvWriter(columns, target, { delimiter: o.delimiter, bom: o.bom, guard: o.guard, excel: Boolean(o.excel) }, ctx, o.format === 'tsv');
    case 'jsonl':
      checkExcelOption(o);
      return new JsonlWriter(columns, target && target !== '-' ? await fileSink(target) : stdoutSink(ctx.stdout));
    case 'xlsx': {
      const name = o.splitFile ?? (target && target !== '-' ? target : '<stdout>');
      // Too wide for Excel: refused before a row is read or a byte written.
      checkXlsxSize(name, columns.length);
      return new XlsxWriter(columns, target, o.guard, ctx, name, o.splitFile !== undefined);
    }
  }
}

class JsonlWriter implements RowWriter {
  count = 0;
  private readonly line: (row: Row) => string;
  constructor(
    columns: string[],
    private readonly sink: TextSink,
  ) {
    this.line = jsonlEncoder(columns);
  }
  async write(row: Row): Promise<void> {
    this.count++;
    await this.sink.write(this.line(row));
  }
  async writeBatch(rows: Row[]): Promise<void> {
    for (const r of rows) await this.write(r);
  }
  prepare(): Promise<void> {
    return this.sink.prepare();
  }
  commit(): Promise<void> {
    return this.sink.commit();
  }
  abort(): Promise<void> {
    return this.sink.abort();
  }
}

/**
 * XLSX has no streaming writer here: rows are kept and the workbook built at the end (Excel
 * holds at most 1,048,576 rows anyway: a row past that is refused as it comes, before anything is
 * written). Cells are typed per column (src/io/xlsx-cells.ts): numbers and ISO dates only where
 * the whole column is, and codes, phones and ids always text, so `+49…` and `01067` stay text.
 */
class XlsxWriter implements RowWriter {
  count = 0;
  private readonly rows: string[][] = [];
  constructor(
    private readonly columns: string[],
    private readonly target: string | undefined,
    private readonly guard: boolean,
    private readonly ctx: Context,
    /** For messages. */
    private readonly name: string,
    private readonly split: boolean,
  ) {}
  async write(row: Row): Promise<void> {
    if (this.count + 1 >= XLSX_MAX_ROWS) checkXlsxSize(this.name, this.columns.length, this.count + 1, this.split);
    this.rows.push(this.columns.map((c) => (this.guard ? guardFormula(row[c] ?? '') : row[c] ?? '')));
    this.count++;
  }
  async writeBatch(rows: Row[]): Promise<void> {
    for (const r of rows) await this.write(r);
  }
  private staged: { commit(): Promise<void>; abort(): Promise<void> } | undefined;
  private buffer: Uint8Array | undefined;

  /** Build the workbook and, for a file, write it to its temporary name. */
  async prepare(): Promise<void> {
    if (this.buffer) return;
    // The header is a row of cells like any other: a column named `=header()` is guarded too.
    const header = this.columns.map((c) => (this.guard ? guardFormula(c) : c));
    const buf = await buildXlsxAside(header, this.rows);
    this.rows.length = 0;
    this.buffer = buf;
    if (this.target && this.target !== '-') this.staged = await stageFile(this.target, buf);
  }
  async commit(): Promise<void> {
    await this.prepare();
    const buf = this.buffer as Uint8Array;
    if (this.staged) await this.staged.commit();
    else await new Promise<void>((res, rej) => this.ctx.stdout.write(buf, (e) => (e ? rej(e) : res())));
  }
  async abort(): Promise<void> {
    this.rows.length = 0;
    await this.staged?.abort();
  }
}
