import fs from 'node:fs';
import path from 'node:path';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { ensureDir } from '../io/make-dir.js';
import { stageFile } from '../io/sink.js';
import { STARTER_FILES } from '../init/starter-files.js';

export interface InitOptions {
  force?: boolean;
}

/** The starter files that are already there (a dangling link counts: writing would follow it). */
function existing(dir: string): string[] {
  return STARTER_FILES.map(([name]) => path.join(dir, name)).filter((f) => {
    try {
      fs.lstatSync(f);
      return true;
    } catch {
      return false;
    }
  });
}

export const initCommand: Command<InitOptions> = {
  name: 'init',
  summary: 'Write a commented starter pipeline.yml, rules.yml and mapping.yml to edit',
  args: '[dir]',
  standardIo: false,
  description:
    'Writes three commented files into DIR (default: the current folder, created if missing): pipeline.yml, a ' +
    'nightly job that reads incoming/*.csv and writes out/; rules.yml, routing, grades and consent on top of the ' +
    'built-in scoring; mapping.yml, vendor column names for import. Refuses to replace any of them unless --force; ' +
    'the three are written together or not at all.',
  examples: ['leadkit init', 'leadkit init jobs/nightly && leadkit run jobs/nightly/pipeline.yml', 'leadkit init --force'],
  options: [{ flags: '--force', description: 'replace starter files that already exist' }],

  async main(args: string[], opts: InitOptions, ctx: Context): Promise<void> {
    const dir = args[0] ?? '.';
    const there = existing(dir);
    if (there.length && !opts.force) {
      throw new UsageError(`init: ${there.join(', ')} already exist${there.length === 1 ? 's' : ''}; give --force to replace ${there.length === 1 ? 'it' : 'them'}`, 'E_INIT_EXISTS');
    }
    await ensureDir(dir);
    // Staged into the command's file transaction: all three are renamed into place together.
    for (const [name, text] of STARTER_FILES) ctx.files.add(await stageFile(path.join(dir, name), text));
    const where = dir === '.' ? '' : ` in ${dir}`;
    const pipeline = dir === '.' ? 'pipeline.yml' : path.join(dir, 'pipeline.yml');
    ctx.summary(`init: wrote ${STARTER_FILES.map(([n]) => n).join(', ')}${where}${there.length ? ` (replaced ${there.length})` : ''}; put your lists in ${path.join(dir, 'incoming')}/ and run: leadkit run ${pipeline}`);
  },
};
