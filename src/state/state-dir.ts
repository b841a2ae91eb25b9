/**
 * Reading and writing a state directory (layout: format.ts). Reading goes through the I/O
 * layer's reader (src/io/read.ts) and writing through its atomic CSV writers and staged files
 * (src/io/csv-writer.ts, sink.ts), so the state's files get the same care as any output: a
 * temporary name beside the target, renamed only when the run commits, removed when it fails.
 * What is left here is the directory itself: whether it is a state, which files are whose, and
 * removing the generation the new meta.json no longer names.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Committable, Context } from '../context.js';
import { DataError } from '../errors.js';
import { openSource } from '../io/read.js';
import { openCsvWriter, type CsvRowWriter } from '../io/table-write.js';
import { stageFile } from '../io/sink.js';
import { ensureDir } from '../io/make-dir.js';
import { acquireLock, type LockHolder } from '../io/lock-file.js';
import type { Row } from '../table.js';
import { CLUSTER_COLUMNS, CLUSTER_STATUSES, DATA_FILE, dataFiles, META_FILE, parseMeta, RECORD_COLUMNS, STATE_FORMAT, STATE_VERSION, type ClusterStatus, type StateMeta } from './format.js';
import { PreviousState } from './previous.js';
import { parseHex52, parseIdentityCell } from './record-identity.js';
import { GONE_COLUMNS, ID_MAP_COLUMNS, type NightStore } from './store.js';

export interface LoadedState {
  prev: PreviousState;
  /** undefined on the first night (no meta.json yet). */
  meta?: StateMeta;
  /** meta.json's bytes as read, to notice another run writing the state meanwhile. */
  metaText?: string;
}

async function lstatOrUndefined(p: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError('E_STATE', `cannot read: ${(err as Error).message}`, p);
  }
}

/** Entries a directory may hold on a first night: leftovers of a night that did not finish, and the default side files. */
function harmless(name: string): boolean {
  return name.startsWith('.') || DATA_FILE.test(name) || name === 'gone.csv' || name === 'id-map.csv';
}

/** A state path that exists must be a directory (or a link to one). */
function checkStateDir(st: fs.Stats, dir: string): void {
  const isDir = st.isDirectory() || (st.isSymbolicLink() && fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory());
  if (!isDir) throw new DataError('E_STATE', 'the state (--state) must be a directory', dir);
}

/** The lock file in a state directory: one run at a time reads and writes a state. */
export const LOCK_FILE = '.leadkit-lock';

export interface StateLock {
  /** A lock left by a run that no longer runs, taken over. */
  tookOverFrom?: LockHolder;
  /** Remove the lock, and the directory when this run made it and it is still empty (a first night that failed). */
  release(): void;
}

/**
 * Lock the state directory for this run (made, with its parents, on the first night), before
 * its state is read: a second run on the same state (a cron job still running when the next
 * starts, a run by hand beside it) stops at once instead of delivering the same persons again
 * and failing only when it writes.
 */
export async function lockState(dir: string, forWhat: string): Promise<StateLock> {
  const st = await lstatOrUndefined(dir);
  if (st) checkStateDir(st, dir);
  const madeDir = !st;
  if (madeDir) await ensureDir(dir);
  const removeMadeDir = () => {
    if (!madeDir) return;
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty: the night was written, or someone put files there meanwhile.
    }
  };
  let lock;
  try {
    lock = acquireLock(path.join(dir, LOCK_FILE), 'the state', forWhat);
  } catch (err) {
    removeMadeDir();
    throw err;
  }
  return {
    tookOverFrom: lock.tookOverFrom,
    release() {
      lock.release();
      removeMadeDir();
    },
  };
}

/** Read the state of the last good night; a missing (or empty) directory is the first night. */
export async function loadState(dir: string, ctx: Pick<Context, 'stdin' | 'today'>): Promise<LoadedState> {
  const st = await lstatOrUndefined(dir);
  if (!st) return { prev: new PreviousState().sealed() };
  checkStateDir(st, dir);
  const metaPath = path.join(dir, META_FILE);
  const mst = await lstatOrUndefined(metaPath);
  if (!mst) {
    const other = fs.readdirSync(dir).filter((n) => !harmless(n));
    if (other.length) throw new DataError('E_STATE', `not a leadkit state: no ${META_FILE}, but the directory holds other files (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''}); give an empty or new directory`, dir);
    return { prev: new PreviousState().sealed() };
  }
  if (!mst.isFile()) throw new DataError('E_STATE', 'not a regular file: the state is never written through links or into special files', metaPath);
  const metaText = await fs.promises.readFile(metaPath, 'utf8');
  const meta = parseMeta(metaText, metaPath);
  if (meta.night > ctx.today) {
    throw new DataError('E_STATE_NIGHT', `the state is of the night of ${meta.night}, later than this run's date ${ctx.today}; run with --as-of ${meta.night} or later, or another --state`, metaPath);
  }
  const prev = new PreviousState(meta.delta_fields, meta.night);
  const clustersFile = path.join(dir, meta.clusters.file);
  const n = await readRows(clustersFile, CLUSTER_COLUMNS, ctx, (f, line) => {
    const status = f[1] as ClusterStatus;
    if (!CLUSTER_STATUSES.includes(status)) throw new DataError('E_STATE', `damaged state: status "${f[1]}" (${CLUSTER_STATUSES.join(', ')})`, clustersFile, line);
    if (f[0] === '') throw new DataError('E_STATE', 'damaged state: a cluster without cluster_id', clustersFile, line);
    const added = prev.addCluster({
      id: f[0],
      status,
      anchor: f[2],
      firstSeen: f[3],
      lastSeen: f[4],
      goneSince: f[5],
      mergedInto: f[6],
      fingerprint: f[7],
      deliveredAt: f[8],
      deliveredTo: f[9],
      owner: f[10],
      source: f[11],
    });
    if (added === 'repeated') throw new DataError('E_STATE', `damaged state: cluster ${f[0]} is listed twice`, clustersFile, line);
  });
  if (n !== meta.clusters.rows) throw new DataError('E_STATE', `damaged state: ${n} clusters, but ${META_FILE} says ${meta.clusters.rows}`, clustersFile);
  const recordsFile = path.join(dir, meta.records.file);
  // A state written before records kept their match values has one column less: they are read as none.
  const m = await readRows(recordsFile, RECORD_COLUMNS, ctx, (f, line) => {
    const cell = parseIdentityCell(f[3]);
    if (!cell) throw new DataError('E_STATE', `damaged state: identity "${f[3]}" of record ${f[0]}`, recordsFile, line);
    // A version-1 state may have fingerprints of an earlier kind (not 13 hex digits): none, so those records are matched again.
    const fingerprint = parseHex52(f[2]) ?? (meta.version === 1 ? 0 : undefined);
    if (fingerprint === undefined) throw new DataError('E_STATE', `damaged state: fingerprint "${f[2]}" of record ${f[0]}`, recordsFile, line);
    const added = prev.addRecord(f[0], f[1], fingerprint, cell.identity, f[4], f[5], cell.inputs);
    if (added === 'no_id') throw new DataError('E_STATE', 'damaged state: a record without record_id', recordsFile, line);
    if (added !== 'ok') throw new DataError('E_STATE', `damaged state: record ${f[0]} is in ${added === 'merged' ? 'the merged id' : 'no cluster'} ${f[1]}`, recordsFile, line);
  });
  if (m !== meta.records.rows) throw new DataError('E_STATE', `damaged state: ${m} records, but ${META_FILE} says ${meta.records.rows}`, recordsFile);
  return { prev: prev.sealed(), meta, metaText };
}

/** Read a state CSV a batch at a time; any row the reader had to guess at is a damaged state. */
async function readRows(file: string, columns: readonly string[], ctx: Pick<Context, 'stdin'>, each: (fields: string[], line: number) => void): Promise<number> {
  const src = await openSource(file, { encoding: 'utf-8', delimiter: ',', strict: true }, ctx.stdin);
  const older = columns.length > 1 && src.columns.join(',') === columns.slice(0, -1).join(',') && columns[columns.length - 1] === 'match_values';
  if (src.columns.join(',') !== columns.join(',') && !older) throw new DataError('E_STATE', `damaged state: the columns are not ${columns.join(', ')}`, file);
  let n = 0;
  for await (const batch of src.records) {
    for (const rec of batch) {
      if (rec.issue || rec.fields.length !== src.columns.length) throw new DataError('E_STATE', 'damaged state: not a row of the state', file, rec.line);
      each(older ? [...rec.fields, ''] : rec.fields, rec.line);
      n++;
    }
  }
  return n;
}

/** Nothing there, or a regular file: the only things a state file may be renamed over. */
async function checkTarget(p: string): Promise<void> {
  const st = await lstatOrUndefined(p);
  if (st && !st.isFile()) throw new DataError('E_STATE', 'not a regular file: the state is never written through links or into special files', p);
}

export interface StateWrite {
  dir: string;
  store: NightStore;
  loaded: LoadedState;
  gone: string;
  idMap: string;
  pipeline: string;
  leadkitVersion: string;
  deltaFields: readonly string[];
  /** The fingerprint of the steps after dedupe (carry.ts), '' when tonight could not carry. */
  steps: string;
}

/**
 * The next night's state, gone.csv and the id map, as one part of the run's file transaction:
 * prepare writes everything to temporary files (a full disk fails here, before any rename);
 * commit renames the side files, the data files, and meta.json last, then removes the files of
 * other generations; abort removes the temporary files (the lock's release removes the directory
 * when this run made it and it is still empty). Added last, so the state moves on only when every
 * output is in place.
 */
export function stateCommittable(w: StateWrite, ctx: Context): Committable {
  const writers: CsvRowWriter[] = [];
  let meta: { commit(): Promise<void>; abort(): Promise<void> } | undefined;
  let newMeta: StateMeta | undefined;
  const metaPath = path.join(w.dir, META_FILE);
  // The state's own files are plain CSV whatever the run's --excel or --out-delimiter say.
  const plain = { ...ctx, io: { ...ctx.io, excel: false, bom: false, outDelimiter: undefined } };

  const unchangedSinceLoad = async () => {
    const now = await lstatOrUndefined(metaPath);
    const text = now?.isFile() ? await fs.promises.readFile(metaPath, 'utf8') : undefined;
    if (text !== w.loaded.metaText) throw new DataError('E_STATE_CHANGED', 'the state changed while this run ran (another run wrote it); this run wrote no state', metaPath);
  };

  const writeAll = async (target: string, columns: readonly string[], rows: Iterable<Row>): Promise<number> => {
    await ensureDir(path.dirname(path.resolve(target)));
    const writer = await openCsvWriter([...columns], target, { delimiter: ',', bom: false, guard: false, excel: false }, plain);
    writers.push(writer);
    let batch: Row[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === 1024) {
        await writer.writeBatch(batch);
        batch = [];
      }
    }
    await writer.writeBatch(batch);
    await writer.prepare();
    return writer.count;
  };

  const prepare = async () => {
    if (newMeta) return;
    await ensureDir(w.dir);
    await unchangedSinceLoad();
    const generation = (w.loaded.meta?.generation ?? 0) + 1;
    const files = dataFiles(generation);
    for (const f of [META_FILE, files.clusters, files.records]) await checkTarget(path.join(w.dir, f));
    // gone.csv and id-map.csv inside the state directory are the state's files: never a link or a
    // special file someone left there (a FIFO would hang the job, a link write elsewhere).
    const inDir = (p: string) => path.resolve(p).startsWith(path.resolve(w.dir) + path.sep);
    for (const side of [w.gone, w.idMap]) if (inDir(side)) await checkTarget(side);
    const clusters = await writeAll(path.join(w.dir, files.clusters), CLUSTER_COLUMNS, w.store.clusterRows());
    const records = await writeAll(path.join(w.dir, files.records), RECORD_COLUMNS, w.store.recordRows());
    await writeAll(w.gone, GONE_COLUMNS, w.store.goneRows());
    await writeAll(w.idMap, ID_MAP_COLUMNS, w.store.idMapRows());
    newMeta = {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      generation,
      night: w.store.opts.today,
      written_at: new Date().toISOString(),
      pipeline: w.pipeline,
      leadkit_version: w.leadkitVersion,
      delta_fields: [...w.deltaFields],
      ...(w.steps ? { steps: w.steps } : {}),
      clusters: { file: files.clusters, rows: clusters },
      records: { file: files.records, rows: records },
    };
    meta = await stageFile(metaPath, `${JSON.stringify(newMeta, null, 2)}\n`);
  };

  return {
    prepare,
    async commit() {
      await prepare();
      await unchangedSinceLoad();
      await checkTarget(metaPath);
      // The data files, then meta.json (the one rename that makes them the state), then the side
      // files: a kill between two renames leaves either the old state or the new one.
      const [data, side] = [writers.slice(0, 2), writers.slice(2)];
      for (const writer of data) await writer.commit();
      await meta!.commit();
      for (const writer of side) await writer.commit();
      // The new meta.json is in place: the files it does not name belong to no state.
      const keep = new Set([newMeta!.clusters.file, newMeta!.records.file]);
      for (const name of fs.readdirSync(w.dir)) {
        if (DATA_FILE.test(name) && !keep.has(name)) await fs.promises.rm(path.join(w.dir, name), { force: true }).catch(() => ctx.warn(`${path.join(w.dir, name)}: could not remove this old state file`));
      }
    },
    async abort() {
      for (const writer of writers) await writer.abort().catch(() => undefined);
      await meta?.abort().catch(() => undefined);
    },
  };
}
