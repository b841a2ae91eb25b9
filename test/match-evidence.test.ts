import { describe, expect, it } from 'vitest';
import { normaliseStreet } from '../src/match/address.js';
import { dedupe } from '../src/match/index.js';
import { comparisonsFor } from '../src/match/options.js';
import type { Row } from '../src/table.js';

const together = (rows: Row[], a: number, b: number) => {
  const r = dedupe(rows);
  return r.clusters.of(a) === r.clusters.of(b);
};

describe('disagreements are evidence, outweighed only by strong identifiers', () => {
  const person = { last_name: 'Kowalczyk', street: 'Lindenallee 7', postal_code: '50968', city: 'Köln' };

  it('a national id joins two records whose given names were garbled, and keeps namesakes with other ids apart', () => {
    const rows: Row[] = [
      { record_id: 'p:1', first_name: 'Małgorzata', national_id: '12 150875 K 034', birth_date: '15.08.1975', ...person },
      { record_id: 'p:2', first_name: 'Gosia', national_id: '12150875K034', birth_date: '1975-08-15', ...person },
      { record_id: 'p:3', first_name: 'Zofia', national_id: '12 020301 K 511', birth_date: '2001-03-02', ...person },
    ];
    expect(together(rows, 0, 1)).toBe(true);
    expect(together(rows, 0, 2)).toBe(false);
  });

  it('two family members at one address with different birth dates stay apart', () => {
    const rows: Row[] = [
      { record_id: 'f:1', first_name: 'Jürgen', birth_date: '1961-02-03', ...person },
      { record_id: 'f:2', first_name: 'Jürgen', birth_date: '1990-11-23', ...person },
    ];
    expect(together(rows, 0, 1)).toBe(false);
  });

  it('a birth date is compared by default when the list has one', () => {
    expect(comparisonsFor([], ['first_name', 'birth_date'], [{ first_name: 'Anna', birth_date: '1980-01-02' }])).toEqual([{ field: 'birth_date', type: 'date' }]);
    expect(comparisonsFor([], ['first_name', 'birth_date'], [{ first_name: 'Anna', birth_date: '' }])).toEqual([]);
    // --compare wins over the default type.
    expect(comparisonsFor([{ field: 'birth_date', type: 'text' }], undefined, [{ birth_date: '1980-01-02' }])).toEqual([{ field: 'birth_date', type: 'text' }]);
  });

  it('a shared surname-only mailbox does not join two colleagues with the same initials', () => {
    const base = { last_name: 'Weiß', company: 'Weiß Fliesen GmbH', email: 'weiss@weiss-fliesen.de', phone: '+49 221 9988770', postal_code: '50667', city: 'Köln' };
    const rows: Row[] = [
      { record_id: 'w:1', first_name: 'Jürgen', ...base },
      { record_id: 'w:2', first_name: 'Johannes', ...base },
    ];
    expect(together(rows, 0, 1)).toBe(false);
  });

  it('a first-name-only mailbox does not join two namesakes with different surnames', () => {
    const base = { first_name: 'Birgit', company: 'Schönmayr Bäckerei GmbH', email: 'birgit@schoenmayr-baeckerei.de', street: 'Mozartweg 39', postal_code: '04271', city: 'Leipzig' };
    const rows: Row[] = [
      { record_id: 'b:1', last_name: 'Waldbichler', ...base },
      { record_id: 'b:2', last_name: 'Weber', ...base },
    ];
    expect(together(rows, 0, 1)).toBe(false);
  });

  it('a typo in an initial or swapped name fields do not make a personal address look shared', () => {
    const base = { email: 'noah.watson78@web.de', city: 'Bolton', birth_date: '2008-03-23' };
    const rows: Row[] = [
      { record_id: 'n:1', first_name: 'Noah', last_name: 'Watson', ...base },
      { record_id: 'n:2', first_name: 'oNah', last_name: 'Watson', ...base },
      { record_id: 'n:3', first_name: 'Watson', last_name: 'Noah', ...base },
    ];
    const r = dedupe(rows);
    expect(new Set([0, 1, 2].map((i) => r.clusters.of(i))).size).toBe(1);
  });

  it('a character lost in a Windows-1252 export ("M?ller") is weighed as the name, not as another surname', () => {
    const base = { first_name: 'Thomas', postal_code: '10115', city: 'Berlin', email: 'thomas.mueller@mueller-holzbau.de' };
    const r = dedupe([{ record_id: 'l:1', last_name: 'Müller', ...base }, { record_id: 'l:2', last_name: 'M?ller', ...base }]);
    expect(r.clusters.of(0)).toBe(r.clusters.of(1));
    const last = r.explain('l:1')!.link!.fields.find((f) => f.field === 'last_name')!;
    expect(last.level).toBe('wildcard');
    expect(last.weight).toBeGreaterThan(5);
  });

  it('a disposable mailbox identifies no one', () => {
    const rows: Row[] = [
      { record_id: 'd:1', first_name: 'Ralf', last_name: 'Meier', email: 'ralf.meier@mailinator.com', city: 'Hamburg' },
      { record_id: 'd:2', first_name: 'Rolf', last_name: 'Meyer', email: 'ralf.meier@mailinator.com', city: 'München' },
    ];
    expect(together(rows, 0, 1)).toBe(false);
    const explained = dedupe(rows, { threshold: 0.5 }).explain('d:1');
    expect(explained).toBeDefined();
  });
});

describe('account lists: records without a person match as organisations', () => {
  it('two identical organisation rows merge', () => {
    const row = { company: 'Müller GmbH', street: 'Hauptstraße 5', postal_code: '10115', city: 'Berlin' };
    expect(together([{ record_id: 'o:1', ...row }, { record_id: 'o:2', ...row }], 0, 1)).toBe(true);
  });

  it('a namesake firm in another town stays apart, a branch spelled differently at one address joins', () => {
    const rows: Row[] = [
      { record_id: 'o:1', company: 'Autohaus Müller GmbH', street: 'Aachener Straße 120', postal_code: '50931', city: 'Köln', phone: '0221 401020' },
      { record_id: 'o:2', company: 'Autohaus Müller GmbH', street: 'Holstenstraße 8', postal_code: '24103', city: 'Kiel', phone: '0431 551100' },
      { record_id: 'o:3', company: 'Autohaus Mueller', street: 'Aachener Str. 120', postal_code: '50931', city: 'Köln' },
    ];
    const r = dedupe(rows);
    expect(r.clusters.of(0)).not.toBe(r.clusters.of(1));
    expect(r.clusters.of(0)).toBe(r.clusters.of(2));
  });

  it('US sites written number first match across lists without a town', () => {
    const rows: Row[] = [
      { record_id: 'u:1', company: 'Abraham Lincoln Center Donoghue', street: '707 E. 37th Street', phone: '(773) 729-5325' },
      { record_id: 'u:2', company: 'Abraham Lincoln Centre - Donoghue', street: '707 East 37th St' },
      { record_id: 'u:3', company: 'Abraham Lincoln Centre - Oakland', street: '4000 S Ellis Ave' },
    ];
    const r = dedupe(rows, { defaultCountry: 'US' });
    expect(r.clusters.of(0)).toBe(r.clusters.of(1));
    expect(r.clusters.of(0)).not.toBe(r.clusters.of(2));
  });
});

describe('street keys', () => {
  it('reads number-first streets with USPS abbreviations', () => {
    expect(normaliseStreet('707 E. 37th Street')).toBe(normaliseStreet('707 East 37th St'));
    expect(normaliseStreet('4000 W Division St')).toBe(normaliseStreet('4000 W. Division'));
    expect(normaliseStreet('1507 W Sunnyside Avenue')).toBe(normaliseStreet('1507 W. Sunnyside Ave'));
    expect(normaliseStreet('1507 W Sunnyside Avenue')).not.toBe(normaliseStreet('1509 W Sunnyside Avenue'));
    // German streets keep their number after the name.
    expect(normaliseStreet('Hauptstraße 12 a')).toBe(normaliseStreet('Hauptstr. 12a'));
  });
});

describe('Matcher.candidates', () => {
  it('lists the reference rows blocking compares a new row with', async () => {
    const { createMatcher } = await import('../src/match/index.js');
    const reference: Row[] = [
      { record_id: 'crm:1', first_name: 'Thomas', last_name: 'Müller', email: 'thomas.mueller@mueller-holzbau.de', postal_code: '10115' },
      { record_id: 'crm:2', first_name: 'Katharina', last_name: 'Schäfer', email: 'k.schaefer@schaefer-soehne.de', postal_code: '80802' },
    ];
    const m = createMatcher(reference);
    expect(m.candidates({ first_name: 'Tom', last_name: 'Mueller', email: 'Thomas.Mueller@mueller-holzbau.de' })).toEqual([0]);
    expect(m.candidates({ first_name: 'Jürgen', last_name: 'Weiß', postal_code: '01099' })).toEqual([]);
  });
});
