import path from 'node:path';
import { UsageError } from '../errors.js';
import { finishAfterStdoutCloses } from './sink.js';

/** Options that name a side file: rows or a report written beside the main output. */
export const SIDE_FILE_OPTIONS: Record<string, string> = { rejects: '--rejects', report: '--report', suppressed: '--suppressed' };

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
  if (output && output !== '-' && path.resolve(output) === path.resolve(file)) {
    throw new UsageError(`${flag} and -o name the same file (${file}): give the side file a name of its own`);
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
    if (typeof file !== 'string' || file === '' || file === '-') return;
    const key = path.resolve(file);
    const before = this.seen.get(key);
    if (before !== undefined) throw new UsageError(`${this.pipelineFile}: ${file} is written by ${before} and by ${where}: give each its own file`, 'E_PIPELINE');
    this.seen.set(key, where);
  }
}
