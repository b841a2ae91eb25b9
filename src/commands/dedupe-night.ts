/**
 * dedupe in a night of `leadkit run --state DIR`: which rows the last successful night settled
 * (same record, same row, so the same cluster), and what tonight decided, for the next night.
 */
import type { Row } from '../table.js';
import type { NightState } from '../state/night.js';
import { rowFingerprinter } from '../state/night.js';
import type { DedupeResult } from '../match/dedupe.js';
import { asHeld, type HeldRows } from '../match/held-rows.js';

export interface NightPlan {
  /** Per row: a number for the cluster the row was in last night when unchanged since, else -1. */
  settled: Int32Array;
  /** Per row: its normalised match values kept from last night, when unchanged and kept. */
  normalised: (string | undefined)[];
  fingerprints: number[];
  /** Rows settled last night. */
  unchanged: number;
  /** Per number in `settled`: last night's cluster id. */
  groupIds: string[];
}

/** planNight over rows at hand. */
export function planNight(rows: readonly Row[], columns: readonly string[], night: NightState): NightPlan {
  const planner = nightPlanner(columns, night);
  for (let i = 0; i < rows.length; i++) planner.add(rows[i], i);
  return planner.finish((i) => rows[i].record_id ?? '');
}

/**
 * The night's plan built row by row as dedupe collects them (a row may go to a temporary file
 * next: its fingerprint is taken now). The state is asked only in finish(), once every row is
 * in: import links a record whose id changed only after it has read every input (links.ts), so
 * that a shifted id never takes the state record another row still holds under its own id.
 */
export function nightPlanner(columns: readonly string[], night: NightState): { add(row: Row, i: number): void; finish(recordId: (i: number) => string): NightPlan } {
  const fingerprints: number[] = [];
  const fingerprint = rowFingerprinter(columns);
  return {
    add(row, i) {
      fingerprints[i] = fingerprint(row);
    },
    // The record ids from where the rows are held (HeldRows.recordId), which keeps them anyway.
    finish(recordId) {
      const n = fingerprints.length;
      const settled = new Int32Array(n).fill(-1);
      const normalised: (string | undefined)[] = new Array(n);
      const groupOf = new Map<string, number>();
      const sizeOf: number[] = [];
      const groupIds: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = recordId(i);
        const fp = fingerprints[i];
        const before = id ? night.previousRecord(id, fp) : undefined;
        if (before === undefined) continue;
        const cluster = before.cluster;
        let g = groupOf.get(cluster);
        if (g === undefined) {
          groupOf.set(cluster, (g = groupOf.size));
          groupIds[g] = cluster;
          sizeOf[g] = night.previousClusterSize?.(cluster) ?? 0;
        }
        settled[i] = g;
        normalised[i] = before.normalised;
      }
      // A cluster is settled only while all of last night's records are here unchanged: a record that
      // left or changed may have been what tied the others (A ~ C ~ B without C is not one person).
      const present = new Int32Array(groupOf.size);
      for (let i = 0; i < n; i++) if (settled[i] >= 0) present[settled[i]]++;
      let unchanged = 0;
      for (let i = 0; i < n; i++) {
        const g = settled[i];
        if (g < 0) continue;
        if (present[g] < sizeOf[g]) settled[i] = -1;
        else unchanged++;
      }
      return { settled, normalised, fingerprints, unchanged, groupIds };
    },
  };
}

/**
 * Tonight's clusters that are last night's exactly (the same records, each unchanged, and no
 * other) and may be carried over (NightState.carryable): 1 per such cluster; undefined when the
 * night carries nothing. A cluster a decision split, or that a new record joined, is not one; nor
 * is one whose records dedupe ranks in another order tonight (another prefer:, another order of
 * the inputs, a list whose dates now read the other way round): its merged row may differ. (A
 * cluster with a record the state lists twice is not carryable: NightStore.carryable.)
 */
export function carriedClusters(plan: NightPlan, rows: readonly Row[] | HeldRows, result: DedupeResult, night: NightState): Uint8Array | undefined {
  if (!night.carrying || !night.carryable || !night.previousRecords) return undefined;
  const { settled } = plan;
  const present = new Int32Array(plan.groupIds.length);
  for (let i = 0; i < settled.length; i++) if (settled[i] >= 0) present[settled[i]]++;
  const { clusters } = result;
  const held = asHeld(rows);
  const out = new Uint8Array(clusters.count);
  for (let c = 0; c < clusters.count; c++) {
    const members = clusters.members(c);
    const g = settled[members[0]];
    if (g < 0 || members.length !== present[g]) continue;
    const id = plan.groupIds[g];
    if (!night.carryable(id)) continue;
    const before = night.previousRecords(id);
    if (before.length !== members.length) continue;
    let same = true;
    for (let k = 0; k < members.length && same; k++) same = settled[members[k]] === g && held.recordId(members[k]) === before[k];
    if (same) out[c] = 1;
  }
  return out;
}

/** Tell the state tonight's cluster of every record. */
export function recordNight(plan: NightPlan, rows: HeldRows, result: DedupeResult, night: NightState): void {
  for (const c of result.clusters) {
    for (const i of c.members) {
      const id = rows.recordId(i);
      // A row unchanged since last night has last night's values (the very string, kept once).
      if (id) night.record(id, plan.fingerprints[i], c.id, plan.normalised[i] ?? result.normalisedOf(i));
    }
  }
}

/** "; 990,000 rows unchanged since the last night kept their clusters, 10,000 compared". */
export function nightNote(plan: NightPlan | undefined, rows: number, count: (n: number) => string): string {
  if (!plan) return '';
  return `; ${count(plan.unchanged)} ${plan.unchanged === 1 ? 'row' : 'rows'} unchanged since the last night kept their clusters, ${count(rows - plan.unchanged)} matched`;
}
