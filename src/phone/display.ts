/**
 * The form of a valid number a person dials from a call list: the national format when the
 * number's calling code is the one of the row's region ("030 12345678" on a German row,
 * "(312) 534-2680" on an American one, a Canadian "(416) 555-0123" on an American row too, since
 * +1 is dialled as one plan), else the international format ("+43 1 5875555" on a German row).
 * The extension is not part of it (it stays in its own column).
 *
 * Why not libphonenumber's formatNational() alone: it parses the number again and compiles its
 * format patterns on every call (about 20 µs, several times a validate row's budget). The same
 * steps run here on the library's own formats, compiled once per region: the first format whose
 * last leading-digits pattern matches the start and whose pattern matches the whole national
 * number, with the national prefix formatting rule in the national form and the separators of
 * the international form turned into spaces. A test compares both on generated numbers of every
 * region; numbers without a region (+800 …) go to the library itself.
 */
import { Metadata, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { callingCodeOf } from './numbering.js';

interface LibraryFormat {
  pattern(): string;
  format(): string;
  internationalFormat(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
}

interface CompiledFormat {
  leading: RegExp | null;
  whole: RegExp;
  groups: RegExp;
  national: string;
  international: string;
}

/** libphonenumber's own list of punctuation (VALID_PUNCTUATION), for the international separators. */
const PUNCTUATION = /[-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \xA0\xAD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E]+/g;
const FIRST_GROUP = /(\$\d)/;

const compiled = new Map<string, CompiledFormat[] | null>();

function formatsOf(region: string): CompiledFormat[] | null {
  let list = compiled.get(region);
  if (list !== undefined) return list;
  list = null;
  try {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(region as CountryCode);
    const plan = metadata.numberingPlan as unknown as { formats?: () => LibraryFormat[] } | undefined;
    if (plan && typeof plan.formats === 'function') {
      list = plan.formats().map((f) => {
        const leading = f.leadingDigitsPatterns();
        const rule = f.nationalPrefixFormattingRule();
        return {
          leading: leading.length > 0 ? new RegExp(`^(?:${leading[leading.length - 1]})`) : null,
          whole: new RegExp(`^(?:${f.pattern()})$`),
          groups: new RegExp(f.pattern()),
          national: rule ? f.format().replace(FIRST_GROUP, rule) : f.format(),
          international: f.internationalFormat(),
        };
      });
    }
  } catch {
    list = null;
  }
  compiled.set(region, list);
  return list;
}

/** The number in its country's national or the international format (see the module comment). */
function formatted(nsn: string, callingCode: string, country: string, international: boolean): string {
  const formats = formatsOf(country);
  if (formats === null) return '';
  const format = formats.find((f) => (f.leading === null || f.leading.test(nsn)) && f.whole.test(nsn));
  if (!international) return format ? nsn.replace(format.groups, format.national) : nsn;
  const body = format ? nsn.replace(format.groups, format.international).replace(PUNCTUATION, ' ').trim() : nsn;
  return `+${callingCode} ${body}`;
}

/** libphonenumber's formatting, for numbers without a region and for the equivalence test. */
export function phoneDisplayWithLibrary(e164: string, region: string): string {
  try {
    const parsed = parsePhoneNumberWithError(e164);
    const cc = typeof region === 'string' && region !== '' ? callingCodeOf(region.toUpperCase()) : '';
    return cc !== '' && parsed.countryCallingCode === cc ? parsed.formatNational() : parsed.formatInternational();
  } catch {
    return '';
  }
}

const E164 = /^\+[1-9]\d{3,15}$/;

/**
 * The display form of a valid E.164 number, whose own region is numberCountry (checkPhone's
 * country, '' for +800-style numbers), on a row read in region (ISO alpha-2); '' for anything
 * that is not E.164. Never throws.
 */
export function phoneDisplay(e164: string, numberCountry: string, region: string): string {
  if (typeof e164 !== 'string' || !E164.test(e164)) return '';
  const cc = typeof numberCountry === 'string' && numberCountry !== '' ? callingCodeOf(numberCountry) : '';
  if (cc === '') return phoneDisplayWithLibrary(e164, region);
  if (!e164.startsWith(`+${cc}`)) return '';
  const rowCc = typeof region === 'string' && region !== '' ? callingCodeOf(region.toUpperCase()) : '';
  return formatted(e164.slice(1 + cc.length), cc, numberCountry, rowCc !== cc) || phoneDisplayWithLibrary(e164, region);
}
