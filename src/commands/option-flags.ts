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
