/**
 * The layout of a state directory (`leadkit run --state DIR`), version 2 (version 1 had no
 * retired ids; it is read as a state none of whose ids was forgotten yet):
 *
 *   DIR/meta.json           what the state is: format, version, generation, the night it is of,
 *                           the delta fields, and the data files with their row counts
 *   DIR/clusters-<G>.csv    one row per person (cluster) ever seen and not yet forgotten, one
 *                           per id merged into another (status merged, merged_into), and one
 *                           per id forgotten (status retired), so that no other person is
 *                           ever given an id that once meant someone
 *   DIR/records-<G>.csv     one row per record: which cluster it is in, dedupe's fingerprint of
 *                           its row, hashes of who it is (record-identity.ts), when last seen,
 *                           and the row's normalised match values (dedupe reads them instead of
 *                           the row while the fingerprint is unchanged)
 *
 * A night writes generation G+1 beside G and then replaces meta.json (one rename): until that
 * rename the old meta.json names the old, complete files, after it the new ones. So a run that
 * fails, trips a check or is killed leaves the state of the last good night, whole. Files of
 * other generations are removed once the new meta.json is in place.
 *
 * Plain CSV with a fixed header, read and written a row at a time, so a state of millions of
 * persons costs memory in proportion to its rows and never a single huge string.
 */
import { DataError } from '../errors.js';
import { DAY_MS } from '../date/parse.js';

export const STATE_FORMAT = 'leadkit-state';
export const STATE_VERSION = 2;
/** The versions this leadkit reads: a leadkit that knows no retired ids must not read a state that has them. */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, 2];
export const META_FILE = 'meta.json';

export const CLUSTER_COLUMNS = [
  'cluster_id',
  'status',
  'anchor_record',
  'first_seen',
  'last_seen',
  'gone_since',
  'merged_into',
  'fingerprint',
  'delivered_at',
  'delivered_to',
  'owner',
  'source',
] as const;

export const RECORD_COLUMNS = ['record_id', 'cluster_id', 'fingerprint', 'identity', 'last_seen', 'match_values'] as const;

/**
 * active: in tonight's rows; gone: in no row since gone_since; merged: the id now lives on as
 * merged_into; retired: forgotten (--forget-after), its id never given again.
 */
export type ClusterStatus = 'active' | 'gone' | 'merged' | 'retired';
export const CLUSTER_STATUSES: readonly ClusterStatus[] = ['active', 'gone', 'merged', 'retired'];

export interface StateMeta {
  format: typeof STATE_FORMAT;
  version: number;
  /** Counts the nights written to this directory; names the data files. */
  generation: number;
  /** The as-of date of the night that wrote it (yyyy-mm-dd). */
  night: string;
  written_at: string;
  pipeline: string;
  leadkit_version: string;
  /** The fields the fingerprints are of, in their order. */
  delta_fields: string[];
  /** The fingerprint of the steps after dedupe (carry.ts): the next night carries its unchanged persons over only when its own is the same. */
  steps?: string;
  clusters: { file: string; rows: number };
  records: { file: string; rows: number };
}

/** The data file names of a generation. */
export function dataFiles(generation: number): { clusters: string; records: string } {
  return { clusters: `clusters-${generation}.csv`, records: `records-${generation}.csv` };
}

/** A data file of some generation (for removing those the new meta.json does not name). */
export const DATA_FILE = /^(clusters|records)-\d+\.csv$/;

/** Read meta.json: anything that is not a state of this version is an error naming the file. */
export function parseMeta(text: string, file: string): StateMeta {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new DataError('E_STATE', 'not a leadkit state: meta.json is not valid JSON', file);
  }
  const o = m as Partial<StateMeta> | null;
  if (!o || typeof o !== 'object' || o.format !== STATE_FORMAT) throw new DataError('E_STATE', `not a leadkit state (format is not "${STATE_FORMAT}")`, file);
  if (typeof o.version !== 'number' || !READABLE_STATE_VERSIONS.includes(o.version)) {
    throw new DataError('E_STATE_VERSION', `state format version ${JSON.stringify(o.version)} is not one this leadkit reads (versions ${READABLE_STATE_VERSIONS.join(', ')}); use the leadkit that wrote it, or another --state directory`, file);
  }
  const fileEntry = (e: unknown) => !!e && typeof e === 'object' && typeof (e as { file?: unknown }).file === 'string' && Number.isSafeInteger((e as { rows?: unknown }).rows);
  if (
    !Number.isSafeInteger(o.generation) ||
    typeof o.night !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(o.night) ||
    !Array.isArray(o.delta_fields) ||
    !o.delta_fields.every((f) => typeof f === 'string') ||
    (o.steps !== undefined && typeof o.steps !== 'string') ||
    !fileEntry(o.clusters) ||
    !fileEntry(o.records)
  ) {
    throw new DataError('E_STATE', 'damaged state: meta.json lacks generation, night, delta_fields, clusters or records', file);
  }
  for (const f of [o.clusters!.file, o.records!.file]) {
    if (!DATA_FILE.test(f)) throw new DataError('E_STATE', `damaged state: meta.json names the data file "${f}"`, file);
  }
  return o as StateMeta;
}

/** Whole days from `from` to `to` (yyyy-mm-dd each). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
