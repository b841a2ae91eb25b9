/**
 * Phone numbers as match keys. The key is src/phone's (phoneKey): E.164 for a valid number read in
 * the row's country, so a validated list ("+13102461501") and a raw one ("310/246-1501" on a US
 * row) agree; a digits key for the rest. For matching, the extension's digits follow the number
 * ("+4930123456" + "12"): two people behind one switchboard have different direct lines, and the
 * scorer's "same exchange, other extension" level compares keys up to their last digits. A
 * validated row keeps the extension in phone_extension / mobile_extension; pass it as extension.
 */
import { normaliseCountry } from '../address/country.js';
import { callingCodeOf, mainRegionOf, readPhoneKey } from '../phone/index.js';

/** The calling code for a country as lists write it ("DE", "Deutschland", "Österreich", "USA"). */
export function callingCode(country: string): string | undefined {
  if (!country) return undefined;
  const code = normaliseCountry(country).code;
  return (code === '' ? '' : callingCodeOf(code)) || undefined;
}

/** The region a default calling code stands for ("49" → DE, "1" → US, "44" → GB); '' when unknown. */
export function regionOfCallingCode(code: string): string {
  return code ? mainRegionOf(code) : '';
}

/**
 * The match key of a phone cell: phoneKey read in country (ISO alpha-2 or a name; the region
 * src/address's resolveRowCountry gives the row), else in defaultRegion, with the extension's
 * digits appended (the cell's own, else the given one). '' when the cell holds no number.
 */
export function matchPhoneKey(value: string, country: string, defaultRegion = 'DE', extension = ''): string {
  const read = readPhoneKey(value, country, defaultRegion);
  if (read.key === '') return '';
  const ext = read.extension || (extension === '' ? '' : extension.replace(/\D/g, ''));
  return ext === '' ? read.key : read.key + ext;
}

/**
 * matchPhoneKey with the default given as a calling code ("49"), for callers that resolved one.
 */
export function normalisePhone(value: string, country = '', defaultCode = '49'): string {
  if (!value) return '';
  return matchPhoneKey(value, country, regionOfCallingCode(defaultCode) || 'DE');
}
