#!/usr/bin/env node
/**
 * Accuracy of `dedupe` on generated data: pairwise precision, recall and F1 against the
 * generator's ground truth, next to the exact-key baseline.
 *
 *   node bench/dedupe/accuracy.mjs [--n 20000] [--dup 0.2] [--seed 1] [--threshold 0.9] [--errors 10]
 */
import { generate } from './generate.mjs';
import { exactKeyBaseline, formatAccuracy, pairwiseAccuracy } from './evaluate.mjs';
import { loadEngine } from './engine.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

export async function measureAccuracy({ n = 20000, dupRate = 0.2, seed = 1, threshold, errors = 0 } = {}) {
  const { dedupe, formatExplanation } = await loadEngine();
  const { rows, entities } = generate({ n, dupRate, seed });
  const result = dedupe(rows, threshold === undefined ? {} : { threshold });
  const predicted = rows.map((_, i) => result.clusters.of(i));
  const engine = pairwiseAccuracy(predicted, entities);
  const baseline = pairwiseAccuracy(exactKeyBaseline(rows), entities);
  const samples = [];
  if (errors > 0) {
    // False merges: members of one cluster that are different people; missed: one person in two clusters.
    const byCluster = new Map();
    const byEntity = new Map();
    predicted.forEach((c, i) => byCluster.set(c, [...(byCluster.get(c) ?? []), i]));
    entities.forEach((e, i) => byEntity.set(e, [...(byEntity.get(e) ?? []), i]));
    let fp = 0;
    for (const members of byCluster.values()) {
      if (fp >= errors) break;
      if (new Set(members.map((i) => entities[i])).size > 1) {
        fp++;
        samples.push(`FALSE MERGE\n${formatExplanation(result.explain(rows[members[0]].record_id))}\n${members.map((i) => `  [${entities[i]}] ${line(rows[i])}`).join('\n')}`);
      }
    }
    let fn = 0;
    for (const members of byEntity.values()) {
      if (fn >= errors) break;
      if (new Set(members.map((i) => predicted[i])).size > 1) {
        fn++;
        samples.push(`MISSED\n${members.map((i) => `  (${predicted[i]}) ${line(rows[i])}`).join('\n')}`);
      }
    }
  }
  return { engine, baseline, stats: result.stats, samples };
}

function line(r) {
  return [r.record_id, r.salutation, r.first_name, r.last_name, r.full_name, '|', r.company, '|', r.email, '|', r.phone, r.mobile, '|', r.street, r.house_number, r.postal_code, r.city]
    .filter((x) => x !== '' && x !== undefined)
    .join(' ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(arg('n', 20000));
  const dupRate = Number(arg('dup', 0.2));
  const seed = Number(arg('seed', 1));
  const t = arg('threshold', undefined);
  const errors = Number(arg('errors', 0));
  const r = await measureAccuracy({ n, dupRate, seed, threshold: t === undefined ? undefined : Number(t), errors });
  for (const s of r.samples) console.log(s + '\n');
  console.log(`generator: n=${n} dupRate=${dupRate} seed=${seed}`);
  console.log(formatAccuracy('leadkit dedupe', r.engine));
  console.log(formatAccuracy('exact-key baseline', r.baseline));
  console.log(JSON.stringify(r.stats));
}
