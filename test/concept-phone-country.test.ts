/**
 * One owner per concept: the phone key (src/phone) and the country resolver (src/address). The
 * same tricky inputs go through every command that reads them — validate, match, dedupe, suppress,
 * classify — so a validated list keeps matching a raw one, and a country spelt "Italien" means
 * the same everywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';
import { countryFromPostcode, countryFromState, dominantCountry, normaliseCountry, resolveRowCountry } from '../src/address/index.js';
import { checkPhone, phoneKey, readPhoneKey } from '../src/phone/index.js';
import { callingCode, matchPhoneKey, normalisePhone } from '../src/match/phone.js';
import { countryCode, regionGroup } from '../src/classify/region.js';
import { normalizePhone } from '../src/suppress/normalize.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-concept-'));

function rows(csv: string): Row[] {
  const [head, ...body] = parseCsv(csv);
  return body.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const byId = (list: Row[]) => Object.fromEntries(list.map((r) => [r.record_id, r]));

async function ok(args: string[], stdin?: string): Promise<string> {
  const r = await runCli(args, stdin === undefined ? {} : { stdin });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

// ------------------------------------------------------------------------------------------------
describe('the country resolver (src/address)', () => {
  it.each<[string, string]>([
    ['Deutschland', 'DE'],
    ['Österreich', 'AT'],
    ['Oesterreich', 'AT'],
    ['Schweiz', 'CH'],
    ['Italien', 'IT'],
    ['Niederlande', 'NL'],
    ['Holland', 'NL'],
    ['The Netherlands', 'NL'],
    ['Tschechien', 'CZ'],
    ['Frankreich', 'FR'],
    ['Vereinigte Staaten', 'US'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['UK', 'GB'],
    ['Großbritannien', 'GB'],
    ['England', 'GB'],
    ['DEU', 'DE'],
    ['nld', 'NL'],
    ['CZE', 'CZ'],
    [' at ', 'AT'],
    ['D', 'DE'],
    ['Germany (DE)', 'DE'],
    ['Narnia', ''],
    ['EU', ''],
    ['', ''],
  ])('%s → %s, the same for every command', (cell, code) => {
    expect(normaliseCountry(cell).code).toBe(code);
    // classify's reading and match's calling code come from the same table.
    expect(countryCode(cell)).toBe(code);
    expect(resolveRowCountry({ country: cell }, {}).code).toBe(code);
    if (code !== '') expect(callingCode(cell)).toBeDefined();
  });

  it.each<[string, string]>([
    ['12345-6789', 'US'],
    ['02134-1234', 'US'],
    ['SW1A 1AA', 'GB'],
    ['M1 1AE', 'GB'],
    ['GY1 1AA', 'GG'],
    ['1234 AB', 'NL'],
    ['1234AB', 'NL'],
    ['K1A 0B1', 'CA'],
    ['D02 X285', 'IE'],
    ['00-950', 'PL'],
    ['1000-001', 'PT'],
    ['A-1010', 'AT'],
    ['D-80331', 'DE'],
    ['CH-8001', 'CH'],
    // Shared formats are no hint: five digits are DE, FR, IT, ES and US; four digits a dozen.
    ['80331', ''],
    ['75001', ''],
    ['1010', ''],
    ['123 45', ''],
    ['123456789', ''],
    ['', ''],
  ])('postcode %s hints %s', (postcode, code) => expect(countryFromPostcode(postcode)).toBe(code));

  it.each<[string, string, string]>([
    ['CA', '', 'US'],
    ['ny', '10001', 'US'],
    ['TX', '75001-1234', 'US'],
    ['ON', 'K1A 0B1', 'CA'],
    ['QC', '', 'CA'],
    // A postcode of another country contradicts the state.
    ['CA', '1234 AB', ''],
    ['ON', '80331', ''],
    // Swiss cantons and German states with the same letters, and Delaware = DE, decide nothing.
    ['NE', '', ''],
    ['AR', '', ''],
    ['DE', '', ''],
    ['BY', '', ''],
    ['Bayern', '', ''],
  ])('state %s (postcode %s) hints %s', (state, postcode, code) => expect(countryFromState(state, postcode)).toBe(code));

  it.each<[string, Row, { listCountry?: string; defaultCountry?: string }, string, string, boolean]>([
    ['the column wins over every hint', { country: 'Italien', state: 'CA', postal_code: '1234 AB' }, { defaultCountry: 'DE' }, 'IT', 'column', false],
    ['a column naming no country: unknown, nothing guessed', { country: 'Narnia', postal_code: '1234 AB' }, { defaultCountry: 'DE' }, '', 'column', false],
    ['a placeholder counts as empty', { country: 'n/a', postal_code: '1234 AB' }, { defaultCountry: 'DE' }, 'NL', 'postcode', true],
    ['postcode prefix', { postal_code: 'A-1010' }, { defaultCountry: 'DE' }, 'AT', 'postcode', true],
    ['US ZIP+4', { postal_code: '90210-1234' }, { defaultCountry: 'DE' }, 'US', 'postcode', true],
    ['state code', { state: 'CA', postal_code: '90210' }, { defaultCountry: 'DE' }, 'US', 'state', true],
    ['postcode and state agree', { state: 'ON', postal_code: 'K1A 0B1' }, { defaultCountry: 'DE' }, 'CA', 'postcode', true],
    ['postcode and state disagree: the list decides', { state: 'NY', postal_code: 'SW1A 1AA' }, { listCountry: 'AT', defaultCountry: 'DE' }, 'AT', 'list', true],
    ['five digits are no hint: the list', { postal_code: '80331' }, { listCountry: 'Österreich', defaultCountry: 'DE' }, 'AT', 'list', true],
    ['nothing else: the default', { postal_code: '80331' }, { defaultCountry: 'Schweiz' }, 'CH', 'default', true],
    ['nothing at all', {}, {}, '', '', true],
  ])('%s', (_what, row, context, code, source, guessed) => {
    expect(resolveRowCountry(row, context)).toEqual({ code, source, guessed });
  });

  it('finds the list’s dominant country only with a clear majority', () => {
    const times = (n: number, v: string) => Array<string>(n).fill(v);
    expect(dominantCountry([...times(9, 'Österreich'), ...times(3, 'AT'), ...times(2, 'DE'), ...times(20, '')])).toBe('AT');
    expect(dominantCountry([...times(6, 'AT'), ...times(4, 'DE')])).toBe('');
    expect(dominantCountry(times(5, 'AT'))).toBe(''); // too few rows to decide
    expect(dominantCountry([...times(20, 'Narnia'), ...times(10, 'NL')])).toBe('NL'); // unknown cells vote for nothing
    expect(dominantCountry([...times(10, 'DE'), ...times(100, 'AT')], 10)).toBe('DE'); // only the first rows
  });
});

// ------------------------------------------------------------------------------------------------
describe('the phone key (src/phone)', () => {
  it.each<[string, string, string]>([
    ['310/246-1501', 'US', '+13102461501'],
    ['(310) 246-1501', 'US', '+13102461501'],
    ['+1 310 246 1501', 'US', '+13102461501'],
    ['+1 310 246 1501', 'DE', '+13102461501'],
    ['+13102461501', 'DE', '+13102461501'],
    ['030 1234567', 'DE', '+49301234567'],
    ['+49 (0)30 1234567', 'DE', '+49301234567'],
    ['0049-30-1234567', 'US', '+49301234567'],
    ['+49301234567', 'AT', '+49301234567'],
    ['Tel.: 030/1234567 (Zentrale)', 'DE', '+49301234567'],
    ['+49 30 1234567 Durchwahl 12', 'DE', '+49301234567'],
    ['0664 1234567', 'AT', '+436641234567'],
    ['06 1234567', 'IT', '+39061234567'],
    // Not valid numbers: a digits key that raw and international forms share.
    ['011 111111', 'DE', '+4911111111'],
    ['+49 (0)11 111111', 'DE', '+4911111111'],
    ['0049 11 111111', 'DE', '+4911111111'],
    ['555-0100', 'US', '+5550100'],
    // No number.
    ['', 'DE', ''],
    ['n/a', 'DE', ''],
    ['12345', 'DE', ''],
    ['4.91E+11', 'DE', ''],
  ])('%s in %s → %s', (cell, region, key) => expect(phoneKey(cell, region)).toBe(key));

  it('keeps the extension apart, as validate does', () => {
    expect(readPhoneKey('+49 30 1234567 ext. 12', 'DE')).toEqual({ key: '+49301234567', extension: '12', valid: true });
    expect(readPhoneKey('011 111111', 'DE')).toMatchObject({ valid: false });
    // The match key appends it: the same for the raw cell and a validated row's two columns.
    expect(matchPhoneKey('+49 30 1234567 ext. 12', 'DE')).toBe('+4930123456712');
    expect(matchPhoneKey('+49301234567', 'DE', 'DE', '12')).toBe('+4930123456712');
  });

  it('gives a validated cell (validate’s output) the key of its raw form, valid or not', () => {
    const cells: [string, string][] = [
      ['310/246-1501', 'US'], ['(310) 246-1501', 'US'], ['+1 310 246 1501', 'US'], ['310-555-0188', 'US'], ['555-0100', 'US'],
      ['030 1234567', 'DE'], ['+49 (0)30 1234567', 'DE'], ['0049-(0)40-4123456', 'DE'], ['089 12345-67', 'DE'], ['491711234567', 'DE'],
      ['011 111111', 'DE'], ['089 1234567 / 0171 7654321', 'DE'], ['0664 1234567', 'AT'], ['044 668 18 00', 'CH'], ['020 123 4567', 'NL'],
      ['+49 30 1234567 Durchwahl 89', 'DE'], ['n/a', 'DE'],
    ];
    for (const [raw, region] of cells) {
      const validated = checkPhone(raw, region);
      expect(phoneKey(validated.phone, region), raw).toBe(phoneKey(raw, region));
      expect(matchPhoneKey(validated.phone, region, 'DE', validated.extension), raw).toBe(matchPhoneKey(raw, region));
    }
  });

  it('is what match and suppress compare by', () => {
    expect(normalisePhone('310/246-1501', 'US')).toBe('+13102461501');
    expect(normalisePhone('310/246-1501', 'Vereinigte Staaten')).toBe('+13102461501');
    expect(normalisePhone('(310) 246-1501', '', '1')).toBe('+13102461501');
    expect(normalisePhone('030 1234567', '', '49')).toBe('+49301234567');
    expect(normalizePhone('(310) 246-1501', 'US')).toBe('+13102461501');
    expect(normalizePhone('030 1234567', 'DE', 'Deutschland')).toBe('+49301234567');
    expect(normalizePhone('030 1234567', 'Deutschland')).toBe('+49301234567');
    // Suppress keeps only valid numbers: a list line that reads as none is reported instead.
    expect(normalizePhone('011 111111', 'DE')).toBe('');
  });
});

// ------------------------------------------------------------------------------------------------
describe('the same inputs through every command (CLI)', () => {
  const NEW = [
    'First Name,Last Name,Phone,Country',
    'Jane,Doe,(310) 246-1501,US',
    'Robert,Miller,310/246-1502,US',
    'Linda,Garcia,+1 310 246 1503,US',
    '',
  ].join('\n');
  const CRM = [
    'First Name,Last Name,Phone,Country',
    'Jane,Doe,310/246-1501,US',
    'Bob,Miller,(310) 246-1502,US',
    'Linda,Garcia,310 246 1503,US',
    'Mark,Doe,310/555-0100,US',
    '',
  ].join('\n');

  it('match: a validated list links to a raw reference exactly as the raw list does', async () => {
    const dir = tmp();
    const fresh = path.join(dir, 'new.csv');
    const crm = path.join(dir, 'crm.csv');
    fs.writeFileSync(fresh, NEW);
    fs.writeFileSync(crm, CRM);
    const imported = await ok(['import', fresh, '-q']);
    const raw = rows(await ok(['match', '-', '--against', crm, '-q'], imported));
    const validated = await ok(['validate', '-', '--checks', 'phone', '-q'], imported);
    expect(rows(validated).map((r) => r.phone)).toEqual(['+13102461501', '+13102461502', '+13102461503']);
    const linked = rows(await ok(['match', '-', '--against', crm, '-q'], validated));
    const links = (list: Row[]) => list.map((r) => [r.record_id, r.match_id]);
    expect(links(raw)).toEqual([
      ['new:1', 'crm:1'],
      ['new:2', 'crm:2'],
      ['new:3', 'crm:3'],
    ]);
    expect(links(linked)).toEqual(links(raw));
    for (const r of [...raw, ...linked]) expect(r.match_reason).toContain('phone=exact');
  });

  it('dedupe: a validated row (E.164, extension apart) and its raw form share the phone', async () => {
    const csv = [
      'record_id,first_name,last_name,phone,phone_extension,country',
      'd:1,Jane,Doe,+13102461501,,US',
      'd:2,Jane,Doe,310/246-1501,,US',
      'd:3,Mark,Roe,+4930123456,12,DE',
      'd:4,Mark,Roe,030 123456 Durchwahl 12,,Deutschland',
      '',
    ].join('\n');
    const out = byId(rows(await ok(['dedupe', '-', '--mode', 'flag', '-q'], csv)));
    expect(out['d:2'].survivor_id).toBe('d:1');
    expect(out['d:4'].survivor_id).toBe('d:3');
    for (const id of ['d:1', 'd:2', 'd:3', 'd:4']) expect(out[id].match_reason).toContain('phone=exact');
  });

  it('suppress: a list in raw national form suppresses validated (E.164) and raw rows', async () => {
    const dir = tmp();
    const de = path.join(dir, 'dnc-de.txt');
    const us = path.join(dir, 'dnc-us.txt');
    fs.writeFileSync(de, 'phone\n030 1234567\n');
    fs.writeFileSync(us, '(310) 246-1501\n');
    const csv = [
      'record_id,email,phone,phone_status,country',
      's:1,a@firma.de,+49301234567,valid,',
      's:2,b@firma.de,+49 (0)30 1234567,,Deutschland',
      's:3,c@firma.de,+49301234568,valid,DE',
      '',
    ].join('\n');
    // Consent is not the point here: only the list reason is looked at.
    const listed = (list: Record<string, Row>) => Object.fromEntries(Object.entries(list).map(([id, r]) => [id, /list_phone:/.test(r.suppress_reason)]));
    const out = byId(rows(await ok(['suppress', '-', '--list', de, '--mode', 'flag', '-q'], csv)));
    expect(listed(out)).toEqual({ 's:1': true, 's:2': true, 's:3': false });

    const usRows = ['record_id,email,phone,country', 'u:1,a@acme.com,+13102461501,', 'u:2,b@acme.com,310/246-1501,USA', 'u:3,c@acme.com,+13102461599,', ''].join('\n');
    const outUs = byId(rows(await ok(['suppress', '-', '--list', us, '--default-country', 'US', '--mode', 'flag', '-q'], usRows)));
    expect(listed(outUs)).toEqual({ 'u:1': true, 'u:2': true, 'u:3': false });
  });

  it('classify: Italien, Niederlande, Tschechien (and hints) get their region group', async () => {
    const csv = [
      'record_id,company,postal_code,state,country',
      'c:1,Rossi SpA,00184,,Italien',
      'c:2,Jansen BV,1012 AB,,Niederlande',
      'c:3,Novak s.r.o.,110 00,,Tschechien',
      'c:4,Acme Inc,10001,NY,Vereinigte Staaten',
      'c:5,Müller GmbH,80331,,Deutschland',
      'c:6,De Vries BV,1012 AB,,',
      'c:7,Smith Ltd,SW1A 1AA,,',
      'c:8,Nowhere Ltd,12345,,Narnia',
      '',
    ].join('\n');
    const out = byId(rows(await ok(['classify', '-', '-q'], csv)));
    expect(Object.fromEntries(Object.entries(out).map(([id, r]) => [id, r.region_group]))).toEqual({
      'c:1': 'EU',
      'c:2': 'EU',
      'c:3': 'EU',
      'c:4': 'non-EU',
      'c:5': 'DACH',
      'c:6': 'EU',
      'c:7': 'non-EU',
      'c:8': '',
    });
    expect(out['c:5'].region_code).toBe('DE-BY');
    expect(out['c:4'].region).toBe('NY');
    expect(regionGroup('Tschechien')).toBe('EU');
  });

  it('validate: reads phones in the country the resolver gives, and marks guessed countries', async () => {
    const csv = [
      'record_id,phone,street,postal_code,city,state,country',
      'g:1,030 1234567,Hauptstraße 1,10115,Berlin,,Deutschland',
      'g:2,(310) 246-1501,,90210,Beverly Hills,CA,',
      'g:3,310/246-1502,,90210-1234,Beverly Hills,,',
      'g:4,020 123 4567,Damrak 1,1012 AB,Amsterdam,,',
      'g:5,030 1234567,Hauptstraße 1,10115,Berlin,,',
      'g:6,0664 1234567,Mariahilfer Straße 1,A-1060,Wien,,',
      'g:7,0221 1234567,Hohe Str. 52,50667,Köln,,Narnia',
      '',
    ].join('\n');
    const r = await runCli(['validate', '-', '-q'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    const header = r.stdout.split('\n')[0].split(',');
    expect(header[header.length - 1]).toBe('country_guessed');
    const out = byId(rows(r.stdout));
    const pick = (id: string) => [out[id].phone, out[id].phone_country, out[id].country, out[id].country_guessed];
    expect(pick('g:1')).toEqual(['+49301234567', 'DE', 'DE', '']);
    expect(pick('g:2')).toEqual(['+13102461501', 'US', '', 'true']); // state CA
    expect(pick('g:3')).toEqual(['+13102461502', 'US', '', 'true']); // ZIP+4
    expect(pick('g:4')).toEqual(['+31201234567', 'NL', '', 'true']); // NL postcode
    expect(out['g:4'].address_status).toBe('valid');
    expect(pick('g:5')).toEqual(['+49301234567', 'DE', '', 'true']); // --default-country
    expect(pick('g:6')).toEqual(['+436641234567', 'AT', 'AT', 'true']); // postcode prefix
    expect(pick('g:7')).toEqual(['+492211234567', 'DE', 'Narnia', 'true']); // unknown: default region
    expect(out['g:7'].address_reason).toBe('country_unknown');
  });

  it('validate then match, for a list whose rows have no country but a hint', async () => {
    const dir = tmp();
    const crm = path.join(dir, 'crm.csv');
    fs.writeFileSync(crm, CRM);
    const list = ['record_id,first_name,last_name,phone,postal_code,state', 'h:1,Jane,Doe,(310) 246-1501,90210,CA', ''].join('\n');
    const validated = await ok(['validate', '-', '--checks', 'phone', '-q'], list);
    expect(rows(validated)[0]).toMatchObject({ phone: '+13102461501', country_guessed: 'true' });
    for (const input of [list, validated]) {
      const linked = rows(await ok(['match', '-', '--against', crm, '-q'], input));
      expect(linked[0].match_id).toBe('crm:1');
    }
  });

  it('validate: a US list under the German default comes out +1, local numbers lack their area code', async () => {
    // Two lists in one: an American restaurant list (states, no country column values) and a
    // DACH/UK list, the way exports mix them; the default stays DE.
    const csv = [
      'record_id,company,phone,street,postal_code,city,state,country',
      'us:1,Harbor Grill,(312) 534-2680,565 W Jackson Blvd,60661,Chicago,IL,',
      'us:2,Maxwell Street Deli,312-922-4471,1141 S Jefferson St,60607,Chicago,IL,',
      'us:3,Loop Coffee Cart,534-2680,50 W Washington St,60602,Chicago,IL,',
      'us:4,Bay Diner,+1 415 392 8471,1 Ferry Building,94111,San Francisco,CA,',
      'chi:1,Oak Park Day Care,3865286,27 Washington,60302,Oak Park,,',
      'uk:1,Piccadilly Tea Rooms,020 7734 8040,181 Piccadilly,W1J 9EA,London,,',
      'at:1,Café Landtmann,01 5875555,Universitätsring 4,1010,Wien,,AT',
      'at:2,Hotel Sacher,+43 1 5875555,Philharmoniker Straße 4,1010,Wien,,Österreich',
      'ch:1,Sprüngli AG,044 292 11 11,Bahnhofstrasse 21,8001,Zürich,,Schweiz',
      'de:1,Müller & Söhne GmbH,030 12345678,Friedrichstraße 12,10117,Berlin,,Deutschland',
      'de:2,Bäckerei Weiß,0221 2345678,Hohe Straße 52,50667,Köln,,',
      'de:3,Österreicher KG,+43 1 5875555,Unter den Linden 1,10117,Berlin,,DE',
      '',
    ].join('\n');
    const r = await runCli(['validate', '-', '--checks', 'phone'], { stdin: csv });
    expect(r.code, r.stderr).toBe(0);
    const out = byId(rows(r.stdout));
    const pick = (id: string) => [out[id].phone, out[id].phone_status, out[id].phone_country, out[id].phone_display, out[id].phone_region_guessed];
    expect(pick('us:1')).toEqual(['+13125342680', 'valid', 'US', '(312) 534-2680', 'true']);
    expect(pick('us:2')).toEqual(['+13129224471', 'valid', 'US', '(312) 922-4471', 'true']);
    expect(pick('us:3')).toEqual(['534-2680', 'no_area_code', '', '', '']);
    expect(pick('us:4')).toEqual(['+14153928471', 'valid', 'US', '(415) 392-8471', '']);
    expect(pick('chi:1')).toEqual(['3865286', 'no_area_code', '', '', '']);
    expect(pick('uk:1')).toEqual(['+442077348040', 'valid', 'GB', '020 7734 8040', 'true']);
    expect(pick('at:1')).toEqual(['+4315875555', 'valid', 'AT', '01 5875555', '']);
    expect(pick('at:2')).toEqual(['+4315875555', 'valid', 'AT', '01 5875555', '']);
    expect(pick('ch:1')).toEqual(['+41442921111', 'valid', 'CH', '044 292 11 11', '']);
    expect(pick('de:1')).toEqual(['+493012345678', 'valid', 'DE', '030 12345678', '']);
    expect(pick('de:2')).toEqual(['+492212345678', 'valid', 'DE', '0221 2345678', 'true']);
    expect(pick('de:3')).toEqual(['+4315875555', 'valid', 'AT', '+43 1 5875555', '']);
    const header = r.stdout.split('\n')[0].split(',');
    expect(header.slice(header.indexOf('phone_extension'), header.indexOf('phone_extension') + 3)).toEqual(['phone_extension', 'phone_display', 'phone_region_guessed']);
    expect(r.stderr).toMatch(/phone valid 10, no_area_code 2; phone region guessed 4\b/);
  });

  it('validate: 4930000 under --default-country US is a local number, not a German one', async () => {
    const csv = ['record_id,phone,country', 'x:1,4930000,', 'x:2,493-0000,USA', 'x:3,+49 30 12345678,', ''].join('\n');
    const out = byId(rows(await ok(['validate', '-', '--checks', 'phone', '--default-country', 'US', '-q'], csv)));
    expect([out['x:1'].phone, out['x:1'].phone_status]).toEqual(['4930000', 'no_area_code']);
    expect([out['x:2'].phone, out['x:2'].phone_status]).toEqual(['493-0000', 'no_area_code']);
    expect([out['x:3'].phone, out['x:3'].phone_display, out['x:3'].phone_region_guessed]).toEqual(['+493012345678', '+49 30 12345678', '']);
  });

  it('validate: the list’s country comes from its first 10,000 rows, not from the first batch alone', async () => {
    // An Excel export (semicolons, BOM) whose first 2,500 rows have no country and whose later
    // rows are all Austrian: the empty rows are read as Austrian numbers, and say it is a guess.
    const head = ['Firma;Telefon;PLZ;Ort;Land'];
    const blank = Array.from({ length: 2500 }, (_, i) => `Tischlerei Huber ${i + 1};0664 ${String(1000000 + i)};6020;Innsbruck;`);
    const at = Array.from({ length: 500 }, (_, i) => `Gasthof Moser ${i + 1};0512 ${String(500000 + i)};6020;Innsbruck;Österreich`);
    const file = path.join(tmp(), 'export.csv');
    fs.writeFileSync(file, '\ufeff' + [...head, ...blank, ...at, ''].join('\r\n'));
    const imported = await ok(['import', file, '-q']);
    const out = rows(await ok(['validate', '-', '--checks', 'phone', '-q'], imported));
    expect(out[0]).toMatchObject({ phone: '+436641000000', phone_country: 'AT', phone_display: '0664 1000000', phone_region_guessed: 'true', country_guessed: 'true' });
    expect(out[2999]).toMatchObject({ phone: '+43512500499', phone_country: 'AT', phone_region_guessed: '' });
  });

  it('run: the guessed rows are counted in the summary and trip --fail-if phone_region_guessed', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'leads.csv'),
      ['Company,Phone,Zip,State,Country', 'Harbor Grill,(312) 534-2680,60661,IL,', 'Bay Diner,415-392-8471,94111,CA,USA', 'Loop Coffee Cart,534-2680,60602,IL,', ''].join('\n'),
    );
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - validate: { checks: phone }\noutputs:\n  - export: { output: out/leads.csv }\nsummary_json: out/summary.json\n');
    const passed = await runCli(['run', pipeline, '-q', '--fail-if', 'phone_region_guessed>1']);
    expect(passed.code, passed.stderr).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8'));
    expect(summary.validate).toEqual({ phone_region_guessed: 1 });
    expect(summary.thresholds).toMatchObject([{ metric: 'phone_region_guessed', value: 1, tripped: false }]);
    const tripped = await runCli(['run', pipeline, '-q', '--fail-if', 'phone_region_guessed>0', '--fail-if', 'phone_no_area_code_rate>0.2']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/phone_region_guessed is 1 \(fail if > 0\); phone_no_area_code_rate is 0\.3333/);
  });

  it('suppress: a row placed by its state is read in that country, as validate reads it', async () => {
    const dir = tmp();
    const dnc = path.join(dir, 'dnc.txt');
    fs.writeFileSync(dnc, '+1 312 534 2680\n');
    const csv = ['record_id,email,phone,postal_code,state,country', 'p:1,a@harborgrill.com,(312) 534-2680,60661,IL,', 'p:2,b@harborgrill.com,(312) 534-2681,60661,IL,', ''].join('\n');
    const out = byId(rows(await ok(['suppress', '-', '--list', dnc, '--mode', 'flag', '-q'], csv)));
    expect(/list_phone:/.test(out['p:1'].suppress_reason)).toBe(true);
    expect(/list_phone:/.test(out['p:2'].suppress_reason)).toBe(false);
    // The validated row (E.164) is suppressed the same way.
    const validated = await ok(['validate', '-', '--checks', 'phone', '-q'], csv);
    const again = byId(rows(await ok(['suppress', '-', '--list', dnc, '--mode', 'flag', '-q'], validated)));
    expect(/list_phone:/.test(again['p:1'].suppress_reason)).toBe(true);
  });
});
