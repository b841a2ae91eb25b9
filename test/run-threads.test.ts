// Worker threads in a pipeline: a step's jobs: reaches the pool, and the workers write what one
// thread writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { mapBatchesInParallel } from '../src/parallel/pool.js';

// The pool as it is, watched: which jobs a stage asks it for.
vi.mock('../src/parallel/pool.js', async (original) => {
  const m = await original<typeof import('../src/parallel/pool.js')>();
  return { ...m, mapBatchesInParallel: vi.fn(m.mapBatchesInParallel) };
});

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/validate/worker.js'));

let dir: string;
let input: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-run-threads-'));
  input = path.join(dir, 'leads.csv');
  const lines = ['record_id,first_name,last_name,email,phone,postal_code,city,country'];
  // Austrian mobiles, German landlines and US numbers, some rows with a mistyped domain.
  for (let i = 0; i < 3000; i++) {
    const n = String(i).padStart(4, '0');
    if (i % 3 === 0) lines.push(`t:${i},Jürgen,Weiß,j.weiss${i}@example.at,0664 12${n},1010,Wien,AT`);
    else if (i % 3 === 1) lines.push(`t:${i},Käthe,Größ,k.groess${i}@gmial.com,030 123${n},10115,Berlin,DE`);
    else lines.push(`t:${i},Ann,Lee,ann.lee${i}@example.com,(212) 736-${n},10001,New York,US`);
  }
  fs.writeFileSync(input, lines.join('\n') + '\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pipeline(name: string, validate: string): string {
  const f = path.join(dir, `${name}.yml`);
  fs.writeFileSync(f, `inputs: [${input}]\nsteps:\n  - validate: { ${validate} }\noutputs:\n  - export: { output: ${name}.csv }\n`);
  return f;
}

describe('worker threads in a pipeline', () => {
  it("a step's jobs: reaches the pool; without it the pool decides by the input's size", async () => {
    const pool = vi.mocked(mapBatchesInParallel);
    pool.mockClear();
    expect((await runCli(['run', pipeline('auto', ''), '-q'])).code).toBe(0);
    expect(pool).toHaveBeenCalledTimes(1);
    expect(pool.mock.calls[0][4].jobs).toBeUndefined();
    pool.mockClear();
    expect((await runCli(['run', pipeline('none', 'jobs: 0'), '-q'])).code).toBe(0);
    expect(pool.mock.calls[0][4].jobs).toBe(0);
    pool.mockClear();
    expect((await runCli(['run', pipeline('two', 'jobs: 2'), '-q'])).code).toBe(0);
    expect(pool.mock.calls[0][4].jobs).toBe(2);
  });

  it.runIf(built)('validate: { jobs: 2 } writes what one thread writes (built CLI)', () => {
    const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
    execFileSync(bin, ['run', pipeline('built-one', 'jobs: 0'), '-q'], quiet);
    execFileSync(bin, ['run', pipeline('built-two', 'jobs: 2'), '-q'], quiet);
    const a = fs.readFileSync(path.join(dir, 'built-one.csv'), 'utf8');
    expect(fs.readFileSync(path.join(dir, 'built-two.csv'), 'utf8')).toBe(a);
    expect(a).toContain('+436641200');
    expect(a).toContain('+12127360002');
    expect(a).toContain('gmail.com');
  });
});
