import { openSource, type RawSource } from './read.js';
import { compileRowBuilder } from './row-shape.js';
import { IMPORT_STATUS, issueTally, noteRecordIssue } from './import-status.js';
import { UsageError } from '../errors.js';
import type { Context } from '../context.js';
import type { Row, Table } from '../table.js';
import { formatCount } from '../context.js';
import { compileRowTidier, describeTidied } from '../text/whitespace.js';
import { peekRows } from './peek-rows.js';

/** The inputs a command was given: files, or stdin when none (or "-"). */
export function inputFiles(files: string[], ctx: Context): string[] {
  if (files.length > 0) return files;
  if ((ctx.stdin as NodeJS.ReadStream).isTTY) {
    throw new UsageError('no input: give a file, or pipe CSV into standard input');
  }
  return ['-'];
}

export async function openSources(files: string[], ctx: Context): Promise<RawSource[]> {
  const list = inputFiles(files, ctx);
  if (list.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  const out: RawSource[] = [];
  for (const f of list) out.push(await openSource(f, ctx.io, ctx.stdin));
  return out;
}

/** Union of columns, first appearance order. */
export function unionColumns(lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of lists) for (const c of l) if (!seen.has(c)) (seen.add(c), out.push(c));
  return out;
}

/**
 * Rows of several sources as one table with the union schema (missing columns empty). With
 * `mark`, rows the reader had to guess at are marked in import_status as import marks them
 * (the column is added when no input has it); an input that has the column (one leadkit wrote)
 * gets its new marks added to it either way. Cells are tidied of whitespace as import tidies
 * them (src/text/whitespace.ts), unless --keep-whitespace: a list validated or deduped without
 * import must not keep " Müller GmbH" apart from "Müller GmbH". A list leadkit wrote has none.
 */
export function sourcesToTable(sources: RawSource[], ctx: Context, mark = false): Table {
  const colNames = sources.map((s) => s.columns);
  const hasStatus = colNames.some((c) => c.includes(IMPORT_STATUS));
  const marked = mark || hasStatus;
  const columns = unionColumns(marked ? [...colNames, [IMPORT_STATUS]] : colNames);
  const tidy = ctx.io.keepWhitespace ? undefined : compileRowTidier(columns);
  async function* batches(): AsyncGenerator<Row[]> {
    for (let s = 0; s < sources.length; s++) {
      const src = sources[s];
      // Index by name once: a header of 100,000 columns must not cost 100,000² lookups.
      const fieldOf = new Map<string, number>();
      colNames[s].forEach((c, i) => {
        if (!fieldOf.has(c)) fieldOf.set(c, i);
      });
      const build = compileRowBuilder(
        columns,
        columns.map((c) => (fieldOf.has(c) ? { field: fieldOf.get(c) as number } : { empty: true })),
      );
      const tally = issueTally(src, ctx.io.strict);
      let tidied = 0;
      for await (const recs of src.records) {
        const out = new Array<Row>(recs.length);
        for (let i = 0; i < recs.length; i++) {
          const rec = recs[i];
          const row = build(rec.fields);
          if (rec.issue !== undefined || rec.control || rec.encodingIssue !== undefined) noteRecordIssue(row, rec, tally, marked);
          if (tidy) tidied += tidy(row);
          out[i] = row;
        }
        yield out;
      }
      reportSource(src, ctx, marked);
      if (tidied > 0) ctx.summary(`${src.file}: ${describeTidied(tidied, formatCount)}`);
    }
  }
  return { columns, batches: batches() };
}

/**
 * The reader's warnings for a source, once its rows are read. `marked`: the rows went out with an
 * import_status column (import's always do); without one the warnings say the rows are not marked.
 */
export function reportSource(src: RawSource, ctx: Context, marked = true): void {
  const { ragged, folded, empty, encodingSwitchLine, strayQuote, strayQuoteLines, controlChars, controlCharLine, encodingGuessed } = src.stats;
  const { quoteText, quoteTextLines } = issueTally(src);
  const unmarked = `not marked: the input was read directly and its first ${formatCount(PEEK_ROWS)} rows needed no mark, so there is no import_status column (leadkit import marks every row)`;
  if (empty) ctx.warn(`${src.file}: empty input (no header, no rows)`);
  for (const w of src.stats.warnings ?? []) ctx.warn(w);
  for (const w of src.stats.cp1252?.warnings(src.file, marked) ?? []) ctx.warn(w);
  if (encodingGuessed) ctx.warn(`${src.file}: read as ${encodingGuessed === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} (no BOM; guessed from its zero bytes): name it with --encoding ${encodingGuessed === 'utf16le' ? 'utf-16le' : 'utf-16be'} to be sure`);
  if (strayQuote > 0) {
    const at = strayQuoteLines.map((l) => `${src.file}:${l}`).join(', ');
    ctx.warn(
      `${formatCount(strayQuote)} ${strayQuote === 1 ? 'row' : 'rows'} ${marked ? 'marked import_status=stray_quote' : 'read after a stray quote'} (a " ran across line breaks at ${at}${strayQuoteLines.length >= 5 ? ', …' : ''}): ` +
        `lines that look like whole rows were split off at the line breaks, the rest kept as read${marked ? '' : `; ${unmarked}`}; check them, or use --strict to stop at such a quote`,
    );
  }
  if (controlChars > 0) {
    ctx.warn(`${src.file}: ${formatCount(controlChars)} ${controlChars === 1 ? 'row has' : 'rows have'} a NUL byte in a field (first at line ${controlCharLine}); kept as data ${marked ? 'and marked import_status=nul_byte' : `(${unmarked})`}`);
  }
  if (quoteText > 0) {
    const at = quoteTextLines.map((l) => `${src.file}:${l}`).join(', ');
    ctx.warn(
      `${formatCount(quoteText)} ${quoteText === 1 ? 'row has' : 'rows have'} a quoted field followed by more text ("abc"def, at ${at}${quoteText > quoteTextLines.length ? ', …' : ''}): ` +
        `kept as written, quotes and all, ${marked ? 'and marked import_status=quote_text' : `${unmarked}`}; check them, or use --strict to stop at such a field`,
    );
  }
  if (encodingSwitchLine !== undefined) {
    ctx.warn(`${src.file}: read as Windows-1252: the first non-ASCII character, at line ${encodingSwitchLine}, is not UTF-8`);
  }
  if (ragged > 0) {
    const fold = folded > 0 ? `; ${formatCount(folded)} had more fields than any early row and their surplus was joined into the last _extra column` : '';
    ctx.warn(`${src.file}: ${formatCount(ragged)} ${ragged === 1 ? 'row' : 'rows'} did not have the header's ${src.columns.length - countExtras(src.columns)} fields (short rows padded, extra fields kept in _extra_N)${fold}`);
  }
}

function countExtras(cols: string[]): number {
  return cols.filter((c) => /^_extra_\d+/.test(c)).length;
}

/**
 * Rows looked at before a raw read's header is fixed: as many as the reader has read ahead
 * already to find the `_extra_N` columns (LOOKAHEAD in read.ts), so nothing is parsed early.
 */
const PEEK_ROWS = 5000;

/**
 * Whether a source's first PEEK_ROWS rows hold one the reader had to guess at. The rows looked
 * at are kept and handed on first (peekRows): the source reads as before.
 */
async function peekIssues(src: RawSource): Promise<boolean> {
  const { first, batches } = await peekRows(src.records, PEEK_ROWS);
  src.records = batches;
  return first.some((rec) => rec.issue !== undefined || rec.control || rec.encodingIssue !== undefined);
}

/**
 * Open the inputs of a transform/sink command as one table. Rows the reader had to guess at are
 * marked in import_status as import marks them; the column is added when the first rows of an
 * input hold one (a table's columns are fixed before its rows flow), so a clean file reads with
 * the columns it has.
 */
export async function readTable(files: string[], ctx: Context): Promise<Table> {
  const sources = await openSources(files, ctx);
  let mark = false;
  for (const s of sources) if (!mark && (await peekIssues(s))) mark = true;
  return sourcesToTable(sources, ctx, mark);
}
