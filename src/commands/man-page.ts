import type { Command, OptionSpec } from './types.js';
import { commandOptions } from './option-flags.js';

/**
 * The manual page (roff, section 1), generated from the registry and the option specs like
 * `--help` and the README table, so it cannot drift from what the parser accepts. Pure. It carries
 * no date: the same version prints the same page.
 */
export function manPage(commands: Command<any>[], standardIo: OptionSpec[], version: string): string {
  const out = [
    `.TH LEADKIT 1 "" "leadkit ${roff(version)}" "User Commands"`,
    '.SH NAME',
    'leadkit \\- clean, validate, dedupe, score and route lead lists from the shell',
    '.SH SYNOPSIS',
    '.B leadkit',
    '.I command',
    '[\\fIoptions\\fR] [\\fIfiles\\fR...]',
    '.SH DESCRIPTION',
    text('Each command reads CSV or xlsx (files, or stdin), writes CSV to stdout or -o FILE, and prints counts and warnings to stderr, so commands chain in a shell pipe; leadkit run chains the same steps from a pipeline file. Every field stays a string; rows are annotated, not dropped, except into named side files.'),
    '.SH COMMANDS',
  ];
  for (const c of commands) {
    out.push(`.SS "leadkit ${roff(c.name)} ${roff(c.args ?? '[files...]')}"`, text(c.description ?? c.summary));
    for (const o of commandOptions(c, standardIo)) {
      const names = [o.short, o.long].filter(Boolean).map((n) => `\\fB${roff(n as string)}\\fR`).join(', ');
      out.push('.TP', `${names}${o.value ? ` \\fI${roff(o.value)}\\fR` : ''}`, text(o.description + (o.choices ? ` (one of ${o.choices.join(', ')})` : '')));
    }
    if (c.examples.length) {
      out.push('.PP', 'Examples:', '.PP', '.RS', '.nf', ...c.examples.map((e) => line(`$ ${e}`)), '.fi', '.RE');
    }
  }
  out.push(
    '.SH "EXIT STATUS"',
    '.TP', '0', 'success (also when stdout is closed early, as by head)',
    '.TP', '1', text('a data or input error; the message names the file, line and a stable code'),
    '.TP', '2', 'a usage error (unknown option, bad value)',
    '.TP', '3', text('a --fail-if threshold tripped'),
    '.SH ENVIRONMENT',
    '.TP', '.B NO_COLOR', text('any non-empty value: no colour on stderr, even with FORCE_COLOR'),
    '.TP', '.B FORCE_COLOR', text('colour stderr even when it is not a terminal; 0 or false turns colour off'),
    '.TP', '.B TZ', text('the time zone of the default as_of date (the local date, not the UTC date)'),
    '.TP', '.B LEADKIT_DEBUG', text('print the stack trace of an internal error'),
    '.SH "SEE ALSO"',
    text('leadkit COMMAND --help; leadkit completion bash|zsh|fish'),
    '',
  );
  return out.join('\n');
}

/**
 * Escape text for roff: backslashes, hyphens (as minus signs, so flags copy as typed), and
 * non-ASCII characters as \[uXXXX], which every troff reads whatever the locale (ü, →, …).
 */
function roff(s: string): string {
  return s
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** One output line: a leading dot or quote would be read as a roff request. */
function line(s: string): string {
  const r = roff(s);
  return /^[.']/.test(r) ? `\\&${r}` : r;
}

/** A paragraph of text, one source line (roff fills it). */
function text(s: string): string {
  return line(s.replace(/\s*\n\s*/g, ' '));
}
