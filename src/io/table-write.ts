import { openRowWriter } from './row-writers.js';
import { outputFormatFor } from './output-format.js';
import type { Context } from '../context.js';
import type { Table } from '../table.js';

export { CsvRowWriter, openCsvWriter, type CsvWriterOptions } from './csv-writer.js';

/**
 * Write a command's rows to -o or stdout in the format of the -o extension (or --format); returns
 * the row count. Removes the temp file on error. Only a workbook, which is for people, gets the
 * formula guard: CSV, TSV and JSON Lines between stages carry `+4930…` on as it is.
 */
export async function writeTable(table: Table, ctx: Context, target = ctx.io.output): Promise<number> {
  const format = outputFormatFor(target, ctx.io.format);
  const w = await openRowWriter(table.columns, target, { format, guard: format === 'xlsx', delimiter: ctx.io.outDelimiter, bom: ctx.io.bom, excel: ctx.io.excel }, ctx);
  try {
    for await (const batch of table.batches) await w.writeBatch(batch);
  } catch (err) {
    await w.abort();
    throw err;
  }
  ctx.files.add(w);
  return w.count;
}
