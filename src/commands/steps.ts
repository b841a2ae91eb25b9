import type { Command } from './types.js';

/**
 * The commands a pipeline step or output can be: every subcommand but `run`, in pipeline
 * order, loaded on demand. Apart from the registry (index.ts) so that `run` can load them
 * without importing the registry that loads `run`.
 */
export const STEP_LOADERS: Record<string, () => Promise<Command<any>>> = {
  import: async () => (await import('./import.js')).importCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  sources: async () => (await import('./sources.js')).sourcesCommand,
  dedupe: async () => (await import('./dedupe.js')).dedupeCommand,
  match: async () => (await import('./match.js')).matchCommand,
  classify: async () => (await import('./classify.js')).classifyCommand,
  score: async () => (await import('./score.js')).scoreCommand,
  route: async () => (await import('./route.js')).routeCommand,
  accounts: async () => (await import('./accounts.js')).accountsCommand,
  suppress: async () => (await import('./suppress.js')).suppressCommand,
  filter: async () => (await import('./filter.js')).filterCommand,
  export: async () => (await import('./export.js')).exportCommand,
  profile: async () => (await import('./profile.js')).profileCommand,
};

/** Every step command, in pipeline order. */
export function loadStepCommands(): Promise<Command<any>[]> {
  return Promise.all(Object.values(STEP_LOADERS).map((load) => load()));
}

/** Input/output options shared by every command that reads or writes a table (declared in option-flags.ts). */
export { STANDARD_IO_OPTIONS } from './option-flags.js';
