import { openSource, type RawSource } from './read.js';
import { compileRowBuilder } from './row-shape.js';
import { UsageError } from '../errors.js';
import type { Context } from '../context.js';
import type { Row, Table } from '../table.js';
import { formatCount } from '../context.js';

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

/** Rows of several sources as one table with the union schema (missing columns empty). */
export function sourcesToTable(sources: RawSource[], ctx: Context): Table {
  const colNames = sources.map((s) => s.columns);
  const columns = unionColumns(colNames);
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
      for await (const recs of src.records) {
        const out = new Array<Row>(recs.length);
        for (let i = 0; i < recs.length; i++) out[i] = build(recs[i].fields);
        yield out;
      }
      reportSource(src, ctx);
    }
  }
  return { columns, batches: batches() };
}

export function reportSource(src: RawSource, ctx: Context): void {
  const { ragged, folded, empty, encodingSwitchLine, strayQuote, strayQuoteLines, controlChars, controlCharLine, encodingGuessed } = src.stats;
  if (empty) ctx.warn(`${src.file}: empty input (no header, no rows)`);
  for (const w of src.stats.warnings ?? []) ctx.warn(w);
  if (encodingGuessed) ctx.warn(`${src.file}: read as ${encodingGuessed === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} (no BOM; guessed from its zero bytes): name it with --encoding ${encodingGuessed === 'utf16le' ? 'utf-16le' : 'utf-16be'} to be sure`);
  if (strayQuote > 0) {
    const at = strayQuoteLines.map((l) => `${src.file}:${l}`).join(', ');
    ctx.warn(
      `${formatCount(strayQuote)} ${strayQuote === 1 ? 'row' : 'rows'} marked import_status=stray_quote (a " ran across line breaks at ${at}${strayQuoteLines.length >= 5 ? ', …' : ''}): ` +
        'lines that look like whole rows were split off at the line breaks, the rest kept as read; check them, or use --strict to stop at such a quote',
    );
  }
  if (controlChars > 0) {
    ctx.warn(`${src.file}: ${formatCount(controlChars)} ${controlChars === 1 ? 'row has' : 'rows have'} a NUL byte in a field (first at line ${controlCharLine}); kept as data and marked import_status=nul_byte`);
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

/** Open the inputs of a transform/sink command as one table. */
export async function readTable(files: string[], ctx: Context): Promise<Table> {
  const sources = await openSources(files, ctx);
  return sourcesToTable(sources, ctx);
}
