/**
 * Golden CLI cases: fixtures/golden/<case>/cmd holds the arguments (one shell-like line,
 * paths relative to the project root), optional `stdin` a file to pipe in; expout, experr
 * and exit hold what the CLI must produce. Regenerate after a deliberate change with
 * `npm run golden:update` and review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'fixtures/golden');
const update = process.env.UPDATE_GOLDEN === '1';

function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const cases = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'cmd'))).sort() : [];

describe('golden CLI cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(5));
  for (const name of cases) {
    it(name, async () => {
      const c = path.join(dir, name);
      const args = splitArgs(fs.readFileSync(path.join(c, 'cmd'), 'utf8').trim());
      const stdinPath = path.join(c, 'stdin');
      const stdinRef = fs.existsSync(stdinPath) ? fs.readFileSync(stdinPath, 'utf8').trim() : undefined;
      const cwd = process.cwd();
      process.chdir(root);
      let r;
      try {
        r = await runCli(args, stdinRef ? { stdinFile: path.join(root, stdinRef) } : {});
      } finally {
        process.chdir(cwd);
      }
      const files = { expout: r.stdout, experr: r.stderr, exit: `${r.code}\n` };
      for (const [f, actual] of Object.entries(files)) {
        const p = path.join(c, f);
        if (update) fs.writeFileSync(p, actual);
        else expect(actual, `${name}/${f}`).toBe(fs.readFileSync(p, 'utf8'));
      }
    });
  }
});
