/**
 * CSV lines encoded straight to UTF-8 bytes, quoting decided in the same pass.
 *
 * Why not strings: building a line as `a + "," + b + …` makes a rope of two nodes per cell that
 * V8 must flatten before it can be encoded, and a regex per cell decides the quoting. On the
 * pass-through path those three steps cost more than parsing the input; one loop over the
 * characters that writes bytes and notices a quote, delimiter or line break as it goes does the
 * same work in about half the time. The output is byte for byte what `Buffer.from(line)` gives for
 * the string formatter in csv-format.ts (the tests compare them), lone surrogates included.
 */

// Called as charCodeAt.call(v, i), not v.charCodeAt(i): cells arrive as strings of many
// internal kinds (one- and two-byte, sliced, flat, internalised), and a method looked up on
// each of them makes the call site megamorphic, which stops V8 from inlining the character
// load (measured: import's rows, whose record_id and source differ in kind from the parsed
// cells, encoded at half the speed). Likewise each cell's length is read once and passed on.
const charCodeAt = String.prototype.charCodeAt;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Fresh chunks are this size; a cell too big for one gets a chunk of its own size. */
const CHUNK = 64 * 1024;

export class CsvEncoder {
  private buf: Buffer;
  private pos = 0;
  private readonly ready: Buffer[] = [];
  private readonly delim: number;
  private readonly delimBytes: Buffer;

  /** Lines end in CR LF (for Excel) instead of LF. */
  private readonly crlf: boolean;

  constructor(delimiter: string, crlf = false) {
    this.crlf = crlf;
    this.delim = delimiter.charCodeAt(0);
    this.delimBytes = Buffer.from(delimiter);
    this.buf = Buffer.allocUnsafe(CHUNK);
  }

  /** Append one line: the first `n` cells, quoted where needed, and `\n` (`\r\n` for crlf). */
  line(cells: readonly string[], n: number): void {
    if (n === 1 && cells[0] === '') {
      // A lone empty field would be a blank line, which readers (ours too) skip.
      this.room(4);
      this.buf[this.pos++] = QUOTE;
      this.buf[this.pos++] = QUOTE;
      if (this.crlf) this.buf[this.pos++] = CR;
      this.buf[this.pos++] = LF;
      return;
    }
    const delimBytes = this.delimBytes;
    const dl = delimBytes.length;
    const delim = this.delim;
    // Buffer and position in locals: this loop runs for every cell of the output.
    let b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      const len = v.length;
      // Worst case: 3 bytes per UTF-16 unit (a doubled quote is 2), 2 enclosing quotes, the
      // delimiter before and the line end after.
      const need = 3 * len + dl + 3;
      if (p + need > b.length) {
        this.pos = p;
        this.room(need);
        b = this.buf;
        p = this.pos;
      }
      if (i > 0) {
        if (dl === 1) b[p++] = delimBytes[0];
        else p += delimBytes.copy(b, p);
      }
      if (len > 0) p = encodeCell(b, v, len, p, delim, false);
    }
    if (p + 2 > b.length) {
      this.pos = p;
      this.room(2);
      b = this.buf;
      p = this.pos;
    }
    if (this.crlf) b[p++] = CR;
    b[p++] = LF;
    this.pos = p;
  }

  /** Bytes written so far and not yet taken. */
  get size(): number {
    let s = this.pos;
    for (const b of this.ready) s += b.length;
    return s;
  }

  /**
   * Hand over everything written so far, in order. The chunks are the caller's to keep: the
   * encoder never writes into a chunk again once it has been taken.
   */
  take(): Buffer[] {
    if (this.pos > 0) {
      this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = this.buf.length - this.pos >= 4096 ? this.buf.subarray(this.pos) : Buffer.allocUnsafe(CHUNK);
      this.pos = 0;
    }
    return this.ready.splice(0);
  }

  /** Make sure `need` more bytes fit, moving a full chunk to the ready list. */
  private room(need: number): void {
    if (this.pos + need <= this.buf.length) return;
    if (this.pos > 0) this.ready.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(need > CHUNK ? need : CHUNK);
    this.pos = 0;
  }
}

/**
 * Write `v` as UTF-8 at `p`; returns the position after it. Unquoted first: at the first
 * character that needs quoting it starts over at `p` with the quoted form, quotes doubled.
 */
function encodeCell(b: Buffer, v: string, n: number, p: number, delim: number, quoted: boolean): number {
  const start = p;
  if (quoted) b[p++] = QUOTE;
  for (let i = 0; i < n; i++) {
    const c = charCodeAt.call(v, i);
    if (c < 0x80) {
      if (c === QUOTE || c === delim || c === LF || c === CR) {
        if (!quoted) return encodeCell(b, v, n, start, delim, true);
        if (c === QUOTE) b[p++] = QUOTE;
      }
      b[p++] = c;
    } else if (c === delim && !quoted) {
      return encodeCell(b, v, n, start, delim, true);
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else {
      p = encodeWide(b, v, n, i, c, p);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(charCodeAt.call(v, i + 1))) i++;
    }
  }
  if (quoted) b[p++] = QUOTE;
  return p;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A unit of U+0800 or above at v[i]: three bytes, four for a surrogate pair, EF BF BD for a lone surrogate. */
function encodeWide(b: Buffer, v: string, n: number, i: number, c: number, p: number): number {
  if (c >= 0xd800 && c <= 0xdfff) {
    const d = c <= 0xdbff && i + 1 < n ? charCodeAt.call(v, i + 1) : 0;
    if (isLow(d)) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      b[p++] = 0xf0 | (cp >> 18);
      b[p++] = 0x80 | ((cp >> 12) & 0x3f);
      b[p++] = 0x80 | ((cp >> 6) & 0x3f);
      b[p++] = 0x80 | (cp & 0x3f);
      return p;
    }
    c = 0xfffd;
  }
  b[p++] = 0xe0 | (c >> 12);
  b[p++] = 0x80 | ((c >> 6) & 0x3f);
  b[p++] = 0x80 | (c & 0x3f);
  return p;
}
