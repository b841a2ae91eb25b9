import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from '../src/classify/locale-number.js';
import { parseQuantityRange } from '../src/classify/quantity-range.js';
import { bandFor, companySizeBand, parseEmployees, parseRevenue, revenueBand } from '../src/classify/bands.js';
import { countryCode, regionFor, regionGroup } from '../src/classify/region.js';
import { classifySegment } from '../src/classify/segment.js';
import { classifyTitle } from '../src/classify/title.js';
import { CLASSIFY_COLUMNS, createClassifier } from '../src/classify/classify-row.js';
import { defaultRules, parseRules } from '../src/rules/load.js';
import type { Row } from '../src/table.js';

describe('parseLocaleNumber', () => {
  it.each<[string, number | undefined]>([
    ['42', 42],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.000', 1000],
    ['1,000', 1000],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['0,750', 0.75],
    ['12.345', 12345],
    ["1'000", 1000],
    ['1 000', 1000],
    ['-3,5', -3.5],
    [',5', 0.5],
    ['', undefined],
    ['abc', undefined],
    ['1.2.3', undefined],
    ['1,23,4', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseLocaleNumber(input)).toBe(expected);
  });
});

describe('company size', () => {
  it.each<[string, number, number]>([
    ['51-200', 51, 200],
    ['50+', 50, Infinity],
    ['ca. 100', 100, 100],
    ['1.000-4.999', 1000, 4999],
    ['1,000-4,999', 1000, 4999],
    ['>250', 251, Infinity],
    ['> 250 Mitarbeiter', 251, Infinity],
    ['≥ 250', 250, Infinity],
    ['bis 10', 0, 10],
    ['10 bis 49', 10, 49],
    ['1-9 MA', 1, 9],
    ['1 – 9 Mitarbeiter', 1, 9],
    ['über 500', 501, Infinity],
    ['mehr als 1000', 1001, Infinity],
    ['unter 10', 0, 9],
    ['< 10', 0, 9],
    ['up to 10 employees', 0, 10],
    ['10k+', 10000, Infinity],
    ['zwischen 10 und 49', 10, 49],
    ['~ 250', 250, 250],
    ['10.000+', 10000, Infinity],
  ])('%s → %s..%s', (text, min, max) => {
    expect(parseEmployees(text)).toEqual({ min, max });
  });

  it.each(['', 'k.A.', 'n/a', 'viele', '-', '2019: 10, 2020: 12, 2021: 15'])('"%s" has no size', (text) => {
    expect(parseEmployees(text)).toBeUndefined();
    expect(companySizeBand(text)).toBe('');
  });

  it.each<[string, string]>([
    ['5', '1-9'],
    ['9', '1-9'],
    ['10', '10-49'],
    ['1-9 MA', '1-9'],
    ['bis 10', '1-9'],
    ['11-50', '10-49'],
    ['10 bis 49', '10-49'],
    ['51-200', '50-249'],
    ['50+', '50-249'],
    ['ca. 100', '50-249'],
    ['249', '50-249'],
    ['250', '250+'],
    ['>250', '250+'],
    ['201-500', '250+'],
    ['1.000-4.999', '250+'],
    ['10.000+', '250+'],
  ])('%s → band %s (EU default)', (text, band) => {
    expect(companySizeBand(text)).toBe(band);
  });

  it('uses configured bands', () => {
    const bands = [{ label: 'S', max: 99 }, { label: 'M', max: 999 }, { label: 'L' }];
    expect(companySizeBand('51-200', bands)).toBe('M');
    expect(companySizeBand('ca. 80', bands)).toBe('S');
    expect(companySizeBand('5000', bands)).toBe('L');
    // A closed top band leaves larger companies unbanded rather than misfiled.
    expect(bandFor({ min: 2000, max: 2000 }, [{ label: 'S', max: 99 }, { label: 'M', max: 999 }])).toBe('');
  });
});

describe('revenue', () => {
  it.each<[string, number, number]>([
    ['5 Mio. €', 5e6, 5e6],
    ['€2.5M', 2.5e6, 2.5e6],
    ['1-5 Mio', 1e6, 5e6],
    ['500 T€', 5e5, 5e5],
    ['500 TEUR', 5e5, 5e5],
    ['2,5 Mrd. EUR', 2.5e9, 2.5e9],
    ['EUR 10 Mio.', 10e6, 10e6],
    ['10 Millionen Euro', 10e6, 10e6],
    ['$3M', 3e6, 3e6],
    ['1.000.000 €', 1e6, 1e6],
    ['unter 2 Mio', 0, 2e6 - 0.01],
    ['> 50 Mio €', 50e6 + 0.01, Infinity],
    ['10 - 50 Mio. EUR', 10e6, 50e6],
    ['500k', 5e5, 5e5],
    ['1.5 bn', 1.5e9, 1.5e9],
    ['CHF 12 Mio', 12e6, 12e6],
  ])('%s → %s..%s', (text, min, max) => {
    expect(parseRevenue(text)).toEqual({ min, max });
  });

  it.each<[string, string]>([
    ['500 T€', '0-2M'],
    ['2 Mio', '0-2M'],
    ['5 Mio. €', '2-10M'],
    ['1-5 Mio', '2-10M'],
    ['€2.5M', '2-10M'],
    ['10 - 50 Mio. EUR', '10-50M'],
    ['> 50 Mio €', '50M+'],
    ['2,5 Mrd.', '50M+'],
  ])('%s → band %s', (text, band) => {
    expect(revenueBand(text)).toBe(band);
  });

  it('excludes a strict bound by one person for head counts and by one cent for money', () => {
    expect(parseQuantityRange('< 10', true)).toEqual({ min: 0, max: 9 });
    expect(parseQuantityRange('< 10', false)).toEqual({ min: 0, max: 9.99 });
    expect(parseQuantityRange('bis 10', false)).toEqual({ min: 0, max: 10 });
  });
});

describe('region', () => {
  it.each<[string, string, string, string]>([
    ['DE', '80331', 'Bayern', 'DE-BY'],
    ['DE', '01067', 'Sachsen', 'DE-SN'],
    ['DE', '10115', 'Berlin', 'DE-BE'],
    ['DE', '20095', 'Hamburg', 'DE-HH'],
    ['DE', '50667', 'Nordrhein-Westfalen', 'DE-NW'],
    ['DE', '70173', 'Baden-Württemberg', 'DE-BW'],
    ['DE', '99084', 'Thüringen', 'DE-TH'],
    ['DE', '28195', 'Bremen', 'DE-HB'],
    ['DE', '66111', 'Saarland', 'DE-SL'],
    ['DE', '14467', 'Brandenburg', 'DE-BB'],
    ['DE', '39104', 'Sachsen-Anhalt', 'DE-ST'],
    ['DE', '19053', 'Mecklenburg-Vorpommern', 'DE-MV'],
    ['DE', '24103', 'Schleswig-Holstein', 'DE-SH'],
    ['DE', '30159', 'Niedersachsen', 'DE-NI'],
    ['DE', '65183', 'Hessen', 'DE-HE'],
    ['DE', '55116', 'Rheinland-Pfalz', 'DE-RP'],
    // Split prefixes: 014xx is mostly Saxony, 01945 Ruhland is Brandenburg; 19xxx holds MV and
    // Brandenburg (19348 Perleberg); 63xxx Hesse and Bavaria (63739 Aschaffenburg).
    ['DE', '01945', 'Brandenburg', 'DE-BB'],
    ['DE', '19348', 'Brandenburg', 'DE-BB'],
    ['DE', '63739', 'Bayern', 'DE-BY'],
    ['DE', '63065', 'Hessen', 'DE-HE'],
    ['AT', '1010', 'Wien', 'AT-9'],
    ['AT', '5020', 'Salzburg', 'AT-5'],
    ['AT', '6020', 'Tirol', 'AT-7'],
    ['AT', '8010', 'Steiermark', 'AT-6'],
    ['AT', '4020', 'Oberösterreich', 'AT-4'],
    ['AT', '6900', 'Vorarlberg', 'AT-8'],
    ['AT', '9020', 'Kärnten', 'AT-2'],
    ['AT', '7000', 'Burgenland', 'AT-1'],
    ['AT', '3100', 'Niederösterreich', 'AT-3'],
    ['CH', '8001', 'Zürich', 'CH-ZH'],
    ['CH', '3011', 'Bern', 'CH-BE'],
    ['CH', '1201', 'Genève', 'CH-GE'],
    ['CH', '4051', 'Basel-Stadt', 'CH-BS'],
    ['CH', '6900', 'Ticino', 'CH-TI'],
    ['CH', '9000', 'St. Gallen', 'CH-SG'],
  ])('%s %s → %s', (country, code, region, regionCode) => {
    expect(regionFor(country, code)).toEqual({ region, region_code: regionCode });
  });

  it('reads country spellings and postcode prefixes', () => {
    expect(regionFor('Deutschland', 'D-80331').region).toBe('Bayern');
    expect(regionFor('de', ' 80331 ').region).toBe('Bayern');
    expect(regionFor('Österreich', 'A-1010').region).toBe('Wien');
    expect(regionFor('Schweiz', 'CH-8001').region).toBe('Zürich');
  });

  it('restores the leading zero a spreadsheet removed from a German PLZ', () => {
    expect(regionFor('DE', '1067').region).toBe('Sachsen');
  });

  it('falls back to the state column when there is no usable postcode', () => {
    expect(regionFor('DE', '', 'Bavaria')).toEqual({ region: 'Bayern', region_code: 'DE-BY' });
    expect(regionFor('DE', 'unbekannt', 'NRW').region).toBe('Nordrhein-Westfalen');
    expect(regionFor('AT', '', 'Vienna').region).toBe('Wien');
    expect(regionFor('CH', '', 'Genf').region).toBe('Genève');
    expect(regionFor('DE', '', 'Atlantis')).toEqual({ region: '', region_code: '' });
  });

  it('passes the state through for countries without a table, and gives nothing without a country', () => {
    expect(regionFor('FR', '75001', 'Île-de-France')).toEqual({ region: 'Île-de-France', region_code: '' });
    expect(regionFor('', '80331')).toEqual({ region: '', region_code: '' });
  });

  it.each<[string, string]>([
    ['DE', 'DACH'],
    ['AT', 'DACH'],
    ['CH', 'DACH'],
    ['Deutschland', 'DACH'],
    ['FR', 'EU'],
    ['PL', 'EU'],
    ['GR', 'EU'],
    ['NL', 'EU'],
    ['GB', 'non-EU'],
    ['UK', 'non-EU'],
    ['US', 'non-EU'],
    ['LI', 'non-EU'],
    ['NO', 'non-EU'],
    ['', ''],
    ['XX', ''],
    ['EU', ''],
  ])('%s → %s', (country, group) => {
    expect(regionGroup(country)).toBe(group);
  });

  it('normalises country cells to ISO2', () => {
    expect(countryCode(' at ')).toBe('AT');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('Narnia')).toBe('');
  });
});

describe('segment', () => {
  const seg = (row: Row) => classifySegment(row, classifyTitle(row.title ?? ''));
  it.each<[string, Row, string]>([
    ['company + business domain', { company: 'Müller GmbH', email: 'a.mueller@mueller-gmbh.de' }, 'b2b'],
    ['company + free mail (sole trader)', { company: 'Malerbetrieb Huber', email: 'huber.maler@gmx.de' }, 'b2b'],
    ['only a free-mail address', { email: 'hans.meier@gmail.com' }, 'b2c'],
    ['free mail flagged by validate', { email: 'x@unknown-provider.example', email_flags: 'free' }, 'b2c'],
    ['only a business address', { email: 'info@firma.de' }, 'b2b'],
    ['title without company', { title: 'Geschäftsführer' }, 'b2b'],
    ['"Privat" in the company column', { company: 'Privat', email: 'max@firma.de' }, 'b2c'],
    ['placeholder company and free mail', { company: 'n/a', email: 'eva@web.de' }, 'b2c'],
    ['retired, free mail', { title: 'Rentner', email: 'kurt@t-online.de' }, 'b2c'],
    ['nothing to go on', { first_name: 'Anna' }, ''],
    ['free mail balanced by a website', { email: 'x@gmail.com', website: 'www.shop.de' }, ''],
    ['invalid email is not evidence', { email: 'x@gmail.com', email_status: 'invalid', title: 'Einkäufer' }, 'b2b'],
  ])('%s → %s', (_name, row, expected) => {
    expect(seg(row)).toBe(expected);
  });
});

describe('createClassifier', () => {
  it('fills every classify column for a typical German row', () => {
    const classify = createClassifier(defaultRules().classify);
    const row: Row = {
      company: 'Muster Maschinenbau GmbH',
      title: 'Leiterin Einkauf (m/w/d)',
      email: 'k.schulz@muster-mb.de',
      employees: '51-200',
      revenue: '5 Mio. €',
      country: 'DE',
      postal_code: '80331',
    };
    const out = classify(row);
    expect(Object.keys(out)).toEqual([...CLASSIFY_COLUMNS]);
    expect(out).toEqual({
      segment: 'b2b',
      company_size_band: '50-249',
      revenue_band: '2-10M',
      seniority: 'director',
      seniority_status: 'matched',
      job_function: 'purchasing',
      buying_role: 'buyer',
      region: 'Bayern',
      region_code: 'DE-BY',
      region_group: 'DACH',
    });
  });

  it('reads the list department column and never writes to it', () => {
    const classify = createClassifier(defaultRules().classify);
    const out = classify({ title: 'Sachbearbeiterin', department: 'Personalabteilung' });
    expect(out.job_function).toBe('hr');
    expect('department' in out).toBe(false);
  });

  it('keeps values the row already has unless keep_existing is false', () => {
    const row: Row = { company: 'X GmbH', segment: 'b2c', region: 'Süd', country: 'DE', postal_code: '80331' };
    expect(createClassifier(defaultRules().classify)(row)).toMatchObject({ segment: 'b2c', region: 'Süd', region_code: 'DE-BY' });
    const overwrite = parseRules('classify: { keep_existing: false }', 'r.yml').classify;
    expect(createClassifier(overwrite)(row)).toMatchObject({ segment: 'b2b', region: 'Bayern' });
  });

  it('applies default_country, custom bands and title rules from the rules file', () => {
    const rules = parseRules(
      [
        'classify:',
        '  default_country: AT',
        '  size_bands: [{ label: klein, max: 49 }, { label: gross }]',
        '  revenue_bands: [{ label: low, max: 1000000 }, { label: high }]',
        '  titles:',
        '    - { match: Praxisinhaber, seniority: executive, department: medical }',
      ].join('\n'),
      'r.yml',
    );
    const out = createClassifier(rules.classify)({ title: 'Praxisinhaberin', postal_code: '1010', employees: 'ca. 100', revenue: '500 T€' });
    expect(out).toMatchObject({
      region: 'Wien',
      region_group: 'DACH',
      company_size_band: 'gross',
      revenue_band: 'low',
      seniority: 'executive',
      job_function: 'medical',
      buying_role: 'decider',
    });
  });
});
