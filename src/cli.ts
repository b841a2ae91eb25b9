import { Command as Program, CommanderError, Option } from 'commander';
import { Chalk } from 'chalk';
import type { Ora } from 'ora';
import { COMMAND_NAMES, loadCommand, loadCommands, STANDARD_IO_OPTIONS } from './commands/index.js';
import type { Command, OptionSpec } from './commands/types.js';
import { parseOptionValue, typedDefault } from './commands/option-types.js';
import { FileTransaction, Tally, type Context, type IoOptions } from './context.js';
import { formatCount } from './context.js';
import { EXIT, LeadkitError } from './errors.js';
import { readTable } from './io/table-read.js';
import { colourLevel } from './terminal-colour.js';
import { localIsoDate } from './date/local-today.js';
import { VERSION } from './version.js';
import { writeTable } from './io/table-write.js';
import { withSelectedColumns } from './export/select.js';
import { checkExcelOption, outputFormatFor } from './io/output-format.js';
import type { Row, Table } from './table.js';
import { QUIET_OPTION } from './commands/option-flags.js';


interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  /** The clock for the default as_of (tests pass a fixed instant). */
  now?: () => Date;
}

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

async function execute(cmd: Command, files: string[], opts: Record<string, unknown>, ctx: Context): Promise<void> {
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
  const program = new Program('leadkit')
    .description('Clean, validate, dedupe, score and route lead lists from the shell.')
    .version(VERSION)
    .showSuggestionAfterError()
    // One line per command in the overview, also when help goes to a pipe (80 columns otherwise).
    .configureHelp({ helpWidth: Math.max(140, (streams.stdout as { columns?: number }).columns ?? 0) })
    .configureOutput({
      writeOut: (s) => void streams.stdout.write(s),
      writeErr: (s) => void streams.stderr.write(s),
    })
    .exitOverride();

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

/** The only place that turns errors into exit codes. */
export async function main(argv: string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  let code: number = EXIT.ok;
  try {
    // `leadkit export …` needs only export; anything else (help, a mistyped name, which
    // commander answers with a suggestion) gets the whole registry.
    const named = COMMAND_NAMES.includes(argv[2]) ? await loadCommand(argv[2]) : undefined;
    const program = buildProgram(streams, (c) => (code = c), named ? [named] : await loadCommands());
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    // With --log-format json every stderr line is JSON, the final error line too.
    const json = argv.some((a, i) => a === '--log-format=json' || (a === '--log-format' && argv[i + 1] === 'json'));
    return reportError(err, streams, json);
  }
}

export function reportError(err: unknown, streams: Pick<Streams, 'stderr'>, json = false): number {
  if (json && err instanceof LeadkitError) {
    const { code, file, line, exitCode } = err;
    streams.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', message: `leadkit: ${err.display}`, code, file, line, exit: exitCode })}\n`);
    return exitCode;
  }
  if (err instanceof CommanderError) {
    // Help and version print and end normally; anything else commander says is a usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof LeadkitError) {
    streams.stderr.write(`leadkit: ${err.display}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EPIPE') return EXIT.ok;
  // A bug or an unexpected system error: one line for the user and the log; the stack only on
  // request, for a bug report.
  const first = (e?.message ?? String(err)).split('\n')[0];
  const detail = process.env.LEADKIT_DEBUG ? `\n${e?.stack ?? ''}` : ' (set LEADKIT_DEBUG=1 for the stack trace to report it)';
  streams.stderr.write(`leadkit: internal error: ${e?.code && !first.startsWith(String(e.code)) ? `${e.code}: ` : ''}${first}${detail}\n`);
  return EXIT.data;
}
