import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Command, OptionSpec } from './types.js';
import { formatCount, type Context } from '../context.js';
import { loadStepCommands, STANDARD_IO_OPTIONS } from './steps.js';
import { deliveryDatesGuessed, headersGuessed, importCommand, importSources, type InputProvenance } from './import.js';
import { openSource, type RawSource } from '../io/read.js';
import { bindOptions, flagInfo } from '../pipeline/bind-options.js';
import { expandInput, parsePipeline, resolveFrom, type PipelineSpec, type PipelineStep } from '../pipeline/spec.js';
import { teeBatches } from '../pipeline/tee.js';
import { newProbe, observed, probed, RecordingFiles, StepTally, type Probe } from '../pipeline/collect.js';
import { reportStep } from '../pipeline/report-step.js';
import { checkArtifactDirs, stageArtifacts, writeArtifactsNow, type ArtifactPaths } from '../pipeline/artifacts.js';
import { runLog } from '../pipeline/run-log.js';
import { ensureDir } from '../io/make-dir.js';
import { SIDE_FILE_OPTIONS, WrittenFiles } from '../io/side-file.js';
import { formatFromPath, outputFormatFor, type OutputFormat } from '../io/output-format.js';
import { SummaryBuilder, type OutputSummary, type RunSummary } from '../report/summary.js';
import { checkDeltaMetrics, checkMetricNames, evaluateThreshold, METRICS, parseThresholds, readsColumns, thresholdFailure, type Threshold, type ThresholdResult } from '../report/thresholds.js';
import { ThresholdError, UsageError } from '../errors.js';
import { previousRun } from '../pipeline/previous-summary.js';
import { NightRun, nightSettings } from '../state/night-run.js';
import { DEFAULT_DELTA_FIELDS } from '../state/fingerprint.js';
import { parseDeltaKinds, rowsWithDelta, type DeltaKind } from '../state/delta.js';
import { carryPlan, type CarryPlan, type CarryStep } from '../state/carry.js';
import { routeFields as routeFieldsOf } from '../route/router.js';
import { loadRules } from './qualify-shared.js';

export interface RunOptions {
  demo?: boolean;
  asOf?: string;
  logFormat?: 'text' | 'json';
  failIf?: string[];
  summaryJson?: string;
  report?: string;
  compareTo?: string;
  topLeads?: number;
  state?: string;
  deltaFields?: string[];
  forgetAfter?: number;
  gone?: string;
  idMap?: string;
}

/** The package root (holds package.json), for the bundled demo. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package root not found');
    dir = up;
  }
  return dir;
}

/** The option keys that name a file or folder a step or output writes (the rest are read). */
const WRITTEN_KEYS = new Set([...Object.keys(SIDE_FILE_OPTIONS), 'output', 'outDir', 'saveModel', 'summaryJson']);

/** The bundled demo pipeline, shipped in the package (package.json "files"). */
export function demoPipelineFile(): string {
  return path.join(packageRoot(), 'fixtures/demo/pipeline.yml');
}

/** Options a pipeline output may set besides the sink's own. */
const outputIo = (): OptionSpec[] => STANDARD_IO_OPTIONS.filter((o) => /--(output|format|bom|excel|out-delimiter|columns)\b/.test(o.flags));

function bindStep(spec: PipelineSpec, step: PipelineStep | { command: string; options: Record<string, unknown>; line: number }, specs: OptionSpec[]): Record<string, unknown> {
  const r = bindOptions(specs, step.options);
  if (!r.ok) {
    const line = spec.lineOf.get(step.options)?.get(r.key) ?? step.line;
    throw new UsageError(`${spec.file}:${line}: ${step.command}: ${r.message}`, 'E_PIPELINE');
  }
  // Paths in a pipeline file are relative to the file, so cron can run it from anywhere; the
  // files it writes are relative to spec.writeDir (the same folder, except for the demo).
  for (const s of specs) {
    if (!s.path) continue;
    const key = flagInfo(s).key;
    const v = r.opts[key];
    const base = WRITTEN_KEYS.has(key) ? spec.writeDir : spec.dir;
    const fix = (p: string) => (p === '-' || (s.repeatable && p.includes('=') && !/\.(ya?ml|json)$/i.test(p)) ? p : resolveFrom(base, p));
    if (typeof v === 'string') r.opts[key] = fix(v);
    else if (Array.isArray(v)) r.opts[key] = v.map((x) => fix(String(x)));
  }
  return r.opts;
}

/** Refuse, before any work, a pipeline that names one file for two things (rejects and output, …). */
function checkFilesWrittenOnce(spec: PipelineSpec, commands: Command[], ctx: Context, extra: { file: string; what: string }[] = []): void {
  const files = new WrittenFiles(spec.file);
  for (const e of extra) files.add(e.file, e.what);
  for (const step of spec.steps) {
    const cmd = commands.find((c) => c.name === step.command);
    if (cmd?.sink && !cmd.transform) {
      files.add(bindStep(spec, step, [...cmd.options, ...outputIo()]).output, `${step.command} output (line ${step.line})`);
      continue;
    }
    if (!cmd?.transform) continue;
    const opts = bindStep(spec, step, cmd.options);
    // A step that writes a table of its own (accounts' output) next to the rows it passes on.
    if (typeof opts.output === 'string') files.add(opts.output, `${step.command} output (line ${step.line})`);
    for (const [key, flag] of Object.entries(SIDE_FILE_OPTIONS)) files.add(opts[key], `${step.command} ${flag.slice(2)} (line ${step.line})`);
  }
  for (const o of spec.outputs) {
    const cmd = commands.find((c) => c.name === o.command);
    if (!cmd?.sink) continue;
    const opts = bindStep(spec, o, [...cmd.options, ...outputIo()]);
    files.add(opts.output, `${o.command} output (line ${o.line})`);
  }
  files.add(ctx.io.output, 'the -o output');
}

/** The deltas an output takes (only:, or an export's own delta:), undefined for every row. */
function outputDeltas(spec: PipelineSpec, o: PipelineStep, opts: Record<string, unknown>): DeltaKind[] | undefined {
  return o.only ?? (o.command === 'export' && Array.isArray(opts.delta) ? parseDeltaKinds(opts.delta as string[], `${spec.file}:${o.line}: export: delta`) : undefined);
}

/** Whether tonight can carry its unchanged persons over (src/state/carry.ts), from the pipeline as bound. */
function nightCarry(spec: PipelineSpec, commands: Command[], deltaFields: readonly string[], checks: readonly Threshold[]): CarryPlan {
  const steps = spec.steps.map((step): CarryStep => {
    const cmd = commands.find((c) => c.name === step.command);
    if (!cmd?.transform) return { command: step.command, options: {}, report: true };
    const inputFiles = cmd.options.filter((o) => o.type === 'file').map((o) => flagInfo(o).key);
    return { command: step.command, options: bindStep(spec, step, cmd.options), inputFiles };
  });
  const outputs = spec.outputs.length
    ? spec.outputs.map((o) => {
        const cmd = commands.find((c) => c.name === o.command);
        return outputDeltas(spec, o, cmd?.sink ? bindStep(spec, o, [...cmd.options, ...outputIo()]) : {});
      })
    : [undefined];
  const route = steps.find((s) => s.command === 'route');
  const routeFields = route ? routeFieldsOf(loadRules(route.options.rules as string | undefined).route) : [];
  const columnChecks = checks.map((c) => c.metric).filter(readsColumns);
  return carryPlan({ steps, outputs, deltaFields, routeFields, leadkitVersion: leadkitVersion(), columnChecks, fileHash });
}

/** A hash of a regular file's contents (undefined for anything else): a rules file edited since the last night counts. */
function fileHash(value: string): string | undefined {
  try {
    if (!fs.statSync(value).isFile()) return undefined;
    return createHash('sha256').update(fs.readFileSync(value)).digest('base64url');
  } catch {
    return undefined;
  }
}

/** Rows and time of one step, kept while the stream flows and read once it has ended. */
interface StepProbe {
  name: string;
  line: number;
  into: Probe;
  out: Probe;
  /** Time inside the transform() call itself (a step may read its input there). */
  callMs: number;
  tally: StepTally;
}

/**
 * Execute a parsed pipeline: import → steps → all outputs, in one process, telling `summary`
 * what happened (inputs, per-step counts and removals, every row that reached the outputs,
 * what each output wrote).
 */
export async function runPipeline(spec: PipelineSpec, ctx: Context, summary: SummaryBuilder, night?: NightRun, checks: readonly Threshold[] = []): Promise<void> {
  const commands = await loadStepCommands();
  checkFilesWrittenOnce(spec, commands, ctx, night?.sideFiles);
  // Steps (dedupe) ask the state for last night's clusters; exports tell it what they delivered.
  if (night) {
    night.planCarry(nightCarry(spec, commands, night.fields, checks));
    ctx = { ...ctx, night: night.store };
  }
  const sources: { source: RawSource; sheet?: string; origin: InputProvenance }[] = [];
  for (const input of spec.inputs) {
    for (const file of expandInput(input.path, spec.dir)) {
      const sheet = input.sheet ?? ctx.io.sheet;
      const origin = { vendor: input.vendor, delivered: input.delivered };
      sources.push({ source: await openSource(file, { ...ctx.io, sheet, encoding: input.encoding, delimiter: input.delimiter, noHeader: input.header === false }, ctx.stdin), sheet, origin });
    }
  }
  const importOpts = bindStep(spec, { command: 'import', options: spec.importOptions, line: spec.importLine }, importCommand.options);
  if (importOpts.mappingOnly) throw new UsageError(`${spec.file}: import: mapping-only makes no rows to run`);
  // An input's own vendor and delivered keys outrank import's options (which apply to every input).
  const fromInputs = importSources(sources.map((s) => s.source), importOpts, ctx, '--map', sources.map((s) => s.origin));
  const imported = night ? night.tapImport(fromInputs) : fromInputs;

  const importProbe = newProbe();
  let table = probed(imported, importProbe);
  const probes: StepProbe[] = [];
  const reports: { done: Promise<void>; files: RecordingFiles; output: string; format: string; rows: Probe }[] = [];
  for (const step of spec.steps) {
    const cmd = commands.find((c) => c.name === step.command);
    if (!cmd || (!cmd.transform && !cmd.sink)) {
      const usable = commands.filter((c) => c.transform || c.sink).map((c) => c.name);
      throw new UsageError(`${spec.file}:${step.line}: "${step.command}" is not a step (steps: ${usable.join(', ') || 'none yet'})`, 'E_PIPELINE');
    }
    const p: StepProbe = { name: step.command, line: step.line, into: newProbe(), out: newProbe(), callMs: 0, tally: new StepTally(ctx.tally) };
    probes.push(p);
    if (!cmd.transform && cmd.sink) {
      // A report as a step (sources after validate): it writes its file from the rows seen here,
      // which pass on unchanged (src/pipeline/report-step.ts).
      const sink = cmd.sink;
      const opts = bindStep(spec, step, [...cmd.options, ...outputIo()]);
      const output = opts.output as string | undefined;
      if (!output || output === '-') throw new UsageError(`${spec.file}:${step.line}: ${step.command}: a step writes its report to a file (output: FILE); standard output carries the rows`, 'E_PIPELINE');
      await ensureDir(path.dirname(output));
      const io = { ...ctx.io, output, bom: Boolean(opts.bom), excel: Boolean(opts.excel), outDelimiter: opts.outDelimiter as string | undefined };
      const files = new RecordingFiles(ctx.files);
      const r = reportStep(probed(table, p.into), (rows) => sink(rows, opts, { ...ctx, io, files, tally: p.tally }));
      reports.push({ done: r.done, files, output, format: outputFormat(step.command, opts, output), rows: p.into });
      table = probed(r.table, p.out);
      continue;
    }
    if (!cmd.transform) continue;
    const opts = bindStep(spec, step, cmd.options);
    // A step's own file (accounts' table) is one of the run's outputs, listed as a report step's is.
    const output = typeof opts.output === 'string' && opts.output !== '-' ? opts.output : undefined;
    const files = output ? new RecordingFiles(ctx.files) : ctx.files;
    const t0 = performance.now();
    const transformed = await cmd.transform(probed(table, p.into), opts, { ...ctx, files, tally: p.tally });
    p.callMs = performance.now() - t0;
    table = probed(transformed, p.out);
    if (output && files instanceof RecordingFiles) reports.push({ done: Promise.resolve(), files, output, format: outputFormat(step.command, opts, output), rows: p.out });
  }

  // The persistent ids and delta columns, after every step, so every output has them.
  if (night) table = night.annotate(table, ctx);
  const outputs: PipelineStep[] = spec.outputs.length ? spec.outputs : [{ command: 'export', options: {}, line: 1 }];
  // A carried person's row went through no step after dedupe: the summary's row figures are of the others.
  const tapped = observed(table.batches, summary, night?.store.carrying ? night.store.carried : undefined);
  const branches = teeBatches(tapped, outputs.length);
  const written: OutputSummary[] = [];
  const outputTallies: StepTally[] = [];
  await Promise.all(
    outputs.map(async (o, i) => {
      const cmd = commands.find((c) => c.name === o.command);
      if (!cmd || !cmd.sink) {
        const usable = commands.filter((c) => c.sink).map((c) => c.name);
        throw new UsageError(`${spec.file}:${o.line}: "${o.command}" is not an output (outputs: ${usable.join(', ')})`, 'E_PIPELINE');
      }
      const opts = bindStep(spec, o, [...cmd.options, ...outputIo()]);
      // only: (and an export's own delta:) choose rows by their delta here, so the summary counts the rest as held back.
      const only = outputDeltas(spec, o, opts);
      if (o.command === 'export') opts.delta = undefined;
      const held = { n: 0 };
      const rows = only ? rowsWithDelta(branches[i], only, held) : branches[i];
      const io = { ...ctx.io, output: opts.output as string | undefined, bom: Boolean(opts.bom), excel: Boolean(opts.excel), outDelimiter: opts.outDelimiter as string | undefined };
      // A pipeline declares where its files go, so (unlike -o on the command line) it may create the folder.
      if (io.output && io.output !== '-') await ensureDir(path.dirname(io.output));
      const files = new RecordingFiles(ctx.files);
      const received = newProbe();
      // What an output measures (a CRM preset's assumed opt-outs) reaches the summary as a step's does.
      const tally = new StepTally(ctx.tally);
      // Every export delivers its rows unless it says deliver: false; other outputs deliver nothing.
      const delivers = o.command === 'export' && o.deliver !== false;
      await cmd.sink(probed({ columns: table.columns, batches: rows }, received), opts, { ...ctx, io, files, tally, night: delivers ? ctx.night : undefined });
      // Reported after the steps', so a step's scorecard is the summary's rather than an output's.
      outputTallies[i] = tally;
      written[i] = { file: io.output ?? (opts.outDir as string | undefined) ?? 'stdout', rows: files.rowsWritten() ?? received.rows, format: outputFormat(o.command, opts, io.output), ...(only ? { held_back: held.n } : {}) };
    }),
  );
  // Outputs that stop early (--top) leave rows in the stream; read them, so side files (rejects)
  // are complete and the summary counts the whole run.
  for await (const _ of tapped);
  // A report step whose later steps stopped reading early has still seen every row.
  for (const r of reports) await r.done;

  for (const { source, sheet } of sources) {
    summary.input({
      file: source.file,
      rows: source.stats.rows,
      encoding: source.encoding,
      delimiter: source.delimiter,
      ...(source.encoding === 'xlsx' && sheet ? { sheet } : {}),
      stray_quote_rows: source.stats.strayQuote,
      ragged_rows: source.stats.ragged,
      headers_guessed: headersGuessed(source),
      delivery_date_guessed: deliveryDatesGuessed(source).guessed,
    });
  }
  summary.step({ name: 'import', rows_in: importProbe.rows, rows_out: importProbe.rows, seconds: Math.round(importProbe.waitMs) / 1000 });
  for (const p of probes) {
    summary.step({
      name: p.name,
      rows_in: p.into.rows,
      rows_out: p.out.rows,
      rejected: p.tally.total('rejected'),
      merged: p.tally.total('merged'),
      suppressed: p.tally.total('suppressed'),
      // The step's own time: what its consumer waited for, less what it waited for upstream.
      seconds: Math.round(Math.max(0, p.callMs + p.out.waitMs - p.into.waitMs)) / 1000,
    });
    p.tally.reportTo(summary);
  }
  for (const t of outputTallies) t.reportTo(summary);
  for (const w of written) summary.output(w);
  for (const r of reports) summary.output({ file: r.output, rows: r.files.rowsWritten() ?? r.rows.rows, format: r.format });
  warnRowsRemovedBeforeSources(probes, importProbe.rows, spec.file, ctx);
}

/**
 * A scorecard is of the lists as delivered: after a step that removed rows (validate's
 * reject-if, suppress, filter) a list's figures are of what was left of it, and the rows that
 * made it worse are gone. Said when it happened, with the steps and their counts, rather than
 * refused: a scorecard of the cleaned rows can be what someone wants, but never unknowingly.
 */
function warnRowsRemovedBeforeSources(probes: readonly StepProbe[], imported: number, file: string, ctx: Context): void {
  probes.forEach((p, k) => {
    if (p.name !== 'sources' || p.into.rows >= imported) return;
    const removers = probes
      .slice(0, k)
      .filter((q) => q.into.rows > q.out.rows)
      .map((q) => `${q.name} (line ${q.line}) removed ${formatCount(q.into.rows - q.out.rows)}`);
    ctx.warn(`${file}:${p.line}: sources: the scorecard is of ${formatCount(p.into.rows)} of the ${formatCount(imported)} imported rows (${removers.join(', ') || 'earlier steps removed the rest'}): a list's figures leave out its rejected and removed rows; put sources before those steps (right after import) to score the lists as delivered`);
  });
}

/** The format an output wrote, for the summary. */
function outputFormat(command: string, opts: Record<string, unknown>, output: string | undefined): string {
  if (command === 'export') return outputFormatFor(output, opts.format as OutputFormat | undefined);
  if (command === 'profile') return opts.json ? 'json' : 'text';
  if (command === 'sources') {
    if (opts.json || /\.json$/i.test(output ?? '')) return 'json';
    if (/\.txt$/i.test(output ?? '')) return 'text';
    return formatFromPath(output) ?? (opts.format as OutputFormat | undefined) ?? 'csv';
  }
  // A step's table (accounts), like an export: by its format option, else the file's extension.
  return outputFormatFor(output, opts.format as OutputFormat | undefined);
}

/** The version in package.json, recorded in the summary. */
function leadkitVersion(): string {
  return String((JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
}

/**
 * Evaluate the checks on the finished summary. A metric this run lacks (email_invalid_rate
 * without a validate step) is a usage error, reported after the summary and report are
 * written, since the run itself completed.
 */
function evaluateAll(thresholds: readonly Threshold[], s: RunSummary): { results: ThresholdResult[]; error?: UsageError } {
  const results: ThresholdResult[] = [];
  let error: UsageError | undefined;
  for (const t of thresholds) {
    try {
      results.push(evaluateThreshold(t, s));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      error ??= err;
    }
  }
  return { results, error };
}

export const runCommand: Command<RunOptions> = {
  name: 'run',
  summary: 'Run a whole pipeline (pipeline.yml) in one process: the nightly job',
  args: '[pipeline]',
  standardIo: false,
  description:
    'Reads a pipeline file (inputs, import options, ordered steps with their options, outputs) and runs it in one ' +
    'process with rows passed in memory. Paths in the file are relative to it. Output files are written atomically ' +
    'and only when the whole run succeeded. --summary-json and --report (or summary_json: and report: in the file) ' +
    'record what happened: the funnel, rejects and suppressions by reason, scores, owners and data quality. A tripped ' +
    '--fail-if check (or fail_if:) exits 3 and replaces no output, but still writes the summary and report. ' +
    '--state DIR remembers each night: rows keep their person\'s cluster_id from night to night and say whether they ' +
    'are new, changed or unchanged since the last good night (delta), and when and to whom they were delivered. ' +
    '--demo runs the example shipped with leadkit (fixtures/demo/pipeline.yml in the package) and writes its files ' +
    'into out/ of the current folder.',
  examples: [
    'leadkit run --demo',
    'leadkit run nightly.yml',
    'leadkit run nightly.yml --as-of 2026-11-22 --log-format json',
    "leadkit run nightly.yml --fail-if 'email_invalid_rate>0.2' --summary-json out/summary.json --report out/report.html",
    "leadkit run nightly.yml --state state/ --fail-if 'new_rows>5000'",
  ],
  options: [
    { flags: '--demo', description: 'run the demo pipeline shipped with leadkit on its sample lists (writes ./out/)' },
    { flags: '--as-of <date>', description: 'the date the run is for (reproducible scoring); default: the file\'s as_of, else today', type: 'date' },
    { flags: '--log-format <format>', description: 'stderr as text lines or JSON lines', choices: ['text', 'json'], default: 'text' },
    {
      flags: '--fail-if <expr>',
      description: `exit 3 and replace no output when a check trips, e.g. 'email_invalid_rate>0.2' or 'rows<100'; adds to the file's fail_if. Metrics: ${METRICS.map((m) => m.name).join(', ')}`,
      repeatable: true,
    },
    { flags: '--summary-json <file>', description: 'write the run summary as JSON (also when a check trips); overrides the file\'s summary_json', path: true },
    { flags: '--report <file>', description: 'write a self-contained HTML report (also when a check trips); overrides the file\'s report', path: true },
    {
      flags: '--compare-to <file>',
      description: 'a summary JSON of an earlier run for the report\'s trend; default: the summary JSON this run replaces, if any',
      type: 'file',
      path: true,
    },
    { flags: '--top-leads <n>', description: 'how many of the best-scored leads the summary and report list (default 10, 0 for none)', type: 'count' },
    {
      flags: '--state <dir>',
      description: "remember the night in DIR (created on the first night): persistent cluster ids, and delta (new, changed, unchanged), delivered_at, delivered_to on every row; written with the outputs, never by a failed or tripped run; locked for the run (DIR/.leadkit-lock: a second run on it stops at once); overrides the file's state",
      path: true,
    },
    { flags: '--delta-fields <fields>', description: `with --state: the fields whose change makes a row changed (default ${DEFAULT_DELTA_FIELDS.join(',')}); overrides the file's delta_fields`, type: 'list' },
    { flags: '--forget-after <days>', description: "with --state: drop persons gone (and records unseen) for this many days; default: keep them; overrides the file's forget_after", type: 'positive' },
    { flags: '--gone <file>', description: "with --state: the persons of the state no row tonight belongs to, with their last delivery (default DIR/gone.csv); overrides the file's gone", path: true },
    { flags: '--id-map <file>', description: "with --state: what happened to each id tonight: new, kept, merged_into, split_from, gone, … (default DIR/id-map.csv); overrides the file's id_map", path: true },
  ],

  async main(args: string[], opts: RunOptions, baseCtx: Context): Promise<void> {
    // Checks first: a typo in --fail-if must stop the run before it reads a single row.
    const cliChecks = parseThresholds(opts.failIf ?? []);
    checkMetricNames(cliChecks);
    let file = args[0];
    if (opts.demo) {
      if (file) throw new UsageError('give either --demo or a pipeline file');
      file = demoPipelineFile();
    }
    if (!file) throw new UsageError('run needs a pipeline file (or --demo)');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`${file}: cannot read the pipeline file`, 'E_PIPELINE');
    }
    // The demo reads its lists from the package and writes into out/ where it is run: an
    // installed package's folder is not the user's, and may not be writable.
    const spec = parsePipeline(text, file, opts.demo ? { writeDir: process.cwd() } : {});
    checkArtifactDirs({ summaryJson: opts.summaryJson, report: opts.report }, { summaryJson: '--summary-json', report: '--report' });
    // The command line wins over the file for where to write; checks from both apply.
    const paths: ArtifactPaths = { summaryJson: opts.summaryJson ?? spec.summaryJson, report: opts.report ?? spec.report };
    const checks = [...spec.failIf, ...cliChecks];
    const artifacts = [paths.summaryJson, paths.report].filter((p): p is string => Boolean(p));

    const chosen = opts.asOf ?? spec.asOf;
    const log = runLog({ ...baseCtx, today: chosen ?? baseCtx.today, asOf: chosen }, opts.logFormat);
    // Read before the run: the summary it compares with may be the one it replaces.
    const previous = previousRun(opts.compareTo, paths.summaryJson, (m) => log.ctx.warn(m));
    const builder = new SummaryBuilder({ pipeline: spec.name, as_of: log.ctx.today, leadkit_version: leadkitVersion(), top_leads: opts.topLeads });
    // The state is read before any row: a state this leadkit cannot read stops the run at once.
    const settings = nightSettings(opts, spec.state, spec.file, spec.outputs.filter((o) => o.only || (o.command === 'export' && o.options.delta !== undefined)));
    checkDeltaMetrics(checks, settings !== undefined);
    const night = settings ? await NightRun.open(settings, log.ctx, `leadkit run ${file}`) : undefined;
    // The state's lock goes with its committable once that is added (commit or abort release it); until then, with any error.
    try {
      await runPipeline(spec, log.ctx, builder, night, checks);
      if (night) builder.delta(night.summary());

      const summary = builder.finish({ previous });
      const { results, error } = evaluateAll(checks, summary);
      summary.thresholds = results;
      log.thresholds(results);
      const failure = thresholdFailure(results);
      if (error || failure) {
        // The outputs will be aborted by the exit point; the summary and report explain why.
        if (night && summary.delta) summary.delta = night.notCommitted();
        await writeArtifactsNow(summary, paths);
        if (night) log.ctx.summary(night.line(false));
        log.summary(summary, { outputsWritten: false, artifacts });
        if (error) throw error;
        throw new ThresholdError(`${failure}; no output file was replaced${artifacts.length ? ` (summary: ${artifacts.join(', ')})` : ''}`);
      }
      // The next night's state moves on only once every output is in place, and before the summary that describes it.
      if (night) baseCtx.files.add(night.committable(log.ctx, { pipeline: spec.name, leadkitVersion: leadkitVersion() }));
      stageArtifacts(summary, paths, baseCtx.files);
      // "outputs written" is said once they are (the transaction commits in order, this last),
      // after each export's own line; a commit that fails (a full disk) is the error instead.
      baseCtx.files.add({ commit: async () => log.summary(summary, { outputsWritten: true, artifacts }), abort: async () => undefined });
    } catch (err) {
      night?.release();
      throw err;
    }
  },
};
