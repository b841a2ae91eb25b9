// Worker threads: --jobs is capped at the core count (validate --jobs 500 took 7.3 GB), and a
// worker that fails gives one line, not a stack trace from another thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli.js';
import { AUTO_START_ROWS, availableCores, cappedJobs, mapBatchesInParallel, WorkerError } from '../../src/parallel/pool.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/parallel/worker-host.js'));
const failingWorker = new URL('./fixtures/failing-worker.mjs', import.meta.url);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-hostile-workers-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cappedJobs', () => {
  it('lowers an explicit --jobs above the core count to it, with one warning', () => {
    const warnings: string[] = [];
    expect(cappedJobs(500, 2, (m) => warnings.push(m))).toBe(2);
    expect(warnings).toEqual(['--jobs 500 is more than the 2 cores of this machine: using 2']);
    expect(cappedJobs(3, 1, (m) => warnings.push(m))).toBe(1);
    expect(warnings[1]).toBe('--jobs 3 is more than the one core of this machine: using 1');
  });

  it('keeps --jobs up to the core count, and 0 (no workers), without a word', () => {
    const warnings: string[] = [];
    for (const [jobs, cores] of [[0, 2], [1, 2], [2, 2], [4, 8]]) expect(cappedJobs(jobs, cores, (m) => warnings.push(m))).toBe(jobs);
    expect(warnings).toEqual([]);
  });

  it('counts the cores this process may use', () => {
    expect(availableCores()).toBe(os.availableParallelism());
  });
});

describe.runIf(built)('validate --jobs above the core count', () => {
  it('warns once on stderr and validates as with one thread', () => {
    const input = path.join(dir, 'leads.csv');
    const lines = ['record_id,first_name,last_name,email,phone,postal_code,city,country'];
    for (let i = 0; i < 3000; i++) lines.push(`t:${i},Jürgen,Weiß,j.weiss${i}@example.de,030 1234${i},10115,Berlin,DE`);
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const run = (jobs: string) => spawnSync(bin, ['validate', input, '--jobs', jobs, '-q'], { encoding: 'utf8' });
    const many = run('500');
    const one = run('0');
    expect(many.status).toBe(0);
    const cores = os.availableParallelism();
    expect(many.stderr).toBe(`warning: --jobs 500 is more than the ${cores === 1 ? 'one core' : `${cores} cores`} of this machine: using ${cores}\n`);
    expect(many.stdout).toBe(one.stdout);
    expect(one.stderr).toBe('');
    expect(execFileSync(bin, ['validate', input, '--jobs', String(cores), '-q']).toString()).toBe(one.stdout);
  });
});

async function failure(cells: string[], workerData: unknown = {}): Promise<Error> {
  const source = (async function* () {
    for (const c of cells) yield [c];
  })();
  try {
    for await (const _ of mapBatchesInParallel(source, (b) => b.map((v) => [v]), (b, r) => r.map((x) => x[0]), (c) => c, { workerUrl: failingWorker, workerData, jobs: 2 })) {
      // consume
    }
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the workers to fail');
}

describe.runIf(built)('a failing worker thread', () => {
  const reported = (err: Error) => {
    const out: string[] = [];
    const code = reportError(err, { stderr: { write: (t: string) => out.push(t) } as never });
    return { code, text: out.join('') };
  };

  it('is one line on stderr without a stack trace, and no unhandled rejection for the batches in flight', async () => {
    const err = await failure(['a', 'b', 'boom', 'c', 'd', 'boom', 'e', 'f']);
    expect(err).toBeInstanceOf(WorkerError);
    expect(reported(err)).toEqual({
      code: 1,
      text: "leadkit: internal error: a worker thread failed: TypeError: Cannot read properties of undefined (reading 'postal_code') (set LEADKIT_DEBUG=1 for the stack trace to report it)\n",
    });
  });

  it('shows the stack trace inside the worker with LEADKIT_DEBUG', async () => {
    const err = await failure(['boom']);
    process.env.LEADKIT_DEBUG = '1';
    try {
      const { text } = reported(err);
      expect(text.split('\n')[0]).toBe("leadkit: internal error: a worker thread failed: TypeError: Cannot read properties of undefined (reading 'postal_code')");
      expect(text).toMatch(/in the worker thread:\nTypeError: .*\n\s+at .*failing-worker\.mjs/);
    } finally {
      delete process.env.LEADKIT_DEBUG;
    }
  });

  it('names a worker that failed to load or ended its thread', async () => {
    expect((await failure(['a'], { failOnLoad: true })).message).toBe('a worker thread failed: RangeError: the worker could not load its tables');
    expect((await failure(['a', 'exit', 'b'])).message).toBe('a worker thread failed: it stopped with exit code 3');
  });
});

describe.runIf(built)('workers without --jobs', () => {
  it(`start only once ${AUTO_START_ROWS.toLocaleString('en-US')} rows are read, and the rows keep their order`, async () => {
    // The fixture's workers upper-case a cell; this thread leaves it as it is: the case shows
    // which thread answered each row.
    const batches = AUTO_START_ROWS / 1000 + 20;
    const source = (async function* () {
      for (let b = 0; b < batches; b++) yield Array.from({ length: 1000 }, (_, i) => `r${b * 1000 + i}`);
    })();
    const out: string[] = [];
    for await (const batch of mapBatchesInParallel(source, (b) => b.map((v) => [v]), (_b, r) => r.map((x) => x[0]), (c) => c, { workerUrl: failingWorker, workerData: {} })) out.push(...batch);
    expect(out.length).toBe(batches * 1000);
    expect(out.map((v) => v.toLowerCase())).toEqual(out.map((_, i) => `r${i}`));
    const inThread = out.filter((v) => v.startsWith('r')).length;
    expect(inThread).toBe(availableCores() > 1 ? AUTO_START_ROWS : out.length);
  });
});
