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
export interface ParallelOptions<T = unknown> {
  /** Compiled worker module; when it does not exist (running from sources) work stays in-thread. */
  workerUrl: URL;
  /** Passed to the worker as workerData (must be structured-cloneable). */
  workerData: unknown;
  /** Worker threads: 0 = in-thread only; undefined = one per core when the input is large. */
  jobs?: number;
  /** Rows after which workers start (auto mode; default AUTO_START_ROWS). */
  startAfter?: number;
  /** Where the one-line warning goes when `jobs` is lowered to the number of cores (ctx.warn). */
  warn?: (message: string) => void;
  /**
   * The stage's own work on a batch, for batches no worker takes: it saves the round trip
   * through cells (extract, the cell mapper, merge) that only crossing threads needs.
   */
  inThread?: (batch: T[]) => T[];
  /** Rows of a batch that need work, counted towards `startAfter` (default: all of them). */
  weigh?: (batch: T[]) => number;
  /** Each worker's young generation in MB (default YOUNG_GENERATION_MB). */
  youngGenerationMb?: number;
}

export type CellMapper = (cells: string[][]) => string[][];

/**
 * A worker's young generation: 64 MB instead of V8's 16 MB by default, since batches in flight
 * outlived a small one's collections and were copied and promoted (validate: ~15 % of a
 * worker's time). Stages whose workers wait for this thread anyway (classify, score) take 16 MB:
 * a classify worker's heap grew by 50 MB more with 64, for no time the run could show.
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Rows read in this thread before workers start when --jobs is not given. Each worker loads the
 * phone, postcode and street tables and fills its own caches before it is of use, while the main
 * thread still parses, merges and writes every row: on a list of 100,000 rows validate was slower
 * and needed more memory with workers than without, and only lists several times that size gain.
 */
export const AUTO_START_ROWS = 200_000;

interface Pending<T> {
  batch: T[];
  result: Promise<string[][]> | string[][];
}

/** Cores this process may run on. */
export function availableCores(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

export function defaultJobs(): number {
  return Math.min(4, availableCores());
}

/**
 * An explicit --jobs, lowered to the number of cores: more threads than cores only wait for each
 * other, and each holds its own heap (validate --jobs 500 took 7.3 GB). The warning says so.
 */
export function cappedJobs(requested: number, cores = availableCores(), warn?: (message: string) => void): number {
  if (requested <= cores) return requested;
  warn?.(`--jobs ${requested} is more than the ${cores === 1 ? 'one core' : `${cores} cores`} of this machine: using ${cores}`);
  return cores;
}

/**
 * A worker thread failed: a bug, not bad input. src/cli.ts reports it like any internal error, in
 * one line ("leadkit: internal error: a worker thread failed: TypeError: …"), and shows the stack
 * trace only with LEADKIT_DEBUG set: the worker's own, which is where the bug is.
 */
export class WorkerError extends Error {
  constructor(reason: string, workerStack?: string) {
    super(`a worker thread failed: ${reason.split('\n', 1)[0].trim() || 'unknown error'}`);
    this.name = 'WorkerError';
    if (workerStack) this.stack = `${this.message}\nin the worker thread:\n${workerStack}`;
  }
}

export async function* mapBatchesInParallel<T>(
  source: AsyncIterable<T[]>,
  extract: (batch: T[]) => string[][],
  merge: (batch: T[], results: string[][]) => T[],
  local: CellMapper,
  o: ParallelOptions<T>,
): AsyncGenerator<T[]> {
  const workerFile = fileURLToPath(o.workerUrl);
  const canUseWorkers = fs.existsSync(workerFile);
  const jobs = o.jobs === undefined ? defaultJobs() : cappedJobs(o.jobs, availableCores(), o.warn);
  const startAfter = o.jobs !== undefined ? 0 : o.startAfter ?? AUTO_START_ROWS;
  const pool: WorkerSlot[] = [];
  const queue: Pending<T>[] = [];
  let seen = 0;
  let next = 0;
  try {
    for await (const batch of source) {
      seen += o.weigh ? o.weigh(batch) : batch.length;
      if (canUseWorkers && jobs > 1 && pool.length === 0 && seen > startAfter) {
        for (let i = 0; i < jobs; i++) pool.push(new WorkerSlot(workerFile, o.workerData, o.youngGenerationMb ?? YOUNG_GENERATION_MB));
      }
      if (!pool.length && o.inThread) {
        // Batches still in flight go first: the output keeps the input's order.
        while (queue.length) {
          const head = queue.shift() as Pending<T>;
          yield merge(head.batch, await head.result);
        }
        yield o.inThread(batch);
        continue;
      }
      const cells = extract(batch);
      const result = pool.length ? pool[next++ % pool.length].run(cells) : local(cells);
      // Once one batch fails, the rest in flight fail too and are never awaited: without a
      // handler each would end the process as an unhandled rejection, with its stack trace.
      if (result instanceof Promise) result.catch(() => undefined);
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
  private closing = false;

  constructor(file: string, data: unknown, youngGenerationMb: number) {
    this.worker = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
    this.worker.on('message', (m: { id: number; result?: PackedCells; error?: string; stack?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new WorkerError(m.error, m.stack));
      else w.resolve(unpackCells(m.result as PackedCells));
    });
    // An exception outside a batch (the worker module failed to load) or a worker out of memory.
    this.worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.fail(new WorkerError('it ran out of memory', err.stack));
      else this.fail(new WorkerError(`${err.name}: ${err.message}`, err.stack));
    });
    this.worker.on('exit', (code) => {
      if (code !== 0 && !this.closing) this.fail(new WorkerError(`it stopped with exit code ${code}`));
    });
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const w of this.waiting.values()) w.reject(this.failed);
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
    this.closing = true;
    await this.worker.terminate();
  }
}
