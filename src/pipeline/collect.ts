import { performance } from 'node:perf_hooks';
import { FileTransaction, Tally, type Committable, type RemovalKind } from '../context.js';
import type { SummaryBuilder } from '../report/summary.js';
import type { SourcesSummary } from '../report/summary-types.js';
import type { Row, Table } from '../table.js';

/**
 * The taps `leadkit run` puts into its stream to fill the run summary. Each is a thin wrapper
 * over batches (never rows), so the cost per row is nil and nothing is buffered.
 */

/** Rows through a point of the pipeline and the time spent waiting for them upstream. */
export interface Probe {
  rows: number;
  /** Milliseconds spent awaiting the upstream's next batch (it includes all work upstream). */
  waitMs: number;
}

export const newProbe = (): Probe => ({ rows: 0, waitMs: 0 });

export function probed(t: Table, probe: Probe): Table {
  async function* gen(): AsyncGenerator<Row[]> {
    const it = t.batches[Symbol.asyncIterator]();
    try {
      for (;;) {
        const t0 = performance.now();
        const r = await it.next();
        probe.waitMs += performance.now() - t0;
        if (r.done) return;
        probe.rows += r.value.length;
        yield r.value;
      }
    } finally {
      // Stopped early (an output with --top, an error downstream): let the upstream clean up.
      await it.return?.();
    }
  }
  return { columns: t.columns, batches: gen() };
}

/**
 * Every batch that reaches the outputs, shown once to the summary (before the tee, not per
 * output); rows in `skip` (a night's carried persons, which no step after dedupe filled in) count
 * as rows, and by their owner (last night's), but not in the column figures.
 */
export async function* observed(batches: AsyncIterable<Row[]>, builder: SummaryBuilder, skip?: { has(row: Row): boolean }): AsyncGenerator<Row[]> {
  for await (const b of batches) {
    if (!skip) builder.observeRows(b);
    else {
      const stepped: Row[] = [];
      const carried: Row[] = [];
      for (const r of b) (skip.has(r) ? carried : stepped).push(r);
      builder.observeRows(stepped);
      builder.passRows(carried);
    }
    yield b;
  }
}

/**
 * The Tally a step sees. It forwards to the run's tally (so ctx.tally keeps its meaning) and
 * also keeps this step's removals with reasons per kind: the shared Tally mixes the reasons of
 * all kinds, but the summary lists rejects and suppressions apart, and a pipeline may use the
 * same command twice.
 */
export class StepTally extends Tally {
  readonly byKind: Record<RemovalKind, Map<string, number>> = { rejected: new Map(), suppressed: new Map(), merged: new Map() };

  /** The scorecard a sources step or output made, for the summary's sources section. */
  sources?: SourcesSummary;

  constructor(private readonly parent: Tally) {
    super();
  }

  override record(step: string, kind: RemovalKind, reasons: readonly string[] = [], rows = 1): void {
    super.record(step, kind, reasons, rows);
    this.parent.record(step, kind, reasons, rows);
    const m = this.byKind[kind];
    // A removal without a reason is still a removal; the summary shows it under its own name.
    for (const r of reasons.length ? reasons : ['']) m.set(r, (m.get(r) ?? 0) + rows);
  }

  override measure(metric: Parameters<Tally['measure']>[0], n: number): void {
    super.measure(metric, n);
    this.parent.measure(metric, n);
  }

  override measureRate(metric: Parameters<Tally['measureRate']>[0], value: number, rows: number): void {
    super.measureRate(metric, value, rows);
    this.parent.measureRate(metric, value, rows);
  }

  override note(key: Parameters<Tally['note']>[0], why: string): void {
    super.note(key, why);
    this.parent.note(key, why);
  }

  /** Hand this step's rejects and suppressions by reason, and what it measured, to the summary. */
  reportTo(builder: SummaryBuilder): void {
    for (const [reason, n] of this.byKind.rejected) builder.reject(reason, n);
    for (const [reason, n] of this.byKind.suppressed) builder.suppress(reason, n);
    for (const [metric, n] of this.measures) builder.measure(metric, n);
    for (const [metric, r] of this.rates) if (r.rows > 0) builder.measureRate(metric, r.sum / r.rows, r.rows);
    for (const [key, why] of this.notes) builder.note(key, why);
    if (this.sources) builder.sources(this.sources);
  }
}

/**
 * The file transaction an output sees: files still go to the run's transaction (committed or
 * aborted with everything else), and the ones this output added are remembered so the summary
 * can say how many rows each output wrote (a row writer has a count; --top writes fewer).
 */
export class RecordingFiles extends FileTransaction {
  readonly added: Committable[] = [];

  constructor(private readonly parent: FileTransaction) {
    super();
  }

  override add(c: Committable): void {
    this.added.push(c);
    this.parent.add(c);
  }

  /** Rows the output's writers wrote, or undefined when none counts rows (profile). */
  rowsWritten(): number | undefined {
    const counts = this.added.map((c) => (c as { count?: unknown }).count).filter((n): n is number => typeof n === 'number');
    return counts.length ? counts.reduce((a, b) => a + b, 0) : undefined;
  }
}
