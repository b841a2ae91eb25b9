/**
 * Streaming decoding of an input whose encoding was fixed (or guessed) from its first block.
 *
 * The guess looks at the first 64 KB only. A list whose first umlaut comes later (a vendor file
 * sorted by postcode, say) would otherwise have every later Windows-1252 byte replaced by U+FFFD
 * without a word. So UTF-8 is decoded strictly: if everything before the first invalid byte was
 * ASCII and the encoding was a guess, the input is Windows-1252 from the start (ASCII reads the
 * same in both) and decoding switches there; otherwise the input mixes encodings, or is not the
 * UTF-8 the user declared, and that is an error at the line of the first bad byte.
 */
import iconv from 'iconv-lite';

export interface TextChunkDecoder {
  /** The encoding in use now (changes once, from utf8 to windows-1252, on a late switch). */
  readonly encoding: string;
  /**
   * Decode the next chunk. On a late switch, `switchedAt` is set to the text offset of the first
   * non-ASCII character in the returned text.
   */
  write(chunk: Buffer): string;
  end(): string;
  switchedAt: number | undefined;
}

/**
 * Thrown for bytes that are not UTF-8 when UTF-8 was declared or seen, and for UTF-8 letters in
 * an input guessed to be Windows-1252: the input mixes encodings.
 */
export class EncodingError extends Error {
  constructor(
    message: string,
    /** The text of the chunk before the bad byte (to place it: count the lines in it). */
    readonly prefix: string,
  ) {
    super(message);
  }
}

export function createDecoder(encoding: string, guessed: boolean): TextChunkDecoder {
  if (encoding === 'utf8') return new Utf8Decoder(guessed);
  // iconv-lite, which decodes Windows-1252's 0x80–0x9F (€ „ Ž) correctly on Node 20.
  const d = iconv.getDecoder(encoding);
  if (encoding === 'windows-1252' && guessed) return new GuessedWindows1252Decoder(d);
  return { encoding, write: (b) => d.write(b), end: () => d.end() ?? '', switchedAt: undefined };
}

/**
 * Windows-1252 by guess: a UTF-8 letter from the Latin-1 block (C3 80–BF: ä ö ü ß é …) means
 * part of the input is UTF-8, which would come out as "Ã¶"; in Windows-1252 text "Ã" followed by
 * one of € ‚ ƒ „ … ¡ ¢ … ¿ does not occur. Such mixed input is an error, not mojibake.
 */
class GuessedWindows1252Decoder implements TextChunkDecoder {
  readonly encoding = 'windows-1252';
  switchedAt: number | undefined;
  /** The previous chunk ended in C3: a UTF-8 letter may straddle the two. */
  private lastC3 = false;
  constructor(private readonly d: iconv.DecoderStream) {}

  write(chunk: Buffer): string {
    if (this.lastC3 && chunk.length > 0 && chunk[0] >= 0x80 && chunk[0] <= 0xbf) {
      const letter = Buffer.from([0xc3, chunk[0]]).toString('utf8');
      throw new EncodingError(`UTF-8 "${letter}" (bytes C3 ${hex(chunk[0])}) in a file otherwise read as Windows-1252`, '');
    }
    this.lastC3 = chunk.length > 0 && chunk[chunk.length - 1] === 0xc3;
    for (let i = chunk.indexOf(0xc3); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(0xc3, i + 1)) {
      const next = chunk[i + 1];
      if (next >= 0x80 && next <= 0xbf) {
        const letter = Buffer.from([0xc3, next]).toString('utf8');
        const prefix = iconv.decode(chunk.subarray(0, i), 'windows-1252');
        throw new EncodingError(`UTF-8 "${letter}" (bytes C3 ${hex(next)}) in a file otherwise read as Windows-1252`, prefix);
      }
    }
    return this.d.write(chunk);
  }

  end(): string {
    return this.d.end() ?? '';
  }
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

class Utf8Decoder implements TextChunkDecoder {
  encoding = 'utf8';
  switchedAt: number | undefined;
  private readonly td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private fallback: TextChunkDecoder | undefined;
  /** Every byte so far was ASCII (so a switch to Windows-1252 changes nothing already read). */
  private ascii = true;

  constructor(private readonly guessed: boolean) {}

  write(chunk: Buffer): string {
    this.switchedAt = undefined;
    if (this.fallback) return this.fallback.write(chunk);
    let text: string;
    try {
      text = this.td.decode(chunk, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(chunk, !this.ascii);
      if (this.guessed && this.ascii && isAscii(chunk, bad)) {
        this.encoding = 'windows-1252';
        this.fallback = new GuessedWindows1252Decoder(iconv.getDecoder('windows-1252'));
        this.switchedAt = bad;
        return this.fallback.write(chunk);
      }
      // Lines before the bad byte: the chunk's start may continue a character begun in the
      // previous chunk (at most 3 bytes); that character does not matter for counting lines.
      const prefix = new TextDecoder('utf-8').decode(chunk.subarray(0, bad));
      throw new EncodingError(`invalid UTF-8 (byte 0x${hex(chunk[bad] ?? 0)})`, prefix);
    }
    // One UTF-16 unit per byte means every byte was ASCII (a character split across chunks
    // leaves fewer units than bytes, so it counts as non-ASCII: the safe side).
    if (this.ascii && text.length !== chunk.length) this.ascii = false;
    return text;
  }

  end(): string {
    this.switchedAt = undefined;
    if (this.fallback) return this.fallback.end();
    try {
      return this.td.decode();
    } catch {
      throw new EncodingError('the input ends inside a UTF-8 character', '');
    }
  }
}

function isAscii(b: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; i++) if (b[i] >= 0x80) return false;
  return true;
}

/**
 * Offset of the first byte that cannot be UTF-8 (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF). With `continued`, continuation bytes at the very start are taken as the end
 * of a character begun in an earlier chunk; a sequence cut off by the end of the block is not
 * invalid.
 * Returns the block's length when every byte is valid.
 */
export function firstInvalidUtf8(b: Uint8Array, continued = false): number {
  const n = b.length;
  let i = 0;
  while (continued && i < n && i < 3 && (b[i] & 0xc0) === 0x80) i++;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return n;
      const d = b[i + k];
      if (k === 1 ? d < lo || d > hi : (d & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return n;
}
