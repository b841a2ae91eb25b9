/**
 * Phones on rows whose country is a guess (a postcode or state hint, the list's country,
 * --default-country): a number valid only in the guessed region says so (regionGuessed), a local
 * number lacks its area code, and a number another country writes is not made German. And the
 * display form for call lists.
 */
import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { checkPhone, phoneDisplay, type PhoneResult } from '../src/phone/index.js';
import { phoneDisplayWithLibrary } from '../src/phone/display.js';

type Case = [cell: string, country: string, defaultCountry: string, countryGuessed: boolean, expected: Partial<PhoneResult>];

describe('checkPhone: a guessed region is not trusted with a second guess', () => {
  it.each<Case>([
    // A German default does not make American numbers German.
    ['(312) 534-2680', '', 'DE', false, { status: 'invalid', phone: '(312) 534-2680', country: '' }],
    ['312-534-2680', '', 'DE', false, { status: 'invalid', phone: '312-534-2680' }],
    ['312.534.2680', '', 'DE', false, { status: 'invalid' }],
    // Seven bare digits, as a Chicago list has them: a local number, not +49 3865286.
    ['3865286', '', 'DE', false, { status: 'no_area_code', phone: '3865286', country: '' }],
    ['534-2680', '', 'DE', false, { status: 'no_area_code' }],
    ['534 26 80', 'DE', 'DE', true, { status: 'no_area_code' }],
    // … nor, under an American default, a lost "+": 4930000 is no +49 30000.
    ['4930000', '', 'US', false, { status: 'no_area_code', phone: '4930000' }],
    ['4930000', 'US', 'DE', true, { status: 'no_area_code' }],
    ['4930000', 'GB', 'DE', false, { status: 'invalid' }],
    // American rows (a state hint or the column): ten digits valid, seven lack the area code.
    ['(312) 534-2680', 'US', 'DE', true, { status: 'valid', phone: '+13125342680', country: 'US', regionGuessed: true }],
    ['312-534-2680', 'US', 'DE', false, { status: 'valid', phone: '+13125342680', regionGuessed: false }],
    ['1 (773) 534-2680', 'US', 'DE', true, { status: 'valid', phone: '+17735342680', regionGuessed: true }],
    ['534-2680', 'US', 'DE', true, { status: 'no_area_code', phone: '534-2680' }],
    ['534-2680', 'US', 'DE', false, { status: 'no_area_code' }],
    // National numbers as their countries write them, in a guessed region: valid, and said so.
    ['030 12345678', '', 'DE', false, { status: 'valid', phone: '+493012345678', regionGuessed: true }],
    ['0664 1234567', 'AT', 'DE', true, { status: 'valid', phone: '+436641234567', country: 'AT', regionGuessed: true }],
    ['01 5875555', 'AT', 'DE', true, { status: 'valid', phone: '+4315875555', regionGuessed: true }],
    ['020 7734 8040', 'GB', 'DE', true, { status: 'valid', phone: '+442077348040', country: 'GB', regionGuessed: true }],
    // A spreadsheet cell that lost its 0 (bare digits, nine to eleven): still read, still a guess.
    ['301234567', '', 'DE', false, { status: 'valid', phone: '+49301234567', regionGuessed: true }],
    ['1711234567', '', 'DE', false, { status: 'valid', phone: '+491711234567', regionGuessed: true }],
    // Twelve digits and more without a "+" are a lost "+" or nothing.
    ['77352211561150', '', 'DE', false, { status: 'invalid' }],
    ['491711234567', '', 'DE', false, { status: 'valid', phone: '+491711234567', regionGuessed: false }],
    ['49 171 1234567', '', 'DE', false, { status: 'valid', phone: '+491711234567', regionGuessed: false }],
    // Written internationally: no region was needed, nothing was guessed.
    ['+43 1 5875555', '', 'DE', false, { status: 'valid', phone: '+4315875555', country: 'AT', regionGuessed: false }],
    ['0043 1 5875555', '', 'DE', false, { status: 'valid', phone: '+4315875555', regionGuessed: false }],
    ['+1 312 534 2680', 'DE', 'DE', true, { status: 'valid', phone: '+13125342680', country: 'US', regionGuessed: false }],
    ['011 49 30 12345678', 'US', 'DE', true, { status: 'valid', phone: '+493012345678', regionGuessed: false }],
    // The row's own country column: read as before, nothing guessed.
    ['01 5875555', 'AT', 'DE', false, { status: 'valid', phone: '+4315875555', regionGuessed: false }],
    ['044 292 11 11', 'Schweiz', 'DE', false, { status: 'valid', phone: '+41442921111', country: 'CH', regionGuessed: false }],
    ['301234567', 'Deutschland', 'DE', false, { status: 'valid', phone: '+49301234567', regionGuessed: false }],
  ])('%j (country %j, default %j, guessed %j)', (cell, country, defaultCountry, guessed, expected) => {
    expect(checkPhone(cell, country, defaultCountry, guessed)).toMatchObject({ regionGuessed: false, ...expected });
  });

  it('keeps the readings of a guessed and a given region apart', () => {
    expect(checkPhone('534 26 80', 'DE', 'DE', true).status).toBe('no_area_code');
    expect(checkPhone('534 26 80', 'DE', 'DE', false)).toMatchObject({ status: 'valid', phone: '+495342680' });
    expect(checkPhone('534 26 80', 'DE', 'DE', true).status).toBe('no_area_code');
  });

  it('takes a hyphen’s digits as an extension only when the rest is a number', () => {
    // "312-534" lacks an area code; the whole is invalid, not a number with extension 2680.
    expect(checkPhone('312-534-2680', '', 'DE')).toMatchObject({ status: 'invalid', extension: '' });
    expect(checkPhone('044 668 18 00-123', '', 'CH')).toMatchObject({ status: 'valid', phone: '+41446681800', extension: '123', regionGuessed: true });
  });
});

describe('phoneDisplay', () => {
  it.each<[string, string, string, string]>([
    ['+493012345678', 'DE', 'DE', '030 12345678'],
    ['+491711234567', 'DE', 'DE', '0171 1234567'],
    ['+13125342680', 'US', 'US', '(312) 534-2680'],
    ['+4315875555', 'AT', 'AT', '01 5875555'],
    ['+41442921111', 'CH', 'CH', '044 292 11 11'],
    ['+442077348040', 'GB', 'GB', '020 7734 8040'],
    // Another country's number: the international format.
    ['+4315875555', 'AT', 'DE', '+43 1 5875555'],
    ['+13125342680', 'US', 'DE', '+1 312 534 2680'],
    ['+493012345678', 'DE', 'US', '+49 30 12345678'],
    // One calling code, one plan: a Canadian number on an American list is dialled nationally.
    ['+14163920000', 'CA', 'US', '(416) 392-0000'],
    ['+13125342680', 'US', '', '+1 312 534 2680'],
    // No region of its own: libphonenumber formats it.
    ['+80012345678', '', 'DE', '+800 1234 5678'],
    // Not E.164, or not of the country given: nothing to show.
    ['030 12345678', 'DE', 'DE', ''],
    ['', 'DE', 'DE', ''],
    ['n/a', 'DE', 'DE', ''],
    ['+4315875555', 'DE', 'DE', ''],
  ])('%s (%s) on a %j row → %j', (e164, country, region, shown) => expect(phoneDisplay(e164, country, region)).toBe(shown));

  it('formats exactly as libphonenumber does, on generated numbers of every region', () => {
    let state = 20260;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    let compared = 0;
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (!example) continue;
      const nsn = example.nationalNumber;
      for (let i = 0; i < 40; i++) {
        const keep = Math.max(1, nsn.length - 1 - rnd(5));
        const near = nsn.slice(0, keep) + Array.from({ length: nsn.length - keep }, () => rnd(10)).join('');
        const read = checkPhone(`+${example.countryCallingCode}${near}`, region, region);
        if (read.status !== 'valid' || read.country === '') continue;
        for (const rowRegion of [read.country, 'DE', 'US']) {
          expect(phoneDisplay(read.phone, read.country, rowRegion), `${read.phone} on ${rowRegion}`).toBe(phoneDisplayWithLibrary(read.phone, rowRegion));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe('a country the user names is no guess', () => {
  it('--default-country given: numbers read in it carry no phone_region_guessed, read with the same care', async () => {
    const { runCli } = await import('./helpers/run-cli.js');
    const csv = 'first_name;last_name;phone\nJörg;Öller;089 1234567\nAnna;Weiß;0221 873 4000\nBob;Lee;534-2680\n';
    const col = (out: string, name: string) => {
      const lines = out.trim().split('\n');
      const d = lines[0].includes(';') ? ';' : ',';
      const i = lines[0].split(d).indexOf(name);
      return lines.slice(1).map((l) => l.split(d)[i]);
    };
    const stated = await runCli(['validate', '--checks', 'phone', '--default-country', 'DE'], { stdin: csv });
    expect(col(stated.stdout, 'phone_region_guessed')).toEqual(['', '', '']);
    expect(col(stated.stdout, 'phone_status')).toEqual(['valid', 'valid', 'no_area_code']);
    expect(stated.stderr).not.toMatch(/region guessed/);
    const defaulted = await runCli(['validate', '--checks', 'phone'], { stdin: csv });
    expect(col(defaulted.stdout, 'phone_region_guessed')).toEqual(['true', 'true', '']);
    expect(defaulted.stderr).toMatch(/phone region guessed 2/);
  });
});
