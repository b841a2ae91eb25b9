/**
 * A lock file: one run at a time for a thing two runs must not both change (a state directory).
 * It is made with O_EXCL, holds who made it (pid, host, when, what for) and is removed when the
 * run ends, also on SIGTERM, SIGINT and SIGHUP (sink.ts's registry of temporary files). A run
 * that was killed with SIGKILL, or a machine that went down, leaves it behind: on the same host a
 * lock whose process no longer runs is taken over (the caller says so); one of another host, or
 * of a process that still runs, stops the run at once, naming the holder.
 */
import fs from 'node:fs';
import os from 'node:os';
import { DataError } from '../errors.js';
import { isRunning, trackTempFile, untrackTempFile } from './sink.js';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What holds it ("leadkit run nightly.yml"). */
  what: string;
}

export interface HeldLock {
  file: string;
  /** The holder of a lock left by a run that no longer runs, taken over; undefined when there was none. */
  tookOverFrom?: LockHolder;
  /** Remove the lock (once; later calls do nothing). */
  release(): void;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, since: String(v.since ?? ''), what: String(v.what ?? '') };
  } catch {
    // Unreadable or half written (a run killed while writing it): described as unknown below.
  }
  return undefined;
}

/** "pid 4711 on crm-box since 2026-11-22T02:00:03Z (leadkit run nightly.yml)". */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on ${h.host}${h.since ? ` since ${h.since}` : ''}${h.what ? ` (${h.what})` : ''}`;
}

function create(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new DataError('E_LOCK', `cannot make the lock file: ${(err as Error).message}`, file);
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(holder)}\n`);
  } catch (err) {
    // An empty lock (a full disk) would name no holder and stop every later run until removed by hand.
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw new DataError('E_LOCK', `cannot write the lock file: ${(err as Error).message}`, file);
  }
  fs.closeSync(fd);
  return true;
}

/** Whether a lock's holder is a process of this host that no longer runs (our own pid: a container's reused one). */
function deadHere(h: LockHolder | undefined, me: LockHolder): h is LockHolder {
  return h !== undefined && h.host === me.host && (h.pid === me.pid || !isRunning(h.pid));
}

const same = (a: LockHolder | undefined, b: LockHolder) => a !== undefined && a.pid === b.pid && a.host === b.host && a.since === b.since;

/**
 * Replace a dead holder's lock by ours. Two runs that find the same dead lock must not both take
 * it (one removing the lock the other has just made): the takeover is done under a second lock
 * (`<file>.takeover`, made exclusively), and the dead lock is removed only while it is still the
 * one found. Returns false when another run took the lock first.
 */
function takeOver(file: string, dead: LockHolder, me: LockHolder): boolean {
  const guard = `${file}.takeover`;
  if (!create(guard, me)) {
    // A takeover in progress, or one whose run was killed in the middle of it.
    if (!deadHere(readHolder(guard), me)) return false;
    fs.rmSync(guard, { force: true });
    if (!create(guard, me)) return false;
  }
  try {
    // Another run may have taken it meanwhile: then create() finds its lock there.
    if (same(readHolder(file), dead)) fs.rmSync(file, { force: true });
    return create(file, me);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/**
 * Take the lock `file` for this process, or throw E_LOCKED naming who holds it. `what` says what
 * the lock is for in messages ("the state").
 */
export function acquireLock(file: string, what: string, forWhat: string): HeldLock {
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), what: forWhat };
  let tookOverFrom: LockHolder | undefined;
  if (!create(file, me)) {
    const holder = readHolder(file);
    if (!deadHere(holder, me)) {
      const who = holder ? describeHolder(holder) : 'a run whose lock file cannot be read';
      throw new DataError('E_LOCKED', `${what} is in use by another run: ${who}; if no such run is going any more, remove the lock file`, file);
    }
    if (!takeOver(file, holder, me)) {
      const now = readHolder(file);
      throw new DataError('E_LOCKED', `${what} is in use by another run: ${now ? describeHolder(now) : 'another run taking over a dead one\'s lock'}`, file);
    }
    tookOverFrom = holder;
  }
  // This runs synchronously, so no signal handler comes between making the file and this.
  trackTempFile(file);
  let held = true;
  return {
    file,
    tookOverFrom,
    release() {
      if (!held) return;
      held = false;
      untrackTempFile(file);
      // Only our own lock: one taken over meanwhile (by hand) is someone else's.
      if (same(readHolder(file), me)) fs.rmSync(file, { force: true });
    },
  };
}
