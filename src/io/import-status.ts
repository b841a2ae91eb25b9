import type { CsvRecord } from './csv-parser.js';
import type { RawSource } from './read.js';
import type { Row } from '../table.js';
import { DataError } from '../errors.js';

/**
 * Where a reader had to guess how a row reads: `stray_quote` (split off a field that a stray `"`
 * ran across lines), `ragged` (not the header's number of fields: padded, or the surplus kept
 * in _extra_N), `folded` (more fields still: the surplus joined into the last column),
 * `quote_text` (a quoted field followed by more text, `"abc"def`: kept as written),
 * `nul_byte` (a NUL byte in a field, kept as data), `undefined_byte` / `mixed_encoding` (read as
 * Windows-1252: a byte it does not define, kept as U+FFFD / UTF-8 characters in the file). Blank when the row read cleanly; several
 * are joined by ";". As a `*_status` column it gives `leadkit run` the --fail-if metrics
 * import_stray_quote_rate, import_ragged_rate, …. import always adds it; a command reading a
 * file directly marks its rows the same way (see sourcesToTable).
 */
export const IMPORT_STATUS = 'import_status';

/** Counts of a source's records that its reader does not count itself (see reportSource). */
export interface Tally {
  file: string;
  quoteText: number;
  quoteTextLines: number[];
  /** --strict: a record with text after a closing quote is an error. */
  strict: boolean;
}

const tallies = new WeakMap<RawSource, Tally>();

/** What is counted for a source while its rows are built. */
export function issueTally(src: RawSource, strict = false): Tally {
  let t = tallies.get(src);
  if (!t) tallies.set(src, (t = { file: src.file, quoteText: 0, quoteTextLines: [], strict }));
  return t;
}

/** The import_status value of a record, '' when it read cleanly. */
export function recordStatus(rec: CsvRecord): string {
  const status = rec.control ? (rec.issue ? `${rec.issue};nul_byte` : 'nul_byte') : (rec.issue ?? '');
  if (rec.encodingIssue === undefined) return status;
  return status ? `${status};${rec.encodingIssue}` : rec.encodingIssue;
}

/**
 * Note a record that has an issue (`rec.issue` or `rec.control` set): counted, and, when `mark`,
 * added to the row's import_status after any value it already has.
 */
export function noteRecordIssue(row: Row, rec: CsvRecord, tally: Tally, mark: boolean): void {
  if (rec.issue === 'quote_text') {
    if (tally.strict) {
      throw new DataError('E_QUOTE_TEXT', 'a quoted field is followed by more text ("abc"def); without --strict it is kept as written and marked import_status=quote_text', tally.file, rec.line);
    }
    tally.quoteText++;
    if (tally.quoteTextLines.length < 5) tally.quoteTextLines.push(rec.line);
  }
  if (!mark) return;
  const issue = recordStatus(rec);
  const had = row[IMPORT_STATUS];
  if (!had) {
    row[IMPORT_STATUS] = issue;
    return;
  }
  // An input leadkit marked before (a re-read output) keeps its marks, each once.
  const parts = had.split(';');
  for (const p of issue.split(';')) if (!parts.includes(p)) parts.push(p);
  row[IMPORT_STATUS] = parts.join(';');
}
