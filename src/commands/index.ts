import type { Command } from './types.js';
import { STEP_LOADERS } from './steps.js';

export { STANDARD_IO_OPTIONS } from './steps.js';

/**
 * The registry: every subcommand, in pipeline order, loaded on demand. A command's module
 * brings its data (phone metadata, postal tables, title patterns, …) and libraries with it;
 * loading all of them cost every invocation ~0.5 s of startup, paid again by each process of
 * a shell pipe. The command line loads the one it runs; `--help` and `--version` answer from the
 * manifest the build writes (manifest.ts) and load none; `run` and the README load all.
 */
const LOADERS: Record<string, () => Promise<Command<any>>> = {
  ...STEP_LOADERS,
  run: async () => (await import('./run.js')).runCommand,
  completion: async () => (await import('./completion.js')).completionCommand,
  man: async () => (await import('./man.js')).manCommand,
  init: async () => (await import('./init.js')).initCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** One command by name; undefined for a name that is not a command. */
export async function loadCommand(name: string): Promise<Command<any> | undefined> {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]() : undefined;
}

/** Every command, in registry order. */
export function loadCommands(): Promise<Command<any>[]> {
  return Promise.all(COMMAND_NAMES.map((n) => LOADERS[n]()));
}
