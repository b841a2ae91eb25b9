import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, OptionSpec } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { Row, Table } from '../table.js';
import { COMMANDS, STANDARD_IO_OPTIONS } from './index.js';
import { importCommand, importSources } from './import.js';
import { openSource, type RawSource } from '../io/read.js';
import { bindOptions, flagInfo } from '../pipeline/bind-options.js';
import { expandInput, parsePipeline, resolveFrom, type PipelineSpec, type PipelineStep } from '../pipeline/spec.js';
import { teeBatches } from '../pipeline/tee.js';
import { UsageError } from '../errors.js';

export interface RunOptions {
  demo?: boolean;
  asOf?: string;
  logFormat?: 'text' | 'json';
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

/** Options a pipeline output may set besides the sink's own. */
const outputIo = (): OptionSpec[] => STANDARD_IO_OPTIONS.filter((o) => /--(output|bom|out-delimiter)\b/.test(o.flags));

function bindStep(spec: PipelineSpec, step: PipelineStep | { command: string; options: Record<string, unknown>; line: number }, specs: OptionSpec[]): Record<string, unknown> {
  const r = bindOptions(specs, step.options);
  if (!r.ok) {
    const line = spec.lineOf.get(step.options)?.get(r.key) ?? step.line;
    throw new UsageError(`${spec.file}:${line}: ${step.command}: ${r.message}`, 'E_PIPELINE');
  }
  // Paths in a pipeline file are relative to the file, so cron can run it from anywhere.
  for (const s of specs) {
    if (!s.path) continue;
    const key = flagInfo(s).key;
    const v = r.opts[key];
    const fix = (p: string) => (p === '-' || (s.repeatable && p.includes('=') && !/\.(ya?ml|json)$/i.test(p)) ? p : resolveFrom(spec.dir, p));
    if (typeof v === 'string') r.opts[key] = fix(v);
    else if (Array.isArray(v)) r.opts[key] = v.map((x) => fix(String(x)));
  }
  return r.opts;
}

/** Count rows passing a point of the pipeline, without buffering. */
function counted(t: Table, counter: { rows: number }): Table {
  async function* gen(): AsyncGenerator<Row[]> {
    for await (const b of t.batches) {
      counter.rows += b.length;
      yield b;
    }
  }
  return { columns: t.columns, batches: gen() };
}

function jsonLogger(ctx: Context): Context {
  const line = (level: string, message: string) => ctx.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message })}\n`);
  return {
    ...ctx,
    warn: (m) => line('warning', m),
    info: (m) => line('info', m),
    summary: (m) => {
      if (!ctx.quiet) line('info', m);
    },
    progress: () => undefined,
  };
}

export interface RunReport {
  inputs: { file: string; rows: number; encoding: string; delimiter: string }[];
  steps: { name: string; rows_in: number; rows_out: number }[];
  outputs: { command: string; target: string }[];
}

/** Execute a parsed pipeline: import → steps → all outputs, in one process. */
export async function runPipeline(spec: PipelineSpec, ctx: Context): Promise<RunReport> {
  const sources: RawSource[] = [];
  for (const input of spec.inputs) {
    for (const file of expandInput(input.path, spec.dir)) {
      sources.push(await openSource(file, { ...ctx.io, sheet: input.sheet ?? ctx.io.sheet, encoding: input.encoding, delimiter: input.delimiter }, ctx.stdin));
    }
  }
  const importOpts = bindStep(spec, { command: 'import', options: spec.importOptions, line: spec.importLine }, importCommand.options);
  const imported = importSources(sources, importOpts, ctx);
  if (!imported) throw new UsageError(`${spec.file}: import: mapping-only makes no rows to run`);

  const report: RunReport = { inputs: [], steps: [], outputs: [] };
  const importCount = { rows: 0 };
  let table = counted(imported, importCount);
  const stepCounts: { name: string; in: { rows: number }; out: { rows: number } }[] = [];
  for (const step of spec.steps) {
    const cmd = COMMANDS.find((c) => c.name === step.command);
    if (!cmd || !cmd.transform) {
      const usable = COMMANDS.filter((c) => c.transform).map((c) => c.name);
      throw new UsageError(`${spec.file}:${step.line}: "${step.command}" is not a step (steps: ${usable.join(', ') || 'none yet'})`, 'E_PIPELINE');
    }
    const opts = bindStep(spec, step, cmd.options);
    const cin = { rows: 0 };
    const cout = { rows: 0 };
    stepCounts.push({ name: step.command, in: cin, out: cout });
    table = counted(await cmd.transform(counted(table, cin), opts, ctx), cout);
  }

  const outputs = spec.outputs.length ? spec.outputs : [{ command: 'export', options: {}, line: 1 }];
  const branches = teeBatches(table.batches, outputs.length);
  await Promise.all(
    outputs.map(async (o, i) => {
      const cmd = COMMANDS.find((c) => c.name === o.command);
      if (!cmd || !cmd.sink) {
        const usable = COMMANDS.filter((c) => c.sink).map((c) => c.name);
        throw new UsageError(`${spec.file}:${o.line}: "${o.command}" is not an output (outputs: ${usable.join(', ')})`, 'E_PIPELINE');
      }
      const opts = bindStep(spec, o, [...cmd.options, ...outputIo()]);
      const io = { ...ctx.io, output: opts.output as string | undefined, bom: Boolean(opts.bom), outDelimiter: opts.outDelimiter as string | undefined };
      report.outputs.push({ command: o.command, target: io.output ?? (opts.outDir as string | undefined) ?? 'stdout' });
      // A pipeline declares where its files go, so (unlike -o on the command line) it may create the folder.
      if (io.output && io.output !== '-') await fs.promises.mkdir(path.dirname(io.output), { recursive: true });
      await cmd.sink({ columns: table.columns, batches: branches[i] }, opts, { ...ctx, io });
    }),
  );

  report.inputs = sources.map((s) => ({ file: s.file, rows: s.stats.rows, encoding: s.encoding, delimiter: s.delimiter }));
  report.steps = [{ name: 'import', rows_in: importCount.rows, rows_out: importCount.rows }, ...stepCounts.map((s) => ({ name: s.name, rows_in: s.in.rows, rows_out: s.out.rows }))];
  return report;
}

export const runCommand: Command<RunOptions> = {
  name: 'run',
  summary: 'Run a whole pipeline (pipeline.yml) in one process: the nightly job',
  args: '[pipeline]',
  standardIo: false,
  description:
    'Reads a pipeline file (inputs, import options, ordered steps with their options, outputs) and runs it in one ' +
    'process with rows passed in memory. Paths in the file are relative to it. Output files are written atomically ' +
    'and only when the whole run succeeded. --demo runs the bundled example (fixtures/demo/pipeline.yml).',
  examples: ['leadkit run --demo', 'leadkit run nightly.yml', 'leadkit run nightly.yml --as-of 2026-11-22 --log-format json'],
  options: [
    { flags: '--demo', description: 'run the bundled demo pipeline on the fixtures (writes out/)' },
    { flags: '--as-of <date>', description: 'the date the run is for (reproducible scoring); default: the file\'s as_of, else today' },
    { flags: '--log-format <format>', description: 'stderr as text lines or JSON lines', choices: ['text', 'json'], default: 'text' },
  ],

  async main(args: string[], opts: RunOptions, baseCtx: Context): Promise<void> {
    let file = args[0];
    if (opts.demo) {
      if (file) throw new UsageError('give either --demo or a pipeline file');
      file = path.join(packageRoot(), 'fixtures/demo/pipeline.yml');
    }
    if (!file) throw new UsageError('run needs a pipeline file (or --demo)');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`${file}: cannot read the pipeline file`, 'E_PIPELINE');
    }
    const spec = parsePipeline(text, file);
    if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UsageError(`--as-of must be a date like 2026-11-22, got "${opts.asOf}"`);
    let ctx: Context = { ...baseCtx, today: opts.asOf ?? spec.asOf ?? baseCtx.today };
    if (opts.logFormat === 'json') ctx = jsonLogger(ctx);
    const t0 = Date.now();
    const report = await runPipeline(spec, ctx);
    const funnel = report.steps.map((s) => `${s.name} ${formatCount(s.rows_out)}`).join(' → ');
    ctx.summary(`run ${spec.name}: ${funnel} in ${((Date.now() - t0) / 1000).toFixed(1)} s; outputs: ${report.outputs.map((o) => o.target).join(', ')}`);
  },
};
