// `npm run bench`: reproducible timings on a deterministic synthetic list.
//   npm run bench                      all stages on 1,000,000 rows
//   npm run bench -- --rows 200000     a smaller list
//   npm run bench -- --only passthrough
//   npm run bench -- --only pipeline-run,pipeline-night   a full run, and a night with state
//   npm run bench -- --repeat 3         each stage three times: best and median
// Besides wall time it reports the CPU time of the stage's processes and, on Linux, the share of
// the machine's CPU time the hypervisor took away (steal) while it ran: on a shared virtual
// machine that share explains most of the spread between runs.
// Each stage is a shell pipeline of the built CLI; the figure is wall time for the whole
// pipeline, rows/s = rows / seconds, and the peak RSS of the largest process in it.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeList } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : args[i + 1];
};
const rows = Number(opt('rows', '1000000'));
const only = opt('only', '');
const repeat = Math.max(1, Number(opt('repeat', '1')));
const outDir = path.join(root, 'bench/out');
fs.mkdirSync(outDir, { recursive: true });

if (!fs.existsSync(path.join(root, 'dist/cli.js'))) execSync('npm run build', { cwd: root, stdio: 'inherit' });

const list = path.join(outDir, `leads-${rows}.csv`);
if (!fs.existsSync(list)) {
  const t = Date.now();
  await writeList(list, rows);
  console.error(`generated ${list} (${(fs.statSync(list).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// Node's flags from bin/leadkit's launcher line (`exec node FLAGS "$0" "$@"`), so the benchmark
// runs what `leadkit` runs.
const nodeFlags = /exec node (.*?) "\$0"/.exec(fs.readFileSync(path.join(root, 'bin/leadkit'), 'utf8'))?.[1] ?? '';
const lk = `node ${nodeFlags} --import ${path.join(root, 'bench/rss.mjs')} ${path.join(root, 'bin/leadkit')}`;

// Later stages start from the imported (canonical-schema) list, made once per size, so each
// stage's figure is its own reading, work and writing rather than import's too.
const imported = path.join(outDir, `imported-${rows}.csv`);
if (!fs.existsSync(imported)) execSync(`node ${path.join(root, 'bin/leadkit')} import ${list} -q -o ${imported}`, { stdio: 'inherit' });
// Dedupe and the whole pipeline run on a list with ~20 % messy duplicates and ground truth
// (bench/dedupe/generate.mjs), written once as a canonical-schema CSV.
const dupes = path.join(outDir, `dupes-${rows}.csv`);
if (!fs.existsSync(dupes)) {
  const { generate } = await import('./dedupe/generate.mjs');
  const t = Date.now();
  const { rows: recs } = generate({ n: rows, dupRate: 0.2, seed: 42 });
  const cols = [...new Set(recs.flatMap((r, i) => (i < 1000 ? Object.keys(r) : [])))];
  const q = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const out = fs.createWriteStream(dupes);
  let buf = cols.join(',') + '\n';
  for (const r of recs) {
    buf += cols.map((c) => q(r[c] ?? '')).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((res) => out.on('finish', res));
  console.error(`generated ${dupes} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// The same steps once as one `leadkit run` and once as a shell pipe of subcommands.
const asOf = '2026-11-22';
// A list's delivery date is its file's date unless that is after the run's day (then unknown):
// dated the day before as_of, the generated lists read the same in the run (as_of) and in the
// shell pipe (today), and the two outputs can be compared byte for byte.
const dayBefore = new Date(Date.parse(`${asOf}T00:00:00Z`) - 12 * 3600_000);
for (const f of [list, dupes]) fs.utimesSync(f, dayBefore, dayBefore);
/** The bench's pipeline file: its steps on `input`, one export, and for a night the state. */
const benchPipeline = ({ name, date, input, output, night }) =>
  [
    `name: ${name}`,
    `as_of: ${date}`,
    `inputs: [${JSON.stringify(input)}]`,
    'steps:',
    '  - validate: {}',
    '  - dedupe: {}',
    '  - classify: {}',
    '  - score: {}',
    '  - route: {}',
    'outputs:',
    `  - export: { output: ${JSON.stringify(output)}${night ? ', only: [new, changed]' : ''} }`,
    ...(night ? [`state: ${JSON.stringify(night)}`] : []),
    '',
  ].join('\n');
const pipelineFile = path.join(outDir, `pipeline-${rows}.yml`);
fs.writeFileSync(pipelineFile, benchPipeline({ name: 'bench', date: asOf, input: dupes, output: path.join(outDir, 'pipeline-run.csv') }));
// A night with state: the last night saw the list, tonight 1 % of its rows are new or edited
// (every hundredth row gets another email, and as many new rows are appended). The day-1 night is
// run (untimed) when the stage is set up; the timed run is the second night.
const nightDir = path.join(outDir, `night-${rows}`);
const nightPipeline = (input, night) =>
  benchPipeline({ name: 'bench night', date: `2026-11-2${night}`, input, output: path.join(nightDir, 'leads.csv'), night: path.join(nightDir, 'state') });
function setUpNight() {
  fs.rmSync(nightDir, { recursive: true, force: true });
  fs.mkdirSync(nightDir, { recursive: true });
  const lines = fs.readFileSync(dupes, 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split(',');
  const email = head.indexOf('email');
  const body = lines.slice(1);
  const day1 = body.slice(0, body.length - Math.floor(body.length / 100));
  const day2 = body.map((l, i) => {
    if (i % 100 !== 50 || l.includes('"')) return l;
    const f = l.split(',');
    if (f[email]) f[email] = `neu.${f[email]}`;
    return f.join(',');
  });
  fs.writeFileSync(path.join(nightDir, 'day1.csv'), `${[lines[0], ...day1].join('\n')}\n`);
  fs.writeFileSync(path.join(nightDir, 'day2.csv'), `${[lines[0], ...day2].join('\n')}\n`);
  fs.writeFileSync(path.join(nightDir, 'night1.yml'), nightPipeline(path.join(nightDir, 'day1.csv'), 1));
  fs.writeFileSync(path.join(nightDir, 'night2.yml'), nightPipeline(path.join(nightDir, 'day2.csv'), 2));
  execSync(`node ${path.join(root, 'bin/leadkit')} run ${path.join(nightDir, 'night1.yml')} -q`, { stdio: 'inherit' });
}

const pipes = [`${lk} import DUPES -q`, `${lk} validate -q`, `${lk} dedupe -q`, `${lk} classify --as-of ${asOf} -q`, `${lk} score --as-of ${asOf} -q`, `${lk} route -q`, `${lk} export -q`].join(' | ');

/** Stages: name → pipeline (LIST is the input file). Later stages build on import's output. */
const STAGES = [
  { name: 'passthrough', what: 'import | export (CSV → CSV)', cmd: `${lk} import LIST -q | ${lk} export -q > /dev/null`, target: { rowsPerSec: 150000, rssMb: 200 } },
  { name: 'validate-1', what: 'validate, one thread (--jobs 0)', cmd: `${lk} validate IMPORTED --jobs 0 -q > /dev/null`, target: { rowsPerSec: 60000, rssMb: 300 } },
  { name: 'validate', what: 'validate as it starts by default: worker threads on both cores once 200,000 rows are read', cmd: `${lk} validate IMPORTED -q > /dev/null`, target: { rowsPerSec: 66667, rssMb: 600 } },
  { name: 'dedupe', what: 'dedupe (~20 % duplicates), merge mode', cmd: `${lk} dedupe DUPES -q > /dev/null`, target: { rowsPerSec: 16667, rssMb: 2048 } },
  { name: 'pipeline-run', what: 'leadkit run: import, validate, dedupe, classify, score, route, export in one process', cmd: `${lk} run ${pipelineFile} -q`, target: { rowsPerSec: 10000, rssMb: 2048 } },
  { name: 'pipeline-pipes', what: 'the same steps as a shell pipe of subcommands', cmd: `${pipes} > ${path.join(outDir, 'pipeline-pipes.csv')}`, target: { rowsPerSec: 10000, rssMb: 2048 } },
  {
    name: 'pipeline-night',
    what: 'leadkit run --state: the second night, 1 % of the rows new or edited (the first night is set-up, untimed)',
    cmd: `${lk} run ${path.join(nightDir, 'night2.yml')} -q`,
    setUp: setUpNight,
    // A night with state should cost well under a full run.
    target: { rowsPerSec: 20000, rssMb: 2048 },
  },
];

/** Busy and stolen CPU ticks of the whole machine so far (Linux /proc/stat; undefined elsewhere). */
function cpuTicks() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: f.reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
  } catch {
    return undefined;
  }
}

function runOnce(s) {
  const rssFile = path.join(outDir, `rss-${s.name}.txt`);
  fs.rmSync(rssFile, { force: true });
  const before = cpuTicks();
  const t0 = process.hrtime.bigint();
  execSync(`set -o pipefail; ${s.cmd.replaceAll('DUPES', dupes).replaceAll('IMPORTED', imported).replaceAll('LIST', list)}`, { shell: '/bin/bash', stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LEADKIT_BENCH_RSS: rssFile } });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = cpuTicks();
  const procs = fs.readFileSync(rssFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
  const steal = before && after && after.total > before.total ? (after.steal - before.steal) / (after.total - before.total) : undefined;
  return {
    seconds: secs,
    peakRssMb: Math.max(...procs.map((p) => p[1] / 1024)),
    cpuSeconds: procs.reduce((a, p) => a + (p[2] ?? 0), 0) / 1e6,
    stealPct: steal === undefined ? undefined : steal * 100,
  };
}

const results = [];
for (const s of STAGES) {
  if (only && !only.split(',').includes(s.name)) continue;
  const runs = [];
  for (let k = 0; k < repeat; k++) {
    s.setUp?.();
    runs.push(runOnce(s));
  }
  const sorted = runs.slice().sort((a, b) => a.seconds - b.seconds);
  const best = sorted[0];
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const r = {
    stage: s.name,
    what: s.what,
    rows,
    seconds: +best.seconds.toFixed(2),
    medianSeconds: +median.seconds.toFixed(2),
    rowsPerSec: Math.round(rows / best.seconds),
    peakRssMb: Math.round(Math.max(...runs.map((x) => x.peakRssMb))),
    cpuSeconds: +best.cpuSeconds.toFixed(1),
    stealPct: best.stealPct === undefined ? null : +best.stealPct.toFixed(1),
    runs: runs.map((x) => +x.seconds.toFixed(2)),
    target: s.target,
  };
  results.push(r);
  const ok = r.rowsPerSec >= s.target.rowsPerSec && r.peakRssMb <= s.target.rssMb ? 'ok' : 'MISSED';
  const spread = repeat > 1 ? ` (median ${r.medianSeconds.toFixed(2)} s of ${repeat})` : '';
  const steal = r.stealPct === null ? '' : `, steal ${r.stealPct.toFixed(0)} %`;
  console.log(
    `${s.name.padEnd(14)} ${String(rows).padStart(9)} rows  ${r.seconds.toFixed(2).padStart(7)} s${spread}  ${String(r.rowsPerSec).padStart(8)} rows/s  peak RSS ${String(r.peakRssMb).padStart(5)} MB  ` +
      `cpu ${r.cpuSeconds.toFixed(1)} s${steal}  (target ≥ ${s.target.rowsPerSec} rows/s, ≤ ${s.target.rssMb} MB: ${ok})  ${s.what}`,
  );
}
// The one-process run must give exactly what the pipe gives.
const runOut = path.join(outDir, 'pipeline-run.csv');
const pipeOut = path.join(outDir, 'pipeline-pipes.csv');
if (results.some((r) => r.stage === 'pipeline-run') && results.some((r) => r.stage === 'pipeline-pipes')) {
  const same = fs.readFileSync(runOut).equals(fs.readFileSync(pipeOut));
  console.log(`pipeline-run output ${same ? 'is byte-identical to' : 'DIFFERS from'} pipeline-pipes output`);
  if (!same) process.exitCode = 1;
}
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2));
