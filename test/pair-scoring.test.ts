// dedupe's pair scoring shared with helper threads: a helper builds its copy of the features from
// the normalised values dedupe stores, scores a share of the candidate pairs, and the clusters are
// those of one thread; a copy that is not the same is never used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupe, dedupeAsync } from '../src/match/dedupe.js';
import { Features, type FeatureOptions } from '../src/match/features.js';
import { Scorer } from '../src/match/scorer.js';
import { applyNicknames } from '../src/match/learn-nicknames.js';
import { scorePairRange, type PairScoringHelpers, type PairScoringJob, type PairScoringRequest } from '../src/match/pair-weights.js';
import { runCooperatively, runSteps, type Steps } from '../src/parallel/cooperate.js';
import { generate } from '../bench/dedupe/generate.mjs';
import type { Row } from '../src/table.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/match/pair-worker.js'));

/** Helpers in this thread, as the workers do it: a copy from the texts, then the share's weights. */
class CopyingHelpers implements PairScoringHelpers {
  readonly threads = 1;
  readonly minPairs = 1;
  readonly texts: string[] = [];
  closed = false;
  digests: [number, number][] = [];

  constructor(
    private readonly options: FeatureOptions,
    private readonly refuse = '',
  ) {}

  add(text: string): void {
    this.texts.push(text);
  }

  score(request: Omit<PairScoringRequest, 'pairs'>, shares: Float64Array[]): PairScoringJob[] {
    return shares.map((pairs) => {
      if (this.refuse) return { done: Promise.resolve(), failed: this.refuse };
      const copy = new Features(request.rows, this.options);
      for (const t of this.texts) copy.addNormalised(t);
      if (request.nicknames.length) {
        applyNicknames(copy, request.nicknames);
        copy.reclaimOwners(request.rows);
      }
      this.digests.push([copy.digest(request.rows), request.digest]);
      const weights = new Float32Array(pairs.length);
      scorePairRange(new Scorer(copy, request.model), pairs, request.rowBits, request.bound, weights, 0, pairs.length);
      return { done: Promise.resolve(), weights };
    });
  }

  close(): void {
    this.closed = true;
  }
}

/** Each cluster as its sorted record ids. */
function partition(rows: readonly Row[], result: ReturnType<typeof dedupe>): string[] {
  return [...result.clusters].map((c) => c.members.map((i) => rows[i].record_id).sort().join(' ')).sort();
}

describe('pair scoring with helpers', () => {
  const { rows } = generate({ n: 3000, dupRate: 0.25, seed: 11 }) as { rows: Row[] };
  // Lists often give one number as phone and as mobile: it is the row's one number.
  let same = 0;
  rows.forEach((r, i) => {
    if (i % 20 === 0 && r.phone) {
      r.mobile = r.phone;
      same++;
    }
  });
  const alone = dedupe(rows);

  it('a helper scoring half the pairs gives the clusters and merged rows of one thread', async () => {
    let helpers: CopyingHelpers | undefined;
    const shared = await dedupeAsync(rows, { pairScoring: (n, matched, options) => (helpers = new CopyingHelpers(options)) });
    expect(helpers?.texts).toHaveLength(rows.length);
    // The copy built from the texts is this thread's features, by the digest.
    expect(helpers?.digests).toHaveLength(1);
    expect(helpers?.digests[0][0]).toBe(helpers?.digests[0][1]);
    expect(helpers?.closed).toBe(true);
    expect(shared.stats.pairScoring).toEqual({ threads: 2, fallback: '' });
    expect(alone.stats.pairScoring).toEqual({ threads: 1, fallback: '' });
    expect(alone.stats.blocking.candidatePairs).toBeGreaterThan(1000);
    expect(partition(rows, shared)).toEqual(partition(rows, alone));
    expect([...shared.survivors()]).toEqual([...alone.survivors()]);
    expect(shared.stats.estimates).toEqual(alone.stats.estimates);
  });

  it('a helper applies the nicknames as this thread does (given ones, with a model: nothing learnt)', async () => {
    expect(same).toBeGreaterThan(50);
    const firsts = [...new Set(rows.map((r) => r.first_name).filter(Boolean))].slice(0, 4);
    const options = { model: alone.model, nicknames: [[firsts[0], firsts[1]], [firsts[2], firsts[3]]] as [string, string][] };
    const one = dedupe(rows, options);
    let helpers: CopyingHelpers | undefined;
    const shared = await dedupeAsync(rows, { ...options, pairScoring: (n, matched, o) => (helpers = new CopyingHelpers(o)) });
    expect(helpers?.digests[0][0]).toBe(helpers?.digests[0][1]);
    expect(shared.stats.pairScoring.threads).toBe(2);
    expect(partition(rows, shared)).toEqual(partition(rows, one));
  });

  it("a helper that gives no weights has its share scored here, and the summary's stats say why", async () => {
    const shared = await dedupeAsync(rows, { pairScoring: (n, matched, options) => new CopyingHelpers(options, 'the copy of the features differs') });
    expect(shared.stats.pairScoring).toEqual({ threads: 1, fallback: 'the copy of the features differs' });
    expect(partition(rows, shared)).toEqual(partition(rows, alone));
  });

  it('a night with few rows to match asks for helpers with that count', async () => {
    const settled = new Int32Array(rows.length).fill(-1);
    for (let i = 0; i < 2000; i++) settled[i] = alone.clusters.of(i);
    const asked: [number, number][] = [];
    await dedupeAsync(rows, { settled, pairScoring: (n, matched) => (asked.push([n, matched]), undefined) });
    expect(asked).toEqual([[rows.length, rows.length - 2000]]);
  });

  it('runSteps refuses a step that waits for a promise; runCooperatively waits for it to settle', async () => {
    let done = false;
    function* steps(): Steps<string> {
      yield new Promise<void>((resolve) => setTimeout(() => ((done = true), resolve()), 5));
      yield Promise.reject(new Error('read by the step, not thrown'));
      return done ? 'waited' : 'did not wait';
    }
    expect(() => runSteps(steps())).toThrow(/waits for a promise/);
    await expect(runCooperatively(steps())).resolves.toBe('waited');
  });
});

// --jobs is lowered to the machine's cores: on one core no helper starts.
describe.runIf(built && os.availableParallelism() > 1)('pair scoring in worker threads (built CLI)', () => {
  let dir: string;
  let input: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-pairs-'));
    input = path.join(dir, 'leads.csv');
    const { rows } = generate({ n: 6000, dupRate: 0.25, seed: 3 }) as { rows: Row[] };
    rows.forEach((r, i) => {
      if (i % 20 === 0 && r.phone) r.mobile = r.phone;
    });
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    fs.writeFileSync(input, [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c] ?? '')).join(','))].join('\n') + '\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const run = (jobs: string) => {
    const out = path.join(dir, `out-${jobs}.csv`);
    const json = path.join(dir, `summary-${jobs}.json`);
    execFileSync(bin, ['dedupe', input, '--jobs', jobs, '-q', '-o', out, '--summary-json', json, '--report', path.join(dir, `map-${jobs}.csv`)], quiet);
    return { out: fs.readFileSync(out, 'utf8'), map: fs.readFileSync(path.join(dir, `map-${jobs}.csv`), 'utf8'), summary: JSON.parse(fs.readFileSync(json, 'utf8')) };
  };

  it('dedupe --jobs 2 writes what one thread writes, with a worker scoring half the pairs', () => {
    const one = run('0');
    const two = run('2');
    expect(one.summary.pair_scoring_threads).toBe(1);
    expect(two.summary.pair_scoring_threads).toBe(2);
    expect(two.summary.pair_scoring_fallback).toBeUndefined();
    expect(two.summary.candidate_pairs).toBeGreaterThan(2000);
    expect(two.out).toBe(one.out);
    expect(two.map).toBe(one.map);
    expect(one.summary.duplicates_merged).toBeGreaterThan(500);
  });

  it("a worker whose copy is not this thread's features gives no weights", async () => {
    const { pairScoring } = await import(path.join(root, 'dist/parallel/pair-scoring.js'));
    const { Features: BuiltFeatures } = await import(path.join(root, 'dist/match/features.js'));
    const { Scorer: BuiltScorer } = await import(path.join(root, 'dist/match/scorer.js'));
    const { rows } = generate({ n: 800, dupRate: 0.3, seed: 9 }) as { rows: Row[] };
    const features = new BuiltFeatures(rows.length, {});
    for (const r of rows) features.add(r);
    const helpers: PairScoringHelpers = pairScoring(2)(rows.length, rows.length, {});
    try {
      for (let i = 0; i < rows.length; i++) helpers.add(features.normalisedOf(i));
      const { model } = dedupe(rows);
      const pairs = Float64Array.from([0 * 1024 + 1, 2 * 1024 + 3, 5 * 1024 + 700]);
      const request = { rows: rows.length, digest: features.digest(rows.length), nicknames: [], model, rowBits: 10, bound: -Infinity };
      const [right] = helpers.score(request, [pairs.slice()]);
      await right.done;
      const scorer = new BuiltScorer(features, model);
      expect(Array.from(right.weights ?? [])).toEqual(Array.from(pairs, (p) => scorer.weight(Math.floor(p / 1024), p % 1024)));
      const [wrong] = helpers.score({ ...request, digest: (request.digest + 1) >>> 0 }, [pairs.slice()]);
      await wrong.done;
      expect(wrong.weights).toBeUndefined();
      expect(wrong.failed).toBe('the copy of the features differs');
    } finally {
      helpers.close();
    }
  });
});
