import { describe, expect, it } from 'vitest';
import {
  checkAddress,
  countryFromPostcodeFormat,
  formatPostalCode,
  postcodeCountries,
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
    expect(result).toEqual({ street: expectedStreet, house_number: expectedNumber, unit: '', poBox: false });
  });

  it('remembers results per street, number and country, never mixing where the number ends', () => {
    // The same characters split differently between the columns are different addresses.
    expect(normaliseStreet('Hauptstr.', '125', 'DE')).toEqual({ street: 'Hauptstraße', house_number: '125', unit: '', poBox: false });
    expect(normaliseStreet('5 Hauptstr.', '12', 'DE')).toEqual({ street: '5 Hauptstraße', house_number: '12', unit: '', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'CH')).toEqual({ street: 'Landstrasse', house_number: '1', unit: '', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'DE')).toEqual({ street: 'Landstraße', house_number: '1', unit: '', poBox: false });
    expect(normaliseStreet('Landstr. 1', '', 'DE')).toEqual({ street: 'Landstraße', house_number: '1', unit: '', poBox: false });
    expect(normaliseStreet('Am\u0000Markt 3', '', 'DE')).toEqual({ street: 'Am\u0000Markt', house_number: '3', unit: '', poBox: false });
    expect(Object.isFrozen(normaliseStreet('Hauptstr. 12a', '', 'DE'))).toBe(true);
  });

  it.each(['Postfach 1234', 'Postfach 12 34 56', 'Pf. 1234', 'PF 1234', 'P.O. Box 12', 'PO Box 12', 'Case postale 5', 'Postfach'])(
    '%j is a PO box',
    (street) => {
      expect(normaliseStreet(street, '', 'DE')).toEqual({ street, house_number: '', unit: '', poBox: true });
    },
  );
});

describe('normaliseStreet outside DACH', () => {
  // [street cell, house number cell, country, street, house number, unit]
  it.each<[string, string, string, string, string, string]>([
    // US: number first, the direction stays with the street, units after it.
    ['4843 W NORTH AVE', '', 'US', 'W NORTH AVE', '4843', ''],
    ['1520 N. Milwaukee Ave.', '', 'US', 'N. Milwaukee Ave.', '1520', ''],
    ['77 West Wacker Drive, Suite 4100', '', 'US', 'West Wacker Drive', '77', 'Suite 4100'],
    ['350 5th Ave Fl 21', '', 'US', '5th Ave', '350', 'Fl 21'],
    ['2200 Kenmore Ave Apt 3B', '', 'US', 'Kenmore Ave', '2200', 'Apt 3B'],
    ['1600 Amphitheatre Pkwy Bldg 40', '', 'US', 'Amphitheatre Pkwy', '1600', 'Bldg 40'],
    ['415 Mission St #300', '', 'US', 'Mission St', '415', '#300'],
    ['233 S. Wacker Dr. Ste. 8400', '', 'US', 'S. Wacker Dr.', '233', 'Ste. 8400'],
    ['5700 S Ashland Ave 2nd Floor', '', 'US', 'S Ashland Ave', '5700', '2nd Floor'],
    ['1333-45 W. Argyle St', '', 'US', 'W. Argyle St', '1333-45', ''],
    ['37-15 75th St', '', 'US', '75th St', '37-15', ''],
    ['4800-60th Street', '', 'US', '60th Street', '4800', ''],
    ['123 1/2 Elm St', '', 'US', 'Elm St', '123 1/2', ''],
    ['10810 Ave. H', '', 'US', 'Ave. H', '10810', ''],
    ['701 A Street', '', 'US', 'A Street', '701', ''],
    ['3500 N Lake Shore Dr\nApt 12C', '', 'US', 'N Lake Shore Dr', '3500', 'Apt 12C'],
    ['Westfield Plaza, 2815 W Peterson Ave', '', 'US', 'W Peterson Ave', '2815', 'Westfield Plaza'],
    ['Suite 210, 8 Main Street', '', 'US', 'Main Street', '8', 'Suite 210'],
    // A US address on a row without a country (read as German) splits the same way.
    ['4843 W NORTH AVE', '', 'DE', 'W NORTH AVE', '4843', ''],
    ['2200 Kenmore Ave Apt 3B', '', 'DE', 'Kenmore Ave', '2200', 'Apt 3B'],
    ['1001 W Roosevelt Rd 606', '', 'DE', 'W Roosevelt Rd 606', '1001', ''],
    ['2317 W. 23rd Pl.', '', 'DE', 'W. 23rd Pl.', '2317', ''],
    // Canada
    ['100 Queen St W, Unit 1205', '', 'CA', 'Queen St W', '100', 'Unit 1205'],
    // UK and Ireland
    ['221B Baker Street', '', 'GB', 'Baker Street', '221B', ''],
    ['Flat 3, 12 High Street', '', 'GB', 'High Street', '12', 'Flat 3'],
    ['Flat 2/1, 15 Byres Road', '', 'GB', 'Byres Road', '15', 'Flat 2/1'],
    ['12-14 Market Place', '', 'GB', 'Market Place', '12-14', ''],
    ['The Old Mill, 3 Church Lane', '', 'GB', 'Church Lane', '3', 'The Old Mill'],
    ['Apartment 7, 44 Merrion Square', '', 'IE', 'Merrion Square', '44', 'Apartment 7'],
    // France, Belgium, Luxembourg
    ['12 bis rue de la Paix', '', 'FR', 'rue de la Paix', '12 bis', ''],
    ['12bis rue de la Paix', '', 'FR', 'rue de la Paix', '12bis', ''],
    ['12, rue de la Paix', '', 'FR', 'rue de la Paix', '12', ''],
    ['8 ter avenue Jean Jaurès', '', 'FR', 'avenue Jean Jaurès', '8 ter', ''],
    ['Bât. B, 27 rue Sainte-Catherine', '', 'FR', 'rue Sainte-Catherine', '27', 'Bât. B'],
    ['5 rue Ste Catherine', '', 'FR', 'rue Ste Catherine', '5', ''],
    ['Rue de la Loi 16 bus 3', '', 'BE', 'Rue de la Loi', '16', 'bus 3'],
    ['Avenue Louise 149, boîte 24', '', 'BE', 'Avenue Louise', '149', 'boîte 24'],
    ['2, rue du Fort Wallis', '', 'LU', 'rue du Fort Wallis', '2', ''],
    // Italy
    ['Via Roma 12', '', 'IT', 'Via Roma', '12', ''],
    ['Via Roma, 12', '', 'IT', 'Via Roma', '12', ''],
    ['Via XX Settembre 5/A', '', 'IT', 'Via XX Settembre', '5/A', ''],
    ['Corso Vittorio Emanuele II 18', '', 'IT', 'Corso Vittorio Emanuele II', '18', ''],
    ['Via Roma 12, scala B, int. 5', '', 'IT', 'Via Roma', '12', 'scala B, int. 5'],
    ['Via Nazionale n. 7', '', 'IT', 'Via Nazionale', '7', ''],
    ['Via dei Mille snc', '', 'IT', 'Via dei Mille', 'snc', ''],
    // Spain and Portugal
    ['Calle Mayor 5, 3º izq', '', 'ES', 'Calle Mayor', '5', '3º izq'],
    ['C/ Mayor, 5', '', 'ES', 'C/ Mayor', '5', ''],
    ['C/ Alcalá, 45, 1º D', '', 'ES', 'C/ Alcalá', '45', '1º D'],
    ['Avda. de la Constitución 12, 2ª', '', 'ES', 'Avda. de la Constitución', '12', '2ª'],
    ['Calle del Portal 3', '', 'ES', 'Calle del Portal', '3', ''],
    ['Calle Mayor 5, portal 2, 4º B', '', 'ES', 'Calle Mayor', '5', 'portal 2, 4º B'],
    ['Camino Viejo s/n', '', 'ES', 'Camino Viejo', 's/n', ''],
    ['C/ San Bernardo nº 20', '', 'ES', 'C/ San Bernardo', '20', ''],
    ['Av. da Liberdade 110, 3º Esq', '', 'PT', 'Av. da Liberdade', '110', '3º Esq'],
    // Netherlands
    ['Kerkstraat 12a', '', 'NL', 'Kerkstraat', '12a', ''],
    ['Kerkstraat 12-A', '', 'NL', 'Kerkstraat', '12-A', ''],
    ['Prinsengracht 263 hs', '', 'NL', 'Prinsengracht', '263', 'hs'],
    ['Keizersgracht 123-III', '', 'NL', 'Keizersgracht', '123', 'III'],
    // Nordic
    ['Storgatan 3 B', '', 'SE', 'Storgatan', '3B', ''],
    ['Storgatan 3 B lgh 1102', '', 'SE', 'Storgatan', '3B', 'lgh 1102'],
    ['Drottninggatan 71, 2 tr', '', 'SE', 'Drottninggatan', '71', '2 tr'],
    ['Karl Johans gate 22 B, H0304', '', 'NO', 'Karl Johans gate', '22B', 'H0304'],
    ['Vesterbrogade 12, 3. th.', '', 'DK', 'Vesterbrogade', '12', '3. th.'],
    ['Nørrebrogade 45, st. tv.', '', 'DK', 'Nørrebrogade', '45', 'st. tv.'],
    ['Mannerheimintie 12 B 34', '', 'FI', 'Mannerheimintie', '12', 'B 34'],
    ['Hämeenkatu 5 as 7', '', 'FI', 'Hämeenkatu', '5', 'as 7'],
    // The house number column still wins; a unit in the street still moves.
    ['Main St Apt 4B', '123', 'US', 'Main St', '123', 'Apt 4B'],
    ['12 High Street', '14', 'GB', '12 High Street', '14', ''],
    // DACH forms keep their floor and door in the house number, as before.
    ['Hauptstr. 5 / Top 3', '', 'AT', 'Hauptstraße', '5/Top 3', ''],
    ['Hauptstr. 12, App. 4', '', 'DE', 'Hauptstraße', '12, App. 4', ''],
    ['Hauptstraße 12 bis 14', '', 'DE', 'Hauptstraße', '12 bis 14', ''],
    ['An der B 27 12', '', 'DE', 'An der B 27', '12', ''],
    ['5 Hauptstr.', '', 'DE', 'Hauptstraße', '5', ''],
    ['Am Hof 2 / 3. OG', '', 'DE', 'Am Hof', '2/ 3. OG', ''],
    ['Am Portal 5', '', 'DE', 'Am Portal', '5', ''],
  ])('%j + %j (%s) → %j %j %j', (street, number, country, expectedStreet, expectedNumber, expectedUnit) => {
    expect(normaliseStreet(street, number, country)).toEqual({
      street: expectedStreet,
      house_number: expectedNumber,
      unit: expectedUnit,
      poBox: false,
    });
  });
});

describe('postcode formats and the country they imply', () => {
  it.each<[string, string, string, boolean]>([
    ['1010', 'AT', '1010', true],
    ['1000', 'BE', '1000', true],
    ['1000', 'BG', '1000', true],
    ['10000', 'HR', '10000', true],
    ['1010', 'CY', '1010', true],
    ['110 00', 'CZ', '110 00', true],
    ['1050', 'DK', '1050', true],
    ['10115', 'EE', '10115', true],
    ['100', 'FI', '00100', true],
    ['75008', 'FR', '75008', true],
    ['105 57', 'GR', '105 57', true],
    ['1051', 'HU', '1051', true],
    ['d02x285', 'IE', 'D02 X285', true],
    ['D6W 1234', 'IE', 'D6W 1234', true],
    ['B12 3456', 'IE', 'B12 3456', false],
    ['20121', 'IT', '20121', true],
    ['1050', 'LV', 'LV-1050', true],
    ['LT-01100', 'LT', 'LT-01100', true],
    ['L-2449', 'LU', '2449', true],
    ['VLT 1117', 'MT', 'VLT 1117', true],
    ['1012 lg', 'NL', '1012 LG', true],
    ['00-950', 'PL', '00-950', true],
    ['1000-001', 'PT', '1000-001', true],
    ['010011', 'RO', '010011', true],
    ['811 01', 'SK', '811 01', true],
    ['1000', 'SI', '1000', true],
    ['28013', 'ES', '28013', true],
    ['53001', 'ES', '53001', false],
    ['111 52', 'SE', '111 52', true],
    ['ec1a1bb', 'GB', 'EC1A 1BB', true],
    ['M1 1AE', 'GB', 'M1 1AE', true],
    ['SW1A 1AC', 'GB', 'SW1A 1AC', false],
    ['60614', 'US', '60614', true],
    ['606141234', 'US', '60614-1234', true],
    ['2134', 'US', '02134', true],
    ['k1a0b1', 'CA', 'K1A 0B1', true],
    ['M5V 3L9', 'CA', 'M5V 3L9', true],
    ['W1A 1A1', 'CA', 'W1A 1A1', false],
    ['K1A 0D1', 'CA', 'K1A 0D1', false],
    ['8001', 'CH', '8001', true],
    ['0800', 'CH', '0800', false],
  ])('formatPostalCode(%j, %s) → %j', (body, country, code, wellFormed) => {
    expect(formatPostalCode(body, country)).toMatchObject({ code, wellFormed });
  });

  it.each<[string, string | undefined]>([
    ['SW1A 1AA', 'GB'],
    ['sw1a1aa', 'GB'],
    ['M1 1AE', 'GB'],
    ['GY1 1AA', 'GG'],
    ['JE2 3AB', 'JE'],
    ['IM1 1AD', 'IM'],
    ['1012 LG', 'NL'],
    ['1012LG', 'NL'],
    ['K1A 0B1', 'CA'],
    ['M5V3L9', 'CA'],
    ['D02 X285', 'IE'],
    ['VLT 1117', 'MT'],
    ['00-950', 'PL'],
    ['1000-001', 'PT'],
    ['60614-1234', 'US'],
    ['LV-1050', 'LV'],
    ['LT-01100', 'LT'],
    ['A-1010', 'AT'],
    ['D-80331', 'DE'],
    ['CH-8001', 'CH'],
    ['NL-1012 LG', 'NL'],
    // Shared or damaged forms imply nothing.
    ['80331', undefined],
    ['60614', undefined],
    ['1010', undefined],
    ['184', undefined],
    ['114 55', undefined],
    ['60614 1234', undefined],
    ['12345', undefined],
    ['00950', undefined],
    ['D-1010', undefined],
    ['', undefined],
    ['n/a', undefined],
  ])('countryFromPostcodeFormat(%j) → %s', (code, country) => {
    expect(countryFromPostcodeFormat(code)).toBe(country);
  });

  it('implies only countries whose rule accepts the code', () => {
    for (const code of ['SW1A 1AA', '1012 LG', 'K1A 0B1', 'D02 X285', '00-950', '1000-001', '60614-1234', 'VLT 1117']) {
      const country = countryFromPostcodeFormat(code) as string;
      expect(formatPostalCode(code, country).wellFormed, `${code} ${country}`).toBe(true);
    }
    expect(postcodeCountries('114 55').sort()).toEqual(['CZ', 'GR', 'SE', 'SK']);
    expect(postcodeCountries('80331')).toEqual(expect.arrayContaining(['DE', 'FR', 'IT', 'US']));
  });
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
    'US address: direction kept, suite in the unit',
    { street: '77 West Wacker Drive, Suite 4100', postal_code: '60601', city: 'Chicago', country: 'USA' },
    { street: 'West Wacker Drive', house_number: '77', unit: 'Suite 4100', postal_code: '60601', country: 'US', status: 'valid', reason: '' },
  ],
  [
    'multi-line street cell: the second line is the unit',
    { street: '3500 N Lake Shore Dr\nApt 12C', postal_code: '60657-1234', city: 'Chicago', country: 'US' },
    { street: 'N Lake Shore Dr', house_number: '3500', unit: 'Apt 12C', postal_code: '60657-1234', status: 'valid' },
  ],
  [
    'a unit column and the same unit in the street: kept once',
    { street: '2200 Kenmore Ave Apt 3B', address_unit: 'apt 3b', postal_code: '60614', city: 'Chicago', country: 'US' },
    { street: 'Kenmore Ave', house_number: '2200', unit: 'apt 3b' },
  ],
  [
    'a unit column and another one in the street: both kept',
    { street: 'Flat 3, 12 High Street', address_unit: 'Rear entrance', postal_code: 'CB2 1TN', city: 'Cambridge', country: 'UK' },
    { street: 'High Street', house_number: '12', unit: 'Rear entrance, Flat 3', postal_code: 'CB2 1TN', status: 'valid' },
  ],
  [
    'Spanish floor and door',
    { street: 'C/ Alcalá, 45, 1º D', postal_code: '28014', city: 'Madrid', country: 'España' },
    { street: 'C/ Alcalá', house_number: '45', unit: '1º D', country: 'ES', status: 'valid' },
  ],
  [
    'a unit alone is not a missing address',
    { address_unit: 'Suite 200' },
    { status: 'partial', reason: 'street_missing;postcode_missing;city_missing', unit: 'Suite 200' },
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
