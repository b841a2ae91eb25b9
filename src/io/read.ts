import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { Cp1252Check, createDecoder, EncodingError } from './decode.js';
import { binaryKind, detectEncoding, guessUtf16, isZip, normaliseEncoding, sniffDelimiter, utf16Mismatch } from './sniff.js';
import { readXlsxRowsAside as readXlsxRows } from './xlsx-read-aside.js';
import { noteInputMode } from './file-mode.js';
import { CUT_EVIDENCE_BYTES } from './sink.js';
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
  /** Rows split off a quoted field that a stray `"` had run across lines (see CsvParser). */
  strayQuote: number;
  /** Lines where those stray quotes opened (the first few). */
  strayQuoteLines: number[];
  /** Rows with a NUL byte in a field. */
  controlChars: number;
  /** The first line with one. */
  controlCharLine?: number;
  /** Warnings of the reader, each naming the file (xlsx: formula cells without a saved value). */
  warnings?: string[];
  /** The encoding was guessed from the bytes without a BOM (UTF-16 by its zero bytes). */
  encodingGuessed?: string;
  /** Rows with more fields than even the `_extra_N` columns hold: the surplus was joined into the last one. */
  folded: number;
  /** No header at all (an empty input). */
  empty?: boolean;
  /**
   * The guess was UTF-8 (the first block was ASCII) and a later byte was not: the input was read
   * as Windows-1252, which this line is the first to need.
   */
  encodingSwitchLine?: number;
  /** Read as Windows-1252: rows with undefined bytes or UTF-8 characters (see Cp1252Check). */
  cp1252?: Cp1252Check;
}

/** One opened input: its header and its records, normalised to the header's width. */
export interface RawSource {
  /** As the user named it (for messages). */
  file: string;
  /** Basename without extension ("stdin" for standard input). */
  label: string;
  /** A regular file's modification time (import's guessed delivery date); undefined for standard input and pipes. */
  modified?: Date;
  columns: string[];
  encoding: string;
  delimiter: string;
  /** Records in batches (one per input chunk). */
  records: AsyncIterable<CsvRecord[]>;
  stats: SourceStats;
  /**
   * The first records' fields (up to SAMPLE_ROWS), read ahead anyway to fix the header: import
   * reads them to settle headers whose meaning depends on the values ("Title": Mr. or CEO?).
   */
  sample?: readonly (readonly string[])[];
}

/** Records handed to import as the values sample (a part of the lookahead window, read anyway). */
const SAMPLE_ROWS = 1000;

export function parseDelimiterOption(d: string): string {
  const map: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const v = map[d.toLowerCase()] ?? d;
  if (v.length !== 1) throw new UsageError(`--delimiter must be one character (or tab, semicolon, comma, pipe), got ${JSON.stringify(d)}`);
  // A line break ends records and a quote quotes fields: as a delimiter either would turn the
  // data into something else (every line one header column).
  if (v === '\n' || v === '\r' || v === '"' || v === '\uFEFF') throw new UsageError(`--delimiter cannot be ${JSON.stringify(v)}: line breaks, quotes and the BOM have their own meaning in CSV`);
  return v;
}


/**
 * An input that is a pipe, socket or terminal rather than a file: when it ends without a final
 * line break, the program writing it most likely died mid-row.
 */
function isStreamInput(file: string, st: fs.Stats | undefined, stdin: NodeJS.ReadableStream): boolean {
  if (st) return st.isFIFO() || st.isSocket() || st.isCharacterDevice();
  if (stdin !== process.stdin) return true;
  try {
    return !fs.fstatSync(0).isFile();
  } catch {
    return true;
  }
}

/** Open a path (or "-" for stdin) as a source of records. */
export async function openSource(file: string, io: IoOptions, stdin: NodeJS.ReadableStream): Promise<RawSource> {
  const isStdin = file === '-';
  const label = isStdin ? 'stdin' : path.basename(file).replace(/\.[^.]+$/, '') || path.basename(file);
  let st: fs.Stats | undefined;
  if (!isStdin) {
    try {
      st = await fs.promises.stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new DataError('E_NOT_FOUND', 'no such file', file);
      if (code === 'EACCES') throw new DataError('E_ACCESS', 'permission denied', file);
      throw new DataError('E_READ', (err as Error).message, file);
    }
    if (st.isDirectory()) throw new DataError('E_IS_DIR', 'is a directory, not a file', file);
    noteInputMode(st);
    if (/\.xlsx$/i.test(file)) {
      const warnings: string[] = [];
      const src = await xlsxSource(await readXlsxRows(file, file, io.sheet, (m) => warnings.push(m)), file, label, io, warnings);
      if (st.isFile()) src.modified = st.mtime;
      return src;
    }
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
  const streamInput = isStreamInput(file, st, stdin);
  if (streamInput && done && first.length === 0) {
    // Nothing at all through a pipe: the command before us most likely failed before writing
    // its header, and an empty output must not replace yesterday's (an empty file is read as
    // empty, with a warning).
    throw new DataError('E_EMPTY_INPUT', 'the input is empty (not even a header): the command writing it probably failed, so nothing is written', name);
  }

  if (isZip(first)) {
    // An .xlsx under another name (or piped in): read it whole.
    const rest: Buffer[] = [first];
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    const warnings: string[] = [];
    const src = await xlsxSource(await readXlsxRows(Buffer.concat(rest), name, io.sheet, (m) => warnings.push(m)), name, label, io, warnings);
    if (st?.isFile()) src.modified = st.mtime;
    return src;
  }

  const stats = newStats();
  let encoding = io.encoding ? normaliseEncoding(io.encoding) : detectEncoding(first, done).encoding;
  if (!iconv.encodingExists(encoding)) throw new UsageError(`unknown encoding "${io.encoding}" (known: utf-8, windows-1252, iso-8859-15, utf-16le, utf-16be, …)`);
  if (!io.encoding && encoding !== 'utf16le' && encoding !== 'utf16be') {
    const utf16 = guessUtf16(first);
    if (utf16) {
      encoding = utf16;
      stats.encodingGuessed = utf16;
    }
  }
  const multiByte = /^(utf-?(16|32)|ucs)/i.test(encoding);
  const binary = multiByte ? undefined : binaryKind(first);
  if (binary) throw new DataError('E_BINARY', binary, name);
  const notUtf16 = multiByte ? utf16Mismatch(first, encoding) : undefined;
  if (notUtf16) throw new DataError('E_ENCODING', notUtf16, name);
  const decoder = createDecoder(encoding, !io.encoding);
  /**
   * Decoders other than UTF-8 (which is strict) put U+FFFD where the bytes do not fit. In
   * Windows-1252 only five bytes do not, and those rows are marked instead (stats.cp1252).
   */
  const checkReplacement = io.encoding !== undefined && encoding !== 'utf8' && encoding !== 'windows-1252' || multiByte;
  const cp1252 = (stats.cp1252 = new Cp1252Check());
  let parser: CsvParser | undefined;
  /** Decode a chunk (null: the end of input); a byte that is not the declared (or guessed) UTF-8 is an error at its line. */
  const decode = (chunk: Buffer | null): string => {
    try {
      const text = chunk === null ? decoder.end() : decoder.write(chunk);
      if (decoder.switchedAt !== undefined) stats.encodingSwitchLine = (parser?.currentLine ?? 1) + countLf(text, decoder.switchedAt);
      if (checkReplacement) {
        const bad = text.indexOf('\uFFFD');
        if (bad !== -1) {
          throw new DataError(
            'E_ENCODING',
            `the bytes here are not valid ${decoder.encoding}: name the file's encoding with --encoding (utf-8, windows-1252, utf-16le, utf-16be) or leave --encoding out to detect it`,
            name,
            (parser?.currentLine ?? 1) + countLf(text, bad),
          );
        }
      }
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

  /** The last character of the input read so far (to tell a complete last line from a cut one). */
  let lastChar = '';
  /** Bytes read so far (a pipe's unterminated last line is a cut only from CUT_EVIDENCE_BYTES on). */
  let bytesRead = first.length;
  /**
   * NUL bytes are data, but worth marking. They are looked for in the raw bytes, where a
   * search costs next to nothing (in UTF-8 and single-byte encodings a zero byte is U+0000 and
   * nothing else); in UTF-16 text, where every other byte is zero, in the decoded text. A
   * record may end in a later slice than its NUL: the records of the next slice that yields any
   * are searched too.
   */
  let nulPending = false;
  const byteNul = !multiByte;
  /** Parse a slice of text decoded from `bytes` (null: the end of input). */
  const parse = (p: CsvParser, text: string, bytes: Uint8Array | null, out: CsvRecord[]) => {
    if (text.length) lastChar = text[text.length - 1];
    p.push(text, out);
    const nul = byteNul ? bytes !== null && bytes.indexOf(0) !== -1 : text.indexOf('\0') !== -1;
    if (nul) nulPending = true;
    if (nulPending) markNul(out, nul);
    if (decoder.encoding === 'windows-1252') cp1252.check(text, out);
  };
  const markNul = (out: CsvRecord[], sliceHasNul: boolean) => {
    for (const rec of out) {
      if (!rec.fields.some((f) => f.indexOf('\0') !== -1)) continue;
      stats.controlChars++;
      stats.controlCharLine ??= rec.line;
      rec.control = true;
    }
    if (out.length && !sliceHasNul) nulPending = false;
  };

  async function* rawRecords(p: CsvParser): AsyncGenerator<CsvRecord[]> {
    let out: CsvRecord[] = [];
    parse(p, firstText, first, out);
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
        bytesRead += buf.length;
        for (let off = 0; off < buf.length; off += PARSE_SLICE) {
          out = [];
          const slice = buf.subarray(off, off + PARSE_SLICE);
          parse(p, decode(slice), slice, out);
          if (out.length) yield out;
        }
      }
    }
    out = [];
    let tail = '';
    try {
      tail = decode(null);
    } catch (err) {
      // A pipe cut inside a character ("ö" is two bytes) is a cut like any other.
      if (!(streamInput && bytesRead >= CUT_EVIDENCE_BYTES && err instanceof DataError && err.code === 'E_ENCODING')) throw err;
      lastChar = '\uFFFD';
    }
    if (tail) parse(p, tail, null, out);
    const line = p.currentLine;
    p.end(out);
    const unterminated = lastChar !== '\n' && lastChar !== '\r' && lastChar !== '';
    if (streamInput && (p.endedInQuote || (unterminated && bytesRead >= CUT_EVIDENCE_BYTES))) {
      // A pipe that stops mid-row: the command writing it failed or was killed. The rows so far
      // are not the whole list, and must not replace yesterday's output. A short one without a
      // final line break (`printf 'a,b\n1,2' | leadkit import`) is taken as typed, not cut:
      // leadkit's own output, killed mid-run, is empty or at least CUT_EVIDENCE_BYTES long
      // without a final line break (see sink.ts). (Another program cut off before that much is
      // not caught.)
      throw new DataError(
        'E_TRUNCATED',
        `the input ${p.endedInQuote ? 'ended inside a quoted field' : 'ended without a final line break'}: the command writing it probably failed, so the rows are incomplete (if the data really ends so, read it from a file)`,
        name,
        p.endedInQuote ? (p.strayQuotes[p.strayQuotes.length - 1]?.line ?? line) : line,
      );
    }
    if (nulPending) markNul(out, false);
    cp1252.finish(out);
    for (const q of p.strayQuotes) {
      if (stats.strayQuoteLines.length < 5) stats.strayQuoteLines.push(q.line);
    }
    if (out.length) yield out;
  }

  const src = await shapeSource(rawRecords(parser), name, label, () => decoder.encoding, delimiter, io, stats);
  if (st?.isFile()) src.modified = st.mtime;
  return src;
}

function countLf(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function newStats(): SourceStats {
  return { rows: 0, ragged: 0, folded: 0, strayQuote: 0, strayQuoteLines: [], controlChars: 0 };
}

/** UTF-16 without a BOM (moved to sniff.ts with the other guesses; exported here as before). */
export { guessUtf16 };



async function xlsxSource(rows: string[][], file: string, label: string, io: IoOptions, warnings: string[]): Promise<RawSource> {
  // Excel leaves wholly empty rows; they carry nothing.
  async function* gen(): AsyncGenerator<CsvRecord[]> {
    const recs: CsvRecord[] = [];
    for (let i = 0; i < rows.length; i++) if (!rows[i].every((v) => v === '')) recs.push({ fields: rows[i], line: i + 1 });
    for (let i = 0; i < recs.length; i += 1024) yield recs.slice(i, i + 1024);
  }
  return shapeSource(gen(), file, label, () => 'xlsx', '', io, { ...newStats(), warnings });
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
  // Headerless input (--no-header): the first record is data, and columns are named by position.
  const header = io.noHeader ? pending[0].fields.map((_, i) => `col${i + 1}`) : cleanHeader((pending.shift() as CsvRecord).fields);
  const width = header.length;
  let maxWidth = width;
  for (const rec of pending) {
    if (io.strict && rec.issue === 'stray_quote') throw strayQuoteError(file, rec);
    if (io.strict && rec.fields.length !== width) throw raggedError(file, rec, width);
    if (rec.fields.length > maxWidth) maxWidth = rec.fields.length;
  }
  const columns = header.slice();
  const taken = new Set(columns);
  for (let k = width + 1; k <= maxWidth; k++) {
    const name = uniqueName(io.noHeader ? `col${k}` : `_extra_${k - width}`, taken);
    taken.add(name);
    columns.push(name);
  }
  const total = columns.length;
  const joiner = delimiter || ';';

  function fit(rec: CsvRecord): CsvRecord {
    const f = rec.fields;
    if (rec.issue === 'stray_quote') {
      if (io.strict) throw strayQuoteError(file, rec);
      stats.strayQuote++;
    }
    if (f.length === total) {
      if (total !== width) {
        stats.ragged++;
        rec.issue ??= 'ragged';
      }
      return rec;
    }
    if (f.length !== width) {
      if (io.strict) throw raggedError(file, rec, width);
      stats.ragged++;
      rec.issue ??= 'ragged';
    }
    if (f.length < total) {
      while (f.length < total) f.push('');
      return rec;
    }
    // Wider than anything seen in the lookahead: keep the surplus, joined, in the last column.
    stats.folded++;
    const kept = f.slice(0, total - 1);
    kept.push(f.slice(total - 1).join(joiner));
    return { fields: kept, line: rec.line, issue: rec.issue === 'stray_quote' ? rec.issue : 'folded', control: rec.control, encodingIssue: rec.encodingIssue };
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

  // Copied on first use only (import's header mapping reads it before the records): the other
  // commands never ask, and a wide file's thousand rows are not held twice for them.
  let sample: (readonly string[])[] | undefined;
  return {
    file,
    label,
    columns,
    get encoding() {
      return encoding();
    },
    delimiter,
    records: records(),
    stats,
    get sample() {
      return (sample ??= pending.slice(0, SAMPLE_ROWS).map((r) => r.fields.slice()));
    },
  };
}

/** `name`, or the first of `name_2`, `name_3` … that is not taken. */
function uniqueName(name: string, taken: Set<string>): string {
  let n = name;
  let k = 2;
  while (taken.has(n)) n = `${name}_${k++}`;
  return n;
}

function strayQuoteError(file: string, rec: CsvRecord): DataError {
  return new DataError(
    'E_STRAY_QUOTE',
    'a quoted field opened here runs across line breaks over what look like whole rows (a stray "?); without --strict they are split at the line breaks and marked import_status=stray_quote',
    file,
    rec.line,
  );
}

function raggedError(file: string, rec: CsvRecord, width: number): DataError {
  return new DataError('E_RAGGED', `row has ${rec.fields.length} fields, the header has ${width}`, file, rec.line);
}
