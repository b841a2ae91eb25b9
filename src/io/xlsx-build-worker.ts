/** Worker thread: builds one xlsx workbook (see xlsx-build.ts) and sends its bytes back. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildXlsx } from './xlsx-build.js';

const { header, rows } = workerData as { header: string[]; rows: string[][] };
buildXlsx(header, rows).then(
  (buf) => {
    const bytes = new Uint8Array(buf);
    parentPort?.postMessage({ buffer: bytes }, [bytes.buffer]);
  },
  (err: Error) => parentPort?.postMessage({ error: err.message }),
);
