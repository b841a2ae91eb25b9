import { checkEmail, formatEmailFlags, applySuggestion } from '../email/index.js';
import { checkPhone, phoneDisplay, phoneRegion } from '../phone/index.js';
import { checkAddress, resolveRowCountry, type CountryContext } from '../address/index.js';

/**
 * Validation of one row as a pure function over cells, so it runs the same in the main thread
 * and in worker threads. Inputs and outputs are fixed lists of cells; the command maps rows to
 * and from them.
 */
export interface ValidateSettings {
  email: boolean;
  phone: boolean;
  address: boolean;
  fixTypos: boolean;
  defaultCountry: string;
  /** --default-country was given: a number read in it is read where the user said, not a guess. */
  defaultStated?: boolean;
  /**
   * The list's dominant country (src/address dominantCountry, e.g. on the first rows), tried for
   * rows without a country before defaultCountry; '' or absent for none.
   */
  listCountry?: string;
  /** Which of mobile / fax the input has (their columns are added only then). */
  hasMobile: boolean;
  hasFax: boolean;
}

export const INPUT_FIELDS = ['email', 'phone', 'mobile', 'fax', 'street', 'house_number', 'postal_code', 'city', 'country', 'state', 'address_unit'] as const;

/** The columns validate writes (existing ones are overwritten with their normalised value). */
export function outputColumns(s: ValidateSettings): string[] {
  const out: string[] = [];
  if (s.email) out.push('email', 'email_status', 'email_reason', 'email_flags', 'email_suggestion', ...(s.fixTypos ? ['email_original'] : []));
  if (s.phone) {
    // _display: the number as dialled from the list's region; _region_guessed: "true" when it is
    // valid only as a national number of a guessed country (see src/phone/check.ts).
    for (const f of phoneFields(s)) out.push(f, `${f}_status`, `${f}_type`, `${f}_country`, `${f}_extension`, `${f}_display`, `${f}_region_guessed`);
  }
  // city_original keeps the city as given when the postcode table corrected its spelling.
  // address_unit: the apartment, suite, floor or building line taken from the street ("Apt 4B").
  if (s.address) out.push('street', 'house_number', 'address_unit', 'postal_code', 'city', 'city_original', 'country', 'address_status', 'address_reason');
  // "true" when the country phones were read in and the address checked for did not come from
  // the row's country column (see makeCellValidator). Last, so the columns before keep their places.
  if (s.phone || s.address) out.push('country_guessed');
  return out;
}

export function phoneFields(s: ValidateSettings): string[] {
  return ['phone', ...(s.hasMobile ? ['mobile'] : []), ...(s.hasFax ? ['fax'] : [])];
}

export function makeCellValidator(s: ValidateSettings): (cells: string[]) => string[] {
  const width = outputColumns(s).length;
  const context: CountryContext = { listCountry: s.listCountry ?? '', defaultCountry: s.defaultCountry };
  return (c) => {
    const [email, phone, mobile, fax, street, houseNumber, postalCode, city, country, state, addressUnit] = c;
    // Allocated at its final size once, rather than grown by push (twice, with copying).
    const out = new Array<string>(width);
    let k = 0;
    if (s.email) {
      let r = checkEmail(email);
      let original = '';
      if (s.fixTypos && r.suggestion) {
        const fixed = applySuggestion(r);
        if (fixed !== r) {
          original = email;
          r = fixed;
        }
      }
      out[k++] = r.email;
      out[k++] = r.status;
      out[k++] = r.reason;
      out[k++] = formatEmailFlags(r.flags);
      out[k++] = r.suggestion;
      if (s.fixTypos) out[k++] = original;
    }
    // Which country the row is in, src/address's one answer: its country column, else a postcode
    // or state hint, the list's country, the default. It decides how national numbers are read
    // (0664… on an Austrian row) and which country the address is checked for. A country cell
    // naming no country gives '': phones are then read in the default, the address is not checked.
    const where = resolveRowCountry({ country, state, postal_code: postalCode }, context);
    const rowCountry = where.code;
    if (s.phone) {
      const cols: string[] = [phone];
      if (s.hasMobile) cols.push(mobile);
      if (s.hasFax) cols.push(fax);
      // A guessed country reads numbers with care: a local or foreign-looking number is not
      // made a valid one of the guessed country, and a valid one says it was a guess.
      const region = phoneRegion(rowCountry, s.defaultCountry);
      // Read with the same care either way (a local number stays no_area_code), but a country the
      // user named with --default-country is no guess of ours.
      const stated = s.defaultStated === true && where.source === 'default';
      for (const v of cols) {
        const p = checkPhone(v, rowCountry, s.defaultCountry, where.guessed);
        out[k++] = p.phone;
        out[k++] = p.status;
        out[k++] = p.type;
        out[k++] = p.country;
        out[k++] = p.extension;
        out[k++] = p.status === 'valid' ? phoneDisplay(p.phone, p.country, region) : '';
        out[k++] = p.regionGuessed && !stated ? 'true' : '';
      }
    }
    if (s.address) {
      // checkAddress takes the column (or a postcode prefix) itself, and its default when they are empty.
      const a = checkAddress({ street, house_number: houseNumber, address_unit: addressUnit, postal_code: postalCode, city, country }, rowCountry !== '' && where.guessed ? rowCountry : s.defaultCountry);
      // The table's spelling wins only when the check is sure (reason city_fixed); never a guess for an empty city.
      const fixed = a.city_suggestion !== '' && a.reasons.includes('city_fixed');
      out[k++] = a.street;
      out[k++] = a.house_number;
      out[k++] = a.unit;
      out[k++] = a.postal_code;
      out[k++] = fixed ? a.city_suggestion : a.city;
      out[k++] = fixed ? city : '';
      out[k++] = a.country;
      out[k++] = a.status;
      out[k++] = a.reason;
    }
    if (s.phone || s.address) out[k++] = where.guessed || rowCountry === '' ? 'true' : '';
    return out;
  };
}
