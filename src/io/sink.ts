import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { DataError } from '../errors.js';
import { anyInputPrivate } from './file-mode.js';

/**
 * A text output that batches writes and honours backpressure. Files are written to a
 * temporary name beside the target and renamed on commit(), so a crash or an error never
 * leaves half a file in place of the previous one.
 */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Write out and close (files): what can fail before the rename. commit() calls it if needed. */
  prepare(): Promise<void>;
  /** Bytes already encoded (UTF-8), written after any text before them; the sink keeps the buffer. */
  writeBytes(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  /** Where it goes, for messages. */
  target: string;
}

const BATCH = 64 * 1024;

/**
 * Set when the command writes side files: then a reader of stdout that stops early (`| head`)
 * does not end the run; rows for stdout are dropped from then on and the side files are
 * finished, so exit 0 still means every file named on the command line is complete.
 */
let keepGoingAfterEpipe = false;

export function finishAfterStdoutCloses(): void {
  keepGoingAfterEpipe = true;
}

/** Whether a closed stdout (EPIPE) may end the process at once (bin/leadkit asks). */
export function stdoutClosedEndsRun(): boolean {
  return !keepGoingAfterEpipe;
}

/**
 * A pipe carries no end-of-data mark: a reader sees the same clean end whether the writer
 * finished or was killed (SIGKILL, the OOM killer), and rows end at line breaks, so a writer
 * killed between two writes of whole rows leaves what looks like a complete, shorter list. Our
 * own standard output therefore never ends on a line break while the command is still running:
 * the line break that ends each write is held back and goes out at the front of the next write
 * (in one write call with it), and the last one only when the command ends well (commit). Until
 * the first write holds at least this many bytes nothing is written either, so a leadkit killed
 * mid-run leaves nothing, or at least this much without a final line break, which the reader
 * (read.ts) then refuses as cut off. Shared by every sink on the same stream, so their bytes
 * keep their order.
 */
export const CUT_EVIDENCE_BYTES = 64 * 1024;

type Part = string | Uint8Array;

/** How many line-break characters (\r, \n) a chunk ends with. */
function trailingBreaks(chunk: Part): number {
  const n = chunk.length;
  let k = 0;
  while (k < n) {
    const c = typeof chunk === 'string' ? chunk.charCodeAt(n - 1 - k) : chunk[n - 1 - k];
    if (c !== 10 && c !== 13) break;
    k++;
  }
  return k;
}

/** Views, not copies: a Buffer's subarray, a string's slice. */
function cut(chunk: Part, from: number, to: number): Part {
  return typeof chunk === 'string' ? chunk.slice(from, to) : chunk.subarray(from, to);
}

const asBuffer = (p: Part): Buffer => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.length));

function byteLength(p: Part): number {
  return typeof p === 'string' ? Buffer.byteLength(p) : p.length;
}

/** What is held back on one standard output (see CUT_EVIDENCE_BYTES). */
interface LineEndHold {
  /** The first write is being gathered: parts not yet written, and their bytes. */
  gathering: boolean;
  parts: Part[];
  bytes: number;
  /** The line break(s) that ended the last write, not yet written. */
  held: Part | undefined;
}

const holds = new WeakMap<object, LineEndHold>();

function holdFor(stream: object): LineEndHold {
  let h = holds.get(stream);
  if (!h) holds.set(stream, (h = { gathering: true, parts: [], bytes: 0, held: undefined }));
  return h;
}

class StreamSink implements TextSink {
  private buf = '';
  private failed: Error | undefined;
  /** Stdout was closed by its reader and side files are being finished: writes go nowhere. */
  private discarding = false;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly target: string,
    /** Put the output in place (the rename of a file). */
    private readonly finish: () => Promise<void>,
    private readonly cancel: () => Promise<void>,
    /** Files: a failed write becomes one line naming the file (disk full …); stdout keeps EPIPE. */
    private readonly isFile = false,
    /** Close what was written (a file: end the stream), before finish. */
    private readonly close: () => Promise<void> = async () => {},
    /** Standard output: hold back the final line break (see CUT_EVIDENCE_BYTES). */
    private readonly hold?: LineEndHold,
  ) {
    stream.on('error', (err: Error) => {
      if (!isFile && keepGoingAfterEpipe && (err as NodeJS.ErrnoException).code === 'EPIPE') this.discarding = true;
      else this.failed = isFile ? writeError(err, target) : err;
    });
  }

  async write(text: string): Promise<void> {
    this.buf += text;
    if (this.buf.length >= BATCH) await this.flush();
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.send(bytes);
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buf === '') return;
    const chunk = this.buf;
    this.buf = '';
    await this.send(chunk);
  }

  /** Write to the stream (standard output: holding back its final line break). */
  private async send(chunk: Part): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.discarding) return;
    const hold = this.hold;
    if (!hold) return this.put(chunk);
    const n = chunk.length;
    const k = trailingBreaks(chunk);
    if (k === n) {
      // Line breaks only (or nothing): they join those held back.
      if (k) hold.held = hold.held ? Buffer.concat([asBuffer(hold.held), asBuffer(chunk)]) : chunk;
      return;
    }
    const body = k ? cut(chunk, 0, n - k) : chunk;
    const before = hold.held;
    hold.held = k ? cut(chunk, n - k, n) : undefined;
    if (hold.gathering) {
      if (before) hold.parts.push(before);
      hold.parts.push(body);
      hold.bytes += (before ? byteLength(before) : 0) + byteLength(body);
      if (hold.bytes < CUT_EVIDENCE_BYTES) return;
      return this.startWriting(hold);
    }
    return before ? this.put(before, body) : this.put(body);
  }

  /** The first write: everything gathered so far, in one write call. */
  private startWriting(hold: LineEndHold): Promise<void> {
    hold.gathering = false;
    const parts = hold.parts;
    hold.parts = [];
    hold.bytes = 0;
    return parts.length ? this.put(...parts) : Promise.resolve();
  }

  /**
   * Write to the stream, waiting for it to drain when its queue is full. Several parts go out
   * corked, so the stream hands them to one write call (writev): a held line break and the
   * bytes after it reach the reader together or not at all.
   */
  private async put(...parts: Part[]): Promise<void> {
    const stream = this.stream as Writable;
    let ok: boolean;
    if (parts.length === 1) ok = stream.write(parts[0]);
    else {
      stream.cork();
      ok = true;
      for (const p of parts) ok = stream.write(p);
      stream.uncork();
    }
    if (!ok) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => (cleanup(), resolve());
        const onError = (e: Error) => (cleanup(), this.discarding ? resolve() : reject(this.isFile ? writeError(e, this.target) : e));
        const cleanup = () => {
          this.stream.off('drain', onDrain);
          this.stream.off('error', onError);
        };
        this.stream.on('drain', onDrain);
        this.stream.on('error', onError);
      });
    } else {
      // Let the event loop run: the stream issues its next write (to the thread pool, or a
      // pipe) only from a callback on this thread. Without the turn, a long synchronous
      // stretch of work leaves the written data queued here while the reader at the other end
      // of a pipe waits for it, and `leadkit import | leadkit export` took turns instead of
      // running side by side (1M rows: 9.1 → 6.9 s, idle CPU 4.9 → 1.4 core-seconds).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.failed) throw this.failed;
  }

  private prepared = false;

  async prepare(): Promise<void> {
    if (this.prepared) return;
    await this.flush();
    // All of the output is ready: what was gathered goes out now, a short output too (only its
    // final line break waits for commit).
    if (this.hold?.gathering && !this.discarding) await this.startWriting(this.hold);
    // Standard output is not closed by us: an empty write's callback says everything before it
    // has reached the descriptor (the pipe writer writes from a queue).
    if (!this.discarding) {
      const err = await new Promise<Error | null | undefined>((resolve) => this.stream.write('', (e) => resolve(e)));
      // The stream's 'error' event, which names the cause (ENOSPC), comes a tick after the
      // callback, which may only say "destroyed".
      if (err) await new Promise((resolve) => setImmediate(resolve));
      if (err && !this.failed && !this.discarding) this.failed = this.isFile ? writeError(err, this.target) : err;
    }
    if (this.failed) throw this.failed;
    await this.close();
    this.prepared = true;
  }

  async commit(): Promise<void> {
    await this.prepare();
    await this.releaseLineEnd();
    await this.finish();
  }

  /** The command ended well: the held final line break goes out, and is waited for. */
  private async releaseLineEnd(): Promise<void> {
    const hold = this.hold;
    if (!hold || this.discarding) return;
    const end = hold.held;
    if (!end) return;
    hold.held = undefined;
    if (this.failed) throw this.failed;
    const err = await new Promise<Error | null | undefined>((resolve) => this.stream.write(end, (e) => resolve(e)));
    if (err) await new Promise((resolve) => setImmediate(resolve));
    if (err && !this.failed && !this.discarding) this.failed = err;
    if (this.failed) throw this.failed;
  }

  async abort(): Promise<void> {
    this.buf = '';
    // A failing command: what was held back is not written, so its output ends without a final
    // line break (or is empty), and a leadkit reading it fails too.
    if (this.hold) {
      this.hold.held = undefined;
      this.hold.parts = [];
      this.hold.bytes = 0;
    }
    await this.cancel();
  }
}

/** Standard output: never closed by us (other commands may share it). */
export function stdoutSink(stdout: NodeJS.WritableStream): TextSink {
  const stream = stdout === process.stdout ? (pipeStdout() ?? stdout) : stdout;
  // A terminal has a person, not a program, reading it: nothing is held back there.
  const hold = (stdout as { isTTY?: boolean }).isTTY ? undefined : holdFor(stream);
  return new StreamSink(stream, '<stdout>', async () => {}, async () => {}, false, async () => {}, hold);
}

let stdoutPipe: Writable | null | undefined;

/**
 * When standard output is a pipe (`leadkit import … | leadkit export`), a blocking descriptor of
 * its own, written from libuv's thread pool with a 1 MB queue. Node's own process.stdout writes a
 * pipe from the main thread in 64 KB steps: a full pipe then stalls the producer while the
 * consumer works, and the two processes of a pipe take turns instead of running side by side.
 * Linux only (it reopens /proc/self/fd/1), and only for an anonymous pipe; elsewhere, or for
 * files, terminals and sockets, process.stdout is used. One stream per process, so sinks that
 * write to stdout one after another keep their order.
 */
function pipeStdout(): Writable | undefined {
  if (stdoutPipe !== undefined) return stdoutPipe ?? undefined;
  stdoutPipe = null;
  if (process.platform !== 'linux' || process.env.LEADKIT_STDOUT_PIPE === 'node') return undefined;
  try {
    if (!fs.fstatSync(1).isFIFO() || !fs.readlinkSync('/proc/self/fd/1').startsWith('pipe:')) return undefined;
    const fd = fs.openSync('/proc/self/fd/1', fs.constants.O_WRONLY);
    stdoutPipe = fs.createWriteStream('', { fd, highWaterMark: 1 << 20 });
  } catch {
    stdoutPipe = null;
  }
  return stdoutPipe ?? undefined;
}

/** A write that failed, as one line naming the file: "disk full", not an ENOSPC stack trace. */
export function writeError(err: unknown, target: string): DataError {
  if (err instanceof DataError) return err;
  const e = err as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a directory',
    EFBIG: 'file too large',
    EIO: 'input/output error',
  };
  const reason = (e?.code && why[e.code]) ?? e?.message ?? String(err);
  return new DataError('E_WRITE', `cannot write: ${reason}${e?.code && why[e.code] ? ` (${e.code})` : ''}; the previous file, if any, is unchanged`, target);
}

/** What is at the target now: nothing, a regular file (with its mode), or something else. */
async function targetKind(target: string): Promise<{ kind: 'none' } | { kind: 'file'; st: fs.Stats } | { kind: 'dir' } | { kind: 'special' }> {
  let st: fs.Stats;
  try {
    // A link to a descriptor (/dev/stdout → /proc/self/fd/1) is written through, whatever the
    // descriptor is: renaming a file over the link would replace the link for the machine.
    if (await linksToDescriptor(target)) return { kind: 'special' };
    st = await fs.promises.stat(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none' };
    throw writeError(err, target);
  }
  if (st.isFile()) return { kind: 'file', st };
  if (st.isDirectory()) return { kind: 'dir' };
  return { kind: 'special' };
}

/**
 * Whether a path is, or leads through links to, something under /dev or /proc (/dev/stdout,
 * /proc/self/fd/1, a link of one's own to either). Each hop is read, not only the end: the end of
 * /proc/self/fd/1 is whatever file stdout was redirected to, and that must be written through
 * the descriptor, not renamed over. A dangling link is written through too.
 */
async function linksToDescriptor(target: string): Promise<boolean> {
  let at = path.resolve(target);
  for (let hop = 0; hop < 40; hop++) {
    if (/^\/(proc|dev)\//.test(at)) return hop > 0 || !(await fs.promises.lstat(at)).isFile();
    let st: fs.Stats;
    try {
      st = await fs.promises.lstat(at);
    } catch {
      return hop > 0;
    }
    if (!st.isSymbolicLink()) return false;
    at = path.resolve(path.dirname(at), await fs.promises.readlink(at));
  }
  return true;
}

/**
 * Where a file output really goes: a link to a file (`leads.csv → archive/2026-12-02.csv`) is
 * followed, so the temporary file sits beside the real file and is renamed onto it, and the link
 * stays a link.
 */
async function realTarget(target: string): Promise<string> {
  try {
    if (!(await fs.promises.lstat(target)).isSymbolicLink()) return target;
    return await fs.promises.realpath(target);
  } catch {
    return target;
  }
}

/** The folder a file is to be written into must exist (a one-line error naming the target). */
async function checkTargetDir(target: string): Promise<string> {
  const dir = path.dirname(path.resolve(target));
  try {
    const st = await fs.promises.stat(dir);
    if (!st.isDirectory()) throw new Error('not a directory');
  } catch {
    throw new DataError('E_OUT_DIR', `cannot write: directory ${dir} does not exist`, target);
  }
  return dir;
}

/**
 * Give a new file the permissions of the one it replaces (a list kept 0600 stays 0600, and
 * its owner stays its owner when we run as root); a new file follows the umask, but is 0600
 * when an input was not readable by everyone, so personal data does not become world-readable
 * by passing through leadkit.
 */
async function applyMode(tmp: string, replaced: fs.Stats | undefined): Promise<void> {
  if (replaced) {
    await fs.promises.chmod(tmp, replaced.mode & 0o7777);
    if (process.getuid?.() === 0) await fs.promises.chown(tmp, replaced.uid, replaced.gid).catch(() => undefined);
  } else if (anyInputPrivate()) {
    await fs.promises.chmod(tmp, 0o600);
  }
}

/**
 * A target that is not a regular file (/dev/null, /dev/stdout, a FIFO, a terminal) is written
 * in place: renaming a file over it would replace the device node or the pipe itself.
 */
function specialSink(target: string): Promise<TextSink> {
  const stream = fs.createWriteStream(target, { flags: 'w' });
  return new Promise<TextSink>((resolve, reject) => {
    stream.once('open', () => {
      const close = () => new Promise<void>((res, rej) => stream.end((err?: Error | null) => (err ? rej(writeError(err, target)) : res())));
      resolve(new StreamSink(stream, target, async () => {}, async () => void stream.destroy(), true, close));
    });
    stream.once('error', (e) => reject(writeError(e, target)));
  });
}

/** Bytes a file's stream queues before its writer waits (a few pieces of the encoders' output). */
const FILE_QUEUE_BYTES = 1 << 20;

/** Temporary files being written now: removed if the process is interrupted (see bin/leadkit). */
const openTemps = new Set<string>();

/** A temporary file made outside the sinks (export --split-by's files): removeTempFiles() removes it too. */
export function trackTempFile(tmp: string): void {
  openTemps.add(tmp);
}

/** The file was renamed into place or removed. */
export function untrackTempFile(tmp: string): void {
  openTemps.delete(tmp);
}

function tempNameFor(dir: string, target: string): string {
  sweepDeadTemps(dir, path.basename(target));
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  openTemps.add(tmp);
  return tmp;
}

/** Remove temporary files for this target left by processes that no longer run (killed runs). */
function sweepDeadTemps(dir: string, base: string): void {
  const prefix = `.${base}.tmp-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(/^(\d+)-/.exec(n.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(dir, n), { force: true });
  }
}

/** Whether a process still runs (its temporary files are not a dead run's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files of outputs not yet committed, synchronously: called on SIGINT or
 * SIGTERM, so an interrupted cron job leaves neither half a file nor a stray temporary one.
 */
export function removeTempFiles(): void {
  for (const tmp of openTemps) fs.rmSync(tmp, { force: true });
  openTemps.clear();
}

/** An atomically written file (temp + rename); a special file is written directly. */
export async function fileSink(target: string, bom = false): Promise<TextSink> {
  const at = await targetKind(target);
  if (at.kind === 'dir') throw new DataError('E_OUT_IS_DIR', 'cannot write: is a directory (give a file name)', target);
  if (at.kind === 'special') {
    const sink = await specialSink(target);
    if (bom) await sink.write('\uFEFF');
    return sink;
  }
  const real = await realTarget(target);
  const dir = await checkTargetDir(real);
  const tmp = tempNameFor(dir, real);
  // A queue of 1 MB before write() asks to wait: with Node's 16 KB every piece of 64 KB waited
  // for its write to finish, and the thread that encodes the rows idled meanwhile.
  const stream = fs.createWriteStream(tmp, { mode: 0o666, highWaterMark: FILE_QUEUE_BYTES });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => {
      openTemps.delete(tmp);
      reject(writeError(e, target));
    });
  });
  try {
    await applyMode(tmp, at.kind === 'file' ? at.st : undefined);
  } catch (err) {
    stream.destroy();
    await fs.promises.rm(tmp, { force: true });
    openTemps.delete(tmp);
    throw writeError(err, target);
  }
  const close = () => new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(writeError(err, target)) : resolve())));
  const sink = new StreamSink(
    stream,
    target,
    () => putInPlace(tmp, real),
    async () => {
      stream.destroy();
      await fs.promises.rm(tmp, { force: true });
      openTemps.delete(tmp);
    },
    true,
    close,
  );
  if (bom) await sink.write('\uFEFF');
  return sink;
}

/**
 * Rename into place, checking once more what is there: a FIFO or device put at the target while
 * we wrote must not be replaced (the data then goes into it directly).
 */
async function renameOver(tmp: string, target: string): Promise<void> {
  const at = await targetKind(target);
  if (at.kind === 'dir') throw new DataError('E_OUT_IS_DIR', 'cannot write: is a directory (give a file name)', target);
  if (at.kind === 'special') {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(target, { flags: 'w' });
      out.once('error', reject);
      fs.createReadStream(tmp).once('error', reject).pipe(out).once('finish', () => resolve());
    });
    await fs.promises.rm(tmp, { force: true });
    return;
  }
  await fs.promises.rename(tmp, target);
}

/**
 * Write a whole buffer to a temporary file beside the target; the returned commit renames it
 * into place (a special file is written directly, at commit).
 */
export async function stageFile(target: string, data: Uint8Array | string): Promise<{ commit(): Promise<void>; abort(): Promise<void> }> {
  const at = await targetKind(target);
  if (at.kind === 'dir') throw new DataError('E_OUT_IS_DIR', 'cannot write: is a directory (give a file name)', target);
  if (at.kind === 'special') return { commit: () => writeFileAtomic(target, data), abort: async () => {} };
  const real = await realTarget(target);
  const dir = await checkTargetDir(real);
  const tmp = tempNameFor(dir, real);
  const drop = async () => {
    await fs.promises.rm(tmp, { force: true });
    openTemps.delete(tmp);
  };
  try {
    await fs.promises.writeFile(tmp, data, { mode: 0o666 });
    await applyMode(tmp, at.kind === 'file' ? at.st : undefined);
  } catch (err) {
    await drop();
    throw writeError(err, target);
  }
  return {
    commit: () => putInPlace(tmp, real),
    abort: drop,
  };
}

/** Write a whole buffer atomically (xlsx output); a special file is written directly. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const at = await targetKind(target);
  if (at.kind === 'special') {
    await fs.promises.writeFile(target, data).catch((err) => {
      throw writeError(err, target);
    });
    return;
  }
  await (await stageFile(target, data)).commit();
}

/** Rename a finished temporary file into place; on failure it is removed, never left behind. */
async function putInPlace(tmp: string, target: string): Promise<void> {
  try {
    await renameOver(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw writeError(err, target);
  } finally {
    openTemps.delete(tmp);
  }
}
