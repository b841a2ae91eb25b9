/**
 * Postal code tables for the countries leadkit can check codes and towns for (DE, AT, CH, LI,
 * LU), derived from GeoNames by src/data/postal/derive.mjs. Loaded once, on first use, into one
 * Map per country.
 */
import { readDataLines } from './data-file.js';
import { formatPostalCode, splitPostalPrefix } from './postal-code.js';

export interface PostalInfo {
  /** Place names for the code: localities, municipalities, "Stuttgart Wangen"-style districts. */
  readonly places: readonly string[];
  /** State (Bundesland, Kanton, …) in its German or local name; '' when unknown. */
  readonly state: string;
  /** ISO 3166-2 subdivision suffix: DE "BY", AT "9", CH "ZH", LI "11", LU "CA"; '' when unknown. */
  readonly stateCode: string;
  /**
   * True for a German code used only by large-volume recipients (Großkunden-PLZ: firms,
   * authorities). Such codes are real but their town is only known when places is non-empty.
   */
  readonly recipientCode: boolean;
}

export const POSTAL_TABLE_COUNTRIES: ReadonlySet<string> = new Set(['DE', 'AT', 'CH', 'LI', 'LU']);

let tables: Map<string, Map<string, PostalInfo>> | undefined;

function load(): Map<string, Map<string, PostalInfo>> {
  const stateNames = new Map<string, string>();
  for (const line of readDataLines('postal/states.tsv')) {
    const [country, code, name] = line.split('\t');
    stateNames.set(`${country}\t${code}`, name);
  }
  const byCountry = new Map<string, Map<string, PostalInfo>>();
  for (const country of POSTAL_TABLE_COUNTRIES) byCountry.set(country, new Map());
  for (const line of readDataLines('postal/postal-codes.tsv')) {
    const [country, code, stateCode, places, flag] = line.split('\t');
    byCountry.get(country)?.set(
      code,
      Object.freeze({
        places: Object.freeze(places ? places.split('|') : []),
        state: stateNames.get(`${country}\t${stateCode}`) ?? '',
        stateCode,
        recipientCode: flag === 'L',
      }),
    );
  }
  return byCountry;
}

/** The table for one country, or undefined when leadkit has none for it. */
export function postalTable(country: string): ReadonlyMap<string, PostalInfo> | undefined {
  if (!POSTAL_TABLE_COUNTRIES.has(country)) return undefined;
  tables ??= load();
  return tables.get(country);
}

/**
 * Places and state for a postal code: lookupPostal('DE', '80331') → München, Bayern, BY.
 * country is an ISO alpha-2 code; the code may carry a prefix or have lost its leading zero
 * ("D-80331", "1067"). undefined when the code is not in the table or the country has none.
 */
export function lookupPostal(country: string, code: string): PostalInfo | undefined {
  const table = postalTable(country.trim().toUpperCase());
  if (table === undefined || typeof code !== 'string') return undefined;
  const { prefixCountry, body } = splitPostalPrefix(code);
  const upper = country.trim().toUpperCase();
  const formatted = formatPostalCode(body, upper, prefixCountry === '' || prefixCountry === upper);
  return formatted.wellFormed ? table.get(formatted.code) : undefined;
}
