import type { Command } from './types.js';
import { manPage } from './man-page.js';
import { STANDARD_IO_OPTIONS } from './steps.js';
import { VERSION } from '../version.js';

/** `leadkit man`: the manual page in roff, generated from the registry. */
export const manCommand: Command = {
  name: 'man',
  summary: 'Print the manual page (roff)',
  description: 'Print the manual page in roff to stdout, generated from the commands and their options.',
  args: '',
  examples: ['leadkit man | man -l -', 'leadkit man > ~/.local/share/man/man1/leadkit.1'],
  options: [],
  standardIo: false,
  async fromRegistry(commands, _args, _opts, ctx) {
    ctx.stdout.write(manPage(commands, STANDARD_IO_OPTIONS, VERSION));
  },
};
