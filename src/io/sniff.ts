/**
 * Guessing what a byte stream is: encoding from the BOM or a strict UTF-8 check, delimiter from
 * the first lines. Pure functions over the first block of the input.
 */

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252' | string;

export interface EncodingGuess {
  encoding: Encoding;
  /** Bytes to skip at the start (the BOM). */
  bomLength: number;
}

const ENCODING_ALIASES: Record<string, string> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'utf-16le': 'utf16le',
  utf16le: 'utf16le',
  'utf-16be': 'utf16be',
  utf16be: 'utf16be',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  ansi: 'windows-1252',
};

/** Normalise a user-given encoding name; unknown names pass through to iconv-lite. */
export function normaliseEncoding(name: string): string {
  const k = name.trim().toLowerCase();
  return ENCODING_ALIASES[k] ?? k;
}

export function detectBom(buf: Uint8Array): EncodingGuess | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  return undefined;
}

/**
 * Strict UTF-8 check of a block that may end in the middle of a character: the incomplete
 * tail (at most 3 bytes) is ignored rather than counted as invalid.
 */
export function isValidUtf8(buf: Uint8Array, isWhole: boolean): boolean {
  let end = buf.length;
  if (!isWhole) {
    // Step back over a trailing, possibly incomplete sequence.
    let k = end - 1;
    let back = 0;
    while (k >= 0 && back < 3 && (buf[k] & 0xc0) === 0x80) {
      k--;
      back++;
    }
    if (k >= 0 && buf[k] >= 0xc0) {
      const need = buf[k] >= 0xf0 ? 4 : buf[k] >= 0xe0 ? 3 : 2;
      if (end - k < need) end = k;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectEncoding(buf: Uint8Array, isWhole: boolean): EncodingGuess {
  const bom = detectBom(buf);
  if (bom) return bom;
  return { encoding: isValidUtf8(buf, isWhole) ? 'utf8' : 'windows-1252', bomLength: 0 };
}

/**
 * Known binary formats by their first bytes, with what to do about them. Compressed lists are
 * common enough (vendor downloads, log-rotated exports) to deserve their own advice.
 */
const MAGIC: Array<[number[], string]> = [
  [[0x1f, 0x8b], 'is gzip-compressed, not CSV text: gunzip it first (or pipe it in: zcat FILE | leadkit …)'],
  [[0x42, 0x5a, 0x68], 'is bzip2-compressed, not CSV text: bunzip2 it first'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'is xz-compressed, not CSV text: unxz it first'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'is zstd-compressed, not CSV text: unzstd it first'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'is a 7-Zip archive, not CSV text: extract it first'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'is a RAR archive, not CSV text: extract it first'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'is a PDF document, not CSV text: export the table from its source as CSV or .xlsx'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'is a PNG image, not CSV text'],
  [[0xff, 0xd8, 0xff], 'is a JPEG image, not CSV text'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'is an old binary Office file (.xls/.doc), not CSV text: save it as .xlsx or CSV'],
  [[0x7f, 0x45, 0x4c, 0x46], 'is an executable (ELF), not CSV text'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], 'is an SQLite database, not CSV text: export the table as CSV'],
];

/** bzip2's "BZh" could begin a CSV header; its first block starts with the digits of pi (31 41 59 26 53 59). */
const BZIP2_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];

const GENERIC_BINARY = 'does not look like CSV text (binary data: mostly control characters); for Excel files use .xlsx, for UTF-16 or UTF-32 text name it with --encoding';

/**
 * Why the block is not CSV text (a one-line message, without the file name), or undefined when
 * it may be. Binary is: a known format by its first bytes; or control bytes other than NUL, tab,
 * line breaks, form feed and ESC in more than 3 % of the first 8 KB (random bytes have ~10 %); or
 * no line break at all among more than a tenth of control bytes NUL included; or the zero bytes of
 * UTF-16 / UTF-32 text (every other or three in four bytes; the reader looks for UTF-16 first).
 * NUL bytes alone are data: a fixed-width export padded with \0 keeps its line breaks, and the
 * reader marks those rows import_status=nul_byte.
 */
export function binaryKind(buf: Uint8Array): string | undefined {
  for (const [magic, message] of MAGIC) {
    if (buf.length >= magic.length && magic.every((b, i) => buf[i] === b)) {
      if (magic[0] === 0x42 && !(buf[3] >= 0x31 && buf[3] <= 0x39 && BZIP2_BLOCK.every((b, i) => buf[4 + i] === b))) continue;
      return message;
    }
  }
  const n = Math.min(buf.length, 8192);
  if (n === 0) return undefined;
  let nul = 0;
  let other = 0;
  let breaks = 0;
  /** Non-zero bytes by offset modulo 4 (UTF-16/32 text puts its letters on one of them). */
  const nonZeroAt = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) nul++;
    else {
      nonZeroAt[i & 3]++;
      if (b === 0x0a || b === 0x0d) breaks++;
      else if (b < 9 || (b > 13 && b < 32 && b !== 0x1b)) other++;
    }
  }
  if (other / n > 0.03) return GENERIC_BINARY;
  const nonZero = n - nul;
  if (n >= 16 && nul / n > 0.3 && nonZero > 0) {
    const even = nonZeroAt[0] + nonZeroAt[2];
    const ones = Math.max(...nonZeroAt);
    if (Math.max(even, nonZero - even) > 0.9 * nonZero || (nul / n > 0.5 && ones > 0.9 * nonZero)) {
      return 'looks like UTF-16 or UTF-32 text without a BOM (zero bytes in every other or every fourth position): name its encoding with --encoding (utf-16le, utf-16be, utf-32le, utf-32be)';
    }
  }
  if (breaks === 0 && (nul + other) / n > 0.1) return GENERIC_BINARY;
  return undefined;
}

/** True when the block is not CSV text: see binaryKind. */
export function looksBinary(buf: Uint8Array): boolean {
  return binaryKind(buf) !== undefined;
}

/**
 * UTF-16 without a BOM: text in it that is mostly ASCII has a zero byte beside every letter, on
 * the odd offsets for little-endian and the even ones for big-endian. Stricter than the zero
 * bytes alone, so that a short UTF-8 file is not read as Chinese: at least 8 characters; a line
 * break or delimiter (, ; TAB |) among them as a whole UTF-16 unit (0A 00 at an even offset for
 * little-endian); and not valid UTF-8 with non-ASCII letters (Latin text in UTF-16 puts a zero
 * after each of them, FC 00 for ü, which UTF-8 never has).
 */
export function guessUtf16(b: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  const n = Math.min(b.length, 8192) & ~1;
  if (n < 16) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  let high = false;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
    if (b[i] >= 0x80 || b[i + 1] >= 0x80) high = true;
  }
  const half = n / 2;
  const kind = oddZero > 0.6 * half && evenZero < 0.05 * half ? 'utf16le' : evenZero > 0.6 * half && oddZero < 0.05 * half ? 'utf16be' : undefined;
  if (!kind) return undefined;
  if (high && isValidUtf8(b.subarray(0, n), false)) return undefined;
  const lo = kind === 'utf16le' ? 0 : 1;
  for (let i = 0; i < n; i += 2) {
    if (b[i + 1 - lo] === 0 && STRUCTURAL.has(b[i + lo])) return kind;
  }
  return undefined;
}

/** Line breaks and the delimiter candidates: every list has some of them. */
const STRUCTURAL = new Set([0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x7c]);

/**
 * When bytes that are not UTF-16 are read as UTF-16 (`--encoding utf-16le` on a UTF-8 file),
 * every pair of ASCII bytes becomes one CJK-looking character, and the line breaks and
 * delimiters vanish into them: the whole file is one header cell and no rows. So: if the first
 * characters decoded as `encoding` hold no line break and no delimiter, though the raw bytes
 * hold line-break bytes, this is the one-line message (without the file name) that says so;
 * otherwise undefined. Applies to utf16le / utf16be (utf16 and ucs2 by their BOM); other
 * encodings give undefined.
 */
export function utf16Mismatch(raw: Uint8Array, encoding: string): string | undefined {
  const e = encoding.toLowerCase().replace(/[-_]/g, '');
  let le: boolean;
  if (e === 'utf16le' || e === 'ucs2') le = true;
  else if (e === 'utf16be') le = false;
  else if (e === 'utf16') le = !(raw[0] === 0xfe && raw[1] === 0xff);
  else return undefined;
  const bom = (le && raw[0] === 0xff && raw[1] === 0xfe) || (!le && raw[0] === 0xfe && raw[1] === 0xff) ? 2 : 0;
  const n = (Math.min(raw.length, 8192) - bom) & ~1;
  if (n < 16) return undefined;
  const lo = le ? 0 : 1;
  let rawBreaks = false;
  for (let i = bom; i < bom + n; i += 2) {
    if (raw[i + 1 - lo] === 0 && STRUCTURAL.has(raw[i + lo])) return undefined;
    if (raw[i] === 0x0a || raw[i] === 0x0d || raw[i + 1] === 0x0a || raw[i + 1] === 0x0d) rawBreaks = true;
  }
  if (!rawBreaks) return undefined;
  const name = le ? 'UTF-16LE' : 'UTF-16BE';
  const head = raw.subarray(0, Math.min(raw.length, 8192));
  const other = guessUtf16(head.subarray(bom));
  const likely = other ? (other === 'utf16le' ? 'utf-16le' : 'utf-16be') : isValidUtf8(head, head.length === raw.length) ? 'utf-8' : 'windows-1252';
  return (
    `read as ${name} the text has no line break and no delimiter, though the bytes have line breaks ` +
    `(pairs of bytes became characters like "${sampleCjk(raw, bom, n, le)}"): it is not ${name}; try --encoding ${likely}, or leave --encoding out to detect it`
  );
}

/** The first few characters as they come out read as UTF-16, when they are printable. */
function sampleCjk(raw: Uint8Array, start: number, n: number, le: boolean): string {
  let out = '';
  for (let i = start; i < start + n && out.length < 4; i += 2) {
    const u = le ? raw[i] | (raw[i + 1] << 8) : (raw[i] << 8) | raw[i + 1];
    if (u < 0x3000 || (u >= 0xd800 && u <= 0xdfff) || u >= 0xe000) continue;
    out += String.fromCharCode(u);
  }
  return out || '…';
}

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

const CANDIDATES = [';', ',', '\t', '|'];

/** sniffDelimiter's answer for a file of one column: no delimiter at all (see CsvParser). */
export const ONE_COLUMN = '';

/**
 * Pick the delimiter from the first lines: per candidate, count occurrences outside quotes on
 * each line; prefer the one that appears on the header line and has the same count on most
 * lines, then the higher count. `;` wins ties because German exports use it with `,` decimals.
 * A header with no candidate in it is a one-column list; when some rows still hold one (an
 * occupation list, "Kaufmann/-frau, Büromanagement"), a varying number of them per line says they
 * are text, not fields: ONE_COLUMN, so those rows are not read as ragged. (Without any in the
 * rows "," is as good as none and is kept; the same count on every row is left to "," as well.)
 */
export function sniffDelimiter(text: string, maxLines = 50): string {
  const lines = splitLogicalLines(text, maxLines);
  if (lines.length === 0) return ',';
  // A last line may be cut off by the block boundary: judge on complete ones when possible.
  const bodyOf = (counts: number[]) => (counts.length > 2 ? counts.slice(1, -1) : counts.slice(1));
  if (CANDIDATES.every((d) => countOutsideQuotes(lines[0], d) === 0)) {
    const varies = CANDIDATES.some((d) => new Set(bodyOf(lines.map((l) => countOutsideQuotes(l, d)))).size > 1);
    return varies ? ONE_COLUMN : ',';
  }
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const head = counts[0];
    if (head === 0) continue;
    const body = bodyOf(counts);
    const consistent = body.length === 0 ? 1 : body.filter((c) => c === head).length / body.length;
    const score = consistent * 1000 + Math.min(head, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Split into lines, keeping quoted newlines inside their line. */
function splitLogicalLines(text: string, maxLines: number): string[] {
  const out: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && out.length < maxLines; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if ((c === '\n' || c === '\r') && !inQuotes) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length < maxLines && start < text.length) out.push(text.slice(start));
  return out.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) n++;
  }
  return n;
}
