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
 * True when the block looks like binary data: more than a tenth control characters (NUL
 * included). A few NUL bytes in a list (fields padded by an old export) are data, kept and
 * reported by the reader, not a reason to refuse the file.
 */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.1;
}

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

const CANDIDATES = [';', ',', '\t', '|'];

/**
 * Pick the delimiter from the first lines: per candidate, count occurrences outside quotes on
 * each line; prefer the one that appears on the header line and has the same count on most
 * lines, then the higher count. `;` wins ties because German exports use it with `,` decimals.
 */
export function sniffDelimiter(text: string, maxLines = 50): string {
  const lines = splitLogicalLines(text, maxLines);
  if (lines.length === 0) return ',';
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const head = counts[0];
    if (head === 0) continue;
    // A last line may be cut off by the block boundary: judge on complete ones when possible.
    const body = counts.length > 2 ? counts.slice(1, -1) : counts.slice(1);
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
