/**
 * Split one batch stream into n consumers that run concurrently (several outputs of one
 * pipeline). The source is pulled once per batch; each consumer has its own queue, so a
 * consumer that is briefly behind does not stall the others.
 */
export function teeBatches<T>(source: AsyncIterable<T>, n: number): AsyncIterable<T>[] {
  const it = source[Symbol.asyncIterator]();
  const queues: T[][] = Array.from({ length: n }, () => []);
  let done = false;
  let failure: unknown;
  let pulling: Promise<void> | undefined;

  const pull = (): Promise<void> => {
    if (!pulling) {
      pulling = (async () => {
        try {
          const r = await it.next();
          if (r.done) done = true;
          else for (const q of queues) q.push(r.value);
        } catch (err) {
          failure = err;
          done = true;
        } finally {
          pulling = undefined;
        }
      })();
    }
    return pulling;
  };

  return queues.map((q) => ({
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (q.length) {
          yield q.shift() as T;
          continue;
        }
        if (failure) throw failure;
        if (done) return;
        await pull();
      }
    },
  }));
}
