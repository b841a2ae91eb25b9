// bin/leadkit is a small sh launcher that starts Node on itself with V8 flags (see the file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileRowReader } from '../src/io/row-shape.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));

describe('bin/leadkit', () => {
  it.runIf(built)('runs as an executable, under sh, and under node directly', () => {
    for (const [cmd, args] of [
      [bin, ['--version']],
      ['sh', [bin, '--version']],
      [process.execPath, [bin, '--version']],
    ] as const) {
      expect(execFileSync(cmd, [...args]).toString().trim()).toBe('0.1.0');
    }
  });

  it.runIf(built && process.platform === 'linux')('starts Node with the young-generation flag, and Node keeps its stdin', async () => {
    const child = spawn(bin, ['import', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // The same process: sh execs Node, so its command line is Node's.
    let cmdline = '';
    for (let i = 0; i < 50 && !cmdline.includes('node'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').join(' ');
    }
    child.stdin.end('Vorname;Nachname\nJürgen;Weiß\n');
    const code = await new Promise((r) => child.on('exit', r));
    expect(cmdline).toMatch(/node --max-semi-space-size=32 \S*bin\/leadkit import -q/);
    expect(code).toBe(0);
    expect(out).toContain('Jürgen,Weiß');
  });

  it.runIf(built)('a run that stops with its result still awaited fails with exit 1, not 0', () => {
    // The launcher as it is, starting a main() whose promise nothing settles (as a forgotten
    // worker message would leave it) and nothing else keeps the process alive.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-launcher-'));
    try {
      fs.writeFileSync(path.join(dir, 'cli.js'), 'export const main = () => new Promise(() => {});\n');
      const sink = JSON.stringify(path.join(root, 'dist/io/sink.js'));
      const text = fs.readFileSync(bin, 'utf8').replace("'../dist/cli.js'", JSON.stringify(path.join(dir, 'cli.js'))).replace("'../dist/io/sink.js'", sink);
      expect(text).toContain(path.join(dir, 'cli.js'));
      const stalled = path.join(dir, 'leadkit.mjs');
      fs.writeFileSync(stalled, text);
      let status = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, [stalled, 'import'], { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        status = e.status;
        stderr = e.stderr.toString();
      }
      expect(status).toBe(1);
      expect(stderr).toMatch(/^leadkit: internal error: the run stopped before it finished/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bin/leadkit and a state lock', () => {
  /** The launcher as it is, starting `main` from the given module text instead of the CLI. */
  function launcherWith(dir: string, cli: string): string {
    fs.writeFileSync(path.join(dir, 'cli.js'), cli);
    const sink = JSON.stringify(path.join(root, 'dist/io/sink.js'));
    const text = fs.readFileSync(bin, 'utf8').replace("'../dist/cli.js'", JSON.stringify(path.join(dir, 'cli.js'))).replace("'../dist/io/sink.js'", sink);
    const file = path.join(dir, 'leadkit.mjs');
    fs.writeFileSync(file, text);
    return file;
  }

  it.runIf(built)('removes a lock it holds when an exception nobody catches ends the run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-launcher-'));
    try {
      const lock = path.join(dir, '.leadkit-lock');
      const lockFile = JSON.stringify(path.join(root, 'dist/io/lock-file.js'));
      // A run that holds the lock and then dies of an error thrown outside its promise chain.
      const cli = `import { acquireLock } from ${lockFile};\nexport const main = () => new Promise(() => { acquireLock(${JSON.stringify(lock)}, 'the state', 'test'); setTimeout(() => { throw new Error('boom'); }, 10); });\n`;
      const file = launcherWith(dir, cli);
      let status = 0;
      try {
        execFileSync(process.execPath, [file, 'run'], { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        status = (err as { status: number }).status;
      }
      expect(status).toBe(1);
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compileRowReader', () => {
  it('reads strings as they are and never a value inherited from Object.prototype', () => {
    const read = compileRowReader(['toString', '__proto__', 'n', 'name']);
    const out = ['', '', '', ''];
    read({ name: 'Müller' } as Record<string, string>, out);
    expect(out).toEqual(['', '', '', 'Müller']);
    read({ toString: 'x', n: 5 as unknown as string, name: '' } as Record<string, string>, out);
    expect(out).toEqual(['x', '', '5', '']);
  });
});
