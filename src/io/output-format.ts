import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export type OutputFormat = 'csv' | 'tsv' | 'jsonl' | 'xlsx';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'tsv', 'jsonl', 'xlsx'];

/** The extensions `-o` understands, and the format each means. */
const BY_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  xlsx: 'xlsx',
};

const KNOWN = Object.keys(BY_EXTENSION)
  .map((e) => `.${e}`)
  .join(', ');

/** The format a file name's extension means; undefined for no extension or one we do not write. */
export function formatFromPath(file: string | undefined): OutputFormat | undefined {
  if (!file) return undefined;
  const ext = path.extname(file).slice(1).toLowerCase();
  return Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined;
}

/**
 * Whether the target is a device or a pipe rather than a file one names (/dev/stdout, /dev/fd/N
 * from `>(…)`, /dev/null, a FIFO): its name says nothing about the format, so it gets CSV.
 */
function isSpecialTarget(target: string): boolean {
  if (/^\/(dev|proc)\//.test(path.resolve(target))) return true;
  try {
    const st = fs.statSync(target);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * The format rows are written in: `--format` if given, else the `-o` extension; stdout, a
 * name without an extension and special files are CSV. An extension we do not write
 * (`.json`, `.txt`) is a usage error rather than CSV under a misleading name.
 */
export function outputFormatFor(target: string | undefined, given: OutputFormat | undefined): OutputFormat {
  if (given) return given;
  if (!target || target === '-' || isSpecialTarget(target)) return 'csv';
  const ext = path.extname(target);
  if (ext === '') return 'csv';
  const format = formatFromPath(target);
  if (format) return format;
  throw new UsageError(`-o ${target}: leadkit does not write "${ext}" files; use ${KNOWN}, or give --format csv|tsv|jsonl|xlsx`, 'E_OUTPUT_FORMAT');
}

/** --excel shapes text files for a spreadsheet; JSON Lines is for programs, so the two together are a mistake. */
export function checkExcelOption(o: { format: OutputFormat; excel?: boolean }): void {
  if (o.excel && o.format === 'jsonl') throw new UsageError('--excel is for CSV files opened in Excel; JSON Lines is for programs (leave out --excel, or write .csv or .xlsx)', 'E_OUTPUT_FORMAT');
}
