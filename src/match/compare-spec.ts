/**
 * Extra comparison fields (`--compare FIELD:TYPE`): a customer number, VAT id or birth date that
 * the default person fields do not cover. The type decides how values are normalised and compared.
 */
import { companyKey } from '../company/key.js';
import { foldForKey as foldText } from '../text/fold.js';
import { normaliseCity, normalisePostalCode, normaliseStreet } from './address.js';
import { normaliseDate } from '../date/parse.js';
import { emailMatchKey, normaliseEmail } from './email.js';
import { foldNameField } from './person-name.js';
import { normalisePhone } from './phone.js';
import { normalizeDomain } from '../suppress/normalize.js';

export const COMPARE_TYPES = ['exact', 'name', 'text', 'date', 'email', 'phone', 'postal', 'city', 'street', 'company', 'domain'] as const;
export type CompareType = (typeof COMPARE_TYPES)[number];

export interface CompareField {
  /** Column name in the rows. */
  field: string;
  type: CompareType;
}

/** Parse "vat_id:exact" (type defaults to exact). Throws on an unknown type. */
export function parseCompareField(spec: string): CompareField {
  const i = spec.lastIndexOf(':');
  const field = (i === -1 ? spec : spec.slice(0, i)).trim();
  const type = (i === -1 ? 'exact' : spec.slice(i + 1).trim().toLowerCase()) as CompareType;
  if (!field) throw new Error(`--compare needs a field name: "${spec}"`);
  if (!COMPARE_TYPES.includes(type)) {
    throw new Error(`--compare ${spec}: unknown type "${type}" (use ${COMPARE_TYPES.join(', ')})`);
  }
  return { field, type };
}

/** The comparable form of a value of the given type ('' when empty or unusable). */
export function normaliseForCompare(type: CompareType, value: string, country = ''): string {
  if (!value) return '';
  switch (type) {
    case 'exact':
      // Identifiers are written with spaces, dots and dashes at will: "DE 123.456.789".
      return value.toUpperCase().replace(/[\s.\-/]/g, '');
    case 'name':
      return foldNameField(value);
    case 'text':
      return foldText(value);
    case 'date':
      return normaliseDate(value);
    case 'email': {
      const e = normaliseEmail(value);
      return e ? emailMatchKey(e) : '';
    }
    case 'phone':
      return normalisePhone(value, country);
    case 'postal':
      return normalisePostalCode(value);
    case 'city':
      return normaliseCity(value);
    case 'street':
      return normaliseStreet(value);
    case 'company':
      return companyKey(value).key;
    case 'domain':
      // A website or an address's domain, as suppress reads it: "https://www.Firma.de/kontakt" → firma.de.
      return normalizeDomain(value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : value);
  }
}
