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

/** The workbook: a bold header row, then text cells (empty cells stay empty). */
export async function buildXlsx(header: string[], rows: string[][]): Promise<Uint8Array> {
  // Loaded on first use, like the reader: it costs startup time for every command.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const head = header.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const body = rows.map((r) => r.map((v) => (v === '' ? null : { value: v, type: String })));
  return writeXlsxFile([head, ...body] as never, { stickyRowsCount: 1 } as never).toBuffer();
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
