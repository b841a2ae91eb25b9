import { mapRows, type Row, type Table } from '../table.js';
import { teeBatches } from './tee.js';

/**
 * A report command (a sink: sources, profile) given as a pipeline step: it sees the rows as they
 * are at that point of the pipeline, and every row passes on unchanged. The report reads copies,
 * because a later step may change rows in place (score adds its columns to the row it is given)
 * while the report still holds them, and a scorecard after validate must not count score's stage.
 *
 * The stream that goes on ends only when the report has finished, and fails when it fails, so
 * a report that cannot be written fails the run; `done` is the report's own completion, for a
 * runner whose later steps stop reading early.
 */
export function reportStep(table: Table, report: (rows: Table) => Promise<void>): { table: Table; done: Promise<void> } {
  const [mine, onward] = teeBatches(table.batches, 2);
  const done = report({ columns: table.columns, batches: mapRows(mine, (r) => ({ ...r })) });
  let failure: { err: unknown } | undefined;
  // Held here so a report that fails before the stream ends is no unhandled rejection.
  done.catch((err: unknown) => {
    failure = { err };
  });
  async function* passOn(): AsyncGenerator<Row[]> {
    for await (const batch of onward) {
      if (failure) throw failure.err;
      yield batch;
    }
    await done;
  }
  return { table: { columns: table.columns, batches: passOn() }, done };
}
