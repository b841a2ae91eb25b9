import { describe, expect, it } from 'vitest';
import { doubleMetaphone } from '../src/match/double-metaphone.js';
import { givenNameInfo, metaphone, surnameInfo } from '../src/match/comparators.js';

/**
 * Known outputs of the reference algorithm (Philips 2000, four-letter codes where maxLength is 4;
 * checked against Apache Commons Codec's DoubleMetaphone, whose outputs agree with this
 * implementation on every ASCII name tried), then names from German, English, Turkish and Polish
 * lists.
 */
describe('doubleMetaphone', () => {
  it.each([
    ['Smith', 'SM0', 'XMT'],
    ['Schmidt', 'XMT', 'SMT'],
    ['Thompson', 'TMPS', 'TMPS'],
    ['Jose', 'HS', 'HS'],
    ['Joseph', 'JSF', 'HSF'],
    ['Xavier', 'SF', 'SFR'],
    ['Michael', 'MKL', 'MXL'],
    ['Czerny', 'SRN', 'XRN'],
    ['Caesar', 'SSR', 'SSR'],
    ['Chianti', 'KNT', 'KNT'],
    ['Cabrillo', 'KPRL', 'KPR'],
    ['Gallegos', 'KLKS', 'KKS'],
    ['Campbell', 'KMPL', 'KMPL'],
    ['Katherine', 'K0RN', 'KTRN'],
    ['Richard', 'RXRT', 'RKRT'],
    ['Geoff', 'JF', 'KF'],
    ['Thumb', '0M', 'TM'],
    ['Knight', 'NT', 'NT'],
    ['Wright', 'RT', 'RT'],
    ['Hugh', 'H', 'H'],
    ['Laugh', 'LF', 'LF'],
    ['Tagliaro', 'TKLR', 'TLR'],
    ['Filipowicz', 'FLPT', 'FLPF'],
    ['Breaux', 'PR', 'PR'],
    ['Zhao', 'J', 'J'],
    ['Sugar', 'XKR', 'SKR'],
    ['Schenker', 'XNKR', 'SKNK'],
    ['Wasserman', 'ASRM', 'FSRM'],
    ['Arnow', 'ARN', 'ARNF'],
    ['McHugh', 'MK', 'MK'],
    ['Mac Gregor', 'MKRK', 'MKRK'],
    ['Accident', 'AKST', 'AKST'],
    ['Bacchus', 'PKS', 'PKS'],
    ['Bertucci', 'PRTX', 'PRTX'],
    ['Edgar', 'ATKR', 'ATKR'],
    ['Island', 'ALNT', 'ALNT'],
  ])('%s → %s / %s (reference, four letters)', (word, primary, alternate) => {
    expect(doubleMetaphone(word, 4)).toEqual([primary, alternate]);
  });

  it('keeps the whole code by default', () => {
    expect(doubleMetaphone('Thompson')).toEqual(['TMPSN', 'TMPSN']);
    expect(doubleMetaphone('Schwarzenegger')).toEqual(['XRSNKR', 'XFRTSNKR']);
    expect(doubleMetaphone('Sonnensteiner')[0]).not.toBe(doubleMetaphone('Sonnenreiter')[0]);
  });

  it('gives both codes for empty and odd input without throwing', () => {
    expect(doubleMetaphone('')).toEqual(['', '']);
    expect(doubleMetaphone('  -- ')).toEqual(['', '']);
    expect(doubleMetaphone('a')).toEqual(['A', 'A']);
    expect(doubleMetaphone('h')).toEqual(['', '']);
    for (const w of ['x', 'gh', 'cz', 'sch', 'wicz', 'j', 'zz', "o'brien", '123']) expect(doubleMetaphone(w)).toHaveLength(2);
  });

  it('ignores case and accents, reads ß as ss and keeps Ç and Ñ', () => {
    expect(doubleMetaphone('SCHMIDT')).toEqual(doubleMetaphone('schmidt'));
    expect(doubleMetaphone('Müller')).toEqual(doubleMetaphone('Muller'));
    expect(doubleMetaphone('Strauß')).toEqual(doubleMetaphone('Strauss'));
    expect(doubleMetaphone('François')[0]).toBe('FRNS');
    expect(doubleMetaphone('Peña')[0]).toBe('PN');
  });

  it('gives names said alike a shared code', () => {
    const meet = (a: string, b: string) => {
      const [pa, aa] = doubleMetaphone(a);
      const [pb, ab] = doubleMetaphone(b);
      return pa === pb || pa === ab || aa === pb || aa === ab;
    };
    // English and anglicised German.
    expect(meet('Smith', 'Schmidt')).toBe(true);
    expect(meet('Snider', 'Schneider')).toBe(true);
    expect(meet('Thomson', 'Tomson')).toBe(true);
    expect(meet('Catherine', 'Kathryn')).toBe(true);
    expect(meet('Stephen', 'Steven')).toBe(true);
    // German.
    expect(meet('Meyer', 'Maier')).toBe(true);
    expect(meet('Hoffmann', 'Hofmann')).toBe(true);
    expect(meet('Wagner', 'Vagner')).toBe(true);
    // Polish: sz, w; accents dropped.
    expect(meet('Szymanski', 'Shimanski')).toBe(true);
    expect(meet('Wójcik', 'Vojcik')).toBe(true);
    expect(meet('Wójcik', 'Wojcik')).toBe(true);
    // Turkish names as folded (ş → s, ç → c, ı → i).
    expect(doubleMetaphone('yilmaz')[0]).toBe('ALMS');
    expect(doubleMetaphone('ozturk')[0]).toBe('ASTRK');
    expect(doubleMetaphone('celik')[0]).toBe('SLK');
    // Different names stay apart…
    expect(meet('Thomas', 'Tobias')).toBe(false);
    expect(meet('Weber', 'Werner')).toBe(false);
    // …but vowels after the first letter are not coded: a sound key, never evidence alone.
    expect(meet('Müller', 'Miller')).toBe(true);
  });
});

describe('NameInfo.metaphone', () => {
  it('is the primary code of the compared part of a name', () => {
    expect(givenNameInfo('thomas josef').metaphone).toBe('TMS');
    expect(surnameInfo('von der heide').metaphone).toBe(metaphone('heide'));
    expect(surnameInfo('mueller schmidt').metaphone).toBe(metaphone('muellerschmidt'));
    expect(surnameInfo('m?ller').metaphone).toBe(metaphone('mller'));
    expect(metaphone('smith')).toBe('SM0');
  });
});
