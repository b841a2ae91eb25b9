/**
 * The first rows of a stream of batches, read ahead so a stage can decide something from them
 * (a list's dominant country, a date column's day/month order) before it handles any row.
 */

/** The first rows of a stream (at least `rows` of them, or all), and the stream with them still at its head. */
export async function peekRows<T>(source: AsyncIterable<T[]>, rows: number): Promise<{ first: T[]; batches: AsyncIterable<T[]> }> {
  const it = source[Symbol.asyncIterator]();
  const held: T[][] = [];
  let count = 0;
  let ended = false;
  while (count < rows) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    held.push(r.value);
    count += r.value.length;
  }
  const first = held.length === 1 ? held[0] : held.flat();
  async function* batches(): AsyncGenerator<T[]> {
    let done = false;
    try {
      while (held.length) yield held.shift() as T[];
      if (!ended) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      done = true;
    } finally {
      // A consumer that stopped early closes the source too.
      if (!done) await it.return?.();
    }
  }
  return { first, batches: batches() };
}
