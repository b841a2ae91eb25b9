/**
 * Building an xlsx workbook from text cells. write-excel-file builds the whole file in one
 * synchronous stretch (seconds for 100,000 rows), during which no signal handler could run: a
 * large workbook is therefore built in a worker thread, so SIGTERM/SIGINT still end the command
 * at once (bin/leadkit), and small ones, which take milliseconds, in this thread.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

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
