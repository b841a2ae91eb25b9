import type { Command, OptionSpec } from './types.js';
import { flagName } from './option-types.js';

/**
 * One option as the shell sees it, read from its spec's commander flags, so that completion and
 * the man page list exactly what the parser accepts (`-d, --delimiter <char>`, `--no-header`).
 */
export interface ShellOption {
  short?: string;
  long: string;
  /** The value's placeholder (`char`), absent for a switch. */
  value?: string;
  /** Values to offer: the spec's choices. */
  choices?: string[];
  /** The value names a file (offer file names). */
  file: boolean;
  repeatable: boolean;
  description: string;
}

/** `-q, --quiet`, which the command line adds to every command (src/cli.ts). */
export const QUIET_OPTION: OptionSpec = { flags: '-q, --quiet', description: 'no summary on stderr' };
export const HELP_OPTION: OptionSpec = { flags: '-h, --help', description: 'show the help of the command' };

/** Worker threads of a per-row stage (validate, classify, score: src/parallel/pool.ts). */
export const JOBS_OPTION: OptionSpec = {
  flags: '--jobs <n>',
  description: 'worker threads (default: one per core, at most 4, once 200,000 rows are read; 0 = none)',
  type: 'count',
};

/**
 * Input/output options shared by every command that reads or writes a table (re-exported by
 * steps.ts). Here, with the other options the command line adds, so that a step command that
 * declares them itself (accounts: a pipeline step names its table's output) needs no import of
 * the step registry that loads it.
 */
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

export function shellOption(spec: OptionSpec): ShellOption {
  const short = /(?:^|[\s,])(-[A-Za-z0-9])\b/.exec(spec.flags)?.[1];
  const long = flagName(spec);
  const value = /[<[]([^>\]]+)[>\]]/.exec(spec.flags)?.[1]?.replace(/\.\.\.$/, '');
  return {
    short,
    long,
    value,
    choices: spec.choices,
    file: value !== undefined && (spec.path === true || spec.type === 'file'),
    repeatable: spec.repeatable === true,
    description: spec.description,
  };
}

/** Every option a command takes on the command line, as cli.ts declares them. */
export function commandOptions(cmd: Command<any>, standardIo: OptionSpec[]): ShellOption[] {
  const specs = [...cmd.options, ...(cmd.standardIo !== false ? standardIo : []), QUIET_OPTION, HELP_OPTION];
  return specs.map(shellOption);
}

/** Whether a command's positional arguments are files (the default `[files...]`). */
export function takesFiles(cmd: Command<any>): boolean {
  return !cmd.argChoices && /file|path|dir|pipeline/i.test(cmd.args ?? '[files...]');
}

/** The first clause of a description, for the one-line hints of a completion menu. */
export function brief(text: string, max = 72): string {
  const first = text.split(/;\s|\s\(|\.\s/)[0].trim();
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}
