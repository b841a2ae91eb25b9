import path from 'node:path';
import { Writable } from 'node:stream';
import type { Context } from '../context.js';
import type { Row } from '../table.js';
import { CsvEncoder } from '../io/csv-encode.js';
import { guardFormula } from '../io/csv-format.js';
import { csvDialect } from '../io/csv-writer.js';
import { jsonlEncoder } from '../io/jsonl-encode.js';
import { compileRowReader } from '../io/row-shape.js';
import { checkExcelOption, openRowWriter, type RowWriter, type RowWriterOptions } from '../io/row-writers.js';
import { MAX_OPEN_FILES, SplitFiles, type SplitFileStats } from '../io/split-files.js';

/** A safe file name for a split value; '' becomes "_empty". */
export function fileNameFor(value: string): string {
  const s = value
    .replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 100);
  return s === '' ? '_empty' : s;
}

/** Bytes of encoded rows waiting in memory for all files together, at most (then written out). */
export const SPLIT_MEMORY = 16 * 1024 * 1024;

/** Milliseconds of work between two turns of the event loop. */
const TURN_MS = 20;

/** A file's first buffer for waiting bytes; it doubles as it fills. */
const FIRST_BUFFER = 256;

export interface SplitLimits {
  /** Descriptors open at the same time, at most. */
  maxOpen?: number;
  /** Bytes of encoded rows held in memory before they are written to their files. */
  memory?: number;
}

export interface SplitResult {
  rows: number;
  files: number;
  /** File names written (name.ext). */
  names: Set<string>;
  /** Operations, for tests. */
  stats: SplitFileStats & { flushes: number };
}

interface Part {
  id: number;
  /** Rows taken (for --top). */
  count: number;
  /** Bytes not yet written to the file: buf[0, len). */
  buf: Buffer | undefined;
  len: number;
  /** xlsx: the rows, kept until the end of input. */
  xlsx?: RowWriter;
}

/**
 * Write one file per value of `field` into `dir`, in time and memory linear in rows and values
 * and with at most `maxOpen` files open. CSV, TSV and JSON Lines rows are encoded as they come
 * into a buffer per file; once the buffers hold `memory` bytes in all, every file with bytes
 * waiting gets them appended and the buffers are let go (SplitFiles closes the least recently
 * used file when too many are open and opens it again later to append). XLSX keeps each file's
 * rows, like the one-file writer does, and builds the workbooks one after another at the end of
 * input, writing each before building the next, so only one workbook is in memory at a time.
 * Rows keep their order within each file. On success the files are staged in ctx.files (renamed
 * into place when the whole command has succeeded); on error the temporary files are removed
 * and the error is rethrown.
 */
export async function writeSplit(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: string[],
  field: string,
  dir: string,
  top: number | undefined,
  writerOpts: RowWriterOptions,
  ctx: Context,
  limits: SplitLimits = {},
): Promise<SplitResult> {
  const format = writerOpts.format;
  const memory = limits.memory ?? SPLIT_MEMORY;
  const files = new SplitFiles(dir, limits.maxOpen ?? MAX_OPEN_FILES);
  const parts = new Map<string, Part>();
  const names = new Set<string>();
  const usedNames = new Set<string>();
  /** Per cleaned name, the next "-k" suffix to try, so many values with one name stay linear. */
  const nextSuffix = new Map<string, number>();
  const capture = captureStdout();
  /** The xlsx writer writes its workbook to "standard output": here, into memory. */
  const xlsxCtx: Context = { ...ctx, stdout: capture.stream };
  /** Parts with bytes waiting, and the size of their buffers in all. */
  let dirty: Part[] = [];
  let held = 0;
  let flushes = 0;
  let total = 0;
  let tick = 0;
  let nextTurn = performance.now() + TURN_MS;

  /** Room for `n` more bytes in p's buffer. */
  const room = (p: Part, n: number): Buffer => {
    const need = p.len + n;
    if (p.buf && need <= p.buf.length) return p.buf;
    if (!p.buf) dirty.push(p);
    let size = p.buf ? p.buf.length * 2 : FIRST_BUFFER;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    if (p.buf) p.buf.copy(next, 0, 0, p.len);
    held += size - (p.buf?.length ?? 0);
    p.buf = next;
    return next;
  };
  const out: SplitOut = {
    bytes(p, b) {
      room(p, b.length).set(b, p.len);
      p.len += b.length;
    },
    text(p, t) {
      const n = Buffer.byteLength(t);
      room(p, n).write(t, p.len);
      p.len += n;
    },
  };
  const enc = format === 'xlsx' ? undefined : encoderFor(columns, writerOpts, out, ctx);
  const flush = async (): Promise<void> => {
    const list = dirty;
    dirty = [];
    held = 0;
    flushes++;
    for (const p of list) {
      const bytes = p.buf!.subarray(0, p.len);
      p.buf = undefined;
      p.len = 0;
      await files.append(p.id, [bytes]);
    }
  };

  try {
    for await (const row of rows) {
      // Sorted rows come from memory without a pause: let the event loop (a SIGTERM handler) run.
      if ((++tick & 1023) === 0 && performance.now() >= nextTurn) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        nextTurn = performance.now() + TURN_MS;
      }
      const value = row[field] ?? '';
      let p = parts.get(value);
      if (!p) {
        const base = fileNameFor(value);
        let name = base;
        // Distinct values that clean to the same name ("A/B", "A_B") must not share a file.
        if (usedNames.has(name.toLowerCase())) {
          let k = nextSuffix.get(base.toLowerCase()) ?? 2;
          while (usedNames.has(`${base}-${k}`.toLowerCase())) k++;
          nextSuffix.set(base.toLowerCase(), k + 1);
          name = `${base}-${k}`;
        }
        usedNames.add(name.toLowerCase());
        const file = `${name}.${format}`;
        names.add(file);
        p = { id: files.add(file), count: 0, buf: undefined, len: 0 };
        parts.set(value, p);
        if (enc) out.bytes(p, enc.header);
        else p.xlsx = await openRowWriter(columns, '-', { ...writerOpts, splitFile: path.join(dir, file) }, xlsxCtx);
      }
      if (top !== undefined && p.count >= top) continue;
      p.count++;
      total++;
      if (p.xlsx) await p.xlsx.write(row);
      else if (enc) {
        enc.row(p, row);
        if (held > memory) await flush();
      }
    }
    if (enc) await flush();
    else {
      for (const p of parts.values()) {
        await p.xlsx!.commit();
        p.xlsx = undefined;
        await files.put(p.id, capture.take());
      }
    }
    await files.close();
  } catch (err) {
    await files.abort();
    throw err;
  }
  ctx.files.add(files);
  return { rows: total, files: parts.size, names, stats: { ...files.stats, flushes } };
}

/** Where an encoder puts a row's bytes: at the end of the part's buffer. */
interface SplitOut {
  bytes(p: Part, b: Uint8Array): void;
  text(p: Part, t: string): void;
}

interface SplitEncoder {
  /** BOM and header line, the start of every file. */
  header: Uint8Array;
  row(p: Part, row: Row): void;
}

/**
 * Rows as the one-file writers encode them (openRowWriter: CsvRowWriter, JsonlWriter): the same
 * delimiter, BOM, formula guard and header. One encoder serves every file.
 */
function encoderFor(columns: string[], o: RowWriterOptions, out: SplitOut, ctx: Context): SplitEncoder {
  checkExcelOption(o);
  if (o.format === 'jsonl') {
    const line = jsonlEncoder(columns);
    return {
      header: new Uint8Array(0),
      row(p, row) {
        out.text(p, line(row));
      },
    };
  }
  const { delimiter, bom, crlf } = csvDialect(o, o.format === 'tsv', ctx);
  const head = new CsvEncoder(delimiter, crlf);
  const names = o.guard ? columns.map(guardFormula) : columns;
  head.line(names, names.length);
  const header = Buffer.concat([...(bom ? [Buffer.from('\uFEFF')] : []), ...head.take()]);
  const enc = new CsvEncoder(delimiter, crlf);
  const read = compileRowReader(columns);
  const cells = new Array<string>(columns.length).fill('');
  return {
    header,
    row(p, row) {
      read(row, cells);
      if (o.guard) for (let i = 0; i < cells.length; i++) cells[i] = guardFormula(cells[i]);
      enc.line(cells, cells.length);
      for (const b of enc.take()) out.bytes(p, b);
    },
  };
}

/** Standard output for the xlsx writer: it writes each finished workbook there in one piece. */
function captureStdout(): { stream: Writable; take(): Buffer } {
  let got: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      got.push(chunk);
      cb();
    },
  });
  return {
    stream,
    take(): Buffer {
      const b = got.length === 1 ? got[0] : Buffer.concat(got);
      got = [];
      return b;
    },
  };
}
