import { describe, expect, it } from 'vitest';
import { checkPhone, cleanPhoneText, type PhoneResult } from '../src/phone/index.js';

type Expected = Partial<PhoneResult>;

/** [cell, row country, expected]; the default country is DE unless the case says otherwise. */
const VALID: Array<[string, string, Expected]> = [
  // Region from the row: the same digits are an Austrian mobile or a German landline.
  ['0664 1234567', 'AT', { phone: '+436641234567', type: 'mobile', country: 'AT' }],
  ['0664 1234567', 'Österreich', { phone: '+436641234567', type: 'mobile', country: 'AT' }],
  ['0664 1234567', 'DE', { phone: '+496641234567', type: 'fixed_line', country: 'DE' }],
  ['0664 1234567', '', { phone: '+496641234567', type: 'fixed_line', country: 'DE' }],
  ['044 668 18 00', 'CH', { phone: '+41446681800', type: 'fixed_line', country: 'CH' }],
  ['044 668 18 00', 'Schweiz', { phone: '+41446681800', type: 'fixed_line', country: 'CH' }],
  ['079 123 45 67', 'CH', { phone: '+41791234567', type: 'mobile', country: 'CH' }],
  ['+43 1 58858-0', 'AT', { phone: '+431588580', type: 'fixed_line', country: 'AT', extension: '' }],
  ['+43 1 58858-0', 'DE', { phone: '+431588580', type: 'fixed_line', country: 'AT' }],
  // German formats.
  ['0171/1234567', 'DE', { phone: '+491711234567', type: 'mobile', country: 'DE' }],
  ['+49 171 1234567', 'DE', { phone: '+491711234567', type: 'mobile', country: 'DE' }],
  ['(0 30) 12 34 56', 'DE', { phone: '+4930123456', type: 'fixed_line' }],
  ['089 / 12 34 56', 'DE', { phone: '+4989123456', type: 'fixed_line' }],
  ['+49 (0)30 1234567', 'DE', { phone: '+49301234567', type: 'fixed_line' }],
  ['+49 (0) 30 1234567', 'AT', { phone: '+49301234567', country: 'DE' }],
  ['0049-(0)40-123456', 'DE', { phone: '+4940123456', type: 'fixed_line' }],
  ['0049 40 123456', 'AT', { phone: '+4940123456', country: 'DE' }],
  ['Tel.: 089/1234567 (Zentrale)', 'DE', { phone: '+49891234567', extension: '' }],
  ['T +49 30 1234567', 'DE', { phone: '+49301234567' }],
  ['Mobil: +49 (0) 171 / 123 45 67', 'DE', { phone: '+491711234567', type: 'mobile' }],
  ['＋４９ ３０ １２３４５６７', 'DE', { phone: '+49301234567' }],
  ['491711234567.0', 'DE', { phone: '+491711234567', type: 'mobile' }],
  // Number types.
  ['0800 1234567', 'DE', { phone: '+498001234567', type: 'toll_free' }],
  ['0900 1234567', 'DE', { phone: '+499001234567', type: 'premium_rate' }],
  ['01801 123456', 'DE', { phone: '+491801123456', type: 'shared_cost' }],
  ['0700 12345678', 'DE', { phone: '+4970012345678', type: 'personal_number' }],
  ['+800 1234 5678', '', { phone: '+80012345678', type: 'toll_free', country: '' }],
  // Lost "+" (Excel): international when the digits start with a calling code and either the
  // national reading is invalid or the digits are too many for a national number without its 0.
  ['491711234567', 'DE', { phone: '+491711234567', type: 'mobile', country: 'DE' }],
  ['436641234567', 'DE', { phone: '+436641234567', type: 'mobile', country: 'AT' }],
  ['436641234567', 'AT', { phone: '+436641234567', type: 'mobile', country: 'AT' }],
  ['41446681800', 'CH', { phone: '+41446681800', country: 'CH' }],
  // … and a lost leading 0 stays national: Berlin, not Greece.
  ['1711234567', 'DE', { phone: '+491711234567', type: 'mobile' }],
  ['301234567', 'DE', { phone: '+49301234567', country: 'DE' }],
  // "00" is read as the international prefix even on a row whose region dials 011.
  ['0049 171 1234567', 'US', { phone: '+491711234567', country: 'DE' }],
  // Extensions in words; DIN 5008 hyphen digits stay in the number.
  ['089 1234567 ext. 12', 'DE', { phone: '+49891234567', extension: '12' }],
  ['089 1234567 Durchwahl 12', 'DE', { phone: '+49891234567', extension: '12' }],
  ['089 1234567 DW 12', 'DE', { phone: '+49891234567', extension: '12' }],
  ['089 1234567 x12', 'DE', { phone: '+49891234567', extension: '12' }],
  ['089 1234567 App. 305 (Sekretariat)', 'DE', { phone: '+49891234567', extension: '305' }],
  ['+49 30 1234567;ext=99', 'DE', { phone: '+49301234567', extension: '99' }],
  ['089 12345-67', 'DE', { phone: '+49891234567', extension: '' }],
  // Hyphen digits that make the number too long become the extension.
  ['044 668 18 00-123', 'CH', { phone: '+41446681800', extension: '123' }],
  // Other countries.
  ['+44 20 7946 0958', 'DE', { phone: '+442079460958', type: 'fixed_line', country: 'GB' }],
  ['020 7946 0958', 'GB', { phone: '+442079460958', country: 'GB' }],
  ['+33 1 42 68 53 00', '', { phone: '+33142685300', type: 'fixed_line', country: 'FR' }],
  ['06 12 34 56 78', 'Frankreich', { phone: '+33612345678', type: 'mobile', country: 'FR' }],
];

const INVALID: Array<[string, string]> = [
  ['12345', 'DE'],
  ['asdf', 'DE'],
  ['4.91711E+11', 'DE'],
  ['0171', 'DE'],
  ['+49 171', 'DE'],
  ['+0 171 1234567', 'DE'],
  ['089 1234567 / 0171 7654321', 'DE'],
  ['089 1234567; 089 7654321', 'DE'],
  ['Tel 089 1234567 Fax 089 1234568', 'DE'],
  ['0664 1234567 oder 0171 1234567', 'AT'],
];

const MISSING = ['', '   ', 'n/a', 'N/A', '-', '–', 'keine', 'Keine Angabe', '#NV', 'unbekannt', '0'];

describe('checkPhone: valid numbers', () => {
  it.each(VALID)('%j on a %j row', (raw, country, expected) => {
    const result = checkPhone(raw, country);
    expect(result.status).toBe('valid');
    expect(result).toMatchObject(expected);
  });
});

describe('checkPhone: invalid numbers keep the cell text', () => {
  it.each(INVALID)('%j', (raw, country) => {
    expect(checkPhone(raw, country)).toEqual({ phone: raw.trim(), status: 'invalid', type: '', country: '', extension: '', regionGuessed: false });
  });
});

describe('checkPhone: missing', () => {
  it.each(MISSING)('%j', (raw) => {
    expect(checkPhone(raw, 'DE')).toEqual({ phone: raw.trim(), status: 'missing', type: '', country: '', extension: '', regionGuessed: false });
  });

  it('treats a non-string cell as missing', () => {
    expect(checkPhone(undefined as unknown as string).status).toBe('missing');
  });
});

describe('checkPhone: regions', () => {
  it('uses the default country when the row has none or an unknown one', () => {
    expect(checkPhone('0664 1234567', '', 'AT')).toMatchObject({ phone: '+436641234567', country: 'AT' });
    expect(checkPhone('0664 1234567', 'Atlantis', 'AT')).toMatchObject({ phone: '+436641234567', country: 'AT' });
  });

  it('prefers the row country over the default', () => {
    expect(checkPhone('0664 1234567', 'DE', 'AT')).toMatchObject({ phone: '+496641234567', country: 'DE' });
  });

  it('rejects an unsupported default country as a configuration error', () => {
    expect(() => checkPhone('030 1234567', '', 'XX')).toThrow(RangeError);
  });

  it('returns the same result object for a repeated cell', () => {
    const first = checkPhone('030 1234567', 'DE');
    const second = checkPhone('030 1234567', 'DE');
    expect(second).toBe(first);
    expect(second).toEqual({ phone: '+49301234567', status: 'valid', type: 'fixed_line', country: 'DE', extension: '', regionGuessed: false });
  });
});

describe('cleanPhoneText', () => {
  it.each<[string, ReturnType<typeof cleanPhoneText>]>([
    ['Tel.: 089/1234567 (Zentrale)', { kind: 'digits', digits: '0891234567', plus: false, ext: '', tail: '' }],
    ['+49 (0)30 1234567', { kind: 'digits', digits: '49030' + '1234567', plus: true, ext: '', tail: '' }],
    ['089 12345-67', { kind: 'digits', digits: '0891234567', plus: false, ext: '', tail: '67' }],
    ['089 1234567 Durchwahl: 12', { kind: 'digits', digits: '0891234567', plus: false, ext: '12', tail: '' }],
    ['(+41) 44 668 18 00', { kind: 'digits', digits: '41446681800', plus: true, ext: '', tail: '' }],
    ['n/a', { kind: 'missing' }],
    ['', { kind: 'missing' }],
    ['keine Nummer', { kind: 'junk' }],
    ['4,9E+11', { kind: 'junk' }],
  ])('%j', (raw, expected) => {
    expect(cleanPhoneText(raw)).toEqual(expected);
  });
});
