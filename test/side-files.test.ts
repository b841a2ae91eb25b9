import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-side-'));
const leads = 'record_id,first_name,last_name,email,phone\nv:1,Jörg,Müller,joerg@mueller-holz.de,030 1234567\nv:2,Eva,Groß,,\nv:3,Jörg,Müller,joerg@mueller-holz.de,030 1234567\n';

describe('side files never share a name with the rows', () => {
  it('validate --rejects and -o naming one file is a usage error, and the earlier file survives', async () => {
    const dir = tmp();
    const out = path.join(dir, 'x.csv');
    fs.writeFileSync(out, 'yesterday\n');
    const r = await runCli(['validate', '--reject-if', 'no_contact', '--rejects', out, '-o', path.join(dir, '.', 'x.csv')], { stdin: leads });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`leadkit: --rejects and -o name the same file (${out}): give the side file a name of its own`);
    expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
  });
  it.each([
    [['validate', '--reject-if', 'no_contact', '--rejects', '-'], '--rejects'],
    [['dedupe', '--report', '-'], '--report'],
    [['suppress', '--suppressed', '-'], '--suppressed'],
  ])('%j: a side file on standard output would mix with the rows', async (args, flag) => {
    const r = await runCli(args, { stdin: leads });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`leadkit: ${flag} needs a file name: standard output carries the rows`);
    expect(r.stdout).toBe('');
  });
  it('dedupe --report with the -o name is refused too', async () => {
    const out = path.join(tmp(), 'd.csv');
    const r = await runCli(['dedupe', '--report', out, '-o', out], { stdin: leads });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report and -o name the same file/);
  });
  it('a pipeline that writes one file twice stops before any work, naming both places', async () => {
    const dir = tmp();
    const file = path.join(dir, 'p.yml');
    fs.writeFileSync(path.join(dir, 'leads.csv'), leads);
    fs.writeFileSync(
      file,
      ['inputs: [leads.csv]', 'steps:', '  - validate: { reject-if: no_contact, rejects: out/leads.csv }', 'outputs:', '  - export: { output: out/leads.csv }', ''].join('\n'),
    );
    const r = await runCli(['run', file, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`leadkit: ${file}: ${path.join(dir, 'out/leads.csv')} is written by validate rejects (line 3) and by export output (line 5): give each its own file`);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
