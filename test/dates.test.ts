// One owner per concept: dates (src/date). Every form through parseDate, the column reading
// (day or month first, Excel serials), the matcher's levels, and the commands that read dates —
// dedupe (--compare birth_date:date), survivorship (--prefer newest), score (decay and date rules),
// suppress (a consent date) and import (birth date composed from its parts).
import { describe, expect, it } from 'vitest';
import {
  columnDateReader,
  compareDateLevels,
  dateReadingOf,
  epochMsOf,
  excelSerialDate,
  isIsoDate,
  monthNumber,
  normaliseDate,
  parseDate,
  sortableTimestamp,
  type DateLevel,
} from '../src/date/index.js';
import { compareDates } from '../src/match/comparators.js';
import { normaliseForCompare } from '../src/match/compare-spec.js';
import { rankMembers } from '../src/match/survivorship.js';
import { parseDate as scoreDate } from '../src/score/dates.js';
import { parseConsent } from '../src/suppress/consent.js';
import { composeBirthDateInto, composeDate } from '../src/import/compose-date.js';
import { canonicalFor } from '../src/schema.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { runCli } from './helpers/run-cli.js';

function records(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('parseDate: every form, read alone', () => {
  // value → [date, form, guessed, time?, zone?]
  it.each<[string, string, string, boolean, string?, string?]>([
    // ISO, with or without a time, T or space, Z or an offset
    ['1980-12-24', '1980-12-24', 'iso', false],
    ['1980-2-3', '1980-02-03', 'iso', false],
    ['1980/12/24', '1980-12-24', 'iso', false],
    ['1980.12.24', '1980-12-24', 'iso', false],
    ['2024-03-01T14:05:00Z', '2024-03-01', 'iso', false, '14:05:00', 'Z'],
    ['2024-03-01T14:05:00.123+02:00', '2024-03-01', 'iso', false, '14:05:00', '+02:00'],
    ['2024-03-01 14:05', '2024-03-01', 'iso', false, '14:05:00'],
    ['2024-03-01 14:05:09 +0100', '2024-03-01', 'iso', false, '14:05:09', '+01:00'],
    ['2024-03-01T23:59:59-05:00', '2024-03-01', 'iso', false, '23:59:59', '-05:00'],
    // YYYYMMDD
    ['19801224', '1980-12-24', 'compact', false],
    ['20240229', '2024-02-29', 'compact', false],
    // German and Austrian dotted dates, day first always
    ['24.12.1980', '1980-12-24', 'dotted', false],
    ['03.04.1985', '1985-04-03', 'dotted', false],
    ['1.3.85', '1985-03-01', 'dotted', false],
    ['1.3.24', '2024-03-01', 'dotted', false],
    ['01.03.2024 14:30', '2024-03-01', 'dotted', false, '14:30:00'],
    ['01.03.2024, 14:30 Uhr', '2024-03-01', 'dotted', false, '14:30:00'],
    // slashed and dashed: the value decides when one part is over 12
    ['24/12/1980', '1980-12-24', 'slashed', false],
    ['12/24/1980', '1980-12-24', 'slashed', false],
    ['5/5/1985', '1985-05-05', 'slashed', false],
    ['24-12-1980', '1980-12-24', 'dashed', false],
    ['12-24-1980', '1980-12-24', 'dashed', false],
    ['12/25/1980 2:30 PM', '1980-12-25', 'slashed', false, '14:30:00'],
    ['12/25/1980 12:15 am', '1980-12-25', 'slashed', false, '00:15:00'],
    // …else day first, a guess
    ['03/04/1985', '1985-04-03', 'slashed', true],
    ['3/4/85', '1985-04-03', 'slashed', true],
    ['03-04-1985', '1985-04-03', 'dashed', true],
    // month names: English, German, Austrian
    ['12 Dec 1980', '1980-12-12', 'month_name', false],
    ['12-DEC-80', '1980-12-12', 'month_name', false],
    ['12th December 1980', '1980-12-12', 'month_name', false],
    ['12 December, 1980', '1980-12-12', 'month_name', false],
    ['December 12, 1980', '1980-12-12', 'month_name', false],
    ['Dec. 12 1980', '1980-12-12', 'month_name', false],
    ['Sept 3, 2001', '2001-09-03', 'month_name', false],
    ['12. Dezember 1980', '1980-12-12', 'month_name', false],
    ['12. Dez. 1980', '1980-12-12', 'month_name', false],
    ['1. März 1975', '1975-03-01', 'month_name', false],
    ['1. Ma\u0308rz 1975', '1975-03-01', 'month_name', false],
    ['1. Maerz 1975', '1975-03-01', 'month_name', false],
    ['3. Jänner 1985', '1985-01-03', 'month_name', false],
    ['14. Feber 1990', '1990-02-14', 'month_name', false],
    ['Freitag, 12. Dezember 1980', '1980-12-12', 'month_name', false],
    ['Fri, 12 Dec 1980 10:00:00 +0000', '1980-12-12', 'month_name', false, '10:00:00', '+00:00'],
    ['  24.12.1980  ', '1980-12-24', 'dotted', false],
  ])('%s', (value, date, form, guessed, time, zone) => {
    const p = parseDate(value);
    expect(p).toBeDefined();
    expect(p!.date).toBe(date);
    expect(p!.form).toBe(form);
    expect(p!.guessed).toBe(guessed);
    expect(p!.time).toBe(time);
    expect(p!.zone).toBe(zone);
    expect(normaliseDate(value)).toBe(date);
  });

  it.each([
    '', '   ', '1980', '12/1980', 'Dec 1980', '31.02.2024', '29.02.2023', '2023-02-29', '13/13/1980', '1980-13-01',
    '00.01.1980', '24.12.198', '24.12.19800', '17991231', '21010101', '19801301', '12345678', '29221', '01067',
    '12 Foo 1980', 'Montag', 'n/a', 'k.A.', '2024-03-01T25:00', '2024-03-01 13:00 PM', '24.12.1980 (geschätzt)',
    '+49 30 1234567', 'DE 123.456.789',
  ])('%j is not a date', (value) => {
    expect(parseDate(value)).toBeUndefined();
    expect(normaliseDate(value)).toBe('');
  });

  it('two-digit years: up to 30 are 20xx, the rest 19xx; a pivot of 69 for score', () => {
    expect(normaliseDate('1.3.30')).toBe('2030-03-01');
    expect(normaliseDate('1.3.31')).toBe('1931-03-01');
    expect(normaliseDate('01.03.00')).toBe('2000-03-01');
    expect(normaliseDate('01.03.99')).toBe('1999-03-01');
    expect(normaliseDate('1.3.45', { pivot: 69 })).toBe('2045-03-01');
    expect(normaliseDate('1.3.70', { pivot: 69 })).toBe('1970-03-01');
  });

  it('a US list reads an ambiguous slashed date month first, still as a guess', () => {
    expect(parseDate('03/04/1985', { country: 'US' })).toMatchObject({ date: '1985-03-04', guessed: true });
    expect(parseDate('03/04/1985', { country: 'United States' })).toMatchObject({ date: '1985-03-04', guessed: true });
    expect(parseDate('03/04/1985', { country: 'DE' })).toMatchObject({ date: '1985-04-03', guessed: true });
    expect(parseDate('03/04/1985', { country: 'Österreich' })).toMatchObject({ date: '1985-04-03', guessed: true });
    // The value decides over the country.
    expect(parseDate('25/12/1980', { country: 'US' })).toMatchObject({ date: '1980-12-25', guessed: false });
    // Dotted dates are day first in every country.
    expect(parseDate('03.04.1985', { country: 'US' })).toMatchObject({ date: '1985-04-03', guessed: false });
  });

  it('month names', () => {
    expect(['Jan', 'Jänner', 'JÄN', 'januar', 'March', 'Mrz', 'märz', 'Mai', 'Okt.', 'Dez', 'December'].map(monthNumber)).toEqual([1, 1, 1, 1, 3, 3, 3, 5, 10, 12, 12]);
    expect(monthNumber('Montag')).toBe(0);
  });

  it('times and zones give epoch milliseconds; a time without a zone is UTC', () => {
    const ms = (v: string) => new Date(epochMsOf(parseDate(v)!)).toISOString();
    expect(ms('2024-03-01T14:30:00+02:00')).toBe('2024-03-01T12:30:00.000Z');
    expect(ms('01.03.2024 14:30')).toBe('2024-03-01T14:30:00.000Z');
    expect(ms('2024-03-01T00:30:00+01:00')).toBe('2024-02-29T23:30:00.000Z');
    expect(ms('1 Mar 2024')).toBe('2024-03-01T00:00:00.000Z');
  });

  it('sortableTimestamp keeps the time, zoned times moved to UTC', () => {
    expect(sortableTimestamp('2024-03-01')).toBe('2024-03-01');
    expect(sortableTimestamp('2024-03-01 09:05')).toBe('2024-03-01T09:05:00');
    expect(sortableTimestamp('2024-03-01T09:05:00Z')).toBe('2024-03-01T09:05:00');
    expect(sortableTimestamp('2024-03-01T00:30:00+01:00')).toBe('2024-02-29T23:30:00');
    expect(sortableTimestamp('01.03.2024 14:30')).toBe('2024-03-01T14:30:00');
    expect(sortableTimestamp('gestern')).toBe('');
  });

  it('isIsoDate: yyyy-mm-dd that exists', () => {
    expect(isIsoDate('2026-11-22')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('22.11.2026')).toBe(false);
    expect(isIsoDate('2026-11-22T00:00')).toBe(false);
  });
});

describe('dateReadingOf: a column is read one way', () => {
  it('a US list with 12/25/1980 is month first, so 03/04/1985 is March 4th, no guess', () => {
    const values = ['03/04/1985', '12/25/1980', '', '7/4/1976', '01/02/1990'];
    expect(dateReadingOf(values)).toEqual({ order: 'mdy', orderFrom: 'values', excelSerial: false });
    const read = columnDateReader(values);
    expect(values.map(read)).toEqual(['1985-03-04', '1980-12-25', '', '1976-07-04', '1990-01-02']);
    expect(parseDate('03/04/1985', { reading: dateReadingOf(values) })).toMatchObject({ date: '1985-03-04', guessed: false });
  });

  it('a British or German slashed list with 25/12/1980 is day first', () => {
    const values = ['03/04/1985', '25/12/1980', '01/02/1990'];
    expect(dateReadingOf(values, 'US')).toEqual({ order: 'dmy', orderFrom: 'values', excelSerial: false });
    expect(values.map(columnDateReader(values, 'US'))).toEqual(['1985-04-03', '1980-12-25', '1990-02-01']);
  });

  it('a German list of dotted dates needs no decision', () => {
    const values = ['03.04.1985', '24.12.1980', '1.3.85', '1985-04-03'];
    expect(values.map(columnDateReader(values, 'DE'))).toEqual(['1985-04-03', '1980-12-24', '1985-03-01', '1985-04-03']);
  });

  it('an undecided column: day first unless the list is from the US, and every ambiguous reading is a guess', () => {
    const values = ['03/04/1985', '01/02/1990', '05/05/1985'];
    expect(dateReadingOf(values)).toEqual({ order: 'dmy', orderFrom: 'default', excelSerial: false });
    expect(dateReadingOf(values, 'AT')).toEqual({ order: 'dmy', orderFrom: 'country', excelSerial: false });
    expect(dateReadingOf(values, 'US')).toEqual({ order: 'mdy', orderFrom: 'country', excelSerial: false });
    expect(values.map(columnDateReader(values, 'US'))).toEqual(['1985-03-04', '1990-01-02', '1985-05-05']);
    const reading = dateReadingOf(values, 'US');
    expect(values.map((v) => parseDate(v, { reading })!.guessed)).toEqual([true, true, false]);
  });

  it('a column with both 25/12/1980 and 12/25/1980 decides nothing: each value as it reads', () => {
    const values = ['25/12/1980', '12/25/1980', '03/04/1985'];
    const reading = dateReadingOf(values, 'DE');
    expect(reading.orderFrom).toBe('country');
    expect(values.map((v) => parseDate(v, { reading })?.date)).toEqual(['1980-12-25', '1980-12-25', '1985-04-03']);
  });

  it('dashed values count like slashed ones', () => {
    const values = ['12-25-1980', '03-04-1985'];
    expect(values.map(columnDateReader(values))).toEqual(['1980-12-25', '1985-03-04']);
  });
});

describe('Excel serial numbers (1900 date system)', () => {
  it('read only in a column of serials', () => {
    expect(excelSerialDate(29221)).toBe('1980-01-01');
    expect(excelSerialDate(25569)).toBe('1970-01-01');
    expect(excelSerialDate(44927)).toBe('2023-01-01');
    expect(excelSerialDate(61)).toBe('1900-03-01');
    const values = ['29221', '', '44927', '31041'];
    expect(dateReadingOf(values).excelSerial).toBe(true);
    expect(values.map(columnDateReader(values))).toEqual(['1980-01-01', '', '2023-01-01', '1984-12-25']);
  });

  it('a single value, a postcode column or a mixed column is no serial', () => {
    expect(normaliseDate('29221')).toBe('');
    // German postcodes: one with a leading zero, so not all serials.
    expect(dateReadingOf(['10115', '01067', '80331']).excelSerial).toBe(false);
    // Numbers outside 10000–80000 (postcodes 80331–99999, four-digit Austrian ones).
    expect(dateReadingOf(['29221', '80331']).excelSerial).toBe(false);
    expect(dateReadingOf(['1010', '8010']).excelSerial).toBe(false);
    expect(dateReadingOf(['29221', '24.12.1980']).excelSerial).toBe(false);
    expect(dateReadingOf(['29221.5']).excelSerial).toBe(false);
    expect(dateReadingOf([]).excelSerial).toBe(false);
    const mixed = ['29221', '24.12.1980'];
    expect(mixed.map(columnDateReader(mixed))).toEqual(['', '1980-12-24']);
  });
});

describe('compareDateLevels', () => {
  it.each<[string, string, DateLevel]>([
    ['1980-12-24', '1980-12-24', 'exact'],
    ['1980-03-04', '1980-04-03', 'transposed'],
    ['1985-01-12', '1985-12-01', 'transposed'],
    ['1980-12-24', '1980-12-25', 'one_digit'],
    ['1980-12-24', '1981-12-24', 'one_digit'],
    ['1980-12-24', '1990-12-24', 'one_digit'],
    ['1985-06-13', '1958-06-13', 'one_digit'],
    ['1980-06-13', '1980-06-31', 'one_digit'],
    ['1980-11-24', '1980-12-24', 'one_digit'],
    ['1980-12-24', '1980-01-02', 'same_year'],
    ['1980-12-24', '1980-12-13', 'one_part'],
    ['1980-12-24', '1980-07-24', 'one_part'],
    ['1981-09-23', '2008-09-23', 'one_part'],
    ['1980-12-24', '1971-12-24', 'one_part'],
    ['1980-12-24', '1971-11-24', 'differ'],
    ['1980-12-24', '1981-12-25', 'differ'],
    ['1980-03-04', '1981-04-03', 'differ'],
    ['1980-12-24', '', 'missing'],
    ['', '', 'missing'],
    ['abc', 'abc', 'exact'],
    ['abc', 'abd', 'differ'],
  ])('%s / %s → %s', (a, b, level) => {
    expect(compareDateLevels(a, b)).toBe(level);
    expect(compareDateLevels(b, a)).toBe(level);
  });

  it('compareDates (the matcher\'s three levels) delegates: transposed and one digit are similar', () => {
    expect(compareDates('1980-03-04', '1980-04-03')).toBe('similar');
    expect(compareDates('1980-12-24', '1980-12-25')).toBe('similar');
    expect(compareDates('1985-06-13', '1958-06-13')).toBe('similar');
    expect(compareDates('1980-12-24', '1980-01-02')).toBe('differ');
    expect(compareDates('1980-12-24', '1980-12-24')).toBe('exact');
    expect(compareDates('', '1980-12-24')).toBe('missing');
  });
});

describe('the commands that read dates', () => {
  it('match and dedupe normalise --compare F:date values through src/date', () => {
    for (const v of ['24.12.1980', '1980-12-24', '19801224', '24 Dec 1980', 'December 24, 1980', '24. Dezember 1980', '24/12/1980', '12/24/1980']) {
      expect(normaliseForCompare('date', v)).toBe('1980-12-24');
    }
    expect(normaliseForCompare('date', '29221')).toBe('');
  });

  it('dedupe: one birth date written three ways is one date to the matcher', async () => {
    const head = ['record_id', 'first_name', 'last_name', 'email', 'postal_code', 'city', 'birth_date'];
    const rows = [
      ['d:1', 'Sabine', 'Hofer', 'sabine.hofer@gmx.at', '1010', 'Wien', '24.12.1980'],
      ['d:2', 'Sabine', 'Hofer', 's.hofer@aon.at', '1010', 'Wien', '19801224'],
      ['d:3', 'Sabine', 'Hofer', 'sabine.hofer@gmx.at', '1010', 'Wien', '24. Dezember 1980'],
    ];
    const input = [head, ...rows].map((r) => r.join(',')).join('\n') + '\n';
    const r = await runCli(['dedupe', '--compare', 'birth_date:date', '-q'], { stdin: input });
    expect(r.code).toBe(0);
    expect(records(r.stdout).map((x) => x.merged_ids.split(';').sort())).toEqual([['d:1', 'd:2', 'd:3']]);
    const explained = await runCli(['dedupe', '--compare', 'birth_date:date', '--explain', 'd:2'], { stdin: input });
    expect(explained.stdout).toMatch(/birth_date\s+exact\s.*"1980-12-24" \/ "1980-12-24"/);
  });

  it('survivorship: --prefer newest reads a US list\'s updated_at month first (12/25 in the column decides)', () => {
    const rows = [
      { record_id: 'u:1', updated_at: '03/04/2025' },
      { record_id: 'u:2', updated_at: '02/05/2025' },
      { record_id: 'u:3', updated_at: '12/25/2024' },
    ];
    // Month first: u:2 (Feb 5th) is older than u:1 (March 4th). Day first would say the opposite.
    expect(rankMembers(rows, [0, 1, 2], { kind: 'newest' })).toEqual([0, 1, 2]);
    const german = [
      { record_id: 'g:1', updated_at: '03/04/2025' },
      { record_id: 'g:2', updated_at: '02/05/2025' },
      { record_id: 'g:3', updated_at: '25/12/2024' },
    ];
    expect(rankMembers(german, [0, 1, 2], { kind: 'newest' })).toEqual([1, 0, 2]);
    const mixedForms = [
      { record_id: 'm:1', updated_at: '2025-03-01T09:00:00+01:00' },
      { record_id: 'm:2', updated_at: '01.03.2025 08:30' },
      { record_id: 'm:3', updated_at: '20250228' },
    ];
    expect(rankMembers(mixedForms, [0, 1, 2], { kind: 'newest' })).toEqual([1, 0, 2]);
  });

  it('score reads every form but no guess, with its own two-digit pivot', () => {
    const iso = (v: string) => {
      const ms = scoreDate(v);
      return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);
    };
    expect(iso('20240301')).toBe('2024-03-01');
    expect(iso('1. März 2024')).toBe('2024-03-01');
    expect(iso('March 1, 2024')).toBe('2024-03-01');
    expect(iso('25/12/2024')).toBe('2024-12-25');
    expect(iso('12/25/2024')).toBe('2024-12-25');
    expect(iso('03/01/2024')).toBeUndefined();
    expect(iso('01.03.45')).toBe('2045-03-01');
  });

  it('score: a date rule and decay read a German month name and YYYYMMDD', async () => {
    const rules = [
      'score:',
      '  fit:',
      '    groups:',
      '      - name: recency',
      '        rules:',
      '          - { name: recent, field: last_activity_at, op: gte, value: "2026-01-01", points: 10 }',
      '  engagement:',
      '    groups:',
      '      - name: none',
      '        rules: [{ name: never, field: nothing_here, op: eq, value: x, points: 1 }]',
    ].join('\n');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-dates-'));
    const file = path.join(dir, 'rules.yml');
    fs.writeFileSync(file, rules);
    const input = 'record_id,last_activity_at\nr:1,3. März 2026\nr:2,20251231\nr:3,2026-02-01\n';
    const r = await runCli(['score', '--rules', file, '-q'], { stdin: input });
    expect(r.code, r.stderr).toBe(0);
    const fit = records(r.stdout).map((x) => x.fit_score);
    expect(fit).toEqual(['10', '0', '10']);
  });

  it.each([
    ['2024-03-01', 'granted'],
    ['01.03.2024 (Messe)', 'granted'],
    ['12. Dezember 2023 (Webinar)', 'granted'],
    ['03/04/2024', 'granted'],
    ['20240301', 'granted'],
    ['1 Mar 2024', 'granted'],
    ['31.02.2024', 'unknown'],
  ])('suppress: consent %j is %s', (value, expected) => {
    expect(parseConsent(value)).toBe(expected);
  });
});

describe('import: a birth date in parts', () => {
  it('header synonyms: Geburtstag is the whole date, the parts have their own', () => {
    expect(canonicalFor('Geburtstag')).toBe('birth_date');
    expect(canonicalFor('Birthday')).toBe('birth_date');
    expect(canonicalFor('Birth Day')).toBe('birth_date');
    expect(canonicalFor('birth_day')).toBe('birth_day');
    expect(canonicalFor('BIRTH_DAY')).toBe('birth_day');
    expect(canonicalFor('birth_month')).toBe('birth_month');
    expect(canonicalFor('Geburtsdatum')).toBe('birth_date');
    expect(canonicalFor('Geburtsjahr')).toBe('birth_year');
    expect(canonicalFor('Jahrgang')).toBe('birth_year');
    expect(canonicalFor('Year of Birth')).toBe('birth_year');
    expect(canonicalFor('birth year')).toBe('birth_year');
    expect(canonicalFor('dob_year')).toBe('birth_year');
    expect(canonicalFor('Geburtsmonat')).toBe('birth_month');
    expect(canonicalFor('Month of Birth')).toBe('birth_month');
    expect(canonicalFor('Tag der Geburt')).toBe('birth_day');
    expect(canonicalFor('Day of Birth')).toBe('birth_day');
    expect(canonicalFor('dob_day')).toBe('birth_day');
  });

  it.each([
    ['1980', '12', '24', '1980-12-24'],
    ['1980', '3', '7', '1980-03-07'],
    ['1980', 'März', '7.', '1980-03-07'],
    ['1985', 'Jänner', '03', '1985-01-03'],
    ['1980', 'Dec', '24', '1980-12-24'],
    ['80', '12', '24', '1980-12-24'],
    ['1980', '2', '30', ''],
    ['1980', '13', '1', ''],
    ['', '12', '24', ''],
    ['1980', '', '24', ''],
    ['1980', '12', '', ''],
    ['198O', '12', '24', ''],
    ['1700', '1', '1', ''],
  ])('%s / %s / %s → %j', (y, m, d, want) => {
    expect(composeDate(y, m, d)).toBe(want);
  });

  it('a given birth date is never overwritten', () => {
    const row = { birth_date: '24.12.1980', birth_year: '1981', birth_month: '1', birth_day: '1' };
    composeBirthDateInto(row);
    expect(row.birth_date).toBe('24.12.1980');
  });

  it('leadkit import composes birth_date from German part columns and keeps them', async () => {
    const csv =
      'Vorname;Nachname;E-Mail;Geburtsjahr;Geburtsmonat;Tag der Geburt\n' +
      'Thomas;Müller;t.mueller@example.de;1971;3;12\n' +
      'Anna;Gruber;anna.gruber@example.at;1985;Jänner;3\n' +
      'Petra;Weiß;p.weiss@example.de;1980;2;30\n' +
      'Jürgen;Schmidt;j.schmidt@example.de;;;\n';
    const r = await runCli(['import', '-q'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    const [head] = parseCsv(r.stdout);
    expect(head).toEqual(expect.arrayContaining(['birth_date', 'birth_year', 'birth_month', 'birth_day']));
    expect(head.indexOf('birth_date')).toBeLessThan(head.indexOf('birth_year'));
    const out = records(r.stdout);
    expect(out.map((x) => x.birth_date)).toEqual(['1971-03-12', '1985-01-03', '', '']);
    expect(out.map((x) => [x.birth_year, x.birth_month, x.birth_day])).toEqual([
      ['1971', '3', '12'],
      ['1985', 'Jänner', '3'],
      ['1980', '2', '30'],
      ['', '', ''],
    ]);
  });

  it('leadkit import: birth_year, birth_month, birth_day headers next to a birth date column fill only its blanks', async () => {
    const csv =
      'first_name,last_name,birth_date,birth_year,birth_month,birth_day\n' +
      'Mary,Johnson,12/25/1980,1980,12,25\n' +
      'John,Miller,,1975,7,4\n';
    const r = await runCli(['import', '-q'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    expect(records(r.stdout).map((x) => x.birth_date)).toEqual(['12/25/1980', '1975-07-04']);
  });

  it('leadkit import: no parts, no birth_date column added', async () => {
    const r = await runCli(['import', '-q'], { stdin: 'Vorname;Nachname;Geburtsjahr\nThomas;Müller;1971\n' });
    expect(parseCsv(r.stdout)[0]).not.toContain('birth_date');
  });
});
