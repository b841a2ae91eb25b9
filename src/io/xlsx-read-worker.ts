/** Worker thread: reads one xlsx sheet (xlsx-read.ts) and sends back its rows, warnings or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { readXlsxRows } from './xlsx-read.js';
import { LeadkitError, UsageError } from '../errors.js';

const { input, file, sheet } = workerData as { input: string | Uint8Array; file: string; sheet?: string };
const data = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
readXlsxRows(data, file, sheet, (warning) => parentPort?.postMessage({ warning })).then(
  (rows) => parentPort?.postMessage({ rows }),
  (err: Error) => {
    const e = err instanceof LeadkitError ? { kind: err instanceof UsageError ? 'usage' : 'data', code: err.code, message: err.message, file: err.file, line: err.line } : { kind: 'other', message: err.message };
    parentPort?.postMessage({ error: e });
  },
);
