#!/usr/bin/env node
/**
 * `npm run bench:accuracy`: how well dedupe and match find the records of one entity, on the
 * public benchmark sets in ../shared/benchmarks (read in place, never copied) and on the project's
 * own generator (bench/dedupe/generate.mjs) at 20k and 300k rows.
 *
 *   npm run bench:accuracy
 *   npm run bench:accuracy -- --only febrl1,chicago
 *   npm run bench:accuracy -- --skip-large --json /tmp/accuracy.json
 *   npm run bench:accuracy -- --strict          exit 1 when a figure misses its target
 *
 * Every public dedupe set runs one and the same command line, with --map only for columns import
 * does not recognise (see sets.mjs):
 *
 *   leadkit import FILE [--delimiter tab] [--map X=Y ...] | leadkit dedupe --report REPORT.csv --summary-json SUMMARY.json
 *
 * FEBRL 4 is a link: `leadkit import 4b … | leadkit match --against 4a --against-map …`.
 * The generator runs through the compiled engine (dedupe()), as bench/dedupe/accuracy.mjs does.
 *
 * Figures: pairwise precision / recall / F1 (every pair of records in one cluster; for the link,
 * each new row's match_id against the reference row of its entity), pair completeness (the share
 * of true pairs that blocking compares at all, from the engine's own blocking on the imported
 * rows; an upper bound on recall), dedupe's own estimates made without labels next to it
 * (pair_completeness_estimate, estimated_match_rate, realised_match_rate from `dedupe --summary-json`,
 * and the true share of rows with a duplicate), and wall seconds (import | dedupe, or dedupe() for
 * the generator). Exit 0 whatever the figures unless --strict; 1 when a run fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { ALL_SETS, formatTarget, meetsTarget } from './sets.mjs';
import { dedupeCompleteness, linkCompleteness, loadBlocking } from './completeness.mjs';
import { pairwiseAccuracy } from '../dedupe/evaluate.mjs';
import { runHeaders } from './headers.mjs';
import { runTypos } from './typos.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const benchDir = path.resolve(root, '../shared/benchmarks');
const leadkit = path.join(root, 'bin/leadkit');

// --- options ---------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flags = new Set();
const values = {};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only' || a === '--json') values[a.slice(2)] = argv[++i];
  else if (['--skip-large', '--strict', '--keep', '--no-build'].includes(a)) flags.add(a.slice(2));
  else if (a === '-h' || a === '--help') {
    console.log('usage: node bench/accuracy/run.mjs [--only NAME[,NAME]] [--json FILE] [--skip-large] [--strict] [--keep] [--no-build]');
    console.log(`sets: ${ALL_SETS.map((s) => s.name).join(', ')}`);
    process.exit(0);
  } else {
    console.error(`bench:accuracy: unknown option ${a}`);
    process.exit(2);
  }
}
const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
if (only) {
  const unknown = only.filter((n) => !ALL_SETS.some((s) => s.name === n) && n !== 'headers' && n !== 'typos');
  if (unknown.length) {
    console.error(`bench:accuracy: unknown set ${unknown.join(', ')} (sets: ${ALL_SETS.map((s) => s.name).join(', ')})`);
    process.exit(2);
  }
}

// --- a fresh build -----------------------------------------------------------------------------
/** Newest mtime of the TypeScript sources, against the oldest of the compiled files we load. */
function distIsFresh() {
  const built = ['dist/cli.js', 'dist/match/index.js'].map((f) => path.join(root, f));
  if (!built.every((f) => fs.existsSync(f))) return false;
  const builtAt = Math.min(...built.map((f) => fs.statSync(f).mtimeMs));
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  return newest <= builtAt;
}
if (!flags.has('no-build') && !distIsFresh()) {
  console.error('bench:accuracy: dist/ is missing or older than src/: npm run build');
  // npm's own output goes to stderr: stdout carries the table only.
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (b.status !== 0) {
    if (!fs.existsSync(path.join(root, 'dist/cli.js'))) {
      console.error('bench:accuracy: the build failed and there is no dist/ to measure');
      process.exit(1);
    }
    console.error('bench:accuracy: the build reported errors; measuring the dist/ it emitted');
  }
}

// --- running leadkit ---------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-accuracy-'));
const show = (args) => ['leadkit', ...args.map((a) => (/[\s'"|]/.test(a) ? `'${a}'` : a))].join(' ');

/**
 * `leadkit A | leadkit B`, spawned with pipes (no shell). A's output is also written to
 * `teeTo` (the imported rows, for the truth and for blocking); B's stdout goes to `outTo` or
 * nowhere. Resolves with the wall seconds of the whole pipe.
 */
function pipe(first, second, { teeTo, outTo }) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const out = outTo ? fs.openSync(outTo, 'w') : 'ignore';
    const a = spawn(leadkit, first, { stdio: ['ignore', 'pipe', 'pipe'] });
    const b = spawn(leadkit, second, { stdio: ['pipe', out, 'pipe'] });
    if (typeof out === 'number') fs.closeSync(out);
    const tee = fs.createWriteStream(teeTo);
    const err = { a: '', b: '' };
    a.stderr.on('data', (d) => (err.a += d));
    b.stderr.on('data', (d) => (err.b += d));
    b.stdin.on('error', () => {}); // B died early: its exit code tells.
    a.stdout.pipe(b.stdin);
    a.stdout.pipe(tee);
    const exit = (p) => new Promise((res) => p.on('close', (code, signal) => res(code ?? signal)));
    const teeDone = new Promise((res, rej) => tee.on('finish', res).on('error', rej));
    Promise.all([exit(a), exit(b), teeDone]).then(([ca, cb]) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (ca !== 0 || cb !== 0) {
        reject(new Error(`${ca !== 0 ? `${show(first)} exited ${ca}: ${err.a.trim()}` : ''}${cb !== 0 ? ` ${show(second)} exited ${cb}: ${err.b.trim()}` : ''}`.trim()));
      } else resolve({ seconds, stderr: err.b.trim() });
    }, reject);
  });
}

/** One leadkit command with stdout to a file (untimed helper runs). */
function run(args, outTo) {
  const out = fs.openSync(outTo, 'w');
  const r = spawnSync(leadkit, args, { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`${show(args)} exited ${r.status ?? r.signal}: ${r.stderr.trim()}`);
}

/** A CSV file as { columns, rows } (every value a string, as leadkit sees it). */
function readCsv(file) {
  const records = parse(fs.readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: false });
  const [columns, ...data] = records;
  const rows = data.map((rec) => {
    const row = {};
    columns.forEach((c, i) => (row[c] = rec[i] ?? ''));
    return row;
  });
  return { columns, rows };
}

const importArgs = (set, file) => ['import', path.join(benchDir, file), ...(set.delimiter ? ['--delimiter', set.delimiter] : []), ...set.map.flatMap((m) => ['--map', m])];

// --- the sets ----------------------------------------------------------------------------------
async function runDedupeSet(set) {
  const imported = path.join(tmp, `${set.name}-imported.csv`);
  const report = path.join(tmp, `${set.name}-report.csv`);
  const summaryFile = path.join(tmp, `${set.name}-summary.json`);
  const first = importArgs(set, set.file);
  const second = ['dedupe', '--report', report, '--summary-json', summaryFile];
  console.error(`bench:accuracy: ${set.name}: ${show(first)} | ${show(second)}`);
  const { seconds, stderr } = await pipe(first, second, { teeTo: imported });
  const { columns, rows } = readCsv(imported);
  const ctx = {};
  if (set.identity) {
    ctx.identity = fs.readFileSync(path.join(benchDir, set.identity), 'utf8').split(/\r?\n/).slice(1).map((l) => l.trim()).filter((l) => l !== '');
    if (ctx.identity.length !== rows.length) throw new Error(`${set.identity}: ${ctx.identity.length} ids for ${rows.length} imported rows`);
  }
  const truth = rows.map((r, i) => String(set.truth(r, i, ctx)));
  const clusterOf = new Map();
  for (const r of readCsv(report).rows) clusterOf.set(r.record_id, r.cluster_id || `single:${r.record_id}`);
  const predicted = rows.map((r) => {
    const c = clusterOf.get(r.record_id);
    if (c === undefined) throw new Error(`${set.name}: record ${r.record_id} is missing from the merge report`);
    return c;
  });
  const acc = pairwiseAccuracy(predicted, truth);
  const pc = await dedupeCompleteness(rows, truth, { columns });
  const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const estimates = { pairCompletenessEstimate: s.pair_completeness_estimate, pairCompletenessWhy: s.pair_completeness_why, estimatedMatchRate: s.estimated_match_rate, realisedMatchRate: s.realised_match_rate, trueMatchRate: trueMatchRate(truth) };
  return { ...pairwiseResult(rows.length, acc, pc, seconds, `${show(first.map((a) => a.replace(benchDir + '/', '')))} | ${show(['dedupe', '--report', 'REPORT.csv', '--summary-json', 'SUMMARY.json'])}`, stderr), ...estimates };
}

/** Share of rows whose entity has another row: what estimated_match_rate estimates. */
function trueMatchRate(truth) {
  const size = new Map();
  for (const e of truth) size.set(e, (size.get(e) ?? 0) + 1);
  let matched = 0;
  for (const e of truth) if (size.get(e) > 1) matched++;
  return truth.length ? matched / truth.length : 0;
}

/** One dedupe set's figures: pairwise accuracy, pair completeness, time, how it was run. */
function pairwiseResult(rows, acc, pc, seconds, command, summary) {
  return {
    rows,
    truePairs: acc.truePairs,
    predictedPairs: acc.predictedPairs,
    correctPairs: acc.correctPairs,
    precision: acc.precision,
    recall: acc.recall,
    f1: acc.f1,
    pairCompleteness: pc.completeness,
    coveredPairs: pc.coveredPairs,
    candidatePairs: pc.candidatePairs,
    seconds,
    command,
    summary,
  };
}

async function runLinkSet(set) {
  const imported = path.join(tmp, `${set.name}-imported.csv`);
  const refImported = path.join(tmp, `${set.name}-reference.csv`);
  const linked = path.join(tmp, `${set.name}-linked.csv`);
  const first = importArgs(set, set.file);
  const second = ['match', '--against', path.join(benchDir, set.reference), ...set.map.flatMap((m) => ['--against-map', m])];
  console.error(`bench:accuracy: ${set.name}: ${show(first)} | ${show(second)}`);
  const { seconds, stderr } = await pipe(first, second, { teeTo: imported, outTo: linked });
  // The reference as match reads it (import's mapping), for its truth and for blocking.
  run(importArgs(set, set.reference), refImported);
  const reference = readCsv(refImported).rows;
  const queries = readCsv(imported).rows;
  const out = readCsv(linked).rows;
  if (out.length !== queries.length) throw new Error(`${set.name}: match wrote ${out.length} rows for ${queries.length}`);
  const refTruth = reference.map((r, i) => String(set.truth(r, i, {})));
  const queryTruth = queries.map((r, i) => String(set.truth(r, i, {})));
  const entityOfRef = new Map(reference.map((r, i) => [r.record_id, refTruth[i]]));
  const refEntities = new Set(refTruth);
  let trueLinks = 0;
  let predictedLinks = 0;
  let correct = 0;
  out.forEach((r, i) => {
    if (refEntities.has(queryTruth[i])) trueLinks++;
    if (!r.match_id) return;
    predictedLinks++;
    if (entityOfRef.get(r.match_id) === queryTruth[i]) correct++;
  });
  const precision = predictedLinks === 0 ? 1 : correct / predictedLinks;
  const recall = trueLinks === 0 ? 1 : correct / trueLinks;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const pc = await linkCompleteness(reference, refTruth, queries, queryTruth, {});
  return {
    rows: queries.length,
    referenceRows: reference.length,
    truePairs: trueLinks,
    predictedPairs: predictedLinks,
    correctPairs: correct,
    precision,
    recall,
    f1,
    pairCompleteness: pc.completeness,
    coveredPairs: pc.coveredPairs,
    candidatePairs: pc.candidatePairs,
    seconds,
    command: `${show(first.map((a) => a.replace(benchDir + '/', '')))} | ${show(second.map((a) => a.replace(benchDir + '/', '')))}`,
    summary: stderr,
  };
}

async function runGeneratorSet(set) {
  const { generate } = await import('../dedupe/generate.mjs');
  const { engine } = await loadBlocking();
  console.error(`bench:accuracy: ${set.name}: generate({ n: ${set.n}, dupRate: ${set.dupRate}, seed: ${set.seed} }) → dedupe() (compiled engine, as bench/dedupe/accuracy.mjs)`);
  const { rows, entities } = generate({ n: set.n, dupRate: set.dupRate, seed: set.seed });
  const t0 = process.hrtime.bigint();
  let result = engine.dedupe(rows, {});
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const predicted = rows.map((_, i) => result.clusters.of(i));
  const stats = result.stats;
  result = undefined;
  const truth = entities.map(String);
  const acc = pairwiseAccuracy(predicted, truth);
  const pc = await dedupeCompleteness(rows, truth, {});
  const e = stats.estimates;
  const estimates = { pairCompletenessEstimate: e.pairCompleteness ?? null, pairCompletenessWhy: e.pairCompletenessWhy, estimatedMatchRate: e.estimatedMatchRate, realisedMatchRate: e.realisedMatchRate, trueMatchRate: trueMatchRate(truth) };
  // The same blocking as dedupe() ran, or completeness measures something else.
  if (pc.candidatePairs !== stats.blocking.candidatePairs) console.error(`bench:accuracy: ${set.name}: completeness saw ${pc.candidatePairs} candidate pairs, dedupe() ${stats.blocking.candidatePairs}: completeness.mjs no longer mirrors dedupe.ts`);
  return { ...pairwiseResult(rows.length, acc, pc, seconds, `generate({ n: ${set.n}, dupRate: ${set.dupRate}, seed: ${set.seed} }) → dedupe(rows) [engine]`, `clusters ${stats.clusters}, duplicates ${stats.duplicates}`), ...estimates };
}

// --- the table ---------------------------------------------------------------------------------
const COLS = [
  ['set', 22, 'l'],
  ['rows', 7],
  ['true pairs', 10],
  ['pred pairs', 10],
  ['P', 6],
  ['R', 6],
  ['F1', 6],
  ['pair compl.', 11],
  ['pc est.', 7],
  ['match est.', 10],
  ['real.', 6],
  ['true', 6],
  ['s', 6],
  ['target', 16, 'l'],
  ['', 4, 'l'],
];
const line = (cells) => cells.map((c, i) => (COLS[i][2] === 'l' ? String(c).padEnd(COLS[i][1]) : String(c).padStart(COLS[i][1]))).join('  ').trimEnd();
const f4 = (x) => x.toFixed(4);

const { source } = await loadBlocking();
const haveBench = fs.existsSync(benchDir);
console.log(`leadkit accuracy — ${new Date().toISOString().slice(0, 10)}, node ${process.version}; public sets from ${benchDir}${haveBench ? '' : ' (MISSING)'}`);
console.log(`pair completeness from the engine's blocking (${source})`);
if (!haveBench) console.log(`benchmark data missing: ${benchDir} does not exist; skipping the public sets`);
console.log(line(COLS.map((c) => c[0])));

const results = [];
let failedRuns = 0;
for (const set of ALL_SETS) {
  if (only && !only.includes(set.name)) continue;
  if (set.kind !== 'generator' && !haveBench) continue;
  const target = formatTarget(set.target);
  if (set.large && flags.has('skip-large')) {
    console.log(line([set.title, set.n, '', '', '', '', '', '', '', '', '', '', '', target, 'skip']));
    results.push({ name: set.name, title: set.title, skipped: 'skip-large', target: set.target });
    continue;
  }
  const missing = [set.file, set.reference, set.identity].filter((f) => f && !fs.existsSync(path.join(benchDir, f)));
  if (missing.length) {
    console.log(`${set.title}: ${missing.join(', ')} missing in ${benchDir}; skipped`);
    results.push({ name: set.name, title: set.title, skipped: `missing ${missing.join(', ')}`, target: set.target });
    continue;
  }
  try {
    const r = set.kind === 'dedupe' ? await runDedupeSet(set) : set.kind === 'link' ? await runLinkSet(set) : await runGeneratorSet(set);
    const pass = meetsTarget(set.target, r);
    results.push({ name: set.name, title: set.title, kind: set.kind, ...r, target: set.target, pass });
    // dedupe's own estimates, without labels (the link set has none): '–' where not estimable.
    const est = (x) => (x === undefined ? '' : x === null ? '–' : f4(x));
    console.log(line([set.title, r.rows, r.truePairs, r.predictedPairs, f4(r.precision), f4(r.recall), f4(r.f1), f4(r.pairCompleteness), est(r.pairCompletenessEstimate), est(r.estimatedMatchRate), est(r.realisedMatchRate), est(r.trueMatchRate), r.seconds.toFixed(1), target, pass ? 'pass' : 'FAIL']));
  } catch (e) {
    failedRuns++;
    results.push({ name: set.name, title: set.title, error: String(e.message ?? e), target: set.target });
    console.log(line([set.title, '', '', '', '', '', '', '', '', '', '', '', '', target, 'ERR']));
    console.error(`bench:accuracy: ${set.name} failed: ${e.message ?? e}`);
  }
}

// Header mapping and typo suggestions: the real-export sets that are not about matching.
const lookups = [];
if (!only || only.includes('headers')) lookups.push({ name: 'headers', title: 'export headers mapped', min: 0.97, run: runHeaders });
if (!only || only.includes('typos')) lookups.push({ name: 'typos', title: 'email typo suggestions', min: 0.9, run: () => runTypos(path.join(benchDir, 'realworld/mailcheck-typos.csv')) });
for (const l of lookups) {
  const r = await l.run();
  if (r.absent || (r.right === undefined)) {
    console.log(`${l.title}: set missing in ${benchDir}; skipped`);
    continue;
  }
  const share = r.right / r.total;
  const pass = share >= l.min;
  results.push({ name: l.name, title: l.title, right: r.right, total: r.total, share, misses: r.misses, target: { share: l.min }, pass });
  console.log(`${l.title.padEnd(26)} ${String(r.right).padStart(5)} / ${r.total}  ${(100 * share).toFixed(1)} %  target ≥ ${100 * l.min} %  ${pass ? 'pass' : 'FAIL'}`);
}

const measured = results.filter((r) => r.pass !== undefined);
const passed = measured.filter((r) => r.pass).length;
console.log(`${passed}/${measured.length} targets met${failedRuns ? `, ${failedRuns} run(s) failed` : ''}. link set: pairs = new rows with a reference record / new rows linked; P, R, F1 per link. seconds: import | dedupe (or match) wall time; generator: dedupe() alone.`);
console.log('pc est.: dedupe\'s pair_completeness_estimate (– not estimable); match est. / real. / true: estimated_match_rate, realised_match_rate (rows in clusters of 2+) and the true share of rows with a duplicate.');

if (values.json) {
  fs.writeFileSync(values.json, JSON.stringify({ node: process.version, date: new Date().toISOString(), benchmarks: haveBench ? benchDir : null, completenessFrom: source, results }, null, 2) + '\n');
  console.error(`bench:accuracy: results → ${values.json}`);
}
if (flags.has('keep')) console.error(`bench:accuracy: temporary files kept in ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });

if (failedRuns) process.exitCode = 1;
else if (flags.has('strict') && passed < measured.length) process.exitCode = 1;
