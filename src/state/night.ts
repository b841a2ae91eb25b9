/**
 * What one night of `leadkit run --state DIR` tells the next, as the dedupe step sees it. The
 * state store (src/state/) implements it; dedupe (src/commands/dedupe.ts, src/match/dedupe.ts)
 * reads it to match only what changed since the last successful night and records what it
 * decided tonight.
 */
import type { Row } from '../table.js';
import { hashCells, hashValues } from './record-identity.js';
import { compileRowReader } from '../io/row-shape.js';

export interface NightState {
  /**
   * The cluster id a record was in after the last successful night, when the row that reaches
   * dedupe tonight is the same as then (same fingerprint); undefined for a new or changed record.
   * Records that share it were one person last night and still are unless a decision splits them.
   * With it, the normalised match values record() was given last night (dedupe then need not
   * read the row again; absent: the row is read).
   */
  previousRecord(recordId: string, fingerprint: number): { cluster: string; normalised?: string } | undefined;
  /**
   * Tonight's cluster of a record (dedupe's cluster_id), with the fingerprint of its row as dedupe
   * read it and the row's normalised match values (dedupe's normalisedOf), to keep for the next night.
   */
  record(recordId: string, fingerprint: number, clusterId: string, normalised?: string): void;
  /**
   * How many records the cluster had after the last night. A cluster of which a record is missing
   * or changed tonight is matched again as a whole: the missing record may have been what tied it.
   */
  previousClusterSize?(clusterId: string): number;
  /**
   * An output wrote this row for people tonight (export calls it per row written): the row's
   * person counts as delivered today, to the row's owner, else to `to` (the file it went to).
   * Absent for outputs that deliver nothing (a profile, `deliver: false`).
   */
  delivered?(row: Readonly<Row>, to: string): void;
  /**
   * Whether tonight carries the unchanged persons over (carry.ts decides it before any row is
   * read): a cluster dedupe found exactly as last night, whose id last night delivered, then skips
   * the steps after dedupe, and the outputs hold it back as unchanged.
   */
  readonly carrying?: boolean;
  /** Whether a cluster of last night may be carried (known, and delivered). */
  carryable?(clusterId: string): boolean;
  /** Last night's records of a cluster, in the order dedupe ranked them (the survivor first). */
  previousRecords?(clusterId: string): readonly string[];
  /** dedupe's output row of a carried cluster; the later steps leave such rows alone. */
  carry?(row: Row): void;
  /** The rows dedupe carried (the steps after it skip them). */
  readonly carried?: { has(row: Row): boolean };
}

/**
 * A row's fingerprint: every column's value, in the order of `columns`. Any change to a row
 * (even one no comparison reads) makes it "changed", which only costs matching it again.
 * A 52-bit hash of the cells (hashCells; the state writes it as 13 hex digits, hex52): a changed
 * record passes as unchanged about once in 4·10^15 changes; no cryptographic hash is needed
 * against one's own list, and this runs for every row of every night. A number, not its text: a
 * night holds one per record tonight and one per record of the state. 0 stands for none.
 */
export function rowFingerprint(row: Row, columns: readonly string[]): number {
  return hashCells(row, columns);
}

/**
 * rowFingerprint for many rows with the same columns: the cells are read by a reader compiled
 * for them (a property load per column at a site of its own, not one site for every column).
 */
export function rowFingerprinter(columns: readonly string[]): (row: Row) => number {
  const read = compileRowReader([...columns]);
  const cells: string[] = new Array(columns.length).fill('');
  return (row) => {
    read(row, cells);
    return hashValues(cells);
  };
}
