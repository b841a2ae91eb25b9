import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { canonicalCompanyName, companyKey, lookupLegalForm, splitBranch } from '../src/company/index.js';
import { foldForKey as foldText, transliterateForDisplay as transliterate } from '../src/text/fold.js';

describe('foldText / transliterate', () => {
  test.each([
    ['Müller', 'mueller'],
    ['MÜLLER', 'mueller'],
    ['Mueller', 'mueller'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Müller-Lüdenscheidt', 'mueller luedenscheidt'],
    ['  José  Łukasz  Ørsted ', 'jose lukasz orsted'],
    ['A.B.C. & Söhne', 'a b c soehne'],
    ['', ''],
  ])('foldText(%j) = %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  test('transliterate keeps case and punctuation', () => {
    expect(transliterate('Müller & Söhne, Straße')).toBe('Mueller & Soehne, Strasse');
    expect(transliterate('ÄÖÜ ß é')).toBe('AeOeUe ss e');
    expect(transliterate('plain ascii')).toBe('plain ascii');
  });
});

describe('companyKey', () => {
  test.each([
    ['Müller GmbH', 'mueller', 'GmbH'],
    ['Mueller G.m.b.H.', 'mueller', 'GmbH'],
    ['MÜLLER GMBH', 'mueller', 'GmbH'],
    ['Müller Gesellschaft mit beschränkter Haftung', 'mueller', 'GmbH'],
    ['Müller Ges.m.b.H.', 'mueller', 'GmbH'],
    ['MÜLLER GMBH & Co. KG', 'mueller', 'GmbH & Co. KG'],
    ['Müller GmbH u. Co. KG', 'mueller', 'GmbH & Co. KG'],
    ['Müller GmbH und Co. KG', 'mueller', 'GmbH & Co. KG'],
    ['Müller GmbH+Co.KG', 'mueller', 'GmbH & Co. KG'],
    ['Müller & Co. KG', 'mueller', '& Co. KG'],
    ['Müller Co KG', 'mueller', '& Co. KG'],
    ['Mitsui & Company Ltd.', 'mitsui', '& Co. Ltd'],
    ['Müller & Co', 'mueller', '& Co.'],
    ['Müller Holzbau UG (haftungsbeschränkt)', 'mueller holzbau', 'UG'],
    ['Müller AG', 'mueller', 'AG'],
    ['Müller KG', 'mueller', 'KG'],
    ['Müller KGaA', 'mueller', 'KGaA'],
    ['Müller e.K.', 'mueller', 'e.K.'],
    ['Turnverein Musterstadt e.V.', 'turnverein musterstadt', 'e.V.'],
    ['Müller OHG', 'mueller', 'OHG'],
    ['Müller GbR', 'mueller', 'GbR'],
    ['Müller SE', 'mueller', 'SE'],
    ['Acme Ltd.', 'acme', 'Ltd'],
    ['Acme Limited', 'acme', 'Ltd'],
    ['Acme LLC', 'acme', 'LLC'],
    ['Acme Inc.', 'acme', 'Inc'],
    ['Acme Corp.', 'acme', 'Corp.'],
    ['Acme S.A.', 'acme', 'SA'],
    ['Acme S.r.l.', 'acme', 'SRL'],
    ['Acme S.à r.l.', 'acme', 'SARL'],
    ['Acme B.V.', 'acme', 'BV'],
    ['Acme s.r.o.', 'acme', 's.r.o.'],
    ['Acme sp. z o.o.', 'acme', 'Sp. z o.o.'],
    ['Acme Oy', 'acme', 'Oy'],
    ['Acme AB', 'acme', 'AB'],
    ['AB Volvo', 'volvo', 'AB'],
    ['Die Bahn AG', 'bahn', 'AG'],
    ['The Coca-Cola Company', 'coca cola', 'Co.'],
    ['MÜLLER HOLZBAU', 'mueller holzbau', ''],
  ])('%j → key %j, form %j', (name, key, form) => {
    const k = companyKey(name);
    expect(k.key).toBe(key);
    expect(k.legalForm).toBe(form);
  });

  test('variants of one company share the key; the legal form tells GmbH from GmbH & Co. KG', () => {
    const names = ['Müller Holzbau GmbH', 'Mueller Holzbau G.m.b.H.', 'MÜLLER HOLZBAU', 'Müller Holzbau GmbH & Co. KG'];
    expect(new Set(names.map((n) => companyKey(n).key))).toEqual(new Set(['mueller holzbau']));
    expect(companyKey(names[0]).legalFormType).toBe('LLC');
    expect(companyKey(names[3]).legalFormType).toBe('LP');
  });

  test('&, +, und and "and" are one connector', () => {
    const keys = ['Müller & Söhne', 'Müller und Söhne', 'Müller + Söhne', 'Mueller and Soehne'].map((n) => companyKey(n).key);
    expect(new Set(keys)).toEqual(new Set(['mueller und soehne']));
  });

  test('a name that is only a legal-form word keeps it as the key', () => {
    expect(companyKey('AG')).toMatchObject({ key: 'ag', legalForm: '' });
    expect(companyKey('Limited')).toMatchObject({ key: 'limited', legalForm: '' });
    expect(companyKey('The Company')).toMatchObject({ key: 'company', legalForm: '' });
    // A legal form word inside a name is left alone: only the end is searched.
    expect(companyKey('AG Bau Service').key).toBe('ag bau service');
  });

  test('branch suffixes are split off into their own field', () => {
    expect(companyKey('Müller Holzbau GmbH – Niederlassung Köln')).toMatchObject({
      key: 'mueller holzbau',
      legalForm: 'GmbH',
      display: 'Müller Holzbau GmbH',
      branch: 'Niederlassung Köln',
    });
    expect(companyKey('Müller Holzbau GmbH Zweigniederlassung Hamburg').branch).toBe('Zweigniederlassung Hamburg');
    expect(companyKey('Müller Holzbau GmbH (Filiale Wien)').branch).toBe('Filiale Wien');
    expect(companyKey('Müller GmbH, Standort Ulm')).toMatchObject({ key: 'mueller', branch: 'Standort Ulm' });
  });

  test('empty and blank names', () => {
    expect(companyKey('')).toMatchObject({ key: '', legalForm: '' });
    expect(companyKey('   ')).toMatchObject({ key: '', legalForm: '' });
    expect(companyKey('&')).toMatchObject({ key: 'und' });
  });
});

describe('splitBranch', () => {
  test.each([
    ['Müller-Werk GmbH', 'Müller-Werk GmbH', ''],
    ['Das Werk GmbH', 'Das Werk GmbH', ''],
    ['Müller GmbH - Werk Ulm', 'Müller GmbH', 'Werk Ulm'],
    ['Niederlassung Nord GmbH', 'Niederlassung Nord GmbH', ''],
    ['Office Partner GmbH', 'Office Partner GmbH', ''],
    ['Müller AG | NL Berlin', 'Müller AG', 'NL Berlin'],
  ])('%j', (name, base, branch) => {
    expect(splitBranch(name)).toEqual({ base, branch });
  });
});

describe('lookupLegalForm', () => {
  test('finds the canonical form of a written one', () => {
    expect(lookupLegalForm('G.m.b.H.')?.display).toBe('GmbH');
    expect(lookupLegalForm('Gesellschaft mbH & Co. KG')?.display).toBe('GmbH & Co. KG');
    expect(lookupLegalForm('Holzbau')).toBeUndefined();
  });
});

describe('canonicalCompanyName', () => {
  test('prefers the complete spelling, then the frequent one', () => {
    expect(canonicalCompanyName(['MÜLLER HOLZBAU', 'Mueller Holzbau G.m.b.H.', 'Müller Holzbau GmbH'])).toBe('Müller Holzbau GmbH');
    expect(canonicalCompanyName(['Acme GmbH', 'ACME GMBH', 'Acme GmbH', 'Acme Gmbh'])).toBe('Acme GmbH');
    expect(canonicalCompanyName(['Müller Holzbau GmbH – Niederlassung Köln', 'MUELLER HOLZBAU'])).toBe('Müller Holzbau GmbH');
    expect(canonicalCompanyName(['', ''])).toBe('');
  });

  test('reads a name in capitals as import cases it for display, so both name the company alike', () => {
    expect(canonicalCompanyName(['MÜLLER GMBH & CO. KG', 'Müller GmbH & Co KG'])).toBe('Müller GmbH & Co. KG');
    expect(canonicalCompanyName(['KOCH BAU AG'])).toBe('Koch Bau AG');
  });
});

// Company names from many countries (cleanco's test list, MIT): nothing may throw, keys stay
// non-empty, and keys are stable under upper-casing.
const SAMPLE = [
  'Aladdin Knowledge Systems Ltd.',
  'Anthony Clark International Insurance Brokers Inc.',
  'Avecia Group plc',
  'BSN Glasspack SAS',
  'China Mobile (Hong Kong) Ltd.',
  'Compania Anonima Nacional Telefonos de Venezuela S.A.',
  'El Nino Ventures, Inc.',
  'Etablissements Delhaize Freres & Cie - Le Lion',
  'Mitsui & Company Ltd.',
  'Olicom A/S',
  'Propernyn B.V.',
  'Telefonaktiebolaget L M Ericsson',
  'A/S Steamship Company Torm',
  'A.O. Tatneft',
  '360Networks Inc.',
];
const cleancoFile = '/work/shared/data/legal-forms/cleanco-companies-sample.csv';

describe('smoke test on international names', () => {
  function check(names: string[]) {
    for (const name of names) {
      const k = companyKey(name);
      expect(k.key, name).not.toBe('');
      expect(companyKey(name.toUpperCase()).key, name).toBe(k.key);
    }
  }
  test('inline sample', () => check(SAMPLE));
  test.runIf(existsSync(cleancoFile))('cleanco sample file', () => {
    const names = readFileSync(cleancoFile, 'utf8')
      .split('\n')
      .map((l) => l.split(';')[0].trim())
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(1000);
    check(names);
  });
});
