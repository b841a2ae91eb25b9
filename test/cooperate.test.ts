// Long computations in steps that let the event loop turn (src/parallel/cooperate.ts): the same
// results as the one-go versions, and timers (signal handlers) run while they compute.
import { describe, expect, it } from 'vitest';
import { runCooperatively, runSteps, Slice, sortSteps, type Steps } from '../src/parallel/cooperate.js';
import { createMatcher, createMatcherAsync, dedupe, dedupeAsync } from '../src/match/index.js';
import { sortKeySteps } from '../src/match/blocking.js';
import type { Row } from '../src/table.js';
// The benchmark's generator of lead lists with duplicates (plain JavaScript).
import { generate } from '../bench/dedupe/generate.mjs';

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('sortSteps', () => {
  it('sorts like Array.prototype.sort, equal items in their input order', () => {
    const rnd = random(7);
    for (const n of [0, 1, 2, 1023, 1024, 1025, 3000, 10_000]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rnd() * 50), i }));
      const cmp = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const expected = items.slice().sort(cmp);
      expect(runSteps(sortSteps(items.slice(), cmp, new Slice(0)))).toEqual(expected);
    }
  });

  it('sorts in place', () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    const out = runSteps(sortSteps(items, (a, b) => a - b, new Slice()));
    expect(out).toBe(items);
    expect(items).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});

describe('sortKeySteps', () => {
  it('sorts whole numbers below a bound like Float64Array.prototype.sort, in ranges', () => {
    const rnd = random(3);
    for (const [n, bound] of [[100, 1000], [70_000, 2 ** 40], [300_000, 2 ** 52], [200_000, 17]]) {
      // Skewed too: half the values crowd into the lowest range.
      const data = Float64Array.from({ length: n }, (_, i) => Math.floor((i % 2 ? rnd() : rnd() / 1000) * bound));
      const expected = data.slice().sort();
      expect(runSteps(sortKeySteps(data, bound, new Slice(0)))).toEqual(expected);
    }
  });
});

describe('runCooperatively', () => {
  it('lets timers run while a computation goes on', async () => {
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    function* busy(slice: Slice): Steps<number> {
      const end = performance.now() + 200;
      let k = 0;
      while (performance.now() < end) if ((++k & 255) === 0 && slice.due()) yield;
      return k;
    }
    const k = await runCooperatively(busy(new Slice(5)));
    clearInterval(timer);
    expect(k).toBeGreaterThan(0);
    expect(fired).toBeGreaterThan(5);
  });
});

describe('dedupeAsync and createMatcherAsync', () => {
  const { rows } = generate({ n: 4000, dupRate: 0.2, seed: 5 }) as { rows: Row[] };

  it('dedupeAsync gives what dedupe gives', async () => {
    const a = dedupe(rows);
    const b = await dedupeAsync(rows);
    expect(b.stats).toEqual(a.stats);
    expect([...b.survivors()]).toEqual([...a.survivors()]);
    expect([...b.report()]).toEqual([...a.report()]);
  });

  it('createMatcherAsync gives what createMatcher gives', async () => {
    const reference = rows.slice(0, 3000);
    const queries = rows.slice(3000);
    const a = createMatcher(reference);
    const b = await createMatcherAsync(reference);
    expect([...b.annotate(queries)]).toEqual([...a.annotate(queries)]);
  });
});
