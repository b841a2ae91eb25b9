import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { availableCores, cappedJobs } from './pool.js';
import type { FeatureOptions } from '../match/features.js';
import type { PairScoringHelpers, PairScoringJob, PairScoringRequest, StartPairScoring } from '../match/pair-weights.js';

/**
 * dedupe's pair scoring in more than one thread. Each helper is a worker thread
 * (src/match/pair-worker.ts) that builds its own copy of the match features from the normalised
 * values this thread stores, row by row while dedupe reads them, and then scores its share of
 * the candidate pairs. Its copy must show the same digest as this thread's features
 * (Features.digest), or its weights are not used and its share is scored here.
 *
 * A copy costs about what the features cost here (a few hundred bytes a row), for as long as the
 * pairs are scored; it is ended right after.
 */

/**
 * Rows to match from which dedupe scores pairs in two threads when --jobs is not given. The copy
 * is built while this thread builds its features, and the two threads then slow each other down
 * (both are bound by memory, not arithmetic): on a list of 200,000 rows dedupe took longer with a
 * helper than without, on a million rows less.
 */
export const PAIR_SCORING_MIN_ROWS = 500_000;

/** Candidate pairs from which helpers started by size are asked (an explicit --jobs asks them for any). */
const AUTO_MIN_PAIRS = 50_000;

/** Normalised rows posted to the helpers at a time. */
const BATCH = 4096;

/** The helpers' young generation, as bin/leadkit's: they store values that live as long as they do. */
const YOUNG_GENERATION_MB = 32;

/**
 * The helpers for --jobs: `jobs` threads score pairs, this one included (undefined: two on a
 * machine with more than one core, for a list with PAIR_SCORING_MIN_ROWS rows to match).
 */
export function pairScoring(jobs: number | undefined, warn?: (message: string) => void): StartPairScoring {
  return (rows, matched, options) => {
    const threads = jobs === undefined ? (matched >= PAIR_SCORING_MIN_ROWS ? Math.min(2, availableCores()) : 1) : cappedJobs(jobs, availableCores(), warn);
    if (threads <= 1) return undefined;
    const file = fileURLToPath(new URL('../match/pair-worker.js', import.meta.url));
    // Running from sources (tests): no compiled worker, all pairs are scored here.
    if (!fs.existsSync(file)) return undefined;
    return new WorkerHelpers(file, threads - 1, jobs === undefined ? AUTO_MIN_PAIRS : 1, rows, options);
  };
}

export interface PairWorkerData {
  rows: number;
  options: FeatureOptions;
}

export type PairWorkerMessage = { type: 'rows'; texts: string[] } | ({ type: 'score' } & PairScoringRequest);

export type PairWorkerAnswer = { type: 'weights'; weights: Float64Array } | { type: 'differs'; why: string } | { type: 'error'; error: string };

/**
 * The helper threads. Whatever goes wrong with one (it fails, runs out of memory, stops, its copy
 * differs) settles every job waiting with the reason and ends them all: dedupe then scores their
 * shares itself and says why (pair_scoring_fallback), so a helper can cost time, never the run.
 */
class WorkerHelpers implements PairScoringHelpers {
  private readonly workers: Worker[] = [];
  private batch: string[] = [];
  /** Why the copies cannot be used (a value they cannot carry, a failed thread). */
  private stopped: string | undefined;
  /** The job each worker is scoring, with what settles it. */
  private readonly pending: ({ job: PairScoringJob; settle: () => void } | undefined)[];
  private closing = false;

  constructor(
    file: string,
    readonly threads: number,
    readonly minPairs: number,
    rows: number,
    options: FeatureOptions,
  ) {
    const data: PairWorkerData = { rows, options };
    this.pending = new Array(threads).fill(undefined);
    try {
      for (let t = 0; t < threads; t++) this.workers.push(this.start(file, data, t));
    } catch (err) {
      this.stop(`a pair-scoring thread did not start: ${(err as Error).message}`);
    }
  }

  private start(file: string, data: PairWorkerData, t: number): Worker {
    const w = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    w.on('message', (m: PairWorkerAnswer) => this.answer(t, m));
    w.on('messageerror', (err: Error) => this.stop(`a pair-scoring thread's answer could not be read: ${err.message}`));
    w.on('error', (err: Error & { code?: string }) => {
      this.stop(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'a pair-scoring thread ran out of memory' : `a pair-scoring thread failed: ${err.name}: ${err.message}`);
    });
    w.on('exit', (code) => this.stop(`a pair-scoring thread stopped (exit code ${code})`));
    // Not unref()'d: while dedupe waits for a helper's weights, the helper is all the event loop
    // has, and an unref()'d one let the process end there, with no output and exit code 0.
    // dedupe ends the helpers itself (close(), on success and on failure).
    return w;
  }

  add(text: string): void {
    if (this.stopped !== undefined) return;
    if (text === '') {
      this.stop('a row has a value the copies cannot carry');
      return;
    }
    this.batch.push(text);
    if (this.batch.length === BATCH) this.flush();
  }

  score(request: Omit<PairScoringRequest, 'pairs'>, shares: Float64Array[]): PairScoringJob[] {
    this.flush();
    return shares.map((pairs, t) => {
      const job: PairScoringJob = { done: Promise.resolve() };
      if (this.stopped !== undefined) {
        job.failed = this.stopped;
        return job;
      }
      job.done = new Promise<void>((settle) => {
        this.pending[t] = { job, settle };
      });
      const message: PairWorkerMessage = { type: 'score', ...request, pairs };
      this.workers[t].postMessage(message, [pairs.buffer as ArrayBuffer]);
      return job;
    });
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    for (const w of this.workers) void w.terminate();
  }

  private flush(): void {
    if (this.batch.length === 0 || this.stopped !== undefined) return;
    const message: PairWorkerMessage = { type: 'rows', texts: this.batch };
    for (const w of this.workers) w.postMessage(message);
    this.batch = [];
  }

  private answer(t: number, m: PairWorkerAnswer): void {
    if (m.type === 'error') {
      this.stop(`a pair-scoring thread failed: ${m.error}`);
      return;
    }
    const p = this.pending[t];
    if (!p) return;
    this.pending[t] = undefined;
    if (m.type === 'weights') p.job.weights = m.weights;
    else p.job.failed = m.why;
    p.settle();
  }

  /** No more use of the copies: every job waiting is settled with the reason, and the threads end. */
  private stop(why: string): void {
    if (this.closing) return;
    this.stopped ??= why;
    for (let t = 0; t < this.pending.length; t++) {
      const p = this.pending[t];
      if (!p) continue;
      this.pending[t] = undefined;
      p.job.failed = this.stopped;
      p.settle();
    }
    this.batch = [];
    this.close();
  }
}
