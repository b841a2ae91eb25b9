/**
 * Tonight's records and the state's record each one continues (record-identity.ts says when two
 * are the same). Filled from the rows import reads: a record whose id and identity fit the state
 * is linked at once; the others are looked for by email and phone once import has read every
 * input, so a shifted id never takes a record that another row still holds under its own id.
 * Without a barrier step (dedupe) the outputs may ask before that; such a record is looked for
 * then.
 *
 * One slot per record in flat arrays, and one Map from tonight's record ids to their slots.
 */
import type { Row } from '../table.js';
import type { PreviousState } from './previous.js';
import { identityInputs, recordIdentity, sameName, sameRecord, type Identity } from './record-identity.js';
import { Dictionary } from '../match/dictionary.js';

const NONE = -1;
const PENDING = -2;

/** The list part of a record id (`vendor-a:12` → `vendor-a`). */
const listOf = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf(':')));

export class RecordLinks {
  /** Tonight's record ids → their slots (a hash table in typed arrays: asked many times per record a night). */
  private readonly index = new Dictionary();
  /** Each slot's record id (own copies, kept by the index: not views of the parser's block of input text). */
  readonly ids: string[] = this.index.values;
  private identities = new Float64Array(3 * 1024);
  /** Per tonight slot: the hash of the cells its identity was made from. */
  private inputs = new Float64Array(1024);
  private links = new Int32Array(1024);
  /** Per tonight slot: 1 when linked by email or phone to a state record of another id. */
  private relinkedSlots = new Uint8Array(1024);
  /** Per state record: the tonight record that continues it, or -1. */
  readonly stateLink: Int32Array;
  /** dedupe's fingerprints of tonight's rows (NightState.record), by tonight's slot (0: none given). */
  private fingerprints = new Float64Array(1024);
  /** Fingerprints of records import did not read (none in a normal run). */
  private readonly otherFingerprints = new Map<string, number>();
  /** dedupe's normalised match values of tonight's rows, beside their fingerprints. */
  private readonly matchValues = new Map<string, string>();
  private pending: number[] = [];
  /** Records linked by email or phone although their id changed. */
  relinked = 0;
  /** Records that more than one free state record fitted by email (or phone) and name: left unlinked, new. */
  ambiguous = 0;
  /** Per tonight slot: 1 when it was left new because several state records fitted. */
  private ambiguousSlots = new Uint8Array(1024);

  constructor(private readonly prev: PreviousState) {
    this.stateLink = new Int32Array(prev.recordIds.length).fill(NONE);
  }

  get size(): number {
    return this.ids.length;
  }

  /** A row import read. A record id read twice keeps its first row. */
  seen(row: Readonly<Row>): void {
    const cell = row.record_id;
    if (!cell) return;
    const t = this.index.id(cell, false);
    if (!this.index.added) return;
    const id = this.ids[t];
    this.grow(t);
    const s = this.prev.recordAt(id);
    // The record's cells as last night: last night's identity, without parsing its numbers again.
    const inputs = identityInputs(row);
    const identity = s >= 0 && this.prev.inputsOf(s) === inputs ? this.prev.identityOf(s) : recordIdentity(row);
    this.identities.set(identity, 3 * t);
    this.inputs[t] = inputs;
    if (s >= 0 && this.stateLink[s] === NONE && sameRecord(identity, this.prev.identityOf(s))) this.link(t, s);
    else if (this.prev.recordIds.length) {
      this.links[t] = PENDING;
      this.pending.push(t);
    } else this.links[t] = NONE;
  }

  /** Import has read every input: the records not linked by id are looked for by email and phone. */
  endOfImport(): void {
    // The state's records by the email and phone hashes the pending records have, in one pass
    // (sorting the state's million records by hash, as a lookup one at a time needs, costs more).
    const wanted: [Set<number>, Set<number>] = [new Set(), new Set()];
    for (const t of this.pending) {
      const a = this.identities;
      if (a[3 * t] !== 0) wanted[0].add(a[3 * t]);
      if (a[3 * t + 1] !== 0) wanted[1].add(a[3 * t + 1]);
    }
    this.found = [this.prev.recordsWithAny(0, wanted[0]), this.prev.recordsWithAny(1, wanted[1])];
    for (const t of this.pending) this.resolve(t);
    this.pending = [];
    this.found = undefined;
  }

  /** During endOfImport: the state's records per wanted email (0) and phone (1) hash. */
  private found: [Map<number, number[]>, Map<number, number[]>] | undefined;

  /** The state's record a record of tonight continues, or -1 for a record new to the state. */
  stateRecordOf(recordId: string): number {
    const t = this.index.find(recordId);
    if (t < 0) {
      // Not read by import (a step made it): by its id alone, unless another record took it.
      const s = this.prev.recordAt(recordId);
      return s >= 0 && this.stateLink[s] === NONE ? s : NONE;
    }
    if (this.links[t] === PENDING) this.resolve(t);
    return this.links[t];
  }

  /** Tonight's slot of a record, or -1 when import did not read it. */
  slotOf(recordId: string): number {
    return this.index.find(recordId);
  }

  /** Whether a record was linked to the state by email or phone, its id being another than last night (a guess). */
  isRelinked(recordId: string): boolean {
    const t = this.index.find(recordId);
    if (t < 0) return false;
    if (this.links[t] === PENDING) this.resolve(t);
    return this.relinkedSlots[t] === 1;
  }

  /** Whether a record was left new because more than one state record fitted its email or phone and name. */
  isAmbiguous(recordId: string): boolean {
    const t = this.index.find(recordId);
    if (t < 0) return false;
    if (this.links[t] === PENDING) this.resolve(t);
    return this.ambiguousSlots[t] === 1;
  }

  inputsOf(t: number): number {
    return this.inputs[t];
  }

  identityOf(t: number): Identity {
    const a = this.identities;
    return [a[3 * t], a[3 * t + 1], a[3 * t + 2]];
  }

  setFingerprint(recordId: string, fingerprint: number, matchValues?: string): void {
    const t = this.index.find(recordId);
    if (t < 0) this.otherFingerprints.set(recordId, fingerprint);
    else {
      this.fingerprints[t] = fingerprint;
      // The state record's own values, for a record unchanged since: not kept twice (most of a night).
      if (matchValues && this.sameAsState(t) && this.prev.recordMatchValues[this.links[t]] === matchValues) return;
    }
    if (matchValues) this.matchValues.set(recordId, matchValues);
  }

  matchValuesOf(recordId: string): string {
    const kept = this.matchValues.get(recordId);
    if (kept !== undefined) return kept;
    const t = this.index.find(recordId);
    return t >= 0 && this.sameAsState(t) ? this.prev.recordMatchValues[this.links[t]] : '';
  }

  /** Whether a slot is linked to a state record whose fingerprint is tonight's. */
  private sameAsState(t: number): boolean {
    const s = this.links[t];
    return s >= 0 && this.fingerprints[t] !== 0 && this.prev.recordFingerprint[s] === this.fingerprints[t];
  }

  /** A record's fingerprint tonight (0: none given). */
  fingerprintOf(recordId: string): number {
    const t = this.index.find(recordId);
    return (t < 0 ? this.otherFingerprints.get(recordId) : this.fingerprints[t]) ?? 0;
  }

  private link(t: number, s: number): void {
    this.links[t] = s;
    this.stateLink[s] = t;
  }

  private resolve(t: number): void {
    if (this.links[t] !== PENDING) return;
    this.links[t] = NONE;
    const id = this.ids[t];
    const identity = this.identityOf(t);
    for (const component of [0, 1] as const) {
      if (identity[component] === 0) continue;
      const all = this.found ? (this.found[component].get(identity[component]) ?? []) : this.prev.recordsWith(component, identity[component]);
      let free = all.filter((s) => this.stateLink[s] === NONE && sameName(identity, this.prev.identityOf(s)));
      if (free.length === 0) continue;
      const onePerson = (list: number[]) => list.every((c) => this.prev.recordCluster[c] === this.prev.recordCluster[list[0]]);
      // Several persons by email and name: the phone, when it agrees with one of them, tells them apart.
      if (!onePerson(free) && component === 0 && identity[1] !== 0) {
        const byPhone = free.filter((c) => this.prev.identityOf(c)[1] === identity[1]);
        if (byPhone.length) free = byPhone;
      }
      if (!onePerson(free)) {
        // Two people alike by email or phone and name (or both nameless): taking either could swap them.
        this.ambiguous++;
        this.ambiguousSlots[t] = 1;
        return;
      }
      // One person's records (the same person from two lists): its own list's record first.
      const s = free.find((c) => listOf(this.prev.recordIds[c]) === listOf(id)) ?? free[0];
      this.link(t, s);
      if (this.prev.recordIds[s] !== id) {
        this.relinked++;
        this.relinkedSlots[t] = 1;
      }
      return;
    }
  }

  private grow(t: number): void {
    if (t < this.links.length) return;
    const links = new Int32Array(this.links.length * 2);
    links.set(this.links);
    this.links = links;
    const re = new Uint8Array(this.relinkedSlots.length * 2);
    re.set(this.relinkedSlots);
    this.relinkedSlots = re;
    const am = new Uint8Array(this.ambiguousSlots.length * 2);
    am.set(this.ambiguousSlots);
    this.ambiguousSlots = am;
    const inputs = new Float64Array(this.inputs.length * 2);
    inputs.set(this.inputs);
    this.inputs = inputs;
    const fingerprints = new Float64Array(this.fingerprints.length * 2);
    fingerprints.set(this.fingerprints);
    this.fingerprints = fingerprints;
    const ids = new Float64Array(this.identities.length * 2);
    ids.set(this.identities);
    this.identities = ids;
  }
}
