/**
 * A command's program: its options (parsed by their types), its context, and reading its input
 * and writing its output. cli.ts loads this module only when a command runs, with the command.
 */
import { Option, type Command as Program } from 'commander';
import { Chalk } from 'chalk';
import type { Ora } from 'ora';
import { loadCommands, STANDARD_IO_OPTIONS } from './commands/index.js';
import type { Command, OptionSpec } from './commands/types.js';
import { parseOptionValue, typedDefault } from './commands/option-types.js';
import { FileTransaction, Tally, type Context, type IoOptions } from './context.js';
import { formatCount } from './context.js';
import { EXIT } from './errors.js';
import { colourLevel } from './terminal-colour.js';
import { localIsoDate } from './date/local-today.js';
import type { Row, Table } from './table.js';
import { QUIET_OPTION } from './commands/option-flags.js';
import { topLevel, type Streams } from './cli-overview.js';

function addOption(cmd: Program, spec: OptionSpec): void {
  const o = new Option(spec.flags, spec.description);
  const takesValue = /[<[]/.test(spec.flags);
  // choices() first: it installs a parser of its own, which ours replaces (keeping the help).
  if (spec.choices) o.choices(spec.choices);
  // Every value goes through its type's parser (option-types.ts), repeated ones into a list.
  if (takesValue) {
    o.argParser((value: string, previous: unknown) => {
      const v = parseOptionValue(spec, value);
      return spec.repeatable ? [...((previous as unknown[] | undefined) ?? []), v] : v;
    });
  }
  if (spec.default !== undefined) o.default(takesValue ? typedDefault(spec) : spec.default, typeof spec.default === 'string' ? spec.default : undefined);
  cmd.addOption(o);
}

function makeContext(io: IoOptions, quiet: boolean, streams: Streams): Context & { stopProgress(): void } {
  let spinner: Ora | undefined;
  let makeSpinner: typeof import('ora').default | undefined;
  let oraLoading: Promise<void> | undefined;
  const interactive = Boolean(streams.stderr.isTTY) && !quiet && !process.env.CI;
  const level = colourLevel(streams.stderr, process.env);
  const colour = new Chalk({ level });
  const stop = () => {
    if (spinner) {
      spinner.stop();
      spinner = undefined;
    }
  };
  return {
    io,
    quiet,
    stdout: streams.stdout as Context['stdout'],
    stdin: streams.stdin,
    stderr: streams.stderr,
    today: process.env.LEADKIT_TODAY || localIsoDate(streams.now ? streams.now() : new Date()),
    warn(message: string) {
      stop();
      streams.stderr.write(`${colour.yellow('warning:')} ${message}\n`);
    },
    info(message: string) {
      stop();
      streams.stderr.write(`${message}\n`);
    },
    summary(line: string) {
      stop();
      if (!quiet) streams.stderr.write(`${line}\n`);
    },
    progress(label: string, n: number) {
      if (!interactive) return;
      const text = `${label}: ${formatCount(n)} rows`;
      if (spinner) spinner.text = text;
      else if (makeSpinner) spinner = makeSpinner({ text, stream: streams.stderr as NodeJS.WriteStream, color: level ? 'cyan' : false }).start();
      else if (!oraLoading) {
        // ora is loaded only for a terminal, so pipes and cron jobs never pay its startup cost;
        // the spinner appears from the next progress call on.
        oraLoading = import('ora').then(({ default: ora }) => {
          makeSpinner = ora;
        });
      }
    },
    stopProgress: stop,
    files: new FileTransaction(),
    tally: new Tally(),
  };
}

/** Count rows through a stream for the progress spinner, without buffering. */
async function* withProgress(batches: AsyncIterable<Row[]>, label: string, ctx: Context): AsyncGenerator<Row[]> {
  let n = 0;
  let next = 10000;
  for await (const b of batches) {
    n += b.length;
    if (n >= next) {
      ctx.progress(label, n);
      next = n + 10000;
    }
    yield b;
  }
}

function progressTable(t: Table, label: string, ctx: Context): Table {
  return { columns: t.columns, batches: withProgress(t.batches, label, ctx) };
}

/**
 * Reading and writing tables (encodings, xlsx, CSV): loaded for a command that uses them, not
 * for --help or --version.
 */
async function tableIo() {
  const [{ readTable }, { writeTable }, { withSelectedColumns }, { checkExcelOption, outputFormatFor }] = await Promise.all([
    import('./io/table-read.js'),
    import('./io/table-write.js'),
    import('./export/select.js'),
    import('./io/output-format.js'),
  ]);
  return { readTable, writeTable, withSelectedColumns, checkExcelOption, outputFormatFor };
}

async function execute(cmd: Command, files: string[], opts: Record<string, unknown>, ctx: Context): Promise<void> {
  const { readTable, writeTable, withSelectedColumns, checkExcelOption, outputFormatFor } = await tableIo();
  if (cmd.source) {
    const table = await cmd.source(files, opts, ctx);
    if (table) await writeTable(progressTable(withSelectedColumns(table, opts.columns), cmd.name, ctx), ctx);
  } else if (cmd.transform) {
    // A -o name leadkit cannot write is refused before the input is read.
    checkExcelOption({ format: outputFormatFor(ctx.io.output, ctx.io.format), excel: ctx.io.excel });
    const input = await readTable(files, ctx);
    const rows = progressTable(input, cmd.name, ctx);
    const out = cmd.transformOrReport ? await cmd.transformOrReport(rows, opts, ctx) : await cmd.transform(rows, opts, ctx);
    if (out) await writeTable(withSelectedColumns(out, opts.columns), ctx);
  } else if (cmd.sink) {
    const input = await readTable(files, ctx);
    await cmd.sink(progressTable(input, cmd.name, ctx), opts, ctx);
  } else if (cmd.main) {
    await cmd.main(files, opts, ctx);
  } else if (cmd.fromRegistry) {
    await cmd.fromRegistry(await loadCommands(), files, opts, ctx);
  }
}

export function buildProgram(streams: Streams, onExit: (code: number) => void, commands: Command[]): Program {
  const program = topLevel(streams);
  for (const cmd of commands) {
    const sub = program.command(cmd.name).summary(cmd.summary).description(cmd.description ?? cmd.summary);
    // args '' is a command without positional arguments (man).
    if (cmd.args !== '') sub.arguments(cmd.args ?? '[files...]');
    for (const o of cmd.options) addOption(sub, o);
    if (cmd.standardIo !== false) for (const o of STANDARD_IO_OPTIONS) addOption(sub, o);
    sub.option(QUIET_OPTION.flags, QUIET_OPTION.description);
    sub.addHelpText('after', `\nExamples:\n${cmd.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    sub.exitOverride();
    sub.action(async (...args: unknown[]) => {
      const opts = (args[args.length - 2] ?? {}) as Record<string, unknown>;
      const positional = args.slice(0, -2);
      const files = positional.flatMap((p) => (Array.isArray(p) ? p : p === undefined ? [] : [p])) as string[];
      const lead = cmd.leadingArg;
      if (lead && files.length > 0 && !lead.unless.some((k) => opts[k] !== undefined)) opts[lead.key] = files.shift();
      const io: IoOptions = {
        encoding: opts.encoding as string | undefined,
        delimiter: opts.delimiter as string | undefined,
        outDelimiter: opts.outDelimiter as string | undefined,
        bom: Boolean(opts.bom),
        strict: Boolean(opts.strict),
        keepWhitespace: Boolean(opts.keepWhitespace),
        // commander sets `header: false` for --no-header (true otherwise).
        noHeader: opts.header === false,
        sheet: opts.sheet as string | undefined,
        output: opts.output as string | undefined,
        format: opts.format as IoOptions['format'],
        excel: Boolean(opts.excel),
      };
      const ctx = makeContext(io, Boolean(opts.quiet), streams);
      try {
        await execute(cmd, files, opts, ctx);
        await ctx.files.commitAll();
      } catch (err) {
        await ctx.files.abortAll();
        throw err;
      } finally {
        ctx.stopProgress();
      }
      onExit(EXIT.ok);
    });
  }
  return program;
}
