import type { Command, OptionSpec } from './types.js';

/**
 * The registry: every subcommand, in pipeline order, loaded on demand. A command's module
 * brings its data (phone metadata, postal tables, title patterns, …) and libraries with it;
 * loading all of them cost every invocation ~0.5 s of startup, paid again by each process of
 * a shell pipe. The command line loads the one it runs; help, `run` and the README load all.
 */
const LOADERS: Record<string, () => Promise<Command<any>>> = {
  import: async () => (await import('./import.js')).importCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  dedupe: async () => (await import('./dedupe.js')).dedupeCommand,
  match: async () => (await import('./match.js')).matchCommand,
  classify: async () => (await import('./classify.js')).classifyCommand,
  score: async () => (await import('./score.js')).scoreCommand,
  route: async () => (await import('./route.js')).routeCommand,
  suppress: async () => (await import('./suppress.js')).suppressCommand,
  export: async () => (await import('./export.js')).exportCommand,
  profile: async () => (await import('./profile.js')).profileCommand,
  run: async () => (await import('./run.js')).runCommand,
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

/** Input/output options shared by every command that reads or writes a table. */
export const STANDARD_IO_OPTIONS: OptionSpec[] = [
  { flags: '-o, --output <file>', description: 'write CSV to this file (atomically) instead of stdout', path: true },
  { flags: '--encoding <name>', description: 'input encoding (default: detect BOM / UTF-8, else Windows-1252)' },
  { flags: '--delimiter <char>', description: 'input delimiter (default: sniff , ; TAB |); also tab, semicolon' },
  { flags: '--out-delimiter <char>', description: 'output delimiter (default ,)' },
  { flags: '--bom', description: 'write a UTF-8 BOM (for Excel)' },
  { flags: '--strict', description: 'fail on the first row that would have to be guessed: a field count that differs from the header, or a stray quote running across lines' },
  { flags: '--sheet <name|n>', description: 'sheet of an .xlsx input (name or 1-based number; default first)' },
];
