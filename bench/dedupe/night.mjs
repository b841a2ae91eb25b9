#!/usr/bin/env node
/**
 * A night with state, at the engine: dedupe of a list whose rows the last night settled, but for
 * the new ones, against a full dedupe of the same list.
 *
 *   node bench/dedupe/night.mjs [--n 1000000] [--new 10000]
 *
 * Day 1 is the first n − new rows of the generator's list, deduplicated in full; tonight is the
 * whole list with day 1's rows settled in day 1's clusters and their normalised values kept (as a
 * night's state keeps them). Prints both times, the pairs each compared, and how many of the full
 * run's clusters tonight's run has too.
 */
import { generate } from './generate.mjs';
import { loadEngine } from './engine.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const n = arg('n', 1_000_000);
const fresh = arg('new', 10_000);
const { dedupe } = await loadEngine();
const { rows } = generate({ n, dupRate: 0.2, seed: 42 });
const day1 = rows.slice(0, n - fresh);

const time = (f) => {
  const t = process.hrtime.bigint();
  const r = f();
  return { r, s: Number(process.hrtime.bigint() - t) / 1e9 };
};
const first = time(() => dedupe(day1));
const settled = new Int32Array(n).fill(-1);
for (let i = 0; i < day1.length; i++) settled[i] = first.r.clusters.of(i);
const night = time(() => dedupe(rows, { settled, normalised: (i) => (i < day1.length ? first.r.normalisedOf(i) : undefined) }));
const partition = (res) => new Set([...res.clusters].map((c) => c.members.join(' ')));
const tonight = partition(night.r);
const full = time(() => dedupe(rows));
let same = 0;
for (const c of partition(full.r)) if (tonight.has(c)) same++;
console.log(
  JSON.stringify(
    {
      rows: n,
      new_rows: fresh,
      day1_seconds: +first.s.toFixed(2),
      night_seconds: +night.s.toFixed(2),
      full_seconds: +full.s.toFixed(2),
      night_pairs: night.r.stats.blocking.candidatePairs,
      full_pairs: full.r.stats.blocking.candidatePairs,
      clusters_as_full_run: +(same / full.r.clusters.count).toFixed(5),
    },
    null,
    1,
  ),
);
