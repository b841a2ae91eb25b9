import { DataError } from '../errors.js';

/** One parsed record with the physical line it started on (1-based), for error messages. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /**
   * Set when the record was not read as the file says but guessed: `stray_quote` (split off a
   * quoted field that a stray `"` had run across lines, see CsvParser), or, from the reader,
   * `ragged` / `folded` (padded or joined to the header's width), or `quote_text` (a quoted
   * field closed and followed by more text, `"abc"def`: kept as written, quotes and all).
   */
  issue?: RecordIssue;
  /** A field holds a NUL byte (marked by the reader). */
  control?: boolean;
  /**
   * Read as Windows-1252, a field holds a byte it does not define (`undefined_byte`) or a UTF-8
   * character (`mixed_encoding`), or both joined by ";" (marked by the reader, see Cp1252Check).
   */
  encodingIssue?: string;
}

export type RecordIssue = 'stray_quote' | 'ragged' | 'folded' | 'quote_text';

/** A stray quote the parser recovered from: where it opened and how many records it touched. */
export interface StrayQuote {
  line: number;
  records: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * A resumable RFC 4180 parser: text is pushed in chunks of any size and records come out as
 * soon as they are complete. Written here rather than using csv-parse because the pass-through
 * target (150k rows/s for import | export) needs a parser several times faster than csv-parse's
 * ~135k rows/s; csv-parse remains the oracle in the tests.
 *
 * Lenient where real exports are sloppy: a quote inside an unquoted field is kept literally,
 * a quoted field followed by more text (`"abc"def`) is kept as written, quotes and all (like
 * csv-parse with relax_quotes, which only undoubles a `""` in it) and its record marked
 * `issue: 'quote_text'`, CRLF / LF /
 * lone CR all end a record, and blank lines are skipped.
 *
 * Stray quotes: a `"` that opens a field by mistake (`Bernd;"stray`) runs across the following
 * lines until the next quote, and those lines would end up inside one field of one row. When a
 * quoted field spans lines, its raw text is kept until its record ends, and the record is read a
 * second way, with the opening quote taken as a literal character. A genuine multi-line field
 * (notes, an address) cannot give lines of the header's width that way: its first line holds
 * the fields before it plus one, its last line the fields after it plus one, so their counts add
 * up to the width plus one, unless the field's own text holds just the right number of
 * delimiters. Lines from a stray quote are whole records and fit the width. So the second
 * reading wins when it has at least three lines, all of them fit, and at least two lines' worth
 * of delimiters (and no fewer than three) had to fall into place for that (or three whole lines
 * fit and one does not, for a ragged file); a cleanly quoted two-line field stays as written; or, when the closing
 * quote is followed by more text or never comes (the quoting is broken either way), when it
 * fits better; otherwise the record stays as read, marked too.
 * Records split off that way carry `issue: 'stray_quote'` and are listed in `strayQuotes`, so
 * the reader can warn, count, mark the rows, or stop (`--strict`). A quote still open at the
 * end of the input is read the second way too (`endedInQuote` says so; from a pipe that means
 * a cut-off upstream, which the reader treats as an error).
 */
export class CsvParser {
  private readonly delim: number;
  private fields: string[] = [];
  /** Fields stored in `fields` so far (it is allocated at the last record's width). */
  private count = 0;
  private field = '';
  private state = State.FieldStart;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private skipLf = false;
  private quotedRecord = false;
  /** The header's width, known once the first record is complete (-1 before). */
  private width = -1;
  /** Raw text of the current record from the quote of a field that spans lines; null otherwise. */
  private raw: string | null = null;
  /** Where in the current chunk `raw` continues. */
  private rawFrom = 0;
  /** Fields of the record before the quoted field that spans lines. */
  private rawPrefix = 0;
  /** The line the spanning field's quote opened on. */
  private rawLine = 1;
  /** The spanning field's closing quote was followed by more text. */
  private rawBroken = false;
  /** Stray quotes recovered so far. */
  readonly strayQuotes: StrayQuote[] = [];
  /** The input ended inside a quoted field. */
  endedInQuote = false;
  /** False for the second reading of a record, which is not judged again. */
  private judging = true;
  /** Records read with text after a closing quote (`quote_text`), and the first lines of them. */
  quoteTextRecords = 0;
  readonly quoteTextLines: number[] = [];
  /**
   * The field arrays of records with text after a closing quote, still to be marked: they are
   * marked once per chunk (see markQuoteText), so the per-record path stays as it is.
   */
  private quoteTextPending: Set<string[]> | null = null;

  /** `delimiter` '' reads one column: every line is one field (a one-column list, see sniffDelimiter). */
  constructor(delimiter: string, private readonly file = '<stdin>') {
    if (delimiter.length > 1) throw new DataError('E_DELIMITER', `delimiter must be one character, got "${delimiter}"`);
    this.delim = delimiter === '' ? -1 : delimiter.charCodeAt(0);
  }

  /** The physical line (1-based) the parser has reached. */
  get currentLine(): number {
    return this.line;
  }

  /** Parse a chunk; complete records are appended to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const delim = this.delim;
    const delimChar = String.fromCharCode(delim);
    // Positions of the next delimiter / LF / CR at or after i, found with indexOf (much faster
    // than testing every character) and refreshed only once passed.
    let nextDelim = -1;
    let nextLf = -1;
    let nextCr = text.indexOf('\r') === -1 ? n : -1;
    let i = 0;
    this.rawFrom = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            this.quotedRecord = true;
            i++;
            break;
          }
          this.state = State.Unquoted;
        }
        // falls through
        case State.Unquoted: {
          if (nextDelim < i) {
            nextDelim = delim < 0 ? -1 : text.indexOf(delimChar, i);
            if (nextDelim === -1) nextDelim = n;
          }
          if (nextLf < i) {
            nextLf = text.indexOf('\n', i);
            if (nextLf === -1) nextLf = n;
          }
          if (nextCr < i) {
            nextCr = text.indexOf('\r', i);
            if (nextCr === -1) nextCr = n;
          }
          const j = nextDelim < nextLf ? (nextDelim < nextCr ? nextDelim : nextCr) : nextLf < nextCr ? nextLf : nextCr;
          if (j > i) this.field += text.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          const c = text.charCodeAt(j);
          i = j + 1;
          if (c === delim) {
            this.fields[this.count++] = this.field;
            this.field = '';
            this.state = State.FieldStart;
          } else {
            this.endRecord(out, text, j);
            if (c === CR) {
              if (i < n) {
                if (text.charCodeAt(i) === LF) i++;
              } else this.skipLf = true;
            }
          }
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          const end = j === -1 ? n : j;
          if (end > i) {
            const part = text.slice(i, end);
            let k = part.indexOf('\n');
            if (k !== -1 && this.raw === null && this.width > 1 && this.judging) {
              // The field spans lines: keep its raw text (quotes doubled back) to judge it at
              // the end of the record.
              this.raw = '"' + this.field.replace(/"/g, '""');
              this.rawFrom = i;
              this.rawPrefix = this.count;
              this.rawLine = this.quoteLine;
              this.rawBroken = false;
            }
            this.field += part;
            while (k !== -1) {
              this.line++;
              k = part.indexOf('\n', k + 1);
            }
          }
          if (j === -1) {
            i = n;
          } else {
            i = j + 1;
            this.state = State.QuoteInQuoted;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === delim) {
            this.fields[this.count++] = this.field;
            this.field = '';
            this.state = State.FieldStart;
            i++;
          } else if (c === LF || c === CR) {
            i++;
            this.endRecord(out, text, i - 1);
            if (c === CR) {
              if (i < n) {
                if (text.charCodeAt(i) === LF) i++;
              } else this.skipLf = true;
            }
          } else {
            // A quote that opened lines ago and closes in the middle of a field: the quoting is
            // broken (a stray `"` swallowed the lines in between, or one inside the field was
            // not doubled). Read on to the end of the record, then judge (see the class comment).
            if (this.raw !== null && this.line !== this.rawLine) this.rawBroken = true;
            this.quoteText();
          }
          break;
        }
      }
    }
    if (this.raw !== null) this.raw += text.slice(this.rawFrom);
    if (this.quoteTextPending !== null) this.markQuoteText(out);
  }

  /**
   * `"abc"def`: the field is kept as written, quotes and all, rather than silently losing its
   * quotes, and the record is marked once it is complete (markQuoteText). Out of push(), which
   * stays small enough for V8 to optimise as before.
   */
  private quoteText(): void {
    this.field = '"' + this.field.replace(/"/g, '""') + '"';
    this.state = State.Unquoted;
    (this.quoteTextPending ??= new Set()).add(this.fields);
  }

  /**
   * Mark the records with text after a closing quote that are complete by now. A record is
   * found by its field array (endRecord passes on the one it was read into); one that a stray
   * quote's second reading replaced is marked `stray_quote` instead, and forgotten here.
   */
  private markQuoteText(out: CsvRecord[]): void {
    const pending = this.quoteTextPending as Set<string[]>;
    for (const rec of out) {
      if (rec.issue === undefined && pending.has(rec.fields)) {
        rec.issue = 'quote_text';
        this.quoteTextRecords++;
        if (this.quoteTextLines.length < 5) this.quoteTextLines.push(rec.line);
      }
    }
    // Only the record still being read can be marked later.
    this.quoteTextPending = pending.has(this.fields) ? new Set([this.fields]) : null;
  }

  /**
   * Flush the last record. A quoted field still open is read with its quote as a literal
   * (`endedInQuote` is set), or is an error when there is no header to judge it by.
   */
  end(out: CsvRecord[]): void {
    this.endLast(out);
    if (this.quoteTextPending !== null) this.markQuoteText(out);
  }

  private endLast(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      this.endedInQuote = true;
      // The file's last line break belongs to the file, not to the field left open.
      this.field = this.field.replace(/\r?\n$|\r$/, '');
      if (!this.judging) {
        // Inside a second reading: the quote is as literal as the one that started it.
        this.field = '"' + this.field.replace(/"/g, '""');
        this.endRecord(out, '', 0);
        return;
      }
      if (this.raw === null) {
        // Opened on the last line: nothing was swallowed, the quote is a literal.
        if (this.width < 0) throw new DataError('E_UNCLOSED_QUOTE', 'quoted field is never closed (a " opened here has no closing ")', this.file, this.quoteLine);
        this.raw = '"' + this.field.replace(/"/g, '""');
        this.rawPrefix = this.count;
        this.rawLine = this.quoteLine;
      }
      this.rawBroken = true;
      this.endRecord(out, '', 0);
      return;
    }
    if (this.count > 0 || this.field !== '' || this.state !== State.FieldStart) this.endRecord(out, '', 0);
  }

  /** End the record whose terminator (or the end of input) is at `text[end]`. */
  private endRecord(out: CsvRecord[], text: string, end: number): void {
    this.fields[this.count++] = this.field;
    const fields = this.fields;
    if (fields.length !== this.count) fields.length = this.count;
    if (this.raw !== null) {
      const raw = this.raw + text.slice(this.rawFrom, end);
      this.raw = null;
      if (!this.recoverStrayQuote(raw, fields, out)) out.push({ fields, line: this.recordLine });
    } else if (!(fields.length === 1 && fields[0] === '' && !this.quotedRecord)) {
      // A blank line is one empty unquoted field: skip it (Excel leaves them at the end).
      if (this.width < 0) this.width = fields.length;
      out.push({ fields, line: this.recordLine });
    }
    // Sized like this record: records of a file mostly have the same width, and an array grown
    // by push is allocated twice (and copied) on the way to a typical lead list's 20 fields.
    this.fields = new Array<string>(this.count);
    this.count = 0;
    this.field = '';
    this.state = State.FieldStart;
    this.quotedRecord = false;
    this.line++;
    this.recordLine = this.line;
  }

  /**
   * The second reading of a record with a field that spans lines (see the class comment): its
   * raw text from that field's quote, read with the quote as a literal. Pushes the records and
   * returns true when that reading wins, or when the quoting was broken either way.
   */
  private recoverStrayQuote(raw: string, fields: string[], out: CsvRecord[]): boolean {
    const width = this.width;
    const again = new CsvParser(this.delim < 0 ? '' : String.fromCharCode(this.delim), this.file);
    again.judging = false;
    again.width = width;
    again.field = '"';
    again.state = State.Unquoted;
    const recs: CsvRecord[] = [];
    again.push(raw.slice(1), recs);
    again.end(recs);
    if (recs.length < 2 && !this.rawBroken) return false;
    // Lines of the second reading that have the header's width, and how many delimiters in
    // them had to fall into place for that: the first line's fields before the quote and the
    // last line's fields after it fit in both readings, so they prove nothing.
    let fit = 0;
    let evidence = 0;
    const last = recs.length - 1;
    for (let r = 0; r <= last; r++) {
      const n = (r === 0 ? this.rawPrefix : 0) + recs[r].fields.length;
      if (n !== width) continue;
      fit++;
      evidence += r === 0 ? width - 1 - this.rawPrefix : r === last ? this.rawPrefix : width - 1;
    }
    const asIs = fields.length === width ? 1 : 0;
    const wins = this.rawBroken
      ? fit > asIs
      : (recs.length >= 3 && fit === recs.length && evidence >= Math.max(3, 2 * (width - 1))) || (fit >= 3 && fit === recs.length - 1 && evidence >= 3 * (width - 1));
    if (!wins) {
      if (!this.rawBroken) return false;
      out.push({ fields, line: this.recordLine, issue: 'stray_quote' });
      this.strayQuotes.push({ line: this.rawLine, records: 1 });
      return true;
    }
    const prefix = fields.slice(0, this.rawPrefix);
    for (let r = 0; r < recs.length; r++) {
      out.push({
        fields: r === 0 ? prefix.concat(recs[r].fields) : recs[r].fields,
        line: r === 0 ? this.recordLine : this.rawLine + recs[r].line - 1,
        issue: 'stray_quote',
      });
    }
    this.strayQuotes.push({ line: this.rawLine, records: recs.length });
    return true;
  }
}

/** Parse a whole string (tests, small inputs). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const p = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  p.push(text, out);
  p.end(out);
  return out.map((r) => r.fields);
}
