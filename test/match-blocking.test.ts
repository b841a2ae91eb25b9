import { describe, expect, it } from 'vitest';
import { candidatePairs } from '../src/match/blocking.js';
import { Features } from '../src/match/features.js';
import type { Row } from '../src/table.js';

/** Does blocking compare the first two rows (among the others, which make the list realistic)? */
function compared(a: Row, b: Row, others: Row[] = []): boolean {
  const rows = [a, b, ...others];
  const f = new Features(rows.length);
  for (const r of rows) f.add(r);
  const { pairs, rowBits } = candidatePairs(f, rows.length);
  const scale = 2 ** rowBits;
  return Array.from(pairs).some((p) => {
    const x = Math.floor(p / scale);
    const y = p - x * scale;
    return (x === 0 && y === 1) || (x === 1 && y === 0);
  });
}

// A private list: names and birth dates, no postal code, company, email or phone.
const FILLER: Row[] = ['Sabine Schmidt', 'Klaus Wagner', 'Petra Hoffmann', 'Stefan Becker', 'Ursula Schulz', 'Andreas Koch'].map((n, i) => {
  const [first_name, last_name] = n.split(' ');
  return { first_name, last_name, birth_date: `19${60 + i}-0${1 + i}-1${i}` };
});

describe('blocking survives one typo in any name', () => {
  it.each([
    // Typos that change the German sound code: the other name whole and three letters of this one meet.
    ['Jürgen', 'Keller', 'Juerwgen', 'Keller'],
    ['Heinz', 'Fischer', 'Heinz', 'Fischfer'],
    ['Rudolf', 'Friedrich', 'Rudolf', 'Friedrisch'],
    ['Monika', 'Schröder', 'Monuika', 'Schröder'],
    // English names that Kölner Phonetik splits and Double Metaphone keeps together.
    ['Katherine', 'Thompson', 'Catherine', 'Tomson'],
    ['Stephen', 'Philips', 'Steven', 'Fillips'],
  ])('%s %s / %s %s', (f1, l1, f2, l2) => {
    expect(compared({ first_name: f1, last_name: l1 }, { first_name: f2, last_name: l2 }, FILLER)).toBe(true);
  });

  it('still keeps different people apart in blocking', () => {
    expect(compared({ first_name: 'Jürgen', last_name: 'Keller' }, { first_name: 'Sabine', last_name: 'Kramer' }, FILLER)).toBe(false);
  });

  it('Double Metaphone also keys surnames within a postal code', () => {
    const a = { first_name: 'K.', last_name: 'Wright', postal_code: '10115', company: 'Nordwind GmbH' };
    const b = { first_name: 'Kate', last_name: 'Right', postal_code: '10115', company: 'Südwind AG' };
    expect(compared(a, b, FILLER)).toBe(true);
  });
});

describe('the prior falls with the list size', () => {
  it('asks log2(rows / 20,000) more bits above 20,000 rows, and keeps the default below', async () => {
    const { resolveOptions, listSizeBits } = await import('../src/match/options.js');
    const { probability } = await import('../src/match/model.js');
    const rows = (n: number) => new Array<Row>(n).fill({ first_name: 'Anna', last_name: 'Arndt' });
    const small = resolveOptions({}, rows(500));
    const base = resolveOptions({}, rows(20_000));
    const large = resolveOptions({}, rows(320_000));
    expect(small.thresholdWeight).toBe(base.thresholdWeight);
    expect(large.thresholdWeight - base.thresholdWeight).toBeCloseTo(4, 6);
    expect(listSizeBits(40_000)).toBeCloseTo(1, 6);
    // The score written for a pair is the probability under the same prior: at the threshold it is the threshold.
    expect(probability(large.thresholdWeight, large.model)).toBeCloseTo(0.9, 6);
    // A model saved from the large list carries its list's bits; reused on a small list they are set anew.
    const reused = resolveOptions({ model: large.model }, rows(1_000));
    expect(reused.thresholdWeight).toBe(base.thresholdWeight);
  });
});
