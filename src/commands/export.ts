import fs from 'node:fs';
import path from 'node:path';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { rowsOf, type Table } from '../table.js';
import { selectColumns } from '../export/select.js';
import { parseSortSpec } from '../export/sort.js';
import { SPILL_ABOVE_OPTION, spillNote } from './hold-rows.js';
import { sortedRows } from './sorted-rows.js';
import { openRowWriter, type OutputFormat } from '../io/row-writers.js';
import { outputFormatFor } from '../io/output-format.js';
import { writeSplit } from '../export/split.js';
import { defaultView, viewColumns, type ViewName } from '../export/view.js';
import { UsageError } from '../errors.js';
import { ensureDir } from '../io/make-dir.js';
import { CRM_NAMES } from '../export/crm-names.js';
import { parseDeltaKinds, rowsWithDelta } from '../state/delta.js';
import type { Row } from '../table.js';

export interface ExportOptions {
  format?: OutputFormat;
  columns?: string;
  sort?: string;
  top?: number;
  splitBy?: string;
  outDir?: string;
  clean?: boolean;
  formulaGuard?: boolean;
  crm?: string;
  update?: string;
  rejects?: string;
  view?: ViewName;
  delta?: string[];
  spillAbove?: number;
}

export { fileNameFor } from '../export/split.js';

export const exportCommand: Command<ExportOptions> = {
  name: 'export',
  summary: 'Write cleaned, prioritised files: select, sort, top N, split per owner; CSV, TSV, JSONL or XLSX',
  description:
    'Writes rows for people and other systems. Cells a spreadsheet would run as formulas (=, @, +/- not followed by a ' +
    'number or phone number, TAB, CR) get a leading apostrophe in CSV, TSV and XLSX unless --no-formula-guard. ' +
    'With --split-by, --top applies per file, and any number of values works: at most 64 files are open at a time, ' +
    'whatever the open-file limit (ulimit -n), and the files replace earlier ones only once all of them are complete.',
  examples: [
    "leadkit export leads.csv --columns 'first_name-email,!title' --sort score:desc --top 100 -o top100.xlsx",
    'leadkit export leads.csv --split-by owner --out-dir out/owners --format xlsx',
    'leadkit import vendor.csv | leadkit export --format jsonl > leads.jsonl',
  ],
  options: [
    { flags: '--view <name>', description: 'column set: sales (contact, status summaries, score, grade, owner, reasons; the default for xlsx of a leadkit list) or full (every column; the default otherwise); --columns wins', choices: ['sales', 'full'] },
    { flags: '--sort <spec>', description: 'sort by FIELD[:desc],… (numbers as numbers, stable, empty last)' },
    { flags: '--top <n>', description: 'only the first N rows (after sorting; per file with --split-by)', type: 'positive' },
    { flags: '--split-by <field>', description: 'write one file per value of FIELD into --out-dir (any number of values)' },
    { flags: '--out-dir <dir>', description: 'directory for --split-by files (created if missing)', path: true },
    { flags: '--clean', description: 'with --split-by: remove files of the output format in --out-dir that this run did not write (a value with no rows today leaves no old file behind)' },
    { flags: '--no-formula-guard', description: 'do not neutralise spreadsheet formulas in cells' },
    { flags: '--crm <name>', description: 'write the import file of a CRM: creates to -o, records match linked (match_crm_id) to --update, rows it cannot create to --rejects', choices: [...CRM_NAMES] },
    { flags: '--update <file>', description: 'with --crm: the update file, keyed by the CRM id (default: the -o name with -update)', path: true },
    { flags: '--rejects <file>', description: 'with --crm: rows the CRM cannot create, with reject_reason (default: the -o name with -rejects)', path: true },
    { flags: '--delta <kinds>', description: 'only rows whose delta (from leadkit run --state) is one of new, changed, unchanged, e.g. new,changed; the others are held back, not rejected', type: 'list' },
    { ...SPILL_ABOVE_OPTION, description: `with --sort: ${SPILL_ABOVE_OPTION.description}` },
  ],

  async sink(given: Table, opts: ExportOptions, ctx: Context): Promise<void> {
    const held = { n: 0 };
    let input = given;
    if (opts.delta !== undefined) {
      const kinds = parseDeltaKinds(opts.delta, '--delta');
      if (!given.columns.includes('delta')) throw new UsageError('--delta: the rows have no delta column (it comes from leadkit run --state DIR)', 'E_UNKNOWN_COLUMN');
      input = { columns: given.columns, batches: rowsWithDelta(given.batches, kinds, held) };
    }
    const heldNote = () => (opts.delta !== undefined ? `; ${formatCount(held.n)} ${held.n === 1 ? 'row' : 'rows'} held back by --delta ${opts.delta.join(',')} (not delivered, not rejected)` : '');
    // The CRM presets (consent, provenance, country rules) load only for --crm.
    if (opts.crm !== undefined) return (await import('../export/crm-write.js')).exportCrm(input, { ...opts, crm: opts.crm }, ctx, async (keys) => {
        const sorted = await sortedRows(input, keys, opts.spillAbove);
        return { rows: sorted.rows, close: () => sorted.held.close(), note: spillNote(sorted.held, opts.spillAbove) };
      });
    // The rows written count as delivered tonight in a run with a state (leadkit run --state).
    const delivered = ctx.night?.delivered?.bind(ctx.night);
    const target = ctx.io.output ?? opts.outDir ?? 'stdout';
    const deliver = delivered ? (rows: readonly Row[]) => rows.forEach((r) => delivered(r, target)) : undefined;
    // --format and -o are shared options (steps.ts): every command that writes rows picks the format alike.
    const format = outputFormatFor(ctx.io.output, opts.format);
    // --columns wins over --view; without either, a workbook made from a leadkit list gets the sales view.
    const view = opts.columns ? undefined : opts.view ?? defaultView(format, input.columns);
    const columns = opts.columns ? selectColumns(opts.columns, input.columns) : viewColumns(view ?? 'full', input.columns);
    const keys = opts.sort ? parseSortSpec(opts.sort, input.columns) : [];
    const top = opts.top;
    const writerOpts = { format, guard: opts.formulaGuard !== false, delimiter: ctx.io.outDelimiter, bom: ctx.io.bom, excel: ctx.io.excel };

    if (opts.splitBy !== undefined) {
      if (!input.columns.includes(opts.splitBy)) throw new UsageError(`--split-by: no column "${opts.splitBy}" (have: ${input.columns.join(', ')})`, 'E_UNKNOWN_COLUMN');
      if (!opts.outDir) throw new UsageError('--split-by needs --out-dir DIR');
      if (ctx.io.output) throw new UsageError('--split-by writes into --out-dir; do not give -o as well');
      await ensureDir(opts.outDir);
      const sorted = keys.length ? await sortedRows(input, keys, opts.spillAbove) : undefined;
      let n: Awaited<ReturnType<typeof writeSplit>>;
      try {
        const inOrder = sorted ? sorted.rows() : rowsOf(input.batches);
        const rows = deliver ? deliveredPerFile(inOrder, opts.splitBy, top, deliver) : inOrder;
        n = await writeSplit(rows, columns, opts.splitBy, opts.outDir, top, writerOpts, ctx);
      } finally {
        sorted?.held.close();
      }
      const stale = staleFiles(opts.outDir, format, n.names);
      if (stale.length && opts.clean) ctx.files.add(removeOnCommit(opts.outDir, stale));
      else if (stale.length) {
        ctx.warn(`${opts.outDir}: ${formatCount(stale.length)} other .${format} ${stale.length === 1 ? 'file' : 'files'} from earlier runs ${stale.length === 1 ? 'is' : 'are'} still there (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}); --clean removes them`);
      }
      const cleaned = stale.length && opts.clean ? `; ${formatCount(stale.length)} old ${stale.length === 1 ? 'file' : 'files'} removed` : '';
      summaryOnCommit(`export: ${formatCount(n.rows)} rows into ${formatCount(n.files)} ${format} files in ${opts.outDir}/ (split by ${opts.splitBy})${cleaned}${heldNote()}${sorted ? spillNote(sorted.held, opts.spillAbove) : ''}`, ctx);
      return;
    }
    if (opts.outDir) throw new UsageError('--out-dir goes with --split-by; use -o FILE for one file');
    if (opts.clean) throw new UsageError('--clean goes with --split-by and --out-dir');

    const writer = await openRowWriter(columns, ctx.io.output, writerOpts, ctx);
    let spilled = '';
    try {
      if (keys.length) {
        const sorted = await sortedRows(input, keys, opts.spillAbove);
        try {
          for await (const row of sorted.rows(top)) {
            await writer.write(row);
            deliver?.([row]);
          }
        } finally {
          sorted.held.close();
        }
        spilled = spillNote(sorted.held, opts.spillAbove);
      } else {
        for await (const batch of input.batches) {
          const room = top === undefined ? batch.length : top - writer.count;
          const part = room >= batch.length ? batch : batch.slice(0, room);
          await writer.writeBatch(part);
          deliver?.(part);
          if (top !== undefined && writer.count >= top) break;
        }
      }
    } catch (err) {
      await writer.abort();
      throw err;
    }
    ctx.files.add(writer);
    summaryOnCommit(`export: ${formatCount(writer.count)} rows, ${columns.length} columns${viewNote(view, columns.length, input.columns.length)}, ${format} → ${ctx.io.output ?? 'stdout'}${heldNote()}${spilled}`, ctx);
  },
};

/** The rows of a split export, each told delivered when it is one of the first `top` of its file (as writeSplit takes them). */
async function* deliveredPerFile(rows: AsyncIterable<Row> | Iterable<Row>, field: string, top: number | undefined, deliver: (rows: readonly Row[]) => void): AsyncGenerator<Row> {
  const taken = new Map<string, number>();
  for await (const row of rows) {
    const value = row[field] ?? '';
    const n = taken.get(value) ?? 0;
    if (top === undefined || n < top) {
      taken.set(value, n + 1);
      deliver([row]);
    }
    yield row;
  }
}

/**
 * The summary says the files were written: it is printed once they are in place (the file
 * transaction commits in order, this after the files). An xlsx workbook is built and written
 * only then, so a full disk there is an error instead of the summary; a run whose --fail-if
 * trips replaces no file and prints none either.
 */
function summaryOnCommit(line: string, ctx: Context): void {
  ctx.files.add({ commit: async () => ctx.summary(line), abort: async () => {} });
}

/** Says which columns were left out by a view, and how to get them: a view never drops them silently. */
function viewNote(view: ViewName | undefined, shown: number, all: number): string {
  return view === 'sales' && shown < all ? ` (--view sales; --view full writes all ${formatCount(all)})` : '';
}

/** Files of this format in the folder that this run did not write (not our temporary files). */
function staleFiles(dir: string, format: OutputFormat, written: Set<string>): string[] {
  const ext = `.${format}`;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(ext) && !e.name.startsWith('.') && !written.has(e.name))
    .map((e) => e.name)
    .sort();
}

/** Removes old split files once the new ones are in place (never when the run fails). */
function removeOnCommit(dir: string, names: string[]): { commit(): Promise<void>; abort(): Promise<void> } {
  return {
    commit: async () => {
      for (const n of names) await fs.promises.rm(path.join(dir, n), { force: true });
    },
    abort: async () => {},
  };
}
