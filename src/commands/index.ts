import type { Command, OptionSpec } from './types.js';
import { importCommand } from './import.js';
import { validateCommand } from './validate.js';
import { dedupeCommand } from './dedupe.js';
import { matchCommand } from './match.js';
import { classifyCommand } from './classify.js';
import { scoreCommand } from './score.js';
import { routeCommand } from './route.js';
import { suppressCommand } from './suppress.js';
import { exportCommand } from './export.js';
import { profileCommand } from './profile.js';
import { runCommand } from './run.js';

/** The registry: every subcommand, in pipeline order. Drives the CLI, help and README. */
export const COMMANDS: Command<any>[] = [importCommand, validateCommand, dedupeCommand, matchCommand, classifyCommand, scoreCommand, routeCommand, suppressCommand, exportCommand, profileCommand, runCommand];

/** Input/output options shared by every command that reads or writes a table. */
export const STANDARD_IO_OPTIONS: OptionSpec[] = [
  { flags: '-o, --output <file>', description: 'write CSV to this file (atomically) instead of stdout', path: true },
  { flags: '--encoding <name>', description: 'input encoding (default: detect BOM / UTF-8, else Windows-1252)' },
  { flags: '--delimiter <char>', description: 'input delimiter (default: sniff , ; TAB |); also tab, semicolon' },
  { flags: '--out-delimiter <char>', description: 'output delimiter (default ,)' },
  { flags: '--bom', description: 'write a UTF-8 BOM (for Excel)' },
  { flags: '--strict', description: 'fail on the first row whose field count differs from the header' },
  { flags: '--sheet <name|n>', description: 'sheet of an .xlsx input (name or 1-based number; default first)' },
];
