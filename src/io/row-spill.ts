/**
 * Rows kept in a temporary file instead of memory, read back by their position: what lets a
 * barrier step (dedupe) hold a list of millions of rows in bounded memory. A row is written as
 * its cells for the table's columns (the table's contract: a row's values are its columns'; a
 * key outside them is not part of the table), and read back as an object with those keys, a
 * missing cell missing again.
 *
 * The file is removed from its directory as soon as it is open, so nothing is left behind
 * whatever ends the process (a crash, SIGKILL, a cron timeout): the system frees its space when
 * the descriptor closes. Where a file cannot be removed while open (Windows), it is removed on
 * close() and on an interrupt (trackTempFile).
 *
 * Layout of one row: a byte for the text encoding (0 latin1, 1 UTF-16), then per column the
 * cell's length + 1 (0: no such key) as a varint, then the cells' text, one after the other. A
 * latin1 row (German, French, English text) takes a byte per character; any other row two; both
 * give back exactly the string that was written, lone surrogates included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from '../table.js';
import { DataError } from '../errors.js';
import { trackTempFile, untrackTempFile } from './sink.js';
import { compileRowBuilder, compileRowReader } from './row-shape.js';
import { OWN_STRING_FROM } from '../text/own-string.js';

/** Bytes written at a time, and read at a time when rows are read back. */
const BLOCK = 1 << 20;
/**
 * Rows read back recently, kept decoded: a cluster's rows (at most a few dozen) are read several
 * times in a row. Few: a row kept longer outlives the young generation and is garbage of the old.
 */
const RECENT = 64;
/**
 * Rows read one after another before the next block is read whole: a pass over every row reads
 * on in order, while rows in another order (a sort's, a cluster's) meet their input neighbour now
 * and then (two contacts of one company), and a block read for one such row would be wasted.
 */
const READ_AHEAD_AFTER = 4;
/** How many rows on a row may be and still continue a pass that skips rows, and how far such a pass goes before it reads ahead. */
const SCAN_STEP = 8;
const SCAN_BYTES = 64 * 1024;
/**
 * A pass that reads rows in order but skips some and reads others out of order in between
 * (dedupe's merged rows: cluster by cluster in the order of their first rows, each with its other
 * members from anywhere in the file) goes on with the next block when it reaches the end of the
 * block it read from and the row it wants lies just beyond that, within this many bytes.
 */
const CONTINUE_WITHIN = 64 * 1024;

const NON_LATIN1 = /[^\u0000-\u00ff]/;

export class SpilledRows {
  private fd: number;
  private readonly file: string;
  private readonly tracked: boolean;
  private readonly read: (row: Row, out: (string | undefined)[]) => void;
  private readonly make: (cells: string[]) => Row;
  private readonly cells: (string | undefined)[];
  private readonly lengths: Int32Array;
  /** Byte offset of each row, and of the end (offsets[length]). */
  private offsets = new Float64Array(1024);
  private count = 0;
  private written = 0;
  private out = Buffer.allocUnsafe(BLOCK);
  private outPos = 0;
  /** The bytes last read back: a view of blockBuffer, from byte blockStart of the file. */
  private block = Buffer.allocUnsafe(0);
  private blockBuffer = Buffer.allocUnsafe(0);
  private blockStart = 0;
  private single = Buffer.allocUnsafe(0);
  private lastRead = -1;
  /** The last row of a pass that skips rows, and the byte it began at (see get). */
  private lastScan = -1;
  private scanFrom = 0;
  /** Where the last row read from the block ended (a byte offset of the file). */
  private blockReadEnd = 0;
  /** Rows read in order up to the last, each the one after the one before. */
  private inOrder = 0;
  /** Bytes read back from the file so far, and in how many reads. */
  bytesRead = 0;
  reads = 0;
  private readonly recent = new Map<number, Row>();
  private sealed = false;

  constructor(
    readonly columns: readonly string[],
    dir = os.tmpdir(),
  ) {
    this.file = path.join(dir, `.leadkit-rows-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    try {
      this.fd = fs.openSync(this.file, 'wx+', 0o600);
    } catch (err) {
      throw spillError(err, dir);
    }
    let tracked = false;
    try {
      fs.unlinkSync(this.file);
    } catch {
      trackTempFile(this.file);
      tracked = true;
    }
    this.tracked = tracked;
    this.cells = new Array(columns.length);
    this.lengths = new Int32Array(columns.length);
    this.read = compileRowReader(columns, true);
    // One constructor for every row read back, so they share one shape.
    this.make = compileRowBuilder([...columns], columns.map((_, i) => ({ field: i })));
  }

  get length(): number {
    return this.count;
  }

  /** Bytes the rows take in the file. */
  get bytes(): number {
    return this.written + this.outPos;
  }

  /** Append a row; returns its cells as read (undefined: no such key), valid until the next call. */
  add(row: Row): readonly (string | undefined)[] {
    if (this.sealed) throw new Error('SpilledRows: add after reading began');
    const cells = this.cells;
    this.read(row, cells);
    let text = '';
    let header = 1;
    for (let k = 0; k < cells.length; k++) {
      const v = cells[k];
      if (v === undefined) {
        this.lengths[k] = -1;
        header++;
        continue;
      }
      this.lengths[k] = v.length;
      header += v.length + 1 < 0x80 ? 1 : 5;
      text += v;
    }
    const wide = NON_LATIN1.test(text);
    const size = header + (wide ? 2 : 1) * text.length;
    this.room(size);
    const b = this.out;
    let p = this.outPos;
    b[p++] = wide ? 1 : 0;
    for (let k = 0; k < cells.length; k++) p = writeVarint(b, p, this.lengths[k] + 1);
    p += b.write(text, p, wide ? 'utf16le' : 'latin1');
    this.outPos = p;
    if (this.count + 2 > this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.count++;
    this.offsets[this.count] = this.written + p;
    return cells;
  }

  /** Row i, as it was added (a fresh object, or the one returned a moment ago). */
  get(i: number): Row {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`SpilledRows: no row ${i}`);
    // The run of rows read one after another this row continues (one read again from `recent` too).
    this.inOrder = i === this.lastRead + 1 ? this.inOrder + 1 : 0;
    // A pass that skips rows: a row a few after the pass's last continues it, whatever was read
    // out of order in between. It reads ahead only once it has gone on for SCAN_BYTES: a group of
    // rows a few apart (a sort's contacts of one company) is no pass.
    const step = i - this.lastScan;
    if (step > 0 && step <= SCAN_STEP) this.lastScan = i;
    else if (i === this.lastRead + 1) {
      this.lastScan = i;
      this.scanFrom = this.offsets[i - 1];
    }
    const scanning = this.lastScan === i && this.offsets[i] - this.scanFrom >= SCAN_BYTES;
    this.lastRead = i;
    const hit = this.recent.get(i);
    if (hit) return hit;
    if (!this.sealed) this.seal();
    const start = this.offsets[i];
    const end = this.offsets[i + 1];
    let row: Row;
    const blockEnd = this.blockStart + this.block.length;
    if (start >= this.blockStart && end <= blockEnd) {
      row = this.decode(this.block, start - this.blockStart, end - this.blockStart);
      this.blockReadEnd = end;
    } else if (this.inOrder > READ_AHEAD_AFTER || scanning || this.continuesBlock(start, blockEnd)) {
      // Reading on in order (the matcher's pass over every row, or a pass that skips some): the next block.
      this.load(start, end);
      row = this.decode(this.block, 0, end - start);
      this.blockReadEnd = end;
    } else row = this.decode(this.readAt(start, end), 0, end - start);
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(i, row);
    return row;
  }

  /** Whether a row starting at byte `start` continues a pass that has read up to the block's end (see CONTINUE_WITHIN). */
  private continuesBlock(start: number, blockEnd: number): boolean {
    return this.block.length > 0 && blockEnd - this.blockReadEnd <= CONTINUE_WITHIN && start >= this.blockReadEnd && start - this.blockReadEnd <= CONTINUE_WITHIN;
  }

  /** Close the file (its space is freed). */
  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
    if (this.tracked) {
      fs.rmSync(this.file, { force: true });
      untrackTempFile(this.file);
    }
    this.recent.clear();
    this.block = this.blockBuffer = Buffer.allocUnsafe(0);
  }

  private seal(): void {
    this.flush();
    this.sealed = true;
    this.out = Buffer.allocUnsafe(0);
  }

  private room(size: number): void {
    if (this.outPos + size <= this.out.length) return;
    this.flush();
    if (size > this.out.length) this.out = Buffer.allocUnsafe(size);
  }

  private flush(): void {
    let p = 0;
    try {
      while (p < this.outPos) p += fs.writeSync(this.fd, this.out, p, this.outPos - p, this.written + p);
    } catch (err) {
      throw spillError(err, path.dirname(this.file));
    }
    this.written += this.outPos;
    this.outPos = 0;
  }

  /** Bytes [start, end) alone, for a row out of order (another member of a cluster). */
  private readAt(start: number, end: number): Buffer {
    if (this.single.length < end - start) this.single = Buffer.allocUnsafe(Math.max(4096, end - start));
    this.readInto(this.single, start, end - start);
    return this.single;
  }

  private readInto(buf: Buffer, start: number, want: number): void {
    this.bytesRead += want;
    this.reads++;
    let got = 0;
    while (got < want) {
      const n = fs.readSync(this.fd, buf, got, want - got, start + got);
      if (n === 0) throw new Error(`SpilledRows: the temporary file ended at byte ${start + got} of ${this.written}`);
      got += n;
    }
  }

  /** Read the block that starts with bytes [start, end) (a row longer than a block gets its own). */
  private load(start: number, end: number): void {
    const want = Math.min(Math.max(BLOCK, end - start), this.written - start);
    if (this.blockBuffer.length < want) this.blockBuffer = Buffer.allocUnsafe(want);
    this.readInto(this.blockBuffer, start, want);
    this.block = this.blockBuffer.subarray(0, want);
    this.blockStart = start;
  }

  private decode(b: Buffer, start: number, end: number): Row {
    const wide = b[start] === 1;
    let p = start + 1;
    const n = this.columns.length;
    const lengths = this.lengths;
    let missing = false;
    for (let k = 0; k < n; k++) {
      let v = b[p++];
      if (v === 0xff) {
        v = b.readUInt32LE(p);
        p += 4;
      }
      lengths[k] = v - 1;
      if (v === 0) missing = true;
    }
    const encoding = wide ? 'utf16le' : 'latin1';
    const unit = wide ? 2 : 1;
    const text = b.toString(encoding, p, end);
    const cells = this.cells as string[];
    let at = 0;
    for (let k = 0; k < n; k++) {
      const len = lengths[k];
      if (len <= 0) {
        cells[k] = '';
        continue;
      }
      // Long cells decoded on their own, not cut from the row's text (src/text/own-string.ts):
      // the matcher keeps some cells for the run.
      cells[k] = len < OWN_STRING_FROM ? text.slice(at, at + len) : b.toString(encoding, p + at * unit, p + (at + len) * unit);
      at += len;
    }
    const row = this.make(cells);
    if (missing) for (let k = 0; k < n; k++) if (lengths[k] < 0) delete row[this.columns[k]];
    return row;
  }
}

/** A length below 0x7f in one byte; longer ones as 0xff and four bytes (little-endian). */
function writeVarint(b: Buffer, p: number, v: number): number {
  if (v < 0x80) {
    b[p] = v;
    return p + 1;
  }
  b[p] = 0xff;
  b.writeUInt32LE(v, p + 1);
  return p + 5;
}

function spillError(err: unknown, dir: string): DataError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ENOSPC' ? 'no space left on the disk' : e.code === 'EACCES' || e.code === 'EPERM' ? 'not allowed to write there' : e.code === 'ENOENT' ? 'no such folder' : e.message;
  return new DataError('E_SPILL', `cannot keep the rows in a temporary file in ${dir} (${why}): set TMPDIR to a folder with room, or raise --spill-above`);
}
