import { parentPort } from 'node:worker_threads';
import type { CellMapper } from './pool.js';
import { packCells, unpackCells, type PackedCells } from './pack.js';

/** The worker side of mapBatchesInParallel: answer each batch of cells with the mapper's result. */
export function serveCellMapper(mapper: CellMapper): void {
  if (!parentPort) throw new Error('serveCellMapper must run in a worker thread');
  const port = parentPort;
  port.on('message', (m: { id: number; cells: PackedCells }) => {
    try {
      const result = packCells(mapper(unpackCells(m.cells, true)));
      port.postMessage({ id: m.id, result }, [result.lengths.buffer]);
    } catch (err) {
      // One line for the user, and the stack for LEADKIT_DEBUG (pool.ts WorkerError).
      const e = err as Error;
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(err);
      port.postMessage({ id: m.id, error, stack: e instanceof Error ? e.stack : undefined });
    }
  });
}
