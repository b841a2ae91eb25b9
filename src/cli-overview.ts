/**
 * The top-level program, and the overview that `leadkit --help` and `--version` print: built from
 * the manifest (commands/manifest.ts), so neither loads a command module nor the table I/O.
 */
import { Command as Program, Help } from 'commander';
import { VERSION } from './version.js';
import type { ManifestEntry } from './commands/manifest.js';

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  /** The clock for the default as_of (tests pass a fixed instant). */
  now?: () => Date;
}

/** The top-level program: name, description, version, help and output settings. */
export function topLevel(streams: Streams): Program {
  return new Program('leadkit')
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
}

/** The program as far as the overview and --version need it: every command's name, usage and summary, none loaded. */
export function buildOverview(streams: Streams, manifest: readonly ManifestEntry[]): Program {
  const program = topLevel(streams);
  const usage = new Map(manifest.map((e) => [e.name, e.usage]));
  const plain = new Help();
  program.configureHelp({ ...program.configureHelp(), subcommandTerm: (cmd) => (usage.has(cmd.name()) ? `${cmd.name()} ${usage.get(cmd.name())}` : plain.subcommandTerm(cmd)) });
  for (const e of manifest) program.command(e.name).summary(e.summary).exitOverride();
  return program;
}
