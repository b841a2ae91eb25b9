import { UsageError } from '../errors.js';
import type { Command } from './types.js';
import { completionScript, SHELLS, type Shell } from './shell-completion.js';
import { STANDARD_IO_OPTIONS } from './steps.js';

/** `leadkit completion bash|zsh|fish`: the completion script, generated from the registry. */
export const completionCommand: Command = {
  name: 'completion',
  summary: 'Print a shell completion script (bash, zsh or fish)',
  description: 'Print a completion script for bash, zsh or fish to stdout, generated from the commands and their options.',
  args: '<shell>',
  argChoices: [...SHELLS],
  examples: ['source <(leadkit completion bash)', 'leadkit completion zsh > "${fpath[1]}/_leadkit"', 'leadkit completion fish > ~/.config/fish/completions/leadkit.fish'],
  options: [],
  standardIo: false,
  async fromRegistry(commands, args, _opts, ctx) {
    const shell = args[0] as Shell;
    if (!SHELLS.includes(shell)) throw new UsageError(`completion: unknown shell ${JSON.stringify(args[0] ?? '')}; one of ${SHELLS.join(', ')}`);
    ctx.stdout.write(completionScript(shell, commands, STANDARD_IO_OPTIONS));
  },
};
