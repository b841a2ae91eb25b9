/**
 * The public benchmark sets (../shared/benchmarks, read in place, never copied into the project)
 * and how to read each one's ground truth. Every dedupe set runs the same command line,
 *
 *   leadkit import FILE [--delimiter tab] [--map X=Y ...] | leadkit dedupe --report REPORT.csv
 *
 * and the link set `leadkit import NEW --map … | leadkit match --against REF --against-map …`.
 * `map` renames only columns import does not recognise by itself; there are no per-set flags or
 * thresholds. `truth(row, i, ctx)` gives the entity of imported row i.
 */

// FEBRL's rec_id: rec-N-org / rec-N-dup-K, N names the person.
const febrlEntity = (row) => {
  const m = /^\s*rec-(\d+)-/.exec(row.rec_id ?? '');
  if (!m) throw new Error(`FEBRL rec_id not understood: ${JSON.stringify(row.rec_id)}`);
  return m[1];
};

// FEBRL headers ("rec_id, given_name, …") are all recognised by import except the social
// security number, which is what the canonical national_id field holds.
const FEBRL_MAP = ['soc_sec_id=national_id'];

/** @type {Array<object>} */
export const PUBLIC_SETS = [
  ...[1, 2, 3].map((k) => ({
    name: `febrl${k}`,
    title: `FEBRL ${k}`,
    kind: 'dedupe',
    file: `febrl/dataset${k}.csv`,
    map: FEBRL_MAP,
    truth: febrlEntity,
    target: { f1: 0.98, precision: 0.995 },
  })),
  {
    name: 'febrl4',
    title: 'FEBRL 4 (link 4b→4a)',
    kind: 'link',
    file: 'febrl/dataset4b.csv',
    reference: 'febrl/dataset4a.csv',
    map: FEBRL_MAP,
    truth: febrlEntity,
    target: { f1: 0.99 },
  },
  {
    name: 'rldata10000',
    title: 'RLdata10000',
    kind: 'dedupe',
    file: 'realworld/RLdata10000.tsv',
    delimiter: 'tab',
    // by/bm/bd are recognised as birth_year/birth_month/birth_day only under those names.
    map: ['fname_c1=first_name', 'lname_c1=last_name', 'by=birth_year', 'bm=birth_month', 'bd=birth_day'],
    // identity.RLdata10000.tsv: a header line, then one entity id per record, in record order.
    identity: 'realworld/identity.RLdata10000.tsv',
    truth: (row, i, ctx) => ctx.identity[i],
    target: { f1: 0.97 },
  },
  {
    name: 'fake1000',
    title: 'splink fake_1000',
    kind: 'dedupe',
    file: 'realworld/splink-fake1000.csv',
    // first_name, surname, dob, city, email: all recognised (dob → birth_date).
    map: [],
    truth: (row) => row.cluster,
    target: { f1: 0.8 },
  },
  {
    name: 'chicago',
    title: 'Chicago ECE',
    kind: 'dedupe',
    file: 'realworld/chicago-ece-true-ids.csv',
    // Address → street, Zip → postal_code, Phone → phone, Website, Email Address are recognised.
    map: ['Site name=company'],
    truth: (row) => row['True Id'],
    target: { f1: 0.85 },
  },
];

/** The project's own generator (bench/dedupe/generate.mjs), run through the engine directly. */
export const GENERATOR_SETS = [
  { name: 'gen-20k', title: 'generator 20k', kind: 'generator', n: 20000, dupRate: 0.2, seed: 1, target: { f1: 0.985, precision: 0.995 } },
  { name: 'gen-300k', title: 'generator 300k', kind: 'generator', n: 300000, dupRate: 0.2, seed: 1, large: true, target: { f1: 0.985, precision: 0.995 } },
];

export const ALL_SETS = [...PUBLIC_SETS, ...GENERATOR_SETS];

/** "F1 ≥ 0.98, P ≥ 0.995" */
export function formatTarget(t) {
  return [t.f1 !== undefined ? `F1≥${t.f1}` : '', t.precision !== undefined ? `P≥${t.precision}` : ''].filter(Boolean).join(' ');
}

export function meetsTarget(t, r) {
  return (t.f1 === undefined || r.f1 >= t.f1) && (t.precision === undefined || r.precision >= t.precision);
}
