/**
 * The last stage before a night's outputs: the rows are grouped into tonight's clusters (one row
 * per cluster after dedupe's merge mode, the rows sharing a cluster_id in flag mode, each row
 * alone without a dedupe step), each cluster gets its persistent id from the state, and every row
 * gets cluster_id (that id), delta, delta_fields, delivered_at, delivered_to and id_status.
 *
 * Streaming: a cluster's rows go on as soon as its id is decided. Only clusters whose id waits
 * for a later one (see identity.ts) and flag-mode clusters not yet complete are held, and come
 * at the end of the stream at the latest, so those rows may come later than they arrived.
 */
import { DataError } from '../errors.js';
import { withColumns, type Row, type Table } from '../table.js';
import { deltaFingerprint } from './fingerprint.js';
import { NIGHT_COLUMNS, type NightStore } from './store.js';
import type { TonightCluster } from './identity.js';

type Mode = 'merge' | 'flag' | 'grouped' | 'single';

/** How the rows say which records are one person. */
export function clusterMode(columns: readonly string[]): Mode {
  if (columns.includes('merged_ids')) return 'merge';
  if (columns.includes('cluster_id') && (columns.includes('is_survivor') || columns.includes('survivor_id'))) return 'flag';
  if (columns.includes('cluster_id')) return 'grouped';
  return 'single';
}

/** A merge-mode row's records: merged_ids (survivor first), with its own record_id in any case. */
export function mergedRecords(row: Readonly<Row>): string[] {
  const own = row.record_id ?? '';
  const out = [own];
  const seen = new Set(out);
  for (const part of (row.merged_ids ?? '').split(';')) {
    const r = part.trim();
    if (r !== '' && !seen.has(r)) {
      seen.add(r);
      out.push(r);
    }
  }
  return out;
}

interface Pending {
  rows: Row[];
  records: string[];
  seen: Set<string>;
  expected: number;
}

export function annotateNight(input: Table, store: NightStore, fields: readonly string[]): Table {
  if (!input.columns.includes('record_id')) {
    throw new DataError('E_STATE_RECORD_ID', 'a state (--state) follows persons by record_id, and the rows have none (rows come with one from import)');
  }
  const mode = clusterMode(input.columns);
  const hasOwner = input.columns.includes('owner');
  const columns = withColumns(input.columns, [...NIGHT_COLUMNS]);
  const held = new Map<number, Row[]>();
  let position = 0;

  const add = (rows: Row[], records: string[], survivorRow: Row, proposedId: string) => {
    const cluster: TonightCluster = { records, survivor: survivorRow.record_id, proposedId };
    const g = store.carried.has(survivorRow) ? store.addCarried(cluster) : store.addCluster(cluster, deltaFingerprint(survivorRow, fields), survivorRow);
    held.set(g, rows);
  };

  const emit = (groups: number[], out: Row[]) => {
    for (const g of groups) {
      const rows = held.get(g) as Row[];
      held.delete(g);
      const a = store.annotation(g);
      for (const row of rows) {
        // A carried row skipped the steps after dedupe: only an unchanged person may be carried,
        // and the outputs hold unchanged rows back (carry.ts), so none of its blanks is written.
        const carried = store.carried.has(row);
        if (carried && a.delta !== 'unchanged') throw new Error(`night: carried cluster ${a.cluster_id} came out ${a.delta}`);
        Object.assign(row, a);
        // Route did not run for it: the summary counts it under last night's owner.
        if (carried && hasOwner) row.owner = store.ownerOf(g);
        store.count(a, row, g, carried);
        out.push(row);
      }
    }
  };

  const checkId = (row: Row) => {
    position++;
    if ((row.record_id ?? '').trim() === '') throw new DataError('E_STATE_RECORD_ID', `row ${position} reaching the outputs has no record_id: a state (--state) cannot follow it from night to night`);
  };

  async function* out(): AsyncGenerator<Row[]> {
    const open = new Map<string, Pending>();
    const close = (key: string, p: Pending) => {
      open.delete(key);
      const survivor = p.rows.find((r) => r.survivor_id !== undefined && r.record_id === r.survivor_id) ?? p.rows.find((r) => (r.is_survivor ?? '').trim() === 'yes') ?? p.rows[0];
      add(p.rows, p.records, survivor, key);
    };
    for await (const batch of input.batches) {
      const ready: Row[] = [];
      for (const row of batch) {
        checkId(row);
        if (mode === 'merge') add([row], mergedRecords(row), row, row.cluster_id ?? '');
        else if (mode === 'single' || (row.cluster_id ?? '') === '') add([row], [row.record_id], row, '');
        else {
          const key = row.cluster_id;
          let p = open.get(key);
          if (!p) {
            const dup = Number((row.duplicate_count ?? '').trim());
            // Flag mode says how many rows a cluster has; a grouped list (cluster ids from elsewhere) waits for its end.
            const expected = mode === 'flag' && Number.isSafeInteger(dup) && dup >= 0 && (row.duplicate_count ?? '').trim() !== '' ? dup + 1 : Infinity;
            open.set(key, (p = { rows: [], records: [], seen: new Set(), expected }));
          }
          p.rows.push(row);
          if (!p.seen.has(row.record_id)) {
            p.seen.add(row.record_id);
            p.records.push(row.record_id);
          }
          if (p.rows.length >= p.expected) close(key, p);
        }
        emit(store.takeReady(), ready);
      }
      if (ready.length) yield ready;
    }
    // Clusters some of whose rows a later step removed, and a grouped list's clusters.
    for (const [key, p] of [...open.entries()]) close(key, p);
    const rest: Row[] = [];
    emit(store.takeReady(), rest);
    emit(store.finishClusters(), rest);
    for (let i = 0; i < rest.length; i += 1024) yield rest.slice(i, i + 1024);
  }
  return { columns, batches: out() };
}
