/**
 * The fast path in src/phone/numbering.ts re-implements part of libphonenumber's parsing for
 * speed. These tests pin it to the library: on generated numbers for every region, in national,
 * international, "00" and lost-"+" form, both must give the same E.164, region and type, or
 * both must reject the number.
 */
import { getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { interpretDigits, interpretDigitsWithLibrary, nationalPrefixOf } from '../src/phone/numbering.js';

/** Deterministic generator, so a failure names a reproducible case. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

interface Case {
  digits: string;
  plus: boolean;
  region: string;
}

function cases(perRegion: number, seed: number): Case[] {
  const rnd = generator(seed);
  const digits = (n: number): string => Array.from({ length: n }, () => rnd(10)).join('');
  const out: Case[] = [];
  for (const region of getCountries()) {
    const cc = getCountryCallingCode(region);
    const prefix = nationalPrefixOf(region);
    const example = getExampleNumber(region, examples)?.nationalNumber;
    for (let i = 0; i < perRegion; i++) {
      const length = 3 + rnd(13);
      const random = digits(length);
      out.push(
        { digits: prefix + random, plus: false, region },
        { digits: random, plus: false, region },
        { digits: cc + random, plus: false, region },
        { digits: `00${cc}${random}`, plus: false, region },
        { digits: cc + random, plus: true, region },
        { digits: `${cc}0${random}`, plus: true, region },
      );
      if (example) {
        // The example number with its tail replaced: mostly valid numbers of that region.
        const keep = Math.max(1, example.length - 1 - rnd(4));
        const near = example.slice(0, keep) + digits(Math.max(0, example.length - keep + rnd(3) - 1));
        out.push(
          { digits: prefix + near, plus: false, region },
          { digits: near, plus: false, region },
          { digits: cc + near, plus: true, region },
          { digits: cc + prefix + near, plus: true, region },
        );
      }
    }
  }
  return out;
}

describe('phone fast path equals libphonenumber', () => {
  it('on generated numbers of every region', () => {
    const all = cases(12, 20240611);
    let valid = 0;
    const mismatches: string[] = [];
    for (const c of all) {
      const fast = interpretDigits(c.digits, c.plus, c.region);
      const library = interpretDigitsWithLibrary(c.digits, c.plus, c.region);
      if (library) valid++;
      if (JSON.stringify(fast) !== JSON.stringify(library) && mismatches.length < 10) {
        mismatches.push(`${c.region} ${c.plus ? '+' : ''}${c.digits}: ${JSON.stringify(fast)} vs ${JSON.stringify(library)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The generator must produce a fair share of valid numbers, or the comparison proves little.
    expect(valid).toBeGreaterThan(all.length / 10);
  });

  it('on German, Austrian and Swiss numbers of every length', () => {
    const rnd = generator(7);
    const mismatches: string[] = [];
    for (const [region, cc] of [
      ['DE', '49'],
      ['AT', '43'],
      ['CH', '41'],
    ]) {
      for (let i = 0; i < 4000; i++) {
        const subscriber = String(1 + rnd(9)) + Array.from({ length: 5 + rnd(9) }, () => rnd(10)).join('');
        for (const c of [
          { digits: `0${subscriber}`, plus: false },
          { digits: subscriber, plus: false },
          { digits: cc + subscriber, plus: false },
          { digits: cc + subscriber, plus: true },
        ]) {
          const fast = JSON.stringify(interpretDigits(c.digits, c.plus, region));
          const library = JSON.stringify(interpretDigitsWithLibrary(c.digits, c.plus, region));
          if (fast !== library && mismatches.length < 10) mismatches.push(`${region} ${c.digits}: ${fast} vs ${library}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
