/**
 * The command overview without the commands: each command's name, usage and one-line summary,
 * written next to the built registry by the build (write-manifest.ts) from the commands
 * themselves. `leadkit --help`, `--version` and a mistyped name are answered from it, so they load
 * no command module (each brings its data and libraries: loading all of them costs more than
 * any of those answers is worth). Missing or stale (another set of names than the registry's),
 * it is not used and the commands are loaded instead.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './types.js';

export interface ManifestEntry {
  name: string;
  /** "[options] [files...]", as the overview lists it after the name. */
  usage: string;
  summary: string;
}

export const MANIFEST_FILE = fileURLToPath(new URL('./manifest.json', import.meta.url));

/** A command's overview line, as commander would make it from the whole command. */
export function manifestEntry(cmd: Command<any>): ManifestEntry {
  const args = cmd.args === '' ? '' : cmd.args ?? '[files...]';
  // Every command has options: --quiet at least.
  return { name: cmd.name, usage: ['[options]', args].filter(Boolean).join(' '), summary: cmd.summary };
}

/** The manifest, when it lists exactly these commands; undefined otherwise. */
export function readManifest(names: readonly string[], file: string = MANIFEST_FILE): ManifestEntry[] | undefined {
  let entries: ManifestEntry[];
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8')) as ManifestEntry[];
  } catch {
    return undefined;
  }
  const ok = Array.isArray(entries) && entries.length === names.length && entries.every((e, i) => e && e.name === names[i] && typeof e.usage === 'string' && typeof e.summary === 'string');
  return ok ? entries : undefined;
}
