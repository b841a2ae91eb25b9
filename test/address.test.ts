import { describe, expect, it } from 'vitest';
import {
  checkAddress,
  formatPostalCode,
  lookupPostal,
  matchCity,
  normaliseCountry,
  normaliseStreet,
  splitPostalPrefix,
  type AddressInput,
  type AddressResult,
} from '../src/address/index.js';

describe('normaliseCountry', () => {
  it.each([
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['D', 'DE'],
    ['DE', 'DE'],
    ['de', 'DE'],
    ['DEU', 'DE'],
    ['BRD', 'DE'],
    ['Bundesrepublik Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['  deutschland ', 'DE'],
    ['Germany (DE)', 'DE'],
    ['Österreich', 'AT'],
    ['Oesterreich', 'AT'],
    ['OESTERREICH', 'AT'],
    ['Osterreich', 'AT'],
    ['Austria', 'AT'],
    ['A', 'AT'],
    ['AT', 'AT'],
    ['AUT', 'AT'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['Svizzera', 'CH'],
    ['Switzerland', 'CH'],
    ['CH', 'CH'],
    ['CH - Schweiz', 'CH'],
    ['England', 'GB'],
    ['Großbritannien', 'GB'],
    ['Grossbritannien', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['United Kingdom', 'GB'],
    ['Holland', 'NL'],
    ['Niederlande', 'NL'],
    ['The Netherlands', 'NL'],
    ['Italien', 'IT'],
    ['Frankreich', 'FR'],
    ['Polen', 'PL'],
    ['Tschechien', 'CZ'],
    ['Tschechische Republik', 'CZ'],
    ['Luxemburg', 'LU'],
    ['Liechtenstein', 'LI'],
    ['FL', 'LI'],
    ['Belgien', 'BE'],
    ['Dänemark', 'DK'],
    ['Daenemark', 'DK'],
    ['Spanien', 'ES'],
    ['España', 'ES'],
    ['Schweden', 'SE'],
    ['Norwegen', 'NO'],
    ['Finnland', 'FI'],
    ['Island', 'IS'],
    ['Irland', 'IE'],
    ['Portugal', 'PT'],
    ['Griechenland', 'GR'],
    ['Ungarn', 'HU'],
    ['Slowakei', 'SK'],
    ['Slowenien', 'SI'],
    ['Kroatien', 'HR'],
    ['Rumänien', 'RO'],
    ['Bulgarien', 'BG'],
    ['Estland', 'EE'],
    ['Lettland', 'LV'],
    ['Litauen', 'LT'],
    ['Malta', 'MT'],
    ['Zypern', 'CY'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['Vereinigte Staaten', 'US'],
    ['Türkei', 'TR'],
    ['Vereinigte Arabische Emirate', 'AE'],
    ['AE', 'AE'],
    ['Japan', 'JP'],
  ])('%j → %s', (raw, code) => {
    expect(normaliseCountry(raw)).toEqual({ code, known: true });
  });

  it.each(['', '   ', 'Atlantis', 'EU', 'Europa', 'xx'])('%j is unknown', (raw) => {
    expect(normaliseCountry(raw)).toEqual({ code: '', known: false });
  });
});

describe('postal codes', () => {
  it.each([
    ['D-80331', 'DE', '80331'],
    ['D 80331', 'DE', '80331'],
    ['A-1010', 'AT', '1010'],
    ['CH-8001', 'CH', '8001'],
    ['CH – 8001', 'CH', '8001'],
    ['L-1111', 'LU', '1111'],
    ['FL-9490', 'LI', '9490'],
    ['NL-1234 AB', 'NL', '1234 AB'],
    ['80331', '', '80331'],
    ['1067.0', '', '1067'],
    ['LV-1050', '', 'LV-1050'],
    ['SW1A 1AA', '', 'SW1A 1AA'],
  ])('splitPostalPrefix(%j) → %s %s', (raw, prefixCountry, body) => {
    expect(splitPostalPrefix(raw)).toEqual({ prefixCountry, body });
  });

  it.each<[string, string, string, boolean]>([
    ['80331', 'DE', '80331', true],
    ['1067', 'DE', '01067', true],
    ['80 331', 'DE', '80331', true],
    ['803311', 'DE', '803311', false],
    ['8033X', 'DE', '8033X', false],
    ['00123', 'DE', '00123', false],
    ['1010', 'AT', '1010', true],
    ['0100', 'AT', '0100', false],
    ['8001', 'CH', '8001', true],
    ['9490', 'LI', '9490', true],
    ['8001', 'LI', '8001', false],
    ['1111', 'LU', '1111', true],
    ['1234ab', 'NL', '1234 AB', true],
    ['1234', 'NL', '1234', false],
    ['1000', 'BE', '1000', true],
    ['2100', 'DK', '2100', true],
    ['75001', 'FR', '75001', true],
    ['1000', 'FR', '01000', true],
    ['184', 'IT', '00184', true],
    ['08001', 'ES', '08001', true],
    ['12345', 'PL', '12-345', true],
    ['12-345', 'PL', '12-345', true],
    ['11000', 'CZ', '110 00', true],
    ['114 55', 'SE', '114 55', true],
    ['sw1a1aa', 'GB', 'SW1A 1AA', true],
    ['EC1A 1BB', 'GB', 'EC1A 1BB', true],
    ['12345', 'GB', '12345', false],
    ['2134', 'US', '02134', true],
    ['021341234', 'US', '02134-1234', true],
    ['1234-567', 'PT', '1234-567', true],
    ['anything', 'JP', 'anything', false],
    ['whatever', 'AR', 'whatever', true],
  ])('formatPostalCode(%j, %s) → %j', (body, country, code, wellFormed) => {
    const result = formatPostalCode(body, country);
    expect(result.code).toBe(code);
    expect(result.wellFormed).toBe(wellFormed);
  });

  it('does not pad a code that came with another country prefix', () => {
    expect(formatPostalCode('1010', 'DE', false)).toMatchObject({ code: '1010', wellFormed: false });
  });
});

describe('lookupPostal', () => {
  it('maps a code to its places and state', () => {
    expect(lookupPostal('DE', '80331')).toMatchObject({ places: ['München'], state: 'Bayern', stateCode: 'BY' });
    expect(lookupPostal('AT', '1010')).toMatchObject({ places: ['Wien'], state: 'Wien', stateCode: '9' });
    expect(lookupPostal('CH', '8001')).toMatchObject({ places: ['Zürich'], stateCode: 'ZH' });
    expect(lookupPostal('LI', '9490')).toMatchObject({ places: ['Vaduz'], stateCode: '11' });
    expect(lookupPostal('LU', 'L-1111')).toMatchObject({ places: ['Luxembourg'], stateCode: 'LU' });
  });

  it('accepts prefixed and Excel-stripped codes', () => {
    expect(lookupPostal('DE', '1067')?.places).toContain('Dresden');
    expect(lookupPostal('DE', 'D-01067')?.stateCode).toBe('SN');
    expect(lookupPostal('de', '60311')?.state).toBe('Hessen');
  });

  it('marks codes of large-volume recipients', () => {
    expect(lookupPostal('DE', '80310')).toMatchObject({ recipientCode: true, places: ['München'], stateCode: 'BY' });
    expect(lookupPostal('DE', '80331')?.recipientCode).toBe(false);
  });

  it('returns undefined for unknown codes and countries without a table', () => {
    expect(lookupPostal('DE', '99999')).toBeUndefined();
    expect(lookupPostal('DE', '8033X')).toBeUndefined();
    expect(lookupPostal('FR', '75001')).toBeUndefined();
  });
});

describe('matchCity', () => {
  it.each<[string, string[], string, string]>([
    ['München', ['München'], 'exact', ''],
    ['Muenchen', ['München'], 'equivalent', 'München'],
    ['MUENCHEN', ['München'], 'equivalent', 'München'],
    ['munchen', ['München'], 'equivalent', 'München'],
    ['Frankfurt a. M.', ['Frankfurt am Main'], 'equivalent', 'Frankfurt am Main'],
    ['Frankfurt a.M.', ['Frankfurt am Main'], 'equivalent', 'Frankfurt am Main'],
    ['Frankfurt/Main', ['Frankfurt am Main'], 'equivalent', 'Frankfurt am Main'],
    ['Frankfurt (Main)', ['Frankfurt am Main'], 'equivalent', 'Frankfurt am Main'],
    ['Frankfurt', ['Frankfurt am Main'], 'equivalent', 'Frankfurt am Main'],
    ['Frankfurt (Oder)', ['Frankfurt am Main'], 'none', ''],
    ['Frankfurt/Oder', ['Frankfurt (Oder)'], 'equivalent', 'Frankfurt (Oder)'],
    ['Freiburg i. Br.', ['Freiburg im Breisgau'], 'equivalent', 'Freiburg im Breisgau'],
    ['Mülheim a. d. Ruhr', ['Mülheim an der Ruhr'], 'equivalent', 'Mülheim an der Ruhr'],
    ['Bad Homburg v. d. H.', ['Bad Homburg vor der Höhe'], 'equivalent', 'Bad Homburg vor der Höhe'],
    ['Halle/Saale', ['Halle (Saale)'], 'equivalent', 'Halle (Saale)'],
    ['Berlin-Mitte', ['Berlin'], 'district', ''],
    ['Köln-Ehrenfeld', ['Köln'], 'district', ''],
    ['Koeln Ehrenfeld', ['Köln'], 'district', ''],
    ['Stuttgart', ['Stuttgart Wangen', 'Stuttgart Untertürkheim'], 'district', ''],
    ['Stuttgart-Wangen', ['Stuttgart', 'Stuttgart Wangen'], 'equivalent', ''],
    ['Sankt Gallen', ['St. Gallen'], 'equivalent', 'St. Gallen'],
    ['St. Pölten', ['Sankt Pölten'], 'equivalent', 'Sankt Pölten'],
    ['Munich', ['München'], 'equivalent', 'München'],
    ['Genf', ['Genève'], 'equivalent', 'Genève'],
    ['Luxemburg', ['Luxembourg'], 'equivalent', 'Luxembourg'],
    ['Biel', ['Biel/Bienne'], 'equivalent', 'Biel/Bienne'],
    ['Münchn', ['München'], 'fuzzy', 'München'],
    ['Düsseldorff', ['Düsseldorf'], 'fuzzy', 'Düsseldorf'],
    ['Hamburg', ['München'], 'none', ''],
    ['Bad', ['Bad Homburg vor der Höhe'], 'none', ''],
    ['Ulm', ['Ilm'], 'none', ''],
  ])('%j vs %j → %s %j', (city, places, match, suggestion) => {
    expect(matchCity(city, places)).toEqual({ match, suggestion });
  });
});

describe('normaliseStreet', () => {
  it.each<[string, string, string, string, string]>([
    ['Hauptstr. 12a', '', 'DE', 'Hauptstraße', '12a'],
    ['Hauptstr 12', '', 'DE', 'Hauptstraße', '12'],
    ['Hauptstrasse 12', '', 'DE', 'Hauptstraße', '12'],
    ['HAUPTSTR. 12', '', 'DE', 'HAUPTSTRASSE', '12'],
    ['Berliner Str. 5', '', 'DE', 'Berliner Straße', '5'],
    ['Berliner Strasse 5', '', 'AT', 'Berliner Straße', '5'],
    ['berliner str 5', '', 'DE', 'berliner Straße', '5'],
    ['Carl-Zeiss-Str. 1', '', 'DE', 'Carl-Zeiss-Straße', '1'],
    ['Bgm.-Smidt-Str. 7', '', 'DE', 'Bürgermeister-Smidt-Straße', '7'],
    ['Marktpl. 1', '', 'DE', 'Marktplatz', '1'],
    ['Am Markt 3-5', '', 'DE', 'Am Markt', '3-5'],
    ['Hauptstraße 12 a', '', 'DE', 'Hauptstraße', '12a'],
    ['Hauptstraße 12 - 14', '', 'DE', 'Hauptstraße', '12-14'],
    ['Hauptstr.12', '', 'DE', 'Hauptstraße', '12'],
    ['Hauptstraße Nr. 7', '', 'DE', 'Hauptstraße', '7'],
    ['Str. des 17. Juni 135', '', 'DE', 'Straße des 17. Juni', '135'],
    ['Straße des 17. Juni', '', 'DE', 'Straße des 17. Juni', ''],
    ['Q 7, 24', '', 'DE', 'Q 7', '24'],
    ['Mariahilfer Str. 1/2/3', '', 'AT', 'Mariahilfer Straße', '1/2/3'],
    ['Hauptstraße 12/Top 4', '', 'AT', 'Hauptstraße', '12/Top 4'],
    ['Hauptstr. 12, 3. OG', '', 'DE', 'Hauptstraße', '12, 3. OG'],
    ['Straße 101', '', 'DE', 'Straße 101', ''],
    ['Straße 101', '5', 'DE', 'Straße 101', '5'],
    ['Hauptstr. 12', '12', 'DE', 'Hauptstraße', '12'],
    ['Hauptstr. 12', '14', 'DE', 'Hauptstraße 12', '14'],
    ['Hauptstr.', '12 a', 'DE', 'Hauptstraße', '12a'],
    ['Bahnhofstr. 10', '', 'CH', 'Bahnhofstrasse', '10'],
    ['Bahnhofstrasse 10', '', 'CH', 'Bahnhofstrasse', '10'],
    ['Seestraße 5', '', 'CH', 'Seestrasse', '5'],
    ['Landstr. 1', '', 'LI', 'Landstrasse', '1'],
    ['10 Downing Street', '', 'GB', 'Downing Street', '10'],
    ['12, rue de la Paix', '', 'FR', 'rue de la Paix', '12'],
    ['Rue de la Loi 16', '', 'BE', 'Rue de la Loi', '16'],
    ['Main Str. 5', '', 'US', 'Main Str.', '5'],
    ['12', '', 'DE', '', '12'],
  ])('%j + %j (%s) → %j %j', (street, number, country, expectedStreet, expectedNumber) => {
    const result = normaliseStreet(street, number, country);
    expect(result).toEqual({ street: expectedStreet, house_number: expectedNumber, poBox: false });
  });

  it('remembers results per street, number and country, never mixing where the number ends', () => {
    // The same characters split differently between the columns are different addresses.
    expect(normaliseStreet('Hauptstr.', '125', 'DE')).toEqual({ street: 'Hauptstraße', house_number: '125', poBox: false });
    expect(normaliseStreet('5 Hauptstr.', '12', 'DE')).toEqual({ street: '5 Hauptstraße', house_number: '12', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'CH')).toEqual({ street: 'Landstrasse', house_number: '1', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'DE')).toEqual({ street: 'Landstraße', house_number: '1', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'DE')).toEqual({ street: 'Landstraße', house_number: '1', poBox: false });
    expect(normaliseStreet('Am\u0000Markt 3', '', 'DE')).toEqual({ street: 'Am\u0000Markt', house_number: '3', poBox: false });
    expect(Object.isFrozen(normaliseStreet('Hauptstr. 12a', '', 'DE'))).toBe(true);
  });

  it.each(['Postfach 1234', 'Postfach 12 34 56', 'Pf. 1234', 'PF 1234', 'P.O. Box 12', 'PO Box 12', 'Case postale 5', 'Postfach'])(
    '%j is a PO box',
    (street) => {
      expect(normaliseStreet(street, '', 'DE')).toEqual({ street, house_number: '', poBox: true });
    },
  );
});

type Expected = Partial<AddressResult>;

const ADDRESSES: Array<[string, AddressInput, Expected]> = [
  [
    'German address with abbreviated street and Excel-stripped PLZ',
    { street: 'Hauptstr. 12a', postal_code: '1067', city: 'Dresden', country: 'Deutschland' },
    { street: 'Hauptstraße', house_number: '12a', postal_code: '01067', city: 'Dresden', country: 'DE', checked_country: 'DE', status: 'valid', reason: '', state: 'Sachsen', state_code: 'SN' },
  ],
  [
    '"1067 Dresden" in the postal code column, no country: checked as German, not reported as such',
    { street: 'Hauptstr. 1', postal_code: '1067 Dresden' },
    { postal_code: '01067', city: 'Dresden', country: '', checked_country: 'DE', status: 'valid', reason: '' },
  ],
  [
    '"80331 München" in the postal code column and "München" in the city column',
    { street: 'Marienplatz 8', postal_code: '80331 München', city: 'München' },
    { postal_code: '80331', city: 'München', status: 'valid', reason: '' },
  ],
  [
    '"D-80331 München" in the city column and 80331 in the postal code column',
    { street: 'Marienplatz 8', postal_code: '80331', city: 'D-80331 München' },
    { postal_code: '80331', city: 'München', status: 'valid', reason: '' },
  ],
  [
    '"D-80331 München" in the city column',
    { street: 'Marienplatz 8', city: 'D-80331 München' },
    { postal_code: '80331', city: 'München', country: 'DE', checked_country: 'DE', status: 'valid', state_code: 'BY' },
  ],
  [
    '"A-1010 Wien": the prefix names the country',
    { street: 'Kärntner Straße 1', postal_code: 'A-1010 Wien' },
    { postal_code: '1010', city: 'Wien', country: 'AT', checked_country: 'AT', status: 'valid', state: 'Wien', state_code: '9' },
  ],
  [
    '"CH-8001 Zürich" with Swiss street spelling',
    { street: 'Bahnhofstr. 10', postal_code: 'CH-8001 Zürich' },
    { street: 'Bahnhofstrasse', house_number: '10', postal_code: '8001', city: 'Zürich', country: 'CH', status: 'valid', state_code: 'ZH' },
  ],
  [
    'Swiss "strasse" kept on a Swiss row',
    { street: 'Bahnhofstrasse 1', postal_code: '8001', city: 'Zürich', country: 'Schweiz' },
    { street: 'Bahnhofstrasse', house_number: '1', country: 'CH', status: 'valid' },
  ],
  [
    'German "strasse" becomes Straße',
    { street: 'Bahnhofstrasse 1', postal_code: '80335', city: 'München', country: 'DE' },
    { street: 'Bahnhofstraße', status: 'valid' },
  ],
  [
    'Austrian stair/door house number',
    { street: 'Mariahilfer Str. 1/2/3', postal_code: '1060', city: 'Wien', country: 'Österreich' },
    { street: 'Mariahilfer Straße', house_number: '1/2/3', country: 'AT', status: 'valid' },
  ],
  [
    'wrong city for the PLZ',
    { street: 'Hauptstr. 1', postal_code: '80331', city: 'Hamburg', country: 'DE' },
    { status: 'invalid', reason: 'city_mismatch', city: 'Hamburg', city_suggestion: '', state: 'Bayern' },
  ],
  [
    'wrong city for an Austrian code',
    { street: 'Herrengasse 1', postal_code: '1010', city: 'Graz', country: 'AT' },
    { status: 'invalid', reason: 'city_mismatch' },
  ],
  [
    'Frankfurt (Oder) is not Frankfurt am Main',
    { street: 'Zeil 1', postal_code: '60311', city: 'Frankfurt (Oder)' },
    { status: 'invalid', reason: 'city_mismatch' },
  ],
  [
    'transliterated city: valid, with the table spelling as a suggestion',
    { street: 'Marienplatz 1', postal_code: '80331', city: 'MUENCHEN' },
    { status: 'valid', reason: 'city_fixed', city: 'MUENCHEN', city_suggestion: 'München' },
  ],
  [
    'abbreviated river qualifier',
    { street: 'Zeil 1', postal_code: '60311', city: 'Frankfurt a. M.' },
    { status: 'valid', reason: 'city_fixed', city_suggestion: 'Frankfurt am Main' },
  ],
  [
    'district suffix is consistent and not rewritten',
    { street: 'Unter den Linden 1', postal_code: '10117', city: 'Berlin-Mitte' },
    { status: 'valid', reason: '', city: 'Berlin-Mitte', city_suggestion: '' },
  ],
  [
    'Köln district',
    { street: 'Venloer Str. 1', postal_code: '50823', city: 'Köln-Ehrenfeld' },
    { street: 'Venloer Straße', status: 'valid', reason: '' },
  ],
  [
    'Sankt/St.',
    { street: 'Marktgasse 1', postal_code: '9000', city: 'Sankt Gallen', country: 'CH' },
    { status: 'valid', reason: 'city_fixed', city_suggestion: 'St. Gallen' },
  ],
  [
    'Liechtenstein via vehicle code',
    { street: 'Städtle 1', postal_code: '9490', city: 'Vaduz', country: 'FL' },
    { country: 'LI', status: 'valid', state_code: '11' },
  ],
  [
    'Luxembourg in German',
    { street: 'Grand-Rue 1', postal_code: 'L-1111', city: 'Luxemburg', country: 'Luxemburg' },
    { country: 'LU', postal_code: '1111', status: 'valid', reason: 'city_fixed', city_suggestion: 'Luxembourg' },
  ],
  [
    'Dutch code formatted, no town table',
    { street: 'Damrak 1', postal_code: '1012lg', city: 'Amsterdam', country: 'Holland' },
    { country: 'NL', postal_code: '1012 LG', status: 'valid' },
  ],
  [
    'British address, number first',
    { street: '10 Downing Street', postal_code: 'sw1a2aa', city: 'London', country: 'England' },
    { street: 'Downing Street', house_number: '10', postal_code: 'SW1A 2AA', country: 'GB', status: 'valid' },
  ],
  [
    'PO box: no house number needed',
    { street: 'Postfach 1234', postal_code: '80331', city: 'München' },
    { street: 'Postfach 1234', house_number: '', status: 'valid', reason: 'po_box' },
  ],
  [
    'PO box with a code the table does not list',
    { street: 'Postfach 10 01 23', postal_code: '80001', city: 'München' },
    { status: 'valid', reason: 'po_box', postal_code: '80001' },
  ],
  [
    'malformed German postcode',
    { street: 'Hauptstr. 1', postal_code: '8033X', city: 'München' },
    { status: 'invalid', reason: 'postcode_format', postal_code: '8033X' },
  ],
  [
    'unknown German postcode',
    { street: 'Hauptstr. 1', postal_code: '99999', city: 'München' },
    { status: 'invalid', reason: 'postcode_unknown', postal_code: '99999', state: '' },
  ],
  [
    'Austrian prefix on a German row is not padded',
    { street: 'Hauptstr. 1', postal_code: 'A-1010', city: 'Wien', country: 'DE' },
    { status: 'invalid', reason: 'postcode_format', country: 'DE' },
  ],
  [
    'unknown country',
    { street: 'Hauptstr. 1', postal_code: '12345', city: 'Somewhere', country: 'Atlantis' },
    { status: 'invalid', reason: 'country_unknown', country: 'Atlantis', checked_country: '', postal_code: '12345' },
  ],
  [
    'no street',
    { postal_code: '80331', city: 'München' },
    { status: 'partial', reason: 'street_missing' },
  ],
  [
    'no house number',
    { street: 'Hauptstr.', postal_code: '80331', city: 'München' },
    { street: 'Hauptstraße', status: 'partial', reason: 'house_number_missing' },
  ],
  [
    'no postcode',
    { street: 'Hauptstr. 1', city: 'München' },
    { status: 'partial', reason: 'postcode_missing' },
  ],
  [
    'no city: the single place of the code is suggested',
    { street: 'Hauptstr. 1', postal_code: '80331' },
    { status: 'partial', reason: 'city_missing', city: '', city_suggestion: 'München' },
  ],
  [
    'invalid wins over partial',
    { postal_code: '80331', city: 'Hamburg' },
    { status: 'invalid', reason: 'city_mismatch;street_missing' },
  ],
  [
    'placeholders count as empty',
    { street: '-', house_number: 'n/a', postal_code: 'k.A.', city: '—', country: 'DE' },
    { status: 'missing', reason: '' },
  ],
  ['empty', {}, { status: 'missing', reason: '', reasons: [], country: '', checked_country: 'DE' }],
  ['a country alone is not an address', { country: 'Österreich' }, { status: 'missing', country: 'AT' }],
];

describe('checkAddress', () => {
  it.each(ADDRESSES)('%s', (_label, input, expected) => {
    expect(checkAddress(input)).toMatchObject(expected);
  });

  it('uses the default country when neither column nor prefix names one', () => {
    expect(checkAddress({ street: 'Herrengasse 1', postal_code: '1010', city: 'Wien' }, 'AT')).toMatchObject({
      country: '',
      checked_country: 'AT',
      status: 'valid',
    });
    // On the German default, 1010 reads as an Excel-stripped 01010, which does not exist.
    expect(checkAddress({ street: 'Herrengasse 1', postal_code: '1010', city: 'Wien' })).toMatchObject({
      checked_country: 'DE',
      status: 'invalid',
      reason: 'postcode_unknown',
    });
  });

  it('lists reasons in their documented order', () => {
    const result = checkAddress({ postal_code: '80331', city: 'Hamburg' });
    expect(result.reasons).toEqual(['city_mismatch', 'street_missing']);
  });

  it('treats non-string fields as empty', () => {
    expect(checkAddress({ street: 42 as unknown as string, postal_code: null as unknown as string }).status).toBe('missing');
  });
});
