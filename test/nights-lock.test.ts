/**
 * One run at a time on a state directory: a second `leadkit run --state DIR` beside a running one
 * stops at once (exit 1, E_LOCKED, naming the holder) and changes nothing; a lock left by a killed
 * run on this host is taken over with a warning; the lock goes whichever way a run ends, also on
 * SIGTERM. And a second run of the same night says that it compares with the first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { acquireLock } from '../src/io/lock-file.js';

const root = path.resolve(import.meta.dirname, '..');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));
const LOCK = '.leadkit-lock';

const LIST = [
  'Vorname;Nachname;Firma;E-Mail;Telefon;PLZ;Ort;Land',
  'Thomas;Müller;Müller Holzbau GmbH;t.mueller@mueller-holzbau.de;+49 89 1234567;80331;München;DE',
  'Ursula;Weiß;Weiß Elektro AG;u.weiss@weiss-elektro.ch;+41 44 2345678;8001;Zürich;CH',
  'Stefan;Huber;Huber Bau GmbH;s.huber@huber-bau.at;+43 1 5123456;1010;Wien;AT',
  'Jennifer;Miller;Acme Corp;jmiller@acme.com;(310) 246-1501;90210;Beverly Hills;US',
].join('\r\n');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-lock-'));
  fs.writeFileSync(path.join(dir, 'leads.csv'), `${LIST}\r\n`);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function pipeline(input = 'leads.csv', dedupe = '{}'): string {
  const file = path.join(dir, 'night.yml');
  fs.writeFileSync(
    file,
    [`name: lock test`, `inputs: [${input}]`, 'steps:', '  - validate: {}', `  - dedupe: ${dedupe}`, 'outputs:', '  - export: { output: out.csv, only: [new, changed] }', 'state: state', ''].join('\n'),
  );
  return file;
}

const night = (file: string, day: string, ...more: string[]) => runCli(['run', file, '--as-of', day, ...more]);
const stateFiles = () => fs.readdirSync(path.join(dir, 'state')).sort();
const metaText = () => fs.readFileSync(path.join(dir, 'state', 'meta.json'), 'utf8');

/** A lock as a run would leave it. */
function writeLock(holder: { pid: number; host: string }) {
  fs.writeFileSync(path.join(dir, 'state', LOCK), `${JSON.stringify({ ...holder, since: '2026-11-22T02:00:03.000Z', what: 'leadkit run nightly.yml' })}\n`);
}

describe('the state lock', () => {
  it('is gone after a good night, a tripped night and a failed one; a failed first night leaves no directory', async () => {
    const file = pipeline();
    const first = await night(file, '2026-11-21');
    expect(first.code, first.stderr).toBe(0);
    expect(stateFiles()).not.toContain(LOCK);
    const tripped = await night(file, '2026-11-22', '--fail-if', 'rows>1');
    expect(tripped.code).toBe(3);
    expect(stateFiles()).not.toContain(LOCK);
    fs.rmSync(path.join(dir, 'state'), { recursive: true });
    // It fails once the rows are read: dedupe cannot read its decisions.
    const bad = await night(pipeline('leads.csv', '{ decisions: no-such-decisions.csv }'), '2026-11-22');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no-such-decisions.csv');
    expect(fs.existsSync(path.join(dir, 'state'))).toBe(false);
  });

  it('stops a second run beside a running one, naming the holder, and changes nothing', async () => {
    const file = pipeline();
    expect((await night(file, '2026-11-21')).code).toBe(0);
    const before = metaText();
    // A process that runs for the test's length stands for the run holding the lock.
    const holder = spawn('sleep', ['30']);
    try {
      writeLock({ pid: holder.pid!, host: os.hostname() });
      const second = await night(file, '2026-11-22');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${path.join('state', LOCK)}: the state is in use by another run: pid ${holder.pid} on ${os.hostname()} since 2026-11-22T02:00:03.000Z (leadkit run nightly.yml)`);
      expect(metaText()).toBe(before);
      // The other run's lock stays where it is.
      expect(stateFiles()).toContain(LOCK);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'state', LOCK), 'utf8')).pid).toBe(holder.pid);
    } finally {
      holder.kill();
    }
  });

  it("refuses another machine's lock, whose process it cannot see", async () => {
    const file = pipeline();
    expect((await night(file, '2026-11-21')).code).toBe(0);
    writeLock({ pid: 1, host: `${os.hostname()}-other` });
    const second = await night(file, '2026-11-22');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`pid 1 on ${os.hostname()}-other`);
    expect(second.stderr).toContain('remove the lock file');
  });

  it('takes over the lock of a killed run on this host, and says so', async () => {
    const file = pipeline();
    expect((await night(file, '2026-11-21')).code).toBe(0);
    // A process that has ended: its pid is free.
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    writeLock({ pid: gone.pid!, host: os.hostname() });
    const next = await night(file, '2026-11-22');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`took over the lock of a run that no longer runs (pid ${gone.pid} on ${os.hostname()}`);
    expect(stateFiles()).not.toContain(LOCK);
    expect(JSON.parse(metaText()).night).toBe('2026-11-22');
  });

  it('says when a run compares with an earlier run of the same night', async () => {
    const file = pipeline();
    expect((await night(file, '2026-11-21')).code).toBe(0);
    const once = await night(file, '2026-11-22');
    expect(once.stderr).not.toContain('its last night is this run');
    const again = await night(file, '2026-11-22');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/state \S*state: its last night is this run's date \(2026-11-22, written \d{4}-\d\d-\d\dT[\d:.]+Z\): this run compares with that one/);
  });

  it.runIf(built && process.platform === 'linux')('is removed when the run is stopped with SIGTERM', async () => {
    // The run reads its list from a FIFO that nobody writes yet: it holds the lock and waits.
    const fifo = path.join(dir, 'slow.csv');
    execFileSync('mkfifo', [fifo]);
    const file = pipeline('slow.csv');
    const child = spawn(path.join(root, 'bin/leadkit'), ['run', file, '--as-of', '2026-11-22'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const lock = path.join(dir, 'state', LOCK);
    for (let i = 0; i < 100 && !fs.existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(lock), err).toBe(true);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).pid).toBe(child.pid);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('acquireLock', () => {
  const lockAt = () => path.join(dir, 'the.lock');
  const holderFile = (file: string, pid: number, host = os.hostname()) => fs.writeFileSync(file, `${JSON.stringify({ pid, host, since: '2026-11-22T02:00:03.000Z', what: 'leadkit run nightly.yml' })}\n`);
  const endedPid = async () => {
    const p = spawn('true');
    await new Promise((r) => p.on('exit', r));
    return p.pid!;
  };

  it('takes its own lock and lets it go; a second take while held is refused', () => {
    const lock = acquireLock(lockAt(), 'the thing', 'test');
    expect(JSON.parse(fs.readFileSync(lockAt(), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname(), what: 'test' });
    expect(lock.tookOverFrom).toBeUndefined();
    lock.release();
    expect(fs.existsSync(lockAt())).toBe(false);
    // Released twice: nothing happens, and a lock someone else made meanwhile stays.
    holderFile(lockAt(), 1, 'elsewhere');
    lock.release();
    expect(fs.existsSync(lockAt())).toBe(true);
    expect(() => acquireLock(lockAt(), 'the thing', 'test')).toThrow(/the thing is in use by another run: pid 1 on elsewhere/);
  });

  it("takes over a lock of this host's that carries its own pid (a container's pid, reused)", () => {
    holderFile(lockAt(), process.pid);
    const lock = acquireLock(lockAt(), 'the thing', 'test');
    expect(lock.tookOverFrom?.pid).toBe(process.pid);
    lock.release();
  });

  it('does not take over a dead lock while another run is taking it over, and does once that run is gone', async () => {
    const dead = await endedPid();
    holderFile(lockAt(), dead);
    const other = spawn('sleep', ['30']);
    try {
      holderFile(`${lockAt()}.takeover`, other.pid!);
      expect(() => acquireLock(lockAt(), 'the thing', 'test')).toThrow(/in use by another run/);
      expect(JSON.parse(fs.readFileSync(lockAt(), 'utf8')).pid).toBe(dead);
    } finally {
      other.kill();
    }
    // The run taking over was killed in the middle of it: its guard is stale too.
    holderFile(`${lockAt()}.takeover`, await endedPid());
    const lock = acquireLock(lockAt(), 'the thing', 'test');
    expect(lock.tookOverFrom?.pid).toBe(dead);
    expect(fs.existsSync(`${lockAt()}.takeover`)).toBe(false);
    lock.release();
    expect(fs.readdirSync(dir).filter((n) => n.includes('lock'))).toEqual([]);
  });
});
