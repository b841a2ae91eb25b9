/**
 * The pure modules behind leadkit accounts, table by table: the organisation view of a row
 * (src/accounts/view.ts), buying-center coverage (roles.ts), an account's figures
 * (account-row.ts), stable ids (account-id.ts), the grouping on dedupe's engine (group.ts) and
 * the target links (targets.ts).
 */
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { companyDomain, isAnchored, orgFacts, viewKey } from '../src/accounts/view.js';
import { coverage, roleReader } from '../src/accounts/roles.js';
import { AccountFigures, compareRecordIds, numberCell, readScore } from '../src/accounts/account-row.js';
import { accountIds } from '../src/accounts/account-id.js';
import { ACCOUNT_FLOOR, groupAccounts } from '../src/accounts/group.js';
import { linkTargets, targetFacts } from '../src/accounts/targets.js';
import { buildAccounts } from '../src/accounts/index.js';
import { clusterIdFor, dedupe, probability } from '../src/match/index.js';
import { VIEW_COLUMNS } from '../src/accounts/view.js';
import type { Row } from '../src/table.js';

describe('companyDomain: a company\'s domain, never a free-mail or disposable one', () => {
  it.each([
    [{ website: 'https://www.Mueller-Holzbau.de/kontakt', email: 'x@other.de' }, 'mueller-holzbau.de'],
    [{ email: 'Thomas.Mueller@mueller-holzbau.de' }, 'mueller-holzbau.de'],
    [{ email: 'j.huber@huber-bau.at' }, 'huber-bau.at'],
    [{ email: '"Meier, Anna" <anna.meier@meier-treuhand.ch>' }, 'meier-treuhand.ch'],
    [{ email: 'ceo@acme-corp.com' }, 'acme-corp.com'],
    // An umlaut domain, in its ASCII form whether from the website or an address, so the two tie.
    [{ website: 'www.müller-bäckerei.de' }, domainToASCII('müller-bäckerei.de')],
    [{ email: 'anna@Müller-Bäckerei.de' }, domainToASCII('müller-bäckerei.de')],
    [{ email: 'thomas.mueller@gmail.com' }, ''],
    [{ email: 'anna@googlemail.com' }, ''],
    [{ email: 'k.schaefer@web.de' }, ''],
    [{ email: 'max@gmx.at' }, ''],
    [{ email: 'eva@t-online.de' }, ''],
    [{ email: 'joe@yahoo.com' }, ''],
    [{ email: 'spam@mailinator.com' }, ''],
    // A near miss of a free-mail provider is no company's domain either.
    [{ email: 'neumann@gmx.dee' }, ''],
    [{ email: 'not an address' }, ''],
    [{}, ''],
    // The registrable domain of an address, as classify fills website with: one company, however deep the host.
    [{ email: 'b@vertrieb.mueller-holz.de' }, 'mueller-holz.de'],
    [{ email: 'K.Schulz@Mail.Vertrieb.Mueller-Holz.DE' }, 'mueller-holz.de'],
    [{ email: 'e.gruber@office.gruber-holz.co.at' }, 'gruber-holz.co.at'],
    [{ email: 'j.smith@sales.acme-widgets.co.uk' }, 'acme-widgets.co.uk'],
    // A host below a provider's domain is the provider's.
    [{ email: 'r.lang@mail.gmx.net' }, ''],
    [{ email: 'p.frei@x.mailinator.com' }, ''],
    // A website's host is kept: a site on a shared platform is one firm's.
    [{ website: 'https://shop.mueller-holz.de/impressum' }, 'shop.mueller-holz.de'],
    [{ website: 'mueller-holz.jimdo.com' }, 'mueller-holz.jimdo.com'],
    // A free-mail "website" names no company: the email is asked next.
    [{ website: 'www.gmx.de', email: 'a@firma-koch.de' }, 'firma-koch.de'],
    // validate found no mail host; several addresses in one cell are no one address.
    [{ email: 'max@stillgelegt-gmbh.de', email_status: 'invalid' }, ''],
    [{ email: 'a@firma-koch.de; b@firma-koch.de' }, ''],
  ] as [Row, string][])('%o → %s', (row, want) => expect(companyDomain(row)).toBe(want));
});

describe('orgFacts: what a row says about its organisation', () => {
  it.each(['', '   ', '-', '---', 'n/a', 'k.A.', 'keine', 'Privat', 'Privatkunde', 'Endverbraucher'])('company %j names no company: a private row', (company) => {
    expect(orgFacts({ company, city: 'Köln' }, 'DE')).toBeUndefined();
  });

  it('folds spelling, capitals and legal-form variants to one key, and keeps the place apart', () => {
    const a = orgFacts({ company: 'Müller GmbH', street: 'Hauptstraße', house_number: '5', postal_code: '50667', city: 'Köln', country: 'Deutschland' }, 'DE')!;
    const b = orgFacts({ company: 'MÜLLER Gesellschaft mit beschränkter Haftung', street: 'Hauptstr. 5', postal_code: 'D-50667', city: 'KOELN', country: 'DE' }, 'DE')!;
    expect(viewKey(a)).toBe(viewKey(b));
    expect(a).toMatchObject({ company: 'mueller', legalForm: 'GmbH', postal: '50667', city: 'koeln', country: 'DE' });
    const kiel = orgFacts({ company: 'Müller GmbH', postal_code: '24103', city: 'Kiel' }, 'DE')!;
    expect(viewKey(kiel)).not.toBe(viewKey(a));
  });

  it('reads phones in the row\'s country, the default for rows without one', () => {
    expect(orgFacts({ company: 'Huber Bau GmbH', phone: '01 5871234', country: 'Österreich' }, 'DE')!.phone).toBe('+4315871234');
    expect(orgFacts({ company: 'Acme Corp.', phone: '(212) 555-0100', country: 'USA' }, 'DE')!.phone).toBe('+12125550100');
    expect(orgFacts({ company: 'Meier Treuhand AG', phone: '044 211 22 33' }, 'CH')!.phone).toBe('+41442112233');
  });

  it('is anchored by an address, a town, a domain or a VAT id, not by a name or a phone', () => {
    const f = (r: Row) => isAnchored(orgFacts({ company: 'Vogel Design', ...r }, 'DE')!);
    expect(f({})).toBe(false);
    expect(f({ phone: '0761 1234' })).toBe(false);
    expect(f({ email: 'vogel@gmail.com' })).toBe(false);
    expect(f({ city: 'Freiburg' })).toBe(true);
    expect(f({ email: 'info@vogel-design.de' })).toBe(true);
    expect(f({ vat_id: 'DE123456789' })).toBe(true);
  });
});

describe('roles: buying-center coverage', () => {
  it.each([
    [[], '', 'decider;buyer;influencer;user;gatekeeper'],
    [['gatekeeper', 'decider'], 'decider;gatekeeper', 'buyer;influencer;user'],
    [['user', 'buyer', 'user', 'influencer', 'decider', 'gatekeeper'], 'decider;buyer;influencer;user;gatekeeper', ''],
  ] as const)('%j → present %s, missing %s', (roles, present, missing) => {
    const c = coverage(roles);
    expect(c.present.join(';')).toBe(present);
    expect(c.missing.join(';')).toBe(missing);
  });

  it('reads the buying_role column when there is one; other values are not a role', () => {
    const r = roleReader(['company', 'buying_role']);
    expect(r.source).toBe('column');
    expect(r.roleOf({ buying_role: ' Decider ' })).toBe('decider');
    expect(r.roleOf({ buying_role: '' })).toBe('');
    expect(r.roleOf({ buying_role: 'Entscheider' })).toBeUndefined();
    // The column wins over the title.
    expect(r.roleOf({ buying_role: 'user', title: 'Geschäftsführer' })).toBe('user');
  });

  it('counts roles that rest on a seniority classify guessed from an occupation name', () => {
    const r = roleReader(['company', 'title']);
    expect(r.roleOf({ title: 'Orgelbauerin' })).toBe('user');
    expect(r.roleOf({ title: 'Glasbläser' })).toBe('user');
    expect(r.roleOf({ title: 'Sachbearbeiter' })).toBe('user');
    expect(r.guessed).toBe(2);
    expect(roleReader(['buying_role']).guessed).toBe(0);
    expect(r.read({ title: 'Orgelbauerin' })).toEqual({ role: 'user', guessed: true });
    expect(r.read({ title: 'Einkaufsleiter' })).toEqual({ role: 'buyer', guessed: false });
  });

  it('reads classify\'s own mark of a guessed seniority beside a buying_role column', () => {
    const r = roleReader(['company', 'buying_role', 'seniority_status']);
    expect(r.read({ buying_role: 'user', seniority_status: 'guessed' })).toEqual({ role: 'user', guessed: true });
    expect(r.read({ buying_role: 'decider', seniority_status: '' })).toEqual({ role: 'decider', guessed: false });
    // No role, no guess about it.
    expect(r.read({ buying_role: '', seniority_status: 'guessed' })).toEqual({ role: '', guessed: false });
    expect(r.read({ buying_role: 'Entscheider', seniority_status: 'guessed' })).toEqual({ role: undefined, guessed: false });
    expect(r.guessed).toBe(1);
  });

  it.each([
    ['Geschäftsführerin', '', 'decider'],
    ['Leiterin Einkauf', '', 'buyer'],
    ['Sachbearbeiter (m/w/d)', 'Einkauf', 'buyer'],
    ['Marketing Manager', '', 'influencer'],
    ['Sachbearbeiterin Buchhaltung', '', 'user'],
    ['Assistentin der Geschäftsführung', '', 'gatekeeper'],
    ['', '', ''],
  ])('without a buying_role column, classify\'s title reader: %s / %s → %s', (title, department, role) => {
    const r = roleReader(['company', 'title']);
    expect(r.source).toBe('title');
    expect(r.roleOf({ title, department })).toBe(role);
  });
});

describe('account figures', () => {
  const facts = (r: Row) => orgFacts(r, 'DE')!;
  it.each([
    [76, '76'],
    [58.5, '58.5'],
    [174.33333, '174.33'],
    [0, '0'],
  ])('numberCell(%s) = %s', (n, s) => expect(numberCell(n)).toBe(s));

  it.each([
    ['76', 76],
    [' 58,5 ', 58.5],
    ['', 'blank'],
    [undefined, 'blank'],
    ['n/a', 'unreadable'],
    ['120', 'unreadable'],
  ] as const)('readScore(%j) = %j', (cell, want) => expect(readScore(cell)).toBe(want));

  it('folds contacts into one account row: place, towns, scores, grade, owners, roles', () => {
    const f = new AccountFigures();
    const rows: [Row, string][] = [
      [{ company: 'HUBER BAU Ges.m.b.H.', postal_code: '1060', city: 'WIEN', city_display: 'Wien', country: 'AT', email: 'a@huber-bau.at', score: '70', grade: 'B', owner: 'Jonas Keller' }, 'decider'],
      [{ company: 'Huber Bau GmbH', postal_code: '1060', city: 'Vienna', country: 'AT', email: 'b@huber-bau.at', score: '81', grade: 'A', owner: 'Nina Roth' }, 'buyer'],
      [{ company: 'Huber Bau GmbH', postal_code: '1060', city: 'Wien', country: 'Österreich', email: 'c@gmail.com', score: 'x', grade: 'a', owner: 'Jonas Keller' }, ''],
      [{ company: 'Huber Bau GmbH', postal_code: '4020', city: 'Linz', country: 'AT', email: 'd@huber-bau.at', score: '', grade: '', owner: '' }, 'user'],
    ];
    rows.forEach(([row, role], k) => f.add(row, facts(row), role as never, `v:${k + 1}`));
    const c = f.cells();
    expect(c).toMatchObject({
      account_name: 'Huber Bau GmbH',
      domain: 'huber-bau.at',
      postal_code: '1060',
      city: 'Wien',
      country: 'AT',
      contacts: '4',
      roles_present: 'decider;buyer;user',
      roles_missing: 'influencer;gatekeeper',
      best_score: '81',
      score_sum: '151',
      best_grade: 'A',
      owners: 'Jonas Keller;Nina Roth',
      name_variants: 'Huber Bau GmbH;HUBER BAU Ges.m.b.H.',
      // Wien and Vienna share 1060: one town; Linz is the other.
      locations: '2',
    });
    expect(f.unreadableScores).toBe(1);
  });

  it.each([
    [['Wien', 'Vienna'], 'Wien'],
    [['Vienna', 'Wien'], 'Vienna'],
    // The most frequent spelling, then the first seen.
    [['Vienna', 'Wien', 'Wien'], 'Wien'],
    [['Vienna', 'Vienna', 'Wien'], 'Vienna'],
    // Shown best before frequent: not in capitals, with its umlauts.
    [['MUENCHEN', 'MUENCHEN', 'Muenchen'], 'Muenchen'],
    [['Muenchen', 'Muenchen', 'München'], 'München'],
  ])('shows the town of the place as %j → %s (first seen: the earliest record_id)', (towns, want) => {
    // Added in reverse, with record ids vendor:9, vendor:10, …: the order they are added in does not matter.
    const rows = towns.map((city, k) => ({ id: `vendor:${k + 9}`, row: { company: 'Huber Bau GmbH', postal_code: '1060', city, country: 'AT' } as Row }));
    for (const order of [rows, [...rows].reverse()]) {
      const f = new AccountFigures();
      for (const { id, row } of order) f.add(row, facts(row), '', id);
      expect(f.cells().city).toBe(want);
    }
  });

  it.each([
    ['vendor:9', 'vendor:10', -1],
    ['vendor:10', 'vendor:9', 1],
    ['crm:200', 'vendor:1', -1],
    ['vendor-de:2', 'vendor-de:2', 0],
    ['v:007', 'v:8', -1],
    ['#2', '#10', -1],
  ])('compareRecordIds(%s, %s) has the sign of %i', (a, b, sign) => expect(Math.sign(compareRecordIds(a, b))).toBe(sign));

  it('leaves the score figures empty without scores', () => {
    const f = new AccountFigures();
    const row = { company: 'Vogel Design', city: 'Freiburg' };
    f.add(row, facts(row), '', 'v:1');
    expect(f.cells()).toMatchObject({ best_score: '', score_sum: '', best_grade: '', owners: '', locations: '1' });
  });
});

describe('account ids', () => {
  it('are a- and a hash of the smallest record_id, not the cluster_id of that record', () => {
    const ids = accountIds([
      { kind: 'account', name: 'crm:1', tie: () => 'crm:1' },
      { kind: 'account', name: 'vendor:7', tie: () => 'vendor:7\u0000vendor:9' },
      { kind: 'target', name: 'ABM-001', tie: () => 'ABM-001' },
    ]);
    for (const id of ids) expect(id).toMatch(/^a-[0-9a-hjkmnp-tv-z]{10}$/);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0].slice(2)).not.toBe(clusterIdFor('crm:1').slice(2));
    // The same seeds, in another order: the same ids.
    const again = accountIds([
      { kind: 'target', name: 'ABM-001', tie: () => 'ABM-001' },
      { kind: 'account', name: 'vendor:7', tie: () => 'vendor:7\u0000vendor:9' },
      { kind: 'account', name: 'crm:1', tie: () => 'crm:1' },
    ]);
    expect(again).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('stay unique when two accounts are named after the same record_id (a repeated id)', () => {
    const ids = accountIds([
      { kind: 'account', name: 'x:1', tie: () => 'x:1\u0000x:2' },
      { kind: 'account', name: 'x:1', tie: () => 'x:1\u0000x:3' },
    ]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toMatch(/^a-.{10}$/);
  });
});

/** Contacts of one list, each a row with a record_id. */
function contacts(rows: Row[]): Row[] {
  return rows.map((r, i) => ({ record_id: `l:${i + 1}`, ...r }));
}

describe('grouping on dedupe\'s engine', () => {
  it('keeps "Autohaus Müller" in Köln and in Kiel apart, and joins the spellings of each', async () => {
    const rows = contacts([
      { company: 'Autohaus Müller', street: 'Venloer Str. 100', postal_code: '50825', city: 'Köln' },
      { company: 'AUTOHAUS MUELLER', postal_code: '50825', city: 'Koeln' },
      { company: 'Autohaus Müller', street: 'Holstenstraße 20', postal_code: '24103', city: 'Kiel' },
      { company: 'Autohaus Mueller e.K.', street: 'Holstenstr. 20', postal_code: '24103', city: 'Kiel' },
      { company: '', city: 'Kiel' },
    ]);
    const g = await groupAccounts(rows);
    expect(g.count).toBe(2);
    expect(g.accountOf[0]).toBe(g.accountOf[1]);
    expect(g.accountOf[2]).toBe(g.accountOf[3]);
    expect(g.accountOf[0]).not.toBe(g.accountOf[2]);
    expect(g.accountOf[4]).toBe(-1);
    expect(g.privateRows).toBe(1);
  });

  it('joins a branch elsewhere through the domain, with a colleague there on a free-mail address', async () => {
    const rows = contacts([
      { company: 'Schäfer & Söhne KG', street: 'Leopoldstraße 5', postal_code: '80802', city: 'München', email: 'k.schaefer@schaefer-soehne.de' },
      { company: 'Schaefer und Söhne KG', street: 'Mönckebergstraße 7', postal_code: '20095', city: 'Hamburg', email: 'p.berg@schaefer-soehne.de' },
      { company: 'SCHÄFER & SÖHNE KG', street: 'Mönckebergstr. 7', postal_code: '20095', city: 'Hamburg', email: 'lena.kurz@gmail.com' },
    ]);
    const g = await groupAccounts(rows);
    expect(g.count).toBe(1);
    // Without the account floor, the free-mail colleague in Hamburg would keep the branch out.
    expect(ACCOUNT_FLOOR).toBeLessThan(0);
  });

  it('never ties two firms of one name by a free-mail domain', async () => {
    const rows = contacts([
      { company: 'Schmidt Consulting', postal_code: '70173', city: 'Stuttgart', email: 'a.schmidt@gmail.com' },
      { company: 'Schmidt Consulting', postal_code: '10115', city: 'Berlin', email: 'b.schmidt@gmail.com' },
    ]);
    expect((await groupAccounts(rows)).count).toBe(2);
  });

  it('joins rows with a name only just where a shared number ties them', async () => {
    const rows = contacts([
      { company: 'Vogel Design', phone: '0761 123450' },
      { company: 'Vogel Design', phone: '+49 761 123450' },
      { company: 'Vogel Design' },
      { company: 'Vogel Design' },
    ]);
    const g = await groupAccounts(rows);
    expect(g.unanchoredRows).toBe(4);
    expect(g.accountOf[0]).toBe(g.accountOf[1]);
    expect(new Set(g.accountOf).size).toBe(3);
    // Each of them rests on a phone or on nothing, and says so.
    for (let a = 0; a < g.count; a++) expect([...g.statuses[a]]).toEqual(['name_only_contacts']);
    // An anchored row beside them is no such guess.
    const mixed = await groupAccounts(contacts([{ company: 'Vogel Design', city: 'Freiburg', phone: '0761 123450' }, { company: 'Vogel Design', phone: '0761 123450' }, { company: 'Krause Druck', city: 'Leipzig' }]));
    expect(mixed.accountOf[0]).toBe(mixed.accountOf[1]);
    expect([...mixed.statuses[mixed.accountOf[0]]]).toEqual(['name_only_contacts']);
    expect([...mixed.statuses[mixed.accountOf[2]]]).toEqual([]);
  });

  it('says when name and town are all that joined the rows', async () => {
    const rows = contacts([
      { company: 'Bäckerei Krause', street: 'Karl-Liebknecht-Str. 10', postal_code: '04107', city: 'Leipzig', email: 'info@baeckerei-krause.de' },
      { company: 'Baeckerei Krause', city: 'Leipzig' },
      { company: 'Zimmermann Druck GmbH', street: 'Fürther Str. 2', postal_code: '90429', city: 'Nürnberg', email: 'a@zimmermann-druck.de' },
      { company: 'Zimmermann Druck GmbH', street: 'Fürther Straße 2', postal_code: '90429', city: 'Nürnberg', email: 'b@zimmermann-druck.de' },
    ]);
    const g = await groupAccounts(rows);
    expect(g.count).toBe(2);
    expect([...g.statuses[g.accountOf[0]]]).toEqual(['name_and_city_only']);
    expect([...g.statuses[g.accountOf[2]]]).toEqual([]);
    // Two rows that say nothing but the name and the town are such a guess too.
    const same = await groupAccounts(contacts([{ company: 'Vogel Design', city: 'Freiburg' }, { company: 'Vogel Design', city: 'Freiburg' }]));
    expect(same.count).toBe(1);
    expect([...same.statuses[0]]).toEqual(['name_and_city_only']);
  });

  it('flags an account formed by a merge within 2 bits of the threshold', async () => {
    const rows = contacts([
      { company: 'Richter Immobilien GmbH', street: 'Rüttenscheider Str. 1', postal_code: '45131', city: 'Essen', email: 'a@richter-immo.de' },
      { company: 'Richter Immobilien', postal_code: '45131', city: 'Essen', email: 'b@richter-immo.de' },
    ]);
    const first = await groupAccounts(rows);
    expect(first.count).toBe(1);
    expect(first.statuses[0].has('narrow_match')).toBe(false);
    // The weight of the one pair, and a threshold just below it.
    const engine = dedupe(first.viewRows, { columns: [...VIEW_COLUMNS], minPairWeight: ACCOUNT_FLOOR });
    const weight = Number([...engine.report()][0].match_weight);
    const narrow = await groupAccounts(rows, { threshold: probability(weight - 1) });
    expect(narrow.count).toBe(1);
    expect([...narrow.statuses[0]]).toEqual(['narrow_match']);
    const apart = await groupAccounts(rows, { threshold: probability(weight + 1) });
    expect(apart.count).toBe(2);
  });
});

describe('target links', () => {
  const list = contacts([
    { company: 'Müller GmbH', street: 'Hauptstraße 5', postal_code: '50667', city: 'Köln', email: 'a@mueller-gmbh.de' },
    { company: 'Müller KG', postal_code: '24103', city: 'Kiel', email: 'b@mueller-kiel.de' },
    { company: 'Huber Bau GmbH', postal_code: '1060', city: 'Wien', country: 'AT', email: 'c@huber-bau.at' },
  ]);

  it.each([
    [{ company: 'MUELLER GMBH', website: 'mueller-gmbh.de' }, [0], undefined],
    [{ company: 'Mueller Gesellschaft mit beschränkter Haftung', postal_code: '50667', city: 'Koeln' }, [0], undefined],
    [{ company: 'Müller KG', city: 'Kiel' }, [1], undefined],
    // A name only: a guess; the legal form picks among namesakes.
    [{ company: 'Müller GmbH' }, [0], 'target_by_name_only'],
    [{ company: 'Müller' }, [0, 1], 'target_ambiguous'],
    [{ company: 'Huber Bau' }, [2], 'target_by_name_only'],
    // A place that fits none of the namesakes: no account is this target.
    [{ company: 'Müller GmbH', postal_code: '80331', city: 'München' }, [], undefined],
    [{ company: 'Bergbahnen Zermatt AG', website: 'zermatt.ch' }, [], undefined],
  ] as [Row, number[], string | undefined][])('%o → rows %j of the list (%s)', async (target, rowsOf, status) => {
    const g = await groupAccounts(list);
    const [facts] = targetFacts([target]);
    const [link] = await linkTargets(g, [target], [facts!]);
    expect(link.accounts).toEqual(rowsOf.map((i) => g.accountOf[i]).sort((a, b) => a - b));
    expect(link.status).toBe(status);
  });

  it('keeps targets no account fits as accounts without contacts, named stably', async () => {
    const targets = [{ company: 'Bergbahnen Zermatt AG', website: 'zermatt.ch', Nr: 'Z1', record_id: 't:1' }, { company: 'Müller GmbH', website: 'mueller-gmbh.de', Nr: 'M1', record_id: 't:2' }];
    const facts = targetFacts(targets).map((f) => f!);
    const run = (t: Row[], f: typeof facts) => buildAccounts(list, { roles: roleReader(['company']), targets: { rows: t, facts: f, ids: t.map((x) => x.Nr), idColumn: 'Nr' } });
    const a = await run(targets, facts);
    const b = await run([targets[1], targets[0]], [facts[1], facts[0]]);
    const zermatt = (r: typeof a) => r.accounts.find((x) => x.target_id === 'Z1')!;
    expect(zermatt(a)).toMatchObject({ contacts: '0', is_target: 'true', account_name: 'Bergbahnen Zermatt AG' });
    expect(zermatt(a).account_id).toBe(zermatt(b).account_id);
    expect(a.stats).toMatchObject({ targets: 2, targetsMatched: 1, targetsWithoutContacts: 1, accountsWithoutContacts: 1, accounts: 4 });
  });
});
