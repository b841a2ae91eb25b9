/**
 * Pairwise accuracy of a clustering against ground truth: every pair of rows put in one cluster
 * is a predicted match, every pair of rows of one entity a true match.
 *
 *   precision = correct predicted pairs / predicted pairs
 *   recall    = correct predicted pairs / true pairs
 *   F1        = harmonic mean of the two
 *
 * Counted from the contingency table (cluster × entity), so it costs O(rows), not O(pairs).
 */
const pairs = (k) => (k * (k - 1)) / 2;

export function pairwiseAccuracy(predicted, truth) {
  if (predicted.length !== truth.length) throw new Error('predicted and truth differ in length');
  const cells = new Map();
  const clusterSize = new Map();
  const entitySize = new Map();
  for (let i = 0; i < predicted.length; i++) {
    const c = predicted[i];
    const e = truth[i];
    const key = `${c}\u0000${e}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    entitySize.set(e, (entitySize.get(e) ?? 0) + 1);
  }
  let tp = 0;
  for (const k of cells.values()) tp += pairs(k);
  let predictedPairs = 0;
  for (const k of clusterSize.values()) predictedPairs += pairs(k);
  let truePairs = 0;
  for (const k of entitySize.values()) truePairs += pairs(k);
  const precision = predictedPairs === 0 ? 1 : tp / predictedPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs: tp };
}

/**
 * The exact-key baseline the issue compares against: rows are merged when they share a
 * lower-cased email, or the same lower-cased first name, last name and company, or the same first
 * name, last name and postal code (transitively).
 */
export function exactKeyBaseline(rows) {
  const parent = rows.map((_, i) => i);
  const find = (x) => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const seen = new Map();
  const link = (key, i) => {
    const j = seen.get(key);
    if (j === undefined) seen.set(key, i);
    else parent[find(i)] = find(j);
  };
  const low = (s) => (s ?? '').trim().toLowerCase();
  rows.forEach((r, i) => {
    if (low(r.email)) link(`e|${low(r.email)}`, i);
    const first = low(r.first_name);
    const last = low(r.last_name);
    if (first && last && low(r.company)) link(`c|${first}|${last}|${low(r.company)}`, i);
    if (first && last && low(r.postal_code)) link(`p|${first}|${last}|${low(r.postal_code)}`, i);
  });
  return rows.map((_, i) => find(i));
}

export function formatAccuracy(label, a) {
  const pct = (x) => (100 * x).toFixed(2).padStart(6);
  return `${label.padEnd(28)} precision ${pct(a.precision)} %  recall ${pct(a.recall)} %  F1 ${a.f1.toFixed(4)}  (${a.correctPairs}/${a.predictedPairs} predicted pairs correct, ${a.truePairs} true pairs)`;
}
