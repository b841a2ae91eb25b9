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
  filter: async () => (await import('./filter.js')).filterCommand,
  export: async () => (await import('./export.js')).exportCommand,
  profile: async () => (await import('./profile.js')).profileCommand,
};

/** Every step command, in pipeline order. */
export function loadStepCommands(): Promise<Command<any>[]> {
  return Promise.all(Object.values(STEP_LOADERS).map((load) => load()));
}

/** Input/output options shared by every command that reads or writes a table. */
export const STANDARD_IO_OPTIONS: OptionSpec[] = [
  { flags: '-o, --output <file>', description: 'write to this file (atomically) instead of stdout; .csv, .tsv, .jsonl/.ndjson or .xlsx picks the format', path: true },
  { flags: '--format <format>', description: 'output format of the rows (default: from the -o extension; stdout, no extension or a device/pipe: csv)', choices: ['csv', 'tsv', 'jsonl', 'xlsx'] },
  { flags: '--encoding <name>', description: 'input encoding (default: detect BOM / UTF-8, else Windows-1252)' },
  { flags: '-d, --delimiter <char>', description: 'input delimiter (default: sniff , ; TAB |); also tab, semicolon', type: 'delimiter' },
  { flags: '--out-delimiter <char>', description: 'output delimiter (default ,)', type: 'delimiter' },
  { flags: '--bom', description: 'write a UTF-8 BOM (for Excel)' },
  { flags: '--excel', description: "CSV for Excel: UTF-8 BOM, ';' (unless --out-delimiter) and CRLF, side files too; Excel still drops leading zeros, so .xlsx is better" },
  { flags: '--strict', description: 'fail on the first row that would have to be guessed: a field count that differs from the header, a stray quote running across lines, or a quoted field followed by more text' },
  { flags: '--keep-whitespace', description: 'keep spaces around cell values (and runs of them inside name and company fields) as read; by default they are trimmed and counted' },
  { flags: '--no-header', description: 'the input has no header row: its columns are named col1, col2, … (import then maps them only with --map col1=email …)' },
  { flags: '--columns <selection>', description: 'columns to write: names (any case), /regex/, 1-based indexes, ranges (a-b), !exclusions; a typo gets a suggestion' },
  { flags: '--sheet <name|n>', description: 'sheet of an .xlsx input (name or 1-based number; default first)' },
];
