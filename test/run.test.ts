import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parsePipeline } from '../src/pipeline/spec.js';
import { bindOptions } from '../src/pipeline/bind-options.js';
import { teeBatches } from '../src/pipeline/tee.js';
import { exportCommand } from '../src/commands/export.js';

const root = path.resolve(import.meta.dirname, '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-run-'));

function writePipeline(dir: string, body: string): string {
  const f = path.join(dir, 'pipeline.yml');
  fs.writeFileSync(f, body);
  return f;
}

describe('leadkit run', () => {
  it('gives the same rows as the same steps chained with pipes', async () => {
    const dir = tmp();
    const vendor = path.join(root, 'fixtures/vendor-de.csv');
    const crm = path.join(root, 'fixtures/crm-export.csv');
    const f = writePipeline(
      dir,
      `inputs: [${vendor}, ${crm}]\nimport: { map: ['Lead ID=customer_number'] }\noutputs:\n  - export: { sort: 'company:desc,last_name', columns: '!notes' }\n`,
    );
    const piped1 = await runCli(['import', vendor, crm, '--map', 'Lead ID=customer_number', '-q']);
    const piped2 = await runCli(['export', '--sort', 'company:desc,last_name', '--columns', '!notes', '-q'], { stdin: piped1.stdout });
    const run = await runCli(['run', f, '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(piped2.stdout);
    expect(run.stdout.split('\n').length).toBeGreaterThan(25);
  });

  it('writes several outputs from one pass, paths relative to the pipeline file', async () => {
    const dir = tmp();
    fs.copyFileSync(path.join(root, 'fixtures/ragged.csv'), path.join(dir, 'in.csv'));
    const f = writePipeline(dir, 'inputs: ["*.csv"]\noutputs:\n  - export: { output: out.csv }\n  - export: { output: out.jsonl }\n  - profile: { output: profile.txt, json: true }\n');
    const r = await runCli(['run', f, '-q']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').split('\n')[1]).toBe('in:1,in,Eva,Lang,eva.lang@lang-gmbh.de,01067,,');
    expect(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'profile.txt'), 'utf8')).rows).toBe(4);
  });

  it('leaves the previous run\'s files in place when the run fails', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'good.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'a,b\n1,"never closed\n');
    fs.writeFileSync(path.join(dir, 'out.csv'), 'previous\n');
    const f = writePipeline(dir, 'inputs: [good.csv, bad.csv]\noutputs:\n  - export: { output: out.csv }\n  - export: { output: new.csv }\n');
    const r = await runCli(['run', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:2: quoted field is never closed/);
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('previous\n');
    expect(fs.existsSync(path.join(dir, 'new.csv'))).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('names the pipeline file and line for mistakes in it (exit 2)', async () => {
    const dir = tmp();
    const f = writePipeline(dir, 'inputs: [x.csv]\noutputs:\n  - export:\n      output: a.csv\n      sortt: score\n');
    fs.writeFileSync(path.join(dir, 'x.csv'), 'a\n1\n');
    const r = await runCli(['run', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:5: export: unknown option "sortt"`);
    const g = writePipeline(dir, 'inputs: [x.csv]\nstepz: []\n');
    expect((await runCli(['run', g])).stderr).toContain(`${g}:2: unknown key "stepz"`);
  });

  it('--log-format json writes one JSON object per stderr line', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'x.csv'), 'Vorname\nEva\n');
    const f = writePipeline(dir, 'inputs: [x.csv]\noutputs:\n  - export: { output: o.csv }\n');
    const r = await runCli(['run', f, '--log-format', 'json']);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.level && l.message && l.time)).toBe(true);
  });

  it('runs the bundled demo', async () => {
    const cwd = process.cwd();
    const dir = tmp();
    process.chdir(dir);
    try {
      const r = await runCli(['run', '--demo', '-q']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(fs.existsSync(path.join(root, 'out/leads.xlsx'))).toBe(true);
  });
});

describe('pipeline pieces', () => {
  it('binds step options like the command line (defaults, switches, negation, repeatable)', () => {
    const r = bindOptions(exportCommand.options, { 'split-by': 'owner', 'formula-guard': false, top: 10 });
    expect(r).toEqual({ ok: true, opts: { formulaGuard: false, splitBy: 'owner', top: '10' } });
    const bad = bindOptions(exportCommand.options, { format: 'pdf' });
    expect(bad.ok).toBe(false);
  });
  it('parses as_of and rejects a malformed one', () => {
    expect(parsePipeline('as_of: 2026-11-22\ninputs: [a.csv]\n', 'p.yml').asOf).toBe('2026-11-22');
    expect(() => parsePipeline('as_of: yesterday\ninputs: [a.csv]\n', 'p.yml')).toThrow(/p\.yml:1: as_of must be a date/);
  });
  it('tees a stream to consumers that each see every batch in order', async () => {
    async function* src() {
      for (let i = 0; i < 5; i++) yield i;
    }
    const [a, b] = teeBatches(src(), 2);
    const read = async (it: AsyncIterable<number>) => {
      const out: number[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    expect(await Promise.all([read(a), read(b)])).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
  });
});
