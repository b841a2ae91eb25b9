/**
 * A truncated upstream (issue #12): a leadkit killed while it writes to a pipe must leave
 * something the next stage refuses, never a shorter list that looks complete. The writer holds
 * back the line break that ends each write until the next write or a clean end (src/io/sink.ts);
 * the reader refuses a piped input of 64 KiB or more without a final line break (src/io/read.ts).
 * The built binary is used where a real pipe or process matters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CUT_EVIDENCE_BYTES, stdoutSink, type TextSink } from '../../src/io/sink.js';
import { CsvRowWriter } from '../../src/io/table-write.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/leadkit');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-cut-'));
const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.tmp-'));
const oneLine = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('leadkit:'));

/** A deterministic pseudo-random source, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * A stand-in for standard output that records what a descriptor would see: one entry per write
 * call, a writev (the stream's corked or queued chunks) as one entry. A process killed between
 * two calls leaves the entries before it. Calls complete a turn later, as a pipe's do, so
 * chunks queue up.
 */
class Descriptor extends Writable {
  readonly calls: Buffer[] = [];
  constructor(tty = false) {
    super({ highWaterMark: 16 * 1024 });
    if (tty) (this as unknown as { isTTY: boolean }).isTTY = true;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (chunk.length) this.calls.push(Buffer.from(chunk));
    setImmediate(cb);
  }
  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    const b = Buffer.concat(chunks.map((c) => c.chunk));
    if (b.length) this.calls.push(b);
    setImmediate(cb);
  }
  get bytes(): Buffer {
    return Buffer.concat(this.calls);
  }
}

/** What a reader sees if the writer dies after each write call: nothing, or a cut it can tell. */
function expectEveryCutDetectable(d: Descriptor): void {
  let size = 0;
  for (const c of d.calls) {
    size += c.length;
    const last = c[c.length - 1];
    expect(last === 0x0a || last === 0x0d, `a write call ends on a line break at byte ${size}`).toBe(false);
    expect(size, 'a first write shorter than the reader takes as a cut').toBeGreaterThanOrEqual(CUT_EVIDENCE_BYTES);
  }
}

/** Rows of varied lengths: quoted line breaks, quotes, umlauts, the odd wide note. */
function rows(n: number, seed: number): Record<string, string>[] {
  const rnd = rng(seed);
  const notes = ['', 'ok', 'Rückruf "dringend"', 'Zeile 1\nZeile 2', 'a,b', 'x'.repeat(3000), 'Søren\r\nZoë'];
  return Array.from({ length: n }, (_, i) => ({
    name: `Jörg${i}`,
    email: `j${i}@mueller-holz.de`,
    notes: notes[Math.floor(rnd() * notes.length)],
    phone: rnd() < 0.5 ? `+49 30 ${1000000 + i}` : '',
  }));
}

async function writeCsv(d: Descriptor, data: Record<string, string>[], batch: number, commit: boolean): Promise<TextSink> {
  const sink = stdoutSink(d);
  const w = new CsvRowWriter(sink, ['name', 'email', 'notes', 'phone'], ',', false);
  await w.start();
  for (let i = 0; i < data.length; i += batch) await w.writeBatch(data.slice(i, i + batch));
  if (commit) await w.commit();
  return sink;
}

describe('stdout holds back the line break ending each write', () => {
  it('CSV rows in batches: at a clean end the bytes are exactly those of an unheld write; no cut between writes ends on a line break', async () => {
    for (const [n, batch, seed] of [
      [20_000, 500, 1],
      [5_000, 1, 2],
      [3_000, 3_000, 3],
    ] as const) {
      const data = rows(n, seed);
      const held = new Descriptor();
      const plain = new Descriptor(true); // a terminal: nothing held back
      await writeCsv(held, data, batch, true);
      await writeCsv(plain, data, batch, true);
      expect(held.bytes.equals(plain.bytes)).toBe(true);
      expect(held.bytes[held.bytes.length - 1]).toBe(0x0a);
      // Every call but the clean end's final line break could have been the last.
      const beforeEnd = new Descriptor();
      await writeCsv(beforeEnd, data, batch, false);
      expectEveryCutDetectable(beforeEnd);
      expect(beforeEnd.calls.length).toBeGreaterThan(1);
    }
  });

  it('text and bytes of every shape (\\n, \\r\\n, a lone \\r, only line breaks, none): same bytes at the end, no cut on a line break', async () => {
    const rnd = rng(7);
    const pieces = ['a,b\n', 'c,d\r\n', 'mitten in', ' der Zeile\n', '\n', '\r\n\r\n', 'x\r', 'ü'.repeat(5000) + '\n', 'y'.repeat(40_000), ''];
    for (let t = 0; t < 30; t++) {
      const ops: { bytes: boolean; text: string }[] = [];
      for (let i = 0, total = 0; total < 400_000; i++) {
        const text = pieces[Math.floor(rnd() * pieces.length)].repeat(1 + Math.floor(rnd() * 20));
        ops.push({ bytes: rnd() < 0.5, text });
        total += text.length;
      }
      const expected = Buffer.from(ops.map((o) => o.text).join(''));
      const run = async (commit: boolean) => {
        const d = new Descriptor();
        const sink = stdoutSink(d);
        for (const o of ops) await (o.bytes ? sink.writeBytes(Buffer.from(o.text)) : sink.write(o.text));
        if (commit) await sink.commit();
        return d;
      };
      const done = await run(true);
      expect(done.bytes.equals(expected)).toBe(true);
      expectEveryCutDetectable(await run(false));
    }
  });

  it('a short output is written whole at the clean end, its final line break last', async () => {
    const d = new Descriptor();
    const sink = stdoutSink(d);
    await sink.write('record_id,email\n');
    await sink.write('a:1,a@x.de\n');
    expect(d.bytes.length).toBe(0);
    await sink.prepare();
    expect(d.bytes.toString()).toBe('record_id,email\na:1,a@x.de');
    await sink.commit();
    expect(d.bytes.toString()).toBe('record_id,email\na:1,a@x.de\n');
  });

  it('a failing command (abort) writes nothing held back: the output ends without a line break, or is empty', async () => {
    const big = new Descriptor();
    const sink = await writeCsv(big, rows(20_000, 4), 700, false);
    await sink.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(big.bytes.length).toBeGreaterThanOrEqual(CUT_EVIDENCE_BYTES);
    expect([0x0a, 0x0d]).not.toContain(big.bytes[big.bytes.length - 1]);
    expectEveryCutDetectable(big);

    const small = new Descriptor();
    const s2 = await writeCsv(small, rows(50, 5), 10, false);
    await s2.abort();
    await new Promise((r) => setTimeout(r, 20));
    expect(small.bytes.length).toBe(0);
  });

  it('two sinks on one stdout keep their order (the first one\'s held line break goes before the second one\'s bytes)', async () => {
    const d = new Descriptor();
    const a = stdoutSink(d);
    const b = stdoutSink(d);
    const big = 'z'.repeat(70_000) + '\n';
    await a.write(big);
    await a.prepare();
    await b.write('second\n');
    await a.commit();
    await b.commit();
    expect(d.bytes.toString()).toBe(`${big}second\n`);
  });
});

/** A canonical list of about `n` × 60 bytes, as a string. */
function list(n: number): string {
  let s = 'Vorname;Nachname;E-Mail;Telefon\n';
  for (let i = 0; i < n; i++) s += `Jörg${i};Müller${i};${i % 3 === 0 ? `kaputt${i}@` : `j${i}@mueller-holz.de`};030 ${1000000 + i}\n`;
  return s;
}

describe('a piped input without a final line break (built binary)', () => {
  it('64 KiB or more: exit 1, one E_TRUNCATED line naming <stdin> and the line, the output untouched', () => {
    const dir = tmp();
    const out = path.join(dir, 't.csv');
    fs.writeFileSync(out, 'good output\n');
    const text = list(3000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(CUT_EVIDENCE_BYTES);
    const cut = text.slice(0, text.lastIndexOf('\n')); // the last row whole, only its line break gone
    const lines = cut.split('\n').length;
    const r = spawnSync(bin, ['validate', '-q', '--checks', 'email', '-o', out], { input: cut, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^leadkit: <stdin>:${lines}: the input ended without a final line break: the command writing it probably failed`))]);
    expect(fs.readFileSync(out, 'utf8')).toBe('good output\n');
    expect(temps(dir)).toEqual([]);
  });

  it('cut inside a character (the first byte of "ö"): the same E_TRUNCATED line', () => {
    const text = list(3000);
    const at = text.lastIndexOf('ö');
    const bytes = Buffer.from(text.slice(0, at + 1));
    const r = spawnSync(bin, ['import', '-q'], { input: bytes.subarray(0, bytes.length - 1), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toEqual([expect.stringMatching(/^leadkit: <stdin>:\d+: the input ended without a final line break/)]);
  });

  it('a short one (typed, printf) is read as it is: exit 0, every row', () => {
    const r = spawnSync(bin, ['import', '-q'], { input: 'a,b\n1,2', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,a,b,import_status\nstdin:1,stdin,,,unknown,1,2,\n');
    const dir = tmp();
    const out = path.join(dir, 't.csv');
    const v = spawnSync(bin, ['validate', '-q', '--checks', 'email', '-o', out], { input: 'email,first_name\na@x.de,Anna\nb@x.de,Bernd', encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('a regular file without a final line break is read as it is, however long', () => {
    const dir = tmp();
    const f = path.join(dir, 'l.csv');
    const text = list(3000);
    fs.writeFileSync(f, text.slice(0, -1));
    const r = spawnSync(bin, ['import', '-q', f], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3001);
  });
});

/** Run a shell command; its output (the script echoes its exit codes). */
function sh(script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, stderr }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU ticks of all a process's threads, and whether any of them is running (Linux /proc). */
function cpuOf(pid: number): { ticks: number; running: boolean } {
  let ticks = 0;
  let running = false;
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
    } catch {
      continue; // a thread that just ended
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'R') running = true;
    ticks += Number(f[11]) + Number(f[12]);
  }
  return { ticks, running };
}

/** Wait until the processes have sat idle (no thread running, no CPU used) for a while. */
async function quiescent(pids: number[], timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  let last = -1;
  let still = 0;
  while (Date.now() < end) {
    const now = pids.map(cpuOf);
    const ticks = now.reduce((a, c) => a + c.ticks, 0);
    still = !now.some((c) => c.running) && ticks === last ? still + 1 : 0;
    if (still >= 4) return true;
    last = ticks;
    await sleep(60);
  }
  return false;
}

async function readPid(file: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const v = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : 0;
    if (v > 0) return v;
    await sleep(25);
  }
  throw new Error(`no pid in ${file}`);
}

describe('an upstream leadkit killed with SIGKILL while it writes to a pipe (built binary)', () => {
  const n = 200_000;
  const bigDir = tmp();
  const big = path.join(bigDir, 'big.csv');
  fs.writeFileSync(big, list(n));

  it.runIf(fs.existsSync('/proc/self/task'))('killed between two writes (both stages idle, the upstream waiting for more input): refused, t.csv unchanged', async () => {
    // The case that slipped through: every write ends on a whole row, so a kill between two of
    // them left a clean end. The upstream reads a FIFO this test feeds and then leaves open, so
    // the kill comes when it has written all it could and waits.
    for (const size of [400_000, 2_000_000]) {
      const dir = tmp();
      const out = path.join(dir, 't.csv');
      const fifo = path.join(dir, 'feed');
      const upPid = path.join(dir, 'up.pid');
      const downPid = path.join(dir, 'down.pid');
      fs.writeFileSync(out, 'good output\n');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const run = sh(`("$0" import -q < "$1" & echo $! > "$2"; wait) | sh -c 'echo $$ > "$1"; exec "$0" validate -q --checks email -o "$2"' "$0" "$3" "$4"; echo "exit=$?"`, [bin, fifo, upPid, downPid, out]);
      const feed = fs.createWriteStream(fifo);
      feed.on('error', () => undefined);
      feed.write(fs.readFileSync(big).subarray(0, size));
      const pids = [await readPid(upPid), await readPid(downPid)];
      expect(await quiescent(pids, 8000), `the pipe never went idle (${size} bytes fed)`).toBe(true);
      process.kill(pids[0], 'SIGKILL');
      const r = await run;
      feed.destroy();
      expect(r.stdout, `${size} bytes fed`).toMatch(/exit=1/);
      expect(oneLine(r.stderr)).toEqual([expect.stringMatching(/^leadkit: <stdin>:\d+: the input ended without a final line break: the command writing it probably failed/)]);
      expect(fs.readFileSync(out, 'utf8')).toBe('good output\n');
      expect(temps(dir)).toEqual([]);
    }
  }, 30_000);

  it('killed at moments from start-up to mid-stream: each time exit 1 and t.csv unchanged (or, done before the kill, whole)', async () => {
    const started = Date.now();
    // validate is slower than import, so import still writes long after the last delay.
    const delays = [0.15, 0.35, 0.55, 0.75, 0.9];
    const outcomes: ('refused' | 'whole')[] = [];
    for (const d of delays) {
      if (Date.now() - started > 6000) break;
      const dir = tmp();
      const out = path.join(dir, 't.csv');
      fs.writeFileSync(out, 'good output\n');
      const r = await sh(`("$0" import -q "$1" & p=$!; sleep ${d}; kill -9 $p 2>/dev/null) | "$0" validate -q --checks email -o "$2"; echo "exit=$?"`, [bin, big, out]);
      const now = fs.readFileSync(out, 'utf8');
      expect(temps(dir)).toEqual([]);
      if (now !== 'good output\n') {
        expect(now.trim().split('\n'), `kill after ${d} s: t.csv replaced by a partial list`).toHaveLength(n + 1);
        expect(r.stdout).toMatch(/exit=0/);
        outcomes.push('whole');
        continue;
      }
      expect(r.stdout, `kill after ${d} s`).toMatch(/exit=1/);
      // (A cut inside a character, "ö" is two bytes, says the same.)
      expect(oneLine(r.stderr), `kill after ${d} s`).toEqual([expect.stringMatching(/^leadkit: <stdin>(:\d+)?: the input (ended without a final line break|ended inside a quoted field|is empty)/)]);
      outcomes.push('refused');
    }
    // Were all the kills too late, the case would test nothing.
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(outcomes.length / 2);
  }, 20_000);
});
