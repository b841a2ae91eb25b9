/**
 * Reading an xlsx sheet in a worker thread. read-excel-file parses a whole sheet in one
 * synchronous stretch (tens of seconds for half a million rows), during which no signal handler
 * could run, and by recursion, which runs out of the default stack on large sheets. In a worker
 * the main thread stays free for SIGTERM/SIGINT (bin/leadkit), and the worker gets a large stack.
 * Small workbooks, and runs from the TypeScript sources, read in this thread.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readXlsxRows } from './xlsx-read.js';
import { DataError, UsageError } from '../errors.js';

/** Workbooks smaller than this read in this thread: a worker's start-up would cost more. */
const WORKER_BYTES = 1024 * 1024;
/** read-excel-file recurses once per chunk of a sheet: room for Excel's 1,048,576 rows. */
const STACK_MB = 256;

type WorkerError = { kind: 'usage' | 'data' | 'other'; code?: string; message: string; file?: string; line?: number };

export async function readXlsxRowsAside(input: string | Buffer, file: string, sheet?: string, onWarning?: (message: string) => void): Promise<string[][]> {
  const url = new URL('./xlsx-read-worker.js', import.meta.url);
  const size = typeof input === 'string' ? fs.statSync(input).size : input.length;
  if (size < WORKER_BYTES || !fs.existsSync(fileURLToPath(url))) return readXlsxRows(input, file, sheet, onWarning);
  return new Promise<string[][]>((resolve, reject) => {
    const worker = new Worker(url, { workerData: { input, file, sheet }, resourceLimits: { stackSizeMb: STACK_MB } });
    worker.on('message', (m: { warning?: string; rows?: string[][]; error?: WorkerError }) => {
      if (m.warning !== undefined) onWarning?.(m.warning);
      else if (m.rows) {
        resolve(m.rows);
        void worker.terminate();
      } else if (m.error) {
        const e = m.error;
        reject(e.kind === 'usage' ? new UsageError(e.message, e.code) : e.kind === 'data' ? new DataError(e.code ?? 'E_XLSX', e.message, e.file, e.line) : new DataError('E_XLSX', `not a readable .xlsx workbook (${e.message})`, file));
        void worker.terminate();
      }
    });
    worker.once('error', (err: Error & { code?: string }) =>
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DataError('E_XLSX_LIMIT', 'the workbook is too large to read in memory: save the sheet as CSV and read that', file) : new DataError('E_XLSX', `not a readable .xlsx workbook (${err.message})`, file)),
    );
  });
}
