/**
 * Long computations that let the event loop run. A signal handler (bin/leadkit: SIGTERM, SIGINT,
 * SIGHUP) runs only when the event loop turns, and a dedupe of a million rows computes for tens
 * of seconds without awaiting anything: killed by a cron timeout, it went on for all that time.
 *
 * A long phase is written once, as a generator of steps that yields whenever its time slice is
 * used up (checked by a counter every few thousand iterations, then the clock):
 *
 *   function* phase(n: number, slice: Slice): Steps<number> {
 *     for (let i = 0; i < n; i++) {
 *       work(i);
 *       if ((i & 1023) === 0 && slice.due()) yield;
 *     }
 *     return n;
 *   }
 *
 * and driven either synchronously (runSteps: the yields are ignored, for library callers and
 * tests) or cooperatively (runCooperatively: each yield waits one event-loop turn, for commands).
 * Phases compose with `yield*`. A yield costs a few microseconds when nothing is pending, once per
 * slice: the computation is not measurably slower.
 */

/**
 * Steps of a computation returning R; each yield is a point where the event loop may run. A step
 * may yield a promise (work handed to a worker thread): runCooperatively waits for it to settle
 * and the step then reads the outcome (its own record of it); runSteps cannot wait and throws, so
 * only cooperative callers hand work off.
 */
export type Steps<R> = Generator<void | Promise<unknown>, R, void>;

/** Milliseconds of computation between two turns of the event loop. */
export const SLICE_MS = 20;

/** Says when a computation has used up its time slice. */
export class Slice {
  private deadline: number;
  constructor(private readonly ms = SLICE_MS) {
    this.deadline = performance.now() + ms;
  }

  /** True (and a new slice begins) when the current one is used up. */
  due(): boolean {
    const now = performance.now();
    if (now < this.deadline) return false;
    this.deadline = now + this.ms;
    return true;
  }
}

/** Run steps to the end without yielding to the event loop. */
export function runSteps<R>(steps: Steps<R>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value !== undefined) throw new Error('runSteps: a step waits for a promise; run it with runCooperatively');
  }
}

const ignore = (): void => undefined;

/** One turn of the event loop: timers, I/O callbacks and signal handlers run, then we go on. */
export function turn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Run steps, letting the event loop turn at each yield. */
export async function runCooperatively<R>(steps: Steps<R>): Promise<R> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    // The step reads the outcome of what it waited for itself (a failed worker included).
    if (r.value !== undefined) await r.value.then(ignore, ignore);
    else await turn();
  }
}


/** Rows per run sorted natively before the runs are merged (a few milliseconds each). */
const SORT_RUN = 1024;

/**
 * A stable sort in steps: runs of SORT_RUN items sorted by Array.prototype.sort, then merged
 * pairwise, with a yield whenever the slice is used up. For a consistent comparator the result
 * is exactly that of `items.sort(cmp)` (both are stable); `items` is sorted in place and returned.
 */
export function* sortSteps<T>(items: T[], cmp: (a: T, b: T) => number, slice: Slice): Steps<T[]> {
  const n = items.length;
  for (let lo = 0; lo < n; lo += SORT_RUN) {
    const hi = Math.min(n, lo + SORT_RUN);
    const run = items.slice(lo, hi).sort(cmp);
    for (let i = 0; i < run.length; i++) items[lo + i] = run[i];
    if (slice.due()) yield;
  }
  if (n <= SORT_RUN) return items;
  let src = items;
  let dst = new Array<T>(n);
  for (let width = SORT_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // The right item goes first only when strictly smaller: equal items keep their order.
        dst[k++] = cmp(src[j], src[i]) < 0 ? src[j++] : src[i++];
        if ((k & 1023) === 0 && slice.due()) yield;
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== items) for (let i = 0; i < n; i++) items[i] = src[i];
  return items;
}
