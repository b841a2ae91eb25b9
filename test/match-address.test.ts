import { describe, expect, it } from 'vitest';
import { normaliseStreet, streetName } from '../src/match/address.js';

describe('match keys for streets', () => {
  it.each([
    ['Hauptstr. 12a', '', 'hauptstr 12a'],
    ['Hauptstraße', '12 a', 'hauptstr 12a'],
    ['Haupt-Strasse 12A', '', 'hauptstr 12a'],
    ['Mariahilfer Straße', '179', 'mariahilferstr 179'],
    ['Marktplatz', '3', 'marktpl 3'],
    ['', '', ''],
  ])('%s + %s → %s', (street, number, key) => {
    expect(normaliseStreet(street, number)).toBe(key);
  });
  it('gives the same key on every call, whether the house number is separate or embedded', () => {
    const first = normaliseStreet('Königsallee', '1');
    for (let i = 0; i < 3; i++) expect(normaliseStreet('Königsallee', '1')).toBe(first);
    expect(normaliseStreet('Königsallee 1')).toBe(first);
    expect(normaliseStreet('Königsallee', '')).toBe('koenigsallee');
    expect(streetName(first)).toBe('koenigsallee');
  });
});
