import { parentPort } from 'node:worker_threads';
import type { CellMapper } from './pool.js';

/** The worker side of mapBatchesInParallel: answer each batch of cells with the mapper's result. */
export function serveCellMapper(mapper: CellMapper): void {
  if (!parentPort) throw new Error('serveCellMapper must run in a worker thread');
  const port = parentPort;
  port.on('message', (m: { id: number; cells: string[][] }) => {
    try {
      port.postMessage({ id: m.id, result: mapper(m.cells) });
    } catch (err) {
      port.postMessage({ id: m.id, error: (err as Error).stack ?? String(err) });
    }
  });
}
