import regionTable from '../data/classify/region-table.json' with { type: 'json' };
import { foldForCompare as foldText } from '../text/fold.js';
import { normaliseCountry } from '../address/country.js';

/**
 * Region from country and postcode: German Bundesland from the PLZ, Austrian Bundesland, Swiss
 * canton (table derived from GeoNames, see src/data/classify/README.md), and the DACH / EU /
 * non-EU grouping sales teams split territories by.
 */

interface CountryTable {
  names: Record<string, string>;
  aliases: Record<string, string[]>;
  prefixes: Record<string, string>;
  exceptions: Record<string, string>;
}

const TABLES = regionTable.countries as Record<string, CountryTable>;
/** Compiled once: cleanPostcode runs for every row. */
const POSTCODE_PATTERN: Record<string, RegExp> = { DE: /^\d{5}$/, AT: /^\d{4}$/, CH: /^\d{4}$/ };

/** EU member states (2020 onward) as ISO 3166-1 alpha-2; Greece is GR here, EL in EU usage. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);
export const DACH_COUNTRIES: ReadonlySet<string> = new Set(['DE', 'AT', 'CH']);

/**
 * ISO2 country code for a country cell, or '' when it is not one: src/address's resolver, the
 * one table of country names, codes and aliases every command reads ("Italien", "Tschechien",
 * "U.S.A.", "UK" …).
 */
export function countryCode(country: string): string {
  return normaliseCountry(country).code;
}

/** 'DACH', 'EU' (other member states), 'non-EU', or '' when the country is unknown. */
export function regionGroup(country: string): string {
  const cc = countryCode(country);
  if (cc === '') return '';
  if (DACH_COUNTRIES.has(cc)) return 'DACH';
  return EU_COUNTRIES.has(cc) ? 'EU' : 'non-EU';
}

/**
 * The postcode as the table knows it: country prefixes ("D-80331", "CH-8001") and spaces
 * removed. A German PLZ with four digits lost its leading zero in a spreadsheet (01067 became
 * 1067); for finding the region only, it is padded back — the postal_code column is untouched.
 */
function cleanPostcode(cc: string, postalCode: string): string {
  const digits = postalCode
    .trim()
    .toUpperCase()
    .replace(/^(?:D|DE|A|AT|CH)\s*-\s*/, '')
    .replace(/\s+/g, '');
  if (cc === 'DE' && /^\d{4}$/.test(digits)) return `0${digits}`;
  return POSTCODE_PATTERN[cc]?.test(digits) ? digits : '';
}

const stateIndex = new Map<string, Map<string, string>>();

function stateLookup(cc: string, table: CountryTable): Map<string, string> {
  let index = stateIndex.get(cc);
  if (index) return index;
  index = new Map();
  for (const [code, name] of Object.entries(table.names)) {
    for (const spelling of [name, code, `${cc}-${code}`, ...(table.aliases[code] ?? [])]) {
      index.set(foldText(spelling).replace(/[^\p{L}\p{N}]+/gu, ''), code);
    }
  }
  stateIndex.set(cc, index);
  return index;
}

export interface Region {
  /** Bundesland or canton name ("Bayern", "Wien", "Zürich"), or the list's own state value elsewhere. */
  region: string;
  /** ISO 3166-2 code ("DE-BY", "AT-9", "CH-ZH"), '' where no table applies. */
  region_code: string;
}

/**
 * Region for a row. The postcode decides where there is a table (DE, AT, CH); without a usable
 * postcode the `state` value is matched against the state names ("Bavaria", "BY", "Genf").
 * For other countries the state value is passed through as given.
 */
export function regionFor(country: string, postalCode: string, state = ''): Region {
  const cc = countryCode(country);
  const table = TABLES[cc];
  if (!table) return { region: state.trim(), region_code: '' };
  const code = cleanPostcode(cc, postalCode);
  let sub: string | undefined;
  if (code !== '') {
    sub = table.exceptions[code] ?? table.prefixes[code.slice(0, 3)] ?? table.prefixes[code.slice(0, 2)] ?? table.prefixes[code.slice(0, 1)];
  }
  if (!sub && state.trim() !== '') {
    sub = stateLookup(cc, table).get(foldText(state).replace(/[^\p{L}\p{N}]+/gu, ''));
  }
  return sub ? { region: table.names[sub], region_code: `${cc}-${sub}` } : { region: '', region_code: '' };
}
