/**
 * The pure parts of a night's state: the fingerprint of the fields that matter, a record's
 * identity across shifted ids, and the persistent ids of tonight's clusters (identity.ts).
 */
import { describe, expect, it } from 'vitest';
import { changedFields, comparableValue, deltaFingerprint, DEFAULT_DELTA_FIELDS } from '../src/state/fingerprint.js';
import { formatIdentity, identityInputs, parseIdentity, parseIdentityCell, recordIdentity, sameRecord } from '../src/state/record-identity.js';
import { PreviousState } from '../src/state/previous.js';
import { RecordLinks } from '../src/state/links.js';
import { IdentityResolver, type IdStatus } from '../src/state/identity.js';
import { NightStore } from '../src/state/store.js';
import { parseDeltaKinds } from '../src/state/delta.js';
import { clusterIdFor } from '../src/match/cluster-id.js';
import type { ClusterStatus } from '../src/state/format.js';

type Row = Record<string, string>;

describe('fingerprint: values compared as their owners read them', () => {
  const cases: [string, Row, Row, boolean][] = [
    ['email case and wrapping', { email: 'T.Mueller@Mueller-Holzbau.de' }, { email: '<t.mueller@mueller-holzbau.de>' }, true],
    ['another email', { email: 'lukas.meier@meier-treuhand.ch' }, { email: 'l.meier@meier-treuhand.ch' }, false],
    ['Austrian number national and E.164', { phone: '0664 1234567', country: 'AT' }, { phone: '+43 664 1234567', country: 'Österreich' }, true],
    ['German number with (0)', { phone: '+49 (0)30 4567890' }, { phone: '030 4567890', country: 'DE' }, true],
    ['another number', { phone: '+41 44 2345678' }, { phone: '+41 44 2345679' }, false],
    ['title spacing only', { title: 'Leiterin Marketing' }, { title: ' Leiterin  Marketing ' }, true],
    ['company in capitals', { company: 'Müller Holzbau GmbH' }, { company: 'MÜLLER HOLZBAU GMBH' }, true],
    ['title changed', { title: 'Disponent' }, { title: 'Leiter Disposition' }, false],
    ['a value gone blank', { mobile: '0171 2345678' }, { mobile: '' }, false],
    ['a placeholder is no number', { phone: 'n/a' }, { phone: '' }, true],
  ];
  for (const [what, a, b, same] of cases) {
    it(what, () => {
      const field = Object.keys(a).find((k) => k !== 'country') as string;
      expect(comparableValue(field, a) === comparableValue(field, b)).toBe(same);
      expect(deltaFingerprint(a, DEFAULT_DELTA_FIELDS) === deltaFingerprint(b, DEFAULT_DELTA_FIELDS)).toBe(same);
    });
  }

  it('names the fields that changed, and compares only fields both nights had', () => {
    const before = deltaFingerprint({ email: 'a@x.de', title: 'CTO', owner: 'Nina Roth' }, ['email', 'title', 'owner']);
    const now = deltaFingerprint({ email: 'b@x.de', title: 'cto', owner: 'Jonas Keller', phone: '+49 30 1' }, ['phone', 'email', 'title', 'owner']);
    expect(changedFields(before, ['email', 'title', 'owner'], now, ['phone', 'email', 'title', 'owner'])).toEqual(['email', 'owner']);
    // A fingerprint of the wrong shape (a damaged state) is never "unchanged".
    expect(changedFields('abc', ['email', 'title'], now, ['phone', 'email', 'title', 'owner'])).toEqual(['phone', 'email', 'title', 'owner']);
    expect(deltaFingerprint({}, ['email', 'title'])).toBe('.');
  });
});

describe('record identity: the same record under a shifted id', () => {
  const thomas = recordIdentity({ email: 'T.Mueller@Mueller-Holzbau.de', phone: '089 1234567', country: 'DE', first_name: 'THOMAS', last_name: 'MÜLLER' });
  const cases: [string, Row, boolean][] = [
    ['the same cells normalised', { email: 't.mueller@mueller-holzbau.de', phone: '+49891234567', first_name: 'Thomas', last_name: 'Müller' }, true],
    ['a new email, the same name', { email: 'thomas@mueller-holzbau.de', first_name: 'Thomas', last_name: 'Mueller' }, true],
    // A shared office line or info@ address is no proof: a colleague at a shifted id is another record.
    ['a new email and name, the same number', { email: 'x@y.de', phone: '+49 89 1234567', full_name: 'Tom Miller' }, false],
    ['a colleague with the same number and email', { email: 't.mueller@mueller-holzbau.de', phone: '089 1234567', country: 'DE', first_name: 'Sabine', last_name: 'Müller' }, false],
    ['a new number, the same name', { phone: '+49 89 7654321', first_name: 'Thomas', last_name: 'Müller' }, true],
    ['another person at the id', { email: 'j.schmid@schmid-metall.de', phone: '0911 445566', first_name: 'Jürgen', last_name: 'Schmid' }, false],
    ['a row with nothing to tell', { company: 'Müller Holzbau GmbH' }, true],
  ];
  for (const [what, row, same] of cases) it(what, () => expect(sameRecord(thomas, recordIdentity(row))).toBe(same));

  it('survives the records file', () => {
    expect(parseIdentity(formatIdentity(thomas))).toEqual(thomas);
    expect(parseIdentity('..')).toEqual([0, 0, 0]);
    expect(parseIdentity('x.y')).toBeUndefined();
    expect(parseIdentity('zz..')).toBeUndefined();
    expect(parseIdentity('fffff00000001..')).toEqual([0xfffff * 2 ** 32 + 1, 0, 0]);
    expect(parseIdentity('.0000a0000000b.')).toEqual([0, 10 * 2 ** 32 + 11, 0]);
    // Only 13 lower-case hex digits make a hash: what no leadkit wrote is a damaged cell.
    for (const cell of ['FFFFF00000001..', 'fffff0000001..', 'fffff000000012..', 'fffff00000001', 'fffff00000001.', '..fffff0000000g', '. .', '..,']) {
      expect(parseIdentity(cell), cell).toBeUndefined();
    }
  });

  it('keeps, beside it, a hash of the cells it was made from, which changes with any of them', () => {
    const row = { email: 't.mueller@mueller-holzbau.de', phone: '089 1234567', country: 'DE', first_name: 'Thomas', last_name: 'Müller' };
    const inputs = identityInputs(row);
    expect(parseIdentityCell(formatIdentity(thomas, inputs))).toEqual({ identity: thomas, inputs });
    // A state written before it kept the hash: read, with none.
    expect(parseIdentityCell(formatIdentity(thomas))).toEqual({ identity: thomas, inputs: 0 });
    expect(identityInputs({ ...row })).toBe(inputs);
    for (const [k, v] of [['phone', '089 1234568'], ['country', 'AT'], ['last_name', 'Mueller'], ['email', 'T.Mueller@mueller-holzbau.de']]) {
      expect(identityInputs({ ...row, [k]: v }), k).not.toBe(inputs);
    }
    expect(parseIdentityCell('...')).toEqual({ identity: [0, 0, 0], inputs: 0 });
    expect(parseIdentityCell('.....')).toBeUndefined();
  });
});

interface StateCluster {
  id: string;
  records: (string | [string, Row])[];
  status?: ClusterStatus;
  firstSeen?: string;
  anchor?: string;
  mergedInto?: string;
}

/** A state in memory; a record given as an id alone gets an email of its own. */
function stateOf(clusters: StateCluster[]): PreviousState {
  const prev = new PreviousState(['email'], '2026-11-22');
  for (const c of clusters) {
    const ids = c.records.map((r) => (typeof r === 'string' ? r : r[0]));
    prev.addCluster({
      id: c.id,
      status: c.status ?? 'active',
      anchor: c.anchor ?? ids[0] ?? '',
      firstSeen: c.firstSeen ?? '2026-11-01',
      lastSeen: '2026-11-22',
      goneSince: '',
      mergedInto: c.mergedInto ?? '',
      fingerprint: '',
      deliveredAt: '',
      deliveredTo: '',
      owner: '',
      source: '',
    });
  }
  for (const c of clusters) {
    for (const r of c.records) {
      const [id, row] = typeof r === 'string' ? [r, rowFor(r)] : r;
      expect(prev.addRecord(id, c.id, 0, recordIdentity(row), '2026-11-22')).toBe('ok');
    }
  }
  return prev.sealed();
}

const rowFor = (recordId: string): Row => ({ record_id: recordId, email: `${recordId.replace(/\W/g, '.')}@example.de` });

/** Tonight: import reads `rows` (default: each record as in the state), then the clusters come in order. */
function night(prev: PreviousState, clusters: string[][], rows?: Row[]) {
  const links = new RecordLinks(prev);
  for (const row of rows ?? clusters.flat().map(rowFor)) links.seen(row);
  links.endOfImport();
  const resolver = new IdentityResolver(prev, links);
  const readyAfter: number[][] = [];
  for (const records of clusters) {
    resolver.add({ records, survivor: records[0], proposedId: clusterIdFor([...records].sort()[0]) });
    readyAfter.push(resolver.takeReady());
  }
  const atEnd = resolver.finish();
  const decided = clusters.map((_, g) => resolver.decision(g));
  const id = (g: number) => decided[g].id;
  const status = (g: number): IdStatus => decided[g].status;
  return { resolver, decided, id, status, readyAfter, atEnd, links };
}

describe('identity across nights', () => {
  it('a late duplicate joins a person: the id stays, whoever survives', () => {
    const prev = stateOf([{ id: 'c-anna', records: ['vendor-a:2'] }]);
    const n = night(prev, [['vendor-b:6', 'vendor-a:2']]);
    expect([n.id(0), n.status(0)]).toEqual(['c-anna', 'kept']);
    expect(n.readyAfter[0]).toEqual([0]);
  });

  it('two persons bridged by a new record: the older keeps its id, by first seen before id', () => {
    const prev = stateOf([
      { id: 'c-aaa', records: ['vendor-a:6'], firstSeen: '2026-11-20' },
      { id: 'c-zzz', records: ['vendor-b:4'], firstSeen: '2026-10-01' },
    ]);
    const n = night(prev, [['crm:5', 'vendor-a:6', 'vendor-b:4']]);
    expect([n.id(0), n.status(0)]).toEqual(['c-zzz', 'merged']);
    expect(n.decided[0].merged.map((s) => prev.clusters[s].id)).toEqual(['c-aaa']);
    const same = stateOf([
      { id: 'c-bbb', records: ['vendor-a:6'] },
      { id: 'c-aaa', records: ['vendor-b:4'] },
    ]);
    expect(night(same, [['crm:5', 'vendor-a:6', 'vendor-b:4']]).id(0)).toBe('c-aaa');
  });

  it('a split: the part with last night\'s survivor keeps the id, the other waits for it and gets a new one', () => {
    const prev = stateOf([{ id: 'c-huber', records: ['crm:3', 'vendor-b:5'], anchor: 'crm:3' }]);
    const n = night(prev, [['vendor-b:5'], ['crm:3']]);
    // The part without the survivor is held until the survivor's part arrives.
    expect(n.readyAfter).toEqual([[], [0, 1]]);
    expect([n.id(1), n.status(1)]).toEqual(['c-huber', 'kept']);
    expect(n.status(0)).toBe('split');
    expect(n.id(0)).toBe(clusterIdFor('vendor-b:5'));
    expect(prev.clusters[n.decided[0].splitFrom].id).toBe('c-huber');
  });

  it('a split whose survivor is gone: the largest part keeps the id, said to be a guess', () => {
    const prev = stateOf([{ id: 'c-four', records: ['l:1', 'l:2', 'l:3', 'l:4'], anchor: 'l:1' }]);
    const n = night(prev, [['l:2'], ['l:3', 'l:4']]);
    expect(n.readyAfter).toEqual([[], []]);
    expect(n.atEnd).toEqual([0, 1]);
    expect([n.id(1), n.status(1)]).toEqual(['c-four', 'kept_by_size']);
    expect(n.status(0)).toBe('split');
    expect(n.resolver.keptBySize.size).toBe(1);
    // A tie goes to the part with the smallest record id.
    const tie = night(stateOf([{ id: 'c-three', records: ['l:1', 'l:2', 'l:3'], anchor: 'l:1' }]), [['l:3'], ['l:2']]);
    expect([tie.id(1), tie.status(1), tie.status(0)]).toEqual(['c-three', 'kept_by_size', 'split']);
  });

  it('a new cluster whose dedupe id a state cluster already has takes a longer one', () => {
    const taken = clusterIdFor('x:1');
    const prev = stateOf([{ id: taken, records: ['y:1'] }]);
    const n = night(prev, [['x:1'], ['y:1']]);
    expect([n.status(0), n.id(0)]).toEqual(['new', clusterIdFor('x:1', 12)]);
    expect(n.id(1)).toBe(taken);
  });

  it('a split that undoes an earlier merge gives the merged id back', () => {
    const prev = stateOf([
      { id: 'c-kept', records: ['a:1', 'b:1'], anchor: 'a:1' },
      { id: 'c-old', records: [], status: 'merged', mergedInto: 'c-kept', anchor: 'b:1' },
    ]);
    const n = night(prev, [['a:1'], ['b:1']]);
    expect([n.id(0), n.status(0)]).toEqual(['c-kept', 'kept']);
    expect([n.id(1), n.status(1), n.decided[1].revived >= 0]).toEqual(['c-old', 'split', true]);
  });

  it('a person gone before comes back under the same id', () => {
    const prev = stateOf([{ id: 'c-back', records: ['v:9'], status: 'gone' }]);
    expect(night(prev, [['v:9']]).status(0)).toBe('returned');
  });

  it('a deleted row shifts the ids after it: records are found by email or phone, never by position alone', () => {
    const anna: Row = { record_id: 'v:1', first_name: 'Anna', last_name: 'Berg', email: 'a.berg@berg-gmbh.de' };
    const bernd: Row = { record_id: 'v:2', first_name: 'Bernd', last_name: 'Cor', email: 'b.cor@cor.at', phone: '+43 1 5550101' };
    const carla: Row = { record_id: 'v:3', first_name: 'Carla', last_name: 'Dorn', email: 'c.dorn@dorn.ch' };
    const prev = stateOf([
      { id: 'c-anna', records: [['v:1', anna]] },
      { id: 'c-bernd', records: [['v:2', bernd]] },
      { id: 'c-carla', records: [['v:3', carla]] },
    ]);
    // Anna is no longer delivered; Bernd (with a new email) and Carla move up a row; a new person comes last.
    const tonight: Row[] = [
      { ...bernd, record_id: 'v:1', email: 'bernd.cor@cor.at' },
      { ...carla, record_id: 'v:2' },
      { record_id: 'v:3', first_name: 'Dora', last_name: 'Ems', email: 'd.ems@ems.de' },
    ];
    const n = night(prev, [['v:1'], ['v:2'], ['v:3']], tonight);
    expect([n.id(0), n.id(1), n.status(2)]).toEqual(['c-bernd', 'c-carla', 'new']);
    expect([n.resolver.linkedByContent(0), n.resolver.linkedByContent(1)]).toEqual([true, true]);
    expect(n.links.relinked).toBe(2);
    expect(n.resolver.ownerGroup(prev.clusterIndex('c-anna'))).toBeUndefined();
  });

  it('a record at its own id and with its own identity is never taken by a shifted one', () => {
    const dup: Row = { record_id: 'v:2', first_name: 'Eva', last_name: 'Lang', email: 'eva.lang@lang-gmbh.de' };
    const prev = stateOf([
      { id: 'c-x', records: [['v:1', { record_id: 'v:1', first_name: 'Xaver', last_name: 'Yl', email: 'x@yl.de' }]] },
      { id: 'c-eva', records: [['v:2', dup], ['v:3', { ...dup, record_id: 'v:3' }]] },
    ]);
    const links = new RecordLinks(prev);
    // v:1 is now Eva (shifted); v:2 is still Eva at her own id.
    links.seen({ ...dup, record_id: 'v:1' });
    links.seen(dup);
    links.endOfImport();
    expect(prev.recordIds[links.stateRecordOf('v:2')]).toBe('v:2');
    expect(prev.recordIds[links.stateRecordOf('v:1')]).toBe('v:3');
  });
});

describe('identity across nights: people who share a phone or an email', () => {
  const office = '+43 1 5123456';
  const sabine: Row = { record_id: 'v:1', first_name: 'Sabine', last_name: 'Gruber', email: 'office@gruber-bau.at', phone: office, country: 'AT' };
  const markus: Row = { record_id: 'v:2', first_name: 'Markus', last_name: 'Gruber', email: 'office@gruber-bau.at', phone: office, country: 'AT' };

  it('a shifted row of a colleague never takes the other\'s id', () => {
    const prev = stateOf([
      { id: 'c-sabine', records: [['v:1', sabine]] },
      { id: 'c-markus', records: [['v:2', markus]] },
    ]);
    // Sabine is no longer delivered; Markus moves up to v:1.
    const n = night(prev, [['v:1']], [{ ...markus, record_id: 'v:1' }]);
    expect([n.id(0), n.status(0)]).toEqual(['c-markus', 'kept']);
    expect(n.resolver.linkedByContent(0)).toBe(true);
    expect(n.links.ambiguous).toBe(0);
  });

  it('a record that fits two known persons by email and name is new, and counted as ambiguous', () => {
    // Two persons of the state alike by email and name (an info@ address, a namesake in another list).
    const a: Row = { record_id: 'v:1', first_name: 'Jürgen', last_name: 'Huber', email: 'info@huber-metall.de', phone: '+49 911 445566' };
    const prev = stateOf([
      { id: 'c-one', records: [['v:1', a]] },
      { id: 'c-two', records: [['w:7', { ...a, record_id: 'w:7', phone: '+49 911 445577' }]] },
    ]);
    const n = night(prev, [['x:3']], [{ ...a, record_id: 'x:3', phone: '' }]);
    expect(n.status(0)).toBe('new');
    expect(n.links.ambiguous).toBe(1);
    expect(n.links.isAmbiguous('x:3')).toBe(true);
    expect(n.resolver.ambiguous(0)).toBe(true);
    // Tonight's phone agrees with one of them only: that one.
    const byPhone = night(prev, [['x:3']], [{ ...a, record_id: 'x:3', phone: '+49 911 445577' }]);
    expect([byPhone.id(0), byPhone.links.ambiguous]).toEqual(['c-two', 0]);
    // The same person from two lists is no ambiguity: one person fits.
    const one = stateOf([{ id: 'c-one', records: [['v:1', a], ['w:7', { ...a, record_id: 'w:7' }]] }]);
    const m = night(one, [['x:3']], [{ ...a, record_id: 'x:3' }]);
    expect([m.id(0), m.links.ambiguous]).toEqual(['c-one', 0]);
  });
});

/** Tonight through the store (what the next night's files say): import reads `rows`, then the clusters (survivor first). */
function storeNight(prev: PreviousState, clusters: string[][], rows: Row[]) {
  const store = new NightStore(prev, { today: '2026-11-23', deltaFields: ['email'], dir: 'state' });
  for (const row of rows) store.seenAtImport(row);
  store.endOfImport();
  const byId = new Map(rows.map((r) => [r.record_id, r]));
  for (const records of clusters) store.addCluster({ records, survivor: records[0], proposedId: '' }, '', byId.get(records[0]) ?? {});
  store.finishClusters();
  const clusterRows = [...store.clusterRows()];
  const anchor = (id: string) => clusterRows.find((r) => r.cluster_id === id)?.anchor_record;
  return { store, clusterRows, records: [...store.recordRows()], anchor };
}

describe('identity across nights: merges and splits keep each person\'s id', () => {
  it('a tie in first seen keeps the id of the person whose record survives tonight', () => {
    const prev = stateOf([
      { id: 'c-aaa', records: ['vendor-a:6'] },
      { id: 'c-bbb', records: ['vendor-b:4'] },
    ]);
    const n = night(prev, [['vendor-b:4', 'vendor-a:6', 'crm:5']]);
    expect([n.id(0), n.status(0)]).toEqual(['c-bbb', 'merged']);
    expect(n.decided[0].merged.map((s) => prev.clusters[s].id)).toEqual(['c-aaa']);
  });

  it('the kept id stays anchored in its own records, so the split a night later gives both ids back', () => {
    const prev = stateOf([
      { id: 'c-alt', records: ['crm:1'], firstSeen: '2026-10-01' },
      { id: 'c-neu', records: ['vendor-b:4'], firstSeen: '2026-11-20' },
    ]);
    // The newer person's row survives the merge; the older id is kept.
    const merged = storeNight(prev, [['vendor-b:4', 'crm:1']], ['vendor-b:4', 'crm:1'].map(rowFor));
    expect(merged.anchor('c-alt')).toBe('crm:1');
    expect(merged.anchor('c-neu')).toBe('vendor-b:4');
    // The next night a review splits them again.
    const next = stateOf([
      { id: 'c-alt', records: ['crm:1', 'vendor-b:4'], anchor: merged.anchor('c-alt'), firstSeen: '2026-10-01' },
      { id: 'c-neu', records: [], status: 'merged', mergedInto: 'c-alt', anchor: merged.anchor('c-neu'), firstSeen: '2026-11-20' },
    ]);
    const n = night(next, [['vendor-b:4'], ['crm:1']]);
    expect([n.id(0), n.status(0), n.id(1), n.status(1)]).toEqual(['c-neu', 'split', 'c-alt', 'kept']);
  });
});

describe('identity across nights: a gone person whose record id another row took', () => {
  it('the anchor is renamed with the record, and the person comes back as returned', () => {
    const lena: Row = { record_id: 'v:5', first_name: 'Lena', last_name: 'Wörner', email: 'lena.woerner@woerner-ag.ch' };
    const prev = stateOf([{ id: 'c-lena', records: [['v:5', lena]], status: 'gone', anchor: 'v:5' }]);
    // Tonight another person sits at v:5; Lena is in no input.
    const other: Row = { record_id: 'v:5', first_name: 'Otto', last_name: 'Brandl', email: 'o.brandl@brandl.at' };
    const gone = storeNight(prev, [['v:5']], [other]);
    const kept = gone.records.find((r) => r.cluster_id === 'c-lena');
    expect(kept?.record_id).toBe('v:5@2026-11-22');
    expect(gone.anchor('c-lena')).toBe('v:5@2026-11-22');
    // The night after, Lena is back under a new id, found by her email and name.
    const next = stateOf([{ id: 'c-lena', records: [['v:5@2026-11-22', lena]], status: 'gone', anchor: gone.anchor('c-lena') }]);
    const n = night(next, [['v:9']], [{ ...lena, record_id: 'v:9' }]);
    expect([n.id(0), n.status(0)]).toEqual(['c-lena', 'returned']);
  });
});

describe('delta kinds', () => {
  it('reads new, changed, unchanged and refuses anything else', () => {
    expect(parseDeltaKinds(['New', ' changed', 'new'], 'only')).toEqual(['new', 'changed']);
    expect(() => parseDeltaKinds(['gone'], 'only')).toThrow(/"gone" is no delta/);
    expect(() => parseDeltaKinds([], 'only')).toThrow(/name at least one/);
  });
});
