import { openSource, type RawSource } from './read.js';
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

/**
 * Rows of several sources as one table with the union schema. `rename` maps each source's
 * columns to output names (import's header mapping); a column mapped to '' is dropped.
 */
export function sourcesToTable(sources: RawSource[], ctx: Context, names?: string[][], extra?: (src: RawSource, n: number) => Row): Table {
  const colNames = names ?? sources.map((s) => s.columns);
  const firstExtra = extra && sources.length > 0 ? Object.keys(extra(sources[0], 0)) : [];
  const columns = unionColumns([firstExtra, ...colNames.map((l) => l.filter((c) => c !== ''))]);
  async function* rows(): AsyncGenerator<Row> {
    for (let s = 0; s < sources.length; s++) {
      const src = sources[s];
      const cols = colNames[s];
      const missing = columns.filter((c) => !cols.includes(c) && !firstExtra.includes(c));
      let n = 0;
      for await (const rec of src.records) {
        n++;
        const row: Row = extra ? extra(src, n) : {};
        const f = rec.fields;
        for (let k = 0; k < cols.length; k++) {
          const c = cols[k];
          if (c !== '' && row[c] === undefined) row[c] = f[k];
        }
        for (const c of missing) row[c] = '';
        yield row;
      }
      reportSource(src, ctx);
    }
  }
  return { columns, rows: rows() };
}

export function reportSource(src: RawSource, ctx: Context): void {
  const { ragged, folded, empty } = src.stats;
  if (empty) ctx.warn(`${src.file}: empty input (no header, no rows)`);
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
