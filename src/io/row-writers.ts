import { openCsvWriter } from './table-write.js';
import { fileSink, stageFile, stdoutSink, type TextSink } from './sink.js';
import { guardFormula } from './csv-format.js';
import { buildXlsxAside, checkXlsxSize, XLSX_MAX_ROWS } from './xlsx-build.js';
import type { Context } from '../context.js';
import type { Row } from '../table.js';

export type OutputFormat = 'csv' | 'tsv' | 'jsonl' | 'xlsx';

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
  /** export --split-by: the file a workbook written to `ctx.stdout` is for (for messages). */
  splitFile?: string;
}

export function formatFromPath(file: string | undefined): OutputFormat | undefined {
  const m = file ? /\.(csv|tsv|tab|jsonl|ndjson|xlsx)$/i.exec(file) : null;
  if (!m) return undefined;
  const ext = m[1].toLowerCase();
  return ext === 'tab' ? 'tsv' : ext === 'ndjson' ? 'jsonl' : (ext as OutputFormat);
}

export async function openRowWriter(columns: string[], target: string | undefined, o: RowWriterOptions, ctx: Context): Promise<RowWriter> {
  switch (o.format) {
    case 'csv':
    case 'tsv':
      return openCsvWriter(columns, target, { delimiter: o.format === 'tsv' ? '\t' : o.delimiter, bom: o.bom, guard: o.guard }, ctx);
    case 'jsonl':
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
  constructor(
    private readonly columns: string[],
    private readonly sink: TextSink,
  ) {}
  async write(row: Row): Promise<void> {
    const o: Record<string, string> = {};
    for (const c of this.columns) o[c] = row[c] ?? '';
    this.count++;
    await this.sink.write(JSON.stringify(o) + '\n');
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
 * written). Every cell is a text cell, so `+49…` and `01067` stay text in Excel instead of
 * becoming numbers.
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
