import type { Writable } from 'node:stream';
import type { DedupeRate, StepMeasure } from './report/summary-types.js';
import type { OutputFormat } from './io/output-format.js';
import type { NightState } from './state/night.js';

/** Options of the shared I/O layer, set by global flags. */
export interface IoOptions {
  encoding?: string;
  delimiter?: string;
  outDelimiter?: string;
  bom?: boolean;
  strict?: boolean;
  /** Keep cells' surrounding whitespace (and inner runs in name fields) as read: --keep-whitespace. */
  keepWhitespace?: boolean;
  /** The input has no header row (--no-header): columns are named col1, col2, … */
  noHeader?: boolean;
  sheet?: string;
  output?: string;
  /** --format: the rows' output format; undefined means from the -o extension (output-format.ts). */
  format?: OutputFormat;
  /** --excel: CSV side and main outputs with BOM, `;` and CRLF. */
  excel?: boolean;
}

/**
 * Side channels for a command: stdout is for data only; everything else goes through here
 * to stderr (and is silenced by --quiet).
 */
export interface Context {
  io: IoOptions;
  quiet: boolean;
  stdout: Writable;
  stdin: NodeJS.ReadableStream;
  /** For side-channel writers (JSON logs); commands use warn/info/summary. */
  stderr: NodeJS.WritableStream;
  /** A warning on stderr. --quiet silences summaries, never warnings. */
  warn(message: string): void;
  /** Output the user asked for on stderr (e.g. --show-mapping). */
  info(message: string): void;
  /** The one-line summary of a command, printed at the end unless --quiet. */
  summary(line: string): void;
  /** Called for progress (rows so far); a TTY spinner may show it. */
  progress(label: string, n: number): void;
  /** Today's date for reproducible runs (`as_of`), ISO yyyy-mm-dd. */
  today: string;
  /**
   * A date the user chose for the whole run (`leadkit run --as-of` or the pipeline's as_of). It
   * outranks a rules file's as_of; a step's own --as-of outranks it.
   */
  asOf?: string;
  /**
   * Output files finished by a stage are committed (renamed into place) only when the whole
   * command or pipeline has succeeded, and aborted (temp files removed) otherwise, so an error
   * late in a run never leaves a mix of new and old files.
   */
  files: FileTransaction;
  /** Rows steps took out of the stream and why, for summaries and the run report. */
  tally: Tally;
  /** The last successful night's state (leadkit run --state DIR); absent outside such runs. */
  night?: NightState;
}

export interface Committable {
  /**
   * Everything that can fail before the rename: write the rest, close the file (a full disk
   * shows here). Optional; commit() does it itself when it was not called.
   */
  prepare?(): Promise<void>;
  /** Put the file in place (rename). */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * The files of one command or pipeline, committed together: first every file is prepared
 * (written out and closed), and only when all of them are complete is any renamed into place.
 * A full disk while finishing the main output then leaves yesterday's side files too, instead
 * of today's rejects beside yesterday's rows. What fails stays pending, for abortAll.
 */
export class FileTransaction {
  private readonly pending: Committable[] = [];
  add(c: Committable): void {
    this.pending.push(c);
  }
  async commitAll(): Promise<void> {
    for (const c of this.pending) await c.prepare?.();
    while (this.pending.length) {
      await this.pending[0].commit();
      this.pending.shift();
    }
  }
  async abortAll(): Promise<void> {
    for (const c of this.pending.splice(0)) await c.abort().catch(() => undefined);
  }
}

/** Why a row left the stream: rejected by validate, suppressed, or merged into a duplicate. */
export type RemovalKind = 'rejected' | 'suppressed' | 'merged';

export interface StepRemovals {
  rejected: number;
  suppressed: number;
  merged: number;
  /** Rows per reason code; a row with two reasons counts under both. */
  reasons: Map<string, number>;
}

/**
 * Counts of rows each step removed, by kind and reason. Steps record here as they remove
 * rows; `leadkit run` reads it for the funnel, rejects and suppressions in its summary.
 * (The summary's own per-value counters with a cap are CappedCounter in src/report/summary.ts.)
 */
export class Tally {
  readonly steps = new Map<string, StepRemovals>();
  record(step: string, kind: RemovalKind, reasons: readonly string[] = [], rows = 1): void {
    let s = this.steps.get(step);
    if (!s) this.steps.set(step, (s = { rejected: 0, suppressed: 0, merged: 0, reasons: new Map() }));
    s[kind] += rows;
    for (const r of reasons) s.reasons.set(r, (s.reasons.get(r) ?? 0) + rows);
  }
  total(kind: RemovalKind): number {
    let n = 0;
    for (const s of this.steps.values()) n += s[kind];
    return n;
  }

  /** Figures a step measured besides removals (dedupe's narrow merges, …), summed over steps. */
  readonly measures = new Map<StepMeasure, number>();
  measure(metric: StepMeasure, n: number): void {
    this.measures.set(metric, (this.measures.get(metric) ?? 0) + n);
  }

  /** Shares a step measured over its rows (dedupe's estimates): the run's is their row-weighted mean. */
  readonly rates = new Map<DedupeRate, { sum: number; rows: number }>();
  /** Why a step could not estimate a figure (the first reason given is kept). */
  readonly notes = new Map<'pair_completeness_why', string>();
  measureRate(metric: DedupeRate, value: number, rows: number): void {
    const r = this.rates.get(metric) ?? { sum: 0, rows: 0 };
    this.rates.set(metric, { sum: r.sum + value * rows, rows: r.rows + rows });
  }
  note(key: 'pair_completeness_why', why: string): void {
    if (!this.notes.has(key)) this.notes.set(key, why);
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
