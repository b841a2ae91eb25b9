import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { finishAfterStdoutCloses } from './sink.js';
import { openCsvWriter, type CsvRowWriter } from './table-write.js';
import type { Context } from '../context.js';
import type { Row } from '../table.js';

/** Options that name a side file: rows or a report written beside the main output. */
export const SIDE_FILE_OPTIONS: Record<string, string> = { rejects: '--rejects', report: '--report', suppressed: '--suppressed', review: '--review', rest: '--rest', update: '--update' };

/**
 * A side file (rejected rows, merge map, suppressed rows) needs a file of its own: on standard
 * output it would mix with the rows (a later stage would read its header as theirs), and under
 * the -o name one of the two files would replace the other.
 */
export function checkSideFile(flag: string, file: string | undefined, output: string | undefined): void {
  if (file === undefined) return;
  // `leadkit validate --rejects r.csv | head`: the side file must still be complete and current
  // when we exit 0, so a closed stdout no longer ends the run early (see sink.ts).
  finishAfterStdoutCloses();
  if (file === '-' || file === '') throw new UsageError(`${flag} needs a file name: standard output carries the rows`);
  if (output && output !== '-' && sameFile(output, file)) {
    throw new UsageError(`${flag} and -o name the same file (${file}): give the side file a name of its own`);
  }
}

/**
 * Whether two names would make two outputs replace or mix with each other. A character device
 * (/dev/null, a terminal) may be named for several: what goes there is not a file to be
 * replaced (`--rejects /dev/null -o /dev/null` throws both away).
 */
export function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b) && !isCharacterDevice(a);
}

function isCharacterDevice(file: string): boolean {
  try {
    return fs.statSync(file).isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * Files a pipeline writes, each with where it is declared: one path written twice would leave
 * only one of them.
 */
export class WrittenFiles {
  private readonly seen = new Map<string, string>();
  constructor(private readonly pipelineFile: string) {}

  add(file: unknown, where: string): void {
    if (typeof file !== 'string' || file === '' || file === '-' || isCharacterDevice(file)) return;
    const key = path.resolve(file);
    const before = this.seen.get(key);
    if (before !== undefined) throw new UsageError(`${this.pipelineFile}: ${file} is written by ${before} and by ${where}: give each its own file`, 'E_PIPELINE');
    this.seen.set(key, where);
  }
}

/**
 * A side file of rows (rejected, suppressed, the merge map) beside the main output. It is
 * opened on first use, joins the command's file transaction only when the stream it belongs to
 * has ended (`finish`), and is removed unwritten otherwise (`abort`: an error, or a consumer
 * that stopped reading), so exit 0 always means it is complete, and a failed run never leaves
 * a partial one in place of yesterday's. The one helper for every command's side files.
 */
export class SideFile {
  private writer: CsvRowWriter | undefined;
  private finished = false;
  count = 0;

  constructor(
    readonly file: string,
    readonly columns: string[],
    private readonly ctx: Context,
  ) {}

  private async open(): Promise<CsvRowWriter> {
    this.writer ??= await openCsvWriter(this.columns, this.file, { delimiter: this.ctx.io.outDelimiter, bom: this.ctx.io.bom }, this.ctx);
    return this.writer;
  }

  async write(row: Row): Promise<void> {
    await (await this.open()).write(row);
    this.count++;
  }

  async writeBatch(rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await (await this.open()).writeBatch(rows);
    this.count += rows.length;
  }

  /** The stream ended normally: the file (an empty one too, which says "none") is committed with the output. */
  async finish(): Promise<void> {
    const w = await this.open();
    this.finished = true;
    this.ctx.files.add(w);
  }

  /** Before finish(): remove the partial file; after it, the transaction decides. */
  async abort(): Promise<void> {
    if (!this.finished) await this.writer?.abort();
  }
}

/**
 * Run a generator of output batches with side files that finish when it does: on an error or
 * when the consumer stops early (`return()` on the generator), they are aborted instead.
 */
export async function* withSideFiles<T>(files: readonly (SideFile | undefined)[], body: AsyncGenerator<T>): AsyncGenerator<T> {
  let done = false;
  try {
    yield* body;
    done = true;
    for (const f of files) await f?.finish();
  } finally {
    if (!done) for (const f of files) await f?.abort();
  }
}
