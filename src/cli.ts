/**
 * The command line's entry and its only exit point: which command runs, and how errors become
 * exit codes. The program that runs a command (program.ts) is loaded with the command.
 */
import { CommanderError } from 'commander';
import { COMMAND_NAMES, loadCommand, loadCommands } from './commands/index.js';
import { EXIT, LeadkitError } from './errors.js';
import { readManifest } from './commands/manifest.js';
import { buildOverview, type Streams } from './cli-overview.js';

/** The only place that turns errors into exit codes. */
export async function main(argv: string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  let code: number = EXIT.ok;
  try {
    // `leadkit export …` (and `leadkit help export`) needs only export. The overview (--help, no
    // command, a mistyped name that commander answers with a suggestion) and --version come from
    // the manifest the build wrote and load no command; without it, from the whole registry.
    const name = argv[2] === 'help' ? argv[3] : argv[2];
    const named = name !== undefined && COMMAND_NAMES.includes(name) ? await loadCommand(name) : undefined;
    const manifest = named ? undefined : readManifest(COMMAND_NAMES);
    const program = manifest
      ? buildOverview(streams, manifest)
      : (await import('./program.js')).buildProgram(streams, (c) => (code = c), named ? [named] : await loadCommands());
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
