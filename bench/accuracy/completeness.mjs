/**
 * Pair completeness: the share of true pairs that blocking lets the scorer compare at all, an
 * upper bound on recall. Computed with the compiled engine's own blocking (dist/match), on the
 * same rows and with the same options `leadkit dedupe` / `leadkit match` use.
 *
 * Needs Features and the blocking functions. src/match/index.ts does not export them (yet); until
 * it does, they are loaded from their own compiled modules (dist/match/features.js, blocking.js).
 * The export that would make this use the public entry point only:
 *   export { Features } from './features.js'; export { candidatePairs, blockingKeys, packedKeys, rowBitsFor, signature } from './blocking.js';
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { loadEngine } from '../dedupe/engine.mjs';

const root = resolve(import.meta.dirname, '../..');
const dist = process.env.LEADKIT_DIST ? resolve(process.env.LEADKIT_DIST) : resolve(root, 'dist');

let cached;
export async function loadBlocking() {
  if (cached) return cached;
  const engine = await loadEngine();
  const need = ['Features', 'candidatePairs', 'blockingKeys', 'packedKeys', 'rowBitsFor', 'signature'];
  let api = engine;
  let source = 'dist/match/index.js';
  if (!need.every((k) => typeof engine[k] === 'function')) {
    const features = await import(pathToFileURL(resolve(dist, 'match/features.js')).href);
    const blocking = await import(pathToFileURL(resolve(dist, 'match/blocking.js')).href);
    api = { ...blocking, Features: features.Features };
    source = 'dist/match/features.js + blocking.js (not exported by dist/match/index.js)';
  }
  cached = { engine, api, source };
  return cached;
}

/** How many true pairs (same entity) are among the candidate pairs of `pairs` packed a·2^rowBits+b. */
function coveredPairs(pairs, rowBits, entityIds) {
  const scale = 2 ** rowBits;
  let covered = 0;
  for (let k = 0; k < pairs.length; k++) {
    const a = Math.floor(pairs[k] / scale);
    const b = pairs[k] - a * scale;
    if (entityIds[a] === entityIds[b]) covered++;
  }
  return covered;
}

/** Entities as small integers (cheap to compare), and the number of true pairs. */
function entityIndex(truth) {
  const ids = new Map();
  const out = new Int32Array(truth.length);
  const size = new Map();
  truth.forEach((e, i) => {
    let id = ids.get(e);
    if (id === undefined) ids.set(e, (id = ids.size));
    out[i] = id;
    size.set(id, (size.get(id) ?? 0) + 1);
  });
  let truePairs = 0;
  for (const k of size.values()) truePairs += (k * (k - 1)) / 2;
  return { ids: out, truePairs };
}

/**
 * Dedupe's blocking over `rows` (as dedupe.ts builds it: resolveOptions, Features, candidatePairs).
 * `options` as the command passes them (columns: the input's header).
 */
export async function dedupeCompleteness(rows, truth, options = {}) {
  const { engine, api } = await loadBlocking();
  const opts = engine.resolveOptions(options, rows);
  const n = rows.length;
  const features = new api.Features(n, { compare: opts.compare, defaultCallingCode: opts.defaultCallingCode });
  for (let i = 0; i < n; i++) features.add(rows[i]);
  const { pairs, rowBits } = api.candidatePairs(features, n, { maxBlockSize: opts.maxBlockSize, window: opts.window });
  const { ids, truePairs } = entityIndex(truth);
  const covered = coveredPairs(pairs, rowBits, ids);
  return { truePairs, coveredPairs: covered, candidatePairs: pairs.length, completeness: truePairs === 0 ? 1 : covered / truePairs };
}

/**
 * Link mode: for each query row whose entity is in the reference, is a reference row of that
 * entity among its candidates? The candidates are found the way link.ts's matcher finds them:
 * the reference's packed keys, blocks larger than maxBlockSize kept sorted by signature, and each
 * query meeting a small block whole or the `window` rows around its own signature in a large one.
 * (link.ts keeps that search inside createMatcher; this mirrors it.)
 */
export async function linkCompleteness(reference, refTruth, queries, queryTruth, options = {}) {
  const { engine, api } = await loadBlocking();
  const opts = engine.resolveOptions(options, reference);
  const n = reference.length;
  const features = new api.Features(n + 1, { compare: opts.compare, defaultCallingCode: opts.defaultCallingCode, defaultCountry: options.defaultCountry });
  for (let i = 0; i < n; i++) features.add(reference[i]);
  const rowBits = api.rowBitsFor(n + 1);
  const scale = 2 ** rowBits;
  const shift = 32 - Math.min(32, 53 - rowBits);
  const keys = api.packedKeys(features, n, rowBits);
  const wide = new Map();
  for (let k = 0; k < keys.length; ) {
    const h = Math.floor(keys[k] / scale);
    let e = k;
    while (e < keys.length && Math.floor(keys[e] / scale) === h) e++;
    if (e - k > opts.maxBlockSize) {
      const order = [];
      for (let x = k; x < e; x++) {
        const row = keys[x] - h * scale;
        order.push({ row, sig: api.signature(features, row) });
      }
      order.sort((p, q) => (p.sig < q.sig ? -1 : p.sig > q.sig ? 1 : p.row - q.row));
      wide.set(h, { rows: order.map((o) => o.row), sigs: order.map((o) => o.sig) });
    }
    k = e;
  }
  const lowerBound = (value) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const refOf = new Map();
  refTruth.forEach((e, i) => refOf.set(e, [...(refOf.get(e) ?? []), i]));
  const query = n;
  let trueLinks = 0;
  let covered = 0;
  let candidates = 0;
  for (let q = 0; q < queries.length; q++) {
    features.set(query, queries[q], false);
    const seen = new Set();
    api.blockingKeys(features, query, (key) => {
      const h = key >>> shift;
      const block = wide.get(h);
      if (block) {
        const sig = api.signature(features, query);
        let lo = 0;
        let hi = block.sigs.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (block.sigs[mid] < sig) lo = mid + 1;
          else hi = mid;
        }
        for (let x = Math.max(0, lo - opts.window); x < Math.min(block.rows.length, lo + opts.window); x++) seen.add(block.rows[x]);
        return;
      }
      const end = lowerBound((h + 1) * scale);
      for (let x = lowerBound(h * scale); x < end; x++) seen.add(keys[x] - h * scale);
    });
    candidates += seen.size;
    const refs = refOf.get(queryTruth[q]);
    if (!refs) continue;
    trueLinks++;
    if (refs.some((r) => seen.has(r))) covered++;
  }
  return { truePairs: trueLinks, coveredPairs: covered, candidatePairs: candidates, completeness: trueLinks === 0 ? 1 : covered / trueLinks };
}
