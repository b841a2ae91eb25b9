import { checkEmail, formatEmailFlags, applySuggestion } from '../email/index.js';
import { checkPhone } from '../phone/index.js';
import { checkAddress, normaliseCountry } from '../address/index.js';

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
  /** Which of mobile / fax the input has (their columns are added only then). */
  hasMobile: boolean;
  hasFax: boolean;
}

export const INPUT_FIELDS = ['email', 'phone', 'mobile', 'fax', 'street', 'house_number', 'postal_code', 'city', 'country'] as const;

/** The columns validate writes (existing ones are overwritten with their normalised value). */
export function outputColumns(s: ValidateSettings): string[] {
  const out: string[] = [];
  if (s.email) out.push('email', 'email_status', 'email_reason', 'email_flags', 'email_suggestion', ...(s.fixTypos ? ['email_original'] : []));
  if (s.phone) {
    for (const f of phoneFields(s)) out.push(f, `${f}_status`, `${f}_type`, `${f}_country`, `${f}_extension`);
  }
  // city_original keeps the city as given when the postcode table corrected its spelling.
  if (s.address) out.push('street', 'house_number', 'postal_code', 'city', 'city_original', 'country', 'address_status', 'address_reason');
  return out;
}

function phoneFields(s: ValidateSettings): string[] {
  return ['phone', ...(s.hasMobile ? ['mobile'] : []), ...(s.hasFax ? ['fax'] : [])];
}

export function makeCellValidator(s: ValidateSettings): (cells: string[]) => string[] {
  const width = outputColumns(s).length;
  return (c) => {
    const [email, phone, mobile, fax, street, houseNumber, postalCode, city, country] = c;
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
    // The row's own country decides how national numbers are read (0664… on an Austrian row).
    const rowCountry = country.trim() ? normaliseCountry(country).code : '';
    if (s.phone) {
      const cols: string[] = [phone];
      if (s.hasMobile) cols.push(mobile);
      if (s.hasFax) cols.push(fax);
      for (const v of cols) {
        const p = checkPhone(v, rowCountry, s.defaultCountry);
        out[k++] = p.phone;
        out[k++] = p.status;
        out[k++] = p.type;
        out[k++] = p.country;
        out[k++] = p.extension;
      }
    }
    if (s.address) {
      const a = checkAddress({ street, house_number: houseNumber, postal_code: postalCode, city, country }, s.defaultCountry);
      // The table's spelling wins only when the check is sure (reason city_fixed); never a guess for an empty city.
      const fixed = a.city_suggestion !== '' && a.reasons.includes('city_fixed');
      out[k++] = a.street;
      out[k++] = a.house_number;
      out[k++] = a.postal_code;
      out[k++] = fixed ? a.city_suggestion : a.city;
      out[k++] = fixed ? city : '';
      out[k++] = a.country;
      out[k++] = a.status;
      out[k++] = a.reason;
    }
    return out;
  };
}
