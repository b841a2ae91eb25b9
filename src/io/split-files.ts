import fs from 'node:fs';
import path from 'node:path';
import { isRunning, trackTempFile, untrackTempFile, writeError } from './sink.js';
import { anyInputPrivate } from './file-mode.js';

/** Descriptors a SplitFiles keeps open at most, whatever the open-file limit (`ulimit -n`). */
export const MAX_OPEN_FILES = 64;

/** What a SplitFiles did, for tests that count operations instead of timing them. */
export interface SplitFileStats {
  /** Files opened: created, or opened again to append. */
  opens: number;
  /** Write calls. */
  writes: number;
  /** The most descriptors open at the same time. */
  peakOpen: number;
  /** Directory listings. */
  listings: number;
}

interface Entry {
  target: string;
  tmp: string;
  created: boolean;
}

/**
 * Many output files in one folder (export --split-by), each written to a temporary name beside
 * it and renamed into place on commit(), like sink.ts's fileSink, but with at most `maxOpen`
 * descriptors open at a time: the least recently written file is closed and opened again in
 * append mode when it gets more bytes. A fileSink per file would keep every descriptor open until
 * the commit (EMFILE at `ulimit -n`) and lists the folder once per file to sweep dead runs'
 * temporary files (quadratic); this lists it once for all of them.
 *
 * The temporary names follow fileSink's (`.<name>.tmp-<pid>-<random>`), so a later fileSink for
 * the same target sweeps what a killed run left, and so does the next split. Temporary files are
 * removed by abort(), on SIGTERM, SIGINT and SIGHUP (they are in sink.ts's registry, which
 * removeTempFiles empties), and when a commit fails halfway. Should the system refuse a
 * descriptor anyway (EMFILE: a lower limit still, or many other files open), fewer are kept open
 * from then on.
 *
 * The file calls are synchronous: each is one short system call on a local disk, and through
 * the thread pool each would cost two thread wake-ups besides, several times the call itself
 * when there are thousands of small files. Every TURN_MS the event loop gets a turn, so a
 * SIGTERM handler runs promptly while thousands of files are written, but not during commit():
 * its renames are quick, and stopping halfway would leave a mix of new and old files.
 */
export class SplitFiles {
  readonly stats: SplitFileStats = { opens: 0, writes: 0, peakOpen: 0, listings: 0 };
  private readonly entries: Entry[] = [];
  /** Open descriptors, least recently used first (a Map keeps insertion order). */
  private readonly handles = new Map<Entry, number>();
  private maxOpen: number;
  private closed = false;
  private nextTurn = performance.now() + TURN_MS;

  constructor(
    private readonly dir: string,
    maxOpen = MAX_OPEN_FILES,
  ) {
    this.maxOpen = Math.max(1, maxOpen);
  }

  /** A new file `name` in the folder; returns its id. Nothing is created until bytes arrive. */
  add(name: string): number {
    this.entries.push({ target: path.join(this.dir, name), tmp: tempName(this.dir, name), created: false });
    return this.entries.length - 1;
  }

  /** Append bytes to file `id`, opening it (again) if its descriptor is not open. */
  async append(id: number, chunks: readonly Uint8Array[]): Promise<void> {
    await this.turnIfDue();
    const e = this.entries[id];
    let h = this.handles.get(e);
    if (h !== undefined) {
      this.handles.delete(e);
      this.handles.set(e, h);
    } else {
      while (this.handles.size >= this.maxOpen) await this.closeOldest();
      h = await this.openEntry(e);
      this.handles.set(e, h);
      this.stats.peakOpen = Math.max(this.stats.peakOpen, this.handles.size);
    }
    this.writeAll(e, h, chunks);
  }

  /** The whole content of file `id` at once (xlsx): opened, written and closed. */
  async put(id: number, data: Uint8Array): Promise<void> {
    await this.turnIfDue();
    const e = this.entries[id];
    while (this.handles.size >= this.maxOpen) await this.closeOldest();
    const h = await this.openEntry(e);
    this.stats.peakOpen = Math.max(this.stats.peakOpen, this.handles.size + 1);
    try {
      this.writeAll(e, h, [data]);
    } finally {
      fs.closeSync(h);
    }
  }

  /**
   * Close every descriptor (the files stay temporary until commit) and remove temporary files
   * for these targets left by runs that no longer exist, in one listing of the folder.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.handles.size) await this.closeOldest();
    for (let i = 0; i < this.entries.length; i++) if (!this.entries[i].created) await this.put(i, new Uint8Array(0));
    this.sweepDeadTemps();
    this.closed = true;
  }

  /** Rename every file into place. A failure removes the temporary files not yet renamed. */
  async commit(): Promise<void> {
    try {
      await this.close();
    } catch (err) {
      await this.abort();
      throw err;
    }
    let i = 0;
    try {
      for (; i < this.entries.length; i++) {
        const e = this.entries[i];
        fs.renameSync(e.tmp, e.target);
        untrackTempFile(e.tmp);
      }
    } catch (err) {
      const failed = this.entries[i];
      for (; i < this.entries.length; i++) removeTemp(this.entries[i].tmp);
      throw writeError(err, failed.target);
    }
  }

  /** Remove every temporary file; the previous files stay as they were. */
  async abort(): Promise<void> {
    for (const h of this.handles.values()) closeQuietly(h);
    this.handles.clear();
    for (const e of this.entries) if (e.created) removeTemp(e.tmp);
  }

  /** Let the event loop run (signal handlers, I/O) once the time slice is used up. */
  private async turnIfDue(): Promise<void> {
    if (performance.now() < this.nextTurn) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.nextTurn = performance.now() + TURN_MS;
  }

  private async openEntry(e: Entry): Promise<number> {
    for (;;) {
      try {
        if (!e.created) trackTempFile(e.tmp);
        // The first open creates the file and fails if the name exists: a temporary name is
        // never shared with another writer.
        // Private when an input was (file-mode.ts), like every other output.
        const h = fs.openSync(e.tmp, e.created ? 'a' : 'wx', anyInputPrivate() ? 0o600 : 0o666);
        this.stats.opens++;
        e.created = true;
        return h;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (!e.created) untrackTempFile(e.tmp);
        if ((code === 'EMFILE' || code === 'ENFILE') && this.handles.size > 0) {
          // Fewer descriptors left than we planned for (a low `ulimit -n`, or other files
          // open): keep fewer open from now on.
          this.maxOpen = this.handles.size;
          while (this.handles.size >= this.maxOpen) await this.closeOldest();
          continue;
        }
        if (code === 'EEXIST' && !e.created) {
          e.tmp = tempName(this.dir, path.basename(e.target));
          continue;
        }
        throw writeError(err, e.target);
      }
    }
  }

  /** Write all the bytes, in as few calls as the system allows (it may take fewer bytes). */
  private writeAll(e: Entry, fd: number, chunks: readonly Uint8Array[]): void {
    let i = 0;
    let cut = 0;
    try {
      while (i < chunks.length) {
        const batch: Uint8Array[] = [];
        for (let j = i; j < chunks.length && batch.length < IOV_MAX; j++) batch.push(j === i && cut ? chunks[j].subarray(cut) : chunks[j]);
        let n = fs.writevSync(fd, batch);
        this.stats.writes++;
        // Skip what was written: whole pieces, then part of the next one.
        while (i < chunks.length && n >= chunks[i].length - cut) {
          n -= chunks[i].length - cut;
          cut = 0;
          i++;
        }
        cut += n;
      }
    } catch (err) {
      throw writeError(err, e.target);
    }
  }

  private async closeOldest(): Promise<void> {
    const [e, h] = this.handles.entries().next().value as [Entry, number];
    this.handles.delete(e);
    try {
      fs.closeSync(h);
    } catch (err) {
      throw writeError(err, e.target);
    }
  }

  private sweepDeadTemps(): void {
    const ours = new Set(this.entries.map((e) => path.basename(e.target)));
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
      this.stats.listings++;
    } catch {
      return;
    }
    for (const n of names) {
      const m = /^\.(.+)\.tmp-(\d+)-[0-9a-z]*$/.exec(n);
      if (!m || !ours.has(m[1])) continue;
      const pid = Number(m[2]);
      if (pid === process.pid || isRunning(pid)) continue;
      fs.rmSync(path.join(this.dir, n), { force: true });
    }
  }
}

/** Milliseconds of file calls between two turns of the event loop. */
const TURN_MS = 20;

/** Pieces per write call (Linux's IOV_MAX). */
const IOV_MAX = 1024;

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Removed next anyway.
  }
}

function tempName(dir: string, name: string): string {
  return path.join(dir, `.${name}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}


function removeTemp(tmp: string): void {
  try {
    fs.rmSync(tmp, { force: true });
  } catch {
    // Left for the next run's sweep.
  }
  untrackTempFile(tmp);
}

