/**
 * Phone numbers as match keys. After `leadkit validate` the phone column holds E.164 already; raw
 * lists write the same number as "030 1234567", "+49 (0)30 123 45 67" or "0049-30-1234567". This
 * cheap normaliser brings all of those to "+49301234567" using the row's country (or a default) for
 * national numbers. It is for matching only and does not validate.
 */
import { foldText } from '../company/transliterate.js';

/** Calling code → country names and codes as lists write them, folded, comma-separated. */
const COUNTRIES: [string, string][] = [
  ['49', 'de,deu,deutschland,germany,allemagne'],
  ['43', 'at,aut,oesterreich,austria,autriche'],
  ['41', 'ch,che,schweiz,switzerland,suisse,svizzera'],
  ['423', 'li,lie,liechtenstein'],
  ['352', 'lu,lux,luxemburg,luxembourg'],
  ['31', 'nl,nld,niederlande,netherlands,holland'],
  ['32', 'be,bel,belgien,belgium,belgique'],
  ['33', 'fr,fra,frankreich,france'],
  ['39', 'it,ita,italien,italy,italia'],
  ['34', 'es,esp,spanien,spain,espana'],
  ['351', 'pt,prt,portugal'],
  ['44', 'gb,gbr,uk,grossbritannien,vereinigtes koenigreich,united kingdom,england'],
  ['353', 'ie,irl,irland,ireland'],
  ['45', 'dk,dnk,daenemark,denmark'],
  ['46', 'se,swe,schweden,sweden'],
  ['47', 'no,nor,norwegen,norway'],
  ['358', 'fi,fin,finnland,finland'],
  ['48', 'pl,pol,polen,poland,polska'],
  ['420', 'cz,cze,tschechien,czechia,czech republic'],
  ['421', 'sk,svk,slowakei,slovakia'],
  ['36', 'hu,hun,ungarn,hungary'],
  ['386', 'si,svn,slowenien,slovenia'],
  ['385', 'hr,hrv,kroatien,croatia'],
  ['1', 'us,usa,vereinigte staaten,united states'],
];

const CALLING_CODES = new Map<string, string>();
for (const [code, names] of COUNTRIES) for (const n of names.split(',')) CALLING_CODES.set(n, code);

/** The calling code for a country as lists write it ("DE", "Deutschland", "Österreich"). */
export function callingCode(country: string): string | undefined {
  return country ? CALLING_CODES.get(foldText(country)) : undefined;
}

/**
 * "+<digits>" for a phone number, '' when the value has fewer than 6 digits. National numbers
 * (leading 0) take the calling code of `country`, falling back to `defaultCode`. A number without
 * "+", "00" or "0" is kept as its digits: it may be international without the "+" or local without
 * the area code, and guessing would invent agreement.
 */
export function normalisePhone(value: string, country = '', defaultCode = '49'): string {
  if (!value) return '';
  if (/^\+[1-9]\d{5,15}$/.test(value)) return value;
  // "+49 (0)30 …": the bracketed trunk zero is not dialled from abroad.
  const v = value.replace(/\(0\)/g, '');
  const digits = v.replace(/\D/g, '');
  if (digits.length < 6) return '';
  if (/^\s*\+/.test(v)) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+${callingCode(country) ?? defaultCode}${digits.slice(1)}`;
  return `+${digits}`;
}
