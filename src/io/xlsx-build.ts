/**
 * Building an xlsx workbook from text cells. write-excel-file builds the whole file in one
 * synchronous stretch (seconds for 100,000 rows), during which no signal handler could run: a
 * large workbook is therefore built in a worker thread, so SIGTERM/SIGINT still end the command
 * at once (bin/leadkit), and small ones, which take milliseconds, in this thread.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataError } from '../errors.js';
import { formatCount } from '../context.js';
import { autofilter } from './xlsx-autofilter.js';
import { columnKinds, columnWidths, DATE_FORMAT, DATETIME_FORMAT, excelSerial, type CellKind } from './xlsx-cells.js';

/** Excel's limits for one worksheet: columns, and rows with the header row. */
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_ROWS = 1_048_576;

/**
 * Refuse a sheet Excel cannot open (it cuts the rest off, or refuses the file), before anything
 * is written: `columns` wide, or with more than `rows` rows under the header.
 */
export function checkXlsxSize(target: string, columns: number, rows = 0, split = false): void {
  if (columns > XLSX_MAX_COLUMNS) {
    throw new DataError('E_XLSX_LIMIT', `too wide for xlsx: ${formatCount(columns)} columns, and an Excel sheet holds ${formatCount(XLSX_MAX_COLUMNS)}; write CSV instead (--format csv), or fewer columns (--columns)`, target);
  }
  if (rows + 1 > XLSX_MAX_ROWS) {
    throw new DataError('E_XLSX_LIMIT', `too long for xlsx: more than ${formatCount(XLSX_MAX_ROWS - 1)} rows, and an Excel sheet holds ${formatCount(XLSX_MAX_ROWS)} with the header; write CSV instead (--format csv), or ${split ? 'split by a field with fewer rows per value' : 'one file per value with --split-by FIELD'}`, target);
  }
}

/** Cells (header included) from which a workbook is built in a worker thread. */
const WORKER_CELLS = 200_000;

/** The sheet's name (one sheet per workbook); the autofilter's defined name refers to it. */
const SHEET = 'Sheet1';

/**
 * The workbook: a bold, frozen header row with an autofilter, then typed cells (see
 * xlsx-cells.ts: numbers and ISO dates where the whole column is, text otherwise; empty cells
 * stay empty) in columns as wide as their content.
 */
export async function buildXlsx(header: string[], rows: string[][]): Promise<Uint8Array> {
  // Loaded on first use, like the reader: it costs startup time for every command.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const kinds = columnKinds(header, rows);
  const widths = columnWidths(header, rows, kinds);
  const head = header.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const cell = kinds.map((k) => cellMaker(k));
  const body = rows.map((r) => r.map((v, j) => (v === '' ? null : cell[j](v))));
  const sheetOptions = { sheet: SHEET, stickyRowsCount: 1, columns: widths.map((width) => ({ width })) };
  const features = header.length ? [autofilter(SHEET, header.length, rows.length)] : [];
  return writeXlsxFile([head, ...body] as never, sheetOptions as never, { features } as never).toBuffer();
}

function cellMaker(kind: CellKind): (v: string) => object {
  switch (kind) {
    case 'number':
      return (v) => ({ value: Number(v), type: Number });
    case 'date':
      return (v) => ({ value: excelSerial(v), type: Number, format: DATE_FORMAT });
    case 'datetime':
      return (v) => ({ value: excelSerial(v), type: Number, format: DATETIME_FORMAT });
    case 'text':
      return (v) => ({ value: v, type: String });
  }
}

/** buildXlsx, in a worker thread when the workbook is large and the compiled worker exists. */
export async function buildXlsxAside(header: string[], rows: string[][]): Promise<Uint8Array> {
  const url = new URL('./xlsx-build-worker.js', import.meta.url);
  if ((rows.length + 1) * header.length < WORKER_CELLS || !fs.existsSync(fileURLToPath(url))) return buildXlsx(header, rows);
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(url, { workerData: { header, rows } });
    worker.once('message', (m: { buffer?: Uint8Array; error?: string }) => {
      if (m.buffer) resolve(m.buffer);
      else reject(new Error(`building the xlsx workbook failed: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new Error(`building the xlsx workbook failed: ${err.message}`)));
  });
}
