import type { Command, OptionSpec } from './types.js';

/**
 * The commands a pipeline step or output can be: every subcommand but `run`, in pipeline
 * order, loaded on demand. Apart from the registry (index.ts) so that `run` can load them
 * without importing the registry that loads `run`.
 */
export const STEP_LOADERS: Record<string, () => Promise<Command<any>>> = {
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
};

/** Every step command, in pipeline order. */
export function loadStepCommands(): Promise<Command<any>[]> {
  return Promise.all(Object.values(STEP_LOADERS).map((load) => load()));
}

/** Input/output options shared by every command that reads or writes a table. */
export const STANDARD_IO_OPTIONS: OptionSpec[] = [
  { flags: '-o, --output <file>', description: 'write CSV to this file (atomically) instead of stdout', path: true },
  { flags: '--encoding <name>', description: 'input encoding (default: detect BOM / UTF-8, else Windows-1252)' },
  { flags: '--delimiter <char>', description: 'input delimiter (default: sniff , ; TAB |); also tab, semicolon', type: 'delimiter' },
  { flags: '--out-delimiter <char>', description: 'output delimiter (default ,)', type: 'delimiter' },
  { flags: '--bom', description: 'write a UTF-8 BOM (for Excel)' },
  { flags: '--strict', description: 'fail on the first row that would have to be guessed: a field count that differs from the header, a stray quote running across lines, or a quoted field followed by more text' },
  { flags: '--keep-whitespace', description: 'keep spaces around cell values (and runs of them inside name and company fields) as read; by default they are trimmed and counted' },
  { flags: '--sheet <name|n>', description: 'sheet of an .xlsx input (name or 1-based number; default first)' },
];
