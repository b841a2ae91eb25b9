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

/* ------------------------------------------------------------------ Windows-1252 findings */

/** How a row read as Windows-1252 may be wrong (the values of import_status). */
export type Cp1252Issue = 'undefined_byte' | 'mixed_encoding';

const cp1252Of = (from: number, to: number): string => iconv.decode(Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i)), 'windows-1252');
const charClass = (chars: string): string => `[${Array.from(new Set(chars), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
/** UTF-8 continuation bytes 80–BF as Windows-1252 shows them (€ ‚ ƒ „ … ¿), U+FFFD for 81 8D 8F 90 9D. */
const CONT = charClass(cp1252Of(0x80, 0xbf));
const CONT_A0 = charClass(cp1252Of(0xa0, 0xbf));
const CONT_TO_9F = charClass(cp1252Of(0x80, 0x9f));
const CONT_FROM_90 = charClass(cp1252Of(0x90, 0xbf));
const CONT_TO_8F = charClass(cp1252Of(0x80, 0x8f));

/**
 * A UTF-8 character as it comes out of a Windows-1252 decoder: "â‚¬" for €, "â€“" for –, "Å\uFFFD"
 * for Ł, "ðŸ™‚" for 🙂. Lead and continuation bytes follow RFC 3629 (no overlongs, no
 * surrogates). Two-byte characters count only up to U+052F (Latin, Greek, Cyrillic): beyond, a
 * Windows-1252 word ending in "ß" or "×" before a quote or "…" ("Gruß“") would look like NKo or
 * Hebrew. C3 80–BF (ä ö ü ß é) in a guessed Windows-1252 file is an error before it gets here
 * (GuessedWindows1252Decoder).
 */
const UTF8_AS_CP1252 =
  `\\u00c2${CONT_A0}|[\\u00c3-\\u00d4]${CONT}` +
  `|\\u00e0${CONT_A0}${CONT}|[\\u00e1-\\u00ec\\u00ee\\u00ef]${CONT}{2}|\\u00ed${CONT_TO_9F}${CONT}` +
  `|\\u00f0${CONT_FROM_90}${CONT}{2}|[\\u00f1-\\u00f3]${CONT}{3}|\\u00f4${CONT_TO_8F}${CONT}{2}`;
const MIXED = new RegExp(UTF8_AS_CP1252);
const MIXED_ALL = new RegExp(UTF8_AS_CP1252, 'g');

/** The record fields this check reads and the mark it sets (see CsvRecord). */
interface MarkableRecord {
  fields: string[];
  line: number;
  encodingIssue?: string;
}

/**
 * What a Windows-1252 reading (guessed or by --encoding) got wrong, row by row, so that it is
 * never silent: (a) the five bytes Windows-1252 leaves undefined (81 8D 8F 90 9D), which the
 * decoder turns into U+FFFD; (b) UTF-8 characters in the file (mixed encodings), which come out
 * as "â‚¬". Rows with either are marked (import_status=undefined_byte / mixed_encoding), and
 * `warnings` sums them up with the first line. A slice is searched as a whole first; only the
 * records of a slice with a finding (or the next slice that completes records, as a record can
 * end in a later slice than its bad bytes) are looked at field by field.
 */
export class Cp1252Check {
  undefinedRows = 0;
  undefinedLine: number | undefined;
  mixedRows = 0;
  mixedLine: number | undefined;
  /** The first UTF-8 character found, as read and as meant ("â‚¬" → "€"). */
  mixedExample: [string, string] | undefined;
  private pending = false;
  /** The end of the previous slice: a sequence may straddle two slices. */
  private carry = '';

  /** Look at a decoded slice; mark the records parsed from it (and from earlier slices' text). */
  check(text: string, out: MarkableRecord[]): void {
    const probe = this.carry + text;
    this.carry = text.slice(-3);
    const hit = probe.indexOf('\uFFFD') !== -1 || MIXED.test(probe);
    if (hit) this.pending = true;
    if (!this.pending) return;
    for (const rec of out) this.mark(rec);
    if (out.length && !hit) this.pending = false;
  }

  /** The last records, completed at the end of the input. */
  finish(out: MarkableRecord[]): void {
    if (this.pending) for (const rec of out) this.mark(rec);
    this.pending = false;
  }

  private mark(rec: MarkableRecord): void {
    let mixed = false;
    let undef = false;
    for (const f of rec.fields) {
      const replaced = f.indexOf('\uFFFD') !== -1;
      if (MIXED.test(f)) {
        mixed = true;
        if (!this.mixedExample) {
          const seen = MIXED.exec(f)![0];
          if (!seen.includes('\uFFFD')) this.mixedExample = [seen, iconv.encode(seen, 'windows-1252').toString('utf8')];
        }
        // A U+FFFD inside a UTF-8 character (Ł = C5 81) belongs to it, not to (a).
        if (replaced && f.replace(MIXED_ALL, '').indexOf('\uFFFD') !== -1) undef = true;
      } else if (replaced) undef = true;
    }
    if (!mixed && !undef) return;
    if (undef) {
      this.undefinedRows++;
      this.undefinedLine ??= rec.line;
    }
    if (mixed) {
      this.mixedRows++;
      this.mixedLine ??= rec.line;
    }
    const issue = mixed && undef ? 'mixed_encoding;undefined_byte' : mixed ? 'mixed_encoding' : 'undefined_byte';
    rec.encodingIssue = rec.encodingIssue ? `${rec.encodingIssue};${issue}` : issue;
  }

  /**
   * One warning per kind of finding, each naming the file, the count and the first line.
   * `marked`: the rows went out with an import_status column (import's always do).
   */
  warnings(file: string, marked = true): string[] {
    const markedAs = (v: string) => (marked ? `marked import_status=${v}` : 'not marked (the output has no import_status column; leadkit import marks every row)');
    const out: string[] = [];
    const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row has' : 'rows have'}`;
    if (this.undefinedRows > 0) {
      out.push(
        `${file}: ${rows(this.undefinedRows)} bytes that Windows-1252 does not define (81, 8D, 8F, 90 or 9D; first at line ${this.undefinedLine}), kept as "\uFFFD" and ${markedAs('undefined_byte')}: ` +
          'the file may be in another encoding (windows-1250 for Polish or Czech, windows-1251 for Cyrillic, utf-8): name it with --encoding',
      );
    }
    if (this.mixedRows > 0) {
      const example = this.mixedExample ? `, e.g. "${this.mixedExample[1]}" read as "${this.mixedExample[0]}"` : '';
      out.push(
        `${file}: ${rows(this.mixedRows)} UTF-8 characters in a file read as Windows-1252 (first at line ${this.mixedLine}${example}), kept as read and ${markedAs('mixed_encoding')}: ` +
          'the file mixes encodings; if it is UTF-8 name it with --encoding utf-8, otherwise convert it to one encoding',
      );
    }
    return out;
  }
}
