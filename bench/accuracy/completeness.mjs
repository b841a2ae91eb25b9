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
  const need = ['Features', 'candidatePairs'];
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
 * entity among the candidates the matcher compares it with (Matcher.candidates)?
 */
export async function linkCompleteness(reference, refTruth, queries, queryTruth, options = {}) {
  const { engine } = await loadBlocking();
  const matcher = engine.createMatcher(reference, options);
  const refOf = new Map();
  refTruth.forEach((e, i) => refOf.set(e, [...(refOf.get(e) ?? []), i]));
  let trueLinks = 0;
  let covered = 0;
  let candidates = 0;
  for (let q = 0; q < queries.length; q++) {
    const seen = new Set(matcher.candidates(queries[q]));
    candidates += seen.size;
    const refs = refOf.get(queryTruth[q]);
    if (!refs) continue;
    trueLinks++;
    if (refs.some((r) => seen.has(r))) covered++;
  }
  return { truePairs: trueLinks, coveredPairs: covered, candidatePairs: candidates, completeness: trueLinks === 0 ? 1 : covered / trueLinks };
}
