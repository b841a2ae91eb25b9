/**
 * Address checks for `leadkit validate`, postal code → place/state lookups for classify, and the
 * country resolver every command asks "which country is this row in?".
 */
export {
  ADDRESS_REASONS,
  checkAddress,
  type AddressInput,
  type AddressReason,
  type AddressResult,
  type AddressStatus,
} from './check.js';
export { matchCity, type CityMatch, type CityMatchResult } from './city-match.js';
export { normaliseCountry, type CountryResult } from './country.js';
export {
  CountryTally,
  countryFromPostcode,
  countryFromState,
  dominantCountry,
  resolveRowCountry,
  DOMINANT_MIN_ROWS,
  DOMINANT_SAMPLE_ROWS,
  DOMINANT_SHARE,
  type CountryCells,
  type CountryContext,
  type CountrySource,
  type RowCountry,
} from './country-resolver.js';
export {
  countryFromPostcodeFormat,
  formatPostalCode,
  hasPostalFormat,
  postcodeCountries,
  splitPostalPrefix,
  type PostalCodeCheck,
  type PostalCodeParts,
} from './postal-code.js';
export { lookupPostal, POSTAL_TABLE_COUNTRIES, type PostalInfo } from './postal-data.js';
export { normaliseHouseNumber, normaliseStreet, normaliseStreetName, type StreetParts } from './street.js';
