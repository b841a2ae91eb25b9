/**
 * One night of `leadkit run --state DIR`: last night's state, tonight's clusters as they reach the
 * outputs, and the state the next night starts from. It is the NightState the steps see (dedupe
 * asks it for last night's clusters and tells it tonight's) and the exports tell it what they
 * delivered. Pure: state-dir.ts reads and writes the files.
 */
import type { Row } from '../table.js';
import type { NightState } from './night.js';
import { IdentityResolver, type IdDecision, type IdStatus, type TonightCluster } from './identity.js';
import { changedFields } from './fingerprint.js';
import { daysBetween, type ClusterStatus } from './format.js';
import type { PreviousState } from './previous.js';
import { RecordLinks } from './links.js';
import { formatIdentity, hex52 } from './record-identity.js';
import type { DeltaCounts, DeltaSummary } from '../report/summary-types.js';
import { CAPS, OTHER } from '../report/summary.js';

export { DELTA_KINDS, type DeltaKind } from './delta.js';
import type { DeltaKind } from './delta.js';

/** The columns a night adds to every output row (cluster_id is set to the persistent id). */
export const NIGHT_COLUMNS = ['cluster_id', 'delta', 'delta_fields', 'delivered_at', 'delivered_to', 'id_status', 'id_linked_by'] as const;

export const GONE_COLUMNS = [
  'cluster_id',
  'gone_status',
  'gone_since',
  'gone_reason',
  'first_seen',
  'last_seen',
  'delivered_at',
  'delivered_to',
  'owner',
  'source',
  'records',
  'record_ids',
] as const;

export const ID_MAP_COLUMNS = ['cluster_id', 'event', 'other_id', 'night'] as const;

/** What the outputs' rows of one cluster say about it. */
export interface NightAnnotation {
  cluster_id: string;
  delta: DeltaKind;
  /** Changed fields, ';'-joined ('' unless changed). */
  delta_fields: string;
  delivered_at: string;
  delivered_to: string;
  id_status: IdStatus;
  /**
   * How the cluster was found in the state: record_id, or email_or_phone when one of its records
   * had another id last night (a shifted row, a renamed file: a guess, counted); ambiguous when
   * new because a record of it fitted several known persons by email or phone and name (counted);
   * '' when new.
   */
  id_linked_by: '' | 'record_id' | 'email_or_phone' | 'ambiguous';
}

export interface NightOptions {
  /** The run's date (yyyy-mm-dd). */
  today: string;
  deltaFields: readonly string[];
  /** Drop persons gone (and records unseen) for this many days; undefined keeps them. */
  forgetAfter?: number;
  /** The state directory, for the summary. */
  dir: string;
}

/** What became of a cluster of last night's state. */
const enum Fate {
  /** Its id lives on in tonight's cluster. */
  Kept = 1,
  /** Merged tonight into another id. */
  Merged,
  GoneTonight,
  StillGone,
  Forgotten,
  /** A merged id from an earlier night, kept as such. */
  Tombstone,
  TombstoneForgotten,
  /** A merged id given back to a part that split off again. */
  Revived,
}


class CappedDeltaCounts {
  readonly map = new Map<string, DeltaCounts>();
  constructor(private readonly cap: number) {}
  add(key: string, kind: keyof DeltaCounts, n = 1): void {
    let c = this.map.get(key);
    if (!c) {
      const k = this.map.size < this.cap ? key : OTHER;
      c = this.map.get(k);
      if (!c) this.map.set(k, (c = { new: 0, changed: 0, unchanged: 0, gone: 0 }));
    }
    c[kind] += n;
  }
  toRecord(): Record<string, DeltaCounts> {
    const total = (c: DeltaCounts) => c.new + c.changed + c.unchanged + c.gone;
    return Object.fromEntries([...this.map.entries()].sort((a, b) => (a[0] === OTHER ? 1 : b[0] === OTHER ? -1 : total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1))));
  }
}

export class NightStore implements NightState {
  readonly resolver: IdentityResolver;
  readonly links: RecordLinks;
  /** Per tonight's cluster (group): what the state needs besides its id, in flat arrays. */
  private readonly fingerprints: string[] = [];
  private readonly owners: string[] = [];
  private readonly sources: string[] = [];
  /** Where it was delivered tonight (undefined: not delivered). */
  private readonly deliveredTo: (string | undefined)[] = [];
  private readonly names = new Map<string, string>();
  /** Rows whose cluster was found through a record whose id changed. */
  private linkedByContentRows = 0;
  private fate = new Uint8Array(0);
  private removedBySteps = new Uint8Array(0);
  private closed = false;
  private readonly counts = { new: 0, changed: 0, unchanged: 0 };
  private readonly bySource = new CappedDeltaCounts(CAPS.owners);
  private readonly byOwner = new CappedDeltaCounts(CAPS.owners);
  private readonly fieldCounts = new Map<string, number>();
  private deliveredCount = 0;
  /** dedupe's rows of the clusters carried over tonight (see NightState.carrying). */
  readonly carried = new WeakSet<Row>();
  private carriedCount = 0;
  /** Set by the run before any row is read (carry.ts); false: every person goes through the steps. */
  carrying = false;
  /** Why tonight carries nothing over, when it does not ('' when it does, or on the first night). */
  carryOff = '';
  /** Fields of tonight's list that last night's fingerprints do not have (compared from tomorrow on). */
  readonly fieldsAdded: string[];

  constructor(
    readonly prev: PreviousState,
    readonly opts: NightOptions,
  ) {
    this.links = new RecordLinks(prev);
    this.resolver = new IdentityResolver(prev, this.links);
    this.fieldsAdded = prev.empty ? [] : opts.deltaFields.filter((f) => !prev.deltaFields.includes(f));
    this.sameFields = prev.deltaFields.length === opts.deltaFields.length && prev.deltaFields.every((f, i) => f === opts.deltaFields[i]);
  }

  /** Tonight's delta fields are last night's, in the same order. */
  private readonly sameFields: boolean;

  // ----------------------------------------------------------------------------- NightState

  previousRecord(recordId: string, fingerprint: number): { cluster: string; normalised?: string } | undefined {
    const r = this.links.stateRecordOf(recordId);
    if (r < 0 || fingerprint === 0 || this.prev.recordFingerprint[r] !== fingerprint) return undefined;
    return { cluster: this.prev.clusters[this.prev.recordCluster[r]].id, normalised: this.prev.recordMatchValues[r] || undefined };
  }

  record(recordId: string, fingerprint: number, _clusterId: string, matchValues?: string): void {
    this.links.setFingerprint(recordId, fingerprint, matchValues);
  }

  previousClusterSize(clusterId: string): number {
    const c = this.prev.clusterIndex(clusterId);
    return c < 0 ? 0 : this.prev.recordCount(c);
  }

  delivered(row: Readonly<Row>, to: string): void {
    const g = this.resolver.groupOfId.get(row.cluster_id ?? '');
    if (g === undefined) return;
    const before = this.deliveredTo[g];
    if (before === undefined) this.deliveredCount++;
    const owner = (row.owner ?? '').trim();
    // Without an owner: the files it went to, sorted, so outputs running side by side give the same answer.
    if (owner !== '') this.deliveredTo[g] = owner;
    else if (before === undefined) this.deliveredTo[g] = to;
    else if (!before.split(';').includes(to)) this.deliveredTo[g] = [...before.split(';'), to].sort().join(';');
  }

  carryable(clusterId: string): boolean {
    if (!this.carrying) return false;
    const c = this.prev.clusterIndex(clusterId);
    return c >= 0 && this.prev.clusters[c].status === 'active' && this.prev.clusters[c].deliveredAt !== '' && !this.prev.hasRecordListedTwice(c);
  }

  previousRecords(clusterId: string): readonly string[] {
    const c = this.prev.clusterIndex(clusterId);
    return c < 0 ? [] : this.prev.recordsOf(c);
  }

  carry(row: Row): void {
    this.carried.add(row);
  }

  // ----------------------------------------------------------------------------- tonight

  /** A row import read tonight (its record is in an input, whatever the steps do with it). */
  seenAtImport(row: Readonly<Row>): void {
    this.links.seen(row);
  }

  /** Import has read every input. */
  endOfImport(): void {
    this.links.endOfImport();
  }

  /** Tonight's next cluster, with the row that stands for it (the survivor's). Returns its group. */
  addCluster(cluster: TonightCluster, fingerprint: string, row: Readonly<Row>): number {
    const g = this.resolver.add(cluster);
    this.fingerprints[g] = fingerprint;
    this.owners[g] = this.name((row.owner ?? '').trim());
    this.sources[g] = this.name(row.source ?? '');
    this.deliveredTo[g] = undefined;
    return g;
  }

  /**
   * A carried cluster (its row skipped the steps after dedupe): it is last night's person with
   * the same records and rows, so it keeps last night's fingerprint, owner and source.
   */
  addCarried(cluster: TonightCluster): number {
    const r = this.links.stateRecordOf(cluster.survivor);
    const before = r < 0 ? undefined : this.prev.clusters[this.prev.recordCluster[r]];
    if (!before) throw new Error(`night: carried record ${cluster.survivor} is not in the state`);
    const g = this.resolver.add(cluster);
    this.fingerprints[g] = before.fingerprint;
    this.owners[g] = before.owner;
    this.sources[g] = before.source;
    this.deliveredTo[g] = undefined;
    this.carriedCount++;
    return g;
  }

  /** The owner of tonight's cluster as the state will keep it. */
  ownerOf(g: number): string {
    return this.owners[g];
  }

  /** Owners and sources repeat: one copy of each (bounded). */
  private name(s: string): string {
    const hit = this.names.get(s);
    if (hit !== undefined) return hit;
    if (this.names.size < 100_000) this.names.set(s, s);
    return s;
  }

  takeReady(): number[] {
    return this.resolver.takeReady();
  }

  /** The stream has ended: the clusters still waiting are decided. */
  finishClusters(): number[] {
    return this.resolver.finish();
  }

  /** The columns for the rows of a decided cluster. */
  annotation(g: number): NightAnnotation {
    const d = this.resolver.decision(g);
    let delta: DeltaKind = 'new';
    let fields: string[] = [];
    let deliveredAt = '';
    let deliveredTo = '';
    if (d.keep >= 0) {
      ({ deliveredAt, deliveredTo } = this.lastDelivery(d));
      // A known person no output has delivered yet (held back by top: or only:) is new to whoever
      // gets the delta until it is delivered; otherwise only: [new, changed] would never send it.
      if (deliveredAt !== '') {
        const before = this.prev.clusters[d.keep];
        // The same fingerprint of the same fields (nearly every person of a night) needs no comparing.
        fields = this.sameFields && before.fingerprint === this.fingerprints[g] ? [] : changedFields(before.fingerprint, this.prev.deltaFields, this.fingerprints[g], this.opts.deltaFields);
        delta = fields.length ? 'changed' : 'unchanged';
      }
    }
    const linkedBy = d.keep >= 0 || d.splitFrom >= 0 ? (this.resolver.linkedByContent(g) ? 'email_or_phone' : 'record_id') : this.resolver.ambiguous(g) ? 'ambiguous' : '';
    return { cluster_id: d.id, delta, delta_fields: fields.join(';'), delivered_at: deliveredAt, delivered_to: deliveredTo, id_status: d.status, id_linked_by: linkedBy };
  }

  /** Count a row the outputs get (per source and owner); a carried one by its cluster's (last night's). */
  count(a: NightAnnotation, row: Readonly<Row>, g: number, carried: boolean): void {
    this.counts[a.delta]++;
    if (a.id_linked_by === 'email_or_phone') this.linkedByContentRows++;
    this.bySource.add(carried ? this.sources[g] : (row.source ?? ''), a.delta);
    this.byOwner.add((carried ? this.owners[g] : (row.owner ?? '').trim()) || 'unassigned', a.delta);
    if (a.delta_fields !== '') for (const f of a.delta_fields.split(';')) this.fieldCounts.set(f, (this.fieldCounts.get(f) ?? 0) + 1);
  }

  /** The kept id's last delivery, else the latest of the ids merged into it. */
  private lastDelivery(d: IdDecision): { deliveredAt: string; deliveredTo: string } {
    const keep = this.prev.clusters[d.keep];
    let best = keep;
    if (keep.deliveredAt === '') for (const m of d.merged) if (this.prev.clusters[m].deliveredAt > best.deliveredAt) best = this.prev.clusters[m];
    return { deliveredAt: best.deliveredAt, deliveredTo: best.deliveredTo };
  }

  // ----------------------------------------------------------------------------- after the stream

  /** Decide what became of every cluster of last night's state (after every output has run). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const { prev, resolver } = this;
    const n = prev.clusters.length;
    this.fate = new Uint8Array(n);
    this.removedBySteps = new Uint8Array(n);
    const forget = (since: string) => this.opts.forgetAfter !== undefined && since !== '' && daysBetween(since, this.opts.today) >= this.opts.forgetAfter;
    const revived = new Set<number>();
    for (let g = 0; g < resolver.size; g++) {
      const r = resolver.decision(g).revived;
      if (r >= 0) revived.add(r);
    }
    for (let s = 0; s < n; s++) {
      const c = prev.clusters[s];
      if (c.status === 'merged') {
        this.fate[s] = revived.has(s) ? Fate.Revived : forget(c.lastSeen) ? Fate.TombstoneForgotten : Fate.Tombstone;
        continue;
      }
      const owner = resolver.ownerGroup(s);
      if (owner !== undefined) {
        this.fate[s] = resolver.decision(owner).keep === s ? Fate.Kept : Fate.Merged;
        continue;
      }
      const since = c.status === 'gone' ? c.goneSince || this.opts.today : this.opts.today;
      this.fate[s] = forget(since) ? Fate.Forgotten : c.status === 'gone' ? Fate.StillGone : Fate.GoneTonight;
    }
    // A person none of whose records reached the outputs, though one was read: a step removed it.
    for (let r = 0; r < prev.recordIds.length; r++) if (this.links.stateLink[r] >= 0) this.removedBySteps[prev.recordCluster[r]] = 1;
  }

  private goneSinceOf(s: number): string {
    const c = this.prev.clusters[s];
    return c.status === 'gone' && c.goneSince !== '' ? c.goneSince : this.opts.today;
  }

  private summarised: DeltaSummary | undefined;
  /** Set when the run tripped or failed: no output was replaced, so nobody was delivered. */
  private uncommitted = false;

  /** The run will replace no output (a check tripped): the summary says 0 delivered, and what would have been. */
  notCommitted(): void {
    this.uncommitted = true;
    this.summarised = undefined;
  }

  /** The summary's delta section (computed once, after close). */
  summary(): DeltaSummary {
    this.close();
    return (this.summarised ??= this.makeSummary());
  }

  private makeSummary(): DeltaSummary {
    const { prev } = this;
    let gone = 0;
    let goneNotInInputs = 0;
    let goneRemoved = 0;
    let forgotten = 0;
    let before = 0;
    let merged = 0;
    const bySource = this.bySource;
    const byOwner = this.byOwner;
    for (let s = 0; s < prev.clusters.length; s++) {
      const c = prev.clusters[s];
      if (c.status === 'active') before++;
      const f = this.fate[s];
      if (f === Fate.Merged) merged++;
      if (f === Fate.Forgotten || f === Fate.TombstoneForgotten) forgotten++;
      if (f === Fate.GoneTonight || (f === Fate.Forgotten && c.status === 'active')) {
        gone++;
        if (this.removedBySteps[s]) goneRemoved++;
        else goneNotInInputs++;
        bySource.add(c.source, 'gone');
        byOwner.add(c.owner || 'unassigned', 'gone');
      }
    }
    const ids: Record<IdStatus, number> = { new: 0, kept: 0, kept_by_size: 0, returned: 0, merged: 0, split: 0 };
    for (let g = 0; g < this.resolver.size; g++) ids[this.resolver.decision(g).status]++;
    let goneRemembered = 0;
    for (let s = 0; s < prev.clusters.length; s++) if (this.fate[s] === Fate.GoneTonight || this.fate[s] === Fate.StillGone) goneRemembered++;
    return {
      state: this.opts.dir,
      previous_night: prev.night ?? null,
      fields: [...this.opts.deltaFields],
      new: this.counts.new,
      changed: this.counts.changed,
      unchanged: this.counts.unchanged,
      gone,
      gone_not_in_inputs: goneNotInInputs,
      gone_removed_by_steps: goneRemoved,
      gone_remembered: goneRemembered,
      forgotten,
      persons_before: before,
      persons: this.resolver.size,
      delivered: this.uncommitted ? 0 : this.deliveredCount,
      ...(this.uncommitted ? { would_have_delivered: this.deliveredCount } : {}),
      carried: this.carriedCount,
      ...(this.carryOff ? { carry_off: this.carryOff } : {}),
      linked_by_email_or_phone: this.linkedByContentRows,
      records_relinked: this.links.relinked,
      ambiguous_links: this.links.ambiguous,
      ids: { ...ids, merged_away: merged },
      changed_fields: Object.fromEntries([...this.fieldCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
      by_source: bySource.toRecord(),
      by_owner: byOwner.toRecord(),
    };
  }

  // ----------------------------------------------------------------------------- the new state's rows

  /** The clusters file of the next night: tonight's clusters, then what is remembered of the rest. */
  *clusterRows(): Generator<Row> {
    this.close();
    const { prev, resolver, opts } = this;
    for (let g = 0; g < resolver.size; g++) {
      const d = resolver.decision(g);
      const deliveredTo = this.deliveredTo[g];
      const from = d.keep >= 0 ? d.keep : d.revived;
      const delivery = d.keep >= 0 ? this.lastDelivery(d) : { deliveredAt: '', deliveredTo: '' };
      yield clusterRow({
        id: d.id,
        status: 'active',
        anchor: resolver.anchorOf(g),
        firstSeen: from >= 0 ? prev.clusters[from].firstSeen : opts.today,
        lastSeen: opts.today,
        goneSince: '',
        mergedInto: '',
        fingerprint: this.fingerprints[g],
        deliveredAt: deliveredTo !== undefined ? opts.today : delivery.deliveredAt,
        deliveredTo: deliveredTo ?? delivery.deliveredTo,
        owner: this.owners[g],
        source: this.sources[g],
      });
    }
    for (let s = 0; s < prev.clusters.length; s++) {
      const c = prev.clusters[s];
      switch (this.fate[s] as Fate) {
        case Fate.Merged: {
          const into = resolver.decision(resolver.ownerGroup(s) as number).id;
          yield clusterRow({ ...c, anchor: this.nextAnchor(c.anchor), status: 'merged', lastSeen: opts.today, goneSince: '', mergedInto: into, fingerprint: '' });
          break;
        }
        case Fate.GoneTonight:
        case Fate.StillGone:
          yield clusterRow({ ...c, anchor: this.nextAnchor(c.anchor), status: 'gone', goneSince: this.goneSinceOf(s) });
          break;
        case Fate.Tombstone:
          yield clusterRow({ ...c, anchor: this.nextAnchor(c.anchor) });
          break;
        case Fate.Forgotten:
        case Fate.TombstoneForgotten:
          yield retiredRow(c.id, { firstSeen: c.firstSeen, lastSeen: c.lastSeen, goneSince: c.status === 'merged' ? '' : this.goneSinceOf(s) });
          break;
        default:
          break;
      }
    }
    // A forgotten id stays taken: a record id that comes back (lists number their rows) would
    // otherwise give a new person the id a CRM or a sales team still knows as someone else's.
    for (const [id, dates] of prev.retired) yield retiredRow(id, dates);
  }

  /** The records file of the next night: tonight's, then unseen records of persons still remembered. */
  *recordRows(): Generator<Row> {
    this.close();
    const { prev, resolver, opts } = this;
    const { links } = this;
    const identityOf = (recordId: string) => {
      const t = links.slotOf(recordId);
      if (t >= 0) return formatIdentity(links.identityOf(t), links.inputsOf(t));
      const s = links.stateRecordOf(recordId);
      return s >= 0 ? formatIdentity(prev.identityOf(s), prev.inputsOf(s)) : '..';
    };
    for (let g = 0; g < resolver.size; g++) {
      const id = resolver.decision(g).id;
      for (const r of resolver.cluster(g).records) yield { record_id: r, cluster_id: id, fingerprint: hex52(links.fingerprintOf(r)), identity: identityOf(r), last_seen: opts.today, match_values: links.matchValuesOf(r) };
    }
    for (let r = 0; r < prev.recordIds.length; r++) {
      if (prev.inTonight[r]) continue;
      const s = prev.recordCluster[r];
      const fate = this.fate[s] as Fate;
      let cluster: string;
      if (fate === Fate.Kept || fate === Fate.Merged) {
        // A record of a person still here, missing tonight: remembered with the person until forget-after.
        if (links.stateLink[r] < 0 && opts.forgetAfter !== undefined && daysBetween(prev.recordLastSeen[r], opts.today) >= opts.forgetAfter) continue;
        cluster = resolver.decision(resolver.ownerGroup(s) as number).id;
      } else if (fate === Fate.GoneTonight || fate === Fate.StillGone) cluster = prev.clusters[s].id;
      else continue;
      const t = links.stateLink[r];
      if (t >= 0) {
        // Read tonight (under this id) and removed by a step: remembered as read tonight.
        const recordId = links.ids[t];
        // The fingerprint and the match values go together: tonight's pair, or last night's.
        const tonight = links.fingerprintOf(recordId);
        const [fingerprint, matchValues] = tonight ? [tonight, links.matchValuesOf(recordId)] : [prev.recordFingerprint[r], prev.recordMatchValues[r]];
        yield { record_id: recordId, cluster_id: cluster, fingerprint: hex52(fingerprint), identity: formatIdentity(links.identityOf(t), links.inputsOf(t)), last_seen: opts.today, match_values: matchValues };
        continue;
      }
      const recordId = this.keptRecordId(r);
      yield { record_id: recordId, cluster_id: cluster, fingerprint: hex52(prev.recordFingerprint[r]), identity: formatIdentity(prev.identityOf(r), prev.inputsOf(r)), last_seen: prev.recordLastSeen[r], match_values: prev.recordMatchValues[r] };
    }
  }

  /**
   * The id a state record not in any input tonight is kept under. Its id may now be another
   * record's (rows shifted): then it is "<id>@<the night it was last seen>", so ids stay unique and
   * it can still be found by email or phone.
   */
  private keptRecordId(r: number): string {
    const { prev, links } = this;
    let recordId = prev.recordIds[r];
    if (links.slotOf(recordId) < 0) return recordId;
    recordId = `${recordId}@${prev.recordLastSeen[r]}`;
    for (let k = 2; links.slotOf(recordId) >= 0 || prev.recordAt(recordId) >= 0; k++) recordId = `${prev.recordIds[r]}@${prev.recordLastSeen[r]}#${k}`;
    return recordId;
  }

  /** A remembered cluster's anchor as the next records file names that record (renamed with it, or read tonight under another id). */
  private nextAnchor(anchor: string): string {
    const r = this.prev.recordAt(anchor);
    if (r < 0) return anchor;
    const t = this.links.stateLink[r];
    if (t >= 0) return this.links.ids[t];
    return this.prev.inTonight[r] ? anchor : this.keptRecordId(r);
  }

  /** gone.csv: every person the state remembers who is in no row tonight, and those forgotten tonight. */
  *goneRows(): Generator<Row> {
    this.close();
    const { prev } = this;
    for (let s = 0; s < prev.clusters.length; s++) {
      const f = this.fate[s] as Fate;
      if (f !== Fate.GoneTonight && f !== Fate.StillGone && f !== Fate.Forgotten) continue;
      const c = prev.clusters[s];
      const records = prev.recordsOf(s);
      yield {
        cluster_id: c.id,
        gone_status: f === Fate.Forgotten ? 'forgotten' : f === Fate.GoneTonight ? 'gone_tonight' : 'gone_before',
        gone_since: this.goneSinceOf(s),
        gone_reason: this.removedBySteps[s] ? 'removed_by_steps' : 'not_in_inputs',
        first_seen: c.firstSeen,
        last_seen: c.lastSeen,
        delivered_at: c.deliveredAt,
        delivered_to: c.deliveredTo,
        owner: c.owner,
        source: c.source,
        records: String(records.length),
        record_ids: records.join(';'),
      };
    }
  }

  /** The id map: what happened to each id tonight. */
  *idMapRows(): Generator<Row> {
    this.close();
    const { prev, resolver, opts } = this;
    const row = (cluster_id: string, event: string, other_id = ''): Row => ({ cluster_id, event, other_id, night: opts.today });
    for (let g = 0; g < resolver.size; g++) {
      const d = resolver.decision(g);
      if (d.status === 'split') yield row(d.id, 'split_from', prev.clusters[d.splitFrom].id);
      else if (d.status === 'merged') {
        yield row(d.id, 'kept');
        for (const m of d.merged) yield row(prev.clusters[m].id, 'merged_into', d.id);
      } else yield row(d.id, d.status);
    }
    for (let s = 0; s < prev.clusters.length; s++) {
      const f = this.fate[s] as Fate;
      if (f === Fate.GoneTonight) yield row(prev.clusters[s].id, 'gone');
      else if (f === Fate.Forgotten || f === Fate.TombstoneForgotten) yield row(prev.clusters[s].id, 'forgotten');
    }
  }

  /** One line for stderr. */
  describe(): string {
    const s = this.summary();
    const parts = [`${s.new} new`, `${s.changed} changed`, `${s.unchanged} unchanged`, `${s.gone} gone`];
    const ids: string[] = [];
    if (s.ids.merged_away) ids.push(`${s.ids.merged_away} merged into another`);
    if (s.ids.split) ids.push(`${s.ids.split} split off`);
    if (s.ids.kept_by_size) ids.push(`${s.ids.kept_by_size} kept by the largest part (survivor record gone)`);
    if (s.forgotten) ids.push(`${s.forgotten} forgotten`);
    if (s.linked_by_email_or_phone) ids.push(`${s.linked_by_email_or_phone} found by email or phone under a changed record id (id_linked_by=email_or_phone)`);
    if (s.ambiguous_links) ids.push(`${s.ambiguous_links} records fitting more than one known person by email or phone and name, taken as new (id_linked_by=ambiguous)`);
    if (s.carried) parts[2] += ` (${s.carried} carried over: not run through the steps after dedupe)`;
    return `${parts.join(', ')} since ${s.previous_night ?? 'nothing (first night)'}${ids.length ? `; ids: ${ids.join(', ')}` : ''}; ${s.would_have_delivered !== undefined ? `0 delivered tonight (would have delivered ${s.would_have_delivered}; no output was replaced)` : `${s.delivered} delivered tonight`}`;
  }
}

/** What the state keeps of a forgotten id: the id and its dates, nothing about the person. */
function retiredRow(id: string, d: { firstSeen: string; lastSeen: string; goneSince: string }): Row {
  return clusterRow({ id, status: 'retired', anchor: '', firstSeen: d.firstSeen, lastSeen: d.lastSeen, goneSince: d.goneSince, mergedInto: '', fingerprint: '', deliveredAt: '', deliveredTo: '', owner: '', source: '' });
}

function clusterRow(c: { id: string; status: ClusterStatus; anchor: string; firstSeen: string; lastSeen: string; goneSince: string; mergedInto: string; fingerprint: string; deliveredAt: string; deliveredTo: string; owner: string; source: string }): Row {
  return {
    cluster_id: c.id,
    status: c.status,
    anchor_record: c.anchor,
    first_seen: c.firstSeen,
    last_seen: c.lastSeen,
    gone_since: c.goneSince,
    merged_into: c.mergedInto,
    fingerprint: c.fingerprint,
    delivered_at: c.deliveredAt,
    delivered_to: c.deliveredTo,
    owner: c.owner,
    source: c.source,
  };
}
