/**
 * Outputs under hostile conditions: special files, permissions, directories, full disks, side
 * files when the reader of stdout stops early, and a cut-off upstream. The built binary is used
 * where a real pipe or process matters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeError } from '../../src/io/sink.js';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/leadkit');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-out-'));
const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.tmp-'));
const oneLine = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('leadkit:'));

/** A list large enough that a reader of its first line stops long before the end. */
function bigList(dir: string, n = 60_000): string {
  const f = path.join(dir, 'big.csv');
  let s = 'Vorname;Nachname;E-Mail;Telefon\n';
  for (let i = 0; i < n; i++) s += `Jörg${i};Müller${i};${i % 3 === 0 ? `kaputt${i}@` : `j${i}@mueller-holz.de`};030 ${1000000 + i}\n`;
  fs.writeFileSync(f, s);
  return f;
}

describe('special files are written in place, never renamed over', () => {
  it('/dev/null stays the device', async () => {
    const before = fs.statSync('/dev/null');
    const r = await runCli(['import', '-q', '-o', '/dev/null'], { stdin: 'a\n1\n' });
    expect(r.code).toBe(0);
    const after = fs.statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(temps('/dev')).toEqual([]);
  });
  it('-o a link to /proc/self/fd/1 (what /dev/stdout is) with stdout redirected to a file: the rows reach the file, the link stays (built binary)', () => {
    // A link of the test's own, so that a regression replaces it and not the machine's /dev/stdout.
    const dir = tmp();
    const link = path.join(dir, 'stdout');
    fs.symlinkSync('/proc/self/fd/1', link);
    const got = path.join(dir, 'so.csv');
    const r = spawnSync('sh', ['-c', `printf 'Vorname\\nJörg\\n' | "${bin}" import -q --no-display-case -o "${link}" > "${got}"`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(got, 'utf8')).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,first_name,import_status\nstdin:1,stdin,,,unknown,Jörg,\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
  it('-o onto a link to a file writes the file and keeps the link', async () => {
    const dir = tmp();
    const real = path.join(dir, 'real.csv');
    fs.writeFileSync(real, 'old\n');
    const link = path.join(dir, 'link.csv');
    fs.symlinkSync(real, link);
    expect((await runCli(['import', '-q', '-o', link], { stdin: 'a\n1\n' })).code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,a,import_status\nstdin:1,stdin,,,unknown,1,\n');
    expect(temps(dir)).toEqual([]);
  });
  it('a FIFO gets the rows and stays a FIFO', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const done = new Promise((r) => reader.on('exit', r));
    const r = await runCli(['import', '-q', '--no-display-case', '-o', fifo], { stdin: 'Vorname\nJörg\n' });
    await done;
    expect(r.code).toBe(0);
    expect(got).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,first_name,import_status\nstdin:1,stdin,,,unknown,Jörg,\n');
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
  it('/dev/full: disk full is one line naming the file, exit 1', async () => {
    const r = await runCli(['import', '-q', '-o', '/dev/full'], { stdin: 'a\n1\n' });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toEqual(['leadkit: /dev/full: cannot write: no space left on the device (ENOSPC); the previous file, if any, is unchanged']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('a disk that fills up mid-run (a 1 MB tmpfs, where mounting one is allowed): one line, the old file and no temp file', () => {
    const dir = tmp();
    const small = path.join(dir, 'small');
    fs.mkdirSync(small);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]).status !== 0) return; // not allowed here
    try {
      const big = bigList(dir);
      const out = path.join(small, 'out.csv');
      fs.writeFileSync(out, 'yesterday\n');
      const rejects = path.join(dir, 'rejects.csv');
      fs.writeFileSync(rejects, 'yesterday\n');
      const r = spawnSync('sh', ['-c', `"${bin}" import -q "${big}" | "${bin}" validate -q --checks email --reject-if invalid_email --rejects "${rejects}" -o "${out}"`], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`leadkit: ${out}: cannot write: no space left on the device (ENOSPC); the previous file, if any, is unchanged`);
      expect(fs.readFileSync(out, 'utf8')).toBe('yesterday\n');
      expect(fs.readFileSync(rejects, 'utf8')).toBe('yesterday\n');
      expect([...temps(small), ...temps(dir)]).toEqual([]);
    } finally {
      spawnSync('umount', [small]);
    }
  });
  it('write errors become one line with the file name', () => {
    const e = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(writeError(e, 'out/leads.csv').display).toBe('out/leads.csv: cannot write: no space left on the device (ENOSPC); the previous file, if any, is unchanged');
  });
});

describe('permissions and directories', () => {
  it('an output keeps the mode of the file it replaces', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.csv');
    fs.writeFileSync(out, 'old\n');
    fs.chmodSync(out, 0o600);
    expect((await runCli(['import', '-q', '-o', out], { stdin: 'a\n1\n' })).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    fs.chmodSync(out, 0o640);
    expect((await runCli(['import', '-q', '-o', out], { stdin: 'a\n1\n' })).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
  });
  it('a new output of an input not readable by everyone is 0600 (built binary, fresh process)', () => {
    const dir = tmp();
    const input = path.join(dir, 'private.csv');
    fs.writeFileSync(input, 'Vorname\nJörg\n');
    fs.chmodSync(input, 0o600);
    const out = path.join(dir, 'new.csv');
    const r = spawnSync(bin, ['import', '-q', input, '-o', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    fs.chmodSync(input, 0o644);
    const out2 = path.join(dir, 'new2.csv');
    expect(spawnSync(bin, ['import', '-q', input, '-o', out2], { encoding: 'utf8' }).status).toBe(0);
    expect(fs.statSync(out2).mode & 0o004).toBe(0o004 & ~process.umask());
  });
  it('export --split-by from an input not readable by everyone writes 0600 files (built binary)', () => {
    const dir = tmp();
    const input = path.join(dir, 'private.csv');
    fs.writeFileSync(input, 'Ort,a\nBerlin,1\nKöln,2\n');
    fs.chmodSync(input, 0o600);
    const out = path.join(dir, 'by-city');
    expect(spawnSync(bin, ['export', '-q', input, '--split-by', 'Ort', '--out-dir', out]).status).toBe(0);
    expect(fs.readdirSync(out).map((f) => fs.statSync(path.join(out, f)).mode & 0o777)).toEqual([0o600, 0o600]);
  });
  it('-o naming a directory is one line before any work, exit 1', async () => {
    const dir = tmp();
    const r = await runCli(['import', '-q', '-o', dir], { stdin: 'a\n1\n' });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toEqual([`leadkit: ${dir}: cannot write: is a directory (give a file name)`]);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });
});

describe('side files when the reader of stdout stops early', () => {
  it('validate --rejects … | head -1: exit 0 and the rejects file is complete and current', () => {
    const dir = tmp();
    const big = bigList(dir);
    const rejects = path.join(dir, 'r.csv');
    fs.writeFileSync(rejects, 'previous run\n');
    const r = spawnSync('bash', ['-c', `"${bin}" import -q "${big}" | "${bin}" validate -q --checks email --reject-if invalid_email --rejects "${rejects}" | head -1 >/dev/null; echo "exit=\${PIPESTATUS[1]}"`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/exit=0/);
    const lines = fs.readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/reject_reason$/);
    expect(lines).toHaveLength(1 + 20_000);
    expect(temps(dir)).toEqual([]);
  });
  it('dedupe --report … | head -1: the merge map has every record', () => {
    const dir = tmp();
    const big = bigList(dir, 20_000);
    const report = path.join(dir, 'm.csv');
    fs.writeFileSync(report, 'previous run\n');
    const r = spawnSync('sh', ['-c', `"${bin}" dedupe -q "${big}" --report "${report}" | head -1 >/dev/null`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(report, 'utf8').trim().split('\n')).toHaveLength(1 + 20_000);
    expect(temps(dir)).toEqual([]);
  });
  it('without side files, | head still ends the run at once with exit 0', () => {
    const dir = tmp();
    const big = bigList(dir);
    const r = spawnSync('sh', ['-c', `"${bin}" import -q "${big}" | head -1; echo "exit=$?"`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^record_id,/);
  });
});

describe('a truncated upstream does not replace a good output', () => {
  it('an upstream cut mid-row (head -c) exits 1 and leaves the output as it was', () => {
    const dir = tmp();
    const big = bigList(dir);
    const out = path.join(dir, 't.csv');
    fs.writeFileSync(out, 'good output\n');
    const r = spawnSync('sh', ['-c', `"${bin}" import -q "${big}" | head -c 300000 | "${bin}" validate -q --checks email -o "${out}"`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)[0]).toMatch(/^leadkit: <stdin>:\d+: the input ended without a final line break: the command writing it probably failed/);
    expect(fs.readFileSync(out, 'utf8')).toBe('good output\n');
    expect(temps(dir)).toEqual([]);
  });
  it('an upstream leadkit killed with SIGKILL mid-stream: the next stage fails, the output stays', () => {
    const dir = tmp();
    const big = bigList(dir, 300_000);
    const out = path.join(dir, 't.csv');
    // Wait until the import has written its first rows, then kill it.
    fs.writeFileSync(out, 'good output\n');
    // The writer is killed while it writes; a cut inside the last field of a row would end on
    // a complete-looking row, so the check is that the output is not replaced by fewer rows.
    const r = spawnSync('sh', ['-c', `("${bin}" import -q "${big}" & p=$!; sleep 1.5; kill -9 $p) | "${bin}" validate -q --checks email -o "${out}"; echo "exit=$?"`], { encoding: 'utf8' });
    const replaced = fs.readFileSync(out, 'utf8');
    if (replaced !== 'good output\n') {
      // The import finished before the kill: then the output must be whole.
      expect(replaced.trim().split('\n')).toHaveLength(300_001);
    } else {
      expect(r.stdout).toMatch(/exit=1/);
      expect(r.stderr).toMatch(/the input (ended without a final line break|ended inside a quoted field|is empty)/);
    }
    expect(temps(dir)).toEqual([]);
  });
});
