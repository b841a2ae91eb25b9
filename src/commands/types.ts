import type { Table } from '../table.js';
import type { Context } from '../context.js';

/**
 * What an option's value is. Each type has one parser, used for the command line and for a
 * pipeline file alike, so a command receives typed values and checks nothing itself:
 * - text: as given; file: a non-empty path (relative to the pipeline file there)
 * - date: an existing calendar date yyyy-mm-dd
 * - country: a country (ISO code or name) → ISO 3166 alpha-2 ("Österreich" → AT)
 * - count: a whole number ≥ 0; positive: a whole number ≥ 1
 * - probability: a number strictly between 0 and 1
 * - list: comma-separated words → string[] (blanks dropped)
 * - delimiter: one character, or tab, semicolon, comma, pipe (kept as given; never empty)
 * Choices (`choices`) are checked for any type.
 */
export type OptionType = 'text' | 'file' | 'date' | 'country' | 'count' | 'positive' | 'probability' | 'list' | 'delimiter';

/**
 * One option, declared once: it drives commander parsing, `--help` and the README table.
 * `flags` uses commander syntax ("--sheet <name>", "--strict", "--map <spec...>").
 */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean | string[];
  choices?: string[];
  /** Repeatable option: "--map A=b --map C=d" collects into an array. */
  repeatable?: boolean;
  /** The value is a file or folder: in a pipeline file it is relative to that file. */
  path?: boolean;
  /** What the value is: parsed once, for argv and pipeline files alike (see option-types.ts). */
  type?: OptionType;
}

/**
 * A subcommand. Exactly one of source / transform / sink is implemented:
 * - source:    makes a table from files (import)
 * - transform: table in, table out (validate, dedupe, score, …); chains in `leadkit run`
 * - sink:      consumes a table and writes its own output (export, profile)
 * Commands throw LeadkitError; they never exit the process.
 */
export interface Command<O = Record<string, unknown>> {
  name: string;
  summary: string;
  /** Positional arguments in commander syntax; default "[files...]". */
  args?: string;
  /** The values the positional argument takes, when it is a word from a fixed list (for completion). */
  argChoices?: string[];
  /** Longer description shown in `--help`. */
  description?: string;
  examples: string[];
  options: OptionSpec[];
  /**
   * The option the first positional argument stands for when it is not given as a flag
   * (`filter EXPR` is `filter --where EXPR`); the rest are input files. Not taken when an
   * option in `unless` is set, so `filter --where-file w.yml leads.csv` reads leads.csv.
   */
  leadingArg?: { key: string; unless: string[] };
  /** Whether the shared input/output options (-o, --encoding, …) apply. Default true. */
  standardIo?: boolean;
  /** Returns null when it wrote its own output and there are no rows to write. */
  source?(files: string[], opts: O, ctx: Context): Promise<Table | null>;
  transform?(input: Table, opts: O, ctx: Context): Promise<Table>;
  /**
   * A transform whose options can ask for a printed report instead of rows (dedupe --explain):
   * the command line calls this in place of transform, and it returns null when it wrote its own
   * output. Pipeline steps (leadkit run) always call transform, which never returns null.
   */
  transformOrReport?(input: Table, opts: O, ctx: Context): Promise<Table | null>;
  sink?(input: Table, opts: O, ctx: Context): Promise<void>;
  /** Commands that need neither input table nor output (run). */
  main?(args: string[], opts: O, ctx: Context): Promise<void>;
  /**
   * Commands that print something made from the whole registry (completion, man): handed every
   * command by the command line, so they need not import the registry that lists them.
   */
  fromRegistry?(commands: Command<any>[], args: string[], opts: O, ctx: Context): Promise<void>;
}
