/** Address checks for `leadkit validate`, and postal code → place/state lookups for classify. */
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
export { formatPostalCode, hasPostalFormat, splitPostalPrefix, type PostalCodeCheck, type PostalCodeParts } from './postal-code.js';
export { lookupPostal, POSTAL_TABLE_COUNTRIES, type PostalInfo } from './postal-data.js';
export { normaliseHouseNumber, normaliseStreet, normaliseStreetName, type StreetParts } from './street.js';
