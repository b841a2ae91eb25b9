import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { createDecoder, EncodingError } from './decode.js';
import { detectEncoding, isZip, looksBinary, normaliseEncoding, sniffDelimiter } from './sniff.js';
import { readXlsxRows } from './xlsx-read.js';
import { DataError, UsageError } from '../errors.js';
import type { IoOptions } from '../context.js';

/** How many leading records are read before the header is fixed (to find `_extra_N` columns). */
const LOOKAHEAD = 5000;
const FIRST_BLOCK = 64 * 1024;
/**
 * Input is decoded and parsed 32 KB at a time, each slice's records passed on before the next is
 * parsed. A whole 256 KB read parsed at once makes a burst of ~1,500 records that are all still
 * alive at the next minor GC; V8 then judges their allocation sites long-lived and allocates all
 * later records straight into the old generation (pretenuring), which made import's garbage
 * collection cost 3-4× (1M rows: 1.6 s of scavenges and ~1 GB promoted, against 0.45 s and 40 MB).
 */
const PARSE_SLICE = 32 * 1024;

export interface SourceStats {
  rows: number;
  /** Rows whose field count differed from the header's. */
  ragged: number;
  /** Rows with more fields than even the `_extra_N` columns hold: the surplus was joined into the last one. */
  folded: number;
  /** No header at all (an empty input). */
  empty?: boolean;
  /**
   * The guess was UTF-8 (the first block was ASCII) and a later byte was not: the input was read
   * as Windows-1252, which this line is the first to need.
   */
  encodingSwitchLine?: number;
}

/** One opened input: its header and its records, normalised to the header's width. */
export interface RawSource {
  /** As the user named it (for messages). */
  file: string;
  /** Basename without extension ("stdin" for standard input). */
  label: string;
  columns: string[];
  encoding: string;
  delimiter: string;
  /** Records in batches (one per input chunk). */
  records: AsyncIterable<CsvRecord[]>;
  stats: SourceStats;
}

export function parseDelimiterOption(d: string): string {
  const map: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const v = map[d.toLowerCase()] ?? d;
  if (v.length !== 1) throw new UsageError(`--delimiter must be one character (or tab, semicolon, comma, pipe), got "${d}"`);
  return v;
}

/** Open a path (or "-" for stdin) as a source of records. */
export async function openSource(file: string, io: IoOptions, stdin: NodeJS.ReadableStream): Promise<RawSource> {
  const isStdin = file === '-';
  const label = isStdin ? 'stdin' : path.basename(file).replace(/\.[^.]+$/, '') || path.basename(file);
  if (!isStdin) {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new DataError('E_NOT_FOUND', 'no such file', file);
      if (code === 'EACCES') throw new DataError('E_ACCESS', 'permission denied', file);
      throw new DataError('E_READ', (err as Error).message, file);
    }
    if (st.isDirectory()) throw new DataError('E_IS_DIR', 'is a directory, not a file', file);
    if (/\.xlsx$/i.test(file)) return xlsxSource(await readXlsxRows(file, file, io.sheet), file, label, io);
    if (/\.xls$/i.test(file)) throw new DataError('E_XLS', 'old binary .xls is not supported: save it as .xlsx or CSV', file);
  }
  const stream = isStdin ? stdin : fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const name = isStdin ? '<stdin>' : file;

  // Read the first block to sniff encoding and delimiter.
  const parts: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < FIRST_BLOCK) {
    const r = await it.next().catch((err: NodeJS.ErrnoException) => {
      throw new DataError('E_READ', err.message, name);
    });
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    parts.push(b);
    size += b.length;
  }
  const first = Buffer.concat(parts);

  if (isZip(first)) {
    // An .xlsx under another name (or piped in): read it whole.
    const rest: Buffer[] = [first];
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    return xlsxSource(await readXlsxRows(Buffer.concat(rest), name, io.sheet), name, label, io);
  }

  const encoding = io.encoding ? normaliseEncoding(io.encoding) : detectEncoding(first, done).encoding;
  if (!iconv.encodingExists(encoding)) throw new UsageError(`unknown encoding "${io.encoding}"`);
  if (!encoding.startsWith('utf16') && looksBinary(first)) {
    throw new DataError('E_BINARY', 'does not look like CSV text (binary data); for Excel files use .xlsx', name);
  }
  const decoder = createDecoder(encoding, !io.encoding);
  const stats = newStats();
  let parser: CsvParser | undefined;
  /** Decode a chunk (null: the end of input); a byte that is not the declared (or guessed) UTF-8 is an error at its line. */
  const decode = (chunk: Buffer | null): string => {
    try {
      const text = chunk === null ? decoder.end() : decoder.write(chunk);
      if (decoder.switchedAt !== undefined) stats.encodingSwitchLine = (parser?.currentLine ?? 1) + countLf(text, decoder.switchedAt);
      return text;
    } catch (err) {
      if (!(err instanceof EncodingError)) throw err;
      const line = (parser?.currentLine ?? 1) + countLf(err.prefix, err.prefix.length);
      const hint = io.encoding ? 'the file is not UTF-8: try --encoding windows-1252' : 'the file mixes UTF-8 with another encoding (Windows-1252?): convert it to one, or name one with --encoding';
      throw new DataError('E_ENCODING', `${err.message}; ${hint}`, name, line);
    }
  };
  const firstText = decode(first);
  const delimiter = io.delimiter ? parseDelimiterOption(io.delimiter) : sniffDelimiter(firstText);
  parser = new CsvParser(delimiter, name);

  async function* rawRecords(p: CsvParser): AsyncGenerator<CsvRecord[]> {
    let out: CsvRecord[] = [];
    p.push(firstText, out);
    if (out.length) yield out;
    if (!done) {
      for (;;) {
        let r: IteratorResult<Buffer>;
        try {
          r = await it.next();
        } catch (err) {
          throw new DataError('E_READ', (err as Error).message, name);
        }
        if (r.done) break;
        // Parsed in slices: see PARSE_SLICE.
        const buf = r.value;
        for (let off = 0; off < buf.length; off += PARSE_SLICE) {
          out = [];
          p.push(decode(buf.subarray(off, off + PARSE_SLICE)), out);
          if (out.length) yield out;
        }
      }
    }
    out = [];
    const tail = decode(null);
    if (tail) p.push(tail, out);
    p.end(out);
    if (out.length) yield out;
  }

  return shapeSource(rawRecords(parser), name, label, () => decoder.encoding, delimiter, io, stats);
}

function countLf(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function newStats(): SourceStats {
  return { rows: 0, ragged: 0, folded: 0 };
}

async function xlsxSource(rows: string[][], file: string, label: string, io: IoOptions): Promise<RawSource> {
  // Excel leaves wholly empty rows; they carry nothing.
  async function* gen(): AsyncGenerator<CsvRecord[]> {
    const recs: CsvRecord[] = [];
    for (let i = 0; i < rows.length; i++) if (!rows[i].every((v) => v === '')) recs.push({ fields: rows[i], line: i + 1 });
    for (let i = 0; i < recs.length; i += 1024) yield recs.slice(i, i + 1024);
  }
  return shapeSource(gen(), file, label, () => 'xlsx', '', io, newStats());
}

/**
 * Make header names usable: trimmed, never empty, never duplicated. A repeated name gets the
 * first free `_2`, `_3` … suffix, free among all the header's names: `Telefon;Telefon;Telefon_2`
 * becomes `Telefon, Telefon_3, Telefon_2`, so no column is hidden behind another's name.
 */
export function cleanHeader(fields: string[]): string[] {
  const names = fields.map((f, i) => f.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`);
  const taken = new Set(names);
  const used = new Set<string>();
  return names.map((name) => {
    const out = used.has(name) ? uniqueName(name, taken) : name;
    taken.add(out);
    used.add(out);
    return out;
  });
}

/**
 * Fix the header from the first record and the widest row in the lookahead window, then
 * yield records padded (or folded) to exactly that width.
 */
async function shapeSource(
  raw: AsyncGenerator<CsvRecord[]>,
  file: string,
  label: string,
  /** The encoding in use: read when asked, as a late switch (see decode.ts) may change it. */
  encoding: () => string,
  delimiter: string,
  io: IoOptions,
  stats: SourceStats,
): Promise<RawSource> {
  // Pull batches until the header and a lookahead window of records are in hand.
  const pending: CsvRecord[] = [];
  let exhausted = false;
  while (pending.length < LOOKAHEAD + 1) {
    const r = await raw.next();
    if (r.done) {
      exhausted = true;
      break;
    }
    for (const rec of r.value) pending.push(rec);
  }
  if (pending.length === 0) {
    stats.empty = true;
    return { file, label, columns: [], get encoding() { return encoding(); }, delimiter, records: (async function* () {})(), stats };
  }
  const header = cleanHeader((pending.shift() as CsvRecord).fields);
  const width = header.length;
  let maxWidth = width;
  for (const rec of pending) {
    if (io.strict && rec.fields.length !== width) throw raggedError(file, rec, width);
    if (rec.fields.length > maxWidth) maxWidth = rec.fields.length;
  }
  const columns = header.slice();
  const taken = new Set(columns);
  for (let k = width + 1; k <= maxWidth; k++) {
    const name = uniqueName(`_extra_${k - width}`, taken);
    taken.add(name);
    columns.push(name);
  }
  const total = columns.length;
  const joiner = delimiter || ';';

  function fit(rec: CsvRecord): CsvRecord {
    const f = rec.fields;
    if (f.length === total) {
      if (total !== width) stats.ragged++;
      return rec;
    }
    if (f.length !== width) {
      if (io.strict) throw raggedError(file, rec, width);
      stats.ragged++;
    }
    if (f.length < total) {
      while (f.length < total) f.push('');
      return rec;
    }
    // Wider than anything seen in the lookahead: keep the surplus, joined, in the last column.
    stats.folded++;
    const kept = f.slice(0, total - 1);
    kept.push(f.slice(total - 1).join(joiner));
    return { fields: kept, line: rec.line };
  }

  function fitAll(batch: CsvRecord[]): CsvRecord[] {
    stats.rows += batch.length;
    for (let i = 0; i < batch.length; i++) batch[i] = fit(batch[i]);
    return batch;
  }

  async function* records(): AsyncGenerator<CsvRecord[]> {
    for (let i = 0; i < pending.length; i += 1024) yield fitAll(pending.slice(i, i + 1024));
    pending.length = 0;
    if (exhausted) return;
    for await (const batch of raw) yield fitAll(batch);
  }

  return { file, label, columns, get encoding() { return encoding(); }, delimiter, records: records(), stats };
}

/** `name`, or the first of `name_2`, `name_3` … that is not taken. */
function uniqueName(name: string, taken: Set<string>): string {
  let n = name;
  let k = 2;
  while (taken.has(n)) n = `${name}_${k++}`;
  return n;
}

function raggedError(file: string, rec: CsvRecord, width: number): DataError {
  return new DataError('E_RAGGED', `row has ${rec.fields.length} fields, the header has ${width}`, file, rec.line);
}
