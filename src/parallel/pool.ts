import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packCells, unpackCells, type PackedCells } from './pack.js';

/**
 * Order-preserving parallel map over batches, for per-row work that is pure and CPU-bound
 * (validate). Only the cells a stage needs travel to a worker and only its result cells come
 * back, which keeps structured-clone costs small. Workers start only once the input is large
 * enough to repay their start-up, so small files and pipes never pay for them.
 */
export interface ParallelOptions {
  /** Compiled worker module; when it does not exist (running from sources) work stays in-thread. */
  workerUrl: URL;
  /** Passed to the worker as workerData (must be structured-cloneable). */
  workerData: unknown;
  /** Worker threads: 0 = in-thread only; undefined = one per core when the input is large. */
  jobs?: number;
  /** Rows after which workers start (auto mode). */
  startAfter?: number;
}

export type CellMapper = (cells: string[][]) => string[][];

const YOUNG_GENERATION_MB = 64;

interface Pending<T> {
  batch: T[];
  result: Promise<string[][]> | string[][];
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
}

export async function* mapBatchesInParallel<T>(
  source: AsyncIterable<T[]>,
  extract: (batch: T[]) => string[][],
  merge: (batch: T[], results: string[][]) => T[],
  local: CellMapper,
  o: ParallelOptions,
): AsyncGenerator<T[]> {
  const workerFile = fileURLToPath(o.workerUrl);
  const canUseWorkers = fs.existsSync(workerFile);
  const jobs = o.jobs ?? defaultJobs();
  const startAfter = o.jobs !== undefined ? 0 : o.startAfter ?? 20000;
  const pool: WorkerSlot[] = [];
  const queue: Pending<T>[] = [];
  let seen = 0;
  let next = 0;
  try {
    for await (const batch of source) {
      seen += batch.length;
      if (canUseWorkers && jobs > 1 && pool.length === 0 && seen > startAfter) {
        for (let i = 0; i < jobs; i++) pool.push(new WorkerSlot(workerFile, o.workerData));
      }
      const cells = extract(batch);
      const result = pool.length ? pool[next++ % pool.length].run(cells) : local(cells);
      queue.push({ batch, result });
      // Keep a few batches in flight per worker; yield in input order.
      while (queue.length > Math.max(1, pool.length * 3)) {
        const head = queue.shift() as Pending<T>;
        yield merge(head.batch, await head.result);
      }
    }
    while (queue.length) {
      const head = queue.shift() as Pending<T>;
      yield merge(head.batch, await head.result);
    }
  } finally {
    await Promise.all(pool.map((w) => w.close()));
  }
}

class WorkerSlot {
  private readonly worker: Worker;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: string[][]) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(file: string, data: unknown) {
    // A young generation of 64 MB instead of V8's 16 MB: batches in flight survive a small
    // one's collections and were copied and promoted (validate: ~15 % of a worker's time).
    this.worker = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (m: { id: number; result?: PackedCells; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(unpackCells(m.result as PackedCells));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`worker exited with code ${code}`));
    });
  }

  private fail(err: Error): void {
    this.failed = err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  run(cells: string[][]): Promise<string[][]> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const packed = packCells(cells);
      this.worker.postMessage({ id, cells: packed }, [packed.lengths.buffer]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
