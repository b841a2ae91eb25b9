// What a command line loads before it does anything: --version and --help answer from the
// manifest the build writes (src/commands/manifest.ts) and load no command module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, loadCommands } from '../src/commands/index.js';
import { manifestEntry, readManifest } from '../src/commands/manifest.js';

const root = path.resolve(import.meta.dirname, '..');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));
const hook = path.join(root, 'test/helpers/record-modules.mjs');

/** The dist/ modules a leadkit command line resolves, relative to dist/, and what it printed. */
function loaded(args: string[]): { modules: string[]; stdout: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-loaded-')), 'modules.txt');
  let stdout = '';
  try {
    stdout = execFileSync(process.execPath, ['--import', hook, path.join(root, 'bin/leadkit'), ...args], { env: { ...process.env, LEADKIT_LOADED: file }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    stdout = String((err as { stdout?: string }).stdout ?? '');
  }
  const urls = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  return { modules: [...new Set(urls.filter((u) => u.includes('/dist/')).map((u) => u.slice(u.indexOf('/dist/') + 6)))], stdout };
}

const commandModules = (modules: string[]) => modules.filter((m) => COMMAND_NAMES.some((c) => m === `commands/${c}.js`));

describe('startup', () => {
  it.runIf(built)('--version and --help load no command module, nor the table reader', () => {
    for (const args of [['--version'], ['--help'], ['help'], ['dedup']]) {
      const { modules } = loaded(args);
      expect(commandModules(modules), args.join(' ')).toEqual([]);
      expect(modules).not.toContain('program.js');
      expect(modules).not.toContain('io/table-read.js');
    }
    expect(loaded(['--version']).stdout.trim()).toBe('0.1.0');
  });

  it.runIf(built)('--help lists every command with the summary and usage its module declares', async () => {
    const { stdout } = loaded(['--help']);
    for (const cmd of await loadCommands()) {
      const e = manifestEntry(cmd);
      expect(stdout).toMatch(new RegExp(`\\n  ${e.name} ${e.usage.replace(/[[\].]/g, '\\$&')} +${cmd.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    }
  });

  it.runIf(built)('a subcommand loads its own module and no other command', () => {
    for (const [args, own] of [[['export', '--help'], 'commands/export.js'], [['help', 'dedupe'], 'commands/dedupe.js']] as const) {
      const { modules, stdout } = loaded([...args]);
      expect(commandModules(modules)).toEqual([own]);
      // Nor what only some of its options need: the night's state, the CRM presets.
      expect(modules.filter((m) => m.startsWith('state/store') || m.startsWith('export/crm-write'))).toEqual([]);
      expect(stdout).toContain(`Usage: leadkit ${args[args.length - 1] === 'dedupe' ? 'dedupe' : 'export'} [options]`);
    }
  });

  it('the manifest is used only when it lists exactly the registry\'s commands', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-manifest-'));
    const file = path.join(dir, 'manifest.json');
    expect(readManifest(COMMAND_NAMES, file)).toBeUndefined();
    const entries = COMMAND_NAMES.map((name) => ({ name, usage: '[options] [files...]', summary: `the ${name} command` }));
    fs.writeFileSync(file, JSON.stringify(entries));
    expect(readManifest(COMMAND_NAMES, file)?.map((e) => e.name)).toEqual([...COMMAND_NAMES]);
    // A command added since the build: the registry is loaded instead.
    expect(readManifest([...COMMAND_NAMES, 'accounts'], file)).toBeUndefined();
    fs.writeFileSync(file, '{ not json');
    expect(readManifest(COMMAND_NAMES, file)).toBeUndefined();
  });

  it.runIf(built)('the built manifest says what the commands say', async () => {
    const manifest = readManifest(COMMAND_NAMES, path.join(root, 'dist/commands/manifest.json'));
    expect(manifest).toEqual((await loadCommands()).map(manifestEntry));
  });
});
