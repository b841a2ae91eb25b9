#!/usr/bin/env node
/**
 * The dedupe benchmark: accuracy on the generator's default settings, then time and memory of
 * dedupe on 100k, 250k, 500k and 1M generated rows (~20 % duplicates).
 *
 *   node bench/dedupe/run.mjs [--sizes 100000,250000] [--skip-accuracy]
 *
 * Needs the compiled engine: `npm run build` (dist/), or `sh bench/dedupe/build-isolated.sh` and
 * LEADKIT_DIST=/tmp/lk-dist. Each size runs in a child process of its own, so the peak RSS it
 * reports (from the OS) belongs to that size alone. Timed: dedupe() (features, blocking, scoring,
 * clustering) and writing every merged row, i.e. what `leadkit dedupe` adds to reading and
 * writing the CSV. Not timed: generating the rows.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatAccuracy } from './evaluate.mjs';
import { measureAccuracy } from './accuracy.mjs';
import { generate } from './generate.mjs';
import { loadEngine } from './engine.mjs';

const self = fileURLToPath(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

async function child(n) {
  const { dedupe } = await loadEngine();
  const { rows } = generate({ n, dupRate: 0.2, seed: 42 });
  const rowsRss = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = dedupe(rows);
  const t1 = performance.now();
  let out = 0;
  for (const row of result.survivors()) if (row.cluster_id) out++;
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  process.send({
    n,
    clusters: result.stats.clusters,
    duplicates: result.stats.duplicates,
    candidatePairs: result.stats.blocking.candidatePairs,
    oversizedBlocks: result.stats.blocking.oversizedBlocks,
    out,
    dedupeSeconds: (t1 - t0) / 1000,
    outputSeconds: (t2 - t1) / 1000,
    // CPU time of the timed part: on a shared machine wall time also counts other processes' turns.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rowsRssMB: rowsRss / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  });
}

function runChild(n) {
  return new Promise((resolve, reject) => {
    const p = fork(self, ['--child', String(n)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    p.on('message', (m) => (result = m));
    p.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`size ${n}: child exited with ${code}`))));
  });
}

async function main() {
  if (process.argv.includes('--child')) return child(Number(arg('child', '0')));

  if (!process.argv.includes('--skip-accuracy')) {
    const a = await measureAccuracy({ n: 20000, dupRate: 0.2, seed: 1 });
    console.log('accuracy (generator defaults: n=20000, dupRate=0.2, seed=1; pairwise)');
    console.log('  ' + formatAccuracy('leadkit dedupe', a.engine));
    console.log('  ' + formatAccuracy('exact-key baseline', a.baseline));
  }

  const sizes = arg('sizes', '100000,250000,500000,1000000').split(',').map(Number);
  console.log('\nscale (seed 42, 20 % duplicates; seconds exclude generating the rows)');
  console.log('      rows   dedupe s   output s   total s     cpu s   µs/row   pairs/row   peak RSS MB   (rows alone MB)');
  for (const n of sizes) {
    const r = await runChild(n);
    const total = r.dedupeSeconds + r.outputSeconds;
    console.log(
      `${String(n).padStart(10)} ${r.dedupeSeconds.toFixed(1).padStart(10)} ${r.outputSeconds.toFixed(1).padStart(10)} ${total.toFixed(1).padStart(9)} ${r.cpuSeconds.toFixed(1).padStart(9)} ${((total * 1e6) / n).toFixed(1).padStart(8)} ${(r.candidatePairs / n).toFixed(2).padStart(11)} ${r.peakRssMB.toFixed(0).padStart(13)}   (${r.rowsRssMB.toFixed(0)})`,
    );
  }
}

await main();
