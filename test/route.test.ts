import { describe, expect, it } from 'vitest';
import { createRouter, leadKey, routeFields, ROUTE_COLUMNS } from '../src/route/router.js';
import { pickMember } from '../src/route/rotation.js';
import { unitHash } from '../src/route/stable-hash.js';
import { defaultRules, parseRules } from '../src/rules/load.js';
import type { Row } from '../src/table.js';

function router(yaml: string) {
  return createRouter(parseRules(yaml, 'route.yml').route);
}

function leads(n: number, prefix = 'lead'): Row[] {
  return Array.from({ length: n }, (_, i) => ({ record_id: `vendor.csv:${i + 2}`, email: `${prefix}${i}@firma${i % 37}.de` }));
}

const RULES = `
route:
  default_owner: inbox
  teams:
    south:
      rotation: round_robin
      members: [anna, ben, clara]
    north:
      members: [dora]
  rules:
    - { name: key_account, field: company, op: eq, value: Siemens AG, owner: frank }
    - { name: bavaria, field: region, op: eq, value: Bayern, team: south }
    - { name: a_leads, field: grade, op: eq, value: A, owner: gerd }
    - { name: north, field: region, op: in, value: [Hamburg, Bremen], team: north }
`;

describe('rules', () => {
  const route = router(RULES);

  it('takes the first matching rule', () => {
    // Both key_account and a_leads match; key_account comes first.
    expect(route({ company: 'Siemens AG', grade: 'A', region: 'Bayern' })).toEqual({ owner: 'frank', route_rule: 'key_account' });
    expect(route({ grade: 'A', region: 'Bayern', email: 'x@y.de' }).route_rule).toBe('bavaria');
    expect(route({ grade: 'A', region: 'Hamburg' })).toEqual({ owner: 'gerd', route_rule: 'a_leads' });
    expect(route({ grade: 'B', region: 'Bremen' })).toEqual({ owner: 'dora', route_rule: 'north' });
  });

  it('sends rows no rule takes to the default owner', () => {
    expect(route({ grade: 'C', region: 'Sachsen' })).toEqual({ owner: 'inbox', route_rule: 'default' });
    expect(route({})).toEqual({ owner: 'inbox', route_rule: 'default' });
  });

  it('routes everything to "unassigned" without a rules file', () => {
    expect(createRouter(defaultRules().route)({ region: 'Bayern' })).toEqual({ owner: 'unassigned', route_rule: 'default' });
  });

  it('returns the documented columns and lists the columns it reads', () => {
    expect(Object.keys(route({}))).toEqual([...ROUTE_COLUMNS]);
    expect(routeFields(parseRules(RULES, 'r.yml').route)).toEqual(['email', 'record_id', 'company', 'region', 'grade']);
  });

  it('routes on combined criteria (region group, grade, size, product)', () => {
    const r = router(`
route:
  rules:
    - name: dach_big_ab
      all:
        - { field: region_group, op: eq, value: DACH }
        - { field: grade, op: in, value: [A, B] }
        - { field: company_size_band, op: in, value: [50-249, 250+] }
      owner: enterprise
    - name: product_x
      any:
        - { field: product, op: contains, value: lagerverwaltung }
        - { field: industry, op: eq, value: Logistik }
      owner: logistics
`);
    expect(r({ region_group: 'DACH', grade: 'B', company_size_band: '250+' }).owner).toBe('enterprise');
    expect(r({ region_group: 'DACH', grade: 'C', company_size_band: '250+', product: 'Lagerverwaltung Pro' }).owner).toBe('logistics');
    expect(r({ region_group: 'EU', grade: 'A', company_size_band: '250+' }).owner).toBe('unassigned');
  });
});

describe('existing owners', () => {
  const yaml = `
route:
  default_owner: inbox
  teams:
    t: { members: [anna, { name: ben, active: false }] }
  rules:
    - { name: all_to_team, team: t }
`;
  it('keeps an owner the row already has', () => {
    expect(router(yaml)({ owner: 'zoe', email: 'a@b.de' })).toEqual({ owner: 'zoe', route_rule: 'existing' });
  });
  it('reroutes rows whose owner is inactive or the default owner', () => {
    expect(router(yaml)({ owner: 'ben', email: 'a@b.de' })).toEqual({ owner: 'anna', route_rule: 'all_to_team' });
    expect(router(yaml)({ owner: 'inbox', email: 'a@b.de' })).toEqual({ owner: 'anna', route_rule: 'all_to_team' });
  });
  it('reroutes everything with keep_existing: false', () => {
    expect(router(yaml.replace('default_owner: inbox', 'default_owner: inbox\n  keep_existing: false'))({ owner: 'zoe', email: 'a@b.de' }).owner).toBe('anna');
  });
});

describe('rotation', () => {
  const yaml = `
route:
  teams:
    sales:
      rotation: round_robin
      members: [anna, ben, clara]
    weighted:
      rotation: weighted
      members:
        - { name: anna, weight: 3 }
        - { name: ben, weight: 1 }
    away:
      members:
        - { name: anna, active: false }
        - { name: ben, active: false }
  rules:
    - { name: w, field: kind, op: eq, value: w, team: weighted }
    - { name: gone, field: kind, op: eq, value: gone, team: away }
    - { name: rr, team: sales }
`;

  it('gives the same lead the same owner on every run', () => {
    const rows = leads(200);
    const first = rows.map(router(yaml));
    const second = rows.map(router(yaml));
    expect(second).toEqual(first);
  });

  it('does not depend on input order or on the other rows', () => {
    const rows = leads(200);
    const route = router(yaml);
    const byEmail = new Map(rows.map((r) => [r.email, route(r).owner]));
    // A fresh run over a reversed file with a third of the rows missing.
    const rerun = router(yaml);
    const shuffled = [...rows].reverse().filter((_, i) => i % 3 !== 0);
    for (const r of shuffled) expect(rerun(r).owner).toBe(byEmail.get(r.email));
  });

  it('identifies a lead by email, whatever its record_id (row number) in this file', () => {
    const route = router(yaml);
    expect(route({ email: 'Max.Muster@Firma.de', record_id: 'a.csv:2' }).owner).toBe(route({ email: 'max.muster@firma.de', record_id: 'b.csv:999' }).owner);
    expect(leadKey({ email: ' X@Y.de ', record_id: 'r:1' }, ['email', 'record_id'])).toBe('email=x@y.de');
    expect(leadKey({ email: '', record_id: 'r:1' }, ['email', 'record_id'])).toBe('record_id=r:1');
  });

  it('identifies a lead without any key field by its row, less what changes with the date (its score, its age) or the delivery (row number, date)', () => {
    const lead = { first_name: 'Jürgen', last_name: 'Weiß', company: 'Weiß Holzbau GmbH', email: '', phone: '' };
    const monday = leadKey({ ...lead, score: '62', grade: 'B', record_age_days: '410', stale: 'false', record_id: 'vendor:12', source_delivered_at: '2026-11-21' }, ['email', 'phone']);
    const tuesday = leadKey({ ...lead, score: '61', grade: 'C', record_age_days: '411', stale: 'false', record_id: 'vendor:11', source_delivered_at: '2026-11-22' }, ['email', 'phone']);
    expect(tuesday).toBe(monday);
    expect(leadKey({ ...lead, company: 'Weiss Holzbau GmbH' }, ['email', 'phone'])).not.toBe(leadKey(lead, ['email', 'phone']));
  });

  it('spreads a round-robin team evenly', () => {
    const counts = new Map<string, number>();
    const route = router(yaml);
    for (const r of leads(3000)) {
      const o = route(r).owner;
      counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['anna', 'ben', 'clara']);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(900);
      expect(n).toBeLessThan(1100);
    }
  });

  it('honours weights', () => {
    const route = router(yaml);
    let anna = 0;
    const rows = leads(4000).map((r) => ({ ...r, kind: 'w' }));
    for (const r of rows) if (route(r).owner === 'anna') anna++;
    // Expected 3/4 = 3000 of 4000.
    expect(anna).toBeGreaterThan(2850);
    expect(anna).toBeLessThan(3150);
  });

  it('skips inactive members and moves only their leads', () => {
    const before = router(yaml);
    const after = router(yaml.replace('members: [anna, ben, clara]', 'members: [anna, ben, { name: clara, active: false }]'));
    let moved = 0;
    for (const r of leads(600)) {
      const was = before(r).owner;
      const now = after(r).owner;
      expect(now).not.toBe('clara');
      if (was !== 'clara') expect(now).toBe(was);
      else moved++;
    }
    expect(moved).toBeGreaterThan(150);
  });

  it('passes the lead on when nobody in the team is active', () => {
    expect(router(yaml)({ kind: 'gone', email: 'a@b.de' }).route_rule).toBe('rr');
  });

  it('skips a direct owner who is inactive in a team', () => {
    const r = router(`
route:
  teams:
    t: { members: [{ name: anna, active: false }, bob] }
  rules:
    - { name: to_anna, owner: anna }
    - { name: to_team, team: t }
`);
    expect(r({ email: 'a@b.de' })).toEqual({ owner: 'bob', route_rule: 'to_team' });
  });

  it('pickMember ignores weights in round_robin mode', () => {
    const team = { rotation: 'round_robin' as const, members: [{ name: 'a', weight: 100, active: true }, { name: 'b', weight: 1, active: true }] };
    let a = 0;
    for (let i = 0; i < 2000; i++) if (pickMember('t', `k${i}`, team) === 'a') a++;
    expect(a).toBeGreaterThan(900);
    expect(a).toBeLessThan(1100);
  });

  it('unitHash is stable, in (0, 1), and differs by input', () => {
    expect(unitHash('team', 'email=a@b.de', 'anna')).toBe(unitHash('team', 'email=a@b.de', 'anna'));
    expect(unitHash('team', 'email=a@b.de', 'anna')).not.toBe(unitHash('team', 'email=a@b.de', 'ben'));
    // Parts are separated, so ("ab", "c") and ("a", "bc") differ.
    expect(unitHash('ab', 'c')).not.toBe(unitHash('a', 'bc'));
    for (let i = 0; i < 1000; i++) {
      const u = unitHash(String(i));
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });
});
